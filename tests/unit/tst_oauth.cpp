// Signing in with Cloudinary, the core side (issue 14): PKCE as RFC 7636 defines it, the token pair
// as the keychain keeps it, the claims read from a JWT, the loopback redirect that listens on
// 127.0.0.1 only and serves one request, and a whole OAuthSignIn against a token endpoint on
// loopback, the test playing the browser over real HTTP.
#include "core/accounts/accountstore.h"
#include "core/accounts/secretstore.h"
#include "core/auth/loopbackreceiver.h"
#include "core/auth/oauthconfig.h"
#include "core/auth/oauthsignin.h"
#include "core/auth/tokenendpoint.h"
#include "core/auth/tokenpair.h"
#include "core/auth/tokenrevocation.h"
#include "core/net/ratelimitbudget.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;

Q_DECLARE_METATYPE(stratus::core::Error)

namespace {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// An unsigned JWT with these claims (the client never checks the signature: the server does).
QString jwt(const QJsonObject &claims)
{
    return QString::fromLatin1(base64Url(R"({"alg":"HS256","typ":"JWT"})"_ba) + '.'
                               + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.'
                               + base64Url("signature"_ba));
}

QJsonObject claimsFor(const QString &cloud)
{
    return QJsonObject {{u"iat"_s, 1700000000},
                        {u"exp"_s, 1700003600},
                        {u"iss"_s, u"https://oauth.example"_s},
                        {u"sub"_s, u"you@example.com"_s},
                        {u"ext"_s, QJsonObject {{u"cloud_name"_s, cloud}}}};
}

// A token endpoint on 127.0.0.1: answers every request with `status` and `body`, and keeps what it
// was sent (the form, to check the code and the verifier).
class TokenServer : public QObject
{
public:
    TokenServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        });
    }

    [[nodiscard]] QUrl base() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }

    int status = 200;
    QByteArray body;
    QList<QByteArray> requestLines;
    QList<QUrlQuery> forms;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        requestLines.append(buffer.left(buffer.indexOf("\r\n")));
        forms.append(QUrlQuery(QString::fromUtf8(buffer.mid(end + 4, length))));
        m_buffers.remove(socket);
        socket->write("HTTP/1.1 " + QByteArray::number(status)
                      + " X\r\nContent-Type: application/json\r\n"
                        "Content-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// What a browser gets from an address: status and page.
struct Page
{
    int status = 0;
    QByteArray body;
    QByteArray connection;
};

Page browse(QNetworkAccessManager &network, const QUrl &url)
{
    QNetworkRequest request(url);
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(5000);
    Page page {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
               reply->rawHeader("Connection")};
    reply->deleteLater();
    return page;
}

// The raw answer of the loopback receiver to `request`, read until it closes the connection (the
// receiver lives in this thread: the event loop runs while waiting).
QByteArray rawExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return "NOT CONNECTED";
    socket.write(request);
    QByteArray answer;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
        QTest::qWait(20);
        answer += socket.readAll();
    }
    answer += socket.readAll();
    return answer;
}

} // namespace

class TestOAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<TokenPair>();
        qRegisterMetaType<AccessTokenClaims>();
        qRegisterMetaType<Error>();
    }

    // RFC 7636 appendix B's verifier and challenge, as the RFC prints them.
    void pkceMatchesRfc7636AppendixB()
    {
        QCOMPARE(Pkce::challenge(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
                 u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    }

    void pkceVerifiersAreFreshAndUnreserved()
    {
        const QString first = Pkce::newVerifier(), second = Pkce::newVerifier();
        QCOMPARE(first.size(), 64);
        QVERIFY(first != second);
        static const QRegularExpression unreserved(u"^[A-Za-z0-9._~-]+$"_s);
        QVERIFY(unreserved.match(first).hasMatch());
        const QString state = Pkce::newState();
        QCOMPARE(state.size(), 32);
        QVERIFY(unreserved.match(state).hasMatch());
        QVERIFY(state != Pkce::newState());
    }

    void configEndpointsAndOverrides()
    {
        const OAuthConfig sandbox = OAuthConfig::forSandbox(QUrl(u"http://127.0.0.1:4321/"_s));
        QCOMPARE(sandbox.clientId, u"stratus-desktop"_s);
        QCOMPARE(sandbox.redirectPort, quint16(0));
        QVERIFY(sandbox.canSignIn());
        QCOMPARE(sandbox.authorizeUrl(), QUrl(u"http://127.0.0.1:4321/oauth2/auth"_s));
        QCOMPARE(sandbox.tokenUrl(), QUrl(u"http://127.0.0.1:4321/oauth2/token"_s));
        QCOMPARE(sandbox.revokeUrl(), QUrl(u"http://127.0.0.1:4321/oauth2/revoke"_s));
        QCOMPARE(sandbox.scopes,
                 (QStringList {u"openid"_s, u"offline_access"_s, u"asset_management"_s, u"upload"_s}));

        OAuthConfig none;
        none.server = QUrl(u"https://oauth.cloudinary.com"_s);
        QVERIFY(!none.canSignIn()); // no client ID: never someone else's

        QTemporaryDir dir;
        QSettings preferences(dir.filePath(u"preferences.ini"_s), QSettings::IniFormat);
        const OAuthConfig built = OAuthConfig::fromBuild();
        QCOMPARE(built.canSignIn(), !built.clientId.isEmpty());
        QCOMPARE(OAuthConfig::withOverrides(built, preferences).clientId, built.clientId);
        preferences.setValue(u"oauth/server"_s, u"https://oauth-eu.example.com"_s);
        preferences.setValue(u"oauth/clientId"_s, u"our-client"_s);
        preferences.setValue(u"oauth/redirectPort"_s, 8085);
        const OAuthConfig overridden = OAuthConfig::withOverrides(built, preferences);
        QCOMPARE(overridden.server, QUrl(u"https://oauth-eu.example.com"_s));
        QCOMPARE(overridden.clientId, u"our-client"_s);
        QCOMPARE(overridden.redirectPort, quint16(8085));
        QCOMPARE(overridden.tokenUrl(), QUrl(u"https://oauth-eu.example.com/oauth2/token"_s));
        preferences.setValue(u"oauth/redirectPort"_s, u"70000"_s); // not a port: ignored
        preferences.setValue(u"oauth/clientId"_s, u"  "_s); // empty: ignored
        const OAuthConfig partly = OAuthConfig::withOverrides(built, preferences);
        QCOMPARE(partly.redirectPort, built.redirectPort);
        QCOMPARE(partly.clientId, built.clientId);
    }

    void tokenPairRoundTrip()
    {
        TokenPair pair;
        pair.accessToken = u"acc+ess/tok=en"_s;
        pair.refreshToken = u"refresh-1"_s;
        pair.expiresAt = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
        pair.scope = u"openid upload"_s;
        pair.tokenUrl = QUrl(u"https://oauth.example/oauth2/token"_s);
        pair.revokeUrl = QUrl(u"https://oauth.example/oauth2/revoke"_s);
        pair.clientId = u"stratus-desktop"_s;
        const QString text = pair.toStoredText();
        QVERIFY(!text.contains(u'\n'));
        const QJsonObject json = QJsonDocument::fromJson(text.toUtf8()).object();
        QCOMPARE(json.value(u"expires_at"_s).toString(), u"2030-01-02T03:04:05Z"_s);
        const Result<TokenPair> read = TokenPair::fromStoredText(text);
        QVERIFY(read.ok());
        QCOMPARE(read->accessToken, pair.accessToken);
        QCOMPARE(read->refreshToken, pair.refreshToken);
        QCOMPARE(read->expiresAt, pair.expiresAt);
        QCOMPARE(read->scope, pair.scope);
        QCOMPARE(read->tokenUrl, pair.tokenUrl);
        QCOMPARE(read->revokeUrl, pair.revokeUrl);
        QCOMPARE(read->clientId, pair.clientId);

        QVERIFY(!pair.isExpired(pair.expiresAt.addSecs(-60)));
        QVERIFY(pair.isExpired(pair.expiresAt.addSecs(-10))); // within the margin
        QVERIFY(pair.isExpired(pair.expiresAt.addSecs(10)));
        TokenPair open = pair;
        open.expiresAt = {};
        QVERIFY(!open.isExpired(QDateTime::currentDateTimeUtc()));
    }

    void tokenPairRefusesJunk_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("an API secret") << u"abcdefghijklmnopqrstuvwxyz0"_s;
        QTest::newRow("array") << u"[1,2]"_s;
        QTest::newRow("no version") << uR"({"access_token":"a"})"_s;
        QTest::newRow("newer version") << uR"({"version":2,"access_token":"a"})"_s;
        QTest::newRow("no access token") << uR"({"version":1,"refresh_token":"r"})"_s;
        QTest::newRow("token not text") << uR"({"version":1,"access_token":5})"_s;
        QTest::newRow("refresh not text") << uR"({"version":1,"access_token":"a","refresh_token":[]})"_s;
        QTest::newRow("bad date") << uR"({"version":1,"access_token":"a","expires_at":"soon"})"_s;
        QTest::newRow("file url")
            << uR"({"version":1,"access_token":"a","token_url":"file:///etc/passwd"})"_s;
    }

    void tokenPairRefusesJunk()
    {
        QFETCH(QString, text);
        const Result<TokenPair> read = TokenPair::fromStoredText(text);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, Error::Kind::Auth);
        QCOMPARE(read.error().reason, ErrorReason::TokenUnreadable);
    }

    void claimsOfAJwt()
    {
        const Result<AccessTokenClaims> claims = readAccessTokenClaims(jwt(claimsFor(u"demo-cloud"_s)));
        QVERIFY(claims.ok());
        QCOMPARE(claims->cloudName, u"demo-cloud"_s);
        QCOMPARE(claims->issuer, u"https://oauth.example"_s);
        QCOMPARE(claims->subject, u"you@example.com"_s);
        QCOMPARE(claims->issuedAt, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
        QCOMPARE(claims->expiresAt, QDateTime::fromSecsSinceEpoch(1700003600, Qt::UTC));
    }

    void claimsRefused_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("opaque") << u"abcdef"_s;
        QTest::newRow("two parts") << u"a.b"_s;
        QTest::newRow("not base64") << u"a.!!!.c"_s;
        QTest::newRow("not json") << (u"a."_s + QString::fromLatin1(base64Url("nope")) + u".c"_s);
        QJsonObject noCloud = claimsFor(u"x"_s);
        noCloud.remove(u"ext"_s);
        QTest::newRow("no cloud name") << jwt(noCloud);
        QTest::newRow("empty cloud name") << jwt(claimsFor(QString()));
        QTest::newRow("cloud name with a query") << jwt(claimsFor(u"x?upload_prefix=https://elsewhere"_s));
        QTest::newRow("cloud name with a slash") << jwt(claimsFor(u"x/../y"_s));
        QTest::newRow("cloud name with a space") << jwt(claimsFor(u"my cloud"_s));
    }

    void claimsRefused()
    {
        QFETCH(QString, token);
        const Result<AccessTokenClaims> claims = readAccessTokenClaims(token);
        QVERIFY(!claims.ok());
        QCOMPARE(claims.error().reason, ErrorReason::SignInAnswerUnusable);
    }

    void receiverListensOnLoopbackOnly()
    {
        LoopbackReceiver receiver;
        const Result<quint16> port = receiver.listen(0, 10s);
        QVERIFY(port.ok());
        QVERIFY(*port != 0);
        QCOMPARE(receiver.port(), *port);
        const auto *server = receiver.findChild<QTcpServer *>();
        QVERIFY(server);
        QCOMPARE(server->serverAddress(), QHostAddress(QHostAddress::LocalHost));
        // Another address of this computer does not reach it (when the computer has one).
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket socket;
            socket.connectToHost(address, *port);
            QVERIFY2(!socket.waitForConnected(1000), qPrintable(address.toString()));
        }
    }

    void receiverServesOneCallbackThenCloses()
    {
        LoopbackReceiver receiver;
        receiver.setPage("<p>go back</p>");
        const quint16 port = receiver.listen(0, 10s).value();
        QSignalSpy received(&receiver, &LoopbackReceiver::received);

        const QByteArray other = rawExchange(port, "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(other.startsWith("HTTP/1.1 404"), other.constData());
        QCOMPARE(received.count(), 0);

        const QByteArray answer
            = rawExchange(port, "GET /callback?code=c1&state=s1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("Connection: close\r\n"));
        QVERIFY(answer.contains("Cache-Control: no-store\r\n"));
        QVERIFY(answer.endsWith("<p>go back</p>"));
        QCOMPARE(received.count(), 1);
        const QUrl url = received.constFirst().constFirst().toUrl();
        QCOMPARE(url.path(), u"/callback"_s);
        QCOMPARE(QUrlQuery(url).queryItemValue(u"code"_s), u"c1"_s);
        QCOMPARE(url.port(), int(port));

        // Served once: nothing listens any more.
        QTcpSocket again;
        again.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!again.waitForConnected(1000));
        QCOMPARE(received.count(), 1);
    }

    void receiverHoldsTheAnswerUntilAsked()
    {
        LoopbackReceiver receiver;
        const quint16 port = receiver.listen(0, 10s).value();
        connect(&receiver, &LoopbackReceiver::received, this, [&receiver] { receiver.holdAnswer(); });
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET /callback?code=c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTest::qWait(300);
        QCOMPARE(socket.bytesAvailable(), 0); // still waiting
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(receiver.port(), quint16(0)); // but nothing listens any more
        receiver.answerHeld("<p>it worked</p>");
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).endsWith("<p>it worked</p>"));
        QVERIFY(answer.startsWith("HTTP/1.1 200"));
    }

    void receiverAnswersAHeldCallbackWhenItGoes()
    {
        auto receiver = std::make_unique<LoopbackReceiver>();
        receiver->setPage("<p>stopped</p>");
        const quint16 port = receiver->listen(0, 10s).value();
        connect(receiver.get(), &LoopbackReceiver::received, this, [&receiver] { receiver->holdAnswer(); });
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET /callback?code=c HTTP/1.1\r\n\r\n");
        QTest::qWait(200);
        receiver.reset();
        QByteArray answer;
        QTRY_VERIFY((answer += socket.readAll()).endsWith("<p>stopped</p>"));
    }

    void receiverRefusesOversizedRequests()
    {
        LoopbackReceiver receiver;
        const quint16 port = receiver.listen(0, 10s).value();
        QSignalSpy received(&receiver, &LoopbackReceiver::received);
        const QByteArray huge = "GET /callback?code=" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n";
        const QByteArray answer = rawExchange(port, huge);
        QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(40).constData());
        QCOMPARE(received.count(), 0);
        QVERIFY(receiver.port() != 0); // still waiting for the real one
    }

    void receiverTimesOut()
    {
        LoopbackReceiver receiver;
        const quint16 port = receiver.listen(0, 200ms).value();
        QSignalSpy timedOut(&receiver, &LoopbackReceiver::timedOut);
        QVERIFY(timedOut.wait(3000));
        QCOMPARE(receiver.port(), quint16(0));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(1000));
    }

    void receiverReportsABusyPort()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        LoopbackReceiver receiver;
        const Result<quint16> port = receiver.listen(taken.serverPort(), 1s);
        QVERIFY(!port.ok());
        QCOMPARE(port.error().reason, ErrorReason::SignInPortBusy);
        QCOMPARE(port.error().subject, QString::number(taken.serverPort()));
    }

    void signInSucceeds()
    {
        TokenServer tokens;
        const QString access = jwt(claimsFor(u"cloud-a"_s));
        tokens.body = QJsonDocument(QJsonObject {{u"access_token"_s, access},
                                                 {u"token_type"_s, u"bearer"_s},
                                                 {u"expires_in"_s, 3600},
                                                 {u"refresh_token"_s, u"r+1"_s},
                                                 {u"scope"_s, u"openid upload"_s}})
                          .toJson();
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        signIn.setLoginHint(u"you+test@example.com"_s);
        QSignalSpy returned(&signIn, &OAuthSignIn::browserReturned);
        QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        const Result<QUrl> started = signIn.start();
        QVERIFY(started.ok());
        const QUrl authorize = *started;
        QCOMPARE(authorize.adjusted(QUrl::RemoveQuery), tokens.base().resolved(QUrl(u"/oauth2/auth"_s)));
        const QUrlQuery query(authorize);
        const auto param = [&query](const QString &name) {
            return query.queryItemValue(name, QUrl::FullyDecoded);
        };
        QCOMPARE(param(u"response_type"_s), u"code"_s);
        QCOMPARE(param(u"client_id"_s), u"stratus-desktop"_s);
        QCOMPARE(param(u"scope"_s), u"openid offline_access asset_management upload"_s);
        QCOMPARE(param(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(param(u"login_hint"_s), u"you+test@example.com"_s);
        QVERIFY(authorize.toString(QUrl::FullyEncoded).contains(u"login_hint=you%2Btest%40example.com"_s));
        QCOMPARE(param(u"state"_s).size(), 32);
        const QUrl redirect(param(u"redirect_uri"_s));
        QCOMPARE(redirect, signIn.redirectUri());
        QCOMPARE(redirect.host(), u"127.0.0.1"_s);
        QCOMPARE(redirect.path(), u"/callback"_s);

        QUrl back = redirect;
        back.setQuery(u"code=the-code&state="_s + param(u"state"_s));
        const Page page = browse(network, back);
        QCOMPARE(page.status, 200);
        QVERIFY2(page.body.contains("You are signed in. Go back to Stratus."), page.body.constData());
        QCOMPARE(returned.count(), 1);
        QTRY_COMPARE(succeeded.count(), 1); // before the page came, which waited for the tokens
        QCOMPARE(failed.count(), 0);

        QCOMPARE(tokens.forms.size(), 1);
        QCOMPARE(tokens.requestLines.constFirst(), "POST /oauth2/token HTTP/1.1"_ba);
        const QUrlQuery form = tokens.forms.constFirst();
        QCOMPARE(form.queryItemValue(u"grant_type"_s), u"authorization_code"_s);
        QCOMPARE(form.queryItemValue(u"code"_s), u"the-code"_s);
        QCOMPARE(form.queryItemValue(u"client_id"_s), u"stratus-desktop"_s);
        QCOMPARE(QUrl(form.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded)), redirect);
        const QString verifier = form.queryItemValue(u"code_verifier"_s, QUrl::FullyDecoded);
        QCOMPARE(verifier.size(), 64);
        QCOMPARE(Pkce::challenge(verifier), param(u"code_challenge"_s));

        const auto pair = succeeded.constFirst().at(0).value<TokenPair>();
        const auto claims = succeeded.constFirst().at(1).value<AccessTokenClaims>();
        QCOMPARE(pair.accessToken, access);
        QCOMPARE(pair.refreshToken, u"r+1"_s);
        QCOMPARE(pair.scope, u"openid upload"_s);
        QCOMPARE(pair.clientId, u"stratus-desktop"_s);
        QCOMPARE(pair.tokenUrl, tokens.base().resolved(QUrl(u"/oauth2/token"_s)));
        QCOMPARE(pair.revokeUrl, tokens.base().resolved(QUrl(u"/oauth2/revoke"_s)));
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(pair.expiresAt) - 3600) < 60);
        QCOMPARE(claims.cloudName, u"cloud-a"_s);

        // Done: the redirect no longer listens.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(redirect.port()));
        QVERIFY(!socket.waitForConnected(1000));
    }

    void signInRefusesAnswers_data()
    {
        QTest::addColumn<QString>("query"); // %1: the right state
        QTest::addColumn<int>("reason");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong state") << u"code=c&state=not-ours"_s << int(ErrorReason::SignInStateMismatch)
                                     << QString();
        QTest::newRow("no state") << u"code=c"_s << int(ErrorReason::SignInStateMismatch) << QString();
        QTest::newRow("denied, wrong state")
            << u"error=access_denied&state=x"_s << int(ErrorReason::SignInStateMismatch) << QString();
        QTest::newRow("denied") << u"error=access_denied&state=%1"_s << int(ErrorReason::SignInDenied)
                                << u"access_denied"_s;
        QTest::newRow("denied, described")
            << u"error=access_denied&error_description=The%20user%20said%20no&state=%1"_s
            << int(ErrorReason::SignInDenied) << u"The user said no"_s;
        QTest::newRow("no code") << u"state=%1"_s << int(ErrorReason::SignInAnswerUnusable)
                                 << u"the browser came back without a code"_s;
    }

    void signInRefusesAnswers()
    {
        QFETCH(QString, query);
        QFETCH(int, reason);
        QFETCH(QString, message);
        TokenServer tokens;
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        const QUrl authorize = signIn.start().value();
        const QString state = QUrlQuery(authorize).queryItemValue(u"state"_s);
        QUrl back = signIn.redirectUri();
        back.setQuery(query.contains(u"%1"_s) ? query.arg(state) : query);
        const Page page = browse(network, back);
        QCOMPARE(page.status, 200);
        QVERIFY2(page.body.contains("Signing in did not work. Go back to Stratus to see why."),
                 page.body.constData());
        QTRY_COMPARE(failed.count(), 1);
        const auto error = failed.constFirst().constFirst().value<Error>();
        QCOMPARE(error.kind, Error::Kind::Auth);
        QCOMPARE(int(error.reason), reason);
        QCOMPARE(error.message, message);
        QTest::qWait(100);
        QCOMPARE(succeeded.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(tokens.forms.isEmpty()); // no code went to the token endpoint
    }

    void signInTranslatedPages()
    {
        TokenServer tokens;
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        signIn.setPages("<p>Angemeldet</p>", "<p>Fehlgeschlagen</p>");
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        QVERIFY(signIn.start().ok());
        QUrl back = signIn.redirectUri();
        back.setQuery(u"code=c&state=wrong"_s);
        QCOMPARE(browse(network, back).body, "<p>Fehlgeschlagen</p>"_ba);
        QCOMPARE(failed.count(), 1);
    }

    void signInGrantRefused()
    {
        TokenServer tokens;
        tokens.status = 400;
        tokens.body = R"({"error":"invalid_grant","error_description":"The code expired"})";
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        const QUrl authorize = signIn.start().value();
        QUrl back = signIn.redirectUri();
        back.setQuery(u"code=c&state="_s + QUrlQuery(authorize).queryItemValue(u"state"_s));
        // The page waits for the token endpoint's answer, and says it did not work.
        const Page page = browse(network, back);
        QCOMPARE(page.status, 200);
        QVERIFY2(page.body.contains("Signing in did not work"), page.body.constData());
        QTRY_COMPARE(failed.count(), 1);
        const auto error = failed.constFirst().constFirst().value<Error>();
        QCOMPARE(error.kind, Error::Kind::Auth);
        QCOMPARE(error.reason, ErrorReason::SignInGrantRefused);
        QCOMPARE(error.message, u"invalid_grant: The code expired"_s);
    }

    void signInAnswerWithoutBearer()
    {
        TokenServer tokens;
        tokens.body = QJsonDocument(QJsonObject {{u"access_token"_s, jwt(claimsFor(u"c"_s))},
                                                 {u"token_type"_s, u"mac"_s}})
                          .toJson();
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        const QUrl authorize = signIn.start().value();
        QUrl back = signIn.redirectUri();
        back.setQuery(u"code=c&state="_s + QUrlQuery(authorize).queryItemValue(u"state"_s));
        QVERIFY(browse(network, back).body.contains("Signing in did not work"));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.constFirst().constFirst().value<Error>().reason, ErrorReason::SignInAnswerUnusable);
    }

    void signInTimesOut()
    {
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(QUrl(u"http://127.0.0.1:9"_s)));
        signIn.setTimeout(300ms);
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        QVERIFY(signIn.start().ok());
        QVERIFY(failed.wait(3000));
        const auto error = failed.constFirst().constFirst().value<Error>();
        QCOMPARE(error.reason, ErrorReason::SignInTimedOut);
        QCOMPARE(error.subject, u"0"_s);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(signIn.redirectUri().port()));
        QVERIFY(!socket.waitForConnected(1000));
    }

    void signInCancelled()
    {
        TokenServer tokens;
        QNetworkAccessManager network;
        OAuthSignIn signIn(&network, OAuthConfig::forSandbox(tokens.base()));
        signIn.setTimeout(300ms);
        QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
        QSignalSpy failed(&signIn, &OAuthSignIn::failed);
        QVERIFY(signIn.start().ok());
        const quint16 port = quint16(signIn.redirectUri().port());
        signIn.cancel();
        QTest::qWait(600); // past the timeout: nothing more is said
        QCOMPARE(failed.count(), 0);
        QCOMPARE(succeeded.count(), 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!socket.waitForConnected(1000));
    }

    void signInRefusesAPlainHttpServerElsewhere()
    {
        QNetworkAccessManager network;
        OAuthConfig config = OAuthConfig::forSandbox(QUrl(u"http://oauth.example.com"_s));
        OAuthSignIn signIn(&network, config);
        const Result<QUrl> started = signIn.start();
        QVERIFY(!started.ok());
        QCOMPARE(started.error().kind, Error::Kind::InsecureTransport);
        QVERIFY(signIn.redirectUri().isEmpty()); // nothing listens
    }

    void signInNeedsAClientId()
    {
        QNetworkAccessManager network;
        OAuthConfig config = OAuthConfig::forSandbox(QUrl(u"http://127.0.0.1:9"_s));
        config.clientId.clear();
        OAuthSignIn signIn(&network, config);
        const Result<QUrl> started = signIn.start();
        QVERIFY(!started.ok());
        QCOMPARE(started.error().reason, ErrorReason::SignInNotConfigured);
    }

    void tokenJobsRefusePlainHttpToAnotherComputer()
    {
        QNetworkAccessManager network;
        const TokenRequestJob::Endpoints far {QUrl(u"http://oauth.example.com/oauth2/token"_s),
                                              QUrl(u"http://oauth.example.com/oauth2/revoke"_s), u"c"_s};
        std::unique_ptr<TokenRequestJob> exchange(TokenRequestJob::exchangeCode(
            &network, far, u"code"_s, QUrl(u"http://127.0.0.1:1/callback"_s), Pkce::newVerifier()));
        QSignalSpy finished(exchange.get(), &Job::finished);
        exchange->start();
        QVERIFY(finished.wait(3000));
        QVERIFY(exchange->error());
        QCOMPARE(exchange->error()->kind, Error::Kind::InsecureTransport);
        QCOMPARE(exchange->attempts(), 1);
        QCOMPARE(exchange->httpStatus(), 0); // nothing was sent

        TokenPair pair;
        pair.accessToken = u"a"_s;
        pair.refreshToken = u"r"_s;
        pair.tokenUrl = far.tokenUrl;
        pair.revokeUrl = far.revokeUrl;
        std::unique_ptr<TokenRequestJob> refresh(TokenRequestJob::refresh(&network, pair));
        QSignalSpy refreshed(refresh.get(), &Job::finished);
        refresh->start();
        QVERIFY(refreshed.wait(3000));
        QCOMPARE(refresh->error()->kind, Error::Kind::InsecureTransport);

        RevokeTokenJob revoke(&network, pair);
        QSignalSpy revoked(&revoke, &Job::finished);
        revoke.start();
        QVERIFY(revoked.wait(3000));
        QCOMPARE(revoke.error()->kind, Error::Kind::InsecureTransport);
    }

    void refreshKeepsTheOldRefreshTokenWhenNoneComes()
    {
        TokenServer server;
        server.body = QJsonDocument(QJsonObject {{u"access_token"_s, u"new-access"_s},
                                                 {u"token_type"_s, u"Bearer"_s},
                                                 {u"expires_in"_s, u"60"_s}})
                          .toJson();
        QNetworkAccessManager network;
        TokenPair old;
        old.accessToken = u"old-access"_s;
        old.refreshToken = u"old+refresh&x=y"_s;
        old.tokenUrl = server.base().resolved(QUrl(u"/oauth2/token"_s));
        old.clientId = u"stratus-desktop"_s;
        std::unique_ptr<TokenRequestJob> job(TokenRequestJob::refresh(&network, old));
        QSignalSpy finished(job.get(), &Job::finished);
        job->start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job->error());
        QCOMPARE(job->tokens().accessToken, u"new-access"_s);
        QCOMPARE(job->tokens().refreshToken, old.refreshToken);
        QVERIFY(job->tokens().expiresAt.isValid());
        const QUrlQuery form = server.forms.constFirst();
        QCOMPARE(form.queryItemValue(u"grant_type"_s), u"refresh_token"_s);
        QCOMPARE(form.queryItemValue(u"refresh_token"_s, QUrl::FullyDecoded), old.refreshToken);
        QCOMPARE(form.queryItemValue(u"client_id"_s), u"stratus-desktop"_s);
    }

    // Log out of a signed-in account: each token environment's pair is revoked where it came from
    // (the refresh token, then the access token); an API-key environment and another account's
    // tokens are not touched. A refusal is reported, and the others are revoked all the same.
    void revokeAccountTokensRevokesEveryTokenEnvironment_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("accepted") << 200;
        QTest::newRow("refused") << 400;
    }

    void revokeAccountTokensRevokesEveryTokenEnvironment()
    {
        QFETCH(int, status);
        TokenServer server;
        server.status = status;
        server.body = status == 200 ? "{}"_ba : R"({"error":"invalid_request"})"_ba;
        const QUrl revokeUrl = server.base().resolved(QUrl(u"/oauth2/revoke"_s));
        const auto pair = [&revokeUrl](const QString &access, const QString &refresh) {
            TokenPair tokens;
            tokens.accessToken = access;
            tokens.refreshToken = refresh;
            tokens.revokeUrl = revokeUrl;
            tokens.tokenUrl = revokeUrl.resolved(QUrl(u"token"_s));
            tokens.clientId = u"stratus-desktop"_s;
            return tokens.toStoredText();
        };
        const auto environment = [](const QString &id, const QString &url, bool token) {
            EnvironmentRecord record;
            record.id = id;
            record.name = id;
            record.url = CloudinaryUrl::parse(url, CloudinaryUrl::Kind::Cloud).value();
            record.credential = token ? CredentialKind::AccessToken : CredentialKind::ApiSecret;
            return record;
        };

        QTemporaryDir dir;
        StorageLayout layout;
        layout.settingsFile = dir.filePath(u"config/Stratus/accounts.ini"_s);
        layout.dataRoot = dir.filePath(u"data"_s);
        layout.cacheRoot = dir.filePath(u"cache"_s);
        auto secrets = std::make_shared<MemorySecretStore>();
        AccountStore store(secrets, layout);
        QVERIFY(store.load().ok());
        const auto await = [](const std::function<void(QObject *, AccountStore::DoneCallback)> &start) {
            QObject context;
            std::optional<Result<Done>> answer;
            start(&context, [&answer](Result<Done> result) { answer.emplace(std::move(result)); });
            return QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000) && answer->ok();
        };
        AccountRecord work;
        work.id = u"acc-work"_s;
        work.label = u"work"_s;
        QVERIFY(await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addAccount(
                work,
                {{environment(u"env-a"_s, u"cloudinary://alpha"_s, true), pair(u"aa"_s, u"ra"_s)},
                 {environment(u"env-b"_s, u"cloudinary://beta"_s, true), pair(u"ab"_s, QString())},
                 {environment(u"env-k"_s, u"cloudinary://123456@gamma"_s, false), u"SECRET"_s}},
                QString(), context, std::move(done));
        }));
        AccountRecord other;
        other.id = u"acc-other"_s;
        other.label = u"other"_s;
        QVERIFY(await([&](QObject *context, AccountStore::DoneCallback done) {
            store.addAccount(
                other, {{environment(u"env-o"_s, u"cloudinary://omega"_s, true), pair(u"ao"_s, u"ro"_s)}},
                QString(), context, std::move(done));
        }));

        QNetworkAccessManager network;
        QObject context;
        std::optional<Result<Done>> answer;
        int answers = 0;
        revokeAccountTokens(store, u"acc-work"_s, &network, &context, [&](Result<Done> result) {
            ++answers;
            answer.emplace(std::move(result));
        });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QTest::qWait(50);
        QCOMPARE(answers, 1);
        QCOMPARE(answer->ok(), status == 200);
        if (status != 200)
            QCOMPARE(answer->error().httpStatus, 400);

        QStringList sent;
        for (const QUrlQuery &form : std::as_const(server.forms))
            sent.append(form.queryItemValue(u"token"_s) + u'/' + form.queryItemValue(u"token_type_hint"_s));
        QCOMPARE(sent, (QStringList {u"ra/refresh_token"_s, u"aa/access_token"_s, u"ab/access_token"_s}));
        for (const QByteArray &line : std::as_const(server.requestLines))
            QCOMPARE(line, "POST /oauth2/revoke HTTP/1.1"_ba);
    }

    void revokeSendsTheRefreshToken()
    {
        TokenServer server;
        server.body = "{}";
        QNetworkAccessManager network;
        TokenPair pair;
        pair.accessToken = u"acc"_s;
        pair.refreshToken = u"ref"_s;
        pair.revokeUrl = server.base().resolved(QUrl(u"/oauth2/revoke"_s));
        pair.clientId = u"stratus-desktop"_s;
        RevokeTokenJob job(&network, pair);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(!job.error());
        QCOMPARE(server.requestLines.constFirst(), "POST /oauth2/revoke HTTP/1.1"_ba);
        QCOMPARE(server.forms.constFirst().queryItemValue(u"token"_s), u"ref"_s);
        QCOMPARE(server.forms.constFirst().queryItemValue(u"token_type_hint"_s), u"refresh_token"_s);
    }
};

QTEST_GUILESS_MAIN(TestOAuth)
#include "tst_oauth.moc"
