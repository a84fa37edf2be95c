#include "overviewview.h"

#include "gui/errors/errorpresenter.h"

#include "environmentpage.h"

#include "core/accounts/accountstore.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"

#include "ui_overviewview.h"

#include <QFileInfo>
#include <QLocale>
#include <QPushButton>

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
    m_ui->usageValue->setText(usageText(*session));
    m_ui->budgetValue->setText(EnvironmentPage::budgetText(*session));
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

QString OverviewView::usageLine(const QString &what, const core::UsageMetric &metric, bool bytes)
{
    const QLocale locale;
    const auto format = [&](double value) {
        return bytes ? locale.formattedDataSize(qint64(value)) : locale.toString(qint64(value));
    };
    if (metric.limit > 0)
        return tr("%1: %2 of %3").arg(what, format(metric.usage), format(metric.limit));
    return tr("%1: %2").arg(what, format(metric.usage));
}

QString OverviewView::usageText(const EnvironmentSession &session)
{
    if (const auto &usage = session.usage()) {
        QStringList lines;
        if (!usage->plan.isEmpty())
            lines << tr("Plan: %1").arg(usage->plan);
        lines << usageLine(tr("Assets"), usage->objects, false)
              << usageLine(tr("Storage"), usage->storage, true)
              << usageLine(tr("Bandwidth"), usage->bandwidth, true);
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
