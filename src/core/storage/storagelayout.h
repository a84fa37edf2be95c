#pragma once

#include "core/util/result.h"

#include <QString>
#include <QStringList>

namespace stratus::core {

/// Where Stratus keeps what it writes on this computer, per account and per product environment:
/// the one place those paths are named. A value, built once by each composition root (the app's and
/// stratus-cli's main(), with standard()) and handed down: to the AccountStore, which deletes an
/// account's or environment's files when it is removed or logged out, and through it to each
/// EnvironmentSession, which opens the catalogue and the upload journal. Tests pass one under a
/// temporary directory (under()), so no test writes into the real home.
///
/// The app and stratus-cli share these places (fixed names, not the application name), so both find
/// the same catalogue and journal. Ids are those AccountStore keeps (one path component each); the
/// deletions refuse anything else rather than reach outside the roots.
struct StorageLayout
{
    QString settingsFile; ///< accounts.ini; the app's preferences live beside it
    QString dataRoot; ///< catalogues, upload journals, web profiles, token metadata, the Local sandbox
    QString cacheRoot; ///< what may be thrown away at any time: per-environment caches

    /// `$XDG_CONFIG_HOME/Stratus/accounts.ini`, `$XDG_DATA_HOME/Stratus`, `$XDG_CACHE_HOME/Stratus`.
    /// The only code of Stratus that asks QStandardPaths where its files go.
    [[nodiscard]] static StorageLayout standard();
    /// `<root>/config/accounts.ini`, `<root>/data`, `<root>/cache`: for tests and tools.
    [[nodiscard]] static StorageLayout under(const QString &root);

    /// `Stratus.conf` beside accounts.ini (`$XDG_CONFIG_HOME/Stratus/Stratus.conf`): the app's
    /// preferences, in the file earlier versions wrote through a default QSettings.
    [[nodiscard]] QString preferencesFile() const;
    /// `<data>/catalog/<environment-id>/catalog.sqlite` (SQLite keeps its -wal and -shm beside it).
    [[nodiscard]] QString catalogFile(const QString &environmentId) const;
    /// `<data>/uploads/<environment-id>/journal.sqlite` (and the batches' lock files beside it).
    [[nodiscard]] QString uploadJournalFile(const QString &environmentId) const;
    /// `<cache>/environments/<environment-id>`: every cache of the environment lives under it.
    [[nodiscard]] QString cacheDirectory(const QString &environmentId) const;
    /// `<cache>/environments/<environment-id>/thumbnails`: the browser's thumbnail cache.
    [[nodiscard]] QString thumbnailCacheDirectory(const QString &environmentId) const;
    /// `<data>/tokens/<environment-id>.json`: what is known about an OAuth token pair (expiry,
    /// scopes), never the tokens themselves, which live in the keychain only.
    [[nodiscard]] QString tokenMetadataFile(const QString &environmentId) const;
    /// `<data>/tokens/<environment-id>.lock`: held while a process refreshes the environment's
    /// tokens, so that the app and stratus-cli never both use the same single-use refresh token.
    [[nodiscard]] QString tokenLockFile(const QString &environmentId) const;
    /// `<data>/web-profiles/<account-id>`: the account's web engine profile (cookies, storage).
    [[nodiscard]] QString webProfileDirectory(const QString &accountId) const;
    /// `<data>/local-sandbox`: the data of the app's embedded sandbox.
    [[nodiscard]] QString localSandboxDirectory() const;

    /// Deletes everything the environment keeps on this computer: its catalogue, its upload journal
    /// (unfinished uploads with it), its caches and its token metadata. Whoever has one of them open
    /// (the app's EnvironmentSession) must have closed it first, or may write it back. Deletes what
    /// it can and names what it could not; refuses an id that is not one path component.
    Result<Done> removeEnvironmentData(const QString &environmentId) const;
    /// Deletes what the account itself keeps (its web profile); its environments' data goes with
    /// removeEnvironmentData().
    Result<Done> removeAccountData(const QString &accountId) const;
};

} // namespace stratus::core
