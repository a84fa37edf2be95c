#include "welcomepage.h"

#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace stratus::gui {

WelcomePage::WelcomePage(QWidget *parent)
    : Page(parent)
    , m_status(new QLabel(tr("No product environment"), this))
{
    m_status->setObjectName(QStringLiteral("statusNoEnvironment"));
    m_status->hide();
    setObjectName(QStringLiteral("welcomePage"));
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/stratus.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignHCenter);
    layout->addWidget(icon);

    auto *title = new QLabel(tr("Welcome to Stratus"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignHCenter);
    layout->addWidget(title);

    auto *text = new QLabel(tr("Stratus is a fast desktop home for the images, videos and files you keep in "
                               "Cloudinary: browse, search, upload and transform them across all your "
                               "accounts and product environments."),
                            this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignHCenter);
    // A fixed width: with only a maximum, the centred label is laid out at its one-line width and
    // word wrap then cuts the text off after two lines.
    text->setFixedWidth(560);
    // A centred widget in a box layout gets its size hint, which ignores height-for-width.
    text->setMinimumHeight(text->heightForWidth(560));
    layout->addWidget(text, 0, Qt::AlignHCenter);

    layout->addStretch(2);
}

PageContributions WelcomePage::contributions() const
{
    PageContributions contributions;
    contributions.statusWidgets << m_status;
    return contributions;
}

} // namespace stratus::gui
