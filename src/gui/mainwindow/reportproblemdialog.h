#pragma once

#include "linkopener.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace stratus::gui {

/// Help → Report a Problem: puts the diagnostic report (Diagnostics::report — versions, system,
/// recent problems; never a secret or a signed URL) on the clipboard at once, shows it, and says
/// where to send it: the support e-mail address or the issue tracker, each one button away (through
/// LinkOpener, so without a browser or mail program the address is shown to copy).
class ReportProblemDialog : public QDialog
{
    Q_OBJECT

public:
    ReportProblemDialog(const QString &report, LinkOpener opener, QWidget *parent = nullptr);

    [[nodiscard]] QPlainTextEdit *reportView() const { return m_report; }
    [[nodiscard]] QLabel *instructions() const { return m_instructions; }

private:
    QPlainTextEdit *m_report;
    QLabel *m_instructions;
    LinkOpener m_opener;
};

} // namespace stratus::gui
