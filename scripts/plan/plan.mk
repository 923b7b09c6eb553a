# The planner, a host program: $(O)/plan (scripts/plan/, docs/planner.md).
# It is built from the same shared sources as the hypervisor's checks.
.PHONY: planner

PLAN_SRCS := $(wildcard scripts/plan/*.c) $(LIB_SRCS) $(ARCH_SHARED_SRCS) $(GUEST_TREE_SRCS) \
	$(CAPS_SRCS) kernel/guest_uart.c vpci/pci.c \
	vpci/pci_dt.c vpci/pci_inventory.c vpci/plan_check.c
PLAN_CFLAGS := $(HOST_CFLAGS) -O2 -Ivpci -Iscripts/plan

planner: $(O)/plan $(O)/plan-fi

$(O)/plan: $(PLAN_SRCS) $(wildcard scripts/plan/*.h vpci/*.h kernel/lib/*.h) kernel/guest_uart.h
	@mkdir -p $(dir $@)
	$(HOSTCC) $(PLAN_CFLAGS) -o $@ $(PLAN_SRCS)

# The same with fault injection (kernel/lib/fault.h: TESSERA_FAIL_AT=N
# fails the Nth allocation) under AddressSanitizer and LeakSanitizer,
# for test/plan/plan_tests.py's plan-faults.
$(O)/plan-fi: $(PLAN_SRCS) $(wildcard scripts/plan/*.h vpci/*.h kernel/lib/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(PLAN_CFLAGS) -O1 -DFAULT_INJECTION -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined -fno-omit-frame-pointer -o $@ $(PLAN_SRCS)
