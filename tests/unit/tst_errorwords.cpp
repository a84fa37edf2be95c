// Every error reason is worded by its area, and its stored name reads back (issue 12, point 3).
#include "core/util/errorreason.h"
#include "core/util/result.h"
#include "words/errorwords.h"

#include <QSet>
#include <QStringList>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(stratus::core::Error)

class TestErrorWords : public QObject
{
    Q_OBJECT

private slots:
    void everyReasonHasItsOwnWords()
    {
        const QList<core::ErrorReason> reasons = core::allErrorReasons();
        QVERIFY(!reasons.isEmpty());
        QCOMPARE(reasons.first(), core::ErrorReason::None);
        for (const core::ErrorReason reason : reasons) {
            if (reason == core::ErrorReason::None)
                continue;
            // The kind a reason comes with does not matter to its words; Internal has the most generic.
            const core::Error error
                = core::Error::because(core::Error::Kind::Internal, reason, u"SUBJECT"_s, u"OUTSIDE"_s);
            const QString words = words::ErrorWords::text(error);
            core::Error unreasoned = error;
            unreasoned.reason = core::ErrorReason::None;
            QVERIFY2(words != words::ErrorWords::text(unreasoned),
                     qPrintable(u"no words for the reason "_s + core::errorReasonName(reason)));
            QVERIFY2(!words.contains(u'%'), qPrintable(u"an unfilled placeholder: "_s + words));
        }
    }

    void namesReadBack()
    {
        QSet<QString> names;
        for (const core::ErrorReason reason : core::allErrorReasons()) {
            const QString name = core::errorReasonName(reason);
            QVERIFY(!name.isEmpty());
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(core::errorReasonFromName(name), std::optional(reason));
        }
        QCOMPARE(core::errorReasonFromName(u"NoSuchReasonEver"), std::nullopt);
    }

    void wordsNameTheSubjectAndKeepOutsideWords_data()
    {
        using Kind = core::Error::Kind;
        using Reason = core::ErrorReason;
        QTest::addColumn<core::Error>("error");
        QTest::addColumn<QStringList>("parts");
        QTest::newRow("taken name, shown safely")
            << core::Error::because(Kind::Conflict, Reason::EnvironmentNameTaken, u"prod\nX"_s)
            << QStringList {u"“prod\\nX”"_s};
        QTest::newRow("name with a direction control")
            << core::Error::because(Kind::InvalidInput, Reason::EnvironmentNameUnusable, u"ab\u202E"_s)
            << QStringList {u"U+202E"_s, u"character 3"_s, u"text-direction"_s};
        QTest::newRow("account label with a line break")
            << core::Error::because(Kind::InvalidInput, Reason::AccountLabelUnusable, u"a\nb"_s)
            << QStringList {u"account label"_s, u"U+000A"_s};
        QTest::newRow("empty name") << core::Error::because(Kind::InvalidInput,
                                                            Reason::EnvironmentNameUnusable)
                                    << QStringList {u"needs a name"_s};
        QTest::newRow("unreadable accounts file")
            << core::Error::because(Kind::Io, Reason::SettingsFileUnreadable, u"/x/accounts.ini"_s,
                                    u"Permission denied"_s)
            << QStringList {u"/x/accounts.ini"_s, u"Permission denied"_s};
        QTest::newRow("server silent") << core::Error::because(Kind::Network, Reason::ServerSilent, u"45"_s)
                                       << QStringList {u"45 seconds"_s};
        QTest::newRow("catalogue damaged, SQLite's words")
            << core::Error::because(Kind::Damaged, Reason::CatalogQueryFailed, {}, u"malformed disk image"_s)
            << QStringList {u"damaged"_s, u"malformed disk image"_s};
        QTest::newRow("credentials in clear") << core::Error::because(
            Kind::InsecureTransport, Reason::CredentialsInClear, u"intranet.example"_s)
                                              << QStringList {u"intranet.example"_s, u"unencrypted"_s};
        QTest::newRow("account URL host")
            << core::Error::because(Kind::InvalidInput, Reason::UrlHostMissing, u"account://"_s)
            << QStringList {u"account ID"_s};
        QTest::newRow("transformation step, unknown key")
            << core::Error::because(Kind::InvalidInput, Reason::TransformationKeyUnknown,
                                    u"2/w_100,foo_bar/foo_bar"_s)
            << QStringList {u"transformation step 2 ('w_100,foo_bar'): unknown key 'foo' in 'foo_bar'"_s};
        QTest::newRow("transformation step empty")
            << core::Error::because(Kind::InvalidInput, Reason::TransformationStepEmpty, u"3"_s)
            << QStringList {u"transformation step 3 is empty"_s};
        QTest::newRow("JSON, where it stopped")
            << core::Error::because(Kind::InvalidInput, Reason::JsonBadNumber, u"17"_s)
            << QStringList {u"invalid JSON at offset 17: bad number"_s};
        QTest::newRow("JSON, Qt's words") << core::Error::because(Kind::InvalidInput, Reason::JsonUnreadable,
                                                                  u"4"_s, u"garbage at the end"_s)
                                          << QStringList {u"invalid JSON (garbage at the end at offset 4)"_s};
        QTest::newRow("option not a string")
            << core::Error::because(Kind::InvalidInput, Reason::OptionNotString, u"border.color"_s)
            << QStringList {u"border.color must be a string"_s};
        QTest::newRow("raw line feed in a URL")
            << core::Error::because(Kind::InvalidInput, Reason::UrlHoldsLineBreak, u"U+000A"_s)
            << QStringList {u"the URL would hold a raw line feed (U+000A)"_s};
        core::Error local;
        local.kind = Kind::InvalidInput;
        local.message = u"the width must be a number"_s;
        QTest::newRow("refused here, not by Cloudinary")
            << local << QStringList {u"the width must be a number"_s};
    }
    void wordsNameTheSubjectAndKeepOutsideWords()
    {
        QFETCH(core::Error, error);
        QFETCH(QStringList, parts);
        const QString words = words::ErrorWords::text(error);
        for (const QString &part : std::as_const(parts))
            QVERIFY2(words.contains(part), qPrintable(words + u" lacks "_s + part));
        QVERIFY2(!words.contains(u"Cloudinary refused"_s) || error.httpStatus != 0, qPrintable(words));
    }

