// Structured metadata in core: field definitions read from the Admin API's JSON, values checked
// as the editors and uploads need them (errors as values with their reasons), the definitions
// cached in a real catalogue, and the catalogue's structured metadata filter.

#include "core/catalog/catalog.h"
#include "core/metadata/metadatafield.h"
#include "words/errorwords.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace Qt::StringLiterals;
using Reason = ErrorReason;

namespace {

// The sandbox's demo fields, as GET metadata_fields answers them.
const char *const kFields = R"({"metadata_fields":[
 {"type":"string","external_id":"photographer","label":"Photographer","mandatory":false,"default_value":null,
  "validation":{"type":"strlen","min":2,"max":10}},
 {"type":"integer","external_id":"rating","label":"Rating","mandatory":false,"default_value":3,
  "validation":{"type":"and","rules":[{"type":"greater_than","value":0,"equals":false},
                                      {"type":"less_than","value":5,"equals":true}]}},
 {"type":"date","external_id":"shot_on","label":"Shot on","mandatory":false,
  "validation":{"type":"greater_than","value":"2000-01-01","equals":true}},
 {"type":"enum","external_id":"licence","label":"Licence","mandatory":true,"default_value":"internal",
  "datasource":{"values":[{"external_id":"editorial","value":"Editorial","state":"active"},
                          {"external_id":"internal","value":"Internal use","state":"active"},
                          {"external_id":"old","value":"Old licence","state":"inactive"}]}},
 {"type":"set","external_id":"channels","label":"Channels","mandatory":false,
  "datasource":{"values":[{"external_id":"web","value":"Web"},{"external_id":"print","value":"Print"}]}},
 {"type":"boolean","external_id":"future","label":"A type this version does not know"}
]})";

QList<MetadataField> demoFields()
{
    return MetadataField::listFromJson(QJsonDocument::fromJson(kFields).object());
}

MetadataField field(const QString &id)
{
    for (const MetadataField &candidate : demoFields()) {
        if (candidate.externalId == id)
            return candidate;
    }
    return {};
}

catalog::CatalogAsset asset(const QString &id, const QJsonObject &metadata)
{
    catalog::CatalogAsset a;
    a.assetId = id;
    a.publicId = u"p/"_s + id;
    a.resourceType = u"image"_s;
    a.type = u"upload"_s;
    a.metadata = metadata;
    return a;
}

} // namespace

