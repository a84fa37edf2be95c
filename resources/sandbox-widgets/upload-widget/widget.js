/* stratus-sandbox: stand-in for the page Cloudinary's Upload widget frames. Speaks the loader<->iframe
 * protocol of shared/reference/widget-protocols.md ("Upload widget"): takes uw_init (JSON string),
 * uw_show and uw_file (objects), uw_config, uw_hide and uw_mini from pmHost only; posts flat JSON
 * strings {type, widgetId, ...} to pmHost: uw_prepare {request: params_to_sign} before each signed
 * upload (answered with [{signature, ...}]), uw_prebatch, uw_event (upload-added, queues-start,
 * upload-progress, upload-finish, queues-end, source-changed, show, display-changed, batch-cancelled,
 * error) and uw_hide. Uploads go to the sandbox's Upload API with api_key, signature and exactly the
 * signed parameters. Every value from outside reaches the DOM as text (textContent), never markup. */
(function () {
    "use strict";
    var params = new URLSearchParams(location.search);
    var pmHost = params.get("pmHost") || "";
    var widgetId = params.get("widgetId") || "";
    var apiBase = document.body.dataset.apiBase || "";
    var SOURCES = {
        local: "My files",
        url: "Web address",
        camera: "Camera"
    };
    var OTHER_SOURCES = ["dropbox", "image_search", "shutterstock", "gettyimages", "istock", "unsplash",
                         "google_drive", "facebook", "instagram"];

    var state = {
        config: { cloudName: params.get("cloudName") || "" },
        initialised: false,
        source: "local",
        items: [],
        nextFile: 0,
        nextBatch: 0,
        running: false,
        added: 0, // files taken since the widget was last reset (maxFiles)
        stream: null,
        waiting: {} // type -> resolve function of the answer awaited (one at a time per type)
    };

    function $(id) { return document.getElementById(id); }

    // --- messages ------------------------------------------------------------------------------
    function post(type, fields) {
        if (!pmHost || window.parent === window)
            return;
        var message = { type: type, widgetId: widgetId };
        Object.keys(fields || {}).forEach(function (k) { message[k] = fields[k]; });
        try {
            window.parent.postMessage(JSON.stringify(message), pmHost);
        } catch (e) {
            showMessage("pmHost is not a valid origin: " + pmHost);
        }
    }

    function emit(event, info) {
        post("uw_event", { event: event, info: info === undefined ? null : info });
    }

    // Asks the loader (uw_prepare, uw_prebatch, uw_tags) and waits for the answer of the same type.
    var askQueue = Promise.resolve();
    function ask(type, fields, timeoutMs) {
        var run = function () {
            return new Promise(function (resolve) {
                var timer = setTimeout(function () {
                    delete state.waiting[type];
                    resolve({ timedOut: true });
                }, timeoutMs || 60000);
                state.waiting[type] = function (data) {
                    clearTimeout(timer);
                    delete state.waiting[type];
                    resolve({ data: data });
                };
                post(type, fields);
            });
        };
        var answer = askQueue.then(run, run);
        askQueue = answer;
        return answer;
    }

    window.addEventListener("message", function (event) {
        if (event.source !== window.parent || event.origin !== pmHost)
            return;
        var message = event.data;
        if (typeof message === "string") {
            try { message = JSON.parse(message); } catch (e) { return; }
        }
        if (!message || typeof message !== "object" || typeof message.type !== "string")
            return;
        var data = message.data;
        switch (message.type) {
        case "uw_init":
            // The widget id comes with uw_init (our loader also puts it in the frame's URL).
            if (data && typeof data === "object" && typeof data.widgetId === "string"
                && (!widgetId || data.widgetId === widgetId)) {
                widgetId = data.widgetId;
                init(data);
            }
            break;
        case "uw_config":
            if (data && typeof data === "object")
                configure(data);
            break;
        case "uw_show":
            show(data && data.source);
            break;
        case "uw_file":
            show(null);
            if (data && Array.isArray(data.files))
                addFiles(data.files.map(fromGiven), "local");
            break;
        case "uw_hide":
            hide(!data || data.reset !== false);
            break;
        case "uw_mini":
            minimize();
            break;
        case "uw_prepare":
        case "uw_prebatch":
        case "uw_tags":
            if (state.waiting[message.type])
                state.waiting[message.type](data);
            break;
        default:
            break;
        }
    });

    // --- configuration -------------------------------------------------------------------------
    function sources() {
        var list = Array.isArray(state.config.sources) && state.config.sources.length
            ? state.config.sources : ["local", "url", "camera"];
        return list.filter(function (s) { return SOURCES[s]; });
    }

    function allowedFormats() {
        var f = state.config.clientAllowedFormats;
        if (typeof f === "string")
            f = f.split(",");
        return Array.isArray(f) ? f.map(function (x) { return String(x).trim().toLowerCase(); })
            .filter(function (x) { return x; }) : [];
    }

    function multiple() { return state.config.multiple !== false; }

    function maxFiles() {
        var n = Number(state.config.maxFiles);
        return n > 0 ? Math.floor(n) : 0;
    }

    function init(data) {
        state.config = {};
        configure(data);
        state.initialised = true;
    }

    function configure(changes) {
        Object.keys(changes).forEach(function (k) { state.config[k] = changes[k]; });
        var c = state.config;
        document.body.classList.toggle("inline", !!c.inlineMode);
        $("cloud").textContent = c.cloudName || "";
        var palette = c.styles && c.styles.palette;
        if (palette && typeof palette === "object") {
            Object.keys(palette).forEach(function (k) {
                if (/^[A-Za-z]+$/.test(k) && typeof palette[k] === "string")
                    document.documentElement.style.setProperty("--" + k, palette[k]);
            });
        }
        var input = $("file-input");
        input.multiple = multiple();
        var formats = allowedFormats();
        input.accept = formats.map(function (f) {
            return f === "image" || f === "video" || f === "audio" ? f + "/*" : "." + f;
        }).join(",");
        var limits = [];
        if (formats.length)
            limits.push("Formats: " + formats.join(", "));
        if (Number(c.maxFileSize) > 0)
            limits.push("Up to " + size(Number(c.maxFileSize)) + " a file");
        if (maxFiles())
            limits.push("At most " + maxFiles() + " file(s)");
        $("limits").textContent = limits.join(" \u00b7 ");
        var unsupported = (Array.isArray(c.sources) ? c.sources : []).filter(function (s) {
            return OTHER_SOURCES.indexOf(s) >= 0;
        });
        renderTabs();
        if (unsupported.length)
            showMessage("Not available in the sandbox: " + unsupported.join(", "));
        if (sources().indexOf(state.source) < 0)
            selectSource(sources()[0] || "local", false);
    }

    // --- display -------------------------------------------------------------------------------
    function showMessage(text) {
        var box = $("message");
        box.textContent = text || "";
        box.hidden = !text;
    }

    function show(source) {
        $("widget").hidden = false;
        $("mini").hidden = true;
        if (source && sources().indexOf(source) >= 0)
            selectSource(source, true);
        else
            selectSource(state.source, false);
        emit("show");
        emit("display-changed", "shown");
    }

    function hide(reset) {
        stopCamera();
        $("widget").hidden = true;
        $("mini").hidden = true;
        if (reset)
            resetQueue();
        emit("display-changed", "hidden");
    }

    function minimize() {
        $("widget").hidden = true;
        $("mini").hidden = false;
        updateSummary();
        emit("display-changed", "minimized");
    }

    function resetQueue() {
        state.items = state.items.filter(function (item) { return item.status === "queued" || item.status === "uploading"; });
        state.added = state.items.length;
        renderQueue();
        showMessage("");
    }

    function renderTabs() {
        var tabs = $("tabs");
        while (tabs.firstChild)
            tabs.removeChild(tabs.firstChild);
        sources().forEach(function (source) {
            var tab = document.createElement("button");
            tab.type = "button";
            tab.id = "tab-" + source;
            tab.setAttribute("role", "tab");
            tab.setAttribute("aria-selected", String(source === state.source));
            tab.textContent = SOURCES[source];
            tab.addEventListener("click", function () { selectSource(source, true); });
            tabs.appendChild(tab);
        });
    }

    function selectSource(source, announce) {
        if (source !== "camera")
            stopCamera();
        var changed = source !== state.source;
        state.source = source;
        Object.keys(SOURCES).forEach(function (s) {
            $("panel-" + s).hidden = s !== source;
        });
        $("queue-view").hidden = state.items.length === 0;
        renderTabs();
        if (announce && changed)
            emit("source-changed", { source: source });
    }

    function size(bytes) {
        if (bytes >= 1048576)
            return (bytes / 1048576).toFixed(1) + " MB";
        if (bytes >= 1024)
            return Math.round(bytes / 1024) + " KB";
        return bytes + " B";
    }

    // --- files ---------------------------------------------------------------------------------
    function extensionOf(name) {
        var base = String(name || "").split(/[?#]/)[0];
        base = base.slice(base.lastIndexOf("/") + 1);
        var dot = base.lastIndexOf(".");
        return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
    }

    function nameOfUrl(url) {
        try {
            var path = new URL(url).pathname;
            return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1)) || url;
        } catch (e) {
            return url;
        }
    }

    // uw_file's entries: URLs (http(s), data:) or Files/Blobs.
    function fromGiven(entry) {
        if (typeof entry === "string" && entry.indexOf("data:") === 0) {
            var mime = entry.slice(5, entry.search(/[;,]/)).toLowerCase();
            var subtype = mime.split("/")[1] || "";
            return { url: entry, name: "file" + (/^[a-z0-9]+$/.test(subtype) ? "." + subtype : ""), type: mime };
        }
        if (typeof entry === "string")
            return { url: entry, name: nameOfUrl(entry) };
        if (typeof Blob !== "undefined" && entry instanceof Blob)
            return { blob: entry, name: entry.name || "file", size: entry.size, type: entry.type };
        return null;
    }

    function refusalOf(file) {
        var formats = allowedFormats();
        if (formats.length) {
            var ext = extensionOf(file.name);
            var kind = (file.type || "").split("/")[0];
            var ok = formats.indexOf(ext) >= 0 || (ext === "jpeg" && formats.indexOf("jpg") >= 0)
                || (kind && formats.indexOf(kind) >= 0);
            if (!ok)
                return "File format not allowed" + (ext ? " (" + ext + ")" : "");
        }
        var max = Number(state.config.maxFileSize);
        if (file.blob && max > 0 && file.size > max)
            return "File size (" + size(file.size) + ") exceeds maximum allowed (" + size(max) + ")";
        return "";
    }

    function addFiles(files, origin) {
        files = files.filter(function (f) { return f; });
        if (!files.length)
            return;
        if (!multiple() && files.length > 1)
            files = files.slice(0, 1);
        var limit = maxFiles();
        if (limit && state.added + files.length > limit) {
            showMessage("You can upload up to " + limit + " file(s).");
            emit("batch-cancelled", { reason: "MAX_EXCEEDED" });
            return;
        }
        var accepted = [];
        var problems = [];
        files.forEach(function (file) {
            var refusal = refusalOf(file);
            if (refusal)
                problems.push(file.name + ": " + refusal);
            else
                accepted.push(file);
        });
        showMessage(problems.join("\n"));
        problems.forEach(function (text) {
            emit("error", { status: "Invalid file", statusText: text });
        });
        if (!accepted.length)
            return;
        state.added += accepted.length;
        var batchId = "uw-batch" + (++state.nextBatch);
        var batch = accepted.map(function (file) {
            var item = {
                id: "uw-file" + (++state.nextFile),
                batchId: batchId,
                name: file.name,
                size: file.size || 0,
                type: file.type || "",
                blob: file.blob || null,
                url: file.url || null,
                camera: origin === "camera",
                isFetch: !!file.url,
                status: "queued",
                statusText: "Waiting",
                progress: 0,
                uploadInfo: null,
                thumb: null
            };
            if (item.blob && /^image\//.test(item.type))
                item.thumb = URL.createObjectURL(item.blob);
            else if (item.url && /^(https?:|data:image\/)/.test(item.url) && /^(jpe?g|png|gif|webp|bmp|svg|avif)$/.test(extensionOf(item.url)))
                item.thumb = item.url.indexOf("data:") === 0 ? item.url : null;
            return item;
        });
        preBatch(batch).then(function (cancelled) {
            if (cancelled) {
                emit("batch-cancelled", { reason: "PRE_BATCH" });
                state.added -= batch.length;
                return;
            }
            batch.forEach(function (item) {
                state.items.push(item);
                emit("upload-added", { file: describe(item), publicId: state.config.publicId || undefined });
            });
            renderQueue();
            selectSource(state.source, false);
            run();
        });
    }

    function preBatch(batch) {
        if (!state.config.usePreBatchCallback)
            return Promise.resolve(false);
        return ask("uw_prebatch", {
            request: { files: batch.map(function (item) { return { name: item.name, size: item.size, type: item.type }; }) }
        }).then(function (answer) {
            return !!(answer.data && answer.data.cancel);
        });
    }

    function describe(item) {
        return { id: item.id, batchId: item.batchId, name: item.name, size: item.size, type: item.type,
                 status: item.status, statusText: item.statusText, progress: item.progress,
                 done: item.status === "success", failed: item.status === "failed", aborted: false,
                 paused: false, camera: item.camera, isFetch: item.isFetch, uploadInfo: item.uploadInfo,
                 publicId: state.config.publicId || undefined };
    }

    // --- uploads -------------------------------------------------------------------------------
    function contextString(context) {
        if (!context || typeof context !== "object")
            return typeof context === "string" ? context : "";
        return Object.keys(context).map(function (k) {
            var v = String(context[k]).replace(/([=|])/g, "\\$1");
            return k + "=" + v;
        }).join("|");
    }

    // params_to_sign: source, the widget's own timestamp, and what the widget was told.
    function uploadParams() {
        var c = state.config;
        var p = { source: "uw" };
        p.timestamp = c.uploadSignatureTimestamp ? Number(c.uploadSignatureTimestamp) : Math.floor(Date.now() / 1000);
        if (c.folder)
            p.folder = String(c.folder);
        if (Array.isArray(c.tags) && c.tags.length)
            p.tags = c.tags.map(String);
        else if (typeof c.tags === "string" && c.tags)
            p.tags = c.tags.split(",");
        if (c.uploadPreset)
            p.upload_preset = String(c.uploadPreset);
        if (c.publicId)
            p.public_id = String(c.publicId);
        var context = contextString(c.context);
        if (context)
            p.context = context;
        return p;
    }

    var PREPARED_KEYS = {
        apiKey: "api_key", auditContext: "audit_context", context: "context", folder: "folder",
        invalidate: "invalidate", metadata: "metadata", overwrite: "overwrite", publicId: "public_id",
        qualityAnalysis: "quality_analysis", resourceType: "resource_type", signature: "signature",
        tags: "tags", uniqueFilename: "unique_filename", uploadPreset: "upload_preset",
        uploadSignatureTimestamp: "timestamp", useFilename: "use_filename"
    };

    function run() {
        if (state.running)
            return;
        var next = state.items.filter(function (item) { return item.status === "queued"; })[0];
        if (!next)
            return;
        state.running = true;
        emit("queues-start");
        (function loop() {
            var item = state.items.filter(function (i) { return i.status === "queued"; })[0];
            if (!item) {
                state.running = false;
                finishQueues();
                return;
            }
            upload(item).then(loop, loop);
        })();
    }

    function finishQueues() {
        var files = state.items.map(describe);
        emit("queues-end", { files: files });
        updateSummary();
        var succeeded = state.items.filter(function (i) { return i.status === "success"; });
        if (!state.config.inlineMode && state.config.singleUploadAutoClose !== false && state.items.length === 1
            && succeeded.length === 1) {
            hide(true);
            post("uw_hide");
        }
    }

    function setStatus(item, status, text, progress) {
        item.status = status;
        item.statusText = text;
        if (progress !== undefined)
            item.progress = progress;
        renderItem(item);
        updateSummary();
    }

    function fail(item, text) {
        setStatus(item, "failed", text, 100);
        emit("error", { status: "Upload failed", statusText: text, file: describe(item) });
        return Promise.reject(new Error(text));
    }

    function upload(item) {
        var c = state.config;
        var signed = !!c.requirePrepareParams;
        var toSign = uploadParams();
        var resourceType = c.resourceType || "auto";
        var prepared;
        if (signed) {
            setStatus(item, "uploading", "Signing\u2026", 0);
            prepared = ask("uw_prepare", { request: toSign }).then(function (answer) {
                if (answer.timedOut)
                    throw new Error("The upload was not signed (no answer)");
                var first = Array.isArray(answer.data) ? answer.data[0] : answer.data;
                if (!first || typeof first !== "object" || typeof first.signature !== "string" || !first.signature)
                    throw new Error("The upload was not signed" + (first && first.error ? ": " + first.error : ""));
                var fields = {};
                Object.keys(toSign).forEach(function (k) { fields[k] = toSign[k]; });
                if (c.apiKey)
                    fields.api_key = String(c.apiKey);
                Object.keys(first).forEach(function (k) {
                    var name = PREPARED_KEYS[k];
                    if (!name)
                        return;
                    if (name === "resource_type")
                        resourceType = String(first[k]);
                    else
                        fields[name] = first[k];
                });
                return fields;
            });
        } else {
            // Unsigned: an unsigned upload preset, and no timestamp or source.
            var fields = {};
            Object.keys(toSign).forEach(function (k) {
                if (k !== "timestamp" && k !== "source")
                    fields[k] = toSign[k];
            });
            if (!fields.upload_preset)
                return fail(item, "Upload preset must be specified when using unsigned upload");
            prepared = Promise.resolve(fields);
        }
        return prepared.then(function (fields) {
            return send(item, fields, resourceType);
        }, function (error) {
            return fail(item, error.message);
        });
    }

    function send(item, fields, resourceType) {
        return new Promise(function (resolve, reject) {
            var form = new FormData();
            Object.keys(fields).forEach(function (k) {
                var v = fields[k];
                if (v === undefined || v === null || v === "")
                    return;
                form.append(k, Array.isArray(v) ? v.join(",") : String(v));
            });
            if (item.blob)
                form.append("file", item.blob, item.name);
            else
                form.append("file", item.url);
            var xhr = new XMLHttpRequest();
            var url = apiBase + "/v1_1/" + encodeURIComponent(state.config.cloudName) + "/"
                + encodeURIComponent(resourceType) + "/upload";
            xhr.open("POST", url);
            xhr.responseType = "text";
            xhr.upload.onprogress = function (e) {
                if (e.lengthComputable) {
                    var percent = Math.min(99, Math.round(e.loaded * 100 / e.total));
                    setStatus(item, "uploading", "Uploading " + percent + "%", percent);
                    emit("upload-progress", { id: item.id, progress: percent });
                }
            };
            xhr.onload = function () {
                var json = null;
                try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
                if (xhr.status !== 200 || !json || json.error) {
                    var text = json && json.error && json.error.message ? json.error.message : "HTTP " + xhr.status;
                    fail(item, text).catch(function () {});
                    reject(new Error(text));
                    return;
                }
                var info = successInfo(item, json);
                item.uploadInfo = info;
                setStatus(item, "success", "Uploaded", 100);
                emit("upload-finish", info);
                resolve(info);
            };
            xhr.onerror = function () {
                var text = "Network error while uploading";
                fail(item, text).catch(function () {});
                reject(new Error(text));
            };
            setStatus(item, "uploading", "Uploading 0%", 0);
            xhr.send(form);
        });
    }

    // Cloudinary's `success` info: the Upload API's answer with the widget's own fields.
    function successInfo(item, json) {
        var info = {};
        Object.keys(json).forEach(function (k) { info[k] = json[k]; });
        info.id = item.id;
        info.batchId = item.batchId;
        if (info.version !== undefined && info.public_id && info.path === undefined)
            info.path = "v" + info.version + "/" + info.public_id + (info.format ? "." + info.format : "");
        if (info.original_filename === undefined) {
            var name = item.name || "";
            var dot = name.lastIndexOf(".");
            info.original_filename = dot > 0 ? name.slice(0, dot) : name;
        }
        if (info.thumbnail_url === undefined && info.secure_url && info.resource_type === "image") {
            info.thumbnail_url = info.secure_url.replace("/image/" + (info.type || "upload") + "/",
                                                         "/image/" + (info.type || "upload") + "/c_limit,h_60,w_90/");
        }
        return info;
    }

    // --- queue view ----------------------------------------------------------------------------
    function renderQueue() {
        var list = $("queue");
        while (list.firstChild)
            list.removeChild(list.firstChild);
        state.items.forEach(function (item) {
            var row = document.createElement("li");
            row.className = "item";
            row.id = item.id;
            var thumb = document.createElement("div");
            thumb.className = "thumb";
            var body = document.createElement("div");
            body.className = "body";
            var name = document.createElement("div");
            name.className = "name";
            var status = document.createElement("div");
            status.className = "status";
            var bar = document.createElement("div");
            bar.className = "bar";
            bar.appendChild(document.createElement("span"));
            body.appendChild(name);
            body.appendChild(status);
            body.appendChild(bar);
            row.appendChild(thumb);
            row.appendChild(body);
            list.appendChild(row);
            item.row = row;
            renderItem(item);
        });
        $("queue-view").hidden = state.items.length === 0;
        updateSummary();
    }

    function renderItem(item) {
        var row = item.row;
        if (!row)
            return;
        row.className = "item" + (item.status === "success" ? " done" : item.status === "failed" ? " failed" : "");
        row.setAttribute("data-status", item.status);
        row.querySelector(".name").textContent = item.name + (item.size ? " \u00b7 " + size(item.size) : "");
        row.querySelector(".status").textContent = item.statusText;
        row.querySelector(".bar > span").style.width = item.progress + "%";
        var thumb = row.querySelector(".thumb");
        var src = item.uploadInfo && item.uploadInfo.thumbnail_url ? item.uploadInfo.thumbnail_url : item.thumb;
        var img = thumb.querySelector("img");
        if (src) {
            if (!img) {
                while (thumb.firstChild)
                    thumb.removeChild(thumb.firstChild);
                img = document.createElement("img");
                img.alt = "";
                thumb.appendChild(img);
            }
            if (img.getAttribute("src") !== src)
                img.src = src;
        } else if (!img) {
            thumb.textContent = extensionOf(item.name) || "file";
        }
    }

    function updateSummary() {
        var done = state.items.filter(function (i) { return i.status === "success"; }).length;
        var failed = state.items.filter(function (i) { return i.status === "failed"; }).length;
        var busy = state.items.length - done - failed;
        var text = busy ? "Uploading " + (done + failed + 1) + " of " + state.items.length
            : done + " uploaded" + (failed ? ", " + failed + " failed" : "");
        $("queue-summary").textContent = text;
        $("mini-text").textContent = state.items.length ? text : "Uploads";
    }

    // --- sources -------------------------------------------------------------------------------
    function takeFileList(list) {
        var files = Array.prototype.map.call(list || [], function (file) {
            return { blob: file, name: file.name, size: file.size, type: file.type };
        });
        addFiles(files, "local");
    }

    $("browse").addEventListener("click", function () { $("file-input").click(); });
    $("file-input").addEventListener("change", function () {
        takeFileList(this.files);
        this.value = "";
    });
    var dropzone = $("dropzone");
    ["dragenter", "dragover"].forEach(function (name) {
        dropzone.addEventListener(name, function (e) {
            e.preventDefault();
            dropzone.classList.add("over");
        });
    });
    ["dragleave", "drop"].forEach(function (name) {
        dropzone.addEventListener(name, function (e) {
            e.preventDefault();
            dropzone.classList.remove("over");
        });
    });
    dropzone.addEventListener("drop", function (e) {
        if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length)
            takeFileList(e.dataTransfer.files);
    });
    // A drop anywhere else in the page must not navigate away from the widget.
    window.addEventListener("dragover", function (e) { e.preventDefault(); });
    window.addEventListener("drop", function (e) { e.preventDefault(); });

    $("url-form").addEventListener("submit", function (e) {
        e.preventDefault();
        var text = $("url-input").value.trim();
        var ok = false;
        try {
            var parsed = new URL(text);
            ok = parsed.protocol === "http:" || parsed.protocol === "https:";
        } catch (err) {
            ok = false;
        }
        if (!ok) {
            showMessage("Enter an http:// or https:// address.");
            return;
        }
        $("url-input").value = "";
        addFiles([{ url: text, name: nameOfUrl(text) }], "url");
    });

    function stopCamera() {
        if (state.stream) {
            state.stream.getTracks().forEach(function (t) { t.stop(); });
            state.stream = null;
        }
        var video = $("camera-video");
        video.srcObject = null;
        video.hidden = true;
        $("camera-start").hidden = false;
        $("camera-shoot").hidden = true;
        $("camera-stop").hidden = true;
    }

    $("camera-start").addEventListener("click", function () {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            showMessage("No camera access in this browser.");
            return;
        }
        $("camera-hint").textContent = "Waiting for permission to use the camera\u2026";
        navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(function (stream) {
            state.stream = stream;
            var video = $("camera-video");
            video.srcObject = stream;
            video.hidden = false;
            $("camera-hint").textContent = "";
            $("camera-start").hidden = true;
            $("camera-shoot").hidden = false;
            $("camera-stop").hidden = false;
        }, function (error) {
            var text = "The camera is not available: " + (error && error.name ? error.name : "refused");
            $("camera-hint").textContent = text;
            emit("error", { status: "Camera", statusText: text });
        });
    });
    $("camera-stop").addEventListener("click", stopCamera);
    // Not shown any more (the window holding the widget closed or hidden): the camera stops, so that
    // it does not film on, its light on, where nobody sees it. "Start camera" starts it again.
    document.addEventListener("visibilitychange", function () {
        if (document.hidden && state.stream)
            stopCamera();
    });
    $("camera-shoot").addEventListener("click", function () {
        var video = $("camera-video");
        var canvas = $("camera-canvas");
        canvas.width = video.videoWidth || 640;
        canvas.height = video.videoHeight || 480;
        canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
            if (!blob)
                return;
            var name = "camera-" + new Date().toISOString().replace(/[:.]/g, "-") + ".jpg";
            addFiles([{ blob: blob, name: name, size: blob.size, type: "image/jpeg" }], "camera");
        }, "image/jpeg", 0.9);
    });

    $("close").addEventListener("click", function () {
        hide(true);
        post("uw_hide");
    });
    $("done").addEventListener("click", function () {
        if (state.config.inlineMode) {
            resetQueue();
            selectSource(state.source, false);
            return;
        }
        hide(true);
        post("uw_hide");
    });
    $("upload-more").addEventListener("click", function () {
        resetQueue();
        selectSource(state.source, false);
    });
    $("minimize").addEventListener("click", function () { minimize(); });
    $("expand").addEventListener("click", function () { show(null); });

    renderTabs();
    selectSource("local", false);
})();