    void remediesFollowTheReason_data()
    {
        using Kind = core::Error::Kind;
        using Reason = core::ErrorReason;
        QTest::addColumn<core::Error>("error");
        QTest::addColumn<words::Remedy>("remedy");
        QTest::newRow("no secret in the keychain")
            << core::Error::because(Kind::Auth, Reason::SecretNotInKeychain) << words::Remedy::ReenterSecret;
        QTest::newRow("keychain locked")
            << core::Error::because(Kind::Unavailable, Reason::KeychainUnavailable) << words::Remedy::Retry;
        QTest::newRow("keychain denied")
            << core::Error::because(Kind::Permission, Reason::KeychainDenied) << words::Remedy::Retry;
        QTest::newRow("server silent")
            << core::Error::because(Kind::Network, Reason::ServerSilent) << words::Remedy::Retry;
        QTest::newRow("plain http refused")
            << core::Error::because(Kind::InsecureTransport, Reason::CredentialsInClear, u"h"_s)
            << words::Remedy::None;
        QTest::newRow("name taken") << core::Error::because(Kind::Conflict, Reason::EnvironmentNameTaken,
                                                            u"n"_s)
                                    << words::Remedy::None;
        core::Error proxy;
        proxy.kind = Kind::Network;
        proxy.networkCause = core::Error::NetworkCause::ProxyAuth;
        QTest::newRow("proxy") << proxy << words::Remedy::OpenSettings;
    }
    void remediesFollowTheReason()
    {
        QFETCH(core::Error, error);
        QFETCH(words::Remedy, remedy);
        QCOMPARE(words::ErrorWords::remedy(error), remedy);
    }

    void kindsAloneAreWorded()
    {
        using Kind = core::Error::Kind;
        for (const Kind kind :
             {Kind::InvalidInput, Kind::Network, Kind::Auth, Kind::Permission, Kind::NotFound, Kind::Conflict,
              Kind::RateLimited, Kind::Server, Kind::Cancelled, Kind::Io, Kind::Damaged, Kind::Unavailable,
              Kind::InsecureTransport, Kind::Internal}) {
            core::Error error;
            error.kind = kind;
            error.message = u"the server's words"_s;
            const QString words = words::ErrorWords::text(error);
            QVERIFY(!words.isEmpty());
            QVERIFY2(!words.contains(u'%'), qPrintable(words));
        }
        core::Error auth;
        auth.kind = core::Error::Kind::Auth;
        QCOMPARE(words::ErrorWords::remedy(auth), words::Remedy::ReenterSecret);
        QVERIFY(!words::ErrorWords::remedyLabel(words::Remedy::ReenterSecret).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestErrorWords)
#include "tst_errorwords.moc"
