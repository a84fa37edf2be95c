#!/usr/bin/env node
// Throughput of stratus-sandbox: small uploads from parallel clients, one large chunked upload
// (curl, sequential chunks), and 256×256 thumbnail derivations from 12-megapixel JPEGs, cold and
// cached. Each phase runs a fresh sandbox whose peak RSS (VmHWM) and CPU time are read from /proc.
// Driven by sandbox-bench.sh, which prepares the inputs and records the figures; run that.
//
//   node sandbox-bench.js --sandbox PATH --work DIR --small FILE --sources A.jpg,B.jpg,…
//        --big FILE --big-md5 HEX [--uploads 400] [--clients 8] [--chunk 20000000]
//        [--cold 24] [--cold-clients 4] [--cached 400] [--cached-clients 8] --json OUT
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

const { startSandbox, stopSandbox, imageInfo } = require('../conformance/sandbox-support');

function parseArgs(argv) {
    const out = {};
    for (let i = 0; i < argv.length; i += 2) {
        if (!argv[i].startsWith('--') || i + 1 >= argv.length)
            throw new Error(`usage: see the header of ${__filename}`);
        out[argv[i].slice(2)] = argv[i + 1];
    }
    for (const name of ['sandbox', 'work', 'small', 'sources', 'big', 'big-md5', 'json']) {
        if (!out[name])
            throw new Error(`missing --${name}`);
    }
    return out;
}

const args = parseArgs(process.argv.slice(2));
const KEY = '743190258461002';
const SECRET = crypto.randomBytes(18).toString('base64url');
const CLOUD = 'bench';
const CLK_TCK = Number(childProcess.execSync('getconf CLK_TCK').toString().trim()) || 100;

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

// Resets VmHWM to the current RSS (Linux ≥ 4.0, own processes), so a sub-phase has its own peak.
function resetPeak(pid) {
    try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
        return true;
    } catch (e) {
        return false;
    }
}

function sign(params) {
    const text = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
    return crypto.createHash('sha1').update(text + SECRET).digest('hex');
}

function signedFields(publicId) {
    const params = { public_id: publicId, timestamp: Math.floor(Date.now() / 1000) };
    return { ...params, api_key: KEY, signature: sign(params) };
}

function multipartBody(fields, file, filename) {
    const boundary = `----bench${crypto.randomBytes(8).toString('hex')}`;
    let head = '';
    for (const [k, v] of Object.entries(fields))
        head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return { body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

function send(agent, url, { method = 'GET', headers = {}, body = null } = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, agent, headers: body ? { ...headers, 'Content-Length': body.length } : headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body || undefined);
    });
}

// Runs `count` tasks with `parallel` workers; returns the wall time in seconds.
async function pool(count, parallel, task) {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < count)
            await task(next++);
    }));
    return Number(process.hrtime.bigint() - started) / 1e9;
}

async function phase(name, run) {
    const sandbox = await startSandbox(args.sandbox, [
        '--data', path.join(args.work, `data-${name}`),
        '--environment', `cloudinary://${KEY}:${SECRET}@${CLOUD}?folder_mode=dynamic&admin_rate_limit=1000000`,
    ], { timeoutMs: 120000 });
    const pid = sandbox.proc.pid;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const context = {
        base: sandbox.base, pid, agent,
        mark() { return { cpu: cpuSeconds(pid), load: loadAverage()[0] }; },
        since(m) { return { sandboxCpuSeconds: cpuSeconds(pid) - m.cpu, loadBefore: m.load, loadAfter: loadAverage()[0], peakRssKiB: peakRssKiB(pid) }; },
    };
    try {
        process.stdout.write(`-- ${name}\n`);
        return await run(context);
    } finally {
        agent.destroy();
        await stopSandbox(sandbox);
    }
}

async function uploadImage(ctx, publicId, file) {
    const { body, type } = multipartBody(signedFields(publicId), file, 'upload.jpg');
    const r = await send(ctx.agent, `${ctx.base}/v1_1/${CLOUD}/image/upload`, { method: 'POST', headers: { 'Content-Type': type }, body });
    if (r.status !== 200)
        throw new Error(`upload ${publicId}: ${r.status} ${r.body.toString().slice(0, 300)}`);
    return JSON.parse(r.body);
}

async function smallUploads() {
    const file = fs.readFileSync(args.small);
    const md5 = crypto.createHash('md5').update(file).digest('hex');
    const count = Number(args.uploads || 400);
    const clients = Number(args.clients || 8);
    return phase('uploads', async (ctx) => {
        await pool(clients, clients, (i) => uploadImage(ctx, `warmup/${i}`, file));
        const mark = ctx.mark();
        const seconds = await pool(count, clients, async (i) => {
            const r = await uploadImage(ctx, `small/${i}`, file);
            if (r.etag !== md5 || r.bytes !== file.length)
                throw new Error(`upload ${i}: etag ${r.etag}, bytes ${r.bytes}`);
        });
        const result = { count, clients, fileBytes: file.length, seconds, perSecond: count / seconds,
            megabytesPerSecond: count * file.length / 1e6 / seconds, ...ctx.since(mark) };
        process.stdout.write(`${count} uploads of ${file.length} bytes, ${clients} clients: ${result.perSecond.toFixed(1)}/s in ${seconds.toFixed(1)} s\n`);
        return result;
    });
}

