// The quick look (issue 13, point 4), offscreen at a device pixel ratio of 2 (QT_SCALE_FACTOR, set in
// main before the application starts), against a real stratus-sandbox:
// - pictures zoom with + − 0 1 and the wheel (about the pointer), pan with the arrows and by dragging,
//   and at 100 % show one pixel of the picture on one device pixel; zooming in past the rendition
//   loaded asks for a sharper one, up to the original;
// - the dialog asks the delivery URL for the device pixels it shows;
// - a video of an authenticated asset streams from a signed URL that answers byte ranges, and plays
//   as far as the media backend of the machine allows;
// - audio gets the player without a picture;
// - a PDF shows page 1 (pg_1), Page Down and the Next button go on (pg_2, pg_3), the page after the
//   last ends the document.
// Screenshots of a zoomed picture and a video go to $STRATUS_SCREENSHOTS when it is set.

#include "sandboxprocess.h"
#include "testmedia.h"

#include "core/api/uploadapi.h"
#include "core/catalog/catalog.h"
#include "gui/browser/previewdialog.h"
#include "gui/quicklook/mediaview.h"
#include "gui/quicklook/zoomimageview.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>
#include <QRegularExpression>
#include <QTest>
#include <QToolButton>

using namespace stratus;
using namespace stratus::core::catalog;
using namespace Qt::StringLiterals;
using gui::MediaView;
using gui::PreviewDialog;
using gui::ZoomImageView;

namespace {

const QList<QColor> kPageColours = {QColor(200, 30, 30), QColor(30, 160, 40), QColor(30, 60, 200)};

// Every pixel tells where it is: red and green its coordinates, blue which 256-pixel tile.
QImage coordinatePattern(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            line[x] = qRgb(x % 256, y % 256, (x / 256) * 16 + (y / 256));
    }
    return image;
}

// Something a person would photograph: a sky, a sun, hills and fine stripes to zoom into.
QImage landscape(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, QColor(0x2c, 0x5d, 0x9e));
    sky.setColorAt(0.6, QColor(0xf0, 0xb0, 0x70));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xff, 0xe0, 0x90));
    painter.drawEllipse(QPointF(size.width() * 0.7, size.height() * 0.45), size.height() * 0.12,
                        size.height() * 0.12);
    painter.setBrush(QColor(0x3a, 0x5a, 0x3a));
    QPolygonF hills;
    hills << QPointF(0, size.height());
    for (int x = 0; x <= size.width(); x += size.width() / 12)
        hills << QPointF(x, size.height() * (0.62 + 0.08 * std::sin(x / 180.0)));
    hills << QPointF(size.width(), size.height());
    painter.drawPolygon(hills);
    painter.setPen(QPen(QColor(0x20, 0x30, 0x20), 1));
    for (int x = 0; x < size.width(); x += 6)
        painter.drawLine(QPointF(x, size.height() * 0.9), QPointF(x + 3, size.height()));
    return image;
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
}

bool handle(ZoomImageView &view, int key)
{
    QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
    return view.handleKey(&event);
}

QColor centreColour(const QImage &image)
{
    return image.pixelColor(image.width() / 2, image.height() * 3 / 4);
}

bool near(const QColor &a, const QColor &b)
{
    return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40
        && std::abs(a.blue() - b.blue()) < 40;
}

} // namespace

class TestQuickLook : public QObject
{
    Q_OBJECT

private:
    test::SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Catalog> m_catalog;
    QString m_photo;
    QString m_video;
    QString m_audio;
    QString m_pdf;

    gui::BrowserEnvironment environment()
    {
        gui::BrowserEnvironment env;
        env.catalog = m_catalog.get();
        env.network = m_sandbox.network();
        env.apiContext = [this] {
            return core::Result<core::ApiContext>(m_sandbox.context(0));
        };
        // Without the secret, as the app hands it out: signed links fetch it from the context.
        const QString text = m_sandbox.cloudinaryUrls().at(0);
        const auto full = core::CloudinaryUrl::parse(text).value();
        const QString withoutSecret = QString(text).replace(u':' + full.apiSecret() + u'@', u"@"_s);
        env.url = [withoutSecret] {
            return core::CloudinaryUrl::parse(withoutSecret).value();
        };
        env.offlineReason = [] {
            return QString();
        };
        return env;
    }

