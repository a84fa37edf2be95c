// The keychain-backed access token of a token environment, and its refresh: once per process (one
// TokenRenewal per keychain key answers everyone who asks meanwhile) and once across processes (a
// lock file held from reading the entry to writing the new pair).
#include "storedtoken.h"

#include "core/auth/tokenendpoint.h"
#include "core/auth/tokenpair.h"
#include "core/net/netlogging.h"
#include "core/net/ratelimitbudget.h"
#include "core/util/secretmemory.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// The pair a keychain read answered (the entry's text is wiped), or why there is none.
Result<TokenPair> storedPair(Result<QString> text)
{
    if (!text) {
        if (text.error().kind == Error::Kind::NotFound)
            return Error::because(Error::Kind::Auth, ErrorReason::TokenNotInKeychain);
        return text.error();
    }
    Result<TokenPair> pair = TokenPair::fromStoredText(text.value());
    QString entry = std::move(text).value();
    wipe(entry);
    return pair;
}

// One refresh of one environment's tokens, shared by every caller in this process until it ends.
class TokenRenewal final : public QObject
{
public:
    using Callback = SecretSource::Callback;

    // The renewal under way for `key`, or a new one (started); `done` is added to its callers.
    static void join(const std::shared_ptr<SecretStore> &store, const QString &key, const QString &lockFile,
                     QNetworkAccessManager *network, const QString &rejected, QObject *context, Callback done)
    {
        TokenRenewal *&running = renewals()[key];
        if (!running) {
            running = new TokenRenewal(store, key, lockFile, network, rejected);
            running->addCaller(context, std::move(done));
            running->begin();
            return;
        }
        running->addCaller(context, std::move(done));
    }

private:
    struct Caller
    {
        QPointer<QObject> context;
        Callback done;
    };

    TokenRenewal(std::shared_ptr<SecretStore> store, QString key, QString lockFile,
                 QNetworkAccessManager *network, QString rejected)
        : m_store(std::move(store))
        , m_key(std::move(key))
        , m_lock(lockFile)
        , m_lockFile(std::move(lockFile))
        , m_network(network)
        , m_rejected(std::move(rejected))
    {
        // A process that died while holding the lock leaves it stale after this long (a refresh
        // takes seconds); QLockFile also sees at once that a dead local process held it.
        m_lock.setStaleLockTime(std::chrono::milliseconds(StoredToken::kLockWaitMs * 2));
        m_poll.setInterval(50);
        connect(&m_poll, &QTimer::timeout, this, &TokenRenewal::tryLock);
    }

    ~TokenRenewal() override
    {
        wipe(m_rejected);
        if (m_lock.isLocked())
            m_lock.unlock();
    }

    static QHash<QString, TokenRenewal *> &renewals()
    {
        static QHash<QString, TokenRenewal *> running;
        return running;
    }

    void addCaller(QObject *context, Callback done) { m_callers.append(Caller {context, std::move(done)}); }

    void begin()
    {
        QDir().mkpath(QFileInfo(m_lockFile).absolutePath());
        m_waited.start();
        tryLock();
    }

    void tryLock()
    {
        if (m_lock.tryLock(0)) {
            m_poll.stop();
            readEntry();
            return;
        }
        if (m_lock.error() == QLockFile::PermissionError || m_lock.error() == QLockFile::UnknownError) {
            finish(Error::because(Error::Kind::Io, ErrorReason::TokenRefreshLocked, m_lockFile));
            return;
        }
        if (m_waited.elapsed() > StoredToken::kLockWaitMs) {
            finish(Error::because(Error::Kind::Unavailable, ErrorReason::TokenRefreshLocked, m_lockFile));
            return;
        }
        if (!m_poll.isActive()) {
            qCInfo(lcNet) << "another process is refreshing the sign-in; waiting for it";
            m_poll.start();
        }
    }

