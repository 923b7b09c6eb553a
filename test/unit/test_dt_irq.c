// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree lookups the interrupt and IOMMU seams rely on, in shared
 * code: interrupt specifiers decoded by the architecture's controller
 * driver (irq_dt_of_node), and stream ids through iommu-map
 * (pci_stream_id). Fixture: data/iommu-map.dts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "unit_dtb.h"

#include "irq.h"
#include "lib/fdt.h"
#include "pci_dt.h"
#include "vpci.h"

static uint8_t blob[8192];
static struct fdt fdt;

static int setup(void **state)
{
	return unit_dtb_open("iommu-map.dtb", blob, sizeof(blob), &fdt);
}

static int node(const char *path)
{
	int n = fdt_path_offset(&fdt, path);

	assert_true(n >= 0);
	return n;
}

/* SPI n is INTID 32 + n; a PPI or an SPI past 987 is no routable line. */
static void test_gic_specifiers(void **state)
{
	int uart = node("/uart@9000000");

	assert_int_equal(irq_dt_of_node(&fdt, uart, 0), 33);
	assert_int_equal(irq_dt_of_node(&fdt, uart, 1), -1);
	assert_int_equal(irq_dt_of_node(&fdt, uart, 2), -1);
	assert_int_equal(irq_dt_of_node(&fdt, uart, 3), -1);	/* past the end */
	assert_int_equal(irq_dt_of_node(&fdt, node("/pcie@30000000"), 0), -1);
}

static void test_stream_ids(void **state)
{
	int smmu = node("/iommu@9050000"), iommu;
	uint32_t sid;

	/* QEMU virt: stream id = requester id. */
	assert_int_equal(pci_stream_id(&fdt, node("/pcie@10000000"), 0x0210, &iommu, &sid), 0);
	assert_int_equal(iommu, smmu);
	assert_int_equal(sid, 0x0210);
	/* The mask first (function bits dropped), then the entry's offset. */
	assert_int_equal(pci_stream_id(&fdt, node("/pcie@20000000"), 0x0013, &iommu, &sid), 0);
	assert_int_equal(sid, 0x110);
	assert_int_equal(pci_stream_id(&fdt, node("/pcie@20000000"), 0x0208, &iommu, &sid), 0);
	assert_int_equal(sid, 0x4008);
	/* Behind the IOMMU but in no entry: refused, not guessed. */
	assert_int_equal(pci_stream_id(&fdt, node("/pcie@20000000"), 0x0300, &iommu, &sid), -1);
	/* No iommu-map: untranslated, the requester id itself. */
	assert_int_equal(pci_stream_id(&fdt, node("/pcie@30000000"), 0x0108, &iommu, &sid), 0);
	assert_int_equal(iommu, -1);
	assert_int_equal(sid, 0x0108);
}

/*
 * The rule the hypervisor (pci_plan.c) and the planner (place.c) share:
 * only a requester id that iommu-map sends to an SMMUv3 is translated;
 * the others need direct-map.
 */
static void test_dma_translated(void **state)
{
	assert_true(pci_dma_translated(&fdt, node("/pcie@10000000"), 0x0100));
	assert_true(pci_dma_translated(&fdt, node("/pcie@20000000"), 0x0208));
	/* Outside every entry of the bridge's iommu-map. */
	assert_false(pci_dma_translated(&fdt, node("/pcie@20000000"), 0x0300));
	/* No iommu-map, an IOMMU without a driver, no bridge at all. */
	assert_false(pci_dma_translated(&fdt, node("/pcie@30000000"), 0x0100));
	assert_false(pci_dma_translated(&fdt, node("/pcie@40000000"), 0x0100));
	assert_false(pci_dma_translated(&fdt, -1, 0x0100));
}

/*
 * pci_dma_streams(): the requester id a function's DMA carries (here a
 * PCIe-to-PCI bridge's alias) goes through iommu-map and its mask; a
 * requester id outside the map has no stream and is not translated.
 */
static void test_dma_streams(void **state)
{
	static struct pci_dev devs[4];
	static uint32_t bus_up[PCI_NR_BUSES];

	devs[0].f = (struct pci_func){ .sbdf = PCI_SBDF(0, 0, 1, 0), .header = 1,
				       .secondary = 2, .bridge_kind = PCI_BRIDGE_PCIE_TO_PCI };
	devs[1].f = (struct pci_func){ .sbdf = PCI_SBDF(0, 0, 2, 5) };
	devs[2].f = (struct pci_func){ .sbdf = PCI_SBDF(0, 2, 3, 1) };
	devs[3].f = (struct pci_func){ .sbdf = PCI_SBDF(0, 3, 0, 0) };
	pci_dma_streams(&fdt, node("/pcie@20000000"), 0, devs, 4, bus_up);
	/* 00:02.5: mask 0xfff8 drops the function, first entry: 0x100 + 0x10. */
	assert_int_equal(devs[1].dma.rid, 0x0015);
	assert_true(devs[1].dma.has_sid && devs[1].dma.translated);
	assert_int_equal(devs[1].dma.sid, 0x110);
	/* 02:03.1 behind the bridge: 02:00.0, second entry: 0x4000. */
	assert_int_equal(devs[2].dma.rid, 0x0200);
	assert_int_equal(devs[2].dma.via, 0);
	assert_int_equal(devs[2].dma.sid, 0x4000);
	assert_true(devs[2].dma.translated);
	/* Bus 3 is in no entry. */
	assert_false(devs[3].dma.has_sid);
	assert_false(devs[3].dma.translated);
	/* QEMU virt's identity map: the stream id is the alias itself. */
	pci_dma_streams(&fdt, node("/pcie@10000000"), 0, devs, 4, bus_up);
	assert_int_equal(devs[2].dma.sid, 0x0200);
}

/* What the SMMU's stream table must cover. */
static void test_iommu_max_sid(void **state)
{
	int smmu = node("/iommu@9050000");
	uint32_t max = 0;

	assert_int_equal(pci_iommu_max_sid(&fdt, node("/pcie@10000000"), smmu, &max), 0);
	assert_int_equal(max, 0xffff);
	assert_int_equal(pci_iommu_max_sid(&fdt, node("/pcie@20000000"), smmu, &max), 0);
	assert_int_equal(max, 0x40ff);
	assert_int_equal(pci_iommu_max_sid(&fdt, node("/pcie@30000000"), smmu, &max), -1);
	assert_int_equal(pci_iommu_max_sid(&fdt, node("/pcie@40000000"), smmu, &max), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gic_specifiers),
		cmocka_unit_test(test_stream_ids),
		cmocka_unit_test(test_dma_translated),
		cmocka_unit_test(test_dma_streams),
		cmocka_unit_test(test_iommu_max_sid),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
