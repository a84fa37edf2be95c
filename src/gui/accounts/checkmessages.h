#pragma once

#include "checkbatch.h"

#include "core/accounts/environmentcheck.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace stratus::gui {

/// The words the accounts dialogs show for what a connection test found: one clear, actionable
/// message per core::CheckProblem, and a summary of a successful test. Rich text (the server's
/// words are escaped), never a secret: core errors never carry one.
class CheckMessages
{
    Q_DECLARE_TR_FUNCTIONS(stratus::gui::CheckMessages)

public:
    /// What went wrong with `error` and what to do about it; `cloudName` names the cloud in
    /// "unknown cloud" messages.
    [[nodiscard]] static QString problem(const core::Error &error, const QString &cloudName);
    /// "Testing “label”…", with "(2 of 3)" when there are several.
    [[nodiscard]] static QString progress(int index, int count, const QString &label);
    /// Why AccountStore could not save (or remove) credentials: the keychain's problems in words a
    /// person can act on, anything else with the store's message.
    [[nodiscard]] static QString storeProblem(const core::Error &error);
    /// The failures among `outcomes`, one paragraph each, headed by the environment's label when
    /// there are several; empty when all succeeded.
    [[nodiscard]] static QString failures(const QList<CheckBatch::Outcome> &outcomes);
    /// Folder mode, plan and usage when allowed, the Admin API budget, the denied features.
    [[nodiscard]] static QString summary(const core::EnvironmentCheckResult &result);
    /// "Not allowed with these credentials" and the server's words per feature; empty if none.
    [[nodiscard]] static QString deniedFeatures(const QMap<QString, QString> &denied);
    [[nodiscard]] static QString featureName(const QString &feature);
    [[nodiscard]] static QString folderMode(core::FolderMode mode);
    /// True when every failure among `outcomes` is a refused Admin API (403): the keys are limited
    /// but may still be worth keeping.
    [[nodiscard]] static bool onlyPermissionProblems(const QList<CheckBatch::Outcome> &outcomes);
};

} // namespace stratus::gui
