// The Admin, Search, Upload-action and Provisioning clients against the real stratus-sandbox over
// TCP on 127.0.0.1: what a user does in the browser (list, tag, rename, organise folders, manage
// presets and named transformations, delete) must work end to end with nothing but the
// CLOUDINARY_URL the sandbox prints.
#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/provisioningapi.h"
#include "core/api/searchapi.h"
#include "core/api/uploadapi.h"
#include "core/net/ratelimitbudget.h"
#include "core/signing/clock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace stratus::core;
using stratus::test::runToEnd;
using stratus::test::SandboxProcess;

Q_DECLARE_METATYPE(stratus::core::FolderMode)
Q_DECLARE_METATYPE(stratus::core::Error::Kind)

#define VERIFY_OK(job)                                                                                       \
    do {                                                                                                     \
        QVERIFY2(runToEnd(job), "the job did not finish");                                                   \
        QVERIFY2(!(job)->error(), stratus::test::errorText(job).constData());                                \
    } while (false)

#define VERIFY_FAILS(job, expectedKind)                                                                      \
    do {                                                                                                     \
        QVERIFY2(runToEnd(job), "the job did not finish");                                                   \
        QVERIFY2((job)->error(), "the job should have failed");                                              \
        QCOMPARE((job)->error()->kind, expectedKind);                                                        \
    } while (false)

namespace {

template<typename J> std::unique_ptr<J> own(J *job)
{
    return std::unique_ptr<J>(job);
}

QByteArray md5Hex(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(&file);
    return hash.result().toHex();
}

QStringList publicIdsOf(const QList<Resource> &resources)
{
    QStringList ids;
    for (const Resource &resource : resources)
        ids.append(resource.publicId);
    ids.sort();
    return ids;
}

} // namespace

class TestIntegrationAdmin : public QObject
{
    Q_OBJECT

private:
    ApiContext m_dynamic; // folder_mode=dynamic
    ApiContext m_fixed; // folder_mode=fixed
    RateLimitBudget m_budget;
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QString m_image;

