/* stratus-sandbox: stand-in for Cloudinary's Media Library console page (/console/media_library/cms).
 * Speaks the loader<->iframe protocol of shared/reference/widget-protocols.md: posts consoleLoaded to
 * pmHost, takes ML_WIDGET_INIT and ML_WIDGET_SHOW in either order (folder, search, multiple,
 * max_files, insert_caption, default_transformations, remove_header), posts ML_WIDGET_INSERT_DATA
 * {mlId, assets}, ML_WIDGET_ASSET_UPLOAD {mlId, assets} after an upload, ML_WIDGET_DELETE_DATA
 * {mlId, assets} after a deletion, ML_WIDGET_EXPOSE_IDENTITY {mlId, email, cloud_name} once signed in, and
 * ML_WIDGET_HIDE {mlId}. Without a session it shows its own sign-in form (the session then lives in a
 * cookie of this origin). Every message is a JSON string {type, data}. All text from the server goes into
 * the page through textContent, never as markup. */
(function () {
    "use strict";
    var params = new URLSearchParams(location.search);
    var mlId = params.get("ml_id") || "";
    var pmHost = params.get("pmHost") || "";
    var body = document.body;
    var session = body.dataset.session;
    var problem = body.dataset.problem;
    var needsLogin = body.dataset.login === "1";
    var identityPosted = false;

    var state = {
        config: {},
        folder: "",
        text: "",
        expression: "",
        resourceType: "",
        assets: [],
        selected: [], // asset_ids, in the order chosen
        loadedOnce: false
    };

    function $(id) { return document.getElementById(id); }

    function post(type, data) {
        if (!pmHost || window.parent === window)
            return;
        var message = { type: type };
        if (data !== undefined)
            message.data = data;
        try {
            window.parent.postMessage(JSON.stringify(message), pmHost);
        } catch (e) {
            // pmHost is not an origin: nobody to talk to.
            showMessage("pmHost is not a valid origin: " + pmHost, true);
        }
    }

    function showMessage(text, isError) {
        var box = $("message");
        box.textContent = text;
        box.className = isError ? "error" : "";
        box.hidden = !text;
    }

    // --- transformations (default_transformations and the like) -------------------------------
    var SHORT = {
        width: "w", height: "h", crop: "c", gravity: "g", quality: "q", fetch_format: "f", format: "f",
        effect: "e", angle: "a", radius: "r", dpr: "dpr", aspect_ratio: "ar", zoom: "z", x: "x", y: "y",
        background: "b", opacity: "o", border: "bo", overlay: "l", underlay: "u", named: "t",
        transformation: "t", color: "co", flags: "fl", page: "pg", density: "dn", start_offset: "so",
        end_offset: "eo", duration: "du", video_codec: "vc", audio_codec: "ac", bit_rate: "br"
    };
    function componentString(step) {
        if (typeof step === "string")
            return step;
        if (step.raw_transformation)
            return String(step.raw_transformation);
        return Object.keys(step).filter(function (k) { return SHORT[k]; }).sort(function (a, b) {
            return SHORT[a] < SHORT[b] ? -1 : SHORT[a] > SHORT[b] ? 1 : 0;
        }).map(function (k) { return SHORT[k] + "_" + step[k]; }).join(",");
    }
    function chainString(chain) {
        if (!Array.isArray(chain))
            chain = [chain];
        return chain.map(componentString).filter(function (s) { return s; }).join("/");
    }
    function withTransformation(url, asset, raw) {
        var marker = "/" + asset.resource_type + "/" + asset.type + "/";
        var at = url.indexOf(marker);
        if (at < 0 || !raw)
            return url;
        return url.slice(0, at + marker.length) + raw + "/" + url.slice(at + marker.length);
    }

    // --- the server ----------------------------------------------------------------------------
    function answerOf(response) {
        return response.json().then(function (json) {
            if (!response.ok)
                throw new Error((json.error && json.error.message) || ("HTTP " + response.status));
            return json;
        });
    }

    function api(path, query) {
        var url = "/console/api/ml/" + path + (query ? "?" + query.toString() : "");
        return fetch(url, { headers: { "X-Console-Session": session }, credentials: "omit", cache: "no-store" })
            .then(answerOf);
    }

    function apiPost(path, body, json) {
        var headers = { "X-Console-Session": session };
        if (json)
            headers["Content-Type"] = "application/json";
        return fetch("/console/api/ml/" + path, {
            method: "POST", headers: headers, credentials: "omit", cache: "no-store",
            body: json ? JSON.stringify(body) : body
        }).then(answerOf);
    }

    function loadFolders() {
        return api("folders").then(function (json) {
            if (json.user)
                $("user").textContent = json.user;
            renderFolders(json.folders || []);
        });
    }

    var generation = 0;
    function loadAssets() {
        var mine = ++generation;
        var query = new URLSearchParams();
        query.set("folder", state.folder);
        if (state.text)
            query.set("q", state.text);
        if (state.expression)
            query.set("expression", state.expression);
        if (state.resourceType)
            query.set("resource_type", state.resourceType);
        return api("resources", query).then(function (json) {
            if (mine !== generation)
                return;
            state.assets = json.resources || [];
            state.loadedOnce = true;
            var where = state.expression ? "Search: " + state.expression
                : state.text ? "Results for \u201c" + state.text + "\u201d in all folders"
                : (state.folder ? state.folder : "Home");
            $("where").textContent = where + " \u2014 " + json.total_count + " asset(s)";
            renderGrid();
            showMessage(state.assets.length ? "" : "No assets here.", false);
        }).catch(function (error) {
            showMessage(error.message, true);
            post("ML_WIDGET_ERROR", { mlId: mlId, message: error.message });
        });
    }

    // --- rendering -----------------------------------------------------------------------------
    function renderFolders(folders) {
        var nav = $("folders");
        nav.textContent = "";
        var entries = [{ path: "", name: "Home" }].concat(folders);
        entries.forEach(function (folder) {
            var link = document.createElement("a");
            var depth = folder.path ? folder.path.split("/").length : 0;
            link.style.paddingLeft = (12 + depth * 14) + "px";
            link.textContent = folder.name;
            link.title = folder.path || "Home";
            link.dataset.path = folder.path;
            link.addEventListener("click", function () {
                state.folder = folder.path;
                state.text = "";
                state.expression = "";
                $("search").value = "";
                markFolder();
                loadAssets();
            });
            nav.appendChild(link);
        });
        markFolder();
    }

    function markFolder() {
        Array.prototype.forEach.call($("folders").children, function (link) {
            link.classList.toggle("current", !state.text && !state.expression && link.dataset.path === state.folder);
        });
    }

    function thumbnail(asset) {
        var box = document.createElement("div");
        box.className = "thumb";
        if (asset.resource_type === "image" && asset.format !== "pdf") {
            var img = document.createElement("img");
            img.alt = "";
            img.loading = "lazy";
            img.src = withTransformation(asset.secure_url, asset, "c_limit,h_260,w_300");
            box.appendChild(img);
        } else {
            box.textContent = asset.format || asset.resource_type;
        }
        return box;
    }

    function sizeText(asset) {
        var parts = [];
        if (asset.width > 0 && asset.height > 0)
            parts.push(asset.width + "\u00d7" + asset.height);
        var kb = asset.bytes / 1024;
        parts.push(kb < 1024 ? kb.toFixed(0) + " KB" : (kb / 1024).toFixed(1) + " MB");
        if (asset.format)
            parts.push(asset.format.toUpperCase());
        return parts.join(" \u00b7 ");
    }

    function renderGrid() {
        var grid = $("grid");
        grid.textContent = "";
        state.assets.forEach(function (asset) {
            known[asset.asset_id] = asset;
            var card = document.createElement("li");
            card.className = "card";
            card.tabIndex = 0;
            card.dataset.assetId = asset.asset_id;
            card.dataset.publicId = asset.public_id;
            var check = document.createElement("span");
            check.className = "check";
            check.textContent = "\u2713";
            var name = document.createElement("div");
            name.className = "name";
            name.textContent = asset.display_name || asset.public_id;
            name.title = asset.public_id;
            var info = document.createElement("div");
            info.className = "info";
            info.textContent = sizeText(asset);
            card.appendChild(thumbnail(asset));
            card.appendChild(check);
            card.appendChild(name);
            card.appendChild(info);
            card.addEventListener("click", function () { toggle(asset); });
            card.addEventListener("dblclick", function () {
                if (!multiple()) {
                    state.selected = [asset.asset_id];
                    insert();
                }
            });
            card.addEventListener("keydown", function (e) {
                if (e.key === " " || e.key === "Enter") {
                    e.preventDefault();
                    toggle(asset);
                }
            });
            grid.appendChild(card);
        });
        renderSelection();
    }

    function multiple() { return !!state.config.multiple; }
    function maxFiles() {
        var max = Number(state.config.max_files);
        return multiple() && max > 0 ? max : (multiple() ? Infinity : 1);
    }

    var known = {}; // asset_id -> asset, across folders and searches
    function toggle(asset) {
        known[asset.asset_id] = asset;
        var at = state.selected.indexOf(asset.asset_id);
        if (at >= 0) {
            state.selected.splice(at, 1);
        } else if (!multiple()) {
            state.selected = [asset.asset_id];
        } else if (state.selected.length >= maxFiles()) {
            showMessage("You can select up to " + maxFiles() + " assets.", true);
            return;
        } else {
            state.selected.push(asset.asset_id);
        }
        showMessage("", false);
        renderSelection();
    }

    function renderSelection() {
        Array.prototype.forEach.call($("grid").children, function (card) {
            card.classList.toggle("selected", state.selected.indexOf(card.dataset.assetId) >= 0);
            card.setAttribute("aria-selected", state.selected.indexOf(card.dataset.assetId) >= 0 ? "true" : "false");
        });
        var n = state.selected.length;
        $("count").textContent = n === 0 ? "Nothing selected" : n === 1 ? "1 asset selected" : n + " assets selected";
        $("insert").disabled = n === 0;
        $("delete").disabled = n === 0;
        if (n === 0)
            $("confirm").hidden = true;
    }

    // --- the insert payload (widget-protocols.md, "Inserted asset objects") -----------------------
    function insertedAsset(asset) {
        var out = {
            public_id: asset.public_id,
            resource_type: asset.resource_type,
            type: asset.type,
            format: asset.format,
            version: asset.version,
            url: asset.url,
            secure_url: asset.secure_url,
            width: asset.width,
            height: asset.height,
            bytes: asset.bytes,
            duration: asset.duration === undefined ? null : asset.duration,
            created_at: asset.created_at,
            tags: asset.tags || [],
            context: asset.context || {},
            metadata: asset.metadata || {},
            asset_folder: asset.asset_folder,
            display_name: asset.display_name,
            access_mode: asset.access_mode,
            id: asset.asset_id,
            asset_id: asset.asset_id
        };
        var chains = [];
        var chosen = state.config.transformation;
        var defaults = state.config.default_transformations;
        if (Array.isArray(defaults))
            defaults.forEach(function (chain) { chains.push(chainString(chain)); });
        if (chosen && typeof chosen === "object" && typeof chosen.raw_transformation === "string")
            chains.unshift(chosen.raw_transformation);
        chains = chains.filter(function (c) { return c; });
        if (chains.length) {
            out.derived = chains.map(function (raw) {
                return {
                    url: withTransformation(asset.url, asset, raw),
                    secure_url: withTransformation(asset.secure_url, asset, raw),
                    raw_transformation: raw
                };
            });
        }
        return out;
    }

    function insert() {
        if (!state.selected.length)
            return;
        var assets = state.selected.map(function (id) { return known[id]; })
            .filter(function (a) { return a; }).map(insertedAsset);
        post("ML_WIDGET_INSERT_DATA", { mlId: mlId, assets: assets });
        state.selected = [];
        renderSelection();
    }

    // --- the protocol --------------------------------------------------------------------------
    function applyConfig(config) {
        if (!config || typeof config !== "object")
            return;
        Object.keys(config).forEach(function (k) { state.config[k] = config[k]; });
        var c = state.config;
        $("insert").textContent = typeof c.insert_caption === "string" && c.insert_caption ? c.insert_caption : "Insert";
        body.classList.toggle("no-header", !!c.remove_header);
        if (c.folder && typeof c.folder.path === "string") {
            state.folder = c.folder.path.replace(/^\/+|\/+$/g, "");
            if (typeof c.folder.resource_type === "string")
                state.resourceType = c.folder.resource_type;
        }
        if (c.search && typeof c.search.expression === "string")
            state.expression = c.search.expression;
        $("type").value = state.resourceType;
        if (!multiple() && state.selected.length > 1)
            state.selected = state.selected.slice(0, 1);
        if (session) {
            markFolder();
            loadAssets();
        }
    }

    window.addEventListener("message", function (event) {
        if (event.origin !== pmHost || event.source !== window.parent)
            return;
        var message = event.data;
        if (typeof message === "string") {
            try { message = JSON.parse(message); } catch (e) { return; }
        }
        if (!message || typeof message !== "object" || !message.data || message.data.mlId !== mlId)
            return;
        switch (message.type) {
        case "ML_WIDGET_INIT":
            applyConfig(message.data.config);
            if (!session && problem)
                post("ML_WIDGET_ERROR", { mlId: mlId, message: problem });
            if (session && !identityPosted) {
                identityPosted = true;
                post("ML_WIDGET_EXPOSE_IDENTITY", { mlId: mlId, email: body.dataset.user, cloud_name: body.dataset.cloud });
            }
            break;
        case "ML_WIDGET_SHOW":
            applyConfig(message.data.config || (message.data.options && message.data.options.config));
            break;
        case "ML_WIDGET_HIDE":
            state.selected = [];
            renderSelection();
            break;
        }
    });

    $("cloud").textContent = body.dataset.cloud;
    $("user").textContent = body.dataset.user;
    $("close").addEventListener("click", function () { post("ML_WIDGET_HIDE", { mlId: mlId }); });
    $("clear").addEventListener("click", function () { state.selected = []; renderSelection(); });
    $("insert").addEventListener("click", insert);
    var typing = null;
    $("search").addEventListener("input", function () {
        clearTimeout(typing);
        typing = setTimeout(function () {
            state.text = $("search").value.trim();
            state.expression = "";
            markFolder();
            loadAssets();
        }, 250);
    });
    $("type").addEventListener("change", function () {
        state.resourceType = $("type").value;
        loadAssets();
    });

    // --- uploads and deletions (ML_WIDGET_ASSET_UPLOAD, ML_WIDGET_DELETE_DATA) ---------------------
    $("upload").addEventListener("click", function () { $("file").click(); });
    $("file").addEventListener("change", function () {
        var files = Array.prototype.slice.call($("file").files || []);
        $("file").value = "";
        if (!files.length)
            return;
        var folder = state.text || state.expression ? "" : state.folder;
        showMessage("Uploading " + files.length + " file(s)\u2026", false);
        var uploaded = [];
        var chain = Promise.resolve();
        files.forEach(function (file) {
            chain = chain.then(function () {
                var form = new FormData();
                form.append("file", file, file.name);
                if (folder)
                    form.append("folder", folder);
                return apiPost("upload", form, false).then(function (resource) {
                    known[resource.asset_id] = resource;
                    uploaded.push(insertedAsset(resource));
                });
            });
        });
        chain.then(function () {
            showMessage("Uploaded " + uploaded.length + " file(s).", false);
        }).catch(function (error) {
            showMessage("Upload failed: " + error.message, true);
        }).then(function () {
            if (uploaded.length)
                post("ML_WIDGET_ASSET_UPLOAD", { mlId: mlId, assets: uploaded });
            return loadFolders().then(loadAssets);
        });
    });

    $("delete").addEventListener("click", function () {
        var n = state.selected.length;
        if (!n)
            return;
        $("confirm-text").textContent = "Delete " + (n === 1 ? "1 asset" : n + " assets")
            + " from this product environment? This cannot be undone.";
        $("confirm").hidden = false;
        $("confirm-cancel").focus();
    });
    $("confirm-cancel").addEventListener("click", function () { $("confirm").hidden = true; });
    $("confirm-delete").addEventListener("click", function () {
        $("confirm").hidden = true;
        var assets = state.selected.map(function (id) { return known[id]; }).filter(function (a) { return a; })
            .map(function (a) { return { public_id: a.public_id, resource_type: a.resource_type, type: a.type }; });
        if (!assets.length)
            return;
        apiPost("delete", { assets: assets }, true).then(function (json) {
            var deleted = json.deleted || [];
            state.selected = [];
            showMessage("Deleted " + deleted.length + " asset(s).", false);
            if (deleted.length)
                post("ML_WIDGET_DELETE_DATA", { mlId: mlId, assets: deleted });
            return loadFolders().then(loadAssets);
        }).catch(function (error) { showMessage("Delete failed: " + error.message, true); });
    });

    // --- the console's own sign-in ------------------------------------------------------------
    function showSignIn() {
        body.classList.add("signing-in");
        $("signin").hidden = false;
        $("signin-cloud").textContent = body.dataset.cloud;
        if (body.dataset.demoEmail) {
            $("signin-email").value = body.dataset.demoEmail;
            $("signin-hint").textContent = "Demo user of this local sandbox: " + body.dataset.demoEmail
                + ", password " + body.dataset.demoPassword;
            $("signin-hint").hidden = false;
        }
        $("signin-form").addEventListener("submit", function (event) {
            event.preventDefault();
            $("signin-error").hidden = true;
            $("signin-submit").disabled = true;
            fetch("/console/api/ml/login", {
                method: "POST", headers: { "Content-Type": "application/json" }, cache: "no-store",
                credentials: "same-origin",
                body: JSON.stringify({ cloud_name: body.dataset.cloud, email: $("signin-email").value,
                                       password: $("signin-password").value })
            }).then(answerOf).then(function () {
                // Signed in: the page again, now with the session's cookie.
                location.reload();
            }).catch(function (error) {
                $("signin-error").textContent = error.message;
                $("signin-error").hidden = false;
                $("signin-submit").disabled = false;
                $("signin-password").focus();
            });
        });
        (body.dataset.demoEmail ? $("signin-password") : $("signin-email")).focus();
    }

    $("signout").hidden = !(session && body.dataset.kept === "1");
    $("signout").addEventListener("click", function () {
        fetch("/console/api/ml/logout", { method: "POST", credentials: "same-origin", cache: "no-store" })
            .then(function () { location.reload(); });
    });

    if (!session && needsLogin) {
        showSignIn();
    } else if (!session) {
        showMessage(problem, true);
        $("search").disabled = true;
        $("upload").disabled = true;
    } else {
        loadFolders().then(loadAssets).catch(function (error) { showMessage(error.message, true); });
    }
    post("consoleLoaded");
})();
