#pragma once

#include "facetbar.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace stratus::gui {

/// The line above the browser's assets that says what they are while a search or a filter is on:
/// where it looks (this folder, or everywhere — two buttons, the one in effect pressed), each chosen
/// filter as a chip that removes it when clicked, and, with two tags or more, whether an asset needs
/// all of them or any. Hidden while nothing narrows the open folder.
///
/// Holds no state of its own: the browser page calls show…() at each change and follows
/// scopeChosen() and tagMatchChosen(); a chip calls its FacetBar::Chip::remove. GUI thread only.
class ScopeBar : public QWidget
{
    Q_OBJECT

public:
    enum class Scope { Folder, Everywhere };
    Q_ENUM(Scope)

    explicit ScopeBar(QWidget *parent = nullptr);
    ~ScopeBar() override;

    /// What the assets are now: @p searching (typed words) or filtered, in @p scope, the open folder
    /// being @p folder; the chosen filters as @p chips; @p tags ticked, matched by @p match.
    void showState(bool searching, Scope scope, const QString &folder, const QList<FacetBar::Chip> &chips,
                   int tags, FacetBar::TagMatch match);

    [[nodiscard]] QToolButton *folderButton() const { return m_folderButton; }
    [[nodiscard]] QToolButton *everywhereButton() const { return m_everywhereButton; }
    [[nodiscard]] QToolButton *tagMatchButton() const { return m_tagMatchButton; }
    /// The chips shown now, in order.
    [[nodiscard]] QList<QToolButton *> chipButtons() const { return m_chips; }

Q_SIGNALS:
    void scopeChosen(stratus::gui::ScopeBar::Scope scope);
    void tagMatchChosen(stratus::gui::FacetBar::TagMatch match);

private:
    QLabel *m_label;
    QToolButton *m_folderButton;
    QToolButton *m_everywhereButton;
    QToolButton *m_tagMatchButton;
    QHBoxLayout *m_chipLayout;
    QList<QToolButton *> m_chips;
};

} // namespace stratus::gui
