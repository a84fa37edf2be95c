#pragma once

#include "core/api/provisioningapi.h"
#include "core/config/cloudinaryurl.h"
#include "core/util/result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QNetworkAccessManager;
class QTreeWidgetItem;

namespace Ui {
class ProvisioningPage;
}

namespace stratus::core {
class AccountStore;
class Job;
} // namespace stratus::core

namespace stratus::gui {

/// The "From Account" page of AddEnvironmentDialog: takes an account's provisioning credentials
/// (CLOUDINARY_ACCOUNT_URL, or account id, key and secret), lists the account's product
/// environments through the Provisioning API and lets the user tick the ones to add and name them.
/// A row's key and secret come from the API's access keys when it gives them; otherwise the row
/// asks for them (the secret in a password field). Owned by the dialog; GUI thread.
///
/// busyChanged() brackets a listing; status() carries what the dialog's status line should say.
class ProvisioningPage : public QWidget
{
    Q_OBJECT

public:
    struct Choice
    {
        QString name;
        core::CloudinaryUrl url; ///< without the secret
        QString secret;
    };
    struct Selection
    {
        core::CloudinaryUrl accountUrl; ///< the account:// URL, without the secret
        QString provisioningSecret;
        QList<Choice> environments;
    };

    ProvisioningPage(const core::AccountStore *store, QNetworkAccessManager *network,
                     QWidget *parent = nullptr);
    ~ProvisioningPage() override;

    /// The ticked environments with their credentials, or an InvalidInput error whose message says
    /// what is missing.
    [[nodiscard]] core::Result<Selection> selection() const;
    [[nodiscard]] bool isBusy() const { return !m_call.isNull(); }
    /// The account id of the credentials entered (for a default account label).
    [[nodiscard]] QString accountId() const;

    void cancel();
    /// Forgets every secret: the fields, the listed access keys.
    void clearSecrets();

Q_SIGNALS:
    void busyChanged(bool busy);
    void status(const QString &richText, bool isError);
    /// The user changed something that invalidates an earlier answer.
    void edited();

private:
    struct Row
    {
        QString cloudName;
        QString key; ///< from the API, or empty: the row's key field
        QString secret; ///< from the API, or empty: the row's secret field
    };

    [[nodiscard]] core::Result<std::pair<core::CloudinaryUrl, QString>> credentials() const;
    void list();
    void showEnvironments(const QList<core::SubAccount> &subAccounts);
    void clearList();
    [[nodiscard]] QString rowKey(int row) const;
    [[nodiscard]] QString rowSecret(int row) const;

    std::unique_ptr<Ui::ProvisioningPage> m_ui;
    const core::AccountStore *m_store;
    QPointer<QNetworkAccessManager> m_network;
    QPointer<core::Job> m_call;
    core::CloudinaryUrl m_listedUrl; ///< the credentials the list came from, without the secret
    QString m_listedSecret;
    QList<Row> m_rows; ///< one per top-level item of the tree, in order
};

} // namespace stratus::gui
