#!/usr/bin/env node
// Conformance of stratus-sandbox with the official Cloudinary Node SDK (pinned 2.11.0): the SDK
// is pointed at a sandbox through the CLOUDINARY_URL the sandbox prints, calls the Upload, Admin,
// Search and Provisioning APIs, and the delivery URLs it builds are fetched and decoded. Every call
// must succeed and the SDK's own response handling must find the fields it (and we) rely on.
//
//   node sandbox-conformance.js --sandbox PATH/stratus-sandbox --node-modules DIR/node_modules
//        [--large-mb 52] [--keep]
//
// Two sandboxes run: one with a fixed-folder and a dynamic-folder environment and a provisioning
// account, one with a seeded (--seed 120) environment for the paging checks. Prints one line per
// check and `N passed, M failed` last; exits 1 on any failure.
'use strict';

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { parseArgs, fail } = require('./common');
const {
    startSandbox, stopSandbox, request, md5, CheckRunner, assert, assertEqual, rejection, sdkStatus,
    encodePng, imageInfo, decodePng,
} = require('./sandbox-support');

const SDK_VERSION = '2.11.0';
const SEEDED_ASSETS = 120;

const args = parseArgs(process.argv.slice(2), { required: ['sandbox', 'node-modules'], defaults: { 'large-mb': '52' } });
const repo = path.resolve(__dirname, '..', '..');
const checks = new CheckRunner();
const check = checks.check.bind(checks);

function secret() {
    return crypto.randomBytes(20).toString('base64url').slice(0, 27);
}

const creds = {
    fixed: { key: '614335564976464', secret: secret(), cloud: 'stratus-fixed' },
    dynamic: { key: '614335564976465', secret: secret(), cloud: 'stratus-dynamic' },
    seeded: { key: '614335564976466', secret: secret(), cloud: 'stratus-seeded' },
    account: { key: 'c7a1e0b2d3f4a5b6', secret: secret(), id: 'a1b2c3d4-0000-4000-8000-stratus00001' },
};

// The SDK picks http or https once, when it is loaded, from upload_prefix: the environment must
// point at the sandbox before the first require.
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
    return require(dir).v2;
}

let cloudinary;
let accountUrl = '';

// Reconfigures the SDK exactly as it configures itself from its environment variables. The SDK
// merges both URLs into one configuration, so the account URL's upload_prefix (the main sandbox)
// would send the calls of another sandbox's environment there: those go without it.
function useEnvironment(url, { account = true } = {}) {
    process.env.CLOUDINARY_URL = url;
    if (account)
        process.env.CLOUDINARY_ACCOUNT_URL = accountUrl;
    else
        delete process.env.CLOUDINARY_ACCOUNT_URL;
    delete process.env.CLOUDINARY_API_PROXY;
    cloudinary.config(true);
}

function uploadLarge(file, options) {
    // upload_large reports through its callback only (it returns the chunking stream).
    return new Promise((resolve, reject) => {
        cloudinary.uploader.upload_large(file, options, (error, result) => (error ? reject(error) : resolve(result)));
    });
}

function sha1(text) {
    return crypto.createHash('sha1').update(text).digest('hex');
}

// Fields every upload answer carries, with the types the SDK's callers rely on.
function assertUploadResponse(r, { publicId, resourceType = 'image', type = 'upload', file, apiSecret, cloud }) {
    assertEqual(r.public_id, publicId, 'public_id');
    assertEqual(r.resource_type, resourceType, 'resource_type');
    assertEqual(r.type, type, 'type');
    assert(/^[0-9a-f]{32}$/.test(r.asset_id || ''), `asset_id is not 32 hex digits: ${r.asset_id}`);
    assert(Number.isInteger(r.version) && r.version > 1e9, `version is not a Unix time: ${r.version}`);
    assert(typeof r.version_id === 'string' && r.version_id.length > 0, `version_id missing: ${r.version_id}`);
    assert(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(r.created_at || ''), `created_at is not ISO-8601 Z: ${r.created_at}`);
    assert(Array.isArray(r.tags), `tags is not an array: ${JSON.stringify(r.tags)}`);
    assertEqual(r.signature, sha1(`public_id=${r.public_id}&version=${r.version}${apiSecret}`), 'response signature (public_id+version)');
    if (file) {
        assertEqual(r.bytes, file.length, 'bytes');
        assertEqual(r.etag, md5(file), 'etag');
    }
    const expectedUrl = cloudinary.url(r.public_id, {
        resource_type: resourceType, type, version: r.version, format: resourceType === 'raw' ? undefined : r.format,
        secure: false, urlAnalytics: false,
    });
    assertEqual(r.url, expectedUrl, 'url (as the SDK builds it for the same asset)');
    assert(typeof r.secure_url === 'string' && r.secure_url.includes(`/${cloud}/${resourceType}/${type}/`),
        `secure_url: ${r.secure_url}`);
}

async function main() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-sbx-conf-'));
    const sandboxes = [];
    try {
        await run(tmp, sandboxes);
    } finally {
        for (const s of sandboxes)
            await stopSandbox(s);
        if (!args.keep)
            fs.rmSync(tmp, { recursive: true, force: true });
        else
            process.stdout.write(`kept ${tmp}\n`);
    }
    process.exitCode = checks.summary();
}

