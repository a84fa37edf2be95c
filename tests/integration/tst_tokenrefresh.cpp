// A token environment's sign-in over time (issue 14, points 2 and 7), with the real keychain, the
// real sandbox as authorization server and stratus-cli as a second process: an expired access
// token refreshed once however many calls need it; a token the server refuses renewed once; a
// reused refresh token refused (and the person asked to sign in again); a revoked sign-in leading to
// "Sign In Again"; two processes that need a fresh token at the same moment making one refresh;
// and no token, code, state or PKCE verifier anywhere outside the keychain: files, logs, output,
// the process list.
#include "../headlesssession.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/api/adminapi.h"
#include "core/api/uploadjob.h"
#include "core/auth/oauthsignin.h"
#include "core/auth/tokenendpoint.h"
#include "core/storage/storagelayout.h"
#include "words/errorwords.h"

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(stratus::core::Error)

namespace {

const QString kEmail = u"ana@example.com"_s;
const QString kPassword = u"c0rrect horse"_s;

// Everything logged while the test runs (every category of Stratus on, debug included).
QMutex g_logMutex;
QStringList g_log;

void keepLog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg)
        fprintf(stderr, "%s\n", qPrintable(message));
    const QMutexLocker lock(&g_logMutex);
    g_log.append(message);
}

