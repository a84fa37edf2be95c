// What a connection test found has one home for its words, src/words/checkwords.cpp: the accounts
// dialogs show its paragraph (translated), `stratus-cli env add` prints its line (English, a
// contract: these lines are what the CLI printed before the words moved there).
#include "core/util/result.h"
#include "words/checkwords.h"
#include "words/errorwords.h"

#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(stratus::core::Error)

namespace {

using Kind = core::Error::Kind;
using Cause = core::Error::NetworkCause;

core::Error error(Kind kind, const QString &said, Cause cause = Cause::None)
{
    core::Error e;
    e.kind = kind;
    e.message = said;
    e.networkCause = cause;
    return e;
}

} // namespace

class TestCheckWords : public QObject
{
    Q_OBJECT

private slots:
    void cliLines_data()
    {
        QTest::addColumn<core::Error>("error");
        QTest::addColumn<QString>("proxy");
        QTest::addColumn<QString>("line");
        QTest::newRow("wrong secret") << error(Kind::Auth, u"Invalid Signature"_s) << QString()
                                      << u"the API key or secret is wrong for cloud 'shop' (the server said: "
                                         u"Invalid Signature)"_s;
        QTest::newRow("unknown cloud") << error(Kind::Auth, u"Invalid cloud_name shop"_s) << QString()
                                       << u"there is no cloud named 'shop' at api.example:8443 (the server "
                                          u"said: Invalid cloud_name shop)"_s;
        QTest::newRow("no such host")
            << error(Kind::Network, u"Host not found"_s, Cause::HostNotFound) << QString()
            << u"cannot find the host api.example:8443 (no network or no DNS?): "
               u"Host not found"_s;
        QTest::newRow("refused") << error(Kind::Network, u"Connection refused"_s, Cause::ConnectionRefused)
                                 << QString()
                                 << u"no connection to api.example:8443: nothing answers there (Connection "
                                    u"refused); check the network and the URL"_s;
        QTest::newRow("timeout") << error(Kind::Network, u"timed out"_s, Cause::Timeout) << QString()
                                 << u"no connection to api.example:8443: it did not answer in time; check "
                                    u"the network"_s;
        QTest::newRow("through a proxy")
            << error(Kind::Network, u"Connection refused"_s, Cause::ConnectionRefused) << u"proxy:3128"_s
            << u"the proxy proxy:3128 failed on the way to api.example:8443 (Connection refused); check "
               u"http_proxy, https_proxy and no_proxy"_s;
        QTest::newRow("proxy wants a password")
            << error(Kind::Network, u"Proxy authentication required"_s, Cause::ProxyAuth) << QString()
            << u"the proxy (system) failed on the way to api.example:8443 (Proxy authentication required); "
               u"check http_proxy, https_proxy and no_proxy"_s;
        QTest::newRow("tls") << error(Kind::Network, u"certificate expired"_s, Cause::Tls) << QString()
                             << u"the secure connection to api.example:8443 failed (certificate expired)"_s;
        QTest::newRow("403") << error(Kind::Permission, u"Admin API not allowed"_s) << QString()
                             << u"these credentials may not use the Admin API of cloud 'shop' (403: Admin "
                                u"API not allowed)"_s;
        QTest::newRow("rate limited") << error(Kind::RateLimited, u"Rate limit"_s) << QString()
                                      << u"the Admin API rate limit of cloud 'shop' is spent; try again "
                                         u"later"_s;
        QTest::newRow("server") << error(Kind::Server, u"Internal error"_s) << QString()
                                << u"the server at api.example:8443 failed (Internal error); try again "
                                   u"later"_s;
        QTest::newRow("other, in ErrorWords' words")
            << core::Error::because(Kind::Internal, core::ErrorReason::AnswerNotJson) << QString()
            << u"the connection test failed: "_s
                + words::ErrorWords::text(
                    core::Error::because(Kind::Internal, core::ErrorReason::AnswerNotJson));
    }
    void cliLines()
    {
        QFETCH(core::Error, error);
        QFETCH(QString, proxy);
        QFETCH(QString, line);
        const words::CheckFacts facts {u"shop"_s, u"api.example:8443"_s, proxy};
        QCOMPARE(words::CheckWords::line(error, facts), std::optional(line));
    }

    void keychainAndPlainHttpAreTheCliOwn()
    {
        const words::CheckFacts facts {u"shop"_s, u"api.example"_s, {}};
        QCOMPARE(words::CheckWords::line(error(Kind::Unavailable, {}), facts), std::nullopt);
        QCOMPARE(words::CheckWords::line(error(Kind::InsecureTransport, {}), facts), std::nullopt);
    }

    void appAdvice_data()
    {
        QTest::addColumn<core::Error>("error");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("wrong secret") << error(Kind::Auth, u"Invalid Signature"_s)
                                      << QStringList {u"API secret is wrong"_s, u"“Invalid Signature”"_s};
        QTest::newRow("unknown cloud")
            << error(Kind::Auth, u"Invalid cloud_name shop"_s) << QStringList {u"no cloud named “shop”"_s};
        QTest::newRow("keychain") << error(Kind::Unavailable, {}) << QStringList {u"keychain"_s};
        // Refused by Stratus before anything was sent: ErrorWords' words, no server quoted.
        QTest::newRow("no secret in the keychain")
            << core::Error::because(Kind::Auth, core::ErrorReason::SecretNotInKeychain)
            << QStringList {u"The check failed: "_s
                            + words::ErrorWords::text(
                                core::Error::because(Kind::Auth, core::ErrorReason::SecretNotInKeychain))};
    }
    void appAdvice()
    {
        QFETCH(core::Error, error);
        QFETCH(QStringList, parts);
        const QString words = words::CheckWords::advice(error, {u"shop"_s, {}, {}});
        for (const QString &part : std::as_const(parts))
            QVERIFY2(words.contains(part), qPrintable(words + u" lacks "_s + part));
    }
};

QTEST_GUILESS_MAIN(TestCheckWords)
#include "tst_checkwords.moc"
