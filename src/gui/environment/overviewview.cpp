#include "overviewview.h"

#include "gui/errors/errorpresenter.h"

#include "environmentpage.h"
#include "usagemeter.h"

#include "core/accounts/accountstore.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"

#include "ui_overviewview.h"

#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stratus::gui {

using core::EnvironmentSession;
using namespace Qt::StringLiterals;

OverviewView::OverviewView(EnvironmentSession *session, const core::AccountStore *store, QWidget *parent)
    : Page(parent)
    , m_ui(std::make_unique<Ui::OverviewView>())
    , m_session(session)
    , m_store(store)
{
    m_ui->setupUi(this);
    setObjectName(u"overviewView"_s);
    // Where the keyboard lands when the view is chosen with Alt+2.
    setFocusProxy(m_ui->testConnectionButton);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->refresh();
    });
    if (m_session) {
        // Only while shown: counting the catalogue's assets is a query.
        const auto refreshShown = [this] {
            if (isVisible())
                refresh();
        };
        connect(m_session, &EnvironmentSession::changed, this, refreshShown);
        connect(m_session, &EnvironmentSession::catalogSynced, this, refreshShown);
    }
}

OverviewView::~OverviewView() = default;

QString OverviewView::title() const
{
    return tr("&Overview");
}

void OverviewView::showEvent(QShowEvent *event)
{
    refresh();
    Page::showEvent(event);
}

void OverviewView::refresh()
{
    EnvironmentSession *session = m_session.data();
    if (session == nullptr)
        return;
    const core::EnvironmentRecord env = session->record();
    const core::AccountRecord *account = m_store != nullptr ? m_store->account(env.accountId) : nullptr;
    m_ui->accountValue->setText(account != nullptr ? account->displayLabel() : tr("Unknown"));
    m_ui->cloudValue->setText(env.embeddedSandbox ? env.cloudName()
                                                  : tr("%1 · API key %2").arg(env.cloudName(), env.apiKey()));

    QString mode = EnvironmentPage::folderModeText(int(env.folderMode));
    if (env.folderMode == core::FolderMode::Dynamic)
        mode = tr("%1 — an asset's folder and display name can change without changing its public ID")
                   .arg(mode);
    else if (env.folderMode == core::FolderMode::Fixed)
        mode = tr("%1 — an asset's folder is the path of its public ID").arg(mode);
    m_ui->folderModeValue->setText(mode);

    // What went wrong, and what to do about it, is in the page's banner above the views.
    m_ui->connectionValue->setText(EnvironmentPage::connectionText(*session));

    m_ui->catalogValue->setText(catalogText(*session));
    m_ui->lastSyncValue->setText(lastSyncText(*session));
    for (const QPointer<QWidget> &meter : std::as_const(m_meters))
        delete meter.data();
    m_meters.clear();
    m_ui->usageValue->setText(usageText(*session));
    showUsageMeters(*session);
    showBudgetMeter(*session);
    m_ui->deniedValue->setText(deniedText(env));
    m_ui->testConnectionButton->setEnabled(session->connection() != EnvironmentSession::Connection::Checking);
}

QString OverviewView::catalogText(EnvironmentSession &session)
{
    core::catalog::Catalog *catalog = session.catalog();
    if (catalog == nullptr)
        return tr("Cannot be opened: %1")
            .arg(session.catalogError() ? ErrorPresenter::text(*session.catalogError()) : QString());
    const QLocale locale;
    QStringList kinds;
    if (const auto facets = catalog->facets({})) {
        for (const auto &type : facets.value().resourceTypes) {
            if (type.value == u"image")
                kinds << tr("%n image(s)", nullptr, int(type.count));
            else if (type.value == u"video")
                kinds << tr("%n video(s)", nullptr, int(type.count));
            else if (type.value == u"raw")
                kinds << tr("%n other file(s)", nullptr, int(type.count));
        }
    }
    QString text = tr("%n asset(s)", nullptr,
                      int(std::min<qint64>(catalog->assetCount(), std::numeric_limits<int>::max())));
    if (kinds.size() > 1)
        text = tr("%1 (%2)").arg(text, locale.createSeparatedList(kinds));
    qint64 bytes = 0;
    for (const QString &suffix : {QString(), u"-wal"_s})
        bytes += QFileInfo(catalog->filePath() + suffix).size();
    return tr("%1 · %2 on this computer").arg(text, locale.formattedDataSize(bytes));
}

QString OverviewView::lastSyncText(EnvironmentSession &session)
{
    if (session.isSyncing() || session.lastSyncError())
        return EnvironmentPage::syncText(session);
    const core::catalog::Catalog *catalog = session.catalog();
    const QDateTime last = catalog != nullptr ? catalog->syncState().lastSync : QDateTime();
    if (!last.isValid())
        return tr("Never");
    const QLocale locale;
    const QDateTime local = last.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    if (local.date() == QDate::currentDate())
        return tr("Today at %1").arg(time);
    return tr("%1 at %2").arg(locale.toString(local.date(), QLocale::ShortFormat), time);
}

namespace {

// "12.4 GB of 25 GB" (or "4,210 of 5,000").
QString amountOf(double used, double limit, bool bytes)
{
    const QLocale locale;
    const auto format = [&](double value) {
        return bytes ? locale.formattedDataSize(qint64(value))
                     : locale.toString(value, 'f', value < 100 && value != std::floor(value) ? 1 : 0);
    };
    return OverviewView::tr("%1 of %2").arg(format(used), format(limit));
}

double percentOf(const core::UsageMetric &metric)
{
    if (metric.usedPercent > 0 || metric.limit <= 0)
        return metric.usedPercent;
    return 100 * metric.usage / metric.limit;
}

} // namespace

