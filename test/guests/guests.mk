# Bare-metal test guests. Provides the `guests` target.
.PHONY: guests
guests:
