// Structured metadata in the GUI, offscreen, against a real stratus-sandbox whose seeded
// environment has the demo fields (text, integer, date, single- and multi-select): the catalogue
// filled by a real CatalogSync (which caches the field definitions), the details panel's metadata
// section editing one asset and several at once (only the fields changed are written, mixed values
// left alone), invalid values refused inline and never sent, the upload options dialog's metadata
// (a real upload carries it), and the filter bar's Metadata menu narrowing the catalogue.

#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/facetbar.h"
#include "gui/metadata/metadataeditor.h"
#include "gui/metadata/metadatasection.h"
#include "gui/upload/uploadoptionsdialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;

class TestMetadataEditor : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalog;

    gui::BrowserEnvironment environment()
    {
        gui::BrowserEnvironment env;
        env.catalog = m_catalog.get();
        env.network = m_sandbox.network();
        env.apiContext = [this] {
            return core::Result<core::ApiContext>(m_sandbox.context(0));
        };
        env.url = [this] {
            return core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(0)).value();
        };
        env.offlineReason = [] {
            return QString();
        };
        return env;
    }

    QList<CatalogAsset> images(int count)
    {
        QList<CatalogAsset> out;
        const auto page = m_catalog->search({}, CatalogSort::PublicId);
        for (const CatalogAsset &asset : page->assets) {
            if (asset.resourceType == u"image" && out.size() < count)
                out.append(asset);
        }
        return out;
    }

    QJsonObject serverMetadata(const CatalogAsset &asset)
    {
        std::unique_ptr<core::ApiCall<core::Resource>> call(
            core::AdminApi(m_sandbox.context(0))
                .resource({asset.publicId, asset.resourceType, asset.type}, {}, nullptr));
        if (!test::runToEnd(call.get()) || !call->result())
            return {{u"error"_s, true}};
        return call->result()->metadata;
    }

    QJsonObject catalogMetadata(const CatalogAsset &asset)
    {
        const auto stored = m_catalog->asset(asset.assetId);
        return stored && stored.value() ? stored.value()->metadata : QJsonObject {{u"missing"_s, true}};
    }

    std::unique_ptr<gui::DetailsPanel> panelShowing(const QStringList &assetIds)
    {
        auto panel = std::make_unique<gui::DetailsPanel>(environment(), nullptr);
        panel->resize(380, 900);
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            return nullptr;
        panel->setAssets(assetIds);
        return panel;
    }

    static bool saveAndWait(gui::MetadataSection *section)
    {
        QSignalSpy finished(section, &gui::MetadataSection::saveFinished);
        auto *save = section->findChild<QPushButton *>(u"saveMetadata"_s);
        if (!save || !save->isEnabled())
            return false;
        QTest::mouseClick(save, Qt::LeftButton);
        return finished.wait(15000) && finished.constFirst().constFirst().toString().isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"12"_s, u"--environment"_s,
                                  u"cloudinary://320001:metasecret@metagui?folder_mode=dynamic"_s},
                                 1, false, &error),
                 qPrintable(error));
        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened.ok());
        m_catalog = std::move(opened).value();
        CatalogSync sync(m_catalog.get(), m_sandbox.context(0));
        QSignalSpy finished(&sync, &core::Job::finished);
        sync.start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(!sync.error(), sync.error() ? qPrintable(sync.error()->message) : "");
        QCOMPARE(sync.summary().metadataFields, 5);
        QCOMPARE(m_catalog->metadataFields()->size(), 5);
    }

    void editOneAsset()
    {
        const CatalogAsset asset = images(1).constFirst();
        auto panel = panelShowing({asset.assetId});
        QVERIFY(panel);
        auto *section = panel->findChild<gui::MetadataSection *>();
        QVERIFY(section);
        QVERIFY(section->isVisibleTo(panel.get()));
        gui::MetadataEditor *editor = section->editor();
        QCOMPARE(editor->fields().size(), 5);

        auto *rating = qobject_cast<QLineEdit *>(editor->editorFor(u"rating"_s));
        QVERIFY(rating);
        rating->selectAll();
        QTest::keyClicks(rating, u"4"_s);
        auto *shot = qobject_cast<QDateEdit *>(editor->editorFor(u"shot_on"_s));
        QVERIFY(shot);
        shot->setDate(QDate(2026, 3, 14));
        auto *licence = qobject_cast<QComboBox *>(editor->editorFor(u"licence"_s));
        QVERIFY(licence);
        licence->setCurrentIndex(licence->findData(u"commercial"_s));
        Q_EMIT licence->activated(licence->currentIndex());
        QVERIFY(editor->isModified());
        QVERIFY(editor->invalidFields().isEmpty());
        QVERIFY(saveAndWait(section));

        const QJsonObject server = serverMetadata(asset);
        QCOMPARE(server.value("rating"_L1).toDouble(), 4.0);
        QCOMPARE(server.value("shot_on"_L1).toString(), u"2026-03-14"_s); // ISO to the API
        QCOMPARE(server.value("licence"_L1).toString(), u"commercial"_s);
        QCOMPARE(catalogMetadata(asset), server); // written through
        QVERIFY(!editor->isModified());
        QCOMPARE(rating->text(), u"4"_s);
    }

    void invalidValuesAreRefusedInline()
    {
        const CatalogAsset asset = images(2).at(1);
        const QJsonObject before = serverMetadata(asset);
        auto panel = panelShowing({asset.assetId});
        QVERIFY(panel);
        auto *section = panel->findChild<gui::MetadataSection *>();
        gui::MetadataEditor *editor = section->editor();
        auto *rating = qobject_cast<QLineEdit *>(editor->editorFor(u"rating"_s));
        rating->selectAll();
        QTest::keyClicks(rating, u"9"_s); // the field allows 1 to 5
        QVERIFY(editor->errorFor(u"rating"_s).contains(u"Rating"_s));
        QVERIFY(!editor->changes().has_value());
        auto *save = section->findChild<QPushButton *>(u"saveMetadata"_s);
        QVERIFY(!save->isEnabled());
        rating->selectAll();
        QTest::keyClicks(rating, u"four"_s);
        QVERIFY(editor->errorFor(u"rating"_s).contains(u"whole number"_s));
        auto *photographer = qobject_cast<QLineEdit *>(editor->editorFor(u"photographer"_s));
        QTest::keyClicks(photographer, QString(70, u'x')); // at most 60
        QCOMPARE(editor->invalidFields(), (QStringList {u"Photographer"_s, u"Rating"_s}));
        section->save(); // refused: nothing goes to the server
        QTest::qWait(200);
        QCOMPARE(serverMetadata(asset), before);
        // Put right, the error goes.
        rating->selectAll();
        QTest::keyClicks(rating, u"5"_s);
        QVERIFY(editor->errorFor(u"rating"_s).isEmpty());
    }

    void editSeveralAssetsAtOnce()
    {
        // Seeded values differ: licences by index, channels on some, photographer on some.
        const QList<CatalogAsset> assets = images(4).mid(1, 3);
        QCOMPARE(assets.size(), 3);
        QList<QJsonObject> before;
        QStringList ids;
        for (const CatalogAsset &asset : assets) {
            before.append(serverMetadata(asset));
            ids.append(asset.assetId);
        }
        auto panel = panelShowing(ids);
        QVERIFY(panel);
        auto *section = panel->findChild<gui::MetadataSection *>();
        QVERIFY(section->isVisibleTo(panel.get()));
        gui::MetadataEditor *editor = section->editor();
        auto *licence = qobject_cast<QComboBox *>(editor->editorFor(u"licence"_s));
        QCOMPARE(licence->currentText(), u"Mixed values"_s);
        auto *channels = qobject_cast<QListWidget *>(editor->editorFor(u"channels"_s));
        QVERIFY(channels);
        QListWidgetItem *print = nullptr;
        for (int i = 0; i < channels->count(); ++i) {
            if (channels->item(i)->data(Qt::UserRole).toString() == u"print")
                print = channels->item(i);
        }
        QVERIFY(print);
        print->setCheckState(Qt::Checked);
        licence->setCurrentIndex(licence->findData(u"editorial"_s));
        Q_EMIT licence->activated(licence->currentIndex());
        QVERIFY(saveAndWait(section));

        for (qsizetype i = 0; i < assets.size(); ++i) {
            const QJsonObject server = serverMetadata(assets.at(i));
            QCOMPARE(server.value("licence"_L1).toString(), u"editorial"_s);
            QVERIFY(server.value("channels"_L1).toArray().contains(u"print"_s));
            // Choices each asset had stay; fields not touched keep each asset's own value.
            for (const QJsonValue &had : before.at(i).value("channels"_L1).toArray())
                QVERIFY(server.value("channels"_L1).toArray().contains(had));
            for (const char *untouched : {"photographer", "rating", "shot_on"})
                QCOMPARE(server.value(QLatin1String(untouched)),
                         before.at(i).value(QLatin1String(untouched)));
            QCOMPARE(catalogMetadata(assets.at(i)), server);
        }
    }

    void uploadWithMetadata()
    {
        gui::UploadOptionsDialog dialog(
            {}, [this] { return core::Result<core::ApiContext>(m_sandbox.context(0)); }, true);
        dialog.setMetadataFields(*m_catalog->metadataFields());
        gui::MetadataEditor *editor = dialog.metadataEditor();
        QVERIFY(editor->isVisibleTo(&dialog));
        auto *licence = qobject_cast<QComboBox *>(editor->editorFor(u"licence"_s));
        QCOMPARE(licence->currentData().toString(), u"internal"_s); // the default, shown

        // A mandatory field emptied: the dialog stays open and says why.
        licence->setCurrentIndex(0);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(editor->errorFor(u"licence"_s).contains(u"Licence"_s));

        licence->setCurrentIndex(licence->findData(u"editorial"_s));
        QTest::keyClicks(qobject_cast<QLineEdit *>(editor->editorFor(u"photographer"_s)), u"Ann | Bo"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const core::transfers::UploadBatchOptions options = dialog.options();
        QVERIFY(options.extra.contains("metadata"_L1));

        QImage picture(64, 48, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        const QString file = m_dir.filePath(u"tagged.png"_s);
        QVERIFY(picture.save(file));
        core::UploadOptions upload;
        upload.publicId = u"uploaded_with_metadata"_s;
        upload.extra = options.extra;
        std::unique_ptr<core::UploadJob> job(
            core::UploadApi(m_sandbox.context(0)).upload(file, upload, nullptr));
        QVERIFY(test::runToEnd(job.get()));
        QVERIFY2(!job->error(), test::errorText(job.get()).constData());
        const QJsonObject metadata = job->result()->asset.metadata;
        QCOMPARE(metadata.value("photographer"_L1).toString(), u"Ann | Bo"_s);
        QCOMPARE(metadata.value("licence"_L1).toString(), u"editorial"_s);
    }

    void filterBarNarrowsByMetadata()
    {
        gui::FacetBar bar;
        QVERIFY(bar.metadataButton()->isHidden());
        bar.setMetadataFields(*m_catalog->metadataFields());
        QVERIFY(!bar.metadataButton()->isHidden());
        QSignalSpy changed(&bar, &gui::FacetBar::filtersChanged);
        bar.setMetadataFilter({{u"licence"_s, {u"editorial"_s}}});
        QCOMPARE(changed.size(), 1);
        QVERIFY(bar.hasFilters());
        QVERIFY(bar.metadataButton()->text().contains(u"Editorial"_s));
        CatalogQuery query;
        bar.applyTo(query);
        const auto page = m_catalog->search(query);
        QVERIFY(page && page->total > 0);
        for (const CatalogAsset &asset : page->assets)
            QCOMPARE(asset.metadata.value("licence"_L1).toString(), u"editorial"_s);
        const auto chips = bar.chips();
        QCOMPARE(chips.size(), 1);
        QCOMPARE(chips.first().text, u"Licence: Editorial"_s);
        chips.first().remove();
        QVERIFY(!bar.hasFilters());
    }

    void screenshot()
    {
        const QList<CatalogAsset> assets = images(1);
        auto panel = panelShowing({assets.first().assetId});
        QVERIFY(panel);
        auto *section = panel->findChild<gui::MetadataSection *>();
        auto *rating = qobject_cast<QLineEdit *>(section->editor()->editorFor(u"rating"_s));
        rating->selectAll();
        QTest::keyClicks(rating, u"7"_s); // an invalid value, shown inline
        QWidget *group = panel->findChild<QWidget *>(u"metadataGroup"_s);
        QVERIFY(group);
        if (auto *scroll = panel->findChild<QScrollArea *>())
            scroll->ensureWidgetVisible(group);
        QTest::qWait(50);
        const QString shots = QStringLiteral(STRATUS_SOURCE_DIR) + u"/docs/screenshots/"_s;
        QVERIFY(QDir().mkpath(shots));
        QVERIFY(group->grab().save(shots + u"metadata-editor.png"_s));
    }
};

QTEST_MAIN(TestMetadataEditor)
#include "tst_metadataeditor.moc"
