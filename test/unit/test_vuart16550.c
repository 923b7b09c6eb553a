// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual 16550 (kernel/vuart16550.c, with kernel/vuart.c) as a
 * guest's driver sees it through its eight registers, with this file in
 * the place of the console and the interrupt controller. Also the
 * console seam (kernel/guest_console.c) routing typed input by d->uart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arch/guest.h"
#include "console.h"
#include "domain.h"
#include "guest_console.h"
#include "irq.h"
#include "vuart16550.h"

enum { RBR, IER, IIR, LCR, MCR, LSR, MSR, SCR };
#define FCR IIR
#define DLL RBR
#define DLM IER

static struct domain dom;
static bool focus, level;
static unsigned int level_calls;
static char out[4096];		/* what reached the console, '|' ends a line */

int domain_add_mmio(struct domain *d, const struct mmio_region *r)
{
	return 0;	/* the vPL011 on the seam's other branch */
}

bool console_has_focus(const struct domain *d)
{
	return focus;
}

void virq_set_level(struct domain *d, unsigned int virq, bool l)
{
	assert_int_equal(virq, GUEST_VUART_IRQ);
	level = l;
	level_calls++;
}

void console_guest_write(const void *owner, const char *prefix, const char *text,
			 bool line_end)
{
	size_t n = strlen(out);

	snprintf(out + n, sizeof(out) - n, "%s%s%s", prefix, text, line_end ? "|" : "");
}

static int setup(void **state)
{
	memset(&dom, 0, sizeof(dom));
	strcpy(dom.name, "vm1");
	dom.uart = GUEST_UART_16550;
	out[0] = 0;
	focus = level = false;
	level_calls = 0;
	return vuart16550_init(&dom);
}

static uint8_t rd(unsigned int reg)
{
	return vuart16550_read(&dom, reg);
}

static void wr(unsigned int reg, uint8_t v)
{
	vuart16550_write(&dom, reg, v);
}

static void puts_guest(const char *s)
{
	for (; *s; s++)
		wr(RBR, (uint8_t)*s);
}

static void test_dlab_switches_registers(void **state)
{
	wr(IER, 0x05);
	wr(LCR, 0x83);
	wr(DLL, 0x0c);
	wr(DLM, 0x01);
	assert_int_equal(rd(DLL), 0x0c);
	assert_int_equal(rd(DLM), 0x01);
	assert_string_equal(out, "");		/* a divisor write is not output */
	wr(LCR, 0x03);
	assert_int_equal(rd(IER), 0x05);
	assert_int_equal(rd(LCR), 0x03);
	wr(RBR, 'x');
	vuart16550_flush(&dom);
	assert_string_equal(out, "[vm1] x");
	wr(LCR, 0x83);
	assert_int_equal(rd(DLL), 0x0c);	/* the character did not land there */
}

static void test_plain_registers(void **state)
{
	assert_int_equal(rd(DLL), 0);		/* RBR, empty */
	wr(SCR, 0xa5);
	assert_int_equal(rd(SCR), 0xa5);
	wr(IER, 0xff);
	assert_int_equal(rd(IER), 0x0f);	/* bits 4-7 do not exist */
	wr(MCR, 0xff);
	assert_int_equal(rd(MCR), 0x1f);
	wr(LSR, 0x00);				/* read-only */
	assert_int_equal(rd(LSR) & 0x60, 0x60);
	assert_int_equal(rd(8), 0xff);
	assert_int_equal(rd(100), 0xff);
	wr(8, 1);
}

static void test_lsr_bits(void **state)
{
	assert_int_equal(rd(LSR), 0x60);	/* THRE | TEMT, always */
	vuart16550_rx(&dom, 'a');
	assert_int_equal(rd(LSR), 0x61);
	assert_int_equal(rd(RBR), 'a');
	assert_int_equal(rd(LSR), 0x60);
	assert_int_equal(rd(RBR), 0);
}

static void test_rx_overflow_dropped(void **state)
{
	unsigned int i;

	for (i = 0; i < VUART_RX_FIFO + 5; i++)
		vuart16550_rx(&dom, (char)('0' + i % 10));
	assert_int_equal(rd(LSR), 0x63);	/* DR | OE */
	assert_int_equal(rd(LSR), 0x61);	/* OE cleared by reading */
	for (i = 0; i < VUART_RX_FIFO; i++)
		assert_int_equal(rd(RBR), '0' + i % 10);
	assert_int_equal(rd(LSR), 0x60);	/* the five extra are gone */
}

static void test_iir_priority_and_clearing(void **state)
{
	unsigned int i;

	assert_int_equal(rd(IIR), 0x01);
	wr(MCR, 0x10);				/* loopback: the modem lines move */
	for (i = 0; i < VUART_RX_FIFO + 1; i++)
		vuart16550_rx(&dom, 'z');
	wr(IER, 0x0f);
	assert_true(level);
	assert_int_equal(rd(IIR), 0x06);	/* line status (overrun) first */
	rd(LSR);
	assert_int_equal(rd(IIR), 0x04);	/* then received data */
	for (i = 0; i < VUART_RX_FIFO; i++)
		rd(RBR);
	assert_int_equal(rd(IIR), 0x02);	/* then THR empty, cleared by this read */
	assert_int_equal(rd(IIR), 0x00);	/* then modem status */
	assert_true(level);
	assert_int_equal(rd(MSR) & 0x0f, 0x0b);	/* DCTS, DDSR, DDCD */
	assert_int_equal(rd(IIR), 0x01);
	assert_false(level);
	assert_false(vuart16550_irq_pending(&dom));
}

static void test_interrupts_follow_ier(void **state)
{
	vuart16550_rx(&dom, 'k');
	assert_false(level);			/* IER 0: data, but no interrupt */
	assert_int_equal(rd(IIR), 0x01);
	wr(IER, 0x01);
	assert_true(level);
	assert_true(vuart16550_irq_pending(&dom));
	rd(RBR);
	assert_false(level);
	vuart16550_rx(&dom, 'm');		/* typed input raises it by itself */
	assert_true(level);
}

static void test_thr_empty_interrupt(void **state)
{
	wr(IER, 0x02);				/* enabling it with THR empty raises it */
	assert_true(level);
	assert_int_equal(rd(IIR), 0x02);
	assert_false(level);
	assert_int_equal(rd(IIR), 0x01);
	wr(RBR, 'a');				/* sent at once: empty again */
	assert_true(level);
	wr(IER, 0x00);
	assert_false(level);
	assert_true(level_calls > 0);
}

static void test_fifo_mode(void **state)
{
	unsigned int i;

	vuart16550_rx(&dom, 'q');
	wr(FCR, 0x01);				/* enabling the FIFOs empties them */
	assert_int_equal(rd(LSR) & 0x01, 0);
	wr(IER, 0x01);
	assert_int_equal(rd(IIR), 0xc1);
	vuart16550_rx(&dom, 'a');
	assert_int_equal(rd(IIR), 0xc4);	/* trigger level 1 */
	wr(FCR, 0xc1);				/* trigger 14: below it, a timeout */
	assert_int_equal(rd(LSR) & 0x01, 1);	/* enable unchanged: kept */
	assert_int_equal(rd(IIR), 0xcc);
	for (i = 0; i < 13; i++)
		vuart16550_rx(&dom, 'b');
	assert_int_equal(rd(IIR), 0xc4);
	wr(FCR, 0xc3);				/* clear RX */
	assert_int_equal(rd(LSR), 0x60);
	assert_int_equal(rd(IIR), 0xc1);
	vuart16550_rx(&dom, 'c');
	wr(FCR, 0x00);				/* off: empty again, IIR bits 6-7 clear */
	assert_int_equal(rd(IIR), 0x01);
	assert_int_equal(rd(LSR), 0x60);
}

static void test_loopback(void **state)
{
	wr(MCR, 0x10);
	assert_int_equal(rd(MSR), 0x0b);	/* CTS DSR DCD dropped, deltas */
	wr(MCR, 0x1f);
	assert_int_equal(rd(MSR), 0xfb);	/* every output wired back */
	wr(MCR, 0x1b);
	assert_int_equal(rd(MSR) & 0x4f, 0x04);	/* RI's trailing edge */
	puts_guest("hi");
	assert_int_equal(rd(RBR), 'h');
	assert_int_equal(rd(RBR), 'i');
	wr(MCR, 0x00);
	rd(MSR);
	assert_int_equal(rd(MSR), 0xb0);
	vuart16550_flush(&dom);
	assert_string_equal(out, "");		/* nothing left the chip */
}

static void test_line_output(void **state)
{
	puts_guest("hello\r\nworld\n");
	assert_string_equal(out, "[vm1] hello|[vm1] world|");
	out[0] = 0;
	puts_guest("a\x1b[31mb\x01\x7f\tc\n");
	assert_string_equal(out, "[vm1] ab..\tc|");
}

static void test_long_line_split(void **state)
{
	for (unsigned int i = 0; i < VUART_LINE_LEN; i++)
		wr(RBR, 'x');
	assert_int_equal(strlen(out), strlen("[vm1] ") + VUART_LINE_LEN - 1);
}

static void test_partial_line_flush(void **state)
{
	puts_guest("login: ");
	assert_string_equal(out, "");
	vuart16550_flush(&dom);
	assert_string_equal(out, "[vm1] login: ");
	out[0] = 0;
	wr(IER, 0x02);
	puts_guest("$ ");
	wr(IER, 0x00);				/* the driver has sent all it had */
	assert_string_equal(out, "[vm1] $ ");
}

static void test_interactive_output(void **state)
{
	focus = true;
	vuart16550_rx(&dom, 'l');
	puts_guest("ab");
	assert_string_equal(out, "[vm1] a[vm1] b");
}

static void test_console_seam(void **state)
{
	guest_console_rx(&dom, 'r');
	assert_int_equal(rd(RBR), 'r');
	puts_guest("tail");
	guest_console_flush(&dom);
	assert_string_equal(out, "[vm1] tail");
	dom.uart = GUEST_UART_NONE;
	guest_console_rx(&dom, 's');		/* nobody to give it to */
	dom.uart = GUEST_UART_16550;
	assert_int_equal(rd(LSR) & 0x01, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_dlab_switches_registers, setup),
		cmocka_unit_test_setup(test_plain_registers, setup),
		cmocka_unit_test_setup(test_lsr_bits, setup),
		cmocka_unit_test_setup(test_rx_overflow_dropped, setup),
		cmocka_unit_test_setup(test_iir_priority_and_clearing, setup),
		cmocka_unit_test_setup(test_interrupts_follow_ier, setup),
		cmocka_unit_test_setup(test_thr_empty_interrupt, setup),
		cmocka_unit_test_setup(test_fifo_mode, setup),
		cmocka_unit_test_setup(test_loopback, setup),
		cmocka_unit_test_setup(test_line_output, setup),
		cmocka_unit_test_setup(test_long_line_split, setup),
		cmocka_unit_test_setup(test_partial_line_flush, setup),
		cmocka_unit_test_setup(test_interactive_output, setup),
		cmocka_unit_test_setup(test_console_seam, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
