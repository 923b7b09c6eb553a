// SPDX-License-Identifier: GPL-2.0-only
/*
 * Port I/O exits. Every port exits (the I/O permission map is all
 * ones). The guest's machine has its 16550 at 0x3f8, the ACPI sleep
 * control register (power off), the reset ports 0xcf9 and 0x64, the
 * read-only vRTC at 0x70/0x71 (vrtc.c) and the 8254's counters at
 * 0x40-0x43 and 0x61 (vpit.c);
 * everything else reads all-ones and drops writes, said once.
 */
#include "exits.h"

#include "arch/guest.h"
#include "domain.h"
#include "vmcb.h"
#include "vpit.h"
#include "vrtc.h"
#include "vuart16550.h"

#define CF9_RST_CPU	(1u << 2)
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
		done = platform_in(v, port, size, &val);
		set_in_result(rax, size, done ? val : 0xffffffffu);
	} else {
		done = platform_out(v, port, size, val);
	}
	if (!done)
		domain_note_once(v->dom, NOTE_PORT_IO,
				 "port I/O to 0x%x, which nothing emulates: reads all-ones, writes dropped",
				 port);
}
