#include "linkopener.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

LinkOpener::LinkOpener()
    : m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
}

LinkOpener::LinkOpener(Opener opener)
    : m_opener(std::move(opener))
{
}

bool LinkOpener::open(const QUrl &url, QWidget *parent) const
{
    if (m_opener && m_opener(url))
        return true;
    const bool mail = url.scheme() == u"mailto";
    const QString address = mail ? url.path() : url.toString();
    // Window-modal, deleted when closed: the person copies the address and goes on.
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"linkNotOpened"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(mail ? tr("No E-mail Program") : tr("No Web Browser"));
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QLabel(mail ? tr("Stratus found no e-mail program to write to this "
                                      "address. Copy it into the one you use:")
                                 : tr("Stratus found no web browser to open this address. "
                                      "Copy it into the browser you use:"),
                            dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *field = new QLineEdit(address, dialog);
    field->setObjectName(u"linkAddress"_s);
    field->setReadOnly(true);
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(address) + 24);
    field->selectAll();
    layout->addWidget(field);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *copy = buttons->addButton(tr("&Copy Address"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyLink"_s);
    QObject::connect(copy, &QPushButton::clicked, dialog,
                     [address] { QApplication::clipboard()->setText(address); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    copy->setDefault(true);
    dialog->open();
    return false;
}

} // namespace stratus::gui
