// stratus-sandbox's structured metadata, over real HTTP: the Admin API's metadata_fields endpoints
// (create with every type, validation rules and datasources; get, list, update, delete; datasource
// update, delete, restore and order; field order), their errors, and the `metadata` parameter of
// upload, Admin update, explicit and the Upload API's metadata action, checked against the fields
// with Cloudinary's 400 answers. The definitions survive a restart of the sandbox.

#include "../integration/sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace Qt::StringLiterals;

namespace {

const QString kCloud = u"meta"_s;
const QString kEnvironment = u"cloudinary://k1:s1@meta?folder_mode=dynamic&admin_rate_limit=100000"_s;

QJsonObject object(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QString errorOf(const QByteArray &body)
{
    return object(body).value("error"_L1).toObject().value("message"_L1).toString();
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestSandboxMetadata : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::SandboxProcess> m_sandbox;
    QString m_file;

    bool startSandbox(QString *error)
    {
        m_sandbox = std::make_unique<test::SandboxProcess>();
        return m_sandbox->start({u"--data"_s, m_dir.filePath(u"data"_s), u"--environment"_s, kEnvironment}, 1,
                                false, error);
    }

    // One Admin API call with a JSON body (as the SDKs send metadata_fields calls).
    test::SandboxProcess::RawAnswer admin(const QByteArray &verb, const QString &path,
                                          const QJsonObject &body = {})
    {
        return m_sandbox->raw(verb, u"/v1_1/"_s + kCloud + u"/metadata_fields"_s + path,
                              {{"Authorization", "Basic " + QByteArray("k1:s1").toBase64()},
                               {"Content-Type", "application/json"}},
                              body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
    }

    QJsonObject createOk(const char *json)
    {
        const auto answer = admin("POST", {}, parse(json));
        if (answer.status != 200)
            qWarning("create failed: %d %s", answer.status, answer.body.constData());
        return answer.status == 200 ? object(answer.body) : QJsonObject();
    }

    template<typename T> std::pair<std::optional<T>, QString> run(ApiCall<T> *call)
    {
        std::unique_ptr<ApiCall<T>> owned(call);
        if (!test::runToEnd(call))
            return {std::nullopt, u"no answer"_s};
        if (!call->result())
            return {std::nullopt, call->error()->message};
        return {call->result().value(), {}};
    }

    // An upload of a small raw file with `metadata` as the SDKs send it (string form); the stored
    // resource, or the error message.
    std::pair<std::optional<Resource>, QString> upload(const QString &publicId, const QString &metadata)
    {
        UploadOptions options;
        options.resourceType = u"raw"_s;
        options.publicId = publicId;
        if (!metadata.isNull())
            options.extra.insert(u"metadata"_s, metadata);
        std::unique_ptr<UploadJob> job(UploadApi(m_sandbox->context(0)).upload(m_file, options, nullptr));
        if (!test::runToEnd(job.get()))
            return {std::nullopt, u"no answer"_s};
        if (job->error())
            return {std::nullopt, job->error()->message};
        return {job->result()->asset, {}};
    }

    QJsonObject metadataOf(const QString &publicId)
    {
        auto [resource, error]
            = run(AdminApi(m_sandbox->context(0)).resource({publicId, u"raw"_s}, {}, nullptr));
        return resource ? resource->metadata : QJsonObject {{u"error"_s, error}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(u"note.txt"_s);
        QFile out(m_file);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write("a note\n") > 0);
        out.close();
        QString error;
        QVERIFY2(startSandbox(&error), qPrintable(error));
    }

    void createEveryType()
    {
        const QJsonObject text
            = createOk(R"({"type":"string","external_id":"photographer","label":"Photographer",
            "validation":{"type":"strlen","min":2,"max":10}})");
        QCOMPARE(text.value("external_id"_L1).toString(), u"photographer"_s);
        QCOMPARE(text.value("mandatory"_L1).toBool(true), false);
        QVERIFY(text.value("default_value"_L1).isNull());

        const QJsonObject rating = createOk(R"({"type":"integer","external_id":"rating","label":"Rating",
            "validation":{"type":"and","rules":[{"type":"greater_than","value":0,"equals":false},
                                                {"type":"less_than","value":5,"equals":true}]}})");
        QCOMPARE(rating.value("validation"_L1).toObject().value("type"_L1).toString(), u"and"_s);

        QVERIFY(!createOk(R"({"type":"date","external_id":"shot_on","label":"Shot on",
            "validation":{"type":"greater_than","value":"2000-01-01"}})")
                     .isEmpty());

        // A mandatory single-select with a default; its values get the active state.
        const QJsonObject licence = createOk(R"({"type":"enum","external_id":"licence","label":"Licence",
            "mandatory":true,"default_value":"internal","datasource":{"values":[
            {"external_id":"editorial","value":"Editorial"},{"external_id":"internal","value":"Internal use"},
            {"external_id":"commercial","value":"Commercial"}]}})");
        const QJsonArray values = licence.value("datasource"_L1).toObject().value("values"_L1).toArray();
        QCOMPARE(values.size(), 3);
        QCOMPARE(values.at(0).toObject().value("state"_L1).toString(), u"active"_s);
        QCOMPARE(licence.value("default_value"_L1).toString(), u"internal"_s);

