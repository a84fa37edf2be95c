#!/usr/bin/env node
// The official Cloudinary Node SDK (pinned 2.11.0) configured with `oauth_token` only — no API key,
// no secret — against stratus-sandbox's authorization server (issue 14, point 6). The test gets
// the token as a browser and a native app would: GET /oauth2/auth, the login form, the consent
// form, the 302 to the loopback redirect URI read by hand, and the code exchanged at /oauth2/token
// with the PKCE verifier. Then the SDK's Admin, Upload and Search calls must work with the token
// (the SDK sends `Authorization: Bearer`), and a revoked or expired token must give the SDK's
// error with http_code 401.
//
//   node oauth-conformance.js --sandbox PATH/stratus-sandbox --node-modules DIR/node_modules [--keep]
//
// Prints one line per check and `N passed, M failed` last; exits 1 on any failure.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { parseArgs, fail } = require('./common');
const {
    startSandbox, stopSandbox, request, CheckRunner, assert, assertEqual, rejection, sdkStatus, encodePng,
} = require('./sandbox-support');

const SDK_VERSION = '2.11.0';
const CLIENT_ID = 'node-sdk-conformance';
const REDIRECT = 'http://127.0.0.1:53682/callback';
const SCOPES = 'openid offline_access asset_management upload';
const CLOUD = 'stratus-oauth';
const OTHER_CLOUD = 'stratus-oauth-other'; // an environment of the same sandbox the user has no access to
const USER = { email: 'designer@example.com', password: crypto.randomBytes(9).toString('base64url') };

const args = parseArgs(process.argv.slice(2), { required: ['sandbox', 'node-modules'] });
const checks = new CheckRunner();
const check = checks.check.bind(checks);

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

function formBody(fields) {
    return new URLSearchParams(fields).toString();
}