async function run(tmp, sandboxes) {
    // Inputs: a colourful PNG, a tiny PNG as a data URI, a sample video, a large file.
    const source = encodePng(640, 480, (x, y) => [Math.round(x * 255 / 639), Math.round(y * 255 / 479), 96]);
    const sourcePath = path.join(tmp, 'source.png');
    fs.writeFileSync(sourcePath, source);
    const pixel = encodePng(32, 24, (x, y) => [(x * 8) & 255, (y * 10) & 255, 200]);
    const dataUri = `data:image/png;base64,${pixel.toString('base64')}`;
    const videoPath = path.join(repo, 'resources', 'sample-media', 'sample-clip.mp4');
    const video = fs.readFileSync(videoPath);
    const largeBytes = Math.round(Number(args['large-mb']) * 1e6) + 12345; // not a multiple of the chunk size
    const largePath = path.join(tmp, 'large-archive.bin');
    {
        const fd = fs.openSync(largePath, 'w');
        const block = crypto.randomBytes(1 << 20);
        for (let written = 0; written < largeBytes;) {
            const n = Math.min(block.length, largeBytes - written);
            fs.writeSync(fd, block, 0, n);
            block[written % block.length] ^= 0x5a; // no two MiB alike
            written += n;
        }
        fs.closeSync(fd);
    }
    const large = fs.readFileSync(largePath);

    const main = await startSandbox(args.sandbox, [
        '--data', path.join(tmp, 'data-main'),
        '--environment', `cloudinary://${creds.fixed.key}:${creds.fixed.secret}@${creds.fixed.cloud}?folder_mode=fixed`,
        '--environment', `cloudinary://${creds.dynamic.key}:${creds.dynamic.secret}@${creds.dynamic.cloud}?folder_mode=dynamic`,
        '--account', `account://${creds.account.key}:${creds.account.secret}@${creds.account.id}`,
    ], { environments: 2, account: true });
    sandboxes.push(main);
    const seeded = await startSandbox(args.sandbox, [
        '--data', path.join(tmp, 'data-seeded'), '--seed', String(SEEDED_ASSETS),
        '--environment', `cloudinary://${creds.seeded.key}:${creds.seeded.secret}@${creds.seeded.cloud}?folder_mode=dynamic`,
    ], { environments: 1 });
    sandboxes.push(seeded);
    process.stdout.write(`sandboxes on ${main.base} and ${seeded.base}\n`);

    const [fixedUrl, dynamicUrl] = main.urls;
    const seededUrl = seeded.urls[0];
    accountUrl = main.accountUrl;
    process.env.CLOUDINARY_URL = fixedUrl;
    process.env.CLOUDINARY_ACCOUNT_URL = accountUrl;
    cloudinary = loadSdk(args['node-modules']);
    useEnvironment(fixedUrl);

    await check('the printed CLOUDINARY_URLs name the environments and point upload_prefix at the sandbox', () => {
        assert(fixedUrl.startsWith(`cloudinary://${creds.fixed.key}:${creds.fixed.secret}@${creds.fixed.cloud}?`), fixedUrl);
        assert(dynamicUrl.startsWith(`cloudinary://${creds.dynamic.key}:${creds.dynamic.secret}@${creds.dynamic.cloud}?`), dynamicUrl);
        assertEqual(cloudinary.config().upload_prefix, main.base, 'upload_prefix');
        assertEqual(accountUrl, `account://${creds.account.key}:${creds.account.secret}@${creds.account.id}?upload_prefix=${main.base}`, 'CLOUDINARY_ACCOUNT_URL');
    });
    // Node SDK 2.11's url() defaults secure to true and reads config().secure only when a call
    // passes secure: null (and "false" from a URL is a truthy string then): no CLOUDINARY_URL makes
    // it build http URLs, so every delivery URL here passes secure: false; cname does the rest.
    await check('delivery URLs: cloudinary.url(…, {secure: false}) gives http://<cname>/<cloud>/…', () => {
        const url = cloudinary.url('sample', { width: 100, crop: 'scale', secure: false });
        assert(url.startsWith(`${main.base}/${creds.fixed.cloud}/image/upload/c_scale,w_100/sample`), url);
    });

    const deliver = (publicId, options = {}) => cloudinary.url(publicId, { secure: false, ...options });
    const fetchImage = async (url, headers = {}) => {
        const r = await request(url, { headers });
        assert(r.status === 200, `GET ${url} → ${r.status} ${r.headers['x-cld-error'] || ''}`);
        const info = imageInfo(r.body);
        assert(info, `GET ${url}: the body (${r.headers['content-type']}, ${r.body.length} bytes) is no PNG/JPEG/GIF/WebP`);
        return { ...info, body: r.body, headers: r.headers };
    };

    await fixedEnvironmentChecks({ main, source, sourcePath, dataUri, video, videoPath, large, largePath, deliver, fetchImage });
    useEnvironment(dynamicUrl);
    await dynamicEnvironmentChecks({ sourcePath, source });
    await provisioningChecks({ main });
    useEnvironment(seededUrl, { account: false });
    await seededEnvironmentChecks({ seeded });
    useEnvironment(fixedUrl);
    await negativeChecks({ main, sourcePath });
}

