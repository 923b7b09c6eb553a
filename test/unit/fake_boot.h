/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The loader's part, for host tests of the hypervisor's boot code on the
 * fake architecture: a boot tree from test/unit/data/, the files put in
 * memory with the module nodes' reg filled in, a bootinfo naming them,
 * and a pool of RAM. Each scenario runs in a child process (the domain
 * table is the hypervisor's one global table); the parent gets its
 * result and the last console line.
 */
#ifndef TESSERA_TEST_FAKE_BOOT_H
#define TESSERA_TEST_FAKE_BOOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch.h"
#include "fake_arch.h"
#include "lib/bootinfo.h"
#include "lib/fdt.h"
#include "lib/image.h"
#include "mm.h"

#define FAKE_KERNEL_SIZE	(64u << 10)
#define FAKE_TEXT_OFFSET	0x80000
/* Below 2 GiB, where AddressSanitizer leaves the address space alone,
 * and above the guest layout's emulated devices, so direct-map works. */
#define FAKE_RAM_BASE		0x50000000ull
#define FAKE_RAM_SIZE		(48ull << 20)

struct fake_boot {
	uint8_t tree_blob[16384];
	struct fdt tree;
	uint8_t guest_blob[4096] __attribute__((aligned(8)));
	size_t guest_size;
	uint8_t other_blob[4096] __attribute__((aligned(8)));	/* fake_boot_guest_tree() */
	uint8_t *kernel;
	struct bootinfo bi;
	struct mm_pool pool;
};

static inline size_t fake_slurp(const char *name, void *buf, size_t size)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", UNIT_DATA_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		abort();
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static inline void fake_set_reg(struct fake_boot *b, const char *path, const char *prop,
				uint64_t base, uint64_t size)
{
	uint64_t v[2] = { base, size };

	if (fdt_setprop_cells(&b->tree, fdt_path_offset(&b->tree, path), prop, v, 2, 2))
		abort();
}

/* Every xen,domain under /chosen gets the one kernel and guest tree. */
static inline void fake_boot_setup(struct fake_boot *b, const char *tree, const char *guest,
				   unsigned int cpus)
{
	int chosen, d;
	struct image_header *h;
	unsigned int i;

	memset(b, 0, sizeof(*b));
	fake_slurp(tree, b->tree_blob, sizeof(b->tree_blob));
	if (fdt_init(&b->tree, b->tree_blob, sizeof(b->tree_blob)))
		abort();
	b->guest_size = guest ? fake_slurp(guest, b->guest_blob, sizeof(b->guest_blob)) : 0;
	b->kernel = aligned_alloc(4096, FAKE_KERNEL_SIZE);
	memset(b->kernel, 0xc3, FAKE_KERNEL_SIZE);
	h = (struct image_header *)b->kernel;
	memset(h, 0, sizeof(*h));
	h->text_offset = FAKE_TEXT_OFFSET;
	h->image_size = FAKE_KERNEL_SIZE + 4096;	/* a page of bss */
	h->magic = IMAGE_MAGIC;
	b->bi.nr_modules = 2;
	b->bi.modules[0].base = (uintptr_t)b->kernel;
	b->bi.modules[0].size = FAKE_KERNEL_SIZE;
	b->bi.modules[1].base = (uintptr_t)b->guest_blob;
	b->bi.modules[1].size = b->guest_size;
	chosen = fdt_path_offset(&b->tree, "/chosen");
	for (d = fdt_first_child(&b->tree, chosen); d >= 0; d = fdt_next_sibling(&b->tree, d)) {
		char path[96];

		if (!fdt_is_compatible(&b->tree, d, "xen,domain"))
			continue;
		snprintf(path, sizeof(path), "/chosen/%s/kernel", fdt_node_name(&b->tree, d));
		fake_set_reg(b, path, "reg", (uintptr_t)b->kernel, FAKE_KERNEL_SIZE);
		snprintf(path, sizeof(path), "/chosen/%s/device-tree", fdt_node_name(&b->tree, d));
		/* A Xen tree as Xen's docs write it has none: the loader's. */
		if (fdt_path_offset(&b->tree, path) >= 0)
			fake_set_reg(b, path, "reg", (uintptr_t)b->guest_blob, b->guest_size);
	}
	if (mmap((void *)FAKE_RAM_BASE, FAKE_RAM_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != (void *)FAKE_RAM_BASE)
		abort();
	mm_init(&b->pool);
	mm_add(&b->pool, FAKE_RAM_BASE, FAKE_RAM_BASE + FAKE_RAM_SIZE);
	nr_pcpus = cpus;
	for (i = 0; i < cpus; i++) {
		pcpus[i].id = i;
		pcpus[i].hwid = i;
	}
}

/* Give the domain at path (a /chosen child) a guest tree of its own. */
static inline void fake_boot_guest_tree(struct fake_boot *b, const char *path, const char *name)
{
	char node[96];
	size_t n = fake_slurp(name, b->other_blob, sizeof(b->other_blob));

	b->bi.modules[b->bi.nr_modules].base = (uintptr_t)b->other_blob;
	b->bi.modules[b->bi.nr_modules++].size = n;
	snprintf(node, sizeof(node), "%s/device-tree", path);
	fake_set_reg(b, node, "reg", (uintptr_t)b->other_blob, n);
}

/* run() in a child: its return value (0-255, or 255 on a crash) and, in
 * line, the last console line. */
static inline int fake_boot_run(int (*run)(void), char *line, size_t n)
{
	int fds[2], status, ret;
	pid_t pid;
	ssize_t got;

	if (pipe(fds))
		abort();
	pid = fork();
	if (!pid) {
		close(fds[0]);
		ret = run();
		if (write(fds[1], fake_arch.last_line, strlen(fake_arch.last_line)) < 0)
			ret = 254;
		_exit(ret);
	}
	close(fds[1]);
	got = read(fds[0], line, n - 1);
	line[got > 0 ? got : 0] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

#endif
