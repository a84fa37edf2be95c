#pragma once

#include "linkopener.h"

#include <QDialog>

class QTextBrowser;

namespace stratus::gui {

/// Help → Documentation (F1): the user guide shipped with Stratus (docs/user-guide.md, built into
/// the app as a resource), rendered in a window of its own — no browser, no network needed. Links
/// to the web go through LinkOpener (which says what it would have opened when nothing can).
///
/// Non-modal; made once by the main window and raised again by the next F1. GUI thread.
class HelpWindow : public QDialog
{
    Q_OBJECT

public:
    explicit HelpWindow(LinkOpener opener, QWidget *parent = nullptr);

    [[nodiscard]] QTextBrowser *browser() const { return m_browser; }
    /// Where the guide is read from.
    static constexpr const char *kGuideResource = ":/help/user-guide.md";

private:
    QTextBrowser *m_browser;
    LinkOpener m_opener;
};

} // namespace stratus::gui
