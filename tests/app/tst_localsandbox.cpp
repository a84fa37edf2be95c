#include "app/localsandbox.h"
#include "core/accounts/accountstore.h"
#include "core/api/uploadapi.h"
#include "core/api/uploadjob.h"
#include "core/net/secretsource.h"
#include "core/session/environmentsession.h"
#include "gui/cloudwidgets/medialibraryview.h"
#include "gui/cloudwidgets/widgethost.h"
#include "gui/environment/environmentpage.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace stratus;

namespace {

core::StorageLayout pathsIn(const QTemporaryDir &dir)
{
    return {dir.filePath(QStringLiteral("config/accounts.ini")), dir.filePath(QStringLiteral("data")),
            dir.filePath(QStringLiteral("cache"))};
}

QString fetchSecret(const core::SecretSource &source)
{
    QObject context;
    QString secret;
    bool answered = false;
    source.fetch(&context, [&](core::Result<QString> result) {
        answered = true;
        if (result)
            secret = result.value();
    });
    [[maybe_unused]] const bool inTime = QTest::qWaitFor([&] { return answered; }, 5000);
    return secret;
}

// Every file under `root` whose bytes contain `needle` (UTF-8 or UTF-16).
QStringList filesContaining(const QString &root, const QString &needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(needle.toUtf8())
            || bytes.contains(QByteArray(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2)))
            found.append(file.fileName());
    }
    return found;
}

} // namespace

class TestLocalSandbox : public QObject
{
    Q_OBJECT

private slots:
    void firstRunAddsAndOpensTheLocalSandbox()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        gui::Preferences preferences(dir.filePath(QStringLiteral("stratus.conf")));
        QString secret;
        QString environmentId;
        {
            core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
            QVERIFY(store.load().ok());
            app::LocalSandbox sandbox(&store, dir.filePath(QStringLiteral("data/local-sandbox")), 12);
            QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
            QSignalSpy failed(&sandbox, &app::LocalSandbox::failed);
            sandbox.start();

            // The account and its environment exist at once, before the server is up.
            QCOMPARE(store.accounts().size(), 1);
            QVERIFY(store.accounts().first().embeddedSandbox);
            QCOMPARE(store.environments().size(), 1);
            const core::EnvironmentRecord env = store.environments().first();
            environmentId = env.id;
            QCOMPARE(env.name, QStringLiteral("Local sandbox"));
            QVERIFY(env.embeddedSandbox);
            QCOMPARE(store.currentEnvironmentId(), env.id);

            gui::MainWindow window(&store, &network, &preferences);
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 || failed.count() == 1, 120000);
            QCOMPARE(failed.count(), 0);
            QVERIFY(store.isRuntimeAvailable(env.id));
            QVERIFY(
                store.effectiveUrl(env.id).uploadPrefix().startsWith(QStringLiteral("http://127.0.0.1:")));

