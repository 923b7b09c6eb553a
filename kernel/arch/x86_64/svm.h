/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD SVM: the host side of running guests (svm.c, exits.c). */
#ifndef TESSERA_X86_SVM_H
#define TESSERA_X86_SVM_H

#include <stdbool.h>
#include <stdint.h>

struct pcpu;
struct vcpu;

/* EFER.SVME and the host save areas on p. NULL, or why not. */
const char *svm_cpu_init(struct pcpu *p);
/* The VMCB of each of the domain's vCPUs. 0, or -1. */
int svm_vcpu_alloc(struct vcpu *v);
/* Load v's boot state into its VMCB and run it (never returns). */
void svm_vcpu_run(struct vcpu *v) __attribute__((noreturn));
/* Handle the exit in v's VMCB (exits.c); returns to re-enter. */
void svm_handle_exit(struct vcpu *v);
/* Deliver exception vec to v on its next entry. */
void svm_inject_exception(struct vcpu *v, unsigned int vec, bool has_error, uint32_t error);

void secondary_main(struct pcpu *p);
void svm_vmrun(uint64_t vmcb_pa, void *regs, uint64_t host_pa);

#endif
