#pragma once

// What Stratus itself found wrong (issue 12, point 3). Core never words an error: it returns an
// Error whose kind says what sort of failure it is, whose reason names the situation when the kind
// alone does not, with the thing concerned in Error::subject (a file, a public ID, a folder) and only
// outside words (the server's message, the operating system's) in Error::message. One place,
// src/words/errorwords.cpp, turns that into translated words and a remedy.
//
// One line a reason, in the block of its area. The name is stored in the upload journal: never
// rename or remove a reason that has shipped; add new ones at the end of their block.
//
// clang-format off
#define STRATUS_ERROR_REASONS(X) \
    X(None) \
    /* accounts, keychain, settings files, storage (src/core/accounts, src/core/storage) */ \
    \
    /* catalogue (src/core/catalog) */ \
    \
    /* network and API calls (src/core/net, src/core/api) */ \
    \
    /* transfers: uploads and downloads (src/core/transfers) */ \
    \
    /* asset operations (src/core/assets) */ \
    X(AssetsWithoutCatalog) /* the environment has no catalogue to write through to */ \
    X(AssetsOffline) /* the environment does not answer: changes are not sent */ \
    X(AssetsNotCallable) /* the environment has no API context (no URL, logged out) */ \
    X(FolderModeUnknown) /* rename or move before the folder mode is known (never synced) */ \
    X(AssetNameEmpty) \
    X(AssetNameHasSlash) /* a name, not a path: Move changes the folder */ \
    X(AssetNameForbiddenCharacter) /* subject: the name, which holds a character Cloudinary refuses */ \
    X(AssetNameEdgeSpace) /* subject: the name, which starts or ends with a space */ \
    X(FolderNameEmpty) \
    X(FolderRenameNeedsDynamicMode) \
    X(HomeCannotBeRenamed) \
    X(HomeCannotBeDeleted) \
    X(AssetRenameFailed) /* subject: the public id; kind and message: the server's answer */ \
    X(AssetMoveFailed) /* subject: the public id */ \
    X(AssetDeleteFailed) /* subject: the public ids of the call, comma-separated */ \
    X(AssetTagsFailed) /* subject: the public ids of the call, comma-separated */ \
    X(AssetUpdateFailed) /* subject: the public id (tags, context, metadata, display name) */ \
    X(FolderCreateFailed) /* subject: the folder */ \
    X(FolderRenameFailed) /* subject: the folder */ \
    X(FolderDeleteFailed) /* subject: the folder */ \
    X(AssetCatalogNotUpdated) /* the server made the change; the catalogue write failed (subject) */ \
    \
    /* delivery URLs and signing (src/core/delivery) */ \
    X(CloudNameMissing) \
    X(RootPathUnsupported) \
    X(SignatureAlgorithmUnsupported) /* subject: the algorithm asked for */ \
    X(RadiusValueCount) \
    X(LayerPublicIdMissing) \
    X(LayerTextMissing) \
    X(LayerFontSizeMissing) \
    X(LayerFontFamilyMissing) \
    X(AuthTokenExpiryMissing) \
    \
    /* end */
// clang-format on

#include <QString>
#include <QStringView>

#include <optional>

namespace stratus::core {

enum class ErrorReason : quint16 {
#define STRATUS_ERROR_REASON_ENUMERATOR(name) name,
    STRATUS_ERROR_REASONS(STRATUS_ERROR_REASON_ENUMERATOR)
#undef STRATUS_ERROR_REASON_ENUMERATOR
};

/// The reason's stable name ("FileMissing"), as the journal stores it.
[[nodiscard]] QString errorReasonName(ErrorReason reason);
/// The reason a stored name stands for; nullopt for a name this version does not know.
[[nodiscard]] std::optional<ErrorReason> errorReasonFromName(QStringView name);
/// Every reason, None first: for tests that check each one is worded.
[[nodiscard]] QList<ErrorReason> allErrorReasons();

} // namespace stratus::core
