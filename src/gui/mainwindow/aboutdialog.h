#pragma once

#include "linkopener.h"

#include <QDialog>

class QLabel;

namespace stratus::gui {

/// Help → About: the version, Qt's version (built with and running on), the licence, and where to
/// get help — the support e-mail address and the issue tracker (links open through LinkOpener,
/// which shows the address when nothing can open it).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr, LinkOpener opener = LinkOpener());

    [[nodiscard]] QLabel *textLabel() const { return m_text; }
    /// Where people get help (the README's Support section says the same).
    [[nodiscard]] static QString supportEmail();
    [[nodiscard]] static QString supportUrl();

private:
    QLabel *m_text;
    LinkOpener m_opener;
};

} // namespace stratus::gui
