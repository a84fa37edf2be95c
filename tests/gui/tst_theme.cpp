// Issue 13, point 12: light and dark. The setting changes QApplication's palette at once and the
// widgets follow; "Same as the desktop" asks the freedesktop portal (a stand-in on the test's
// private session bus) and follows its SettingChanged signal; the decision for given inputs.

#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/settings/settingsdialog.h"
#include "gui/shell/infobar.h"
#include "gui/theme/colorschemeportal.h"
#include "gui/theme/palettes.h"
#include "gui/theme/palettestylesheet.h"
#include "gui/theme/symbolicicon.h"
#include "gui/theme/themecontroller.h"

#include "windowfixture.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDialogButtonBox>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>
#include <QToolButton>

#include <atomic>
#include <cmath>

using namespace stratus;
using namespace stratus::gui;
using namespace Qt::StringLiterals;

namespace {

/// xdg-desktop-portal's Settings interface, as far as the colour scheme goes.
class FakePortal : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")

public:
    std::atomic<uint> scheme {1};

public slots:
    // Read() answers a variant holding a variant, as the real portal does.
    QDBusVariant Read(const QString &nameSpace, const QString &key)
    {
        if (nameSpace != u"org.freedesktop.appearance"_s || key != u"color-scheme"_s)
            return QDBusVariant(QVariant::fromValue(QDBusVariant(QString())));
        return QDBusVariant(QVariant::fromValue(QDBusVariant(QVariant::fromValue(uint(scheme)))));
    }
};

/// The stand-in portal on its own connection and thread, so that the app's blocking Read() is
/// answered while the test's thread waits for it.
class PortalService
{
public:
    PortalService()
        : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"fake-portal"_s))
    {
        portal.moveToThread(&m_thread);
        m_thread.start();
    }
    ~PortalService()
    {
        m_bus.unregisterService(u"org.freedesktop.portal.Desktop"_s);
        m_bus.unregisterObject(u"/org/freedesktop/portal/desktop"_s);
        QDBusConnection::disconnectFromBus(u"fake-portal"_s);
        m_thread.quit();
        m_thread.wait();
    }
    bool start()
    {
        return m_bus.isConnected()
            && m_bus.registerObject(u"/org/freedesktop/portal/desktop"_s, &portal,
                                    QDBusConnection::ExportAllSlots)
            && m_bus.registerService(u"org.freedesktop.portal.Desktop"_s);
    }
    void change(uint scheme)
    {
        portal.scheme = scheme;
        QDBusMessage signal = QDBusMessage::createSignal(
            u"/org/freedesktop/portal/desktop"_s, u"org.freedesktop.portal.Settings"_s, u"SettingChanged"_s);
        signal << u"org.freedesktop.appearance"_s << u"color-scheme"_s
               << QVariant::fromValue(QDBusVariant(QVariant::fromValue(scheme)));
        m_bus.send(signal);
    }

    FakePortal portal;

private:
    QDBusConnection m_bus;
    QThread m_thread;
};

bool windowIsDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 100;
}

bool windowIsLight()
{
    return QApplication::palette().color(QPalette::Window).lightness() > 200;
}

void choose(Preferences &preferences, AppSettings::Theme theme)
{
    AppSettings values = preferences.values();
    values.theme = theme;
    QVERIFY(preferences.setValues(values));
}

