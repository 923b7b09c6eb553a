# x86_64: compiler flags for everything freestanding (hypervisor, loader,
# test guests). No red zone: interrupts and exceptions push onto the
# current stack. No SSE/x87: the hypervisor never saves the guests' FPU
# state, so it must not touch those registers itself.
ARCH_CFLAGS := -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx -mno-80387 \
	-mcmodel=small -fno-asynchronous-unwind-tables
# The SMMUv3 driver writes arm64 descriptor formats; x86 has AMD-Vi.
HYP_EXCLUDE := iommu/smmuv3.c iommu/smmuv3_hw.c kernel/drivers/pl011.c
