#!/usr/bin/env node
// Delivery-URL throughput: the official Node SDK's cloudinary.url() against `stratus-cli url --batch`
// over the same option sets. Not part of ctest; tests/bench/run-benchmarks.sh runs it and records
// the figures in docs/benchmarks.md.
//
//   node tests/bench/url-throughput.js --cli PATH/stratus-cli --node-modules DIR
//        [--count 100000] [--seed bench-2024] [--runs 3] [--json FILE]
//
// Input: `count` JSON lines {"public_id","options"} from tests/conformance/gen-url-cases.js
// (seeded; cases the SDK rejects are skipped, so exactly `count` lines remain), all under
// CLOUDINARY_URL=cloudinary://1234:b@demo.
//
// What is measured, each in a fresh process, median of `runs`:
// - Node, in-process: JSON.parse of each line + cloudinary.url() + joining the output, timed inside
//   a worker process after the SDK is loaded and the file is read (module load and I/O excluded).
//   Analytics off through the configuration, so no per-call option copying is added.
// - Node, as a process: the same worker's wall clock, start to exit (for reference).
// - Stratus: wall clock of the whole `stratus-cli url --batch` process, stdin from the file and
//   stdout to a file (start-up, parsing, building, writing all included).
// Outputs must be identical byte for byte. Peak RSS from `/usr/bin/time -v` when present
// (Debian package `time`), else sampled from /proc/PID/status (VmHWM).
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CLOUDINARY_URL = 'cloudinary://1234:b@demo';

// ---------------------------------------------------------------------------------------------
// Worker: node url-throughput.js --node-worker CASES --node-modules DIR --out FILE
function worker(argv) {
    const get = (name) => argv[argv.indexOf(name) + 1];
    process.env.CLOUDINARY_URL = CLOUDINARY_URL;
    const cloudinary = require(path.resolve(get('--node-modules'), 'cloudinary')).v2;
    cloudinary.config({ urlAnalytics: false });
    const lines = fs.readFileSync(get('--node-worker'), 'utf8').split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    const out = new Array(lines.length);
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < lines.length; i++) {
        const input = JSON.parse(lines[i]);
        out[i] = cloudinary.url(input.public_id, input.options);
    }
    const text = out.join('\n') + '\n';
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    fs.writeFileSync(get('--out'), text);
    process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, count: lines.length }) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Running a process and measuring it.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function vmHwmKb(pid) {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) : 0;
    } catch (e) {
        return 0;
    }
}

