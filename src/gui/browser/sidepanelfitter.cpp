#include "sidepanelfitter.h"

#include <QEvent>
#include <QSplitter>

namespace stratus::gui {

namespace {
constexpr int kMinimumTree = 120;
} // namespace

SidePanelFitter::SidePanelFitter(QSplitter *splitter, QWidget *tree, int treeWidth, QWidget *details,
                                 std::function<void(bool)> showDetails, QObject *parent)
    : QObject(parent)
    , m_splitter(splitter)
    , m_tree(tree)
    , m_details(details)
    , m_showDetails(std::move(showDetails))
    , m_treeWidth(treeWidth)
{
    splitter->installEventFilter(this);
    details->installEventFilter(this);
    connect(splitter, &QSplitter::splitterMoved, this, [this] {
        if (const QWidget *moved = m_tree.data(); moved != nullptr && !m_fitting)
            m_treeWidth = moved->width();
    });
}

SidePanelFitter::~SidePanelFitter() = default;

bool SidePanelFitter::eventFilter(QObject *watched, QEvent *event)
{
    // After the splitter laid its widgets out for the new size (filters run before it does).
    if (watched == m_splitter && event->type() == QEvent::Resize && !m_fitPending) {
        m_fitPending = true;
        QMetaObject::invokeMethod(this, &SidePanelFitter::fit, Qt::QueuedConnection);
    }
    // Shown or hidden by the person (the Info button): their choice stands.
    if (watched == m_details && !m_fitting
        && (event->type() == QEvent::ShowToParent || event->type() == QEvent::HideToParent))
        m_collapsed = false;
    return QObject::eventFilter(watched, event);
}

void SidePanelFitter::fit()
{
    QSplitter *splitter = m_splitter.data();
    QWidget *tree = m_tree.data();
    QWidget *details = m_details.data();
    if (splitter == nullptr || tree == nullptr || details == nullptr)
        return;
    m_fitPending = false;
    m_fitting = true;
    const int width = splitter->width();
    const bool narrow = width < kNarrowWidth;
    if (narrow != m_narrow) {
        m_narrow = narrow;
        if (narrow && details->isVisible()) {
            m_detailsWidth = details->width();
            m_showDetails(false);
            m_collapsed = true;
        } else if (!narrow && m_collapsed) {
            m_showDetails(true);
            m_collapsed = false;
            // As wide as it was, not as narrow as the splitter would make it.
            QList<int> sizes = splitter->sizes();
            const int at = splitter->indexOf(details);
            if (at > 0 && m_detailsWidth > 0 && at < sizes.size()) {
                sizes[at - 1] -= m_detailsWidth - sizes[at];
                sizes[at] = m_detailsWidth;
                splitter->setSizes(sizes);
            }
        }
    }
    QList<int> sizes = splitter->sizes();
    const int index = splitter->indexOf(tree);
    if (index >= 0 && index + 1 < sizes.size()) {
        const int fitted = std::min(m_treeWidth, std::max(kMinimumTree, width / 5));
        if (fitted != sizes[index]) {
            sizes[index + 1] += sizes[index] - fitted; // the grid, beside it, takes the difference
            sizes[index] = fitted;
            splitter->setSizes(sizes);
        }
    }
    m_fitting = false;
}

} // namespace stratus::gui
