// The catalogue filled by CatalogSync from a real stratus-sandbox (1,500 seeded assets, so pages of
// 500 are paged through): first sync, incremental sync (uploads and edits made elsewhere, through
// `updated_at`), reconciliation of deletions, a pause at a tiny rate limit, and `find` over the
// catalogue against the live Search API on many expressions, in both folder modes.
//
// The sandbox answers the Search API with the same expression evaluator as Catalog::find, so their
// agreement cannot show a mistake of that evaluator. A second sandbox holds a small fixture written
// out below (the "kit"), and both the live search and find must give, for each expression, the
// assets worked out by hand from the fixture and Cloudinary's documented search rules.

#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/searchapi.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalogpaths.h"
#include "core/catalog/catalogsync.h"
#include "core/net/ratelimitbudget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTest>

#include <optional>
#include <tuple>

using namespace stratus;
using namespace stratus::core;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;

namespace {

constexpr int kSeeded = 1500;
const QStringList kClouds = {u"dyn"_s, u"fix"_s};

QStringList ids(const QList<CatalogAsset> &assets)
{
    QStringList out;
    for (const CatalogAsset &a : assets)
        out.append(a.assetId);
    return out;
}

// The kit: seven assets, uploaded to a fixed and a dynamic folder mode environment alike. In fixed
// mode the folder is part of the public id (animals/dogs/rex); in dynamic mode the public id is the
// name and the folder is the asset folder. Pictures are of one colour, so each is far below 500 KB.
struct KitAsset
{
    QString name;
    QString folder; ///< empty: the root
    QString format; ///< png, jpg, or txt for the raw file
    QSize size; ///< pictures only
    QStringList tags;
    QMap<QString, QString> context;
};

const QList<KitAsset> &kit()
{
    static const QList<KitAsset> assets {
        {u"rex"_s,
         u"animals/dogs"_s,
         u"png"_s,
         {640, 480},
         {u"dog"_s, u"Summer Sale"_s, u"brown"_s},
         {{u"alt"_s, u"Rex the dog"_s}, {u"photographer"_s, u"Ann Lee"_s}}},
        {u"bella"_s, u"animals/dogs/puppies"_s, u"png"_s, {100, 200}, {u"dog"_s, u"puppy"_s}, {}},
        {u"felix"_s,
         u"animals/cats"_s,
         u"jpg"_s,
         {300, 300},
         {u"cat"_s, u"kitten"_s},
         {{u"alt"_s, u"Felix"_s}}},
        {u"shore"_s,
         u"trips"_s,
         u"jpg"_s,
         {1600, 900},
         {u"beach"_s, u"summer sale 2024"_s},
         {{u"alt"_s, u"Sunset"_s}}},
        {u"logo"_s, u"brand"_s, u"png"_s, {64, 64}, {u"Logo"_s}, {{u"photographer"_s, u"ann"_s}}},
        {u"cafe"_s, QString(), u"png"_s, {50, 50}, {u"café"_s}, {}},
        // 1,000,000 bytes: above 976 KiB (999,424 bytes), below 977 KiB (1,000,448) and 1 MiB.
        {u"notes"_s, QString(), u"txt"_s, {}, {u"Notes"_s}, {}},
    };
    return assets;
}

// The kit asset a public id names, in either folder mode ("animals/dogs/rex" or "rex").
QString kitName(const QString &publicId)
{
    return publicId.section(u'/', -1);
}

QStringList sortedNames(const QStringList &publicIds)
{
    QStringList names;
    for (const QString &publicId : publicIds)
        names.append(kitName(publicId));
    names.sort();
    return names;
}

} // namespace

