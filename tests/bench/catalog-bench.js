#!/usr/bin/env node
// The local catalogue at scale: a stratus-sandbox seeded with N assets (one dynamic-folder
// environment, a high admin_rate_limit so the hourly limit never waits), then `stratus-cli sync
// --full` into an empty catalogue, `stratus-cli find EXPRESSION --json` over typical expressions
// and `stratus-cli ls FOLDER --json` of the largest folder, every one a whole process (start-up
// included). Driven by catalog-bench.sh, which records the figures; run that.
//
// With --browser-bench, also the browser on that catalogue (stratus-browser-bench, offscreen): the
// largest folder's first screen of thumbnails cold and warm, and in-app searches.
//
//   node catalog-bench.js --cli PATH --sandbox PATH --work DIR --count N [--runs 5]
//                         [--browser-bench PATH] --json OUT
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { startSandbox, stopSandbox } = require('../conformance/sandbox-support');

function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || i + 1 >= argv.length)
            throw new Error(`usage: see the header of ${__filename}`);
        out[argv[i].slice(2)] = argv[i + 1];
    }
    for (const name of ['cli', 'sandbox', 'work', 'count', 'json']) {
        if (!out[name])
            throw new Error(`missing --${name}`);
    }
    return out;
}

const args = parseArgs(process.argv.slice(2));
const COUNT = Number(args.count);
const RUNS = Number(args.runs || 5);
const KEY = '743190258461002';
const SECRET = crypto.randomBytes(18).toString('base64url');
const CLOUD = 'bench';
const CLK_TCK = Number(childProcess.execSync('getconf CLK_TCK').toString().trim()) || 100;

// Typical expressions: a tag, keyword fields, a number with a unit, folders (direct and a subtree),
// relative and absolute dates, NOT, OR, a text prefix, free text and a compound one.
const QUERIES = [
    'tags:red',
    'resource_type:image AND format:png',
    'bytes>100000',
    'asset_folder:"samples/animals"',
    'asset_folder:campaigns/*',
    'created_at>1d',
    'created_at:[2026-10-01 TO 2026-10-31]',
    'tags:cat NOT tags:winter',
    'tags:red OR tags:blue',
    'public_id:beach*',
    'mountain',
    'tags:(spring OR summer) AND width>=1000 AND -format:gif',
];

// Searches a person types in the browser's box (words, prefixes as you type, a tag, a subject).
const BROWSER_QUERIES = ['cat', 'sun', 'red', 'summer beach', 'logo', 'mountain 2026', 'sample', 'winter dog', 'x'];

function loadAverage() {
    return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

function cpuSeconds(pid) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
}

function peakRssKiB(pid) {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
}

// Nearest-rank percentile of a list of numbers.
function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)];
}

const home = path.join(args.work, 'home');
const cliEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_RUNTIME_DIR: path.join(home, 'runtime'),
    QT_QPA_PLATFORM: 'offscreen',
    LC_ALL: 'C.UTF-8',
};
delete cliEnv.CLOUDINARY_URL;
delete cliEnv.QT_LOGGING_RULES;
const outFile = path.join(args.work, 'stdout');

