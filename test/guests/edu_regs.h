/* SPDX-License-Identifier: GPL-2.0-only */
/* QEMU's edu device (1234:11e8) as the test guests of both
 * architectures drive it; its behaviour is described in edu.c. */
#ifndef TESSERA_TEST_EDU_REGS_H
#define TESSERA_TEST_EDU_REGS_H

#define EDU_ID			0x11e81234u	/* vendor and device */
#define EDU_MAGIC		0x010000edu	/* REG_ID */
#define CMD_MEM_MASTER		0x6		/* PCI command: memory, bus master */
#define REG_ID			0x00
#define REG_ALIVE		0x04		/* reads back the complement */
#define REG_IRQ_STATUS		0x24
#define REG_IRQ_RAISE		0x60
#define REG_IRQ_ACK		0x64
#define REG_DMA_SRC		0x80
#define REG_DMA_DST		0x88
#define REG_DMA_CNT		0x90
#define REG_DMA_CMD		0x98
#define DMA_RUN			0x1
#define DMA_TO_RAM		0x2
#define DMA_IRQ_ON		0x4
#define DMA_IRQ			0x100
#define EDU_BUF			0x40000u	/* its buffer, in its own DMA space */

#endif