async function fixedEnvironmentChecks({ main, source, sourcePath, dataUri, video, videoPath, large, largePath, deliver, fetchImage }) {
    const F = creds.fixed;
    const hero = await check('upload: file path with public_id, folder, tags and context (fixed folders)', async () => {
        const r = await cloudinary.uploader.upload(sourcePath, {
            public_id: 'hero', folder: 'albums/2024', tags: ['stratus', 'conformance'],
            context: { caption: 'salt & pepper', alt: 'a=b|c' },
        });
        assertUploadResponse(r, { publicId: 'albums/2024/hero', file: source, apiSecret: F.secret, cloud: F.cloud });
        assertEqual([r.width, r.height, r.format], [640, 480, 'png'], 'width, height, format');
        assertEqual(r.tags, ['stratus', 'conformance'], 'tags');
        assertEqual(r.context, { custom: { caption: 'salt & pepper', alt: 'a=b|c' } }, 'context');
        assertEqual(r.original_filename, 'source', 'original_filename');
        assertEqual(r.api_key, F.key, 'api_key');
        return r;
    });
    if (hero) {
        await check('delivery: the upload answer\'s url serves the original bytes', async () => {
            const r = await request(hero.url);
            assertEqual([r.status, r.headers['content-type']], [200, 'image/png'], 'status, content-type');
            assertEqual(md5(r.body), md5(source), 'MD5 of the delivered original');
        });
    }

    await check('upload: data URI', async () => {
        const r = await cloudinary.uploader.upload(dataUri, { public_id: 'pixels/data_uri' });
        assertUploadResponse(r, { publicId: 'pixels/data_uri', apiSecret: F.secret, cloud: F.cloud });
        assertEqual([r.width, r.height, r.format], [32, 24, 'png'], 'width, height, format');
        assert(r.bytes > 0, `bytes ${r.bytes}`);
    });

    const clip = await check('upload: video (resource_type video)', async () => {
        const r = await cloudinary.uploader.upload(videoPath, { resource_type: 'video', public_id: 'clips/sample' });
        assertUploadResponse(r, { publicId: 'clips/sample', resourceType: 'video', file: video, apiSecret: F.secret, cloud: F.cloud });
        assertEqual([r.format, r.width, r.height], ['mp4', 320, 180], 'format, width, height');
        assert(Math.abs(r.duration - 3) < 0.5, `duration ${r.duration}`);
        return r;
    });

    await check('upload: type private', async () => {
        const r = await cloudinary.uploader.upload(sourcePath, { type: 'private', public_id: 'vault/secret' });
        assertUploadResponse(r, { publicId: 'vault/secret', type: 'private', file: source, apiSecret: F.secret, cloud: F.cloud });
    });

    await check(`upload_large: ${(large.length / 1e6).toFixed(1)} MB in 20 MB chunks, etag = MD5, bytes, served back intact`, async () => {
        const r = await uploadLarge(largePath, { resource_type: 'raw', public_id: 'archives/large.bin', tags: ['big'] });
        assert(r.done === undefined || r.done === true, `the final answer says done=${r.done}`);
        assertUploadResponse(r, { publicId: 'archives/large.bin', resourceType: 'raw', apiSecret: F.secret, cloud: F.cloud });
        assertEqual(r.bytes, large.length, 'bytes');
        assertEqual(r.etag, md5(large), 'etag');
        assertEqual(r.tags, ['big'], 'tags');
        const d = await request(deliver('archives/large.bin', { resource_type: 'raw' }));
        assertEqual(d.status, 200, 'delivery status');
        assertEqual([d.body.length, md5(d.body)], [large.length, md5(large)], 'delivered length and MD5');
    });

    await check('api.resource: details of the uploaded image', async () => {
        const r = await cloudinary.api.resource('albums/2024/hero');
        assertEqual([r.public_id, r.format, r.resource_type, r.type, r.width, r.height, r.bytes],
            ['albums/2024/hero', 'png', 'image', 'upload', 640, 480, source.length], 'public_id … bytes');
        assertEqual(r.tags, ['stratus', 'conformance'], 'tags');
        assertEqual(r.context, { custom: { caption: 'salt & pepper', alt: 'a=b|c' } }, 'context');
        assertEqual(r.folder, 'albums/2024', 'folder');
        assert(Array.isArray(r.derived), `derived is not an array: ${JSON.stringify(r.derived)}`);
        if (hero)
            assertEqual([r.asset_id, r.version, r.url], [hero.asset_id, hero.version, hero.url], 'asset_id, version, url');
        assert(Number.isInteger(r.rate_limit_allowed) && Number.isInteger(r.rate_limit_remaining)
            && !Number.isNaN(r.rate_limit_reset_at.getTime()), 'X-FeatureRateLimit-* headers as the SDK reads them');
    });

    await check('api.update: tags and context', async () => {
        const r = await cloudinary.api.update('albums/2024/hero', { tags: ['updated', 'stratus'], context: { caption: 'changed' } });
        assertEqual(r.public_id, 'albums/2024/hero', 'public_id');
        assertEqual(r.tags, ['updated', 'stratus'], 'tags');
        assertEqual(r.context, { custom: { caption: 'changed' } }, 'context');
    });

    await check('uploader.rename: new public id, the old one is gone (404)', async () => {
        const r = await cloudinary.uploader.rename('albums/2024/hero', 'albums/2024/hero_renamed');
        assertEqual([r.public_id, r.format, r.width], ['albums/2024/hero_renamed', 'png', 640], 'public_id, format, width');
        const e = await rejection(cloudinary.api.resource('albums/2024/hero'), 'api.resource of the old id');
        assertEqual(sdkStatus(e), 404, 'HTTP status of the old id');
    });

    await check('uploader.add_tag / remove_tag / replace_tag', async () => {
        const ids = ['albums/2024/hero_renamed', 'pixels/data_uri'];
        assertEqual((await cloudinary.uploader.add_tag('shared', ids)).public_ids, ids, 'add_tag public_ids');
        let r = await cloudinary.api.resource('pixels/data_uri');
        assertEqual(r.tags, ['shared'], 'tags after add_tag');
        assertEqual((await cloudinary.uploader.remove_tag('shared', ['pixels/data_uri'])).public_ids, ['pixels/data_uri'], 'remove_tag public_ids');
        r = await cloudinary.api.resource('pixels/data_uri');
        assertEqual(r.tags, [], 'tags after remove_tag');
        assertEqual((await cloudinary.uploader.replace_tag('only', ['albums/2024/hero_renamed'])).public_ids,
            ['albums/2024/hero_renamed'], 'replace_tag public_ids');
        r = await cloudinary.api.resource('albums/2024/hero_renamed');
        assertEqual(r.tags, ['only'], 'tags after replace_tag');
    });

    // The Node SDK addresses one transformation as GET/PUT/DELETE transformations?transformation=…,
    // not as transformations/<name>; the answer's info[] uses the long parameter names.
    await check('named transformations: create_transformation, listed with the t_ prefix', async () => {
        let r = await cloudinary.api.create_transformation('stratus_thumb', { width: 50, height: 40, crop: 'fill' });
        assertEqual(r.message, 'created', 'create_transformation message');
        r = await cloudinary.api.transformations({ named: true });
        assert(Array.isArray(r.transformations), 'transformations is not an array');
        const entry = r.transformations.find((t) => t.name === 't_stratus_thumb');
        assert(entry, `t_stratus_thumb not listed: ${JSON.stringify(r.transformations)}`);
        assertEqual(entry.named, true, 'named');
    });
    await check('named transformations: api.transformation(name) gives its details', async () => {
        const r = await cloudinary.api.transformation('t_stratus_thumb');
        assert(['t_stratus_thumb', 'stratus_thumb'].includes(r.name), `name: ${JSON.stringify(r).slice(0, 300)}`);
        assertEqual(r.info, [{ width: 50, height: 40, crop: 'fill' }], 'info');
        assert(Array.isArray(r.derived), 'derived is not an array');
    });
    await check('named transformations: t_stratus_thumb in a delivery URL', async () => {
        const image = await fetchImage(deliver('albums/2024/hero_renamed', { transformation: 'stratus_thumb' }));
        assertEqual([image.width, image.height], [50, 40], 'dimensions through t_stratus_thumb');
    });
    await check('named transformations: api.update_transformation(name, {unsafe_update}) redefines it', async () => {
        const r = await cloudinary.api.update_transformation('t_stratus_thumb', { unsafe_update: { width: 60, height: 30, crop: 'fill' } });
        assertEqual(r.message, 'updated', `update_transformation answer ${JSON.stringify(r).slice(0, 200)}`);
        const image = await fetchImage(deliver('albums/2024/hero_renamed', { transformation: 'stratus_thumb', format: 'jpg' }));
        assertEqual([image.width, image.height], [60, 30], 'dimensions through the redefined t_stratus_thumb');
    });
    await check('named transformations: api.delete_transformation(name), then 404', async () => {
        const r = await cloudinary.api.delete_transformation('t_stratus_thumb');
        assertEqual(r.message, 'deleted', `delete_transformation answer ${JSON.stringify(r).slice(0, 200)}`);
        const e = await rejection(cloudinary.api.transformation('t_stratus_thumb'), 'transformation after delete');
        assertEqual(sdkStatus(e), 404, 'HTTP status after delete');
    });

    await check('upload presets: create unsigned, list, get, unsigned_upload through it', async () => {
        let r = await cloudinary.api.create_upload_preset({ name: 'stratus_unsigned', unsigned: true, folder: 'from_preset', tags: 'preset_tag' });
        assertEqual([r.message, r.name], ['created', 'stratus_unsigned'], 'message, name');
        r = await cloudinary.api.upload_presets();
        const listed = (r.presets || []).find((p) => p.name === 'stratus_unsigned');
        assert(listed, `stratus_unsigned not listed: ${JSON.stringify(r)}`);
        assertEqual(listed.unsigned, true, 'listed unsigned');
        r = await cloudinary.api.upload_preset('stratus_unsigned');
        assertEqual([r.name, r.unsigned, r.settings && r.settings.folder], ['stratus_unsigned', true, 'from_preset'], 'name, unsigned, settings.folder');
        r = await cloudinary.uploader.unsigned_upload(sourcePath, 'stratus_unsigned', { public_id: 'via_preset' });
        assertEqual(r.public_id, 'from_preset/via_preset', 'public_id (preset folder + given id)');
        assert(r.tags.includes('preset_tag'), `tags ${JSON.stringify(r.tags)}`);
        assertEqual([r.width, r.etag], [640, md5(source)], 'width, etag');
        const e = await rejection(cloudinary.uploader.unsigned_upload(sourcePath, 'no_such_preset'), 'unsigned upload with an unknown preset');
        assertEqual(sdkStatus(e), 400, 'HTTP status with an unknown preset');
    });

    await check('api.usage and api.ping (with rate-limit headers)', async () => {
        const u = await cloudinary.api.usage();
        for (const field of ['plan', 'last_updated', 'resources', 'derived_resources', 'storage', 'bandwidth', 'requests', 'objects'])
            assert(u[field] !== undefined, `usage.${field} missing: ${JSON.stringify(u)}`);
        assert(u.resources >= 5, `usage.resources ${u.resources}`);
        assert(typeof u.storage === 'object' && u.storage.usage >= 0, `usage.storage ${JSON.stringify(u.storage)}`);
        const p = await cloudinary.api.ping();
        assertEqual(p.status, 'ok', 'ping status');
        assertEqual(p.rate_limit_allowed, 500, 'rate_limit_allowed');
        assert(p.rate_limit_remaining < 500, `rate_limit_remaining ${p.rate_limit_remaining}`);
    });

    await check('api.tags lists the tags in use', async () => {
        const r = await cloudinary.api.tags();
        assert(r.tags.includes('only'), `only missing from ${JSON.stringify(r.tags)}`);
        for (const gone of ['shared', 'conformance'])
            assert(!r.tags.includes(gone), `${gone}, no longer on any asset, is still listed: ${JSON.stringify(r.tags)}`);
        const raw = await cloudinary.api.tags({ resource_type: 'raw' });
        assertEqual(raw.tags, ['big'], 'raw tags');
    });

    await check('folders: root_folders, sub_folders, create_folder, delete_folder', async () => {
        let r = await cloudinary.api.root_folders();
        const names = (r.folders || []).map((f) => f.path).sort();
        for (const f of ['albums', 'archives', 'clips', 'from_preset', 'pixels', 'vault'])
            assert(names.includes(f), `root folder ${f} missing from ${JSON.stringify(names)}`);
        assertEqual(r.total_count, names.length, 'total_count');
        r = await cloudinary.api.sub_folders('albums');
        assertEqual(r.folders.map((f) => [f.name, f.path]), [['2024', 'albums/2024']], 'sub folders of albums');
        r = await cloudinary.api.create_folder('made/by/sdk');
        assertEqual([r.success, r.path, r.name], [true, 'made/by/sdk', 'sdk'], 'success, path, name');
        r = await cloudinary.api.sub_folders('made/by');
        assertEqual(r.folders.map((f) => f.path), ['made/by/sdk'], 'sub folders of made/by');
        r = await cloudinary.api.delete_folder('made/by/sdk');
        assertEqual(r.deleted, ['made/by/sdk'], 'deleted');
        r = await cloudinary.api.sub_folders('made/by');
        assertEqual(r.folders, [], 'sub folders of made/by after the delete');
    });

    await moreFixedChecks({ main, source });
    await deliveryChecks({ main, source, video, clip, deliver, fetchImage });

    await check('uploader.destroy: ok, then "not found"', async () => {
        assertEqual(await cloudinary.uploader.destroy('pixels/data_uri'), { result: 'ok' }, 'first destroy');
        assertEqual(await cloudinary.uploader.destroy('pixels/data_uri'), { result: 'not found' }, 'second destroy');
        const e = await rejection(cloudinary.api.resource('pixels/data_uri'), 'api.resource after destroy');
        assertEqual(sdkStatus(e), 404, 'HTTP status after destroy');
    });

    await check('api.delete_resources: deleted and not_found per id', async () => {
        const r = await cloudinary.api.delete_resources(['from_preset/via_preset', 'albums/2024/hero_renamed', 'never/was']);
        assertEqual(r.deleted, { 'from_preset/via_preset': 'deleted', 'albums/2024/hero_renamed': 'deleted', 'never/was': 'not_found' }, 'deleted');
        assertEqual(r.partial, false, 'partial');
        const list = await cloudinary.api.resources({ max_results: 500 });
        const left = list.resources.map((x) => x.public_id);
        for (const id of ['from_preset/via_preset', 'albums/2024/hero_renamed'])
            assert(!left.includes(id), `${id} is still listed`);
        assert(left.includes('delivery/source'), `an asset that was not deleted is gone: ${JSON.stringify(left)}`);
    });
}

