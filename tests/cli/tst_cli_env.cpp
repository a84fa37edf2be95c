// The `stratus-cli env` contract (README, "stratus-cli"), on the real executable against a real
// stratus-sandbox and the real keychain (tests/run-headless.sh gives a private gnome-keyring):
// environments are added from a CLOUDINARY_URL on stdin after a connection test, listed without
// secrets, chosen, used by url and sign through --env, and removed; each way adding can fail has its
// own one-line message and exit status 1. At the end the test looks for the secret everywhere it
// must not be: files under HOME and the XDG folders, everything the CLI printed, and every
// process's arguments.
#include "../headlesssession.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Distinctive, so that any trace of it is found by the scan.
const QString kSecret = u"SentinelSecret9f8e7dq6c5b4a3"_s;
const QString kWrongSecret = u"WrongSentinel1a2b3c4d5e6f7"_s;
const QString kKey = u"918273645546372"_s;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// An HTTP server that answers every request with one fixed response: what real Cloudinary says to
// credentials that may not use the Admin API (the sandbox never refuses a valid key with 403).
class FixedAnswerServer : public QTcpServer
{
public:
    FixedAnswerServer(int status, const QByteArray &reason, const QByteArray &body)
        : m_response("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                     + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body)
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto received = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
                    *received += socket->readAll();
                    if (received->contains("\r\n\r\n")) {
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QByteArray m_response;
};

// A stand-in Cloudinary that records every request (request line and headers) and answers ping,
// config, usage and search the way the connection test and `search` expect.
class RecordingServer : public QTcpServer
{
public:
    QList<QByteArray> requests;

    RecordingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                auto received = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
                    *received += socket->readAll();
                    const qsizetype end = received->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray head = received->left(end);
                    requests.append(head);
                    QByteArray body = R"({"status":"ok","settings":{"folder_mode":"dynamic"}})";
                    if (head.contains("/usage"))
                        body = R"({"plan":"Free","resources":0})";
                    else if (head.contains("/resources/search"))
                        body = R"({"resources":[],"total_count":0})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    [[nodiscard]] bool sawCredentials() const
    {
        return std::any_of(requests.cbegin(), requests.cend(), [](const QByteArray &head) {
            return head.toLower().contains("\r\nauthorization:") || head.contains("signature=");
        });
    }
};

// An address of this machine that is not loopback (another computer, as far as a request can
// tell); null when there is none.
QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            return address;
    }
    return {};
}

} // namespace