    QString upload(const QString &file, const QString &publicId, const QString &type = u"upload"_s)
    {
        core::UploadOptions options;
        options.publicId = publicId;
        options.type = type;
        std::unique_ptr<core::UploadJob> job(
            core::UploadApi(m_sandbox.context(0)).upload(file, options, nullptr));
        if (!test::runToEnd(job.get()) || job->error() || !job->result())
            return {};
        return job->result()->asset.assetId;
    }

    CatalogAsset stored(const QString &assetId)
    {
        const auto asset = m_catalog->asset(assetId);
        return asset && asset.value() ? *asset.value() : CatalogAsset();
    }

    std::unique_ptr<PreviewDialog> open(const QStringList &ids, int current = 0)
    {
        auto dialog = std::make_unique<PreviewDialog>(environment(), nullptr, ids, current);
        dialog->resize(760, 520);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            return nullptr;
        return dialog;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start(
                     {u"--environment"_s, u"cloudinary://520001:looksecret@quicklook?folder_mode=dynamic"_s},
                     1, false, &error),
                 qPrintable(error));
        const QString photo = m_dir.filePath(u"landscape.png"_s);
        QVERIFY(landscape(QSize(2400, 1600)).save(photo));
        m_photo = upload(photo, u"looks/landscape"_s);
        m_video = upload(QStringLiteral(STRATUS_SOURCE_DIR "/resources/sample-media/sample-clip.mp4"),
                         u"looks/clip"_s, u"authenticated"_s);
        const QString wav = m_dir.filePath(u"tone.wav"_s);
        QVERIFY(test::writeToneWav(wav, 2.0));
        m_audio = upload(wav, u"looks/tone"_s);
        const QString pdf = m_dir.filePath(u"pages.pdf"_s);
        QVERIFY(test::writeColouredPdf(pdf, kPageColours));
        m_pdf = upload(pdf, u"looks/pages"_s);
        for (const QString &id : {m_photo, m_video, m_audio, m_pdf})
            QVERIFY(!id.isEmpty());

