// The honest limits of an environment signed in with Cloudinary (no API secret, so no signed
// delivery URLs): its private and authenticated assets show a lock instead of a thumbnail, with a
// tooltip; the details panel says why in one sentence and turns the links off; Copy URL is off for
// them with the same reason. An environment with an API secret is unchanged.
#include "core/catalog/catalog.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browsercommands.h"
#include "gui/browser/browserenvironment.h"
#include "gui/browser/detailspanel.h"
#include "gui/browser/previewdialog.h"
#include "gui/browser/signedurllimits.h"
#include "gui/browser/thumbnaildelegate.h"
#include "gui/quicklook/zoomimageview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::AssetListModel;

namespace {

CatalogAsset makeAsset(const QString &id, const QString &type)
{
    CatalogAsset a;
    a.assetId = id;
    a.publicId = u"shots/"_s + id;
    a.resourceType = u"image"_s;
    a.type = type;
    a.format = u"jpg"_s;
    a.bytes = 1234;
    a.width = 640;
    a.height = 480;
    a.createdAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    a.uploadedAt = a.createdAt;
    a.assetFolder = u"shots"_s;
    a.publicIdFolder = u"shots"_s;
    a.displayName = id;
    a.status = u"active"_s;
    return a;
}

// What the delegate paints for `index`, on a plain background.
QImage painted(const gui::ThumbnailDelegate &delegate, const QModelIndex &index, const QSize &size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = QRect(QPoint(0, 0), size);
    option.palette = QPalette(Qt::black, Qt::white);
    option.font = QFont();
    option.fontMetrics = QFontMetrics(option.font);
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

} // namespace

class TestTokenLimits : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalog;
    QNetworkAccessManager m_network;

    gui::BrowserEnvironment environment(bool usesToken)
    {
        gui::BrowserEnvironment env;
        env.catalog = m_catalog.get();
        env.network = &m_network;
        env.url = [] {
            return core::CloudinaryUrl::parse(u"cloudinary://alpha"_s).value();
        };
        env.usesToken = [usesToken] {
            return usesToken;
        };
        return env;
    }

    [[nodiscard]] int rowOf(const AssetListModel &model, const QString &assetId) const
    {
        return model.rowOfAsset(assetId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened.ok());
        m_catalog = std::move(opened).value();
        QVERIFY(m_catalog->setFolderMode(core::FolderMode::Dynamic).ok());
        QVERIFY(m_catalog
                    ->upsert({makeAsset(u"public1"_s, u"upload"_s), makeAsset(u"private1"_s, u"private"_s),
                              makeAsset(u"authenticated1"_s, u"authenticated"_s)})
                    .ok());
    }

    void privateThumbnailsAreLocked()
    {
        AssetListModel model(m_catalog.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setThumbnailSize(QSize(128, 128));
        model.setFolder(u"shots"_s);
        const int publicRow = rowOf(model, u"public1"_s);
        const int privateRow = rowOf(model, u"private1"_s);
        const int authenticatedRow = rowOf(model, u"authenticated1"_s);
        QVERIFY(publicRow >= 0 && privateRow >= 0 && authenticatedRow >= 0);
        const auto state = [&model](int row) {
            return model.index(row)
                .data(AssetListModel::ThumbnailStateRole)
                .value<AssetListModel::ThumbnailState>();
        };
        // With the API secret: every picture is asked for.
        QCOMPARE(state(privateRow), AssetListModel::ThumbnailState::Loading);
        QVERIFY(model.needsThumbnail(privateRow));

        QSignalSpy changed(&model, &AssetListModel::dataChanged);
        model.setSignedUrlsUnavailable(true);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(state(publicRow), AssetListModel::ThumbnailState::Loading);
        QCOMPARE(state(privateRow), AssetListModel::ThumbnailState::Locked);
        QCOMPARE(state(authenticatedRow), AssetListModel::ThumbnailState::Locked);
        QVERIFY(model.needsThumbnail(publicRow));
        QVERIFY(!model.needsThumbnail(privateRow)); // never a request that would fail
        QVERIFY(!model.needsThumbnail(authenticatedRow));
        const QString tip = model.index(privateRow).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(u"shots/private1\n"_s) && tip.contains(u"signed in with Cloudinary"_s),
                 qPrintable(tip));
        QCOMPARE(model.index(publicRow).data(Qt::ToolTipRole).toString(), u"shots/public1"_s);

        // A lock, not the placeholder of a picture that failed or is loading.
        gui::ThumbnailDelegate delegate;
        delegate.setZoom(128);
        const QSize cell = delegate.cellSize(QFont());
        const QImage locked = painted(delegate, model.index(privateRow), cell);
        const QImage loading = painted(delegate, model.index(publicRow), cell);
        model.setThumbnailFailed(model.thumbnailKey(*model.assetAt(publicRow)));
        const QImage failed = painted(delegate, model.index(publicRow), cell);
        QVERIFY(locked != loading);
        QVERIFY(locked != failed);

        QListView view;
        view.setViewMode(QListView::IconMode);
        view.setItemDelegate(&delegate);
        view.setGridSize(cell);
        view.setModel(&model);
        view.resize(cell.width() * 3 + 40, cell.height() + 30);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QDir().mkpath(u"/tmp/shots-g"_s);
        view.grab().save(u"/tmp/shots-g/locked-thumbnails.png"_s);

        model.setSignedUrlsUnavailable(false);
        QCOMPARE(state(privateRow), AssetListModel::ThumbnailState::Loading);
    }