// Calls beyond the brief's list that a desktop client leans on: folder-mode detection, lookups
// by tag/ids/asset ids, explicit, context, overwrite=false, 409 and 420 answers.
async function moreFixedChecks({ main, source }) {
    const F = creds.fixed;
    await check('api.config({settings: true}) reports folder_mode fixed', async () => {
        const r = await cloudinary.api.config({ settings: true });
        assertEqual([r.cloud_name, r.settings && r.settings.folder_mode], [F.cloud, 'fixed'], 'cloud_name, settings.folder_mode');
    });
    await check('api.resource_types', async () => {
        const r = await cloudinary.api.resource_types();
        for (const t of ['image', 'raw', 'video'])
            assert(r.resource_types.includes(t), `${t} missing from ${JSON.stringify(r.resource_types)}`);
    });
    await check('api.resources_by_tag, resources_by_ids, resources_by_asset_ids, resources_by_context', async () => {
        let r = await cloudinary.api.resources_by_tag('only');
        assertEqual(r.resources.map((x) => x.public_id), ['albums/2024/hero_renamed'], 'by tag');
        r = await cloudinary.api.resources_by_ids(['albums/2024/hero_renamed', 'pixels/data_uri', 'never/was']);
        assertEqual(r.resources.map((x) => x.public_id).sort(), ['albums/2024/hero_renamed', 'pixels/data_uri'], 'by ids');
        const one = r.resources.find((x) => x.public_id === 'albums/2024/hero_renamed');
        const byAsset = await cloudinary.api.resources_by_asset_ids([one.asset_id]);
        assertEqual(byAsset.resources.map((x) => x.public_id), ['albums/2024/hero_renamed'], 'by asset ids');
        r = await cloudinary.api.resources_by_context('caption', 'changed');
        assertEqual(r.resources.map((x) => x.public_id), ['albums/2024/hero_renamed'], 'by context key=value');
    });
    await check('uploader.explicit: tags and context on an existing asset', async () => {
        const r = await cloudinary.uploader.explicit('albums/2024/hero_renamed', { type: 'upload', tags: ['explicit'], context: { origin: 'explicit' } });
        assertEqual([r.public_id, r.width, r.format], ['albums/2024/hero_renamed', 640, 'png'], 'public_id, width, format');
        const d = await cloudinary.api.resource('albums/2024/hero_renamed');
        assertEqual(d.tags, ['explicit'], 'tags after explicit');
        assertEqual(d.context.custom.origin, 'explicit', 'context after explicit');
    });
    await check('uploader.add_context / remove_all_context', async () => {
        let r = await cloudinary.uploader.add_context({ album: 'summer' }, ['pixels/data_uri']);
        assertEqual(r.public_ids, ['pixels/data_uri'], 'add_context public_ids');
        assertEqual((await cloudinary.api.resource('pixels/data_uri')).context, { custom: { album: 'summer' } }, 'context after add');
        r = await cloudinary.uploader.remove_all_context(['pixels/data_uri']);
        assertEqual(r.public_ids, ['pixels/data_uri'], 'remove_all_context public_ids');
        const d = await cloudinary.api.resource('pixels/data_uri');
        assert(d.context === undefined || Object.keys(d.context.custom || {}).length === 0, `context left: ${JSON.stringify(d.context)}`);
    });
    await check('upload with overwrite: false over an existing asset → existing: true, nothing replaced', async () => {
        const r = await cloudinary.uploader.upload(`data:image/png;base64,${source.toString('base64')}`, { public_id: 'pixels/data_uri', overwrite: false });
        assertEqual([r.existing, r.width, r.height], [true, 32, 24], 'existing, width, height of the asset already there');
    });
    await check('create_folder on an existing folder → 409', async () => {
        const e = await rejection(cloudinary.api.create_folder('albums'), 'create_folder albums');
        assertEqual(sdkStatus(e), 409, 'HTTP status');
    });
    await check('Admin API over its hourly limit → 420, then fine again', async () => {
        const control = (fields) => request(`${main.base}/_sandbox/rate_limit/${F.cloud}`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(fields)) });
        assertEqual((await control({ used: 500 })).status, 200, 'control status');
        const e = await rejection(cloudinary.api.ping(), 'ping over the limit');
        assert([420, 429].includes(sdkStatus(e)), `HTTP status ${sdkStatus(e)}`);
        assertEqual((await control({ used: 0 })).status, 200, 'control status');
        assertEqual((await cloudinary.api.ping()).status, 'ok', 'ping after the reset');
    });
}

