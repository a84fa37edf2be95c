#include "statusline.h"

namespace stratus::gui {

StatusLine::StatusLine(QWidget *parent)
    : ElidedLabel(parent)
{
    m_clear.setSingleShot(true);
    connect(&m_clear, &QTimer::timeout, this, &StatusLine::clearMessage);
}

StatusLine::~StatusLine() = default;

void StatusLine::showMessage(const QString &text, StatusKind kind)
{
    m_message = text;
    m_clear.stop();
    if (!text.isEmpty() && kind == StatusKind::Done)
        m_clear.start(m_doneTimeout);
    else if (!text.isEmpty() && kind == StatusKind::Failure)
        m_clear.start(m_failureTimeout);
    updateText();
}

void StatusLine::clearMessage()
{
    m_clear.stop();
    m_message.clear();
    updateText();
}

void StatusLine::setIdleText(const QString &text)
{
    m_idle = text;
    updateText();
}

void StatusLine::setTimeouts(int doneMs, int failureMs)
{
    m_doneTimeout = doneMs;
    m_failureTimeout = failureMs;
}

void StatusLine::updateText()
{
    setText(m_message.isEmpty() ? m_idle : m_message);
}

} // namespace stratus::gui
