#include "snippetpanel.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

SnippetPanel::SnippetPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"snippetPanel"_s);
    const auto editor = [this](const QString &name) {
        auto *text = new QPlainTextEdit(this);
        text->setObjectName(name);
        text->setReadOnly(true);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setMinimumHeight(80);
        return text;
    };
    m_html = editor(u"snippetHtml"_s);
    m_javascript = editor(u"snippetJavaScript"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_html, tr("&HTML"));
    m_tabs->addTab(m_javascript, tr("&JavaScript"));

    auto *copyButton = new QPushButton(tr("&Copy"), this);
    copyButton->setObjectName(u"copySnippetButton"_s);
    copyButton->setToolTip(tr("Copy the snippet shown, to paste into a web page"));
    connect(copyButton, &QPushButton::clicked, this, &SnippetPanel::copy);
    auto *heading = new QLabel(tr("Embed on a web page"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(copyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 10);
    layout->addLayout(top);
    layout->addWidget(m_tabs);
}

void SnippetPanel::setSnippet(const EmbedSnippet &snippet)
{
    m_snippet = snippet;
    m_html->setPlainText(snippet.html);
    m_javascript->setPlainText(snippet.javascript);
}

void SnippetPanel::copy()
{
    QGuiApplication::clipboard()->setText(m_tabs->currentWidget() == m_html ? m_snippet.html
                                                                            : m_snippet.javascript);
}

} // namespace stratus::gui
