#pragma once

#include "snippets.h"

#include <QWidget>

class QPlainTextEdit;
class QTabWidget;

namespace stratus::gui {

/// The embed snippet under a preview: two tabs, HTML and JavaScript, each a read-only text with Copy
/// (which copies the tab shown). GUI thread.
class SnippetPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SnippetPanel(QWidget *parent = nullptr);

    void setSnippet(const EmbedSnippet &snippet);
    [[nodiscard]] const EmbedSnippet &snippet() const { return m_snippet; }
    /// Copies the tab shown to the clipboard.
    void copy();

private:
    EmbedSnippet m_snippet;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_html = nullptr;
    QPlainTextEdit *m_javascript = nullptr;
};

} // namespace stratus::gui
