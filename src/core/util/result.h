#pragma once

#include "core/util/errorreason.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace stratus::core {

/// An error as a value (style habit 5): core describes what went wrong, the GUI or the CLI picks
/// the words shown to a person and the action offered (src/words/errorwords.h). Never carries a
/// secret. Core puts no sentence of its own in it: the kind and the reason say what happened,
/// `subject` names the thing concerned, `message` holds only words from outside (the server's
/// message, the operating system's) — see core/util/errorreason.h.
struct Error
{
    enum class Kind {
        InvalidInput, ///< the caller's input is malformed or rejected (SDK-style validation)
        Network, ///< DNS, connection, TLS, proxy
        Auth, ///< 401: wrong key or secret
        Permission, ///< 403: the credentials may not do this
        NotFound, ///< 404
        Conflict, ///< 409
        RateLimited, ///< 420/429
        Server, ///< 5xx
        Cancelled,
        Io, ///< local files
        Damaged, ///< a local file (the catalogue) is corrupt: it must be rebuilt, not retried
        Unavailable, ///< a local service that must answer does not (no keychain, keyring locked)
        InsecureTransport, ///< credentials would go over plain http to another computer, unallowed
        Internal,
    };
    /// For Kind::Network: what failed on the way, so a person can be told what to check.
    enum class NetworkCause {
        None,
        HostNotFound, ///< DNS: no such host, or no network at all
        ConnectionRefused, ///< the host answered but nothing listens
        Timeout,
        Proxy, ///< the proxy refused, closed, timed out or was not found
        ProxyAuth, ///< the proxy wants credentials
        Tls, ///< certificate or handshake failure (never ignored)
        Other,
    };

    Kind kind = Kind::Internal;
    /// The situation, when the kind alone does not say it (ErrorReason::None otherwise).
    ErrorReason reason = ErrorReason::None;
    /// What the error is about: a file path, a public ID, a folder, a number (may be empty).
    QString subject;
    /// Outside words only: the server's message, or the system's (QFile::errorString()).
    QString message;
    int httpStatus = 0;
    bool retryable = false;
    NetworkCause networkCause = NetworkCause::None;
    std::optional<QDateTime> retryAfter;
    /// For an error about a place in a text the person gave (a search expression): where, 0-based;
    /// -1 when it is not about a place.
    qsizetype position = -1;

    /// An error Stratus found itself: `kind`, `reason`, the thing concerned and any outside words.
    static Error because(Kind kind, ErrorReason reason, QString subject = {}, QString outsideWords = {})
    {
        Error error;
        error.kind = kind;
        error.reason = reason;
        error.subject = std::move(subject);
        error.message = std::move(outsideWords);
        return error;
    }

    static Error invalidInput(QString text)
    {
        Error error;
        error.kind = Kind::InvalidInput;
        error.message = std::move(text);
        return error;
    }
};

/// The value of a Result whose success carries nothing (writes, deletions).
struct Done
{
};

/// Either a value or an Error. A small stand-in for C++23 std::expected.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {
    }

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T &value() const & { return std::get<0>(m_state); }
    [[nodiscard]] T &value() & { return std::get<0>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_state)); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_state); }

    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

private:
    std::variant<T, Error> m_state;
};

} // namespace stratus::core
