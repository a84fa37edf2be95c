#include "aboutdialog.h"

#include "stratus/version.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace stratus::gui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Stratus"));

    auto *layout = new QVBoxLayout(this);
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/stratus.svg")).pixmap(64, 64));
    layout->addWidget(icon, 0, Qt::AlignHCenter);

    auto *text = new QLabel(this);
    text->setObjectName(QStringLiteral("aboutText"));
    text->setTextFormat(Qt::RichText);
    text->setOpenExternalLinks(true);
    text->setWordWrap(true);
    const QString support = QStringLiteral(STRATUS_SUPPORT_URL);
    const QString docs = QStringLiteral(STRATUS_DOCS_URL);
    text->setText(tr("<h3>Stratus %1</h3>"
                     "<p>A native desktop client for Cloudinary.</p>"
                     "<p>Built with Qt %2 (running on Qt %3).</p>"
                     "<p>Licensed under the MIT License.</p>"
                     "<p>Report problems: <a href=\"%4\">%4</a><br>Documentation: <a href=\"%5\">%5</a></p>")
                      .arg(QStringLiteral(STRATUS_VERSION_STRING), QStringLiteral(QT_VERSION_STR),
                           QString::fromLatin1(qVersion()), support, docs));
    layout->addWidget(text);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace stratus::gui
