#include "standinwidgetsservice.h"

#include "store/assetstore.h"

#include <QFile>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace stratus::sandbox {

namespace {

const QStringList &kinds()
{
    static const QStringList names = {u"media-editor"_s, u"video-player"_s, u"product-gallery"_s};
    return names;
}

QByteArray resource(const QString &kind, const QString &name)
{
    QFile file(u":/sandbox-widgets/"_s + kind + u'/' + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Like the Media Library's pages: never cached (the sandbox's port changes between runs), nothing
// sniffed, no Referer (the editor page's URL names the host page's origin).
ApiResponse staticFile(QByteArray body, QByteArray type)
{
    if (body.isEmpty())
        return ApiResponse::error(404, QStringLiteral("Not found"));
    ApiResponse response = ApiResponse::bytes(std::move(body), std::move(type));
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    return response;
}

// Where pictures and videos come from for scripts running in the host page: the sandbox under the
// name the page used for the script (checked by the sandbox's head check: one of its own names).
QString deliveryBase(const StandInWidgetsService::Context &ctx)
{
    return ctx.host.isEmpty() ? ctx.apiBaseUrl : u"http://"_s + ctx.host;
}

bool onWidgetsOrigin(const StandInWidgetsService::Context &ctx)
{
    return ctx.host.compare(ctx.widgetsOrigin.section(u"//"_s, 1), Qt::CaseInsensitive) == 0;
}

} // namespace

bool StandInWidgetsService::handles(const ApiRequest &request)
{
    const QStringList &seg = request.segments;
    return seg.size() == 3 && seg.at(0) == u"widgets" && kinds().contains(seg.at(1));
}

ApiResponse StandInWidgetsService::handle(const Context &ctx, const ApiRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return ApiResponse::error(405, QStringLiteral("Method not allowed"));
    const QString kind = request.segments.at(1);
    const QString file = request.segments.at(2);
    const QByteArray script = "text/javascript; charset=utf-8";
    if (kind == u"video-player") {
        if (file == u"player.min.js") {
            QByteArray body = resource(kind, file);
            // Our own names and a port: nothing in them needs escaping in a JS string.
            body.replace("@DELIVERY_BASE@", deliveryBase(ctx).toLatin1());
            return staticFile(body, script);
        }
        if (file == u"player.min.css")
            return staticFile(resource(kind, file), "text/css; charset=utf-8");
        return ApiResponse::error(404, QStringLiteral("Not found"));
    }
    if (kind == u"product-gallery") {
        if (file != u"all.js")
            return ApiResponse::error(404, QStringLiteral("Not found"));
        QByteArray body = resource(kind, file);
        body.replace("@DELIVERY_BASE@", deliveryBase(ctx).toLatin1());
        return staticFile(body, script);
    }
    // The Media Editor: the loader under any name, its page and the page's data on the widgets
    // origin only (under the clients' host the loader's origin check would check nothing).
    if (file == u"all.js") {
        QByteArray body = resource(kind, file);
        body.replace("@EDITOR_ORIGIN@", ctx.widgetsOrigin.toLatin1());
        return staticFile(body, script);
    }
    if (!onWidgetsOrigin(ctx))
        return ApiResponse::error(
            404, QStringLiteral("The Media Editor's pages are served on %1 only").arg(ctx.widgetsOrigin));
    if (file == u"editor.html")
        return editorPage(ctx);
    if (file == u"editor.js")
        return staticFile(resource(kind, file), script);
    if (file == u"editor.css")
        return staticFile(resource(kind, file), "text/css; charset=utf-8");
    if (file == u"asset")
        return editorAsset(ctx, request);
    return ApiResponse::error(404, QStringLiteral("Not found"));
}

ApiResponse StandInWidgetsService::editorPage(const Context &ctx)
{
    ApiResponse response
        = staticFile(resource(u"media-editor"_s, u"editor.html"_s), "text/html; charset=utf-8");
    // Scripts, styles and data of its own origin; pictures and videos from the clients' host.
    const QString policy = QStringLiteral("default-src 'none'; script-src 'self'; style-src 'self'; "
                                          "connect-src 'self'; img-src 'self' data: %1; media-src %1; "
                                          "base-uri 'none'; form-action 'none'")
                               .arg(ctx.apiBaseUrl);
    response.setHeader("Content-Security-Policy", policy.toUtf8());
    return response;
}

ApiResponse StandInWidgetsService::editorAsset(const Context &ctx, const ApiRequest &request)
{
    const QString cloudName = request.param(QStringLiteral("cloud_name"));
    const QString publicId = request.param(QStringLiteral("public_id"));
    QString resourceType = request.param(QStringLiteral("resource_type"));
    QString type = request.param(QStringLiteral("type"));
    if (resourceType.isEmpty())
        resourceType = u"image"_s;
    if (type.isEmpty())
        type = u"upload"_s;
    if (!ctx.environment(cloudName))
        return ApiResponse::error(
            404, QStringLiteral("This sandbox has no product environment called \"%1\".").arg(cloudName));
    if (resourceType != u"image" && resourceType != u"video")
        return ApiResponse::error(400, QStringLiteral("The Media Editor edits images and videos only."));
    // What the page learns is what the public delivery URL shows anyway; restricted assets would
    // need the editor's signing hook, which the stand-in does not have.
    if (type != u"upload")
        return ApiResponse::error(
            403,
            QStringLiteral("The sandbox's Media Editor edits public (upload) assets only, not \"%1\".")
                .arg(type));
    const Asset *asset = ctx.store.find(cloudName, resourceType, type, publicId);
    if (!asset)
        return ApiResponse::error(404, QStringLiteral("Resource not found - %1").arg(publicId));
    QJsonObject json {{u"public_id"_s, asset->publicId},
                      {u"resource_type"_s, asset->resourceType},
                      {u"type"_s, asset->type},
                      {u"format"_s, asset->format},
                      {u"version"_s, double(asset->version)},
                      {u"width"_s, asset->width},
                      {u"height"_s, asset->height},
                      {u"delivery_base"_s, QString(ctx.apiBaseUrl + u'/' + cloudName)}};
    if (asset->resourceType == u"video")
        json.insert(u"duration"_s, asset->duration);
    ApiResponse response = ApiResponse::json(json);
    response.setHeader("Cache-Control", "no-store");
    return response;
}

} // namespace stratus::sandbox
