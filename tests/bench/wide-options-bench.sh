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
# fresh process; the median wall time is printed, with the peak RSS from /usr/bin/time when present.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
[ $# -gt 0 ] && shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 20000 40000 80000 160000)
cli="${STRATUS_CLI:-$(cd "$build" && pwd)/src/cli/stratus-cli}"
[ -x "$cli" ] || { echo "wide-options-bench: no stratus-cli at $cli; build it first" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-wide-options.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export CLOUDINARY_URL=cloudinary://1234:b@demo XDG_CONFIG_HOME="$work/config"
expected="https://res.cloudinary.com/demo/image/upload/sample"

echo "\$ tests/bench/wide-options-bench.sh ${build#"$repo/"} ${counts[*]}"
echo "stratus-cli: $cli ($("$cli" --version)); $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| keys | line | wall time (median of 3) | per 1,000 keys | peak RSS |"
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
    rss="n/a"
    for _ in 1 2 3; do
        start=$(date +%s.%N)
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f '%M' -o "$work/rss" "$cli" url --batch <"$input" >"$work/out"
            rss="$(awk '{ printf "%.1f MiB", $1 / 1024 }' "$work/rss")"
        else
            "$cli" url --batch <"$input" >"$work/out"
        fi
        end=$(date +%s.%N)
        [ "$(cat "$work/out")" = "$expected" ] || { echo "wide-options-bench: wrong output for N=$count" >&2; exit 1; }
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')")
    done
    median="$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)"
    printf '| %s | %s | %.3f s | %.2f ms | %s |\n' "$count" \
        "$(awk -v b="$(stat -c %s "$input")" 'BEGIN { printf "%.2f MB", b / 1e6 }')" \
        "$median" "$(awk -v t="$median" -v n="$count" 'BEGIN { printf "%.6f", t * 1e6 / n }')" "$rss"
done
