// SPDX-License-Identifier: GPL-2.0-only
/* The checks over platform/<name>/caps.c's table (see caps.h). */
#include "lib/caps.h"

#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/string.h"

/* The sentences below say these numbers. */
_Static_assert(CAPS_NAME_MAX == 31, "caps_name_error says 31");
_Static_assert(CAPS_MODULE_NAME_MAX == 63, "caps_module_name_error says 63");
_Static_assert(CAPS_MEM_MIN == 4ull << 20 && CAPS_MEM_ALIGN == 2ull << 20 &&
	       CAPS_MEM_MAX == 3ull << 30, "caps_memory_error says 2 MiB, 4 MiB, 3 GiB");

struct msg {
	char *buf;
	size_t len, at;
};

/* One reason more: "; " between reasons. */
static void add(struct msg *m, const char *fmt, const char *a, const char *b, const char *c)
{
	size_t room;

	if (m->at && m->at < m->len)
		m->at += fmt_snprintf(m->buf + m->at, m->len - m->at, "; ");
	room = m->at < m->len ? m->len - m->at : 0;
	m->at += fmt_snprintf(m->buf + m->at, room, fmt, a, b, c);
}

static const char *first_compatible(const struct fdt *fdt, int node)
{
	const char *s;

	return fdt_read_string(fdt, node, "compatible", &s) ? "no compatible" : s;
}

/* The root's interrupt parent, or else the first interrupt controller. */
static int board_irqchip(const struct fdt *fdt)
{
	int node, depth = 0;
	uint32_t ph;

	if (!fdt_read_u32(fdt, fdt_root(fdt), "interrupt-parent", &ph) &&
	    (node = fdt_node_by_phandle(fdt, ph)) >= 0)
		return node;
	for (node = fdt_next_node(fdt, fdt_root(fdt), &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(fdt, node, &depth))
		if (fdt_has_prop(fdt, node, "interrupt-controller"))
			return node;
	return -1;
}

static void check_irqchip(const struct platform_caps *c, const struct fdt *fdt, struct msg *m)
{
	char drives[128];
	size_t at = 0;
	unsigned int i;
	uint64_t base, size;
	int node;

	/* NULL: the board describes it elsewhere (ACPI's MADT on x86). */
	if (!c->irqchips)
		return;
	for (i = 0; c->irqchips[i].compatible; i++) {
		const struct caps_irqchip *ic = &c->irqchips[i];

		node = fdt_next_compatible(fdt, -1, ic->compatible);
		if (node < 0)
			continue;
		if (ic->min_regs && fdt_reg(fdt, node, ic->min_regs - 1, &base, &size))
			add(m, "interrupt controller %s: %s%s", ic->compatible, ic->why_regs, "");
		return;
	}
	for (i = 0; c->irqchips[i].compatible && at < sizeof(drives); i++)
		at += fmt_snprintf(drives + at, sizeof(drives) - at, "%s%s", i ? " or " : "",
				   c->irqchips[i].compatible);
	node = board_irqchip(fdt);
	add(m, "interrupt controller %s (Tessera drives %s: %s)",
	    node >= 0 ? first_compatible(fdt, node) : "missing", drives, c->irqchip_name);
}

static bool has_psci(const struct platform_caps *c, const struct fdt *fdt)
{
	const char *method;
	unsigned int i;
	int node;

	for (i = 0; c->psci[i]; i++) {
		node = fdt_next_compatible(fdt, -1, c->psci[i]);
		if (node >= 0 && !fdt_read_string(fdt, node, "method", &method) &&
		    (!strcmp(method, "smc") || !strcmp(method, "hvc")))
			return true;
	}
	return false;
}

static void check_psci(const struct platform_caps *c, const struct fdt *fdt, struct msg *m)
{
	int cpus = fdt_path_offset(fdt, "/cpus");
	int cpu = cpus >= 0 ? fdt_first_child(fdt, cpus) : -1;
	const char *how;

	if (!c->psci || has_psci(c, fdt))
		return;
	if (cpu < 0 || fdt_read_string(fdt, cpu, "enable-method", &how))
		how = "no enable-method";
	add(m, "no PSCI node with method smc or hvc (CPUs start by %s; Tessera needs %s%s)",
	    how, c->psci[0], "");
}

static void check_console(const struct platform_caps *c, const struct fdt *fdt,
			  const char *path, struct msg *m)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node;

	if (!path && (chosen < 0 || fdt_read_string(fdt, chosen, "stdout-path", &path))) {
		add(m, "no console: /chosen has no stdout-path (Tessera drives %s)%s%s",
		    c->consoles, "", "");
		return;
	}
	node = caps_console_node(fdt, path);
	if (node < 0)
		add(m, "console %s is not a node of the tree (Tessera drives %s)%s", path,
		    c->consoles, "");
	else if (!caps_console_supported(c, fdt, node))
		add(m, "console %s is %s (Tessera drives %s)", path, first_compatible(fdt, node),
		    c->consoles);
}

int caps_check_board(const struct platform_caps *c, const struct fdt *fdt,
		     const char *stdout_path, char *err, size_t len)
{
	struct msg m = { err, len, 0 };

	if (len)
		err[0] = 0;
	check_irqchip(c, fdt, &m);
	check_psci(c, fdt, &m);
	check_console(c, fdt, stdout_path, &m);
	return m.at ? -1 : 0;
}

int caps_console_node(const struct fdt *fdt, const char *stdout_path)
{
	char buf[128];
	const char *full;
	size_t n;

	/* "path:options": drop the options. */
	for (n = 0; stdout_path[n] && stdout_path[n] != ':'; n++)
		if (n < sizeof(buf) - 1)
			buf[n] = stdout_path[n];
	if (n >= sizeof(buf))
		return -1;
	buf[n] = 0;
	if (buf[0] == '/')
		return fdt_path_offset(fdt, buf);
	if (fdt_read_string(fdt, fdt_path_offset(fdt, "/aliases"), buf, &full) || full[0] != '/')
		return -1;
	return fdt_path_offset(fdt, full);
}

bool caps_console_supported(const struct platform_caps *c, const struct fdt *fdt, int node)
{
	unsigned int i;

	for (i = 0; c->uarts[i]; i++)
		if (fdt_is_compatible(fdt, node, c->uarts[i]))
			return true;
	return c->pci_uart && fdt_is_compatible(fdt, fdt_parent(fdt, node), "pci-host-ecam-generic");
}

static bool name_char(char ch, bool first)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
		return true;
	return !first && ch && strchr("_-+,.@", ch);
}

const char *caps_name_error(const char *name)
{
	size_t n;

	for (n = 0; name[n]; n++)
		if (!name_char(name[n], n == 0))
			return "a guest name must be letters, digits and _ - + , . @, starting with a letter or digit";
	if (!n)
		return "a guest name must not be empty";
	if (n > CAPS_NAME_MAX)
		return "a guest name must be at most 31 characters";
	return NULL;
}

const char *caps_module_name_error(const char *name)
{
	if (!name[0])
		return "xen,uefi-binary must name a file, not be empty";
	if (strlen(name) > CAPS_MODULE_NAME_MAX)
		return "xen,uefi-binary must be at most 63 characters";
	return NULL;
}

const char *caps_memory_error(uint64_t kib)
{
	if (kib > CAPS_MEM_MAX >> 10 || (kib << 10) < CAPS_MEM_MIN ||
	    (kib << 10) % CAPS_MEM_ALIGN)
		return "memory (KiB) must be a multiple of 2 MiB from 4 MiB to 3 GiB";
	return NULL;
}