    void theDetailsPanelSaysWhy_data()
    {
        QTest::addColumn<QString>("assetId");
        QTest::addColumn<bool>("usesToken");
        QTest::addColumn<bool>("limited");
        QTest::newRow("private, signed in") << u"private1"_s << true << true;
        QTest::newRow("authenticated, signed in") << u"authenticated1"_s << true << true;
        QTest::newRow("public, signed in") << u"public1"_s << true << false;
        QTest::newRow("private, API key") << u"private1"_s << false << false;
    }

    void theDetailsPanelSaysWhy()
    {
        QFETCH(QString, assetId);
        QFETCH(bool, usesToken);
        QFETCH(bool, limited);
        gui::DetailsPanel panel(environment(usesToken), nullptr);
        panel.resize(360, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setAssets({assetId});
        auto *sentence = panel.findChild<QLabel *>(u"signedUrlLimitLabel"_s);
        QVERIFY(sentence);
        QCOMPARE(sentence->isVisible(), limited);
        auto *copy = panel.findChild<QPushButton *>(u"copyUrlButton"_s);
        auto *open = panel.findChild<QPushButton *>(u"openButton"_s);
        QCOMPARE(copy->isEnabled(), !limited);
        QCOMPARE(open->isEnabled(), !limited);
        if (limited) {
            QCOMPARE(
                sentence->text(),
                u"This environment is signed in with Cloudinary: private and authenticated files cannot be "
                "previewed or linked here, because signed URLs need the API secret."_s);
            QCOMPARE(copy->toolTip(), gui::SignedUrlLimits::linkToolTip());
            QVERIFY(!panel.findChild<QLabel *>(u"previewLabel"_s)->pixmap().isNull()); // the lock
            QDir().mkpath(u"/tmp/shots-g"_s);
            panel.grab().save(u"/tmp/shots-g/details-private-token.png"_s);
        }
        // Another asset: the limits follow the selection.
        panel.setAssets({limited ? u"public1"_s : u"private1"_s});
        QCOMPARE(sentence->isVisible(), !limited && usesToken);
        QCOMPARE(copy->isEnabled(), limited || !usesToken);
    }

    void severalSelectedShowTheLockToo()
    {
        gui::DetailsPanel panel(environment(true), nullptr);
        panel.resize(360, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setAssets({u"private1"_s, u"public1"_s});
        const QList<QLabel *> strip = panel.findChildren<QLabel *>(u"stripThumbnail"_s);
        QCOMPARE(strip.size(), 2);
        QLabel *locked = nullptr;
        for (QLabel *label : strip) {
            if (label->toolTip().contains(gui::SignedUrlLimits::thumbnailToolTip()))
                locked = label;
        }
        QVERIFY(locked);
        QVERIFY(!locked->pixmap().isNull());
        QVERIFY(locked->toolTip().startsWith(u"private1\n"_s));
    }

    void thePreviewSaysWhyToo()
    {
        gui::PreviewDialog dialog(environment(true), nullptr, {u"private1"_s}, 0);
        dialog.resize(640, 480);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *view = dialog.findChild<gui::ZoomImageView *>();
        QVERIFY(view);
        QTRY_COMPARE(view->message(), gui::SignedUrlLimits::sentence());
    }

    void copyUrlIsOffForAssetsThatCannotBeLinked()
    {
        QWidget page;
        gui::BrowserCommands commands(environment(true), &page);
        QAction *copy = commands.action(gui::BrowserCommands::Command::CopyUrl);
        const CatalogAsset privateAsset = makeAsset(u"private1"_s, u"private"_s);
        const CatalogAsset publicAsset = makeAsset(u"public1"_s, u"upload"_s);
        commands.setSelection({privateAsset});
        QVERIFY(!copy->isEnabled());
        QCOMPARE(copy->toolTip(), gui::SignedUrlLimits::linkToolTip());
        // With one that can be linked, that one is copied (and the other said to be left out).
        commands.setSelection({privateAsset, publicAsset});
        QVERIFY(copy->isEnabled());
        commands.setSelection({publicAsset});
        QVERIFY(copy->isEnabled());

        gui::BrowserCommands withSecret(environment(false), &page);
        withSecret.setSelection({privateAsset});
        QVERIFY(withSecret.action(gui::BrowserCommands::Command::CopyUrl)->isEnabled());
    }
};

QTEST_MAIN(TestTokenLimits)
#include "tst_tokenlimits.moc"
