#!/usr/bin/env bash
# Wide option objects: `stratus-cli url --batch` over one line whose options object has N distinct
# keys (`{"public_id":"sample","options":{"k0":0,"k1":1,…}}`), for several N. Parsing such an
# object must grow linearly (or n log n) with N; the figures go to docs/benchmarks.md, section
# "Wide option objects". Not part of ctest.
#
#   tests/bench/wide-options-bench.sh [BUILD_DIR] [N…]      (N defaults to 10000 20000 40000 80000 160000)
#
# BUILD_DIR (default: build) must hold a built stratus-cli (Release or RelWithDebInfo); set
# STRATUS_CLI=PATH to time another binary (an older build, to compare). Each N runs 3 times in a
# fresh process; the medians of the wall time and of the CPU time (user + system, steadier on a
# busy machine) are printed, and the peak RSS when /usr/bin/time is present (Debian package `time`).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
[ $# -gt 0 ] && shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 20000 40000 80000 160000)
cli="${STRATUS_CLI:-$(cd "$build" && pwd)/src/cli/stratus-cli}"
[ -x "$cli" ] || { echo "wide-options-bench: no stratus-cli at $cli; build it first" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-wide-options.XXXXXX")"
TIMEFORMAT='%3R %3U %3S'
trap 'rm -rf "$work"' EXIT
export CLOUDINARY_URL=cloudinary://1234:b@demo XDG_CONFIG_HOME="$work/config"
expected="https://res.cloudinary.com/demo/image/upload/sample"

echo "\$ tests/bench/wide-options-bench.sh ${build#"$repo/"} ${counts[*]}"
echo "stratus-cli: $cli ($("$cli" --version)); $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| keys | line | wall time | CPU time | peak RSS |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for count in "${counts[@]}"; do
    [[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "wide-options-bench: N must be a positive number, not '$count'" >&2; exit 2; }
    input="$work/line-$count.jsonl"
    awk -v n="$count" 'BEGIN {
        printf "{\"public_id\":\"sample\",\"options\":{";
        for (i = 0; i < n; i++) printf "%s\"k%d\":%d", (i ? "," : ""), i, i;
        printf "}}\n";
    }' >"$input"
    times=()
    cpus=()
    rss="n/a"
    for _ in 1 2 3; do
        # bash's `time`: wall and CPU (user + system of the children) to the millisecond.
        if [ -x /usr/bin/time ]; then
            { time /usr/bin/time -f '%M' -o "$work/rss" "$cli" url --batch <"$input" >"$work/out"; } 2>"$work/time"
            rss="$(awk '{ printf "%.1f MiB", $1 / 1024 }' "$work/rss")"
        else
            { time "$cli" url --batch <"$input" >"$work/out"; } 2>"$work/time"
        fi
        [ "$(cat "$work/out")" = "$expected" ] || { echo "wide-options-bench: wrong output for N=$count" >&2; exit 1; }
        times+=("$(awk '{ print $1 }' "$work/time")")
        cpus+=("$(awk '{ printf "%.3f", $2 + $3 }' "$work/time")")
    done
    median="$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)"
    cpu="$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n 2p)"
    printf '| %s | %s | %.3f s | %.3f s | %s |\n' "$count" \
        "$(awk -v b="$(stat -c %s "$input")" 'BEGIN { printf "%.2f MB", b / 1e6 }')" "$median" "$cpu" "$rss"
done
