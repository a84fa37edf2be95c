#!/usr/bin/env node
// Differential test of delivery URLs: stratus-cli against the official Node SDK (the ground truth).
//
//   node url-differential.js --cli PATH/stratus-cli --node-modules DIR [--seed S] [--count N]
//                            [--max-rejects K] [--dump FILE] [--quiet]
//
// Every case (url-edge-cases.js + gen-url-cases.js) runs through cloudinary.url() with analytics
// off, under its configuration's CLOUDINARY_URL. Cases the SDK accepts are piped through
// `stratus-cli url --batch` (one run per configuration) and compared byte for byte. Cases the SDK
// rejects must be rejected by `stratus-cli url ID --options JSON` with exit status 2 and no output
// (all hand-picked ones, at most K generated ones: each is a process start). Where the SDK's URL
// holds a raw CR, LF or NUL, stratus-cli must refuse that line instead (an empty output line, exit
// 2): its output lines never break. A few accepted cases also go through the single-call form. sdk-bugs.json lists the few cases where the SDK's answer
// is a bug and states what Stratus prints instead; those are reported and counted apart.
//
// The last line of output is "N passed, M failed"; the exit status is 0 only when M is 0.
'use strict';

const fs = require('fs');
const path = require('path');
const common = require('./common.js');
const { PROFILES, generateCases, lineOf } = require('./gen-url-cases.js');
const { edgeCases } = require('./url-edge-cases.js');

const args = common.parseArgs(process.argv.slice(2), {
    required: ['cli', 'node-modules'],
    defaults: { seed: '20240611', count: '600', 'max-rejects': '15', 'single-accepted': '10' },
});
common.checkCli(args.cli);
const cloudinary = common.loadSdk(args['node-modules']);
const allowList = JSON.parse(fs.readFileSync(path.join(__dirname, 'sdk-bugs.json'), 'utf8')).url;

const edge = edgeCases();
const generated = generateCases({ seed: args.seed, count: Number(args.count) });
const cases = edge.concat(generated);
for (const c of cases) {
    c.cloudinary_url = c.cloudinary_url || PROFILES[c.profile];
    c.line = lineOf(c);
    c.handPicked = c.id.startsWith('edge-');
}

// 1. The ground truth. The SDK gets a fresh parse of the very line stratus-cli reads.
const byConfig = new Map();
for (const c of cases) {
    if (!byConfig.has(c.cloudinary_url))
        byConfig.set(c.cloudinary_url, []);
    byConfig.get(c.cloudinary_url).push(c);
}
for (const [cloudinaryUrl, group] of byConfig) {
    common.configureSdk(cloudinary, cloudinaryUrl);
    for (const c of group) {
        const input = JSON.parse(c.line);
        try {
            const url = cloudinary.url(input.public_id, { ...input.options, urlAnalytics: false });
            if (typeof url === 'string')
                c.node = url;
            else
                c.nodeOther = String(url);
        } catch (e) {
            c.nodeRejects = e && e.message ? e.message : String(e);
        }
    }
}

// 2. stratus-cli, batch: one process per configuration.
for (const [cloudinaryUrl, group] of byConfig) {
    const accepted = group.filter((c) => c.node !== undefined);
    const results = common.runBatchLocating(args.cli, ['url', '--batch'], accepted.map((c) => c.line), cloudinaryUrl);
    accepted.forEach((c, i) => { c.stratus = results[i]; c.mode = 'batch'; });
}

// 3. stratus-cli, single calls: the cases the SDK rejects, and a sample of accepted ones. Every
// other call passes the configuration as --cloudinary-url instead of the environment.
let singleCalls = 0;
const single = (c) => {
    const viaFlag = singleCalls++ % 2 === 1;
    const argv = ['url', String(c.public_id), '--options', JSON.stringify(c.options)];
    if (viaFlag)
        argv.push('--cloudinary-url', c.cloudinary_url);
    const r = common.runCli(args.cli, argv, { cloudinaryUrl: viaFlag ? undefined : c.cloudinary_url });
    return { ...r, viaFlag, argv };
};
const rejected = cases.filter((c) => c.nodeRejects !== undefined);
const rejectedSent = rejected.filter((c) => c.handPicked)
    .concat(rejected.filter((c) => !c.handPicked).slice(0, Number(args['max-rejects'])));
for (const c of rejectedSent) {
    c.single = single(c);
    c.mode = 'single';
}
const breaksLine = (text) => /[\r\n\0]/.test(text);
const acceptedSingles = cases.filter((c) => c.node !== undefined && !breaksLine(c.node) && typeof c.public_id === 'string'
    && !c.public_id.startsWith('-'));
const step = Math.max(1, Math.floor(acceptedSingles.length / Number(args['single-accepted'])));
const singleChecks = [];
for (let i = 0; i < acceptedSingles.length && singleChecks.length < Number(args['single-accepted']); i += step) {
    const c = acceptedSingles[i];
    singleChecks.push({ c, r: single(c) });
}

// 4. Compare.
const report = [];
let passed = 0, failed = 0, allowListed = 0;
const usedAllowEntries = new Set();
const matchAllow = (c) => allowList.findIndex((e) => e.public_id === c.public_id
    && common.canonicalJson(e.options) === common.canonicalJson(c.options)
    && (e.cloudinary_url || PROFILES.default) === c.cloudinary_url);
