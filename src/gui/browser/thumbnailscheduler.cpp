#include "thumbnailscheduler.h"

#include "assetlistmodel.h"
#include "thumbnailloader.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QScrollBar>
#include <QSet>

#include <algorithm>

namespace stratus::gui {

namespace {
// Long enough to skip the frames of a fling, short enough not to be seen.
constexpr int kDebounceMs = 30;
// Probing step when looking for the first and last visible cell, in pixels.
constexpr int kProbeStep = 8;
} // namespace

ThumbnailScheduler::ThumbnailScheduler(AssetListModel *model, ThumbnailLoader *loader,
                                       core::ThumbnailUrlFunction urlFor, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_loader(loader)
    , m_urlFor(std::move(urlFor))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ThumbnailScheduler::update);
    connect(m_loader, &ThumbnailLoader::ready, m_model, &AssetListModel::setThumbnail);
    connect(m_loader, &ThumbnailLoader::failed, m_model,
            [this](const QString &key) { m_model->setThumbnailFailed(key); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ThumbnailScheduler::schedule);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ThumbnailScheduler::schedule);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &ThumbnailScheduler::schedule);
    // A new thumbnail size changes every key: ask again.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.contains(AssetListModel::ThumbnailKeyRole))
                    schedule();
            });
}

void ThumbnailScheduler::setView(QAbstractItemView *view)
{
    if (view == m_view)
        return;
    for (const auto &connection : std::as_const(m_viewConnections))
        disconnect(connection);
    m_viewConnections.clear();
    if (m_view)
        m_view->viewport()->removeEventFilter(this);
    m_view = view;
    if (!m_view) {
        m_loader->retainOnly({});
        m_lastRange = {-1, -1};
        return;
    }
    m_view->viewport()->installEventFilter(this);
    m_viewConnections = {
        connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &ThumbnailScheduler::schedule),
        connect(m_view->horizontalScrollBar(), &QScrollBar::valueChanged, this,
                &ThumbnailScheduler::schedule),
    };
    schedule();
}

bool ThumbnailScheduler::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport()
        && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        schedule();
    return QObject::eventFilter(watched, event);
}

void ThumbnailScheduler::schedule()
{
    m_debounce.start();
}

int ThumbnailScheduler::rowAt(const QAbstractItemView &view, bool fromTop)
{
    // Probe from one corner along rows of points until a cell is hit: a handful of indexAt() calls
    // in a full grid, never a walk over the model's rows.
    const QRect area = view.viewport()->rect();
    for (int dy = 0; dy < area.height(); dy += kProbeStep) {
        const int y = fromTop ? area.top() + dy : area.bottom() - dy;
        for (int dx = 0; dx < area.width(); dx += kProbeStep) {
            const int x = fromTop ? area.left() + dx : area.right() - dx;
            const QModelIndex index = view.indexAt(QPoint(x, y));
            if (index.isValid())
                return index.row();
        }
    }
    return -1;
}

void ThumbnailScheduler::update()
{
    m_debounce.stop();
    const int rows = m_model->rowCount();
    QAbstractItemView *view = m_view.data();
    if (!view || !view->isVisible() || rows == 0) {
        m_lastRange = {-1, -1};
        if (rows == 0)
            m_loader->retainOnly({});
        return;
    }
    const int first = rowAt(*view, true);
    if (first < 0) {
        m_lastRange = {-1, -1};
        m_loader->retainOnly({});
        return;
    }
    int last = rowAt(*view, false);
    if (last < first)
        last = rows - 1; // empty space below the last cell
    const int visible = last - first + 1;
    const int wantedFirst = std::max(0, first - visible);
    const int wantedLast = std::min(rows - 1, last + visible);
    const int middle = (first + last) / 2;
    const QSize size = m_model->thumbnailSize();

    struct Wanted
    {
        int priority;
        QString key;
        QUrl url;
    };
    QList<Wanted> requests;
    QSet<QString> wanted;
    requests.reserve(wantedLast - wantedFirst + 1);
    wanted.reserve(wantedLast - wantedFirst + 1);
    for (int row = wantedFirst; row <= wantedLast; ++row) {
        if (!m_model->needsThumbnail(row))
            continue;
        const core::catalog::CatalogAsset *asset = m_model->assetAt(row);
        const QUrl url = m_urlFor ? m_urlFor(*asset, size) : QUrl();
        if (url.isEmpty())
            continue;
        const QString key = m_model->thumbnailKey(*asset);
        wanted.insert(key);
        // Rows beyond the screen wait behind every visible one.
        const bool onScreen = row >= first && row <= last;
        requests.append({std::abs(row - middle) + (onScreen ? 0 : visible), key, url});
    }
    // Rows scrolled away first give up their places; then the nearest are asked for first, since
    // the loader sends a request at once while it has a free place (the first few of a pass would
    // otherwise be the top of the margin above the screen).
    m_loader->retainOnly(wanted);
    std::stable_sort(requests.begin(), requests.end(),
                     [](const Wanted &a, const Wanted &b) { return a.priority < b.priority; });
    for (const Wanted &request : std::as_const(requests))
        m_loader->request(request.key, request.url, request.priority);
    m_lastRange = {wantedFirst, wantedLast};
}

} // namespace stratus::gui
