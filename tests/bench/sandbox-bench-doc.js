#!/usr/bin/env node
// Writes the figures of sandbox-bench.js (its --json file) into docs/benchmarks.md as the section
// "## stratus-sandbox", between its own markers, leaving the rest of the file alone. Machine and
// run details come from STRATUS_BENCH_* variables set by sandbox-bench.sh.
//
//   node sandbox-bench-doc.js RESULT.json docs/benchmarks.md
'use strict';

const fs = require('fs');

const [resultFile, doc] = process.argv.slice(2);
const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
const e = process.env;
const begin = '<!-- bench:sandbox:begin -->';
const end = '<!-- bench:sandbox:end -->';
const historyMark = '<!-- bench:sandbox:history -->';

const fixed = (x, digits = 1) => Number(x).toFixed(digits);
const mib = (kib) => (kib === null || kib === undefined ? 'n/a' : `${fixed(kib / 1024)} MiB`);
const load = (p) => `${fixed(p.loadBefore, 1)} → ${fixed(p.loadAfter, 1)}`;
const cpu = (p) => `${fixed(p.sandboxCpuSeconds)} s`;
const machine = `${e.STRATUS_BENCH_MACHINE_NPROC} CPUs (${e.STRATUS_BENCH_MACHINE_CPU}), ${e.STRATUS_BENCH_MACHINE_RAM} RAM, ${e.STRATUS_BENCH_MACHINE_OS}`;
const u = r.uploads;
const c = r.chunked;
const t = r.thumbnails;
const busy = r.loadAtStart[0] > Number(e.STRATUS_BENCH_MACHINE_NPROC);

let text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8')
    : '# Benchmarks\n\nFigures recorded by the scripts in `tests/bench/`; rerun them to update. Compare runs only on the same machine.\n';
const old = text.includes(begin) ? text.slice(text.indexOf(begin), text.indexOf(end) + end.length) : '';
let history = '';
if (old.includes(historyMark))
    history = old.slice(old.indexOf(historyMark) + historyMark.length, old.indexOf(end)).trim().split('\n').filter((l) => l.startsWith('| 20')).join('\n');
const row = `| ${e.STRATUS_BENCH_DATE} | ${e.STRATUS_BENCH_COMMIT} | ${e.STRATUS_BENCH_MACHINE_NPROC} × ${e.STRATUS_BENCH_MACHINE_CPU} | ${fixed(r.loadAtStart[0])} | ${fixed(u.perSecond)} | ${fixed(c.megabytesPerSecond)} | ${fixed(t.cold.perSecond, 2)} | ${fixed(t.cached.perSecond)} | ${mib(Math.max(u.peakRssKiB, c.peakRssKiB, t.cold.peakRssKiB, t.cached.peakRssKiB))} |`;
history = (history ? `${history}\n` : '') + row;

const section = `${begin}
## stratus-sandbox

Throughput of the sandbox itself, one fresh sandbox (\`--data\` in /tmp, one dynamic-folder
environment) per benchmark, everything over 127.0.0.1:

- **uploads**: ${u.count} signed uploads (Upload API, multipart) of one ${fixed(u.fileBytes / 1024, 0)} KiB JPEG under distinct public ids,
  ${u.clients} parallel clients (Node \`http\`, keep-alive), after a warm-up of ${u.clients}; each answer's etag and bytes checked;
- **chunked**: one ${fixed(c.totalBytes / 2 ** 30, 2)} GiB file of random bytes (\`raw\`), ${c.chunks} chunks of ${fixed(c.chunkBytes / 1e6, 0)} MB sent one after the
  other, each by its own \`curl\` (\`-H 'Expect:'\`, \`X-Unique-Upload-Id\`, \`Content-Range\` as the Node SDK sends it); final etag = MD5 checked;
- **thumbnails**: ${t.sources} JPEGs of ${t.source.width}×${t.source.height} (${fixed(t.source.width * t.source.height / 1e6)} MP, ImageMagick \`plasma:fractal\`, about ${fixed(t.source.bytes / 1e6)} MB each),
  \`c_fill,g_center,h_256,w_256,q_N\` delivery URLs checked to be 256×256 JPEGs: *cold* = ${t.cold.count} distinct transformations
  (every one decodes its 12 MP source), ${t.cold.clients} parallel; *cached* = ${t.cached.count} requests for those same URLs (\`X-Sandbox-Cache: hit\`), ${t.cached.clients} parallel.

Peak RSS is the sandbox's \`VmHWM\` (/proc/<pid>/status) at the end of the benchmark${t.peakSeparated ? ' (reset between cold and cached through /proc/<pid>/clear_refs)' : ''};
sandbox CPU is its user + system time during the timed part. Wall-clock rates depend on the machine's other load, recorded next to them.

- Command: \`${e.STRATUS_BENCH_COMMAND}\`
- Machine: ${machine}
- Date: ${e.STRATUS_BENCH_DATE}; commit ${e.STRATUS_BENCH_COMMIT}; build type ${e.STRATUS_BENCH_BUILD_TYPE}; ${r.version || 'stratus-sandbox'}
- Load average (1, 5, 15 min) at the start: ${r.loadAtStart.map((x) => fixed(x, 2)).join(', ')}; at the end: ${r.loadAtEnd.map((x) => fixed(x, 2)).join(', ')}${busy ? ' — **the machine was busy** (more runnable tasks than CPUs, parallel compiles): wall-clock figures are pessimistic; the sandbox CPU time is the steadier measure' : ''}

| benchmark | result | wall time | sandbox CPU | peak RSS | load (1 min) before → after |
| --- | ---: | ---: | ---: | ---: | ---: |
| uploads, ${fixed(u.fileBytes / 1024, 0)} KiB, ${u.clients} clients | **${fixed(u.perSecond)} uploads/s** (${fixed(u.megabytesPerSecond)} MB/s) | ${fixed(u.seconds)} s | ${cpu(u)} | ${mib(u.peakRssKiB)} | ${load(u)} |
| chunked, ${fixed(c.totalBytes / 2 ** 30, 2)} GiB in ${fixed(c.chunkBytes / 1e6, 0)} MB chunks | **${fixed(c.megabytesPerSecond)} MB/s** | ${fixed(c.seconds)} s | ${cpu(c)} | ${mib(c.peakRssKiB)} | ${load(c)} |
| thumbnails 256×256 from 12 MP, cold | **${fixed(t.cold.perSecond, 2)} /s** | ${fixed(t.cold.seconds)} s | ${cpu(t.cold)} | ${mib(t.cold.peakRssKiB)} | ${load(t.cold)} |
| thumbnails 256×256, cached | **${fixed(t.cached.perSecond)} /s** | ${fixed(t.cached.seconds)} s | ${cpu(t.cached)} | ${mib(t.cached.peakRssKiB)} | ${load(t.cached)} |

History (one row per run):
${historyMark}
| date | commit | machine | load | uploads/s | chunked MB/s | cold thumbs/s | cached thumbs/s | peak RSS (max) |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${history}
${end}`;

text = old ? text.replace(old, section) : `${text.replace(/\s*$/, '\n\n')}${section}\n`;
fs.writeFileSync(doc, text);
console.log(`sandbox-bench: updated ${doc}`);
