#include "palettestylesheet.h"

#include <QEvent>
#include <QWidget>

namespace stratus::gui {

namespace {

/// Watches its parent widget for palette changes and applies its sheet again.
class SheetFollower : public QObject
{
public:
    SheetFollower(QWidget *widget, QString sheet)
        : QObject(widget)
        , m_widget(widget)
        , m_sheet(std::move(sheet))
        , m_window(widget->palette().color(QPalette::Window))
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::PaletteChange && !m_applying) {
            // Only for a new scheme: setting the sheet again sends palette changes of its own.
            const QColor window = m_widget->palette().color(QPalette::Window);
            if (window != m_window) {
                m_window = window;
                m_applying = true;
                m_widget->setStyleSheet(QString());
                m_widget->setStyleSheet(m_sheet);
                m_applying = false;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget *m_widget;
    QString m_sheet;
    QColor m_window;
    bool m_applying = false;
};

} // namespace

void setPaletteStyleSheet(QWidget *widget, const QString &sheet)
{
    widget->setStyleSheet(sheet);
    new SheetFollower(widget, sheet);
}

} // namespace stratus::gui