    // Uploads the test image to the fixed environment under `publicId`.
    bool uploadFixed(const QString &publicId, const QStringList &tags = {})
    {
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.publicId = publicId;
        options.tags = tags;
        auto job = own(UploadApi(m_fixed).upload(m_image, options, nullptr));
        return runToEnd(job.get()) && !job->error();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(QColor(200, 40, 40));
        m_image = m_dir.filePath(u"red.png"_s);
        QVERIFY(image.save(m_image, "PNG"));
        QString error;
        QVERIFY2(m_sandbox.start(
                     {u"--environment"_s, u"cloudinary://111111:dynsecret@itdyn?folder_mode=dynamic"_s,
                      u"--environment"_s, u"cloudinary://222222:fixsecret@itfix?folder_mode=fixed"_s,
                      u"--account"_s, u"account://PK1:PS1@acct1"_s, u"--data"_s, m_dir.filePath(u"data"_s)},
                     2, true, &error),
                 qPrintable(error));
        m_dynamic = m_sandbox.context(0, &m_budget);
        m_fixed = m_sandbox.context(1);
        QVERIFY(m_dynamic.endpoint.isValid());
        QVERIFY(m_fixed.endpoint.isValid());
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    void ping()
    {
        auto job = own(AdminApi(m_dynamic).ping(nullptr));
        VERIFY_OK(job.get());
        QCOMPARE(job->result()->status, u"ok"_s);
        QVERIFY(m_budget.isKnown());
        QVERIFY(m_budget.limit() > 0);
    }

    void wrongSecretIsAnAuthError()
    {
        ApiContext context = m_dynamic;
        context.secret = std::make_shared<FixedSecret>(u"wrong"_s);
        auto job = own(AdminApi(context).ping(nullptr));
        VERIFY_FAILS(job.get(), Error::Kind::Auth);
        QCOMPARE(job->attempts(), 1);
    }

    void configReportsTheFolderMode_data()
    {
        QTest::addColumn<bool>("dynamic");
        QTest::addColumn<FolderMode>("mode");
        QTest::newRow("dynamic") << true << FolderMode::Dynamic;
        QTest::newRow("fixed") << false << FolderMode::Fixed;
    }
    void configReportsTheFolderMode()
    {
        QFETCH(bool, dynamic);
        QFETCH(FolderMode, mode);
        auto job = own(AdminApi(dynamic ? m_dynamic : m_fixed).config(nullptr));
        VERIFY_OK(job.get());
        QCOMPARE(job->result()->folderMode, mode);
        QCOMPARE(job->result()->cloudName, dynamic ? u"itdyn"_s : u"itfix"_s);
    }

    void uploadedImageShowsInItsDetails()
    {
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.publicId = u"it/first"_s;
        options.assetFolder = u"Holiday 2024"_s;
        options.displayName = u"First picture"_s;
        options.tags = {u"sea"_s, u"sun"_s};
        options.context = {{u"caption"_s, u"salt & pepper = tasty | yes"_s}};
        auto upload = own(UploadApi(m_dynamic).upload(m_image, options, nullptr));
        VERIFY_OK(upload.get());
        const UploadResult uploaded = *upload->result();
        QCOMPARE(uploaded.asset.publicId, u"it/first"_s);
        QCOMPARE(uploaded.asset.width, 64);
        QCOMPARE(uploaded.asset.height, 48);
        QCOMPARE(uploaded.asset.format, u"png"_s);
        QCOMPARE(uploaded.asset.etag.toLatin1(), md5Hex(m_image));
        QVERIFY(ApiSigner::verifyResponseSignature(uploaded.asset.publicId, uploaded.raw.value(u"version"),
                                                   uploaded.signature, u"dynsecret"));

        ResourceDetailsOptions detailsOptions;
        auto details = own(AdminApi(m_dynamic).resource(AssetRef {u"it/first"_s}, detailsOptions, nullptr));
        VERIFY_OK(details.get());
        const Resource resource = *details->result();
        QCOMPARE(resource.assetId, uploaded.asset.assetId);
        QCOMPARE(resource.assetFolder, u"Holiday 2024"_s);
        QCOMPARE(resource.displayName, u"First picture"_s);
        QCOMPARE(resource.tags, (QStringList {u"sea"_s, u"sun"_s}));
        QCOMPARE(resource.context.value(u"caption"_s), u"salt & pepper = tasty | yes"_s);
        QCOMPARE(resource.bytes, QFileInfo(m_image).size());

        AssetFolderListing listing;
        listing.assetFolder = u"Holiday 2024"_s;
        auto byFolder = own(AdminApi(m_dynamic).listResourcesByAssetFolder(listing, nullptr));
        VERIFY_OK(byFolder.get());
        QCOMPARE(publicIdsOf(byFolder->result()->resources), QStringList {u"it/first"_s});
    }

    void badSignaturesAreRefused_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<qint64>("clockOffsetSeconds");
        QTest::addColumn<Error::Kind>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong secret")
            << u"not-the-secret"_s << qint64(0) << Error::Kind::Auth << u"Invalid Signature"_s;
        // Cloudinary answers a stale timestamp with 400 "Stale request - reported time is …".
        QTest::newRow("stale timestamp")
            << u"dynsecret"_s << qint64(-2 * 3600) << Error::Kind::InvalidInput << u"Stale request"_s;
    }
    void badSignaturesAreRefused()
    {
        QFETCH(QString, secret);
        QFETCH(qint64, clockOffsetSeconds);
        QFETCH(Error::Kind, kind);
        QFETCH(QString, message);
        FixedClock clock(QDateTime::currentMSecsSinceEpoch() + clockOffsetSeconds * 1000);
        ApiContext context = m_dynamic;
        context.secret = std::make_shared<FixedSecret>(secret);
        context.clock = &clock;
        UploadOptions options;
        options.resourceType = u"image"_s;
        auto job = own(UploadApi(context).upload(m_image, options, nullptr));
        VERIFY_FAILS(job.get(), kind);
        QVERIFY2(job->error()->message.startsWith(message), stratus::test::errorText(job.get()).constData());
        QCOMPARE(job->attempts(), 1);
    }

    void staleTimestampNamesTheReportedTime()
    {
        // Cloudinary's message, e.g. "Stale request - reported time is 2016-12-15 04:02:46 +0000
        // which is more than 1 hour ago".
        const QDateTime signedAt = QDateTime(QDate(2016, 12, 15), QTime(4, 2, 46), Qt::UTC);
        FixedClock clock(signedAt.toMSecsSinceEpoch());
        ApiContext context = m_dynamic;
        context.clock = &clock;
        UploadOptions options;
        options.resourceType = u"image"_s;
        auto job = own(UploadApi(context).upload(m_image, options, nullptr));
        VERIFY_FAILS(job.get(), Error::Kind::InvalidInput);
        QCOMPARE(job->error()->httpStatus, 400);
        QCOMPARE(
            job->error()->message,
            u"Stale request - reported time is 2016-12-15 04:02:46 +0000 which is more than 1 hour ago"_s);
    }

