// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PF side of the 82576's VF mailbox (igb_pf.h). Register layout and
 * protocol: the 82576 datasheet (mailbox, VMDq pools) and the messages
 * Linux's igbvf sends; QEMU's igb models the same.
 *
 * A VF posts a request by writing its message into its mailbox memory
 * and REQ into V2PMAILBOX; the PF takes the buffer (PFU), reads it,
 * acknowledges (ACK: the VF sees PFACK), then writes its reply and STS
 * (the VF sees PFSTS). Here that happens during the trapped write of REQ,
 * so the VF finds both bits when it first polls.
 */
#include "igb_pf.h"

#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include "pci_host.h"
#include "printk.h"

/* PF registers (BAR 0) */
#define PF_CTRL			0x0000
#define  CTRL_SLU		(1u << 6)	/* set link up (MAC to PHY) */
#define PF_CTRL_EXT		0x0018
#define PF_MDIC			0x0020		/* PHY register access */
#define  MDIC_DATA(v)		((v) & 0xffff)
#define  MDIC_REG(r)		((uint32_t)(r) << 16)
#define  MDIC_PHY(p)		((uint32_t)(p) << 21)
#define  MDIC_OP_WRITE		(1u << 26)
#define  MDIC_READY		(1u << 28)
#define  MDIC_ERROR		(1u << 30)
#define PHY_ADDR		1		/* the 82576's internal PHY */
#define PHY_BMCR		0		/* MII basic mode control */
#define  BMCR_SPEED_1000	(1u << 6)
#define  BMCR_FULL_DUPLEX	(1u << 8)
#define  BMCR_RESTART_AN	(1u << 9)
#define  BMCR_AUTONEG_EN	(1u << 12)
#define PF_RCTL			0x0100
#define  RCTL_EN		(1u << 1)	/* the MAC's receive, for every pool */
#define  RCTL_SECRC		(1u << 26)	/* strip the CRC: igbvf expects none */
#define PF_TCTL			0x0400
#define  TCTL_EN		(1u << 1)	/* the MAC's transmit, for every pool */
#define  CTRL_EXT_PFRSTD	(1u << 14)	/* PF reset done: VFs may start */
#define PF_GPIE			0x1514
#define  GPIE_MSIX_MODE		(1u << 4)	/* the VFs' causes reach their MSI-X */
#define PF_VMBMEM(n)		(0x0800 + 0x40 * (n))
#define PF_P2VMAILBOX(n)	(0x0c00 + 4 * (n))
#define  P2V_STS		(1u << 0)	/* reply ready */
#define  P2V_ACK		(1u << 1)	/* request taken */
#define  P2V_PFU		(1u << 3)	/* buffer held by the PF */
#define PF_MBVFICR		0x0c80		/* bit n: VF n's request (w1c) */
#define PF_VFLRE		0x0c88		/* bit n: VF n was reset (w1c) */
#define PF_VFRE			0x0c8c		/* bit n: VF n's receive enable */
#define PF_VFTE			0x0c90		/* bit n: VF n's transmit enable */
#define PF_MRQC			0x5818
#define  MRQC_VMDQ		3u		/* queues by pool (RAH, VMOLR), no RSS */
#define PF_VT_CTL		0x581c
#define  VT_CTL_DIS_DEF_POOL	(1u << 29)	/* unmatched unicast goes to no pool */
#define  VT_CTL_REPL_EN		(1u << 30)	/* broadcast to every pool that takes it */
#define PF_MTA(n)		(0x5200 + 4 * (n))	/* multicast hash bits, all pools' */
#define PF_VMOLR(n)		(0x5ad0 + 4 * (n))
#define  VMOLR_AUPE		(1u << 24)	/* accept untagged frames */
#define  VMOLR_ROMPE		(1u << 25)	/* accept multicast the MTA hashes */
#define  VMOLR_BAM		(1u << 27)	/* accept broadcast */
#define  VMOLR_STRCRC		(1u << 31)
#define PF_RAL(n)		(0x5400 + 8 * (n))
#define PF_RAH(n)		(0x5404 + 8 * (n))
#define  RAH_AV			(1u << 31)
#define  RAH_POOL(n)		(1u << (18 + (n)))

