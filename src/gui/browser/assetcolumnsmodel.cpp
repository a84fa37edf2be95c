#include "assetcolumnsmodel.h"

#include "assetlistmodel.h"

#include <QLocale>

namespace stratus::gui {

using core::catalog::CatalogSort;
using namespace Qt::StringLiterals;

AssetColumnsModel::AssetColumnsModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
}

AssetListModel *AssetColumnsModel::assets() const
{
    return qobject_cast<AssetListModel *>(sourceModel());
}

void AssetColumnsModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        // A flat list: rows map one to one, so the source's signals only need the columns widened.
        m_connections = {
            connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); }),
            connect(source, &QAbstractItemModel::modelReset, this, [this] { endResetModel(); }),
            connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this,
                    [this](const QModelIndex &, int first, int last) { beginInsertRows({}, first, last); }),
            connect(source, &QAbstractItemModel::rowsInserted, this, [this] { endInsertRows(); }),
            connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &, int first, int last) { beginRemoveRows({}, first, last); }),
            connect(source, &QAbstractItemModel::rowsRemoved, this, [this] { endRemoveRows(); }),
            connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this,
                    [this] { Q_EMIT layoutAboutToBeChanged(); }),
            connect(source, &QAbstractItemModel::layoutChanged, this, [this] { Q_EMIT layoutChanged(); }),
            connect(
                source, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                    Q_EMIT dataChanged(index(topLeft.row(), 0), index(bottomRight.row(), ColumnCount - 1),
                                       roles);
                }),
        };
    }
    endResetModel();
}

QModelIndex AssetColumnsModel::index(int row, int column, const QModelIndex &parent) const
{
    return hasIndex(row, column, parent) ? createIndex(row, column) : QModelIndex();
}

QModelIndex AssetColumnsModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex AssetColumnsModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int AssetColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->rowCount();
}

int AssetColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AssetColumnsModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

QModelIndex AssetColumnsModel::mapToSource(const QModelIndex &proxyIndex) const
{
    return proxyIndex.isValid() && sourceModel() ? sourceModel()->index(proxyIndex.row(), 0) : QModelIndex();
}

QModelIndex AssetColumnsModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    return sourceIndex.isValid() ? index(sourceIndex.row(), 0) : QModelIndex();
}

QVariant AssetColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !sourceModel())
        return {};
    const QModelIndex source = mapToSource(index);
    if (index.column() == Name || (role != Qt::DisplayRole && role != Qt::TextAlignmentRole))
        return index.column() == Name || role >= Qt::UserRole ? source.data(role) : QVariant();
    const bool folder = source.data(AssetListModel::KindRole).value<AssetListModel::RowKind>()
        == AssetListModel::RowKind::Folder;
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == Size || index.column() == Dimensions;
        return QVariant::fromValue(Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft));
    }
    const QLocale locale;
    switch (Column(index.column())) {
    case Type:
        return folder ? tr("folder") : source.data(AssetListModel::ResourceTypeRole);
    case Format:
        return source.data(AssetListModel::FormatRole);
    case Dimensions: {
        if (folder)
            return {};
        const int width = source.data(AssetListModel::WidthRole).toInt();
        const int height = source.data(AssetListModel::HeightRole).toInt();
        return width > 0 && height > 0 ? tr("%1 × %2").arg(width).arg(height) : QString();
    }
    case Size:
        return folder ? tr("%n asset(s)", nullptr, source.data(AssetListModel::CountRole).toInt())
                      : locale.formattedDataSize(source.data(AssetListModel::BytesRole).toLongLong());
    case Created: {
        const QDateTime created = source.data(AssetListModel::CreatedAtRole).toDateTime();
        return created.isValid() ? dateText(created.toLocalTime()) : QString();
    }
    case Tags:
        return source.data(AssetListModel::TagsRole).toStringList().join(u", "_s);
    case Name:
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AssetColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractProxyModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case Format:
        return tr("Format");
    case Dimensions:
        return tr("Dimensions");
    case Size:
        return tr("Size");
    case Created:
        return tr("Created");
    case Tags:
        return tr("Tags");
    case ColumnCount:
        break;
    }
    return {};
}

void AssetColumnsModel::sort(int column, Qt::SortOrder order)
{
    AssetListModel *list = assets();
    if (!list)
        return;
    CatalogSort sort = CatalogSort::Name;
    switch (Column(column)) {
    case Type:
        sort = CatalogSort::ResourceType;
        break;
    case Format:
        sort = CatalogSort::Format;
        break;
    case Dimensions:
        sort = CatalogSort::Pixels;
        break;
    case Size:
        sort = CatalogSort::Bytes;
        break;
    case Created:
        sort = CatalogSort::CreatedAt;
        break;
    case Name:
    case Tags:
    case ColumnCount:
        break;
    }
    list->setSort(sort, order);
}

QString AssetColumnsModel::dateText(const QDateTime &dateTime)
{
    // The short format's two-digit year reads as a day or a month in many locales: the year in full.
    const QLocale locale;
    QString date = locale.dateFormat(QLocale::ShortFormat);
    if (!date.contains(u"yyyy"_s))
        date.replace(u"yy"_s, u"yyyy"_s);
    return locale.toString(dateTime, date + u' ' + locale.timeFormat(QLocale::ShortFormat));
}

int AssetColumnsModel::columnForSort(int catalogSort)
{
    switch (CatalogSort(catalogSort)) {
    case CatalogSort::ResourceType:
        return Type;
    case CatalogSort::Format:
        return Format;
    case CatalogSort::Pixels:
        return Dimensions;
    case CatalogSort::Bytes:
        return Size;
    case CatalogSort::CreatedAt:
    case CatalogSort::UploadedAt:
        return Created;
    case CatalogSort::Name:
    case CatalogSort::PublicId:
        break;
    }
    return Name;
}

} // namespace stratus::gui
