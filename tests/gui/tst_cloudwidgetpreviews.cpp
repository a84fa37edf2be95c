// The Media Editor, the Video Player and the Product Gallery in Stratus's own windows (issue 15,
// points 3 and 4), in real offscreen Qt WebEngine against a real stratus-sandbox (its stand-ins):
//
// - the editor's export (a crop and PNG) reaches C++ with its transformation and URL, shows with its
//   buttons, and Save as New Asset… makes the cropped picture an asset of the sandbox and the
//   catalogue, in the folder and under the name chosen;
// - the player and the gallery show their widget; their snippets carry the cloud name and the
//   public IDs, and the HTML snippet alone in another site's page makes the widget;
// - each window, grabbed as a person sees it, shows its web content (saved to STRATUS_SCREENSHOTS
//   when set: docs/screenshots/).
#include "cloudwidgetsfixture.h"

#include "gui/theme/palettes.h"

#include <QAbstractButton>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyleFactory>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::gui;
using namespace stratus::test;

class TestCloudWidgetPreviews : public test::CloudWidgetsFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { stopFixture(); }
    void mediaEditorExportsAndSavesANewAsset();
    void videoPlayerShowsAndItsSnippetWorks();
    void productGalleryShowsAndItsSnippetWorks();
    void windowsGrabWithTheirWidget_data();
    void windowsGrabWithTheirWidget();
    void windowsFollowTheDarkPalette();
};

