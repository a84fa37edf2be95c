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
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

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
    QStringList m_used; ///< assets the bulk tests changed (or deleted)

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

    /// @p count images of environment @p index that no earlier test of these changed.
    QList<CatalogAsset> freshImages(int index, int count)
    {
        QList<CatalogAsset> picked;
        for (int i = 0; i < count; ++i) {
            const CatalogAsset asset = pick(index, u"image"_s, m_used);
            if (asset.assetId.isEmpty())
                return {};
            m_used.append(asset.assetId);
            picked.append(asset);
        }
        return picked;
    }

    static QStringList idsOf(const QList<CatalogAsset> &assets)
    {
        QStringList ids;
        for (const CatalogAsset &asset : assets)
            ids.append(asset.assetId);
        return ids;
    }

    /// The tags the chips of @p list stand for (a chip's text may add "(2/3)").
    static QStringList chipTags(const QListWidget *list)
    {
        QStringList tags;
        for (int row = 0; row < list->count(); ++row)
            tags.append(list->item(row)->data(Qt::UserRole).toString());
        return tags;
    }

    /// The top of @p name in the panel's scrolling page.
    static int topOf(DetailsPanel &panel, const char *name)
    {
        auto *widget = panel.findChild<QWidget *>(QLatin1String(name));
        auto *page = panel.findChild<QWidget *>(u"scrollContents"_s);
        return widget && page ? widget->mapTo(page, QPoint(0, 0)).y() : -1;
    }

    /// Whether @p text is @p plural, or (until translations/stratus_en.ts has the new messages'
    /// English plural forms, which the lead fills after a merge) its source form @p source.
    static bool english(const QString &text, const QString &plural, const QString &source)
    {
        if (text == plural || text == source)
            return true;
        qWarning() << "got" << text << "expected" << plural << "or" << source;
        return false;
    }

    static void saveScreenshot(QWidget &widget, const QString &name)
    {
        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
        }
    }

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
            const auto answer = m_sandbox.searchEverything(index);
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
        QCOMPARE(field("kindField")->text(), u"%1 image"_s.arg(asset.format.toUpper()));
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
        // Alt text and caption have their own fields; the table holds the other entries.
        QCOMPARE(panel->findChild<QLineEdit *>(u"altEdit"_s)->text(),
                 asset.context.value(u"alt"_s).toString());
        QCOMPARE(panel->findChild<QLineEdit *>(u"captionEdit"_s)->text(),
                 asset.context.value(u"caption"_s).toString());
        QJsonObject others = asset.context;
        others.remove(u"alt"_s);
        others.remove(u"caption"_s);
        QCOMPARE(panel->findChild<QTableWidget *>(u"contextTable"_s)->rowCount(), others.size());

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
        QCOMPARE(panel->findChild<QLabel *>(u"titleLabel"_s)->text(),
                 u"2 assets · %1"_s.arg(QLocale().formattedDataSize(asset.bytes + video.bytes)));
        QStringList kinds = panel->findChild<QLabel *>(u"subtitleLabel"_s)->text().split(u" · "_s);
        kinds.sort();
        QStringList expectedKinds {u"1 "_s + asset.format.toUpper(), u"1 "_s + video.format.toUpper()};
        expectedKinds.sort();
        QCOMPARE(kinds, expectedKinds);
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
        auto *alt = panel->findChild<QLineEdit *>(u"altEdit"_s);
        alt->selectAll();
        QTest::keyClicks(alt, u"Edited in the details panel"_s);
        const int rows = table->rowCount();
        QTest::mouseClick(panel->findChild<QPushButton *>(u"addContextButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), rows + 1);
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

    void fieldsInReadingOrder()
    {
        const QList<CatalogAsset> two = freshImages(Dynamic, 2);
        QCOMPARE(two.size(), 2);
        const CatalogAsset &asset = two.at(0);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->resize(320, 860);
        panel->setAssets({asset.assetId});

        // What people look at first comes first, top to bottom as they read it.
        int last = -1;
        for (const char *name : {"previewLabel", "displayNameField", "dimensionsField", "bytesField",
                                 "kindField", "createdAtField", "assetFolderField", "tagList", "altEdit",
                                 "captionEdit", "addContextButton", "copyUrlButton", "technicalToggle"}) {
            auto *widget = panel->findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(widget && widget->isVisible(), name);
            const int top = topOf(*panel, name);
            QVERIFY2(top > last, name);
            last = top;
        }
        QCOMPARE(panel->findChild<QLineEdit *>(u"displayNameField"_s)->text(), asset.displayName);
        // The developers' fields are folded away.
        auto *toggle = panel->findChild<QToolButton *>(u"technicalToggle"_s);
        QCOMPARE(toggle->text(), u"Technical"_s);
        QVERIFY(!panel->isTechnicalExpanded());
        const char *technical[] = {"publicIdField", "assetIdField",      "versionField", "etagField",
                                   "typeField",     "resourceTypeField", "urlField"};
        for (const char *name : technical)
            QVERIFY2(!panel->findChild<QWidget *>(QLatin1String(name))->isVisible(), name);
        auto *preview = panel->findChild<QLabel *>(u"previewLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->pixmap().isNull(), 20000);
        saveScreenshot(*panel, u"details-pane.png"_s);

        // Opened, it says so (for its owner to remember) and stays open for the next asset.
        QSignalSpy expanded(panel.get(), &DetailsPanel::technicalExpandedChanged);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(expanded.size(), 1);
        QCOMPARE(expanded.at(0).at(0).toBool(), true);
        for (const char *name : technical)
            QVERIFY2(panel->findChild<QWidget *>(QLatin1String(name))->isVisible(), name);
        QCOMPARE(panel->findChild<QLineEdit *>(u"publicIdField"_s)->text(), asset.publicId);
        const QString url = panel->findChild<QLineEdit *>(u"urlField"_s)->text();
        QVERIFY2(url.startsWith(u"http://127.0.0.1:"_s) && url.contains(asset.publicId), qPrintable(url));
        panel->setAssets({two.at(1).assetId});
        QVERIFY(panel->findChild<QWidget *>(u"publicIdField"_s)->isVisible());
        QCOMPARE(panel->findChild<QLineEdit *>(u"publicIdField"_s)->text(), two.at(1).publicId);

        // A new panel given the choice back opens with it.
        auto next = makePanel(Dynamic);
        QVERIFY(next);
        next->setTechnicalExpanded(true);
        next->setAssets({asset.assetId});
        QVERIFY(next->findChild<QWidget *>(u"publicIdField"_s)->isVisible());
        QCOMPARE(next->findChild<QToolButton *>(u"technicalToggle"_s)->arrowType(), Qt::DownArrow);
    }

    void oneScrollBar()
    {
        const CatalogAsset asset = freshImages(Dynamic, 1).value(0);
        QVERIFY(!asset.assetId.isEmpty());
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->resize(300, 520);
        panel->setAssets({asset.assetId});
        // Many tags and context entries: the lists grow, the page scrolls.
        QStringList many;
        for (int i = 1; i <= 30; ++i)
            many.append(u"tag-number-%1"_s.arg(i));
        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        tagEdit->setText(many.join(u", "_s));
        QTest::keyClick(tagEdit, Qt::Key_Return);
        auto *table = panel->findChild<QTableWidget *>(u"contextTable"_s);
        for (int i = 0; i < 12; ++i) {
            QTest::mouseClick(panel->findChild<QPushButton *>(u"addContextButton"_s), Qt::LeftButton);
            table->item(table->rowCount() - 1, 0)->setText(u"key%1"_s.arg(i));
            table->item(table->rowCount() - 1, 1)->setText(u"value %1"_s.arg(i));
        }
        QCOMPARE(panel->findChildren<QScrollArea *>().size(), 1);
        auto *area = panel->findChild<QScrollArea *>(u"scrollArea"_s);
        QTRY_VERIFY(area->verticalScrollBar()->isVisible());
        auto *tags = panel->findChild<QListWidget *>(u"tagList"_s);
        // Every list shows all it holds, without a scroll bar of its own.
        QTRY_VERIFY(tags->visualItemRect(tags->item(tags->count() - 1)).bottom()
                    < tags->viewport()->height());
        QTRY_VERIFY(table->rowViewportPosition(table->rowCount() - 1)
                        + table->rowHeight(table->rowCount() - 1)
                    <= table->viewport()->height());
        QCOMPARE(tags->verticalScrollBar()->maximum(), 0);
        QCOMPARE(table->verticalScrollBar()->maximum(), 0);
        int inner = 0;
        for (QAbstractScrollArea *view : panel->findChildren<QAbstractScrollArea *>()) {
            // (A table's header is a view too, never scrolled on its own.)
            if (view == area || !view->isVisible() || qobject_cast<QHeaderView *>(view))
                continue;
            ++inner;
            const QByteArray name = view->objectName().toUtf8();
            QVERIFY2(!view->verticalScrollBar()->isVisible(), name.constData());
            QVERIFY2(!view->horizontalScrollBar()->isVisible(), name.constData());
        }
        QCOMPARE(inner, 2); // the tags and the context table
        panel->revert();
    }

    void scrollBackToTopOnNewSelection()
    {
        const QList<CatalogAsset> assets = freshImages(Dynamic, 3);
        QCOMPARE(assets.size(), 3);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->resize(300, 420);
        QScrollBar *bar = panel->findChild<QScrollArea *>(u"scrollArea"_s)->verticalScrollBar();
        panel->setAssets({assets.at(0).assetId});
        QTRY_VERIFY(bar->maximum() > 100);
        bar->setValue(bar->maximum());
        QVERIFY(bar->value() > 100);
        panel->setAssets({assets.at(1).assetId});
        QCOMPARE(bar->value(), 0);

        // The same asset read again (after a sync, a save) keeps the place.
        QTRY_VERIFY(bar->maximum() > 100);
        bar->setValue(bar->maximum());
        const int place = bar->value();
        panel->reload();
        QCOMPARE(bar->value(), place);
        // Several, then one again: the top each time.
        panel->setAssets({assets.at(1).assetId, assets.at(2).assetId});
        QCOMPARE(bar->value(), 0);
        panel->setAssets({assets.at(2).assetId});
        QCOMPARE(bar->value(), 0);
    }

    void multiSelectionSummary()
    {
        const QList<CatalogAsset> images = freshImages(Dynamic, 3);
        QCOMPARE(images.size(), 3);
        const CatalogAsset video = pick(Dynamic, u"video"_s);
        QVERIFY(!video.assetId.isEmpty());
        QList<CatalogAsset> assets = images;
        assets.append(video);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->resize(320, 700);
        panel->setAssets(idsOf(assets));

        qint64 bytes = 0;
        for (const CatalogAsset &asset : assets)
            bytes += asset.bytes;
        QCOMPARE(panel->findChild<QLabel *>(u"titleLabel"_s)->text(),
                 u"4 assets · %1"_s.arg(QLocale().formattedDataSize(bytes)));
        // Their types: how many of each format, the most frequent first.
        QMap<QString, int> formats;
        for (const CatalogAsset &asset : assets)
            ++formats[asset.format.toUpper()];
        const QStringList kinds = panel->findChild<QLabel *>(u"subtitleLabel"_s)->text().split(u" · "_s);
        QCOMPARE(kinds.size(), formats.size());
        int previous = 4;
        for (const QString &kind : kinds) {
            const int number = kind.section(u' ', 0, 0).toInt();
            QCOMPARE(formats.value(kind.section(u' ', 1)), number);
            QVERIFY(number <= previous);
            previous = number;
        }
        // A strip of their thumbnails, real pictures from delivery URLs.
        const QList<QLabel *> strip = panel->findChildren<QLabel *>(u"stripThumbnail"_s);
        QCOMPARE(strip.size(), 4);
        for (QLabel *thumbnail : strip)
            QTRY_VERIFY_WITH_TIMEOUT(!thumbnail->pixmap().isNull(), 20000);
        // One asset's fields are not there; what can be edited in bulk is.
        for (const char *name : {"previewLabel", "displayNameField", "infoWidget", "contextGroup",
                                 "shareGroup", "technicalToggle", "technicalWidget"})
            QVERIFY2(!panel->findChild<QWidget *>(QLatin1String(name))->isVisible(), name);
        for (const char *name : {"stripWidget", "tagList", "tagEdit", "altEdit", "captionEdit", "editBar"})
            QVERIFY2(panel->findChild<QWidget *>(QLatin1String(name))->isVisible(), name);

        // Each tag says how many of them have it.
        QHash<QString, int> holders;
        for (const CatalogAsset &asset : assets) {
            for (const QString &tag : asset.tags)
                ++holders[tag];
        }
        auto *tags = panel->findChild<QListWidget *>(u"tagList"_s);
        QCOMPARE(tags->count(), holders.size());
        for (int row = 0; row < tags->count(); ++row) {
            const QString tag = tags->item(row)->data(Qt::UserRole).toString();
            const int have = holders.value(tag);
            QCOMPARE(tags->item(row)->text(), have == 4 ? tag : u"%1 (%2/4)"_s.arg(tag).arg(have));
        }
        // Alt texts that differ are "Mixed".
        QSet<QString> alts;
        for (const CatalogAsset &asset : assets)
            alts.insert(asset.context.value(u"alt"_s).toString());
        auto *alt = panel->findChild<QLineEdit *>(u"altEdit"_s);
        if (alts.size() > 1) {
            QCOMPARE(alt->text(), QString());
            QCOMPARE(alt->placeholderText(), u"Mixed"_s);
        } else {
            QCOMPARE(alt->text(), *alts.cbegin());
        }
        auto *apply = panel->findChild<QPushButton *>(u"saveButton"_s);
        QCOMPARE(apply->text(), u"Apply to 4 Assets"_s);
        QVERIFY(!apply->isEnabled());
        panel->findChild<QLineEdit *>(u"tagEdit"_s)->setText(u"spring-catalogue"_s);
        QTest::keyClick(panel->findChild<QLineEdit *>(u"tagEdit"_s), Qt::Key_Return);
        QVERIFY(apply->isEnabled());
        QVERIFY(panel->isModified());
        saveScreenshot(*panel, u"details-multi.png"_s);

        // Left with unsaved bulk edits and back: they are still there.
        panel->setAssets({images.at(0).assetId});
        QVERIFY(!panel->isModified());
        panel->setAssets(idsOf(assets));
        QVERIFY(chipTags(tags).contains(u"spring-catalogue"_s));
        panel->revert();
        QVERIFY(!chipTags(tags).contains(u"spring-catalogue"_s));
        QVERIFY(!panel->isModified());

        // More than fit in a narrow panel: the strip shows what fits and counts the rest.
        QStringList seven;
        const auto page = m_catalogs[Dynamic]->search({});
        for (const CatalogAsset &asset : page->assets) {
            if (asset.resourceType == u"image" && seven.size() < 7)
                seven.append(asset.assetId);
        }
        QCOMPARE(seven.size(), 7);
        panel->setAssets(seven);
        panel->resize(panel->minimumSizeHint().width(), 700);
        QTRY_VERIFY(panel->findChildren<QLabel *>(u"stripThumbnail"_s).size() < 7);
        const auto shownThumbnails = panel->findChildren<QLabel *>(u"stripThumbnail"_s).size();
        QVERIFY(shownThumbnails >= 1);
        auto *more = panel->findChild<QLabel *>(u"stripMore"_s);
        QVERIFY(more);
        QCOMPARE(more->text(), u"+%1"_s.arg(7 - shownThumbnails));
        QTRY_VERIFY(
            more->mapTo(panel->findChild<QWidget *>(u"scrollContents"_s), QPoint(more->width(), 0)).x()
            <= panel->findChild<QScrollArea *>(u"scrollArea"_s)->viewport()->width());
    }

    void bulkTagsReachEveryAsset()
    {
        const QList<CatalogAsset> assets = freshImages(Dynamic, 3);
        QCOMPARE(assets.size(), 3);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->setAssets(idsOf(assets));
        auto *tags = panel->findChild<QListWidget *>(u"tagList"_s);
        // Removed from all: a tag the first has (the others may or may not).
        const QString gone = assets.at(0).tags.value(0);
        QVERIFY(!gone.isEmpty());
        const int row = int(chipTags(tags).indexOf(gone));
        QVERIFY(row >= 0);
        tags->setFocus();
        tags->setCurrentRow(row, QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(tags, Qt::Key_Delete);
        QVERIFY(!chipTags(tags).contains(gone));
        // Added to all.
        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        tagEdit->setText(u"bulk-added"_s);
        QTest::keyClick(tagEdit, Qt::Key_Return);
        QCOMPARE(tags->item(tags->count() - 1)->text(), u"bulk-added"_s);

        QSignalSpy done(panel.get(), &DetailsPanel::bulkSaveFinished);
        QSignalSpy changed(panel.get(), &DetailsPanel::assetsChanged);
        QTest::mouseClick(panel->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY(panel->isSaving());
        QVERIFY(panel->findChild<QProgressBar *>(u"busyBar"_s)->isVisible());
        QVERIFY(!tagEdit->isEnabled());
        QVERIFY(done.wait(30000));
        QStringList saved = done.at(0).at(0).toStringList();
        saved.sort();
        QStringList expectedIds = idsOf(assets);
        expectedIds.sort();
        QCOMPARE(saved, expectedIds);
        QVERIFY(done.at(0).at(1).toStringList().isEmpty());
        QCOMPARE(changed.size(), 1);
        QVERIFY(english(panel->findChild<QLabel *>(u"statusLabel"_s)->text(), u"Saved 3 assets."_s,
                        u"Saved 3 asset(s)."_s));

        // The sandbox and the catalogue: each asset kept its other tags, lost `gone`, got the new one.
        for (const CatalogAsset &asset : assets) {
            QStringList expected = asset.tags;
            expected.removeAll(gone);
            expected.append(u"bulk-added"_s);
            QCOMPARE(fetch(Dynamic, asset).tags, expected);
            QCOMPARE(stored(Dynamic, asset.assetId).tags, expected);
        }
        // The panel reads them again: the new tag is on all of them.
        QVERIFY(!panel->isModified());
        QVERIFY(!panel->isSaving());
        QVERIFY(chipTags(tags).contains(u"bulk-added"_s));
        QCOMPARE(tags->findItems(u"bulk-added"_s, Qt::MatchExactly).size(), 1);
        QVERIFY(tagEdit->isEnabled());
    }

    void bulkCaptionSetOnAll()
    {
        const QList<CatalogAsset> assets = freshImages(Dynamic, 3);
        QCOMPARE(assets.size(), 3);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->setAssets(idsOf(assets));
        auto *caption = panel->findChild<QLineEdit *>(u"captionEdit"_s);
        auto *alt = panel->findChild<QLineEdit *>(u"altEdit"_s);
        const QString altBefore = alt->text();
        caption->setFocus();
        QTest::keyClicks(caption, u"Shot for the spring catalogue"_s);
        QVERIFY(panel->isModified());
        QSignalSpy done(panel.get(), &DetailsPanel::bulkSaveFinished);
        panel->save();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.at(0).at(0).toStringList().size(), 3);

        for (const CatalogAsset &asset : assets) {
            // The caption is set; the alt texts, left alone, are each what they were.
            QMap<QString, QString> expected = contextOf(asset.context);
            expected.insert(u"caption"_s, u"Shot for the spring catalogue"_s);
            QCOMPARE(fetch(Dynamic, asset).context, expected);
            QCOMPARE(contextOf(stored(Dynamic, asset.assetId).context), expected);
        }
        QCOMPARE(caption->text(), u"Shot for the spring catalogue"_s);
        QCOMPARE(caption->placeholderText(), QString());
        QCOMPARE(alt->text(), altBefore);

        // A mixed field typed into and emptied again leaves each asset's value alone.
        if (alt->placeholderText() == u"Mixed") {
            alt->setFocus();
            QTest::keyClicks(alt, u"x"_s);
            QVERIFY(panel->isModified());
            QTest::keyClick(alt, Qt::Key_Backspace);
            QVERIFY(!panel->isModified());
        }
    }

    void bulkFailureNamesTheAsset()
    {
        const QList<CatalogAsset> assets = freshImages(Dynamic, 2);
        QCOMPARE(assets.size(), 2);
        const CatalogAsset &lost = assets.at(1);
        auto panel = makePanel(Dynamic);
        QVERIFY(panel);
        panel->setAssets(idsOf(assets));
        // Deleted meanwhile, elsewhere.
        std::unique_ptr<core::ApiCall<core::DeletedResources>> deletion(
            core::AdminApi(context(Dynamic)).deleteResources({lost.publicId}, nullptr));
        QVERIFY(test::runToEnd(deletion.get()));
        auto *tagEdit = panel->findChild<QLineEdit *>(u"tagEdit"_s);
        tagEdit->setText(u"partly-there"_s);
        QTest::keyClick(tagEdit, Qt::Key_Return);
        QSignalSpy done(panel.get(), &DetailsPanel::bulkSaveFinished);
        QSignalSpy each(panel.get(), &DetailsPanel::saveFinished);
        panel->save();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.at(0).at(0).toStringList(), QStringList {assets.at(0).assetId});
        QCOMPARE(done.at(0).at(1).toStringList(), QStringList {lost.assetId});
        QCOMPARE(each.size(), 2);
        // The failure is said with the asset's name and why.
        const QString status = panel->findChild<QLabel *>(u"statusLabel"_s)->text();
        QVERIFY2(status.startsWith(u"Saved 1 of 2 assets; 1 failed:"_s), qPrintable(status));
        QVERIFY2(status.contains(lost.name(core::FolderMode::Dynamic) + u": "_s)
                     && status.contains(u"no longer"_s),
                 qPrintable(status));
        QVERIFY(stored(Dynamic, assets.at(0).assetId).tags.contains(u"partly-there"_s));
        QVERIFY(!stored(Dynamic, lost.assetId).tags.contains(u"partly-there"_s));
        // The edit stays, to try again.
        QVERIFY(panel->isModified());
        QVERIFY(panel->findChild<QPushButton *>(u"saveButton"_s)->isEnabled());
        QVERIFY(m_catalogs[Dynamic]->remove({lost.assetId}).ok()); // as the next sync would
    }

    void metadataSectionPlugsIn()
    {
        const QList<CatalogAsset> assets = freshImages(Dynamic, 2);
        QCOMPARE(assets.size(), 2);
        auto panel = showing(Dynamic, assets.at(0));
        QVERIFY(panel);
        auto *section = panel->findChild<QWidget *>(u"metadataGroup"_s);
        QVERIFY(!section->isVisible()); // empty: not shown
        QPointer<QLabel> editor = new QLabel(u"A metadata editor"_s);
        QSignalSpy shown(panel.get(), &DetailsPanel::shownAssetsChanged);
        panel->setMetadataSection(editor);
        QCOMPARE(panel->metadataSection(), editor.data());
        QVERIFY(section->isVisible());
        QVERIFY(editor->isVisible());
        QVERIFY(topOf(*panel, "captionEdit") < topOf(*panel, "metadataGroup"));
        QVERIFY(topOf(*panel, "metadataGroup") < topOf(*panel, "contextGroup"));
        // It stays for several assets, which it is told about.
        panel->setAssets(idsOf(assets));
        QVERIFY(section->isVisible());
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.at(0).at(0).toStringList(), idsOf(assets));
        panel->setMetadataSection(nullptr);
        QVERIFY(!section->isVisible());
        QVERIFY(editor.isNull());
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
