// Help that helps (issue 13, point 11): Documentation opens the user guide shipped with Stratus in a
// window of its own; About shows the version, Qt's version, the licence and the support contact (the
// same as the README's); Report a Problem copies diagnostics free of secrets and signed URLs and says
// where to send them; without a browser, Stratus shows the address it would have opened.

#include "windowfixture.h"

#include "gui/mainwindow/aboutdialog.h"
#include "gui/mainwindow/diagnostics.h"
#include "gui/mainwindow/helpwindow.h"
#include "gui/mainwindow/linkopener.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/mainwindow/reportproblemdialog.h"

#include "stratus/version.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

QString readme()
{
    QFile file(QStringLiteral(STRATUS_SOURCE_DIR) + u"/README.md"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QDialog *linkNotOpened()
{
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (top->objectName() == u"linkNotOpened"_s && top->isVisible())
            return qobject_cast<QDialog *>(top);
    }
    return nullptr;
}

} // namespace

class TestHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentationIsTheGuideShippedWithStratus()
    {
        test::Fixture f;
        QVERIFY(f.store.load().ok());
        MainWindow window(&f.store, &f.network, &f.preferences);
        QList<QUrl> opened;
        window.setLinkOpener(LinkOpener([&](const QUrl &url) {
            opened << url;
            return true;
        }));
        window.show();
        auto *action = window.findChild<QAction *>(u"documentationAction"_s);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::HelpContents));
        action->trigger();
        auto *help = window.findChild<HelpWindow *>();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        const QString text = help->browser()->toPlainText();
        QVERIFY2(text.startsWith(u"Stratus User Guide"_s), qPrintable(text.left(80)));
        for (const QString &topic :
             {u"Uploading"_s, u"Waiting for connection"_s, u"Show in Folder"_s, u"Report a Problem"_s})
            QVERIFY2(text.contains(topic), qPrintable(topic));
        QVERIFY(opened.isEmpty()); // no browser, no code-hosting site
        // F1 again raises the same window.
        action->trigger();
        QCOMPARE(window.findChildren<HelpWindow *>().size(), 1);
    }

    void aboutSaysVersionsLicenceAndContact()
    {
        QList<QUrl> opened;
        AboutDialog about(nullptr, LinkOpener([&](const QUrl &url) {
                              opened << url;
                              return false; // no browser, no mail program
                          }));
        about.show();
        QVERIFY(QTest::qWaitForWindowExposed(&about));
        const QString text = about.textLabel()->text();
        QVERIFY(text.contains(QStringLiteral(STRATUS_VERSION_STRING)));
        QVERIFY(text.contains(u"Qt "_s + QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(u"MIT License"_s));
        QVERIFY(text.contains(u"mailto:"_s + AboutDialog::supportEmail()));
        QVERIFY(text.contains(AboutDialog::supportUrl()));
        // The README gives the same contact.
        const QString readmeText = readme();
        QVERIFY(readmeText.contains(AboutDialog::supportEmail()));
        QVERIFY(readmeText.contains(AboutDialog::supportUrl()));

        QVERIFY(about.grab().save(QStringLiteral(STRATUS_SOURCE_DIR) + u"/docs/screenshots/about.png"_s));

        // Nothing opens the address: Stratus shows it, to copy.
        Q_EMIT about.textLabel()->linkActivated(u"mailto:"_s + AboutDialog::supportEmail());
        QCOMPARE(opened.size(), 1);
        QDialog *shown = nullptr;
        QTRY_VERIFY((shown = linkNotOpened()) != nullptr);
        auto *field = shown->findChild<QLineEdit *>(u"linkAddress"_s);
        QVERIFY(field);
        QCOMPARE(field->text(), AboutDialog::supportEmail());
        shown->findChild<QPushButton *>(u"copyLink"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), AboutDialog::supportEmail());
        shown->close();
    }

    void reportHoldsNoSecretOrSignedUrl()
    {
        test::Fixture f;
        QVERIFY(f.store.load().ok());
        f.addAccount(u"Studio"_s, {u"Brand Assets"_s});
        RecentProblems problems;
        problems.install();
        const QString secret = u"s3cr3t-Brand Assets"_s;
        // What a careless log line could hold, through the real message handler and directly.
        qWarning().noquote() << u"Upload failed for cloudinary://1234:VERYSECRET@brand-assets?secure=true"_s;
        qWarning().noquote() << u"GET http://127.0.0.1:9/brand/image/private/s--AbCdEfGh--/v1/x.jpg?"
                                u"__cld_token__=exp=99~hmac=deadbeef answered 404"_s;
        problems.record(QtCriticalMsg, u"stratus.test"_s,
                        u"api_secret=ALSOSECRET&signature=0123abcd Authorization: Basic dXNlcjpwYXNz "
                        u"https://user:hunter2@proxy.example/ secret: "_s
                            + secret);
        problems.record(QtInfoMsg, u"stratus.test"_s, u"an info line is no problem"_s);

        MainWindow window(&f.store, &f.network, &f.preferences);
        window.setRecentProblems(&problems);
        QList<QUrl> opened;
        window.setLinkOpener(LinkOpener([&](const QUrl &url) {
            opened << url;
            return false;
        }));
        window.show();
        QApplication::clipboard()->clear();
        window.findChild<QAction *>(u"reportProblemAction"_s)->trigger();
        auto *dialog = window.findChild<ReportProblemDialog *>();
        QVERIFY(dialog);
        const QString copied = QApplication::clipboard()->text();
        QCOMPARE(copied, dialog->reportView()->toPlainText());
        QVERIFY(copied.startsWith(u"Stratus "_s + QStringLiteral(STRATUS_VERSION_STRING)));
        QVERIFY(copied.contains(u"Qt "_s + QString::fromLatin1(qVersion())));
        QVERIFY(copied.contains(u"System: "_s));
        QVERIFY(copied.contains(u"Environments: 1"_s));
        QVERIFY2(copied.contains(u"Upload failed for"_s) && copied.contains(u"answered 404"_s),
                 qPrintable(copied));
        QVERIFY(!copied.contains(u"an info line"_s));
        for (const QString &never :
             {u"VERYSECRET"_s, u"ALSOSECRET"_s, u"0123abcd"_s, u"s--AbCdEfGh--"_s, u"hmac=deadbeef"_s,
              u"dXNlcjpwYXNz"_s, u"hunter2"_s, secret, u"s3cr3t"_s, u"Brand Assets"_s, u"Studio"_s})
            QVERIFY2(!copied.contains(never), qPrintable(never + u" in:\n"_s + copied));
        // Where to send it.
        const QString instructions = dialog->instructions()->text();
        QVERIFY(instructions.contains(AboutDialog::supportEmail()));
        QVERIFY(instructions.contains(AboutDialog::supportUrl()));
        // No browser: the tracker's address is shown instead.
        dialog->findChild<QPushButton *>(u"openIssueTracker"_s)->click();
        QCOMPARE(opened, QList<QUrl> {QUrl(AboutDialog::supportUrl())});
        QDialog *shown = nullptr;
        QTRY_VERIFY((shown = linkNotOpened()) != nullptr);
        QCOMPARE(shown->findChild<QLineEdit *>(u"linkAddress"_s)->text(), AboutDialog::supportUrl());
        shown->close();
        dialog->close();
    }
};

QTEST_MAIN(TestHelp)
#include "tst_help.moc"
