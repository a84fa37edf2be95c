// The words for the catalogue's error reasons (core/util/errorreason.h).
#include "errorwords.h"

#include <QDir>

namespace stratus::words {

namespace {

using Reason = core::ErrorReason;

// What SQLite or the system said, for the end of a sentence; empty when nothing.
QString said(const core::Error &error)
{
    return error.message.simplified();
}

QString withSaid(const QString &plain, const QString &withWords, const core::Error &error)
{
    return said(error).isEmpty() ? plain : withWords.arg(said(error));
}

} // namespace

std::optional<QString> ErrorWords::catalogText(const core::Error &error)
{
    const QString file = QDir::toNativeSeparators(error.subject);
    switch (error.reason) {
    case Reason::CatalogDamaged:
        return withSaid(tr("The catalogue is damaged; Stratus rebuilds it at the next sync."),
                        tr("The catalogue is damaged (%1); Stratus rebuilds it at the next sync."), error);
    case Reason::CatalogReadStopped:
    case Reason::CatalogQueryFailed:
    case Reason::CatalogTransactionFailed:
    case Reason::CatalogCommitFailed:
        if (error.kind == core::Error::Kind::Damaged)
            return withSaid(tr("The catalogue is damaged; Stratus rebuilds it at the next sync."),
                            tr("The catalogue is damaged (%1); Stratus rebuilds it at the next sync."),
                            error);
        break;
    default:
        break;
    }
    switch (error.reason) {
    case Reason::CatalogMissing:
        return tr("There is no catalogue at %1 yet; sync the environment first.").arg(file);
    case Reason::CatalogFolderUncreatable:
        return tr("The folder of the catalogue %1 cannot be created.").arg(file);
    case Reason::CatalogUnopenable:
        return said(error).isEmpty() ? tr("The catalogue %1 cannot be opened.").arg(file)
                                     : tr("The catalogue %1 cannot be opened: %2").arg(file, said(error));
    case Reason::CatalogFileNotRemoved:
        return said(error).isEmpty() ? tr("%1 cannot be removed.").arg(file)
                                     : tr("%1 cannot be removed: %2").arg(file, said(error));
    case Reason::CatalogFromNewerVersion:
        return tr("The catalogue %1 was written by a newer version of Stratus; this one leaves it alone.")
            .arg(file);
    case Reason::CatalogReadStopped:
        return withSaid(tr("The catalogue could not be read to the end."),
                        tr("The catalogue could not be read to the end: %1"), error);
    case Reason::CatalogQueryFailed:
        return withSaid(tr("The catalogue could not be read or written."),
                        tr("The catalogue could not be read or written: %1"), error);
    case Reason::CatalogTransactionFailed:
        return withSaid(tr("The catalogue could not start a change."),
                        tr("The catalogue could not start a change: %1"), error);
    case Reason::CatalogCommitFailed:
        return withSaid(tr("The catalogue could not save a change."),
                        tr("The catalogue could not save a change: %1"), error);
    case Reason::CatalogAssetVanished:
        return tr("An asset vanished from the catalogue while it was written.");
    case Reason::CatalogAssetUnknown:
        return tr("The catalogue has no asset %1.").arg(error.subject);
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
