#pragma once

#include "core/accounts/accountnames.h"
#include "core/accounts/accountsfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace stratus::gui {

/// The words the app shows for what is wrong with stored accounts and with what a person enters
/// for them, apart from connection tests (CheckMessages): a damaged accounts.ini, a name with
/// characters that could break or disguise it, an address that would send the API secret
/// unencrypted to another computer. Rich text; names and server words are escaped.
class AccountMessages
{
    Q_DECLARE_TR_FUNCTIONS(stratus::gui::AccountMessages)

public:
    /// Why a name or label cannot be used (core::checkName() refused it).
    [[nodiscard]] static QString nameProblem(const core::NameCheck &check);
    /// One problem of accounts.ini: which entry (by name, where it has one) and why.
    [[nodiscard]] static QString settingsProblem(const core::SettingsProblem &problem);
    /// All of them, with what Stratus did about them (kept unchanged) and what the person can do;
    /// empty when there are none.
    [[nodiscard]] static QString settingsProblems(const QList<core::SettingsProblem> &problems,
                                                  const QString &settingsFile);
    /// The status bar's short version, with a link to the Accounts dialog ("#accounts").
    [[nodiscard]] static QString settingsProblemsShort(const QList<core::SettingsProblem> &problems);
    /// Why an address is a risk: the API secret would go unencrypted to `host`, another computer.
    [[nodiscard]] static QString insecureTransportWarning(const QString &host);
    /// The text of the tick that allows it anyway.
    [[nodiscard]] static QString insecureTransportConsent(const QString &host);
    /// Add was pressed without that tick.
    [[nodiscard]] static QString insecureTransportNeedsConsent(const QString &host);
};

} // namespace stratus::gui