        // No external ids given: the field's and its values' are generated.
        const QJsonObject channels = createOk(R"({"type":"set","label":"Channels","datasource":{"values":[
            {"value":"Web"},{"value":"Print"}]}})");
        QVERIFY(!channels.value("external_id"_L1).toString().isEmpty());
        QVERIFY(!channels.value("datasource"_L1)
                     .toObject()
                     .value("values"_L1)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("external_id"_L1)
                     .toString()
                     .isEmpty());
        QCOMPARE(admin("DELETE", u"/"_s + channels.value("external_id"_L1).toString()).status, 200);
        QVERIFY(
            !createOk(R"({"type":"set","external_id":"channels","label":"Channels","datasource":{"values":[
            {"external_id":"web","value":"Web"},{"external_id":"print","value":"Print"},
            {"external_id":"social","value":"Social media"}]}})")
                 .isEmpty());
    }

    void createRefusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown type") << QByteArray(R"({"type":"boolean","label":"B"})") << u"Invalid type"_s;
        QTest::newRow("no type") << QByteArray(R"({"label":"B"})") << u"type"_s;
        QTest::newRow("no label") << QByteArray(R"({"type":"string"})") << u"Label"_s;
        QTest::newRow("taken id") << QByteArray(R"({"type":"string","external_id":"rating","label":"R"})")
                                  << u"already exists"_s;
        QTest::newRow("enum without values")
            << QByteArray(R"({"type":"enum","label":"E"})") << u"Datasource"_s;
        QTest::newRow("strlen on integer")
            << QByteArray(R"({"type":"integer","label":"I","validation":{"type":"strlen","max":3}})")
            << u"strlen"_s;
        QTest::newRow("default of the wrong type")
            << QByteArray(R"({"type":"integer","label":"I","default_value":"many"})") << u"default"_s;
        QTest::newRow("default outside the datasource") << QByteArray(
            R"({"type":"enum","label":"E","default_value":"x","datasource":{"values":[{"value":"a"}]}})")
                                                        << u"datasource"_s;
    }

    void createRefusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto answer = admin("POST", {}, QJsonDocument::fromJson(json).object());
        QCOMPARE(answer.status, 400);
        QVERIFY2(errorOf(answer.body).contains(message, Qt::CaseInsensitive), answer.body.constData());
    }

    void getListUpdate()
    {
        const auto list = admin("GET", {});
        QCOMPARE(list.status, 200);
        QStringList ids;
        for (const QJsonValue &field : object(list.body).value("metadata_fields"_L1).toArray())
            ids.append(field.toObject().value("external_id"_L1).toString());
        QCOMPARE(ids,
                 (QStringList {u"photographer"_s, u"rating"_s, u"shot_on"_s, u"licence"_s, u"channels"_s}));

        const auto one = admin("GET", u"/rating"_s);
        QCOMPARE(one.status, 200);
        QCOMPARE(object(one.body).value("type"_L1).toString(), u"integer"_s);
        const auto missing = admin("GET", u"/nope"_s);
        QCOMPARE(missing.status, 404);
        QVERIFY(errorOf(missing.body).contains(u"nope"_s));

        const auto renamed = admin("PUT", u"/photographer"_s, parse(R"({"label":"Photographer or studio"})"));
        QCOMPARE(renamed.status, 200);
        QCOMPARE(object(renamed.body).value("label"_L1).toString(), u"Photographer or studio"_s);
        QCOMPARE(object(renamed.body).value("validation"_L1).toObject().value("max"_L1).toInt(), 10);
        const auto retyped = admin("PUT", u"/photographer"_s, parse(R"({"type":"integer"})"));
        QCOMPARE(retyped.status, 400);
    }

    void datasource()
    {
        // Update: a known id changes its value, a new one is added.
        auto answer = admin("PUT", u"/channels/datasource"_s,
                            parse(R"({"values":[{"external_id":"social","value":"Social"},
                                                {"external_id":"newsletter","value":"Newsletter"}]})"));
        QCOMPARE(answer.status, 200);
        QJsonArray values = object(answer.body).value("values"_L1).toArray();
        QCOMPARE(values.size(), 4);
        QCOMPARE(values.at(2).toObject().value("value"_L1).toString(), u"Social"_s);

        // Delete makes values inactive (not gone); an inactive value cannot be set.
        answer = admin("DELETE", u"/channels/datasource"_s, parse(R"({"external_ids":["print"]})"));
        QCOMPARE(answer.status, 200);
        values = object(answer.body).value("values"_L1).toArray();
        QCOMPARE(values.size(), 4);
        QCOMPARE(values.at(1).toObject().value("state"_L1).toString(), u"inactive"_s);
        auto [refused, message] = upload(u"inactive"_s, uR"(channels=["print"])"_s);
        QVERIFY(!refused);
        QVERIFY2(message.contains(u"print"_s), qPrintable(message));

        answer = admin("POST", u"/channels/datasource_restore"_s, parse(R"({"external_ids":["print"]})"));
        QCOMPARE(answer.status, 200);
        QCOMPARE(
            object(answer.body).value("values"_L1).toArray().at(1).toObject().value("state"_L1).toString(),
            u"active"_s);

        answer = admin("POST", u"/channels/datasource/order"_s,
                       parse(R"({"order_by":"value","direction":"desc"})"));
        QCOMPARE(answer.status, 200);
        QStringList order;
        for (const QJsonValue &value : object(answer.body).value("values"_L1).toArray())
            order.append(value.toObject().value("value"_L1).toString());
        QCOMPARE(order, (QStringList {u"Web"_s, u"Social"_s, u"Print"_s, u"Newsletter"_s}));

        QCOMPARE(admin("PUT", u"/rating/datasource"_s, parse(R"({"values":[{"value":"x"}]})")).status, 400);
    }

    void fieldOrder()
    {
        auto answer = admin("PUT", u"/order"_s, parse(R"({"order_by":"label","direction":"asc"})"));
        QCOMPARE(answer.status, 200);
        QStringList labels;
        for (const QJsonValue &field : object(answer.body).value("metadata_fields"_L1).toArray())
            labels.append(field.toObject().value("label"_L1).toString());
        QCOMPARE(labels,
                 (QStringList {u"Channels"_s, u"Licence"_s, u"Photographer or studio"_s, u"Rating"_s,
                               u"Shot on"_s}));
        QCOMPARE(admin("PUT", u"/order"_s, parse(R"({"order_by":"colour"})")).status, 400);
    }

    void uploadWithMetadata()
    {
        auto [resource, error]
            = upload(u"with_values"_s,
                     uR"(photographer=Ann \| Bo|rating=4|shot_on=2024-05-06|channels=["web","social"])"_s);
        QVERIFY2(resource, qPrintable(error));
        const QJsonObject metadata = resource->metadata;
        QCOMPARE(metadata.value("photographer"_L1).toString(), u"Ann | Bo"_s);
        QCOMPARE(metadata.value("rating"_L1).toDouble(), 4.0); // a number, not text
        QCOMPARE(metadata.value("shot_on"_L1).toString(), u"2024-05-06"_s);
        QCOMPARE(metadata.value("channels"_L1).toArray(), (QJsonArray {u"web"_s, u"social"_s}));
        // The mandatory licence was not given: its default applies.
        QCOMPARE(metadata.value("licence"_L1).toString(), u"internal"_s);
        QCOMPARE(metadataOf(u"with_values"_s), metadata);
    }

    void uploadRefusals_data()
    {
        QTest::addColumn<QString>("metadata");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field") << u"colour=red"_s << u"colour does not exist"_s;
        QTest::newRow("not an integer") << u"rating=many"_s << u"not an integer"_s;
        QTest::newRow("out of range") << u"rating=9"_s << u"validation"_s;
        QTest::newRow("zero excluded") << u"rating=0"_s << u"validation"_s;
        QTest::newRow("too long") << u"photographer=Someone with a long name"_s << u"validation"_s;
        QTest::newRow("not a date") << u"shot_on=yesterday"_s << u"not a date"_s;
        QTest::newRow("date too early") << u"shot_on=1999-12-31"_s << u"validation"_s;
        QTest::newRow("not in the datasource") << u"licence=stolen"_s << u"datasource"_s;
        QTest::newRow("two values for a single-select")
            << uR"(licence=["internal","editorial"])"_s << u"one value"_s;
        QTest::newRow("mandatory emptied") << u"licence="_s << u"mandatory"_s;
    }

    void uploadRefusals()
    {
        QFETCH(QString, metadata);
        QFETCH(QString, message);
        auto [resource, error] = upload(u"refused"_s, metadata);
        QVERIFY(!resource);
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void mandatoryWithoutDefault()
    {
        QCOMPARE(admin("POST", {},
                       parse(R"({"type":"string","external_id":"client","label":"Client","mandatory":true})"))
                     .status,
                 200);
        auto [refused, message] = upload(u"no_client"_s, {});
        QVERIFY(!refused);
        QVERIFY2(message.contains(u"client is mandatory"_s), qPrintable(message));
        auto [resource, error] = upload(u"client_given"_s, u"client=ACME"_s);
        QVERIFY2(resource, qPrintable(error));
        QCOMPARE(admin("DELETE", u"/client"_s).status, 200);
        QVERIFY(!metadataOf(u"client_given"_s).contains("client"_L1)); // the values went with the field
    }

    void updateExplicitAndBulk()
    {
        AdminApi admin(m_sandbox->context(0));
        // Admin update, JSON values: only the fields given change; an empty value removes one.
        ResourceUpdate update;
        update.metadata = QJsonObject {{u"rating"_s, 2}, {u"photographer"_s, u""_s}};
        auto [updated, error] = run(admin.updateResource({u"with_values"_s, u"raw"_s}, update, nullptr));
        QVERIFY2(updated, qPrintable(error));
        QCOMPARE(updated->metadata.value("rating"_L1).toDouble(), 2.0);
        QVERIFY(!updated->metadata.contains("photographer"_L1));
        QCOMPARE(updated->metadata.value("shot_on"_L1).toString(), u"2024-05-06"_s);

        update.metadata = QJsonObject {{u"rating"_s, u"lots"_s}};
        auto [refused, message] = run(admin.updateResource({u"with_values"_s, u"raw"_s}, update, nullptr));
        QVERIFY(!refused);
        QVERIFY2(message.contains(u"not an integer"_s), qPrintable(message));
        QCOMPARE(metadataOf(u"with_values"_s).value("rating"_L1).toDouble(), 2.0); // unchanged

        UploadApi uploads(m_sandbox->context(0));
        ExplicitOptions options;
        options.metadata = QJsonObject {{u"licence"_s, u"editorial"_s}};
        auto [explicitDone, explicitError]
            = run(uploads.explicitUpdate({u"with_values"_s, u"raw"_s}, options, nullptr));
        QVERIFY2(explicitDone, qPrintable(explicitError));
        QCOMPARE(metadataOf(u"with_values"_s).value("licence"_L1).toString(), u"editorial"_s);
        QCOMPARE(metadataOf(u"with_values"_s).value("rating"_L1).toDouble(), 2.0);

        // The metadata action: the same values for several assets at once.
        auto [second, secondError] = upload(u"second"_s, u"licence=commercial"_s);
        QVERIFY2(second, qPrintable(secondError));
        auto [bulk, bulkError] = run(uploads.metadata(QJsonObject {{u"channels"_s, QJsonArray {u"print"_s}}},
                                                      {u"with_values"_s, u"second"_s}, nullptr, u"raw"_s));
        QVERIFY2(bulk, qPrintable(bulkError));
        QCOMPARE(bulk->publicIds, (QStringList {u"with_values"_s, u"second"_s}));
        QCOMPARE(metadataOf(u"second"_s).value("channels"_L1).toArray(), QJsonArray {u"print"_s});
        QCOMPARE(metadataOf(u"second"_s).value("licence"_L1).toString(), u"commercial"_s);
        auto [bulkRefused, bulkMessage] = run(uploads.metadata(
            QJsonObject {{u"channels"_s, QJsonArray {u"tv"_s}}}, {u"second"_s}, nullptr, u"raw"_s));
        QVERIFY(!bulkRefused);
        QVERIFY2(bulkMessage.contains(u"tv"_s), qPrintable(bulkMessage));
    }

    void survivesRestart()
    {
        m_sandbox->stop();
        QString error;
        QVERIFY2(startSandbox(&error), qPrintable(error));
        const auto list = admin("GET", {});
        QCOMPARE(list.status, 200);
        const QJsonArray fields = object(list.body).value("metadata_fields"_L1).toArray();
        QCOMPARE(fields.size(), 5);
        QCOMPARE(fields.at(0).toObject().value("label"_L1).toString(), u"Channels"_s);
        QCOMPARE(metadataOf(u"second"_s).value("channels"_L1).toArray(), QJsonArray {u"print"_s});
    }

    void seededDemoFields()
    {
        test::SandboxProcess seeded;
        QTemporaryDir dir;
        QString error;
        QVERIFY2(seeded.start({u"--data"_s, dir.path(), u"--environment"_s,
                               u"cloudinary://k2:s2@demo?admin_rate_limit=100000"_s, u"--seed"_s, u"20"_s},
                              1, false, &error),
                 qPrintable(error));
        const auto list = seeded.raw("GET", u"/v1_1/demo/metadata_fields"_s,
                                     {{"Authorization", "Basic " + QByteArray("k2:s2").toBase64()}});
        QCOMPARE(list.status, 200);
        QStringList labels;
        for (const QJsonValue &field : object(list.body).value("metadata_fields"_L1).toArray())
            labels.append(field.toObject().value("label"_L1).toString());
        QCOMPARE(labels,
                 (QStringList {u"Photographer"_s, u"Rating"_s, u"Shot on"_s, u"Licence"_s, u"Channels"_s}));
    }
};

QTEST_GUILESS_MAIN(TestSandboxMetadata)
#include "tst_sandboxmetadata.moc"