    void everyApiAnswerCarriesARequestId()
    {
        // Upload, Admin, Search and Provisioning answers and errors: a new hex id each time.
        QStringList ids;
        const auto record = [&ids](const NetworkJob *job) {
            ids.append(QString::fromLatin1(job->requestId()));
            return job->httpStatus();
        };
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.publicId = u"ids/one"_s;
        auto upload = own(UploadApi(m_fixed).upload(m_image, options, nullptr));
        VERIFY_OK(upload.get());
        QCOMPARE(record(upload.get()), 200);
        auto ping = own(AdminApi(m_fixed).ping(nullptr));
        VERIFY_OK(ping.get());
        QCOMPARE(record(ping.get()), 200);
        auto search = own(
            SearchApi(m_fixed).search(SearchQuery {u"public_id=ids/one"_s, {}, -1, {}, {}, {}, {}}, nullptr));
        VERIFY_OK(search.get());
        QCOMPARE(record(search.get()), 200);
        auto provisioning = own(ProvisioningApi(m_sandbox.accountContext()).subAccounts({}, nullptr));
        VERIFY_OK(provisioning.get());
        QCOMPARE(record(provisioning.get()), 200);

        ApiContext wrong = m_fixed;
        wrong.secret = std::make_shared<FixedSecret>(u"wrong"_s);
        auto refusedAdmin = own(AdminApi(wrong).ping(nullptr));
        VERIFY_FAILS(refusedAdmin.get(), Error::Kind::Auth);
        QCOMPARE(record(refusedAdmin.get()), 401);
        auto refusedUpload = own(UploadApi(wrong).upload(m_image, options, nullptr));
        VERIFY_FAILS(refusedUpload.get(), Error::Kind::Auth);
        QCOMPARE(record(refusedUpload.get()), 401);
        auto missing = own(AdminApi(m_fixed).resource(AssetRef {u"ids/missing"_s}, {}, nullptr));
        VERIFY_FAILS(missing.get(), Error::Kind::NotFound);
        QCOMPARE(record(missing.get()), 404);
        // Answers no client job sees: an unknown cloud name and a body that cannot be parsed.
        const auto unknownCloud = m_sandbox.raw("GET", u"/v1_1/no-such-cloud/ping"_s);
        QCOMPARE(unknownCloud.status, 401);
        ids.append(QString::fromLatin1(unknownCloud.header("X-Request-Id")));
        const auto unparsable = m_sandbox.raw("POST", u"/v1_1/itfix/image/upload"_s,
                                              {{"Content-Type", "application/json"}}, "{not json");
        QCOMPARE(unparsable.status, 400);
        ids.append(QString::fromLatin1(unparsable.header("X-Request-Id")));

        static const QRegularExpression hex(u"^[0-9a-f]{32}$"_s);
        for (const QString &id : std::as_const(ids))
            QVERIFY2(hex.match(id).hasMatch(), qPrintable(u"not a request id: '%1'"_s.arg(id)));
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    }

    void listingFollowsTheCursor()
    {
        QStringList expected;
        for (int i = 0; i < 5; ++i) {
            expected.append(u"page/p%1"_s.arg(i));
            QVERIFY(uploadFixed(expected.last()));
        }
        QVERIFY(uploadFixed(u"elsewhere/x"_s));
        QStringList seen;
        QString cursor;
        int pages = 0;
        do {
            ResourceListing listing;
            listing.type = u"upload"_s;
            listing.prefix = u"page/"_s;
            listing.page = {2, cursor};
            auto job = own(AdminApi(m_fixed).listResources(listing, nullptr));
            VERIFY_OK(job.get());
            QVERIFY(job->result()->resources.size() <= 2);
            for (const Resource &resource : job->result()->resources)
                seen.append(resource.publicId);
            cursor = job->result()->nextCursor;
            QVERIFY(++pages <= 5);
        } while (!cursor.isEmpty());
        QCOMPARE(pages, 3);
        seen.sort();
        QCOMPARE(seen, expected);
    }

