#include "provisioningpage.h"

#include "checkbatch.h"
#include "checkmessages.h"
#include "environmenturl.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/apicontextfor.h"
#include "core/net/neterror.h"
#include "core/net/secretsource.h"
#include "core/util/secretmemory.h"
#include "gui/errors/errorpresenter.h"

#include "ui_provisioningpage.h"

#include <QHeaderView>
#include <QLineEdit>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

enum Column { NameColumn, CloudColumn, KeyColumn, SecretColumn };

core::Error invalid(const QString &message)
{
    return core::makeError(core::Error::Kind::InvalidInput, message);
}

} // namespace

ProvisioningPage::ProvisioningPage(const core::AccountStore *store, QNetworkAccessManager *network,
                                   QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ProvisioningPage>())
    , m_store(store)
    , m_network(network)
{
    m_ui->setupUi(this);
    setObjectName(u"provisioningPage"_s);
    m_ui->subAccountTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->subAccountTree->setEnabled(false);

    connect(m_ui->listButton, &QPushButton::clicked, this, &ProvisioningPage::list);
    for (QLineEdit *edit : {m_ui->accountUrlEdit, m_ui->accountIdEdit, m_ui->provisioningKeyEdit,
                            m_ui->provisioningSecretEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            // A list from other credentials must not be added with these.
            clearList();
            Q_EMIT edited();
        });
        connect(edit, &QLineEdit::returnPressed, this, &ProvisioningPage::list);
    }
    connect(m_ui->subAccountTree, &QTreeWidget::itemChanged, this, [this] { Q_EMIT edited(); });
}

ProvisioningPage::~ProvisioningPage()
{
    clearSecrets();
}

QString ProvisioningPage::accountId() const
{
    if (!m_listedUrl.accountId().isEmpty())
        return m_listedUrl.accountId();
    auto entered = credentials();
    return entered ? entered->first.accountId() : QString();
}

core::Result<std::pair<core::CloudinaryUrl, QString>> ProvisioningPage::credentials() const
{
    const QString text = m_ui->accountUrlEdit->text().trimmed();
    if (!text.isEmpty()) {
        auto url = core::CloudinaryUrl::parse(text, core::CloudinaryUrl::Kind::Account);
        if (!url)
            return invalid(tr("This is not an account URL: %1").arg(ErrorPresenter::richText(url.error())));
        if (!url->hasApiSecret())
            return invalid(
                tr("The account URL has no provisioning secret (account://KEY:SECRET@ACCOUNT_ID)."));
        return std::pair {url->withoutSecret(), url->apiSecret()};
    }
    const QString id = m_ui->accountIdEdit->text().trimmed();
    const QString key = m_ui->provisioningKeyEdit->text().trimmed();
    const QString secret = m_ui->provisioningSecretEdit->text();
    if (id.isEmpty() || key.isEmpty() || secret.isEmpty())
        return invalid(
            tr("Enter the account URL, or the account ID, provisioning key and provisioning secret."));
    const auto encoded = [](const QString &part) {
        return QString::fromLatin1(QUrl::toPercentEncoding(part));
    };
    const QString composed = u"account://"_s + encoded(key) + u'@' + encoded(id);
    auto url = core::CloudinaryUrl::parse(composed, core::CloudinaryUrl::Kind::Account);
    if (!url)
        return invalid(
            tr("The account ID or key is not valid: %1").arg(ErrorPresenter::richText(url.error())));
    return std::pair {*url, secret};
}

void ProvisioningPage::list()
{
    if (isBusy())
        return;
    auto entered = credentials();
    if (!entered) {
        Q_EMIT status(entered.error().message, true);
        return;
    }
    clearList();
    auto [url, secret] = std::move(entered).value();
    auto context = core::apiContextFor(url, std::make_shared<core::FixedSecret>(secret), m_network);
    if (!context) {
        Q_EMIT status(CheckMessages::problem(context.error(), QString()), true);
        return;
    }
    core::ApiContext api = std::move(context).value();
    api.retryPolicy = CheckBatch::retryPolicy();
    auto *call = core::ProvisioningApi(api).subAccounts({}, this);
    m_call = call;
    connect(call, &core::Job::finished, this, [this, call, url, secret] {
        call->deleteLater();
        m_call.clear();
        Q_EMIT busyChanged(false);
        m_ui->listButton->setEnabled(true);
        if (const auto &error = call->error()) {
            if (error->kind == core::Error::Kind::Cancelled)
                Q_EMIT status(tr("Cancelled."), false);
            else
                Q_EMIT status(CheckMessages::problem(*error, QString()), true);
            return;
        }
        m_listedUrl = url;
        m_listedSecret = secret;
        showEnvironments(call->result()->subAccounts);
    });
    m_ui->listButton->setEnabled(false);
    Q_EMIT busyChanged(true);
    Q_EMIT status(tr("Asking Cloudinary for the account’s product environments…"), false);
    call->start();
}

