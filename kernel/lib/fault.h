/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fault injection for host builds. Compiled with -DFAULT_INJECTION,
 * every allocation site that asks fault_fail() first is counted, and the
 * Nth call fails (N from fault_fail_at, or the environment variable
 * TESSERA_FAIL_AT for whole programs): tests walk N from 1 until nothing
 * fails, checking each run ends in a clean error without leaks. In
 * every other build fault_fail() is a constant false.
 */
#ifndef TESSERA_LIB_FAULT_H
#define TESSERA_LIB_FAULT_H

#include <stdbool.h>

#ifdef FAULT_INJECTION
extern unsigned long fault_fail_at;	/* 0: never */
extern unsigned long fault_calls;	/* sites reached so far */
bool fault_fail(void);
#else
static inline bool fault_fail(void)
{
	return false;
}
#endif

#endif
