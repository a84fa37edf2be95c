#!/usr/bin/env node
// Differential test of API request signatures: stratus-cli against the official Node SDK's
// cloudinary.utils.api_sign_request(params, api_secret, algorithm, signature_version).
//
//   node sign-differential.js --cli PATH/stratus-cli --node-modules DIR [--seed S] [--count N] [--dump FILE]
//
// Cases: the worked examples of reference §b, hand-picked edge cases, and N seeded ones (strings
// with & = spaces and unicode, numbers, booleans, arrays, empty and null values the SDK drops,
// SHA-1/SHA-256, signature versions 1 and 2, defaults). They go through `stratus-cli sign --batch`
// (lines {"params":{…},"algorithm":…,"signature_version":…} → one hex signature per line), one
// run per configuration; a few through `stratus-cli sign --params JSON [--algorithm A]
// [--signature-version V]`. Inputs the SDK rejects must exit 2 without output.
//
// The last line of output is "N passed, M failed"; the exit status is 0 only when M is 0.
'use strict';

const fs = require('fs');
const path = require('path');
const common = require('./common.js');
const { Rng, shuffledObject } = require('./gen-url-cases.js');

const CONFIGS = {
    default: 'cloudinary://1234:b@demo',
    abcd: 'cloudinary://1234:abcd@demo',
    other: 'cloudinary://987654321012345:Zx9-secret_Q@my-cloud-2',
    shhh: 'cloudinary://key:shhh@demo',
};

// ---------------------------------------------------------------------------------------------
// Hand-picked: reference §b worked examples, then edge cases. [params, algorithm, version, config]
const EDGE = [
    [{ eager: 'w_400,h_300,c_pad|w_260,h_200,c_crop', public_id: 'sample_image', timestamp: 1315060510 }, 'sha1', undefined, 'abcd'],
    [{ public_id: 'folder/file', version: '1234' }, 'sha1'],
    [{ timestamp: 1700000000, public_id: 'my_photo', folder: 'albums/2024', overwrite: 1, unique_filename: 0 }, 'sha1'],
    [{ timestamp: 1700000000, public_id: 'my_photo', folder: 'albums/2024', overwrite: 1, unique_filename: 0 }, 'sha256'],
    [{ timestamp: 1700000000, tags: ['cat', 'dog', 'lion'] }, 'sha1'],
    [{ timestamp: 1700000000, command: 'add', tag: 'summer', public_ids: ['a', 'b/c', 'd'] }, 'sha1'],
    [{ timestamp: 1700000000, public_id: 'tom&jerry' }, 'sha1', 2],
    [{ timestamp: 1700000000, public_id: 'tom&jerry' }, 'sha1', 1],
    [{ timestamp: 1700000000, context: 'caption=salt & pepper' }, 'sha1', 2],
    [{ public_id: 'sample', version: 1312461204 }, 'sha1', 1],
    // Defaults: no algorithm (SHA-1), no version (2); explicit nulls mean the same.
    [{ timestamp: 1700000000, public_id: 'a&b' }],
    [{ timestamp: 1700000000, public_id: 'a&b' }, null, null],
    // Dropped: null, empty string, empty array, array of one empty string. Kept: 0, false, " ".
    [{ timestamp: 1, a: null, b: '', c: [], d: [''], e: 0, f: false, g: ' ', h: true }],
    [{ tags: ['a', null, 'b'], list: [1, 2.5, true], empty_first: ['', 'x'] }],
    [{ tags: [['a', 'b'], 'c'] }],
    [{ n1: 1e21, n2: 0.1 + 0.2, n3: 1e-7, n4: 12345678901234567890, n5: -0, n6: -12.5, n7: 2 ** 53 + 2 }],
    [{ 'k&ey': 'v&al', 'x=y': 'a=b' }, 'sha1', 2],
    [{ 'k&ey': 'v&al', 'x=y': 'a=b' }, 'sha1', 1],
    [{ text: 'é 日本 😀 "quoted" \\ back\tslash', timestamp: 1700000000 }, 'sha256'],
    // A lone surrogate: Node hashes its UTF-8 replacement (EF BF BD).
    [{ text: 'a\ud800b', timestamp: 1700000000 }],
    [{}],
    [{ only_empty: '' }],
    // Names the SDK sorts with localeCompare (differs from byte order for these).
    [{ Zeta: '1', alpha: '2', Beta: '3' }],
    [{ a_b: 1, a1: 2, ab: 3 }],
    // Names other code paths leave out; api_sign_request signs whatever it is given.
    [{ file: 'x.jpg', api_key: '1234', resource_type: 'image', cloud_name: 'demo', timestamp: 1700000000 }],
    // A JSON document as a value (quotes, braces), under another secret.
    [{ body: '{"public_id":"117e5550-7bfa-11e4-80d7-f962166bd3be","version":1417727468}', timestamp: 1417727468 }, 'sha1', 1, 'shhh'],
    // Rejected by the SDK: unsupported algorithms.
    [{ timestamp: 1 }, 'md5'],
    [{ timestamp: 1 }, 'SHA1'],
];

