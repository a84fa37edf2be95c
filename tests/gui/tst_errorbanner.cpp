// An error shown in the app: words::ErrorWords' words (after the page's own sentence) and the
// button of its remedy, which says what the person can do and does it (issue 12, point 3).
#include "gui/errors/errorbanner.h"
#include "gui/errors/errorpresenter.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;

class TestErrorBanner : public QObject
{
    Q_OBJECT

private slots:
    void showsTheWordsAndTheRemedy()
    {
        QWidget page;
        auto *banner = new gui::ErrorBanner(&page);
        page.show();
        QVERIFY(!banner->isVisible()); // nothing wrong yet

        const core::Error error
            = core::Error::because(core::Error::Kind::Auth, core::ErrorReason::SecretNotInKeychain);
        banner->showError(error, u"Refused: the API key or secret is wrong."_s,
                          {words::Remedy::Retry, words::Remedy::ReenterSecret});
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text(),
                 u"Refused: the API key or secret is wrong. "_s + words::ErrorWords::text(error));
        auto *button = banner->findChild<QPushButton *>(u"errorBannerRemedy"_s);
        QVERIFY(button);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), words::ErrorWords::remedyLabel(words::Remedy::ReenterSecret));

        QSignalSpy chosen(banner, &gui::ErrorBanner::remedyRequested);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().value<words::Remedy>(), words::Remedy::ReenterSecret);

        banner->clearError();
        QVERIFY(!banner->isVisible());
        QVERIFY(!banner->error());
    }

    void offersOnlyWhatTheOwnerCanDo()
    {
        QWidget page;
        auto *banner = new gui::ErrorBanner(&page);
        page.show();
        core::Error proxy;
        proxy.kind = core::Error::Kind::Network;
        proxy.networkCause = core::Error::NetworkCause::Proxy;
        banner->showError(proxy, {}, {words::Remedy::Retry}); // a dialog that cannot open Settings
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->remedy(), words::Remedy::None);
        QVERIFY(!banner->findChild<QPushButton *>(u"errorBannerRemedy"_s)->isVisible());
        QCOMPARE(banner->text(), words::ErrorWords::text(proxy));
    }

    void richTextIsEscaped()
    {
        const core::Error error = core::Error::because(
            core::Error::Kind::Conflict, core::ErrorReason::EnvironmentNameTaken, u"<b>x</b>"_s);
        QVERIFY(gui::ErrorPresenter::richText(error).contains(u"&lt;b&gt;x&lt;/b&gt;"_s));
    }
};

QTEST_MAIN(TestErrorBanner)
#include "tst_errorbanner.moc"