// The real network, which also keeps what was posted to a token endpoint: the test needs the PKCE
// verifier and codes the client sent, to look for them where they must not be.
class RecordingNetwork final : public QNetworkAccessManager
{
public:
    QByteArrayList tokenRequests;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoing) override
    {
        if (outgoing && request.url().path().startsWith(u"/oauth2/"_s))
            tokenRequests.append(outgoing->peek(outgoing->size()));
        return QNetworkAccessManager::createRequest(op, request, outgoing);
    }
};

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestTokenRefresh : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_sandboxData;
    test::SandboxProcess m_sandbox;
    RecordingNetwork m_network;
    StorageLayout m_layout;
    std::unique_ptr<AccountStore> m_store;
    QStringList m_seen; ///< every token, code, state and verifier of the run, for the final scan
    QByteArrayList m_output; ///< what stratus-cli printed
    int m_signIns = 0;

    QJsonObject stats()
    {
        return QJsonDocument::fromJson(m_sandbox.raw("GET", u"/_sandbox/oauth/stats"_s).body).object();
    }
    int refreshes() { return stats().value("refreshes"_L1).toInt(); }

    QString keychainText(const QString &environmentId)
    {
        QString text;
        bool answered = false;
        m_store->secretStore()->read(u"environment/"_s + environmentId, this, [&](Result<QString> entry) {
            answered = true;
            if (entry)
                text = entry.value();
        });
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            qWarning("the keychain did not answer");
        return text;
    }

    bool writeKeychain(const QString &environmentId, const TokenPair &pair)
    {
        std::optional<Result<Done>> written;
        m_store->replaceSecret(environmentId, pair.toStoredText(), this,
                               [&](Result<Done> result) { written = std::move(result); });
        return QTest::qWaitFor([&] { return written.has_value(); }, 10000) && written->ok();
    }

    TokenPair stored(const QString &environmentId)
    {
        auto pair = TokenPair::fromStoredText(keychainText(environmentId));
        if (!pair)
            return {};
        remember(pair.value());
        return pair.value();
    }

    void remember(const TokenPair &pair)
    {
        for (const QString &token : {pair.accessToken, pair.refreshToken}) {
            if (!token.isEmpty() && !m_seen.contains(token))
                m_seen.append(token);
        }
    }

    // "Sign in with Cloudinary" in this process, the test playing the browser; the tokens.
    TokenPair signIn()
    {
        OAuthSignIn signIn(&m_network, OAuthConfig::forSandbox(m_sandbox.baseUrl()));
        QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        const auto url = signIn.start();
        if (!url) {
            qWarning("cannot start the sign-in");
            return {};
        }
        const QUrl redirect = m_sandbox.signInInBrowser(url.value(), kEmail, kPassword);
        const QUrlQuery query(redirect);
        m_seen << query.queryItemValue(u"code"_s) << query.queryItemValue(u"state"_s);
        // The browser's page waits for the token exchange: succeeded() may come before it.
        if (m_sandbox.followRedirect(redirect).status != 200
            || !(succeeded.size() == 1 || succeeded.wait(10000))) {
            qWarning("the sign-in did not succeed (%d failures)", int(failed.size()));
            return {};
        }
        for (const QByteArray &body : std::as_const(m_network.tokenRequests)) {
            const QUrlQuery form(QString::fromUtf8(body));
            if (form.hasQueryItem(u"code_verifier"_s))
                m_seen << form.queryItemValue(u"code_verifier"_s, QUrl::FullyDecoded);
        }
        const auto tokens = succeeded.first().at(0).value<TokenPair>();
        remember(tokens);
        return tokens;
    }

    // A token environment for the sandbox's "alpha", signed in now; its id.
    QString addSignedInEnvironment()
    {
        const TokenPair tokens = signIn();
        if (tokens.accessToken.isEmpty())
            return {};
        const QUrl base = m_sandbox.baseUrl();
        const auto url
            = CloudinaryUrl::parse(u"cloudinary://alpha?upload_prefix=%1&cname=%2&secure=false"_s.arg(
                base.toString(QUrl::RemovePath), base.authority()));
        if (!url) {
            qWarning("bad environment URL");
            return {};
        }
        ++m_signIns;
        AccountRecord account;
        account.id = AccountStore::newId();
        account.label = u"Ana %1"_s.arg(m_signIns);
        EnvironmentRecord env;
        env.id = AccountStore::newId();
        env.accountId = account.id;
        env.name = u"alpha-%1"_s.arg(m_signIns);
        env.url = url.value();
        env.credential = CredentialKind::AccessToken;
        std::optional<Result<Done>> added;
        m_store->addAccount(account, {{env, tokens.toStoredText()}}, {}, this,
                            [&](Result<Done> result) { added = std::move(result); });
        if (!QTest::qWaitFor([&] { return added.has_value(); }, 10000) || !added->ok()) {
            qWarning("the environment was not added: %s",
                     added ? qPrintable(words::ErrorWords::text(added->error())) : "no answer");
            return {};
        }
        return env.id;
    }

    ApiContext contextOf(const QString &environmentId)
    {
        auto context = apiContextFor(m_store->effectiveUrl(environmentId),
                                     m_store->secretSource(environmentId), &m_network);
        if (!context)
            return {};
        context.value().retryPolicy.baseDelay = std::chrono::milliseconds(20);
        context.value().retryPolicy.maxDelay = std::chrono::milliseconds(200);
        return context.value();
    }

    // `count` Admin API pings at the same time; the errors (empty: all succeeded).
    QList<Error> ping(const QString &environmentId, int count = 1)
    {
        const AdminApi api(contextOf(environmentId));
        QList<Job *> jobs;
        for (int i = 0; i < count; ++i) {
            Job *job = api.ping(this);
            jobs.append(job);
            job->start();
        }
        QList<Error> errors;
        if (!QTest::qWaitFor(
                [&] {
                    return std::all_of(jobs.cbegin(), jobs.cend(),
                                       [](Job *job) { return job->isFinished(); });
                },
                20000))
            errors.append(Error::because(Error::Kind::Network, ErrorReason::ServerSilent));
        for (Job *job : std::as_const(jobs)) {
            if (job->error())
                errors.append(*job->error());
            delete job;
        }
        return errors;
    }

    // The stored pair with an expiry in the past: the next call must renew it first.
    bool markExpired(const QString &environmentId)
    {
        TokenPair pair = stored(environmentId);
        pair.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        return writeKeychain(environmentId, pair);
    }

    QProcess *startCli(const QStringList &arguments)
    {
        auto *process = new QProcess(this);
        process->start(QStringLiteral(STRATUS_CLI_PATH), arguments);
        process->closeWriteChannel();
        return process;
    }

    CliRun finish(QProcess *process)
    {
        CliRun run;
        if (!process->waitForFinished(60000))
            process->kill();
        run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        run.out = process->readAllStandardOutput();
        run.err = process->readAllStandardError();
        m_output << run.out << run.err;
        delete process;
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATUS_REQUIRE_HEADLESS_SESSION();
        qRegisterMetaType<TokenPair>();
        qRegisterMetaType<AccessTokenClaims>();
        qRegisterMetaType<Error>();
        QLoggingCategory::setFilterRules(u"stratus.*=true"_s);
        qInstallMessageHandler(keepLog);
        m_network.setProxy(QNetworkProxy::NoProxy);
        QString error;
        // Tokens live 60 s: long enough that the client trusts one it just got, short enough
        // nothing else is needed; the tests make them stale by hand where they need to.
        QVERIFY2(m_sandbox.start({u"--data"_s, m_sandboxData.path(), u"--environment"_s,
                                  u"cloudinary://k1:s1@alpha?admin_rate_limit=100000"_s, u"--user"_s,
                                  kEmail + u':' + kPassword + u"@alpha"_s, u"--token-lifetime"_s, u"60"_s},
                                 1, false, &error),
                 qPrintable(error));
        m_layout = StorageLayout::standard();
        m_store = std::make_unique<AccountStore>(std::make_shared<KeychainSecretStore>(), m_layout);
        m_store->setNetwork(&m_network);
        QVERIFY(m_store->load());
    }

    void aFreshSignInWorksWithoutARefresh()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        const int before = refreshes();
        QVERIFY(ping(id).isEmpty());
        QCOMPARE(refreshes(), before);
    }

    // The Upload API with a token: nothing signed, no api_key, the Bearer header says who uploads.
    void anUploadGoesWithTheToken()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        QTemporaryDir files;
        QImage image(24, 16, QImage::Format_RGB32);
        image.fill(Qt::darkMagenta);
        const QString path = files.filePath(u"token-upload.png"_s);
        QVERIFY(image.save(path));
        UploadOptions options;
        options.publicId = u"uploaded-with-a-token"_s;
        UploadJob job(contextOf(id), path, options, nullptr);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(20000));
        QVERIFY2(job.result().ok(), job.result().ok() ? "" : qPrintable(job.result().error().message));
        QCOMPARE(job.result().value().asset.publicId, u"uploaded-with-a-token"_s);
    }

    void anExpiredTokenIsRefreshedOnceForManyCalls()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        const TokenPair before = stored(id);
        QVERIFY(markExpired(id));
        const int refreshed = refreshes();
        const QList<Error> errors = ping(id, 4);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().message));
        QCOMPARE(refreshes(), refreshed + 1);
        const TokenPair after = stored(id);
        QVERIFY(after.accessToken != before.accessToken);
        QVERIFY(after.refreshToken != before.refreshToken); // rotated, and stored
        QVERIFY(!after.isExpired(QDateTime::currentDateTimeUtc()));
    }

    void aTokenTheServerRefusesIsRenewedOnce()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        // The client believes a token the server no longer takes (a clock that runs late): the
        // 401 makes it renew, once, and the call goes through.
        TokenPair pair = stored(id);
        pair.accessToken = pair.accessToken.left(pair.accessToken.size() - 4) + u"AAAA"_s;
        QVERIFY(writeKeychain(id, pair));
        const int refreshed = refreshes();
        const QList<Error> errors = ping(id);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().message));
        QCOMPARE(refreshes(), refreshed + 1);
    }

    void aReusedRefreshTokenIsRefusedAndAsksToSignInAgain()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        const TokenPair first = stored(id);
        QVERIFY(markExpired(id));
        QVERIFY(ping(id).isEmpty()); // refreshed: `first`'s refresh token is spent
        // A copy of the old pair comes back (a process that kept it): refreshing with it is refused.
        TokenPair stale = first;
        stale.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        QVERIFY(writeKeychain(id, stale));
        const int refused = stats().value("refused_refreshes"_L1).toInt();
        const QList<Error> errors = ping(id);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().kind, Error::Kind::Auth);
        QCOMPARE(errors.first().reason, ErrorReason::SignInExpired);
        QCOMPARE(words::ErrorWords::remedy(errors.first()), words::Remedy::SignInAgain);
        QCOMPARE(stats().value("refused_refreshes"_L1).toInt(), refused + 1);
    }

    void aRevokedSignInAsksToSignInAgain()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        const TokenPair pair = stored(id);
        RevokeTokenJob revoke(&m_network, pair);
        QSignalSpy revoked(&revoke, &Job::finished);
        revoke.start();
        QVERIFY(revoked.wait(10000));
        QVERIFY(!revoke.error());
        const QList<Error> errors = ping(id);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().reason, ErrorReason::SignInExpired);
        QCOMPARE(words::ErrorWords::remedy(errors.first()), words::Remedy::SignInAgain);
        QVERIFY(!words::ErrorWords::text(errors.first()).isEmpty());
    }

    void twoProcessesNeedingAFreshTokenMakeOneRefresh()
    {
        const QString id = addSignedInEnvironment();
        QVERIFY(!id.isEmpty());
        const QString name = m_store->environment(id)->name;
        QVERIFY(markExpired(id));
        const int refreshed = refreshes();
        const int refused = stats().value("refused_refreshes"_L1).toInt();
        // Both start at once, both find the token expired, both want to refresh it.
        const QStringList arguments {u"metadata-fields"_s, u"list"_s, u"--env"_s, name};
        QProcess *first = startCli(arguments);
        QProcess *second = startCli(arguments);
        const CliRun one = finish(first);
        const CliRun two = finish(second);
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QVERIFY2(two.exitCode == 0, two.err.constData());
        QCOMPARE(refreshes(), refreshed + 1);
        QCOMPARE(stats().value("refused_refreshes"_L1).toInt(), refused);
        const TokenPair after = stored(id);
        QVERIFY(!after.isExpired(QDateTime::currentDateTimeUtc()));
        // And this process, which read the old pair before, takes the new one without refreshing.
        QVERIFY(ping(id).isEmpty());
        QCOMPARE(refreshes(), refreshed + 1);
    }

    void noSecretOfTheSignInOutsideTheKeychain()
    {
        QVERIFY(m_seen.size() >= 10);
        m_seen.removeAll(QString());
        const QString session = qEnvironmentVariable("STRATUS_HEADLESS_SESSION");
        QVERIFY(!session.isEmpty());
        // Files: everything of this headless session (home, config, data, cache; the keyring's own
        // file is encrypted) and the sandbox's data.
        QStringList files;
        for (const QString &root : {session, m_sandboxData.path()}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        }
        QVERIFY(files.size() > 3);
        for (const QString &path : std::as_const(files)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.read(64 * 1024 * 1024);
            for (const QString &secret : std::as_const(m_seen))
                QVERIFY2(!content.contains(secret.toUtf8()), qPrintable(u"found in "_s + path));
        }
        // Logs of this process, and what stratus-cli printed.
        const QString log = [] {
            const QMutexLocker lock(&g_logMutex);
            return g_log.join(u'\n');
        }();
        QVERIFY(log.contains(u"refreshing"_s)); // the log was captured
        const QByteArray printed = m_output.join('\n');
        for (const QString &secret : std::as_const(m_seen)) {
            QVERIFY2(!log.contains(secret), "a secret of the sign-in was logged");
            QVERIFY2(!printed.contains(secret.toUtf8()), "a secret of the sign-in was printed");
        }
        // The process list: every command line on this machine.
        QDirIterator proc(u"/proc"_s, QDir::Dirs | QDir::NoDotAndDotDot);
        int commandLines = 0;
        while (proc.hasNext()) {
            QFile cmdline(proc.next() + u"/cmdline"_s);
            if (!cmdline.open(QIODevice::ReadOnly))
                continue;
            ++commandLines;
            const QByteArray line = cmdline.readAll();
            for (const QString &secret : std::as_const(m_seen))
                QVERIFY2(!line.contains(secret.toUtf8()), "a secret of the sign-in is on a command line");
        }
        QVERIFY(commandLines > 1);
    }

    void cleanupTestCase() { qInstallMessageHandler(nullptr); }
};

QTEST_GUILESS_MAIN(TestTokenRefresh)
#include "tst_tokenrefresh.moc"
