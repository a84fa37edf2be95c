#pragma once

#include "core/storage/storagelayout.h"
#include "core/util/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QWebEngineDownloadRequest;
class QWebEngineProfile;
class QWebEngineUrlRequestInterceptor;

namespace stratus::web {

/// One disk-backed QWebEngineProfile per account: cookies, local storage and the HTTP cache of the
/// widgets (and of the console's own sign-in, which the profile keeps) live under
/// StorageLayout::webProfileDirectory(accountId), with the account's other data.
///
/// Nothing of WebEngine starts until profile() is first called: the composition root may build a
/// WebProfiles at start-up, and the app's cold start does not grow.
///
/// Downloads from any page of a profile go through the save-path hook (the user chooses where; an
/// empty answer cancels). removeProfile() is what log-out and account removal call: it closes the
/// profile (pages of it must be gone first; profileClosing() asks their owners to delete them) and
/// deletes its directory, so the account's cookies and local storage are really gone.
///
/// Owned by the composition root; GUI thread.
class WebProfiles : public QObject
{
    Q_OBJECT

public:
    /// Chooses where a download is saved: gets the suggested file path, returns the chosen one or
    /// an empty text to cancel. Runs inside the download request (a modal dialog is fine).
    using SavePathHook = std::function<QString(const QString &suggestedPath)>;

    explicit WebProfiles(core::StorageLayout layout, QObject *parent = nullptr);
    ~WebProfiles() override;

    /// The account's profile, created (with its directory) on first use. Null for an id that is not
    /// one path component. Owned by this object; valid until removeProfile() or destruction.
    [[nodiscard]] QWebEngineProfile *profile(const QString &accountId);
    /// Whether the account's profile is open (tests; the start-up measurement).
    [[nodiscard]] bool isOpen(const QString &accountId) const;
    /// How many profiles are open.
    [[nodiscard]] int openCount() const { return static_cast<int>(m_profiles.size()); }

    void setSavePathHook(SavePathHook hook);
    /// Sees every request of every profile, open now or later (not owned; null removes it). Tests use
    /// it to scan request URLs for secrets. Qt 6.4 shows no request bodies to an interceptor.
    void setRequestInterceptor(QWebEngineUrlRequestInterceptor *interceptor);

    using RemovalDone = std::function<void(const core::Result<core::Done> &result)>;

    /// Deletes everything the account's web profile keeps on this computer: clears the open
    /// profile's cookies and cache, announces profileClosing() (owners delete their pages of it at
    /// once), deletes the profile, then deletes its directory. Chromium lets go of the profile's
    /// files on its own threads a moment after the profile is deleted, so the deletion is retried
    /// (every 100 ms, for up to removalTimeoutMs, then once more after settleMs) until it succeeds: `done` is
    /// called once, later, from the event loop, unless `context` is gone. Safe for an account without a
    /// profile. The account's profile may be opened again (profile()) only after `done`.
    void removeProfile(const QString &accountId, QObject *context, RemovalDone done);

    static constexpr int removalTimeoutMs = 10000;
    /// How long after a successful deletion the directory is deleted once more (see retryRemoval()).
    static constexpr int settleMs = 1000;

Q_SIGNALS:
    /// The account's profile is about to be deleted: delete every page of it now (not later).
    void profileClosing(const QString &accountId);
    /// A download of the account's profile finished (`ok` false: failed or cancelled).
    void downloadFinished(const QString &accountId, const QString &path, bool ok);

private:
    void onDownloadRequested(const QString &accountId, QWebEngineDownloadRequest *download);
    void closeProfile(const QString &accountId);
    void retryRemoval(const QString &accountId, QPointer<QObject> context, RemovalDone done,
                      int attemptsLeft);

    core::StorageLayout m_layout;
    QHash<QString, QWebEngineProfile *> m_profiles;
    SavePathHook m_savePathHook;
    QPointer<QWebEngineUrlRequestInterceptor> m_interceptor;
};

} // namespace stratus::web