// ---------------------------------------------------------------------------------------------
// Generated. Names are lower-case ASCII with underscores: for those the SDK's localeCompare equals
// byte order (mixed case and digits are hand-picked above).
const NAMES = ['timestamp', 'public_id', 'folder', 'tags', 'eager', 'context', 'upload_preset', 'overwrite',
    'unique_filename', 'use_filename', 'invalidate', 'type', 'notification_url', 'transformation', 'callback',
    'asset_folder', 'display_name', 'public_ids', 'prefix', 'command', 'tag', 'metadata', 'moderation', 'access_mode',
    'eval', 'headers', 'custom_coordinates', 'face_coordinates', 'auto_tagging', 'categorization', 'expires_at',
    'mode', 'allowed_formats', 'format', 'backup', 'source', 'from_public_id', 'to_public_id', 'x', 'a_b', 'ab', 'b'];
const PIECES = ['a', 'sample', 'folder/sub', '&', '=', ' ', 'é', '日本', '|', ',', ':', '/', '%26', '+', '?', '#', '😀',
    '"', "'", '\\', 'caption=', 'alt=', 'w_100,c_fill', 'https://example.com/x?y=1&z=2', '$', '\t', '[', ']', '{}'];

function stringValue(rng) {
    let s = '';
    for (let i = rng.int(1, 5); i > 0; i--)
        s += rng.pick(PIECES);
    return s;
}

function scalar(rng) {
    return rng.weighted([
        [() => stringValue(rng), 10],
        [() => rng.int(0, 2000000000), 3],
        [() => rng.pick([0, 1, -1, 1.5, 0.1 + 0.2, 1e21, 1e-7, 2 ** 53, 123.456, 1700000000]), 2],
        [() => rng.chance(0.5), 2],
        [() => rng.pick(['1', '0', 'true', 'false', '1700000000']), 2],
    ])();
}

function generateSignCases(seed, count) {
    const rng = new Rng(`sign-${seed}`);
    const cases = [];
    for (let i = 0; i < count; i++) {
        const entries = rng.subset(NAMES, 1, 8).map((name) => [name, rng.weighted([
            [() => scalar(rng), 12],
            [() => Array.from({ length: rng.int(1, 4) }, () => scalar(rng)), 3],
            [() => rng.pick(['', null, []]), 2],
        ])()]);
        if (rng.chance(0.7))
            entries.push(['timestamp', rng.int(1600000000, 1800000000)]);
        const line = { params: shuffledObject(rng, entries) };
        const algorithm = rng.weighted([['sha1', 4], ['sha256', 4], [undefined, 2], [null, 1]]);
        const version = rng.weighted([[1, 4], [2, 4], [undefined, 2], [null, 1]]);
        if (algorithm !== undefined)
            line.algorithm = algorithm;
        if (version !== undefined)
            line.signature_version = version;
        cases.push({ id: `gen-${i}`, config: rng.weighted([['default', 8], ['other', 2]]), line });
    }
    return cases;
}

// ---------------------------------------------------------------------------------------------
const args = common.parseArgs(process.argv.slice(2), {
    required: ['cli', 'node-modules'],
    defaults: { seed: '20240611', count: '150', 'single-accepted': '6' },
});
common.checkCli(args.cli);
const cloudinary = common.loadSdk(args['node-modules']);
const allowList = JSON.parse(fs.readFileSync(path.join(__dirname, 'sdk-bugs.json'), 'utf8')).sign;

const edge = EDGE.map(([params, algorithm, version, config], i) => {
    const line = { params };
    if (algorithm !== undefined)
        line.algorithm = algorithm;
    if (version !== undefined)
        line.signature_version = version;
    return { id: `edge-${i}`, config: config || 'default', line, handPicked: true };
});
const generated = generateSignCases(args.seed, Number(args.count));
const cases = edge.concat(generated);
for (const c of cases) {
    c.cloudinary_url = CONFIGS[c.config];
    c.text = JSON.stringify(c.line);
}

const byConfig = new Map();
for (const c of cases) {
    if (!byConfig.has(c.cloudinary_url))
        byConfig.set(c.cloudinary_url, []);
    byConfig.get(c.cloudinary_url).push(c);
}
for (const [cloudinaryUrl, group] of byConfig) {
    common.configureSdk(cloudinary, cloudinaryUrl);
    const secret = cloudinary.config().api_secret;
    for (const c of group) {
        const line = JSON.parse(c.text);
        try {
            c.node = cloudinary.utils.api_sign_request(line.params, secret, line.algorithm, line.signature_version);
        } catch (e) {
            c.nodeRejects = e && e.message ? e.message : String(e);
        }
    }
    const accepted = group.filter((c) => c.node !== undefined);
    const results = common.runBatchLocating(args.cli, ['sign', '--batch'], accepted.map((c) => c.text), cloudinaryUrl);
    accepted.forEach((c, i) => { c.stratus = results[i]; });
}