class TestMetadataField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesDefinitions()
    {
        const QList<MetadataField> fields = demoFields();
        QCOMPARE(fields.size(), 5); // the unknown type is left out
        const MetadataField rating = fields.at(1);
        QCOMPARE(rating.type, MetadataField::Type::Integer);
        QCOMPARE(rating.label, u"Rating"_s);
        QCOMPARE(rating.defaultValue.toDouble(), 3.0);
        QCOMPARE(rating.minimumInteger(), std::optional<qint64>(1)); // greater than 0
        QCOMPARE(rating.maximumInteger(), std::optional<qint64>(5)); // 5 itself allowed
        const MetadataField text = fields.at(0);
        QCOMPARE(text.minLength, std::optional<int>(2));
        QCOMPARE(text.maxLength, std::optional<int>(10));
        QCOMPARE(fields.at(2).minimumDate(), QDate(2000, 1, 1));
        const MetadataField licence = fields.at(3);
        QCOMPARE(licence.type, MetadataField::Type::SingleSelect);
        QVERIFY(licence.mandatory);
        QCOMPARE(licence.options.size(), 3);
        QVERIFY(!licence.options.at(2).active);
        QCOMPARE(licence.displayText(u"internal"_s), u"Internal use"_s);
        QCOMPARE(fields.at(4).displayText(QJsonArray {u"web"_s, u"print"_s}), u"Web, Print"_s);
    }

    void checksValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QJsonValue>("stored"); // when accepted
        QTest::addColumn<int>("reason"); // None when accepted
        auto ok = [](const char *name, const char *f, QJsonValue in, QJsonValue out) {
            QTest::newRow(name) << QString::fromLatin1(f) << in << out << int(Reason::None);
        };
        auto bad = [](const char *name, const char *f, QJsonValue in, Reason reason) {
            QTest::newRow(name) << QString::fromLatin1(f) << in << QJsonValue() << int(reason);
        };
        ok("text", "photographer", u"Ann"_s, u"Ann"_s);
        bad("text too short", "photographer", u"A"_s, Reason::MetadataTextTooShort);
        bad("text too long", "photographer", u"Ann and Bob Inc"_s, Reason::MetadataTextTooLong);
        ok("empty text clears", "photographer", u""_s, QJsonValue(QJsonValue::Null));
        ok("integer from text", "rating", u" 4 "_s, 4.0);
        ok("integer at the inclusive bound", "rating", 5, 5.0);
        bad("integer at the exclusive bound", "rating", 0, Reason::MetadataValueTooSmall);
        bad("integer too large", "rating", 6, Reason::MetadataValueTooLarge);
        bad("not an integer", "rating", u"four"_s, Reason::MetadataNotInteger);
        bad("a fraction", "rating", 2.5, Reason::MetadataNotInteger);
        ok("date", "shot_on", u"2024-05-06"_s, u"2024-05-06"_s);
        bad("not a date", "shot_on", u"06/05/2024"_s, Reason::MetadataNotDate);
        bad("date too early", "shot_on", u"1999-12-31"_s, Reason::MetadataValueTooSmall);
        ok("single choice", "licence", u"editorial"_s, u"editorial"_s);
        bad("inactive choice", "licence", u"old"_s, Reason::MetadataChoiceUnknown);
        bad("unknown choice", "licence", u"stolen"_s, Reason::MetadataChoiceUnknown);
        bad("two choices for a single-select", "licence", QJsonArray {u"editorial"_s, u"internal"_s},
            Reason::MetadataOneChoiceOnly);
        bad("mandatory emptied", "licence", u""_s, Reason::MetadataValueMissing);
        ok("several choices, repeats dropped", "channels", QJsonArray {u"web"_s, u"print"_s, u"web"_s},
           QJsonArray {u"web"_s, u"print"_s});
        ok("one choice of a multi-select", "channels", u"web"_s, QJsonArray {u"web"_s});
        ok("no choices clears", "channels", QJsonArray(), QJsonValue(QJsonValue::Null));
    }

    void checksValues()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QJsonValue, stored);
        QFETCH(int, reason);
        const MetadataField definition = ::field(field);
        QVERIFY(!definition.externalId.isEmpty());
        const Result<QJsonValue> checked = definition.check(value);
        if (reason == int(Reason::None)) {
            QVERIFY2(checked, checked ? "" : qPrintable(checked.error().subject));
            QCOMPARE(*checked, stored);
        } else {
            QVERIFY(!checked);
            QCOMPARE(checked.error().kind, Error::Kind::InvalidInput);
            QCOMPARE(int(checked.error().reason), reason);
            QCOMPARE(checked.error().subject, definition.label);
            // Worded in one place, naming the field.
            QVERIFY(words::ErrorWords::text(checked.error()).contains(definition.label));
        }
    }

    void catalogueCachesDefinitions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"catalog.sqlite"_s);
        {
            auto opened = catalog::Catalog::open(path);
            QVERIFY(opened);
            auto fields = (*opened)->metadataFields();
            QVERIFY(fields && fields->isEmpty());
            QVERIFY((*opened)->setMetadataFields(demoFields()));
        }
        auto reopened = catalog::Catalog::open(path);
        QVERIFY(reopened);
        auto fields = (*reopened)->metadataFields();
        QVERIFY(fields);
        QCOMPARE(fields->size(), 5);
        QCOMPARE(fields->at(3).externalId, u"licence"_s);
        QCOMPARE(fields->at(3).options.size(), 3);
        QVERIFY((*reopened)->setMetadataFields(demoFields().mid(0, 2)));
        QCOMPARE((*reopened)->metadataFields()->size(), 2); // replaced, not added
    }

    void catalogueFiltersByMetadata()
    {
        QTemporaryDir dir;
        auto opened = catalog::Catalog::open(dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened);
        catalog::Catalog &cat = **opened;
        QVERIFY(cat.upsert({
            asset(u"a"_s,
                  {{u"licence"_s, u"editorial"_s}, {u"rating"_s, 4}, {u"channels"_s, QJsonArray {u"web"_s}}}),
            asset(u"b"_s,
                  {{u"licence"_s, u"internal"_s}, {u"channels"_s, QJsonArray {u"web"_s, u"print"_s}}}),
            asset(u"c"_s, {{u"licence"_s, u"editorial"_s}, {u"rating"_s, 2}}),
            asset(u"d"_s, {}),
        }));
        auto ids = [&](const QMap<QString, QStringList> &metadata) {
            catalog::CatalogQuery query;
            query.metadata = metadata;
            QStringList out;
            if (auto page = cat.search(query, catalog::CatalogSort::PublicId)) {
                for (const auto &a : page->assets)
                    out.append(a.assetId);
            }
            return out;
        };
        QCOMPARE(ids({{u"licence"_s, {u"editorial"_s}}}), (QStringList {u"a"_s, u"c"_s}));
        QCOMPARE(ids({{u"licence"_s, {u"editorial"_s, u"internal"_s}}}),
                 (QStringList {u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(ids({{u"channels"_s, {u"print"_s}}}), QStringList {u"b"_s}); // one of a multi-select's
        QCOMPARE(ids({{u"rating"_s, {u"4"_s}}}), QStringList {u"a"_s}); // numbers compare as text
        QCOMPARE(ids({{u"licence"_s, {u"editorial"_s}}, {u"channels"_s, {u"web"_s}}}), QStringList {u"a"_s});
        QCOMPARE(ids({{u"licence"_s, {u"nothing"_s}}}), QStringList());
        // Together with words: the count is of both, not of the words alone.
        catalog::CatalogQuery query;
        query.text = u"p"_s;
        query.metadata = {{u"licence"_s, {u"internal"_s}}};
        auto page = cat.search(query);
        QVERIFY(page);
        QCOMPARE(page->total, 1);
    }
};

QTEST_GUILESS_MAIN(TestMetadataField)
#include "tst_metadatafield.moc"