async function postForm(base, route, fields) {
    return request(`${base}${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: formBody(fields),
    });
}

function requestIdIn(page) {
    const m = /name="request_id" value="([^"]+)"/.exec(page.toString('utf8'));
    assert(m, `no request_id in the page: ${page.toString('utf8').slice(0, 300)}`);
    return m[1];
}

// Plays the browser through login and consent; resolves with the token answer.
async function signIn(sandbox) {
    const verifier = crypto.randomBytes(48).toString('base64url');
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const state = crypto.randomBytes(16).toString('base64url');
    const authorize = new URL(`${sandbox.base}/oauth2/auth`);
    authorize.search = new URLSearchParams({
        client_id: CLIENT_ID, response_type: 'code', scope: SCOPES, redirect_uri: REDIRECT, state,
        code_challenge: challenge, code_challenge_method: 'S256', login_hint: USER.email,
    }).toString();
    const page = await request(authorize.toString());
    assertEqual(page.status, 200, 'the authorize page');
    const login = await postForm(sandbox.base, '/oauth2/auth',
        { request_id: requestIdIn(page.body), action: 'login', email: USER.email, password: USER.password });
    assertEqual(login.status, 200, 'the login answer');
    assert(login.body.toString().includes('wants to use'), 'the login is answered with the consent page');
    const allow = await postForm(sandbox.base, '/oauth2/auth', { request_id: requestIdIn(login.body), action: 'allow' });
    assertEqual(allow.status, 302, 'the consent answer');
    const location = new URL(allow.headers.location);
    assertEqual(`${location.origin}${location.pathname}`, REDIRECT, 'the redirect goes to the loopback redirect URI');
    assertEqual(location.searchParams.get('state'), state, 'state');
    const code = location.searchParams.get('code');
    assert(code, `no code in ${allow.headers.location}`);
    const token = await postForm(sandbox.base, '/oauth2/token', {
        grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: verifier,
    });
    assertEqual(token.status, 200, `the code exchange (${token.body})`);
    return JSON.parse(token.body.toString('utf8'));
}

// The SDK with a token and nothing else: no key, no secret to sign with.
function useToken(cloudinary, sandbox, token) {
    cloudinary.config({
        cloud_name: CLOUD, upload_prefix: sandbox.base, api_key: undefined, api_secret: undefined, oauth_token: token,
    });
}

async function main() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-oauth-conf-'));
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
    const key = '614335564976470';
    const secret = crypto.randomBytes(20).toString('base64url').slice(0, 27);
    const sandboxArgs = (name, extra) => [
        '--data', path.join(tmp, name),
        '--environment', `cloudinary://${key}:${secret}@${CLOUD}?folder_mode=dynamic`,
        '--environment', `cloudinary://${key}1:${secret}@${OTHER_CLOUD}?folder_mode=dynamic`,
        '--user', `${USER.email}:${USER.password}@${CLOUD}?name=Designer`,
        '--oauth-client', CLIENT_ID, ...extra,
    ];
    const main = await startSandbox(args.sandbox, sandboxArgs('data-main', []), { environments: 2 });
    sandboxes.push(main);
    const shortLived = await startSandbox(args.sandbox, sandboxArgs('data-short', ['--token-lifetime', '1']),
        { environments: 2 });
    sandboxes.push(shortLived);
    process.stdout.write(`sandboxes on ${main.base} and ${shortLived.base}\n`);

    // The SDK picks http or https once, when it is loaded, from upload_prefix.
    process.env.CLOUDINARY_URL = `cloudinary://${CLOUD}?upload_prefix=${main.base}`;
    delete process.env.CLOUDINARY_ACCOUNT_URL;
    const cloudinary = loadSdk(args['node-modules']);

    const png = encodePng(48, 32, (x, y) => [x * 5, y * 7, 128]);
    const pngPath = path.join(tmp, 'oauth.png');
    fs.writeFileSync(pngPath, png);

    const tokens = await check('sign in as a browser: login, consent, 302 with code and state, code + verifier → tokens', async () => {
        const t = await signIn(main);
        assertEqual(t.token_type, 'Bearer', 'token_type');
        assertEqual(t.scope, SCOPES, 'scope');
        assert(t.expires_in === 3600, `expires_in ${t.expires_in}`);
        assert(typeof t.refresh_token === 'string' && t.refresh_token.length >= 40, 'refresh_token');
        const claims = JSON.parse(Buffer.from(t.access_token.split('.')[1], 'base64url').toString('utf8'));
        assertEqual(claims.ext, { cloud_name: CLOUD }, 'ext');
        assertEqual(claims.iss, main.base, 'iss');
        assertEqual(claims.sub, USER.email, 'sub');
        return t;
    });
    if (!tokens) {
        process.stdout.write('no token: the SDK checks cannot run\n');
        return;
    }
    useToken(cloudinary, main, tokens.access_token);

    let uploaded;
    await check('uploader.upload with oauth_token only (no api_key, no signature)', async () => {
        uploaded = await cloudinary.uploader.upload(pngPath, { public_id: 'oauth/sdk-upload', tags: ['oauth'] });
        assertEqual(uploaded.public_id, 'oauth/sdk-upload', 'public_id');
        assertEqual([uploaded.width, uploaded.height], [48, 32], 'dimensions');
    });
    await check('api.resources with oauth_token', async () => {
        const r = await cloudinary.api.resources({ max_results: 50 });
        assert(Array.isArray(r.resources), 'resources');
        assert(r.resources.some((x) => x.public_id === 'oauth/sdk-upload'), 'the upload is listed');
    });
    await check('api.resource with oauth_token', async () => {
        const r = await cloudinary.api.resource('oauth/sdk-upload');
        assertEqual(r.bytes, png.length, 'bytes');
        assertEqual(r.tags, ['oauth'], 'tags');
    });
    await check('search with oauth_token', async () => {
        const r = await cloudinary.search.expression('tags=oauth').execute();
        assertEqual(r.total_count, 1, 'total_count');
        assertEqual(r.resources[0].public_id, 'oauth/sdk-upload', 'public_id');
    });
    await check('the token on another environment of the sandbox: the SDK rejects with http_code 401', async () => {
        cloudinary.config({ cloud_name: OTHER_CLOUD });
        try {
            const e = await rejection(cloudinary.api.resources(), 'api.resources on another cloud');
            assertEqual(sdkStatus(e), 401, 'http_code');
            assertEqual(e.error.message, `Invalid token for cloud_name ${OTHER_CLOUD}`, 'message');
        } finally {
            cloudinary.config({ cloud_name: CLOUD });
        }
    });

    const refreshed = await check('refresh: a new access token and a new refresh token; the SDK works with it', async () => {
        const r = await postForm(main.base, '/oauth2/token',
            { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID });
        assertEqual(r.status, 200, `refresh (${r.body})`);
        const t = JSON.parse(r.body.toString('utf8'));
        assert(t.refresh_token && t.refresh_token !== tokens.refresh_token, 'the refresh token rotates');
        useToken(cloudinary, main, t.access_token);
        const listed = await cloudinary.api.resources();
        assert(listed.resources.length >= 1, 'resources with the refreshed token');
        const again = await postForm(main.base, '/oauth2/token',
            { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT_ID });
        assertEqual(again.status, 400, 'the old refresh token');
        assertEqual(JSON.parse(again.body.toString('utf8')).error, 'invalid_grant', 'error');
        return t;
    });

    await check('a revoked token: api.resources and uploader.upload reject with http_code 401', async () => {
        const fresh = await signIn(main);
        useToken(cloudinary, main, fresh.access_token);
        await cloudinary.api.resources();
        const r = await postForm(main.base, '/oauth2/revoke', { token: fresh.refresh_token, client_id: CLIENT_ID });
        assertEqual(r.status, 200, 'revoke');
        const e = await rejection(cloudinary.api.resources(), 'api.resources with a revoked token');
        assertEqual(sdkStatus(e), 401, 'Admin API http_code');
        assertEqual(e.error.message, 'Token revoked', 'message');
        const u = await rejection(cloudinary.uploader.upload(pngPath), 'upload with a revoked token');
        assertEqual(sdkStatus(u), 401, 'Upload API http_code');
    });
    void refreshed;

    await check('an expired token (--token-lifetime 1): the SDK rejects with http_code 401 "Token expired"', async () => {
        const t = await signIn(shortLived);
        assertEqual(t.expires_in, 1, 'expires_in');
        cloudinary.config({ upload_prefix: shortLived.base });
        useToken(cloudinary, shortLived, t.access_token);
        await new Promise((resolve) => setTimeout(resolve, 2200));
        const e = await rejection(cloudinary.api.resources(), 'api.resources with an expired token');
        assertEqual(sdkStatus(e), 401, 'http_code');
        assertEqual(e.error.message, 'Token expired', 'message');
        const s = await rejection(cloudinary.search.expression('tags=x').execute(), 'search with an expired token');
        assertEqual(sdkStatus(s), 401, 'search http_code');
    });
}

main().catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
});
