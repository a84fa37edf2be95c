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
    X(UploadUnfinished)              /* an upload job's result asked for before it finished */ \
    X(UploadEndpointMissing)         /* the environment has no upload address */ \
    X(UnsignedUploadNeedsPreset) \
    X(UploadAnswerNotJson)           /* outside words: the start of the answer */ \
    X(ChunkSizeInvalid)              /* subject: the chunk size */ \
    X(ResumeOffsetOutsideFile)       /* subject: the file */ \
    X(ChunkedUploadIncomplete)       /* subject: the file */ \
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
    \
    /* asset operations (src/core/assets) */ \
    \
    /* delivery URLs and signing (src/core/delivery) */ \
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