async function deliveryChecks({ main, source, video, clip, deliver, fetchImage }) {
    const F = creds.fixed;
    const id = 'delivery/source';
    const up = await check('upload: the source image of the delivery checks', () =>
        cloudinary.uploader.upload(`data:image/png;base64,${source.toString('base64')}`, { public_id: id }));
    if (!up)
        return;
    const original = decodePng(source);

    await check('delivery: c_fill 300×200 as JPEG', async () => {
        const url = deliver(id, { width: 300, height: 200, crop: 'fill', format: 'jpg' });
        const i = await fetchImage(url);
        assertEqual([i.format, i.width, i.height, i.headers['content-type']], ['jpeg', 300, 200, 'image/jpeg'], `${url}: format, size, type`);
    });
    await check('delivery: c_scale w_100 keeps the aspect ratio', async () => {
        const url = deliver(id, { width: 100, crop: 'scale' });
        const i = await fetchImage(url);
        assertEqual([i.format, i.width, i.height], ['png', 100, 75], `${url}: format, size`);
    });
    await check('delivery: c_thumb g_auto 80×80', async () => {
        const url = deliver(id, { width: 80, height: 80, crop: 'thumb', gravity: 'auto' });
        const i = await fetchImage(url);
        assertEqual([i.width, i.height], [80, 80], `${url}: size`);
    });
    await check('delivery: f_auto gives WebP to a client that accepts it, not to one that does not', async () => {
        const url = deliver(id, { width: 120, crop: 'scale', fetch_format: 'auto' });
        const webp = await fetchImage(url, { Accept: 'image/avif,image/webp,image/*,*/*;q=0.8' });
        assertEqual([webp.format, webp.headers['content-type'], webp.width, webp.height], ['webp', 'image/webp', 120, 90], 'with Accept image/webp');
        assertEqual(webp.headers.vary, 'Accept', 'Vary');
        const plain = await fetchImage(url, { Accept: 'image/png,image/*;q=0.8' });
        assert(plain.format !== 'webp', 'a client without image/webp in Accept got WebP');
        assertEqual([plain.width, plain.height], [120, 90], 'size without webp');
    });
    await check('delivery: e_grayscale turns every pixel grey', async () => {
        const url = deliver(id, { effect: 'grayscale', format: 'png' });
        const i = decodePng((await fetchImage(url)).body);
        assertEqual([i.width, i.height], [640, 480], 'size');
        let coloured = 0;
        for (let y = 0; y < i.height; y += 7) {
            for (let x = 0; x < i.width; x += 7) {
                const [r, g, b] = i.pixel(x, y);
                if (Math.max(r, g, b) - Math.min(r, g, b) > 2)
                    coloured++;
            }
        }
        assertEqual(coloured, 0, 'sampled pixels that are not grey');
        const [r, g, b] = original.pixel(600, 20);
        assert(Math.max(r, g, b) - Math.min(r, g, b) > 100, 'the source itself is colourful');
    });
    await check('delivery: text overlay changes the centre and leaves the corners', async () => {
        const url = deliver(id, { overlay: { font_family: 'Arial', font_size: 72, font_weight: 'bold', text: 'Stratus' }, gravity: 'center', format: 'png' });
        assert(url.includes('l_text:Arial_72_bold:Stratus'), `the SDK built ${url}`);
        const i = decodePng((await fetchImage(url)).body);
        assertEqual([i.width, i.height], [640, 480], 'size');
        let changed = 0;
        for (let y = 190; y < 290; y += 2) {
            for (let x = 170; x < 470; x += 2) {
                const a = i.pixel(x, y), o = original.pixel(x, y);
                if (Math.abs(a[0] - o[0]) + Math.abs(a[1] - o[1]) + Math.abs(a[2] - o[2]) > 90)
                    changed++;
            }
        }
        assert(changed > 300, `only ${changed} of 7500 sampled centre pixels changed`);
        for (const [x, y] of [[0, 0], [639, 0], [0, 479], [639, 479]]) {
            const a = i.pixel(x, y), o = original.pixel(x, y);
            assert(Math.abs(a[0] - o[0]) + Math.abs(a[1] - o[1]) + Math.abs(a[2] - o[2]) <= 6,
                `corner ${x},${y} changed: ${a} vs ${o}`);
        }
    });
    await check('delivery: private asset — signed URL serves it, unsigned and tampered are 401', async () => {
        const signed = deliver('vault/secret', { type: 'private', sign_url: true, format: 'png', width: 64, crop: 'scale' });
        assert(/\/s--[A-Za-z0-9_-]{8}--\//.test(signed), `no signature in ${signed}`);
        const i = await fetchImage(signed);
        assertEqual([i.width, i.height], [64, 48], 'signed size');
        const unsigned = deliver('vault/secret', { type: 'private', format: 'png', width: 64, crop: 'scale' });
        assertEqual((await request(unsigned)).status, 401, `unsigned ${unsigned}`);
        const tampered = signed.replace('w_64', 'w_65');
        assertEqual((await request(tampered)).status, 401, `tampered ${tampered}`);
        const original = deliver('vault/secret', { type: 'private', sign_url: true, format: 'png' });
        const o = await request(original);
        assertEqual([o.status, md5(o.body)], [200, md5(source)], 'signed original');
    });
    if (clip) {
        await check('delivery: a video asked as .jpg is a JPEG poster', async () => {
            const url = deliver('clips/sample', { resource_type: 'video', format: 'jpg' });
            const i = await fetchImage(url);
            assertEqual([i.format, i.headers['content-type'], i.width, i.height], ['jpeg', 'image/jpeg', 320, 180], `${url}: poster`);
        });
        await check('delivery: Range request on a video → 206 with the right bytes', async () => {
            const url = deliver('clips/sample', { resource_type: 'video', format: 'mp4' });
            const r = await request(url, { headers: { Range: 'bytes=100-1123' } });
            assertEqual([r.status, r.headers['content-range'], r.body.length], [206, `bytes 100-1123/${video.length}`, 1024], 'status, Content-Range, length');
            assertEqual(md5(r.body), md5(video.subarray(100, 1124)), 'MD5 of the range');
            assertEqual(r.headers['content-type'], 'video/mp4', 'content-type');
            const whole = await request(url);
            assertEqual([whole.status, md5(whole.body)], [200, md5(video)], 'whole video');
        });
    }
    await check('delivery: unknown asset → 404 with X-Cld-Error', async () => {
        const r = await request(deliver('no/such/asset', { format: 'png' }));
        assertEqual(r.status, 404, 'status');
        assert(r.headers['x-cld-error'], 'no X-Cld-Error header');
    });
}

async function dynamicEnvironmentChecks({ sourcePath, source }) {
    const D = creds.dynamic;
    const up = await check('upload (dynamic folders): asset_folder and display_name, public id untouched', async () => {
        const r = await cloudinary.uploader.upload(sourcePath, { public_id: 'beach', asset_folder: 'Trips/2024', display_name: 'Beach day', tags: ['trip'] });
        assertUploadResponse(r, { publicId: 'beach', file: source, apiSecret: D.secret, cloud: D.cloud });
        assertEqual([r.asset_folder, r.display_name], ['Trips/2024', 'Beach day'], 'asset_folder, display_name');
        return r;
    });
    // The deprecated folder parameter, for old clients: asset folder and public id prefix at once.
    await check('upload (dynamic folders): folder sets asset_folder and prefixes the public id', async () => {
        const r = await cloudinary.uploader.upload(sourcePath, { public_id: 'harbour', folder: 'Trips/2024' });
        assertEqual([r.public_id, r.asset_folder], ['Trips/2024/harbour', 'Trips/2024'], 'public_id, asset_folder');
    });
    if (!up)
        return;
    await check('api.update (dynamic folders): tags, context, display_name, asset_folder', async () => {
        const r = await cloudinary.api.update('beach', {
            tags: ['trip', 'summer'], context: { mood: 'sunny' }, display_name: 'Beach evening', asset_folder: 'Trips/2025',
        });
        assertEqual([r.public_id, r.asset_folder, r.display_name], ['beach', 'Trips/2025', 'Beach evening'], 'public_id, asset_folder, display_name');
        assertEqual(r.tags, ['trip', 'summer'], 'tags');
        assertEqual(r.context, { custom: { mood: 'sunny' } }, 'context');
        const d = await cloudinary.api.resource('beach');
        assertEqual([d.asset_folder, d.display_name, d.url], ['Trips/2025', 'Beach evening', up.url], 'details after the update (URL unchanged)');
    });
    await check('folders (dynamic): root_folders and sub_folders follow asset_folder', async () => {
        const r = await cloudinary.api.root_folders();
        assertEqual(r.folders.map((f) => f.path), ['Trips'], 'root folders');
        const s = await cloudinary.api.sub_folders('Trips');
        assertEqual(s.folders.map((f) => f.path).sort(), ['Trips/2024', 'Trips/2025'], 'sub folders');
        const byFolder = await cloudinary.api.resources_by_asset_folder('Trips/2025');
        assertEqual(byFolder.resources.map((x) => x.public_id), ['beach'], 'resources_by_asset_folder');
    });
    await check('api.config({settings: true}) reports folder_mode dynamic', async () => {
        const r = await cloudinary.api.config({ settings: true });
        assertEqual(r.settings && r.settings.folder_mode, 'dynamic', 'settings.folder_mode');
    });
    await check('search_folders (dynamic): expression over folder names', async () => {
        const r = await cloudinary.search_folders.expression('name=2024').execute();
        assertEqual(r.folders.map((f) => f.path), ['Trips/2024'], 'folders');
        assertEqual(r.total_count, 1, 'total_count');
    });
    await check('search (dynamic): asset_folder and display_name', async () => {
        const r = await cloudinary.search.expression('asset_folder="Trips/2025" AND tags=summer').with_field('tags').execute();
        assertEqual([r.total_count, r.resources.map((x) => [x.public_id, x.display_name])], [1, [['beach', 'Beach evening']]], 'total_count, hits');
        assertEqual(r.resources[0].tags, ['trip', 'summer'], 'tags with with_field');
    });
    await check('api.rename_folder (dynamic): the asset folder moves, public id and URL stay', async () => {
        const r = await cloudinary.api.rename_folder('Trips/2025', 'Holidays/2025');
        assertEqual([r.from && r.from.path, r.to && r.to.path], ['Trips/2025', 'Holidays/2025'], 'from.path, to.path');
        const d = await cloudinary.api.resource('beach');
        assertEqual([d.public_id, d.asset_folder, d.url], ['beach', 'Holidays/2025', up.url], 'public_id, asset_folder, url');
    });
}

async function provisioningChecks({ main }) {
    // call_account_api builds https://api.cloudinary.com/v1_1/provisioning/accounts/<id> from the
    // upload_prefix option, which CLOUDINARY_URL (or CLOUDINARY_ACCOUNT_URL's query) sets.
    const account = cloudinary.provisioning.account;
    const envs = [creds.fixed, creds.dynamic];
    const list = await check('provisioning.account.sub_accounts() lists both environments with their keys', async () => {
        const r = await account.sub_accounts();
        assert(Array.isArray(r.sub_accounts), `sub_accounts: ${JSON.stringify(r)}`);
        assertEqual(r.sub_accounts.map((s) => s.cloud_name).sort(), envs.map((e) => e.cloud).sort(), 'cloud names');
        for (const e of envs) {
            const s = r.sub_accounts.find((x) => x.cloud_name === e.cloud);
            assert(s.id && typeof s.enabled === 'boolean' && s.created_at, `id/enabled/created_at: ${JSON.stringify(s)}`);
            assertEqual(s.api_access_keys.map((k) => [k.key, k.secret, k.enabled]), [[e.key, e.secret, true]], `${e.cloud} keys`);
        }
        return r.sub_accounts;
    });
    if (list) {
        await check('provisioning.account.sub_account(id), sub_accounts(…, prefix), users()', async () => {
            const one = await account.sub_account(list[0].id);
            assertEqual([one.id, one.cloud_name], [list[0].id, list[0].cloud_name], 'sub_account');
            const filtered = await account.sub_accounts(true, [list[1].id]);
            assertEqual(filtered.sub_accounts.map((s) => s.id), [list[1].id], 'sub_accounts by ids');
            const prefixed = await account.sub_accounts(undefined, [], 'STRATUS-DYN');
            assertEqual(prefixed.sub_accounts.map((s) => s.cloud_name), [creds.dynamic.cloud], 'sub_accounts by name prefix');
            const users = await account.users();
            assert(Array.isArray(users.users) && users.users.length >= 1 && users.users[0].email, `users: ${JSON.stringify(users)}`);
        });
    }
    await check('provisioning with a wrong secret → 401', async () => {
        const e = await rejection(account.sub_accounts(undefined, [], undefined, { provisioning_api_secret: 'wrong' }), 'sub_accounts');
        assertEqual(sdkStatus(e), 401, 'HTTP status');
    });
    await check('provisioning with the printed CLOUDINARY_ACCOUNT_URL alone (fresh SDK, no CLOUDINARY_URL)', async () => {
        const script = `const c = require(${JSON.stringify(path.resolve(args['node-modules'], 'cloudinary'))}).v2;
            c.provisioning.account.sub_accounts().then((r) => console.log(JSON.stringify(r.sub_accounts.map((s) => s.cloud_name).sort())),
                (e) => { console.log(JSON.stringify(e)); process.exit(1); });`;
        const env = { ...process.env, CLOUDINARY_ACCOUNT_URL: accountUrl };
        delete env.CLOUDINARY_URL;
        const r = childProcess.spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 60000 });
        assertEqual([r.status, r.stdout.trim()], [0, JSON.stringify(envs.map((e) => e.cloud).sort())], `child process (stderr: ${r.stderr})`);
    });
    await check('provisioning over plain HTTP + Basic auth', async () => {
        const auth = `Basic ${Buffer.from(`${creds.account.key}:${creds.account.secret}`).toString('base64')}`;
        const r = await request(`${main.base}/v1_1/provisioning/accounts/${creds.account.id}/sub_accounts`, { headers: { Authorization: auth } });
        assertEqual(r.status, 200, 'status');
        assertEqual(JSON.parse(r.body).sub_accounts.length, 2, 'sub_accounts');
    });
}

