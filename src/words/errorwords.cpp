#include "errorwords.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace stratus::words {

namespace {

using Kind = core::Error::Kind;
using Cause = core::Error::NetworkCause;

// The outside words, cut to one line.
QString said(const core::Error &error)
{
    return error.message.simplified();
}

} // namespace

QString ErrorWords::text(const core::Error &error)
{
    if (error.reason != core::ErrorReason::None) {
        for (auto area : {&ErrorWords::accountsText, &ErrorWords::catalogText, &ErrorWords::networkText,
                          &ErrorWords::transfersText, &ErrorWords::assetsText, &ErrorWords::deliveryText,
                          &ErrorWords::searchText}) {
            if (std::optional<QString> words = area(error))
                return *words;
        }
    }
    return kindText(error);
}

QString ErrorWords::kindText(const core::Error &error)
{
    const QString words = said(error);
    switch (error.kind) {
    case Kind::InvalidInput:
        // Refused here, before anything was sent: the words of an area that has no reasons yet.
        if (error.httpStatus == 0)
            return words.isEmpty() ? tr("This is not valid.") : words;
        return words.isEmpty() ? tr("Cloudinary refused the request as invalid.")
                               : tr("Cloudinary refused the request: %1").arg(words);
    case Kind::Network:
        switch (error.networkCause) {
        case Cause::HostNotFound:
            return tr("The server could not be found. Check your internet connection.");
        case Cause::ConnectionRefused:
            return tr("The server refused the connection.");
        case Cause::Timeout:
            return tr("The server stopped answering.");
        case Cause::Proxy:
            return tr("The network proxy refused the connection. Check the proxy in Settings → Network.");
        case Cause::ProxyAuth:
            return tr("The network proxy asks for a user name and password. Check the proxy in Settings → "
                      "Network.");
        case Cause::Tls:
            return words.isEmpty()
                ? tr("No secure connection could be made. Stratus never ignores certificate errors.")
                : tr("No secure connection could be made (%1). Stratus never ignores certificate errors.")
                      .arg(words);
        case Cause::None:
        case Cause::Other:
            break;
        }
        return words.isEmpty() ? tr("The network failed.") : tr("The network failed: %1").arg(words);
    case Kind::Auth:
        return words.isEmpty() ? tr("Cloudinary refused the API key or secret.")
                               : tr("Cloudinary refused the API key or secret: %1").arg(words);
    case Kind::Permission:
        return words.isEmpty() ? tr("These credentials may not do this.")
                               : tr("These credentials may not do this: %1").arg(words);
    case Kind::NotFound:
        return words.isEmpty() ? tr("Cloudinary does not have it (any more).")
                               : tr("Not found: %1").arg(words);
    case Kind::Conflict:
        return words.isEmpty() ? tr("Cloudinary refused it as a conflict.")
                               : tr("Cloudinary refused it as a conflict: %1").arg(words);
    case Kind::RateLimited:
        if (error.retryAfter && error.retryAfter->isValid())
            return tr("Too many requests for now; Cloudinary accepts more after %1.")
                .arg(QLocale().toString(error.retryAfter->toLocalTime().time(), QLocale::ShortFormat));
        return tr("Too many requests for now; try again in a while.");
    case Kind::Server:
        return words.isEmpty() ? tr("Cloudinary had a server error (HTTP %1).").arg(error.httpStatus)
                               : tr("Cloudinary had a server error: %1").arg(words);
    case Kind::Cancelled:
        return tr("Cancelled.");
    case Kind::Io:
        return words.isEmpty() ? tr("A local file could not be read or written.")
                               : tr("A local file could not be read or written: %1").arg(words);
    case Kind::Damaged:
        return tr("A local file is damaged and must be rebuilt.");
    case Kind::Unavailable:
        return words.isEmpty()
            ? tr("The system keychain does not answer. Check that it is running and unlocked.")
            : tr("The system keychain does not answer (%1). Check that it is running and "
                 "unlocked.")
                  .arg(words);
    case Kind::InsecureTransport:
        return tr("The credentials would go over plain http to another computer, which is not allowed.");
    case Kind::Internal:
        break;
    }
    return words.isEmpty() ? tr("Something went wrong inside Stratus.")
                           : tr("Something went wrong inside Stratus: %1").arg(words);
}

Remedy ErrorWords::remedy(const core::Error &error)
{
    switch (error.reason) {
    case core::ErrorReason::KeychainDenied:
    case core::ErrorReason::KeychainUnavailable:
        return Remedy::Retry;
    case core::ErrorReason::SecretNotInKeychain:
    case core::ErrorReason::StoredSecretEmpty:
    case core::ErrorReason::NoApiSecret:
        return Remedy::ReenterSecret;
    case core::ErrorReason::SignInExpired:
    case core::ErrorReason::SignInGrantRefused:
    case core::ErrorReason::TokenNotInKeychain:
    case core::ErrorReason::TokenUnreadable:
        return Remedy::SignInAgain;
    case core::ErrorReason::TokenRefreshLocked:
        return Remedy::Retry;
    case core::ErrorReason::CredentialsInClear:
    case core::ErrorReason::EnvironmentClosed:
    case core::ErrorReason::NeedsApiSecret:
    case core::ErrorReason::SignInNotConfigured:
    case core::ErrorReason::SignInCancelled:
        return Remedy::None;
    default:
        break;
    }
    switch (error.kind) {
    case Kind::Network:
        if (error.networkCause == Cause::Proxy || error.networkCause == Cause::ProxyAuth)
            return Remedy::OpenSettings;
        return error.networkCause == Cause::Tls ? Remedy::None : Remedy::Retry;
    case Kind::Auth:
        return Remedy::ReenterSecret;
    case Kind::RateLimited:
    case Kind::Server:
        return Remedy::Retry;
    case Kind::Unavailable:
        return Remedy::Retry;
    default:
        return error.retryable ? Remedy::Retry : Remedy::None;
    }
}

QString ErrorWords::remedyLabel(Remedy remedy)
{
    switch (remedy) {
    case Remedy::None:
        return {};
    case Remedy::Retry:
        return tr("Retry");
    case Remedy::ReenterSecret:
        return tr("Re-enter Secret…");
    case Remedy::SignInAgain:
        return tr("Sign In Again…");
    case Remedy::OpenSettings:
        return tr("Open Settings…");
    }
    return {};
}

} // namespace stratus::words
