#pragma once

#include <QAbstractProxyModel>
#include <QDateTime>

namespace stratus::gui {

class AssetListModel;

/// AssetListModel as a table for the browser's details view: one row per row of the list, with the
/// columns name, type, format, dimensions, size, created and tags. Sorting a column (a click on its
/// header) re-queries the catalogue in that order through AssetListModel::setSort, so a sorted
/// folder still loads page by page; tags sort by name. Paging (fetchMore) passes through.
///
/// Owned by the view's owner; the source must outlive it. GUI thread only.
class AssetColumnsModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    enum Column { Name, Type, Format, Dimensions, Size, Created, Tags, ColumnCount };
    Q_ENUM(Column)

    explicit AssetColumnsModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    [[nodiscard]] AssetListModel *assets() const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    [[nodiscard]] QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// A date and time as the Created column shows it: the locale's short date with the year in
    /// full, and the time to the minute ("12/28/2028 10:58 PM", "28.12.2028 22:58").
    [[nodiscard]] static QString dateText(const QDateTime &dateTime);

    /// The column that shows the catalogue order @p sort (Name when none does).
    [[nodiscard]] static int columnForSort(int catalogSort);

private:
    QList<QMetaObject::Connection> m_connections;
};

} // namespace stratus::gui
