/* stratus-sandbox: stand-in for Cloudinary's Media Editor loader (media-editor.cloudinary.com/all.js).
 * Same public API — cloudinary.mediaEditor({appendTo}), update(config), show(), hide(), destroy(),
 * on/off('export'|'close'|'next'|'prev'|'error'), triggerExport(), getConfig(), getIframe() — over a
 * loader<->iframe protocol of the sandbox's own (Cloudinary's was not observed), in the style of the
 * others (docs/sandbox-widgets.md, "Media Editor"): JSON-string messages {type, data} carrying the
 * instance's meId, accepted only from the editor's origin and its own iframe.
 *   iframe -> loader: ME_LOADED, ME_EXPORT_DATA {transformation, assets}, ME_CLOSE, ME_STEP
 *                     {direction, toStep}, ME_ERROR {message}
 *   loader -> iframe: ME_INIT {config}, ME_CONFIG {config}, ME_SHOW, ME_HIDE, ME_EXPORT */
(function () {
    "use strict";
    var EDITOR_ORIGIN = "@EDITOR_ORIGIN@";
    var EDITOR_PATH = "/widgets/media-editor/editor.html";
    var VERSION = "sandbox-1.0";

    function uuid() {
        if (window.crypto && typeof window.crypto.randomUUID === "function")
            return window.crypto.randomUUID();
        var b = new Uint8Array(16);
        window.crypto.getRandomValues(b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
        return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
    }

    // Plain data only (what structured clone and JSON both keep): functions and DOM nodes go.
    function plain(value) {
        return JSON.parse(JSON.stringify(value === undefined ? {} : value, function (key, v) {
            if (typeof v === "function" || (typeof Node !== "undefined" && v instanceof Node))
                return undefined;
            return v;
        }));
    }

    function MediaEditor(options) {
        this._options = options || {};
        this._config = {};
        this._listeners = {};
        this._events = [];
        this._errors = [];
        this.meId = uuid();
        this.iframe = null;
        this._frame = null;
        this._ready = false;
        this._queue = [];
        this._visible = false;
        this._destroyed = false;
        var self = this;
        this._onMessage = function (event) { self._receive(event); };
        this._onKey = function (event) {
            if (event.key === "Escape")
                self._close();
        };
        window.addEventListener("message", this._onMessage);
    }

    MediaEditor.prototype.on = function (name, fn) {
        if (typeof fn === "function")
            (this._listeners[name] = this._listeners[name] || []).push(fn);
        return this;
    };
    MediaEditor.prototype.off = function (name, fn) {
        var list = this._listeners[name] || [];
        this._listeners[name] = fn ? list.filter(function (l) { return l !== fn; }) : [];
        return this;
    };
    MediaEditor.prototype._emit = function (name, payload) {
        this._events.push({ type: name, data: payload });
        (this._listeners[name] || []).slice().forEach(function (l) { l(payload); });
    };

    MediaEditor.prototype.update = function (config) {
        if (this._destroyed)
            throw new Error("The Media Editor was destroyed");
        var next = plain(config);
        var self = this;
        Object.keys(next).forEach(function (k) { self._config[k] = next[k]; });
        if (this.iframe)
            this._send("ME_CONFIG", { config: this._config });
        return this;
    };

    MediaEditor.prototype.getConfig = function () { return plain(this._config); };
    MediaEditor.prototype.getErrors = function () { return this._errors.slice(); };
    MediaEditor.prototype.getEvents = function () { return this._events.slice(); };
    MediaEditor.prototype.getVersion = function () { return VERSION; };

    MediaEditor.prototype._inline = function () { return this._config.mode === "inline"; };

    MediaEditor.prototype._build = function () {
        var iframe = document.createElement("iframe");
        var query = new URLSearchParams();
        var origin = location.origin && location.origin !== "null" ? location.origin : window.origin;
        var parentUrl = new URL(origin); // an opaque origin throws, as with Cloudinary's loaders
        query.set("pmHost", parentUrl.protocol + "//" + parentUrl.host);
        query.set("me_id", this.meId);
        iframe.setAttribute("frameborder", "no");
        iframe.setAttribute("title", "Media Editor");
        iframe.style.cssText = "width:100%;height:100%;border:none;display:block;";
        var self = this;
        iframe.addEventListener("load", function () {
            // A page that did not say ME_LOADED (an error answer) is not waited for forever.
            if (!self._ready)
                setTimeout(function () {
                    if (!self._ready && !self._destroyed)
                        self._fail("The Media Editor page did not load.");
                }, 5000);
        });
        var host;
        if (this._inline()) {
            host = this._options.appendTo || document.body;
            if (typeof host === "string")
                host = document.querySelector(host);
            if (!host)
                throw new Error("Element Not Found (" + this._options.appendTo + ")");
            this._frame = iframe;
        } else {
            var wrapper = document.createElement("div");
            wrapper.style.cssText = "position:fixed;inset:0;box-sizing:border-box;background:rgba(0,0,0,0.5);"
                + "padding:" + (window.innerWidth >= 700 ? "25px" : "0") + ";z-index:99999;display:none;";
            wrapper.appendChild(iframe);
            host = document.body;
            this._frame = wrapper;
        }
        host.appendChild(this._frame);
        this.iframe = iframe;
        iframe.src = EDITOR_ORIGIN + EDITOR_PATH + "?" + query.toString();
    };

    MediaEditor.prototype._send = function (type, data) {
        if (!this._ready) {
            this._queue.push([type, data]);
            return;
        }
        var message = { type: type, data: Object.assign({ meId: this.meId }, data || {}) };
        this.iframe.contentWindow.postMessage(JSON.stringify(message), EDITOR_ORIGIN);
    };

    MediaEditor.prototype._fail = function (message) {
        this._errors.push(message);
        this._emit("error", { message: message });
    };

    MediaEditor.prototype._receive = function (event) {
        if (!this.iframe || event.source !== this.iframe.contentWindow || event.origin !== EDITOR_ORIGIN)
            return;
        var message = event.data;
        if (typeof message !== "string")
            return;
        try { message = JSON.parse(message); } catch (e) { return; }
        if (!message || typeof message.type !== "string" || !message.data || message.data.meId !== this.meId)
            return;
        var data = message.data;
        switch (message.type) {
        case "ME_LOADED":
            if (this._ready)
                return;
            this._ready = true;
            this._send("ME_INIT", { config: this._config });
            var queued = this._queue;
            this._queue = [];
            queued.forEach(function (entry) {
                if (entry[0] !== "ME_CONFIG") // ME_INIT has carried the latest configuration
                    this._send(entry[0], entry[1]);
            }, this);
            break;
        case "ME_EXPORT_DATA":
            this._emit("export", { transformation: String(data.transformation || ""),
                                   assets: Array.isArray(data.assets) ? data.assets : [] });
            break;
        case "ME_CLOSE":
            this._close();
            break;
        case "ME_STEP":
            if (data.direction === "next" || data.direction === "prev")
                this._emit(data.direction, { params: { toStep: String(data.toStep || "") } });
            break;
        case "ME_ERROR":
            this._fail(String(data.message || "Media Editor error"));
            break;
        }
    };

    MediaEditor.prototype.show = function () {
        if (this._destroyed)
            throw new Error("The Media Editor was destroyed");
        if (!this.iframe)
            this._build();
        this._frame.style.display = "block";
        if (!this._inline()) {
            document.body.style.overflow = "hidden";
            document.addEventListener("keydown", this._onKey);
        }
        this._visible = true;
        this._send("ME_SHOW", {});
        return this;
    };

    MediaEditor.prototype._hideFrame = function () {
        if (!this._frame)
            return;
        this._frame.style.display = "none";
        if (!this._inline()) {
            document.body.style.overflow = "";
            document.removeEventListener("keydown", this._onKey);
        }
        this._visible = false;
    };

    MediaEditor.prototype._close = function () {
        var wasVisible = this._visible;
        this._hideFrame();
        if (wasVisible)
            this._emit("close", {});
    };

    MediaEditor.prototype.hide = function () {
        if (this.iframe)
            this._send("ME_HIDE", {});
        this._hideFrame();
        return Promise.resolve();
    };

    MediaEditor.prototype.triggerExport = function () {
        if (!this.iframe)
            throw new Error("The Media Editor is not shown");
        this._send("ME_EXPORT", {});
        return this;
    };

    MediaEditor.prototype.getIframe = function () {
        return Promise.resolve(this.iframe);
    };

    MediaEditor.prototype.destroy = function () {
        this._hideFrame();
        window.removeEventListener("message", this._onMessage);
        if (this._frame && this._frame.parentNode)
            this._frame.parentNode.removeChild(this._frame);
        this._frame = null;
        this.iframe = null;
        this._listeners = {};
        this._destroyed = true;
    };

    var cloudinary = window.cloudinary = window.cloudinary || {};
    cloudinary.mediaEditor = function (options) {
        return new MediaEditor(options);
    };
})();