    void updateChangesTagsAndContext()
    {
        QVERIFY(uploadFixed(u"upd/one"_s, {u"old"_s}));
        ResourceUpdate update;
        update.tags = QStringList {u"x"_s, u"y"_s};
        update.context = QMap<QString, QString> {{u"k"_s, u"v=1|2"_s}, {u"alt"_s, u"An image"_s}};
        auto job = own(AdminApi(m_fixed).updateResource(AssetRef {u"upd/one"_s}, update, nullptr));
        VERIFY_OK(job.get());
        auto details = own(AdminApi(m_fixed).resource(AssetRef {u"upd/one"_s}, {}, nullptr));
        VERIFY_OK(details.get());
        QCOMPARE(details->result()->tags, (QStringList {u"x"_s, u"y"_s}));
        QCOMPARE(details->result()->context.value(u"k"_s), u"v=1|2"_s);
        QCOMPARE(details->result()->context.value(u"alt"_s), u"An image"_s);
    }

    void renameMovesThePublicId()
    {
        QVERIFY(uploadFixed(u"ren/old"_s));
        auto rename = own(UploadApi(m_fixed).rename(AssetRef {u"ren/old"_s}, u"ren/new"_s, {}, nullptr));
        VERIFY_OK(rename.get());
        QCOMPARE(rename->result()->publicId, u"ren/new"_s);
        auto oldDetails = own(AdminApi(m_fixed).resource(AssetRef {u"ren/old"_s}, {}, nullptr));
        VERIFY_FAILS(oldDetails.get(), Error::Kind::NotFound);
        auto newDetails = own(AdminApi(m_fixed).resource(AssetRef {u"ren/new"_s}, {}, nullptr));
        VERIFY_OK(newDetails.get());
    }

    void tagsCommandAndSearch()
    {
        QVERIFY(uploadFixed(u"tagged/a"_s));
        QVERIFY(uploadFixed(u"tagged/b"_s));
        QVERIFY(uploadFixed(u"tagged/c"_s));
        auto add = own(UploadApi(m_fixed).tags(TagCommand::Add, {u"bulk_tag"_s},
                                               {u"tagged/a"_s, u"tagged/b"_s}, nullptr));
        VERIFY_OK(add.get());
        QCOMPARE(add->result()->publicIds.size(), 2);

        ResourceListing byTag;
        byTag.tag = u"bulk_tag"_s;
        auto listed = own(AdminApi(m_fixed).listResources(byTag, nullptr));
        VERIFY_OK(listed.get());
        QCOMPARE(publicIdsOf(listed->result()->resources), (QStringList {u"tagged/a"_s, u"tagged/b"_s}));

        SearchQuery query;
        query.expression = u"tags=bulk_tag AND resource_type:image"_s;
        query.sortBy = {{u"public_id"_s, u"asc"_s}};
        query.maxResults = 1;
        query.withField = {u"tags"_s};
        auto first = own(SearchApi(m_fixed).search(query, nullptr));
        VERIFY_OK(first.get());
        QCOMPARE(first->result()->totalCount, 2);
        QCOMPARE(first->result()->resources.size(), 1);
        QCOMPARE(first->result()->resources.first().publicId, u"tagged/a"_s);
        QVERIFY(first->result()->resources.first().tags.contains(u"bulk_tag"_s));
        QVERIFY(!first->result()->nextCursor.isEmpty());
        query.nextCursor = first->result()->nextCursor;
        auto second = own(SearchApi(m_fixed).search(query, nullptr));
        VERIFY_OK(second.get());
        QCOMPARE(second->result()->resources.first().publicId, u"tagged/b"_s);

        auto tagList = own(AdminApi(m_fixed).tags(u"image"_s, u"bulk"_s, {}, nullptr));
        VERIFY_OK(tagList.get());
        QVERIFY(tagList->result()->tags.contains(u"bulk_tag"_s));

        auto remove
            = own(UploadApi(m_fixed).tags(TagCommand::Remove, {u"bulk_tag"_s}, {u"tagged/a"_s}, nullptr));
        VERIFY_OK(remove.get());
        auto again = own(
            SearchApi(m_fixed).search(SearchQuery {u"tags=bulk_tag"_s, {}, -1, {}, {}, {}, {}}, nullptr));
        VERIFY_OK(again.get());
        QCOMPARE(again->result()->totalCount, 1);
    }

