// The sandbox's Admin API: named transformations and upload presets.
#include "adminservice.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace stratus::sandbox {

namespace {

QJsonArray transformationInfo(const QString &transformation)
{
    static const QHash<QString, QString> longNames = {
        {QStringLiteral("a"), QStringLiteral("angle")},
        {QStringLiteral("ar"), QStringLiteral("aspect_ratio")},
        {QStringLiteral("b"), QStringLiteral("background")},
        {QStringLiteral("bo"), QStringLiteral("border")},
        {QStringLiteral("c"), QStringLiteral("crop")},
        {QStringLiteral("co"), QStringLiteral("color")},
        {QStringLiteral("d"), QStringLiteral("default_image")},
        {QStringLiteral("dpr"), QStringLiteral("dpr")},
        {QStringLiteral("e"), QStringLiteral("effect")},
        {QStringLiteral("f"), QStringLiteral("fetch_format")},
        {QStringLiteral("fl"), QStringLiteral("flags")},
        {QStringLiteral("g"), QStringLiteral("gravity")},
        {QStringLiteral("h"), QStringLiteral("height")},
        {QStringLiteral("l"), QStringLiteral("overlay")},
        {QStringLiteral("o"), QStringLiteral("opacity")},
        {QStringLiteral("q"), QStringLiteral("quality")},
        {QStringLiteral("r"), QStringLiteral("radius")},
        {QStringLiteral("t"), QStringLiteral("transformation")},
        {QStringLiteral("u"), QStringLiteral("underlay")},
        {QStringLiteral("w"), QStringLiteral("width")},
        {QStringLiteral("x"), QStringLiteral("x")},
        {QStringLiteral("y"), QStringLiteral("y")},
        {QStringLiteral("z"), QStringLiteral("zoom")},
    };
    QJsonArray info;
    for (const QString &step : transformation.split(u'/', Qt::SkipEmptyParts)) {
        QJsonObject component;
        for (const QString &param : step.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype underscore = param.indexOf(u'_');
            const QString key = param.left(underscore);
            const QString value = underscore < 0 ? QString() : param.mid(underscore + 1);
            bool numeric = false;
            const double number = value.toDouble(&numeric);
            component.insert(longNames.value(key, key), numeric ? QJsonValue(number) : QJsonValue(value));
        }
        info.append(component);
    }
    return info;
}

QString normaliseTransformationName(QString name)
{
    if (name.startsWith(QStringLiteral("t_")))
        name.remove(0, 2);
    return name;
}

QJsonObject presetJson(const QString &name, const QJsonObject &preset)
{
    return QJsonObject {{QStringLiteral("name"), name},
                        {QStringLiteral("unsigned"), preset.value(QStringLiteral("unsigned")).toBool()},
                        {QStringLiteral("settings"), preset.value(QStringLiteral("settings")).toObject()},
                        {QStringLiteral("external_id"), externalId(QStringLiteral("preset:") + name)}};
}

// Upload preset settings from a create/update call: every parameter but the preset's own fields.

QJsonObject presetSettingsFrom(const ApiRequest &request, QJsonObject settings)
{
    static const QSet<QString> own
        = {QStringLiteral("name"),     QStringLiteral("unsigned"), QStringLiteral("disallow_public_id"),
           QStringLiteral("live"),     QStringLiteral("api_key"),  QStringLiteral("timestamp"),
           QStringLiteral("signature")};
    for (const auto &[name, value] : request.params) {
        if (!own.contains(name))
            settings.insert(name, value);
    }
    for (auto it = request.json.begin(); it != request.json.end(); ++it) {
        if (!own.contains(it.key()))
            settings.insert(it.key(), it.value());
    }
    return settings;
}

} // namespace

