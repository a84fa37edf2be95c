#!/usr/bin/env node
// Generates delivery-URL cases for the differential test against the official Node SDK
// (url-differential.js) and for the throughput benchmark (tests/bench/url-throughput.js).
//
// A case is { id, profile, public_id, options }: `options` are exactly what the Node SDK's
// cloudinary.url(public_id, options) accepts, `profile` names the CLOUDINARY_URL it runs under
// (PROFILES below). The generator does not know the answers: the SDK is the oracle. It only has
// to produce inputs the SDK accepts most of the time, in every combination, with the value types
// the SDK accepts (numbers incl. fractions, numeric strings, expressions, arrays, objects).
//
// Deterministic: the same seed gives the same cases on every machine (own PRNG, no Math.random,
// object key order chosen by the PRNG too, because the SDK is sensitive to it in places).
//
// Usage (JSON lines on stdout, one {"public_id","options"} per line, as stratus-cli url --batch
// reads them):
//   node gen-url-cases.js --seed 42 [--count 600] [--profile default] [--edge] [--with-meta]
//     --count N      number of generated cases (default 600)
//     --profile P    only cases of this profile (default: all)
//     --edge         also emit the hand-picked edge cases (reference §c tables)
//     --with-meta    emit {id, profile, cloudinary_url, public_id, options} instead
'use strict';

// ---------------------------------------------------------------------------------------------
// Configurations (CLOUDINARY_URL) the cases run under. Query values reach the Node SDK as strings;
// only values whose string form means the same as the boolean are used ("true", never "false":
// Node treats the string "false" as true — see sdk-bugs.json).
const PROFILES = {
    default: 'cloudinary://1234:b@demo',
    secure_distribution: 'cloudinary://1234:b@demo?secure_distribution=cdn.example.com',
    private_cdn_path: 'cloudinary://1234:b@demo/media.example.com',
    private_cdn_query: 'cloudinary://1234:b@demo?private_cdn=true',
    cname: 'cloudinary://1234:b@demo?cname=images.example.com',
    cdn_subdomain: 'cloudinary://1234:b@demo?cdn_subdomain=true',
    private_cdn_subdomain: 'cloudinary://1234:b@demo?private_cdn=true&cdn_subdomain=true&secure_cdn_subdomain=true',
    other_cloud: 'cloudinary://987654321012345:Zx9-secret_Q@my-cloud-2',
};

