// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest driving its virtual 16550
 * (kernel/vuart16550.c) however it likes, interleaved with typed input,
 * focus changes and flushes. The input is a sequence of 3-byte steps:
 *   kind (u8: 0 read, 1 write, 2 a typed character, 3 focus toggle,
 *   4 flush), register (u8, taken as is: 8 and beyond must be harmless),
 *   value (u8)
 * Checked after every step, with this file in the place of the console
 * and the interrupt controller:
 * - IIR always reads as a code the chip can give (bits 4-5 clear, bits
 *   6-7 both or neither, a defined cause) without changing the line;
 * - the line is high exactly when IIR names a cause;
 * - a buffered line holds no escape or control character and is never
 *   longer than VUART_LINE_LEN; the receive FIFO never holds more than
 *   VUART_RX_FIFO characters.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/guest.h"
#include "console.h"
#include "domain.h"
#include "irq.h"
#include "vuart16550.h"
#include "fuzz_vuart.h"

static struct domain dom;

static bool valid_iir(uint8_t iir)
{
	uint8_t cause = iir & 0x0f;

	if ((iir & 0x30) || ((iir >> 6) != 0 && (iir >> 6) != 3))
		return false;
	return cause == 0x01 || cause == 0x00 || cause == 0x02 || cause == 0x04 ||
	       cause == 0x06 || cause == 0x0c;
}

/* IIR as the guest reads it, without acknowledging a THR-empty cause
 * the steps have not read themselves (the line set by that read is
 * put back with it). */
static uint8_t peek_iir(void)
{
	bool thr = dom.vuart16550.thr_irq, was = level;
	uint8_t iir = vuart16550_read(&dom, 2);

	dom.vuart16550.thr_irq = thr;
	level = was;
	return iir;
}

static void step(uint8_t kind, uint8_t reg, uint8_t val)
{
	switch (kind % 5) {
	case 0:
		vuart16550_read(&dom, reg);
		break;
	case 1:
		vuart16550_write(&dom, reg, val);
		break;
	case 2:
		vuart16550_rx(&dom, (char)val);
		break;
	case 3:
		focus = !focus;
		break;
	default:
		vuart16550_flush(&dom);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	memset(&dom, 0, sizeof(dom));
	strcpy(dom.name, "fuzz");
	dom.uart = GUEST_UART_16550;
	focus = level = false;
	if (vuart16550_init(&dom))
		abort();
	for (i = 0; i + 3 <= size; i += 3) {
		uint8_t iir;

		step(data[i], data[i + 1], data[i + 2]);
		if (data[i] % 5 == 3)
			continue;	/* focus alone changes no register */
		if (dom.vuart16550.rx.count > VUART_RX_FIFO ||
		    dom.vuart16550.out.len >= VUART_LINE_LEN)
			abort();
		if (level != vuart16550_irq_pending(&dom))
			abort();
		iir = peek_iir();
		if (!valid_iir(iir) || level != !(iir & 1))
			abort();
	}
	return 0;
}
