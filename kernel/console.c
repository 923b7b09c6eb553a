// SPDX-License-Identifier: GPL-2.0-only
#include "console.h"

#include <stdarg.h>

#include "drivers/ns16550.h"
#include "drivers/pl011.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include "pci.h"
#include "pci_host.h"

/* The console UART: an Arm PL011, or a 16550 behind a PCI function. */
struct uart_ops {
	void (*putc)(uintptr_t base, char c);
	int (*getc)(uintptr_t base);
};
static const struct uart_ops pl011_ops = { pl011_putc, pl011_getc };
static const struct uart_ops ns16550_ops = { ns16550_putc, ns16550_getc };
static const struct uart_ops *uart = &pl011_ops;

static uintptr_t uart_base;
static int uart_irq = -1;
static bool uart_on_pci;
static uint32_t uart_sbdf;
static spinlock_t console_lock = SPINLOCK_INIT;
/* Before the MMU is on, memory is Device memory, where exclusive
 * accesses are not guaranteed to work: take no lock until then. */
static bool use_lock;

static int gic_spi_of(const struct fdt *fdt, int node);
static bool pci_uart_init(const struct fdt *fdt, int node);

/*
 * stdout-path names a function of the ECAM host bridge, in the PCI
 * binding's form (reg's first cell: bus << 16 | dev << 11 | fn << 8).
 * Firmware has assigned its BAR 0; we switch its decoding on.
 */
static bool pci_uart_init(const struct fdt *fdt, int node)
{
	int bridge = fdt_parent(fdt, node), len;
	const uint8_t *reg = fdt_getprop(fdt, node, "reg", &len);
	const uint8_t *range = fdt_getprop(fdt, bridge, "bus-range", NULL);
	uint64_t ecam, ecam_size, bar;
	unsigned int bus, first = range ? fdt_cells_to_u64(range, 1) : 0;
	volatile uint8_t *cfg;
	uint32_t hi;

	if (!reg || len < 4 || fdt_reg(fdt, bridge, 0, &ecam, &ecam_size))
		return false;
	hi = fdt_cells_to_u64(reg, 1);
	bus = (hi >> 16) & 0xff;
	if (bus < first || ((uint64_t)(bus - first) << 20) >= ecam_size)
		return false;
	cfg = (volatile uint8_t *)(uintptr_t)(ecam + ((uint64_t)(bus - first) << 20) +
					      ((hi >> 8 & 0xff) << 12));
	if (*(volatile uint16_t *)cfg == 0xffff ||
	    (*(volatile uint32_t *)(cfg + PCI_CLASS_REVISION) >> 16) != 0x0700)
		return false;	/* not there, or not a 16550-style serial port */
	bar = *(volatile uint32_t *)(cfg + PCI_BAR0);
	if (bar & 1)
		uart_base = pci_bridge_to_cpu(fdt, bridge, 1, bar & ~3u, 8);
	else if (bar & ~0xfu)
		uart_base = pci_bridge_to_cpu(fdt, bridge, 2, bar & ~0xfu, 8);
	if (!uart_base)
		return false;
	*(volatile uint16_t *)(cfg + PCI_COMMAND) |= bar & 1 ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	uart = &ns16550_ops;
	ns16550_init(uart_base);
	uart_on_pci = true;
	uart_sbdf = PCI_SBDF(0, bus, (hi >> 11) & 0x1f, (hi >> 8) & 7);
	return true;
}

bool console_pci_function(uint32_t *sbdf)
{
	if (uart_on_pci)
		*sbdf = uart_sbdf;
	return uart_on_pci;
}

void console_pci_irq_init(const struct fdt *fdt)
{
	struct pci_dev *pdev = uart_on_pci ? pci_host_find(uart_sbdf) : NULL;

	if (pdev)
		uart_irq = pci_host_intx_intid(fdt, uart_sbdf,
					       pci_host_cfg.read(NULL, uart_sbdf, PCI_INTERRUPT_PIN, 1));
}

bool console_init(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	char buf[128];
	uint64_t size;
	int node;
	size_t n;

	if (chosen < 0 || fdt_read_string(fdt, chosen, "stdout-path", &path))
		return false;
	/* "path:options" -- drop the options */
	for (n = 0; path[n] && path[n] != ':' && n < sizeof(buf) - 1; n++)
		buf[n] = path[n];
	buf[n] = 0;
	node = fdt_path_offset(fdt, buf);
	if (node >= 0 && fdt_is_compatible(fdt, fdt_parent(fdt, node), "pci-host-ecam-generic"))
		return pci_uart_init(fdt, node);
	if (node < 0 || !fdt_is_compatible(fdt, node, "arm,pl011"))
		return false;
	if (fdt_reg(fdt, node, 0, (uint64_t *)&uart_base, &size))
		return false;
	uart_irq = gic_spi_of(fdt, node);
	return true;
}

/* The first interrupt of node, if it is a GIC SPI (3-cell specifier). */
static int gic_spi_of(const struct fdt *fdt, int node)
{
	const uint8_t *p;
	int len;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (!p || len < 12 || fdt_cells_to_u64(p, 1) != 0)
		return -1;
	return 32 + (int)fdt_cells_to_u64(p + 4, 1);
}

int console_irq(void)
{
	return uart_irq;
}

void console_enable_rx(void)
{
	if (uart_on_pci) {
		ns16550_enable_rx(uart_base);
		return;
	}
	/* Receive and receive-timeout interrupts. */
	*(volatile uint32_t *)(uart_base + PL011_IMSC) = PL011_INT_RX | PL011_INT_RT;
}

int console_getc(void)
{
	return uart_base ? uart->getc(uart_base) : -1;
}

void console_enable_lock(void)
{
	use_lock = true;
}

/* Whose unfinished line the cursor is on, or NULL. Under console_lock. */
static const void *partial_owner;

static void emit(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			uart->putc(uart_base, '\r');
		uart->putc(uart_base, *s);
	}
}

void printk(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (!uart_base)
		return;
	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (use_lock)
		spin_lock(&console_lock);
	if (partial_owner) {
		emit("\n");
		partial_owner = NULL;
	}
	emit(line);
	if (use_lock)
		spin_unlock(&console_lock);
}

void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end)
{
	if (!uart_base)
		return;
	if (use_lock)
		spin_lock(&console_lock);
	if (partial_owner != owner) {
		if (partial_owner)
			emit("\n");
		emit(prefix);
	}
	emit(text);
	if (line_end)
		emit("\n");
	partial_owner = line_end ? NULL : owner;
	if (use_lock)
		spin_unlock(&console_lock);
}

void console_emergency_puts(const char *s)
{
	if (uart_base)
		emit(s);
}
