#pragma once

#include "elidedlabel.h"
#include "statuskind.h"

#include <QTimer>

namespace stratus::gui {

/// A status bar line (issue 13, point 14): the idle text (what is selected) and, over it for a
/// while, a message on what runs or what happened. Progress stays until the next message; a done
/// message clears after a few seconds, a failure after longer; then the idle text is back. Never
/// wider than the status bar leaves it (ElidedLabel): a long message is elided, whole in the tool
/// tip — it never pushes other widgets (or a search box) aside.
///
/// Owned by the page that contributes it to the status bar. GUI thread only.
class StatusLine : public ElidedLabel
{
    Q_OBJECT

public:
    static constexpr int kDoneTimeoutMs = 5000;
    static constexpr int kFailureTimeoutMs = 15000;

    explicit StatusLine(QWidget *parent = nullptr);
    ~StatusLine() override;

    void showMessage(const QString &text, StatusKind kind);
    void clearMessage();
    /// What shows when no message does ("3 assets selected"); may be empty.
    void setIdleText(const QString &text);

    [[nodiscard]] bool showsMessage() const { return !m_message.isEmpty(); }

    /// For tests: how long done and failure messages stay.
    void setTimeouts(int doneMs, int failureMs);

private:
    void updateText();

    QString m_message;
    QString m_idle;
    QTimer m_clear;
    int m_doneTimeout = kDoneTimeoutMs;
    int m_failureTimeout = kFailureTimeoutMs;
};

} // namespace stratus::gui
