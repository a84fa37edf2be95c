#pragma once

#include "core/util/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
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
/// can be made to fail with a chosen error, and calls can be held until release() (or answered after
/// a delay) to test what happens while the keychain is still thinking.
///
/// A held or delayed call does its work when it is answered, in the order the calls were made, and
/// does it even when its context is gone by then (a real keychain writes what it was asked to write
/// whether or not the caller still listens); only a living context hears the answer. Calls still
/// held or delayed when the store is destroyed are dropped unanswered.
class MemorySecretStore final : public SecretStore
{
public:
    MemorySecretStore();
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QString &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;

    /// From now on every call fails with `error` (std::nullopt: calls work again).
    void setFailure(std::optional<Error> failure) { m_failure = std::move(failure); }
    /// Only writes fail (a keychain that reads but refuses new entries).
    void setWriteFailure(std::optional<Error> failure) { m_writeFailure = std::move(failure); }

    /// true: from now on calls wait, unanswered, until release() (a keychain waiting for the
    /// person to unlock it). false: new calls are answered again; those held stay held.
    void setHolding(bool holding) { m_holding = holding; }
    /// Answers the `count` oldest held calls (every one when negative) and returns how many it
    /// answered. Calls made by those answers are held again if the store is still holding.
    int release(int count = -1);
    [[nodiscard]] int heldCount() const { return int(m_held.size()); }
    /// From now on calls that are not held are answered `ms` milliseconds later, from the event loop
    /// (0: at once, inside the call).
    void setDelay(int ms) { m_delayMs = ms; }

    [[nodiscard]] const QHash<QString, QString> &entries() const { return m_entries; }
    [[nodiscard]] int callCount() const { return m_calls; }

private:
    /// Runs `call` now, later or at release(), as the store is set.
    void settle(std::function<void()> call);
    [[nodiscard]] Result<QString> readNow(const QString &key) const;
    [[nodiscard]] Result<Done> writeNow(const QString &key, const QString &secret);
    [[nodiscard]] Result<Done> removeNow(const QString &key);

    QHash<QString, QString> m_entries;
    std::optional<Error> m_failure;
    std::optional<Error> m_writeFailure;
    int m_calls = 0;
    bool m_holding = false;
    int m_delayMs = 0;
    QList<std::function<void()>> m_held;
    /// The context of delayed answers: destroyed with the store, so that none comes after it.
    std::unique_ptr<QObject> m_timers;
};

/// The Error a SecretStore reports when no keychain answers.
[[nodiscard]] Error keychainUnavailableError(const QString &detail);

} // namespace stratus::core
