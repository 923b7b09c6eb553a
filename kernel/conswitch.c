// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console input focus. Runs in the console interrupt, on the CPU the
 * UART's interrupt is routed to; the focus is only read and changed
 * there, so it needs no lock.
 */
#include "console.h"
#include "domain.h"

#define CTRL_A	0x01

static unsigned int focus;	/* index in domains[] */
static unsigned int ctrl_a;	/* Ctrl-a pressed in a row */

static void announce(void)
{
	printk("tessera: console input goes to %s (Ctrl-a three times to switch)\n",
	       domains[focus].name);
}

void console_focus_start(void)
{
	if (!nr_domains || console_irq() < 0)
		return;
	focus = 0;
	announce();
}

static void switch_focus(void)
{
	unsigned int i;

	for (i = 1; i <= nr_domains; i++) {
		unsigned int next = (focus + i) % nr_domains;

		if (__atomic_load_n(&domains[next].state, __ATOMIC_ACQUIRE) != DOM_STOPPED) {
			focus = next;
			break;
		}
	}
	announce();
}

static void handle(char c)
{
	if (c == CTRL_A) {
		if (++ctrl_a == 3) {
			ctrl_a = 0;
			switch_focus();
		}
		return;
	}
	/* Fewer than three Ctrl-a: they were meant for the guest. */
	for (; ctrl_a; ctrl_a--)
		vpl011_rx(&domains[focus], CTRL_A);
	vpl011_rx(&domains[focus], c);
}

void console_input(void)
{
	int c;

	while ((c = console_getc()) >= 0)
		if (nr_domains)
			handle((char)c);
}
