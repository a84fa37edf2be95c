#include "widgetwindow.h"

#include "widgethost.h"

#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"

#include <QAction>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

WidgetWindow::WidgetWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                           web::WidgetKind kind, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(web::widgetKindName(kind) + u"-window"_s);
    setModal(false);
    setSizeGripEnabled(true);
    setMinimumSize(520, 420); // smaller, and no widget is usable
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_host = new WidgetHost(profiles, session, kind, this);
    m_layout->addWidget(m_host, 1);
    connect(m_host, &WidgetHost::ready, this, [this] { m_pageFailed = false; });
    connect(m_host, &WidgetHost::unavailable, this, [this] { m_pageFailed = true; });
    connect(m_host, &WidgetHost::closedByProfile, this, [this] { m_pageFailed = true; });
    // Esc closes (hides) the window also while the web page has the focus, which keeps the key
    // from QDialog otherwise.
    auto *close = new QAction(tr("Close"), this);
    close->setObjectName(u"closeWidgetWindowAction"_s);
    close->setShortcut(QKeySequence(Qt::Key_Escape));
    close->setShortcutContext(Qt::WindowShortcut);
    connect(close, &QAction::triggered, this, &QDialog::reject);
    addAction(close);
}

WidgetWindow::~WidgetWindow() = default;

core::EnvironmentSession *WidgetWindow::session() const
{
    return m_session.data();
}

core::FolderMode WidgetWindow::folderMode() const
{
    core::EnvironmentSession *env = m_session.data();
    if (env == nullptr)
        return core::FolderMode::Unknown;
    const core::catalog::Catalog *catalog = env->catalog();
    if (catalog != nullptr && catalog->folderMode() != core::FolderMode::Unknown)
        return catalog->folderMode();
    return env->record().folderMode;
}

bool WidgetWindow::pageUsable() const
{
    return m_host->page() != nullptr && !m_pageFailed;
}

void WidgetWindow::present()
{
    show();
    raise();
    activateWindow();
    // The keyboard to the widget (or, while it loads, to where it will be: WidgetHost moves it on).
    m_host->setFocus(Qt::ActiveWindowFocusReason);
}

void WidgetWindow::setTitle(const QString &what)
{
    const QString environment = m_session ? m_session->record().name : QString();
    setWindowTitle(environment.isEmpty() ? what : tr("%1 — %2").arg(what, environment));
}

} // namespace stratus::gui
