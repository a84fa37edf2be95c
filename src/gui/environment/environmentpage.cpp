#include "environmentpage.h"

#include "core/accounts/environmentsession.h"

#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace stratus::gui {

using core::CheckProblem;
using core::EnvironmentSession;

QString EnvironmentPage::problemText(CheckProblem problem)
{
    switch (problem) {
    case CheckProblem::None:
        return {};
    case CheckProblem::WrongCredentials:
        return tr("the API key or secret is wrong");
    case CheckProblem::UnknownCloud:
        return tr("the cloud name is unknown");
    case CheckProblem::NoNetwork:
        return tr("no network connection");
    case CheckProblem::Proxy:
        return tr("the proxy refused the connection");
    case CheckProblem::Tls:
        return tr("the secure connection failed");
    case CheckProblem::Permission:
        return tr("these credentials may not use the Admin API");
    case CheckProblem::RateLimited:
        return tr("the Admin API budget is spent");
    case CheckProblem::Server:
        return tr("the server had a problem");
    case CheckProblem::Keychain:
        return tr("the keychain did not give the API secret");
    case CheckProblem::Other:
        break;
    }
    return tr("an unexpected error");
}

QString EnvironmentPage::usageLine(const QString &what, const core::UsageMetric &metric, bool bytes)
{
    const QLocale locale;
    const auto format = [&](double value) {
        return bytes ? locale.formattedDataSize(qint64(value)) : locale.toString(qint64(value));
    };
    if (metric.limit > 0)
        return tr("%1: %2 of %3").arg(what, format(metric.usage), format(metric.limit));
    return tr("%1: %2").arg(what, format(metric.usage));
}

