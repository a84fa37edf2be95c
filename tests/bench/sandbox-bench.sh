#!/usr/bin/env bash
# Benchmarks stratus-sandbox and records the figures in docs/benchmarks.md, section
# "## stratus-sandbox" (rewritten with the latest run; its history table gains a row per run):
#
#   - uploads per second of 200 KB JPEGs from 8 parallel clients (Node http, keep-alive, signed);
#   - MB/s of one 2 GiB chunked upload, 20 MB chunks, sequential, with curl;
#   - 256×256 thumbnail derivations per second from 4000×3000 (12 MP) JPEGs made by ImageMagick,
#     cold (every request a distinct transformation) and cached;
#   - the sandbox's peak RSS (VmHWM) and CPU time in each, and the load average around each.
#
#   tests/bench/sandbox-bench.sh [BUILD_DIR] [-- extra sandbox-bench.js options]
#
# BUILD_DIR (default: build) must hold a built stratus-sandbox (Release: Debug figures mean
# little). Needs node, curl and ImageMagick's convert. Inputs, including the 2 GiB file, live in a
# temporary directory under /tmp that is removed at the end. Not part of ctest.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
build="$(cd "$build" && pwd)"
sandbox="$build/src/sandbox/stratus-sandbox"
doc="$repo/docs/benchmarks.md"

for tool in node curl convert md5sum; do
    command -v "$tool" >/dev/null || { echo "sandbox-bench: $tool not found (apt install nodejs curl imagemagick)" >&2; exit 1; }
done
[ -x "$sandbox" ] || { echo "sandbox-bench: no stratus-sandbox at $sandbox; build it first" >&2; exit 1; }

work="$(mktemp -d /tmp/stratus-sandbox-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "sandbox-bench: making the inputs in $work"
# A 200 KB JPEG: the best quality that fits, zero-padded after its end marker to exactly 200 KiB.
for quality in 95 92 90 85 80 70; do
    convert -size 640x480 -seed 7 plasma:fractal -quality "$quality" "$work/small.jpg"
    [ "$(stat -c %s "$work/small.jpg")" -le 204800 ] && break
done
truncate -s 204800 "$work/small.jpg"
sources=""
for i in 1 2 3 4; do
    convert -size 4000x3000 -seed "$i" plasma:fractal -quality 90 "$work/source$i.jpg"
    sources="${sources:+$sources,}$work/source$i.jpg"
done
head -c 2147483648 /dev/urandom > "$work/big.bin"
big_md5="$(md5sum "$work/big.bin" | cut -d' ' -f1)"

result="$work/result.json"
command_line="tests/bench/sandbox-bench.sh ${build#"$repo/"}${*:+ -- $*}"
echo "\$ $command_line"
node "$repo/tests/bench/sandbox-bench.js" --sandbox "$sandbox" --work "$work" --small "$work/small.jpg" \
    --sources "$sources" --big "$work/big.bin" --big-md5 "$big_md5" --json "$result" "$@"
rm -f "$work/big.bin"

build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")"
if [ -n "$(git -C "$repo" status --porcelain 2>/dev/null | head -n 1)" ]; then commit="$commit (with local changes)"; fi

STRATUS_BENCH_COMMAND="$command_line" \
STRATUS_BENCH_MACHINE_NPROC="$(nproc)" \
STRATUS_BENCH_MACHINE_CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
STRATUS_BENCH_MACHINE_RAM="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
STRATUS_BENCH_MACHINE_OS="$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)" \
STRATUS_BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" \
STRATUS_BENCH_COMMIT="$commit" STRATUS_BENCH_BUILD_TYPE="${build_type:-unknown}" \
node "$repo/tests/bench/sandbox-bench-doc.js" "$result" "$doc"
