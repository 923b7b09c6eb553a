// SPDX-License-Identifier: GPL-2.0-only
/*
 * Port I/O exits. Every port exits (the I/O permission map is all
 * ones). The guest's machine has its 16550 at 0x3f8, the ACPI sleep
 * control register (power off), the reset ports 0xcf9 and 0x64, the
 * read-only vRTC at 0x70/0x71 (vrtc.c) and the 8254's counters at
 * 0x40-0x43 and 0x61 (vpit.c); a domain with PCI devices has PCI config
 * space at 0xcf8/0xcfc and its I/O BARs at their guest ports
 * (kernel/pci_assign.h);
 * everything else reads all-ones and drops writes, said once.
 */
#include "exits.h"

#include "arch/guest.h"
#include "domain.h"
#include "pci_assign.h"
#include "vmcb.h"
#include "vpit.h"
#include "vrtc.h"
#include "vuart16550.h"

#define CF9_RST_CPU	(1u << 2)
#define CONFIG_ADDRESS	0xcf8
#define CONFIG_DATA	0xcfc
#define CF8_ENABLE	(1u << 31)
#define KBC_CMD_PORT	0x64
#define KBC_PULSE_RESET	0xfe

static uint32_t width_mask(unsigned int size)
{
	return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

/* IN writes al, ax or eax; a 32-bit write clears the upper half. */
static void set_in_result(uint64_t *rax, unsigned int size, uint32_t val)
{
	if (size == 4)
		*rax = val;
	else
		*rax = (*rax & ~(uint64_t)width_mask(size)) | (val & width_mask(size));
}

static bool platform_out(struct vcpu *v, uint16_t port, unsigned int size, uint32_t val)
{
	struct domain *d = v->dom;

	if (port == GUEST_SLEEP_CTL_PORT && size == 1) {
		if (val & GUEST_SLEEP_EN)
			domain_poweroff(v);
		return true;
	}
	if (port == GUEST_RESET_PORT && size == 1) {
		if (val & CF9_RST_CPU)
			domain_reboot(v);
		d->arch.cf9 = (uint8_t)val;
		return true;
	}
	if (port == KBC_CMD_PORT && size == 1 && val == KBC_PULSE_RESET)
		domain_reboot(v);
	return size == 1 && (vrtc_io(v, port, true, &val) || vpit_io(v, port, true, &val));
}

static bool platform_in(struct vcpu *v, uint16_t port, unsigned int size, uint32_t *val)
{
	if ((port == GUEST_SLEEP_CTL_PORT || port == GUEST_SLEEP_STS_PORT) && size == 1) {
		*val = 0;
		return true;
	}
	if (port == GUEST_RESET_PORT && size == 1) {
		*val = v->dom->arch.cf9;
		return true;
	}
	return size == 1 && (vrtc_io(v, port, false, val) || vpit_io(v, port, false, val));
}

/*
 * PCI configuration mechanism #1 (PCI 3.0 section 3.2.2.3.2): a dword
 * at 0xcf8 selects bus, device, function and register; 0xcfc-0xcff then
 * reach that register's bytes, through the same vPCI handlers as the
 * guest's ECAM. Narrower accesses to 0xcf8-0xcfb (0xcf9 is the reset
 * register) are not the address register.
 */
static bool config_io(struct vcpu *v, uint16_t port, unsigned int size, bool in, uint32_t *val)
{
	uint32_t *addr = &v->dom->arch.cf8, off;

	if (port == CONFIG_ADDRESS && size == 4) {
		if (in)
			*val = *addr;
		else
			*addr = *val & ~3u;
		return true;
	}
	/* A byte at 0xcfb picks the mechanism on some old chipsets (Linux
	 * writes one probing for mechanism #1): nothing to pick here. */
	if (port == CONFIG_ADDRESS + 3 && size == 1) {
		*val = in ? 0 : *val;
		return true;
	}
	if (port < CONFIG_DATA || port + size > CONFIG_DATA + 4)
		return false;
	if (!(*addr & CF8_ENABLE)) {
		*val = in ? ~0u : *val;
		return true;
	}
	/* Bus, device and function (bits 23:8) as ECAM's bits 27:12. */
	off = ((*addr & 0x00ffff00u) << 4) | (*addr & 0xfc) | (port - CONFIG_DATA);
	if (!pci_guest_config(v, off, size, !in, val) && in)
		*val = ~0u;
	return true;
}

static bool vuart_port(uint16_t port)
{
	return port >= GUEST_VUART_16550_PORT && port < GUEST_VUART_16550_PORT + GUEST_VUART_16550_SIZE;
}

void x86_port_io(struct vcpu *v)
{
	struct vmcb *vm = v->arch.vmcb;
	uint64_t info = vm->ctl.exit_info1, *rax = &v->arch.regs.gpr[0];
	uint16_t port = (uint16_t)(info >> IOIO_PORT_SHIFT);
	unsigned int size = (info >> IOIO_SIZE_SHIFT) & 7;
	uint32_t val = (uint32_t)*rax & width_mask(size);
	bool in = info & IOIO_IN, done;

	if (size != 1 && size != 2 && size != 4)
		domain_crash(v, "port I/O of unknown size at port 0x%x", port);
	if (info & (IOIO_STR | IOIO_REP))
		domain_crash(v, "string port I/O (ins/outs) at port 0x%x, which Tessera does not emulate",
			     port);
	vm->save.rip = vm->ctl.exit_info2;	/* the next instruction */
	if (vuart_port(port) && v->dom->uart == GUEST_UART_16550) {
		if (in)
			set_in_result(rax, size, vuart16550_read(v->dom, port - GUEST_VUART_16550_PORT));
		else
			vuart16550_write(v->dom, port - GUEST_VUART_16550_PORT, (uint8_t)val);
		return;
	}
	if (in) {
		done = config_io(v, port, size, true, &val) || platform_in(v, port, size, &val) ||
		       pci_guest_io(v, port, size, false, &val);
		set_in_result(rax, size, done ? val : 0xffffffffu);
	} else {
		done = config_io(v, port, size, false, &val) || platform_out(v, port, size, val) ||
		       pci_guest_io(v, port, size, true, &val);
	}
	if (!done)
		domain_note_once(v->dom, NOTE_PORT_IO,
				 "port I/O to 0x%x, which nothing emulates: reads all-ones, writes dropped",
				 port);
}
