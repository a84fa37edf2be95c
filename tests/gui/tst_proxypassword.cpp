// The proxy password, against the REAL keychain (tests/run-headless.sh's gnome-keyring) and a proxy
// on loopback that wants `Proxy-Authorization: Basic`: entered in Settings it lands in the keychain
// and nowhere in the settings file; requests of the app then carry it to the proxy; a wrong one
// makes Stratus ask once, not again and again.
#include "../headlesssession.h"

#include "core/accounts/keychainsecretstore.h"
#include "gui/settings/preferences.h"
#include "gui/settings/proxypassword.h"
#include "gui/settings/settingsdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

// An HTTP proxy on loopback that answers itself: 407 with a Basic challenge unless the request
// carries the expected Proxy-Authorization, "proxied" when it does. It remembers what it was sent.
class AuthProxy : public QObject
{
public:
    AuthProxy(const QString &user, const QString &password)
        : m_expected("Basic " + (user + u':' + password).toUtf8().toBase64())
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto head = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, head] {
                    *head += socket->readAll();
                    while (true) {
                        const qsizetype end = head->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray request = head->left(end);
                        head->remove(0, end + 4);
                        QByteArray authorization;
                        for (const QByteArray &line : request.split('\n')) {
                            if (line.toLower().startsWith("proxy-authorization:"))
                                authorization = line.mid(20).trimmed();
                        }
                        authorizations << authorization;
                        if (authorization == m_expected) {
                            socket->write(
                                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\n"
                                "proxied");
                        } else {
                            socket->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                          "Proxy-Authenticate: Basic realm=\"stratus-test\"\r\n"
                                          "Content-Length: 0\r\n\r\n");
                        }
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] bool sawCredentials() const { return authorizations.contains(m_expected); }

    QList<QByteArray> authorizations;

private:
    QByteArray m_expected;
    QTcpServer m_server;
};

QString fetch(QNetworkAccessManager &network)
{
    // Not a loopback name: Qt never sends those through a proxy. Direct, it does not resolve.
    QNetworkRequest request(QUrl(u"http://assets.stratus-test.invalid/ping"_s));
    request.setTransferTimeout(8000);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(15000))
        return u"error: no answer"_s;
    if (reply->error() != QNetworkReply::NoError)
        return u"error %1: %2"_s.arg(int(reply->error())).arg(reply->errorString());
    return QString::fromUtf8(reply->readAll());
}

template<typename T> std::optional<core::Result<T>> waitFor(std::optional<core::Result<T>> &answer)
{
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, 20000);
    return answer;
}

} // namespace

