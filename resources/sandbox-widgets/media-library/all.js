/* stratus-sandbox: stand-in for Cloudinary's Media Library loader
 * (media-library.cloudinary.com/global/all.js). Same public API — cloudinary.createMediaLibrary,
 * cloudinary.openMediaLibrary, instance show/hide/on/once/off — and the same loader<->iframe
 * protocol (shared/reference/widget-protocols.md, "Media Library"): JSON-string messages
 * {type, data}, consoleLoaded -> ML_WIDGET_INIT, ML_WIDGET_SHOW after the iframe's load,
 * ML_WIDGET_HIDE, and from the iframe ML_WIDGET_INSERT_DATA / _HIDE / _ERROR / _EXPOSE_IDENTITY /
 * _ASSET_UPLOAD / _DELETE_DATA, accepted only from the console origin with the instance's mlId. */
(function () {
    "use strict";
    var CONSOLE_ORIGIN = "@CONSOLE_ORIGIN@";
    var CONSOLE_PATH = "/console/media_library/cms";
    var AUTH_KEYS = ["cloud_name", "api_key", "username", "timestamp", "signature", "integration",
                     "use_saml", "remove_header"];
    var CONFIG_KEYS = ["integration", "inline_container", "z_index", "multiple", "max_files",
                       "default_transformations", "insert_caption", "remove_header", "folder", "search",
                       "collection", "asset", "transformation", "sandboxNotAllowedAttributes"];
    var SANDBOX_TOKENS = ["allow-forms", "allow-modals", "allow-orientation-lock", "allow-pointer-lock",
                          "allow-popups", "allow-popups-to-escape-sandbox", "allow-presentation",
                          "allow-same-origin", "allow-scripts", "allow-top-navigation",
                          "allow-top-navigation-by-user-activation", "allow-downloads"];
    var EVENTS = {
        ML_WIDGET_INSERT_DATA: "insert",
        ML_WIDGET_HIDE: "hide",
        ML_WIDGET_ERROR: "error",
        ML_WIDGET_EXPOSE_IDENTITY: "identity",
        ML_WIDGET_ASSET_UPLOAD: "upload",
        ML_WIDGET_DELETE_DATA: "delete"
    };

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

    function encodeValue(value) {
        if (value && typeof value === "object") {
            return Object.keys(value).map(function (k) {
                return k + ":" + encodeURIComponent(String(value[k]));
            }).join("|");
        }
        return String(value);
    }

    function pick(options, keys) {
        var out = {};
        keys.forEach(function (k) {
            if (options[k] !== undefined)
                out[k] = options[k];
        });
        return out;
    }

    function Emitter() { this._listeners = {}; }
    Emitter.prototype.on = function (name, fn) {
        (this._listeners[name] = this._listeners[name] || []).push(fn);
        return this;
    };
    Emitter.prototype.addListener = Emitter.prototype.on;
    Emitter.prototype.once = function (name, fn) {
        var self = this;
        function wrapper() { self.off(name, wrapper); fn.apply(self, arguments); }
        wrapper.listener = fn;
        return this.on(name, wrapper);
    };
    Emitter.prototype.off = function (name, fn) {
        var list = this._listeners[name] || [];
        this._listeners[name] = list.filter(function (l) { return l !== fn && l.listener !== fn; });
        return this;
    };
    Emitter.prototype.removeListener = Emitter.prototype.off;
    Emitter.prototype.removeAllListeners = function (name) {
        if (name === undefined)
            this._listeners = {};
        else
            delete this._listeners[name];
        return this;
    };
    Emitter.prototype.emit = function (name) {
        var args = Array.prototype.slice.call(arguments, 1);
        var list = (this._listeners[name] || []).slice();
        if (name === "error" && list.length === 0)
            throw (args[0] instanceof Error ? args[0] : new Error("Unhandled error event"));
        list.forEach(function (l) { l.apply(this, args); }, this);
        return list.length > 0;
    };

    function MediaLibrary(options, callbacks, element) {
        Emitter.call(this);
        var self = this;
        options = options || {};
        callbacks = callbacks || {};
        var noop = function () {};
        this.on("insert", callbacks.insertHandler || noop);
        this.on("show", callbacks.showHandler || noop);
        this.on("hide", callbacks.hideHandler || noop);
        this.on("identity", callbacks.identityHandler || noop);
        this.on("error", callbacks.errorHandler || noop);

        this.mlId = uuid();
        this.options = options;
        // Like Cloudinary's loader: the parent's origin from location; an opaque origin ("null")
        // throws TypeError: Invalid URL.
        var origin = location.origin && location.origin !== "null" ? location.origin : window.origin;
        var parentUrl = new URL(origin);
        var pmHost = parentUrl.protocol + "//" + parentUrl.host;

        var config = pick(options, CONFIG_KEYS);
        if (Array.isArray(options.sandboxAttributes)) {
            config.sandboxNotAllowedAttributes = SANDBOX_TOKENS.filter(function (t) {
                return options.sandboxAttributes.indexOf(t) < 0;
            });
        }
        this._config = config;

        var query = new URLSearchParams();
        query.set("pmHost", pmHost);
        query.set("new_cms", "true");
        query.set("ml_id", this.mlId);
        if (Array.isArray(options.sandboxAttributes) && options.sandboxAttributes.indexOf("allow-popups") < 0)
            query.set("sandbox_no_popup", "true");
        AUTH_KEYS.forEach(function (k) {
            if (options[k])
                query.set(k, encodeValue(options[k]));
        });
        var consoleUrl = CONSOLE_ORIGIN + CONSOLE_PATH + "?" + query.toString();
        var src = consoleUrl;
        if (options.access_token) {
            var hop = new URLSearchParams();
            hop.set("access_token", options.access_token);
            hop.set("redirect_url", consoleUrl);
            if (options.cloud_name)
                hop.set("cloud_name", options.cloud_name);
            src = CONSOLE_ORIGIN + "/console/api/v1/auth/login_with_oauth_token?" + hop.toString();
        }

        var iframe = document.createElement("iframe");
        iframe.setAttribute("frameborder", "no");
        iframe.setAttribute("allow", "camera");
        iframe.setAttribute("title", "Media Library");
        iframe.style.width = "100%";
        iframe.style.height = "100%";
        iframe.style.border = "none";
        this.iframe = iframe;
        this._loaded = false;
        this._pendingShow = null;
        this._inline = !!options.inline_container;

        if (this._inline) {
            var container = typeof options.inline_container === "string"
                ? document.querySelector(options.inline_container) : options.inline_container;
            if (!container)
                throw new Error("Element Not Found (" + options.inline_container + ")");
            iframe.style.display = "none";
            container.appendChild(iframe);
            this._frame = iframe;
        } else {
            var wrapper = document.createElement("div");
            wrapper.style.cssText = "position:fixed;top:0;left:0;width:100%;height:100%;box-sizing:border-box;"
                + "background:rgba(0,0,0,0.5);visibility:hidden;"
                + "padding:" + (window.innerWidth >= 700 ? "25px" : "0") + ";"
                + "z-index:" + (options.z_index || 99999) + ";";
            wrapper.appendChild(iframe);
            document.body.appendChild(wrapper);
            this._frame = wrapper;
        }

        iframe.addEventListener("load", function () {
            self._loaded = true;
            if (self._pendingShow) {
                var pending = self._pendingShow;
                self._pendingShow = null;
                self._postShow(pending);
            }
        });
        window.addEventListener("message", function (event) { self._onMessage(event); });
        this._onKey = function (event) {
            if (event.keyCode === 27)
                self.hide();
        };
        iframe.src = src;

        if (element) {
            var target = typeof element === "string" ? document.querySelector(element) : element;
            if (target) {
                var button = document.createElement("button");
                button.className = options.button_class || "cloudinary-button";
                button.textContent = options.button_caption || "Open Media Library";
                button.addEventListener("click", function (e) { e.preventDefault(); self.show(); });
                target.style.display = "none";
                target.parentNode.insertBefore(button, target);
            }
        }
    }
    MediaLibrary.prototype = Object.create(Emitter.prototype);
    MediaLibrary.prototype.constructor = MediaLibrary;

    MediaLibrary.prototype._post = function (type, data) {
        if (!this.iframe.contentWindow)
            return;
        this.iframe.contentWindow.postMessage(JSON.stringify({ type: type, data: data }), CONSOLE_ORIGIN);
    };

    MediaLibrary.prototype._postShow = function (options) {
        var opts = Object.assign({}, options, { config: options });
        this._post("ML_WIDGET_SHOW", { mlId: this.mlId, options: opts, config: options });
    };

    MediaLibrary.prototype._onMessage = function (event) {
        var message = event.data;
        if (typeof message === "string") {
            try { message = JSON.parse(message); } catch (e) { return; }
        }
        if (!message || typeof message !== "object" || typeof message.type !== "string")
            return;
        if (event.source !== this.iframe.contentWindow)
            return;
        if (message.type === "consoleLoaded") {
            this._post("ML_WIDGET_INIT", {
                mlId: this.mlId,
                mlUrl: { origin: location.origin, href: location.href },
                config: this._config
            });
            return;
        }
        if (event.origin !== CONSOLE_ORIGIN || !message.data || message.data.mlId !== this.mlId)
            return;
        var name = EVENTS[message.type];
        if (!name)
            return;
        if (name === "hide") {
            this._hideFrame();
            return;
        }
        this.emit(name, message.data);
        if (name === "insert" && !this._inline)
            this._hideFrame();
    };

    MediaLibrary.prototype.show = function (options) {
        options = Object.assign({}, options || {});
        if (this._loaded)
            this._postShow(options);
        else
            this._pendingShow = options;
        if (this._inline) {
            this.iframe.style.display = "block";
        } else {
            this._frame.style.visibility = "visible";
            document.body.style.overflow = "hidden";
            document.addEventListener("keydown", this._onKey);
        }
        this.emit("show");
        return this;
    };

    MediaLibrary.prototype._hideFrame = function () {
        if (this._inline) {
            this.iframe.style.display = "none";
        } else {
            this._frame.style.visibility = "hidden";
            document.body.style.overflow = "";
            document.removeEventListener("keydown", this._onKey);
        }
        this.emit("hide");
    };

    MediaLibrary.prototype.hide = function () {
        this._post("ML_WIDGET_HIDE", { mlId: this.mlId });
        this._hideFrame();
        return this;
    };

    var cloudinary = window.cloudinary = window.cloudinary || {};
    cloudinary.createMediaLibrary = function (options, callbacks, element) {
        return new MediaLibrary(options, callbacks, element);
    };
    cloudinary.openMediaLibrary = function (options, callbacks, element) {
        return cloudinary.createMediaLibrary(options, callbacks, element).show(options);
    };
})();
