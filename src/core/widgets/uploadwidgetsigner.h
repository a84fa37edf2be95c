#pragma once

#include "core/signing/apisigner.h"
#include "core/util/result.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace stratus::core {

class Clock;
class SecretSource;

/// What the person chose in Stratus for the uploads of one Upload widget: the upload parameters
/// the widget may ask to sign, each exactly as chosen. An empty text (or list) means "not chosen":
/// the widget must then leave the key out (or blank, which is not signed).
struct UploadWidgetChoice
{
    QString folder; ///< `folder`: the folder shown, in fixed folder mode
    QString assetFolder; ///< `asset_folder`: the folder shown, in dynamic folder mode
    QString uploadPreset; ///< `upload_preset`
    QString publicId; ///< `public_id`
    QStringList tags; ///< `tags`, in the order the widget is given them
    /// Further keys the widget may send with any scalar or list value (from configuration:
    /// `unique_filename`, `custom_coordinates`, …). `notification_url` and `eager` are refused
    /// unless they are named here.
    QStringList allowedExtraKeys;
};

/// Signs the Upload widget's `params_to_sign` (the object its `uploadSignature(callback,
/// params_to_sign)` function receives; reference/cloudinary-widgets.md §2.6) — and nothing else.
/// The signing callback is an oracle any script in the page can call (widget-protocols.md, "Upload
/// widget"), so before the secret is fetched the request must be one of the widget's own uploads
/// of what the person chose:
///
/// - `source` is `"uw"`;
/// - `timestamp` is whole seconds (a number, or its digits as text) within 10 minutes of the
///   clock, either way;
/// - `folder`, `asset_folder`, `upload_preset`, `public_id` and `tags` are exactly as in the
///   UploadWidgetChoice (`tags` as a list of texts or as one comma-separated text);
/// - no other key unless it is on the choice's allow-list (so no `notification_url`, no `eager`);
/// - every value is text, a number, a boolean, null, or a list of those (an object would be signed
///   as "[object Object]", a nested list flattened: neither is what the widget sends).
///
/// An accepted object is signed as it is, with the environment's ApiSigner (algorithm and
/// signature version) — api_sign_request(params_to_sign, api_secret), as Cloudinary's own
/// signing endpoints do — and only the hex signature is answered. A refusal is an Error of kind
/// InvalidInput whose reason says why and whose subject names the key (never a value, never the
/// secret). An environment signed in with a token cannot sign: NeedsApiSecret (its uploads take
/// the token route, which is the caller's to choose).
///
/// One per Upload widget (one per environment), owned by the widget's host; lives in its thread.
/// The clock and the secret source must outlive it.
class UploadWidgetSigner final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QString>)>;

    /// The most seconds a widget's timestamp may be away from the clock.
    static constexpr qint64 kMaxTimestampSkewSeconds = 10 * 60;

    UploadWidgetSigner(ApiSigner signer, std::shared_ptr<const SecretSource> secret, const Clock &clock,
                       QObject *parent = nullptr);
    ~UploadWidgetSigner() override;

    /// What the next signatures must match; set it whenever the widget is opened for a folder.
    void setChoice(UploadWidgetChoice choice);
    [[nodiscard]] const UploadWidgetChoice &choice() const { return m_choice; }

    /// Whether `paramsToSign` may be signed now (the rules above); no secret is touched.
    [[nodiscard]] Result<Done> check(const QJsonObject &paramsToSign) const;

    /// Checks `paramsToSign`, fetches the secret and calls `done` exactly once with the lower-case
    /// hex signature or an Error, in this object's thread, possibly before sign() returns; never
    /// once this object is destroyed.
    void sign(const QJsonObject &paramsToSign, Callback done);

    /// How many signatures this signer has answered (refusals do not count).
    [[nodiscard]] int signatureCount() const { return m_signatureCount; }
    /// How many requests it refused (checks and secret failures).
    [[nodiscard]] int refusalCount() const { return m_refusalCount; }

signals:
    /// A signature was answered (after `done` was called).
    void signatureMade();
    /// A request was refused; `error` is the one `done` received.
    void refused(const stratus::core::Error &error);

private:
    void refuse(const Error &error, const Callback &done);

    ApiSigner m_signer;
    std::shared_ptr<const SecretSource> m_secret;
    const Clock &m_clock;
    UploadWidgetChoice m_choice;
    int m_signatureCount = 0;
    int m_refusalCount = 0;
};

} // namespace stratus::core
