#pragma once

#include "core/storage/storagelayout.h"
#include "core/util/result.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

class QWebEngineDownloadRequest;
class QWebEngineProfile;

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

    /// Deletes everything the account's web profile keeps on this computer: clears the open
    /// profile's cookies and cache, announces profileClosing() (owners delete their pages of it at
    /// once), deletes the profile and then its directory. Safe for an account without a profile.
    core::Result<core::Done> removeProfile(const QString &accountId);

Q_SIGNALS:
    /// The account's profile is about to be deleted: delete every page of it now (not later).
    void profileClosing(const QString &accountId);
    /// A download of the account's profile finished (`ok` false: failed or cancelled).
    void downloadFinished(const QString &accountId, const QString &path, bool ok);

private:
    void onDownloadRequested(const QString &accountId, QWebEngineDownloadRequest *download);
    void closeProfile(const QString &accountId);

    core::StorageLayout m_layout;
    QHash<QString, QWebEngineProfile *> m_profiles;
    SavePathHook m_savePathHook;
};

} // namespace stratus::web
