#pragma once

#include "core/api/admintypes.h"
#include "web/widgetsources.h"

#include <QDialog>
#include <QPointer>

class QVBoxLayout;

namespace stratus::core {
class EnvironmentSession;
}

namespace stratus::web {
class WebProfiles;
}

namespace stratus::gui {

class WidgetHost;

/// A window that holds one of Cloudinary's widgets for one environment (the Upload widget, the Media
/// Editor, the Video Player and Product Gallery previews): a non-modal dialog over the main window
/// with a WidgetHost filling it and whatever its subclass puts below (results, snippets). One per
/// environment and widget, made on first use and reused: closing it (its close button, Esc) only
/// hides it, so the page, and what the person did in it, is still there the next time.
///
/// Owned by the environment's CloudWidgetWindows; the profiles and the session must outlive it.
/// GUI thread.
class WidgetWindow : public QDialog
{
    Q_OBJECT

public:
    WidgetWindow(web::WebProfiles *profiles, core::EnvironmentSession *session, web::WidgetKind kind,
                 QWidget *parent = nullptr);
    ~WidgetWindow() override;

    [[nodiscard]] WidgetHost *host() const { return m_host; }
    [[nodiscard]] core::EnvironmentSession *session() const;

    /// The environment's folder mode: the catalogue's (learnt at the last sync), else the record's.
    [[nodiscard]] core::FolderMode folderMode() const;

    /// Shows the window (again) in front.
    void present();

    /// Whether the page loaded last can be shown again as it is: it is there and neither failed to
    /// load its widget nor went with the account's profile (then it must be loaded again).
    [[nodiscard]] bool pageUsable() const;

protected:
    /// Where subclasses add what goes below the widget.
    [[nodiscard]] QVBoxLayout *contentLayout() const { return m_layout; }
    /// "Upload — <environment>".
    void setTitle(const QString &what);

private:
    QPointer<core::EnvironmentSession> m_session;
    WidgetHost *m_host = nullptr;
    QVBoxLayout *m_layout = nullptr;
    bool m_pageFailed = false;
};

} // namespace stratus::gui
