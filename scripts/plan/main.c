// SPDX-License-Identifier: GPL-2.0-only
/* scripts/plan: the command line. Everything is decided and checked
 * before the first file is written, and files appear whole (PLAN-2). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan.h"

#define MAX_SEARCH	8

static const char usage[] =
	"usage: plan --board BOARD.dtb --partition PARTITION.dtb --out DIR [--search DIR]...\n"
	"            [--allow-unsupported]\n"
	"\n"
	"Plans a static partition. BOARD.dtb is the board's device tree with its PCI\n"
	"inventory (make inspect, scripts/inspect-linux.sh) merged in (on x86 also the\n"
	"RAM and CPUs make inspect reads from the firmware); PARTITION.dtb says what\n"
	"each guest gets (docs/planner.md). Writes to DIR:\n"
	"  boot.dts      the boot tree (includes board.dts; compile it with dtc)\n"
	"  <guest>" GUEST_DESC_FILE_EXT "  each guest's own " GUEST_DESC_WHAT " (a blob, for the loader)\n"
	"  tessera.cfg   the loader's configuration\n"
	"  report.txt, plan.json, plan.svg   the plan for people and programs\n"
	"--search DIR names where module files (xen,uefi-binary) must exist.\n"
	"A board this build of Tessera cannot boot (its interrupt controller, PSCI,\n"
	"console: platform/*/caps.c) is refused; --allow-unsupported plans it anyway,\n"
	"with a warning, for trying a partition on a board Tessera does not run on yet.\n"
	"On a conflict it writes nothing, says what clashes with what, and exits 1.\n";

typedef int (*writer)(const struct plan *p, FILE *f);

static int write_file(const char *dir, const char *name, const struct plan *p, writer w,
		      const struct plan_domain *d)
{
	char path[512], tmp[520];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f) {
		fprintf(stderr, "plan: error: cannot write %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	ret = d ? plan_write_guest_dtb(p, d, f) : w(p, f);
	if (fclose(f) || ret || rename(tmp, path)) {
		fprintf(stderr, "plan: error: cannot write %s\n", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int write_all(const char *dir, const struct plan *p)
{
	static const struct { const char *name; writer w; } outputs[] = {
		{ "boot.dts", plan_write_boot_dts }, { "tessera.cfg", plan_write_cfg },
		{ "report.txt", plan_write_report }, { "plan.json", plan_write_json },
		{ "plan.svg", plan_write_svg },
	};
	unsigned int i;
	char name[PLAN_NAME + 8];

	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "plan: error: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < p->nr_domains; i++) {
		snprintf(name, sizeof(name), "%s" GUEST_DESC_FILE_EXT, p->dom[i].name);
		if (write_file(dir, name, p, NULL, &p->dom[i]))
			return -1;
	}
	for (i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
		if (write_file(dir, outputs[i].name, p, outputs[i].w, NULL))
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	static struct plan p;
	const char *board = NULL, *part = NULL, *out = NULL;
	const char *search[MAX_SEARCH + 1] = { NULL };
	unsigned int nr_search = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		}
		if (!strcmp(a, "--allow-unsupported")) {
			p.allow_unsupported = true;
			continue;
		}
		if (!v || (strcmp(a, "--board") && strcmp(a, "--partition") && strcmp(a, "--out") &&
			   strcmp(a, "--search"))) {
			fprintf(stderr, "plan: error: unknown or incomplete argument %s\n\n%s", a, usage);
			return 2;
		}
		if (!strcmp(a, "--board"))
			board = v;
		else if (!strcmp(a, "--partition"))
			part = v;
		else if (!strcmp(a, "--out"))
			out = v;
		else if (nr_search < MAX_SEARCH)
			search[nr_search++] = v;
		i++;
	}
	if (!board || !part || !out) {
		fprintf(stderr, "plan: error: --board, --partition and --out are required\n\n%s",
			usage);
		return 2;
	}
	p.search = nr_search ? search : NULL;
	if (plan_board_load(&p, board) || plan_partition_load(&p, part) || plan_compute(&p)) {
		fprintf(stderr, "plan: error: %s\n", p.err);
		plan_free(&p);
		return 1;
	}
	i = write_all(out, &p) ? 1 : 0;
	plan_free(&p);
	return i;
}