async function seededEnvironmentChecks({ seeded }) {
    await check(`seeded environment holds ${SEEDED_ASSETS} assets (/_sandbox/health)`, async () => {
        const r = await request(`${seeded.base}/_sandbox/health`);
        const env = JSON.parse(r.body).environments.find((e) => e.cloud_name === creds.seeded.cloud);
        assertEqual(env.assets, SEEDED_ASSETS, 'assets');
    });
    const counts = {};
    await check('api.resources: paging with max_results + next_cursor over every resource type', async () => {
        const seen = new Set();
        for (const resourceType of ['image', 'video', 'raw']) {
            let cursor;
            let pages = 0;
            counts[resourceType] = 0;
            do {
                const r = await cloudinary.api.resources({ resource_type: resourceType, max_results: 17, next_cursor: cursor });
                assert(Array.isArray(r.resources) && r.resources.length <= 17, `page of ${r.resources && r.resources.length}`);
                for (const x of r.resources) {
                    assert(!seen.has(`${resourceType}/${x.public_id}`), `${x.public_id} listed twice`);
                    seen.add(`${resourceType}/${x.public_id}`);
                    assertEqual(x.resource_type, resourceType, 'resource_type');
                    for (const field of ['asset_id', 'public_id', 'format', 'version', 'type', 'created_at', 'bytes', 'url', 'secure_url'])
                        assert(x[field] !== undefined || (field === 'format' && resourceType === 'raw'), `${field} missing from ${JSON.stringify(x)}`);
                }
                counts[resourceType] += r.resources.length;
                cursor = r.next_cursor;
                assert(++pages < 50, 'more than 50 pages');
            } while (cursor);
        }
        assertEqual(counts.image + counts.video + counts.raw, SEEDED_ASSETS, `images ${counts.image} + videos ${counts.video} + raw ${counts.raw}`);
        assert(counts.video > 0 && counts.raw > 0, `the seed has videos and raw files: ${JSON.stringify(counts)}`);
    });
    await check('search: expression, sort_by, max_results, with_field, aggregate, next_cursor', async () => {
        const ids = [];
        let cursor;
        let total;
        let aggregations;
        let pages = 0;
        do {
            let q = cloudinary.search.expression('resource_type:image').sort_by('public_id', 'asc').max_results(40)
                .with_field('tags').aggregate('format');
            if (cursor)
                q = q.next_cursor(cursor);
            const r = await q.execute();
            assert(Number.isInteger(r.total_count), `total_count ${r.total_count}`);
            assert(r.time !== undefined, 'time missing');
            if (total === undefined) {
                total = r.total_count;
                aggregations = r.aggregations;
            }
            assertEqual(r.total_count, total, 'total_count on a later page');
            for (const x of r.resources) {
                assert(Array.isArray(x.tags), `tags not returned with with_field: ${JSON.stringify(x)}`);
                assertEqual(x.resource_type, 'image', 'resource_type');
                ids.push(x.public_id);
            }
            cursor = r.next_cursor;
            assert(++pages < 20, 'more than 20 pages');
        } while (cursor);
        assertEqual(pages, Math.ceil(total / 40), 'pages');
        assertEqual(ids.length, total, 'hits over all pages');
        assertEqual(new Set(ids).size, ids.length, 'distinct hits');
        assertEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), ids, 'sorted by public_id ascending');
        if (counts.image !== undefined)
            assertEqual(total, counts.image, 'total_count against api.resources');
        assert(aggregations && aggregations.format, `aggregations.format missing: ${JSON.stringify(aggregations)}`);
        const sum = Object.values(aggregations.format).reduce((a, b) => a + b, 0);
        assertEqual(sum, total, `sum of format buckets ${JSON.stringify(aggregations.format)}`);
    });
}

