#!/usr/bin/env bash
# Runs the benchmarks and records the figures in docs/benchmarks.md (one section per benchmark,
# rewritten with the latest run, plus a history table that gains a row per run).
#
#   tests/bench/run-benchmarks.sh [BUILD_DIR] [-- extra url-throughput.js options]
#
# BUILD_DIR (default: build) must hold a built stratus-cli (a Release build: the figures of a
# Debug build mean little). The pinned Node SDK is taken from BUILD_DIR/tests/conformance/node,
# installed there first if the conformance tests have not done it yet. Not part of ctest.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$repo/build}"
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
build="$(cd "$build" && pwd)"

cli="$build/src/cli/stratus-cli"
node_dir="$build/tests/conformance/node"
doc="$repo/docs/benchmarks.md"

command -v node >/dev/null || { echo "run-benchmarks: node not found (apt install nodejs npm)" >&2; exit 1; }
[ -x "$cli" ] || { echo "run-benchmarks: no stratus-cli at $cli; build it first" >&2; exit 1; }
cmake -DNODE="$(command -v node)" -DNPM="$(command -v npm || echo NPM-NOTFOUND)" \
      -DSOURCE_DIR="$repo/tests/conformance" -DNODE_DIR="$node_dir" \
      -P "$repo/tests/conformance/npm-install.cmake"

build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)"
result="$(mktemp "${TMPDIR:-/tmp}/stratus-bench.XXXXXX.json")"
trap 'rm -f "$result"' EXIT

command_line="node tests/bench/url-throughput.js --cli ${cli#"$repo/"} --node-modules ${node_dir#"$repo/"}/node_modules${*:+ $*}"
echo "\$ $command_line"
set +e
(cd "$repo" && node tests/bench/url-throughput.js --cli "$cli" --node-modules "$node_dir/node_modules" --json "$result" "$@")
status=$?
set -e
[ -s "$result" ] || { echo "run-benchmarks: the benchmark produced no result" >&2; exit 1; }

# The machine, as the section reports it.
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
ram="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)"
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")"
if [ -n "$(git -C "$repo" status --porcelain 2>/dev/null | head -n 1)" ]; then commit="$commit (with local changes)"; fi

STRATUS_BENCH_COMMAND="tests/bench/run-benchmarks.sh ${build#"$repo/"} → $command_line" \
STRATUS_BENCH_MACHINE_NPROC="$(nproc)" STRATUS_BENCH_MACHINE_CPU="$cpu" STRATUS_BENCH_MACHINE_RAM="$ram" \
STRATUS_BENCH_MACHINE_OS="$os, kernel $(uname -r)" STRATUS_BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" \
STRATUS_BENCH_COMMIT="$commit" STRATUS_BENCH_BUILD_TYPE="${build_type:-unknown}" \
node - "$result" "$doc" <<'EOF'
const fs = require('fs');
const [resultFile, doc] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
const e = process.env;
const n = (x) => Math.round(x).toLocaleString('en-US');
const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
const machine = `${e.STRATUS_BENCH_MACHINE_NPROC} CPUs (${e.STRATUS_BENCH_MACHINE_CPU}), ${e.STRATUS_BENCH_MACHINE_RAM} RAM, ${e.STRATUS_BENCH_MACHINE_OS}`;
const begin = '<!-- bench:url-throughput:begin -->', end = '<!-- bench:url-throughput:end -->';
const historyMark = '<!-- bench:url-throughput:history -->';

let text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8')
    : '# Benchmarks\n\nFigures recorded by `tests/bench/run-benchmarks.sh`; rerun it to update them. '
      + 'Compare runs only on the same machine.\n';
let history = '';
const old = text.indexOf(begin) >= 0 ? text.slice(text.indexOf(begin), text.indexOf(end) + end.length) : '';
if (old.includes(historyMark))
    history = old.slice(old.indexOf(historyMark) + historyMark.length, old.indexOf(end)).trim().split('\n').filter((l) => l.startsWith('| 20')).join('\n');
