#pragma once

#include "words/errorwords.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;

namespace stratus::gui {

/// An error shown inline, where it happened (a page, a dialog): the words from words::ErrorWords,
/// optionally after a sentence of context, and a button for the error's remedy (Retry, Re-enter
/// Secret…, Sign In Again…, Open Settings…). Hidden while there is no error. Owned by its parent
/// widget; GUI thread.
class ErrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    /// Shows `error`, after `context` when it is not empty; the remedy button only for the remedies
    /// in `offered` (what the owner can do).
    void showError(const core::Error &error, const QString &context = {},
                   const QList<words::Remedy> &offered = {words::Remedy::Retry});
    /// Hides the banner.
    void clearError();

    [[nodiscard]] QString text() const;
    [[nodiscard]] const std::optional<core::Error> &error() const { return m_error; }
    /// The remedy the button offers now; Remedy::None when there is no button.
    [[nodiscard]] words::Remedy remedy() const { return m_remedy; }

Q_SIGNALS:
    /// The person pressed the remedy button.
    void remedyRequested(stratus::words::Remedy remedy);

private:
    QLabel *m_label;
    QPushButton *m_button;
    std::optional<core::Error> m_error;
    words::Remedy m_remedy = words::Remedy::None;
};

} // namespace stratus::gui
