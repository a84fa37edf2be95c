// Helpers for the tests and benchmarks that run stratus-sandbox: starting and stopping it, plain
// HTTP requests, a check runner with the `N passed, M failed` summary, and image headers read
// without any image package (PNG/JPEG/GIF/WebP dimensions; PNG pixels for colour checks).
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const http = require('http');
const zlib = require('zlib');

// Sandboxes still running when this process exits, however it exits (an uncaught exception in
// an SDK callback included), are killed rather than left behind.
const running = new Set();
process.on('exit', () => {
    for (const proc of running)
        proc.kill('SIGKILL');
});

// Starts the sandbox and resolves once it has printed its address and one CLOUDINARY_URL per
// environment (and the account URL when `account` is set). The process is killed if it prints
// nothing useful within `timeoutMs` (seeding on a loaded machine takes a while).
function startSandbox(binary, args, { environments = 1, account = false, timeoutMs = 120000, env = {} } = {}) {
    return new Promise((resolve, reject) => {
        const proc = childProcess.spawn(binary, ['--port', '0', ...args], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', ...env },
        });
        running.add(proc);
        const result = { proc, port: 0, base: '', urls: [], accountUrl: '', stderr: '' };
        let stdout = '';
        let settled = false;
        const finish = (error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (error) {
                proc.kill('SIGKILL');
                reject(new Error(`${error}\nsandbox stderr:\n${result.stderr}`));
            } else {
                resolve(result);
            }
        };
        const timer = setTimeout(() => finish(`the sandbox did not start within ${timeoutMs} ms`), timeoutMs);
        proc.stdout.setEncoding('utf8');
        proc.stdout.on('data', (data) => {
            stdout += data;
            let newline;
            while ((newline = stdout.indexOf('\n')) >= 0) {
                const line = stdout.slice(0, newline).trim();
                stdout = stdout.slice(newline + 1);
                let m;
                if ((m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line))) {
                    result.base = m[1];
                    result.port = Number(m[2]);
                } else if (line.startsWith('CLOUDINARY_URL=')) {
                    result.urls.push(line.slice('CLOUDINARY_URL='.length));
                } else if (line.startsWith('CLOUDINARY_ACCOUNT_URL=')) {
                    result.accountUrl = line.slice('CLOUDINARY_ACCOUNT_URL='.length);
                }
            }
            if (result.port && result.urls.length >= environments && (!account || result.accountUrl))
                finish();
        });
        proc.stderr.setEncoding('utf8');
        proc.stderr.on('data', (data) => { result.stderr += data; });
        proc.on('error', (e) => finish(`cannot run ${binary}: ${e.message}`));
        proc.on('exit', (code, signal) => {
            running.delete(proc);
            result.exited = { code, signal };
            finish(`the sandbox exited (${signal || code}) before it was ready`);
        });
    });
}

// SIGTERM (a clean shutdown), then SIGKILL if it lingers.
function stopSandbox(sandbox, timeoutMs = 15000) {
    return new Promise((resolve) => {
        if (!sandbox || sandbox.exited || sandbox.proc.exitCode !== null || sandbox.proc.signalCode !== null) {
            resolve();
            return;
        }
        const timer = setTimeout(() => sandbox.proc.kill('SIGKILL'), timeoutMs);
        sandbox.proc.once('exit', () => { clearTimeout(timer); resolve(); });
        sandbox.proc.kill('SIGTERM');
    });
}

