#include "uploadwidgetservice.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

QByteArray resource(const QString &name)
{
    QFile file(u":/sandbox-widgets/upload-widget/"_s + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ApiResponse asset(QByteArray body, QByteArray type)
{
    ApiResponse response = ApiResponse::bytes(std::move(body), std::move(type));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    return response;
}

} // namespace

bool UploadWidgetService::handles(const ApiRequest &request)
{
    return request.segments.value(0) == u"widgets" && request.segments.value(1) == u"upload-widget";
}

ApiResponse UploadWidgetService::handle(const Context &ctx, const ApiRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return ApiResponse::error(405, u"Method not allowed"_s);
    const QStringList &seg = request.segments;
    if (seg.size() == 3 && seg.at(2) == u"all.js") {
        QByteArray script = resource(u"all.js"_s);
        // Our own origin (localhost and a port number): nothing in it needs escaping in a JS string.
        script.replace("@FRAME_ORIGIN@", ctx.widgetsOrigin.toLatin1());
        return asset(script, "text/javascript; charset=utf-8");
    }
    if (seg.size() != 4 || seg.at(2) != u"frame")
        return ApiResponse::error(404, u"Not found"_s);
    // The widget page lives on the widgets origin only: under the clients' host it would share their
    // origin, and the loader's origin check would be a check of nothing.
    const QString widgetsHost = ctx.widgetsOrigin.section(u"//"_s, 1);
    if (ctx.host.compare(widgetsHost, Qt::CaseInsensitive) != 0)
        return ApiResponse::error(404, u"The Upload widget is served on %1 only"_s.arg(ctx.widgetsOrigin));
    const QString &file = seg.at(3);
    if (file == u"widget.js")
        return asset(resource(file), "text/javascript; charset=utf-8");
    if (file == u"widget.css")
        return asset(resource(file), "text/css; charset=utf-8");
    if (file != u"index.html")
        return ApiResponse::error(404, u"Not found"_s);
    QByteArray html = resource(u"index.html"_s);
    html.replace("@API_BASE@", ctx.apiBaseUrl.toHtmlEscaped().toUtf8());
    ApiResponse response = asset(html, "text/html; charset=utf-8");
    // Scripts and styles of its own origin; uploads and thumbnails to and from the Upload API and
    // delivery (the clients' host); the camera's stream and snapshots as blobs.
    const QString policy = u"default-src 'none'; script-src 'self'; style-src 'self'; connect-src %1; "
                           "img-src 'self' data: blob: %1; media-src 'self' blob: mediastream:; "
                           "base-uri 'none'; form-action 'none'"_s.arg(ctx.apiBaseUrl);
    response.setHeader("Content-Security-Policy", policy.toUtf8());
    return response;
}

} // namespace stratus::sandbox
