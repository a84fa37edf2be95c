#pragma once

#include "secretstore.h"

namespace stratus::core {

/// The SecretStore of the OS keychain through QtKeychain (on Linux the Secret Service, e.g.
/// gnome-keyring or KWallet), under one service name ("Stratus"). Never falls back to a plaintext
/// file: with no keychain every call fails with Kind::Unavailable.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Stratus"));

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;

    [[nodiscard]] const QString &service() const { return m_service; }

private:
    QString m_service;
};

} // namespace stratus::core
