#include "webprofiles.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebEngineCookieStore>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>

using namespace Qt::StringLiterals;

namespace stratus::web {

Q_LOGGING_CATEGORY(lcProfiles, "stratus.web.profiles")

namespace {

bool isOnePathComponent(const QString &id)
{
    return !id.isEmpty() && id != u"."_s && id != u".."_s && !id.contains(u'/') && !id.contains(u'\\');
}

} // namespace

WebProfiles::WebProfiles(core::StorageLayout layout, QObject *parent)
    : QObject(parent)
    , m_layout(std::move(layout))
{
}

WebProfiles::~WebProfiles()
{
    const QStringList ids = m_profiles.keys();
    for (const QString &id : ids)
        closeProfile(id);
}

QWebEngineProfile *WebProfiles::profile(const QString &accountId)
{
    if (!isOnePathComponent(accountId))
        return nullptr;
    if (QWebEngineProfile *existing = m_profiles.value(accountId))
        return existing;

    const QString directory = m_layout.webProfileDirectory(accountId);
    QDir().mkpath(directory);
    // The storage name only has to be unique in the process; the paths below are what count.
    auto *profile = new QWebEngineProfile(u"stratus-"_s + accountId, this);
    profile->setPersistentStoragePath(directory + u"/storage"_s);
    profile->setCachePath(directory + u"/cache"_s);
    profile->setHttpCacheType(QWebEngineProfile::DiskHttpCache);
    // The console's sign-in is a session cookie: keep it, so the account stays signed in.
    profile->setPersistentCookiesPolicy(QWebEngineProfile::ForcePersistentCookies);
    profile->setSpellCheckEnabled(false);
    connect(
        profile, &QWebEngineProfile::downloadRequested, this,
        [this, accountId](QWebEngineDownloadRequest *download) { onDownloadRequested(accountId, download); });
    m_profiles.insert(accountId, profile);
    qCInfo(lcProfiles) << "opened the web profile of account" << accountId;
    return profile;
}

bool WebProfiles::isOpen(const QString &accountId) const
{
    return m_profiles.contains(accountId);
}

void WebProfiles::setSavePathHook(SavePathHook hook)
{
    m_savePathHook = std::move(hook);
}

core::Result<core::Done> WebProfiles::removeProfile(const QString &accountId)
{
    if (!isOnePathComponent(accountId))
        return core::Error::invalidInput(accountId);
    if (QWebEngineProfile *open = m_profiles.value(accountId)) {
        // Cleared first, through the engine, in case a file of the directory is held open.
        open->cookieStore()->deleteAllCookies();
        open->clearHttpCache();
        Q_EMIT profileClosing(accountId);
        closeProfile(accountId);
    }
    return m_layout.removeAccountData(accountId);
}

void WebProfiles::closeProfile(const QString &accountId)
{
    QWebEngineProfile *profile = m_profiles.take(accountId);
    if (!profile)
        return;
    delete profile;
    // Chromium releases the profile's storage (LevelDB, SQLite) on its own threads after the
    // profile is gone; give the event loop a moment so that files are closed before they are
    // deleted and not written back.
    QEventLoop loop;
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

void WebProfiles::onDownloadRequested(const QString &accountId, QWebEngineDownloadRequest *download)
{
    const QString suggested = QDir(download->downloadDirectory()).filePath(download->downloadFileName());
    const QString chosen = m_savePathHook ? m_savePathHook(suggested) : QString();
    if (chosen.isEmpty()) {
        download->cancel();
        Q_EMIT downloadFinished(accountId, {}, false);
        return;
    }
    const QFileInfo target(chosen);
    download->setDownloadDirectory(target.absolutePath());
    download->setDownloadFileName(target.fileName());
    connect(download, &QWebEngineDownloadRequest::isFinishedChanged, this,
            [this, accountId, download, chosen]() {
                if (download->isFinished())
                    Q_EMIT downloadFinished(
                        accountId, chosen, download->state() == QWebEngineDownloadRequest::DownloadCompleted);
            });
    download->accept();
}

} // namespace stratus::web