/* VF registers (its BAR 0): the trapped page holds the mailbox. */
#define VF_TRAP_PAGE		0x0000
#define VF_V2PMAILBOX		0x0c40
#define  V2P_REQ		(1u << 0)

/* Messages (word 0: type in bits 15:0, flags above). */
#define MSG_WORDS		16
#define MSG_TYPE(w)		((w) & 0xffff)
#define MSG_INFO(w)		(((w) >> 16) & 0xff)	/* e.g. how many hashes */
#define MAX_MC_HASHES		30	/* 16-bit hashes after word 0 */
#define MSG_VF_RESET		0x01
#define MSG_SET_MAC_ADDR	0x02
#define MSG_SET_MULTICAST	0x03
#define MSG_SET_VLAN		0x04
#define MSG_SET_LPE		0x05
#define MSG_ACK			(1u << 31)
#define MSG_NACK		(1u << 30)
#define MSG_CTS			(1u << 29)	/* the VF may send again */
/* Largest frame a pool takes without long-packet mode: 1500 bytes of
 * payload, header, CRC and one VLAN tag (igbvf asks for 1522). */
#define MAX_STD_FRAME		1522


struct served_vf {
	struct pci_dev *vf;
	uint64_t pf_base;	/* the PF's BAR 0 */
	unsigned int n;		/* VF index: pool, mailbox, bit number */
	uint8_t mac[6];
};

static struct served_vf served[IGB_PF_MAX_SERVED];
static unsigned int nr_served;
/* PF registers are shared by all VFs (CTRL_EXT, VFRE, VFTE). */
static spinlock_t pf_lock = SPINLOCK_INIT;

static uint32_t pf_rd(const struct served_vf *s, unsigned int off)
{
	return *(volatile uint32_t *)(uintptr_t)(s->pf_base + off);
}

static void pf_wr(const struct served_vf *s, unsigned int off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(s->pf_base + off) = v;
}

/* Take the VF's mailbox buffer for the PF; false if the VF holds it. */
static bool take_buffer(const struct served_vf *s)
{
	pf_wr(s, PF_P2VMAILBOX(s->n), P2V_PFU);
	return pf_rd(s, PF_P2VMAILBOX(s->n)) & P2V_PFU;
}

/* VF_RESET: its filters and queues as a PF driver sets them up; the
 * reply carries the MAC (words 1-2, in byte order). */
static unsigned int vf_reset(const struct served_vf *s, uint32_t *msg)
{
	const uint8_t *m = s->mac;

	pf_wr(s, PF_VFLRE, 1u << s->n);
	pf_wr(s, PF_RAL(1 + s->n), m[0] | m[1] << 8 | m[2] << 16 | (uint32_t)m[3] << 24);
	pf_wr(s, PF_RAH(1 + s->n), m[4] | m[5] << 8 | RAH_POOL(s->n) | RAH_AV);
	/* Its pool also takes broadcast (ARP, DHCP) and untagged frames. */
	pf_wr(s, PF_VMOLR(s->n), VMOLR_AUPE | VMOLR_BAM | VMOLR_STRCRC);
	pf_wr(s, PF_VFRE, pf_rd(s, PF_VFRE) | 1u << s->n);
	pf_wr(s, PF_VFTE, pf_rd(s, PF_VFTE) | 1u << s->n);
	pf_wr(s, PF_CTRL_EXT, pf_rd(s, PF_CTRL_EXT) | CTRL_EXT_PFRSTD);
	msg[0] = MSG_VF_RESET | MSG_ACK;
	msg[1] = m[0] | m[1] << 8 | m[2] << 16 | (uint32_t)m[3] << 24;
	msg[2] = m[4] | m[5] << 8;
	return 3;
}

/* SET_MULTICAST: each 12-bit hash (two to a word, low half first) sets
 * its MTA bit, and the VF's pool takes multicast that hits one. The MTA
 * is every pool's: bits are only added, as a switch floods multicast. */