void ProvisioningPage::showEnvironments(const QList<core::SubAccount> &subAccounts)
{
    QTreeWidget *tree = m_ui->subAccountTree;
    const QSignalBlocker blocker(tree);
    QStringList usedNames;
    for (const core::SubAccount &sub : subAccounts) {
        Row row {sub.cloudName, {}, {}};
        const auto key = std::find_if(sub.accessKeys.cbegin(), sub.accessKeys.cend(),
                                      [](const core::AccessKey &k) { return k.enabled && !k.key.isEmpty(); });
        if (key != sub.accessKeys.cend()) {
            row.key = key->key;
            row.secret = key->secret;
        }
        QString name = sub.name.trimmed();
        if (name.isEmpty() || m_store->environmentByName(name) || usedNames.contains(name))
            name = sub.cloudName;
        usedNames.append(name);
        const bool known
            = std::any_of(m_store->environments().cbegin(), m_store->environments().cend(),
                          [&](const core::EnvironmentRecord &e) { return e.cloudName() == sub.cloudName; });

        auto *item = new QTreeWidgetItem(tree);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
        item->setText(NameColumn, name);
        item->setCheckState(NameColumn, sub.enabled && !known ? Qt::Checked : Qt::Unchecked);
        item->setText(CloudColumn, sub.cloudName);
        if (!sub.enabled)
            item->setToolTip(NameColumn, tr("This product environment is disabled in the account."));
        else if (known)
            item->setToolTip(NameColumn, tr("Stratus knows this cloud already."));
        if (!row.key.isEmpty()) {
            item->setText(KeyColumn, row.key);
            item->setText(SecretColumn, row.secret.isEmpty() ? tr("(enter below)") : tr("from the account"));
        }
        m_rows.append(row);
        if (row.key.isEmpty() || row.secret.isEmpty()) {
            // The API gave no usable key: the user types them for this environment.
            auto *keyEdit = new QLineEdit(row.key, tree);
            keyEdit->setObjectName(u"keyEdit_"_s + sub.cloudName);
            keyEdit->setPlaceholderText(tr("API key"));
            keyEdit->setAccessibleName(tr("API key of %1").arg(sub.cloudName));
            auto *secretEdit = new QLineEdit(tree);
            secretEdit->setObjectName(u"secretEdit_"_s + sub.cloudName);
            secretEdit->setEchoMode(QLineEdit::Password);
            secretEdit->setPlaceholderText(tr("API secret"));
            secretEdit->setAccessibleName(tr("API secret of %1").arg(sub.cloudName));
            tree->setItemWidget(item, KeyColumn, keyEdit);
            tree->setItemWidget(item, SecretColumn, secretEdit);
        }
    }
    tree->setEnabled(!subAccounts.isEmpty());
    if (subAccounts.isEmpty()) {
        Q_EMIT status(tr("The account has no product environments."), true);
        return;
    }
    tree->setCurrentItem(tree->topLevelItem(0));
    Q_EMIT status(tr("Tick the product environments to add. You can rename them (F2) before adding."), false);
}

QString ProvisioningPage::rowKey(int row) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(
            m_ui->subAccountTree->itemWidget(m_ui->subAccountTree->topLevelItem(row), KeyColumn)))
        return edit->text().trimmed();
    return m_rows.at(row).key;
}

QString ProvisioningPage::rowSecret(int row) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(
            m_ui->subAccountTree->itemWidget(m_ui->subAccountTree->topLevelItem(row), SecretColumn)))
        return edit->text();
    return m_rows.at(row).secret;
}

core::Result<ProvisioningPage::Selection> ProvisioningPage::selection() const
{
    if (m_rows.isEmpty())
        return invalid(tr("Enter the account’s provisioning credentials and choose “Find Environments”."));
    Selection selection;
    selection.accountUrl = m_listedUrl;
    selection.provisioningSecret = m_listedSecret;
    QStringList names;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QTreeWidgetItem *item = m_ui->subAccountTree->topLevelItem(row);
        if (item->checkState(NameColumn) != Qt::Checked)
            continue;
        const QString cloud = m_rows.at(row).cloudName;
        const QString name = item->text(NameColumn).trimmed();
        if (name.isEmpty())
            return invalid(tr("Give the environment of “%1” a name.").arg(cloud.toHtmlEscaped()));
        if (m_store->environmentByName(name) || names.contains(name))
            return invalid(tr("An environment named “%1” exists already; rename it in the list (F2).")
                               .arg(name.toHtmlEscaped()));
        const QString key = rowKey(row);
        const QString secret = rowSecret(row);
        if (key.isEmpty() || secret.isEmpty())
            return invalid(tr("Enter the API key and secret of “%1”.").arg(name.toHtmlEscaped()));
        auto url = environmentUrl(cloud, key, m_listedUrl.queryItems());
        if (!url)
            return invalid(ErrorPresenter::richText(url.error()));
        names.append(name);
        selection.environments.append(Choice {name, *url, secret});
    }
    if (selection.environments.isEmpty())
        return invalid(tr("Tick at least one product environment."));
    return selection;
}

void ProvisioningPage::cancel()
{
    if (m_call)
        m_call->cancel();
}

void ProvisioningPage::clearList()
{
    for (Row &row : m_rows)
        core::wipe(row.secret);
    m_rows.clear();
    core::wipe(m_listedSecret);
    m_listedUrl = {};
    for (auto *edit : m_ui->subAccountTree->findChildren<QLineEdit *>())
        edit->clear();
    m_ui->subAccountTree->clear();
    m_ui->subAccountTree->setEnabled(false);
}

void ProvisioningPage::clearSecrets()
{
    clearList();
    m_ui->accountUrlEdit->clear();
    m_ui->provisioningSecretEdit->clear();
}

} // namespace stratus::gui
