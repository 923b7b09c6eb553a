// SPDX-License-Identifier: GPL-2.0-only
/*
 * Console input focus. Changed in the console interrupt (CPU 0) and when
 * the focused guest stops (any CPU); a single word, read and written
 * atomically: a race only means one keystroke goes to the old guest.
 */
#include "console.h"
#include "domain.h"
#include "guest_console.h"
#include "printk.h"

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
	__atomic_store_n(&focus, 0, __ATOMIC_RELAXED);
	announce();
}

bool console_has_focus(const struct domain *d)
{
	return nr_domains && &domains[__atomic_load_n(&focus, __ATOMIC_RELAXED)] == d;
}

static bool switch_focus(void)
{
	unsigned int i, cur = __atomic_load_n(&focus, __ATOMIC_RELAXED);

	for (i = 1; i < nr_domains; i++) {
		unsigned int next = (cur + i) % nr_domains;

		if (__atomic_load_n(&domains[next].state, __ATOMIC_ACQUIRE) != DOM_STOPPED) {
			__atomic_store_n(&focus, next, __ATOMIC_RELAXED);
			announce();
			return true;
		}
	}
	return false;
}

void console_focus_lost(const struct domain *d)
{
	if (console_irq() >= 0 && console_has_focus(d))
		switch_focus();
}

static void handle(char c)
{
	if (c == CTRL_A) {
		if (++ctrl_a == 3) {
			ctrl_a = 0;
			if (!switch_focus())
				announce();	/* nobody else to switch to */
		}
		return;
	}
	/* Fewer than three Ctrl-a: they were meant for the guest. */
	for (; ctrl_a; ctrl_a--)
		guest_console_rx(&domains[__atomic_load_n(&focus, __ATOMIC_RELAXED)], CTRL_A);
	guest_console_rx(&domains[__atomic_load_n(&focus, __ATOMIC_RELAXED)], c);
}

void console_input(void)
{
	int c;

	while ((c = console_getc()) >= 0)
		if (nr_domains)
			handle((char)c);
}
