#pragma once

#include "core/util/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace stratus::core {

/// Where API secrets are kept: the OS keychain in the app and the CLI (KeychainSecretStore), memory
/// in unit tests (MemorySecretStore). Asynchronous because a keychain may ask the user to unlock.
///
/// Every call answers exactly once through its callback, in `context`'s thread, possibly before the
/// call returns, and never once `context` is destroyed. Errors: Kind::NotFound (no entry for the
/// key, from read() only: remove() of a missing entry succeeds), Kind::Permission (the keychain
/// refused access), Kind::Unavailable (no keychain answers, or it is locked and cannot prompt).
/// There is no plaintext fallback.
class SecretStore
{
public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using DoneCallback = std::function<void(Result<Done>)>;

    virtual ~SecretStore() = default;

    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, DoneCallback done) = 0;

protected:
    SecretStore() = default;
    SecretStore(const SecretStore &) = default;
    SecretStore &operator=(const SecretStore &) = default;
};

/// A SecretStore in memory, for unit tests of the paths a real keychain rarely takes: every call
/// can be made to fail with a chosen error, and calls can be held until release() to test what
/// happens while the keychain is still thinking.
class MemorySecretStore final : public SecretStore
{
public:
    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;

    /// From now on every call fails with `error` (std::nullopt: calls work again).
    void setFailure(std::optional<Error> failure) { m_failure = std::move(failure); }
    /// Only writes fail (a keychain that reads but refuses new entries).
    void setWriteFailure(std::optional<Error> failure) { m_writeFailure = std::move(failure); }

    [[nodiscard]] const QHash<QString, QString> &entries() const { return m_entries; }
    [[nodiscard]] int callCount() const { return m_calls; }

private:
    QHash<QString, QString> m_entries;
    std::optional<Error> m_failure;
    std::optional<Error> m_writeFailure;
    int m_calls = 0;
};

/// The Error a SecretStore reports when no keychain answers.
[[nodiscard]] Error keychainUnavailableError(const QString &detail);

} // namespace stratus::core
