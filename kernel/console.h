/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: the UART named by /chosen/stdout-path. Lines
 * are formatted first and written under one lock, so lines from
 * different CPUs and guests never interleave.
 */
#ifndef TESSERA_CONSOLE_H
#define TESSERA_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

struct domain;
struct fdt;

/*
 * Find and set up the console UART named by /chosen/stdout-path, through
 * the first driver in kernel/drivers/uart.h that takes it (a PL011, or a
 * 16550 that is a function of the PCI host bridge). False if none does.
 */
bool console_init(const struct fdt *fdt);
/* Has console_init() found one? (Before: nothing printed is seen.) */
bool console_present(void);
/* The console's PCI function, if it is one: dom_xen keeps it (HID-1). */
bool console_pci_function(uint32_t *sbdf);
/* After PCI enumeration: what the driver could not know before (the PCI
 * UART's INTx, for console input). */
void console_late_init(const struct fdt *fdt);
/* One formatted line (printk.h), written whole under the console lock. */
void console_write_line(const char *line);
/*
 * A guest's output: prefix then text, ending the line if line_end. An
 * unfinished line (a shell prompt) stays on screen, and the same owner's
 * next text continues it; anyone else's output starts a new line first.
 */
void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end);
/* No lock, no formatting state: for the fatal-fault path only. */
void console_emergency_puts(const char *s);
/* After secondary CPUs start, printk serialises with a lock. */
void console_enable_lock(void);

/* Input: the UART's receive interrupt (a host line, kernel/irq.h, or -1
 * if the tree names none), switched on by console_enable_rx(). */
int console_irq(void);
void console_enable_rx(void);
int console_getc(void);

/* Typed characters go to one guest at a time; Ctrl-a three times moves
 * the focus to the next running guest (as on Xen's console). */
void console_focus_start(void);
bool console_has_focus(const struct domain *d);
/* d has stopped: if it had the input, pass it to the next guest. */
void console_focus_lost(const struct domain *d);
void console_input(void);

#endif
