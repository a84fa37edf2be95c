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
    /* accounts, keychain, settings files, storage, CLOUDINARY_URLs (src/core/accounts, storage, config) */ \
    X(SettingsFileUnreadable)        /* subject: the file; outside words: the system's */ \
    X(SettingsFileTooLarge)          /* subject: the file */ \
    X(SettingsFileNoWorkingCopy)     /* subject: the file */ \
    X(SettingsFileFromNewerVersion)  /* subject: the file */ \
    X(SettingsFileUnwritable)        /* subject: the file */ \
    X(NoSuchAccount) \
    X(NoSuchEnvironment) \
    X(AccountLabelMissing) \
    X(AccountLabelUnusable)          /* subject: the label (checkName() says why) */ \
    X(AccountExists) \
    X(EnvironmentNameMissing) \
    X(EnvironmentNameUnusable)       /* subject: the name (checkName() says why) */ \
    X(EnvironmentNameTaken)          /* subject: the name */ \
    X(EnvironmentNeedsCloudAndKey)   /* subject: the name */ \
    X(EnvironmentNeedsSecret)        /* subject: the name */ \
    X(SecretNotInKeychain)           /* an environment's secret is not in the keychain */ \
    X(StoredSecretEmpty) \
    X(KeychainEntryMissing) \
    X(KeychainDenied)                /* outside words: the keychain's */ \
    X(KeychainUnavailable)           /* outside words: the keychain's */ \
    X(AccountStoreGone) \
    X(EnvironmentNotReady) \
    X(StorageIdUnusable)             /* subject: the id */ \
    X(FilesNotDeleted)               /* subject: the paths, comma-separated */ \
    X(EnvironmentClosed) \
    X(PreferencesUnwritable)         /* subject: the file */ \
    X(UrlUnsupportedScheme)          /* config: a CLOUDINARY_URL that cannot be read */ \
    X(UrlNotCloudinary) \
    X(UrlHostIsIpv6)                 /* subject: the scheme, cloudinary:// or account:// */ \
    X(UrlMalformedAfterHost)         /* subject: the scheme */ \
    X(UrlHostMissing)                /* subject: the scheme */ \
    X(UrlHostForbiddenCharacter)     /* subject: the scheme */ \
    X(UrlQueryNameMissing) \
    X(UrlNotEnvironmentUrl)          /* an account:// URL where a cloudinary:// one belongs */ \
    X(UrlNotAccountUrl) \
    /* accounts.ini entries set aside (core::SettingsProblem::error()) */ \
    X(AccountsFileSizeMismatch)      /* an array's size is not its last entry; subject: the stored size */ \
    X(AccountsEntryKeyNotNumber)     /* an entry stored under a key that is not an entry number */ \
    X(AccountsEntryValueNotText)     /* subject: the key whose value is not text */ \
    X(AccountsEntryIdMissing) \
    X(AccountsEntryIdUnusable)       /* an id Stratus would not make (it names folders) */ \
    X(AccountsEntryIdTaken)          /* an entry before it has the same id */ \
    X(AccountsEntryLabelMissing)     /* an account without a label */ \
    X(AccountsEntryNameMissing)      /* an environment without a name */ \
    X(AccountsEntryNameTaken)        /* an environment before it has the same name */ \
    X(AccountsEntryUrlMissing)       /* an environment without a CLOUDINARY_URL */ \
    X(AccountsEntryUrlUnreadable)    /* subject: the URL parser's reason (its name) */ \
    X(AccountsEntryProvisioningUrlUnreadable) /* subject: the URL parser's reason (its name) */ \
    X(AccountsEntryAccountMissing)   /* subject: the id of the account that is missing or damaged */ \
    /* signing in with Cloudinary (OAuth 2.0, src/core/auth) */ \
    X(SignInNotConfigured)           /* this build has no client ID for the authorization server */ \
    X(SignInCancelled) \
    X(SignInDenied)                  /* the person said no; outside words: the server's error_description */ \
    X(SignInTimedOut)                /* subject: the seconds waited */ \
    X(SignInStateMismatch)           /* the redirect's state was not ours: refused */ \
    X(SignInPortBusy)                /* subject: the port; outside words: the system's */ \
    X(SignInAnswerUnusable)          /* the token endpoint's answer; outside words: what was wrong */ \
    X(SignInGrantRefused)            /* the token endpoint refused the code or refresh token; outside words: its error */ \
    X(SignInExpired)                 /* the tokens expired or were revoked and could not be renewed: sign in again */ \
    X(TokenNotInKeychain)            /* an environment's tokens are not in the keychain */ \
    X(TokenUnreadable)               /* the keychain's token entry is not what Stratus wrote */ \
    X(TokenRefreshLocked)            /* subject: the lock file; another process held it too long */ \
    X(NeedsApiSecret)                /* a signed URL or auth token asked of an environment signed in with a token */ \
    \
    /* catalogue (src/core/catalog) */ \
    X(CatalogMissing)              /* subject: the file */ \
    X(CatalogFolderUncreatable)    /* subject: the file */ \
    X(CatalogUnopenable)           /* subject: the file; outside words: SQLite's */ \
    X(CatalogFileNotRemoved)       /* subject: the file; outside words: the system's */ \
    X(CatalogFromNewerVersion)     /* subject: the file */ \
    X(CatalogDamaged)              /* subject: the file; outside words: SQLite's findings */ \
    X(CatalogReadStopped)          /* outside words: SQLite's */ \
    X(CatalogQueryFailed)          /* outside words: SQLite's */ \
    X(CatalogTransactionFailed)    /* outside words: SQLite's */ \
    X(CatalogCommitFailed)         /* outside words: SQLite's */ \
    X(CatalogAssetVanished) \
    X(CatalogAssetUnknown)         /* subject: the asset id */ \
    \
    /* network and API calls (src/core/net, src/core/api) */ \
    X(NoApiSecret) \
    X(AdminBudgetSpent)              /* retryAfter: when it is renewed */ \
    X(NetworkManagerGone) \
    X(ServerSilent)                  /* subject: the seconds waited (may be empty) */ \
    X(CallUnfinished) \
    X(AnswerNotJson) \
    X(EndpointMissing) \
    X(UploadPrefixInvalid) \
    X(EnvironmentUrlNeeded) \
    X(CloudNameMissing) \
    X(AccountUrlNeeded) \
    X(AccountIdMissing) \
    X(CredentialsInClear)            /* subject: the host */ \
    X(SignedUrlUnavailable)          /* subject: the public ID whose URL must be signed */ \
    X(UploadUnfinished)              /* an upload job's result asked for before it finished */ \
    X(UploadEndpointMissing)         /* the environment has no upload address */ \
    X(UnsignedUploadNeedsPreset) \
    X(UploadAnswerNotJson)           /* outside words: the start of the answer */ \
    X(ChunkSizeInvalid)              /* subject: the chunk size */ \
    X(ResumeOffsetOutsideFile)       /* subject: the file */ \
    X(ChunkedUploadIncomplete)       /* subject: the file */ \
    /* the Upload widget's uploadSignature requests (src/core/widgets/uploadwidgetsigner.h) */ \
    X(UploadWidgetSourceNotWidget)   /* params_to_sign without source "uw" */ \
    X(UploadWidgetTimestampUnusable) /* params_to_sign without a timestamp in whole seconds */ \
    X(UploadWidgetTimestampOutOfRange) /* subject: the seconds between its timestamp and now (+ ahead, - behind) */ \
    X(UploadWidgetValueChanged)      /* subject: the key (folder, upload_preset, tags, …) not as the person chose */ \
    X(UploadWidgetKeyUnexpected)     /* subject: the key (notification_url, eager, …) nobody allowed */ \
    X(UploadWidgetValueNotScalar)    /* subject: the key whose value is an object or a nested array */ \
    \
    /* transfers: uploads and downloads (src/core/transfers) */ \
    X(FolderUnreadable)              /* subject: the folder; outside words: the system's */ \
    X(FolderUnreadableToEnd)         /* subject: the folder; outside words: the system's */ \
    X(NameNotUtf8)                   /* subject: the path */ \
    X(BrokenLink)                    /* subject: the link */ \
    X(NoSuchFile)                    /* subject: the path */ \
    X(IsFolder)                      /* subject: the path */ \
    X(NotRegularFile)                /* subject: the path (a device, FIFO or socket) */ \
    X(FileUnreadable)                /* subject: the file; outside words: the system's, if any */ \
    X(FileSizeUnknown)               /* subject: the file (its size is only known by reading it) */ \
    X(FileEmpty)                     /* subject: the file */ \
    X(FileChanged)                   /* subject: the file (shorter than when it was planned) */ \
    X(FileUnwritable)                /* subject: the file; outside words: the system's */ \
    X(JournalFolderUncreatable)      /* subject: the journal file */ \
    X(JournalUnopenable)             /* subject: the journal file; outside words: SQLite's */ \
    X(JournalFromNewerVersion)       /* subject: the journal file */ \
    X(JournalStatementFailed)        /* outside words: SQLite's */ \
    X(RecordedByEarlierVersion)      /* outside words: the sentence an earlier version stored */ \
    X(DownloadNoNetwork) \
    X(DeliveryRefused)               /* subject: the public ID; outside words: X-Cld-Error */ \
    X(NeedsSignedUrl)                /* subject: the public ID (private or authenticated) */ \
    X(SigningUnavailable)            /* the environment cannot be called to fetch its secret */ \
    X(NoSecretToSign) \
    X(ImageTooLarge)                 /* subject: the file; outside words: the limit in bytes (media_limits) */ \
    X(VideoTooLarge)                 /* subject: the file; outside words: the limit in bytes (media_limits) */ \
    X(RawTooLarge)                   /* subject: the file; outside words: the limit in bytes (media_limits) */ \
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
    /* structured metadata values (MetadataField::check): subject: the field's label */ \
    X(MetadataValueMissing)          /* a mandatory field left empty */ \
    X(MetadataTextTooShort)          /* outside words: the fewest characters allowed */ \
    X(MetadataTextTooLong)           /* outside words: the most characters allowed */ \
    X(MetadataNotInteger)            /* outside words: the value given */ \
    X(MetadataNotDate)               /* outside words: the value given */ \
    X(MetadataValueTooSmall)         /* outside words: the least value allowed (a number or a date) */ \
    X(MetadataValueTooLarge)         /* outside words: the greatest value allowed */ \
    X(MetadataOneChoiceOnly)         /* a single-select given several values */ \
    X(MetadataChoiceUnknown)         /* outside words: the value, not an active one of the list */ \
    \
    /* delivery URLs and signing (src/core/delivery, src/core/signing) */ \
    X(DeliveryCloudNameMissing) \
    X(RootPathUnsupported) \
    X(SignatureAlgorithmUnsupported) /* subject: the algorithm asked for */ \
    X(RadiusValueCount) \
    X(LayerPublicIdMissing) \
    X(LayerTextMissing) \
    X(LayerFontSizeMissing) \
    X(LayerFontFamilyMissing) \
    X(AuthTokenExpiryMissing) \
    X(OptionNotString)               /* subject: the option (cloud_name, border.color, public_id, ...) */ \
    X(RadiusCornerNull) \
    X(VariableNotPair)               /* an entry of variables is not a [name, value] pair */ \
    X(VariablesNotList) \
    X(TransformationTooDeep) \
    X(TransformationNull)            /* a null (or undefined) transformation in a list */ \
    X(ResponsiveWidthEndless)        /* a configured responsive_width makes the SDK recurse without end */ \
    X(SizeNotString) \
    X(LayerTextLoneSurrogate) \
    X(LayerPublicIdNotString) \
    X(LayerTextNotString) \
    X(BatchPublicIdMissing) \
    X(BatchLineNotObject) \
    X(OptionsNotObject) \
    X(UrlHoldsLineBreak)             /* subject: the character, as U+000D, U+000A or U+0000 */ \
    X(UrlSuffixUnsupported)          /* url_suffix for a resource type and type that take none */ \
    X(UrlSuffixHasDotOrSlash) \
    X(PublicIdBadPercentEscape) \
    X(PublicIdLoneSurrogate) \
    X(UriBadPercentEscape) \
    X(UriLoneSurrogate) \
    X(AuthTokenAclNotText) \
    X(AuthTokenKeyNotText) \
    /* Transformation::parse(): subject "N/STEP/PART", the step number, the step's text and the */ \
    /* parameter concerned, separated by '/' (which neither can hold) */ \
    X(TransformationStepEmpty)       /* subject: the step number alone */ \
    X(TransformationParamEmpty) \
    X(TransformationParamNoValue)    /* PART is not of the form key_value */ \
    X(TransformationParamKeyEmpty) \
    X(TransformationVariableNameEmpty) \
    X(TransformationKeyUnknown)      /* the key is PART up to its first '_' */ \
    X(TransformationValueEmpty) \
    /* JSON text (JsValue::parseJson): subject: the offset (in UTF-16 code units) where it stopped */ \
    X(JsonTextAfterValue) \
    X(JsonUnexpectedCharacter) \
    X(JsonTooDeep) \
    X(JsonUnexpectedEnd) \
    X(JsonMemberNameExpected) \
    X(JsonColonExpected) \
    X(JsonCommaOrBraceExpected) \
    X(JsonCommaOrBracketExpected) \
    X(JsonBadUnicodeEscape) \
    X(JsonBadEscape) \
    X(JsonControlCharacter) \
    X(JsonUnterminatedString) \
    X(JsonBadNumber) \
    /* stratus-cli sign --batch lines and --params (src/core/signing/signbatch.cpp) */ \
    X(JsonUnreadable)                /* subject: the offset; outside words: Qt's JSON parser's */ \
    X(JsonNotObject) \
    X(SignParamsNotObject) \
    X(SignAlgorithmUnknown)          /* a line's "algorithm" is not "sha1" or "sha256" */ \
    X(SignatureVersionInvalid)       /* a line's "signature_version" is not 1 or 2 */ \
    \
    /* search expressions, sort_by and aggregate (src/core/search). Expression errors set */ \
    /* Error::position, where in the expression (0-based); "typed" is the part as the person wrote it */ \
    X(SearchUnexpectedText) \
    X(SearchUnbalancedParenthesis)   /* a ')' without its '(' */ \
    X(SearchUnexpectedCharacter)     /* subject: the character */ \
    X(SearchAmpersand)               /* a single '&': AND or && was meant */ \
    X(SearchBar)                     /* a single '|': OR or || was meant */ \
    X(SearchCharacterUnsupported)    /* subject: the character (^ ~ ? !) */ \
    X(SearchOperatorCharacter)       /* subject: the character (: = < >) inside a value */ \
    X(SearchRangeWithoutField)       /* subject: the character ([ or {) */ \
    X(SearchNestedTooDeeply)         /* subject: the most levels allowed */ \
    X(SearchDanglingBackslash) \
    X(SearchWildcardNotTrailing) \
    X(SearchQuotedWildcardNotTrailing) \
    X(SearchUnterminatedQuote) \
    X(SearchTermMissingAfter)        /* subject: the operator (AND, OR, NOT) */ \
    X(SearchTermMissingBefore)       /* subject: the operator (AND, OR) */ \
    X(SearchNotAtStart)              /* NOT starts the expression */ \
    X(SearchNotAtGroupStart)         /* NOT starts a group */ \
    X(SearchSignWithoutTerm)         /* subject: the sign, - or + */ \
    X(SearchTermExpected) \
    X(SearchEmptyParentheses) \
    X(SearchParenthesisNotClosed) \
    X(SearchFieldInFieldGroup)       /* subject: the group's field and operator, "tags:" */ \
    X(SearchFieldNameInvalid)        /* subject: the name */ \
    X(SearchFieldKeyMissing)         /* subject: context or metadata */ \
    X(SearchFieldUnsupported)        /* subject: a Cloudinary field the local search does not have */ \
    X(SearchFieldUnknown)            /* subject: the name */ \
    X(SearchValueMissing)            /* subject: the field and operator, "tags:" */ \
    X(SearchValueIsOperator)         /* subject: the field and operator; outside words: AND, OR or NOT */ \
    X(SearchRangeBoundMissing) \
    X(SearchRangeToMissing) \
    X(SearchRangeUnterminated) \
    X(SearchWildcardAlone)           /* a lone '*' */ \
    X(SearchFieldExistsQuery)        /* subject: the field and operator, "tags:" (then '*') */ \
    X(SearchWildcardWithComparison)  /* subject: the operator, ">" */ \
    X(SearchWildcardUnsupported)     /* subject: the field */ \
    X(SearchTermEmpty) \
    X(SearchOperatorUnsupported)     /* subject: the field; outside words: the operator typed */ \
    X(SearchValueEmpty)              /* subject: the field */ \
    X(SearchFolderWildcard)          /* subject: the field (folder, asset_folder) */ \
    X(SearchEveryFolder)             /* subject: the field (a wildcard for the root: every folder) */ \
    X(SearchSizeExpected)            /* bytes; outside words: the value typed */ \
    X(SearchNumberExpected)          /* subject: the field; outside words: the value typed */ \
    X(SearchDateExpected)            /* subject: the field; outside words: the value typed */ \
    X(SearchRangeUnsupported)        /* subject: the field */ \
    X(SearchRangeWildcard) \
    X(SearchRangeOpen)               /* [* TO *] */ \
    X(SortByNotArray) \
    X(SortByEntryNotObject) \
    X(SortByEntryNotOneField) \
    X(SortByFieldUnsortable)         /* subject: the field */ \
    X(SortByDirectionInvalid)        /* subject: the field */ \
    X(AggregateNotArray) \
    X(AggregateRangeUnsupported) \
    X(AggregateFieldUnsupported)     /* subject: the field */ \
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
