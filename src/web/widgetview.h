#pragma once

#include <QList>
#include <QPointer>
#include <QWebEngineView>

namespace stratus::web {

class WidgetPage;

/// Shows a WidgetPage, and each of its pop-ups (console sign-in, SSO/SAML, cloud-storage sign-in) in a
/// window of its own, on the same profile, that closes when the pop-up's script calls window.close()
/// and takes its page with it.
///
/// The view does not own the page (the widget's host does, and deletes it on
/// WebProfiles::profileClosing()); it owns its pop-up windows. GUI thread.
class WidgetView : public QWebEngineView
{
    Q_OBJECT

public:
    explicit WidgetView(QWidget *parent = nullptr);
    ~WidgetView() override;

    /// Shows `page` (not owned); its pop-ups open in windows of this view. Give the view its page
    /// before the page loads: Qt 6.4 crashes (QQuickItem::setParentItem) when a page that has already
    /// rendered without a view is put into one.
    void setWidgetPage(WidgetPage *page);
    [[nodiscard]] WidgetPage *widgetPage() const { return m_page; }

    /// The pop-up windows open now (tests; closing them on log-out).
    [[nodiscard]] QList<QWebEngineView *> popupWindows() const;

Q_SIGNALS:
    void popupShown(QWebEngineView *window);

private:
    void showPopup(WidgetPage *popup);

    QPointer<WidgetPage> m_page;
    QList<QPointer<QWebEngineView>> m_popups;
};

} // namespace stratus::web