// Runs argv with stdin/stdout redirected to files. Returns wall seconds, CPU seconds (user + system;
// null without /usr/bin/time), peak RSS in KiB, exit status and stdout text of the process.
function measure(argv, { stdinFile, stdoutFile, env }) {
    return new Promise((resolve, reject) => {
        const timeFile = path.join(os.tmpdir(), `stratus-bench-time-${process.pid}-${Date.now()}.txt`);
        const command = TIME ? [TIME, '-v', '-o', timeFile, ...argv] : argv;
        const stdin = stdinFile ? fs.openSync(stdinFile, 'r') : 'ignore';
        const stdout = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'pipe';
        const start = process.hrtime.bigint();
        const child = childProcess.spawn(command[0], command.slice(1), { stdio: [stdin, stdout, 'pipe'], env });
        let text = '', errText = '', peak = 0;
        if (child.stdout)
            child.stdout.on('data', (d) => { text += d; });
        child.stderr.on('data', (d) => { errText += d; });
        // Without /usr/bin/time: the high-water mark of the child, sampled until it exits.
        const sampler = TIME ? null : setInterval(() => { peak = Math.max(peak, vmHwmKb(child.pid)); }, 2);
        child.on('error', reject);
        child.on('exit', (status, signal) => {
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            if (sampler)
                clearInterval(sampler);
            let rss = peak, rssSource = 'sampled /proc/PID/status VmHWM', cpuSeconds = null;
            if (TIME) {
                const report = fs.readFileSync(timeFile, 'utf8');
                const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
                rss = m ? Number(m[1]) : 0;
                const user = /User time \(seconds\): ([\d.]+)/.exec(report), sys = /System time \(seconds\): ([\d.]+)/.exec(report);
                cpuSeconds = user && sys ? Number(user[1]) + Number(sys[1]) : null;
                rssSource = '/usr/bin/time -v';
                fs.rmSync(timeFile, { force: true });
            }
            if (typeof stdin === 'number')
                fs.closeSync(stdin);
            if (typeof stdout === 'number')
                fs.closeSync(stdout);
            child.on('close', () => resolve({ seconds, cpuSeconds, rss, rssSource, status, signal, stdout: text, stderr: errText }));
        });
    });
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---------------------------------------------------------------------------------------------
async function main(argv) {
    const arg = (name, fallback) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : fallback);
    const cli = arg('--cli');
    const nodeModules = arg('--node-modules');
    if (!cli || !nodeModules) {
        process.stderr.write('usage: url-throughput.js --cli PATH --node-modules DIR [--count N] [--seed S] [--runs R] [--json FILE]\n');
        process.exit(2);
    }
    const count = Number(arg('--count', 100000));
    const seed = arg('--seed', 'bench-2024');
    const runs = Number(arg('--runs', 3));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-bench-'));
    const loadBefore = os.loadavg()[0];

    // The option sets: generated, minus the few the SDK rejects (checked here, in this process,
    // so the timed worker starts cold like the CLI does).
    const { generateCases, lineOf } = require('../conformance/gen-url-cases.js');
    process.env.CLOUDINARY_URL = CLOUDINARY_URL;
    const sdk = require(path.resolve(nodeModules, 'cloudinary')).v2;
    sdk.config(true);
    const lines = [];
    for (const c of generateCases({ seed, count: Math.ceil(count * 1.01) + 100 })) {
        const line = lineOf(c);
        try {
            const input = JSON.parse(line);
            sdk.url(input.public_id, { ...input.options, urlAnalytics: false });
            lines.push(line);
        } catch (e) {
            continue;
        }
        if (lines.length === count)
            break;
    }
    if (lines.length !== count)
        throw new Error(`only ${lines.length} accepted cases generated`);
    const casesFile = path.join(work, 'cases.jsonl');
    fs.writeFileSync(casesFile, lines.join('\n') + '\n');
    const inputBytes = fs.statSync(casesFile).size;

    const env = { ...process.env, CLOUDINARY_URL };
    delete env.CLOUDINARY_ACCOUNT_URL;
    delete env.CLOUDINARY_API_PROXY;
    const nodeOut = path.join(work, 'node.txt');
    const cliOut = path.join(work, 'stratus.txt');
    const node = [], cliRuns = [];
    for (let r = 0; r < runs; r++) {
        const n = await measure([process.execPath, __filename, '--node-worker', casesFile, '--node-modules', nodeModules, '--out', nodeOut],
            { env });
        if (n.status !== 0)
            throw new Error(`node worker failed: ${n.stderr}`);
        const w = JSON.parse(n.stdout);
        node.push({ ...n, inProcess: w.seconds, inProcessCpu: w.cpuSeconds });
        const s = await measure([cli, 'url', '--batch'], { stdinFile: casesFile, stdoutFile: cliOut, env });
        if (s.status !== 0)
            throw new Error(`stratus-cli url --batch exited ${s.status}${s.signal ? ` (${s.signal})` : ''}: ${s.stderr.split('\n')[0]}`);
        cliRuns.push(s);
    }

    // Identical outputs, or the figures mean nothing.
    const a = fs.readFileSync(nodeOut), b = fs.readFileSync(cliOut);
    let identical = Buffer.compare(a, b) === 0, mismatches = 0, firstMismatch = null;
    if (!identical) {
        const la = a.toString('utf8').split('\n'), lb = b.toString('utf8').split('\n');
        for (let i = 0; i < Math.max(la.length, lb.length); i++) {
            if (la[i] !== lb[i]) {
                mismatches++;
                if (!firstMismatch)
                    firstMismatch = { line: i + 1, input: lines[i], node: la[i], stratus: lb[i] };
            }
        }
    }

    const nodeInProcess = median(node.map((x) => x.inProcess));
    const nodeProcess = median(node.map((x) => x.seconds));
    const stratus = median(cliRuns.map((x) => x.seconds));
    const nodeCpu = median(node.map((x) => x.inProcessCpu));
    const stratusCpu = cliRuns.every((x) => x.cpuSeconds !== null) ? median(cliRuns.map((x) => x.cpuSeconds)) : null;
    const result = {
        count, seed, runs, inputBytes, cloudinaryUrl: CLOUDINARY_URL,
        nodeVersion: process.version, sdkVersion: require(path.resolve(nodeModules, 'cloudinary', 'package.json')).version,
        cliVersion: childProcess.spawnSync(cli, ['--version']).stdout.toString().trim(),
        loadAverage: { before: loadBefore, after: os.loadavg()[0] },
        node: { inProcessSeconds: nodeInProcess, inProcessCpuSeconds: nodeCpu, processSeconds: nodeProcess, urlsPerSecond: count / nodeInProcess,
            processUrlsPerSecond: count / nodeProcess, peakRssKiB: Math.max(...node.map((x) => x.rss)), all: node.map((x) => x.inProcess) },
        stratus: { processSeconds: stratus, cpuSeconds: stratusCpu, urlsPerSecond: count / stratus, peakRssKiB: Math.max(...cliRuns.map((x) => x.rss)),
            all: cliRuns.map((x) => x.seconds) },
        rssSource: node[0].rssSource,
        identical, mismatches, firstMismatch,
    };
    result.ratio = result.stratus.urlsPerSecond / result.node.urlsPerSecond;
    result.ratioProcess = result.stratus.urlsPerSecond / result.node.processUrlsPerSecond;
    // CPU time is what a busy machine distorts least; wall clock is what the target is about.
    result.ratioCpu = stratusCpu ? nodeCpu / stratusCpu : null;
    fs.rmSync(work, { recursive: true, force: true });

    const fmt = (x) => Math.round(x).toLocaleString('en-US');
    const mib = (kib) => (kib / 1024).toFixed(1);
    const text = [
        `url-throughput: ${fmt(count)} option sets (seed ${seed}, ${(inputBytes / 1e6).toFixed(1)} MB of JSON lines), median of ${runs} runs`,
        `  Node SDK ${result.sdkVersion} (Node ${process.version}), in-process parse+url():  ${fmt(result.node.urlsPerSecond)} URLs/s  (${nodeInProcess.toFixed(3)} s; runs ${result.node.all.map((x) => x.toFixed(3)).join(', ')})`,
        `  Node SDK as a process (load + read + url() + write):        ${fmt(result.node.processUrlsPerSecond)} URLs/s  (${nodeProcess.toFixed(3)} s)`,
        `  ${result.cliVersion}, process wall clock:              ${fmt(result.stratus.urlsPerSecond)} URLs/s  (${stratus.toFixed(3)} s; runs ${result.stratus.all.map((x) => x.toFixed(3)).join(', ')})`,
        `  CPU time (user + system): Node in-process ${nodeCpu.toFixed(3)} s, Stratus whole process ${stratusCpu === null ? 'n/a' : `${stratusCpu.toFixed(3)} s (ratio ${result.ratioCpu.toFixed(1)}x)`}`,
        `  load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${result.loadAverage.after.toFixed(2)} on ${os.cpus().length} CPUs`,
        `  ratio Stratus / Node in-process: ${result.ratio.toFixed(1)}x  (target >= 20x: ${result.ratio >= 20 ? 'met' : 'NOT met'}); Stratus / Node process: ${result.ratioProcess.toFixed(1)}x`,
        `  peak RSS (${result.rssSource}): Node ${mib(result.node.peakRssKiB)} MiB, Stratus ${mib(result.stratus.peakRssKiB)} MiB`,
        `  outputs identical: ${identical ? 'yes' : `NO, ${mismatches} lines differ; first: line ${firstMismatch.line}\n    input:   ${firstMismatch.input}\n    node:    ${firstMismatch.node}\n    stratus: ${firstMismatch.stratus}`}`,
    ].join('\n');
    process.stdout.write(text + '\n');
    const json = arg('--json');
    if (json)
        fs.writeFileSync(json, JSON.stringify(result, null, 2));
    process.exit(identical ? 0 : 1);
}

if (process.argv.includes('--node-worker'))
    worker(process.argv.slice(2));
else
    main(process.argv.slice(2)).catch((e) => { process.stderr.write(`url-throughput: ${e.message}\n`); process.exit(1); });
