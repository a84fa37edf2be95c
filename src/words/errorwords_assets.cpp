// The words for the assets area's error reasons (core/util/errorreason.h).
#include "errorwords.h"

namespace stratus::words {

namespace {

using Reason = core::ErrorReason;

// What a failed call of an operation could not do ("samples/cat could not be renamed."), to go
// before the words of its kind.
std::optional<QString> failedCall(const core::Error &error)
{
    const QString &what = error.subject;
    switch (error.reason) {
    case Reason::AssetRenameFailed:
        return ErrorWords::tr("%1 could not be renamed.").arg(what);
    case Reason::AssetMoveFailed:
        return ErrorWords::tr("%1 could not be moved.").arg(what);
    case Reason::AssetDeleteFailed:
        return ErrorWords::tr("%1 could not be deleted.").arg(what);
    case Reason::AssetTagsFailed:
        return ErrorWords::tr("The tags of %1 could not be changed.").arg(what);
    case Reason::AssetUpdateFailed:
        return ErrorWords::tr("%1 could not be saved.").arg(what);
    case Reason::FolderCreateFailed:
        return ErrorWords::tr("The folder %1 could not be created.").arg(what);
    case Reason::FolderRenameFailed:
        return ErrorWords::tr("The folder %1 could not be renamed.").arg(what);
    case Reason::FolderDeleteFailed:
        return ErrorWords::tr("The folder %1 could not be deleted.").arg(what);
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<QString> ErrorWords::assetsText(const core::Error &error)
{
    if (std::optional<QString> what = failedCall(error)) {
        if (error.kind == core::Error::Kind::NotFound)
            return tr("%1 is no longer in the environment (deleted or renamed elsewhere?). Nothing was "
                      "changed; a sync brings the catalogue up to date.")
                .arg(error.subject);
        core::Error why = error;
        why.reason = Reason::None;
        //: %1 says what could not be done ("cat could not be renamed."), %2 why (the kind's words).
        return tr("%1 %2").arg(*what, kindText(why));
    }
    switch (error.reason) {
    case Reason::AssetsWithoutCatalog:
        return tr("This environment has no catalogue.");
    case Reason::AssetsOffline:
        return tr("Changes cannot be sent while the environment does not answer.");
    case Reason::AssetsNotCallable:
        return tr("This environment cannot be called.");
    case Reason::FolderModeUnknown:
        return tr("The folder mode of this environment is not known yet; sync it first.");
    case Reason::AssetNameEmpty:
        return tr("The name is empty.");
    case Reason::AssetNameHasSlash:
        return tr("A name cannot contain “/”; use Move to… to change the folder.");
    case Reason::AssetNameForbiddenCharacter:
        return tr("A name cannot contain a backslash, a percent sign or any of ? & # < >.");
    case Reason::AssetNameEdgeSpace:
        return tr("A name cannot start or end with a space.");
    case Reason::FolderNameEmpty:
        return tr("The folder name is empty.");
    case Reason::FolderRenameNeedsDynamicMode:
        return tr("Folders can be renamed in dynamic folder mode only.");
    case Reason::HomeCannotBeRenamed:
        return tr("Home cannot be renamed.");
    case Reason::HomeCannotBeDeleted:
        return tr("Home cannot be deleted.");
    case Reason::MetadataValueMissing:
        return tr("%1 must have a value.").arg(error.subject);
    case Reason::MetadataTextTooShort:
        return tr("%1 needs at least %2 characters.").arg(error.subject, error.message);
    case Reason::MetadataTextTooLong:
        return tr("%1 takes at most %2 characters.").arg(error.subject, error.message);
    case Reason::MetadataNotInteger:
        return tr("%1 takes a whole number, not “%2”.").arg(error.subject, error.message);
    case Reason::MetadataNotDate:
        return tr("%1 takes a date (year-month-day), not “%2”.").arg(error.subject, error.message);
    case Reason::MetadataValueTooSmall:
        return tr("%1 must be %2 or more.").arg(error.subject, error.message);
    case Reason::MetadataValueTooLarge:
        return tr("%1 must be %2 or less.").arg(error.subject, error.message);
    case Reason::MetadataOneChoiceOnly:
        return tr("%1 takes one choice only.").arg(error.subject);
    case Reason::MetadataChoiceUnknown:
        return tr("“%2” is not one of the choices of %1.").arg(error.subject, error.message);
    case Reason::AssetCatalogNotUpdated:
        return tr("%1 was changed, but the local catalogue could not be updated: %2")
            .arg(error.subject, error.message.simplified());
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
