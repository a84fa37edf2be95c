// stratus-sandbox as an OAuth 2.0 authorization server (issue 14, point 6), over real HTTP with
// the test playing the browser: the authorize request and its refusals, the login and consent
// pages, the redirect followed by hand, the code exchanged with its PKCE verifier (a wrong one
// refused, a code used twice refused and its grant revoked), a denied consent, refresh-token
// rotation with reuse detection, revocation, an expired access token, Bearer tokens on the Admin,
// Upload and Search APIs (and not on another cloud or the Provisioning API), tokens that survive a
// restart, and no token or verifier in the sandbox's files.

#include "../integration/sandboxprocess.h"

#include "core/auth/oauthconfig.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

const QString kClient = u"stratus-desktop"_s;
const QString kRedirect = u"http://127.0.0.1:53682/callback"_s;
const QString kScopes = u"openid offline_access asset_management upload"_s;

QJsonObject object(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QString errorOf(const QByteArray &body)
{
    return object(body).value("error"_L1).toObject().value("message"_L1).toString();
}

QString randomVerifier()
{
    quint32 words[12];
    QRandomGenerator::global()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString challengeOf(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonObject claimsOf(const QString &jwt)
{
    return object(QByteArray::fromBase64(jwt.section(u'.', 1, 1).toLatin1(), QByteArray::Base64UrlEncoding));
}

QByteArray form(const QList<std::pair<QString, QString>> &fields)
{
    QUrlQuery query;
    for (const auto &[name, value] : fields)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.toString(QUrl::FullyEncoded).toUtf8();
}

QString requestIdIn(const QByteArray &page)
{
    static const QRegularExpression pattern(u"name=\"request_id\" value=\"([^\"]+)\""_s);
    return pattern.match(QString::fromUtf8(page)).captured(1);
}

QByteArray pngBytes()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// One sign-in as a browser makes it.
struct SignIn
{
    QString email;
    QString password;
    QString cloud; ///< chosen on the consent page; empty: the user's only one
    QString state = u"st-"_s + QString::number(QRandomGenerator::global()->generate());
    QString verifier = randomVerifier();
    QString clientId = kClient;
    QString redirect = kRedirect;
    QString scope = kScopes;
};

} // namespace

class TestSandboxOAuth : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::SandboxProcess> m_sandbox;

    bool start(std::unique_ptr<test::SandboxProcess> &sandbox, const QStringList &extra, QString *error)
    {
        sandbox = std::make_unique<test::SandboxProcess>();
        return sandbox->start(
            QStringList {
                u"--environment"_s, u"cloudinary://k1:s1@alpha?admin_rate_limit=100000"_s, u"--environment"_s,
                u"cloudinary://k2:s2@beta?name=Beta%20team&admin_rate_limit=100000"_s, u"--account"_s,
                u"account://pk:ps@acct1"_s, u"--user"_s, u"alice@example.com:pa:ss@w0rd@alpha"_s, u"--user"_s,
                u"bob@example.com:bobpw@alpha,beta?name=Bob"_s, u"--oauth-client"_s, u"other-app"_s}
                + extra,
            2, true, error);
    }

    // A request that does not follow redirects (the browser's next hop is the test's to take).
    test::SandboxProcess::RawAnswer http(test::SandboxProcess &sandbox, const QByteArray &verb,
                                         const QString &pathAndQuery,
                                         const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                                         const QByteArray &body = {})
    {
        QNetworkRequest request(sandbox.baseUrl().resolved(QUrl(pathAndQuery)));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(sandbox.network()->sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        test::SandboxProcess::RawAnswer answer;
        if (!reply->isFinished() && !finished.wait(10000))
            return answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.headers = reply->rawHeaderPairs();
        answer.body = reply->readAll();
        return answer;
    }

    test::SandboxProcess::RawAnswer post(test::SandboxProcess &sandbox, const QString &path,
                                         const QList<std::pair<QString, QString>> &fields)
    {
        return http(sandbox, "POST", path, {{"Content-Type", "application/x-www-form-urlencoded"}},
                    form(fields));
    }

    QString authorizePath(const SignIn &signIn, const QString &method = u"S256"_s)
    {
        QUrlQuery query;
        const QList<std::pair<QString, QString>> items {
            {u"client_id"_s, signIn.clientId},   {u"response_type"_s, u"code"_s},
            {u"scope"_s, signIn.scope},          {u"redirect_uri"_s, signIn.redirect},
            {u"state"_s, signIn.state},          {u"code_challenge"_s, challengeOf(signIn.verifier)},
            {u"code_challenge_method"_s, method}};
        for (const auto &[name, value] : items)
            query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        return u"/oauth2/auth?"_s + query.toString(QUrl::FullyEncoded);
    }

    // GET the authorize page and sign in: the request id of the consent page that follows, or
    // empty (with a warning) when a step failed.
    QString logIn(test::SandboxProcess &sandbox, const SignIn &signIn)
    {
        const auto page = http(sandbox, "GET", authorizePath(signIn));
        const QString id = requestIdIn(page.body);
        if (page.status != 200 || id.isEmpty()) {
            qWarning("authorize page: %d %s", page.status, page.body.constData());
            return {};
        }
        const auto consent = post(sandbox, u"/oauth2/auth"_s,
                                  {{u"request_id"_s, id},
                                   {u"action"_s, u"login"_s},
                                   {u"email"_s, signIn.email},
                                   {u"password"_s, signIn.password}});
        if (consent.status != 200 || !consent.body.contains("wants to use")) {
            qWarning("login: %d %s", consent.status, consent.body.constData());
            return {};
        }
        return requestIdIn(consent.body);
    }

    // The query of the redirect the consent answered with (302 Location), or empty.
    QUrlQuery consent(test::SandboxProcess &sandbox, const SignIn &signIn, const QString &action)
    {
        const QString id = logIn(sandbox, signIn);
        if (id.isEmpty())
            return {};
        QList<std::pair<QString, QString>> fields {{u"request_id"_s, id}, {u"action"_s, action}};
        if (!signIn.cloud.isEmpty())
            fields.append({u"cloud"_s, signIn.cloud});
        const auto answer = post(sandbox, u"/oauth2/auth"_s, fields);
        const QUrl location(QString::fromUtf8(answer.header("location")));
        if (answer.status != 302 || !location.toString().startsWith(signIn.redirect + u'?')) {
            qWarning("consent: %d %s", answer.status, answer.header("location").constData());
            return {};
        }
        return QUrlQuery(location);
    }

    QString codeFor(test::SandboxProcess &sandbox, const SignIn &signIn)
    {
        const QUrlQuery query = consent(sandbox, signIn, u"allow"_s);
        if (query.queryItemValue(u"state"_s, QUrl::FullyDecoded) != signIn.state)
            return {};
        return query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    }

    test::SandboxProcess::RawAnswer exchange(test::SandboxProcess &sandbox, const SignIn &signIn,
                                             const QString &code, const QString &verifier)
    {
        return post(sandbox, u"/oauth2/token"_s,
                    {{u"grant_type"_s, u"authorization_code"_s},
                     {u"code"_s, code},
                     {u"redirect_uri"_s, signIn.redirect},
                     {u"client_id"_s, signIn.clientId},
                     {u"code_verifier"_s, verifier}});
    }

    // The whole flow: the token answer as JSON, or empty.
    QJsonObject tokensFor(test::SandboxProcess &sandbox, const SignIn &signIn)
    {
        const QString code = codeFor(sandbox, signIn);
        if (code.isEmpty())
            return {};
        const auto answer = exchange(sandbox, signIn, code, signIn.verifier);
        if (answer.status != 200)
            qWarning("token: %d %s", answer.status, answer.body.constData());
        return answer.status == 200 ? object(answer.body) : QJsonObject();
    }

    test::SandboxProcess::RawAnswer refresh(test::SandboxProcess &sandbox, const QString &refreshToken)
    {
        return post(sandbox, u"/oauth2/token"_s,
                    {{u"grant_type"_s, u"refresh_token"_s},
                     {u"refresh_token"_s, refreshToken},
                     {u"client_id"_s, kClient}});
    }

    test::SandboxProcess::RawAnswer listImages(test::SandboxProcess &sandbox, const QString &cloud,
                                               const QString &accessToken)
    {
        return http(sandbox, "GET", u"/v1_1/%1/resources/image"_s.arg(cloud),
                    {{"Authorization", "Bearer " + accessToken.toLatin1()}});
    }

    QJsonObject stats(test::SandboxProcess &sandbox)
    {
        return object(http(sandbox, "GET", u"/_sandbox/oauth/stats"_s).body);
    }

    static SignIn alice()
    {
        SignIn signIn;
        signIn.email = u"alice@example.com"_s;
        signIn.password = u"pa:ss@w0rd"_s;
        return signIn;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The client the sandbox always knows is the one Stratus signs in to a sandbox with.
        QCOMPARE(core::OAuthConfig::sandboxClientId(), kClient);
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(start(m_sandbox, {}, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_sandbox.reset(); }

    void wholeFlowGivesTokensForTheCloud()
    {
        const int exchangesBefore = stats(*m_sandbox).value("code_exchanges"_L1).toInt();
        const SignIn signIn = alice();
        const QJsonObject tokens = tokensFor(*m_sandbox, signIn);
        QVERIFY(!tokens.isEmpty());
        QCOMPARE(tokens.value("token_type"_L1).toString(), u"Bearer"_s);
        QCOMPARE(tokens.value("expires_in"_L1).toInt(), 3600);
        QCOMPARE(tokens.value("scope"_L1).toString(), kScopes);
        QVERIFY(!tokens.value("refresh_token"_L1).toString().isEmpty());

        const QString access = tokens.value("access_token"_L1).toString();
        const QJsonObject claims = claimsOf(access);
        QCOMPARE(claims.value("ext"_L1).toObject().value("cloud_name"_L1).toString(), u"alpha"_s);
        QCOMPARE(claims.value("sub"_L1).toString(), signIn.email);
        QCOMPARE(claims.value("iss"_L1).toString(), m_sandbox->baseUrl().toString());
        QCOMPARE(claims.value("aud"_L1).toString(), kClient);
        QCOMPARE(qint64(claims.value("exp"_L1).toDouble() - claims.value("iat"_L1).toDouble()), 3600);
        QVERIFY(qAbs(claims.value("iat"_L1).toDouble() - QDateTime::currentSecsSinceEpoch()) < 60);
        QVERIFY(!claims.value("jti"_L1).toString().isEmpty());

        const auto listed = listImages(*m_sandbox, u"alpha"_s, access);
        QVERIFY2(listed.status == 200, listed.body.constData());
        QVERIFY(object(listed.body).contains("resources"_L1));
        QCOMPARE(stats(*m_sandbox).value("code_exchanges"_L1).toInt(), exchangesBefore + 1);
    }

    void authorizeRefusals_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error"); ///< in the page (400) or the redirect's error= (302)

        QTest::newRow("unknown client")
            << u"someone-else"_s << kRedirect << u"S256"_s << 400 << u"Unknown application"_s;
        QTest::newRow("https redirect")
            << kClient << u"https://127.0.0.1:5000/cb"_s << u"S256"_s << 400 << u"Invalid redirect address"_s;
        QTest::newRow("remote redirect") << kClient << u"http://evil.example:5000/cb"_s << u"S256"_s << 400
                                         << u"Invalid redirect address"_s;
        QTest::newRow("plain PKCE") << kClient << kRedirect << u"plain"_s << 302 << u"invalid_request"_s;
        QTest::newRow("another client, localhost")
            << u"other-app"_s << u"http://localhost:4000/x"_s << u"S256"_s << 200 << QString();
    }

    void authorizeRefusals()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, redirect);
        QFETCH(QString, method);
        QFETCH(int, status);
        QFETCH(QString, error);
        SignIn signIn = alice();
        signIn.clientId = clientId;
        signIn.redirect = redirect;
        const auto answer = http(*m_sandbox, "GET", authorizePath(signIn, method));
        QCOMPARE(answer.status, status);
        if (status == 400) {
            QVERIFY(answer.header("content-type").startsWith("text/html"));
            QVERIFY(answer.header("location").isEmpty());
            QVERIFY2(answer.body.contains(error.toUtf8()), answer.body.constData());
        } else if (status == 302) {
            const QUrlQuery query(QUrl(QString::fromUtf8(answer.header("location"))));
            QCOMPARE(query.queryItemValue(u"error"_s), error);
            QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), signIn.state);
        } else {
            QVERIFY(!requestIdIn(answer.body).isEmpty());
            QVERIFY(answer.body.contains("other-app"));
        }
    }

    void loginPageEscapesAndRetriesAWrongPassword()
    {
        SignIn signIn = alice();
        signIn.state = u"<script>x</script>"_s;
        const auto page = http(*m_sandbox, "GET", authorizePath(signIn));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("content-security-policy").contains("default-src 'none'"));
        QCOMPARE(page.header("cache-control"), "no-store");
        QVERIFY(!page.body.contains("<script"));
        // The PKCE challenge stays on the server.
        QVERIFY(!page.body.contains(challengeOf(signIn.verifier).toLatin1()));
        const QString id = requestIdIn(page.body);

        const auto wrong = post(*m_sandbox, u"/oauth2/auth"_s,
                                {{u"request_id"_s, id},
                                 {u"action"_s, u"login"_s},
                                 {u"email"_s, signIn.email},
                                 {u"password"_s, u"guess"_s}});
        QCOMPARE(wrong.status, 200);
        QVERIFY(wrong.body.contains("Wrong e-mail address or password"));
        QCOMPARE(requestIdIn(wrong.body), id);
        // Allow without a login goes nowhere.
        const auto early
            = post(*m_sandbox, u"/oauth2/auth"_s, {{u"request_id"_s, id}, {u"action"_s, u"allow"_s}});
        QCOMPARE(early.status, 200);
        QVERIFY(early.header("location").isEmpty());

        const auto right = post(*m_sandbox, u"/oauth2/auth"_s,
                                {{u"request_id"_s, id},
                                 {u"action"_s, u"login"_s},
                                 {u"email"_s, signIn.email},
                                 {u"password"_s, signIn.password}});
        QVERIFY(right.body.contains("<b>Stratus</b> wants to use <b>alpha</b>"));
        QVERIFY(right.body.contains("asset management"));
        const auto allowed
            = post(*m_sandbox, u"/oauth2/auth"_s, {{u"request_id"_s, id}, {u"action"_s, u"allow"_s}});
        QCOMPARE(allowed.status, 302);
        const QUrlQuery query(QUrl(QString::fromUtf8(allowed.header("location"))));
        QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), signIn.state);
        // The pending sign-in is spent.
        const auto again
            = post(*m_sandbox, u"/oauth2/auth"_s, {{u"request_id"_s, id}, {u"action"_s, u"allow"_s}});
        QCOMPARE(again.status, 400);
    }

    void deniedConsentRedirectsAccessDenied()
    {
        const SignIn signIn = alice();
        const QUrlQuery query = consent(*m_sandbox, signIn, u"deny"_s);
        QCOMPARE(query.queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(query.queryItemValue(u"state"_s, QUrl::FullyDecoded), signIn.state);
        QVERIFY(!query.hasQueryItem(u"code"_s));
    }

    void wrongVerifierIsRefused()
    {
        const SignIn signIn = alice();
        const QString code = codeFor(*m_sandbox, signIn);
        QVERIFY(!code.isEmpty());
        const auto answer = exchange(*m_sandbox, signIn, code, randomVerifier());
        QCOMPARE(answer.status, 400);
        QCOMPARE(object(answer.body).value("error"_L1).toString(), u"invalid_grant"_s);
        // The code was spent by that attempt.
        QCOMPARE(exchange(*m_sandbox, signIn, code, signIn.verifier).status, 400);
    }

    void codeReuseIsRefusedAndRevokesItsGrant()
    {
        const SignIn signIn = alice();
        const QString code = codeFor(*m_sandbox, signIn);
        const auto first = exchange(*m_sandbox, signIn, code, signIn.verifier);
        QCOMPARE(first.status, 200);
        const QString access = object(first.body).value("access_token"_L1).toString();
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, access).status, 200);

        const auto second = exchange(*m_sandbox, signIn, code, signIn.verifier);
        QCOMPARE(second.status, 400);
        QCOMPARE(object(second.body).value("error"_L1).toString(), u"invalid_grant"_s);
        const auto refused = listImages(*m_sandbox, u"alpha"_s, access);
        QCOMPARE(refused.status, 401);
        QCOMPARE(errorOf(refused.body), u"Token revoked"_s);
    }

    void tokenEndpointRefusals()
    {
        const auto unknown = post(*m_sandbox, u"/oauth2/token"_s,
                                  {{u"grant_type"_s, u"refresh_token"_s},
                                   {u"refresh_token"_s, u"x"_s},
                                   {u"client_id"_s, u"nobody"_s}});
        QCOMPARE(unknown.status, 401);
        QCOMPARE(object(unknown.body).value("error"_L1).toString(), u"invalid_client"_s);
        const auto grantType = post(*m_sandbox, u"/oauth2/token"_s,
                                    {{u"grant_type"_s, u"password"_s}, {u"client_id"_s, kClient}});
        QCOMPARE(grantType.status, 400);
        QCOMPARE(object(grantType.body).value("error"_L1).toString(), u"unsupported_grant_type"_s);
        const auto bogus = refresh(*m_sandbox, u"not-a-token"_s);
        QCOMPARE(bogus.status, 400);
        QCOMPARE(object(bogus.body).value("error"_L1).toString(), u"invalid_grant"_s);
    }

    void refreshRotatesAndReuseRevokesTheGrant()
    {
        const QJsonObject before = stats(*m_sandbox);
        const QJsonObject tokens = tokensFor(*m_sandbox, alice());
        const QString first = tokens.value("refresh_token"_L1).toString();

        const auto rotated = refresh(*m_sandbox, first);
        QCOMPARE(rotated.status, 200);
        const QString second = object(rotated.body).value("refresh_token"_L1).toString();
        const QString access = object(rotated.body).value("access_token"_L1).toString();
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QVERIFY(access != tokens.value("access_token"_L1).toString());
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, access).status, 200);

        // The old one is refused, and its reuse takes the whole grant: the new tokens too.
        const auto reused = refresh(*m_sandbox, first);
        QCOMPARE(reused.status, 400);
        QCOMPARE(object(reused.body).value("error"_L1).toString(), u"invalid_grant"_s);
        QCOMPARE(refresh(*m_sandbox, second).status, 400);
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, access).status, 401);

        const QJsonObject after = stats(*m_sandbox);
        QCOMPARE(after.value("refreshes"_L1).toInt(), before.value("refreshes"_L1).toInt() + 1);
        QCOMPARE(after.value("refused_refreshes"_L1).toInt(),
                 before.value("refused_refreshes"_L1).toInt() + 2);
        QCOMPARE(after.value("reused_refresh_tokens"_L1).toInt(),
                 before.value("reused_refresh_tokens"_L1).toInt() + 1);
    }

    void revokeEndsTheGrant_data()
    {
        QTest::addColumn<bool>("byRefreshToken");
        QTest::newRow("refresh token") << true;
        QTest::newRow("access token") << false;
    }

    void revokeEndsTheGrant()
    {
        QFETCH(bool, byRefreshToken);
        const int revocations = stats(*m_sandbox).value("revocations"_L1).toInt();
        const QJsonObject tokens = tokensFor(*m_sandbox, alice());
        const QString access = tokens.value("access_token"_L1).toString();
        const QString refreshToken = tokens.value("refresh_token"_L1).toString();
        const auto revoked
            = post(*m_sandbox, u"/oauth2/revoke"_s,
                   {{u"token"_s, byRefreshToken ? refreshToken : access},
                    {u"token_type_hint"_s, byRefreshToken ? u"refresh_token"_s : u"access_token"_s},
                    {u"client_id"_s, kClient}});
        QCOMPARE(revoked.status, 200);
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, access).status, 401);
        QCOMPARE(refresh(*m_sandbox, refreshToken).status, 400);
        QCOMPARE(stats(*m_sandbox).value("revocations"_L1).toInt(), revocations + 1);

        // Well-formed requests are answered 200 whatever the token; a missing one is not.
        QCOMPARE(post(*m_sandbox, u"/oauth2/revoke"_s, {{u"token"_s, u"nonsense"_s}}).status, 200);
        QCOMPARE(post(*m_sandbox, u"/oauth2/revoke"_s, {{u"client_id"_s, kClient}}).status, 400);
    }

    void bearerWorksOnAdminUploadAndSearch()
    {
        const QString access = tokensFor(*m_sandbox, alice()).value("access_token"_L1).toString();
        const QByteArray bearer = "Bearer " + access.toLatin1();

        // Upload API: no api_key, timestamp or signature.
        const auto uploaded
            = post(*m_sandbox, u"/v1_1/alpha/image/upload"_s,
                   {{u"file"_s, u"data:image/png;base64,"_s + QString::fromLatin1(pngBytes().toBase64())},
                    {u"public_id"_s, u"oauth/first"_s}});
        QCOMPARE(uploaded.status, 400); // without the token: an unsigned upload, without a preset
        const auto withToken = http(
            *m_sandbox, "POST", u"/v1_1/alpha/image/upload"_s,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", bearer}},
            form({{u"file"_s, u"data:image/png;base64,"_s + QString::fromLatin1(pngBytes().toBase64())},
                  {u"public_id"_s, u"oauth/first"_s}}));
        QVERIFY2(withToken.status == 200, withToken.body.constData());
        QCOMPARE(object(withToken.body).value("public_id"_L1).toString(), u"oauth/first"_s);

        const auto resource = http(*m_sandbox, "GET", u"/v1_1/alpha/resources/image/upload/oauth/first"_s,
                                   {{"Authorization", bearer}});
        QVERIFY2(resource.status == 200, resource.body.constData());
        QCOMPARE(object(resource.body).value("width"_L1).toInt(), 8);

        const auto search = http(*m_sandbox, "POST", u"/v1_1/alpha/resources/search"_s,
                                 {{"Authorization", bearer}, {"Content-Type", "application/json"}},
                                 R"({"expression":"public_id=oauth/first"})");
        QVERIFY2(search.status == 200, search.body.constData());
        QCOMPARE(object(search.body).value("total_count"_L1).toInt(), 1);

        // The Provisioning API takes its own keys only.
        const auto provisioning = http(*m_sandbox, "GET", u"/v1_1/provisioning/accounts/acct1/sub_accounts"_s,
                                       {{"Authorization", bearer}});
        QCOMPARE(provisioning.status, 401);
    }

    void scopeLimitsWhatATokenMayDo()
    {
        // Asset management only, and no offline_access: no refresh token, no uploads.
        SignIn signIn = alice();
        signIn.scope = u"asset_management"_s;
        const QJsonObject tokens = tokensFor(*m_sandbox, signIn);
        QCOMPARE(tokens.value("scope"_L1).toString(), u"asset_management"_s);
        QVERIFY(!tokens.contains("refresh_token"_L1));
        const QByteArray bearer = "Bearer " + tokens.value("access_token"_L1).toString().toLatin1();
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, tokens.value("access_token"_L1).toString()).status, 200);
        const auto upload = http(
            *m_sandbox, "POST", u"/v1_1/alpha/image/upload"_s,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", bearer}},
            form({{u"file"_s, u"data:image/png;base64,"_s + QString::fromLatin1(pngBytes().toBase64())}}));
        QCOMPARE(upload.status, 403);
        QCOMPARE(errorOf(upload.body), u"The token's scope does not include upload"_s);

        // A scope the server does not know goes back to the client as invalid_scope.
        signIn.scope = u"asset_management admin_everything"_s;
        const auto refused = http(*m_sandbox, "GET", authorizePath(signIn));
        QCOMPARE(refused.status, 302);
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(refused.header("location")))).queryItemValue(u"error"_s),
                 u"invalid_scope"_s);
    }

    void wrongCloudAndForgedTokensAreRefused()
    {
        // Bob has two clouds and picks one on the consent page.
        SignIn bob;
        bob.email = u"bob@example.com"_s;
        bob.password = u"bobpw"_s;
        bob.cloud = u"beta"_s;
        const QString consentId = logIn(*m_sandbox, bob);
        QVERIFY(!consentId.isEmpty());
        const QString access = tokensFor(*m_sandbox, bob).value("access_token"_L1).toString();
        QCOMPARE(claimsOf(access).value("ext"_L1).toObject().value("cloud_name"_L1).toString(), u"beta"_s);
        QCOMPARE(listImages(*m_sandbox, u"beta"_s, access).status, 200);
        const auto other = listImages(*m_sandbox, u"alpha"_s, access);
        QCOMPARE(other.status, 401);
        QCOMPARE(errorOf(other.body), u"Invalid token for cloud_name alpha"_s);
        QVERIFY(other.header("www-authenticate").startsWith("Bearer"));

        // The same token with its cloud changed: the signature no longer matches.
        QJsonObject claims = claimsOf(access);
        claims.insert(u"ext"_s, QJsonObject {{u"cloud_name"_s, u"alpha"_s}});
        const QString forged = access.section(u'.', 0, 0) + u'.'
            + QString::fromLatin1(QJsonDocument(claims)
                                      .toJson(QJsonDocument::Compact)
                                      .toBase64(QByteArray::Base64UrlEncoding
                                                | QByteArray::OmitTrailingEquals))
            + u'.' + access.section(u'.', 2, 2);
        QCOMPARE(errorOf(listImages(*m_sandbox, u"alpha"_s, forged).body), u"Invalid token"_s);
        // alg=none
        const QString unsigned_ = u"eyJhbGciOiJub25lIn0."_s + forged.section(u'.', 1, 1) + u'.';
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, unsigned_).status, 401);
        QCOMPARE(listImages(*m_sandbox, u"alpha"_s, u"garbage"_s).status, 401);
    }

    void expiredTokenIsRefused()
    {
        std::unique_ptr<test::SandboxProcess> shortLived;
        QString error;
        // Three seconds: at least two of them valid (exp counts whole seconds), on a busy machine too.
        QVERIFY2(start(shortLived, {u"--token-lifetime"_s, u"3"_s}, &error), qPrintable(error));
        const QJsonObject tokens = tokensFor(*shortLived, alice());
        QCOMPARE(tokens.value("expires_in"_L1).toInt(), 3);
        const QString access = tokens.value("access_token"_L1).toString();
        QCOMPARE(listImages(*shortLived, u"alpha"_s, access).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(listImages(*shortLived, u"alpha"_s, access).status, 401, 8000);
        QCOMPARE(errorOf(listImages(*shortLived, u"alpha"_s, access).body), u"Token expired"_s);
        // The refresh token still gives a fresh one.
        const auto refreshed = refresh(*shortLived, tokens.value("refresh_token"_L1).toString());
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(
            listImages(*shortLived, u"alpha"_s, object(refreshed.body).value("access_token"_L1).toString())
                .status,
            200);
    }

    void noUsersSaysSo()
    {
        auto bare = std::make_unique<test::SandboxProcess>();
        QString error;
        QVERIFY2(bare->start({u"--environment"_s, u"cloudinary://k:s@solo"_s}, 1, false, &error),
                 qPrintable(error));
        const auto page = http(*bare, "GET", authorizePath(alice()));
        QCOMPARE(page.status, 503);
        QVERIFY(page.body.contains("no users"));
    }

    void badUserSpecsAreRefused_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("no cloud") << u"a@b.c:pw@"_s;
        QTest::newRow("unknown cloud") << u"a@b.c:pw@nowhere"_s;
        QTest::newRow("no password") << u"a@b.c@solo"_s;
        QTest::newRow("unknown setting") << u"a@b.c:pw@solo?colour=red"_s;
    }

    void badUserSpecsAreRefused()
    {
        QFETCH(QString, spec);
        QProcess process;
        process.start(
            QStringLiteral(STRATUS_SANDBOX_PATH),
            {u"--port"_s, u"0"_s, u"--environment"_s, u"cloudinary://k:s@solo"_s, u"--user"_s, spec});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("user"));
    }

    void configFileHoldsUsersClientsAndLifetime()
    {
        QFile config(m_dir.filePath(u"oauth-config.json"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QJsonDocument(QJsonObject {
                              {u"environments"_s, QJsonArray {u"cloudinary://k:s@alpha"_s}},
                              {u"users"_s, QJsonArray {u"alice@example.com:pa:ss@w0rd@alpha?demo=1"_s}},
                              {u"oauth_clients"_s, QJsonArray {u"from-config"_s}},
                              {u"token_lifetime"_s, 120},
                          })
                .toJson());
        config.close();
        test::SandboxProcess configured;
        QString error;
        QVERIFY2(configured.start({u"--config"_s, config.fileName()}, 1, false, &error), qPrintable(error));
        SignIn signIn = alice();
        signIn.clientId = u"from-config"_s;
        // demo=1: the page fills in the e-mail and shows the password.
        const auto page = http(configured, "GET", authorizePath(signIn));
        QVERIFY(page.body.contains("value=\"alice@example.com\""));
        QVERIFY(page.body.contains("password <b>pa:ss@w0rd</b>"));
        const QJsonObject tokens = tokensFor(configured, signIn);
        QCOMPARE(tokens.value("expires_in"_L1).toInt(), 120);
        QCOMPARE(claimsOf(tokens.value("access_token"_L1).toString()).value("client_id"_L1).toString(),
                 u"from-config"_s);
    }

    void tokensSurviveARestartAndNeverReachTheFiles()
    {
        const QString data = m_dir.filePath(u"restart"_s);
        const QStringList args {u"--data"_s, data};
        std::unique_ptr<test::SandboxProcess> first;
        QString error;
        QVERIFY2(start(first, args, &error), qPrintable(error));
        const SignIn signIn = alice();
        const QJsonObject tokens = tokensFor(*first, signIn);
        const QString access = tokens.value("access_token"_L1).toString();
        const QString refreshToken = tokens.value("refresh_token"_L1).toString();
        QVERIFY(!access.isEmpty() && !refreshToken.isEmpty());
        first.reset();

        std::unique_ptr<test::SandboxProcess> second;
        QVERIFY2(start(second, args, &error), qPrintable(error));
        QCOMPARE(listImages(*second, u"alpha"_s, access).status, 200);
        const auto refreshed = refresh(*second, refreshToken);
        QCOMPARE(refreshed.status, 200);
        const QString newRefresh = object(refreshed.body).value("refresh_token"_L1).toString();
        second.reset();

        // What the sandbox keeps: hashes and ids, never a token or the verifier.
        QDirIterator files(data, QDir::Files, QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            for (const QString &secret : {access, refreshToken, newRefresh, signIn.verifier, signIn.password})
                QVERIFY2(!bytes.contains(secret.toLatin1()), qPrintable(file.fileName()));
            ++scanned;
        }
        QVERIFY(scanned > 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxOAuth)
#include "tst_sandboxoauth.moc"
