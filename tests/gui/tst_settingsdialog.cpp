// Settings: typed values survive a round trip through QSettings, nonsense reads as defaults, the
// preferences service signals exactly what changed, the dialog writes what the person chose, and
// the proxy reaches the whole application at once — the next request of a network made before.
#include "gui/settings/appsettings.h"
#include "gui/settings/preferences.h"
#include "gui/settings/settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

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

// An HTTP proxy on loopback that answers every request itself ("proxied") and remembers each
// request line, so a test sees which requests went through it.
class FakeProxy : public QObject
{
public:
    FakeProxy()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto head = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, head] {
                    *head += socket->readAll();
                    const qsizetype end = head->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    requests << QString::fromLatin1(head->left(head->indexOf("\r\n")));
                    head->clear();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n"
                                  "Connection: close\r\n\r\nproxied");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    [[nodiscard]] bool isListening() const { return m_server.isListening(); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    QStringList requests;

private:
    QTcpServer m_server;
};

// GETs `url` through `network`: the body, or "error: " and why.
QString fetch(QNetworkAccessManager &network, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(5000);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return u"error: no answer"_s;
    if (reply->error() != QNetworkReply::NoError)
        return u"error: "_s + reply->errorString();
    return QString::fromUtf8(reply->readAll());
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

    // Each listener hears of its own concern only, and only when it changed.
    void preferencesSignalWhatChanged_data()
    {
        QTest::addColumn<AppSettings>("start");
        QTest::addColumn<AppSettings>("next");
        QTest::addColumn<int>("proxy");
        QTest::addColumn<int>("transfers");
        QTest::addColumn<int>("cache");
        const AppSettings defaults;
        QTest::newRow("the same again") << manualSocks() << manualSocks() << 0 << 0 << 0;
        AppSettings more = defaults;
        more.parallelTransfers = 12;
        QTest::newRow("parallel transfers") << defaults << more << 0 << 1 << 0;
        AppSettings smaller = defaults;
        smaller.thumbnailCacheMegabytes = 64;
        QTest::newRow("cache size") << defaults << smaller << 0 << 0 << 1;
        AppSettings none = defaults;
        none.proxyMode = AppSettings::ProxyMode::None;
        QTest::newRow("proxy mode") << defaults << none << 1 << 0 << 0;
        AppSettings otherHost = manualSocks();
        otherHost.proxyHost = u"other.example.com"_s;
        QTest::newRow("manual proxy's host") << manualSocks() << otherHost << 1 << 0 << 0;
        AppSettings unusedHost = defaults;
        unusedHost.proxyHost = u"unused.example.com"_s;
        QTest::newRow("host of a manual proxy not in use") << defaults << unusedHost << 0 << 0 << 0;
        AppSettings german = defaults;
        german.language = AppSettings::Language::German;
        QTest::newRow("language (after a restart)") << defaults << german << 0 << 0 << 0;
        // Read back as the next start reads it: 99 is the most there may be, which is already set.
        AppSettings most = defaults;
        most.parallelTransfers = AppSettings::kMaxParallelTransfers;
        AppSettings tooMany = defaults;
        tooMany.parallelTransfers = 99;
        QTest::newRow("more than the most, at the most") << most << tooMany << 0 << 0 << 0;
    }

    void preferencesSignalWhatChanged()
    {
        QFETCH(AppSettings, start);
        QFETCH(AppSettings, next);
        QFETCH(int, proxy);
        QFETCH(int, transfers);
        QFETCH(int, cache);
        const QString path = file("signals.ini");
        QFile::remove(path);
        Preferences preferences(path);
        QVERIFY(preferences.setValues(start));
        QSignalSpy proxySpy(&preferences, &Preferences::proxyChanged);
        QSignalSpy transfersSpy(&preferences, &Preferences::parallelTransfersChanged);
        QSignalSpy cacheSpy(&preferences, &Preferences::thumbnailCacheSizeChanged);
        QVERIFY(preferences.setValues(next));
        QCOMPARE(proxySpy.size(), proxy);
        QCOMPARE(transfersSpy.size(), transfers);
        QCOMPARE(cacheSpy.size(), cache);
        if (transfers > 0)
            QCOMPARE(transfersSpy.first().first().toInt(), preferences.values().parallelTransfers);
        if (cache > 0)
            QCOMPARE(cacheSpy.first().first().toLongLong(), preferences.values().thumbnailCacheBytes());
    }

    void valuesAreReadBackAsTheNextStartReadsThem()
    {
        const QString path = file("clamped.ini");
        QFile::remove(path);
        Preferences preferences(path);
        AppSettings values;
        values.parallelTransfers = 99;
        values.thumbnailCacheMegabytes = 1;
        QVERIFY(preferences.setValues(values));
        QCOMPARE(preferences.values().parallelTransfers, AppSettings::kMaxParallelTransfers);
        QCOMPARE(preferences.values().thumbnailCacheMegabytes, AppSettings::kMinThumbnailCacheMegabytes);
        QCOMPARE(Preferences(path).values(), preferences.values());
    }

    void aFileThatCannotBeWrittenChangesNothing()
    {
        // Its folder is a file: no one (root included) can create it.
        const QString blocker = file("blocker");
        QFile block(blocker);
        QVERIFY(block.open(QIODevice::WriteOnly));
        block.close();
        Preferences preferences(blocker + u"/stratus.conf"_s);
        QSignalSpy transfers(&preferences, &Preferences::parallelTransfersChanged);
        AppSettings values;
        values.parallelTransfers = 2;
        const auto written = preferences.setValues(values);
        QVERIFY(!written);
        QCOMPARE(written.error().kind, stratus::core::Error::Kind::Io);
        QCOMPARE(preferences.values(), AppSettings {});
        QCOMPARE(transfers.size(), 0);

        // The dialog stays open and says where it could not write.
        SettingsDialog dialog(&preferences);
        child<QSpinBox>(&dialog, u"parallelTransfersSpin"_s)->setValue(3);
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(child<QLabel>(&dialog, u"statusLabel"_s)->text().contains(blocker),
                 qPrintable(child<QLabel>(&dialog, u"statusLabel"_s)->text()));
        QCOMPARE(transfers.size(), 0);
    }

    // The proxy applies to the next request of a network made before it changed, without a
    // restart, whoever changes the preferences; and switching it off applies as well.
    void proxyAppliesToTheNextRequest()
    {
        FakeProxy proxy;
        QVERIFY(proxy.isListening());
        QNetworkAccessManager network; // as the app's: made once, at start-up
        Preferences preferences(file("proxy.ini"));
        followProxySettings(&preferences);
        // Not a loopback name: Qt never sends those through a proxy. Direct, it does not resolve.
        const QUrl url(u"http://assets.stratus-test.invalid/ping"_s);

        AppSettings values;
        values.proxyMode = AppSettings::ProxyMode::None;
        QVERIFY(preferences.setValues(values));
        QVERIFY(fetch(network, url).startsWith(u"error: "_s));
        QVERIFY(proxy.requests.isEmpty());

        values.proxyMode = AppSettings::ProxyMode::Manual;
        values.proxyType = AppSettings::ProxyType::Http;
        values.proxyHost = u"127.0.0.1"_s;
        values.proxyPort = proxy.port();
        QVERIFY(preferences.setValues(values));
        QCOMPARE(fetch(network, url), u"proxied"_s);
        QCOMPARE(proxy.requests, QStringList {u"GET http://assets.stratus-test.invalid/ping HTTP/1.1"_s});

        values.proxyMode = AppSettings::ProxyMode::None;
        QVERIFY(preferences.setValues(values));
        QVERIFY(fetch(network, url).startsWith(u"error: "_s));
        QCOMPARE(proxy.requests.size(), 1);
    }

    void dialogShowsAndSavesTheValues()
    {
        const QString path = file("dialog.ini");
        QFile::remove(path);
        Preferences preferences(path);
        followProxySettings(&preferences);
        SettingsDialog dialog(&preferences);
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

        QSignalSpy proxy(&preferences, &Preferences::proxyChanged);
        QSignalSpy transfers(&preferences, &Preferences::parallelTransfersChanged);
        QSignalSpy cache(&preferences, &Preferences::thumbnailCacheSizeChanged);
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(proxy.size(), 1);
        QCOMPARE(transfers.size(), 1);
        QCOMPARE(transfers.first().first().toInt(), 8);
        QCOMPARE(cache.size(), 1);
        QCOMPARE(cache.first().first().toLongLong(), qint64(1024) * 1024 * 1024);

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
        QCOMPARE(preferences.values(), saved);
        // OK applied the proxy to the application.
        QCOMPARE(QNetworkProxy::applicationProxy().hostName(), u"socks.example.org"_s);
        QCOMPARE(QNetworkProxy::applicationProxy().type(), QNetworkProxy::Socks5Proxy);

        // A second dialog opens on what was saved, as does the next start.
        SettingsDialog again(&preferences);
        QCOMPARE(again.values(), saved);
        Preferences nextStart(path);
        QCOMPARE(nextStart.values(), saved);
    }

    void withoutAKeychainNoPasswordIsAskedOrStored()
    {
        // The password field is there only with a ProxyPassword (the keychain): tst_proxypassword.
        const QString path = file("password.ini");
        Preferences preferences(path);
        SettingsDialog dialog(&preferences);
        for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
            QVERIFY2(edit->echoMode() == QLineEdit::Normal || edit->isHidden(),
                     qPrintable(edit->objectName()));
        }
        QVERIFY(child<QLineEdit>(&dialog, u"proxyPasswordEdit"_s)->isHidden());
        dialog.setValues(manualSocks());
        dialog.accept();
        QCOMPARE(preferences.values(), manualSocks());
        const QSettings store(path, QSettings::IniFormat);
        for (const QString &key : store.allKeys())
            QVERIFY2(!key.contains(u"password"_s, Qt::CaseInsensitive), qPrintable(key));
    }

    void manualProxyNeedsAHost()
    {
        const QString path = file("nohost.ini");
        QFile::remove(path);
        Preferences preferences(path);
        SettingsDialog dialog(&preferences);
        child<QRadioButton>(&dialog, u"manualProxyRadio"_s)->setChecked(true);
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
        QVERIFY(child<QLabel>(&dialog, u"statusLabel"_s)->text().contains(u"host"_s));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(preferences.values(), AppSettings {});
        QVERIFY(QNetworkProxyFactory::usesSystemConfiguration());
    }

    void cancelAndRestoreDefaults()
    {
        const QString path = file("cancel.ini");
        QFile::remove(path);
        {
            QSettings store(path, QSettings::IniFormat);
            manualSocks().save(store);
        }
        Preferences preferences(path);
        QSignalSpy proxy(&preferences, &Preferences::proxyChanged);
        SettingsDialog dialog(&preferences);
        QCOMPARE(dialog.values(), manualSocks());
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::RestoreDefaults)->click();
        QCOMPARE(dialog.values(), AppSettings {});
        child<QDialogButtonBox>(&dialog, u"buttonBox"_s)->button(QDialogButtonBox::Cancel)->click();
        // Cancel wrote and changed nothing.
        QCOMPARE(preferences.values(), manualSocks());
        QCOMPARE(proxy.size(), 0);
        const QSettings store(path, QSettings::IniFormat);
        QCOMPARE(AppSettings::load(store), manualSocks());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