class TestProxyPassword : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // A service of its own, so that the test never touches Stratus's real entries.
    const QString m_service = u"StratusProxyTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::shared_ptr<core::KeychainSecretStore> m_keychain
        = std::make_shared<core::KeychainSecretStore>(m_service);

    std::optional<core::Result<QString>> readKeychain()
    {
        std::optional<core::Result<QString>> answer;
        QObject context;
        // Another store object over the same service: what the next start would read.
        core::KeychainSecretStore(m_service).read(
            ProxyPassword::kKeychainKey.toString(), &context,
            [&answer](core::Result<QString> read) { answer.emplace(read); });
        return waitFor(answer);
    }

    AppSettings manualProxy(quint16 port, const QString &user)
    {
        AppSettings values;
        values.proxyMode = AppSettings::ProxyMode::Manual;
        values.proxyType = AppSettings::ProxyType::Http;
        values.proxyHost = u"127.0.0.1"_s;
        values.proxyPort = port;
        values.proxyUser = user;
        return values;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATUS_REQUIRE_HEADLESS_SESSION();
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        QObject context;
        bool removed = false;
        m_keychain->remove(ProxyPassword::kKeychainKey.toString(), &context, [&](auto) { removed = true; });
        QTRY_VERIFY(removed);
    }

    void settingsPutThePasswordInTheKeychainAndTheProxyGetsIt()
    {
        AuthProxy proxy(u"ada"_s, u"pr0xy-s3cret"_s);
        const QString path = m_dir.filePath(u"settings.ini"_s);
        Preferences preferences(path);
        ProxyPassword password(&preferences, m_keychain);
        std::optional<core::Result<QString>> firstRead;
        password.follow([&firstRead](core::Result<QString> read) { firstRead.emplace(read); });
        QVERIFY(waitFor(firstRead));
        QCOMPARE(firstRead->error().kind, core::Error::Kind::NotFound); // none yet
        QNetworkAccessManager network;
        password.watch(&network);

        SettingsDialog dialog(&preferences);
        dialog.setProxyPassword(&password);
        auto *edit = dialog.findChild<QLineEdit *>(u"proxyPasswordEdit"_s);
        QVERIFY(edit && !edit->isHidden());
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        dialog.setValues(manualProxy(proxy.port(), u"ada"_s));
        edit->setText(u"pr0xy-s3cret"_s);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.accept();
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 20000);

        // In the keychain, read back by another store as the next start would…
        const auto stored = readKeychain();
        QVERIFY(stored && stored->ok());
        QCOMPARE(stored->value(), u"pr0xy-s3cret"_s);
        // …and nowhere in the settings file, neither as a value nor under a key.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("127.0.0.1"));
        QVERIFY2(!written.contains("pr0xy-s3cret"), written.constData());
        QVERIFY2(!written.toLower().contains("password"), written.constData());

        // The app's requests authenticate to the proxy.
        QCOMPARE(fetch(network), u"proxied"_s);
        QVERIFY(proxy.sawCredentials());
        QCOMPARE(password.promptsShown(), 0);

        // The next start reads it from the keychain and uses it, without asking.
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        Preferences nextPreferences(path);
        ProxyPassword nextStart(&nextPreferences, m_keychain);
        nextStart.setPrompt([](const QNetworkProxy &, QString *, QString *) { return false; });
        std::optional<core::Result<QString>> read;
        nextStart.follow([&read](core::Result<QString> r) { read.emplace(r); });
        QVERIFY(waitFor(read) && read->ok());
        QCOMPARE(nextStart.password(), u"pr0xy-s3cret"_s);
        QNetworkAccessManager nextNetwork;
        nextStart.watch(&nextNetwork);
        QCOMPARE(fetch(nextNetwork), u"proxied"_s);
        QCOMPARE(nextStart.promptsShown(), 0);
    }

    void aWrongPasswordIsAskedForOnce()
    {
        AuthProxy proxy(u"ada"_s, u"right-one"_s);
        Preferences preferences(m_dir.filePath(u"wrong.ini"_s));
        QVERIFY(preferences.setValues(manualProxy(proxy.port(), u"ada"_s)));
        ProxyPassword password(&preferences, m_keychain);
        std::optional<core::Result<core::Done>> written;
        password.setPassword(u"stale-one"_s,
                             [&written](core::Result<core::Done> done) { written.emplace(done); });
        QVERIFY(waitFor(written) && written->ok());
        password.follow();
        QNetworkAccessManager network;
        password.watch(&network);

        int asked = 0;
        password.setPrompt([&asked](const QNetworkProxy &, QString *user, QString *entered) {
            ++asked;
            *user = u"ada"_s;
            *entered = u"right-one"_s;
            return true;
        });
        const QString first = fetch(network);
        QByteArrayList sent;
        for (const QByteArray &a : proxy.authorizations)
            sent << QByteArray::fromBase64(a.mid(6));
        QVERIFY2(first == u"proxied"_s,
                 qPrintable(first + u" asked %1, sent: "_s.arg(asked) + QString::fromUtf8(sent.join(", "))));
        QCOMPARE(asked, 1);
        // What was entered is kept in the keychain for the next start.
        QTRY_COMPARE(password.password(), u"right-one"_s);
        const auto stored = readKeychain();
        QVERIFY(stored && stored->ok());
        QCOMPARE(stored->value(), u"right-one"_s);

        // A person who keeps typing a wrong one is asked once, then the request fails.
        AuthProxy strict(u"ada"_s, u"another"_s);
        QVERIFY(preferences.setValues(manualProxy(strict.port(), u"ada"_s)));
        asked = 0;
        password.setPrompt([&asked](const QNetworkProxy &, QString *user, QString *entered) {
            ++asked;
            *user = u"ada"_s;
            *entered = u"still-wrong"_s;
            return true;
        });
        QNetworkAccessManager other;
        password.watch(&other);
        const QString answer = fetch(other);
        QVERIFY2(answer.startsWith(u"error %1"_s.arg(int(QNetworkReply::ProxyAuthenticationRequiredError))),
                 qPrintable(answer));
        QCOMPARE(asked, 1);
        QVERIFY(!strict.sawCredentials());
    }
};

QTEST_MAIN(TestProxyPassword)
#include "tst_proxypassword.moc"
