// Empty folders made elsewhere reach the catalogue: CatalogSync's folder walk (Admin API `GET folders`,
// `GET folders/<path>`) against a real stratus-sandbox, in both folder modes. Folders are made and
// deleted "elsewhere" through the sandbox's Admin API directly (another client, the web console),
// then a sync must show and forget them; every call of the walk is spent from the environment's
// rate budget, the walk stays within its cap and leaves the budget's reserve alone.

#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"
#include "core/net/ratelimitbudget.h"

#include <QImage>
#include <QTest>

using namespace stratus;
using namespace stratus::core;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;

class TestCatalogFolders : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    RateLimitBudget m_budgets[2];
    std::unique_ptr<Catalog> m_catalogs[2];
    const QStringList m_clouds {u"fdyn"_s, u"ffix"_s};

    ApiContext context(int index) { return m_sandbox.context(index, &m_budgets[index]); }

    bool sync(int index, CatalogSync::Mode mode, CatalogSync::Summary *summary, int fullCap = -1,
              int incrementalCap = -1)
    {
        CatalogSync job(m_catalogs[index].get(), context(index));
        job.setMode(mode);
        if (fullCap >= 0)
            job.setFolderCallCaps(fullCap, incrementalCap);
        const bool ended = test::runToEnd(&job, 120000);
        *summary = job.summary();
        if (!ended || job.error()) {
            qWarning("sync failed: %s", test::errorText(&job).constData());
            return false;
        }
        return true;
    }

    // Made elsewhere: straight through the Admin API, not through Stratus' asset service.
    bool createElsewhere(int index, const QString &path)
    {
        std::unique_ptr<ApiCall<FolderCreated>> call(
            AdminApi(m_sandbox.context(index)).createFolder(path, nullptr));
        return test::runToEnd(call.get()) && call->result().ok();
    }
    bool deleteElsewhere(int index, const QString &path)
    {
        std::unique_ptr<ApiCall<FoldersDeleted>> call(
            AdminApi(m_sandbox.context(index)).deleteFolder(path, nullptr));
        return test::runToEnd(call.get()) && call->result().ok();
    }

    QStringList childNames(int index, const QString &parent)
    {
        QStringList names;
        const auto children = m_catalogs[index]->childFolders(parent);
        if (!children)
            return {u"<error>"_s};
        for (const CatalogFolder &folder : *children)
            names.append(folder.name);
        return names;
    }

    std::optional<CatalogFolder> folder(int index, const QString &path)
    {
        auto info = m_catalogs[index]->folderInfo(path);
        return info ? *info : std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--data"_s, m_dir.filePath(u"sandbox"_s), u"--environment"_s,
                                  u"cloudinary://k1:s1@fdyn?folder_mode=dynamic&admin_rate_limit=500"_s,
                                  u"--environment"_s,
                                  u"cloudinary://k2:s2@ffix?folder_mode=fixed&admin_rate_limit=500"_s},
                                 2, false, &error),
                 qPrintable(error));
        const QString picture = m_dir.filePath(u"one.png"_s);
        QImage image(32, 32, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(picture));
        for (int i = 0; i < 2; ++i) {
            auto opened = Catalog::open(m_dir.filePath(u"catalog-%1.sqlite"_s.arg(i)));
            QVERIFY(opened);
            m_catalogs[i] = std::move(opened).value();
            // One asset in photos/2024, so that the tree has a folder the assets explain.
            UploadOptions options;
            options.publicId = i == 0 ? u"beach"_s : u"photos/2024/beach"_s;
            if (i == 0)
                options.assetFolder = u"photos/2024"_s;
            std::unique_ptr<UploadJob> job(UploadApi(m_sandbox.context(i)).upload(picture, options, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
        }
    }

    void emptyFolderMadeElsewhereAppearsAndDisappears_data()
    {
        QTest::addColumn<int>("index");
        QTest::newRow("dynamic") << 0;
        QTest::newRow("fixed") << 1;
    }
    void emptyFolderMadeElsewhereAppearsAndDisappears()
    {
        QFETCH(int, index);
        QVERIFY(createElsewhere(index, u"clients/acme/briefs"_s));
        QVERIFY(createElsewhere(index, u"photos/2025"_s));

        CatalogSync::Summary summary;
        QVERIFY(sync(index, CatalogSync::Mode::Full, &summary));
        QCOMPARE(summary.performed, CatalogSync::Mode::Full);
        QVERIFY(summary.folderWalkComplete);
        QCOMPARE(childNames(index, {}), (QStringList {u"clients"_s, u"photos"_s}));
        QCOMPARE(childNames(index, u"photos"_s), (QStringList {u"2024"_s, u"2025"_s}));
        QCOMPARE(childNames(index, u"clients/acme"_s), QStringList {u"briefs"_s});
        const auto briefs = folder(index, u"clients/acme/briefs"_s);
        QVERIFY(briefs);
        QCOMPARE(briefs->totalCount, 0);
        QCOMPARE(briefs->directCount, 0);
        QCOMPARE(folder(index, u"photos"_s)->totalCount, 1); // the counts of assets stay
        QVERIFY(m_catalogs[index]->childFolders(u"clients"_s)->first().hasChildren);
        // Root, clients, clients/acme, clients/acme/briefs, photos, photos/2024, photos/2025.
        QCOMPARE(summary.foldersListed, 7);
        QCOMPARE(summary.folderCalls, 7);

        // Kept in the catalogue: a fresh object over the same file (the next start) shows it too.
        auto reopened = Catalog::open(m_catalogs[index]->filePath());
        QVERIFY(reopened);
        QVERIFY(reopened.value()->folderInfo(u"clients/acme/briefs"_s).value().has_value());

        // Deleted elsewhere: an incremental sync lists the root (and the least recently listed
        // folders) and forgets it; the parent, deleted with it, goes too.
        QVERIFY(deleteElsewhere(index, u"clients"_s));
        QVERIFY(deleteElsewhere(index, u"photos/2025"_s));
        QVERIFY(sync(index, CatalogSync::Mode::Incremental, &summary, 50, 50));
        QCOMPARE(summary.performed, CatalogSync::Mode::Incremental);
        QCOMPARE(childNames(index, {}), QStringList {u"photos"_s});
        QCOMPARE(childNames(index, u"photos"_s), QStringList {u"2024"_s});
        QVERIFY(!folder(index, u"clients/acme/briefs"_s));
        QCOMPARE(m_catalogs[index]->knownFolders().value(), (QStringList {u"photos"_s, u"photos/2024"_s}));
    }

    void everyCallIsSpentFromTheBudget()
    {
        // The sandbox counts every Admin and Search call against the hour; the budget the client
        // keeps follows its headers. A full sync here: one search page, then one call per folder.
        const int index = 0;
        QVERIFY(createElsewhere(index, u"budget/a"_s));
        QVERIFY(createElsewhere(index, u"budget/b"_s));
        QVERIFY(m_sandbox.control(u"rate_limit"_s, m_clouds.at(index),
                                  {{u"limit"_s, u"500"_s}, {u"used"_s, u"0"_s}}));
        CatalogSync::Summary summary;
        QVERIFY(sync(index, CatalogSync::Mode::Full, &summary));
        QVERIFY(summary.folderWalkComplete);
        // Root, budget, budget/a, budget/b, photos, photos/2024.
        QCOMPARE(summary.folderCalls, 6);
        QVERIFY(m_budgets[index].isKnown());
        QCOMPARE(m_budgets[index].limit(), 500);
        // Every sync also reads the structured metadata fields: one more call.
        QVERIFY(summary.metadataFields >= 0);
        QCOMPARE(m_budgets[index].remaining(), 500 - summary.pages - summary.folderCalls - 1);
    }

    void theWalkIsCappedAndResumesWhereItStopped()
    {
        const int index = 1;
        for (const QString &path : {u"capped/a/x"_s, u"capped/b/y"_s, u"capped/c"_s})
            QVERIFY(createElsewhere(index, path));
        // Two calls a sync: the root, then the folder listed least recently (never, for new ones).
        CatalogSync::Summary summary;
        QSet<QString> seen;
        int syncs = 0;
        do {
            QVERIFY(sync(index, CatalogSync::Mode::Incremental, &summary, 2, 2));
            QVERIFY(summary.folderCalls <= 2);
            ++syncs;
        } while (!folder(index, u"capped/b/y"_s) && syncs < 10);
        QVERIFY2(syncs > 1, "the first capped sync already reached the deepest folder");
        QVERIFY2(folder(index, u"capped/a/x"_s) && folder(index, u"capped/b/y"_s)
                     && folder(index, u"capped/c"_s),
                 qPrintable(childNames(index, u"capped"_s).join(u',')));
        QVERIFY(deleteElsewhere(index, u"capped"_s));
        QVERIFY(sync(index, CatalogSync::Mode::Incremental, &summary, 2, 2));
        QVERIFY(!folder(index, u"capped"_s));
    }

    void theWalkLeavesTheReserveAlone()
    {
        const int index = 0;
        QVERIFY(createElsewhere(index, u"reserve"_s));
        // 90 of 100 calls spent: below the reserve the walk makes no call at all.
        QVERIFY(m_sandbox.control(u"rate_limit"_s, m_clouds.at(index),
                                  {{u"limit"_s, u"100"_s}, {u"used"_s, u"90"_s}}));
        CatalogSync::Summary summary;
        QVERIFY(sync(index, CatalogSync::Mode::Incremental, &summary));
        QCOMPARE(summary.folderCalls, 0);
        QVERIFY(!summary.folderWalkComplete);
        QVERIFY(!folder(index, u"reserve"_s));
        QCOMPARE(m_budgets[index].remaining(), 100 - 90 - summary.pages - 1); // and metadata_fields
        QVERIFY(m_sandbox.control(u"rate_limit"_s, m_clouds.at(index),
                                  {{u"limit"_s, u"500"_s}, {u"used"_s, u"0"_s}}));
        QVERIFY(sync(index, CatalogSync::Mode::Incremental, &summary));
        QVERIFY(folder(index, u"reserve"_s));
    }

    void foldersMadeHereAreKeptWithoutASync()
    {
        // The write-through: what the app creates is known at once and survives a restart.
        const int index = 0;
        QVERIFY(m_catalogs[index]->folderCreated(u"made/here"_s));
        QVERIFY(folder(index, u"made/here"_s));
        QCOMPARE(folder(index, u"made"_s)->totalCount, 0);
        QVERIFY(m_catalogs[index]->folderRenamed(u"made"_s, u"renamed"_s));
        QVERIFY(!folder(index, u"made"_s));
        QVERIFY(folder(index, u"renamed/here"_s));
        QVERIFY(m_catalogs[index]->folderDeleted(u"renamed"_s));
        QVERIFY(!folder(index, u"renamed/here"_s));
        QVERIFY(!folder(index, u"renamed"_s));
    }
};

QTEST_GUILESS_MAIN(TestCatalogFolders)
#include "tst_catalog_folders.moc"
