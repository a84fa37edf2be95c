// core::assets::AssetService against a real stratus-sandbox on loopback, in both folder modes: each
// operation changes the server and writes the same change through to the catalogue; failures are
// errors with a kind, a reason, the public id or folder concerned and only the server's words; a
// refused operation sends nothing (issue 12, point 1).
#include "foldermodesandbox.h"

#include "core/assets/assetnames.h"
#include "core/assets/assetservice.h"
#include "words/errorwords.h"

#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;
using core::assets::AssetJob;
using core::assets::AssetService;
using core::catalog::Catalog;
using core::catalog::CatalogAsset;

namespace {

using test::bothModes;

/// Waits for a started job's end; false when it did not end within 20 s.
bool waitFor(AssetJob *job)
{
    if (job->isFinished())
        return true; // the outcome is decided; finished() is queued
    QSignalSpy finished(job, &core::Job::finished);
    return finished.wait(20000);
}

} // namespace

class TestAssetService : public QObject
{
    Q_OBJECT

private:
    test::FolderModeSandbox m_fixture;
    test::CountingNetwork &m_network = m_fixture.network;
    std::unique_ptr<AssetService> m_services[2];
    QSet<QString> m_used;
    std::optional<core::Error> m_refusal; ///< what the services' context source answers instead

    /// @p count images of @p env not used by an earlier test.
    QList<CatalogAsset> fresh(int env, int count)
    {
        core::catalog::CatalogQuery query;
        query.resourceTypes = {u"image"_s};
        const QList<CatalogAsset> all = m_fixture.envs[env].catalog->search(query).value().assets;
        QList<CatalogAsset> picked;
        for (const CatalogAsset &asset : all) {
            if (picked.size() < count && !m_used.contains(asset.assetId)) {
                picked.append(asset);
                m_used.insert(asset.assetId);
            }
        }
        return picked;
    }

    [[nodiscard]] core::FolderMode mode(int env) const { return m_fixture.envs[env].catalog->folderMode(); }

    std::optional<CatalogAsset> inCatalog(int env, const QString &assetId)
    {
        auto found = m_fixture.envs[env].catalog->asset(assetId);
        return found ? *found : std::nullopt;
    }

    std::optional<QJsonObject> server(int env, const CatalogAsset &asset, const QString &publicId = {})
    {
        return m_fixture.resource(env, asset, publicId);
    }

