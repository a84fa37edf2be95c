#pragma once

#include "core/util/result.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace stratus::core::transfers {

/// How the upload journal keeps an Error: as its kind and reason by stable name, its subject, its
/// HTTP status and the outside words (the `error` column), never as a sentence, so that a journal
/// is worded in the language of whoever reads it (issue 12, point 3). A plain value.
struct JournalError
{
    QString kind; ///< empty: no error
    QString reason;
    QString subject;
    int httpStatus = 0;
    QString outsideWords;

    [[nodiscard]] static JournalError from(const std::optional<Error> &error);
    /// Back to an Error. A row of an earlier version has no kind but may have a sentence: it
    /// comes back as ErrorReason::RecordedByEarlierVersion with that sentence as the outside words.
    /// A reason or kind this version does not know (a newer one's) keeps the words it has.
    [[nodiscard]] std::optional<Error> toError() const;
};

/// The stable name of a kind ("Network"), as the journal stores it; and back (nullopt when unknown).
[[nodiscard]] QString errorKindName(Error::Kind kind);
[[nodiscard]] std::optional<Error::Kind> errorKindFromName(const QString &name);

} // namespace stratus::core::transfers
