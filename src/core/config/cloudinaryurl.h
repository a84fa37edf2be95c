#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace stratus::core {

/// A parsed `CLOUDINARY_URL` (`cloudinary://key:secret@cloud[/secure_distribution][?k=v…]`) or
/// `CLOUDINARY_ACCOUNT_URL` (`account://key:secret@account_id[?k=v…]`), read the way the official
/// Node SDK 2.11.0 reads it (API reference §a), so toSdkConfig() is the object that SDK's config()
/// holds after parsing the same text.
///
/// Following the SDK (which uses the WHATWG URL parser):
/// - the scheme is matched case-insensitively; the cloud name keeps its case;
/// - key and secret are never percent-decoded; characters a URL may not carry in its user info
///   (space, `"`, `<`, `>`, `:` after the first, `@` before the last, non-ASCII, …) are
///   percent-encoded, as the SDK's parser does, and an `@` in the secret must be written `%40`;
/// - a port after the cloud name is accepted and ignored; tabs and line breaks anywhere and trailing
///   spaces or control characters are dropped; a `#fragment` is ignored;
/// - a path other than `/` means `private_cdn` = true and `secure_distribution` = the path without
///   its leading `/` (after `.`/`..` segments are resolved);
/// - each query parameter `k=v` becomes config key `k` with the STRING value `v` (form-decoded:
///   `+` is a space, `%XX` decoded); `a[b][c]=v` becomes nested objects; the last of repeated keys
///   wins; query keys override the ones from the URL's other parts (`?cloud_name=…` renames).
///
/// Where the SDK accepts nonsense, we refuse it with an error instead: a missing cloud name or
/// account id (the SDK yields an empty one), an IPv6-literal host, and a query parameter without a
/// name (the SDK files it under the key "undefined").
///
/// Error messages name the wrong part and never quote the key, the secret or query values.
/// A CloudinaryUrl holds the secret; copy it as little as possible and never log toString()
/// (use toRedactedString()). Plain value type, reentrant.
class CloudinaryUrl
{
public:
    enum class Kind {
        Cloud, ///< cloudinary:// — a product environment
        Account, ///< account:// — provisioning credentials of an account
    };

    /// One `name=value` of the query, form-decoded, in the order written (repeats included).
    struct QueryItem
    {
        QString name;
        QString value;
        friend bool operator==(const QueryItem &, const QueryItem &) = default;
    };

    /// An empty cloudinary:// URL (no cloud, no key): a placeholder until parse() gives a real one.
    CloudinaryUrl() = default;

    [[nodiscard]] static Result<CloudinaryUrl> parse(QStringView text);
    /// As parse(), but only a URL of the \a expected kind is accepted, as the SDK accepts only
    /// cloudinary:// in CLOUDINARY_URL and only account:// in CLOUDINARY_ACCOUNT_URL.
    [[nodiscard]] static Result<CloudinaryUrl> parse(QStringView text, Kind expected);

    [[nodiscard]] Kind kind() const { return m_kind; }

    // The effective values, i.e. those of toSdkConfig() (so a query key overrides the URL part);
    // empty when absent or not text.

    /// `api_key` (Cloud) or `provisioning_api_key` (Account).
    [[nodiscard]] QString apiKey() const;
    /// `api_secret` (Cloud) or `provisioning_api_secret` (Account). Empty for a key-only URL, with
    /// which only unsigned operations are possible.
    [[nodiscard]] QString apiSecret() const;
    [[nodiscard]] bool hasApiSecret() const { return !apiSecret().isEmpty(); }
    [[nodiscard]] QString cloudName() const;
    [[nodiscard]] QString accountId() const;

    // The options that change hosts. Text options: empty when absent.
    [[nodiscard]] QString uploadPrefix() const;
    [[nodiscard]] QString secureDistribution() const;
    [[nodiscard]] QString cname() const;

    // Flag options read with JavaScript truthiness, as the SDK's `if (config().secure)` does:
    // absent, "" and false are false; every other text is TRUE, including "false" and "0",
    // because query values are text. Use booleanOption() to honour what a person meant.
    [[nodiscard]] bool privateCdn() const;
    [[nodiscard]] bool secure() const;
    [[nodiscard]] bool cdnSubdomain() const;

    /// A flag as a person means it: JSON true/false, or the text "true"/"false"/"1"/"0"
    /// (case-insensitive); std::nullopt when absent or anything else.
    [[nodiscard]] std::optional<bool> booleanOption(QStringView key) const;

    /// Any key of toSdkConfig() (undefined when absent).
    [[nodiscard]] QJsonValue option(QStringView key) const { return m_config.value(key); }

    [[nodiscard]] const QList<QueryItem> &queryItems() const { return m_query; }

    /// The URL in normal form (lower-case scheme, percent-encoding as the parser leaves it, no port,
    /// no fragment, query form-encoded); parse(toString()) gives an equal CloudinaryUrl.
    /// Contains the secret: never log it.
    [[nodiscard]] QString toString() const;
    /// toString() with the secret, and the value of every query parameter whose name mentions
    /// "secret" or "token", replaced by `***`. Safe for logs and messages.
    [[nodiscard]] QString toRedactedString() const;

    /// This URL without its secret: no password in the user info and no query parameter whose
    /// name mentions "secret" or "token" (as toRedactedString() hides them). What may be stored
    /// outside the keychain; withSecret() puts the secret back.
    [[nodiscard]] CloudinaryUrl withoutSecret() const;
    /// This URL with `secret` as the password of its user info (an empty one: none).
    [[nodiscard]] CloudinaryUrl withSecret(QStringView secret) const;

    /// The Node SDK's config() object for this URL: for Cloud `cloud_name`, `api_key`, `api_secret`,
    /// `private_cdn` (bool), `secure_distribution` (only with a path); for Account `account_id`,
    /// `provisioning_api_key`, `provisioning_api_secret`; then the query keys as text, nested for
    /// `a[b]`. Like the SDK, an empty key is null and so is the secret when the user info is empty;
    /// a key without a secret has no secret entry at all.
    [[nodiscard]] QJsonObject toSdkConfig() const { return m_config; }

    friend bool operator==(const CloudinaryUrl &a, const CloudinaryUrl &b);

private:
    QString serialised(bool redacted) const;
    QString configText(QStringView key) const;
    void buildConfig();

    Kind m_kind = Kind::Cloud;
    QString m_user; // percent-encoded as the WHATWG parser leaves it
    QString m_password; // ditto
    QString m_host; // the cloud name or account id, percent-encoded likewise
    QString m_path; // "" or "/…", dot segments resolved
    QList<QueryItem> m_query;
    QJsonObject m_config; // derived from the above in parse()
};

} // namespace stratus::core
