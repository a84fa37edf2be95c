#include "tagsdialog.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace stratus::gui {

using namespace Qt::StringLiterals;

namespace {

/// Completes the last tag of a comma-separated list, keeping the ones before it.
class TagListCompleter : public QCompleter
{
public:
    TagListCompleter(const QStringList &tags, QLineEdit *edit)
        : QCompleter(new QStringListModel(tags, edit), edit)
        , m_edit(edit)
    {
        setCaseSensitivity(Qt::CaseInsensitive);
        setFilterMode(Qt::MatchStartsWith);
    }

    QStringList splitPath(const QString &path) const override { return {path.section(u',', -1).trimmed()}; }

    QString pathFromIndex(const QModelIndex &index) const override
    {
        const QString text = m_edit->text();
        const qsizetype comma = text.lastIndexOf(u',');
        const QString before = comma < 0 ? QString() : text.left(comma + 1) + u' ';
        return before + index.data().toString();
    }

private:
    QLineEdit *m_edit;
};

QStringList commonTags(const QList<QStringList> &selection)
{
    if (selection.isEmpty())
        return {};
    QStringList common = selection.constFirst();
    for (const QStringList &tags : selection)
        common.removeIf([&](const QString &tag) { return !tags.contains(tag); });
    return common;
}

} // namespace

TagsDialog::TagsDialog(int assetCount, const QStringList &knownTags, const QList<QStringList> &selectionTags,
                       QWidget *parent)
    : QDialog(parent)
    , m_add(new QLineEdit(this))
    , m_remove(new QLineEdit(this))
{
    setObjectName(u"tagsDialog"_s);
    setWindowTitle(tr("Edit tags of %n asset(s)", nullptr, assetCount));
    m_add->setObjectName(u"addTagsEdit"_s);
    m_remove->setObjectName(u"removeTagsEdit"_s);
    m_add->setPlaceholderText(tr("tag, another tag"));

    QStringList inSelection;
    for (const QStringList &tags : selectionTags) {
        for (const QString &tag : tags) {
            if (!inSelection.contains(tag))
                inSelection.append(tag);
        }
    }
    QStringList removable = inSelection;
    for (const QString &tag : knownTags) {
        if (!removable.contains(tag))
            removable.append(tag);
    }
    m_add->setCompleter(new TagListCompleter(knownTags, m_add));
    m_remove->setCompleter(new TagListCompleter(removable, m_remove));

    const QStringList common = commonTags(selectionTags);
    auto *shared = new QLabel(common.isEmpty() ? tr("The selected assets share no tag.")
                                               : tr("Every selected asset has: %1").arg(common.join(u", "_s)),
                              this);
    shared->setWordWrap(true);
    shared->setTextFormat(Qt::PlainText);
    auto *hint = new QLabel(tr("Separate tags with commas. Tags are changed on Cloudinary at once."), this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Apply"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Add tags:"), m_add);
    form->addRow(tr("&Remove tags:"), m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(shared);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    const auto update = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!tagsToAdd().isEmpty() || !tagsToRemove().isEmpty());
    };
    connect(m_add, &QLineEdit::textChanged, this, update);
    connect(m_remove, &QLineEdit::textChanged, this, update);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

QStringList TagsDialog::parseTags(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(u',')) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QStringList TagsDialog::tagsToAdd() const
{
    return parseTags(m_add->text());
}

QStringList TagsDialog::tagsToRemove() const
{
    return parseTags(m_remove->text());
}

} // namespace stratus::gui