ApiResponse AdminService::transformations(const ApiContext &ctx, const QStringList &path,
                                          const ApiRequest &request)
{
    const auto named = ctx.store.namedTransformations(ctx.env.cloudName);
    QString error;
    auto entry = [](const QString &name) {
        return QJsonObject {{QStringLiteral("name"), QString(QStringLiteral("t_") + name)},
                            {QStringLiteral("allowed_for_strict"), false},
                            {QStringLiteral("used"), false},
                            {QStringLiteral("named"), true}};
    };
    // The Node SDK names the transformation in a `transformation` parameter of GET/PUT/DELETE
    // transformations; other clients put it in the path. Both mean the same call.
    if (path.isEmpty() && request.method != "POST" && request.hasParam(QStringLiteral("transformation")))
        return transformations(ctx, {request.param(QStringLiteral("transformation"))}, request);
    if (path.isEmpty()) {
        if (request.method == "POST") {
            const QString name = normaliseTransformationName(request.param(QStringLiteral("name")));
            const QString transformation = request.param(QStringLiteral("transformation"));
            if (name.isEmpty() || transformation.isEmpty())
                return ApiResponse::error(
                    400, QStringLiteral("Missing required parameter - name or transformation"));
            if (named.contains(name))
                return ApiResponse::error(409,
                                          QStringLiteral("Transformation t_%1 already exists").arg(name));
            if (!ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
                return ApiResponse::error(500, error);
            return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("created")}});
        }
        QJsonArray list;
        for (auto it = named.cbegin(); it != named.cend(); ++it)
            list.append(entry(it.key()));
        return ApiResponse::json({{QStringLiteral("transformations"), list}});
    }
    const QString name = normaliseTransformationName(path.join(u'/'));
    if (request.method == "POST") {
        const QString transformation = request.param(QStringLiteral("transformation"));
        if (transformation.isEmpty())
            return ApiResponse::error(400, QStringLiteral("Missing required parameter - transformation"));
        if (named.contains(name))
            return ApiResponse::error(409, QStringLiteral("Transformation t_%1 already exists").arg(name));
        if (!ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("created")}});
    }
    if (!named.contains(name))
        return ApiResponse::error(404, QStringLiteral("Transformation t_%1 not found").arg(name));
    if (request.method == "PUT") {
        const QString transformation = request.param(QStringLiteral("unsafe_update"));
        if (!transformation.isEmpty()
            && !ctx.store.putNamedTransformation(ctx.env.cloudName, name, transformation, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("updated")}});
    }
    if (request.method == "DELETE") {
        if (!ctx.store.removeNamedTransformation(ctx.env.cloudName, name, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("deleted")}});
    }
    QJsonObject json = entry(name);
    json.insert(QStringLiteral("info"), transformationInfo(named.value(name)));
    json.insert(QStringLiteral("derived"), QJsonArray());
    return ApiResponse::json(json);
}

ApiResponse AdminService::uploadPresets(const ApiContext &ctx, const QStringList &path,
                                        const ApiRequest &request)
{
    const auto presets = ctx.store.uploadPresets(ctx.env.cloudName);
    QString error;
    if (path.isEmpty()) {
        if (request.method == "POST") {
            QString name = request.param(QStringLiteral("name"));
            if (name.isEmpty())
                name = randomHexId().left(8);
            if (presets.contains(name))
                return ApiResponse::error(409, QStringLiteral("Upload preset %1 already exists").arg(name));
            const QJsonObject preset {
                {QStringLiteral("unsigned"), request.boolParam(QStringLiteral("unsigned"))},
                {QStringLiteral("settings"), presetSettingsFrom(request, {})}};
            if (!ctx.store.putUploadPreset(ctx.env.cloudName, name, preset, &error))
                return ApiResponse::error(500, error);
            return ApiResponse::json(
                {{QStringLiteral("message"), QStringLiteral("created")},
                 {QStringLiteral("name"), name},
                 {QStringLiteral("external_id"), externalId(QStringLiteral("preset:") + name)}});
        }
        QJsonArray list;
        for (auto it = presets.cbegin(); it != presets.cend(); ++it)
            list.append(presetJson(it.key(), it.value()));
        return ApiResponse::json({{QStringLiteral("presets"), list}});
    }
    const QString name = path.join(u'/');
    if (!presets.contains(name))
        return ApiResponse::error(404, QStringLiteral("Upload preset %1 not found").arg(name));
    if (request.method == "PUT") {
        QJsonObject preset = presets.value(name);
        if (request.hasParam(QStringLiteral("unsigned")))
            preset.insert(QStringLiteral("unsigned"), request.boolParam(QStringLiteral("unsigned")));
        preset.insert(QStringLiteral("settings"),
                      presetSettingsFrom(request, preset.value(QStringLiteral("settings")).toObject()));
        if (!ctx.store.putUploadPreset(ctx.env.cloudName, name, preset, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("updated")}});
    }
    if (request.method == "DELETE") {
        if (!ctx.store.removeUploadPreset(ctx.env.cloudName, name, &error))
            return ApiResponse::error(500, error);
        return ApiResponse::json({{QStringLiteral("message"), QStringLiteral("deleted")}});
    }
    return ApiResponse::json(presetJson(name, presets.value(name)));
}

} // namespace stratus::sandbox
