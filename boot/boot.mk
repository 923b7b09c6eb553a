# UEFI loader (GNU-EFI). Provides the `loader` target.
.PHONY: loader
loader:
