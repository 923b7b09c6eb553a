// SPDX-License-Identifier: GPL-2.0-only
/*
 * The board check's interrupt controllers (kernel/lib/caps.c over
 * platform/qemu-virt-arm64/caps.c): a GICv3, a GICv2 with its four
 * frames, a GICv2 without GICH and GICV, and a controller Tessera does
 * not drive, each said in the words the planner and the hypervisor use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/caps.h"
#include "lib/fdt.h"
#include "lib/fdt_write.h"

static uint8_t blob[1024];
static char err[CAPS_ERR_LEN];

/* A board with one interrupt controller of nregs frames, nothing else:
 * PSCI and the console are missing, said after the controller if at all. */
static const char *check(const char *compatible, unsigned int nregs)
{
	uint32_t reg[16] = { 0 };
	struct fdtw w;
	struct fdt fdt;
	unsigned int i;
	int n;

	for (i = 0; i < nregs; i++)
		reg[4 * i + 1] = 0x08000000 + 0x10000 * i, reg[4 * i + 3] = 0x10000;
	fdtw_init(&w, blob, sizeof(blob));
	fdtw_begin_node(&w, "");
	fdtw_prop_u32(&w, "#address-cells", 2);
	fdtw_prop_u32(&w, "#size-cells", 2);
	fdtw_begin_node(&w, "intc@8000000");
	fdtw_prop_string(&w, "compatible", compatible);
	fdtw_prop_empty(&w, "interrupt-controller");
	fdtw_prop_cells(&w, "reg", reg, 4 * nregs);
	fdtw_end_node(&w);
	fdtw_end_node(&w);
	n = fdtw_finish(&w);
	assert_true(n > 0);
	assert_int_equal(fdt_init(&fdt, blob, n), 0);
	assert_int_equal(caps_check_board(&platform_caps, &fdt, NULL, err, sizeof(err)), -1);
	return err;
}

static void test_gics_driven(void **state)
{
	assert_null(strstr(check("arm,gic-v3", 2), "interrupt controller"));
	assert_null(strstr(check("arm,gic-400", 4), "interrupt controller"));
	assert_null(strstr(check("arm,cortex-a15-gic", 4), "interrupt controller"));
}

static void test_gicv2_without_virtualization(void **state)
{
	const char *want = "interrupt controller arm,cortex-a15-gic: the GIC has no "
			   "virtualization extensions (no GICH and GICV in its reg); ";

	assert_memory_equal(check("arm,cortex-a15-gic", 2), want, strlen(want));
	assert_memory_equal(check("arm,gic-400", 3), "interrupt controller arm,gic-400: the GIC",
			    strlen("interrupt controller arm,gic-400: the GIC"));
}

static void test_other_controller(void **state)
{
	const char *want = "interrupt controller brcm,bcm2836-armctrl-ic (Tessera drives "
			   "arm,gic-v3 or arm,gic-400 or arm,cortex-a15-gic: GICv3, or GICv2 "
			   "with the virtualization extensions); ";

	assert_memory_equal(check("brcm,bcm2836-armctrl-ic", 1), want, strlen(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gics_driven),
		cmocka_unit_test(test_gicv2_without_virtualization),
		cmocka_unit_test(test_other_controller),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
