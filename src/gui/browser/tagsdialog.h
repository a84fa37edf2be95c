#pragma once

#include <QDialog>
#include <QStringList>

class QLineEdit;

namespace stratus::gui {

/// Asks which tags to add to and which to remove from a selection of assets, as comma-separated
/// lists with completion: the tags the catalogue knows for adding, the selection's own first for
/// removing. Shows the tags every selected asset has. Modal, made on demand.
class TagsDialog : public QDialog
{
    Q_OBJECT

public:
    /// @p knownTags: the catalogue's tags, most used first; @p selectionTags: the tags of each
    /// selected asset.
    TagsDialog(int assetCount, const QStringList &knownTags, const QList<QStringList> &selectionTags,
               QWidget *parent = nullptr);

    [[nodiscard]] QStringList tagsToAdd() const;
    [[nodiscard]] QStringList tagsToRemove() const;
    [[nodiscard]] QLineEdit *addEdit() const { return m_add; }
    [[nodiscard]] QLineEdit *removeEdit() const { return m_remove; }

    /// "a, b ,,c" → {"a", "b", "c"}; duplicates once. Tag names cannot contain commas (reference §d).
    [[nodiscard]] static QStringList parseTags(const QString &text);

private:
    QLineEdit *m_add;
    QLineEdit *m_remove;
};

} // namespace stratus::gui
