#include "widgetview.h"

#include "widgetpage.h"

namespace stratus::web {

WidgetView::WidgetView(QWidget *parent)
    : QWebEngineView(parent)
{
}

WidgetView::~WidgetView()
{
    // setPage() does not own: let the page go before the view, so it does not point at a dead view.
    setPage(nullptr);
    for (const QPointer<QWebEngineView> &popup : std::as_const(m_popups))
        delete popup.data();
}

void WidgetView::setWidgetPage(WidgetPage *page)
{
    if (m_page)
        disconnect(m_page, nullptr, this, nullptr);
    m_page = page;
    setPage(page);
    if (page)
        connect(page, &WidgetPage::popupCreated, this, &WidgetView::showPopup);
}

QList<QWebEngineView *> WidgetView::popupWindows() const
{
    QList<QWebEngineView *> windows;
    for (const QPointer<QWebEngineView> &popup : m_popups) {
        if (popup)
            windows.append(popup.data());
    }
    return windows;
}

void WidgetView::showPopup(WidgetPage *popup)
{
    // A top-level window (no parent widget: it must not be clipped by the view); owned through
    // m_popups and deleted with the view at the latest.
    auto *window = new QWebEngineView;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(tr("Sign in"));
    window->resize(520, 680);
    window->setPage(popup);
    // A pop-up of a pop-up opens the same way.
    connect(popup, &WidgetPage::popupCreated, this, &WidgetView::showPopup);
    connect(popup, &QWebEnginePage::titleChanged, window, &QWidget::setWindowTitle);
    connect(popup, &QWebEnginePage::windowCloseRequested, window, &QWidget::close);
    connect(window, &QObject::destroyed, popup, [popup]() { popup->deleteLater(); });
    connect(popup, &QObject::destroyed, window, &QWidget::close);
    m_popups.removeAll(nullptr);
    m_popups.append(window);
    window->show();
    Q_EMIT popupShown(window);
}

} // namespace stratus::web
