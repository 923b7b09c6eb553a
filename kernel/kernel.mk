# Hypervisor. Provides the `hypervisor` target.
.PHONY: hypervisor
hypervisor:
