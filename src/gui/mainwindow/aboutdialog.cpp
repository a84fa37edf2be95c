#include "aboutdialog.h"

#include "stratus/version.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

QString AboutDialog::supportEmail()
{
    return QStringLiteral(STRATUS_SUPPORT_EMAIL);
}

QString AboutDialog::supportUrl()
{
    return QStringLiteral(STRATUS_SUPPORT_URL);
}

AboutDialog::AboutDialog(QWidget *parent, LinkOpener opener)
    : QDialog(parent)
    , m_text(new QLabel(this))
    , m_opener(std::move(opener))
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Stratus"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/icons/stratus.svg"_s).pixmap(72, 72));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    m_text->setObjectName(u"aboutText"_s);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(470);
    const QString email = supportEmail();
    const QString tracker = supportUrl();
    const QString running = QString::fromLatin1(qVersion());
    const QString built = QStringLiteral(QT_VERSION_STR);
    const QString qt = running == built ? tr("Uses Qt %1").arg(running)
                                        : tr("Uses Qt %1 (built with Qt %2)").arg(running, built);
    m_text->setText(tr("<h2 style=\"margin-bottom:0\">Stratus</h2>"
                       "<p style=\"margin-top:2px\">Version %1</p>"
                       "<p>A native desktop client for Cloudinary.</p>"
                       "<p>%2<br>Licensed under the MIT License.</p>"
                       "<p><b>Help and support</b><br>"
                       "E-mail: <a href=\"mailto:%3\">%3</a><br>"
                       "Issue tracker: <a href=\"%4\">%4</a></p>"
                       "<p>The user guide is under Help → Documentation (F1).</p>")
                        .arg(QStringLiteral(STRATUS_VERSION_STRING), qt.toHtmlEscaped(),
                             email.toHtmlEscaped(), tracker.toHtmlEscaped()));
    connect(m_text, &QLabel::linkActivated, this,
            [this](const QString &link) { m_opener.open(QUrl(link), this); });

    auto *top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon);
    top->addWidget(m_text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 12);
    layout->addLayout(top);
    layout->addWidget(buttons);
}

} // namespace stratus::gui
