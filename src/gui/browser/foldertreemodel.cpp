#include "foldertreemodel.h"

#include "assetmimedata.h"
#include "browserlogging.h"
#include "core/assets/localfolders.h"

#include "gui/upload/uploadcontroller.h"

#include "core/catalog/catalog.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMimeData>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace stratus::gui {

using core::catalog::CatalogFolder;

FolderTreeModel::FolderTreeModel(core::catalog::Catalog *catalog, QObject *parent)
    : QAbstractItemModel(parent)
    , m_catalog(catalog)
{
    reload();
}

FolderTreeModel::~FolderTreeModel() = default;

void FolderTreeModel::reload()
{
    beginResetModel();
    m_invisibleRoot = std::make_unique<Node>();
    m_invisibleRoot->loaded = true;
    auto home = std::make_unique<Node>();
    home->parent = m_invisibleRoot.get();
    if (m_catalog) {
        home->folder.totalCount = m_catalog->assetCount();
        if (auto top = m_catalog->childFolders({}))
            home->folder.hasChildren = !top.value().isEmpty();
        if (m_localFolders && m_localFolders->hasChildren({}))
            home->folder.hasChildren = true;
        if (auto direct
            = m_catalog->listFolder({}, core::catalog::CatalogSort::Name, Qt::AscendingOrder, 0, 0))
            home->folder.directCount = direct.value().total;
    }
    m_invisibleRoot->children.push_back(std::move(home));
    endResetModel();
}

FolderTreeModel::Node *FolderTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_invisibleRoot.get();
}

QModelIndex FolderTreeModel::indexOf(Node *node) const
{
    return node == m_invisibleRoot.get() ? QModelIndex() : createIndex(node->row, 0, node);
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children.at(std::size_t(row)).get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool FolderTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return node->loaded ? !node->children.empty() : node->folder.hasChildren;
}

bool FolderTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return !node->loaded && node->folder.hasChildren;
}

void FolderTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadChildren(nodeOf(parent), parent);
}

void FolderTreeModel::loadChildren(Node *node, const QModelIndex &index)
{
    node->loaded = true;
    if (!m_catalog)
        return;
    auto children = m_catalog->childFolders(node->folder.path);
    if (!children) {
        qCWarning(lcBrowser) << "cannot list folders:" << children.error().message;
        return;
    }
    if (m_localFolders)
        m_localFolders->mergeInto(children.value(), node->folder.path);
    if (children.value().isEmpty())
        return;
    beginInsertRows(index, 0, int(children.value().size()) - 1);
    int row = 0;
    for (const CatalogFolder &folder : std::as_const(children.value())) {
        auto child = std::make_unique<Node>();
        child->folder = folder;
        child->parent = node;
        child->row = row++;
        node->children.push_back(std::move(child));
    }
    endInsertRows();
}

Qt::ItemFlags FolderTreeModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.isValid())
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QStringList FolderTreeModel::mimeTypes() const
{
    return {AssetMimeData::assetIdsFormat(), u"text/uri-list"_s};
}

Qt::DropActions FolderTreeModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

bool FolderTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int,
                                      const QModelIndex &parent) const
{
    if (!parent.isValid() || data == nullptr)
        return false;
    return data->hasFormat(AssetMimeData::assetIdsFormat()) || !UploadController::localPaths(data).isEmpty();
}

bool FolderTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                   const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString folder = pathOf(parent);
    // The browser's own drags also carry file URLs (prefetched originals): they are moves.
    if (!data->hasFormat(AssetMimeData::assetIdsFormat())) {
        const QStringList paths = UploadController::localPaths(data);
        QMetaObject::invokeMethod(
            this, [this, paths, folder] { Q_EMIT filesDropped(paths, folder); }, Qt::QueuedConnection);
        return true;
    }
    const QStringList ids = AssetMimeData::assetIds(data);
    if (ids.isEmpty())
        return false;
    // Queued: the drop's event handling ends before the move asks for a confirmation.
    QMetaObject::invokeMethod(
        this, [this, ids, folder] { Q_EMIT assetsDropped(ids, folder); }, Qt::QueuedConnection);
    return true;
}

QModelIndex FolderTreeModel::indexForPath(const QString &path)
{
    Node *node = m_invisibleRoot->children.front().get();
    if (path.isEmpty())
        return indexOf(node);
    QString sofar;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        sofar = sofar.isEmpty() ? segment : sofar + u'/' + segment;
        if (!node->loaded)
            loadChildren(node, indexOf(node));
        const auto found = std::find_if(node->children.begin(), node->children.end(),
                                        [&](const auto &child) { return child->folder.path == sofar; });
        if (found == node->children.end())
            return {};
        node = found->get();
    }
    return indexOf(node);
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const bool home = node->parent == m_invisibleRoot.get();
    const QString name = home ? tr("Home") : node->folder.name;
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(name, QLocale().toString(node->folder.totalCount));
    case Qt::ToolTipRole:
        return QString(tr("%1: %n asset(s) here", nullptr, int(node->folder.directCount))
                           .arg(home ? name : node->folder.path)
                       + u'\n'
                       + tr("%n in all, with the folders below", nullptr, int(node->folder.totalCount)));
    case Qt::DecorationRole:
        return QIcon::fromTheme(
            home ? QStringLiteral("user-home") : QStringLiteral("folder"),
            QApplication::style()->standardIcon(home ? QStyle::SP_DirHomeIcon : QStyle::SP_DirIcon));
    case PathRole:
        return node->folder.path;
    case NameRole:
        return name;
    case DirectCountRole:
        return node->folder.directCount;
    case TotalCountRole:
        return node->folder.totalCount;
    default:
        return {};
    }
}

} // namespace stratus::gui
