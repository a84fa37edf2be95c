#include "navigationhistory.h"

namespace stratus::gui {

void NavigationHistory::visit(const QString &folder)
{
    if (folder == m_current)
        return;
    m_back.append(m_current);
    if (m_back.size() > kLimit)
        m_back.removeFirst();
    m_forward.clear();
    m_current = folder;
}

QString NavigationHistory::back()
{
    if (m_back.isEmpty())
        return m_current;
    m_forward.prepend(m_current);
    m_current = m_back.takeLast();
    return m_current;
}

QString NavigationHistory::forward()
{
    if (m_forward.isEmpty())
        return m_current;
    m_back.append(m_current);
    m_current = m_forward.takeFirst();
    return m_current;
}

} // namespace stratus::gui