async function chunkedUpload() {
    const chunk = Number(args.chunk || 20000000);
    const total = fs.statSync(args.big).size;
    return phase('chunked', async (ctx) => {
        const fd = fs.openSync(args.big, 'r');
        const buffer = Buffer.alloc(chunk);
        const uploadId = crypto.randomBytes(12).toString('hex');
        const mark = ctx.mark();
        const started = process.hrtime.bigint();
        let last;
        let chunks = 0;
        for (let offset = 0; offset < total; offset += chunk) {
            const n = fs.readSync(fd, buffer, 0, Math.min(chunk, total - offset), offset);
            const final = offset + n === total;
            const fields = signedFields('big/archive.bin');
            const curlArgs = ['-sS', '--fail-with-body', '-H', 'Expect:', '-H', `X-Unique-Upload-Id: ${uploadId}`,
                '-H', `Content-Range: bytes ${offset}-${offset + n - 1}/${final ? total : -1}`,
                '-F', 'file=@-;filename=archive.bin'];
            for (const [k, v] of Object.entries(fields))
                curlArgs.push('-F', `${k}=${v}`);
            curlArgs.push(`${ctx.base}/v1_1/${CLOUD}/raw/upload`);
            const r = childProcess.spawnSync('curl', curlArgs, { input: buffer.subarray(0, n), maxBuffer: 1 << 20 });
            if (r.status !== 0)
                throw new Error(`chunk at ${offset}: curl ${r.status} ${r.stdout} ${r.stderr}`);
            last = JSON.parse(r.stdout);
            chunks++;
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        fs.closeSync(fd);
        if (last.etag !== args['big-md5'] || last.bytes !== total)
            throw new Error(`final answer: etag ${last.etag} (expected ${args['big-md5']}), bytes ${last.bytes}`);
        const result = { totalBytes: total, chunkBytes: chunk, chunks, seconds, megabytesPerSecond: total / 1e6 / seconds, ...ctx.since(mark) };
        process.stdout.write(`${(total / 2 ** 30).toFixed(2)} GiB in ${chunks} chunks: ${result.megabytesPerSecond.toFixed(1)} MB/s in ${seconds.toFixed(1)} s\n`);
        return result;
    });
}

async function thumbnails() {
    const sources = args.sources.split(',');
    const cold = Number(args.cold || 24);
    const coldClients = Number(args['cold-clients'] || 4);
    const cached = Number(args.cached || 400);
    const cachedClients = Number(args['cached-clients'] || 8);
    return phase('thumbnails', async (ctx) => {
        let sourceInfo;
        for (let i = 0; i < sources.length; i++) {
            const r = await uploadImage(ctx, `sources/${i}`, fs.readFileSync(sources[i]));
            sourceInfo = { width: r.width, height: r.height, bytes: r.bytes };
        }
        // Distinct transformations: every cold request decodes a 12-megapixel JPEG again.
        const urls = Array.from({ length: cold }, (_, k) =>
            `${ctx.base}/${CLOUD}/image/upload/c_fill,g_center,h_256,q_${40 + Math.floor(k / sources.length)},w_256/sources/${k % sources.length}.jpg`);
        const check = (r, url, expectCache) => {
            const info = imageInfo(r.body);
            if (r.status !== 200 || !info || info.width !== 256 || info.height !== 256)
                throw new Error(`${url}: ${r.status} ${JSON.stringify(info)} ${r.headers['x-cld-error'] || ''}`);
            if (r.headers['x-sandbox-cache'] && r.headers['x-sandbox-cache'] !== expectCache)
                throw new Error(`${url}: X-Sandbox-Cache ${r.headers['x-sandbox-cache']}, expected ${expectCache}`);
        };
        const peakSeparated = resetPeak(ctx.pid);
        let mark = ctx.mark();
        let seconds = await pool(cold, coldClients, async (k) => check(await send(ctx.agent, urls[k]), urls[k], 'miss'));
        const coldResult = { count: cold, clients: coldClients, seconds, perSecond: cold / seconds, ...ctx.since(mark) };
        process.stdout.write(`${cold} cold derivations, ${coldClients} clients: ${coldResult.perSecond.toFixed(2)}/s\n`);
        resetPeak(ctx.pid);
        mark = ctx.mark();
        seconds = await pool(cached, cachedClients, async (k) => check(await send(ctx.agent, urls[k % cold]), urls[k % cold], 'hit'));
        const cachedResult = { count: cached, clients: cachedClients, seconds, perSecond: cached / seconds, ...ctx.since(mark) };
        process.stdout.write(`${cached} cached derivations, ${cachedClients} clients: ${cachedResult.perSecond.toFixed(1)}/s\n`);
        return { source: sourceInfo, sources: sources.length, peakSeparated, cold: coldResult, cached: cachedResult };
    });
}

async function main() {
    const result = { started: new Date().toISOString(), loadAtStart: loadAverage() };
    result.version = childProcess.spawnSync(args.sandbox, ['--version'], { encoding: 'utf8', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } }).stdout.trim();
    result.uploads = await smallUploads();
    result.chunked = await chunkedUpload();
    result.thumbnails = await thumbnails();
    result.loadAtEnd = loadAverage();
    fs.writeFileSync(args.json, JSON.stringify(result, null, 2));
}

main().catch((e) => {
    process.stderr.write(`sandbox-bench: ${e.stack || e}\n`);
    process.exit(1);
});
