#include "reportproblemdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

ReportProblemDialog::ReportProblemDialog(const QString &report, LinkOpener opener, QWidget *parent)
    : QDialog(parent)
    , m_report(new QPlainTextEdit(report, this))
    , m_instructions(new QLabel(this))
    , m_opener(std::move(opener))
{
    setObjectName(u"reportProblemDialog"_s);
    setWindowTitle(tr("Report a Problem"));
    resize(640, 480);
    QApplication::clipboard()->setText(report);

    const QString email = QStringLiteral(STRATUS_SUPPORT_EMAIL);
    const QString tracker = QStringLiteral(STRATUS_SUPPORT_URL);
    m_instructions->setObjectName(u"reportInstructions"_s);
    m_instructions->setWordWrap(true);
    m_instructions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_instructions->setText(
        tr("The information below is on the clipboard. Paste it into an e-mail to %1, or into a new issue "
           "at %2, and say what you did, what you expected and what happened instead. It holds no "
           "password, API secret or signed URL.")
            .arg(email, tracker));

    m_report->setObjectName(u"reportText"_s);
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *mail = buttons->addButton(tr("Write &E-mail"), QDialogButtonBox::ActionRole);
    QPushButton *issue = buttons->addButton(tr("Open &Issue Tracker"), QDialogButtonBox::ActionRole);
    QPushButton *copy = buttons->addButton(tr("&Copy Again"), QDialogButtonBox::ActionRole);
    mail->setObjectName(u"writeEmail"_s);
    issue->setObjectName(u"openIssueTracker"_s);
    connect(mail, &QPushButton::clicked, this, [this, email, report] {
        QUrl url(u"mailto:"_s + email);
        QUrlQuery query;
        query.addQueryItem(u"subject"_s, tr("Problem with Stratus"));
        query.addQueryItem(u"body"_s, report);
        url.setQuery(query);
        m_opener.open(url, this);
    });
    connect(issue, &QPushButton::clicked, this, [this, tracker] { m_opener.open(QUrl(tracker), this); });
    connect(copy, &QPushButton::clicked, this, [report] { QApplication::clipboard()->setText(report); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_instructions);
    layout->addWidget(m_report, 1);
    layout->addWidget(buttons);
}

} // namespace stratus::gui