// One HTTP request; resolves with status, headers and the whole body as a Buffer.
function request(url, { method = 'GET', headers = {}, body = null, timeoutMs = 120000 } = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers, agent: false }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms: ${method} ${url}`)));
        req.on('error', reject);
        if (body)
            req.write(body);
        req.end();
    });
}

// A multipart/form-data body from [name, value] pairs; a value {data, filename} is a file part.
function multipart(fields) {
    const boundary = `----stratus${crypto.randomBytes(12).toString('hex')}`;
    const parts = [];
    for (const [name, value] of fields) {
        if (value && Buffer.isBuffer(value.data)) {
            parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n`
                + 'Content-Type: application/octet-stream\r\n\r\n'));
            parts.push(value.data, Buffer.from('\r\n'));
        } else {
            parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
        }
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function md5(buffer) {
    return crypto.createHash('md5').update(buffer).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Checks

class CheckRunner {
    constructor() {
        this.passed = 0;
        this.failed = 0;
        this.failures = [];
    }

    // Runs one named check; `fn` throws (or rejects) to fail. Returns what `fn` returned, or
    // undefined when it failed, so that later checks can skip what depends on it.
    async check(name, fn) {
        const started = Date.now();
        try {
            const value = await fn();
            this.passed++;
            process.stdout.write(`ok    ${name} (${Date.now() - started} ms)\n`);
            return value;
        } catch (e) {
            this.failed++;
            const message = describeError(e);
            this.failures.push({ name, message });
            process.stdout.write(`FAIL  ${name}\n${message.replace(/^/gm, '      ')}\n`);
            return undefined;
        }
    }

    summary() {
        process.stdout.write(`${this.passed} passed, ${this.failed} failed\n`);
        return this.failed === 0 ? 0 : 1;
    }
}

// SDK rejections are plain objects ({error: {message, http_code}} from the Admin API,
// {message, http_code} from the Upload API): print them whole, without request options.
function describeError(e) {
    if (e instanceof Error)
        return e.stack && process.env.STRATUS_CONFORMANCE_STACKS ? e.stack : e.message;
    if (e && typeof e === 'object') {
        const copy = { ...e };
        delete copy.request_options;
        delete copy.query_params;
        return `SDK rejected: ${JSON.stringify(copy)}`;
    }
    return String(e);
}

function assert(condition, message) {
    if (!condition)
        throw new Error(message);
}

// JSON with object keys sorted: objects compare by content, arrays by order.
function canonical(value) {
    return JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function assertEqual(actual, expected, what) {
    const a = canonical(actual);
    const b = canonical(expected);
    if (a !== b)
        throw new Error(`${what}: expected ${b}, got ${a}`);
}

// Awaits a promise that must reject, and returns the rejection.
async function rejection(promise, what) {
    try {
        const value = await promise;
        throw new Error(`${what}: expected an error, got ${JSON.stringify(value).slice(0, 400)}`);
    } catch (e) {
        if (e instanceof Error && e.message.startsWith(`${what}: expected an error`))
            throw e;
        return e;
    }
}

// The HTTP status an SDK rejection carries, from either API's error shape.
function sdkStatus(e) {
    if (!e || typeof e !== 'object')
        return undefined;
    if (e.error && e.error.http_code !== undefined)
        return e.error.http_code;
    return e.http_code;
}

// ---------------------------------------------------------------------------------------------
// Images

const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();

function crc32(buffer) {
    let c = 0xffffffff;
    for (const byte of buffer)
        c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
}

// An 8-bit RGB PNG whose pixel (x, y) is pixel(x, y) → [r, g, b].
function encodePng(width, height, pixel) {
    const raw = Buffer.alloc((width * 3 + 1) * height);
    let at = 0;
    for (let y = 0; y < height; y++) {
        raw[at++] = 0;
        for (let x = 0; x < width; x++) {
            const [r, g, b] = pixel(x, y);
            raw[at++] = r;
            raw[at++] = g;
            raw[at++] = b;
        }
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // RGB
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr),
        pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

// Format and dimensions from the file's header: {format: 'png'|'jpeg'|'gif'|'webp', width, height}.
function imageInfo(buffer) {
    const b = buffer;
    if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR')
        return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (b.length >= 10 && (b.toString('latin1', 0, 6) === 'GIF87a' || b.toString('latin1', 0, 6) === 'GIF89a'))
        return { format: 'gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
    if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
        const chunk = b.toString('latin1', 12, 16);
        if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)
            return { format: 'webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
        if (chunk === 'VP8L' && b[20] === 0x2f) {
            const bits = b.readUInt32LE(21);
            return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
        }
        if (chunk === 'VP8X')
            return { format: 'webp', width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
        return null;
    }
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
        // Walk the segments to the first start-of-frame (SOF0…SOF15 except DHT, JPG, DAC).
        let i = 2;
        while (i + 9 < b.length) {
            if (b[i] !== 0xff)
                return null;
            const marker = b[i + 1];
            if (marker === 0xff) {
                i++;
                continue;
            }
            if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                i += 2;
                continue;
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
                return { format: 'jpeg', width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
            i += 2 + b.readUInt16BE(i + 2);
        }
        return null;
    }
    return null;
}

// Decodes an 8-bit, non-interlaced PNG (grey, RGB, palette, grey+alpha, RGBA) to RGBA pixels.
function decodePng(buffer) {
    const info = imageInfo(buffer);
    if (!info || info.format !== 'png')
        throw new Error('not a PNG');
    let at = 8;
    let depth = 0;
    let colourType = 0;
    let interlace = 0;
    let palette = null;
    let transparency = null;
    const idat = [];
    while (at + 8 <= buffer.length) {
        const length = buffer.readUInt32BE(at);
        const type = buffer.toString('latin1', at + 4, at + 8);
        const data = buffer.subarray(at + 8, at + 8 + length);
        if (type === 'IHDR') {
            depth = data[8];
            colourType = data[9];
            interlace = data[12];
        } else if (type === 'PLTE') {
            palette = data;
        } else if (type === 'tRNS') {
            transparency = data;
        } else if (type === 'IDAT') {
            idat.push(data);
        } else if (type === 'IEND') {
            break;
        }
        at += 12 + length;
    }
    if (depth !== 8 || interlace !== 0)
        throw new Error(`PNG with bit depth ${depth}, interlace ${interlace} is not supported by this decoder`);
    const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
    if (!channels)
        throw new Error(`PNG colour type ${colourType} is unknown`);
    const { width, height } = info;
    const stride = width * channels;
    const data = zlib.inflateSync(Buffer.concat(idat));
    const rgba = Buffer.alloc(width * height * 4);
    let prior = Buffer.alloc(stride);
    for (let y = 0; y < height; y++) {
        const filter = data[y * (stride + 1)];
        const row = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
        for (let i = 0; i < stride; i++) {
            const left = i >= channels ? row[i - channels] : 0;
            const up = prior[i];
            const upLeft = i >= channels ? prior[i - channels] : 0;
            let add = 0;
            if (filter === 1) add = left;
            else if (filter === 2) add = up;
            else if (filter === 3) add = (left + up) >> 1;
            else if (filter === 4) {
                const p = left + up - upLeft;
                const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
                add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
            } else if (filter !== 0) {
                throw new Error(`PNG filter ${filter} is unknown`);
            }
            row[i] = (row[i] + add) & 0xff;
        }
        for (let x = 0; x < width; x++) {
            const o = (y * width + x) * 4;
            const s = x * channels;
            let r, g, b, a = 255;
            if (colourType === 0) { r = g = b = row[s]; }
            else if (colourType === 2) { r = row[s]; g = row[s + 1]; b = row[s + 2]; }
            else if (colourType === 3) {
                const index = row[s];
                r = palette[index * 3]; g = palette[index * 3 + 1]; b = palette[index * 3 + 2];
                if (transparency && index < transparency.length)
                    a = transparency[index];
            } else if (colourType === 4) { r = g = b = row[s]; a = row[s + 1]; }
            else { r = row[s]; g = row[s + 1]; b = row[s + 2]; a = row[s + 3]; }
            rgba[o] = r; rgba[o + 1] = g; rgba[o + 2] = b; rgba[o + 3] = a;
        }
        prior = row;
    }
    return { width, height, colourType, pixel: (x, y) => {
        const o = (y * width + x) * 4;
        return [rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]];
    } };
}

module.exports = {
    startSandbox, stopSandbox, request, multipart, md5,
    CheckRunner, assert, assertEqual, rejection, sdkStatus,
    encodePng, imageInfo, decodePng,
};