    void contextCommand()
    {
        QVERIFY(uploadFixed(u"ctx/a"_s));
        auto add = own(UploadApi(m_fixed).context(ContextCommand::Add, {{u"room"_s, u"kitchen"_s}},
                                                  {u"ctx/a"_s}, nullptr));
        VERIFY_OK(add.get());
        auto details = own(AdminApi(m_fixed).resource(AssetRef {u"ctx/a"_s}, {}, nullptr));
        VERIFY_OK(details.get());
        QCOMPARE(details->result()->context.value(u"room"_s), u"kitchen"_s);
    }

    void foldersCanBeCreatedListedRenamedAndDeleted()
    {
        const AdminApi admin(m_dynamic);
        auto create = own(admin.createFolder(u"it-folders/one"_s, nullptr));
        VERIFY_OK(create.get());
        QCOMPARE(create->result()->folder.path, u"it-folders/one"_s);
        auto duplicate = own(admin.createFolder(u"it-folders/one"_s, nullptr));
        VERIFY_FAILS(duplicate.get(), Error::Kind::Conflict);

        auto root = own(admin.rootFolders({}, nullptr));
        VERIFY_OK(root.get());
        bool found = false;
        for (const Folder &folder : root->result()->folders)
            found = found || folder.path == u"it-folders";
        QVERIFY(found);
        auto sub = own(admin.subFolders(u"it-folders"_s, {}, nullptr));
        VERIFY_OK(sub.get());
        QCOMPARE(sub->result()->folders.size(), 1);
        QCOMPARE(sub->result()->folders.first().name, u"one"_s);

        auto rename = own(admin.renameFolder(u"it-folders/one"_s, u"it-folders/two"_s, nullptr));
        VERIFY_OK(rename.get());
        QCOMPARE(rename->result()->to.path, u"it-folders/two"_s);

        auto remove = own(admin.deleteFolder(u"it-folders/two"_s, nullptr));
        VERIFY_OK(remove.get());
        QVERIFY(remove->result()->deleted.contains(u"it-folders/two"_s));
        auto after = own(admin.subFolders(u"it-folders"_s, {}, nullptr));
        VERIFY_OK(after.get());
        QVERIFY(after->result()->folders.isEmpty());
    }

    void namedTransformations()
    {
        const AdminApi admin(m_fixed);
        auto create = own(admin.createTransformation(u"it_thumb"_s, u"c_fill,h_40,w_40"_s, nullptr));
        VERIFY_OK(create.get());
        auto list = own(admin.transformations(true, {}, nullptr));
        VERIFY_OK(list.get());
        bool listed = false;
        for (const TransformationSummary &t : list->result()->transformations)
            listed = listed || (t.name == u"t_it_thumb" && t.named);
        QVERIFY2(listed, "named transformations are listed with their t_ prefix");
        auto details = own(admin.transformation(u"it_thumb"_s, {}, nullptr));
        VERIFY_OK(details.get());
        QVERIFY(!details->result()->info.isEmpty());
        auto remove = own(admin.deleteTransformation(u"it_thumb"_s, nullptr));
        VERIFY_OK(remove.get());
        auto gone = own(admin.transformation(u"it_thumb"_s, {}, nullptr));
        VERIFY_FAILS(gone.get(), Error::Kind::NotFound);
    }

    void uploadPresetsAndAnUnsignedUpload()
    {
        const AdminApi admin(m_fixed);
        UploadPresetDefinition definition {
            u"it_open"_s, true, {{u"folder"_s, u"unsigned"_s}, {u"tags"_s, u"via_preset"_s}}};
        auto create = own(admin.createUploadPreset(definition, nullptr));
        VERIFY_OK(create.get());
        auto list = own(admin.uploadPresets({}, nullptr));
        VERIFY_OK(list.get());
        bool listed = false;
        for (const UploadPreset &preset : list->result()->presets)
            listed = listed || (preset.name == u"it_open" && preset.isUnsigned);
        QVERIFY(listed);
        auto one = own(admin.uploadPreset(u"it_open"_s, nullptr));
        VERIFY_OK(one.get());
        QCOMPARE(one->result()->settings.value(u"folder").toString(), u"unsigned"_s);

        ApiContext keyOnly = m_fixed;
        keyOnly.secret.reset(); // an unsigned upload needs no secret at all
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.unsignedUpload = true;
        options.uploadPreset = u"it_open"_s;
        auto upload = own(UploadApi(keyOnly).upload(m_image, options, nullptr));
        VERIFY_OK(upload.get());
        QVERIFY(upload->result()->asset.publicId.startsWith(u"unsigned/"));
        QVERIFY(upload->result()->asset.tags.contains(u"via_preset"_s));

        auto remove = own(admin.deleteUploadPreset(u"it_open"_s, nullptr));
        VERIFY_OK(remove.get());
        auto refused = own(UploadApi(keyOnly).upload(m_image, options, nullptr));
        VERIFY_FAILS(refused.get(), Error::Kind::InvalidInput);
    }

