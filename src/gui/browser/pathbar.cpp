#include "pathbar.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {
const char *const kFolderProperty = "stratusFolder";
} // namespace

PathBar::PathBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
    , m_overflow(new QToolButton(this))
    , m_overflowMenu(new QMenu(this))
{
    setObjectName(u"pathBar"_s);
    setAccessibleName(tr("Path"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    // The bar folds what does not fit (fold()): its layout must not make it as wide as every segment.
    m_layout->setSizeConstraint(QLayout::SetNoConstraint);
    m_overflow->setObjectName(u"pathOverflow"_s);
    m_overflow->setText(u"…"_s);
    m_overflow->setAutoRaise(true);
    m_overflow->setPopupMode(QToolButton::InstantPopup);
    m_overflow->setMenu(m_overflowMenu);
    m_overflow->setToolTip(tr("Folders above these"));
    m_overflow->setAccessibleName(tr("Folders above these"));
    m_overflow->setFocusPolicy(Qt::TabFocus);
    m_overflow->hide();
    m_overflow->installEventFilter(this);
    connect(m_overflowMenu, &QMenu::triggered, this,
            [this](QAction *action) { Q_EMIT folderActivated(action->data().toString()); });
    rebuild();
}

PathBar::~PathBar() = default;

void PathBar::setPath(const QString &folder)
{
    if (folder == m_path && !m_segments.isEmpty())
        return;
    m_path = folder;
    rebuild();
}

void PathBar::rebuild()
{
    const QWidget *focused = QApplication::focusWidget();
    const bool hadFocus = focused != nullptr && isAncestorOf(focused);
    // Later: the clicked segment may be the one emitting.
    QList<QWidget *> old(m_segments.cbegin(), m_segments.cend());
    old += m_separators;
    for (QWidget *widget : std::as_const(old)) {
        widget->hide();
        widget->deleteLater();
    }
    m_segments.clear();
    m_separators.clear();
    m_layout->removeWidget(m_overflow);
    while (m_layout->count() > 0)
        delete m_layout->takeAt(0);

    const QStringList parts = m_path.isEmpty() ? QStringList() : m_path.split(u'/');
    QString walked;
    for (qsizetype i = -1; i < parts.size(); ++i) {
        const bool home = i < 0;
        if (!home)
            walked = walked.isEmpty() ? parts.at(i) : walked + u'/' + parts.at(i);
        const bool current = i == parts.size() - 1;
        auto *button = new QToolButton(this);
        button->setObjectName(home ? u"pathHome"_s : u"pathSegment"_s);
        button->setText(home ? tr("Home") : parts.at(i));
        if (home) {
            button->setIcon(QIcon::fromTheme(u"go-home"_s));
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        }
        button->setAutoRaise(!current);
        button->setCheckable(true);
        button->setChecked(current);
        button->setFocusPolicy(Qt::TabFocus);
        button->setProperty(kFolderProperty, home ? QString() : walked);
        button->setToolTip(current ? tr("The open folder") : tr("Open %1").arg(home ? tr("Home") : walked));
        button->setAccessibleName(home ? tr("Home") : parts.at(i));
        button->setAccessibleDescription(current ? tr("The open folder") : tr("Open this folder"));
        if (current) {
            QFont font = button->font();
            font.setBold(true);
            button->setFont(font);
        }
        button->installEventFilter(this);
        const QString folder = home ? QString() : walked;
        connect(button, &QToolButton::clicked, this, [this, button, folder] {
            // The open folder stays marked; a click on it reads nothing again.
            button->setChecked(folder == m_path);
            if (folder != m_path)
                Q_EMIT folderActivated(folder);
        });
        if (!home) {
            auto *separator = new QLabel(u"›"_s, this);
            separator->setObjectName(u"pathSeparator"_s);
            separator->setContentsMargins(2, 0, 2, 0);
            separator->setEnabled(false);
            m_separators.append(separator);
            m_layout->addWidget(separator);
        }
        m_segments.append(button);
        m_layout->addWidget(button);
        if (home)
            m_layout->addWidget(m_overflow);
    }
    m_layout->addStretch(1);
    // The focus goes on with the open folder when a segment had it (it was deleted).
    if (hadFocus)
        m_segments.constLast()->setFocus(Qt::OtherFocusReason);
    fold();
}

QSize PathBar::minimumSizeHint() const
{
    // Home, "…" and the open folder.
    int width = 0;
    int height = 0;
    for (const QWidget *widget :
         {static_cast<const QWidget *>(m_segments.value(0)), static_cast<const QWidget *>(m_overflow),
          static_cast<const QWidget *>(m_segments.value(m_segments.size() - 1))}) {
        if (widget) {
            width += widget->sizeHint().width();
            height = std::max(height, widget->sizeHint().height());
        }
    }
    return {width, height};
}

void PathBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fold();
}

void PathBar::fold()
{
    if (m_segments.isEmpty())
        return;
    const int available = width();
    const auto widthOf = [](const QWidget *widget) {
        return widget->sizeHint().width();
    };
    // Home and the open folder always show; then the nearest parents while they fit.
    int used = widthOf(m_segments.constFirst());
    const qsizetype last = m_segments.size() - 1;
    if (last > 0)
        used += widthOf(m_segments.at(last)) + widthOf(m_separators.at(last - 1));
    qsizetype firstShown = last > 0 ? last : 1;
    for (qsizetype i = last - 1; i >= 1; --i) {
        const int needed = widthOf(m_segments.at(i)) + widthOf(m_separators.at(i - 1));
        const int overflow = i > 1 ? widthOf(m_overflow) : 0;
        if (used + needed + overflow > available)
            break;
        used += needed;
        firstShown = i;
    }
    m_overflowMenu->clear();
    // Shown at once (a child added to a shown widget would show only from the event loop).
    m_segments.constFirst()->setVisible(true);
    for (qsizetype i = 1; i <= last; ++i) {
        const bool shown = i >= firstShown;
        m_segments.at(i)->setVisible(shown);
        m_separators.at(i - 1)->setVisible(shown);
        if (!shown) {
            QAction *action = m_overflowMenu->addAction(m_segments.at(i)->text());
            action->setData(m_segments.at(i)->property(kFolderProperty));
        }
    }
    m_overflow->setVisible(!m_overflowMenu->isEmpty());
}

bool PathBar::eventFilter(QObject *watched, QEvent *event)
{
    auto *button = qobject_cast<QToolButton *>(watched);
    if (event->type() != QEvent::KeyPress || button == nullptr
        || (!m_segments.contains(button) && button != m_overflow))
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        button->click();
        return true;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        if (key->modifiers() != Qt::NoModifier)
            break;
        // The next shown segment that way (the "…" button between Home and the rest).
        QList<QWidget *> order;
        for (QToolButton *segment : std::as_const(m_segments)) {
            if (segment->isVisible())
                order.append(segment);
            if (segment == m_segments.constFirst() && m_overflow->isVisible())
                order.append(m_overflow);
        }
        const qsizetype at = order.indexOf(button);
        const qsizetype next = at + (key->key() == Qt::Key_Left ? -1 : 1);
        if (at >= 0 && next >= 0 && next < order.size())
            order.at(next)->setFocus(Qt::TabFocusReason);
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace stratus::gui
