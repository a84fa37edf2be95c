/* stratus-sandbox: the stand-in Media Editor's page (/widgets/media-editor/editor.html, on the widgets
 * origin). Crops (a rectangle dragged on the picture, aspect presets, or numbers), rotates, flips,
 * resizes and converts (format, quality) an image, or trims a video, previews the result from the
 * sandbox's delivery URLs (which render image transformations), and exports
 * {transformation, assets: [{url, downloadUrl, secureUrl, publicId, resourceType, type, format}]}.
 * Protocol with the loader (all.js): JSON strings {type, data}, data.meId = the me_id of this page's
 * URL, only with pmHost and the parent window. Server text reaches the DOM through textContent only. */
(function () {
    "use strict";
    var params = new URLSearchParams(location.search);
    var meId = params.get("me_id") || "";
    var pmHost = params.get("pmHost") || "";

    var STEP_NAMES = { resizeAndCrop: "Resize & crop", export: "Export", trim: "Trim" };
    var PRESETS = {
        original: { label: "Original", ratio: "original" },
        square: { label: "Square", ratio: 1 },
        "landscape-16:9": { label: "16:9", ratio: 16 / 9 },
        "landscape-4:3": { label: "4:3", ratio: 4 / 3 },
        "portrait-3:4": { label: "3:4", ratio: 3 / 4 },
        "portrait-9:16": { label: "9:16", ratio: 9 / 16 }
    };
    var QUALITIES = { auto: "auto", best: "auto:best", good: "auto:good", eco: "auto:eco", low: "auto:low" };
    var SHORT = {
        width: "w", height: "h", crop: "c", gravity: "g", quality: "q", fetch_format: "f", format: "f",
        effect: "e", angle: "a", radius: "r", dpr: "dpr", aspect_ratio: "ar", x: "x", y: "y",
        background: "b", opacity: "o", border: "bo", color: "co", flags: "fl", named: "t",
        start_offset: "so", end_offset: "eo"
    };

    var state = {
        config: {},
        key: "",          // the asset asked for, as resource_type/type/public_id
        asset: null,      // the sandbox's answer for it
        steps: [],
        step: 0,
        rotation: 0, hflip: false, vflip: false,
        crop: null,       // {x, y, w, h} in pixels of the turned original
        ratio: null,      // a number, or null for a free rectangle
        preset: "",
        resize: { w: null, h: null, lock: true },
        format: "", quality: "",
        trim: { start: 0, end: 0 }
    };

    function $(id) { return document.getElementById(id); }

    function post(type, data) {
        if (!pmHost || window.parent === window)
            return;
        try {
            window.parent.postMessage(JSON.stringify({ type: type, data: Object.assign({ meId: meId }, data || {}) }),
                                      pmHost);
        } catch (e) {
            showMessage("pmHost is not a valid origin: " + pmHost);
        }
    }

    function showMessage(text) {
        $("message").textContent = text || "";
        $("message").hidden = !text;
    }

    function fail(text) {
        showMessage(text);
        document.body.dataset.state = "error";
        post("ME_ERROR", { message: text });
    }

    function text(section, key, fallback) {
        var m = state.config.language && state.config.language.messages && state.config.language.messages.en_US;
        var value = m && m[section] && m[section][key];
        return typeof value === "string" && value ? value : fallback;
    }

    // --- numbers and transformation strings ---------------------------------------------------
    function seconds(value) {
        return String(Math.round(value * 100) / 100);
    }
    function componentString(step) {
        if (typeof step === "string")
            return step;
        if (!step || typeof step !== "object")
            return "";
        if (typeof step.rawTransformation === "string")
            return step.rawTransformation;
        if (typeof step.raw_transformation === "string")
            return step.raw_transformation;
        return Object.keys(step).filter(function (k) { return SHORT[k]; }).sort(function (a, b) {
            return SHORT[a] < SHORT[b] ? -1 : SHORT[a] > SHORT[b] ? 1 : 0;
        }).map(function (k) { return SHORT[k] + "_" + step[k]; }).join(",");
    }
    function configured(list) {
        return Array.isArray(list) ? list.map(componentString).filter(function (s) { return s; }) : [];
    }

    function turnedSize() {
        var a = state.asset;
        return state.rotation % 180 === 0 ? { w: a.width, h: a.height } : { w: a.height, h: a.width };
    }
    function turnComponents() {
        var out = [];
        if (state.hflip)
            out.push("a_hflip");
        if (state.vflip)
            out.push("a_vflip");
        if (state.rotation)
            out.push("a_" + state.rotation);
        return out;
    }
    function fullCrop() {
        var s = turnedSize();
        var c = state.crop;
        return !c || (c.x === 0 && c.y === 0 && c.w === s.w && c.h === s.h);
    }
    function croppedSize() {
        return fullCrop() ? turnedSize() : { w: state.crop.w, h: state.crop.h };
    }
    function resultSize() {
        var c = croppedSize();
        var r = state.resize;
        if (r.w && r.h)
            return { w: r.w, h: r.h };
        if (r.w)
            return { w: r.w, h: Math.max(1, Math.round(c.h * r.w / c.w)) };
        if (r.h)
            return { w: Math.max(1, Math.round(c.w * r.h / c.h)), h: r.h };
        return c;
    }
    function editComponents() {
        var out = turnComponents();
        if (!fullCrop()) {
            var c = state.crop;
            out.push("c_crop,h_" + c.h + ",w_" + c.w + ",x_" + c.x + ",y_" + c.y);
        }
        var r = state.resize;
        if (r.w || r.h)
            out.push("c_scale" + (r.h ? ",h_" + r.h : "") + (r.w ? ",w_" + r.w : ""));
        return out.concat(configured(state.config.image && state.config.image.transformation));
    }
    function deliveryComponent() {
        var parts = [];
        if (state.format)
            parts.push("f_" + state.format);
        if (state.quality)
            parts.push("q_" + state.quality);
        return parts.join(",");
    }
    function videoComponents() {
        var out = configured(state.config.video && state.config.video.transformation);
        var parts = [];
        var duration = state.asset.duration || 0;
        if (state.trim.end > 0 && state.trim.end < duration - 0.05)
            parts.push("eo_" + seconds(state.trim.end));
        if (state.trim.start > 0.005)
            parts.push("so_" + seconds(state.trim.start));
        if (parts.length)
            out.push(parts.join(","));
        return out;
    }
    function transformation() {
        if (!state.asset)
            return "";
        if (state.asset.resource_type === "video")
            return videoComponents().join("/");
        var out = editComponents();
        var delivery = deliveryComponent();
        if (delivery)
            out.push(delivery);
        return out.join("/");
    }
    function outputFormat() {
        var f = state.format;
        if (f && f !== "auto")
            return f === "jpeg" ? "jpg" : f;
        return state.asset.format;
    }
    function encodedId() {
        return state.asset.public_id.split("/").map(encodeURIComponent).join("/");
    }
    function url(components, format) {
        var a = state.asset;
        var path = components.filter(function (c) { return c; }).join("/");
        return a.delivery_base + "/" + a.resource_type + "/" + a.type + "/" + (path ? path + "/" : "")
            + "v" + a.version + "/" + encodedId() + (format ? "." + format : "");
    }
    // Pictures the browser shows: the original's format when it can, PNG otherwise.
    function displayFormat() {
        return ["jpg", "jpeg", "png", "webp", "gif"].indexOf(state.asset.format) >= 0 ? state.asset.format : "png";
    }

    // --- steps ---------------------------------------------------------------------------------
    function chooseSteps() {
        if (state.asset.resource_type === "video")
            return ["trim"];
        var wanted = state.config.image && Array.isArray(state.config.image.steps)
            ? state.config.image.steps : ["resizeAndCrop", "export"];
        var steps = wanted.filter(function (s) { return s === "resizeAndCrop" || s === "export"; });
        return steps.length ? steps : ["resizeAndCrop", "export"];
    }

    function renderSteps() {
        var nav = $("steps");
        nav.textContent = "";
        state.steps.forEach(function (name, i) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = (i + 1) + ". " + STEP_NAMES[name];
            button.className = i === state.step ? "current" : "";
            button.addEventListener("click", function () { goTo(i); });
            nav.appendChild(button);
        });
        ["resizeAndCrop", "trim", "export"].forEach(function (name) {
            $("panel-" + name).hidden = state.steps[state.step] !== name;
        });
        $("prev").disabled = state.step === 0;
        $("next").hidden = state.step >= state.steps.length - 1;
        $("prev").hidden = state.steps.length < 2;
        // The rectangle stays in sight after the crop step, fixed.
        var cropping = state.steps[state.step] === "resizeAndCrop" && state.asset.resource_type === "image";
        $("crop").hidden = state.asset.resource_type !== "image" || (!cropping && fullCrop());
        $("crop").classList.toggle("fixed", !cropping);
        $("picture").style.cursor = cropping ? "crosshair" : "default";
    }

    function goTo(index) {
        if (index < 0 || index >= state.steps.length || index === state.step)
            return;
        var direction = index > state.step ? "next" : "prev";
        state.step = index;
        renderSteps();
        post("ME_STEP", { direction: direction, toStep: state.steps[index] });
    }

    // --- the asset -----------------------------------------------------------------------------
    function wantedAsset() {
        var ids = state.config.publicIds;
        var first = Array.isArray(ids) ? ids[0] : null;
        if (typeof first === "string")
            return { publicId: first, resourceType: "image", type: "upload" };
        if (first && typeof first === "object" && typeof first.publicId === "string")
            return { publicId: first.publicId, resourceType: first.resourceType || "image", type: first.type || "upload" };
        return null;
    }

    function loadAsset() {
        var wanted = wantedAsset();
        if (!wanted || !state.config.cloudName)
            return;
        var key = wanted.resourceType + "/" + wanted.type + "/" + wanted.publicId + "@" + state.config.cloudName;
        if (key === state.key)
            return;
        state.key = key;
        state.asset = null;
        document.body.dataset.state = "loading";
        $("export").disabled = true;
        var query = new URLSearchParams();
        query.set("cloud_name", String(state.config.cloudName));
        query.set("public_id", wanted.publicId);
        query.set("resource_type", wanted.resourceType);
        query.set("type", wanted.type);
        fetch("asset?" + query.toString(), { credentials: "omit", cache: "no-store" }).then(function (response) {
            return response.json().then(function (json) {
                if (!response.ok)
                    throw new Error((json.error && json.error.message) || ("HTTP " + response.status));
                return json;
            });
        }).then(function (asset) {
            if (key !== state.key)
                return;
            showMessage("");
            state.asset = asset;
            startEditing();
        }).catch(function (error) {
            if (key === state.key)
                fail(error.message);
        });
    }

    function startEditing() {
        var a = state.asset;
        $("asset").textContent = a.public_id;
        $("asset").title = a.public_id;
        state.rotation = 0;
        state.hflip = state.vflip = false;
        state.crop = null;
        state.ratio = null;
        state.preset = "";
        state.resize = { w: null, h: null, lock: true };
        state.format = "";
        state.quality = "";
        state.steps = chooseSteps();
        state.step = 0;
        var video = a.resource_type === "video";
        $("frame").hidden = video;
        $("video").hidden = !video;
        if (video)
            startTrim();
        else
            startImage();
        renderSteps();
    }

    // --- image: the stage and the crop rectangle -----------------------------------------------
    function cropOptions() {
        return (state.config.image && state.config.image.resizeAndCrop) || {};
    }

    function startImage() {
        var options = cropOptions();
        $("turn-group").hidden = options.rotate === false && options.flip === false;
        $("rotate-left").hidden = $("rotate-right").hidden = options.rotate === false;
        $("flip-h").hidden = $("flip-v").hidden = options.flip === false;
        renderPresets();
        renderFormats();
        loadStage();
    }

    function renderPresets() {
        var options = cropOptions();
        var list = Array.isArray(options.presets) ? options.presets
            : ["original", "square", "landscape-16:9", "landscape-4:3", "portrait-3:4", "portrait-9:16"];
        var box = $("presets");
        box.textContent = "";
        var entries = [];
        if (!options.aspectRatioLock)
            entries.push({ id: "free", label: "Free", ratio: null });
        list.forEach(function (p, i) {
            if (typeof p === "string" && PRESETS[p])
                entries.push({ id: p, label: PRESETS[p].label, ratio: PRESETS[p].ratio });
            else if (p && typeof p === "object" && Number(p.width) > 0 && Number(p.height) > 0)
                entries.push({ id: "custom-" + i, label: String(p.label || (p.width + "\u00d7" + p.height)),
                               ratio: Number(p.width) / Number(p.height), width: Number(p.width),
                               height: Number(p.height) });
        });
        $("aspect-group").hidden = entries.length === 0;
        entries.forEach(function (entry) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = entry.label;
            button.dataset.preset = entry.id;
            button.addEventListener("click", function () { choosePreset(entry); });
            box.appendChild(button);
        });
        if (options.aspectRatioLock && entries.length)
            state.pendingPreset = entries[0];
        markPreset();
    }

    function markPreset() {
        Array.prototype.forEach.call($("presets").children, function (b) {
            b.classList.toggle("active", b.dataset.preset === (state.preset || "free"));
        });
    }

    function choosePreset(entry) {
        var s = turnedSize();
        state.preset = entry.id === "free" ? "" : entry.id;
        state.ratio = entry.ratio === "original" ? s.w / s.h : entry.ratio;
        if (state.ratio) {
            var w = s.w;
            var h = Math.round(w / state.ratio);
            if (h > s.h) {
                h = s.h;
                w = Math.round(h * state.ratio);
            }
            setCrop({ x: Math.floor((s.w - w) / 2), y: Math.floor((s.h - h) / 2), w: w, h: h });
        }
        if (entry.width && entry.height)
            state.resize = { w: entry.width, h: entry.height, lock: false };
        markPreset();
        changed();
    }

    function loadStage() {
        var img = $("picture");
        document.body.dataset.state = "loading";
        img.onload = function () {
            if (!state.crop)
                resetCrop();
            if (state.pendingPreset) {
                var preset = state.pendingPreset;
                state.pendingPreset = null;
                choosePreset(preset);
            }
            placeCrop();
            becameReady();
        };
        img.onerror = function () { fail("The sandbox did not deliver the picture."); };
        img.src = url(turnComponents().concat(["c_limit,h_1200,w_1600"]), displayFormat());
    }

    function resetCrop() {
        var s = turnedSize();
        state.crop = { x: 0, y: 0, w: s.w, h: s.h };
        if (state.ratio)
            choosePreset({ id: state.preset || "free", ratio: state.ratio });
    }

    function setCrop(rect) {
        var s = turnedSize();
        var w = Math.max(1, Math.min(Math.round(rect.w), s.w));
        var h = Math.max(1, Math.min(Math.round(rect.h), s.h));
        var x = Math.max(0, Math.min(Math.round(rect.x), s.w - w));
        var y = Math.max(0, Math.min(Math.round(rect.y), s.h - h));
        state.crop = { x: x, y: y, w: w, h: h };
        placeCrop();
    }

    // Pixels of the turned original per pixel on screen.
    function scale() {
        var box = $("picture").getBoundingClientRect();
        return box.width > 0 ? turnedSize().w / box.width : 1;
    }

    function placeCrop() {
        if (!state.crop)
            return;
        var k = scale();
        var c = state.crop;
        var box = $("crop").style;
        box.left = (c.x / k) + "px";
        box.top = (c.y / k) + "px";
        box.width = (c.w / k) + "px";
        box.height = (c.h / k) + "px";
        $("crop-x").value = c.x;
        $("crop-y").value = c.y;
        $("crop-w").value = c.w;
        $("crop-h").value = c.h;
    }

    // A point of the pointer in pixels of the turned original, inside the picture.
    function pointAt(event) {
        var box = $("picture").getBoundingClientRect();
        var k = scale();
        var s = turnedSize();
        return { x: Math.max(0, Math.min(s.w, (event.clientX - box.left) * k)),
                 y: Math.max(0, Math.min(s.h, (event.clientY - box.top) * k)) };
    }

    // The rectangle from a fixed corner to the pointer, keeping the aspect ratio when one is set.
    function spanned(anchor, p) {
        var s = turnedSize();
        var dx = p.x - anchor.x;
        var dy = p.y - anchor.y;
        var w = Math.abs(dx);
        var h = Math.abs(dy);
        if (state.ratio) {
            var roomX = dx < 0 ? anchor.x : s.w - anchor.x;
            var roomY = dy < 0 ? anchor.y : s.h - anchor.y;
            h = w / state.ratio;
            if (h > roomY) {
                h = roomY;
                w = h * state.ratio;
            }
            if (w > roomX) {
                w = roomX;
                h = w / state.ratio;
            }
        }
        return { x: dx < 0 ? anchor.x - w : anchor.x, y: dy < 0 ? anchor.y - h : anchor.y, w: w, h: h };
    }

    var drag = null;
    function onPointerDown(event) {
        if ($("crop").hidden || $("crop").classList.contains("fixed") || !state.crop || event.button > 0)
            return;
        event.preventDefault();
        var p = pointAt(event);
        var c = state.crop;
        var corner = event.target.dataset && event.target.dataset.corner;
        if (corner) {
            drag = { mode: "span", before: c,
                     anchor: { x: corner.indexOf("w") >= 0 ? c.x + c.w : c.x, y: corner.indexOf("n") >= 0 ? c.y + c.h : c.y } };
        } else if (event.target === $("crop") && !fullCrop()) {
            // Inside the rectangle: move it. (While it is the whole picture, a drag draws a new one.)
            drag = { mode: "move", before: c, offset: { x: p.x - c.x, y: p.y - c.y } };
        } else {
            drag = { mode: "span", before: c, anchor: p, fresh: true };
        }
    }
    function onPointerMove(event) {
        if (!drag)
            return;
        var p = pointAt(event);
        if (drag.mode === "move")
            setCrop({ x: p.x - drag.offset.x, y: p.y - drag.offset.y, w: drag.before.w, h: drag.before.h });
        else
            setCrop(spanned(drag.anchor, p));
        drag.moved = true;
    }
    function onPointerUp() {
        if (!drag)
            return;
        // A click without a drag on the picture is no crop of one pixel.
        if (drag.fresh && (!drag.moved || state.crop.w < 4 || state.crop.h < 4))
            setCrop(drag.before);
        drag = null;
        changed();
    }

    function turn(degrees) {
        state.rotation = (state.rotation + degrees + 360) % 360;
        afterTurn();
    }
    // Flips apply before the rotation (a_hflip/a_90): on a turned picture, the flip the user sees as
    // horizontal is the original's vertical one.
    function flip(horizontal) {
        if ((state.rotation % 180 === 0) === horizontal)
            state.hflip = !state.hflip;
        else
            state.vflip = !state.vflip;
        afterTurn();
    }
    // As with Cloudinary's editor, turning resets the crop.
    function afterTurn() {
        state.crop = null;
        if (state.preset === "original")
            state.ratio = null;
        loadStage();
    }

    function numberField(id) {
        var v = parseInt($(id).value, 10);
        return isFinite(v) && v > 0 ? v : null;
    }

    function onCropFields() {
        var rect = { x: parseInt($("crop-x").value, 10) || 0, y: parseInt($("crop-y").value, 10) || 0,
                     w: numberField("crop-w") || state.crop.w, h: numberField("crop-h") || state.crop.h };
        if (state.ratio)
            rect.h = rect.w / state.ratio;
        setCrop(rect);
        changed();
    }

    function onResizeField(which) {
        var c = croppedSize();
        var w = numberField("resize-w");
        var h = numberField("resize-h");
        state.resize.lock = $("resize-lock").checked;
        if (state.resize.lock) {
            if (which === "w") {
                h = null;
                $("resize-h").value = w ? Math.max(1, Math.round(c.h * w / c.w)) : "";
            } else {
                w = null;
                $("resize-w").value = h ? Math.max(1, Math.round(c.w * h / c.h)) : "";
            }
        }
        state.resize.w = w;
        state.resize.h = h;
        changed();
    }

    // --- export options --------------------------------------------------------------------------
    function exportOptions() {
        var image = state.config.image || {};
        return image.export || image;
    }

    function renderFormats() {
        var options = exportOptions();
        var formats = Array.isArray(options.formats) ? options.formats : ["jpg", "png", "webp", "gif", "auto"];
        var select = $("format");
        select.textContent = "";
        var original = document.createElement("option");
        original.value = "";
        original.textContent = "Original (" + state.asset.format + ")";
        select.appendChild(original);
        formats.forEach(function (f) {
            if (typeof f !== "string" || !/^[a-z0-9]+$/.test(f) || f === "original")
                return;
            var option = document.createElement("option");
            option.value = f;
            option.textContent = f === "auto" ? "Automatic (f_auto)" : f.toUpperCase();
            select.appendChild(option);
        });
        var qualities = Array.isArray(options.quality) ? options.quality : ["auto", "best", "good", "eco", "low"];
        select = $("quality");
        select.textContent = "";
        var standard = document.createElement("option");
        standard.value = "";
        standard.textContent = "Default";
        select.appendChild(standard);
        qualities.forEach(function (q) {
            var value = typeof q === "number" ? (q >= 1 && q <= 100 ? String(Math.round(q)) : "")
                : QUALITIES[q] || "";
            if (!value)
                return;
            var option = document.createElement("option");
            option.value = value;
            option.textContent = typeof q === "number" ? String(value) : q.charAt(0).toUpperCase() + q.slice(1);
            select.appendChild(option);
        });
        select.value = "";
        $("format").value = "";
    }

    // --- video: trimming -----------------------------------------------------------------------
    function trimOptions() {
        return (state.config.video && state.config.video.trim) || {};
    }

    function startTrim() {
        var a = state.asset;
        var video = $("video");
        var duration = a.duration || 0;
        var options = trimOptions();
        state.trim.start = Math.max(0, Math.min(Number(options.startOffset) || 0, duration));
        state.trim.end = Number(options.endOffset) > 0 ? Math.min(Number(options.endOffset), duration) : duration;
        limitTrim("end");
        ["trim-start-range", "trim-end-range"].forEach(function (id) { $(id).max = duration; });
        document.body.dataset.state = "loading";
        video.onloadedmetadata = becameReady;
        video.onerror = function () { fail("The sandbox did not deliver the video."); };
        video.ontimeupdate = function () {
            if (state.playingTrim && video.currentTime >= state.trim.end) {
                video.pause();
                state.playingTrim = false;
            }
        };
        video.muted = true;
        video.src = url([], a.format);
        $("preview-box").hidden = true;
        renderTrim();
    }

    function limitTrim(moved) {
        var duration = state.asset.duration || 0;
        var max = Number(trimOptions().maxDuration) || 0;
        var t = state.trim;
        t.start = Math.max(0, Math.min(t.start, duration));
        t.end = Math.max(0, Math.min(t.end, duration));
        if (t.end <= t.start) {
            if (moved === "start")
                t.end = Math.min(duration, t.start + 0.1);
            else
                t.start = Math.max(0, t.end - 0.1);
        }
        if (max > 0 && t.end - t.start > max) {
            if (moved === "start")
                t.end = t.start + max;
            else
                t.start = t.end - max;
        }
    }

    function renderTrim() {
        $("trim-start").value = seconds(state.trim.start);
        $("trim-end").value = seconds(state.trim.end);
        $("trim-start-range").value = state.trim.start;
        $("trim-end-range").value = state.trim.end;
    }

    function setTrim(which, value) {
        if (!isFinite(value))
            return;
        state.trim[which] = value;
        limitTrim(which);
        renderTrim();
        changed();
    }

    // --- the result ----------------------------------------------------------------------------
    var previewTimer = null;
    function changed() {
        if (!state.asset)
            return;
        var t = transformation();
        $("transformation").textContent = t || "(no transformation)";
        if (state.asset.resource_type === "video") {
            var length = Math.max(0, state.trim.end - state.trim.start);
            $("result-size").textContent = seconds(state.trim.start) + " s \u2013 " + seconds(state.trim.end)
                + " s (" + seconds(length) + " s)";
            return;
        }
        var size = resultSize();
        $("result-size").textContent = size.w + " \u00d7 " + size.h + " px \u00b7 "
            + (state.format ? state.format.toUpperCase() : state.asset.format.toUpperCase());
        clearTimeout(previewTimer);
        previewTimer = setTimeout(function () {
            var format = state.format && state.format !== "auto" ? outputFormat() : displayFormat();
            $("preview").src = url(editComponents().concat(["c_limit,h_400,w_560", deliveryComponent()]), format);
        }, 200);
    }

    function exportData() {
        var t = transformation();
        var a = state.asset;
        var format = a.resource_type === "video" ? a.format : outputFormat();
        var parts = t ? t.split("/") : [];
        var address = url(parts, format);
        return {
            transformation: t,
            assets: [{
                url: address,
                secureUrl: address, // the sandbox speaks plain HTTP on loopback
                downloadUrl: url(["fl_attachment"].concat(parts), format),
                publicId: a.public_id,
                resourceType: a.resource_type,
                type: a.type,
                format: format,
                version: a.version
            }]
        };
    }

    // An export asked for while the asset loads (triggerExport() right after update()) waits for it.
    function doExport() {
        if (document.body.dataset.state === "error")
            return post("ME_ERROR", { message: $("message").textContent || "Nothing to export." });
        if (!state.asset || document.body.dataset.state !== "ready") {
            state.pendingExport = true;
            return;
        }
        state.pendingExport = false;
        post("ME_EXPORT_DATA", exportData());
    }

    function becameReady() {
        document.body.dataset.state = "ready";
        $("export").disabled = false;
        changed();
        if (state.pendingExport)
            doExport();
    }

    // --- the protocol --------------------------------------------------------------------------
    function applyConfig(config) {
        if (!config || typeof config !== "object")
            return;
        state.config = config;
        $("export").textContent = text("footer", "export", "Export");
        $("next").textContent = text("footer", "next", "Next");
        $("prev").textContent = text("footer", "back", "Back");
        if (!config.cloudName)
            return fail("The Media Editor needs cloudName.");
        if (!wantedAsset())
            return fail("The Media Editor needs publicIds with one public ID.");
        loadAsset();
    }

    window.addEventListener("message", function (event) {
        if (event.origin !== pmHost || event.source !== window.parent || typeof event.data !== "string")
            return;
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        if (!message || typeof message !== "object" || !message.data || message.data.meId !== meId)
            return;
        switch (message.type) {
        case "ME_INIT":
        case "ME_CONFIG":
            applyConfig(message.data.config);
            break;
        case "ME_SHOW":
            placeCrop();
            break;
        case "ME_HIDE":
            $("video").pause();
            break;
        case "ME_EXPORT":
            doExport();
            break;
        }
    });

    $("close").addEventListener("click", function () {
        $("video").pause();
        post("ME_CLOSE", {});
    });
    $("export").addEventListener("click", doExport);
    $("next").addEventListener("click", function () { goTo(state.step + 1); });
    $("prev").addEventListener("click", function () { goTo(state.step - 1); });
    $("frame").addEventListener("pointerdown", onPointerDown);
    window.addEventListener("pointermove", onPointerMove);
    window.addEventListener("pointerup", onPointerUp);
    window.addEventListener("resize", placeCrop);
    $("rotate-left").addEventListener("click", function () { turn(-90); });
    $("rotate-right").addEventListener("click", function () { turn(90); });
    $("flip-h").addEventListener("click", function () { flip(true); });
    $("flip-v").addEventListener("click", function () { flip(false); });
    $("crop-reset").addEventListener("click", function () {
        state.crop = null;
        resetCrop();
        placeCrop();
        changed();
    });
    ["crop-x", "crop-y", "crop-w", "crop-h"].forEach(function (id) { $(id).addEventListener("change", onCropFields); });
    $("resize-w").addEventListener("change", function () { onResizeField("w"); });
    $("resize-h").addEventListener("change", function () { onResizeField("h"); });
    $("resize-lock").addEventListener("change", function () { state.resize.lock = $("resize-lock").checked; });
    $("format").addEventListener("change", function () { state.format = $("format").value; changed(); });
    $("quality").addEventListener("change", function () { state.quality = $("quality").value; changed(); });
    $("trim-start").addEventListener("change", function () { setTrim("start", Number($("trim-start").value)); });
    $("trim-end").addEventListener("change", function () { setTrim("end", Number($("trim-end").value)); });
    $("trim-start-range").addEventListener("input", function () { setTrim("start", Number($("trim-start-range").value)); });
    $("trim-end-range").addEventListener("input", function () { setTrim("end", Number($("trim-end-range").value)); });
    $("trim-start-here").addEventListener("click", function () { setTrim("start", $("video").currentTime); });
    $("trim-end-here").addEventListener("click", function () { setTrim("end", $("video").currentTime); });
    $("trim-play").addEventListener("click", function () {
        var video = $("video");
        video.currentTime = state.trim.start;
        state.playingTrim = true;
        video.play().catch(function () { state.playingTrim = false; });
    });

    document.body.dataset.state = "waiting";
    post("ME_LOADED", {});
})();
