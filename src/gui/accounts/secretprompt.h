#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace stratus::gui {

/// "Re-enter Secret…": asks for an environment's API secret, hidden as it is typed. The remedy of
/// an error whose words::ErrorWords remedy is ReenterSecret, wherever it is shown; the caller stores
/// the answer (AccountStore::replaceSecret) and lets it go (core::wipe). GUI thread.
class SecretPrompt
{
    Q_DECLARE_TR_FUNCTIONS(stratus::gui::SecretPrompt)

public:
    /// The secret entered, trimmed; empty when the person cancelled or entered nothing.
    [[nodiscard]] static QString ask(QWidget *parent, const QString &environmentName);
};

} // namespace stratus::gui