    static QStringList tagsOf(const QJsonObject &resource)
    {
        QStringList tags;
        for (const QJsonValue &tag : resource.value(u"tags"_s).toArray())
            tags.append(tag.toString());
        return tags;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.start(40, &error), qPrintable(error));
        for (int env = 0; env < 2; ++env) {
            const core::ApiContext context = m_fixture.envs[env].context;
            m_services[env] = std::make_unique<AssetService>(
                m_fixture.envs[env].catalog.get(), [this, context]() -> core::Result<core::ApiContext> {
                    if (m_refusal)
                        return *m_refusal;
                    return context;
                });
        }
    }

    void init() { m_refusal.reset(); }

    void renameWritesThrough_data() { bothModes(); }
    void renameWritesThrough()
    {
        QFETCH(int, env);
        const CatalogAsset asset = fresh(env, 1).value(0);
        QVERIFY(!asset.assetId.isEmpty());
        QSignalSpy changed(m_services[env].get(), &AssetService::catalogChanged);
        AssetJob *job = m_services[env]->rename(asset, u"renamed by service"_s);
        QCOMPARE(job->operation(), AssetJob::Operation::Rename);
        QVERIFY(waitFor(job));
        QVERIFY2(!job->error(), qPrintable(job->error() ? job->error()->message : QString()));
        QCOMPARE(changed.size(), 1);
        const auto after = inCatalog(env, asset.assetId);
        QVERIFY(after);
        if (mode(env) == core::FolderMode::Fixed) {
            const QString to = core::assets::renamedPublicId(asset, u"renamed by service"_s);
            QCOMPARE(after->publicId, to);
            QVERIFY(!server(env, asset));
            QCOMPARE(server(env, asset, to)->value(u"asset_id"_s).toString(), asset.assetId);
        } else {
            QCOMPARE(after->publicId, asset.publicId);
            QCOMPARE(after->displayName, u"renamed by service"_s);
            QCOMPARE(server(env, asset)->value(u"display_name"_s).toString(), u"renamed by service"_s);
        }
    }

    void moveWritesThrough_data() { bothModes(); }
    void moveWritesThrough()
    {
        QFETCH(int, env);
        const QList<CatalogAsset> assets = fresh(env, 2);
        QCOMPARE(assets.size(), 2);
        AssetJob *job = m_services[env]->move(assets, u" /service//moved/ "_s);
        QVERIFY(waitFor(job));
        QVERIFY(!job->error());
        QCOMPARE(job->total(), 2);
        for (const CatalogAsset &asset : assets) {
            const auto after = inCatalog(env, asset.assetId);
            QVERIFY(after);
            QCOMPARE(after->folder(mode(env)), u"service/moved"_s);
            const auto remote = server(env, asset, after->publicId);
            QVERIFY(remote);
            if (mode(env) == core::FolderMode::Dynamic)
                QCOMPARE(remote->value(u"asset_folder"_s).toString(), u"service/moved"_s);
        }
        // Already there: nothing to send.
        const int before = m_network.requests;
        QList<CatalogAsset> moved;
        for (const CatalogAsset &asset : assets)
            moved.append(*inCatalog(env, asset.assetId));
        AssetJob *again = m_services[env]->move(moved, u"service/moved"_s);
        QVERIFY(waitFor(again));
        QVERIFY(!again->error());
        QCOMPARE(again->total(), 0);
        QCOMPARE(m_network.requests, before);
    }

    void tagsWriteThrough()
    {
        const int env = 1;
        const QList<CatalogAsset> assets = fresh(env, 2);
        QCOMPARE(assets.size(), 2);
        AssetService &service = *m_services[env];
        AssetJob *added = service.editTags(assets, {u"svc-a"_s, u"svc-b"_s}, {});
        QVERIFY(waitFor(added));
        QVERIFY(!added->error());
        AssetJob *removed = service.editTags(assets, {}, {u"svc-a"_s});
        QVERIFY(waitFor(removed));
        QVERIFY(!removed->error());
        for (const CatalogAsset &asset : assets) {
            const QStringList local = inCatalog(env, asset.assetId)->tags;
            QVERIFY(local.contains(u"svc-b"_s) && !local.contains(u"svc-a"_s));
            QCOMPARE(local, tagsOf(*server(env, asset)));
        }
        AssetJob *replaced = service.replaceTags(assets, {u"only"_s, u"these"_s});
        QVERIFY(waitFor(replaced));
        QVERIFY(!replaced->error());
        for (const CatalogAsset &asset : assets) {
            QCOMPARE(inCatalog(env, asset.assetId)->tags, (QStringList {u"only"_s, u"these"_s}));
            QCOMPARE(tagsOf(*server(env, asset)), (QStringList {u"only"_s, u"these"_s}));
        }
    }

    void updateWritesTheAnswer()
    {
        const int env = 1;
        const CatalogAsset asset = fresh(env, 1).value(0);
        core::ResourceUpdate update;
        update.context = QMap<QString, QString> {{u"alt"_s, u"Set by the service"_s}};
        update.displayName = u"Updated"_s;
        update.tags = QStringList {u"updated"_s};
        AssetJob *job = m_services[env]->update(asset, update);
        QVERIFY(waitFor(job));
        QVERIFY(!job->error());
        const CatalogAsset after = *inCatalog(env, asset.assetId);
        QCOMPARE(after.displayName, u"Updated"_s);
        QCOMPARE(after.tags, QStringList {u"updated"_s});
        QCOMPARE(after.context.value(u"alt"_s).toString(), u"Set by the service"_s);
        QCOMPARE(server(env, asset)->value(u"display_name"_s).toString(), u"Updated"_s);
    }

    void deleteWritesThrough_data() { bothModes(); }
    void deleteWritesThrough()
    {
        QFETCH(int, env);
        const QList<CatalogAsset> assets = fresh(env, 3);
        QCOMPARE(assets.size(), 3);
        AssetJob *job = m_services[env]->remove(assets);
        QVERIFY(waitFor(job));
        QVERIFY(!job->error());
        QCOMPARE(job->done(), 3);
        for (const CatalogAsset &asset : assets) {
            QVERIFY(!inCatalog(env, asset.assetId));
            QVERIFY(!server(env, asset));
        }
    }

    void foldersCreatedRenamedDeleted()
    {
        const int env = 1;
        AssetService &service = *m_services[env];
        AssetJob *created = service.createFolder(u"svc/empty/"_s);
        QVERIFY(waitFor(created));
        QVERIFY(!created->error());
        QVERIFY(service.localFolders().contains(u"svc/empty"_s));
        QVERIFY(service.localFolders().contains(u"svc"_s));

        // A folder with assets, renamed: the assets below move with it in the catalogue.
        const QList<CatalogAsset> assets = fresh(env, 1);
        QVERIFY(waitFor(service.move(assets, u"svc/full"_s)));
        AssetJob *renamed = service.renameFolder(u"svc"_s, u"svc2"_s);
        QVERIFY(waitFor(renamed));
        QVERIFY2(!renamed->error(), qPrintable(renamed->error() ? renamed->error()->message : QString()));
        QCOMPARE(inCatalog(env, assets.constFirst().assetId)->assetFolder, u"svc2/full"_s);
        QVERIFY(service.localFolders().contains(u"svc2/empty"_s));
        QVERIFY(!service.localFolders().contains(u"svc/empty"_s));

        AssetJob *deleted = service.deleteFolder(u"svc2/empty"_s);
        QVERIFY(waitFor(deleted));
        QVERIFY(!deleted->error());
        QVERIFY(!service.localFolders().contains(u"svc2/empty"_s));
    }

    // The server's refusal: a kind, the operation's reason, the public id, the server's words only.
    void failureNamesTheAsset()
    {
        const int env = 0;
        const QList<CatalogAsset> assets = fresh(env, 2);
        QCOMPARE(assets.size(), 2);
        // The first is deleted elsewhere; the second still moves.
        {
            AssetService other(m_fixture.envs[env].catalog.get(), [this, env] {
                return core::Result<core::ApiContext>(m_fixture.envs[env].context);
            });
            AssetJob *gone = other.remove({assets.at(0)});
            QVERIFY(waitFor(gone));
            QVERIFY(!gone->error());
        }
        QVERIFY(m_fixture.envs[env].catalog->upsert({assets.at(0)}).ok()); // the catalogue has not heard yet
        AssetJob *job = m_services[env]->move(assets, u"failure/target"_s);
        QVERIFY(waitFor(job));
        QVERIFY(job->error());
        QCOMPARE(job->failures().size(), 1);
        const core::Error &error = *job->error();
        QCOMPARE(error.kind, core::Error::Kind::NotFound);
        QCOMPARE(error.reason, core::ErrorReason::AssetMoveFailed);
        QCOMPARE(error.subject, assets.at(0).publicId);
        QVERIFY(!error.message.isEmpty());
        const QString words = words::ErrorWords::text(error);
        QVERIFY2(words.contains(assets.at(0).publicId) && words.contains(u"no longer"_s), qPrintable(words));
        // What went through is written; what failed is not.
        QVERIFY(job->changedCatalog());
        QCOMPARE(inCatalog(env, assets.at(1).assetId)->folder(core::FolderMode::Fixed), u"failure/target"_s);
        QCOMPARE(inCatalog(env, assets.at(0).assetId)->publicId, assets.at(0).publicId);
    }

    void refusedSendsNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("offline");
        QTest::addColumn<core::ErrorReason>("reason");
        QTest::newRow("offline") << u"fine"_s << true << core::ErrorReason::AssetsOffline;
        QTest::newRow("empty") << u"  "_s << false << core::ErrorReason::AssetNameEmpty;
        QTest::newRow("slash") << u"a/b"_s << false << core::ErrorReason::AssetNameHasSlash;
        QTest::newRow("hash") << u"a#b"_s << false << core::ErrorReason::AssetNameForbiddenCharacter;
        QTest::newRow("percent") << u"100%"_s << false << core::ErrorReason::AssetNameForbiddenCharacter;
        QTest::newRow("space") << u" a"_s << false << core::ErrorReason::AssetNameEdgeSpace;
    }
    void refusedSendsNothing()
    {
        QFETCH(QString, name);
        QFETCH(bool, offline);
        QFETCH(core::ErrorReason, reason);
        const int env = 0;
        const CatalogAsset asset = fresh(env, 1).value(0);
        if (offline)
            m_refusal
                = core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::AssetsOffline);
        const int before = m_network.requests;
        QSignalSpy started(m_services[env].get(), &AssetService::started);
        AssetJob *job = m_services[env]->rename(asset, name);
        QCOMPARE(started.size(), 1);
        QVERIFY(waitFor(job));
        QVERIFY(job->error());
        QCOMPARE(job->error()->reason, reason);
        QVERIFY(job->error()->message.isEmpty()); // no words of our own
        QCOMPARE(m_network.requests, before);
        QCOMPARE(inCatalog(env, asset.assetId)->publicId, asset.publicId);
        QVERIFY(server(env, asset));
    }

    void folderRulesRefuse()
    {
        AssetService &fixed = *m_services[0];
        AssetService &dynamic = *m_services[1];
        const int before = m_network.requests;
        const std::pair<AssetJob *, core::ErrorReason> refused[] = {
            {fixed.renameFolder(u"a"_s, u"b"_s), core::ErrorReason::FolderRenameNeedsDynamicMode},
            {dynamic.renameFolder(QString(), u"b"_s), core::ErrorReason::HomeCannotBeRenamed},
            {dynamic.deleteFolder(u"/"_s), core::ErrorReason::HomeCannotBeDeleted},
            {dynamic.createFolder(u" // "_s), core::ErrorReason::FolderNameEmpty},
            {dynamic.createFolder(u"ok/not?ok"_s), core::ErrorReason::AssetNameForbiddenCharacter},
        };
        for (const auto &[job, reason] : refused) {
            QVERIFY(waitFor(job));
            QVERIFY(job->error());
            QCOMPARE(job->error()->reason, reason);
        }
        QCOMPARE(m_network.requests, before);
    }
};

QTEST_GUILESS_MAIN(TestAssetService)
#include "tst_assetservice.moc"