        const auto url = core::CloudinaryUrl::parse(m_sandbox.cloudinaryUrls().at(0)).value();
        const QByteArray auth = "Basic " + (url.apiKey() + u':' + url.apiSecret()).toUtf8().toBase64();
        const auto answer = m_sandbox.raw("POST", u"/v1_1/%1/resources/search"_s.arg(url.cloudName()),
                                          {{"Authorization", auth}, {"Content-Type", "application/json"}},
                                          R"({"max_results":500})");
        QCOMPARE(answer.status, 200);
        QList<QJsonObject> resources;
        for (const QJsonValue &resource : QJsonDocument::fromJson(answer.body)[u"resources"_s].toArray())
            resources.append(resource.toObject());
        QCOMPARE(resources.size(), 4);
        auto opened = Catalog::open(m_dir.filePath(u"catalog.sqlite"_s));
        QVERIFY(opened.ok());
        m_catalog = std::move(opened).value();
        QVERIFY(m_catalog->setFolderMode(core::FolderMode::Dynamic).ok());
        QVERIFY(m_catalog->upsertResources(resources).ok());
    }

    void zoomKeysAndWheel()
    {
        ZoomImageView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.devicePixelRatioF(), 2.0);
        view.setImage(coordinatePattern(QSize(1600, 1200)));
        QSignalSpy zoomed(&view, &ZoomImageView::zoomChanged);
        // Fitted: 800 × 600 device pixels for 1600 × 1200.
        QVERIFY(view.isFitted());
        QCOMPARE(view.zoom(), 0.5);
        QVERIFY(!view.canPan());

        QVERIFY(handle(view, Qt::Key_Plus));
        QCOMPARE(view.zoom(), 0.625);
        QVERIFY(!view.isFitted());
        QVERIFY(handle(view, Qt::Key_Equal));
        QCOMPARE(view.zoom(), 0.78125);
        QVERIFY(handle(view, Qt::Key_Minus));
        QCOMPARE(view.zoom(), 0.625);
        QVERIFY(handle(view, Qt::Key_Minus));
        QVERIFY(view.isFitted());
        QVERIFY(handle(view, Qt::Key_Minus)); // never smaller than fitted
        QCOMPARE(view.zoom(), 0.5);
        QVERIFY(handle(view, Qt::Key_1));
        QCOMPARE(view.zoom(), 1.0);
        QVERIFY(handle(view, Qt::Key_0));
        QVERIFY(view.isFitted());
        QCOMPARE(view.zoom(), 0.5);
        // Steps in stop at 100 %.
        for (int i = 0; i < 3; ++i)
            QVERIFY(handle(view, Qt::Key_Plus));
        QCOMPARE(view.zoom(), 1.0);
        for (int i = 0; i < 40; ++i)
            handle(view, Qt::Key_Plus);
        QCOMPARE(view.zoom(), ZoomImageView::kMaximumZoom);
        QVERIFY(zoomed.size() >= 8);
        QVERIFY(!handle(view, Qt::Key_A));

        // The wheel zooms about the pointer: the pixel under it stays under it.
        view.fit();
        const QPointF pointer(300, 100);
        auto pictureAt = [&view](QPointF point) {
            const QRectF shown = view.pictureRect();
            return QPointF((point.x() - shown.left()) / shown.width() * 1600,
                           (point.y() - shown.top()) / shown.height() * 1200);
        };
        const QPointF before = pictureAt(pointer);
        QWheelEvent up(pointer, view.mapToGlobal(pointer), QPoint(), QPoint(0, 120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &up);
        QCOMPARE(view.zoom(), 0.625);
        QVERIFY(up.isAccepted());
        const QPointF after = pictureAt(pointer);
        QVERIFY2(
            std::abs(after.x() - before.x()) < 2 && std::abs(after.y() - before.y()) < 2,
            qPrintable(u"%1,%2 → %3,%4"_s.arg(before.x()).arg(before.y()).arg(after.x()).arg(after.y())));
        QWheelEvent down(pointer, view.mapToGlobal(pointer), QPoint(), QPoint(0, -240), Qt::NoButton,
                         Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &down);
        QVERIFY(view.isFitted());
    }

    void actualSizeShowsDevicePixels()
    {
        ZoomImageView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage source = coordinatePattern(QSize(1600, 1200));
        view.setImage(source);
        QVERIFY(handle(view, Qt::Key_1));
        // 1600 device pixels are 800 logical ones at a ratio of 2.
        QCOMPARE(view.pictureRect().size(), QSizeF(800, 600));
        const QImage shown = view.grab().toImage();
        QCOMPARE(shown.size(), QSize(800, 600));
        // The middle of the picture, pixel for pixel.
        const QPoint offset(400, 300);
        int different = 0;
        for (int y = 0; y < shown.height(); y += 7) {
            for (int x = 0; x < shown.width(); x += 5) {
                if (shown.pixel(x, y) != source.pixel(x + offset.x(), y + offset.y()))
                    ++different;
            }
        }
        QCOMPARE(different, 0);
        // Fitted, it is all there, a quarter of its pixels.
        QVERIFY(handle(view, Qt::Key_0));
        QCOMPARE(view.pictureRect().size(), QSizeF(400, 300));
    }

    void panMoves()
    {
        ZoomImageView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage source = coordinatePattern(QSize(1600, 1200));
        view.setImage(source);
        // Fitted, the arrows are not the view's (the dialog goes to the next asset).
        QVERIFY(!handle(view, Qt::Key_Right));
        QVERIFY(handle(view, Qt::Key_1));
        QVERIFY(view.canPan());
        QCOMPARE(view.panOffset(), QPointF());

        // Right shows more of the right: the picture moves left.
        QVERIFY(handle(view, Qt::Key_Right));
        QCOMPARE(view.panOffset(), QPointF(-60, 0));
        QVERIFY(handle(view, Qt::Key_Down));
        QCOMPARE(view.panOffset(), QPointF(-60, -45));
        const QImage shown = view.grab().toImage();
        QCOMPARE(shown.pixel(0, 0), source.pixel(400 + 120, 300 + 90));

        // Dragging moves the picture with the pointer.
        const QPointF from(200, 150);
        QMouseEvent pressEvent(QEvent::MouseButtonPress, from, view.mapToGlobal(from), Qt::LeftButton,
                               Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &pressEvent);
        QCOMPARE(view.cursor().shape(), Qt::ClosedHandCursor);
        const QPointF to(250, 170);
        QMouseEvent move(QEvent::MouseMove, to, view.mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, to, view.mapToGlobal(to), Qt::LeftButton,
                            Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &release);
        QCOMPARE(view.panOffset(), QPointF(-10, -25));
        QCOMPARE(view.cursor().shape(), Qt::OpenHandCursor);

        // Never past the edge: 800 logical pixels in a 400-pixel view leave 200 each way.
        view.panBy({-5000, 5000});
        QCOMPARE(view.panOffset(), QPointF(-200, 150));
        const QImage corner = view.grab().toImage();
        QCOMPARE(corner.pixel(corner.width() - 1, 0), source.pixel(1599, 0));
    }

    void zoomingPastTheRenditionAsksForASharperOne()
    {
        ZoomImageView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // What a fitted view got (800 × 600 device pixels) of a 3200 × 2400 original.
        view.setImage(coordinatePattern(QSize(800, 600)), QSize(3200, 2400));
        QSignalSpy sharper(&view, &ZoomImageView::sharperWanted);
        QCOMPARE(view.zoom(), 0.25);
        QVERIFY(handle(view, Qt::Key_Plus));
        QCOMPARE(sharper.size(), 1);
        QCOMPARE(sharper.at(0).at(0).toSize(), QSize(1000, 750));
        QVERIFY(handle(view, Qt::Key_Plus)); // asked once per rendition
        QCOMPARE(sharper.size(), 1);
        view.setImage(coordinatePattern(QSize(1500, 1125)), QSize(3200, 2400), true);
        QCOMPARE(view.zoom(), 0.390625); // kept
        QVERIFY(handle(view, Qt::Key_1));
        QCOMPARE(sharper.size(), 2);
        QCOMPARE(sharper.at(1).at(0).toSize(), QSize(3200, 2400));
    }

    void pictureAtDevicePixelsThenSharperAt100Percent()
    {
        auto dialog = open({m_photo});
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), PreviewDialog::Kind::Picture);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        // Asked for the stage's device pixels: twice its logical size.
        const QSize stage = dialog->imageView()->size();
        QCOMPARE(dialog->requestedPixels(), stage * 2);
        const QString url = dialog->pictureUrl().toString();
        QVERIFY2(url.contains(u"w_%1"_s.arg(stage.width() * 2)) && url.contains(u"c_limit"_s),
                 qPrintable(url));
        QVERIFY(dialog->picture().width() <= stage.width() * 2
                && dialog->picture().height() <= stage.height() * 2);
        QVERIFY(dialog->imageView()->isFitted());

        // 100 %: the original's pixels arrive.
        QApplication::setActiveWindow(dialog.get());
        QTest::keyClick(dialog.get(), Qt::Key_1);
        QCOMPARE(dialog->imageView()->zoom(), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->picture().size(), QSize(2400, 1600), 20000);
        QCOMPARE(dialog->imageView()->image().size(), QSize(2400, 1600));
        QCOMPARE(dialog->imageView()->zoom(), 1.0);
        // Look at the sun's edge.
        dialog->imageView()->panBy({-180, 40});
        saveScreenshot(dialog.get(), u"quicklook-image-100.png"_s);
        QTest::keyClick(dialog.get(), Qt::Key_0);
        QVERIFY(dialog->imageView()->isFitted());
        QTest::keyClick(dialog.get(), Qt::Key_Plus);
        QTest::keyClick(dialog.get(), Qt::Key_Plus);
        saveScreenshot(dialog.get(), u"quicklook-image-zoomed.png"_s);
        QTest::keyClick(dialog.get(), Qt::Key_Space);
        QVERIFY(!dialog->isVisible());
    }

    void arrowsGoThroughAssetsUnlessZoomed()
    {
        auto dialog = open({m_photo, m_pdf});
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QTest::keyClick(dialog.get(), Qt::Key_Plus);
        QTest::keyClick(dialog.get(), Qt::Key_Right); // pans
        QCOMPARE(dialog->currentIndex(), 0);
        QVERIFY(dialog->imageView()->panOffset().x() < 0);
        QTest::keyClick(dialog.get(), Qt::Key_0);
        QTest::keyClick(dialog.get(), Qt::Key_Right);
        QCOMPARE(dialog->currentIndex(), 1);
        QCOMPARE(dialog->kind(), PreviewDialog::Kind::Document);
    }

    void videoOfAnAuthenticatedAssetStreamsASignedUrl()
    {
        const CatalogAsset video = stored(m_video);
        QCOMPARE(video.type, u"authenticated"_s);
        auto dialog = open({m_video});
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), PreviewDialog::Kind::Video);
        MediaView *media = dialog->mediaView();
        QVERIFY(media->isVisible());
        QVERIFY(!dialog->imageView()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->mediaUrl().isEmpty(), 20000);
        const QUrl url = dialog->mediaUrl();
        QVERIFY2(url.path().contains(QRegularExpression(
                     u"/video/authenticated/s--[A-Za-z0-9_-]{8}--/v\\d+/looks/clip\\.mp4$"_s)),
                 qPrintable(url.toString()));
        // The signed URL streams: a player's range request gets its bytes.
        const auto piece = m_sandbox.raw("GET", url.path(QUrl::FullyEncoded), {{"Range", "bytes=0-99"}});
        QCOMPARE(piece.status, 206);
        QCOMPARE(piece.body.size(), 100);
        // The poster frame, signed too.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QVERIFY(dialog->pictureUrl().path().contains(u"/video/authenticated/s--"_s));

        // ./dev installs the GStreamer plugins the backend needs, so a missing one is a failure
        // here, not a skip; tst_mediabackendmissing covers the app without it.
        QVERIFY2(
            media->isBackendAvailable(),
            qPrintable(u"Qt Multimedia has no backend; install what ./dev lists: "_s + media->message()));
        QCOMPARE(media->player()->source(), url);
        QCOMPARE(media->player()->playbackState(), QMediaPlayer::StoppedState);
        QCOMPARE(media->timeText().left(4), u"0:00"_s);
        // Space plays (it does not close the quick look on media), and again pauses.
        QApplication::setActiveWindow(dialog.get());
        QSignalSpy frames(media, &MediaView::frameShown);
        QTest::keyClick(dialog.get(), Qt::Key_Space);
        QVERIFY(dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(media->player()->playbackState() == QMediaPlayer::PlayingState
                                     || !media->message().isEmpty(),
                                 20000);
        QVERIFY2(media->message().isEmpty(), qPrintable(media->message()));
        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 20000);
        // Paused within the clip's 3 seconds.
        QTest::keyClick(dialog.get(), Qt::Key_Space);
        QTRY_COMPARE(media->player()->playbackState(), QMediaPlayer::PausedState);
        QCOMPARE(media->currentFrame().size(), QSize(320, 180));
        QTRY_VERIFY_WITH_TIMEOUT(media->player()->duration() > 0, 20000);
        QVERIFY2(QRegularExpression(u"^0:0\\d / 0:03$"_s).match(media->timeText()).hasMatch(),
                 qPrintable(media->timeText()));
        // Shift+Left goes back to the start; M mutes; Shift+Down lowers the volume.
        QTest::keyClick(dialog.get(), Qt::Key_Left, Qt::ShiftModifier);
        QTRY_COMPARE(media->player()->position(), 0);
        QCOMPARE(dialog->currentIndex(), 0);
        const int volume = media->volumePercent();
        QTest::keyClick(dialog.get(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(media->volumePercent(), volume - 10);
        QTest::keyClick(dialog.get(), Qt::Key_M);
        QVERIFY(media->isMuted());
        QTest::keyClick(dialog.get(), Qt::Key_M);
        saveScreenshot(dialog.get(), u"quicklook-video.png"_s);
        // Esc closes, and the player stops.
        QTest::keyClick(dialog.get(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QTRY_COMPARE(media->player()->playbackState(), QMediaPlayer::StoppedState);
        QVERIFY(media->player()->source().isEmpty());
    }

    void audioGetsThePlayer()
    {
        auto dialog = open({m_audio});
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), PreviewDialog::Kind::Audio);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->mediaUrl().isEmpty(), 20000);
        QVERIFY2(dialog->mediaUrl().path().endsWith(
                     u"/video/upload/v%1/looks/tone.wav"_s.arg(stored(m_audio).version)),
                 qPrintable(dialog->mediaUrl().toString()));
        QVERIFY(dialog->pictureUrl().isEmpty()); // nothing to look at
        if (dialog->mediaView()->isBackendAvailable())
            QCOMPARE(dialog->mediaView()->player()->source(), dialog->mediaUrl());
    }

    void pdfPagesOneByOne()
    {
        auto dialog = open({m_pdf});
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), PreviewDialog::Kind::Document);
        QCOMPARE(dialog->page(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QVERIFY2(dialog->pictureUrl().path().contains(u"pg_1"_s),
                 qPrintable(dialog->pictureUrl().toString()));
        QVERIFY2(dialog->pictureUrl().path().endsWith(u"/looks/pages.jpg"_s),
                 qPrintable(dialog->pictureUrl().toString()));
        QVERIFY(near(centreColour(dialog->picture()), kPageColours.at(0)));

        QApplication::setActiveWindow(dialog.get());
        QTest::keyClick(dialog.get(), Qt::Key_PageDown);
        QCOMPARE(dialog->page(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->pictureUrl().path().contains(u"pg_2"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QVERIFY(near(centreColour(dialog->picture()), kPageColours.at(1)));

        // The page bar's Next button too.
        QToolButton *nextButton = nullptr;
        for (QToolButton *button : dialog->findChildren<QToolButton *>()) {
            if (button->accessibleName().startsWith(u"Next page"_s))
                nextButton = button;
        }
        QVERIFY(nextButton);
        QVERIFY(nextButton->isEnabled());
        nextButton->click();
        QCOMPARE(dialog->page(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QVERIFY(dialog->pictureUrl().path().contains(u"pg_3"_s));
        QVERIFY(near(centreColour(dialog->picture()), kPageColours.at(2)));

        // There is no page 4: the document ends at 3.
        QTest::keyClick(dialog.get(), Qt::Key_PageDown);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->lastPage(), 3, 20000);
        QCOMPARE(dialog->page(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        QVERIFY(near(centreColour(dialog->picture()), kPageColours.at(2)));
        QVERIFY(!nextButton->isEnabled());
        QTest::keyClick(dialog.get(), Qt::Key_PageDown);
        QCOMPARE(dialog->page(), 3);
        QTest::keyClick(dialog.get(), Qt::Key_PageUp);
        QCOMPARE(dialog->page(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->pictureUrl().path().contains(u"pg_2"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->picture().isNull(), 20000);
        saveScreenshot(dialog.get(), u"quicklook-pdf.png"_s);
    }
};

int main(int argc, char *argv[])
{
    // A HiDPI screen: what 100 % and the requested sizes must honour.
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    TestQuickLook test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_quicklook.moc"
