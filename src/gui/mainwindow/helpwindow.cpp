#include "helpwindow.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QKeySequence>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

HelpWindow::HelpWindow(LinkOpener opener, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
    , m_opener(std::move(opener))
{
    setObjectName(u"helpWindow"_s);
    setWindowTitle(tr("Stratus User Guide"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    resize(760, 640);

    m_browser->setObjectName(u"helpBrowser"_s);
    m_browser->setOpenLinks(false);
    QFile guide(QString::fromLatin1(kGuideResource));
    if (guide.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        m_browser->setPlainText(tr("The user guide is missing from this build of Stratus."));
    m_browser->document()->setDocumentMargin(16);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme().isEmpty() && url.hasFragment())
            m_browser->scrollToAnchor(url.fragment());
        else
            m_opener.open(url, this);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    m_browser->setFocus();
}

} // namespace stratus::gui
