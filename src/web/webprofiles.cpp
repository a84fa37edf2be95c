#include "webprofiles.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebEngineCookieStore>
#include <QWebEngineDownloadRequest>
#include <QWebEngineProfile>
#include <QWebEngineUrlRequestInterceptor>

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
    profile->setUrlRequestInterceptor(m_interceptor);
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

void WebProfiles::setRequestInterceptor(QWebEngineUrlRequestInterceptor *interceptor)
{
    m_interceptor = interceptor;
    for (QWebEngineProfile *profile : std::as_const(m_profiles))
        profile->setUrlRequestInterceptor(interceptor);
}

void WebProfiles::setSavePathHook(SavePathHook hook)
{
    m_savePathHook = std::move(hook);
}

void WebProfiles::removeProfile(const QString &accountId, QObject *context, RemovalDone done)
{
    if (!isOnePathComponent(accountId)) {
        QTimer::singleShot(0, context, [done = std::move(done), accountId]() {
            done(core::Error::invalidInput(accountId));
        });
        return;
    }
    if (QWebEngineProfile *open = m_profiles.value(accountId)) {
        // Cleared first, through the engine, so nothing of it is left should a file stay behind.
        open->cookieStore()->deleteAllCookies();
        open->clearHttpCache();
        Q_EMIT profileClosing(accountId);
        closeProfile(accountId);
    }
    QTimer::singleShot(0, this,
                       [this, accountId, context = QPointer<QObject>(context), done = std::move(done)]() {
                           retryRemoval(accountId, context, done, removalTimeoutMs / 100);
                       });
}

void WebProfiles::retryRemoval(const QString &accountId, QPointer<QObject> context, RemovalDone done,
                               int attemptsLeft)
{
    if (m_profiles.contains(accountId)) {
        // Opened again before the removal finished: leave its files alone.
        if (context)
            done(core::Error::invalidInput(accountId));
        return;
    }
    auto removed = m_layout.removeAccountData(accountId);
    if (!removed.ok() && attemptsLeft > 0) {
        QTimer::singleShot(100, this, [this, accountId, context, done, attemptsLeft]() {
            retryRemoval(accountId, context, done, attemptsLeft - 1);
        });
        return;
    }
    if (!removed.ok()) {
        qCWarning(lcProfiles).noquote() << "cannot delete" << removed.error().subject;
        if (context)
            done(removed);
        return;
    }
    // The GPU process initialises a profile's shader cache (GPUCache) late and may create it after
    // the first deletion: look once more after it has had time to, and delete what came back.
    QTimer::singleShot(settleMs, this, [this, accountId, context, done]() {
        auto again = m_profiles.contains(accountId)
            ? core::Result<core::Done>(core::Error::invalidInput(accountId))
            : m_layout.removeAccountData(accountId);
        if (!again.ok())
            qCWarning(lcProfiles).noquote() << "cannot delete" << again.error().subject;
        if (context)
            done(again);
    });
}

void WebProfiles::closeProfile(const QString &accountId)
{
    // The pages of the profile are gone (profileClosing()); what Chromium still holds, it releases
    // on its own threads.
    delete m_profiles.take(accountId);
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
