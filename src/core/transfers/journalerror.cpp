#include "journalerror.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core::transfers {

namespace {

using Kind = Error::Kind;

constexpr std::array kKinds {
    std::pair {Kind::InvalidInput, "InvalidInput"},
    std::pair {Kind::Network, "Network"},
    std::pair {Kind::Auth, "Auth"},
    std::pair {Kind::Permission, "Permission"},
    std::pair {Kind::NotFound, "NotFound"},
    std::pair {Kind::Conflict, "Conflict"},
    std::pair {Kind::RateLimited, "RateLimited"},
    std::pair {Kind::Server, "Server"},
    std::pair {Kind::Cancelled, "Cancelled"},
    std::pair {Kind::Io, "Io"},
    std::pair {Kind::Damaged, "Damaged"},
    std::pair {Kind::Unavailable, "Unavailable"},
    std::pair {Kind::InsecureTransport, "InsecureTransport"},
    std::pair {Kind::Internal, "Internal"},
};

} // namespace

QString errorKindName(Error::Kind kind)
{
    for (const auto &[candidate, name] : kKinds) {
        if (candidate == kind)
            return QString::fromLatin1(name);
    }
    return u"Internal"_s;
}

std::optional<Error::Kind> errorKindFromName(const QString &name)
{
    for (const auto &[candidate, text] : kKinds) {
        if (name == QLatin1StringView(text))
            return candidate;
    }
    return std::nullopt;
}

JournalError JournalError::from(const std::optional<Error> &error)
{
    JournalError stored;
    if (!error)
        return stored;
    stored.kind = errorKindName(error->kind);
    stored.reason = error->reason == ErrorReason::None ? QString() : errorReasonName(error->reason);
    stored.subject = error->subject;
    stored.httpStatus = error->httpStatus;
    stored.outsideWords = error->message;
    return stored;
}

std::optional<Error> JournalError::toError() const
{
    if (kind.isEmpty()) {
        if (outsideWords.isEmpty())
            return std::nullopt;
        return Error::because(Kind::Internal, ErrorReason::RecordedByEarlierVersion, {}, outsideWords);
    }
    Error error = Error::because(errorKindFromName(kind).value_or(Kind::Internal),
                                 reason.isEmpty() ? ErrorReason::None
                                                  : errorReasonFromName(reason).value_or(ErrorReason::None),
                                 subject, outsideWords);
    error.httpStatus = httpStatus;
    return error;
}

} // namespace stratus::core::transfers
