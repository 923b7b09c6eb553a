/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's log: formatted lines on the console (kernel/console.h
 * says where they go and how lines from different CPUs are kept whole).
 * Any module may print; printk depends on nothing but the console's
 * line output, so no include cycle can form through it.
 */
#ifndef TESSERA_PRINTK_H
#define TESSERA_PRINTK_H

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
