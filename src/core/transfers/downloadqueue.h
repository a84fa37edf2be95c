#pragma once

#include "core/catalog/catalogasset.h"
#include "core/delivery/deliveryenvironment.h"
#include "core/net/retrypolicy.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <memory>

class QDir;

namespace stratus::core::transfers {

/// Downloads the originals of a batch of assets into a folder: a few transfers at a time, each
/// streamed to disk through a QSaveFile (so a file appears under its name only once complete, and a
/// cancelled or failed one leaves nothing behind), named as fileNameFor() says without
/// overwriting anything ("name (2).jpg"). Private and authenticated assets go through signed URLs
/// (the secret is fetched once per batch and dropped after signing). Delivery URLs cost no Admin API
/// budget. Each transfer is a DownloadJob: the User-Agent, proxy, stall timeout and retries of every
/// other request.
///
/// One batch at a time. Owned by its parent; the environment's network must outlive it. Lives in the
/// network's thread.
/// progress() after every chunk written and every file ended; fileSaved() per file; finished() once
/// per batch, after the last file ended or a cancel() took effect (never inside start()).
class DownloadQueue : public QObject
{
    Q_OBJECT

public:
    struct Failure
    {
        QString name; ///< the file name it would have had
        Error error; ///< words::ErrorWords words it
    };

    explicit DownloadQueue(DeliveryEnvironment environment, QObject *parent = nullptr);
    ~DownloadQueue() override;

    /// Transfers at once, 1…4 (default 3).
    void setParallel(int transfers);
    [[nodiscard]] int parallel() const { return m_parallel; }
    /// How each transfer copes with failures (default: DownloadJob::deliveryPolicy()).
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }

    /// Downloads @p assets into @p directory (which must exist). False, and nothing starts, while a
    /// batch runs or when there is nothing to download.
    bool start(const QList<catalog::CatalogAsset> &assets, const QString &directory);
    /// Stops every transfer; files not complete are not kept.
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool wasCancelled() const { return m_cancelled; }
    /// The folder of the current (or last) batch.
    [[nodiscard]] const QString &directory() const { return m_directory; }
    [[nodiscard]] int filesTotal() const { return m_filesTotal; }
    /// Files ended, saved or failed.
    [[nodiscard]] int filesDone() const { return int(m_saved.size() + m_failures.size()); }
    [[nodiscard]] qint64 bytesReceived() const { return m_bytesReceived; }
    /// What the catalogue says the files weigh (the real total once all ended).
    [[nodiscard]] qint64 bytesTotal() const { return m_bytesTotal; }
    /// The saved files' paths, by asset id.
    [[nodiscard]] const QHash<QString, QString> &savedFiles() const { return m_saved; }
    [[nodiscard]] const QList<Failure> &failures() const { return m_failures; }

    /// @p name in @p directory, or "name (2).ext", "name (3).ext"… when that exists or is in
    /// @p reserved (absolute paths): the way file managers and browsers number a second copy.
    [[nodiscard]] static QString uniquePath(const QDir &directory, const QString &name,
                                            const QSet<QString> &reserved);
    /// The file name a download gets: the name the browser shows (the display name, or the public
    /// ID's last segment when there is none) with the format as extension, unless the name ends
    /// with it already ("Beach at dawn.jpg"); raw files keep the extension of their public ID.
    /// Nothing a file system refuses or that leaves the target folder ("/" becomes "_").
    [[nodiscard]] static QString fileNameFor(const catalog::CatalogAsset &asset);

Q_SIGNALS:
    void progress();
    void fileSaved(const QString &assetId, const QString &path);
    void finished();

private:
    struct Transfer;
    void begin(const QList<QUrl> &urls);
    void pump();
    void startTransfer(const catalog::CatalogAsset &asset, const QUrl &url);
    void endTransfer(Transfer *transfer);
    void fail(const catalog::CatalogAsset &asset, Error error);
    void finishIfDone();

    DeliveryEnvironment m_env;
    RetryPolicy m_policy;
    int m_parallel = 3;
    bool m_running = false;
    bool m_resolving = false;
    bool m_cancelled = false;
    quint64 m_batch = 0; ///< tells a late URL answer of an earlier batch from the current one
    QString m_directory;
    QList<std::pair<catalog::CatalogAsset, QUrl>> m_queue;
    std::vector<std::unique_ptr<Transfer>> m_transfers;
    QSet<QString> m_reserved;
    int m_filesTotal = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesTotal = 0;
    QHash<QString, QString> m_saved;
    QList<Failure> m_failures;
};

} // namespace stratus::core::transfers
