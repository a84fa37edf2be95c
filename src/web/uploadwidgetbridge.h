#pragma once

#include "widgetbridge.h"

#include "core/widgets/uploadwidgetsigner.h"

#include <QJsonObject>
#include <QPointer>

namespace stratus::web {

/// The Upload widget's one C++ object (issue 15, point 2). Its host page calls:
///
/// - `signature` with the widget's `params_to_sign` (an object): answered with the lower-case hex
///   signature, and only that, when the UploadWidgetSigner accepts it (what the person chose, a
///   fresh timestamp, no unexpected key); refused with `refused` otherwise, and with `unsigned` when
///   there is no signer (a token environment uploads through an unsigned preset instead);
/// - `event` with `{event, info}`: a `success` carries one upload's result, which must name a public
///   ID, a resource type and a version (uploaded() fires with it); `queues-end` and `error` are
///   passed on; any other event is accepted and ignored;
/// - `close`: the widget was closed (closeRequested()).
///
/// The secret is fetched by the signer for each signature and never reaches the page. Owned by the
/// Upload widget's window; the signer (not owned) may be null and must outlive the bridge. GUI thread.
class UploadWidgetBridge : public WidgetBridge
{
    Q_OBJECT

public:
    explicit UploadWidgetBridge(core::UploadWidgetSigner *signer, QObject *parent = nullptr);

    [[nodiscard]] QStringList methods() const override;
    [[nodiscard]] core::UploadWidgetSigner *signer() const { return m_signer.data(); }
    /// The signer of the next signatures (null: none, the token route).
    void setSigner(core::UploadWidgetSigner *signer) { m_signer = signer; }

    /// How many uploads the widget reported (success events accepted).
    [[nodiscard]] int uploadCount() const { return m_uploadCount; }

Q_SIGNALS:
    /// One file was uploaded; `result` is the Upload API's answer as the widget gave it.
    void uploaded(const QJsonObject &result);
    /// The widget's queue finished (every file done or failed).
    void queueFinished();
    /// The widget reported an error; `message` is the widget's text (not shown as HTML).
    void widgetError(const QString &message);
    /// A signature was refused; `reason` is ASCII for logs and tests (never a value).
    void signatureRefused(const QString &reason);
    void closeRequested();

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override;

private:
    void sign(const QJsonValue &argument, const Reply &reply);
    void event(const QJsonValue &argument, const Reply &reply);

    QPointer<core::UploadWidgetSigner> m_signer;
    int m_uploadCount = 0;
};

/// Whether `result` looks like one asset of the Upload API's answers: non-empty `asset_id`,
/// `public_id`, `resource_type` and `type` texts (a missing type is "upload"), and a positive `version`.
[[nodiscard]] bool isUploadResult(const QJsonObject &result);

} // namespace stratus::web
