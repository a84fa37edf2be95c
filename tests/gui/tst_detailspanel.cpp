// The details panel and the Space preview offscreen, against a real stratus-sandbox with two seeded
// environments (dynamic and fixed folder mode) and their catalogues filled from its Search API as a
// sync would. Fields shown, tags (with completion), context and display name saved to the sandbox
// and written through to the catalogue, the fixed mode's read-only name, offline, a 404 that writes
// nothing, links copied with a transformation (and signed for a private asset), and the preview.

#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/previewdialog.h"
#include "gui/browser/thumbnaildelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::DetailsPanel;
using gui::PreviewDialog;

namespace {

enum Environment { Dynamic = 0, Fixed = 1 };

QStringList tagsOf(const QListWidget *list)
{
    QStringList tags;
    for (int row = 0; row < list->count(); ++row)
        tags.append(list->item(row)->text());
    return tags;
}

QMap<QString, QString> contextOf(const QJsonObject &context)
{
    QMap<QString, QString> map;
    for (auto it = context.begin(); it != context.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

} // namespace

class TestDetailsPanel : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalogs[2];
    QString m_offline;
    QString m_privateAssetId;

    gui::BrowserEnvironment environment(int index)
    {
        gui::BrowserEnvironment env;
        env.catalog = m_catalogs[index].get();
        env.network = m_sandbox.network();
        env.apiContext = [this, index] {
            return core::Result<core::ApiContext>(m_sandbox.context(index));
        };
        // Without the secret, as the app hands it out: signed links must fetch it from the context.
        const QString text = m_sandbox.cloudinaryUrls().at(index);
        const auto full = core::CloudinaryUrl::parse(text).value();
        const QString withoutSecret = QString(text).replace(u':' + full.apiSecret() + u'@', u"@"_s);
        env.url = [withoutSecret] {
            return core::CloudinaryUrl::parse(withoutSecret).value();
        };
        env.offlineReason = [this] {
            return m_offline;
        };
        return env;
    }

    std::unique_ptr<DetailsPanel> makePanel(int index)
    {
        auto panel = std::make_unique<DetailsPanel>(environment(index), nullptr);
        panel->resize(360, 1300);
        panel->show();
        panel->activateWindow();
        if (!QTest::qWaitForWindowActive(panel.get()))
            return nullptr;
        return panel;
    }

    /// A panel of environment @p index showing @p asset.
    std::unique_ptr<DetailsPanel> showing(int index, const CatalogAsset &asset)
    {
        auto panel = makePanel(index);
        if (panel)
            panel->setAssets({asset.assetId});
        return panel;
    }

    core::ApiContext context(int index) { return m_sandbox.context(index); }

    /// The first asset of the catalogue (by name) of @p resourceType other than @p except.
    CatalogAsset pick(int index, const QString &resourceType, const QStringList &except = {})
    {
        const auto page = m_catalogs[index]->search({});
        for (const CatalogAsset &asset : page->assets) {
            if (asset.resourceType == resourceType && asset.type == u"upload"
                && !except.contains(asset.assetId))
                return asset;
        }
        return {};
    }

    CatalogAsset stored(int index, const QString &assetId)
    {
        const auto asset = m_catalogs[index]->asset(assetId);
        return asset && asset.value() ? *asset.value() : CatalogAsset();
    }

    core::Resource fetch(int index, const CatalogAsset &asset)
    {
        std::unique_ptr<core::ApiCall<core::Resource>> call(
            core::AdminApi(context(index))
                .resource({asset.publicId, asset.resourceType, asset.type}, {}, nullptr));
        if (!test::runToEnd(call.get()) || !call->result())
            return {};
        return call->result().value();
    }

    QImage download(const QString &url)
    {
        const QUrl parsed(url);
        const auto answer = m_sandbox.raw("GET", parsed.path(QUrl::FullyEncoded));
        return answer.status == 200 ? QImage::fromData(answer.body) : QImage();
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_sandbox.start({u"--seed"_s, u"30"_s, u"--environment"_s,
                             u"cloudinary://310001:dynsecret@detdyn?folder_mode=dynamic"_s,
                             u"--environment"_s, u"cloudinary://310002:fixsecret@detfix?folder_mode=fixed"_s},
                            2, false, &error),
            qPrintable(error));

        // A private picture, whose links must be signed.
        QImage picture(640, 480, QImage::Format_RGB32);
        picture.fill(QColor(0x2a, 0x7a, 0xb0));
        const QString file = m_dir.filePath(u"private.png"_s);
        QVERIFY(picture.save(file));
        core::UploadOptions options;
        options.type = u"private"_s;
        options.publicId = u"vault/private_sample"_s;
        std::unique_ptr<core::UploadJob> upload(
            core::UploadApi(context(Dynamic)).upload(file, options, nullptr));
        QVERIFY(test::runToEnd(upload.get()));
        QVERIFY2(!upload->error(), test::errorText(upload.get()).constData());
        m_privateAssetId = upload->result()->asset.assetId;

        for (int index : {Dynamic, Fixed}) {
            const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(index)).value();
            const QByteArray auth = "Basic " + (url.apiKey() + u':' + url.apiSecret()).toUtf8().toBase64();
            const auto answer = m_sandbox.raw("POST", u"/v1_1/%1/resources/search"_s.arg(url.cloudName()),
                                              {{"Authorization", auth}, {"Content-Type", "application/json"}},
                                              R"({"max_results":500,"with_field":["tags","context"]})");
            QCOMPARE(answer.status, 200);
            QList<QJsonObject> resources;
            for (const QJsonValue &resource : QJsonDocument::fromJson(answer.body)[u"resources"_s].toArray())
                resources.append(resource.toObject());
            QCOMPARE(resources.size(), index == Dynamic ? 31 : 30);
            auto opened = Catalog::open(m_dir.filePath(u"catalog-%1.sqlite"_s.arg(index)));
            QVERIFY(opened.ok());
            m_catalogs[index] = std::move(opened).value();
            QVERIFY(
                m_catalogs[index]
                    ->setFolderMode(index == Dynamic ? core::FolderMode::Dynamic : core::FolderMode::Fixed)
                    .ok());
            QVERIFY(m_catalogs[index]->upsertResources(resources).ok());
        }
    }

    void init() { m_offline.clear(); }

    void fieldsOfOneAsset()
    {
        const CatalogAsset asset = pick(Dynamic, u"image"_s);
        QVERIFY(!asset.assetId.isEmpty());
        auto panel = showing(Dynamic, asset);
        QVERIFY(panel);

        auto field = [&panel](const char *name) {
            return panel->findChild<QLineEdit *>(QLatin1String(name));
        };
        QCOMPARE(field("publicIdField")->text(), asset.publicId);
        QVERIFY(field("publicIdField")->isReadOnly());
        QCOMPARE(field("assetIdField")->text(), asset.assetId);
        QCOMPARE(field("etagField")->text(), asset.etag);
        QCOMPARE(field("typeField")->text(), u"upload"_s);
        QCOMPARE(field("resourceTypeField")->text(), u"image"_s);
        QCOMPARE(field("formatField")->text(), asset.format);
        QCOMPARE(field("dimensionsField")->text(), u"%1 × %2 px"_s.arg(asset.width).arg(asset.height));
        QCOMPARE(field("bytesField")->text(), QLocale().formattedDataSize(asset.bytes));
        QCOMPARE(field("versionField")->text(), QString::number(asset.version));
        QCOMPARE(field("assetFolderField")->text(),
                 asset.assetFolder.isEmpty() ? u"Home"_s : asset.assetFolder);
        QCOMPARE(field("displayNameField")->text(), asset.displayName);
        QVERIFY(!field("displayNameField")->isReadOnly());
        QVERIFY(!field("createdAtField")->text().isEmpty());
        auto *form = panel->findChild<QFormLayout *>(u"fieldsLayout"_s);
        QVERIFY(!form->isRowVisible(field("durationField")));
        QCOMPARE(tagsOf(panel->findChild<QListWidget *>(u"tagList"_s)), asset.tags);
        QCOMPARE(panel->findChild<QTableWidget *>(u"contextTable"_s)->rowCount(), asset.context.size());

        // The preview: a real picture from a delivery URL, fitted in the panel.
        auto *preview = panel->findChild<QLabel *>(u"previewLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 20000);
        const QSizeF shown = preview->pixmap().deviceIndependentSize();
        QVERIFY(shown.width() <= preview->width() && shown.height() <= preview->height());
        QVERIFY(shown.width() >= preview->width() - 2 || shown.height() >= preview->height() - 2);

        // A video: its duration.
        const CatalogAsset video = pick(Dynamic, u"video"_s);
        QVERIFY(video.duration);
        panel->setAssets({video.assetId});
        QVERIFY(form->isRowVisible(field("durationField")));
        QCOMPARE(field("durationField")->text(), gui::ThumbnailDelegate::durationText(*video.duration));

        // Several: a summary.
        panel->setAssets({asset.assetId, video.assetId});
        QCOMPARE(panel->findChild<QLabel *>(u"titleLabel"_s)->text(), u"2 assets selected"_s);
        QVERIFY(panel->findChild<QLabel *>(u"subtitleLabel"_s)
                    ->text()
                    .contains(QLocale().formattedDataSize(asset.bytes + video.bytes)));
        QVERIFY(!panel->findChild<QWidget *>(u"editBar"_s)->isVisible());
    }

    void editTagsContextAndDisplayName()
    {
        const CatalogAsset asset = pick(Dynamic, u"image"_s);
        auto panel = showing(Dynamic, asset);
        QVERIFY(panel);
        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        auto *tagList = panel->findChild<QListWidget *>(u"tagList"_s);
        auto *table = panel->findChild<QTableWidget *>(u"contextTable"_s);
        auto *save = panel->findChild<QPushButton *>(u"saveButton"_s);
        QVERIFY(!save->isEnabled());

        // A tag another asset has, offered as we type a part of it.
        QString existing;
        const auto facets = m_catalogs[Dynamic]->facets({}, 100);
        for (const auto &tag : facets->tags) {
            if (!asset.tags.contains(tag.value)) {
                existing = tag.value;
                break;
            }
        }
        QVERIFY(!existing.isEmpty());
        QVERIFY(panel->editTags());
        QTRY_VERIFY(tagEdit->hasFocus());
        QTest::keyClicks(tagEdit, existing.left(3));
        QCompleter *completer = tagEdit->completer();
        QVERIFY(completer->completionCount() > 0);
        QStringList offered;
        for (int row = 0; row < completer->completionCount(); ++row) {
            completer->setCurrentRow(row);
            offered.append(completer->currentCompletion());
        }
        QVERIFY2(offered.contains(existing), qPrintable(offered.join(u", "_s)));
        completer->popup()->hide();
        tagEdit->setText(existing);
        QTest::keyClick(tagEdit, Qt::Key_Return);
        QTest::keyClicks(tagEdit, u"details-panel, second tag"_s);
        QTest::keyClick(tagEdit, Qt::Key_Return);
        QVERIFY(tagEdit->text().isEmpty());
        // The first of the old tags removed from the keyboard.
        tagList->setFocus();
        tagList->setCurrentRow(0, QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(tagList, Qt::Key_Delete);
        QStringList tags = asset.tags.mid(1);
        tags << existing << u"details-panel"_s << u"second tag"_s;
        QCOMPARE(tagsOf(tagList), tags);
        QVERIFY(save->isEnabled());

        // Context: one value changed, one entry added.
        QMap<QString, QString> context = contextOf(asset.context);
        QVERIFY(context.contains(u"alt"_s));
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, 0)->text() == u"alt")
                table->item(row, 1)->setText(u"Edited in the details panel"_s);
        }
        QTest::mouseClick(panel->findChild<QPushButton *>(u"addContextButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), context.size() + 1);
        table->item(table->rowCount() - 1, 0)->setText(u"credit"_s);
        table->item(table->rowCount() - 1, 1)->setText(u"Stratus | tests = yes"_s);
        context.insert(u"alt"_s, u"Edited in the details panel"_s);
        context.insert(u"credit"_s, u"Stratus | tests = yes"_s);

        // The display name, typed.
        auto *name = panel->findChild<QLineEdit *>(u"displayNameField"_s);
        name->selectAll();
        QTest::keyClicks(name, u"Renamed by the panel"_s);
        QVERIFY(panel->isModified());

        QSignalSpy changed(panel.get(), &DetailsPanel::assetsChanged);
        QSignalSpy finished(panel.get(), &DetailsPanel::saveFinished);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(panel->isSaving());
        QVERIFY(!tagEdit->isEnabled());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList {asset.assetId});
        QVERIFY(!panel->isModified());
        QCOMPARE(panel->findChild<QLabel *>(u"statusLabel"_s)->text(), u"Saved."_s);

        // The sandbox has the new values, and so has the catalogue.
        const core::Resource remote = fetch(Dynamic, asset);
        QCOMPARE(remote.tags, tags);
        QCOMPARE(remote.context, context);
        QCOMPARE(remote.displayName, u"Renamed by the panel"_s);
        const CatalogAsset local = stored(Dynamic, asset.assetId);
        QCOMPARE(local.tags, tags);
        QCOMPARE(contextOf(local.context), context);
        QCOMPARE(local.displayName, u"Renamed by the panel"_s);
        QCOMPARE(name->text(), u"Renamed by the panel"_s);

        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(panel->grab().save(QDir(dir).filePath(u"details-panel.png"_s)));
        }
    }

    void unsavedEditsKeptAcrossSelection()
    {
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        const CatalogAsset first = pick(Dynamic, u"image"_s);
        const CatalogAsset second = pick(Dynamic, u"image"_s, {first.assetId});
        panel->setAssets({first.assetId});
        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        tagEdit->setText(u"draft-tag"_s);
        QTest::keyClick(tagEdit, Qt::Key_Enter);
        QVERIFY(panel->isModified());
        // Backspace in the empty editor takes the tag back; typed again.
        QTest::keyClick(tagEdit, Qt::Key_Backspace);
        QVERIFY(!panel->isModified());
        QTest::keyClicks(tagEdit, u"draft-tag"_s);
        QTest::keyClick(tagEdit, Qt::Key_Enter);
        QVERIFY(panel->isModified());

        panel->setAssets({second.assetId});
        QVERIFY(!panel->isModified());
        QCOMPARE(panel->unsavedAssetIds(), QStringList {first.assetId});
        panel->setAssets({first.assetId});
        QVERIFY(tagsOf(panel->findChild<QListWidget *>(u"tagList"_s)).contains(u"draft-tag"_s));
        panel->revert();
        QVERIFY(panel->unsavedAssetIds().isEmpty());
        QCOMPARE(stored(Dynamic, first.assetId).tags, first.tags);
    }

    void fixedModeNameIsReadOnly()
    {
        const CatalogAsset asset = pick(Fixed, u"image"_s);
        auto panel = showing(Fixed, asset);
        QVERIFY(panel);
        auto *name = panel->findChild<QLineEdit *>(u"displayNameField"_s);
        QVERIFY(name->isReadOnly());
        QCOMPARE(name->text(), asset.publicId.section(u'/', -1));
        QVERIFY(name->toolTip().contains(u"fixed folder mode"_s));
        // Tags stay editable.
        QVERIFY(panel->findChild<QLineEdit *>(u"tagEdit"_s)->isEnabled());
    }

    void offlineDisablesEditing()
    {
        m_offline = u"no network connection"_s;
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->setAssets({pick(Dynamic, u"image"_s).assetId});
        auto *notice = panel->findChild<QLabel *>(u"offlineLabel"_s);
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->text(), u"Offline — edits are unavailable: no network connection"_s);
        for (const char *name : {"tagEdit", "addTagButton", "contextTable", "addContextButton", "saveButton"})
            QVERIFY2(!panel->findChild<QWidget *>(QLatin1String(name))->isEnabled(), name);
        QVERIFY(panel->findChild<QLineEdit *>(u"displayNameField"_s)->isReadOnly());
        QVERIFY(!panel->editTags());
        QVERIFY(panel->findChild<QPushButton *>(u"copyUrlButton"_s)->isEnabled());

        // Back online.
        m_offline.clear();
        panel->refreshOnlineState();
        QVERIFY(!notice->isVisible());
        QVERIFY(panel->findChild<QWidget *>(u"tagEdit"_s)->isEnabled());
        QVERIFY(!panel->findChild<QLineEdit *>(u"displayNameField"_s)->isReadOnly());
    }

    void serverErrorWritesNothing()
    {
        const CatalogAsset asset = pick(Dynamic, u"image"_s);
        auto panel = showing(Dynamic, asset);
        QVERIFY(panel);
        // Deleted meanwhile, elsewhere.
        std::unique_ptr<core::ApiCall<core::DeletedResources>> deletion(
            core::AdminApi(context(Dynamic)).deleteResources({asset.publicId}, nullptr));
        QVERIFY(test::runToEnd(deletion.get()));
        QCOMPARE(deletion->result()->deleted.value(asset.publicId), u"deleted"_s);

        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        tagEdit->setText(u"too-late"_s);
        QTest::keyClick(tagEdit, Qt::Key_Return);
        QSignalSpy changed(panel.get(), &DetailsPanel::assetsChanged);
        QSignalSpy finished(panel.get(), &DetailsPanel::saveFinished);
        panel->save();
        QVERIFY(finished.wait(20000));
        const QString error = finished.at(0).at(1).toString();
        QVERIFY(error.contains(u"no longer"_s));
        auto *status = panel->findChild<QLabel *>(u"statusLabel"_s);
        QVERIFY(status->isVisible());
        QCOMPARE(status->text(), error);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(stored(Dynamic, asset.assetId).tags, asset.tags);
        // The edit is still there to try again or revert.
        QVERIFY(panel->isModified());
        QVERIFY(panel->findChild<QPushButton *>(u"saveButton"_s)->isEnabled());
        QVERIFY(m_catalogs[Dynamic]->remove({asset.assetId}).ok()); // as the next sync would
    }

    void copyUrl_data()
    {
        QTest::addColumn<QString>("transformation");
        QTest::addColumn<QSize>("expectedSize"); // invalid: the original's

        QTest::newRow("original") << u"Original"_s << QSize();
        QTest::newRow("fill 400") << u"c_fill,w_400,h_400"_s << QSize(400, 400);
        QTest::newRow("free text") << u"c_scale, w_120"_s << QSize(120, 0);
    }

    void copyUrl()
    {
        QFETCH(QString, transformation);
        QFETCH(QSize, expectedSize);
        const CatalogAsset asset = pick(Dynamic, u"image"_s, {});
        auto panel = showing(Dynamic, asset);
        QVERIFY(panel);
        QGuiApplication::clipboard()->clear();
        auto *combo = panel->findChild<QComboBox *>(u"transformationCombo"_s);
        combo->setEditText(transformation);
        QTest::mouseClick(panel->findChild<QPushButton *>(u"copyUrlButton"_s), Qt::LeftButton);
        const QString url = QGuiApplication::clipboard()->text();

        const QString cloud = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(Dynamic))->cloudName();
        QString expected
            = u"http://127.0.0.1:%1/%2/image/upload/"_s.arg(m_sandbox.baseUrl().port()).arg(cloud);
        if (expectedSize.isValid())
            expected += QString(transformation).remove(u' ') + u'/';
        expected += u"v%1/%2.%3"_s.arg(asset.version).arg(asset.publicId, asset.format);
        QCOMPARE(url, expected);
        QCOMPARE(panel->findChild<QLabel *>(u"linkStatusLabel"_s)->text(),
                 u"Copied the link to the clipboard."_s);

        // The link works and is what it says.
        const QImage image = download(url);
        QVERIFY(!image.isNull());
        if (!expectedSize.isValid())
            QCOMPARE(image.size(), QSize(asset.width, asset.height));
        else
            QCOMPARE(image.width(), expectedSize.width());
        if (expectedSize.height() > 0)
            QCOMPARE(image.height(), expectedSize.height());
    }

    void privateAssetLinkIsSigned()
    {
        const CatalogAsset asset = stored(Dynamic, m_privateAssetId);
        QCOMPARE(asset.type, u"private"_s);
        auto panel = showing(Dynamic, asset);
        QVERIFY(panel);
        QGuiApplication::clipboard()->clear();
        panel->copyUrl();
        const QString url = QGuiApplication::clipboard()->text();
        QVERIFY2(url.contains(u"/image/private/s--"_s), qPrintable(url));
        QCOMPARE(download(url).size(), QSize(640, 480));
        // The preview is signed too, so it shows.
        auto *preview = panel->findChild<QLabel *>(u"previewLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 20000);
    }

    void previewDialog()
    {
        QStringList ids;
        QList<CatalogAsset> assets;
        for (int i = 0; i < 3; ++i) {
            assets.append(pick(Dynamic, u"image"_s, ids));
            ids.append(assets.constLast().assetId);
        }
        PreviewDialog dialog(environment(Dynamic), nullptr, ids, 0);
        QSignalSpy shown(&dialog, &PreviewDialog::pictureShown);
        QSignalSpy moved(&dialog, &PreviewDialog::currentChanged);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QSize screen = dialog.screen()->availableGeometry().size();
        QVERIFY(dialog.width() <= screen.width() * 0.81 && dialog.width() >= screen.width() * 0.7);

        auto checkPicture = [&dialog](const CatalogAsset &asset) {
            const QSize asked = dialog.requestedPixels();
            const QSize got = dialog.picture().size();
            QVERIFY(asked.width() > 300 && asked.height() > 200);
            QVERIFY(got.width() <= asked.width() && got.height() <= asked.height());
            if (asset.width > asked.width() || asset.height > asked.height())
                QVERIFY2(got.width() == asked.width() || got.height() == asked.height(),
                         qPrintable(u"asked %1x%2, got %3x%4"_s.arg(asked.width())
                                        .arg(asked.height())
                                        .arg(got.width())
                                        .arg(got.height())));
            else
                QCOMPARE(got, QSize(asset.width, asset.height));
        };
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.picture().isNull(), 20000);
        checkPicture(assets.at(0));

        QTest::keyClick(&dialog, Qt::Key_Right);
        QCOMPARE(dialog.currentIndex(), 1);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.at(0).at(0).toString(), ids.at(1));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.picture().isNull(), 20000);
        QCOMPARE(shown.constLast().at(0).toString(), ids.at(1));
        checkPicture(assets.at(1));
        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(dialog.grab().save(QDir(dir).filePath(u"preview-dialog.png"_s)));
        }
        QTest::keyClick(&dialog, Qt::Key_Left);
        QCOMPARE(dialog.currentIndex(), 0);
        QTest::keyClick(&dialog, Qt::Key_Left); // already the first
        QCOMPARE(dialog.currentIndex(), 0);

        QTest::keyClick(&dialog, Qt::Key_Space);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestDetailsPanel)
#include "tst_detailspanel.moc"