namespace {

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

QString EnvironmentPage::connectionText(const EnvironmentSession &session)
{
    switch (session.connection()) {
    case EnvironmentSession::Connection::Unknown:
        return tr("Not checked");
    case EnvironmentSession::Connection::Checking:
        return tr("Connecting…");
    case EnvironmentSession::Connection::Online:
        return tr("Online");
    case EnvironmentSession::Connection::Starting:
        return tr("Starting…");
    case EnvironmentSession::Connection::Offline:
        return tr("Offline: %1").arg(problemText(session.problem()));
    case EnvironmentSession::Connection::Refused:
        return tr("Refused: %1").arg(problemText(session.problem()));
    }
    return {};
}

QString EnvironmentPage::folderModeText(int folderMode)
{
    switch (core::FolderMode(folderMode)) {
    case core::FolderMode::Fixed:
        return tr("Fixed folders");
    case core::FolderMode::Dynamic:
        return tr("Dynamic folders");
    case core::FolderMode::Unknown:
        break;
    }
    return tr("Folder mode unknown");
}

QString EnvironmentPage::budgetText(const EnvironmentSession &session)
{
    const core::RateLimitBudget *budget = session.budget();
    if (!budget->isKnown())
        return tr("Admin API: budget not known yet");
    return tr("Admin API: %1 of %2 calls left this hour")
        .arg(QLocale().toString(budget->remaining()), QLocale().toString(budget->limit()));
}

EnvironmentPage::EnvironmentPage(EnvironmentSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("environmentPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(12);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("environmentTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_subtitle = valueLabel(this);
    layout->addWidget(m_subtitle);

    // The local sandbox's welcome: what it is and how to add a real account.
    auto *welcome = new QFrame(this);
    welcome->setObjectName(QStringLiteral("sandboxWelcome"));
    welcome->setFrameShape(QFrame::StyledPanel);
    auto *welcomeLayout = new QVBoxLayout(welcome);
    auto *welcomeText = new QLabel(
        tr("<b>This is the local sandbox.</b> It runs on this computer, with sample images, videos and "
           "files, so you can try Stratus before adding an account. Nothing here reaches Cloudinary.<br>"
           "To work with your own media, add your Cloudinary account: paste the API environment variable "
           "(CLOUDINARY_URL) from the Cloudinary Console, or enter the cloud name, API key and API secret. "
           "Secrets are kept in your system keychain."),
        welcome);
    welcomeText->setWordWrap(true);
    welcomeLayout->addWidget(welcomeText);
    auto *addButton = new QPushButton(tr("&Add a Cloudinary Account…"), welcome);
    addButton->setObjectName(QStringLiteral("addAccountButton"));
    connect(addButton, &QPushButton::clicked, this, &EnvironmentPage::addAccountRequested);
    welcomeLayout->addWidget(addButton, 0, Qt::AlignLeft);
    m_welcome = welcome;
    layout->addWidget(welcome);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_folderMode = valueLabel(this);
    m_connection = valueLabel(this);
    m_connection->setObjectName(QStringLiteral("connectionValue"));
    m_usage = valueLabel(this);
    m_budget = valueLabel(this);
    m_denied = valueLabel(this);
    m_denied->setObjectName(QStringLiteral("deniedValue"));
    form->addRow(tr("Folder mode:"), m_folderMode);
    form->addRow(tr("Connection:"), m_connection);
    form->addRow(tr("Plan and usage:"), m_usage);
    form->addRow(tr("Rate limit:"), m_budget);
    form->addRow(tr("Limited access:"), m_denied);
    layout->addLayout(form);

    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    connect(m_testButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->refresh();
    });
    layout->addWidget(m_testButton, 0, Qt::AlignLeft);
    layout->addStretch(1);

    if (m_session)
        connect(m_session, &EnvironmentSession::changed, this, &EnvironmentPage::refresh);
    refresh();
}

void EnvironmentPage::refresh()
{
    const EnvironmentSession *session = m_session.data();
    if (session == nullptr)
        return;
    const core::EnvironmentRecord env = session->record();
    m_title->setText(env.name);
    m_subtitle->setText(env.embeddedSandbox ? tr("Local sandbox on this computer · cloud %1").arg(env.cloudName())
                                            : tr("Cloud %1 · API key %2").arg(env.cloudName(), env.apiKey()));
    m_welcome->setVisible(env.embeddedSandbox);

    QString mode = folderModeText(int(env.folderMode));
    if (env.folderMode == core::FolderMode::Dynamic)
        mode = tr("%1 — an asset's folder and display name can change without changing its public ID").arg(mode);
    else if (env.folderMode == core::FolderMode::Fixed)
        mode = tr("%1 — an asset's folder is the path of its public ID").arg(mode);
    m_folderMode->setText(mode);

    QString connection = connectionText(*session);
    if (!session->problemDetail().isEmpty())
        connection = tr("%1 (%2)").arg(connection, session->problemDetail());
    m_connection->setText(connection);

    if (const auto &usage = session->usage()) {
        QStringList lines;
        if (!usage->plan.isEmpty())
            lines << tr("Plan: %1").arg(usage->plan);
        lines << usageLine(tr("Assets"), usage->objects, false) << usageLine(tr("Storage"), usage->storage, true)
              << usageLine(tr("Bandwidth"), usage->bandwidth, true);
        m_usage->setText(lines.join(QLatin1Char('\n')));
    } else if (env.deniedFeatures.contains(QString(core::Feature::Usage))) {
        m_usage->setText(tr("These credentials may not read the usage report."));
    } else {
        m_usage->setText(tr("Not known yet"));
    }
    m_budget->setText(budgetText(*session));

    if (env.deniedFeatures.isEmpty()) {
        m_denied->setText(tr("None: these credentials may do everything Stratus needs."));
    } else {
        QStringList lines;
        for (auto it = env.deniedFeatures.cbegin(); it != env.deniedFeatures.cend(); ++it)
            lines << tr("%1 refused (“%2”); everything else keeps working.").arg(it.key(), it.value());
        m_denied->setText(lines.join(QLatin1Char('\n')));
    }
    m_testButton->setEnabled(session->connection() != EnvironmentSession::Connection::Checking);
}

} // namespace stratus::gui
