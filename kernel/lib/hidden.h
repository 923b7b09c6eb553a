/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included first in every hypervisor file (kernel/kernel.mk): the
 * hypervisor is one position-independent image that exports nothing, so
 * every symbol is hidden. References then go PC-relative instead of
 * through the GOT, which keeps the image and its relocations small.
 */
#pragma GCC visibility push(hidden)
