#include "uploadwidgetsigner.h"

#include "core/net/secretsource.h"
#include "core/signing/clock.h"
#include "core/util/secretmemory.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

Error refusal(ErrorReason reason, QString key = {})
{
    return Error::because(Error::Kind::InvalidInput, reason, std::move(key));
}

bool isScalar(const QJsonValue &value)
{
    return value.isString() || value.isDouble() || value.isBool() || value.isNull();
}

/// Not chosen: the widget may leave the key out or send it blank (a blank value is not signed).
bool isBlank(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty());
}

/// `timestamp` as whole seconds: a finite integral number, or 1 to 12 digits of text.
std::optional<qint64> wholeSeconds(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > 1e12)
            return std::nullopt;
        return static_cast<qint64>(number);
    }
    if (value.isString()) {
        const QString text = value.toString();
        if (text.isEmpty() || text.size() > 12)
            return std::nullopt;
        for (const QChar c : text) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
        }
        return text.toLongLong();
    }
    return std::nullopt;
}

bool textMatches(const QJsonValue &value, const QString &chosen)
{
    if (chosen.isEmpty())
        return isBlank(value);
    return value.isString() && value.toString() == chosen;
}

/// The widget sends `tags` as a list of texts; one comma-separated text signs the same.
bool tagsMatch(const QJsonValue &value, const QStringList &chosen)
{
    if (chosen.isEmpty())
        return isBlank(value) || (value.isArray() && value.toArray().isEmpty());
    if (value.isString())
        return value.toString() == chosen.join(u',');
    if (!value.isArray())
        return false;
    const QJsonArray tags = value.toArray();
    if (tags.size() != chosen.size())
        return false;
    for (qsizetype i = 0; i < tags.size(); ++i) {
        if (!tags.at(i).isString() || tags.at(i).toString() != chosen.at(i))
            return false;
    }
    return true;
}

} // namespace

UploadWidgetSigner::UploadWidgetSigner(ApiSigner signer, std::shared_ptr<const SecretSource> secret,
                                       const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_signer(signer)
    , m_secret(std::move(secret))
    , m_clock(clock)
{
}

UploadWidgetSigner::~UploadWidgetSigner() = default;

void UploadWidgetSigner::setChoice(UploadWidgetChoice choice)
{
    m_choice = std::move(choice);
}

Result<Done> UploadWidgetSigner::check(const QJsonObject &paramsToSign) const
{
    const QJsonValue source = paramsToSign.value(u"source");
    if (!source.isString() || source.toString() != u"uw")
        return refusal(ErrorReason::UploadWidgetSourceNotWidget);

    const std::optional<qint64> timestamp = wholeSeconds(paramsToSign.value(u"timestamp"));
    if (!timestamp)
        return refusal(ErrorReason::UploadWidgetTimestampUnusable);
    const qint64 skew = *timestamp - m_clock.unixTimestamp();
    if (skew > kMaxTimestampSkewSeconds || skew < -kMaxTimestampSkewSeconds)
        return refusal(ErrorReason::UploadWidgetTimestampOutOfRange,
                       skew > 0 ? u"+%1"_s.arg(skew) : QString::number(skew));

    // The chosen keys are checked even when absent: a choice the widget dropped is refused too.
    const std::pair<QString, QString> chosenTexts[] = {
        {u"folder"_s, m_choice.folder},
        {u"asset_folder"_s, m_choice.assetFolder},
        {u"upload_preset"_s, m_choice.uploadPreset},
        {u"public_id"_s, m_choice.publicId},
    };
    for (const auto &[key, chosen] : chosenTexts) {
        if (!textMatches(paramsToSign.value(key), chosen))
            return refusal(ErrorReason::UploadWidgetValueChanged, key);
    }
    if (!tagsMatch(paramsToSign.value(u"tags"), m_choice.tags))
        return refusal(ErrorReason::UploadWidgetValueChanged, u"tags"_s);

    for (auto it = paramsToSign.constBegin(); it != paramsToSign.constEnd(); ++it) {
        const QString key = it.key();
        const bool known = key == u"source" || key == u"timestamp" || key == u"tags"
            || std::any_of(std::begin(chosenTexts), std::end(chosenTexts),
                           [&key](const auto &chosen) { return chosen.first == key; });
        if (known)
            continue;
        if (!m_choice.allowedExtraKeys.contains(key))
            return refusal(ErrorReason::UploadWidgetKeyUnexpected, key);
        const QJsonValue value = it.value();
        bool scalarOrList = isScalar(value);
        if (value.isArray()) {
            const QJsonArray elements = value.toArray();
            scalarOrList = std::all_of(elements.begin(), elements.end(),
                                       [](const QJsonValue &element) { return isScalar(element); });
        }
        if (!scalarOrList)
            return refusal(ErrorReason::UploadWidgetValueNotScalar, key);
    }
    return Done {};
}

void UploadWidgetSigner::sign(const QJsonObject &paramsToSign, Callback done)
{
    if (const Result<Done> checked = check(paramsToSign); !checked) {
        refuse(checked.error(), done);
        return;
    }
    if (!m_secret) {
        refuse(Error::because(Error::Kind::Auth, ErrorReason::NoApiSecret), done);
        return;
    }
    if (m_secret->kind() == CredentialKind::AccessToken) {
        refuse(Error::because(Error::Kind::Auth, ErrorReason::NeedsApiSecret), done);
        return;
    }
    m_secret->fetch(this, [this, paramsToSign, done = std::move(done)](Result<QString> secret) {
        if (!secret) {
            refuse(secret.error(), done);
            return;
        }
        QString signature = m_signer.sign(paramsToSign, secret.value());
        wipe(secret.value());
        ++m_signatureCount;
        done(std::move(signature));
        emit signatureMade();
    });
}

void UploadWidgetSigner::refuse(const Error &error, const Callback &done)
{
    ++m_refusalCount;
    done(error);
    emit refused(error);
}

} // namespace stratus::core
