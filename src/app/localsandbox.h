#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

namespace stratus::core {
class AccountStore;
}

namespace stratus::app {

class SandboxWorker;

/// The app's "Local sandbox": a stratus-sandbox server running inside the app, on its own thread,
/// on 127.0.0.1 with a free port, over a data directory under the app's data directory, seeded with
/// sample media on first start. It is an ordinary environment to the rest of the app (the client
/// has no sandbox mode): its account and environment are in the AccountStore, marked
/// embeddedSandbox, and once the server listens the store gets its URL and a secret that exists
/// only in memory for this run — nothing of it is written to disk or to the keychain.
class LocalSandbox : public QObject
{
    Q_OBJECT

public:
    LocalSandbox(core::AccountStore *store, QString dataDirectory, int seedCount, QObject *parent = nullptr);
    ~LocalSandbox() override;

    /// The one user of the embedded sandbox's sign-in page (/oauth2/auth), so that "Sign in with
    /// Cloudinary" can add the Local sandbox too: a demonstration, whose e-mail the page fills in
    /// and whose password it shows. Only processes of this machine reach the server (127.0.0.1).
    static constexpr auto kDemoUserEmail = "you@local.sandbox";
    static constexpr auto kDemoUserPassword = "stratus-demo";

    /// Adds the "Local sandbox" account to the store if it has none, then starts the server.
    void start();
    [[nodiscard]] QString environmentId() const { return m_environmentId; }
    [[nodiscard]] quint16 port() const { return m_port; }

Q_SIGNALS:
    void ready(quint16 port);
    void failed(const QString &message);

private:
    void startServer();

    core::AccountStore *m_store; // outlives this (composition root)
    QString m_dataDirectory;
    int m_seedCount;
    QString m_environmentId;
    QString m_secret;
    quint16 m_port = 0;
    QThread m_thread;
    SandboxWorker *m_worker = nullptr;
};

} // namespace stratus::app
