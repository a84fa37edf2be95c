// The Admin, Search and Provisioning clients put on the wire what Cloudinary's APIs expect
// (reference §a, §e, §f, §g): endpoints, paths, verbs, query strings, form and JSON bodies, Basic
// auth; and the DTOs read the answers leniently. Each request is checked against the fake QNAM
// in fakenetwork.h. The Upload API has its own tst_uploadclient.cpp.
#include "apifixture.h"

#include "core/api/adminapi.h"
#include "core/api/apiendpoint.h"
#include "core/api/apiparams.h"
#include "core/api/provisioningapi.h"
#include "core/api/searchapi.h"
#include "core/api/uploadapi.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/secretsource.h"
#include "core/signing/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;
using namespace stratus::test;

using MakeJob = std::function<Job *(const ApiContext &, QObject *)>;
Q_DECLARE_METATYPE(MakeJob)

class TestApiClients : public QObject
{
    Q_OBJECT

private slots:
    void endpoint_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("base");
        QTest::newRow("default host")
            << u"cloudinary://1234:b@demo"_s << u"https://api.cloudinary.com/v1_1/demo"_s;
        QTest::newRow("upload_prefix") << u"cloudinary://1234:b@demo?upload_prefix=http://127.0.0.1:8080"_s
                                       << u"http://127.0.0.1:8080/v1_1/demo"_s;
        QTest::newRow("upload_prefix with slash and path")
            << u"cloudinary://1234:b@demo?upload_prefix=https://proxy.example/cld/"_s
            << u"https://proxy.example/cld/v1_1/demo"_s;
        QTest::newRow("account") << u"account://pk:ps@acct-1"_s
                                 << u"https://api.cloudinary.com/v1_1/provisioning/accounts/acct-1"_s;
        QTest::newRow("account with upload_prefix")
            << u"account://pk:ps@acct1?upload_prefix=http://127.0.0.1:9"_s
            << u"http://127.0.0.1:9/v1_1/provisioning/accounts/acct1"_s;
    }
    void endpoint()
    {
        QFETCH(QString, url);
        QFETCH(QString, base);
        const auto parsed = CloudinaryUrl::parse(url);
        QVERIFY(parsed);
        const auto endpoint = parsed->kind() == CloudinaryUrl::Kind::Cloud
            ? ApiEndpoint::forEnvironment(*parsed)
            : ApiEndpoint::forAccount(*parsed);
        QVERIFY2(endpoint, qPrintable(endpoint ? QString() : endpoint.error().message));
        QCOMPARE(endpoint->baseUrl().toString(), base);
        QCOMPARE(endpoint->apiKey(), parsed->apiKey());
    }

    void endpointRefusesWhatIsNotAnEndpoint_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("account");
        QTest::newRow("account URL as environment") << u"account://pk:ps@acct"_s << false;
        QTest::newRow("environment URL as account") << u"cloudinary://1:2@demo"_s << true;
        QTest::newRow("ftp prefix") << u"cloudinary://1:2@demo?upload_prefix=ftp://x"_s << false;
        QTest::newRow("prefix without host") << u"cloudinary://1:2@demo?upload_prefix=http://"_s << false;
        QTest::newRow("prefix with credentials")
            << u"cloudinary://1:2@demo?upload_prefix=http://u:p@x"_s << false;
    }
    void endpointRefusesWhatIsNotAnEndpoint()
    {
        QFETCH(QString, url);
        QFETCH(bool, account);
        const auto parsed = CloudinaryUrl::parse(url);
        QVERIFY(parsed);
        const auto endpoint
            = account ? ApiEndpoint::forAccount(*parsed) : ApiEndpoint::forEnvironment(*parsed);
        QVERIFY(!endpoint);
        QCOMPARE(endpoint.error().kind, Error::Kind::InvalidInput);
        QVERIFY(!endpoint.error().message.contains(u"2@"));
    }

    void pathSegmentsAreEncodedLikeEncodeUriComponent()
    {
        const ApiEndpoint endpoint(QUrl(u"https://api.cloudinary.com/v1_1/demo"_s), u"k"_s);
        const QUrl url = endpoint.url({u"resources"_s, u"image"_s, u"upload"_s, u"folder/my photo (1)&ü"_s});
        QCOMPARE(
            url.toString(QUrl::FullyEncoded),
            u"https://api.cloudinary.com/v1_1/demo/resources/image/upload/folder%2Fmy%20photo%20(1)%26%C3%BC"_s);
    }

    void adminRequestShapes_data()
    {
        QTest::addColumn<MakeJob>("make");
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("items"); // query for GET, form body otherwise
        QTest::addColumn<QByteArray>("json"); // JSON body, when there is one

        const auto admin = [](auto f) {
            return MakeJob([f](const ApiContext &c, QObject *p) -> Job * { return f(AdminApi(c), p); });
        };
        const QString base = u"/v1_1/demo/"_s;
        QTest::newRow("ping") << admin([](const AdminApi &a, QObject *p) { return a.ping(p); })
                              << QByteArray("GET") << base + u"ping"_s << QStringList() << QByteArray();
        QTest::newRow("usage") << admin([](const AdminApi &a, QObject *p) { return a.usage(p); })
                               << QByteArray("GET") << base + u"usage"_s << QStringList() << QByteArray();
        QTest::newRow("usage of a day")
            << admin([](const AdminApi &a, QObject *p) { return a.usage(p, QDate(2024, 5, 1)); })
            << QByteArray("GET") << base + u"usage/01-05-2024"_s << QStringList() << QByteArray();
        QTest::newRow("config") << admin([](const AdminApi &a, QObject *p) { return a.config(p); })
                                << QByteArray("GET") << base + u"config"_s << QStringList {u"settings=true"_s}
                                << QByteArray();
        QTest::newRow("resources of a resource type")
            << admin([](const AdminApi &a, QObject *p) { return a.listResources(ResourceListing(), p); })
            << QByteArray("GET") << base + u"resources/image"_s << QStringList() << QByteArray();
        QTest::newRow("resources with every option")
            << admin([](const AdminApi &a, QObject *p) {
                   ResourceListing listing;
                   listing.resourceType = u"video"_s;
                   listing.type = u"upload"_s;
                   listing.prefix = u"a b/c+d"_s;
                   listing.page = {20, u"abc=="_s};
                   listing.direction = SortDirection::Descending;
                   listing.withTags = listing.withContext = listing.withMetadata = true;
                   return a.listResources(listing, p);
               })
            << QByteArray("GET") << base + u"resources/video/upload"_s
            << QStringList {u"context=true"_s,  u"direction=desc"_s,    u"max_results=20"_s,
                            u"metadata=true"_s, u"next_cursor=abc=="_s, u"prefix=a b/c+d"_s,
                            u"tags=true"_s}
            << QByteArray();
        QTest::newRow("resources by public ids") << admin([](const AdminApi &a, QObject *p) {
            ResourceListing listing;
            listing.type = u"private"_s;
            listing.publicIds = {u"a"_s, u"b/c"_s};
            return a.listResources(listing, p);
        }) << QByteArray("GET") << base + u"resources/image/private"_s
                                                 << QStringList {u"public_ids[]=a"_s, u"public_ids[]=b/c"_s}
                                                 << QByteArray();
        QTest::newRow("resources by tag") << admin([](const AdminApi &a, QObject *p) {
            ResourceListing listing;
            listing.tag = u"summer fun"_s;
            listing.direction = SortDirection::Ascending;
            return a.listResources(listing, p);
        }) << QByteArray("GET") << base + u"resources/image/tags/summer%20fun"_s
                                          << QStringList {u"direction=asc"_s} << QByteArray();
        QTest::newRow("resources by asset folder")
            << admin([](const AdminApi &a, QObject *p) {
                   AssetFolderListing listing;
                   listing.assetFolder = u"My Folder/sub"_s;
                   listing.page.maxResults = 5;
                   listing.withTags = true;
                   return a.listResourcesByAssetFolder(listing, p);
               })
            << QByteArray("GET") << base + u"resources/by_asset_folder"_s
            << QStringList {u"asset_folder=My Folder/sub"_s, u"max_results=5"_s, u"tags=true"_s}
            << QByteArray();
        QTest::newRow("resource details") << admin([](const AdminApi &a, QObject *p) {
            ResourceDetailsOptions options;
            options.colors = options.mediaMetadata = true;
            return a.resource(AssetRef {u"folder/sample"_s, u"image"_s, u"upload"_s}, options, p);
        }) << QByteArray("GET") << base + u"resources/image/upload/folder%2Fsample"_s
                                          << QStringList {u"colors=true"_s, u"media_metadata=true"_s}
                                          << QByteArray();
        QTest::newRow("update") << admin([](const AdminApi &a, QObject *p) {
            ResourceUpdate update;
            update.tags = QStringList {u"a"_s, u"b"_s};
            update.context
                = QMap<QString, QString> {{u"caption"_s, u"salt = pepper | more"_s}, {u"alt"_s, u"x"_s}};
            update.metadata
                = QJsonObject {{u"colors"_s, QJsonArray {u"red"_s, u"blue"_s}}, {u"sku"_s, u"a=b"_s}};
            update.displayName = u"New name"_s;
            update.assetFolder = u"dest"_s;
            return a.updateResource(AssetRef {u"folder/sample"_s, u"image"_s, u"upload"_s}, update, p);
        }) << QByteArray("POST") << base + u"resources/image/upload/folder%2Fsample"_s
                                << QStringList {u"asset_folder=dest"_s,
                                                u"context=alt=x|caption=salt \\= pepper \\| more"_s,
                                                u"display_name=New name"_s,
                                                uR"(metadata=colors=["red","blue"]|sku=a\=b)"_s,
                                                u"tags=a,b"_s}
                                << QByteArray();
        QTest::newRow("delete by public ids") << admin([](const AdminApi &a, QObject *p) {
            return a.deleteResources({u"a"_s, u"b/c"_s}, p);
        }) << QByteArray("DELETE") << base + u"resources/image/upload"_s
                                              << QStringList {u"public_ids[]=a"_s, u"public_ids[]=b/c"_s}
                                              << QByteArray();
        QTest::newRow("delete by prefix") << admin([](const AdminApi &a, QObject *p) {
            return a.deleteResourcesByPrefix(u"old/"_s, p, u"raw"_s, u"private"_s, u"next"_s);
        }) << QByteArray("DELETE") << base + u"resources/raw/private"_s
                                          << QStringList {u"next_cursor=next"_s, u"prefix=old/"_s}
                                          << QByteArray();
        QTest::newRow("root folders") << admin([](const AdminApi &a, QObject *p) {
            return a.rootFolders(PageRequest {10, {}}, p);
        }) << QByteArray("GET") << base + u"folders"_s
                                      << QStringList {u"max_results=10"_s} << QByteArray();
        QTest::newRow("sub folders") << admin([](const AdminApi &a, QObject *p) {
            return a.subFolders(u"a/b c/"_s, PageRequest {}, p);
        }) << QByteArray("GET") << base + u"folders/a/b%20c"_s
                                     << QStringList() << QByteArray();
        QTest::newRow("create folder")
            << admin([](const AdminApi &a, QObject *p) { return a.createFolder(u"new/folder"_s, p); })
            << QByteArray("POST") << base + u"folders/new/folder"_s << QStringList() << QByteArray();
        QTest::newRow("rename folder") << admin([](const AdminApi &a, QObject *p) {
            return a.renameFolder(u"old"_s, u"new/place"_s, p);
        }) << QByteArray("PUT") << base + u"folders/old"_s
                                       << QStringList() << QByteArray(R"({"to_folder":"new/place"})");
        QTest::newRow("delete folder")
            << admin([](const AdminApi &a, QObject *p) { return a.deleteFolder(u"old"_s, p); })
            << QByteArray("DELETE") << base + u"folders/old"_s << QStringList() << QByteArray();
        QTest::newRow("tags") << admin([](const AdminApi &a, QObject *p) {
            return a.tags(u"image"_s, u"sum"_s, PageRequest {3, {}}, p);
        }) << QByteArray("GET")
                              << base + u"tags/image"_s << QStringList {u"max_results=3"_s, u"prefix=sum"_s}
                              << QByteArray();
        QTest::newRow("named transformations")
            << admin([](const AdminApi &a, QObject *p) { return a.transformations(true, PageRequest {}, p); })
            << QByteArray("GET") << base + u"transformations"_s << QStringList {u"named=true"_s}
            << QByteArray();
        QTest::newRow("transformation") << admin([](const AdminApi &a, QObject *p) {
            return a.transformation(u"t_thumb"_s, PageRequest {}, p);
        }) << QByteArray("GET") << base + u"transformations/t_thumb"_s
                                        << QStringList() << QByteArray();
        QTest::newRow("create transformation")
            << admin([](const AdminApi &a, QObject *p) {
                   return a.createTransformation(u"thumb"_s, u"c_fill,h_100,w_100"_s, p);
               })
            << QByteArray("POST") << base + u"transformations"_s
            << QStringList {u"name=thumb"_s, u"transformation=c_fill,h_100,w_100"_s} << QByteArray();
        QTest::newRow("delete transformation")
            << admin([](const AdminApi &a, QObject *p) { return a.deleteTransformation(u"thumb"_s, p); })
            << QByteArray("DELETE") << base + u"transformations/thumb"_s << QStringList() << QByteArray();
        QTest::newRow("upload presets") << admin([](const AdminApi &a, QObject *p) {
            return a.uploadPresets(PageRequest {0, u"x"_s}, p);
        }) << QByteArray("GET") << base + u"upload_presets"_s
                                        << QStringList {u"next_cursor=x"_s} << QByteArray();
        QTest::newRow("upload preset")
            << admin([](const AdminApi &a, QObject *p) { return a.uploadPreset(u"p1"_s, p); })
            << QByteArray("GET") << base + u"upload_presets/p1"_s << QStringList() << QByteArray();
        QTest::newRow("create upload preset")
            << admin([](const AdminApi &a, QObject *p) {
                   return a.createUploadPreset(
                       {u"p1"_s, true, {{u"folder"_s, u"incoming"_s}, {u"tags"_s, u"a,b"_s}}}, p);
               })
            << QByteArray("POST") << base + u"upload_presets"_s
            << QStringList {u"folder=incoming"_s, u"name=p1"_s, u"tags=a,b"_s, u"unsigned=true"_s}
            << QByteArray();
        QTest::newRow("delete upload preset")
            << admin([](const AdminApi &a, QObject *p) { return a.deleteUploadPreset(u"p1"_s, p); })
            << QByteArray("DELETE") << base + u"upload_presets/p1"_s << QStringList() << QByteArray();
        QTest::newRow("search")
            << MakeJob([](const ApiContext &c, QObject *p) -> Job * {
                   SearchQuery query;
                   query.expression = u"resource_type:image AND tags=kitten"_s;
                   query.sortBy = {{u"created_at"_s, u"desc"_s}, {u"public_id"_s, u"asc"_s}};
                   query.maxResults = 30;
                   query.nextCursor = u"c1"_s;
                   query.withField = {u"tags"_s, u"context"_s};
                   query.aggregate = {u"format"_s};
                   return SearchApi(c).search(query, p);
               })
            << QByteArray("POST") << base + u"resources/search"_s << QStringList()
            << QByteArray(
                   R"({"aggregate":["format"],"expression":"resource_type:image AND tags=kitten",)"
                   R"("max_results":30,"next_cursor":"c1","sort_by":[{"created_at":"desc"},{"public_id":"asc"}],)"
                   R"("with_field":["tags","context"]})");
    }
    void adminRequestShapes()
    {
        QFETCH(MakeJob, make);
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QStringList, items);
        QFETCH(QByteArray, json);
        Fixture f;
        Job *job = make(f.context, this);
        QVERIFY2(runToEnd(job), "finished once");
        QVERIFY2(!job->error(), qPrintable(errorText(*job)));
        QCOMPARE(f.network.requests.size(), 1);
        const RecordedRequest &request = f.network.requests.first();
        QCOMPARE(request.verb, verb);
        QCOMPARE(request.url().host(), u"api.cloudinary.com"_s);
        QCOMPARE(request.path(), path);
        QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("1234:b").toBase64());
        if (!json.isEmpty()) {
            QCOMPARE(request.contentType(), QByteArray("application/json"));
            QCOMPARE(QJsonDocument::fromJson(request.body).object(), QJsonDocument::fromJson(json).object());
            QVERIFY(request.queryItems().isEmpty());
        } else if (verb == "GET") {
            QCOMPARE(sorted(request.queryItems()), items);
            QVERIFY(request.body.isEmpty());
        } else {
            QVERIFY(request.queryItems().isEmpty());
            QCOMPARE(sorted(request.formItems()), items);
            if (!items.isEmpty())
                QCOMPARE(request.contentType(), QByteArray("application/x-www-form-urlencoded"));
        }
        delete job;
    }

    void queryKeepsReservedCharactersEncoded()
    {
        // A `+` sent raw would arrive as a space; `&` and `=` would split the parameter.
        Fixture f;
        ResourceListing listing;
        listing.type = u"upload"_s;
        listing.prefix = u"a+b&c=d %"_s;
        std::unique_ptr<Job> job(AdminApi(f.context).listResources(listing, nullptr));
        QVERIFY(runToEnd(job.get()));
        QCOMPARE(f.network.requests.first().url().query(QUrl::FullyEncoded), u"prefix=a%2Bb%26c%3Dd%20%25"_s);
    }

    void provisioningRequestShapes()
    {
        Fixture f(u"account://pk:ps@acct1"_s);
        const ProvisioningApi api(f.context);
        SubAccountFilter filter;
        filter.enabled = true;
        filter.ids = {u"x"_s, u"y"_s};
        filter.prefix = u"prod"_s;
        std::unique_ptr<Job> list(api.subAccounts(filter, nullptr));
        std::unique_ptr<Job> one(api.subAccount(u"abc"_s, nullptr));
        UserFilter users;
        users.prefix = u"jo"_s;
        users.subAccountId = u"abc"_s;
        std::unique_ptr<Job> userList(api.users(users, nullptr));
        QVERIFY(runToEnd(list.get()) && runToEnd(one.get()) && runToEnd(userList.get()));
        QCOMPARE(f.network.requests.size(), 3);
        const QString base = u"/v1_1/provisioning/accounts/acct1/"_s;
        QCOMPARE(f.network.requests[0].path(), base + u"sub_accounts"_s);
        QCOMPARE(sorted(f.network.requests[0].queryItems()),
                 (QStringList {u"enabled=true"_s, u"ids[]=x"_s, u"ids[]=y"_s, u"prefix=prod"_s}));
        QCOMPARE(f.network.requests[1].path(), base + u"sub_accounts/abc"_s);
        QCOMPARE(f.network.requests[2].path(), base + u"users"_s);
        QCOMPARE(sorted(f.network.requests[2].queryItems()),
                 (QStringList {u"prefix=jo"_s, u"sub_account_id=abc"_s}));
        for (const auto &request : std::as_const(f.network.requests))
            QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("pk:ps").toBase64());
    }

    void adminCallsFeedTheBudget()
    {
        Fixture f;
        f.network.enqueue(FakeResponse::json(R"({"status":"ok"})")
                              .withHeader("X-FeatureRateLimit-Limit", "500")
                              .withHeader("X-FeatureRateLimit-Remaining", "321")
                              .withHeader("X-FeatureRateLimit-Reset", "Wed, 15 Nov 2023 00:00:00 GMT"));
        std::unique_ptr<ApiCall<ApiMessage>> job(AdminApi(f.context).ping(nullptr));
        QVERIFY(runToEnd(job.get()));
        QCOMPARE(job->result()->status, u"ok"_s);
        QCOMPARE(f.budget.remaining(), 321);
        QCOMPARE(f.budget.limit(), 500);
    }

    void answersThatAreNotJsonAreServerErrors()
    {
        Fixture f;
        f.network.enqueue(FakeResponse::json("<html>proxy</html>"));
        std::unique_ptr<ApiCall<Resource>> job(AdminApi(f.context).resource(AssetRef {u"x"_s}, {}, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY(!job->result());
        QCOMPARE(job->result().error().kind, Error::Kind::Server);
    }

    void resourcesParseLeniently()
    {
        const auto json
            = QJsonDocument::fromJson(
                  R"({)"
                  R"("asset_id":"0123abcd","public_id":"folder/cat","resource_type":"image","type":"upload",)"
                  R"("format":"jpg","version":"1712345678","bytes":"2048","width":640.0,"height":"480",)"
                  R"("created_at":"2024-04-05T10:20:30Z","tags":"a, b","context":{"custom":{"alt":"A cat","n":3}},)"
                  R"("metadata":{"sku":"X1"},"asset_folder":"pets","display_name":"Cat",)"
                  R"("something_new":[1,2,3],"url":null,"duration":null})")
                  .object();
        const Resource r = Resource::fromJson(json);
        QCOMPARE(r.publicId, u"folder/cat"_s);
        QCOMPARE(r.version, 1712345678);
        QCOMPARE(r.bytes, 2048);
        QCOMPARE(r.width, 640);
        QCOMPARE(r.height, 480);
        QCOMPARE(r.createdAt, QDateTime(QDate(2024, 4, 5), QTime(10, 20, 30), Qt::UTC));
        QCOMPARE(r.tags, (QStringList {u"a"_s, u"b"_s}));
        QCOMPARE(r.context.value(u"alt"_s), u"A cat"_s);
        QCOMPARE(r.context.value(u"n"_s), u"3"_s);
        QCOMPARE(r.metadata.value(u"sku").toString(), u"X1"_s);
        QCOMPARE(r.displayName, u"Cat"_s);
        QVERIFY(r.url.isEmpty());
        QVERIFY(r.raw.contains(u"something_new"));

        const ResourcePage page = ResourcePage::fromJson(
            QJsonDocument::fromJson(
                R"({"resources":[{"public_id":"a"},"junk",{"public_id":"b"}],"next_cursor":"n","total_count":2})")
                .object());
        QCOMPARE(page.resources.size(), 2);
        QCOMPARE(page.nextCursor, u"n"_s);
        QCOMPARE(page.totalCount, 2);
        QCOMPARE(ResourcePage::fromJson({}).totalCount, -1);
    }

    void otherDtosParseLeniently()
    {
        const auto config = CloudConfig::fromJson(
            QJsonDocument::fromJson(R"({"cloud_name":"demo","settings":{"folder_mode":"dynamic"}})")
                .object());
        QCOMPARE(config.folderMode, FolderMode::Dynamic);
        QCOMPARE(CloudConfig::fromJson({}).folderMode, FolderMode::Unknown);

        const auto usage = Usage::fromJson(
            QJsonDocument::fromJson(
                R"({"plan":"Free","last_updated":"2024-05-01","storage":{"usage":1024,"limit":2048,"used_percent":50},)"
                R"("requests":12,"credits":{"usage":1.5}})")
                .object());
        QCOMPARE(usage.plan, u"Free"_s);
        QCOMPARE(usage.lastUpdated.date(), QDate(2024, 5, 1));
        QCOMPARE(usage.storage.limit, 2048.0);
        QCOMPARE(usage.storage.usedPercent, 50.0);
        QCOMPARE(usage.requests, 12);
        QCOMPARE(usage.credits.usage, 1.5);

        const auto accounts = SubAccountList::fromJson(
            QJsonDocument::fromJson(
                R"({"sub_accounts":[{"id":"s1","cloud_name":"c1","name":"Prod","enabled":true,)"
                R"("api_access_keys":[{"key":"k","secret":"s","enabled":false}]}]})")
                .object());
        QCOMPARE(accounts.subAccounts.size(), 1);
        QCOMPARE(accounts.subAccounts[0].cloudName, u"c1"_s);
        QCOMPARE(accounts.subAccounts[0].accessKeys.size(), 1);
        QVERIFY(!accounts.subAccounts[0].accessKeys[0].enabled);

        const auto transformations = TransformationPage::fromJson(
            QJsonDocument::fromJson(
                R"({"transformations":[{"name":"t_thumb","named":true,"used":"false"}],"next_cursor":null})")
                .object());
        QCOMPARE(transformations.transformations.first().name, u"t_thumb"_s);
        QVERIFY(transformations.transformations.first().named);
        QVERIFY(!transformations.transformations.first().used);
        QVERIFY(transformations.nextCursor.isEmpty());

        const auto chunk
            = UploadResult::fromJson(QJsonDocument::fromJson(R"({"done":false,"bytes":20000000})").object());
        QVERIFY(!chunk.done);
        QCOMPARE(chunk.bytesReceived, 20000000);
    }

    void contextAndMetadataText()
    {
        QCOMPARE(ApiParams::contextText({{u"a"_s, u"x=y|z"_s}, {u"b"_s, u""_s}}), u"a=x\\=y\\|z|b="_s);
        QCOMPARE(ApiParams::metadataText({{u"multi"_s, QJsonArray {u"a"_s, u"b"_s}}, {u"n"_s, 5}}),
                 uR"(multi=["a","b"]|n=5)"_s);
        QCOMPARE(ApiParams::formEncode({{u"a[]"_s, u"1 + 1 = 2 & more"_s}}),
                 QByteArray("a%5B%5D=1%20%2B%201%20%3D%202%20%26%20more"));
    }
};

QTEST_GUILESS_MAIN(TestApiClients)
#include "tst_apiclients.moc"
