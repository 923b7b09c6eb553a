#!/usr/bin/env bash
# Run libFuzzer targets (test/fuzz/) for a bounded time each.
#   scripts/fuzz.sh [--build BUILD] [--seconds N] TARGET...
# Each target first replays test/fuzz/regress/TARGET/ (crashes found
# before), then fuzzes from its seeds (test/fuzz/corpus/TARGET/, never
# written) into BUILD/fuzz/corpus/TARGET/. A crash lands in
# BUILD/fuzz/crashes/TARGET/; copy it to test/fuzz/regress/TARGET/ once
# fixed. Prints executions and crashes per target and in total; exits 1
# if anything crashed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build seconds=60
targets=()
while [ $# -gt 0 ]; do
	case "$1" in
	--build) build=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	-*) echo "fuzz: unknown option $1" >&2; exit 2 ;;
	*) targets+=("$1"); shift ;;
	esac
done
[ ${#targets[@]} -gt 0 ] || { echo "usage: $0 [--build B] [--seconds N] TARGET..." >&2; exit 2; }

total=0 crashed=0
for t in "${targets[@]}"; do
	bin=$build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz: no $bin (make fuzz-build)" >&2; exit 2; }
	corpus=$build/fuzz/corpus/$t crashes=$build/fuzz/crashes/$t log=$build/fuzz/$t.log
	mkdir -p "$corpus" "$crashes"
	regress=$top/test/fuzz/regress/$t
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		if ! "$bin" "$regress"/* >"$log.regress" 2>&1; then
			echo "fuzz $t: a regression input crashes again (log: $log.regress)"
			crashed=$((crashed + 1))
			continue
		fi
	fi
	before=$(ls "$crashes" | wc -l)
	# -timeout: one input running 10 s is a hang; -rss_limit_mb: memory blow-ups.
	"$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" "$corpus" "$top/test/fuzz/corpus/$t" >"$log" 2>&1 || true
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	new=$(( $(ls "$crashes" | wc -l) - before ))
	echo "fuzz $t: ${execs:-0} executions in ${seconds} s, $new crashes (corpus $(ls "$corpus" | wc -l) inputs)"
	[ "$new" -eq 0 ] || { crashed=$((crashed + new)); ls "$crashes" | sed 's/^/  /'; }
	total=$((total + ${execs:-0}))
done
echo "fuzz: $total executions, $crashed crashes"
[ "$crashed" -eq 0 ]
