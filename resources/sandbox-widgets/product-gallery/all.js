/* stratus-sandbox: stand-in for Cloudinary's Product Gallery (product-gallery.cloudinary.com/all.js).
 * cloudinary.galleryWidget(options) -> gallery with render(), update(options), setItem(index),
 * destroy(), on/off(name, fn). Renders in the host page (as the real one does, no iframe): a main
 * view and a carousel of thumbnails (or indicators) of options.mediaAssets — {publicId, mediaType
 * 'image'|'video'|'spin', resourceType, transformation, thumbnailTransformation, altText} or {tag,
 * mediaType}, a tag read from <base>/<cloud>/<type>/list/<tag>.json — from the sandbox's delivery
 * URLs; videos in a <video>. Arrow keys, navigation buttons and a click-to-zoom main picture.
 * Layout options: aspectRatio, carouselLocation, carouselOffset, carouselStyle, thumbnailProps,
 * navigation, zoom, bgColor, borderColor, borderWidth, radius, themeProps, videoProps, queryParam,
 * sort. Events (the stand-in's; the real widget's were not verified): render {count}, itemchange
 * {index, asset}, error {message}. Every name and text goes into the DOM as text or attributes. */
(function () {
    "use strict";
    var DELIVERY_BASE = "@DELIVERY_BASE@";
    var STYLE_ID = "cld-pg-standin-style";
    var CSS = [
        ".cld-pg{--cld-pg-primary:#fff;--cld-pg-on-primary:#0c163b;--cld-pg-active:#3448c5;display:flex;gap:var(--cld-pg-offset,5px);",
        "font:13px/1.3 system-ui,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:var(--cld-pg-on-primary);outline:none;min-width:0}",
        ".cld-pg:focus-visible .cld-pg-main{box-shadow:0 0 0 2px var(--cld-pg-active)}",
        ".cld-pg.cld-pg-bottom{flex-direction:column}.cld-pg.cld-pg-top{flex-direction:column-reverse}",
        ".cld-pg.cld-pg-left{flex-direction:row-reverse}.cld-pg.cld-pg-right{flex-direction:row}",
        ".cld-pg-main{position:relative;flex:1;min-width:0;overflow:hidden;background:var(--cld-pg-bg,#fff);",
        "border:var(--cld-pg-border-width,0) solid var(--cld-pg-border-color,transparent);border-radius:var(--cld-pg-radius,0)}",
        ".cld-pg-main img,.cld-pg-main video{position:absolute;inset:0;width:100%;height:100%;object-fit:contain;display:block}",
        ".cld-pg-main img{transition:transform .15s ease-out;cursor:zoom-in}.cld-pg-main.cld-pg-zoomed img{cursor:zoom-out}",
        ".cld-pg-nav{position:absolute;top:50%;transform:translateY(-50%);width:34px;height:34px;border-radius:50%;",
        "border:1px solid rgba(12,22,59,.2);background:var(--cld-pg-primary);color:var(--cld-pg-on-primary);font-size:18px;",
        "cursor:pointer;opacity:.9;z-index:2;padding:0;line-height:1;display:flex;align-items:center;justify-content:center}",
        ".cld-pg svg{display:block}",
        ".cld-pg-nav:hover{opacity:1;border-color:var(--cld-pg-active)}.cld-pg-prev{left:8px}.cld-pg-next{right:8px}",
        ".cld-pg.cld-pg-nav-mouseover:not(:hover) .cld-pg-nav{opacity:0}",
        ".cld-pg-carousel{display:flex;gap:var(--cld-pg-spacing,5px);overflow:auto;padding:2px;flex:none}",
        ".cld-pg-left .cld-pg-carousel,.cld-pg-right .cld-pg-carousel{flex-direction:column}",
        // Centred under (or over) the main view, and still scrollable from the first when too many.
        ".cld-pg-bottom .cld-pg-carousel>:first-child,.cld-pg-top .cld-pg-carousel>:first-child{margin-left:auto}",
        ".cld-pg-bottom .cld-pg-carousel>:last-child,.cld-pg-top .cld-pg-carousel>:last-child{margin-right:auto}",
        ".cld-pg-thumb{position:relative;flex:none;padding:0;border:2px solid transparent;border-radius:3px;background:#e9edf5;",
        "cursor:pointer;overflow:hidden;width:var(--cld-pg-thumb-w,64px);height:var(--cld-pg-thumb-h,64px)}",
        ".cld-pg-thumb img{width:100%;height:100%;object-fit:cover;display:block}",
        ".cld-pg-thumb.cld-pg-selected{border-color:var(--cld-pg-active)}",
        ".cld-pg-thumb .cld-pg-symbol{position:absolute;right:3px;bottom:3px;background:rgba(12,22,59,.75);color:#fff;",
        "border-radius:50%;width:18px;height:18px;display:flex;align-items:center;justify-content:center}",
        ".cld-pg-indicators{display:flex;gap:8px;justify-content:center;padding:6px;flex:none}",
        ".cld-pg-left .cld-pg-indicators,.cld-pg-right .cld-pg-indicators{flex-direction:column}",
        ".cld-pg-dot{width:10px;height:10px;border-radius:50%;border:none;padding:0;background:#c9d1e0;cursor:pointer}",
        ".cld-pg-dot.cld-pg-selected{background:var(--cld-pg-active)}",
        ".cld-pg-message{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:16px;",
        "text-align:center;color:#66718f}"
    ].join("");
    var RATIOS = { square: 1, "1:1": 1, "3:4": 3 / 4, "4:3": 4 / 3, "4:6": 4 / 6, "6:4": 6 / 4, "5:7": 5 / 7,
                   "7:5": 7 / 5, "5:8": 5 / 8, "8:5": 8 / 5, "9:16": 9 / 16, "16:9": 16 / 9, "21:9": 21 / 9 };
    var SHORT = {
        width: "w", height: "h", crop: "c", gravity: "g", quality: "q", fetch_format: "f", effect: "e",
        angle: "a", radius: "r", aspect_ratio: "ar", background: "b", opacity: "o", dpr: "dpr", x: "x", y: "y",
        zoom: "z", flags: "fl", named: "t", start_offset: "so", end_offset: "eo"
    };

    function transformationString(t) {
        if (!t)
            return "";
        if (typeof t === "string")
            return t;
        if (Array.isArray(t))
            return t.map(transformationString).filter(function (s) { return s; }).join("/");
        if (typeof t.raw_transformation === "string")
            return t.raw_transformation;
        return Object.keys(t).filter(function (k) { return SHORT[k]; }).sort(function (a, b) {
            return SHORT[a] < SHORT[b] ? -1 : SHORT[a] > SHORT[b] ? 1 : 0;
        }).map(function (k) { return SHORT[k] + "_" + t[k]; }).join(",");
    }

    function element(tag, className, parent) {
        var e = document.createElement(tag);
        if (className)
            e.className = className;
        if (parent)
            parent.appendChild(e);
        return e;
    }

    // Icons as inline SVG in the text colour (a font may lack the arrows and the play sign): a
    // stroked line, or a filled shape.
    var SVG = "http://www.w3.org/2000/svg";
    function icon(parent, d, size, filled) {
        var svg = document.createElementNS(SVG, "svg");
        svg.setAttribute("viewBox", "0 0 24 24");
        svg.setAttribute("width", String(size));
        svg.setAttribute("height", String(size));
        svg.setAttribute("aria-hidden", "true");
        var path = document.createElementNS(SVG, "path");
        path.setAttribute("d", d);
        if (filled) {
            path.setAttribute("fill", "currentColor");
        } else {
            path.setAttribute("fill", "none");
            path.setAttribute("stroke", "currentColor");
            path.setAttribute("stroke-width", "2.2");
            path.setAttribute("stroke-linecap", "round");
            path.setAttribute("stroke-linejoin", "round");
        }
        svg.appendChild(path);
        parent.appendChild(svg);
        return svg;
    }

    function ensureStyle() {
        if (document.getElementById(STYLE_ID))
            return;
        var style = element("style");
        style.id = STYLE_ID;
        style.textContent = CSS;
        (document.head || document.documentElement).appendChild(style);
    }

    function Gallery(options) {
        this._options = Object.assign({}, options || {});
        this._listeners = {};
        this._items = [];
        this._index = 0;
        this._root = null;
        this._generation = 0;
    }

    Gallery.prototype.on = function (name, fn) {
        if (typeof fn === "function")
            (this._listeners[name] = this._listeners[name] || []).push(fn);
        return this;
    };
    Gallery.prototype.off = function (name, fn) {
        var list = this._listeners[name] || [];
        this._listeners[name] = fn ? list.filter(function (l) { return l !== fn; }) : [];
        return this;
    };
    Gallery.prototype._emit = function (name, data) {
        (this._listeners[name] || []).slice().forEach(function (l) { l(data); });
    };

    Gallery.prototype._container = function () {
        var c = this._options.container;
        var found = typeof c === "string" ? document.querySelector(c) : c;
        if (!found || !found.appendChild)
            throw new Error("Product Gallery: container not found (" + c + ")");
        return found;
    };

    Gallery.prototype._cloud = function () {
        var cloud = this._options.cloudName || this._options.cloud_name;
        if (!cloud)
            throw new Error("Product Gallery: cloudName is required");
        return String(cloud);
    };

    Gallery.prototype._url = function (resourceType, publicId, transformation, extension) {
        var path = String(publicId).split("/").map(encodeURIComponent).join("/");
        var query = this._options.queryParam ? "?_i=" + encodeURIComponent(this._options.queryParam) : "";
        return DELIVERY_BASE + "/" + encodeURIComponent(this._cloud()) + "/" + resourceType + "/upload/"
            + (transformation ? transformation + "/" : "") + path + (extension ? "." + extension : "") + query;
    };

    // The media assets as items: {publicId, mediaType, resourceType, transformation, …}, tags read.
    Gallery.prototype._resolve = function () {
        var self = this;
        var entries = Array.isArray(this._options.mediaAssets) ? this._options.mediaAssets : [];
        return Promise.all(entries.map(function (entry) {
            if (typeof entry === "string")
                entry = { publicId: entry };
            if (!entry || typeof entry !== "object")
                return [];
            var mediaType = entry.mediaType === "video" ? "video" : entry.mediaType === "spin" ? "spin" : "image";
            var resourceType = entry.resourceType || (mediaType === "video" ? "video" : "image");
            if (typeof entry.publicId === "string" && entry.publicId)
                return [Object.assign({}, entry, { mediaType: mediaType, resourceType: resourceType })];
            if (typeof entry.tag !== "string" || !entry.tag)
                return [];
            var list = DELIVERY_BASE + "/" + encodeURIComponent(self._cloud()) + "/" + resourceType + "/list/"
                + encodeURIComponent(entry.tag) + ".json";
            return fetch(list, { credentials: "omit" }).then(function (response) {
                if (!response.ok)
                    throw new Error("The list of the tag \u201c" + entry.tag + "\u201d is not available (HTTP "
                                    + response.status + ")");
                return response.json();
            }).then(function (json) {
                var resources = Array.isArray(json.resources) ? json.resources.slice() : [];
                var sort = self._options.sort;
                if (sort === "asc" || sort === "desc")
                    resources.sort(function (a, b) {
                        var r = String(a.public_id) < String(b.public_id) ? -1 : 1;
                        return sort === "asc" ? r : -r;
                    });
                return resources.map(function (r) {
                    return { publicId: String(r.public_id), mediaType: mediaType, resourceType: resourceType,
                             transformation: entry.transformation, thumbnailTransformation: entry.thumbnailTransformation,
                             altText: entry.altText };
                });
            });
        })).then(function (lists) {
            return [].concat.apply([], lists);
        });
    };

    Gallery.prototype.render = function () {
        var self = this;
        var generation = ++this._generation;
        var container;
        try {
            container = this._container();
            this._cloud();
        } catch (e) {
            this._emit("error", { message: e.message });
            return Promise.reject(e);
        }
        ensureStyle();
        this._teardown();
        this._build(container);
        return this._resolve().then(function (items) {
            if (generation !== self._generation)
                return;
            self._items = items;
            var start = Number(self._options.startIndex) || 0;
            self._index = Math.max(0, Math.min(items.length - 1, start));
            self._fill();
            self._emit("render", { count: items.length });
        }).catch(function (e) {
            if (generation !== self._generation)
                return;
            self._message(e.message);
            self._emit("error", { message: e.message });
        });
    };

    Gallery.prototype.update = function (options) {
        Object.assign(this._options, options || {});
        return this._root ? this.render() : Promise.resolve();
    };

    Gallery.prototype._build = function (container) {
        var o = this._options;
        var location = ["top", "bottom", "left", "right"].indexOf(o.carouselLocation) >= 0 ? o.carouselLocation : "bottom";
        var root = element("div", "cld-pg cld-pg-" + location);
        root.tabIndex = 0;
        root.setAttribute("role", "region");
        root.setAttribute("aria-roledescription", "gallery");
        root.setAttribute("aria-label", "Product gallery");
        if (o.navigation === "mouseover")
            root.classList.add("cld-pg-nav-mouseover");
        var css = root.style;
        css.setProperty("--cld-pg-offset", (Number(o.carouselOffset) >= 0 ? Number(o.carouselOffset) : 5) + "px");
        var thumbs = o.thumbnailProps || {};
        css.setProperty("--cld-pg-thumb-w", (Number(thumbs.width) || 64) + "px");
        css.setProperty("--cld-pg-thumb-h", (Number(thumbs.height) || 64) + "px");
        css.setProperty("--cld-pg-spacing", (Number(thumbs.spacing) >= 0 ? Number(thumbs.spacing) : 5) + "px");
        if (typeof o.bgColor === "string")
            css.setProperty("--cld-pg-bg", o.bgColor);
        if (typeof o.borderColor === "string")
            css.setProperty("--cld-pg-border-color", o.borderColor);
        if (Number(o.borderWidth) > 0)
            css.setProperty("--cld-pg-border-width", Number(o.borderWidth) + "px");
        if (Number(o.radius) > 0)
            css.setProperty("--cld-pg-radius", Number(o.radius) + "px");
        var theme = o.themeProps || {};
        if (typeof theme.primary === "string")
            css.setProperty("--cld-pg-primary", theme.primary);
        if (typeof theme.onPrimary === "string")
            css.setProperty("--cld-pg-on-primary", theme.onPrimary);
        if (typeof theme.active === "string")
            css.setProperty("--cld-pg-active", theme.active);

        var main = element("div", "cld-pg-main", root);
        var ratio = RATIOS[o.aspectRatio] || 1;
        main.style.aspectRatio = String(ratio);
        var self = this;
        if (o.navigation !== "none") {
            var prev = element("button", "cld-pg-nav cld-pg-prev", main);
            prev.type = "button";
            prev.setAttribute("aria-label", "Previous");
            icon(prev, "M15 5l-7 7 7 7", 18);
            prev.addEventListener("click", function () { self._step(-1); });
            var next = element("button", "cld-pg-nav cld-pg-next", main);
            next.type = "button";
            next.setAttribute("aria-label", "Next");
            icon(next, "M9 5l7 7-7 7", 18);
            next.addEventListener("click", function () { self._step(1); });
        }
        var style = o.carouselStyle === "indicators" || o.carouselStyle === "none" ? o.carouselStyle : "thumbnails";
        var strip = style === "none" ? null
            : element("div", style === "indicators" ? "cld-pg-indicators" : "cld-pg-carousel", root);
        root.addEventListener("keydown", function (e) {
            var back = e.key === "ArrowLeft" || e.key === "ArrowUp";
            var forward = e.key === "ArrowRight" || e.key === "ArrowDown";
            if (!back && !forward)
                return;
            e.preventDefault();
            self._step(back ? -1 : 1);
        });
        container.appendChild(root);
        // The main picture follows the view's size (as the real widget's breakpoints): a bigger
        // view asks for the next bigger picture, so that it is never blurred.
        if (typeof ResizeObserver === "function") {
            this._observer = new ResizeObserver(function () { self._sharpen(); });
            this._observer.observe(main);
        }
        this._root = root;
        this._main = main;
        this._strip = strip;
        this._stripStyle = style;
    };

    Gallery.prototype._message = function (text) {
        if (!this._main)
            return;
        var box = this._main.querySelector(".cld-pg-message") || element("div", "cld-pg-message", this._main);
        box.textContent = text;
    };

    Gallery.prototype._fill = function () {
        var self = this;
        if (!this._items.length) {
            this._message("No media assets to show.");
            return;
        }
        if (this._strip) {
            this._strip.textContent = "";
            this._items.forEach(function (item, i) {
                var button = element("button", self._stripStyle === "indicators" ? "cld-pg-dot" : "cld-pg-thumb", self._strip);
                button.type = "button";
                button.dataset.index = String(i);
                button.setAttribute("aria-label", item.altText || item.publicId);
                button.title = item.altText || item.publicId;
                if (self._stripStyle !== "indicators") {
                    var img = element("img", "", button);
                    img.alt = "";
                    img.loading = "lazy";
                    img.src = self._thumbnailUrl(item);
                    if (item.mediaType === "video")
                        icon(element("span", "cld-pg-symbol", button), "M8 5v14l11-7z", 10, true);
                }
                button.addEventListener("click", function () { self.setItem(i); });
            });
        }
        this._show();
    };

    Gallery.prototype._thumbnailUrl = function (item) {
        var thumbs = this._options.thumbnailProps || {};
        var dpr = Math.min(3, Math.ceil(window.devicePixelRatio || 1));
        var size = "c_fill,h_" + (Number(thumbs.height) || 64) * dpr + ",w_" + (Number(thumbs.width) || 64) * dpr;
        var own = transformationString(item.thumbnailTransformation);
        var t = [own, size].filter(function (s) { return s; }).join("/");
        return item.resourceType === "video" ? this._url("video", item.publicId, t, "jpg")
            : this._url("image", item.publicId, t, "");
    };

    // The main picture's size: the view's, rounded up to imageBreakpoint steps (200 by default).
    Gallery.prototype._mainSize = function () {
        var step = Number(this._options.imageBreakpoint) > 0 ? Number(this._options.imageBreakpoint) : 200;
        var dpr = Math.min(3, window.devicePixelRatio || 1);
        var box = this._main.getBoundingClientRect();
        var width = Math.max(step, Math.ceil(box.width * dpr / step) * step);
        var height = Math.max(step, Math.ceil(box.height * dpr / step) * step);
        return { w: width, h: height };
    };

    Gallery.prototype._show = function () {
        var item = this._items[this._index];
        var main = this._main;
        var self = this;
        Array.prototype.slice.call(main.querySelectorAll("img,video,.cld-pg-message")).forEach(function (e) {
            if (e.tagName === "VIDEO")
                e.pause();
            main.removeChild(e);
        });
        main.classList.remove("cld-pg-zoomed");
        var own = transformationString(item.transformation || this._options.transformation);
        var size = this._mainSize();
        this._shownSize = size;
        var limit = "c_limit,h_" + size.h + ",w_" + size.w;
        if (item.mediaType === "video") {
            var props = this._options.videoProps || {};
            var video = element("video", "cld-pg-video");
            video.controls = props.controls !== "none";
            video.muted = props.sound !== true;
            video.loop = !!props.loop;
            video.autoplay = props.autoplay !== false;
            video.playsInline = true;
            video.preload = "metadata";
            video.poster = this._url("video", item.publicId, [own, limit].filter(function (s) { return s; }).join("/"), "jpg");
            video.src = this._url("video", item.publicId, own, "mp4");
            if (item.altText)
                video.setAttribute("aria-label", item.altText);
            main.insertBefore(video, main.firstChild);
        } else {
            var img = element("img", "cld-pg-image");
            img.alt = item.altText || "";
            img.draggable = false;
            img.src = this._url("image", item.publicId, [own, limit].filter(function (s) { return s; }).join("/"), "");
            if (this._options.zoom !== false)
                this._zoomable(img);
            img.addEventListener("error", function () { self._message("This picture cannot be shown."); });
            main.insertBefore(img, main.firstChild);
        }
        if (this._strip) {
            Array.prototype.forEach.call(this._strip.children, function (button) {
                var selected = Number(button.dataset.index) === self._index;
                button.classList.toggle("cld-pg-selected", selected);
                button.setAttribute("aria-current", selected ? "true" : "false");
                if (selected && button.scrollIntoView)
                    button.scrollIntoView({ block: "nearest", inline: "nearest" });
            });
        }
        this._root.dataset.index = String(this._index);
    };

    Gallery.prototype._sharpen = function () {
        var img = this._main && this._main.querySelector("img.cld-pg-image");
        var item = this._items[this._index];
        if (!img || !item || item.mediaType === "video" || !this._shownSize)
            return;
        var size = this._mainSize();
        if (size.w <= this._shownSize.w && size.h <= this._shownSize.h)
            return;
        this._shownSize = size;
        var own = transformationString(item.transformation || this._options.transformation);
        var limit = "c_limit,h_" + size.h + ",w_" + size.w;
        img.src = this._url("image", item.publicId, [own, limit].filter(function (s) { return s; }).join("/"), "");
    };

    Gallery.prototype._zoomable = function (img) {
        var main = this._main;
        img.addEventListener("click", function (e) {
            var zoomed = main.classList.toggle("cld-pg-zoomed");
            img.style.transform = zoomed ? "scale(2)" : "";
            if (zoomed)
                pan(e);
        });
        function pan(e) {
            var box = main.getBoundingClientRect();
            img.style.transformOrigin = ((e.clientX - box.left) / box.width * 100) + "% "
                + ((e.clientY - box.top) / box.height * 100) + "%";
        }
        img.addEventListener("mousemove", function (e) {
            if (main.classList.contains("cld-pg-zoomed"))
                pan(e);
        });
    };

    Gallery.prototype._step = function (delta) {
        if (!this._items.length)
            return;
        this.setItem((this._index + delta + this._items.length) % this._items.length);
    };

    Gallery.prototype.setItem = function (index) {
        index = Number(index);
        if (!this._root || !(index >= 0 && index < this._items.length) || Math.floor(index) !== index)
            return this;
        if (index !== this._index) {
            this._index = index;
            this._show();
            var item = this._items[index];
            this._emit("itemchange", { index: index, asset: { publicId: item.publicId, mediaType: item.mediaType } });
        }
        return this;
    };

    Gallery.prototype._teardown = function () {
        if (this._observer) {
            this._observer.disconnect();
            this._observer = null;
        }
        if (this._root) {
            Array.prototype.forEach.call(this._root.querySelectorAll("video"), function (v) { v.pause(); });
            if (this._root.parentNode)
                this._root.parentNode.removeChild(this._root);
        }
        this._root = this._main = this._strip = null;
    };

    Gallery.prototype.destroy = function () {
        ++this._generation;
        this._teardown();
        this._items = [];
        this._listeners = {};
    };

    var cloudinary = window.cloudinary = window.cloudinary || {};
    cloudinary.galleryWidget = function (options) {
        return new Gallery(options);
    };
})();
