// TEMPORARY shim until the vuart branch lands.
#include "vuart16550.h"
#include "domain.h"
#include "printk.h"
static char line[MAX_DOMAINS][160];
static unsigned int len[MAX_DOMAINS];
static uint8_t lcr[MAX_DOMAINS];
bool vuart16550_present(struct domain *d) { (void)d; return true; }
uint8_t vuart16550_read(struct domain *d, unsigned int reg)
{
	if (reg == 5) return 0x60;
	if (reg == 3) return lcr[d->id];
	return 0;
}
void vuart16550_write(struct domain *d, unsigned int reg, uint8_t val)
{
	unsigned int i = d->id;
	if (reg == 3) { lcr[i] = val; return; }
	if (reg != 0 || (lcr[i] & 0x80)) return;
	if (val == '\n' || len[i] == sizeof(line[i]) - 1) {
		line[i][len[i]] = 0;
		printk("[%s] %s\n", d->name, line[i]);
		len[i] = 0;
		return;
	}
	if (val != '\r') line[i][len[i]++] = val;
}
