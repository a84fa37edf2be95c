#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QSplitter;
class QWidget;

namespace stratus::gui {

/// Keeps the browser's grid the widest part of its splitter when the window is small (issue 13,
/// point 1): the folder tree gives up width down to a fifth of the splitter (and gets it back, up
/// to the width the person gave it, when there is room again), and the details panel collapses
/// when the splitter gets narrower than kNarrowWidth — and comes back when it is wide again, unless
/// the person closed or opened it in between (their choice wins until the next change of size class).
///
/// Watches the splitter's resizes; owned by the browser page. GUI thread only.
class SidePanelFitter : public QObject
{
    Q_OBJECT

public:
    static constexpr int kNarrowWidth = 960;

    /// @p treeWidth is the tree's width when there is room; @p showDetails shows or hides the
    /// details panel the way the page's Info button does.
    SidePanelFitter(QSplitter *splitter, QWidget *tree, int treeWidth, QWidget *details,
                    std::function<void(bool)> showDetails, QObject *parent = nullptr);
    ~SidePanelFitter() override;

    /// Whether the details panel is collapsed because the splitter is narrow.
    [[nodiscard]] bool detailsCollapsed() const { return m_collapsed; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit();

    QPointer<QSplitter> m_splitter;
    QPointer<QWidget> m_tree;
    QPointer<QWidget> m_details;
    std::function<void(bool)> m_showDetails;
    int m_treeWidth; ///< the tree's width when there is room: the first one, or as the person left it
    int m_detailsWidth = 0; ///< the details panel's width when it was collapsed
    bool m_narrow = false;
    bool m_collapsed = false;
    bool m_fitting = false;
    bool m_fitPending = false;
};

} // namespace stratus::gui
