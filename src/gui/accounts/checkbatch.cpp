#include "checkbatch.h"

#include "checkmessages.h"

#include "core/accounts/apicontextfor.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/secretsource.h"

#include <QTimer>

#include <algorithm>

namespace stratus::gui {

CheckBatch::Item CheckBatch::Item::withAccessToken(QString label, core::CloudinaryUrl url,
                                                   const QString &accessToken, bool allowInsecureTransport)
{
    return {std::move(label), std::move(url),
            std::make_shared<core::FixedToken>(accessToken,
                                               allowInsecureTransport ? core::InsecureTransport::Allowed
                                                                      : core::InsecureTransport::Refused)};
}

CheckBatch::Item CheckBatch::Item::withTypedSecret(QString label, core::CloudinaryUrl url,
                                                   const QString &secret, bool allowInsecureTransport)
{
    return {std::move(label), std::move(url),
            std::make_shared<core::FixedSecret>(secret,
                                                allowInsecureTransport ? core::InsecureTransport::Allowed
                                                                       : core::InsecureTransport::Refused)};
}

CheckBatch::CheckBatch(QNetworkAccessManager *network, QList<Item> items, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_items(std::move(items))
{
}

CheckBatch *CheckBatch::run(QNetworkAccessManager *network, QList<Item> items, QObject *owner,
                            ProgressCallback progress, DoneCallback done)
{
    auto *batch = new CheckBatch(network, std::move(items), owner);
    connect(batch, &CheckBatch::progress, owner,
            [progress = std::move(progress)](int index, int count, const QString &label) {
                progress(CheckMessages::progress(index, count, label));
            });
    connect(batch, &CheckBatch::finished, owner, [batch, done = std::move(done)] {
        done(*batch);
        batch->deleteLater();
    });
    batch->start();
    return batch;
}

core::RetryPolicy CheckBatch::retryPolicy()
{
    core::RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelay = std::chrono::milliseconds(500);
    policy.maxDelay = std::chrono::milliseconds(2000);
    policy.stallTimeout = std::chrono::seconds(30);
    policy.waitForRateLimit = false;
    return policy;
}

void CheckBatch::start()
{
    if (m_started)
        return;
    m_started = true;
    runNext();
}

void CheckBatch::cancel()
{
    if (m_finishing)
        return;
    m_cancelled = true;
    // Deleting the owner cancels the check's calls; its callback never comes.
    delete m_current;
    m_current = nullptr;
    finishLater();
}

bool CheckBatch::succeeded() const
{
    if (m_cancelled || m_outcomes.size() != m_items.size())
        return false;
    return std::all_of(m_outcomes.cbegin(), m_outcomes.cend(),
                       [](const Outcome &o) { return o.result.ok(); });
}

void CheckBatch::runNext()
{
    const int index = int(m_outcomes.size());
    if (index >= m_items.size()) {
        finishLater();
        return;
    }
    const Item &item = m_items.at(index);
    Q_EMIT progress(index, int(m_items.size()), item.label);

    m_current = new QObject(this);
    auto *budget = new core::RateLimitBudget(m_current);
    auto context = core::apiContextFor(item.url, item.secret, m_network, budget);
    if (!context) {
        m_outcomes.append(Outcome {item.label, item.url.cloudName(), context.error()});
        delete m_current;
        m_current = nullptr;
        runNext();
        return;
    }
    core::ApiContext api = std::move(context).value();
    api.retryPolicy = retryPolicy();
    const QString label = item.label;
    const QString cloudName = item.url.cloudName();
    core::EnvironmentCheck::start(
        std::move(api), m_current,
        [this, label, cloudName](core::Result<core::EnvironmentCheckResult> result) {
            m_outcomes.append(Outcome {label, cloudName, std::move(result)});
            // The check is still on the stack: let the owner go later.
            m_current->deleteLater();
            m_current = nullptr;
            runNext();
        });
}

void CheckBatch::finishLater()
{
    if (m_finishing)
        return;
    m_finishing = true;
    QTimer::singleShot(0, this, &CheckBatch::finished);
}

} // namespace stratus::gui
