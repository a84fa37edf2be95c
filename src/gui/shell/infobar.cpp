#include "infobar.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

InfoBar::InfoBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(u"infoBar"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this).pixmap(iconSize));
    m_text->setObjectName(u"infoBarText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setOpenExternalLinks(false);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_action->setObjectName(u"infoBarAction"_s);
    m_action->hide();
    m_close->setObjectName(u"infoBarClose"_s);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    m_close->setToolTip(tr("Close this message; it will not be shown again"));
    m_close->setAccessibleName(tr("Close message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 3, 3);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignVCenter);

    connect(m_action, &QPushButton::clicked, this, &InfoBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, [this] {
        m_dismissed = true;
        hide();
        Q_EMIT dismissed();
    });
}

InfoBar::~InfoBar() = default;

void InfoBar::setText(const QString &text)
{
    m_text->setText(text);
}

QString InfoBar::text() const
{
    return m_text->text();
}

void InfoBar::setActionText(const QString &text)
{
    m_action->setText(text);
    m_action->setVisible(!text.isEmpty());
}

void InfoBar::paintEvent(QPaintEvent *)
{
    // A tint of the highlight over the window colour, outlined in the highlight: noticeable without
    // shouting, in either theme.
    const QColor window = palette().color(QPalette::Window);
    const QColor accent = palette().color(QPalette::Highlight);
    const qreal tint = 0.14;
    const QColor fill = QColor::fromRgbF(window.redF() + (accent.redF() - window.redF()) * tint,
                                         window.greenF() + (accent.greenF() - window.greenF()) * tint,
                                         window.blueF() + (accent.blueF() - window.blueF()) * tint);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QColor border = accent;
    border.setAlphaF(0.6f);
    painter.setPen(QPen(border, 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace stratus::gui
