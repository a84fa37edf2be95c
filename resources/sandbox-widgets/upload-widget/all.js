/* stratus-sandbox: stand-in for Cloudinary's Upload widget loader
 * (upload-widget.cloudinary.com/latest/global/all.js). Same public API — cloudinary.setCloudName,
 * createUploadWidget, openUploadWidget, applyUploadWidget; instances with open, close, hide, show,
 * minimize, update, destroy, isShowing, isMinimized, isDestroyed — and the same loader<->iframe
 * protocol (shared/reference/widget-protocols.md, "Upload widget"): uw_init as a JSON string after
 * the iframe's load (showOnStart false), uw_show and uw_file as plain objects, uw_config, uw_hide and
 * uw_mini as JSON strings; from the iframe only flat JSON strings {type, widgetId, ...} of the
 * widget origin and this instance's widgetId: uw_prepare (answered with [{signature}] from
 * prepareUploadParams, a function uploadSignature, or a string one), uw_prebatch, uw_tags,
 * uw_event (upload-finish -> callback {event: "success"}), uw_hide (-> {event: "close"}). */
(function () {
    "use strict";
    var FRAME_ORIGIN = "@FRAME_ORIGIN@";
    var FRAME_PATH = "/widgets/upload-widget/frame/index.html";
    var WIDGET_VERSION = "2.0.0-stratus-sandbox";
    // Options update() cannot change (as Cloudinary's loader).
    var FIXED_OPTIONS = ["secure", "uploadSignature", "getTags", "preBatch", "inlineContainer", "fieldName"];
    var counter = 0;
    var defaultCloudName = null;

    function camel(name) {
        return name.replace(/_([a-z])/g, function (m, c) { return c.toUpperCase(); });
    }

    // snake_case aliases (cloud_name, upload_preset, api_key, ...) read as their camelCase names.
    function normalized(options) {
        var out = {};
        Object.keys(options || {}).forEach(function (key) {
            var name = key.indexOf("_") >= 0 ? camel(key) : key;
            if (out[name] === undefined || name === key)
                out[name] = options[key];
        });
        return out;
    }

    // What the iframe may receive: functions and DOM nodes dropped, everything else as JSON.
    function plain(value) {
        if (typeof value === "function" || (typeof Node !== "undefined" && value instanceof Node))
            return undefined;
        if (Array.isArray(value))
            return value.map(plain).filter(function (v) { return v !== undefined; });
        if (value && typeof value === "object") {
            var out = {};
            Object.keys(value).forEach(function (k) {
                var v = plain(value[k]);
                if (v !== undefined)
                    out[k] = v;
            });
            return out;
        }
        return value;
    }

    function resolve(element) {
        return typeof element === "string" ? document.querySelector(element) : element;
    }

    function UploadWidget(options, callback) {
        var self = this;
        this.widgetId = "widget_" + (++counter);
        this.options = normalized(options);
        this.callback = typeof callback === "function" ? callback : function () {};
        if (!this.options.cloudName && defaultCloudName)
            this.options.cloudName = defaultCloudName;
        if (!this.options.cloudName)
            throw new Error("Upload widget: cloudName is required");
        this._loaded = false;
        this._pending = [];
        this._showing = false;
        this._minimized = false;
        this._destroyed = false;

        // Like Cloudinary's loader: the parent's origin from location.
        var origin = location.origin && location.origin !== "null" ? location.origin : window.origin;
        var parentUrl = new URL(origin);
        var pmHost = parentUrl.protocol + "//" + parentUrl.host;
        var query = new URLSearchParams();
        query.set("cloudName", this.options.cloudName);
        query.set("pmHost", pmHost);
        query.set("widgetId", this.widgetId);

        var iframe = document.createElement("iframe");
        iframe.setAttribute("frameborder", "no");
        iframe.setAttribute("allow", "camera");
        iframe.setAttribute("title", "Upload Widget");
        iframe.style.cssText = "width:100%;height:100%;border:none;background:transparent;";
        this.iframe = iframe;
        this._inline = !!this.options.inlineContainer;
        if (this._inline) {
            var container = resolve(this.options.inlineContainer);
            if (!container)
                throw new Error("Upload widget: inline container not found (" + this.options.inlineContainer + ")");
            iframe.style.display = "none";
            container.appendChild(iframe);
            this._frame = iframe;
        } else {
            var wrapper = document.createElement("div");
            wrapper.style.cssText = "position:fixed;top:0;left:0;width:100%;height:100%;box-sizing:border-box;"
                + "background:rgba(0,0,0,0.5);visibility:hidden;padding:" + (window.innerWidth >= 700 ? "40px" : "0")
                + ";z-index:1000000;";
            iframe.style.maxWidth = "820px";
            iframe.style.margin = "0 auto";
            iframe.style.display = "block";
            wrapper.appendChild(iframe);
            document.body.appendChild(wrapper);
            this._frame = wrapper;
        }

        this._onLoad = function () {
            self._loaded = true;
            self._postJson("uw_init", self._initData());
            var pending = self._pending;
            self._pending = [];
            pending.forEach(function (fn) { fn(); });
        };
        iframe.addEventListener("load", this._onLoad);
        this._onMessage = function (event) { self._receive(event); };
        window.addEventListener("message", this._onMessage);
        iframe.src = FRAME_ORIGIN + FRAME_PATH + "?" + query.toString();
    }

    UploadWidget.prototype._initData = function () {
        var o = this.options;
        var data = plain(o);
        data.widgetVersion = WIDGET_VERSION;
        data.secure = o.secure !== false;
        data.requirePrepareParams = !!(o.prepareUploadParams || o.uploadSignature);
        data.useTagsCallback = typeof o.getTags === "function";
        data.usePreBatchCallback = typeof o.preBatch === "function";
        data.useUploadPresetsCallback = typeof o.getUploadPresets === "function";
        data.inlineMode = this._inline;
        data.fieldName = o.fieldName || "image";
        data.widgetId = this.widgetId;
        data.showOnStart = false;
        delete data.inlineContainer;
        return data;
    };

    // Once the iframe has loaded (uw_init first), or at once.
    UploadWidget.prototype._whenLoaded = function (fn) {
        if (this._loaded)
            fn();
        else
            this._pending.push(fn);
    };

    UploadWidget.prototype._postJson = function (type, data) {
        if (this._destroyed || !this.iframe.contentWindow)
            return;
        this.iframe.contentWindow.postMessage(JSON.stringify({ type: type, data: data }), FRAME_ORIGIN);
    };

    // uw_show and uw_file go as objects (structured clone: Files and Blobs pass, functions throw).
    UploadWidget.prototype._postObject = function (type, data) {
        if (this._destroyed || !this.iframe.contentWindow)
            return;
        this.iframe.contentWindow.postMessage({ type: type, data: data }, FRAME_ORIGIN);
    };

    UploadWidget.prototype._result = function (event, info, message) {
        return { event: event, info: info, uw_event: true, data: message };
    };

    UploadWidget.prototype._receive = function (event) {
        if (this._destroyed || event.source !== this.iframe.contentWindow || event.origin !== FRAME_ORIGIN)
            return;
        // The loader parses strings only: a message posted as an object is ignored.
        if (typeof event.data !== "string")
            return;
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        if (!message || typeof message !== "object" || message.widgetId !== this.widgetId)
            return;
        var self = this;
        var o = this.options;
        switch (message.type) {
        case "uw_prepare":
            this._prepare(message.request);
            break;
        case "uw_prebatch":
            if (typeof o.preBatch === "function")
                o.preBatch(function (answer) { self._postJson("uw_prebatch", plain(answer || {})); }, message.request);
            else
                this._postJson("uw_prebatch", {});
            break;
        case "uw_tags":
            if (typeof o.getTags === "function")
                o.getTags(function (tags) { self._postJson("uw_tags", plain(tags || [])); }, message.prefix);
            else
                this._postJson("uw_tags", []);
            break;
        case "uw_event":
            if (message.event === "upload-finish") {
                this.callback(null, this._result("success", message.info, message));
            } else if (message.event === "error") {
                var info = message.info || {};
                this.callback({ status: info.status, statusText: info.statusText },
                              this._result("error", info, message));
            } else {
                // The iframe's own minimize and expand buttons.
                if (message.event === "display-changed" && this._showing) {
                    if (message.info === "minimized" && !this._minimized)
                        this._miniStyle(true);
                    else if ((message.info === "shown" || message.info === "expanded") && this._minimized)
                        this._miniStyle(false);
                }
                this.callback(null, this._result(message.event, message.info, message));
            }
            break;
        case "uw_hide":
            this._hideFrame();
            this.callback(null, this._result("close", undefined, message));
            break;
        default:
            break;
        }
    };

    // The iframe's params_to_sign: answered with an array of what the host's function gives.
    UploadWidget.prototype._prepare = function (request) {
        var self = this;
        var o = this.options;
        var answered = false;
        function answer(list) {
            if (answered)
                return;
            answered = true;
            self._postJson("uw_prepare", list);
        }
        try {
            if (typeof o.prepareUploadParams === "function") {
                o.prepareUploadParams(function (params) {
                    answer(plain(Array.isArray(params) ? params : [params || {}]));
                }, request);
            } else if (typeof o.uploadSignature === "function") {
                o.uploadSignature(function (signature) {
                    answer([{ signature: typeof signature === "string" ? signature : "" }]);
                }, request);
            } else if (typeof o.uploadSignature === "string") {
                answer([{ signature: o.uploadSignature }]);
            } else {
                answer([{}]);
            }
        } catch (e) {
            answer([{ signature: "", error: String(e && e.message || e) }]);
        }
    };

    UploadWidget.prototype._showFrame = function () {
        if (this._inline) {
            this.iframe.style.display = "block";
        } else {
            this._frame.style.visibility = "visible";
            if (!this._showing)
                this._bodyOverflow = document.body.style.overflow;
        }
        this._showing = true;
        this._miniStyle(false);
    };

    UploadWidget.prototype._hideFrame = function () {
        if (this._inline) {
            this.iframe.style.display = "none";
        } else {
            this._frame.style.visibility = "hidden";
        }
        this._showing = false;
        this._miniStyle(false);
        if (!this._inline)
            document.body.style.overflow = this._bodyOverflow || "";
    };

    UploadWidget.prototype.open = function (source, options) {
        var self = this;
        if (this._destroyed)
            return this;
        this._showFrame();
        this._whenLoaded(function () {
            self._postObject("uw_show", { source: source || null, options: {} });
            if (options && Array.isArray(options.files) && options.files.length)
                self._postObject("uw_file", { files: options.files });
        });
        return this;
    };

    UploadWidget.prototype.show = function () {
        var self = this;
        if (this._destroyed)
            return this;
        this._showFrame();
        this._whenLoaded(function () { self._postObject("uw_show", { source: null, options: { restore: true } }); });
        return this;
    };

    UploadWidget.prototype.close = function (options) {
        var self = this;
        if (this._destroyed)
            return this;
        this._hideFrame();
        this._whenLoaded(function () {
            self._postJson("uw_hide", { reset: true, quiet: !!(options && options.quiet) });
        });
        return this;
    };

    UploadWidget.prototype.hide = function () {
        var self = this;
        if (this._destroyed)
            return this;
        this._hideFrame();
        this._whenLoaded(function () { self._postJson("uw_hide", { reset: false }); });
        return this;
    };

    UploadWidget.prototype.minimize = function () {
        var self = this;
        if (this._destroyed || !this._showing)
            return this;
        this._miniStyle(true);
        this._whenLoaded(function () { self._postJson("uw_mini", {}); });
        return this;
    };

    // A modal widget minimized is a small bar in the corner, the page usable around it.
    UploadWidget.prototype._miniStyle = function (on) {
        this._minimized = on;
        if (this._inline)
            return;
        var s = this.iframe.style;
        if (on) {
            this._frame.style.background = "transparent";
            this._frame.style.padding = "0";
            this._frame.style.pointerEvents = "none";
            s.pointerEvents = "auto";
            s.position = "absolute";
            s.right = "16px";
            s.bottom = "16px";
            s.width = "320px";
            s.height = "56px";
            document.body.style.overflow = this._bodyOverflow || "";
        } else {
            this._frame.style.background = "rgba(0,0,0,0.5)";
            this._frame.style.padding = window.innerWidth >= 700 ? "40px" : "0";
            this._frame.style.pointerEvents = "";
            s.position = "";
            s.right = "";
            s.bottom = "";
            s.width = "100%";
            s.height = "100%";
            if (this._showing)
                document.body.style.overflow = "hidden";
        }
    };

    UploadWidget.prototype.update = function (options) {
        var self = this;
        if (this._destroyed)
            return this;
        var changes = normalized(options);
        FIXED_OPTIONS.forEach(function (k) { delete changes[k]; });
        Object.keys(changes).forEach(function (k) { self.options[k] = changes[k]; });
        this._whenLoaded(function () { self._postJson("uw_config", plain(changes)); });
        return this;
    };

    UploadWidget.prototype.destroy = function () {
        if (!this._destroyed) {
            this._hideFrame();
            this._destroyed = true;
            window.removeEventListener("message", this._onMessage);
            this.iframe.removeEventListener("load", this._onLoad);
            if (this._frame.parentNode)
                this._frame.parentNode.removeChild(this._frame);
            if (this._button && this._button.parentNode)
                this._button.parentNode.removeChild(this._button);
        }
        return Promise.resolve();
    };

    UploadWidget.prototype.isShowing = function () { return !this._destroyed && this._showing; };
    UploadWidget.prototype.isMinimized = function () { return !this._destroyed && this._minimized; };
    UploadWidget.prototype.isDestroyed = function () { return this._destroyed; };

    var cloudinary = window.cloudinary = window.cloudinary || {};
    cloudinary.setCloudName = function (name) { defaultCloudName = name; };
    cloudinary.createUploadWidget = function (options, callback) {
        return new UploadWidget(options, callback);
    };
    cloudinary.openUploadWidget = function (options, callback) {
        return cloudinary.createUploadWidget(options, callback).open();
    };
    cloudinary.applyUploadWidget = function (element, options, callback) {
        var widget = cloudinary.createUploadWidget(options, callback);
        var target = resolve(element);
        if (target) {
            var button = document.createElement("a");
            button.href = "#";
            button.className = widget.options.buttonClass || "cloudinary-button";
            button.textContent = widget.options.buttonCaption || "Upload image";
            button.addEventListener("click", function (e) { e.preventDefault(); widget.open(); });
            target.parentNode.insertBefore(button, target);
            target.style.display = "none";
            widget._button = button;
        }
        return widget;
    };
})();
