// Every error reason is worded by its area, and its stored name reads back (issue 12, point 3).
#include "core/search/searchexpression.h"
#include "core/search/searchsorting.h"
#include "core/util/errorreason.h"
#include "core/util/result.h"
#include "words/errorwords.h"

#include <QJsonArray>
#include <QJsonDocument>
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

    // stratus-sandbox answers a refused search with these words and stratus-cli find prints them: the
    // Search API's kind of words, with the 1-based character position.
    void searchErrorsAreWordedWithTheirPosition_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("words");
        const auto row = [](const char *input, const char *words) {
            QTest::newRow(input) << QString::fromUtf8(input) << QString::fromUtf8(words);
        };
        row("foo:bar", "unknown field 'foo' at position 1");
        row("cat Tags:cat", "unknown field 'Tags' at position 5");
        row("status:active", "the field 'status' is not supported by Stratus' local search at position 1");
        row("last_updated>1d",
            "the field 'last_updated' is not supported by Stratus' local search at position 1");
        row("Updated_at>1d", "unknown field 'Updated_at' at position 1");
        row("(tags:cat", "missing ')' for this '(' at position 1");
        row("a (b (c)", "missing ')' for this '(' at position 3");
        row("tags:cat)", "unbalanced ')' at position 9");
        row(")", "unbalanced ')' at position 1");
        row("()", "empty parentheses at position 1");
        row("NOT tags:cat", "NOT cannot start an expression; write -field:value instead at position 1");
        row("  NOT a", "NOT cannot start an expression; write -field:value instead at position 3");
        row("a AND (NOT b)", "NOT cannot start a group; write -field:value instead at position 8");
        row("a NOT NOT b", "'NOT' needs a term after it at position 3");
        row("a NOT", "'NOT' needs a term after it at position 3");
        row("a AND", "'AND' needs a term after it at position 3");
        row("a AND OR b", "'AND' needs a term after it at position 3");
        row("a OR", "'OR' needs a term after it at position 3");
        row("OR a", "'OR' needs a term before it at position 1");
        row("AND a", "'AND' needs a term before it at position 1");
        row("- a", "'-' must be followed directly by a term at position 1");
        row("tags:*", "'tags:*' is not supported: the Search API has no 'field exists' query at position 1");
        row("public_id=*",
            "'public_id=*' is not supported: the Search API has no 'field exists' query at position 1");
        row("*", "'*' alone is not a search term at position 1");
        row("a*b", "only a trailing '*' wildcard is supported at position 2");
        row("tags:\"a*b\"",
            "only a trailing '*' wildcard is supported; write \\* for a literal * at position 8");
        row("folder:a/b*",
            "'folder' supports only a wildcard for a whole folder level, as in folder:a/b/* at position 1");
        row("asset_folder:\"My Fol*\"",
            "'asset_folder' supports only a wildcard for a whole folder level, as in asset_folder:a/b/* at "
            "position 1");
        row("folder:/*", "'folder:/*' would match every asset; leave the term out at position 1");
        row("resource_type:im*", "'resource_type' does not support wildcards at position 1");
        row("type:up*", "'type' does not support wildcards at position 1");
        row("width:10*", "'width' does not support wildcards at position 1");
        row("created_at>1d*", "wildcards are not allowed with '>' at position 1");
        row("bytes:[1 TO]", "expected a range bound at position 12");
        row("bytes:[1 5]", "expected 'TO' in the range at position 10");
        row("bytes:[1 TO 5", "unterminated range; close it with ']' or '}' at position 7");
        row("bytes:[a TO 5]", "'bytes' needs a size such as 500, 20kb or 1m, not 'a' at position 8");
        row("bytes:[* TO *]",
            "a range needs at least one bound; the Search API has no 'field exists' query at position 1");
        row("width:[1 TO 5*]", "wildcards are not allowed in a range at position 13");
        row("tags:[a TO b]", "'tags' does not support ranges at position 1");
        row("[1 TO 2]", "unexpected '['; a range needs a field, as in bytes:[1 TO 100] at position 1");
        row("width>abc", "'width' needs a number, not 'abc' at position 1");
        row("bytes>1tb", "'bytes' needs a size such as 500, 20kb or 1m, not '1tb' at position 1");
        row("aspect_ratio:\"16:0\"", "'aspect_ratio' needs a number, not '16:0' at position 1");
        row("created_at>yesterday",
            "'created_at' needs a date (2024-01-31, \"2024-01-31T12:00:00Z\", Unix seconds, or 1h/1d/1w), "
            "not 'yesterday' at position 1");
        row("created_at>2024-02-30",
            "'created_at' needs a date (2024-01-31, \"2024-01-31T12:00:00Z\", Unix seconds, or 1h/1d/1w), "
            "not '2024-02-30' at position 1");
        row("uploaded_at>1y",
            "'uploaded_at' needs a date (2024-01-31, \"2024-01-31T12:00:00Z\", Unix seconds, or 1h/1d/1w), "
            "not '1y' at position 1");
        row("tags>5", "'tags' does not support '>' at position 1");
        row("public_id<=a", "'public_id' does not support '<=' at position 1");
        row("folder>a", "'folder' does not support '>' at position 1");
        row("tags:", "expected a value after 'tags:' at position 6");
        row("tags: )", "expected a value after 'tags:' at position 7");
        row("tags:AND", "expected a value after 'tags:', found AND at position 6");
        row("tags:\"\"", "empty value for 'tags' at position 1");
        row("\"\"", "empty search term at position 1");
        row("tags:\"abc", "unterminated quoted value at position 6");
        row("a\\", "dangling '\\' at the end at position 2");
        row("a & b", "unexpected '&'; write AND or && at position 3");
        row("a | b", "unexpected '|'; write OR or || at position 3");
        row("a~2", "'~' is not supported; quote the value or escape it with a backslash at position 2");
        row("tags:a:b", "unexpected ':'; quote values that contain it at position 7");
        row("context:x", "'context' needs a key, as in context.KEY at position 1");
        row("metadata.:x", "'metadata' needs a key, as in metadata.KEY at position 1");
        row("tags:(context.a:b)", "'tags:(…)' cannot contain another field at position 7");
        row("tags:(NOT a)", "NOT cannot start a group; write -field:value instead at position 7");
        QTest::newRow("70 nested groups")
            << QString(70, u'(') + u"a"_s + QString(70, u')')
            << u"the expression is nested too deeply (more than 64 levels) at position 65"_s;
    }
    void searchErrorsAreWordedWithTheirPosition()
    {
        QFETCH(QString, input);
        QFETCH(QString, words);
        const auto parsed = core::search::Expression::parse(input);
        QVERIFY(!parsed.ok());
        QCOMPARE(words::ErrorWords::text(parsed.error()), words);
    }

    void sortByAndAggregateErrorsAreWorded_data()
    {
        QTest::addColumn<bool>("aggregate");
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown field")
            << false << u"[{\"colour\":\"asc\"}]"_s << u"sort_by: cannot sort by 'colour'"_s;
        QTest::newRow("bad direction") << false << u"[{\"bytes\":\"up\"}]"_s
                                       << u"sort_by: the direction for 'bytes' must be \"asc\" or \"desc\""_s;
        QTest::newRow("two fields in one entry")
            << false << u"[{\"bytes\":\"asc\",\"width\":\"asc\"}]"_s
            << u"sort_by: each entry must have exactly one field, as in {\"created_at\":\"desc\"}"_s;
        QTest::newRow("not an array") << false << u"\"created_at\""_s
                                      << u"sort_by must be an array such as [{\"created_at\":\"desc\"}]"_s;
        QTest::newRow("entry not an object")
            << false << u"[\"created_at\"]"_s
            << u"sort_by entries must be objects such as {\"created_at\":\"desc\"}"_s;
        QTest::newRow("aggregate tags")
            << true << u"[\"tags\"]"_s
            << u"aggregate: cannot aggregate on 'tags' (supported: format, resource_type, type)"_s;
        QTest::newRow("aggregate ranges")
            << true << u"[{\"type\":\"bytes\",\"ranges\":[{\"from\":0,\"to\":100}]}]"_s
            << u"aggregate: custom (range) aggregations are not supported"_s;
        QTest::newRow("aggregate number") << true << u"5"_s << u"aggregate must be an array of field names"_s;
    }
    void sortByAndAggregateErrorsAreWorded()
    {
        QFETCH(bool, aggregate);
        QFETCH(QString, json);
        QFETCH(QString, words);
        const QJsonValue value = QJsonDocument::fromJson(u"[%1]"_s.arg(json).toUtf8()).array().at(0);
        const core::Error error = aggregate ? core::search::parseAggregate(value).error()
                                            : core::search::parseSortBy(value).error();
        QCOMPARE(words::ErrorWords::text(error), words);
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
