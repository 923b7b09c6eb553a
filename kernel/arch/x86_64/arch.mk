# x86_64: compiler flags for everything freestanding (hypervisor, loader,
# test guests). -mno-red-zone: interrupts and exits push onto the stack
# below %rsp. No SSE, MMX or x87: host mode never saves the guests' FPU
# state, so it must not use those registers itself. -mcmodel=small with
# the Makefile's -fpie: position-independent code within 2 GiB.
ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx \
	-mno-80387 -mcmodel=small -fno-asynchronous-unwind-tables
# The SMMUv3 driver writes arm64 descriptor formats (x86 gets AMD-Vi);
# the PL011 and i.MX UARTs and the guests' vPL011 are arm64
# devices (x86 guests get a 16550, kernel/vuart16550.c); the exit device
# is the ISA pvpanic (pvpanic_isa.c), not the PCI one.
HYP_EXCLUDE := iommu/smmuv3.c iommu/smmuv3_hw.c kernel/drivers/pl011.c kernel/vpl011.c \
	kernel/drivers/pvpanic.c kernel/drivers/imx_uart.c
# The host PCI bridge is written as a device tree from ACPI (pci_root.c).
HYP_ARCH_LIBS := kernel/lib/fdt_write.c
