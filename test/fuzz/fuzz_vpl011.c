// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: a guest driving its virtual PL011 (kernel/vpl011.c)
 * however it likes, interleaved with typed input and focus changes. The
 * input is a sequence of 8-byte steps:
 *   kind (u8: 0-3 MMIO access, 4 a typed character, 5 focus toggle,
 *   6 flush), size selector (u8), offset (u16, within the UART page),
 *   value (u32)
 * Checked after every step, with the real vPL011 code and this file in
 * the place of the console and the interrupt controller:
 * - a buffered line that reaches the console holds no escape sequence
 *   or control character (a guest cannot drive the user's terminal);
 * - no line is longer than VUART_LINE_LEN;
 * - the receive FIFO never holds more than VUART_RX_FIFO characters;
 * - the interrupt line is high exactly when (RIS & IMSC) != 0, read
 *   back through the guest's own view of the registers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "arch/guest.h"
#include "domain.h"
#include "irq.h"
#include "vpl011.h"
#include "fuzz_vuart.h"

#define UARTRIS		0x03c
#define UARTIMSC	0x038

static struct domain dom;
static struct vcpu vcpu;
static struct mmio_region region;

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	region = *r;
	return 0;
}

static uint64_t guest_read(uint64_t off, unsigned int size)
{
	uint64_t val = 0;

	if (region.access(&vcpu, region.priv, off, size, false, &val))
		abort();
	return val;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8 };
	size_t i;

	memset(&dom, 0, sizeof(dom));
	memset(&vcpu, 0, sizeof(vcpu));
	vcpu.dom = &dom;
	focus = false;
	if (vpl011_init(&dom) || region.size != GUEST_VUART_SIZE)
		abort();
	for (i = 0; i + 8 <= size; i += 8) {
		unsigned int kind = data[i] % 7, sz = sizes[data[i + 1] % 4];
		uint64_t off = (data[i + 2] | data[i + 3] << 8) % GUEST_VUART_SIZE;
		uint64_t val = data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 |
			       (uint64_t)data[i + 7] << 24;

		if (kind < 4) {
			level_set = false;
			if (region.access(&vcpu, region.priv, off, sz, kind & 1, &val) || !level_set)
				abort();
		} else if (kind == 4) {
			vpl011_rx(&dom, (char)val);
		} else if (kind == 5) {
			focus = !focus;
		} else {
			vpl011_flush(&dom);
		}
		if (dom.vpl011.rx.count > VUART_RX_FIFO || dom.vpl011.out.len >= VUART_LINE_LEN)
			abort();
		if (kind < 5 && level != ((guest_read(UARTRIS, 4) & guest_read(UARTIMSC, 4)) != 0))
			abort();
	}
	return 0;
}
