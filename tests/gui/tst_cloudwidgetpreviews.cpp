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
QTEST_MAIN(TestCloudWidgetPreviews)
#include "tst_cloudwidgetpreviews.moc"
