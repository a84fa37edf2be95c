#pragma once

#include "core/delivery/thumbnailurls.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractItemView;

namespace stratus::gui {

class AssetListModel;
class ThumbnailLoader;

/// Asks ThumbnailLoader for the thumbnails a view shows, visible rows first (as Gwenview does):
/// after a scroll, a resize, a zoom or new rows it waits for the view to settle (a short debounce),
/// finds the visible range of rows without walking the model, widens it by a screen's worth
/// either side, requests what the model lacks with priority = distance from the middle row, and
/// cancels every other request (retainOnly). The pictures go to the model (setThumbnail).
///
/// Borrows the model and the loader (both must outlive it); watches one view at a time
/// (setView()). GUI thread only.
class ThumbnailScheduler : public QObject
{
    Q_OBJECT

public:
    ThumbnailScheduler(AssetListModel *model, ThumbnailLoader *loader, core::ThumbnailUrlFunction urlFor,
                       QObject *parent = nullptr);

    /// The view whose visible rows are wanted; nullptr stops asking (and cancels what is pending).
    void setView(QAbstractItemView *view);
    /// Schedules a pass after the debounce.
    void schedule();
    /// Runs a pass now.
    void update();

    /// The rows the last pass considered wanted, for tests: [first, last], or {-1, -1}.
    [[nodiscard]] std::pair<int, int> lastRange() const { return m_lastRange; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    [[nodiscard]] static int rowAt(const QAbstractItemView &view, bool fromTop);

    AssetListModel *m_model;
    ThumbnailLoader *m_loader;
    core::ThumbnailUrlFunction m_urlFor;
    QPointer<QAbstractItemView> m_view;
    QList<QMetaObject::Connection> m_viewConnections;
    QTimer m_debounce;
    std::pair<int, int> m_lastRange {-1, -1};
};

} // namespace stratus::gui