void OverviewView::showUsageMeters(const EnvironmentSession &session)
{
    const auto &usage = session.usage();
    if (!usage)
        return;
    QVBoxLayout *layout = m_ui->usageLayout;
    const auto add = [&](UsageMeter *meter) {
        meter->setMaximumWidth(560);
        layout->addWidget(meter);
        m_meters.append(meter);
    };
    const QLocale locale;
    if (usage->credits.limit > 0) {
        // A credit plan: one limit, the credits; storage, bandwidth and transformations each spend
        // some of them, shown as their share of it.
        add(new UsageMeter(tr("Credits"),
                           tr("%1 of %2 credits")
                               .arg(locale.toString(usage->credits.usage, 'f', 2),
                                    locale.toString(usage->credits.limit, 'g', 6)),
                           percentOf(usage->credits), m_ui->usagePanel));
        const auto share = [&](const QString &what, const core::UsageMetric &metric, const QString &amount) {
            add(new UsageMeter(
                what, tr("%1 · %2 credits").arg(amount, locale.toString(metric.creditsUsage, 'f', 2)),
                100 * metric.creditsUsage / usage->credits.limit, m_ui->usagePanel));
        };
        share(tr("Storage"), usage->storage, locale.formattedDataSize(qint64(usage->storage.usage)));
        share(tr("Bandwidth"), usage->bandwidth, locale.formattedDataSize(qint64(usage->bandwidth.usage)));
        share(tr("Transformations"), usage->transformations,
              locale.toString(qint64(usage->transformations.usage)));
        return;
    }
    // A plan with a limit per metric; a metric without one has no bar.
    const auto metric = [&](const QString &what, const core::UsageMetric &value, bool bytes) {
        if (value.limit > 0)
            add(new UsageMeter(what, amountOf(value.usage, value.limit, bytes), percentOf(value),
                               m_ui->usagePanel));
    };
    metric(tr("Storage"), usage->storage, true);
    metric(tr("Bandwidth"), usage->bandwidth, true);
    metric(tr("Transformations"), usage->transformations, false);
    metric(tr("Assets"), usage->objects, false);
}

void OverviewView::showBudgetMeter(const EnvironmentSession &session)
{
    const core::RateLimitBudget *budget = session.budget();
    const bool known = budget->isKnown() && budget->limit() > 0;
    m_ui->budgetValue->setVisible(!known);
    m_ui->budgetValue->setText(EnvironmentPage::budgetText(session));
    if (!known)
        return;
    const QLocale locale;
    QString amount = tr("%1 of %2 calls left this hour")
                         .arg(locale.toString(budget->remaining()), locale.toString(budget->limit()));
    if (budget->resetAt().isValid())
        amount
            = tr("%1 · new hour at %2")
                  .arg(amount, locale.toString(budget->resetAt().toLocalTime().time(), QLocale::ShortFormat));
    const double used = budget->limit() - budget->remaining();
    auto *meter
        = new UsageMeter(tr("Admin API calls"), amount, 100 * used / budget->limit(), m_ui->budgetPanel);
    meter->setObjectName(u"budgetMeter"_s);
    meter->setMaximumWidth(560);
    m_ui->budgetLayout->addWidget(meter);
    m_meters.append(meter);
}

QString OverviewView::mediaLimitsText(const core::Usage &usage)
{
    // Compact: one line, the largest file of each kind the plan accepts.
    const QLocale locale;
    QStringList parts;
    const auto part = [&](const QString &what, const QString &key) {
        const double bytes = usage.mediaLimits.value(key).toDouble();
        if (bytes > 0)
            parts << tr("%1 %2").arg(what, locale.formattedDataSize(qint64(bytes), 0));
    };
    part(tr("image"), u"image_max_size_bytes"_s);
    part(tr("video"), u"video_max_size_bytes"_s);
    part(tr("other file"), u"raw_max_size_bytes"_s);
    if (parts.isEmpty())
        return {};
    return tr("Largest upload: %1").arg(parts.join(u" · "_s));
}

QString OverviewView::usageText(const EnvironmentSession &session)
{
    if (const auto &usage = session.usage()) {
        QStringList lines;
        const QString plan = usage->plan.isEmpty() ? tr("Plan") : tr("%1 plan").arg(usage->plan);
        lines << tr("%1 · %n asset(s)", nullptr, int(std::min(usage->objects.usage, 1e9))).arg(plan);
        if (const QString limits = mediaLimitsText(*usage); !limits.isEmpty())
            lines << limits;
        return lines.join(QLatin1Char('\n'));
    }
    if (session.record().deniedFeatures.contains(QString(core::Feature::Usage)))
        return tr("These credentials may not read the usage report.");
    return tr("Not known yet");
}

QString OverviewView::deniedText(const core::EnvironmentRecord &env)
{
    if (env.deniedFeatures.isEmpty())
        return tr("None: these credentials may do everything Stratus needs.");
    QStringList lines;
    for (auto it = env.deniedFeatures.cbegin(); it != env.deniedFeatures.cend(); ++it)
        lines << tr("%1 refused (“%2”); everything else keeps working.").arg(it.key(), it.value());
    return lines.join(QLatin1Char('\n'));
}

} // namespace stratus::gui