            // The window tests it as soon as it listens: online, dynamic folders, a budget.
            core::EnvironmentSession *session = window.session(env.id);
            QVERIFY(session);
            QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online,
                                      30000);
            QCOMPARE(store.environment(env.id)->folderMode, core::FolderMode::Dynamic);
            QVERIFY(session->budget()->isKnown());
            QVERIFY(session->usage().has_value());
            QCOMPARE(qRound(session->usage()->objects.usage), 12);
            auto *status = window.findChild<QLabel *>(QStringLiteral("statusEnvironment"));
            QVERIFY(status->text().contains(QStringLiteral("Local sandbox")));
            QVERIFY(window.windowTitle().startsWith(QStringLiteral("Local sandbox")));
            auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
            QVERIFY(
                pages->currentWidget()->findChild<QWidget *>(QStringLiteral("sandboxWelcome"))->isVisible());
            // Its widgets are the sandbox's stand-ins, though the page (and its Media Library) was made
            // before the sandbox had a URL: where they come from is read when they load.
            auto *page = qobject_cast<gui::EnvironmentPage *>(pages->currentWidget());
            QVERIFY(page != nullptr);
            const web::WidgetSources sources = page->mediaLibrary()->host()->sources();
            QVERIFY(sources.standIns());
            QVERIFY(sources.script(web::WidgetKind::MediaLibrary)
                        .toString()
                        .startsWith(store.effectiveUrl(env.id).uploadPrefix() + QStringLiteral("/widgets/")));

            secret = fetchSecret(*store.secretSource(env.id));
            QVERIFY(secret.size() >= 20);
        }
        // The run's secret was in memory only: no file anywhere under the directories has it.
        QCOMPARE(filesContaining(dir.path(), secret), QStringList());

        // A second start reuses the environment and its media.
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        app::LocalSandbox sandbox(&store, dir.filePath(QStringLiteral("data/local-sandbox")), 12);
        QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
        sandbox.start();
        QCOMPARE(store.accounts().size(), 1);
        QCOMPARE(store.environments().first().id, environmentId);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        core::EnvironmentSession session(&store, environmentId, &network);
        session.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(session.connection(), core::EnvironmentSession::Connection::Online, 30000);
        QCOMPARE(qRound(session.usage()->objects.usage), 12);
        // A new run, a new secret.
        QVERIFY(fetchSecret(*store.secretSource(environmentId)) != secret);
    }

    // What was signed in to the Local sandbox names its address: a restart takes the same port
    // when it is free, and another one when it is not.
    void aRestartKeepsThePortWhenItIsFree()
    {
        QTemporaryDir dir;
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        const QString data = dir.filePath(QStringLiteral("data/ls"));
        quint16 first = 0;
        {
            app::LocalSandbox sandbox(&store, data, 0);
            QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
            sandbox.start();
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
            first = sandbox.port();
        }
        {
            app::LocalSandbox sandbox(&store, data, 0);
            QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
            sandbox.start();
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
            QCOMPARE(sandbox.port(), first);
        }
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, first));
        app::LocalSandbox sandbox(&store, data, 0);
        QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
        sandbox.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        QVERIFY(sandbox.port() != 0);
        QVERIFY(sandbox.port() != first);
    }

    // Issue 14, point 6: "Sign in with Cloudinary" can add the Local sandbox. Its sign-in page has
    // one demo user, whose e-mail it fills in and whose password it shows; signing in as that user
    // gives a token for the Local sandbox's environment.
    void signInPageOffersTheDemoUser()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        app::LocalSandbox sandbox(&store, dir.filePath(QStringLiteral("data/ls")), 0);
        QSignalSpy ready(&sandbox, &app::LocalSandbox::ready);
        sandbox.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(sandbox.port());
        const auto send = [&](const QByteArray &verb, const QString &path, const QByteArray &form) {
            QNetworkRequest request(QUrl(base + path));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArray("application/x-www-form-urlencoded"));
            std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb, form));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            [[maybe_unused]] const bool done = reply->isFinished() || finished.wait(10000);
            return std::make_tuple(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                   reply->readAll(), reply->rawHeader("Location"));
        };
        const QString verifier = QStringLiteral("local-sandbox-verifier-0123456789-abcdefghijklmnop");
        const QString challenge = QString::fromLatin1(
            QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const QString redirect = QStringLiteral("http://127.0.0.1:40123/callback");
        const auto [status, page, none]
            = send("GET",
                   QStringLiteral("/oauth2/auth?client_id=stratus-desktop&response_type=code&scope=openid%20"
                                  "offline_access%20asset_management%20upload&redirect_uri=%1&state=s1&"
                                  "code_challenge=%2&code_challenge_method=S256")
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(redirect)), challenge),
                   {});
        QCOMPARE(status, 200);
        const QByteArray email(app::LocalSandbox::kDemoUserEmail);
        const QByteArray password(app::LocalSandbox::kDemoUserPassword);
        QVERIFY(page.contains(QByteArray("value=\"" + email + '"')));
        QVERIFY(page.contains(QByteArray("password <b>" + password + "</b>")));
        const QString id = QRegularExpression(QStringLiteral("name=\"request_id\" value=\"([^\"]+)\""))
                               .match(QString::fromUtf8(page))
                               .captured(1);
        const QByteArray requestId = QUrl::toPercentEncoding(id);
        const auto [loginStatus, consent, none2]
            = send("POST", QStringLiteral("/oauth2/auth"),
                   "request_id=" + requestId
                       + "&action=login&email=" + QUrl::toPercentEncoding(QString::fromLatin1(email))
                       + "&password=" + QUrl::toPercentEncoding(QString::fromLatin1(password)));
        QCOMPARE(loginStatus, 200);
        QVERIFY(consent.contains("wants to use"));
        const auto [allowStatus, body, location]
            = send("POST", QStringLiteral("/oauth2/auth"), "request_id=" + requestId + "&action=allow");
        QCOMPARE(allowStatus, 302);
        const QString code
            = QUrlQuery(QUrl(QString::fromLatin1(location))).queryItemValue(QStringLiteral("code"));
        QVERIFY(!code.isEmpty());
        const auto [tokenStatus, tokens, none3]
            = send("POST", QStringLiteral("/oauth2/token"),
                   "grant_type=authorization_code&client_id=stratus-desktop&code="
                       + QUrl::toPercentEncoding(code) + "&redirect_uri=" + QUrl::toPercentEncoding(redirect)
                       + "&code_verifier=" + verifier.toLatin1());
        QCOMPARE(tokenStatus, 200);
        const QString access
            = QJsonDocument::fromJson(tokens).object().value(QStringLiteral("access_token")).toString();
        const QJsonObject claims
            = QJsonDocument::fromJson(QByteArray::fromBase64(access.section(u'.', 1, 1).toLatin1(),
                                                             QByteArray::Base64UrlEncoding))
                  .object();
        QCOMPARE(
            claims.value(QStringLiteral("ext")).toObject().value(QStringLiteral("cloud_name")).toString(),
            store.environments().first().cloudName());
    }

    // Issue 11, item 6, in the app: an MP4 whose box claims a 64-bit size of 2^64 - 16 put the
    // embedded sandbox into an endless loop — it answered nothing more, spun at 100 % and the app
    // could not quit (the sandbox's thread never returned). Now it is answered, the sandbox keeps
    // answering, and it stops when the app does.
    void hostileVideoLeavesTheLocalSandboxAnswering()
    {
        QTemporaryDir dir;
        QNetworkAccessManager network;
        core::AccountStore store(std::make_shared<core::MemorySecretStore>(), pathsIn(dir));
        QVERIFY(store.load().ok());
        auto sandbox
            = std::make_unique<app::LocalSandbox>(&store, dir.filePath(QStringLiteral("data/ls")), 1);
        QSignalSpy ready(sandbox.get(), &app::LocalSandbox::ready);
        sandbox->start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
        const QString envId = store.environments().first().id;
        core::EnvironmentSession session(&store, envId, &network);
        auto context = session.apiContext();
        QVERIFY2(context, qPrintable(context ? QString() : context.error().message));

        const QString path = dir.filePath(QStringLiteral("l.mp4"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("\x00\x00\x00\x10"
                                  "ftypisom\x00\x00\x00\x00\x00\x00\x00\x01"
                                  "free\xff\xff\xff\xff\xff\xff\xff\xf0",
                                  32));
        }
        const auto upload = [&](const QString &publicId) {
            core::UploadOptions options;
            options.publicId = publicId;
            QObject owner;
            core::UploadJob *job = core::UploadApi(*context).upload(path, options, &owner);
            QSignalSpy finished(job, &core::Job::finished);
            job->start();
            const bool answered = finished.wait(20000) || finished.count() == 1;
            return answered && !job->error();
        };
        QVERIFY2(upload(QStringLiteral("hostile/first")), "the hostile video was not answered");
        QVERIFY2(upload(QStringLiteral("hostile/second")), "the sandbox answered nothing after it");

        // The app quits: the sandbox's thread ends at once.
        QElapsedTimer clock;
        clock.start();
        sandbox.reset();
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_MAIN(TestLocalSandbox)
#include "tst_localsandbox.moc"
