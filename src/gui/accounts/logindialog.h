#pragma once

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>

class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

namespace Ui {
class LogInDialog;
}

namespace stratus::core {
class AccountStore;
}

namespace stratus::gui {

class CheckBatch;

/// Accounts → Log In…: asks a logged-out account's API secrets again (one password field per
/// environment, plus the provisioning secret if the account had one), tests every environment
/// with them and only then hands them to AccountStore::logIn, which puts them back in the
/// keychain. Cancel stops a test in progress. The fields are cleared when the dialog closes.
///
/// Created by AccountsDialog; the store and the network must outlive it. GUI thread.
class LogInDialog : public QDialog
{
    Q_OBJECT

public:
    LogInDialog(core::AccountStore *store, QNetworkAccessManager *network, QString accountId,
                QWidget *parent = nullptr);
    ~LogInDialog() override;

    [[nodiscard]] QString accountId() const { return m_accountId; }
    [[nodiscard]] bool isBusy() const;

    void done(int result) override;
    void reject() override;

private:
    void logIn();
    void onChecked(const CheckBatch &batch);
    void setBusy(bool busy);
    void showStatus(const QString &richText, bool isError);
    void clearSecrets();

    std::unique_ptr<Ui::LogInDialog> m_ui;
    core::AccountStore *m_store;
    QPointer<QNetworkAccessManager> m_network;
    QString m_accountId;
    QPushButton *m_logInButton = nullptr;
    QHash<QString, QLineEdit *> m_secretEdits; ///< environment id → its secret field
    QLineEdit *m_provisioningEdit = nullptr;
    QStringList m_checkedIds; ///< the environments of the running test, in its order
    QPointer<CheckBatch> m_batch;
    bool m_saving = false;
};

} // namespace stratus::gui