// Single calls: every SDK rejection, and a few accepted cases (alternating env and flag).
let calls = 0;
const single = (c) => {
    const viaFlag = calls++ % 2 === 1;
    const argv = ['sign', '--params', JSON.stringify(c.line.params)];
    if (c.line.algorithm != null)
        argv.push('--algorithm', c.line.algorithm);
    if (c.line.signature_version != null)
        argv.push('--signature-version', String(c.line.signature_version));
    if (viaFlag)
        argv.push('--cloudinary-url', c.cloudinary_url);
    return { ...common.runCli(args.cli, argv, { cloudinaryUrl: viaFlag ? undefined : c.cloudinary_url }), argv };
};
const singles = [];
for (const c of cases.filter((x) => x.nodeRejects !== undefined))
    singles.push({ c, r: single(c), reject: true });
const accepted = cases.filter((c) => c.node !== undefined);
const step = Math.max(1, Math.floor(accepted.length / Number(args['single-accepted'])));
for (let i = 0, n = 0; i < accepted.length && n < Number(args['single-accepted']); i += step, n++)
    singles.push({ c: accepted[i], r: single(accepted[i]), reject: false });

let passed = 0, failed = 0, allowListed = 0;
const out = [];
const show = (kind, c, expected, actual, note) => {
    out.push(`${kind} ${c.id}\n  input:    ${c.text}  [CLOUDINARY_URL=${c.cloudinary_url}]\n  expected: ${expected}\n  actual:   ${actual}\n`
        + (note ? `  note:     ${note}\n` : ''));
};
const used = new Set();
for (const c of accepted) {
    const actual = c.stratus.output !== undefined ? c.stratus.output.toString('utf8') : common.describeRefusal(c.stratus.refused);
    const a = allowList.findIndex((e) => common.canonicalJson(e.line) === common.canonicalJson(c.line)
        && (e.cloudinary_url || CONFIGS.default) === c.cloudinary_url);
    if (a >= 0) {
        used.add(a);
        const e = allowList[a];
        if (e.node === c.node && e.stratus === actual) {
            allowListed++;
            show('KNOWN SDK BUG', c, c.node, actual, `sdk-bugs.json "${e.id}": ${e.reason}`);
        } else {
            failed++;
            show('FAIL', c, e.stratus, actual, `sdk-bugs.json "${e.id}" (SDK now: ${c.node}, recorded: ${e.node})`);
        }
    } else if (actual === c.node) {
        passed++;
    } else {
        failed++;
        show('FAIL', c, c.node, actual);
    }
}
for (const { c, r, reject } of singles) {
    const stdout = r.stdout.toString('utf8');
    const cmd = `single call: stratus-cli ${r.argv.map((x) => JSON.stringify(x)).join(' ')}`;
    if (reject) {
        if (r.status === 2 && stdout === '') {
            passed++;
        } else {
            failed++;
            show('FAIL', c, `(SDK rejects: ${c.nodeRejects}) => exit 2, no output`, `exit ${r.status}, stdout ${JSON.stringify(stdout)}`, cmd);
        }
    } else if (r.status === 0 && stdout === `${c.node}\n`) {
        passed++;
    } else {
        failed++;
        show('FAIL', c, c.node, `exit ${r.status}, stdout ${JSON.stringify(stdout)}, stderr ${JSON.stringify(r.stderr.trim())}`, cmd);
    }
}
allowList.forEach((e, i) => {
    if (!used.has(i)) {
        failed++;
        out.push(`FAIL ${e.id}\n  note:     sdk-bugs.json sign entry matches no case\n`);
    }
});

process.stdout.write(out.join(''));
if (args.dump)
    fs.writeFileSync(args.dump, JSON.stringify(cases.map((c) => ({ id: c.id, cloudinary_url: c.cloudinary_url, line: c.text, node: c.node,
        node_rejects: c.nodeRejects, stratus: c.stratus && (c.stratus.output !== undefined ? c.stratus.output.toString('utf8') : c.stratus.refused) })), null, 1));
const batchCount = accepted.length;
process.stdout.write(`\nsign-differential: seed ${args.seed}; ${cases.length} cases (${edge.length} hand-picked, ${generated.length} generated) under ${byConfig.size} configurations\n`
    + `  ${batchCount} compared through 'stratus-cli sign --batch', ${singles.length} single calls (${singles.filter((s) => s.reject).length} SDK rejections)\n`
    + `  ${allowListed} allow-listed as SDK bugs (sdk-bugs.json)\n`
    + `${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
