#include "gui/mainwindow/aboutdialog.h"
#include "gui/mainwindow/mainwindow.h"

#include "stratus/version.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTest>

using namespace stratus::gui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensOnTheWelcomePage()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Stratus"));
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(pages);
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("welcomePage"));

        // What a person sees is not blank: the window renders at its size.
        const QPixmap shot = window.grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.width() >= 400);
    }

    void everyMenuActionHasAKeyboardRoute()
    {
        MainWindow window;
        const auto actions = window.findChildren<QAction *>();
        QVERIFY(!actions.isEmpty());
        for (QAction *action : actions) {
            if (action->isSeparator() || action->menu())
                continue;
            // Either a shortcut or a mnemonic in the menu text.
            QVERIFY2(!action->shortcut().isEmpty() || action->text().contains(u'&'),
                     qPrintable(action->objectName()));
        }
    }

    void quitClosesTheWindow()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *quit = window.findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QCOMPARE(quit->shortcut(), QKeySequence(QKeySequence::Quit));
        quit->trigger();
        QVERIFY(!window.isVisible());
    }

    void aboutShowsVersionQtAndSupport()
    {
        AboutDialog dialog;
        auto *text = dialog.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QStringLiteral(STRATUS_VERSION_STRING)));
        QVERIFY(text->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(text->text().contains(QStringLiteral("MIT")));
        QVERIFY(text->text().contains(QStringLiteral("issues")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