// How often a generated case runs under each profile (the rest run under `default`).
const PROFILE_WEIGHTS = [
    ['default', 70], ['secure_distribution', 5], ['private_cdn_path', 5], ['private_cdn_query', 4],
    ['cname', 5], ['cdn_subdomain', 4], ['private_cdn_subdomain', 3], ['other_cloud', 4],
];

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through cyrb128, so any string is a seed.
function cyrb128(str) {
    let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
    for (let i = 0; i < str.length; i++) {
        const k = str.charCodeAt(i);
        h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
        h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
        h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
        h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

class Rng {
    constructor(seed) {
        [this.a, this.b, this.c, this.d] = cyrb128(String(seed));
        for (let i = 0; i < 16; i++)
            this.next();
    }
    next() { // uniform in [0, 1)
        this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
        let t = (this.a + this.b) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.d = (this.d + 1) | 0;
        t = (t + this.d) | 0;
        this.c = (this.c + t) | 0;
        return (t >>> 0) / 4294967296;
    }
    int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
    chance(p) { return this.next() < p; }
    pick(list) { return list[Math.floor(this.next() * list.length)]; }
    weighted(pairs) {
        const total = pairs.reduce((sum, [, w]) => sum + w, 0);
        let r = this.next() * total;
        for (const [value, w] of pairs) {
            if ((r -= w) < 0)
                return value;
        }
        return pairs[pairs.length - 1][0];
    }
    shuffle(list) {
        const out = list.slice();
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(this.next() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }
    subset(list, min, max) { return this.shuffle(list).slice(0, this.int(min, Math.min(max, list.length))); }
    // A value or a generator of one.
    gen(spec) { return typeof spec === 'function' ? spec(this) : spec; }
    oneOf(...specs) { return this.gen(this.pick(specs)); }
}

// An object whose keys are inserted in PRNG order (the SDK iterates some objects in insertion
// order, so the key order in the JSON line matters and must vary).
function shuffledObject(rng, entries) {
    const out = {};
    for (const [k, v] of rng.shuffle(entries.filter(([, v]) => v !== undefined)))
        out[k] = v;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Values.

// Numbers the way JSON carries them: integers, fractions, and the ones whose JavaScript string
// form is not obvious (0.30000000000000004, 1e-7, 1e+21).
function number(rng, { negative = false, max = 2000 } = {}) {
    const sign = negative && rng.chance(0.3) ? -1 : 1;
    const n = rng.weighted([
        [() => rng.int(0, 100), 30],
        [() => rng.int(1, max), 25],
        [() => rng.int(1, 4 * max) / 4, 12],
        [() => rng.int(1, 99) / 100, 10],
        [() => rng.int(1, 9) / rng.pick([3, 7, 9]), 5],
        [() => rng.pick([0.1 + 0.2, 1e-7, 1.5e-10, 1e21, 123456789.125, 2 ** 53, 0.000001, 1 / 3]), 3],
    ])();
    return sign * n;
}

function numericString(rng) {
    return rng.pick(['1.0', '2.50', '0.5', '100', '0', '10', '1.333', '.5', '007', '1e3']);
}

const PREDEFINED = ['width', 'height', 'initial_width', 'initialWidth', 'initial_height', 'initialHeight',
    'aspect_ratio', 'aspectRatio', 'initial_aspect_ratio', 'initialAspectRatio', 'face_count', 'faceCount',
    'page_count', 'pageCount', 'current_page', 'currentPage', 'page_x', 'pageX', 'page_y', 'pageY',
    'duration', 'initial_duration', 'initialDuration', 'tags'];
const SHORT_VARS = ['w', 'h', 'iw', 'ih', 'ar', 'iar', 'fc', 'pc', 'cp', 'du', 'idu', 'px', 'py'];
const USER_VARS = ['$w', '$h', '$img', '$ratio', '$width', '$_x', '$my_var', '$count', '$a', '$b'];
const OPERATORS = ['=', '!=', '<', '>', '<=', '>=', '&&', '||', '*', '/', '+', '-', '^'];
const WORD_OPERATORS = ['eq', 'ne', 'lt', 'gt', 'lte', 'gte', 'and', 'or', 'mul', 'div', 'add', 'sub', 'pow'];

// Expressions: what the SDK's normalize_expression rewrites (operators followed by a space or
// `_`, long variable names anywhere, runs of spaces and underscores) and what it must leave alone.
function expression(rng) {
    const term = () => rng.weighted([
        [() => String(number(rng)), 4],
        [() => rng.pick(PREDEFINED), 4],
        [() => rng.pick(SHORT_VARS), 2],
        [() => rng.pick(USER_VARS), 3],
        [() => rng.pick(['widths', 'myface_count', 'heightx', ':width', 'page_xy', 'tags_x', 'x_duration']), 1],
    ])();
    let expr = term();
    for (let i = rng.int(0, 3); i > 0; i--) {
        const op = rng.weighted([[() => rng.pick(OPERATORS), 6], [() => rng.pick(WORD_OPERATORS), 2]])();
        const space = rng.weighted([[' ', 6], ['_', 2], ['', 1], ['  ', 1], [' _ ', 1]]);
        expr += space + op + space + term();
    }
    return expr;
}

function numeric(rng, opts) {
    return rng.weighted([
        [() => number(rng, opts), 6],
        [() => numericString(rng), 2],
        [() => expression(rng), 2],
    ])();
}

// Hex/named colours; a leading `#` becomes `rgb:` for background, color and border colours.
function colour(rng) {
    return rng.pick(['#ff0000', '#0f0', '#FF00FF80', '#abc', 'red', 'blue', 'rgb:0044ff', 'rgb:00ff0080',
        'transparent', 'auto', 'auto:border', 'auto:predominant_contrast', 'blurred:400:15', 'gen_fill']);
}

const TEXT_PIECES = ['Hello', 'World', ' ', ' ', ',', '/', '(', ')', '?', '#', '&', '%', ':', 'é', '日本',
    '$(name)', '$(w)', '$(myVar1)', '100%', 'a_b', "'", '"', '+', '=', '😀', '!', '*', '~', '\\', '.', ';',
    '[x]', '{y}', '<b>', '@'];

function text(rng) {
    let s = '';
    for (let i = rng.int(1, 6); i > 0; i--)
        s += rng.pick(TEXT_PIECES);
    return s;
}

const FONT_FAMILIES = ['Arial', 'Times New Roman', 'Roboto', 'Open Sans', 'verdana', 'Courier'];

// A text layer object with a random subset of style keys. Family and size are both present
// whenever any style keyword is (the SDK throws otherwise; those cases are hand-picked).
function textLayer(rng) {
    const styled = rng.chance(0.85);
    const entries = [['text', text(rng)]];
    if (styled) {
        entries.push(['font_family', rng.pick(FONT_FAMILIES)]);
        entries.push(['font_size', rng.pick([12, 20, 24, 18.5, '30', 100])]);
        for (const [key, values] of [
            ['font_weight', ['bold', 'normal', 'light', 'semibold']],
            ['font_style', ['italic', 'normal']],
            ['text_decoration', ['underline', 'strikethrough', 'none']],
            ['text_align', ['left', 'center', 'right', 'justify', 'start', 'end']],
            ['stroke', ['stroke', 'none']],
            ['letter_spacing', [4, -2, '10', 0.5]],
            ['line_spacing', [-10, 5, '3']],
            ['font_antialiasing', ['none', 'gray', 'subpixel', 'fast', 'good', 'best']],
            ['font_hinting', ['none', 'slight', 'medium', 'full']],
        ]) {
            if (rng.chance(0.3))
                entries.push([key, rng.pick(values)]);
        }
        if (rng.chance(0.08))
            entries.push(['text_style', rng.pick(['Arial_20_bold', 'Verdana_50_italic_underline'])]);
    }
    if (rng.chance(0.1))
        entries.push(['resource_type', 'text']);
    return shuffledObject(rng, entries);
}

const FETCH_LAYER_URLS = ['https://example.com/logo.png', 'http://upload.wikimedia.org/wikipedia/commons/1/13/Benedict_Cumberbatch_2011.png',
    'https://example.com/a b.png', 'https://example.com/ä ö.png?x=1&y=2', 'https://example.com/%20encoded.png',
    'https://res.cloudinary.com/demo/image/upload/sample.jpg'];

// Layer ids are used verbatim by the SDK; only the first `/` of an object's public_id becomes `:`
// (ids with two or more slashes are a known SDK bug, hand-picked only).
function layerPublicId(rng) {
    return rng.pick(['logo', 'sample', 'brand/logo', 'cloudinary_icon', 'my logo', 'folder/sub_logo', 'badge.v2', 'café']);
}

function layer(rng) {
    return rng.weighted([
        [() => rng.pick(['logo', 'brand:logo', 'cloudinary_icon', 'text:Arial_20:Hello%20World', 'text:Arial_60:$(name)',
            'video:dog', 'subtitles:sample_sub_en.srt', 'private:secret', 'sample.png', 'my logo']), 6],
        [() => 'fetch:' + rng.pick(FETCH_LAYER_URLS), 2],
        [() => shuffledObject(rng, [
            ['public_id', layerPublicId(rng)],
            ['format', rng.chance(0.3) ? rng.pick(['png', 'jpg', 'webp']) : undefined],
            ['type', rng.chance(0.3) ? rng.pick(['upload', 'private', 'authenticated']) : undefined],
            ['resource_type', rng.chance(0.25) ? rng.pick(['image', 'video', 'raw']) : undefined],
        ]), 5],
        [() => shuffledObject(rng, [
            ['resource_type', 'subtitles'],
            ['public_id', rng.pick(['sample_sub_en.srt', 'subs/track_fr.vtt'])],
            ...(rng.chance(0.5) ? [['font_family', rng.pick(FONT_FAMILIES)], ['font_size', rng.pick([20, 30])]] : []),
        ]), 1],
        [() => shuffledObject(rng, [
            ['url', rng.pick(FETCH_LAYER_URLS)],
            ['resource_type', rng.chance(0.3) ? 'video' : undefined],
        ]), 2],
        [() => textLayer(rng), 5],
    ])();
}

function customFunction(rng) {
    return rng.weighted([
        [() => shuffledObject(rng, [['function_type', 'wasm'], ['source', rng.pick(['blur.wasm', 'folder/fn.wasm', 'my fn.wasm'])]]), 2],
        [() => shuffledObject(rng, [['function_type', 'remote'], ['source', rng.pick([
            'https://df34ra4a.execute-api.us-west-2.amazonaws.com/default/cloudinaryFunction',
            'https://example.com/fn?a=1&b=2', 'https://example.com/über fn', 'https://example.com/%E2%9C%93'])]]), 2],
        [() => rng.pick(['wasm:blur.wasm', 'remote:aHR0cHM6Ly9leGFtcGxlLmNvbQ']), 1],
    ])();
}

// ---------------------------------------------------------------------------------------------
// Transformation parameters (reference §c.8 key table). Each returns a random value of a type the
// SDK accepts for that parameter.
const TRANSFORMATION_PARAMS = {
    angle: (rng) => rng.weighted([
        [() => number(rng, { negative: true, max: 360 }), 4],
        [() => rng.pick(['auto_right', 'auto_left', 'ignore', 'vflip', 'hflip']), 3],
        [() => expression(rng), 1],
        [() => rng.subset(['auto_right', 'hflip', 'vflip', 45, 'ignore'], 1, 3), 2],
    ])(),
    aspect_ratio: (rng) => rng.oneOf('16:9', '4:3', '1:1', '1.5', 1.5, '1.0', 0.75, (r) => expression(r), (r) => number(r)),
    audio_codec: (rng) => rng.pick(['aac', 'mp3', 'none', 'vorbis', 'opus']),
    audio_frequency: (rng) => rng.pick([44100, 22050, '48000', 'iaf', 8000]),
    background: colour,
    bit_rate: (rng) => rng.pick(['250k', '2m', '1m:constant', 500000, 800000, '1.5m']),
    border: (rng) => rng.weighted([
        [() => rng.pick(['4px_solid_black', '3px_solid_rgb:00390b', '1px_dashed_red', '10px_solid_rgb:ff000080']), 3],
        [() => rng.pick(['5', 5, '12']), 1], // digits only: an HTML attribute, dropped from the URL
        [() => shuffledObject(rng, [
            ['width', rng.chance(0.7) ? rng.pick([1, 3, '5', 0, 2.5]) : undefined],
            ['color', rng.chance(0.7) ? colour(rng) : undefined],
        ]), 3],
    ])(),
    color: colour,
    color_space: (rng) => rng.pick(['srgb', 'no_cmyk', 'keep_cmyk', 'tinysrgb', 'cmyk', 'icc:sample.icc']),
    crop: (rng) => rng.pick(['fill', 'fit', 'limit', 'scale', 'crop', 'thumb', 'pad', 'lfill', 'lpad', 'mfit',
        'mpad', 'fill_pad', 'auto', 'imagga_scale']),
    custom_function: customFunction,
    custom_pre_function: customFunction,
    default_image: (rng) => rng.pick(['avatar.png', 'placeholder', 'docs:missing.png', 'folder:sample.jpg']),
    delay: (rng) => rng.pick([20, 100, '50', 0]),
    density: (rng) => rng.pick([72, 150, 300, '400']),
    dpr: (rng) => rng.oneOf(1, 2, 3, 1.5, '2.0', '1.0', 'auto', 0.75, (r) => expression(r)),
    duration: (rng) => rng.pick([10, 2.5, '10.5', '30%', '30p', '45P', '.5', 0, 'auto', '5s']),
    effect: (rng) => rng.weighted([
        [() => rng.pick(['sepia', 'sepia:50', 'grayscale', 'blur:300', 'brightness:-20', 'art:incognito',
            'gen_recolor:prompt_the width;to-color_red', 'outline:5:inner', 'shadow', 'vectorize:colors:5',
            'gradient_fade:symmetric_pad', 'saturation:w * 2', 'pixelate_faces:$size + 5']), 5],
        [() => [rng.pick(['sepia', 'blur', 'brightness', 'contrast']), number(rng, { negative: true, max: 100 })], 2],
        [() => ({ [rng.pick(['sepia', 'blur', 'brightness', 'art'])]: rng.pick([50, -20, 'incognito', 300]) }), 2],
        [() => shuffledObject(rng, [['brightness', 30], ['sepia', 50], ['blur', 'w / 2']].slice(0, rng.int(2, 3))), 1],
    ])(),
    end_offset: (rng) => rng.pick([2.5, 10, '3.5', '30%', 0, '12p', 'idu - 2', 'duration - 5']),
    fetch_format: (rng) => rng.pick(['auto', 'webp', 'avif', 'jpg', 'png', 'mp4']),
    flags: (rng) => rng.oneOf('progressive', 'layer_apply', ['layer_apply', 'relative'], 'attachment:my_file',
        'keep_iptc', ['lossy', 'preserve_transparency'], 'splice', ['any_format']),
    fps: (rng) => rng.pick([25, '24-29.97', [24, 30], ['24'], '10-', 29.97, [15, '25.5']]),
    gravity: (rng) => rng.pick(['face', 'faces', 'north_east', 'south', 'auto', 'auto:subject', 'xy_center', 'ocr_text',
        'auto:face:avoid', 'center']),
    height: (rng) => rng.oneOf((r) => number(r), (r) => expression(r), 'ih * 0.5', '$h', 'auto', 0.5),
    if: (rng) => rng.pick(['w > 300 && h < 200', 'width >= 500', 'ar > 1.0', 'face_count = 0', '!sale!_in_tags',
        '$v != 5', 'initial_width < 1000 || initial_height < 1000', 'page_count > 1', 'duration >= 10',
        'w_lt_200', 'iar_gt_1', 'tags !contains! sale']),
    keyframe_interval: (rng) => rng.pick([10, 0.5, '2.0', 1]),
    offset: (rng) => rng.pick(['2.5..10', '10%..30%', '0..5', [1, 5], ['2', '3.5'], [2.5, '10p'], '1.5..3p', ['auto', 4]]),
    opacity: (rng) => rng.oneOf(0, 50, 100, '30', (r) => expression(r)),
    overlay: layer,
    page: (rng) => rng.pick([1, 2, '2-4', 'name:layer1', '3;5-7']),
    prefix: (rng) => rng.pick(['abc', 'pre_']),
    quality: (rng) => rng.oneOf(80, 0, 'auto', 'auto:good', 'auto:eco', '80:420', 'jpegmini', 0.8, (r) => expression(r)),
    radius: (rng) => rng.weighted([
        [() => rng.pick([20, 'max', 0, '10:20', 12.5]), 3],
        [() => Array.from({ length: rng.int(1, 4) }, () => rng.pick([10, 20, 0, '$r', 'max', 5.5])), 3],
        [() => expression(rng), 1],
    ])(),
    raw_transformation: (rng) => rng.pick(['e_grayscale', 'c_fill,w_10', 'w_100/h_200', 'fl_attachment', '$w_100', 'if_w_gt_100']),
    responsive_width: (rng) => rng.chance(0.7),
    size: (rng) => rng.pick(['120x80', '300x300', '50x', '0.5x0.25']),
    start_offset: (rng) => rng.pick([2.5, 10, '3.5', '30%', 'auto', 0, '5p', 'idu * 0.5']),
    streaming_profile: (rng) => rng.pick(['hd', 'full_hd', '4k', 'sd', 'auto']),
    underlay: layer,
    variables: (rng) => Array.from({ length: rng.int(1, 3) }, () =>
        [rng.pick(['$img', '$w', '$ratio', '$h2', '$label']), rng.oneOf((r) => number(r), (r) => expression(r), '!sample!', '!my text!')]),
    video_codec: (rng) => rng.oneOf('h264', 'auto', 'vp9', 'none', 'h265:main',
        (r) => shuffledObject(r, [['codec', 'h264'], ['profile', 'basic'], ['level', '3.1']]),
        (r) => ({ codec: r.pick(['h265', 'vp9']) }),
        (r) => ({ codec: 'vp9', profile: '0' }), { codec: 'h264', profile: 'high', level: 4 }),
    video_sampling: (rng) => rng.pick([20, '2.3s', '10']),
    width: (rng) => rng.oneOf((r) => number(r), (r) => number(r), 'auto', 'auto:breakpoints', 'auto:100:400', 'iw',
        'iw * 0.5', '$w', 'initial_width / 2', 'auto:50', 0.5, (r) => expression(r)),
    x: (rng) => numeric(rng, { negative: true, max: 500 }),
    y: (rng) => numeric(rng, { negative: true, max: 500 }),
    zoom: (rng) => rng.oneOf(1.5, '0.5', 2, (r) => expression(r)),
};

function dollarKeys(rng) {
    const entries = [];
    for (const name of rng.subset(['$w', '$img', '$ratio', '$big', '$x1', '$color', '$aa'], 1, 3))
        entries.push([name, rng.oneOf((r) => number(r), (r) => expression(r), '!sample!', '!red!', 'iw / ih')]);
    return entries;
}

// A random component (one object of transformation parameters). `depth` bounds nesting.
function component(rng, depth, maxKeys) {
    const names = Object.keys(TRANSFORMATION_PARAMS);
    const entries = rng.subset(names, 1, maxKeys).map((name) => [name, TRANSFORMATION_PARAMS[name](rng)]);
    if (rng.chance(0.12))
        entries.push(...dollarKeys(rng));
    if (depth > 0 && rng.chance(0.2))
        entries.push(['transformation', transformationOption(rng, depth - 1)]);
    // url() ignores format and URL-level keys inside nested steps.
    if (depth < 2 && rng.chance(0.05))
        entries.push(['format', 'png']);
    return shuffledObject(rng, entries);
}

const NAMED = ['media_lib_thumb', 'my_named', 'demo/avatar', 'w_100', 'thumb'];

function transformationOption(rng, depth) {
    return rng.weighted([
        [() => rng.pick(NAMED), 2],
        [() => rng.subset(NAMED, 1, 3), 2],
        [() => Array.from({ length: rng.int(1, 4) }, () => component(rng, depth, 4)), 5],
        [() => component(rng, depth, 4), 2],
        [() => rng.shuffle([...Array.from({ length: rng.int(1, 2) }, () => component(rng, depth, 3)), rng.pick(NAMED)]), 2],
        [() => [{}, component(rng, depth, 3)], 1],
        [() => [{ if: rng.pick(['w < 200', 'ar > 1']) }, component(rng, 0, 2), { if: 'else' }, component(rng, 0, 2), { if: 'end' }], 1],
    ])();
}

// ---------------------------------------------------------------------------------------------
// Public ids.
const ID_SEGMENTS = ['sample', 'another_image', 'dog', 'folder', 'photos', '2024', 'my image', 'café', 'crème brûlée',
    '日本', '東京', 'emoji😀', 'a&b', 'what?', '50%20off', 'a%2Fb', 'tom+jerry', 'a,b', 'x=y', 'user@host',
    'hash#tag', "it's(1)!*~", 'dots.in.name', 'semi;colon', '[brackets]', '{braces}', 'tab\there', 'a  b',
    'Ünïcödé', 'v2', 'v1234', 'C:drive', '$dollar', '100%25', 'ñ', 'back\\slash', 'q"uote', 'pipe|x', 'caret^'];

function randomPublicId(rng) {
    const segments = [];
    for (let i = rng.weighted([[0, 5], [1, 3], [2, 2], [3, 1]]); i > 0; i--)
        segments.push(rng.chance(0.6) ? rng.pick(['folder', 'photos', 'a', 'b c', 'v2024', '2024', 'sub.dir', 'x']) : rng.pick(ID_SEGMENTS));
    segments.push(rng.pick(ID_SEGMENTS));
    let id = segments.join(rng.chance(0.04) ? '//' : '/');
    if (rng.chance(0.15))
        id += '.' + rng.pick(['jpg', 'png', 'pdf', 'tar.gz', 'mp4']);
    if (rng.chance(0.03))
        id = rng.pick(['/', '']) + id + rng.pick(['/', '']);
    return id;
}

// Remote URLs for fetch: ASCII only. Non-ASCII fetch URLs hit an SDK bug (UTF-16 escaping,
// reference §c.3); they are hand-picked and listed in sdk-bugs.json instead.
function fetchUrl(rng) {
    const host = rng.pick(['https://example.com', 'http://upload.wikimedia.org', 'https://user:pw@example.org:8080', 'HTTPS://EXAMPLE.COM', 'https://cdn.example.net']);
    const path = rng.pick(['/images/pic.jpg', '/a b.jpg', '/%20x.png', '/(1),2+3.jpg', '//double//slash.png', '/~user/!x*\'.png',
        '/wikipedia/commons/1/13/Benedict_Cumberbatch_2011.png', '/p;x=1', '/img.png#frag', '/dir/', '/q?x=1&y=a b', '/e%C3%A9.png']);
    const query = rng.chance(0.3) ? rng.pick(['?w=100&h=200', '?sig=abc%3D%3D', '?a=1+2', '?q=$x']) : '';
    return host + path + query;
}

// ---------------------------------------------------------------------------------------------
// URL-level options.
const TYPES = ['upload', 'private', 'authenticated', 'fetch', 'facebook', 'twitter', 'twitter_name', 'gravatar', 'youtube',
    'vimeo', 'list', 'sprite', 'multi', 'text', 'animoto', 'dailymotion', 'hulu', 'worldstarhiphop'];

// url_suffix is only valid for these (resource_type, type) pairs; elsewhere the SDK throws.
const SUFFIX_OK = [['image', 'upload'], ['image', 'private'], ['image', 'authenticated'], ['raw', 'upload'], ['video', 'upload']];

function authToken(rng) {
    const entries = [['key', rng.pick(['00112233445566778899aabbccddeeff', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'])]];
    // Always a fixed start or an expiration: with only a duration the SDK uses the clock.
    if (rng.chance(0.5)) {
        entries.push(['start_time', rng.pick([1700000000, 1111111111])], ['duration', rng.pick([300, 3600])]);
    } else {
        entries.push(['expiration', rng.pick([1700003600, 2000000000])]);
        if (rng.chance(0.3))
            entries.push(['start_time', 1700000000]);
    }
    if (rng.chance(0.4))
        entries.push(['acl', rng.pick(['/image/*', '/*/t_foobar', ['/image/upload/*', '/video/*'], '/image/authenticated/a b*'])]);
    if (rng.chance(0.2))
        entries.push(['ip', '10.0.0.1']);
    if (rng.chance(0.15))
        entries.push(['token_name', 'my_token']);
    return shuffledObject(rng, entries);
}

function urlOptions(rng, publicIdKind) {
    const entries = [];
    const resourceType = rng.weighted([[undefined, 6], ['image', 2], ['video', 2], ['raw', 1]]);
    let type = publicIdKind === 'fetch' ? rng.weighted([['fetch', 8], [undefined, 1], ['upload', 1]])
                                        : rng.weighted([[undefined, 6], ['upload', 2], [() => rng.pick(TYPES), 3]]);
    type = rng.gen(type);
    if (resourceType !== undefined)
        entries.push(['resource_type', resourceType]);
    if (type !== undefined)
        entries.push(['type', type]);
    const rt = resourceType || 'image', ty = type || 'upload';
    const suffixOk = SUFFIX_OK.some(([r, t]) => r === rt && t === ty);
    const add = (p, key, value) => { if (rng.chance(p)) entries.push([key, rng.gen(value)]); };
    add(0.15, 'version', (r) => r.pick([1234567890, '1234', 1, 1700000000, '0']));
    add(0.1, 'force_version', (r) => r.chance(0.5));
    add(0.3, 'format', (r) => r.pick(['jpg', 'png', 'webp', 'mp4', 'gif', 'pdf', 'avif', 'jpeg']));
    if (suffixOk)
        add(0.1, 'url_suffix', (r) => r.pick(['nice-name', 'seo_name', 'Nice_Name-2024', 'with space', 'ünï']));
    if (rt === 'image' && ty === 'upload') {
        add(0.05, 'use_root_path', (r) => r.chance(0.8));
        add(0.06, 'shorten', (r) => r.chance(0.8));
    }
    add(0.2, 'sign_url', (r) => r.chance(0.85));
    add(0.06, 'long_url_signature', (r) => r.chance(0.7));
    add(0.08, 'signature_algorithm', (r) => r.pick(['sha1', 'sha256']));
    add(0.15, 'secure', (r) => r.chance(0.4));
    add(0.08, 'private_cdn', (r) => r.chance(0.7));
    add(0.06, 'secure_distribution', (r) => r.pick(['cdn.example.com', 'media.example.com', 'cloudinary-a.akamaihd.net', 'res.cloudinary.com']));
    add(0.08, 'cname', (r) => r.pick(['images.example.com', 'img.example.org']));
    add(0.08, 'cdn_subdomain', (r) => r.chance(0.8));
    add(0.05, 'secure_cdn_subdomain', (r) => r.chance(0.6));
    add(0.04, 'auth_token', authToken);
    add(0.02, 'cloud_name', (r) => r.pick(['/local', 'other-cloud', 'MyCloud']));
    add(0.02, 'api_secret', 'another_secret');
    return entries;
}

// ---------------------------------------------------------------------------------------------
// One generated case.
function generateCase(rng, index) {
    const kind = rng.weighted([['id', 85], ['fetch', 12], ['preloaded', 3]]);
    let publicId;
    if (kind === 'fetch')
        publicId = fetchUrl(rng);
    else if (kind === 'preloaded')
        publicId = rng.pick(['image/upload/v1234/folder/sample.jpg', 'raw/private/v12/doc.pdf', 'video/upload/v1/x',
            'image/fetch/v99/https://example.com/x.png', 'image/upload/v1/sample#sig']);
    else
        publicId = randomPublicId(rng);

    const entries = urlOptions(rng, kind);
    // Top level: 0..8 transformation parameters (the last component), sometimes a chain.
    const shape = rng.weighted([['none', 2], ['flat', 6], ['chained', 3]]);
    if (shape !== 'none') {
        const flat = component(rng, 2, shape === 'flat' ? 8 : 4);
        entries.push(...Object.entries(flat));
    }
    if (shape === 'chained' && !entries.some(([k]) => k === 'transformation'))
        entries.push(['transformation', transformationOption(rng, 1)]);
    return {
        id: `gen-${index}`,
        profile: rng.weighted(PROFILE_WEIGHTS),
        public_id: publicId,
        options: shuffledObject(rng, entries),
    };
}

function generateCases({ seed, count }) {
    const rng = new Rng(seed);
    const cases = [];
    for (let i = 0; i < count; i++)
        cases.push(generateCase(rng, i));
    return cases;
}

// The JSON line stratus-cli url --batch reads.
function lineOf(testCase) {
    return JSON.stringify({ public_id: testCase.public_id, options: testCase.options });
}

module.exports = { PROFILES, Rng, generateCases, lineOf, shuffledObject };

// ---------------------------------------------------------------------------------------------
if (require.main === module) {
    const args = process.argv.slice(2);
    const value = (name, fallback) => {
        const i = args.indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    };
    if (args.includes('--help') || !args.includes('--seed')) {
        process.stderr.write('usage: gen-url-cases.js --seed SEED [--count N] [--profile NAME] [--edge] [--with-meta]\n');
        process.exit(args.includes('--help') ? 0 : 2);
    }
    let cases = generateCases({ seed: value('--seed'), count: Number(value('--count', 600)) });
    if (args.includes('--edge'))
        cases = require('./url-edge-cases.js').edgeCases().concat(cases);
    const profile = value('--profile');
    if (profile)
        cases = cases.filter((c) => c.profile === profile);
    const out = cases.map((c) => args.includes('--with-meta')
        ? JSON.stringify({ id: c.id, profile: c.profile, cloudinary_url: PROFILES[c.profile], public_id: c.public_id, options: c.options })
        : lineOf(c));
    process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
}
