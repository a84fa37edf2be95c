#include "emptystate.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {
constexpr int kIconEdge = 48;
} // namespace

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_clearFilters(new QPushButton(tr("Clear Filters"), this))
    , m_clearSearch(new QPushButton(tr("Clear Search"), this))
    , m_everywhere(new QPushButton(tr("Search Everywhere"), this))
{
    setObjectName(u"emptyState"_s);
    m_title->setObjectName(u"emptyTitle"_s);
    m_text->setObjectName(u"emptyText"_s);
    m_clearFilters->setObjectName(u"emptyClearFilters"_s);
    m_clearSearch->setObjectName(u"emptyClearSearch"_s);
    m_everywhere->setObjectName(u"emptyEverywhere"_s);
    for (QLabel *label : {m_icon, m_title, m_text}) {
        label->setAlignment(Qt::AlignCenter);
        label->setTextFormat(Qt::PlainText);
    }
    m_text->setWordWrap(true);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    QFont font = m_title->font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_title->setFont(font);
    m_title->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    for (QPushButton *button : {m_clearFilters, m_clearSearch, m_everywhere}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(4);
    layout->addLayout(buttons);

    connect(m_clearFilters, &QPushButton::clicked, this, &EmptyState::clearFiltersRequested);
    connect(m_clearSearch, &QPushButton::clicked, this, &EmptyState::clearSearchRequested);
    connect(m_everywhere, &QPushButton::clicked, this, &EmptyState::searchEverywhereRequested);
}

EmptyState::~EmptyState() = default;

void EmptyState::setMessage(const QString &iconName, const QString &title, const QString &text, Offers offers)
{
    const QIcon fallback = style()->standardIcon(
        iconName.startsWith(u"folder"_s) ? QStyle::SP_DirIcon : QStyle::SP_FileDialogContentsView);
    m_icon->setPixmap(QIcon::fromTheme(iconName, fallback).pixmap(kIconEdge, kIconEdge));
    m_title->setText(title);
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
    m_clearFilters->setVisible(offers.testFlag(OfferClearFilters));
    m_clearSearch->setVisible(offers.testFlag(OfferClearSearch));
    m_everywhere->setVisible(offers.testFlag(OfferEverywhere));
    setAccessibleName(title);
    setAccessibleDescription(text);
    adjustSize();
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace stratus::gui
