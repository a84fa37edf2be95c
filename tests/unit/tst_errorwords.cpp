// Every error reason is worded by its area, and its stored name reads back (issue 12, point 3).
#include "core/util/errorreason.h"
#include "core/util/result.h"
#include "words/errorwords.h"

#include <QSet>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

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
            const core::Error error =
                core::Error::because(core::Error::Kind::Internal, reason, u"SUBJECT"_s, u"OUTSIDE"_s);
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

    void kindsAloneAreWorded()
    {
        using Kind = core::Error::Kind;
        for (const Kind kind : {Kind::InvalidInput, Kind::Network, Kind::Auth, Kind::Permission, Kind::NotFound,
                                Kind::Conflict, Kind::RateLimited, Kind::Server, Kind::Cancelled, Kind::Io,
                                Kind::Damaged, Kind::Unavailable, Kind::InsecureTransport, Kind::Internal}) {
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
