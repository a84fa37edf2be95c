#pragma once

#include <QList>
#include <QWidget>

class QHBoxLayout;
class QMenu;
class QToolButton;

namespace stratus::gui {

/// The breadcrumb above the browser's assets: Home › archive › 2022, one button per folder of the
/// open path, the open folder last and marked. A click (or Space or Enter on a focused segment)
/// opens that folder; Left and Right move between segments. When the path is wider than the bar,
/// the folders nearest Home fold into a "…" button whose menu lists them.
///
/// Owned by the browser page, which calls setPath() whenever a folder opens and follows
/// folderActivated(). GUI thread only.
class PathBar : public QWidget
{
    Q_OBJECT

public:
    explicit PathBar(QWidget *parent = nullptr);
    ~PathBar() override;

    /// Shows @p folder ("" is Home, "a/b" is Home › a › b).
    void setPath(const QString &folder);
    [[nodiscard]] QString path() const { return m_path; }

    /// The segments' buttons, Home first (hidden ones included); for tests and accessibility.
    [[nodiscard]] QList<QToolButton *> segments() const { return m_segments; }
    /// The "…" button that holds the folded segments (hidden while everything fits).
    [[nodiscard]] QToolButton *overflowButton() const { return m_overflow; }

    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// A segment was clicked: open @p folder.
    void folderActivated(const QString &folder);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    /// Shows as many segments as fit, nearest the open folder first; folds the rest into "…".
    void fold();

    QHBoxLayout *m_layout;
    QToolButton *m_overflow;
    QMenu *m_overflowMenu;
    QList<QToolButton *> m_segments;
    QList<QWidget *> m_separators; ///< m_separators[i] stands before m_segments[i + 1]
    QString m_path;
};

} // namespace stratus::gui
