// SPDX-License-Identifier: GPL-2.0-only
#include "drivers/pl011.h"

static inline uint32_t rd(uintptr_t base, unsigned int off)
{
	return *(volatile uint32_t *)(base + off);
}

void pl011_putc(uintptr_t base, char c)
{
	while (rd(base, PL011_FR) & PL011_FR_TXFF)
		;
	*(volatile uint32_t *)(base + PL011_DR) = (uint8_t)c;
}

int pl011_getc(uintptr_t base)
{
	if (rd(base, PL011_FR) & PL011_FR_RXFE)
		return -1;
	return rd(base, PL011_DR) & 0xff;
}
