/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 test guest's PCI steps (pci.c), shared by its edu tests and its
 * hostile PCI guest (pci_hostile.c): config space on its virtual bus 0
 * through CF8/CFC and its MCFG's ECAM, and the edu it owns.
 */
#ifndef TESSERA_X86_GUEST_PCI_H
#define TESSERA_X86_GUEST_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define GUEST_ECAM	0xe0000000u	/* the MCFG's, checked by test_guest_acpi */
#define GUEST_BAR	0xc0000000u	/* the vPCI 32-bit window's start */

/* The test's name, which the shared steps' lines begin with. */
void pci_tag(const char *name);

/* Function 0 of slot dev on bus 0, through CF8/CFC and the ECAM. */
uint32_t cf8_read(unsigned int dev, unsigned int off);
void cf8_write16(unsigned int dev, unsigned int off, uint16_t v);
void cf8_write32(unsigned int dev, unsigned int off, uint32_t v);
volatile uint32_t *ecam(unsigned int dev, unsigned int off);

/* The edu's registers at GUEST_BAR. */
volatile uint32_t *reg32(unsigned int off);
/* The slot of the function with that vendor and device id (EDU_ID: the
 * edu's), if it is the only function on the bus; else -1. */
int find_single(uint32_t id);
int find_edu(void);
/* BAR0 at GUEST_BAR, decoding and bus mastering on; the edu answers. */
bool edu_setup(unsigned int dev);
/* A page of its RAM to the device and back by DMA, intact. */
bool edu_own_ram(void);
/* One edu DMA (EDU_BUF is the device's buffer; cmd DMA_TO_RAM or 0);
 * false if it never finished. */
bool edu_dma(uint64_t src, uint64_t dst, uint32_t cmd, uint32_t bytes);
/* The function's MSI capability (0: none), and its message aimed at APIC
 * ID dest, fixed delivery, vector; enabled. */
unsigned int msi_cap(unsigned int dev);
void msi_aim(unsigned int dev, unsigned int pos, uint8_t dest, uint8_t vector);

#endif
