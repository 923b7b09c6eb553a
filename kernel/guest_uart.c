// SPDX-License-Identifier: GPL-2.0-only
/* The console UART binding (guest_uart.h). */
#include "guest_uart.h"

#include "lib/fdt.h"
#include "lib/string.h"

const char *guest_uart_read(const struct fdt *fdt, int dn, enum guest_uart *out)
{
	bool pl011 = fdt_has_prop(fdt, dn, "vpl011");
	const char *model;

	*out = pl011 ? GUEST_UART_PL011 : GUEST_UART_NONE;
	if (pl011 && !GUEST_CONSOLE_HAS_PL011)
		return "vpl011 (a PL011) is not available on this architecture; use tessera,vuart = \"16550\"";
	if (!fdt_has_prop(fdt, dn, "tessera,vuart"))
		return NULL;
	if (fdt_read_string(fdt, dn, "tessera,vuart", &model) || strcmp(model, "16550"))
		return "tessera,vuart must be \"16550\"";
	if (pl011)
		return "vpl011 and tessera,vuart both name its console UART";
	if (!GUEST_CONSOLE_HAS_16550)
		return "tessera,vuart = \"16550\" is not available on this architecture";
	*out = GUEST_UART_16550;
	return NULL;
}