    void destroyAndDeleteResources()
    {
        QVERIFY(uploadFixed(u"gone/a"_s));
        QVERIFY(uploadFixed(u"gone/b"_s));
        QVERIFY(uploadFixed(u"gone/c"_s));
        auto destroy = own(UploadApi(m_fixed).destroy(AssetRef {u"gone/a"_s}, nullptr));
        VERIFY_OK(destroy.get());
        QCOMPARE(destroy->result()->result, u"ok"_s);
        auto again = own(UploadApi(m_fixed).destroy(AssetRef {u"gone/a"_s}, nullptr));
        VERIFY_OK(again.get());
        QCOMPARE(again->result()->result, u"not found"_s);

        auto bulk = own(AdminApi(m_fixed).deleteResources({u"gone/b"_s, u"gone/missing"_s}, nullptr));
        VERIFY_OK(bulk.get());
        QCOMPARE(bulk->result()->deleted.value(u"gone/b"_s), u"deleted"_s);
        QCOMPARE(bulk->result()->deleted.value(u"gone/missing"_s), u"not_found"_s);

        auto byPrefix = own(AdminApi(m_fixed).deleteResourcesByPrefix(u"gone/"_s, nullptr));
        VERIFY_OK(byPrefix.get());
        QCOMPARE(byPrefix->result()->deleted.value(u"gone/c"_s), u"deleted"_s);
        auto details = own(AdminApi(m_fixed).resource(AssetRef {u"gone/c"_s}, {}, nullptr));
        VERIFY_FAILS(details.get(), Error::Kind::NotFound);
    }

    void usageCountsTheAssets()
    {
        auto job = own(AdminApi(m_fixed).usage(nullptr));
        VERIFY_OK(job.get());
        QVERIFY(!job->result()->plan.isEmpty());
        QVERIFY(job->result()->resources > 0 || job->result()->objects.usage > 0);
    }

    void provisioningListsTheEnvironments()
    {
        const ApiContext account = m_sandbox.accountContext();
        QVERIFY(account.endpoint.isValid());
        const ProvisioningApi api(account);
        auto list = own(api.subAccounts({}, nullptr));
        VERIFY_OK(list.get());
        QCOMPARE(list->result()->subAccounts.size(), 2);
        QStringList clouds;
        QString dynamicId;
        for (const SubAccount &sub : list->result()->subAccounts) {
            clouds.append(sub.cloudName);
            if (sub.cloudName == u"itdyn") {
                dynamicId = sub.id;
                QCOMPARE(sub.accessKeys.size(), 1);
                QCOMPARE(sub.accessKeys.first().key, u"111111"_s);
                QCOMPARE(sub.accessKeys.first().secret, u"dynsecret"_s);
            }
        }
        clouds.sort();
        QCOMPARE(clouds, (QStringList {u"itdyn"_s, u"itfix"_s}));

        auto one = own(api.subAccount(dynamicId, nullptr));
        VERIFY_OK(one.get());
        QCOMPARE(one->result()->cloudName, u"itdyn"_s);
        auto users = own(api.users({}, nullptr));
        VERIFY_OK(users.get());
        QVERIFY(!users->result()->users.isEmpty());

        ApiContext wrong = account;
        wrong.secret = std::make_shared<FixedSecret>(u"nope"_s);
        auto refused = own(ProvisioningApi(wrong).subAccounts({}, nullptr));
        VERIFY_FAILS(refused.get(), Error::Kind::Auth);
    }
};

QTEST_GUILESS_MAIN(TestIntegrationAdmin)
#include "tst_integration_admin.moc"