class TestCliEnv : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root; // HOME and XDG folders of the CLI processes, and the sandbox's files
    QProcess m_sandbox;
    QString m_base; // http://127.0.0.1:PORT
    QString m_port;
    QStringList m_printedUrls; // as the sandbox printed them (with the secret)
    QList<QStringList> m_arguments; // every argument list a CLI process got
    QByteArray m_outputs; // everything the CLI printed
    QStringList m_cmdlines; // /proc/PID/cmdline of the `env add` processes, read while they ran

    QString dir(const QString &name) const { return m_root.filePath(name); }

    QProcessEnvironment cliEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, dir(u"home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, dir(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, dir(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, dir(u"cache"_s));
        env.remove(u"CLOUDINARY_URL"_s);
        for (const QString &name : {u"http_proxy"_s, u"https_proxy"_s, u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s,
                                    u"all_proxy"_s, u"ALL_PROXY"_s, u"no_proxy"_s, u"NO_PROXY"_s})
            env.remove(name);
        return env;
    }

    // Runs stratus-cli with the event loop turning (a FixedAnswerServer may have to answer it).
    Run cli(const QStringList &args, const QByteArray &stdinData = {}, QProcessEnvironment env = {})
    {
        if (env.isEmpty())
            env = cliEnvironment();
        m_arguments.append(args);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(STRATUS_CLI_PATH), args);
        if (!process.waitForStarted())
            return {};
        if (args.value(0) == u"env" && args.value(1) == u"add") {
            // The process waits for stdin: what does everyone else see of it now?
            QFile cmdline(u"/proc/%1/cmdline"_s.arg(process.processId()));
            if (cmdline.open(QIODevice::ReadOnly))
                m_cmdlines.append(QString::fromUtf8(cmdline.readAll().replace('\0', ' ')));
        }
        process.write(stdinData);
        process.closeWriteChannel();
        QEventLoop loop;
        connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (process.state() != QProcess::NotRunning)
            loop.exec();
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
        Run run {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                 process.readAllStandardOutput(), process.readAllStandardError()};
        m_outputs += run.out + run.err;
        return run;
    }

    // The sandbox's URL for `cloud` with `secret`; "CLOUDINARY_URL=" in front, as it prints it.
    QByteArray urlLine(const QString &cloud, const QString &secret, const QString &base = {}) const
    {
        const QString host = base.isEmpty() ? m_base : base;
        const QString authority = QUrl(host).authority();
        return u"CLOUDINARY_URL=cloudinary://%1:%2@%3?upload_prefix=%4&cname=%5&secure=false\n"_s
            .arg(kKey, secret, cloud, host, authority)
            .toUtf8();
    }

    QJsonArray listed()
    {
        const Run r = cli({u"env"_s, u"list"_s, u"--json"_s});
        if (r.exitCode != 0)
            return {};
        return QJsonDocument::fromJson(r.out).object().value(u"environments").toArray();
    }

    static QJsonObject byName(const QJsonArray &list, const QString &name)
    {
        for (const QJsonValue &value : list) {
            if (value.toObject().value(u"name").toString() == name)
                return value.toObject();
        }
        return {};
    }

    static int freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const int port = probe.serverPort();
        probe.close();
        return port;
    }

    static bool oneLine(const Run &r) { return r.out.isEmpty() && r.err.count('\n') == 1; }

    // The environment of a CLI process whose accounts.ini (in a folder of its own, `name`) holds
    // exactly `values`, written the way QSettings writes them.
    QProcessEnvironment withSettings(const QString &name, const QList<std::pair<QString, QVariant>> &values)
    {
        const QString config = dir(u"configs/"_s + name);
        QDir(config).removeRecursively();
        QDir().mkpath(config + u"/Stratus"_s);
        {
            QSettings ini(config + u"/Stratus/accounts.ini"_s, QSettings::IniFormat);
            ini.clear();
            for (const auto &[key, value] : values)
                ini.setValue(key, value);
            ini.sync();
        }
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, config);
        return env;
    }

    // One account "Team" (acc-team) and, for each index, an environment "env-INDEX" at that index
    // of the array, its URL pointing at the sandbox.
    QList<std::pair<QString, QVariant>> teamWith(const QList<int> &indexes) const
    {
        QList<std::pair<QString, QVariant>> values {{u"version"_s, 1},
                                                    {u"accounts/1/id"_s, u"acc-team"_s},
                                                    {u"accounts/1/label"_s, u"Team"_s},
                                                    {u"accounts/size"_s, 1}};
        int last = 0;
        for (const int i : indexes) {
            const QString entry = u"environments/%1/"_s.arg(i);
            values.append({entry + u"id"_s, u"env-id-%1"_s.arg(i)});
            values.append({entry + u"account"_s, u"acc-team"_s});
            values.append({entry + u"name"_s, u"env-%1"_s.arg(i)});
            values.append(
                {entry + u"url"_s, u"cloudinary://%1@stratustest?upload_prefix=%2"_s.arg(kKey, m_base)});
            last = std::max(last, i);
        }
        values.append({u"environments/size"_s, last});
        return values;
    }

    // The values of the environment entry whose id is `id`, as QSettings reads the file now.
    static QVariantMap entryWithId(const QProcessEnvironment &env, const QString &id)
    {
        QSettings ini(env.value(u"XDG_CONFIG_HOME"_s) + u"/Stratus/accounts.ini"_s, QSettings::IniFormat);
        ini.beginGroup(u"environments"_s);
        for (const QString &group : ini.childGroups()) {
            ini.beginGroup(group);
            if (ini.value(u"id"_s).toString() == id) {
                QVariantMap values;
                for (const QString &key : ini.allKeys())
                    values.insert(key, ini.value(key));
                return values;
            }
            ini.endGroup();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        // The keychain used is the session's: only a private one (run-headless.sh) will do.
        STRATUS_REQUIRE_HEADLESS_SESSION();
        QVERIFY(m_root.isValid());
        for (const QString &name : {u"home"_s, u"config"_s, u"data"_s, u"cache"_s, u"sandbox"_s})
            QVERIFY(QDir().mkpath(dir(name)));

        // The sandbox's credentials come from a file, never from its command line.
        QFile config(dir(u"sandbox/config.json"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(
            QJsonDocument(
                QJsonObject {
                    {u"environments"_s,
                     QJsonArray {u"cloudinary://%1:%2@stratustest?folder_mode=dynamic"_s.arg(kKey, kSecret),
                                 u"cloudinary://%1:%2@fixedcloud?folder_mode=fixed"_s.arg(kKey, kSecret)}},
                })
                .toJson());
        config.close();
        QProcessEnvironment sandboxEnv = QProcessEnvironment::systemEnvironment();
        sandboxEnv.insert(u"HOME"_s, dir(u"sandbox"_s)); // its files stay out of the folders scanned
        sandboxEnv.insert(u"XDG_CONFIG_HOME"_s, dir(u"sandbox"_s));
        sandboxEnv.insert(u"XDG_DATA_HOME"_s, dir(u"sandbox"_s));
        sandboxEnv.insert(u"XDG_CACHE_HOME"_s, dir(u"sandbox"_s));
        m_sandbox.setProcessEnvironment(sandboxEnv);
        m_sandbox.start(QStringLiteral(STRATUS_SANDBOX_PATH),
                        {u"--port"_s, u"0"_s, u"--config"_s, dir(u"sandbox/config.json"_s)});
        QVERIFY(m_sandbox.waitForStarted());
        QStringList lines;
        QElapsedTimer clock;
        clock.start();
        while (lines.size() < 3 && clock.elapsed() < 20000 && m_sandbox.state() == QProcess::Running) {
            if (m_sandbox.canReadLine() || m_sandbox.waitForReadyRead(500)) {
                while (m_sandbox.canReadLine())
                    lines.append(QString::fromUtf8(m_sandbox.readLine()).trimmed());
            }
        }
        QVERIFY2(lines.size() >= 3,
                 qPrintable(lines.join(u'\n') + QString::fromUtf8(m_sandbox.readAllStandardError())));
        QVERIFY(lines.first().startsWith(u"listening on "_s));
        m_base = lines.first().mid(13);
        m_port = QString::number(QUrl(m_base).port());
        m_printedUrls = lines.mid(1);
    }

    void cleanupTestCase()
    {
        if (m_sandbox.state() != QProcess::NotRunning) {
            m_sandbox.terminate();
            if (!m_sandbox.waitForFinished(5000))
                m_sandbox.kill();
        }
    }

    void helpExplainsStdin()
    {
        const Run r = cli({u"env"_s, u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: stratus-cli env list"));
        QVERIFY(r.out.contains("stdin"));
        QVERIFY(r.out.contains("process list"));
        const Run sign = cli({u"sign"_s, u"--help"_s});
        QVERIFY(sign.out.contains("--env NAME"));
        const Run url = cli({u"url"_s, u"--help"_s});
        QVERIFY(url.out.contains("--env NAME"));
        const Run top = cli({u"--help"_s});
        QVERIFY(top.out.contains("  env "));
    }

    void emptyAtFirst()
    {
        const Run r = cli({u"env"_s, u"list"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("No environments"));
        QCOMPARE(listed().size(), 0);
    }

    void addFromStdin()
    {
        const Run r = cli({u"env"_s, u"add"_s, u"sbx"_s, u"--account"_s, u"Team"_s},
                          urlLine(u"stratustest"_s, kSecret));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Added environment 'sbx'"));
        QVERIFY(r.out.contains("dynamic"));
        QVERIFY(r.out.contains("current"));

        // The default account label is the cloud name; the folder mode comes from the check.
        const Run second = cli({u"env"_s, u"add"_s, u"fixed"_s}, urlLine(u"fixedcloud"_s, kSecret).mid(15));
        QVERIFY2(second.exitCode == 0, second.err.constData());

        const QJsonArray list = listed();
        QCOMPARE(list.size(), 2);
        const QJsonObject sbx = byName(list, u"sbx"_s);
        QCOMPARE(sbx.value(u"cloud").toString(), u"stratustest"_s);
        QCOMPARE(sbx.value(u"account").toString(), u"Team"_s);
        QCOMPARE(sbx.value(u"folder_mode").toString(), u"dynamic"_s);
        QCOMPARE(sbx.value(u"api_key").toString(), kKey);
        QVERIFY(sbx.value(u"current").toBool());
        QVERIFY(sbx.value(u"logged_in").toBool());
        QVERIFY(!sbx.value(u"checked_at").toString().isEmpty());
        const QJsonObject fixed = byName(list, u"fixed"_s);
        QCOMPARE(fixed.value(u"account").toString(), u"fixedcloud"_s);
        QCOMPARE(fixed.value(u"folder_mode").toString(), u"fixed"_s);
        QVERIFY(!fixed.value(u"current").toBool());

        const Run text = cli({u"env"_s, u"list"_s});
        QCOMPARE(text.exitCode, 0);
        const QList<QByteArray> lines = text.out.split('\n');
        QVERIFY(lines.value(0).contains("NAME"));
        bool sawCurrent = false;
        for (const QByteArray &line : lines) {
            if (line.contains("sbx")) {
                QVERIFY2(line.startsWith('*'), line.constData());
                QVERIFY(line.contains("stratustest") && line.contains("Team") && line.contains("dynamic"));
                sawCurrent = true;
            }
            if (line.contains("fixedcloud"))
                QVERIFY2(!line.startsWith('*'), line.constData());
        }
        QVERIFY(sawCurrent);

        // The file has the environments, never the secret.
        QFile ini(dir(u"config/Stratus/accounts.ini"_s));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray settings = ini.readAll();
        QVERIFY(settings.contains("stratustest"));
        QVERIFY(!settings.contains(kSecret.toUtf8()));
    }

    void addRefusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("name in use") << QStringList {u"env"_s, u"add"_s, u"sbx"_s}
                                     << urlLine(u"stratustest"_s, kSecret) << 2
                                     << QByteArray("exists already");
        QTest::newRow("nothing on stdin") << QStringList {u"env"_s, u"add"_s, u"new"_s} << QByteArray() << 2
                                          << QByteArray("no CLOUDINARY_URL on stdin");
        QTest::newRow("malformed") << QStringList {u"env"_s, u"add"_s, u"new"_s}
                                   << QByteArray("https://" + kKey.toUtf8() + ":" + kSecret.toUtf8() + "@x\n")
                                   << 2 << QByteArray("malformed");
        QTest::newRow("no secret") << QStringList {u"env"_s, u"add"_s, u"new"_s}
                                   << QByteArray("cloudinary://" + kKey.toUtf8() + "@stratustest\n") << 2
                                   << QByteArray("API secret");
        QTest::newRow("no name") << QStringList {u"env"_s, u"add"_s} << urlLine(u"stratustest"_s, kSecret)
                                 << 2 << QByteArray("missing NAME");
        QTest::newRow("unknown sub-command")
            << QStringList {u"env"_s, u"frob"_s} << QByteArray() << 2 << QByteArray("unknown sub-command");
        QTest::newRow("wrong secret")
            << QStringList {u"env"_s, u"add"_s, u"new"_s} << urlLine(u"stratustest"_s, kWrongSecret) << 1
            << QByteArray("API key or secret is wrong");
        QTest::newRow("unknown cloud")
            << QStringList {u"env"_s, u"add"_s, u"new"_s} << urlLine(u"nosuchcloud"_s, kSecret) << 1
            << QByteArray("no cloud named 'nosuchcloud'");
        QTest::newRow("no network") << QStringList {u"env"_s, u"add"_s, u"new"_s}
                                    << urlLine(u"stratustest"_s, kSecret,
                                               u"http://127.0.0.1:%1"_s.arg(freePort()))
                                    << 1 << QByteArray("no connection to 127.0.0.1:");
    }

    void addRefusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const Run r = cli(args, input);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(!r.err.contains(kSecret.toUtf8()));
        QVERIFY(!r.err.contains(kWrongSecret.toUtf8()));
        QVERIFY(byName(listed(), u"new"_s).isEmpty()); // nothing stored
    }

    void addBehindABrokenProxy_data()
    {
        QTest::addColumn<bool>("proxyListens");
        QTest::newRow("proxy down") << false;
        QTest::newRow("proxy wants credentials") << true;
    }

    void addBehindABrokenProxy()
    {
        // Loopback requests never go through a proxy: the API has to be elsewhere (the proxy fails
        // before anyone would have to resolve its name), and so it is https (plain http to another
        // computer is refused before any proxy is asked).
        QFETCH(bool, proxyListens);
        FixedAnswerServer proxy(407, "Proxy Authentication Required", R"({"error":"proxy"})");
        QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
        const int port = proxyListens ? proxy.serverPort() : freePort();
        if (!proxyListens)
            proxy.close();
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"https_proxy"_s, u"http://127.0.0.1:%1"_s.arg(port));
        const Run r = cli({u"env"_s, u"add"_s, u"new"_s},
                          urlLine(u"stratustest"_s, kSecret, u"https://api.stratus-test.invalid"_s), env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
        QVERIFY2(r.err.contains("proxy"), r.err.constData());
        QVERIFY(byName(listed(), u"new"_s).isEmpty());
    }

    void addWithoutAdminApiPermission()
    {
        FixedAnswerServer server(403, "Forbidden", R"({"error":{"message":"Admin API is not allowed"}})");
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QString base = u"http://127.0.0.1:%1"_s.arg(server.serverPort());
        const Run r = cli({u"env"_s, u"add"_s, u"new"_s}, urlLine(u"stratustest"_s, kSecret, base));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
        QVERIFY2(r.err.contains("may not use the Admin API"), r.err.constData());
        QVERIFY(byName(listed(), u"new"_s).isEmpty());
    }

    void addWithoutKeychain()
    {
        // The check passes, storing the secret cannot: no Secret Service on this bus.
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1"_s.arg(dir(u"no-such-bus"_s)));
        const Run r = cli({u"env"_s, u"add"_s, u"new"_s}, urlLine(u"stratustest"_s, kSecret), env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
        QVERIFY2(r.err.contains("keychain"), r.err.constData());
        QVERIFY(!r.err.contains(kSecret.toUtf8()));
        QVERIFY(byName(listed(), u"new"_s).isEmpty());
    }

    void useChangesTheCurrentEnvironment()
    {
        QCOMPARE(cli({u"env"_s, u"use"_s, u"fixed"_s}).exitCode, 0);
        QVERIFY(byName(listed(), u"fixed"_s).value(u"current").toBool());
        QVERIFY(!byName(listed(), u"sbx"_s).value(u"current").toBool());

        // The current environment is the default; CLOUDINARY_URL comes after it.
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"CLOUDINARY_URL"_s, u"cloudinary://1:x@demo"_s);
        const Run r = cli({u"url"_s, u"sample"_s}, {}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("/fixedcloud/image/upload/sample"), r.out.constData());

        QCOMPARE(cli({u"env"_s, u"use"_s, u"sbx"_s}).exitCode, 0);
        QVERIFY(byName(listed(), u"sbx"_s).value(u"current").toBool());
    }

    void urlAndSignWithEnv()
    {
        // Unsigned: the same URL as from the key-only configuration (no secret needed).
        const Run plain
            = cli({u"url"_s, u"sample"_s, u"--env"_s, u"fixed"_s, u"--options"_s, u"{\"width\":10}"_s});
        QCOMPARE(plain.exitCode, 0);
        const QString keyOnly = u"cloudinary://%1@fixedcloud?cname=127.0.0.1:%2"_s.arg(kKey, m_port);
        const Run reference = cli(
            {u"url"_s, u"sample"_s, u"--cloudinary-url"_s, keyOnly, u"--options"_s, u"{\"width\":10}"_s});
        QCOMPARE(reference.exitCode, 0);
        QCOMPARE(plain.out, reference.out);

        // Signed: the secret comes from the keychain.
        const QByteArray digest
            = QCryptographicHash::hash(QByteArray("sample" + kSecret.toUtf8()), QCryptographicHash::Sha1);
        const QByteArray signature = "s--" + digest.toBase64(QByteArray::Base64UrlEncoding).left(8) + "--";
        const Run signedUrl
            = cli({u"url"_s, u"sample"_s, u"--env"_s, u"sbx"_s, u"--options"_s, u"{\"sign_url\":true}"_s});
        QVERIFY2(signedUrl.exitCode == 0, signedUrl.err.constData());
        QVERIFY2(signedUrl.out.contains(QByteArray("/stratustest/image/upload/" + signature + "/sample\n")),
                 signedUrl.out.constData());
        const Run batch = cli({u"url"_s, u"--batch"_s, u"--env"_s, u"sbx"_s},
                              "{\"public_id\":\"sample\",\"options\":{\"sign_url\":true}}\n");
        QCOMPARE(batch.exitCode, 0);
        QCOMPARE(batch.out, signedUrl.out);

        // sign uses the keychain's secret (--env), and the current environment without it.
        const QByteArray expected
            = QCryptographicHash::hash(QByteArray("public_id=x&timestamp=1700000000" + kSecret.toUtf8()),
                                       QCryptographicHash::Sha1)
                  .toHex()
            + '\n';
        const QString params = u"{\"timestamp\":1700000000,\"public_id\":\"x\"}"_s;
        const Run sign = cli({u"sign"_s, u"--env"_s, u"fixed"_s, u"--params"_s, params});
        QVERIFY2(sign.exitCode == 0, sign.err.constData());
        QCOMPARE(sign.out, expected);
        const Run current = cli({u"sign"_s, u"--params"_s, params});
        QCOMPARE(current.exitCode, 0);
        QCOMPARE(current.out, expected);
    }

    void unknownNames_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString params = u"{\"a\":\"b\"}"_s;
        QTest::newRow("url --env") << QStringList {u"url"_s, u"x"_s, u"--env"_s, u"nope"_s};
        QTest::newRow("sign --env") << QStringList {u"sign"_s, u"--params"_s, params, u"--env"_s, u"nope"_s};
        QTest::newRow("env use") << QStringList {u"env"_s, u"use"_s, u"nope"_s};
        QTest::newRow("env remove") << QStringList {u"env"_s, u"remove"_s, u"nope"_s};
        QTest::newRow("--env with --cloudinary-url") << QStringList {
            u"url"_s, u"x"_s, u"--env"_s, u"sbx"_s, u"--cloudinary-url"_s, u"cloudinary://1:x@demo"_s};
    }

    void unknownNames()
    {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
    }

    void loggedOutAccountsAreShownAsSuch()
    {
        // Log "Team" out the way the app leaves the file (the CLI has no log out).
        {
            QSettings ini(dir(u"config/Stratus/accounts.ini"_s), QSettings::IniFormat);
            const int count = ini.beginReadArray(u"accounts"_s);
            for (int i = 0; i < count; ++i) {
                ini.setArrayIndex(i);
                if (ini.value(u"label"_s).toString() == u"Team"_s)
                    ini.setValue(u"loggedIn"_s, false);
            }
            ini.endArray();
            ini.sync();
            QCOMPARE(ini.status(), QSettings::NoError);
        }
        QVERIFY(!byName(listed(), u"sbx"_s).value(u"logged_in").toBool());
        const Run text = cli({u"env"_s, u"list"_s});
        bool seen = false;
        for (const QByteArray &line : text.out.split('\n')) {
            if (line.contains("sbx")) {
                QVERIFY2(line.contains("logged out"), line.constData());
                seen = true;
            }
        }
        QVERIFY(seen);
        const Run sign = cli({u"sign"_s, u"--env"_s, u"sbx"_s, u"--params"_s, u"{\"a\":\"b\"}"_s});
        QCOMPARE(sign.exitCode, 1);
        QVERIFY2(oneLine(sign), sign.err.constData());
        QVERIFY(sign.err.contains("logged out"));
    }

    void theAppsLocalSandboxIsListedButNeverTheDefault()
    {
        // The app's first run adds its embedded "Local sandbox" and makes it current; the CLI cannot
        // reach it (it lives inside the app), so it must not stand in the way of CLOUDINARY_URL.
        {
            QSettings ini(dir(u"config/Stratus/accounts.ini"_s), QSettings::IniFormat);
            const int accounts = ini.value(u"accounts/size"_s).toInt() + 1;
            ini.setValue(u"accounts/%1/id"_s.arg(accounts), u"local-account"_s);
            ini.setValue(u"accounts/%1/label"_s.arg(accounts), u"Local sandbox"_s);
            ini.setValue(u"accounts/%1/embeddedSandbox"_s.arg(accounts), true);
            ini.setValue(u"accounts/size"_s, accounts);
            const int environments = ini.value(u"environments/size"_s).toInt() + 1;
            ini.setValue(u"environments/%1/id"_s.arg(environments), u"local-env"_s);
            ini.setValue(u"environments/%1/account"_s.arg(environments), u"local-account"_s);
            ini.setValue(u"environments/%1/name"_s.arg(environments), u"Local sandbox"_s);
            ini.setValue(u"environments/%1/url"_s.arg(environments),
                         u"cloudinary://123456789012345@local-sandbox"_s);
            ini.setValue(u"environments/%1/embeddedSandbox"_s.arg(environments), true);
            ini.setValue(u"environments/size"_s, environments);
            ini.setValue(u"current"_s, u"local-env"_s);
            ini.sync();
            QCOMPARE(ini.status(), QSettings::NoError);
        }
        const QJsonObject local = byName(listed(), u"Local sandbox"_s);
        QVERIFY(local.value(u"embedded_sandbox").toBool());
        QVERIFY(local.value(u"current").toBool());

        QProcessEnvironment env = cliEnvironment();
        env.insert(u"CLOUDINARY_URL"_s, u"cloudinary://1:x@demo"_s);
        const Run fallback = cli({u"url"_s, u"sample"_s}, {}, env);
        QCOMPARE(fallback.exitCode, 0);
        QVERIFY2(fallback.out.contains("/demo/image/upload/sample"), fallback.out.constData());

        const Run chosen = cli({u"url"_s, u"sample"_s, u"--env"_s, u"Local sandbox"_s});
        QCOMPARE(chosen.exitCode, 1);
        QVERIFY2(oneLine(chosen), chosen.err.constData());
        QVERIFY(chosen.err.contains("only while"));
        // (The app adds it again at its next start.)
        QCOMPARE(cli({u"env"_s, u"remove"_s, u"Local sandbox"_s}).exitCode, 0);
    }

    void damagedEntriesAreReportedAndKept()
    {
        // One environment that works and one whose URL is damaged (and which is the current one).
        QList<std::pair<QString, QVariant>> values = teamWith({1});
        values += QList<std::pair<QString, QVariant>> {
            {u"environments/2/id"_s, u"env-broken"_s},
            {u"environments/2/account"_s, u"acc-team"_s},
            {u"environments/2/name"_s, u"broken"_s},
            {u"environments/2/url"_s, u"https://example.com/not-cloudinary"_s},
            {u"environments/2/folderMode"_s, u"fixed"_s},
            {u"environments/2/denied/usage"_s, u"Not allowed"_s},
            {u"environments/size"_s, 2},
            {u"current"_s, u"env-broken"_s}};
        const QProcessEnvironment env = withSettings(u"damaged"_s, values);
        const QVariantMap before = entryWithId(env, u"env-broken"_s);
        QCOMPARE(before.value(u"name"_s).toString(), u"broken"_s);

        // The list is incomplete: the good one on stdout, a line about the damaged one, exit 1.
        const Run list = cli({u"env"_s, u"list"_s}, {}, env);
        QCOMPARE(list.exitCode, 1);
        QVERIFY2(list.out.contains("env-1") && !list.out.contains("No environments"), list.out.constData());
        QCOMPARE(list.err.count('\n'), 1);
        QVERIFY2(list.err.contains("'broken'") && list.err.contains("environments/2")
                     && list.err.contains("damaged") && list.err.contains("kept"),
                 list.err.constData());
        const Run json = cli({u"env"_s, u"list"_s, u"--json"_s}, {}, env);
        QCOMPARE(json.exitCode, 1);
        const QJsonObject document = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(document.value(u"environments").toArray().size(), 1);
        const QJsonArray damaged = document.value(u"damaged").toArray();
        QCOMPARE(damaged.size(), 1);
        QCOMPARE(damaged.first().toObject().value(u"entry").toString(), u"environments/2"_s);
        QCOMPARE(damaged.first().toObject().value(u"name").toString(), u"broken"_s);
        // Why, in ErrorWords' words, as stderr says it too: what is wrong with the URL.
        const QString why = u"Its CLOUDINARY_URL cannot be read: This is not a Cloudinary URL: it must begin "
                            u"with cloudinary:// (or account://)"_s;
        QCOMPARE(damaged.first().toObject().value(u"problem").toString(), why);
        QVERIFY2(QString::fromUtf8(list.err).contains(why), list.err.constData());

        // Chosen by name, or as the current one: it cannot be used, and the CLI says so.
        for (const QStringList &args : {QStringList {u"url"_s, u"sample"_s, u"--env"_s, u"broken"_s},
                                        QStringList {u"url"_s, u"sample"_s}}) {
            const Run r = cli(args, {}, env);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
            QVERIFY2(r.err.contains("damaged") && r.err.contains("environments/2"), r.err.constData());
        }

        // Adding another environment keeps the damaged one exactly as it was, and the current one.
        const Run add = cli({u"env"_s, u"add"_s, u"added"_s}, urlLine(u"stratustest"_s, kSecret), env);
        QVERIFY2(add.exitCode == 0, add.err.constData());
        QVERIFY(add.out.contains("Added environment 'added'"));
        QVERIFY2(add.err.contains("'broken'"), add.err.constData()); // still reported
        QCOMPARE(entryWithId(env, u"env-broken"_s), before);
        {
            QSettings ini(env.value(u"XDG_CONFIG_HOME"_s) + u"/Stratus/accounts.ini"_s, QSettings::IniFormat);
            QCOMPARE(ini.value(u"current"_s).toString(), u"env-broken"_s);
        }
        const Run again = cli({u"env"_s, u"list"_s}, {}, env);
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.out.contains("env-1") && again.out.contains("added"));
        QVERIFY2(again.err.contains("'broken'"), again.err.constData());

        QCOMPARE(cli({u"env"_s, u"remove"_s, u"added"_s}, {}, env).exitCode, 0);
        QCOMPARE(entryWithId(env, u"env-broken"_s), before);
    }

    void untrustedArraySizes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("size");
        QTest::addColumn<QList<int>>("indexes");
        QTest::addColumn<bool>("disagrees");
        const QList<int> two {1, 2};
        QTest::newRow("2000000000") << u"environments/size"_s << QVariant(2000000000) << two << true;
        QTest::newRow("-1") << u"environments/size"_s << QVariant(-1) << two << true;
        QTest::newRow("abc") << u"environments/size"_s << QVariant(u"abc"_s) << two << true;
        QTest::newRow("2^31") << u"environments/size"_s << QVariant(u"2147483648"_s) << two << true;
        QTest::newRow("an entry after size")
            << u"environments/size"_s << QVariant(2) << QList<int> {1, 2, 7} << true;
        QTest::newRow("gaps within size")
            << u"environments/size"_s << QVariant(9) << QList<int> {1, 4, 9} << false;
        QTest::newRow("accounts 2000000000") << u"accounts/size"_s << QVariant(2000000000) << two << true;
    }

    void untrustedArraySizes()
    {
        // The size stored in accounts.ini must not drive the work: every entry there is is read,
        // at once, and a size that disagrees is reported.
        QFETCH(QString, key);
        QFETCH(QVariant, size);
        QFETCH(QList<int>, indexes);
        QFETCH(bool, disagrees);
        QList<std::pair<QString, QVariant>> values = teamWith(indexes);
        values.append({key, size});
        const QProcessEnvironment env
            = withSettings(u"sizes-"_s + QString::fromLatin1(QTest::currentDataTag()), values);
        QElapsedTimer clock;
        clock.start();
        const Run r = cli({u"env"_s, u"list"_s}, {}, env);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.exitCode, 0);
        for (const int i : indexes)
            QVERIFY2(r.out.contains(u"env-%1 "_s.arg(i).toUtf8()), r.out.constData());
        QCOMPARE(r.err.count('\n'), disagrees ? 1 : 0);
        if (disagrees)
            QVERIFY2(r.err.contains(key.toUtf8()) && r.err.contains("warning"), r.err.constData());
    }

    void plainHttpToAnotherComputerIsRefused()
    {
        // A server on this machine's own address when it has one, to see that nothing reaches it;
        // else an address of TEST-NET-1 (RFC 5737): the refusal comes before any connection.
        const QHostAddress address = nonLoopbackAddress();
        RecordingServer server;
        QVERIFY(address.isNull() || server.listen(address, 0));
        const QString base = address.isNull()
            ? u"http://192.0.2.1:9"_s
            : u"http://%1:%2"_s.arg(address.toString()).arg(server.serverPort());
        const QProcessEnvironment env = withSettings(u"insecure"_s, {});

        // Refused before anything is sent: exit 2, one line that says why and what to do.
        const Run refused
            = cli({u"env"_s, u"add"_s, u"plain"_s}, urlLine(u"stratustest"_s, kSecret, base), env);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(oneLine(refused), QByteArray(refused.out + refused.err).constData());
        QVERIFY2(refused.err.contains("unencrypted") && refused.err.contains("--allow-insecure-transport"),
                 refused.err.constData());
        QVERIFY2(server.requests.isEmpty(), server.requests.join("\n---\n").constData());

        // The same for a URL given to a command, or in CLOUDINARY_URL.
        const QString other = u"cloudinary://%1:OtherSecret42@stratustest?upload_prefix=%2"_s.arg(kKey, base);
        const Run search = cli({u"search"_s, u"tags=x"_s, u"--cloudinary-url"_s, other}, {}, env);
        QCOMPARE(search.exitCode, 2);
        QVERIFY2(oneLine(search) && search.err.contains("unencrypted"), search.err.constData());
        QProcessEnvironment withUrl = env;
        withUrl.insert(u"CLOUDINARY_URL"_s, other);
        const Run fromVariable = cli({u"search"_s, u"tags=x"_s}, {}, withUrl);
        QCOMPARE(fromVariable.exitCode, 2);
        QVERIFY2(oneLine(fromVariable) && fromVariable.err.contains("unencrypted"),
                 fromVariable.err.constData());
        QVERIFY2(server.requests.isEmpty(), server.requests.join("\n---\n").constData());
    }

    void plainHttpToAnotherComputerWithConsent()
    {
        // The stand-in for another computer listens on this machine's own address.
        const QHostAddress address = nonLoopbackAddress();
        if (address.isNull())
            QSKIP("this machine has no address but loopback: nothing can stand in for another computer");
        RecordingServer server;
        QVERIFY(server.listen(address, 0));
        const QString base = u"http://%1:%2"_s.arg(address.toString()).arg(server.serverPort());
        const QProcessEnvironment env = withSettings(u"insecure"_s, {});
        const QString other = u"cloudinary://%1:OtherSecret42@stratustest?upload_prefix=%2"_s.arg(kKey, base);
        QProcessEnvironment withUrl = env;
        withUrl.insert(u"CLOUDINARY_URL"_s, other);

        // Allowed for this invocation: it goes, with a warning each time.
        const Run allowedSearch
            = cli({u"search"_s, u"tags=x"_s, u"--allow-insecure-transport"_s}, {}, withUrl);
        QVERIFY2(allowedSearch.exitCode == 0, allowedSearch.err.constData());
        QCOMPARE(allowedSearch.err.count('\n'), 1);
        QVERIFY2(allowedSearch.err.contains("warning") && allowedSearch.err.contains("unencrypted"),
                 allowedSearch.err.constData());
        QVERIFY(server.sawCredentials());

        // Stored with the allowance: listed as such, warned about whenever it is used.
        server.requests.clear();
        const Run added = cli({u"env"_s, u"add"_s, u"plain"_s, u"--allow-insecure-transport"_s},
                              urlLine(u"stratustest"_s, kSecret, base), env);
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QVERIFY2(added.err.contains("warning") && added.err.contains("unencrypted"), added.err.constData());
        QVERIFY(server.sawCredentials());
        const Run json = cli({u"env"_s, u"list"_s, u"--json"_s}, {}, env);
        QCOMPARE(json.exitCode, 0);
        const QJsonObject plain
            = byName(QJsonDocument::fromJson(json.out).object().value(u"environments").toArray(), u"plain"_s);
        QVERIFY(plain.value(u"allow_insecure_transport").toBool());
        const Run text = cli({u"env"_s, u"list"_s}, {}, env);
        QVERIFY2(text.out.contains("unencrypted"), text.out.constData());
        const Run stored = cli({u"search"_s, u"tags=x"_s, u"--env"_s, u"plain"_s}, {}, env);
        QVERIFY2(stored.exitCode == 0, stored.err.constData());
        QVERIFY2(stored.err.contains("warning") && stored.err.contains("unencrypted"),
                 stored.err.constData());

        QCOMPARE(cli({u"env"_s, u"remove"_s, u"plain"_s}, {}, env).exitCode, 0);
    }

    void unsafeNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("line feed") << u"two\nlines"_s;
        QTest::newRow("carriage return") << u"back\rwards"_s;
        QTest::newRow("tab") << u"tab\tbed"_s;
        QTest::newRow("C0") << u"bell\u0007"_s;
        QTest::newRow("DEL") << u"del\u007F"_s;
        QTest::newRow("C1 (NEL)") << u"next\u0085line"_s;
        QTest::newRow("line separator") << u"a\u2028b"_s;
        QTest::newRow("paragraph separator") << u"a\u2029b"_s;
        QTest::newRow("right-to-left override") << u"prod\u202Eved"_s;
        QTest::newRow("left-to-right embedding") << u"\u202Aprod"_s;
        QTest::newRow("right-to-left isolate") << u"prod\u2067x"_s;
        QTest::newRow("pop directional isolate") << u"prod\u2069"_s;
        QTest::newRow("right-to-left mark") << u"prod\u200F"_s;
        QTest::newRow("arabic letter mark") << u"prod\u061C"_s;
    }

    void unsafeNamesAreRefused()
    {
        // Refused before the URL is even tried (it points at a closed port), for environments and
        // account labels alike, when added or renamed.
        QFETCH(QString, name);
        const QProcessEnvironment env = withSettings(u"names"_s, teamWith({1}));
        const QString closed
            = u"cloudinary://%1:OtherSecret42@stratustest?upload_prefix=http://127.0.0.1:%2"_s.arg(kKey).arg(
                freePort());
        const QList<QStringList> attempts {
            {u"env"_s, u"add"_s, name, u"--cloudinary-url"_s, closed},
            {u"env"_s, u"add"_s, u"fine"_s, u"--account"_s, name, u"--cloudinary-url"_s, closed},
            {u"env"_s, u"rename"_s, u"env-1"_s, name},
        };
        for (const QStringList &args : attempts) {
            const Run r = cli(args, {}, env);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(oneLine(r), QByteArray(r.out + r.err).constData());
            QVERIFY2(r.err.contains("control character") || r.err.contains("text-direction"),
                     r.err.constData());
        }
        const Run list = cli({u"env"_s, u"list"_s, u"--json"_s}, {}, env);
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(list.out).object().value(u"environments").toArray().size(), 1);
    }

    void storedUnsafeNamesAreShownEscaped()
    {
        // Written by an older Stratus or by hand: listed escaped, one line each, never reordered.
        QList<std::pair<QString, QVariant>> values = teamWith({1});
        values.append({u"environments/1/name"_s, u"prod\u202Eevil\nX"_s});
        values.append({u"accounts/1/label"_s, u"Te\tam"_s});
        const QProcessEnvironment env = withSettings(u"stored-names"_s, values);
        const Run list = cli({u"env"_s, u"list"_s}, {}, env);
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.out.count('\n'), 2); // the header and one environment
        QVERIFY2(!list.out.contains("\xE2\x80\xAE") && !list.out.contains('\t'), list.out.constData());
        QVERIFY2(list.out.contains("prod\\u202Eevil\\nX") && list.out.contains("Te\\tam"),
                 list.out.constData());

        // The escaped name, as shown, finds it: so it can be renamed to something safe.
        const Run rename = cli({u"env"_s, u"rename"_s, u"prod\\u202Eevil\\nX"_s, u"prod"_s}, {}, env);
        QVERIFY2(rename.exitCode == 0, rename.err.constData());
        const Run after = cli({u"env"_s, u"list"_s}, {}, env);
        QVERIFY2(after.out.contains(" prod "), after.out.constData());
    }

    void removeTakesTheSecret()
    {
        for (const QString &name : {u"sbx"_s, u"fixed"_s}) {
            const Run r = cli({u"env"_s, u"remove"_s, name});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        QCOMPARE(listed().size(), 0);
        const Run sign = cli({u"sign"_s, u"--env"_s, u"sbx"_s, u"--params"_s, u"{\"a\":\"b\"}"_s});
        QCOMPARE(sign.exitCode, 2);
        // Nothing of Stratus is left in the keychain.
        QProcess tool;
        tool.start(
            u"secret-tool"_s,
            {u"search"_s, u"--all"_s, u"xdg:schema"_s, u"org.qt.keychain"_s, u"server"_s, u"Stratus"_s});
        QVERIFY(tool.waitForFinished(20000));
        const QByteArray found = tool.readAllStandardOutput() + tool.readAllStandardError();
        QVERIFY2(!found.contains("attribute.user"), found.constData());
    }

    void theSecretIsNowhere()
    {
        const QByteArray secrets[] = {kSecret.toUtf8(), kWrongSecret.toUtf8()};
        for (const QByteArray &secret : secrets)
            QVERIFY2(!m_outputs.contains(secret), "a secret was printed");
        for (const QStringList &args : std::as_const(m_arguments)) {
            for (const QByteArray &secret : secrets)
                QVERIFY2(!args.join(u' ').toUtf8().contains(secret), qPrintable(args.join(u' ')));
        }
        QVERIFY(!m_cmdlines.isEmpty());
        for (const QString &cmdline : std::as_const(m_cmdlines))
            QVERIFY2(!cmdline.contains(kSecret) && !cmdline.contains(kWrongSecret), qPrintable(cmdline));

        // The CLI's HOME and XDG folders, and this test's own (run-headless.sh's temporary ones, with
        // the keyring file: the keychain keeps the secret encrypted).
        QStringList folders {dir(u"home"_s), dir(u"config"_s), dir(u"data"_s), dir(u"cache"_s)};
        for (const char *name :
             {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
            const QString folder = qEnvironmentVariable(name);
            if (!folder.isEmpty() && folder.startsWith(QDir::tempPath()) && !folder.startsWith(m_root.path()))
                folders.append(folder);
        }
        int files = 0;
        for (const QString &folder : std::as_const(folders)) {
            QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                ++files;
                const QByteArray contents = file.readAll();
                for (const QByteArray &secret : secrets)
                    QVERIFY2(!contents.contains(secret), qPrintable(file.fileName()));
            }
        }
        QVERIFY(files > 0); // accounts.ini at least
    }
};

QTEST_GUILESS_MAIN(TestCliEnv)
#include "tst_cli_env.moc"
