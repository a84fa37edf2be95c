// `stratus-cli login` and `logout` (issue 14, point 4) on the real executable against a real
// stratus-sandbox acting as the authorization server, with the real keychain (tests/run-headless.sh):
// the test plays the browser over HTTP (the authorize page, the login form, the consent page, then the
// redirect to the CLI's loopback receiver) and checks what a person would see: the one line on
// success, the environment listed with the credential "token", a one-line reason and exit 1 for an
// answer with another `state`, a denied consent and a browser that never comes back; logout revokes
// the sign-in at the sandbox; commands that need the API secret say why they cannot. At the end no
// token from the keychain and no code is in a file of the CLI's folders or in anything the CLI
// printed, its logs included.
#include "../headlesssession.h"
#include "../integration/sandboxprocess.h"
#include "stratus/oauthbuild.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kEmail = u"alice@example.com"_s;
const QString kPassword = u"pa:ss@w0rd"_s;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliLogin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    stratus::test::SandboxProcess m_sandbox;
    QByteArrayList m_printed; ///< everything the CLI printed, for the final scan
    QStringList m_tokens; ///< every token seen in the keychain, and every code, for the final scan

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.remove(u"CLOUDINARY_URL"_s);
        return env;
    }

    Run cli(const QStringList &args)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(STRATUS_CLI_PATH), args);
        process.closeWriteChannel();
        Run run;
        if (process.waitForFinished(60000))
            run = {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                   process.readAllStandardOutput(), process.readAllStandardError()};
        else
            process.kill();
        m_printed << run.out << run.err;
        return run;
    }

    stratus::test::SandboxProcess::RawAnswer http(const QByteArray &verb, const QUrl &url,
                                                  const QByteArray &body = {},
                                                  const QByteArray &authorization = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        std::unique_ptr<QNetworkReply> reply(m_sandbox.network()->sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        stratus::test::SandboxProcess::RawAnswer answer;
        if (!reply->isFinished() && !finished.wait(20000))
            return answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.headers = reply->rawHeaderPairs();
        answer.body = reply->readAll();
        return answer;
    }

    // Starts `stratus-cli login --no-browser --sandbox BASE args…` and reads the address it prints.
    bool startLogin(QProcess &process, const QStringList &args, QUrl *authorize)
    {
        // With every log of core's on: what it logs is scanned for codes and tokens at the end.
        QProcessEnvironment env = environment();
        env.insert(u"QT_LOGGING_RULES"_s, u"stratus.*=true"_s);
        process.setProcessEnvironment(env);
        process.start(
            QStringLiteral(STRATUS_CLI_PATH),
            QStringList {u"login"_s, u"--no-browser"_s, u"--sandbox"_s, m_sandbox.baseUrl().toString()}
                + args);
        process.closeWriteChannel();
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30000) {
            if (!process.canReadLine() && !process.waitForReadyRead(200)) {
                if (process.state() == QProcess::NotRunning)
                    break;
                continue;
            }
            const QByteArray line = process.readLine();
            m_printed << line;
            *authorize = QUrl(QString::fromUtf8(line).trimmed());
            return authorize->isValid() && authorize->path() == u"/oauth2/auth";
        }
        qWarning("no address printed: %s", process.readAllStandardError().constData());
        return false;
    }

    Run finish(QProcess &process)
    {
        Run run;
        // It may have ended already, while the test's browser waited for its page.
        if (process.state() != QProcess::NotRunning && !process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run = {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
               process.readAllStandardOutput(), process.readAllStandardError()};
        m_printed << run.out << run.err;
        return run;
    }

    // The browser: the authorize page, the login form, then Allow or Deny on the consent page. The
    // redirect the consent answers with (to the CLI's loopback receiver), or an empty URL.
    QUrl consent(const QUrl &authorize, const QString &action)
    {
        const QUrl location = m_sandbox.signInInBrowser(authorize, kEmail, kPassword, action);
        if (const QString code = QUrlQuery(location).queryItemValue(u"code"_s); !code.isEmpty())
            m_tokens.append(code);
        return location;
    }

    QJsonObject listed(const QString &name)
    {
        const Run list = cli({u"env"_s, u"list"_s, u"--json"_s});
        const QJsonArray environments
            = QJsonDocument::fromJson(list.out).object().value(u"environments"_s).toArray();
        for (const QJsonValue &entry : environments) {
            if (entry.toObject().value(u"name"_s).toString() == name)
                return entry.toObject();
        }
        return {};
    }

    // The keychain entry of the environment `name` (secret-tool reads the real Secret Service).
    QJsonObject keychainEntry(const QString &name)
    {
        QSettings accounts(m_dir.filePath(u"config/Stratus/accounts.ini"_s), QSettings::IniFormat);
        const int size = accounts.beginReadArray(u"environments"_s);
        QString id;
        for (int i = 0; i < size; ++i) {
            accounts.setArrayIndex(i);
            if (accounts.value(u"name"_s).toString() == name)
                id = accounts.value(u"id"_s).toString();
        }
        accounts.endArray();
        QProcess tool;
        tool.start(u"secret-tool"_s,
                   {u"lookup"_s, u"server"_s, u"Stratus"_s, u"user"_s, u"environment/"_s + id});
        tool.waitForFinished(10000);
        const QJsonObject entry = QJsonDocument::fromJson(tool.readAllStandardOutput()).object();
        for (const char *key : {"access_token", "refresh_token"}) {
            if (const QString token = entry.value(QLatin1StringView(key)).toString(); !token.isEmpty())
                m_tokens.append(token);
        }
        return entry;
    }

    int stat(const char *name)
    {
        const auto answer = http("GET", m_sandbox.baseUrl().resolved(QUrl(u"/_sandbox/oauth/stats"_s)));
        return QJsonDocument::fromJson(answer.body).object().value(QLatin1StringView(name)).toInt(-1);
    }

    // One whole sign-in to `name`; the line the CLI printed on success.
    Run signIn(const QString &name)
    {
        QProcess process;
        QUrl authorize;
        if (!startLogin(process, {name}, &authorize))
            return {};
        const QUrl back = consent(authorize, u"allow"_s);
        if (back.isEmpty())
            return {};
        const auto page = http("GET", back);
        if (page.status != 200 || !page.body.contains("You are signed in. Go back to Stratus."))
            qWarning("callback page: %d %s", page.status, page.body.constData());
        return finish(process);
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATUS_REQUIRE_HEADLESS_SESSION();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start({u"--environment"_s, u"cloudinary://k1:s1@alpha"_s, u"--user"_s,
                                  kEmail + u':' + kPassword + u"@alpha"_s},
                                 1, false, &error),
                 qPrintable(error));
    }

    void signInStoresATokenEnvironment()
    {
        const Run run = signIn(u"work"_s);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, "Signed in to alpha as work.\n"_ba);

        const QJsonObject entry = listed(u"work"_s);
        QCOMPARE(entry.value(u"credential"_s).toString(), u"token"_s);
        QCOMPARE(entry.value(u"cloud"_s).toString(), u"alpha"_s);
        QCOMPARE(entry.value(u"api_key"_s).toString(), QString());
        QVERIFY(entry.value(u"logged_in"_s).toBool());
        const Run table = cli({u"env"_s, u"list"_s});
        QVERIFY2(table.out.contains("CREDENTIAL"), table.out.constData());
        QVERIFY2(QRegularExpression(u"work\\s+alpha\\s+\\S+\\s+token"_s)
                     .match(QString::fromUtf8(table.out))
                     .hasMatch(),
                 table.out.constData());

        const QJsonObject stored = keychainEntry(u"work"_s);
        QVERIFY(!stored.value(u"access_token"_s).toString().isEmpty());
        QVERIFY(!stored.value(u"refresh_token"_s).toString().isEmpty());
        QCOMPARE(stored.value(u"client_id"_s).toString(), u"stratus-desktop"_s);

        // The environment works with the token alone (the lead's Bearer support in NetworkJob).
        const Run ls = cli({u"search"_s, u"--env"_s, u"work"_s, u"resource_type:image"_s});
        QVERIFY2(ls.exitCode == 0, ls.err.constData());
    }

    void secretCommandsSayWhy()
    {
        const Run sign = cli({u"sign"_s, u"--env"_s, u"work"_s, u"--params"_s, uR"({"timestamp":1})"_s});
        QCOMPARE(sign.exitCode, 1);
        QVERIFY(sign.out.isEmpty());
        QVERIFY2(sign.err.contains("signed in with Cloudinary") && sign.err.count('\n') == 1,
                 sign.err.constData());

        // An unsigned delivery URL needs no secret; a signed one does.
        const Run plain = cli({u"url"_s, u"sample"_s, u"--env"_s, u"work"_s});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY2(plain.out.contains("/alpha/image/upload/sample"), plain.out.constData());
        const Run signedUrl
            = cli({u"url"_s, u"sample"_s, u"--env"_s, u"work"_s, u"--options"_s, uR"({"sign_url":true})"_s});
        QCOMPARE(signedUrl.exitCode, 1);
        QVERIFY2(signedUrl.err.contains("needs the environment's API secret"), signedUrl.err.constData());
    }

    void aNameWithAnApiKeyIsNotTaken()
    {
        const Run add = cli(
            {u"env"_s, u"add"_s, u"keyed"_s, u"--cloudinary-url"_s, m_sandbox.cloudinaryUrls().first()});
        QVERIFY2(add.exitCode == 0, add.err.constData());
        QCOMPARE(listed(u"keyed"_s).value(u"credential"_s).toString(), u"api-key"_s);
        const Run login = cli(
            {u"login"_s, u"--no-browser"_s, u"--sandbox"_s, m_sandbox.baseUrl().toString(), u"keyed"_s});
        QCOMPARE(login.exitCode, 2);
        QVERIFY2(login.err.contains("uses an API key"), login.err.constData());
        QVERIFY(login.out.isEmpty()); // refused before any address was printed
    }

    void logoutOfAnApiKeyEnvironment()
    {
        const int revocations = stat("revocations");
        const Run run = cli({u"logout"_s, u"keyed"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("API secrets are deleted"), run.out.constData());
        QCOMPARE(stat("revocations"), revocations); // nothing to revoke at a server
        QVERIFY(!listed(u"keyed"_s).value(u"logged_in"_s).toBool());
        QVERIFY(listed(u"work"_s).value(u"logged_in"_s).toBool()); // another account
        const Run again = cli({u"logout"_s, u"keyed"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("logged out already"), again.out.constData());
        const Run unknown = cli({u"logout"_s, u"nobody"_s});
        QCOMPARE(unknown.exitCode, 2);
    }

    void wrongStateRefused()
    {
        QProcess process;
        QUrl authorize;
        QVERIFY(startLogin(process, {u"tampered"_s}, &authorize));
        QUrl back = consent(authorize, u"allow"_s);
        QVERIFY(!back.isEmpty());
        QUrlQuery query(back);
        QVERIFY(query.hasQueryItem(u"code"_s));
        query.removeQueryItem(u"state"_s);
        query.addQueryItem(u"state"_s, u"someone-elses"_s);
        back.setQuery(query);
        const int exchanges = stat("code_exchanges");
        const auto page = http("GET", back);
        QCOMPARE(page.status, 200);
        QVERIFY2(page.body.contains("Signing in did not work"), page.body.constData());
        const Run run = finish(process);
        QVERIFY2(run.exitCode == 1, run.err.constData());
        QVERIFY2(run.err.contains("not for this sign-in, so it was refused"), run.err.constData());
        QVERIFY(!run.out.contains("Signed in"));
        QCOMPARE(stat("code_exchanges"), exchanges); // the code was never used
        QVERIFY(listed(u"tampered"_s).isEmpty());
    }

    void deniedConsent()
    {
        QProcess process;
        QUrl authorize;
        QVERIFY(startLogin(process, {u"denied"_s}, &authorize));
        const QUrl back = consent(authorize, u"deny"_s);
        QCOMPARE(QUrlQuery(back).queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(http("GET", back).status, 200);
        const Run run = finish(process);
        QVERIFY2(run.exitCode == 1, run.err.constData());
        QVERIFY2(run.err.contains("Access was denied in the browser: The user denied access"),
                 run.err.constData());
        QCOMPARE(run.err.count("stratus-cli login:"), 1);
        QVERIFY(listed(u"denied"_s).isEmpty());
    }

    void browserNeverComesBack()
    {
        QElapsedTimer clock;
        clock.start();
        const Run run = cli({u"login"_s, u"--no-browser"_s, u"--timeout"_s, u"1"_s, u"--sandbox"_s,
                             m_sandbox.baseUrl().toString(), u"late"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("did not come back to Stratus in time"), run.err.constData());
        QVERIFY(clock.elapsed() < 20000);
    }

    // Without --sandbox the build's client ID (and server) are used: a build without one says so
    // and stops; a build with one prints the address at its server with its client ID.
    void theBuildsClientId()
    {
        const QString clientId = QStringLiteral(STRATUS_OAUTH_CLIENT_ID);
        if (clientId.isEmpty()) {
            const Run run = cli({u"login"_s, u"--no-browser"_s});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("has no client ID"), run.err.constData());
            QVERIFY(run.out.isEmpty());
            return;
        }
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(STRATUS_CLI_PATH),
                      {u"login"_s, u"--no-browser"_s, u"--timeout"_s, u"5"_s});
        QVERIFY(process.waitForReadyRead(20000));
        const QUrl address(QString::fromUtf8(process.readLine()).trimmed());
        process.kill();
        process.waitForFinished();
        QCOMPARE(address.adjusted(QUrl::RemoveQuery).toString(),
                 QStringLiteral(STRATUS_OAUTH_SERVER) + u"/oauth2/auth"_s);
        QCOMPARE(QUrlQuery(address).queryItemValue(u"client_id"_s), clientId);
    }

    void logoutRevokes()
    {
        const QJsonObject stored = keychainEntry(u"work"_s);
        const QString access = stored.value(u"access_token"_s).toString();
        QVERIFY(!access.isEmpty());
        const QUrl resources = m_sandbox.baseUrl().resolved(QUrl(u"/v1_1/alpha/resources/image"_s));
        QCOMPARE(http("GET", resources, {}, "Bearer " + access.toLatin1()).status, 200);

        const int revocations = stat("revocations");
        const Run run = cli({u"logout"_s, u"work"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("revoked"), run.out.constData());
        QVERIFY(stat("revocations") > revocations);
        QCOMPARE(http("GET", resources, {}, "Bearer " + access.toLatin1()).status, 401);
        QVERIFY(keychainEntry(u"work"_s).isEmpty());
        QVERIFY(!listed(u"work"_s).value(u"logged_in"_s).toBool());

        // Signing in again under the same name brings it back.
        const Run again = signIn(u"work"_s);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(listed(u"work"_s).value(u"logged_in"_s).toBool());
        QVERIFY(keychainEntry(u"work"_s).value(u"access_token"_s).toString() != access);
    }

    void signInAgainReplacesThePair()
    {
        const QString before = keychainEntry(u"work"_s).value(u"access_token"_s).toString();
        QVERIFY(!before.isEmpty());
        const int revocations = stat("revocations");
        const Run again = signIn(u"work"_s);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(again.out, "Signed in to alpha as work.\n"_ba);
        const QString after = keychainEntry(u"work"_s).value(u"access_token"_s).toString();
        QVERIFY(!after.isEmpty() && after != before);
        QCOMPARE(stat("revocations"), revocations + 1); // the pair it replaced
        const QUrl resources = m_sandbox.baseUrl().resolved(QUrl(u"/v1_1/alpha/resources/image"_s));
        QCOMPARE(http("GET", resources, {}, "Bearer " + before.toLatin1()).status, 401);
        QCOMPARE(http("GET", resources, {}, "Bearer " + after.toLatin1()).status, 200);
    }

    void noTokenOutsideTheKeychain()
    {
        QVERIFY(!m_tokens.isEmpty());
        for (const QByteArray &printed : std::as_const(m_printed)) {
            for (const QString &token : std::as_const(m_tokens))
                QVERIFY2(!printed.contains(token.toUtf8()), printed.constData());
        }
        QDirIterator files(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.fileName().contains(u"/sandbox"_s) || !file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = file.readAll();
            for (const QString &token : std::as_const(m_tokens))
                QVERIFY2(!bytes.contains(token.toUtf8()), qPrintable(file.fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliLogin)
#include "tst_cli_login.moc"