class TestCatalogSync : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    RateLimitBudget m_budgets[2];
    std::unique_ptr<Catalog> m_catalogs[2];
    test::SandboxProcess m_kitSandbox; ///< the kit: 0 fixed, 1 dynamic folder mode
    std::unique_ptr<Catalog> m_kitCatalogs[2];

    ApiContext context(int index) { return m_sandbox.context(index, &m_budgets[index]); }

    // Runs a sync of @p mode on environment @p index; false with a message when it failed.
    bool sync(int index, CatalogSync::Mode mode, CatalogSync::Summary *summary,
              int *progressSignals = nullptr, int *pauses = nullptr)
    {
        CatalogSync job(m_catalogs[index].get(), context(index));
        job.setMode(mode);
        QSignalSpy progress(&job, &CatalogSync::progress);
        QSignalSpy paused(&job, &CatalogSync::pausedUntil);
        const bool ended = test::runToEnd(&job, 120000);
        if (summary)
            *summary = job.summary();
        if (progressSignals)
            *progressSignals = int(progress.size());
        if (pauses)
            *pauses = int(paused.size());
        if (!ended || job.error()) {
            qWarning("sync failed: %s", test::errorText(&job).constData());
            return false;
        }
        return true;
    }

    // Every asset the live Search API of @p api returns for @p expression, all pages, in its order.
    static QList<Resource> searchAll(const ApiContext &api, const QString &expression, QString *error)
    {
        QList<Resource> out;
        SearchQuery query;
        query.expression = expression;
        query.maxResults = 500;
        do {
            std::unique_ptr<ApiCall<ResourcePage>> call(SearchApi(api).search(query, nullptr));
            if (!test::runToEnd(call.get()) || !call->result()) {
                *error = call->result() ? u"timeout"_s : call->result().error().message;
                return {};
            }
            out += call->result()->resources;
            query.nextCursor = call->result()->nextCursor;
        } while (!query.nextCursor.isEmpty());
        return out;
    }

    // The asset ids the live Search API returns for @p expression, in its order.
    QStringList liveSearch(int index, const QString &expression, QString *error)
    {
        QStringList out;
        for (const Resource &r : searchAll(context(index), expression, error))
            out.append(r.assetId);
        return out;
    }

    // Uploads the kit to environment @p index of the kit sandbox (0 fixed, 1 dynamic).
    bool uploadKit(int index, QString *error)
    {
        const bool dynamic = index == 1;
        UploadApi uploads(m_kitSandbox.context(index));
        for (const KitAsset &asset : kit()) {
            const QString file = m_dir.filePath(u"kit/fixture_%1.%2"_s.arg(asset.name, asset.format));
            QDir().mkpath(QFileInfo(file).absolutePath());
            if (!QFileInfo::exists(file)) {
                if (asset.format == u"txt") {
                    QFile text(file);
                    if (!text.open(QIODevice::WriteOnly)
                        || text.write(QByteArray(1'000'000, 'n')) != 1'000'000)
                        return false;
                } else {
                    QImage picture(asset.size, QImage::Format_RGB32);
                    picture.fill(QColor(40, 120, 200));
                    if (!picture.save(file))
                        return false;
                }
            }
            UploadOptions options;
            options.resourceType = asset.format == u"txt" ? u"raw"_s : u"image"_s;
            options.publicId
                = dynamic || asset.folder.isEmpty() ? asset.name : asset.folder + u'/' + asset.name;
            if (dynamic)
                options.assetFolder = asset.folder;
            options.tags = asset.tags;
            options.context = asset.context;
            std::unique_ptr<UploadJob> job(uploads.upload(file, options, nullptr));
            if (!test::runToEnd(job.get()) || job->error()) {
                *error = asset.name + u": "_s + QString::fromUtf8(test::errorText(job.get()));
                return false;
            }
        }
        return true;
    }

    template<typename T> bool finishes(ApiCall<T> *call)
    {
        std::unique_ptr<ApiCall<T>> owned(call);
        return test::runToEnd(call) && call->result().ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--data"_s, m_dir.filePath(u"sandbox"_s), u"--seed"_s,
                                  QString::number(kSeeded), u"--environment"_s,
                                  u"cloudinary://k1:s1@dyn?folder_mode=dynamic&admin_rate_limit=5000"_s,
                                  u"--environment"_s,
                                  u"cloudinary://k2:s2@fix?folder_mode=fixed&admin_rate_limit=5000"_s},
                                 2, false, &error),
                 qPrintable(error));
        for (int i = 0; i < 2; ++i) {
            auto opened = Catalog::open(catalogFilePath(m_dir.filePath(u"catalog"_s), kClouds.at(i)));
            QVERIFY(opened);
            m_catalogs[i] = std::move(opened).value();
        }

        // The kit, uploaded and synced into catalogues of its own.
        QVERIFY2(m_kitSandbox.start({u"--environment"_s, u"cloudinary://k3:s3@kitfix?folder_mode=fixed"_s,
                                     u"--environment"_s, u"cloudinary://k4:s4@kitdyn?folder_mode=dynamic"_s},
                                    2, false, &error),
                 qPrintable(error));
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(uploadKit(i, &error), qPrintable(error));
            auto opened = Catalog::open(m_dir.filePath(u"kit-catalog-%1.sqlite"_s.arg(i)));
            QVERIFY(opened);
            m_kitCatalogs[i] = std::move(opened).value();
            CatalogSync job(m_kitCatalogs[i].get(), m_kitSandbox.context(i));
            QVERIFY2(test::runToEnd(&job) && !job.error(), test::errorText(&job).constData());
            QCOMPARE(m_kitCatalogs[i]->assetCount(), kit().size());
        }
    }

    void firstSyncReadsEverything_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("mode");
        QTest::newRow("dynamic") << 0 << int(FolderMode::Dynamic);
        QTest::newRow("fixed") << 1 << int(FolderMode::Fixed);
    }
    void firstSyncReadsEverything()
    {
        QFETCH(int, index);
        QFETCH(int, mode);
        CatalogSync::Summary summary;
        int progress = 0;
        QVERIFY(sync(index, CatalogSync::Mode::Auto, &summary, &progress));
        QCOMPARE(summary.performed, CatalogSync::Mode::Full);
        QCOMPARE(summary.expected, kSeeded);
        QCOMPARE(summary.fetched, kSeeded);
        QCOMPARE(summary.pages, 3);
        QCOMPARE(progress, 3);
        QCOMPARE(m_catalogs[index]->assetCount(), kSeeded);
        QCOMPARE(int(m_catalogs[index]->folderMode()), mode); // read from GET config
        QVERIFY(m_catalogs[index]->syncState().lastFullSync.isValid());
        auto top = m_catalogs[index]->childFolders({});
        QVERIFY(top && !top->isEmpty());
        qint64 inFolders = m_catalogs[index]->listFolder({})->total;
        for (const CatalogFolder &folder : std::as_const(*top))
            inFolders += folder.totalCount;
        QCOMPARE(inFolders, kSeeded);
    }

    void findAgreesWithSearch_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("expression");
        const QStringList expressions = {
            u"tags:cat"_s,
            u"tags=cat"_s,
            u"tags:summer AND resource_type:image"_s,
            u"resource_type:video"_s,
            u"resource_type:raw"_s,
            u"format:png"_s,
            u"format:jpg OR format:png"_s,
            u"-format:jpg"_s,
            u"bytes>50k"_s,
            u"bytes:[10k TO 60k]"_s,
            u"bytes<=1kb"_s,
            u"width>=1200"_s,
            u"height<500 AND width>500"_s,
            u"tags:(winter OR spring)"_s,
            u"tags:cat AND NOT tags:purple"_s,
            u"public_id:cat*"_s,
            u"public_id:samples/be*"_s,
            u"display_name:cat"_s,
            u"asset_folder:samples"_s,
            u"asset_folder:samples/*"_s,
            u"folder:brand/logos"_s,
            u"asset_folder:\"campaigns/2026/summer\""_s,
            u"folder:\"\""_s,
            u"created_at>=\"2026-11-01\""_s,
            u"created_at<2026-10-31"_s,
            u"created_at:[2026-10-31 TO 2026-10-31]"_s,
            u"uploaded_at>\"2026-11-01T00:00:00Z\""_s,
            u"updated_at>=\"2026-10-31T12:00:00Z\""_s,
            u"updated_at:[2026-10-30 TO 2026-10-31]"_s,
            u"updated_at<1w"_s,
            u"context.alt:dog"_s,
            u"context.photographer:\"Sandbox Studio\""_s,
            u"-context.photographer:studio"_s,
            u"cat OR dog"_s,
            u"beach"_s,
            u"(tags:cat OR tags:dog) AND bytes>20k AND -format:png"_s,
            u"duration>2"_s,
            u"aspect_ratio:\"16:9\""_s,
            u"pixels>1000000"_s,
            u"filename:cat_0001*"_s,
            // Where the SQL prefilter narrows (it must never drop a match): OR of narrowing and
            // non-narrowing terms, NOT inside OR, keyword prefixes and case, subtrees, date ends,
            // numbers on assets without them, tokens beyond ASCII.
            u"tags:cat OR -tags:dog"_s,
            u"tags:cat OR aspect_ratio:\"16:9\""_s,
            u"(format:JPG OR resource_type:VIDEO) AND width<=800"_s,
            u"format:jp* AND asset_id:a*"_s,
            u"folder:campaigns/* AND NOT folder:campaigns"_s,
            u"asset_folder:/samples/"_s,
            u"created_at>2026-10-31 AND created_at<=2026-11-02"_s,
            u"uploaded_at:[* TO 2026-11-01}"_s,
            u"width<100 OR duration<=3"_s,
            u"height:[100 TO *]"_s,
            u"public_id:SAMPLES/Be*"_s,
            u"tags=Cat OR tags=\"sale 2024\""_s,
            u"café OR tags:naïve"_s,
            u"context.photographer:sandbox AND context.alt:d*"_s,
            u"\"--\""_s,
            u""_s,
        };
        for (int index = 0; index < 2; ++index) {
            for (const QString &expression : expressions)
                QTest::addRow("%s: %s", qPrintable(kClouds.at(index)), qPrintable(expression))
                    << index << expression;
        }
    }
    void findAgreesWithSearch()
    {
        QFETCH(int, index);
        QFETCH(QString, expression);
        QString error;
        const QStringList live = liveSearch(index, expression, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto parsed = search::Expression::parse(expression);
        QVERIFY(parsed);
        auto found = m_catalogs[index]->find(*parsed);
        QVERIFY(found);
        QCOMPARE(ids(*found), live); // the same assets, in the same order
    }

    void findAndSearchGiveTheKitsAnswers_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("expected"); // kit names, sorted

        const QString all = u"bella,cafe,felix,logo,notes,rex,shore"_s;
        const QString images = u"bella,cafe,felix,logo,rex,shore"_s;
        // Each row: the expression, the kit assets it selects in fixed mode and, where they differ
        // (public ids hold the folder only in fixed mode), in dynamic mode. Worked out by hand.
        const QList<std::tuple<QString, QString, std::optional<QString>>> rows {
            {u""_s, all, {}},
            // tags: `:` matches tokens, case-insensitively, as a phrase; `=` the whole tag, case-sensitively.
            {u"tags:dog"_s, u"bella,rex"_s, {}},
            {u"tags:DOG"_s, u"bella,rex"_s, {}},
            {u"tags=dog"_s, u"bella,rex"_s, {}},
            {u"tags=Dog"_s, u""_s, {}},
            {u"tags:logo"_s, u"logo"_s, {}},
            {u"tags:sale"_s, u"rex,shore"_s, {}},
            {u"tags:\"summer sale\""_s, u"rex,shore"_s, {}},
            {u"tags:\"sale 2024\""_s, u"shore"_s, {}},
            {u"tags:\"sale summer\""_s, u""_s, {}},
            {u"tags=\"Summer Sale\""_s, u"rex"_s, {}},
            {u"tags=\"summer sale\""_s, u""_s, {}},
            {u"tags:sum*"_s, u"rex,shore"_s, {}},
            {u"tags=Sum*"_s, u"rex"_s, {}},
            {u"tags:CAFÉ"_s, u"cafe"_s, {}},
            // Boolean operators: OR, AND (also implied), NOT and -, AND before OR, parentheses.
            {u"tags:(cat OR puppy)"_s, u"bella,felix"_s, {}},
            {u"tags:dog OR tags:cat"_s, u"bella,felix,rex"_s, {}},
            {u"tags:dog tags:brown"_s, u"rex"_s, {}},
            {u"tags:cat OR tags:dog AND tags:puppy"_s, u"bella,felix"_s, {}},
            {u"(tags:cat OR tags:dog) AND tags:puppy"_s, u"bella"_s, {}},
            {u"tags:dog AND NOT tags:puppy"_s, u"rex"_s, {}},
            {u"-tags:dog"_s, u"cafe,felix,logo,notes,shore"_s, {}},
            // Keywords: whole value, case-insensitive; a prefix on format.
            {u"resource_type:raw"_s, u"notes"_s, {}},
            {u"resource_type:IMAGE"_s, images, {}},
            {u"format:png"_s, u"bella,cafe,logo,rex"_s, {}},
            {u"format:JP*"_s, u"felix,shore"_s, {}},
            // Numbers: comparisons, inclusive [ ] and exclusive { } ranges, 1024-based units; an asset
            // without the value never matches a positive term.
            {u"width>=640"_s, u"rex,shore"_s, {}},
            {u"width>640"_s, u"shore"_s, {}},
            {u"width:[100 TO 300]"_s, u"bella,felix"_s, {}},
            {u"width:{100 TO 300}"_s, u""_s, {}},
            {u"width<100"_s, u"cafe,logo"_s, {}},
            {u"-width>0"_s, u"notes"_s, {}},
            {u"height<300 AND width>50"_s, u"bella,logo"_s, {}},
            {u"aspect_ratio:\"16:9\""_s, u"shore"_s, {}},
            {u"pixels>1000000"_s, u"shore"_s, {}},
            {u"bytes>976k"_s, u"notes"_s, {}},
            {u"bytes>977k"_s, u""_s, {}},
            {u"bytes<1m"_s, all, {}},
            // Folders: directly in, or the subtree with /*; case-sensitive; "" is the root.
            {u"folder:animals/dogs"_s, u"rex"_s, {}},
            {u"folder:animals/dogs/*"_s, u"bella,rex"_s, {}},
            {u"folder:animals/*"_s, u"bella,felix,rex"_s, {}},
            {u"folder:animals"_s, u""_s, {}},
            {u"folder:Animals/dogs"_s, u""_s, {}},
            {u"folder:\"\""_s, u"cafe,notes"_s, {}},
            // Public ids hold the folder in fixed mode only.
            {u"public_id:rex"_s, u"rex"_s, {}},
            {u"public_id:animals*"_s, u"bella,felix,rex"_s, u""_s},
            {u"public_id:dogs/rex"_s, u"rex"_s, u""_s},
            // Context values.
            {u"context.alt:dog"_s, u"rex"_s, {}},
            {u"context.alt=\"Rex the dog\""_s, u"rex"_s, {}},
            {u"context.photographer:ann"_s, u"logo,rex"_s, {}},
            {u"context.photographer=ann"_s, u"logo"_s, {}},
            {u"-context.alt:dog"_s, u"bella,cafe,felix,logo,notes,shore"_s, {}},
            // Free text: tags, context values, names.
            {u"kitten"_s, u"felix"_s, {}},
            {u"lee"_s, u"rex"_s, {}},
            {u"sunset"_s, u"shore"_s, {}},
            // Dates: everything was uploaded moments ago.
            {u"created_at>1d"_s, all, {}},
            {u"created_at<1d"_s, u""_s, {}},
            {u"uploaded_at:1d"_s, all, {}},
        };
        const auto names = [](const QString &list) {
            return list.isEmpty() ? QStringList() : list.split(u',');
        };
        for (const auto &[expression, fixed, dynamic] : rows) {
            QTest::addRow("fixed: %s", qPrintable(expression)) << 0 << expression << names(fixed);
            QTest::addRow("dynamic: %s", qPrintable(expression))
                << 1 << expression << names(dynamic.value_or(fixed));
        }
    }
    void findAndSearchGiveTheKitsAnswers()
    {
        QFETCH(int, index);
        QFETCH(QString, expression);
        QFETCH(QStringList, expected);
        QString error;
        QStringList live;
        for (const Resource &r : searchAll(m_kitSandbox.context(index), expression, &error))
            live.append(r.publicId);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sortedNames(live), expected);
        auto parsed = search::Expression::parse(expression);
        QVERIFY(parsed);
        auto found = m_kitCatalogs[index]->find(*parsed);
        QVERIFY(found);
        QStringList catalogued;
        for (const CatalogAsset &asset : *found)
            catalogued.append(asset.publicId);
        QCOMPARE(sortedNames(catalogued), expected);
    }

    void incrementalSyncPicksUpUploads()
    {
        // A new upload, and an existing asset uploaded again with other tags.
        const QString file = m_dir.filePath(u"note.txt"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("a new raw file\n");
        out.close();
        UploadOptions fresh;
        fresh.resourceType = u"raw"_s;
        fresh.publicId = u"incoming/new_note.txt"_s;
        fresh.tags = {u"fresh"_s};
        UploadApi uploads(context(0));
        {
            std::unique_ptr<UploadJob> job(uploads.upload(file, fresh, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
        }
        const CatalogAsset existing
            = m_catalogs[0]->find(*search::Expression::parse(u"resource_type:raw"_s))->last();
        UploadOptions again;
        again.resourceType = u"raw"_s;
        again.publicId = existing.publicId;
        again.overwrite = true;
        again.tags = {u"retagged"_s};
        {
            std::unique_ptr<UploadJob> job(uploads.upload(file, again, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
        }

        CatalogSync::Summary summary;
        QVERIFY(sync(0, CatalogSync::Mode::Auto, &summary));
        QCOMPARE(summary.performed, CatalogSync::Mode::Incremental);
        QCOMPARE(summary.sinceField, u"updated_at"_s);
        QVERIFY2(summary.fetched < 50, qPrintable(QString::number(summary.fetched))); // not everything
        QCOMPARE(m_catalogs[0]->assetCount(), kSeeded + 1);
        CatalogQuery query;
        query.tags = {u"fresh"_s};
        QCOMPARE(m_catalogs[0]->search(query)->total, 1);
        QCOMPARE(m_catalogs[0]->asset(existing.assetId)->value().tags, QStringList {u"retagged"_s});
        QCOMPARE(m_catalogs[0]->syncState().syncsSinceFull, 1);
    }

    void incrementalSyncSeesEditsFullSyncSeesDeletions()
    {
        auto picked = m_catalogs[0]->find(*search::Expression::parse(u"resource_type:image"_s));
        QVERIFY(picked && picked->size() > 3);
        const CatalogAsset deleted = picked->at(0);
        const CatalogAsset retagged = picked->at(1);
        const CatalogAsset recontexted = picked->at(2);
        UploadApi uploads(context(0));
        QVERIFY(finishes(uploads.destroy({deleted.publicId, u"image"_s, u"upload"_s}, nullptr)));
        // Edits made elsewhere leave uploaded_at alone but move updated_at on: a tag replaced through
        // the Upload API's `tags`, a context changed through the Admin API's update.
        QVERIFY(finishes(uploads.tags(TagCommand::Replace, {u"edited-elsewhere"_s},
                                      {recontexted.publicId, retagged.publicId}, nullptr)));
        ResourceUpdate update;
        update.context = QMap<QString, QString> {{u"alt"_s, u"changed elsewhere"_s}};
        const AssetRef ref {recontexted.publicId, u"image"_s, u"upload"_s};
        QVERIFY(finishes(AdminApi(context(0)).updateResource(ref, update, nullptr)));

        CatalogSync::Summary summary;
        QVERIFY(sync(0, CatalogSync::Mode::Incremental, &summary));
        QCOMPARE(summary.sinceField, u"updated_at"_s);
        QVERIFY2(summary.fetched < 50, qPrintable(QString::number(summary.fetched))); // not everything
        QCOMPARE(m_catalogs[0]->asset(retagged.assetId)->value().tags, QStringList {u"edited-elsewhere"_s});
        const CatalogAsset changed = m_catalogs[0]->asset(recontexted.assetId)->value();
        QCOMPARE(changed.tags, QStringList {u"edited-elsewhere"_s});
        QCOMPARE(changed.context.value("alt"_L1).toString(), u"changed elsewhere"_s);
        // find over the catalogue sees the new updated_at as the live search does.
        QString error;
        const QStringList live = liveSearch(0, u"updated_at>1h"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(live.contains(retagged.assetId) && live.contains(recontexted.assetId));
        QCOMPARE(ids(*m_catalogs[0]->find(*search::Expression::parse(u"updated_at>1h"_s))), live);
        // A deletion is not an update: only the reconciliation of a full sync sees it.
        QVERIFY(m_catalogs[0]->asset(deleted.assetId)->has_value());

        QVERIFY(sync(0, CatalogSync::Mode::Full, &summary));
        QCOMPARE(summary.removed, 1);
        QVERIFY(!m_catalogs[0]->asset(deleted.assetId)->has_value());
        QCOMPARE(m_catalogs[0]->asset(retagged.assetId)->value().tags, QStringList {u"edited-elsewhere"_s});
        QCOMPARE(m_catalogs[0]->assetCount(), kSeeded);
        QCOMPARE(m_catalogs[0]->syncState().syncsSinceFull, 0);

        QCOMPARE(ids(*m_catalogs[0]->find({})), liveSearch(0, {}, &error));
    }

    void syncPausesAtTheRateLimitAndResumes()
    {
        // Three calls an hour, two spent, the window ending in 3 s: the first page spends the last
        // call, the second waits for the reset instead of failing.
        QVERIFY(
            m_sandbox.control(u"rate_limit"_s, u"fix"_s,
                              {{u"limit"_s, u"3"_s}, {u"used"_s, u"2"_s}, {u"reset_in_seconds"_s, u"3"_s}}));
        CatalogSync::Summary summary;
        int pauses = 0;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(sync(1, CatalogSync::Mode::Full, &summary, nullptr, &pauses));
        QVERIFY2(pauses >= 1, "no pause was reported");
        QCOMPARE(summary.pauses, pauses);
        QVERIFY(clock.elapsed() >= 2000);
        QCOMPARE(summary.fetched, kSeeded);
        QCOMPARE(m_catalogs[1]->assetCount(), kSeeded);
        QVERIFY(m_sandbox.control(u"rate_limit"_s, u"fix"_s, {{u"limit"_s, u"5000"_s}}));
    }
};

QTEST_GUILESS_MAIN(TestCatalogSync)
#include "tst_catalog_sync.moc"