async function negativeChecks({ main, sourcePath }) {
    const F = creds.fixed;
    await check('wrong API secret: upload → 401, Admin ping → 401', async () => {
        let e = await rejection(cloudinary.uploader.upload(sourcePath, { api_secret: 'not-the-secret' }), 'upload');
        assertEqual(sdkStatus(e), 401, 'upload HTTP status');
        assert(/signature/i.test(e.message || ''), `upload message: ${e.message}`);
        e = await rejection(cloudinary.api.ping({ api_secret: 'not-the-secret' }), 'ping');
        assertEqual(sdkStatus(e), 401, 'ping HTTP status');
        e = await rejection(cloudinary.api.ping({ api_key: '999', api_secret: F.secret }), 'ping with an unknown key');
        assertEqual(sdkStatus(e), 401, 'ping HTTP status with an unknown key');
    });
    await check('stale timestamp (signed 2 hours ago) → 400', async () => {
        const timestamp = Math.floor(Date.now() / 1000) - 7200;
        const params = { public_id: 'stale', timestamp };
        const signature = cloudinary.utils.api_sign_request(params, F.secret);
        const e = await rejection(cloudinary.uploader.upload(sourcePath, { ...params, signature, api_key: F.key }), 'upload');
        assertEqual(sdkStatus(e), 400, 'HTTP status');
        const reported = new Date(timestamp * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');
        assertEqual((e.error && e.error.message) || e.message, `Stale request - reported time is ${reported} which is more than 1 hour ago`, 'message');
        // The same request with a fresh timestamp goes through: the signature itself was right.
        const fresh = { public_id: 'stale', timestamp: Math.floor(Date.now() / 1000) };
        const ok = await cloudinary.uploader.upload(sourcePath, { ...fresh, signature: cloudinary.utils.api_sign_request(fresh, F.secret), api_key: F.key });
        assertEqual(ok.public_id, 'stale', 'public_id with a fresh timestamp');
    });
    await check('no credentials at all on the Admin API → 401', async () => {
        const r = await request(`${main.base}/v1_1/${F.cloud}/resources/image`);
        assertEqual(r.status, 401, 'status');
        assert(JSON.parse(r.body).error.message, 'error.message');
    });
}

main().catch((e) => {
    process.stdout.write(`FAIL  unexpected error: ${e && e.stack ? e.stack : JSON.stringify(e)}\n`);
    checks.failed++;
    process.exitCode = checks.summary();
});