void TestCloudWidgetPreviews::mediaEditorExportsAndSavesANewAsset()
{
    const core::catalog::CatalogAsset picture = asset(u"image"_s);
    QVERIFY(!picture.publicId.isEmpty());
    addPlayer(u"editor-player"_s, QString::fromUtf8(kEditorPlayer));
    const auto cleanup = qScopeGuard([this] { removePlayer(u"editor-player"_s); });

    MediaEditorWindow *window = m_windows->mediaEditor();
    QSignalSpy exported(window, &MediaEditorWindow::exported);
    QVERIFY(m_windows->openMediaEditor(picture));
    QVERIFY(window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 30000);
    const auto result = window->lastExport();
    QVERIFY(result.has_value());
    QVERIFY2(result->transformation.contains(u"c_crop,"_s), qPrintable(result->transformation));
    QVERIFY2(result->transformation.contains(u"f_png"_s), qPrintable(result->transformation));
    QVERIFY2(result->url.toString().contains(result->transformation), qPrintable(result->url.toString()));
    QVERIFY(result->url.toString().contains(picture.publicId));
    QCOMPARE(window->findChild<QLineEdit *>(u"exportTransformation"_s)->text(), result->transformation);
    QVERIFY(window->findChild<QWidget *>(u"exportResult"_s)->isVisible());
    // No studio yet: its button is not offered.
    QVERIFY(!window->findChild<QPushButton *>(u"transformationStudioButton"_s)->isVisible());

    window->copyTransformation();
    QCOMPARE(QGuiApplication::clipboard()->text(), result->transformation);
    window->copyUrl();
    QCOMPARE(QGuiApplication::clipboard()->text(), result->url.toString());

    // Save as New Asset…: a folder and a name chosen, the derived picture uploaded from its URL.
    window->setNewAssetQuestion([](QWidget *, const QString &, const QString &) {
        return std::optional<std::pair<QString, QString>>({u"edited"_s, u"cropped_square"_s});
    });
    QSignalSpy saved(window, &MediaEditorWindow::saveFinished);
    QSignalSpy written(m_windows.get(), &CloudWidgetWindows::assetsWritten);
    window->saveAsNewAsset();
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
    QVERIFY2(saved.first().at(1).toString().isEmpty(), qPrintable(saved.first().at(1).toString()));
    const QString publicId = saved.first().at(0).toString();
    QCOMPARE(written.size(), 1);
    const auto stored = m_session->catalog()->asset(written.first().first().toStringList().value(0));
    QVERIFY(stored.ok() && stored->has_value());
    QCOMPARE((*stored)->publicId, publicId);
    const core::FolderMode mode = m_session->catalog()->folderMode();
    QCOMPARE((*stored)->folder(mode), u"edited"_s);
    QCOMPARE((*stored)->name(mode), u"cropped_square"_s);
    QCOMPARE((*stored)->format, u"png"_s);
    // The new asset is the cropped picture: half the original's size each way.
    QVERIFY2(qAbs((*stored)->width - picture.width / 2) <= 1, qPrintable(QString::number((*stored)->width)));
    QVERIFY2(qAbs((*stored)->height - picture.height / 2) <= 1,
             qPrintable(QString::number((*stored)->height)));
    checkNoSecret(window->host());
}
void TestCloudWidgetPreviews::videoPlayerShowsAndItsSnippetWorks()
{
    const core::catalog::CatalogAsset video = asset(u"video"_s);
    QVERIFY(!video.publicId.isEmpty());
    PreviewWindow *window = m_windows->videoPlayer();
    QVERIFY(!window->canPreview({asset(u"image"_s)}));
    QSignalSpy shown(window->bridge(), &web::PreviewBridge::shown);
    QVERIFY(m_windows->openVideoPlayer(video));
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    // The player is there, with the sandbox's video as its source.
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"document.querySelector('.cld-video-player video') !== null"_s)
            .toBool(),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"player.currentPublicId()"_s).toString() == video.publicId, 10000);
    // The keyboard is in the player's page, the window opened for it.
    QTRY_VERIFY(window->focusWidget() != nullptr && window->host()->isAncestorOf(window->focusWidget()));
    // The preview and the snippet share the window through a splitter; the player takes the
    // preview's width (or its height), 16:9, centred.
    QCOMPARE(window->splitter()->indexOf(window->host()), 0);
    QCOMPARE(window->splitter()->indexOf(window->snippetPanel()), 1);
    const QVariantList box
        = evaluate(
              window->host()->page(),
              u"(function () { var r = document.querySelector('.cld-video-player').getBoundingClientRect();"
              " return [r.left, innerWidth - r.right, r.width, r.height, innerWidth, innerHeight]; })()"_s)
              .toList();
    QCOMPARE(box.size(), 6);
    const double left = box.at(0).toDouble(), right = box.at(1).toDouble(), width = box.at(2).toDouble(),
                 height = box.at(3).toDouble();
    const QString geometry = u"%1 %2 %3x%4 in %5x%6"_s.arg(left)
                                 .arg(right)
                                 .arg(width)
                                 .arg(height)
                                 .arg(box.at(4).toDouble())
                                 .arg(box.at(5).toDouble());
    QVERIFY2(qAbs(left - right) <= 1, qPrintable(geometry));
    QVERIFY2(qAbs(width / height - 16.0 / 9) < 0.02, qPrintable(geometry));
    QVERIFY2(width >= box.at(4).toDouble() - 33 || height >= box.at(5).toDouble() - 33, qPrintable(geometry));
    QVERIFY2(width > 320 * 2, qPrintable(geometry));

    // Playing, then the window closed (Esc): the video stops with it; opened again, it is there.
    // With sound (Chromium itself pauses a muted video that cannot be seen): Space on the player,
    // a person's gesture.
    QWidget *surface = window->host()->findChild<QWebEngineView *>()->focusProxy();
    QVERIFY(surface != nullptr);
    // Looping: still playing when it is hidden.
    evaluate(window->host()->page(), u"player.loop(true); true"_s);
    // play() unpauses at once: still paused, the key did not reach the player (the page was not
    // focused yet), and it is pressed again.
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (!evaluate(window->host()->page(), u"player.videoElement.paused"_s).toBool())
                return true;
            evaluate(window->host()->page(), u"player.el().focus(); true"_s);
            QTest::keyClick(surface, Qt::Key_Space);
            QTest::qWait(200);
            return false;
        },
        10000));
    QVERIFY(!evaluate(window->host()->page(), u"player.isMuted()"_s).toBool());
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!window->isVisible());
    QTRY_VERIFY(evaluate(window->host()->page(), u"player.videoElement.paused"_s).toBool());
    window->present();
    QVERIFY(window->host()->isReady());
    // Back to the start, its poster shown, the focus ring gone (the screenshot below).
    evaluate(window->host()->page(),
             u"player.source(player.currentPublicId()); document.activeElement.blur(); true"_s);

    const EmbedSnippet snippet = window->snippet();
    for (const QString &text : {snippet.html, snippet.javascript}) {
        QVERIFY2(text.contains(u"\"cloudName\": \"widgetcloud\""_s), qPrintable(text));
        QVERIFY2(text.contains(u'"' + video.publicId + u'"'), qPrintable(text));
    }
    QVERIFY(snippet.html.contains(m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
                                  + u"/widgets/video-player/player.min.js"_s));
    QVERIFY(snippet.html.contains(u"player.min.css"_s));
    window->snippetPanel()->copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), snippet.html);

    // The HTML snippet alone, in a page of another site, makes the player against the sandbox.
    QWebEngineProfile offTheRecord;
    QWebEnginePage page(&offTheRecord);
    QWebEngineView view;
    view.setPage(&page);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.setHtml(u"<!DOCTYPE html><html><body>"_s + snippet.html + u"</body></html>"_s,
                 QUrl(u"https://shop.example/"_s));
    QVERIFY(loaded.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(&page, u"typeof player === 'object' && player.currentPublicId()"_s).toString()
            == video.publicId,
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(&page, u"document.querySelector('video').readyState >= 1"_s).toBool(),
                             20000);
    checkNoSecret(window->host());
}
void TestCloudWidgetPreviews::productGalleryShowsAndItsSnippetWorks()
{
    QList<core::catalog::CatalogAsset> chosen;
    for (const QJsonObject &json : std::as_const(m_assets)) {
        const auto a = core::catalog::CatalogAsset::fromResourceJson(json);
        if ((a.resourceType == u"image" && MediaEditorWindow::canEdit(a))
            && (a.type.isEmpty() || a.type == u"upload") && chosen.size() < 3)
            chosen.append(a);
    }
    chosen.append(asset(u"video"_s));
    QCOMPARE(chosen.size(), 4);
    PreviewWindow *window = m_windows->productGallery();
    QSignalSpy shown(window->bridge(), &web::PreviewBridge::shown);
    QVERIFY(m_windows->openProductGallery(chosen));
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(), 4,
        10000);
    QTRY_VERIFY(window->focusWidget() != nullptr && window->host()->isAncestorOf(window->focusWidget()));
    // Centred, shaped as its first picture (no bands above and below it), sharp (the picture as big
    // as the view, up to its own size), and all of it in the view.
    const QString measure = uR"JS((function () {
        var main = document.querySelector('.cld-pg-main').getBoundingClientRect();
        var img = document.querySelector('.cld-pg-main img');
        var gallery = document.querySelector('.cld-pg').getBoundingClientRect();
        return [main.left, innerWidth - main.right, main.width, main.height,
                img ? img.naturalWidth : 0, img ? img.naturalHeight : 0,
                gallery.bottom, innerHeight, innerWidth];
    })())JS"_s;
    QVariantList box;
    const int pictureWidth = chosen.constFirst().width;
    QTRY_VERIFY_WITH_TIMEOUT((box = evaluate(window->host()->page(), measure).toList()).size() == 9
                                 && box.at(4).toDouble()
                                     >= std::min<double>(pictureWidth, box.at(2).toDouble()) - 1,
                             10000);
    const QString geometry = QVariant(box).toStringList().join(u' ');
    QVERIFY2(qAbs(box.at(0).toDouble() - box.at(1).toDouble()) <= 1, qPrintable(geometry));
    QVERIFY2(box.at(2).toDouble() > 480, qPrintable(geometry));
    QVERIFY2(qAbs(box.at(2).toDouble() / box.at(3).toDouble() - box.at(4).toDouble() / box.at(5).toDouble())
                 < 0.02,
             qPrintable(geometry));
    QVERIFY2(box.at(6).toDouble() <= box.at(7).toDouble(), qPrintable(geometry));

    const EmbedSnippet snippet = window->snippet();
    for (const QString &text : {snippet.html, snippet.javascript}) {
        QVERIFY2(text.contains(u"\"cloudName\": \"widgetcloud\""_s), qPrintable(text));
        for (const core::catalog::CatalogAsset &a : std::as_const(chosen))
            QVERIFY2(text.contains(u"\"publicId\": \""_s + a.publicId + u'"'), qPrintable(a.publicId));
        QVERIFY(text.contains(u"\"mediaType\": \"video\""_s));
    }

    QWebEngineProfile offTheRecord;
    QWebEnginePage page(&offTheRecord);
    QWebEngineView view;
    view.setPage(&page);
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.setHtml(u"<!DOCTYPE html><html><body>"_s + snippet.html + u"</body></html>"_s,
                 QUrl(u"https://shop.example/"_s));
    QVERIFY(loaded.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(&page, u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(),
                              4, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(&page,
                                      u"(function () { var i = document.querySelector('.cld-pg-main img');"
                                      " return !!i && i.complete && i.naturalWidth > 0; })()"_s)
                                 .toBool(),
                             20000);
    checkNoSecret(window->host());
}
void TestCloudWidgetPreviews::windowsGrabWithTheirWidget_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("upload-widget") << u"upload-widget"_s;
    QTest::newRow("media-editor") << u"media-editor"_s;
    QTest::newRow("video-player") << u"video-player"_s;
    QTest::newRow("product-gallery") << u"product-gallery"_s;
}
// The windows the tests above opened, grabbed as a person sees them: the web content is in the
// picture (not a blank view), and with STRATUS_SCREENSHOTS set the pictures are saved there
// (docs/screenshots/).
void TestCloudWidgetPreviews::windowsGrabWithTheirWidget()
{
    QFETCH(QString, name);
    WidgetWindow *window = nullptr;
    if (name == u"upload-widget")
        window = m_windows->uploadWidget();
    else if (name == u"media-editor")
        window = m_windows->mediaEditor();
    else if (name == u"video-player")
        window = m_windows->videoPlayer();
    else
        window = m_windows->productGallery();
    if (name == u"upload-widget") {
        // Fresh, as a person opens it: another folder loads it again.
        m_windows->openUploadWidget(u"samples"_s);
        QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    }
    window->present();
    QVERIFY(window->host()->isReady());
    // Which environment the window works on is in its title ("Upload — Widgets").
    QVERIFY2(window->windowTitle().endsWith(u" — Widgets"_s), qPrintable(window->windowTitle()));
    if (name == u"upload-widget")
        QCOMPARE(window->windowTitle(), u"Upload to samples — Widgets"_s);
    QVERIFY(window->focusWidget() != nullptr && window->host()->isAncestorOf(window->focusWidget()));
    // The page paints after it was shown; the pixels are there once the view's picture has colour
    // (the view alone: the window's own widgets have colours of their own).
    QImage picture;
    const auto colourful = [&] {
        picture = window->host()->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < picture.height(); y += 7) {
            for (int x = 0; x < picture.width(); x += 7)
                colours.insert(picture.pixel(x, y));
        }
        return colours.size() > 40;
    };
    QTRY_VERIFY_WITH_TIMEOUT(colourful(), 10000);
    const QString directory = qEnvironmentVariable("STRATUS_SCREENSHOTS");
    if (!directory.isEmpty())
        QVERIFY(window->grab().toImage().save(QDir(directory).filePath(name + u".png"_s)));
}
namespace {

// WCAG's contrast ratio of two colours (1 to 21).
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

// The app's dark scheme (Fusion and palettes::dark(), as ThemeController sets them) while the four
// windows are open: their native parts follow it at once and every word in them stays readable; the
// previews' pages take the dark colours too. With STRATUS_SCREENSHOTS_DARK set, the windows are
// saved there (to look at, not for the docs).
void TestCloudWidgetPreviews::windowsFollowTheDarkPalette()
{
    const QPalette light = QApplication::palette();
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(palettes::dark());
    const auto restore = qScopeGuard([&] { QApplication::setPalette(light); });
    const QPalette dark = palettes::dark();
    const QList<WidgetWindow *> windows {m_windows->uploadWidget(), m_windows->mediaEditor(),
                                         m_windows->videoPlayer(), m_windows->productGallery()};
    for (WidgetWindow *window : windows) {
        window->present();
        QVERIFY(window->host()->isReady());
        QTRY_COMPARE(window->palette().color(QPalette::Window), dark.color(QPalette::Window));
        int checked = 0;
        for (QWidget *child : window->findChildren<QWidget *>()) {
            // Hidden ones too: the notice of a widget that could not load, a status line.
            if (child->window() != window || !child->isEnabled())
                continue;
            const QPalette p = child->palette();
            QColor text;
            QColor background;
            if (qobject_cast<QLineEdit *>(child) != nullptr
                || qobject_cast<QPlainTextEdit *>(child) != nullptr) {
                text = p.color(QPalette::Text);
                background = p.color(QPalette::Base);
                QCOMPARE(background, dark.color(QPalette::Base));
            } else if (qobject_cast<QAbstractButton *>(child) != nullptr) {
                text = p.color(QPalette::ButtonText);
                background = p.color(QPalette::Button);
            } else if (qobject_cast<QLabel *>(child) != nullptr) {
                text = p.color(QPalette::WindowText);
                background = p.color(QPalette::Window);
            } else {
                continue;
            }
            ++checked;
            QVERIFY2(contrast(text, background) >= 4.5,
                     qPrintable(window->objectName() + u' ' + child->objectName() + u' ' + text.name()
                                + u" on "_s + background.name()));
        }
        QVERIFY(checked > 0);
        if (auto *preview = qobject_cast<PreviewWindow *>(window)) {
            // The page around the widget is the window's dark base, not a light band.
            const QColor base = dark.color(QPalette::Base);
            const QString expected = u"rgb(%1, %2, %3)"_s.arg(base.red()).arg(base.green()).arg(base.blue());
            QTRY_COMPARE(
                evaluate(preview->host()->page(), u"getComputedStyle(document.body).backgroundColor"_s)
                    .toString(),
                expected);
        }
        const QString directory = qEnvironmentVariable("STRATUS_SCREENSHOTS_DARK");
        if (!directory.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(
                window->grab().toImage().save(QDir(directory).filePath(window->objectName() + u".png"_s)));
        }
    }
}
QTEST_MAIN(TestCloudWidgetPreviews)
#include "tst_cloudwidgetpreviews.moc"
