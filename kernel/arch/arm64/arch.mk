# arm64: compiler flags for everything freestanding (hypervisor, loader,
# test guests). -mstrict-align: until the MMU is on all memory is Device
# memory, where unaligned accesses fault. -mgeneral-regs-only: EL2 never
# touches the guests' FP/SIMD registers, so it must not use them itself.
ARCH_CFLAGS := -mstrict-align -mgeneral-regs-only -mno-outline-atomics
# The relocations head.S applies carry their addends: the linker need
# not also write them in place.
HYP_LDFLAGS := --no-apply-dynamic-relocs
# AMD-Vi walks x86 page tables (x86 only).
HYP_EXCLUDE := iommu/amd_vi.c iommu/amd_vi_hw.c
