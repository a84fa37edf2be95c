#include "localsandbox.h"

#include "core/accounts/accountstore.h"
#include "core/net/secretsource.h"
#include "sandbox.h"
#include "seeder.h"
#include "words/errorwords.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace stratus::app {

/// Lives on the sandbox thread: opens, seeds and runs the server there, so image work never
/// blocks the window.
class SandboxWorker : public QObject
{
    Q_OBJECT

public:
    void run(const QString &dataDirectory, const sandbox::EnvironmentConfig &environment, int seedCount)
    {
        m_sandbox = new sandbox::Sandbox(this);
        QString error;
        if (!QDir().mkpath(dataDirectory)) {
            Q_EMIT failed(tr("Cannot create %1.").arg(dataDirectory));
            return;
        }
        sandbox::AuthorizationSettings authorization;
        sandbox::UserConfig demo;
        demo.email = QString::fromLatin1(LocalSandbox::kDemoUserEmail);
        demo.password = QString::fromLatin1(LocalSandbox::kDemoUserPassword);
        demo.clouds = {environment.cloudName};
        demo.demo = true;
        authorization.users = {demo};
        if (!m_sandbox->open(dataDirectory, {environment}, {}, &error)
            || !m_sandbox->setAuthorization(authorization, &error)
            || !sandbox::Seeder::seed(m_sandbox->store(), environment, seedCount, &error)) {
            Q_EMIT failed(error);
            return;
        }
        // The port of the last run when it is free: what was signed in to the Local sandbox (its
        // tokens name their server's address) keeps working across restarts.
        QFile portFile(dataDirectory + QStringLiteral("/port"));
        quint16 port = 0;
        if (portFile.open(QIODevice::ReadOnly)) {
            const quint16 last = portFile.readAll().trimmed().toUShort();
            portFile.close();
            if (last >= 1024)
                port = m_sandbox->listen(last);
        }
        if (port == 0)
            port = m_sandbox->listen(0);
        if (port != 0 && portFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
            portFile.write(QByteArray::number(port));
        if (port == 0) {
            Q_EMIT failed(tr("Cannot listen on 127.0.0.1."));
            return;
        }
        Q_EMIT started(port);
    }

Q_SIGNALS:
    void started(quint16 port);
    void failed(const QString &message);

private:
    sandbox::Sandbox *m_sandbox = nullptr;
};

namespace {

QString randomText(int length, QLatin1StringView alphabet)
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(QLatin1Char(alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())))));
    return text;
}

constexpr QLatin1StringView kCloudName {"local-sandbox"};

} // namespace

LocalSandbox::LocalSandbox(core::AccountStore *store, QString dataDirectory, int seedCount, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDirectory(std::move(dataDirectory))
    , m_seedCount(seedCount)
{
    m_thread.setObjectName(QStringLiteral("local-sandbox"));
}

LocalSandbox::~LocalSandbox()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
    // The secret of this run goes with it.
    m_secret.fill(QLatin1Char('\0'));
}

void LocalSandbox::start()
{
    for (const core::EnvironmentRecord &env : m_store->environments()) {
        if (env.embeddedSandbox) {
            m_environmentId = env.id;
            startServer();
            return;
        }
    }
    // First run: the account and environment, with a key made here; there is no secret to store.
    core::AccountRecord account;
    account.label = tr("Local sandbox");
    account.embeddedSandbox = true;
    core::EnvironmentRecord env;
    env.id = core::AccountStore::newId();
    env.name = tr("Local sandbox");
    env.embeddedSandbox = true;
    env.folderMode = core::FolderMode::Dynamic;
    env.url
        = core::CloudinaryUrl::parse(QStringLiteral("cloudinary://%1@%2")
                                         .arg(randomText(15, QLatin1StringView("0123456789")), kCloudName),
                                     core::CloudinaryUrl::Kind::Cloud)
              .value();
    m_environmentId = env.id;
    m_store->addAccount(account, {{env, QString()}}, QString(), this, [this](core::Result<core::Done> added) {
        if (!added) {
            Q_EMIT failed(words::ErrorWords::text(added.error()));
            return;
        }
        startServer();
    });
}

void LocalSandbox::startServer()
{
    const core::EnvironmentRecord *env = m_store->environment(m_environmentId);
    if (!env)
        return;
    sandbox::EnvironmentConfig config;
    config.cloudName = env->cloudName();
    config.apiKey = env->apiKey();
    config.name = env->name;
    config.folderMode = env->folderMode == core::FolderMode::Fixed ? sandbox::FolderMode::Fixed
                                                                   : sandbox::FolderMode::Dynamic;
    m_secret = randomText(
        27, QLatin1StringView("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"));
    config.apiSecret = m_secret;

    m_worker = new SandboxWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SandboxWorker::failed, this, &LocalSandbox::failed);
    // The client URL is the server's own (key and cloud of the config it runs), without the secret.
    connect(m_worker, &SandboxWorker::started, this,
            [this, key = config.apiKey, cloud = config.cloudName](quint16 port) {
                m_port = port;
                const QString host = QStringLiteral("127.0.0.1:%1").arg(port);
                auto url = core::CloudinaryUrl::parse(
                    QStringLiteral("cloudinary://%1@%2?upload_prefix=http://%3&cname=%3&secure=false")
                        .arg(key, cloud, host),
                    core::CloudinaryUrl::Kind::Cloud);
                if (url)
                    m_store->setRuntimeEnvironment(m_environmentId, *url,
                                                   std::make_shared<core::FixedSecret>(m_secret));
                Q_EMIT ready(port);
            });
    m_thread.start();
    const QString dataDirectory = m_dataDirectory;
    const int seedCount = m_seedCount;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, dataDirectory, config, seedCount] {
        worker->run(dataDirectory, config, seedCount);
    });
}

} // namespace stratus::app

#include "localsandbox.moc"
