// Helpers shared by the differential runners: argument parsing, loading the pinned Node SDK
// from the build tree, running stratus-cli, and reporting.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const SDK_VERSION = '2.11.0';

function fail(message) {
    process.stderr.write(`error: ${message}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
}

// --name value pairs and bare --flags.
function parseArgs(argv, { required = [], defaults = {} } = {}) {
    const out = { ...defaults };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith('--'))
            fail(`unexpected argument '${arg}'`);
        const name = arg.slice(2);
        if (i + 1 < argv.length && !argv[i + 1].startsWith('--'))
            out[name] = argv[++i];
        else
            out[name] = true;
    }
    for (const name of required) {
        if (out[name] === undefined || out[name] === true)
            fail(`missing --${name}`);
    }
    return out;
}

// The SDK installed by the conformance_npm_install fixture, checked to be the pinned version.
function loadSdk(nodeModules) {
    const dir = path.resolve(nodeModules, 'cloudinary');
    let version;
    try {
        version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    } catch (e) {
        fail(`the Node SDK is not installed in ${nodeModules} (run the conformance_npm_install test: ${e.message})`);
    }
    if (version !== SDK_VERSION)
        fail(`${dir} is cloudinary ${version}, the conformance tests pin ${SDK_VERSION}`);
    // The SDK reads these at load time and on config(true); only CLOUDINARY_URL may reach it.
    delete process.env.CLOUDINARY_ACCOUNT_URL;
    delete process.env.CLOUDINARY_API_PROXY;
    return require(dir).v2;
}

// (Re)configures the SDK exactly as it configures itself from the environment.
function configureSdk(cloudinary, cloudinaryUrl) {
    process.env.CLOUDINARY_URL = cloudinaryUrl;
    cloudinary.config(true);
}

function checkCli(cli) {
    try {
        fs.accessSync(cli, fs.constants.X_OK);
    } catch (e) {
        fail(`stratus-cli not found or not executable at ${cli}`);
    }
}

// Runs stratus-cli. The environment carries no Cloudinary configuration unless given.
function runCli(cli, args, { input = '', cloudinaryUrl } = {}) {
    const env = { ...process.env };
    delete env.CLOUDINARY_URL;
    delete env.CLOUDINARY_ACCOUNT_URL;
    delete env.CLOUDINARY_API_PROXY;
    if (cloudinaryUrl !== undefined)
        env.CLOUDINARY_URL = cloudinaryUrl;
    const r = childProcess.spawnSync(cli, args, { input, env, maxBuffer: 1 << 30, timeout: 120000 });
    if (r.error)
        fail(`cannot run ${cli}: ${r.error.message}`);
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

// stdout as lines of bytes (a final newline ends the last line; it does not start another).
function splitLines(buffer) {
    const lines = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
        if (buffer[i] === 0x0a) {
            lines.push(buffer.subarray(start, i));
            start = i + 1;
        }
    }
    if (start < buffer.length)
        lines.push(buffer.subarray(start));
    return lines;
}

// Runs a batch command over `lines`; when the CLI refuses the batch (it must print nothing and
// exit 2 on any bad line), splits it to find out which lines it refuses, so every case gets an
// answer of its own. Returns one entry per line: { output: Buffer } or { refused: {status, stderr} }.
function runBatchLocating(cli, args, lines, cloudinaryUrl) {
    const results = new Array(lines.length);
    const run = (lo, hi) => {
        const r = runCli(cli, args, { input: lines.slice(lo, hi).join('\n') + '\n', cloudinaryUrl });
        const out = splitLines(r.stdout);
        if (r.status === 0 && out.length === hi - lo) {
            for (let i = lo; i < hi; i++)
                results[i] = { output: out[i - lo] };
            return;
        }
        if (hi - lo === 1) {
            results[lo] = { refused: { status: r.status, signal: r.signal, lines: out.length, stdout: r.stdout.toString('utf8'), stderr: r.stderr.trim() } };
            return;
        }
        const mid = lo + Math.ceil((hi - lo) / 2);
        run(lo, mid);
        run(mid, hi);
    };
    if (lines.length)
        run(0, lines.length);
    return results;
}

function describeRefusal(refused) {
    const how = refused.signal ? `killed by ${refused.signal}`
        : refused.status === 0 ? `exit 0 but ${refused.lines} output lines for 1 input line` : `exit ${refused.status}`;
    return `(stratus-cli refused: ${how}${refused.stderr ? `: ${refused.stderr.split('\n')[0]}` : ''})`;
}

// JSON with sorted keys, to compare inputs whatever their key order.
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value && typeof value === 'object')
        return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    return JSON.stringify(value);
}

module.exports = {
    SDK_VERSION, fail, parseArgs, loadSdk, configureSdk, checkCli, runCli, splitLines, runBatchLocating,
    describeRefusal, canonicalJson,
};
