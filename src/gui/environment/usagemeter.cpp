#include "usagemeter.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStyle>

#include <algorithm>

#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::gui {

/// The bar itself: a rounded trough in the palette's mid tone, filled with the highlight colour,
/// or the warning colour near the limit.
class UsageMeter::Bar : public QWidget
{
public:
    explicit Bar(UsageMeter *meter)
        : QWidget(meter)
        , m_meter(meter)
    {
        setMinimumWidth(160);
        setFixedHeight(10);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        const QRectF trough = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        const qreal radius = trough.height() / 2;
        QColor back = palette().color(QPalette::WindowText);
        back.setAlphaF(0.14);
        painter.setBrush(back);
        painter.drawRoundedRect(trough, radius, radius);
        const double share = std::clamp(m_meter->percent(), 0.0, 100.0) / 100;
        if (share <= 0)
            return;
        QRectF fill = trough;
        // Something used shows, however little: at least a round dot.
        fill.setWidth(std::max(trough.height(), trough.width() * share));
        painter.setBrush(m_meter->isNearLimit() ? warningColor(palette())
                                                : palette().color(QPalette::Highlight));
        painter.drawRoundedRect(fill, radius, radius);
    }

private:
    UsageMeter *m_meter;
};

UsageMeter::UsageMeter(const QString &name, const QString &amount, double percent, QWidget *parent)
    : QWidget(parent)
    , m_name(name)
    , m_percent(std::isfinite(percent) ? percent : 0)
{
    setObjectName(u"usageMeter"_s);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(12);
    layout->setVerticalSpacing(3);
    auto *title = new QLabel(name, this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_amount = new QLabel(amount, this);
    m_amount->setObjectName(u"usageAmount"_s);
    m_amount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_amount->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar = new Bar(this);
    layout->addWidget(title, 0, 0);
    layout->addWidget(m_amount, 0, 1);
    layout->addWidget(m_bar, 1, 0, 1, 2);

    // Not by colour alone: an icon and words say it too.
    auto *noteRow = new QHBoxLayout;
    noteRow->setSpacing(6);
    m_noteIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_noteIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    m_note = new QLabel(tr("Near the limit: %1 % used").arg(QLocale().toString(m_percent, 'f', 0)), this);
    m_note->setObjectName(u"nearLimitNote"_s);
    noteRow->addWidget(m_noteIcon);
    noteRow->addWidget(m_note, 1);
    layout->addLayout(noteRow, 2, 0, 1, 2);
    m_noteIcon->setVisible(isNearLimit());
    m_note->setVisible(isNearLimit());

    setAccessibleName(name);
    setAccessibleDescription(isNearLimit()
                                 ? tr("%1, %2 % used, near the limit").arg(amount).arg(qRound(m_percent))
                                 : tr("%1, %2 % used").arg(amount).arg(qRound(m_percent)));
    applyColors();
}

QString UsageMeter::amount() const
{
    return m_amount->text();
}

QColor UsageMeter::warningColor(const QPalette &palette)
{
    // Amber, at the lightness that reads on this window: dark on light themes, light on dark ones.
    const bool darkWindow = palette.color(QPalette::Window).lightnessF() < 0.5;
    return QColor::fromHslF(32.0 / 360, 0.95, darkWindow ? 0.62 : 0.38);
}

void UsageMeter::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyColors();
    QWidget::changeEvent(event);
}

void UsageMeter::applyColors()
{
    QPalette notePalette = m_note->palette();
    notePalette.setColor(QPalette::WindowText, warningColor(palette()));
    m_note->setPalette(notePalette);
    m_bar->update();
}

} // namespace stratus::gui