    // Under the lock: the pair as it is now. Another process (or an earlier renewal here) may have
    // refreshed it since the caller's request was refused: then that pair is the answer.
    void readEntry()
    {
        m_store->read(m_key, this, [this](Result<QString> text) {
            const Result<TokenPair> pair = storedPair(std::move(text));
            if (!pair) {
                finish(pair.error());
                return;
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (pair->accessToken != m_rejected && !pair->isExpired(now)) {
                finish(pair->accessToken);
                return;
            }
            if (pair->refreshToken.isEmpty()) {
                finish(Error::because(Error::Kind::Auth, ErrorReason::SignInExpired));
                return;
            }
            refresh(pair.value());
        });
    }

    void refresh(const TokenPair &old)
    {
        if (!m_network) {
            // A process that set no network (stratus-cli's commands make theirs per command):
            // one of its own, for this refresh.
            m_network = new QNetworkAccessManager(this);
        }
        qCInfo(lcNet) << "refreshing the sign-in's access token";
        TokenRequestJob *job = TokenRequestJob::refresh(m_network, old, this);
        connect(job, &Job::finished, this, [this, job] {
            job->deleteLater();
            if (const auto &error = job->error()) {
                Error failure = *error;
                if (failure.reason == ErrorReason::SignInGrantRefused)
                    failure.reason = ErrorReason::SignInExpired; // used, revoked or expired
                finish(std::move(failure));
                return;
            }
            store(job->tokens());
        });
        job->start();
    }

    void store(const TokenPair &fresh)
    {
        const QString access = fresh.accessToken;
        QString text = fresh.toStoredText();
        m_store->write(m_key, text, this, [this, access](Result<Done> written) {
            if (!written) {
                // The new pair is lost with this process: the old refresh token is spent, so the
                // next request asks the person to sign in again. Say why now.
                finish(written.error());
                return;
            }
            finish(access);
        });
        wipe(text);
    }

    void finish(Result<QString> outcome)
    {
        m_poll.stop();
        if (m_lock.isLocked())
            m_lock.unlock();
        renewals().remove(m_key);
        const QList<Caller> callers = std::exchange(m_callers, {});
        for (const Caller &caller : callers) {
            if (caller.context)
                caller.done(outcome);
        }
        deleteLater();
    }

    std::shared_ptr<SecretStore> m_store;
    QString m_key;
    QLockFile m_lock;
    QString m_lockFile;
    QPointer<QNetworkAccessManager> m_network;
    QString m_rejected;
    QList<Caller> m_callers;
    QTimer m_poll;
    QElapsedTimer m_waited;
};

} // namespace

StoredToken::StoredToken(std::shared_ptr<SecretStore> store, QString key, QString lockFile,
                         QNetworkAccessManager *network, InsecureTransport transport)
    : m_store(std::move(store))
    , m_key(std::move(key))
    , m_lockFile(std::move(lockFile))
    , m_network(network)
    , m_transport(transport)
{
}

void StoredToken::fetch(QObject *context, Callback done) const
{
    QPointer<QObject> guard(context);
    m_store->read(m_key, context,
                  [store = m_store, key = m_key, lockFile = m_lockFile, network = m_network, guard,
                   done](Result<QString> text) {
                      const Result<TokenPair> pair = storedPair(std::move(text));
                      if (!pair) {
                          done(pair.error());
                          return;
                      }
                      if (!pair->isExpired(QDateTime::currentDateTimeUtc())) {
                          done(pair->accessToken);
                          return;
                      }
                      // Expired: renew before sending rather than be refused.
                      if (guard)
                          TokenRenewal::join(store, key, lockFile, network, pair->accessToken, guard, done);
                  });
}

void StoredToken::renew(const QString &rejected, QObject *context, Callback done) const
{
    if (!context)
        return;
    TokenRenewal::join(m_store, m_key, m_lockFile, m_network, rejected, context, std::move(done));
}

} // namespace stratus::core