// One stratus-cli run, stdout to a file (read back when asked), timed from spawn to exit.
function runCli(cliArgs, { read = false, timeVerbose = false } = {}) {
    const fd = fs.openSync(outFile, 'w');
    const command = timeVerbose ? '/usr/bin/time' : args.cli;
    const argv = timeVerbose ? ['-v', args.cli, ...cliArgs] : cliArgs;
    const started = process.hrtime.bigint();
    const r = childProcess.spawnSync(command, argv, { env: cliEnv, stdio: ['ignore', fd, 'pipe'], maxBuffer: 64 << 20 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    fs.closeSync(fd);
    const stderr = r.stderr.toString();
    if (r.status !== 0)
        throw new Error(`stratus-cli ${cliArgs.filter((a) => !a.startsWith('cloudinary://')).join(' ')}: exit ${r.status}\n${stderr}`);
    const result = { seconds, stderr };
    if (read)
        result.stdout = fs.readFileSync(outFile, 'utf8');
    if (timeVerbose) {
        const field = (name) => { const m = new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(stderr); return m ? m[1] : null; };
        result.peakRssKiB = Number(field('Maximum resident set size \\(kbytes\\)'));
        result.userSeconds = Number(field('User time \\(seconds\\)'));
        result.systemSeconds = Number(field('System time \\(seconds\\)'));
    }
    return result;
}

async function main() {
    fs.mkdirSync(path.join(home, 'runtime'), { recursive: true, mode: 0o700 });
    const version = childProcess.execFileSync(args.cli, ['--version'], { env: cliEnv }).toString().trim();
    const result = { count: COUNT, runs: RUNS, version, loadAtStart: loadAverage() };

    // Seeding: from spawning the sandbox to its "listening on" line (start-up + seeding N assets).
    process.stdout.write(`-- seeding ${COUNT} assets\n`);
    const seedStart = process.hrtime.bigint();
    const seedLoad = loadAverage()[0];
    const sandbox = await startSandbox(args.sandbox, [
        '--data', path.join(args.work, 'sandbox-data'),
        '--seed', String(COUNT),
        '--environment', `cloudinary://${KEY}:${SECRET}@${CLOUD}?folder_mode=dynamic&admin_rate_limit=100000`,
    ], { timeoutMs: 40 * 60 * 1000 });
    const pid = sandbox.proc.pid;
    result.seed = {
        seconds: Number(process.hrtime.bigint() - seedStart) / 1e9,
        sandboxCpuSeconds: cpuSeconds(pid),
        sandboxPeakRssKiB: peakRssKiB(pid),
        loadBefore: seedLoad,
        loadAfter: loadAverage()[0],
    };
    result.seed.assetsPerSecond = COUNT / result.seed.seconds;
    process.stdout.write(`seeded in ${result.seed.seconds.toFixed(1)} s\n`);
    const url = sandbox.urls[0];
    const config = ['--cloudinary-url', url];

    try {
        // (1) Full sync into an empty catalogue.
        process.stdout.write('-- stratus-cli sync --full\n');
        let load = loadAverage()[0];
        let sandboxCpu = cpuSeconds(pid);
        const sync = runCli(['sync', '--full', ...config], { read: true, timeVerbose: true });
        const summary = sync.stdout.trim().split('\n').pop();
        const m = /(\d+) assets read, (\d+) removed, (\d+) in the catalogue/.exec(summary);
        if (!m || Number(m[3]) !== COUNT)
            throw new Error(`sync: unexpected summary: ${summary}`);
        result.sync = {
            seconds: sync.seconds, assetsRead: Number(m[1]), catalogued: Number(m[3]), summary,
            assetsPerSecond: Number(m[1]) / sync.seconds,
            cliPeakRssKiB: sync.peakRssKiB, cliUserSeconds: sync.userSeconds, cliSystemSeconds: sync.systemSeconds,
            sandboxCpuSeconds: cpuSeconds(pid) - sandboxCpu, loadBefore: load, loadAfter: loadAverage()[0],
            searchCalls: Math.ceil(COUNT / 500),
        };
        const catalogDir = path.join(home, '.local/share/Stratus/catalog');
        result.sync.catalogBytes = 0;
        for (const entry of fs.readdirSync(catalogDir, { recursive: true })) {
            const stat = fs.statSync(path.join(catalogDir, entry));
            if (stat.isFile())
                result.sync.catalogBytes += stat.size;
        }
        process.stdout.write(`${summary}\nsync --full: ${sync.seconds.toFixed(1)} s, ${result.sync.assetsPerSecond.toFixed(0)} assets/s, peak RSS ${(sync.peakRssKiB / 1024).toFixed(1)} MiB\n`);

        // An incremental sync right after (nothing changed): the everyday case.
        load = loadAverage()[0];
        const again = runCli(['sync', ...config], { read: true, timeVerbose: true });
        result.incremental = { seconds: again.seconds, summary: again.stdout.trim().split('\n').pop(), cliPeakRssKiB: again.peakRssKiB, loadBefore: load, loadAfter: loadAverage()[0] };
        process.stdout.write(`sync (incremental): ${again.seconds.toFixed(2)} s\n`);

        // The floor: process start-up and exit without opening the catalogue.
        const startup = [];
        for (let i = 0; i < RUNS; i++)
            startup.push(runCli(['--version']).seconds);
        result.startup = { p50: percentile(startup, 50), p95: percentile(startup, 95), samples: startup };

        // (2) find EXPRESSION --json, RUNS times each; one more under /usr/bin/time -v for the RSS.
        process.stdout.write(`-- stratus-cli find EXPRESSION --json, ${RUNS} runs each\n`);
        load = loadAverage()[0];
        result.find = [];
        const all = [];
        for (const expression of QUERIES) {
            const samples = [];
            let matches = null;
            for (let i = 0; i < RUNS; i++) {
                const r = runCli(['find', expression, '--json', ...config], { read: i === 0 });
                if (i === 0)
                    matches = JSON.parse(r.stdout).length;
                samples.push(r.seconds);
            }
            const rss = runCli(['find', expression, '--json', ...config], { timeVerbose: true }).peakRssKiB;
            const outputBytes = fs.statSync(outFile).size;
            all.push(...samples);
            const row = { expression, matches, outputBytes, p50: percentile(samples, 50), p95: percentile(samples, 95), samples, peakRssKiB: rss };
            result.find.push(row);
            process.stdout.write(`${expression.padEnd(58)} ${String(matches).padStart(7)} matches  p50 ${(row.p50 * 1000).toFixed(1)} ms  p95 ${(row.p95 * 1000).toFixed(1)} ms\n`);
        }
        result.findOverall = { runs: all.length, p50: percentile(all, 50), p95: percentile(all, 95), loadBefore: load, loadAfter: loadAverage()[0] };

        // (3) ls of the largest folder (most assets directly in it), found by walking the tree.
        const folders = [];
        const walk = (folder) => {
            const r = runCli(['ls', ...(folder ? [folder] : []), '--json', ...config], { read: true });
            const listing = JSON.parse(r.stdout);
            folders.push({ path: folder, direct: listing.assets.length });
            for (const child of listing.folders)
                walk(child.path);
        };
        walk('');
        const largest = folders.filter((f) => f.path).sort((a, b) => b.direct - a.direct)[0];
        process.stdout.write(`-- stratus-cli ls ${largest.path} --json (${largest.direct} assets; ${folders.length} folders in all)\n`);
        load = loadAverage()[0];
        const lsSamples = [];
        for (let i = 0; i < RUNS; i++)
            lsSamples.push(runCli(['ls', largest.path, '--json', ...config]).seconds);
        const lsRss = runCli(['ls', largest.path, '--json', ...config], { timeVerbose: true }).peakRssKiB;
        result.ls = { folder: largest.path, assets: largest.direct, folders: folders.length, outputBytes: fs.statSync(outFile).size,
            p50: percentile(lsSamples, 50), p95: percentile(lsSamples, 95), samples: lsSamples, peakRssKiB: lsRss,
            loadBefore: load, loadAfter: loadAverage()[0] };
        process.stdout.write(`p50 ${(result.ls.p50 * 1000).toFixed(1)} ms  p95 ${(result.ls.p95 * 1000).toFixed(1)} ms\n`);

        // (4) The browser on the same catalogue and sandbox: three processes, so that nothing is in
        // memory at the start of each. "cold": an empty thumbnail cache, and the sandbox has never
        // made these thumbnails; "cold (app)": an empty cache again, the sandbox's derived
        // thumbnails now exist (a CDN that has them); "warm (disk)": the cache the previous run
        // filled. Each also times the way back to the folder after another one (memory-warm).
        if (args['browser-bench']) {
            const catalogDir = path.join(home, '.local/share/Stratus/catalog');
            const catalogFile = fs.readdirSync(catalogDir).map((d) => path.join(catalogDir, d, 'catalog.sqlite'))
                .find((f) => fs.existsSync(f));
            const ranked = folders.filter((f) => f.path).sort((a, b) => b.direct - a.direct);
            const runBrowser = (label, cacheDir) => {
                process.stdout.write(`-- stratus-browser-bench (${label}): ${ranked[0].path}, ${ranked[0].direct} assets\n`);
                const loadBefore = loadAverage()[0];
                const argv = ['--catalog', catalogFile, '--url', url, '--cache', cacheDir, '--folder', ranked[0].path,
                    '--other-folder', ranked[1].path, '--runs', String(RUNS * 4)];
                for (const q of BROWSER_QUERIES)
                    argv.push('--query', q);
                const r = childProcess.spawnSync(args['browser-bench'], argv, { env: cliEnv, maxBuffer: 16 << 20 });
                if (r.status !== 0)
                    throw new Error(`stratus-browser-bench (${label}): exit ${r.status}\n${r.stderr}`);
                const out = JSON.parse(r.stdout.toString());
                out.label = label;
                out.loadBefore = loadBefore;
                out.loadAfter = loadAverage()[0];
                process.stdout.write(`first screen ${out.firstScreenMs.toFixed(0)} ms (${out.firstScreenCells} cells, ${out.firstScreenFailed} failed), `
                    + `back again ${out.revisitMs.toFixed(0)} ms, search p50 ${out.searchP50Ms.toFixed(1)} ms p95 ${out.searchP95Ms.toFixed(1)} ms, `
                    + `peak RSS ${(out.peakRssKiB / 1024).toFixed(0)} MiB\n`);
                return out;
            };
            const cacheA = path.join(args.work, 'thumbs-a');
            const cacheB = path.join(args.work, 'thumbs-b');
            result.browser = [runBrowser('cold', cacheA), runBrowser('cold (app)', cacheB), runBrowser('warm (disk)', cacheB)];
        }
    } finally {
        await stopSandbox(sandbox);
    }
    result.loadAtEnd = loadAverage();
    fs.writeFileSync(args.json, JSON.stringify(result, null, 2));
}

main().catch((e) => {
    process.stderr.write(`catalog-bench: ${e.stack || e}\n`);
    process.exit(1);
});