const inputText = (c) => `${c.line}  [CLOUDINARY_URL=${c.cloudinary_url}]`;
const record = (kind, c, expected, actual, note) => report.push({ kind, id: c.id, input: inputText(c), expected, actual, note });

for (const c of cases) {
    if (c.nodeOther !== undefined) {
        record('FAIL', c, `(the SDK returned ${c.nodeOther}, not a URL: fix the case)`, '-');
        failed++;
        continue;
    }
    if (c.nodeRejects !== undefined) {
        if (!c.single)
            continue; // over the cap: not sent
        const r = c.single;
        if (r.status === 2 && r.stdout.length === 0) {
            passed++;
        } else {
            failed++;
            record('FAIL', c, `(SDK rejects: ${c.nodeRejects}) => exit 2, no output`,
                `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}, stdout ${JSON.stringify(r.stdout.toString('utf8'))}`,
                `single call: stratus-cli ${r.argv.map((a) => JSON.stringify(a)).join(' ')}`);
        }
        continue;
    }
    if (breaksLine(c.node)) {
        // An output line must never break: where the SDK copies a CR, LF or NUL into the URL raw,
        // stratus-cli answers that line with an empty line and a reason on stderr, and exits 2.
        const r = c.stratus.refused;
        if (r && r.status === 2 && r.stdout === '\n' && /the URL would hold a raw/.test(r.stderr)) {
            passed++;
        } else {
            failed++;
            record('FAIL', c, '(the SDK URL breaks the line) => an empty line, exit 2, "the URL would hold a raw ..."',
                r ? common.describeRefusal(r) : JSON.stringify(c.stratus.output.toString('utf8')));
        }
        continue;
    }
    const actual = c.stratus.output !== undefined ? c.stratus.output.toString('utf8') : common.describeRefusal(c.stratus.refused);
    const same = c.stratus.output !== undefined && Buffer.compare(c.stratus.output, Buffer.from(c.node, 'utf8')) === 0;
    const a = matchAllow(c);
    if (a >= 0) {
        usedAllowEntries.add(a);
        const entry = allowList[a];
        if (entry.node !== c.node) {
            failed++;
            record('FAIL', c, c.node, actual, `sdk-bugs.json entry "${entry.id}" records the SDK output ${entry.node}; the SDK changed: review the entry`);
        } else if (c.stratus.output !== undefined && actual === entry.stratus) {
            allowListed++;
            record('KNOWN SDK BUG', c, c.node, actual, `sdk-bugs.json "${entry.id}": ${entry.reason}`);
        } else {
            failed++;
            record('FAIL', c, entry.stratus, actual, `sdk-bugs.json "${entry.id}" expects Stratus to print ${entry.stratus} (SDK: ${c.node})`);
        }
        continue;
    }
    if (same) {
        passed++;
    } else {
        failed++;
        record('FAIL', c, c.node, actual);
    }
}
for (const { c, r } of singleChecks) {
    const expected = c.stratus && c.stratus.output !== undefined ? c.stratus.output.toString('utf8') : c.node;
    const out = r.stdout.toString('utf8');
    if (r.status === 0 && out === `${expected}\n`) {
        passed++;
    } else {
        failed++;
        record('FAIL', c, `${expected} (as in batch mode)`, `exit ${r.status}, stdout ${JSON.stringify(out)}, stderr ${JSON.stringify(r.stderr.trim())}`,
            `single call: stratus-cli ${r.argv.map((x) => JSON.stringify(x)).join(' ')}`);
    }
}
allowList.forEach((entry, i) => {
    if (!usedAllowEntries.has(i)) {
        failed++;
        report.push({ kind: 'FAIL', id: entry.id, input: JSON.stringify(entry), expected: '-', actual: '-',
            note: 'sdk-bugs.json entry matches no case: remove it or restore its case in url-edge-cases.js' });
    }
});

// 5. Report.
for (const r of report) {
    process.stdout.write(`${r.kind} ${r.id}\n  input:    ${r.input}\n  expected: ${r.expected}\n  actual:   ${r.actual}\n`);
    if (r.note)
        process.stdout.write(`  note:     ${r.note}\n`);
}
if (args.dump)
    fs.writeFileSync(args.dump, JSON.stringify(cases.map((c) => ({
        id: c.id, cloudinary_url: c.cloudinary_url, line: c.line, node: c.node, node_rejects: c.nodeRejects, mode: c.mode,
        stratus: c.stratus ? (c.stratus.output !== undefined ? c.stratus.output.toString('utf8') : c.stratus.refused) : undefined,
        single: c.single ? { status: c.single.status, stdout: c.single.stdout.toString('utf8'), stderr: c.single.stderr } : undefined,
    })), null, 1));

const batchCount = cases.filter((c) => c.mode === 'batch').length;
const notSent = rejected.length - rejectedSent.length;
process.stdout.write(`\nurl-differential: seed ${args.seed}; ${cases.length} cases (${edge.length} hand-picked, ${generated.length} generated) under ${byConfig.size} configurations\n`
    + `  ${batchCount} compared through 'stratus-cli url --batch', ${rejectedSent.length} SDK rejections and ${singleChecks.length} accepted cases through single calls\n`
    + `  ${allowListed} allow-listed as SDK bugs (sdk-bugs.json, reported above, not counted as passed)\n`
    + (notSent ? `  ${notSent} further generated cases the SDK rejects were not sent (--max-rejects ${args['max-rejects']})\n` : '')
    + `${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