const row = `| ${e.STRATUS_BENCH_DATE} | ${e.STRATUS_BENCH_COMMIT} | ${e.STRATUS_BENCH_MACHINE_NPROC} × ${e.STRATUS_BENCH_MACHINE_CPU} | ${r.loadAverage.before.toFixed(1)} | ${n(r.node.urlsPerSecond)} | ${n(r.stratus.urlsPerSecond)} | ${r.ratio.toFixed(1)}× | ${r.ratioCpu === null ? 'n/a' : `${r.ratioCpu.toFixed(1)}×`} | ${mib(r.node.peakRssKiB)} | ${mib(r.stratus.peakRssKiB)} | ${r.identical ? 'yes' : 'NO'} |`;
history = (history ? history + '\n' : '') + row;

const section = `${begin}
## Delivery URL throughput (\`url-throughput\`)

The official Node SDK's \`cloudinary.url()\` against \`stratus-cli url --batch\` over the same
${n(r.count)} option sets (tests/conformance/gen-url-cases.js, seed \`${r.seed}\`, ${(r.inputBytes / 1e6).toFixed(1)} MB of JSON
lines, every parameter family of the differential test), under \`${r.cloudinaryUrl}\`.
Node is timed in-process: \`JSON.parse\` of each line + \`cloudinary.url()\` + joining the output, with the SDK
already loaded and the file already read. Stratus is timed as a whole process (wall clock: start-up,
reading stdin, building, writing stdout). Median of ${r.runs} runs, each in a fresh process. Target: Stratus ≥ 20× Node
(wall clock, URLs/s). CPU time is reported too, because it is less sensitive to other load on the machine.

- Command: \`${e.STRATUS_BENCH_COMMAND}\`
- Machine: ${machine}
- Date: ${e.STRATUS_BENCH_DATE}; commit ${e.STRATUS_BENCH_COMMIT}; build type ${e.STRATUS_BENCH_BUILD_TYPE}
- Versions: ${r.cliVersion}; Node SDK cloudinary ${r.sdkVersion} on Node ${r.nodeVersion}

| | URLs/s | wall time | CPU time | peak RSS |
| --- | ---: | ---: | ---: | ---: |
| Node SDK, in-process | ${n(r.node.urlsPerSecond)} | ${r.node.inProcessSeconds.toFixed(3)} s | ${r.node.inProcessCpuSeconds.toFixed(3)} s | ${mib(r.node.peakRssKiB)} (whole worker process) |
| Node SDK, whole process (for reference) | ${n(r.node.processUrlsPerSecond)} | ${r.node.processSeconds.toFixed(3)} s | | |
| \`stratus-cli url --batch\`, whole process | ${n(r.stratus.urlsPerSecond)} | ${r.stratus.processSeconds.toFixed(3)} s | ${r.stratus.cpuSeconds === null ? 'n/a' : `${r.stratus.cpuSeconds.toFixed(3)} s`} | ${mib(r.stratus.peakRssKiB)} |

Ratio Stratus / Node in-process: **${r.ratio.toFixed(1)}×** (target ≥ 20×: ${r.ratio >= 20 ? 'met' : '**not met**'});
Stratus / Node whole process: ${r.ratioProcess.toFixed(1)}×; CPU time (user + system) Node / Stratus: ${r.ratioCpu === null ? 'n/a' : `${r.ratioCpu.toFixed(1)}×`}.
Outputs identical: ${r.identical ? 'yes' : `**no** (${r.mismatches} lines differ)`}. Peak RSS from ${r.rssSource}.
Load average (1 min) before/after the run: ${r.loadAverage.before.toFixed(2)} / ${r.loadAverage.after.toFixed(2)}${r.loadAverage.before > Number(e.STRATUS_BENCH_MACHINE_NPROC) / 2 ? ' — the machine was busy: wall-clock figures are pessimistic, the CPU-time ratio is the steadier one' : ''}.

History (one row per run of the script):
${historyMark}
| date | commit | machine | load | Node URLs/s | Stratus URLs/s | ratio | CPU ratio | Node RSS | Stratus RSS | identical |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${history}
${end}`;

text = old ? text.replace(old, section) : text.replace(/\s*$/, '\n\n') + section + '\n';
fs.writeFileSync(doc, text);
console.log(`run-benchmarks: updated ${doc}`);
EOF
exit $status
