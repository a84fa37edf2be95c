// The Media Library's sign-in options (issue 15, point 1): the signed login of a key environment
// computed in C++ (SHA-256 of cloud_name, timestamp, username + secret), the access token of a
// token environment, the console's own sign-in without an e-mail, and the integration object.
#include "core/net/secretsource.h"
#include "core/signing/clock.h"
#include "core/widgets/medialibrarylogin.h"
#include "stratus/version.h"

#include <QJsonDocument>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

std::optional<Result<QJsonObject>> optionsOf(MediaLibraryLogin &login, const QString &username)
{
    std::optional<Result<QJsonObject>> answer;
    int calls = 0;
    login.loginOptions(username, [&](Result<QJsonObject> result) {
        ++calls;
        answer = std::move(result);
    });
    if (!QTest::qWaitFor([&] { return calls > 0; }, 5000))
        return std::nullopt;
    if (calls != 1)
        qFatal("done called %d times", calls);
    return answer;
}

} // namespace

class TestMediaLibraryLogin : public QObject
{
    Q_OBJECT

private slots:
    void loginSignatureVector()
    {
        QCOMPARE(MediaLibraryLogin::loginStringToSign(u"demo", 1315060510, u"user@example.com"),
                 u"cloud_name=demo&timestamp=1315060510&username=user@example.com"_s);
        // The check value of cloudinary-widgets.md §1.7 (SHA-256, secret "abcd").
        QCOMPARE(MediaLibraryLogin::loginSignature(u"demo", 1315060510, u"user@example.com", u"abcd"),
                 u"707d8a3784b6080d91563c7e65a8fc9334f689685494e92eb37084841a2860bb"_s);
    }

    void keyEnvironmentSignsTheLogin()
    {
        const FixedClock clock(1315060510LL * 1000 + 999);
        MediaLibraryLogin login(u"demo"_s, u"123456789012345"_s, std::make_shared<FixedSecret>(u"abcd"_s),
                                clock);
        const auto options = optionsOf(login, u"  user@example.com "_s);
        QVERIFY(options);
        QVERIFY(options->ok());
        const QJsonObject expected {
            {u"cloud_name"_s, u"demo"_s},
            {u"api_key"_s, u"123456789012345"_s},
            {u"username"_s, u"user@example.com"_s},
            {u"timestamp"_s, 1315060510},
            {u"signature"_s, u"707d8a3784b6080d91563c7e65a8fc9334f689685494e92eb37084841a2860bb"_s},
        };
        QCOMPARE(options->value(), expected);
        QVERIFY(!QJsonDocument(options->value()).toJson().contains("abcd"));
    }

    void keyEnvironmentWithoutEmailUsesTheConsoleSignIn()
    {
        const FixedClock clock(1315060510LL * 1000);
        MediaLibraryLogin login(u"demo"_s, u"123"_s, std::make_shared<FixedSecret>(u"abcd"_s), clock);
        const auto options = optionsOf(login, u"  "_s);
        QVERIFY(options && options->ok());
        QCOMPARE(options->value(), (QJsonObject {{u"cloud_name"_s, u"demo"_s}, {u"api_key"_s, u"123"_s}}));
    }

    void tokenEnvironmentPassesTheToken()
    {
        const FixedClock clock(1315060510LL * 1000);
        MediaLibraryLogin login(u"demo"_s, QString(), std::make_shared<FixedToken>(u"access-token-1"_s),
                                clock);
        // The e-mail does not matter: nothing is signed with a token.
        const auto options = optionsOf(login, u"user@example.com"_s);
        QVERIFY(options && options->ok());
        QCOMPARE(options->value(),
                 (QJsonObject {{u"cloud_name"_s, u"demo"_s}, {u"access_token"_s, u"access-token-1"_s}}));
    }

    void missingSecretIsAnError()
    {
        const FixedClock clock(0);
        MediaLibraryLogin empty(u"demo"_s, u"123"_s, std::make_shared<FixedSecret>(QString()), clock);
        const auto options = optionsOf(empty, u"user@example.com"_s);
        QVERIFY(options && !options->ok());
        QCOMPARE(options->error().reason, ErrorReason::NoApiSecret);

        MediaLibraryLogin none(u"demo"_s, u"123"_s, nullptr, clock);
        const auto noneOptions = optionsOf(none, u"user@example.com"_s);
        QVERIFY(noneOptions && !noneOptions->ok());
        QCOMPARE(noneOptions->error().reason, ErrorReason::NoApiSecret);
    }

    void integrationObject()
    {
        QCOMPARE(MediaLibraryLogin::integration(IntegrationEnvironment::Production, u"6.4.2",
                                                u"Debian GNU/Linux 12 (bookworm)", u"1.2.3"),
                 (QJsonObject {{u"type"_s, u"stratus_desktop"_s},
                               {u"platform"_s, u"Qt 6.4.2 Debian GNU/Linux 12 (bookworm)"_s},
                               {u"version"_s, u"1.2.3"_s},
                               {u"environment"_s, u"prod"_s}}));
        QCOMPARE(MediaLibraryLogin::integration(IntegrationEnvironment::Development, u"6.4.2", u"macOS 14",
                                                u"1.2.3")
                     .value(u"environment"),
                 u"dev"_s);

        const QJsonObject ours = MediaLibraryLogin::integration();
        QCOMPARE(ours.value(u"version").toString(), QStringLiteral(STRATUS_VERSION_STRING));
        QVERIFY(
            ours.value(u"platform").toString().startsWith(u"Qt "_s + QString::fromLatin1(qVersion()) + u' '));
#ifdef NDEBUG
        QCOMPARE(ours.value(u"environment").toString(), u"prod"_s);
#else
        QCOMPARE(ours.value(u"environment").toString(), u"dev"_s);
#endif
    }
};

QTEST_GUILESS_MAIN(TestMediaLibraryLogin)
#include "tst_medialibrarylogin.moc"