static void set_multicast(const struct served_vf *s, const uint32_t *msg)
{
	unsigned int i, n = MSG_INFO(msg[0]), h;

	for (i = 0; i < n && i < MAX_MC_HASHES; i++) {
		h = (msg[1 + i / 2] >> (16 * (i & 1))) & 0xfff;
		pf_wr(s, PF_MTA(h >> 5), pf_rd(s, PF_MTA(h >> 5)) | 1u << (h & 31));
	}
	pf_wr(s, PF_VMOLR(s->n), pf_rd(s, PF_VMOLR(s->n)) | VMOLR_ROMPE);
}

/* The reply to one request, in msg; returns its length in words. */
static unsigned int answer(const struct served_vf *s, uint32_t *msg)
{
	bool ok;

	switch (MSG_TYPE(msg[0])) {
	case MSG_VF_RESET:
		return vf_reset(s, msg);
	case MSG_SET_MAC_ADDR:	/* only the planned MAC */
		ok = !memcmp(&msg[1], s->mac, 6);
		break;
	case MSG_SET_MULTICAST:
		set_multicast(s, msg);
		ok = true;
		break;
	case MSG_SET_LPE:	/* no long packets: standard frames only */
		ok = msg[1] <= MAX_STD_FRAME;
		break;
	case MSG_SET_VLAN:	/* no VLAN filters: untagged (VLAN 0) only */
		ok = (msg[1] & 0xfff) == 0;
		break;
	default:
		ok = false;
		break;
	}
	msg[0] = (msg[0] & ~(MSG_ACK | MSG_NACK | MSG_CTS)) | (ok ? MSG_ACK : MSG_NACK) | MSG_CTS;
	return 3;
}

/* The VF has just posted a request: read it, acknowledge, reply.
 * Returns the request's type, 0 if the buffer could not be taken. */
static uint32_t serve_request(const struct served_vf *s)
{
	uint32_t msg[MSG_WORDS], type;
	unsigned int i, words;

	if (!take_buffer(s))
		return 0;
	for (i = 0; i < MSG_WORDS; i++)
		msg[i] = pf_rd(s, PF_VMBMEM(s->n) + 4 * i);
	pf_wr(s, PF_MBVFICR, 1u << s->n);
	pf_wr(s, PF_P2VMAILBOX(s->n), P2V_ACK);	/* also lets go of the buffer */
	type = MSG_TYPE(msg[0]);
	words = answer(s, msg);
	if (!take_buffer(s))
		return 0;
	for (i = 0; i < words; i++)
		pf_wr(s, PF_VMBMEM(s->n) + 4 * i, msg[i]);
	pf_wr(s, PF_P2VMAILBOX(s->n), P2V_STS);
	return type;
}

static const struct served_vf *served_of(const struct pci_dev *vf)
{
	unsigned int i;

	for (i = 0; i < nr_served; i++)
		if (served[i].vf == vf)
			return &served[i];
	return NULL;
}

static void log_reset(const struct served_vf *s)
{
	char sbdf[16];

	pci_sbdf_str(s->vf->f.sbdf, sbdf);
	printk("tessera: pci %s: VF reset, MAC %02x:%02x:%02x:%02x:%02x:%02x (igb PF service)\n",
	       sbdf, s->mac[0], s->mac[1], s->mac[2], s->mac[3], s->mac[4], s->mac[5]);
}

/* The VF's trapped page: every register passes through to the VF, 32
 * bits at a time as its driver uses them (other sizes read all-ones and
 * write nothing); a request posted on the mailbox is served at once. */
static void vf_page_access(struct pci_dev *vf, uint64_t hpa, unsigned int size, bool write,
			   uint64_t *val)
{
	const struct served_vf *s = served_of(vf);
	volatile uint32_t *reg = (volatile uint32_t *)(uintptr_t)hpa;
	uint32_t served_type = 0;

	if (!s || size != 4 || (hpa & 3)) {
		if (!write)
			*val = ~0ull;
		return;
	}
	if (!write) {
		*val = *reg;
		return;
	}
	spin_lock(&pf_lock);
	*reg = (uint32_t)*val;
	if (hpa - vf->f.bar[0].addr == VF_V2PMAILBOX && (*val & V2P_REQ))
		served_type = serve_request(s);
	spin_unlock(&pf_lock);
	if (served_type == MSG_VF_RESET)
		log_reset(s);
}

