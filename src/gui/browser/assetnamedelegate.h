#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

namespace stratus::gui {

/// The Name column of the browser's list: a small square icon (the thumbnail cropped to a square,
/// the folder icon, or an empty square while a thumbnail loads) at the view's iconSize(), then the
/// name, so that folder and asset rows line up and every row has the same height.
///
/// Owned by the view. GUI thread only.
class AssetNameDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit AssetNameDelegate(QObject *parent = nullptr);

    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    /// Public so that tests can see what a row is painted with.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QIcon m_folderIcon;
    QIcon m_fileIcon;
};

} // namespace stratus::gui
