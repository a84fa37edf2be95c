// Settings: typed values survive a round trip through QSettings, nonsense reads as defaults, the
// dialog writes what the person chose, and the proxy reaches the whole application.
#include "gui/settings/appsettings.h"
#include "gui/settings/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkProxyFactory>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus::gui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(stratus::gui::AppSettings)

namespace {

AppSettings manualSocks()
{
    AppSettings settings;
    settings.language = AppSettings::Language::French;
    settings.proxyMode = AppSettings::ProxyMode::Manual;
    settings.proxyType = AppSettings::ProxyType::Socks5;
    settings.proxyHost = u"proxy.example.com"_s;
    settings.proxyPort = 1080;
    settings.proxyUser = u"ada"_s;
    settings.parallelTransfers = 16;
    settings.thumbnailCacheMegabytes = 2048;
    return settings;
}

template<typename T> T *child(QObject *parent, const QString &name)
{
    return parent->findChild<T *>(name);
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    [[nodiscard]] QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        // Leave the process's networking as it was for the next test.
        applyProxySettings(AppSettings {});
    }

    void defaults()
    {
        QSettings empty(file("empty.ini"), QSettings::IniFormat);
        const AppSettings settings = AppSettings::load(empty);
        QCOMPARE(settings, AppSettings {});
        QCOMPARE(settings.language, AppSettings::Language::System);
        QCOMPARE(settings.proxyMode, AppSettings::ProxyMode::System);
        QCOMPARE(settings.parallelTransfers, 4);
        QCOMPARE(settings.thumbnailCacheMegabytes, 512);
        QCOMPARE(settings.uiLocale(), QLocale());
    }

    void roundTrip_data()
    {
        QTest::addColumn<AppSettings>("settings");
        QTest::newRow("defaults") << AppSettings {};
        QTest::newRow("manual SOCKS5, French, most transfers") << manualSocks();
        AppSettings direct;
        direct.language = AppSettings::Language::German;
        direct.proxyMode = AppSettings::ProxyMode::None;
        direct.parallelTransfers = 1;
        direct.thumbnailCacheMegabytes = AppSettings::kMinThumbnailCacheMegabytes;
        QTest::newRow("no proxy, German, one transfer") << direct;
        AppSettings http = manualSocks();
        http.proxyType = AppSettings::ProxyType::Http;
        http.proxyUser.clear();
        http.language = AppSettings::Language::English;
        QTest::newRow("manual HTTP without a user") << http;
    }

    void roundTrip()
    {
        QFETCH(AppSettings, settings);
        const QString path = file("roundtrip.ini");
        QFile::remove(path);
        {
            QSettings store(path, QSettings::IniFormat);
            settings.save(store);
        }
        QSettings store(path, QSettings::IniFormat);
        QCOMPARE(store.value(u"version"_s).toInt(), AppSettings::kFormatVersion);
        QCOMPARE(AppSettings::load(store), settings);
    }

