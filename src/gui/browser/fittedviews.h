#pragma once

#include <QListWidget>
#include <QTableWidget>

namespace stratus::gui {

/// A list that is as tall as its items and never scrolls: for a few wrapping chips (the details
/// panel's tags) inside a page that scrolls as a whole, so that the page has one scroll bar, not one
/// per list. Its size hint follows the laid-out items, also after a resize rewraps them.
/// GUI thread only; made by the details panel's form.
class FittedListWidget : public QListWidget
{
    Q_OBJECT

public:
    explicit FittedListWidget(QWidget *parent = nullptr);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void updateGeometries() override;

private:
    [[nodiscard]] int fittedHeight() const;

    int m_hintHeight = -1;
};

/// A table that is as tall as its rows and never scrolls vertically, for the same reason as
/// FittedListWidget (the details panel's other context entries). GUI thread only.
class FittedTableWidget : public QTableWidget
{
    Q_OBJECT

public:
    explicit FittedTableWidget(QWidget *parent = nullptr);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void updateGeometries() override;

private:
    [[nodiscard]] int fittedHeight() const;

    int m_hintHeight = -1;
};

} // namespace stratus::gui
