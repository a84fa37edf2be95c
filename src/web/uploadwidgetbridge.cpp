#include "uploadwidgetbridge.h"

#include "core/widgets/uploadwidgetsigner.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace stratus::web {

Q_LOGGING_CATEGORY(lcUploadWidget, "stratus.web.uploadwidget")

namespace {

constexpr qsizetype kMaxMessage = 2000;

} // namespace

bool isUploadResult(const QJsonObject &result)
{
    const auto text = [&](const QString &key) {
        const QJsonValue value = result.value(key);
        return value.isString() && !value.toString().isEmpty() && value.toString().size() <= 1024;
    };
    const QJsonValue type = result.value(u"type"_s);
    return text(u"asset_id"_s) && text(u"public_id"_s) && text(u"resource_type"_s)
        && (type.isUndefined() || text(u"type"_s)) && result.value(u"version"_s).toDouble() > 0;
}

UploadWidgetBridge::UploadWidgetBridge(core::UploadWidgetSigner *signer, QObject *parent)
    : WidgetBridge(parent)
    , m_signer(signer)
{
}

QStringList UploadWidgetBridge::methods() const
{
    return {u"signature"_s, u"event"_s, u"close"_s};
}

void UploadWidgetBridge::handle(const QString &method, const QJsonValue &argument, Reply reply)
{
    if (method == u"signature")
        return sign(argument, reply);
    if (method == u"event")
        return event(argument, reply);
    // close
    reply(Answer::success(true));
    Q_EMIT closeRequested();
}

void UploadWidgetBridge::sign(const QJsonValue &argument, const Reply &reply)
{
    if (!argument.isObject()) {
        Q_EMIT signatureRefused(u"not-an-object"_s);
        return reply(Answer::failure(u"bad-argument"_s));
    }
    core::UploadWidgetSigner *signer = m_signer.data();
    if (signer == nullptr) {
        Q_EMIT signatureRefused(u"unsigned"_s);
        return reply(Answer::failure(u"unsigned"_s));
    }
    const QPointer<UploadWidgetBridge> self(this);
    signer->sign(argument.toObject(), [self, reply](core::Result<QString> signature) {
        if (signature) {
            reply(Answer::success(signature.value()));
            return;
        }
        // The subject names the key that was wrong, never a value.
        qCInfo(lcUploadWidget) << "refused to sign the Upload widget's parameters:"
                               << int(signature.error().reason) << signature.error().subject;
        if (self)
            Q_EMIT self->signatureRefused(signature.error().subject.isEmpty() ? u"refused"_s
                                                                              : signature.error().subject);
        reply(Answer::failure(signature.error().kind == core::Error::Kind::InvalidInput ? u"refused"_s
                                                                                        : u"unavailable"_s));
    });
}

void UploadWidgetBridge::event(const QJsonValue &argument, const Reply &reply)
{
    const QJsonObject object = argument.toObject();
    const QJsonValue name = object.value(u"event"_s);
    if (!argument.isObject() || !name.isString())
        return reply(Answer::failure(u"bad-argument"_s));
    const QString event = name.toString();
    if (event == u"success") {
        const QJsonObject info = object.value(u"info"_s).toObject();
        if (!isUploadResult(info))
            return reply(Answer::failure(u"bad-argument"_s));
        ++m_uploadCount;
        reply(Answer::success(true));
        Q_EMIT uploaded(info);
        return;
    }
    reply(Answer::success(true));
    if (event == u"queues-end") {
        Q_EMIT queueFinished();
    } else if (event == u"error") {
        Q_EMIT widgetError(
            object.value(u"info"_s).toObject().value(u"message"_s).toString().left(kMaxMessage));
    }
}

} // namespace stratus::web