    void nonsenseReadsAsDefaultsOrLimits_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("stored");
        QTest::addColumn<AppSettings>("expected");
        AppSettings most;
        most.parallelTransfers = 16;
        QTest::newRow("too many transfers") << u"transfers/parallel"_s << QVariant(99) << most;
        AppSettings least;
        least.parallelTransfers = 1;
        QTest::newRow("no transfers") << u"transfers/parallel"_s << QVariant(0) << least;
        QTest::newRow("transfers not a number")
            << u"transfers/parallel"_s << QVariant(u"many"_s) << AppSettings {};
        AppSettings smallCache;
        smallCache.thumbnailCacheMegabytes = AppSettings::kMinThumbnailCacheMegabytes;
        QTest::newRow("negative cache") << u"thumbnails/cacheMegabytes"_s << QVariant(-5) << smallCache;
        QTest::newRow("unknown proxy mode") << u"network/proxy"_s << QVariant(u"pac"_s) << AppSettings {};
        QTest::newRow("unknown language") << u"ui/language"_s << QVariant(u"tlh"_s) << AppSettings {};
    }

    void nonsenseReadsAsDefaultsOrLimits()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, stored);
        QFETCH(AppSettings, expected);
        const QString path = file("nonsense.ini");
        QFile::remove(path);
        QSettings store(path, QSettings::IniFormat);
        store.setValue(key, stored);
        QCOMPARE(AppSettings::load(store), expected);
    }

    void applyProxy()
    {
        AppSettings settings;
        settings.proxyMode = AppSettings::ProxyMode::None;
        applyProxySettings(settings);
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::NoProxy);

        settings = manualSocks();
        applyProxySettings(settings);
        QVERIFY(!QNetworkProxyFactory::usesSystemConfiguration());
        QNetworkProxy proxy = QNetworkProxy::applicationProxy();
        QCOMPARE(proxy.type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(proxy.hostName(), u"proxy.example.com"_s);
        QCOMPARE(proxy.port(), quint16(1080));
        QCOMPARE(proxy.user(), u"ada"_s);
        QVERIFY(proxy.password().isEmpty());
        // What a connection to Cloudinary would use.
        const QList<QNetworkProxy> chosen
            = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(QUrl(u"https://api.cloudinary.com/"_s)));
        QVERIFY(!chosen.isEmpty());
        QCOMPARE(chosen.first().hostName(), u"proxy.example.com"_s);

        settings.proxyType = AppSettings::ProxyType::Http;
        applyProxySettings(settings);
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::HttpProxy);

        // Back to the desktop's configuration (whatever it is on this machine).
        applyProxySettings(AppSettings {});
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
        const QNetworkProxyQuery query(QUrl(u"https://api.cloudinary.com/"_s));
        QCOMPARE(QNetworkProxyFactory::proxyForQuery(query).first(),
                 QNetworkProxyFactory::systemProxyForQuery(query).first());
    }

    void dialogShowsAndSavesTheValues()
    {
        const QString path = file("dialog.ini");
        QFile::remove(path);
        QSettings store(path, QSettings::IniFormat);
        SettingsDialog dialog(&store);
        QCOMPARE(dialog.values(), AppSettings {}); // nothing stored yet: the defaults
        QVERIFY(child<QRadioButton>(&dialog, u"systemProxyRadio"_s)->isChecked());
        QVERIFY(!child<QWidget>(&dialog, u"manualProxyFields"_s)->isEnabled());

        auto *language = child<QComboBox>(&dialog, u"languageCombo"_s);
        QCOMPARE(language->count(), 4);
        language->setCurrentIndex(language->findText(u"Deutsch"_s));
        QVERIFY(child<QLabel>(&dialog, u"languageNote"_s)->text().contains(u"restart"_s));
        child<QRadioButton>(&dialog, u"manualProxyRadio"_s)->setChecked(true);
        QVERIFY(child<QWidget>(&dialog, u"manualProxyFields"_s)->isEnabled());
        auto *type = child<QComboBox>(&dialog, u"proxyTypeCombo"_s);
        type->setCurrentIndex(type->findText(u"SOCKS5"_s));
        child<QLineEdit>(&dialog, u"proxyHostEdit"_s)->setText(u"socks.example.org"_s);
        child<QSpinBox>(&dialog, u"proxyPortSpin"_s)->setValue(1081);
        child<QLineEdit>(&dialog, u"proxyUserEdit"_s)->setText(u"grace"_s);
        child<QSpinBox>(&dialog, u"parallelTransfersSpin"_s)->setValue(8);
        child<QSpinBox>(&dialog, u"thumbnailCacheSpin"_s)->setValue(1024);

        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(applied.size(), 1);

        QSettings reread(path, QSettings::IniFormat);
        const AppSettings saved = AppSettings::load(reread);
        QCOMPARE(saved.language, AppSettings::Language::German);
        QCOMPARE(saved.uiLocale().language(), QLocale::German);
        QCOMPARE(saved.proxyMode, AppSettings::ProxyMode::Manual);
        QCOMPARE(saved.proxyType, AppSettings::ProxyType::Socks5);
        QCOMPARE(saved.proxyHost, u"socks.example.org"_s);
        QCOMPARE(saved.proxyPort, 1081);
        QCOMPARE(saved.proxyUser, u"grace"_s);
        QCOMPARE(saved.parallelTransfers, 8);
        QCOMPARE(saved.thumbnailCacheMegabytes, 1024);
        QCOMPARE(applied.first().first().value<AppSettings>(), saved);
        // OK applied the proxy to the application.
        QCOMPARE(QNetworkProxy::applicationProxy().hostName(), u"socks.example.org"_s);
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::Socks5Proxy);

        // A second dialog opens on what was saved.
        SettingsDialog again(&reread);
        QCOMPARE(again.values(), saved);
    }

    void noPasswordIsAskedOrStored()
    {
        const QString path = file("password.ini");
        QSettings store(path, QSettings::IniFormat);
        SettingsDialog dialog(&store);
        for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>())
            QVERIFY2(edit->echoMode() == QLineEdit::Normal, qPrintable(edit->objectName()));
        QVERIFY(child<QLabel>(&dialog, u"proxyPasswordNote"_s)->text().contains(u"password"_s));
        dialog.setValues(manualSocks());
        dialog.accept();
        store.sync();
        for (const QString &key : store.allKeys())
            QVERIFY2(!key.contains(u"password"_s, Qt::CaseInsensitive), qPrintable(key));
    }

    void manualProxyNeedsAHost()
    {
        const QString path = file("nohost.ini");
        QFile::remove(path);
        QSettings store(path, QSettings::IniFormat);
        SettingsDialog dialog(&store);
        child<QRadioButton>(&dialog, u"manualProxyRadio"_s)->setChecked(true);
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
        QVERIFY(child<QLabel>(&dialog, u"statusLabel"_s)->text().contains(u"host"_s));
        QVERIFY(store.allKeys().isEmpty());
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
    }

    void cancelAndRestoreDefaults()
    {
        const QString path = file("cancel.ini");
        QFile::remove(path);
        QSettings store(path, QSettings::IniFormat);
        manualSocks().save(store);
        SettingsDialog dialog(&store);
        QCOMPARE(dialog.values(), manualSocks());
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::RestoreDefaults)->click();
        QCOMPARE(dialog.values(), AppSettings {});
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(AppSettings::load(store), manualSocks()); // Cancel wrote nothing
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