// WCAG's contrast ratio.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return std::max(la, lb) / std::min(la, lb);
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void decidesFromTheChoiceThePortalAndTheDesktop_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<int>("portal"); // -1: no portal
        QTest::addColumn<bool>("desktopDark");
        QTest::addColumn<bool>("dark");
        const int system = int(AppSettings::Theme::System);
        QTest::newRow("light, whatever the desktop") << int(AppSettings::Theme::Light) << 1 << true << false;
        QTest::newRow("dark, whatever the desktop") << int(AppSettings::Theme::Dark) << 2 << false << true;
        QTest::newRow("system, portal prefers dark") << system << 1 << false << true;
        QTest::newRow("system, portal prefers light") << system << 2 << true << false;
        QTest::newRow("system, no preference, dark palette") << system << 0 << true << true;
        QTest::newRow("system, no preference, light palette") << system << 0 << false << false;
        QTest::newRow("system, no portal, light palette") << system << -1 << false << false;
        QTest::newRow("system, no portal, dark palette") << system << -1 << true << true;
    }

    void decidesFromTheChoiceThePortalAndTheDesktop()
    {
        QFETCH(int, choice);
        QFETCH(int, portal);
        QFETCH(bool, desktopDark);
        QFETCH(bool, dark);
        const QPalette desktop = desktopDark ? palettes::dark() : palettes::light();
        const std::optional<uint> answer = portal < 0 ? std::nullopt : std::optional<uint>(uint(portal));
        QCOMPARE(ThemeController::decide(AppSettings::Theme(choice), answer, desktop),
                 dark ? ThemeController::Scheme::Dark : ThemeController::Scheme::Light);
    }

    // Text, selection and disabled text stay readable in both palettes.
    void bothPalettesAreLegible()
    {
        for (const QPalette &palette : {palettes::light(), palettes::dark()}) {
            QVERIFY(contrast(palette.color(QPalette::WindowText), palette.color(QPalette::Window)) >= 7);
            QVERIFY(contrast(palette.color(QPalette::Text), palette.color(QPalette::Base)) >= 7);
            QVERIFY(contrast(palette.color(QPalette::ButtonText), palette.color(QPalette::Button)) >= 7);
            for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
                QVERIFY(contrast(palette.color(group, QPalette::HighlightedText),
                                 palette.color(group, QPalette::Highlight))
                        >= 4.5);
            QVERIFY(contrast(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Base)) >= 4.5);
            QVERIFY(contrast(palette.color(QPalette::Link), palette.color(QPalette::Base)) >= 4.5);
            QVERIFY(contrast(palettes::errorText(palette), palette.color(QPalette::Window)) >= 4.5);
            QVERIFY(
                contrast(palette.color(QPalette::Disabled, QPalette::Text), palette.color(QPalette::Window))
                >= 3);
        }
    }

    // The setting changes the application's palette at once, and widgets already shown follow.
    void theSettingSwitchesThePaletteAndWidgetsFollow()
    {
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, nullptr);
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
        QVERIFY(windowIsLight()); // the default with no portal: the desktop's palette, light here

        QListView view;
        InfoBar bar;
        view.show();
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy changed(&theme, &ThemeController::schemeChanged);

        choose(fixture.preferences, AppSettings::Theme::Dark);
        QCOMPARE(theme.scheme(), ThemeController::Scheme::Dark);
        QCOMPARE(changed.size(), 1);
        QVERIFY(windowIsDark());
        // Widgets get the new palette through posted events.
        QTRY_COMPARE(view.palette().color(QPalette::Base), palettes::dark().color(QPalette::Base));
        QTRY_COMPARE(bar.palette().color(QPalette::Window), palettes::dark().color(QPalette::Window));
        const QImage darkBar = bar.grab().toImage();
        QVERIFY(QColor(darkBar.pixel(darkBar.width() / 2, darkBar.height() - 3)).lightness() < 100);

        choose(fixture.preferences, AppSettings::Theme::Light);
        QVERIFY(windowIsLight());
        QTRY_COMPARE(view.palette().color(QPalette::Base), palettes::light().color(QPalette::Base));
        const QImage lightBar = bar.grab().toImage();
        QVERIFY(QColor(lightBar.pixel(lightBar.width() / 2, lightBar.height() - 3)).lightness() > 180);

        // Remembered: the next start reads Light.
        QCOMPARE(Preferences(fixture.preferences.fileName()).values().theme, AppSettings::Theme::Light);

        // The View menu's items (for the menu another part of the window builds) store the choice.
        QMenu menu;
        theme.addMenuActions(&menu);
        QCOMPARE(menu.actions().size(), 3);
        QAction *dark = theme.actions()->findChild<QAction *>(u"themeDarkAction"_s);
        QVERIFY(dark && !dark->isChecked());
        dark->trigger();
        QVERIFY(windowIsDark());
        QCOMPARE(fixture.preferences.values().theme, AppSettings::Theme::Dark);
        QVERIFY(dark->isChecked());
        choose(fixture.preferences, AppSettings::Theme::Light);
        QVERIFY(theme.actions()->findChild<QAction *>(u"themeLightAction"_s)->isChecked());
    }

    // Style sheets in palette colours (the filter chips, the tags) follow a switch: Qt alone would
    // keep the colours of the theme the sheet was set in.
    void styleSheetsFollowTheSwitch()
    {
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, nullptr);
        choose(fixture.preferences, AppSettings::Theme::Light);
        QWidget bar;
        auto *chip = new QToolButton(&bar);
        chip->setObjectName(u"filterChip"_s);
        chip->setText(u"Tag: beach"_s);
        chip->setGeometry(0, 0, 120, 30);
        setPaletteStyleSheet(&bar, u"QToolButton#filterChip { background: palette(alternate-base); }"_s);
        bar.resize(140, 40);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        const auto background = [chip] {
            return QColor(chip->grab().toImage().pixel(4, 4));
        };
        QVERIFY(background().lightness() > 200);
        choose(fixture.preferences, AppSettings::Theme::Dark);
        QTRY_VERIFY(background().lightness() < 80);
        choose(fixture.preferences, AppSettings::Theme::Light);
        QTRY_VERIFY(background().lightness() > 200);
    }

    // The icons of the toolbar are drawn in the text colour of the palette in use.
    void symbolicIconsFollowThePalette()
    {
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, nullptr);
        const QIcon icon = symbolicIcon(u":/icons/settings.svg"_s);
        const auto darkest = [&] {
            const QImage image = icon.pixmap(QSize(24, 24)).toImage();
            int lightest = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (qAlpha(image.pixel(x, y)) > 200)
                        lightest = std::max(lightest, QColor(image.pixel(x, y)).lightness());
            return lightest;
        };
        choose(fixture.preferences, AppSettings::Theme::Light);
        QVERIFY(darkest() < 100);
        choose(fixture.preferences, AppSettings::Theme::Dark);
        QVERIFY(darkest() > 180);
        choose(fixture.preferences, AppSettings::Theme::Light);
    }

    // Settings: the combo box shows the choice at once (a preview), OK keeps it, Cancel undoes it.
    void settingsPreviewKeepAndCancel()
    {
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, nullptr);
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        window.setThemeController(&theme);
        window.show();
        window.showSettings();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        auto *combo = dialog->findChild<QComboBox *>(u"themeCombo"_s);
        combo->setCurrentIndex(combo->findData(int(AppSettings::Theme::Dark)));
        QVERIFY(windowIsDark());
        dialog->reject();
        QVERIFY(windowIsLight());
        QCOMPARE(fixture.preferences.values().theme, AppSettings::Theme::System);

        window.showSettings();
        QTRY_VERIFY(window.findChild<SettingsDialog *>() != nullptr
                    && window.findChild<SettingsDialog *>() != dialog);
        dialog = window.findChild<SettingsDialog *>();
        combo = dialog->findChild<QComboBox *>(u"themeCombo"_s);
        combo->setCurrentIndex(combo->findData(int(AppSettings::Theme::Dark)));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(windowIsDark());
        QCOMPARE(fixture.preferences.values().theme, AppSettings::Theme::Dark);
        choose(fixture.preferences, AppSettings::Theme::Light);
    }

    // View → Theme: disabled until the window has a theme controller, then its three choices as
    // radio items; choosing Dark stores it and darkens the window, and the check follows the setting.
    void viewMenuThemeChoices()
    {
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, nullptr);
        MainWindow window(&fixture.store, &fixture.network, &fixture.preferences);
        auto *menu = window.findChild<QMenu *>(u"themeMenu"_s);
        QVERIFY(menu != nullptr);
        QVERIFY(!menu->isEnabled());
        QVERIFY(menu->actions().isEmpty());

        window.setThemeController(&theme);
        QVERIFY(menu->isEnabled());
        const QList<QAction *> choices = menu->actions();
        QCOMPARE(choices.size(), 3);
        QAction *dark = nullptr;
        for (QAction *action : choices) {
            QVERIFY(action->isCheckable());
            if (AppSettings::Theme(action->data().toInt()) == AppSettings::Theme::Dark)
                dark = action;
        }
        QVERIFY(dark != nullptr);
        QVERIFY(!dark->isChecked());
        dark->trigger();
        QCOMPARE(fixture.preferences.values().theme, AppSettings::Theme::Dark);
        QVERIFY(windowIsDark());
        choose(fixture.preferences, AppSettings::Theme::Light);
        QVERIFY(windowIsLight());
        QVERIFY(!dark->isChecked());
    }

    // "Same as the desktop" reads the portal's color-scheme and follows its SettingChanged signal.
    void systemFollowsThePortal()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "no session bus: run through tests/run-headless.sh");
        PortalService service;
        QVERIFY(service.start());

        test::Fixture fixture;
        ColorSchemePortal portal(bus);
        ThemeController theme(&fixture.preferences, &portal); // System: the portal prefers dark
        QCOMPARE(portal.value(), std::optional<uint>(1));
        QCOMPARE(theme.scheme(), ThemeController::Scheme::Dark);
        QVERIFY(windowIsDark());

        service.change(ColorSchemePortal::PreferLight);
        QTRY_COMPARE(portal.value(), std::optional<uint>(2));
        QCOMPARE(theme.scheme(), ThemeController::Scheme::Light);
        QVERIFY(windowIsLight());

        service.change(ColorSchemePortal::PreferDark);
        QTRY_VERIFY(windowIsDark());

        // A choice of its own wins over the desktop's.
        choose(fixture.preferences, AppSettings::Theme::Light);
        QVERIFY(windowIsLight());
        service.change(ColorSchemePortal::PreferDark);
        QTRY_COMPARE(portal.value(), std::optional<uint>(1));
        QVERIFY(windowIsLight());
    }

    // No portal on the bus: the answer is empty, quickly, and System means the desktop's palette.
    void noPortalMeansTheDesktopPalette()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), "no session bus: run through tests/run-headless.sh");
        ColorSchemePortal portal(bus);
        QCOMPARE(portal.read(), std::nullopt);
        QApplication::setPalette(palettes::light()); // the desktop's, say
        test::Fixture fixture;
        ThemeController theme(&fixture.preferences, &portal);
        QCOMPARE(theme.scheme(), ThemeController::Scheme::Light);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
