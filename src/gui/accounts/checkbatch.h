#pragma once

#include "core/accounts/environmentcheck.h"
#include "core/config/cloudinaryurl.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace stratus::core {
class SecretSource;
}

namespace stratus::gui {

/// Runs the connection test (core::EnvironmentCheck) of one or more environments one after the
/// other, for the dialogs that check before they save (add, log in) or on request (Test
/// Connection). Created, owned and started by such a dialog; GUI thread only.
///
/// progress() fires before each environment is tested. finished() fires exactly once, from the
/// event loop: after the last environment, or after cancel() (then wasCancelled() and the
/// outcomes of the environments not reached are missing). The secrets stay behind their
/// SecretSource and are forgotten with it when the batch is deleted.
class CheckBatch : public QObject
{
    Q_OBJECT

public:
    struct Item
    {
        QString label; ///< what progress() shows, e.g. the environment's name
        core::CloudinaryUrl url; ///< the environment's URL; its secret, if any, is ignored
        std::shared_ptr<const core::SecretSource> secret;

        /// An environment to test with the secret typed in the dialog, which may go over plain
        /// http only when @p allowInsecureTransport (the environment's setting) and no further.
        [[nodiscard]] static Item withTypedSecret(QString label, core::CloudinaryUrl url,
                                                  const QString &secret, bool allowInsecureTransport);
        /// An environment signed in with Cloudinary, to test with the access token just received
        /// (Bearer, nothing signed; a 401 is not renewed: the token is brand new).
        [[nodiscard]] static Item withAccessToken(QString label, core::CloudinaryUrl url,
                                                  const QString &accessToken, bool allowInsecureTransport);
    };

    struct Outcome
    {
        QString label;
        QString cloudName;
        core::Result<core::EnvironmentCheckResult> result;
    };

    using ProgressCallback = std::function<void(const QString &richText)>;
    using DoneCallback = std::function<void(const CheckBatch &batch)>;

    CheckBatch(QNetworkAccessManager *network, QList<Item> items, QObject *parent = nullptr);

    /// What the dialogs do: creates a batch owned by `owner` and starts it; `progress` gets the
    /// text to show for each step ("Testing “name”…"), `done` the finished batch (also after
    /// cancel()), which then deletes itself. Neither is called once `owner` is gone.
    static CheckBatch *run(QNetworkAccessManager *network, QList<Item> items, QObject *owner,
                           ProgressCallback progress, DoneCallback done);

    void start();
    /// Stops the test in progress; finished() follows from the event loop.
    void cancel();

    [[nodiscard]] const QList<Outcome> &outcomes() const { return m_outcomes; }
    [[nodiscard]] bool wasCancelled() const { return m_cancelled; }
    /// Every environment was tested and answered well.
    [[nodiscard]] bool succeeded() const;

    /// How a connection test retries: a person is waiting, so one quick retry for a network blip
    /// and no waiting for a spent rate limit (that is reported at once instead).
    [[nodiscard]] static core::RetryPolicy retryPolicy();

Q_SIGNALS:
    void progress(int index, int count, const QString &label);
    void finished();

private:
    void runNext();
    void finishLater();

    QPointer<QNetworkAccessManager> m_network;
    QList<Item> m_items;
    QList<Outcome> m_outcomes;
    QObject *m_current = nullptr; ///< owns the running check and its budget; deleting it cancels
    bool m_started = false;
    bool m_cancelled = false;
    bool m_finishing = false;
};

} // namespace stratus::gui
