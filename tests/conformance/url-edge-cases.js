// Hand-picked delivery-URL cases: every example of the reference's §a and §c tables
// (/work/shared/reference/cloudinary-api.md), plus inputs the generator stays away from on purpose
// (SDK bugs, inputs the SDK rejects). The Node SDK decides the expected output; nothing here states
// an answer. A third element overrides the configuration: a PROFILES name or a CLOUDINARY_URL.
'use strict';

const KEY = '00112233445566778899aabbccddeeff';

const CASES = [
    // §c.2 host and prefix rules
    ['sample', {}],
    ['sample', { format: 'png' }],
    ['sample.jpg', { format: 'webp' }],
    ['sample', { secure: false }],
    ['sample', { private_cdn: true }],
    ['sample', { private_cdn: true, secure: false }],
    ['sample', { secure_distribution: 'cdn.example.com' }],
    ['sample', { private_cdn: true, secure_distribution: 'media.example.com' }],
    ['sample', { secure_distribution: 'cloudinary-a.akamaihd.net' }],
    ['sample', { secure_distribution: 'res.cloudinary.com', cdn_subdomain: true }],
    ['sample', { cname: 'images.example.com', secure: false }],
    ['sample', { cname: 'images.example.com' }],
    ['sample', { cname: 'images.example.com', secure: false, cdn_subdomain: true }],
    ['sample', { cdn_subdomain: true }],
    ['sample', { cdn_subdomain: true, secure: false }],
    ['another_image', { cdn_subdomain: true }],
    ['sample', { cdn_subdomain: true, format: 'jpg' }],
    ['sample', { cdn_subdomain: true, url_suffix: 'nice', format: 'jpg' }],
    ['sample', { cdn_subdomain: true, secure_cdn_subdomain: false }],
    ['sample', { private_cdn: true, cdn_subdomain: true, secure_cdn_subdomain: true }],
    ['sample', { private_cdn: true, cdn_subdomain: true, secure: false }],
    ['sample', { private_cdn: true, cdn_subdomain: true }],
    ['sample', { cloud_name: '/local' }],
    ['folder/sample', { cloud_name: '/local', width: 100 }],
    ['sample', { cloud_name: 'MyCloud', private_cdn: true }],

    // §c.3 resource_type / type
    ['https://example.com/a.jpg', {}],
    ['http://example.com/a b.jpg', { width: 100 }],
    ['https://example.com/a.jpg?x=1&y=2 z', { type: 'fetch' }],
    ['http://example.com/%+,(=)~!*\'$;@[]{}|^`"<>\\', { type: 'fetch' }],
    ['https://example.com/a.jpg', { type: 'fetch', format: 'png' }],
    ['https://example.com/a.jpg', { type: 'fetch', format: 'png', fetch_format: 'webp' }],
    ['https://example.com/a.jpg', { type: 'fetch', version: 1234 }],
    ['https://example.com//x//y.jpg', { type: 'fetch' }],
    ['sample', { type: 'fetch' }],
    ['https://example.com/x.jpg', { type: 'upload' }],
    ['ftp://example.com/x.jpg', { type: 'fetch' }],
    ['65646572251', { type: 'facebook', format: 'jpg' }],
    ['cloudinary', { type: 'twitter_name' }],
    ['e3264cf16f34ecd3c7c564f5668cbc1e', { type: 'gravatar' }],
    ['dQw4w9WgXcQ', { type: 'youtube', resource_type: 'video' }],
    ['mytag', { type: 'list', format: 'json' }],
    ['image/upload/v1234/folder/sample.jpg', {}],
    ['image/upload/v1234/folder/sample.jpg', { sign_url: true }],
    ['raw/private/v12/doc.pdf', {}],
    ['video/upload/v1/x', {}],
    ['dog', { resource_type: 'video', format: 'mp4' }],
    ['dog', { resource_type: 'video', format: 'jpg', start_offset: 'auto' }],
    ['docs/report.pdf', { resource_type: 'raw' }],

    // §c.4 public-id escaping
    ['a%20b', {}],
    ['a+b,c?d#e&f=g@h', {}],
    ["it's (1)!*~", {}],
    ['folder//sample', {}],
    ['café/日本', {}],
    ['%C3%A9t%C3%A9', {}],
    ['a%2Fb', {}],
    ['a:b/c', {}],
    ['😀 emoji', { format: 'png' }],
    ['100% cotton', {}], // malformed %: the SDK rejects
    ['%E9', {}], // not UTF-8: the SDK rejects

    // §c.5 version
    ['folder/sample', {}],
    ['folder/sample', { force_version: false }],
    ['folder/sample', { version: 1234, force_version: false }],
    ['sample', { version: 1234 }],
    ['sample', { version: '1234' }],
    ['v1234/sample', {}],
    ['v1/folder/sample', {}],
    ['sample', { version: 'v123' }],
    ['folder/sample', { version: 0 }],

    // §c.6 format, url_suffix, root path, shorten
    ['sample', { format: '' }],
    ['sample', { url_suffix: 'nice-name', format: 'jpg', crop: 'scale', width: 100 }],
    ['sample', { url_suffix: 'nice-name', type: 'private' }],
    ['sample', { url_suffix: 'nice-name', type: 'authenticated' }],
    ['doc', { url_suffix: 'nice-name', resource_type: 'raw' }],
    ['dog', { url_suffix: 'nice-name', resource_type: 'video', format: 'mp4' }],
    ['sample', { url_suffix: 'nice', type: 'fetch' }], // rejected
    ['sample', { url_suffix: 'nice', resource_type: 'video', type: 'private' }], // rejected
    ['sample', { url_suffix: 'a.b' }], // rejected
    ['sample', { url_suffix: 'a/b' }], // rejected
    ['sample', { use_root_path: true, format: 'jpg' }],
    ['sample', { use_root_path: true, url_suffix: 'x' }],
    ['sample', { use_root_path: true, type: 'private' }], // rejected
    ['sample', { use_root_path: true, resource_type: 'video' }], // rejected
    ['sample', { shorten: true }],
    ['sample', { shorten: true, type: 'private' }],
    ['sample', { shorten: true, use_root_path: true }],

    // §c.7 signed URLs and tokens
    ['sample', { sign_url: true }],
    ['sample', { sign_url: true, format: 'jpg' }],
    ['sample', { sign_url: true, format: 'jpg', version: 1234 }],
    ['sample', { sign_url: true, format: 'jpg', type: 'private' }],
    ['sample', { sign_url: true, format: 'jpg', crop: 'fill', height: 250, width: 300 }],
    ['folder/sample', { sign_url: true, format: 'jpg' }],
    ['sample', { sign_url: true, format: 'jpg', long_url_signature: true }],
    ['sample', { sign_url: true, format: 'jpg', signature_algorithm: 'sha256' }],
    ['https://example.com/a.jpg', { type: 'fetch', sign_url: true }],
    ['%25a (b)', { sign_url: true, format: 'jpg' }],
    ['sample', { sign_url: true, url_suffix: 'nice', format: 'jpg' }],
    ['sample', { sign_url: true, signature_algorithm: 'md5' }], // rejected
    ['sample', { signature_algorithm: 'md5' }], // unused when not signing: accepted
    ['sample', { sign_url: true, api_secret: 'other' }],
    ['sample', { sign_url: true, auth_token: { key: KEY, start_time: 1111111111, duration: 300 } }],
    ['sample', { sign_url: true, auth_token: { key: KEY, expiration: 1700003600, acl: '/image/*' } }],
    ['sample', { sign_url: true, auth_token: { key: KEY, expiration: 1700003600, acl: ['/image/*', '/video/*'], ip: '10.0.0.1' } }],
    ['a b/c?d', { sign_url: true, type: 'authenticated', auth_token: { key: KEY, start_time: 1700000000, expiration: 1700003600, token_name: 'tok' } }],
    ['sample', { sign_url: true, auth_token: false }],
    ['sample', { auth_token: { key: KEY, duration: 300 } }], // not signing: the token is ignored
    ['sample', { sign_url: true, auth_token: { key: KEY, acl: '/image/*' } }], // no expiration: rejected
    ['sample', { sign_url: true, cloud_name: '/local', auth_token: { key: KEY, expiration: 1700003600 } }],

    // §c.8 parameter table, one or more per row
    ['sample', { angle: ['auto_right', 'hflip'] }],
    ['sample', { angle: -45 }],
    ['sample', { angle: '$a + 10' }],
    ['sample', { aspect_ratio: '16:9', crop: 'fill' }],
    ['sample', { aspect_ratio: 1.5 }],
    ['sample', { aspect_ratio: '1.0' }],
    ['sample', { audio_codec: 'aac', audio_frequency: 44100, resource_type: 'video' }],
    ['sample', { background: '#ff0000' }],
    ['sample', { bit_rate: '250k' }],
    ['sample', { border: { width: 4, color: '#ff0000' } }],
    ['sample', { border: {} }],
    ['sample', { border: { color: 'red' } }],
    ['sample', { border: '5' }],
    ['sample', { border: 5, width: 10 }],
    ['sample', { border: '4px_solid_black' }],
    ['sample', { color: '#00ff00', effect: 'colorize' }],
    ['sample', { color_space: 'srgb', crop: 'thumb' }],
    ['sample', { custom_function: { function_type: 'wasm', source: 'blur.wasm' } }],
    ['sample', { custom_function: { function_type: 'remote', source: 'https://df34ra4a.execute-api.us-west-2.amazonaws.com/default/cloudinaryFunction' } }],
    ['sample', { custom_pre_function: { function_type: 'remote', source: 'https://example.com/fn' } }],
    ['sample', { custom_function: { function_type: 'wasm', source: 'a.wasm' }, custom_pre_function: { function_type: 'wasm', source: 'b.wasm' } }],
    ['sample', { default_image: 'avatar.png', delay: 20, density: 300 }],
    ['sample', { dpr: '2.0' }],
    ['sample', { dpr: 2.0 }],
    ['sample', { dpr: 'auto' }],
    ['dog', { resource_type: 'video', duration: '30%' }],
    ['sample', { effect: ['sepia', 50] }],
    ['sample', { effect: { sepia: 50 } }],
    ['sample', { effect: { brightness: 30, sepia: 50 } }],
    ['sample', { effect: 'gen_recolor:prompt_the width' }],
    ['dog', { resource_type: 'video', end_offset: '3.5', start_offset: '10%' }],
    ['sample', { fetch_format: 'auto', quality: 'auto' }],
    ['sample', { flags: ['layer_apply', 'relative'] }],
    ['dog', { resource_type: 'video', fps: [24, 30] }],
    ['dog', { resource_type: 'video', fps: '24-29.97' }],
    ['sample', { gravity: 'auto:subject', crop: 'auto', width: 200, height: 200 }],
    ['sample', { width: 200, height: 100 }],
    ['sample', { if: 'w > 300 && h < 200', crop: 'scale', width: 100, angle: 10 }],
    ['dog', { resource_type: 'video', keyframe_interval: 0.5 }],
    ['dog', { resource_type: 'video', offset: '2.5..10' }],
    ['dog', { resource_type: 'video', offset: [1, 5] }],
    ['dog', { resource_type: 'video', offset: '10%..30%' }],
    ['dog', { resource_type: 'video', offset: 5 }],
    ['dog', { resource_type: 'video', offset: [2.5, '10p'], start_offset: 1 }],
    ['sample', { opacity: 0, angle: 0, x: 0 }],
    ['sample', { page: 2, prefix: 'abc' }],
    ['sample', { quality: 'auto:good' }],
    ['sample', { quality: '80:420' }],
    ['sample', { radius: [10, 20, 30, 40] }],
    ['sample', { radius: 'max' }],
    ['sample', { radius: [10, '$r'] }],
    ['sample', { radius: [] }], // rejected
    ['sample', { radius: [1, 2, 3, 4, 5] }], // rejected
    ['sample', { radius: [10, null] }], // rejected
    ['sample', { raw_transformation: 'e_grayscale', width: 100, crop: 'scale' }],
    ['sample', { size: '120x80', crop: 'fill' }],
    ['sample', { size: 100 }], // rejected: size must be a string
    ['sample', { streaming_profile: 'hd', resource_type: 'video' }],
    ['sample', { transformation: 'media_lib_thumb' }],
    ['sample', { transformation: ['one', 'two'], width: 100 }],
    ['sample', { transformation: '' }],
    ['sample', { transformation: [] }],
    ['sample', { underlay: 'site_bg', width: 100 }],
    ['sample', { variables: [['$img', 'sample'], ['$w', 100]] }],
    ['sample', { $width: 200, $height: '$width * 2' }],
    ['sample', { variables: [['$a', 5], ['$b', '$a + 2']], $z: 1, $c: '!text!' }],
    ['dog', { resource_type: 'video', video_codec: { codec: 'h264', profile: 'basic', level: '3.1' } }],
    ['dog', { resource_type: 'video', video_codec: { profile: 'basic' } }],
    ['dog', { resource_type: 'video', video_codec: 5 }],
    ['dog', { resource_type: 'video', video_sampling: '2.3s' }],
    ['sample', { width: 'auto', crop: 'scale' }],
    ['sample', { width: 'auto:breakpoints' }],
    ['sample', { width: 0.5 }],
    ['sample', { width: 'iw' }],
    ['sample', { x: -20, y: 0.5, zoom: 1.5, gravity: 'face', crop: 'thumb' }],
    ['sample', { width: 1e21, height: 1e-7, x: 0.30000000000000004, y: 123456789.125 }],
    ['sample', { width: 12345678901234567890 }],
    // Every parameter at once (the full key order).
    ['sample', {
        angle: 10, aspect_ratio: '16:9', audio_codec: 'aac', audio_frequency: 44100, background: 'red', bit_rate: '1m',
        border: '1px_solid_blue', color: 'red', color_space: 'srgb', crop: 'fill', custom_function: { function_type: 'wasm', source: 'f.wasm' },
        default_image: 'd.png', delay: 10, density: 150, dpr: 2, duration: 5, effect: 'sepia', end_offset: 4, fetch_format: 'auto',
        flags: 'progressive', fps: 25, gravity: 'north', height: 100, if: 'w > 10', keyframe_interval: 2, opacity: 50, overlay: 'logo',
        page: 1, prefix: 'p', quality: 80, radius: 5, raw_transformation: 'z_1', start_offset: 1, streaming_profile: 'hd',
        transformation: 'named', underlay: 'bg', variables: [['$v', 1]], video_codec: 'h264', video_sampling: 10, width: 200,
        x: 1, y: 2, zoom: 1.1, $aa: 3,
    }],

    // §c.8 chaining
    ['sample', { transformation: [{ crop: 'fill', width: 300 }, { effect: 'sepia' }], angle: 10 }],
    ['sample', { transformation: { crop: 'fill', width: 300 }, angle: 10 }],
    ['sample', { transformation: [{ width: 100 }, 'named1'], angle: 10 }],
    ['sample', { transformation: [{}, { width: 100 }, {}] }],
    ['sample', { responsive_width: true, width: 'auto', crop: 'scale' }],
    ['sample', { transformation: [{ responsive_width: true, width: 100 }], effect: 'sepia' }],
    ['sample', { transformation: [{ format: 'png', width: 100, secure: false }] }],
    ['sample', { transformation: [{ if: 'w_lt_200' }, { crop: 'scale', width: 100 }, { if: 'else' }, { crop: 'scale', width: 50 }, { if: 'end' }], effect: 'sepia' }],
    ['sample', { raw_transformation: 'w_100//h_200' }],
    ['sample', { transformation: [{ overlay: 'logo', width: 100 }, { flags: 'layer_apply', gravity: 'north_east', x: 10, y: 10 }] }],

    // §c.8 expressions
    ['sample', { if: 'w > 300 && h < 200', width: 'initial_width * 0.5' }],
    ['sample', { variables: [['$c', '$a + $b - 1']] }],
    ['sample', { $text: '!Hello World!' }],
    ['sample', { width: 'widths + myface_count * $width_x', height: 'ih  __ - 20', x: 'iw-20', y: ':width' }],
    ['sample', { effect: 'saturation:width / 2 || face_count >= 1' }],

    // §c.8 layers
    ['sample', { overlay: 'logo' }],
    ['sample', { overlay: 'brand:logo' }],
    ['sample', { overlay: 'text:Arial_20:Hello%20World' }],
    ['sample', { overlay: 'fetch:https://example.com/logo.png' }],
    ['sample', { overlay: { public_id: 'brand/logo' } }],
    ['sample', { overlay: { public_id: 'logo', format: 'png' } }],
    ['sample', { overlay: { public_id: 'logo', type: 'private' } }],
    ['sample', { overlay: { public_id: 'cat', resource_type: 'video' } }],
    ['dog', { resource_type: 'video', overlay: { resource_type: 'subtitles', public_id: 'sample_sub_en.srt' } }],
    ['sample', { overlay: { url: 'https://example.com/ä.png' } }],
    ['sample', { overlay: { text: 'Hello World, /Nice to meet you?', font_family: 'Arial', font_size: 20 } }],
    ['sample', { overlay: { text: 'sample text', font_family: 'Times New Roman', font_size: 18 } }],
    ['sample', { overlay: { text: 'All', font_family: 'Arial', font_size: 20, font_weight: 'bold', font_style: 'italic', text_decoration: 'underline', text_align: 'center', stroke: 'stroke', letter_spacing: 4, line_spacing: -10, font_antialiasing: 'best', font_hinting: 'full' } }],
    ['sample', { overlay: { text: 'x', text_style: 'Arial_20_bold' } }],
    ['sample', { overlay: { text: 'hi', font_family: 'Arial', font_size: 10, line_spacing: 3, letter_spacing: 2 } }],
    ['sample', { overlay: { text: '$(name) is $(w) and $(myVar1)', font_family: 'Arial', font_size: 20 } }],
    ['sample', { overlay: { text: 'no style' } }],
    ['sample', { overlay: { text: 'x', font_family: 'Arial', font_weight: 'bold' } }], // rejected: no font_size
    ['sample', { overlay: { text: 'x', font_size: 10 } }], // rejected: no font_family
    ['sample', { overlay: { type: 'private' } }], // rejected: no public_id
    ['sample', { overlay: {} }], // rejected
    ['sample', { underlay: { public_id: 'bg', format: 'jpg' }, width: 100 }],

    // §c.3 and §j: Node escapes non-ASCII fetch URLs per UTF-16 code unit (sdk-bugs.json)
    ['https://example.com/é.jpg', { type: 'fetch' }],
    ['https://example.com/日本.png', { type: 'fetch', width: 100 }],
    // Node's smart_escape does not pad code units below 0x10 (tab -> %9, not %09; sdk-bugs.json)
    ['https://example.com/a\tb.jpg', { type: 'fetch' }],
    // §j: Node turns only the first `/` of a layer id into `:`
    ['sample', { overlay: { public_id: 'a/b/c' } }],
    // Token ACLs: Node's unsafe set `[ "#%&'/:;<=>?@[\]^`{|}~]` holds `]`, not a backslash
    ['sample', { sign_url: true, auth_token: { key: KEY, expiration: 1700003600, acl: '/image/upload/a\\b/*' } }],
    // A raw_transformation that renders empty is no component at all
    ['sample', { raw_transformation: [], transformation: [{ width: 100 }] }],
    ['sample', { transformation: [{ raw_transformation: [''] }, { width: 100 }] }],

    // Options url() ignores, and null values
    ['sample', { analytics: false, urlAnalytics: false, width: 100 }],
    ['sample', { foo: 'bar', html_width: 10, responsive: true, client_hints: true, width: 100 }],
    ['sample', { width: null, crop: 'fill', secure: null, type: null, version: null, transformation: null }],
    [12345, { width: 100 }],

    // §a configuration
    ['sample', { sign_url: true }, 'cloudinary://123456789012345:abcdeghijklmnopqrstuvwxyz12@n07t21i7'],
    ['sample', {}, 'cloudinary://key:secret@test123/cdn.example.com'],
    ['sample', { secure: false }, 'cloudinary://key:secret@test123?secure_distribution=cdn.example.com&cname=img.example.com'],
    ['sample', {}, 'cloudinary://key:secret@test123?secure_distribution=cdn.example.com&cname=img.example.com'],
    ['sample', {}, 'cloudinary://key:secret@MyCloud'],
    ['sample', { width: 10 }, 'CLOUDINARY://key:secret@test123'],
    ['sample', {}, 'cloudinary://1234:b@demo?foo[bar]=value&analytics=false'],
    ['sample', { sign_url: true, format: 'jpg' }, 'cloudinary://1234:b@demo?signature_algorithm=sha256'],
    ['sample', { format: 'jpg' }, 'cloudinary://1234:b@demo?sign_url=true'],
    ['sample', { format: 'jpg' }, 'cloudinary://1234:b@demo?sign_url=true&long_url_signature=true'],
    ['sample', { sign_url: true }, `cloudinary://1234:b@demo?auth_token[key]=${KEY}&auth_token[start_time]=1700000000&auth_token[expiration]=1700003600`],
    ['sample', { sign_url: true, auth_token: { acl: '/image/*' } }, `cloudinary://1234:b@demo?auth_token[key]=${KEY}&auth_token[expiration]=1700003600`],
    ['sample', {}, 'cloudinary://1234:b@demo?secure_distribution=cloudinary-a.akamaihd.net'],
    ['sample', { secure: false }, 'cloudinary://1234:b@demo?cname=images.example.com&cdn_subdomain=true'],
    ['sample', {}, 'cloudinary://1234:b@demo?shorten=true'],
    ['sample', { width: 100 }, 'cloudinary://1234:b@demo?dpr=2'],
    ['sample', {}, 'cloudinary://1234:b@demo?secure=false'],
    ['sample', {}, 'cloudinary://1234:b@demo?private_cdn=false'],

    // Line breaks and NUL: the SDK percent-encodes them in a public id and in a text layer given as
    // an object, so Stratus must print the same; it copies them raw into the URL from other options
    // (and returns a remote URL without a type as it is), where url-differential.js expects
    // stratus-cli to refuse the line (exit 2, an empty output line) instead of breaking its output.
    ['line\nfeed', {}],
    ['carriage\rreturn', { width: 10 }],
    ['nul\u0000byte', {}],
    ['sample', { overlay: { text: 'two\nlines', font_family: 'Arial', font_size: 12 } }],
    ['sample', { effect: 'x\ny' }],
    ['sample', { raw_transformation: 'w_1\r' }],
    ['sample', { transformation: 'w_1\n' }],
    ['sample', { type: 'up\u0000load' }],
    ['sample', { format: 'jp\ng' }],
    ['sample', { version: '1\n' }],
    ['sample', { overlay: 'text:Arial_12:two\nlines' }],
    ['sample', { sign_url: true, effect: 'x\ny' }],
    ['http://example.com/a\nb.jpg', {}],
];

function edgeCases() {
    const { PROFILES } = require('./gen-url-cases.js');
    return CASES.map(([publicId, options, config], i) => {
        const c = { id: `edge-${i}`, profile: 'default', public_id: publicId, options };
        if (config && PROFILES[config])
            c.profile = config;
        else if (config)
            c.cloudinary_url = config;
        return c;
    });
}

module.exports = { edgeCases };
