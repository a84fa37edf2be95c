// The quick look's player on a system where Qt Multimedia has no media backend (QT_MEDIA_BACKEND
// names none that exists, set before the first player is made): it says so over the picture,
// disables its controls, and Space or a source change do nothing harmful. Qt 6.4 aborts the process
// (qFatal) when a multimedia object is made without a backend; this test died that way before
// MediaView checked for one first.

#include "gui/quicklook/mediaview.h"

#include <QDir>
#include <QKeyEvent>
#include <QSlider>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using stratus::gui::MediaView;

class TestMediaBackendMissing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("QT_MEDIA_BACKEND", "stratus-test-none"); }

    void saysSoAndDisablesTheControls()
    {
        MediaView view;
        view.resize(640, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!MediaView::mediaBackendPresent());
        QVERIFY(!view.isBackendAvailable());
        QVERIFY(!view.player()); // made without a backend, Qt 6.4 would abort
        QVERIFY2(view.message().contains(u"no media backend"_s), qPrintable(view.message()));

        QImage poster(320, 180, QImage::Format_RGB32);
        poster.fill(QColor(0x40, 0x60, 0x80));
        view.setSource(QUrl(u"http://127.0.0.1:9/video/upload/v1/clip.mp4"_s), false);
        view.setPoster(poster);
        // The reason stays, and nothing can be started.
        QVERIFY(view.message().contains(u"no media backend"_s));
        for (QToolButton *button : view.findChildren<QToolButton *>())
            QVERIFY2(!button->isEnabled(), qPrintable(button->accessibleName()));
        for (QSlider *slider : view.findChildren<QSlider *>())
            QVERIFY2(!slider->isEnabled(), qPrintable(slider->accessibleName()));
        QKeyEvent space(QEvent::KeyPress, Qt::Key_Space, Qt::NoModifier);
        QVERIFY(view.handleKey(&space));
        QCOMPARE(view.timeText(), u"0:00"_s);
        view.seekBy(5000);
        view.clear();
        QVERIFY(view.message().contains(u"no media backend"_s));

        if (const QString dir = qEnvironmentVariable("STRATUS_SCREENSHOTS"); !dir.isEmpty()) {
            view.setPoster(poster);
            QDir().mkpath(dir);
            QVERIFY(view.grab().save(QDir(dir).filePath(u"quicklook-no-media-backend.png"_s)));
        }
    }
};

QTEST_MAIN(TestMediaBackendMissing)
#include "tst_mediabackendmissing.moc"