/* The PHY's link: autonegotiation restarted, as after a PHY reset; the
 * MAC sees the link come up when it completes (STATUS.LU, which a VF
 * reads as its own). False if the PHY did not take the write. */
static bool pf_link_up(const struct served_vf *s)
{
	unsigned int i;
	uint32_t mdic = 0;

	pf_wr(s, PF_CTRL, pf_rd(s, PF_CTRL) | CTRL_SLU);
	pf_wr(s, PF_MDIC, MDIC_PHY(PHY_ADDR) | MDIC_REG(PHY_BMCR) | MDIC_OP_WRITE |
	      MDIC_DATA(BMCR_AUTONEG_EN | BMCR_RESTART_AN | BMCR_FULL_DUPLEX | BMCR_SPEED_1000));
	for (i = 0; i < 100000 && !(mdic & MDIC_READY); i++)
		mdic = pf_rd(s, PF_MDIC);
	return (mdic & MDIC_READY) && !(mdic & MDIC_ERROR);
}

/*
 * The PF's part of the VFs' traffic, as a PF driver sets it up for
 * SR-IOV: the MAC's receive and transmit on (a VF's queues work only
 * under them), frames sorted into pools by destination (VMDq: a VF's
 * MAC entry names its pool), and unicast no entry claims dropped rather
 * than handed to pool 0, VF 0's. A pool without a VF has its VFRE and
 * VFTE bits clear: nothing goes to or from the PF's own memory. No
 * loopback between pools (DTXSWC): a VF's frames all go to the wire, as
 * between two separate machines.
 */
static void pf_start_vmdq(const struct served_vf *s)
{
	pf_wr(s, PF_MRQC, MRQC_VMDQ);
	pf_wr(s, PF_VT_CTL, VT_CTL_DIS_DEF_POOL | VT_CTL_REPL_EN);
	pf_wr(s, PF_RCTL, RCTL_EN | RCTL_SECRC);
	pf_wr(s, PF_TCTL, pf_rd(s, PF_TCTL) | TCTL_EN);
}

int igb_pf_serve(struct pci_dev *pf, struct pci_dev *const vf[], unsigned int nr,
		 const uint8_t mac[][6], char *err, unsigned int len)
{
	struct served_vf *s = NULL;
	unsigned int i;
	char sbdf[16];

	pci_sbdf_str(pf->f.sbdf, sbdf);
	if (igb_pf_can_serve(&pf->f, sbdf, nr_served + nr, err, len))
		return -1;
	for (i = 0; i < nr; i++) {
		if (!vf[i] || vf[i]->f.bar[0].size < IGB_VF_BAR0_MIN) {
			fmt_snprintf(err, len, "tessera,vf-macs: VF %u has no usable BAR 0", i);
			return -1;
		}
	}
	for (i = 0; i < nr; i++) {
		s = &served[nr_served++];
		*s = (struct served_vf){ .vf = vf[i], .pf_base = pf->f.bar[0].addr,
					 .n = vf[i]->f.vf_index };
		memcpy(s->mac, mac[i], 6);
		vf[i]->trap_bar = 0;
		vf[i]->trap_off = VF_TRAP_PAGE;
		vf[i]->trap = vf_page_access;
	}
	/*
	 * The hypervisor's from now on: memory decoding, no INTx. Bus
	 * mastering on: the 82576 receives for its VFs only while its PF
	 * may master the bus, though every frame goes by a VF's own DMA;
	 * the PF has no pool enabled and no MSI of its own to master with.
	 */
	pf->held = true;
	pci_host_cfg.write(pci_host_cfg.ctx, pf->f.sbdf, PCI_COMMAND, 2,
			   PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF);
	if (s) {
		pf_start_vmdq(s);
		if (!pf_link_up(s)) {
			printk("tessera: pci %s: its PHY did not take the link setup;"
			       " the VFs may see no link\n", sbdf);
		}
		pf_wr(s, PF_GPIE, pf_rd(s, PF_GPIE) | GPIE_MSIX_MODE);
		pf_wr(s, PF_CTRL_EXT, pf_rd(s, PF_CTRL_EXT) | CTRL_EXT_PFRSTD);
	}
	return 0;
}
