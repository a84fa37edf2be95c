#pragma once

#include <QList>
#include <QWidget>

namespace stratus::gui {

/// A row of widgets that gives up room instead of widening the window: it asks for no width of its
/// own (minimumSizeHint() is zero wide), lays its widgets out left to right at their preferred widths
/// and hides, from the last one back, those that do not fit. For toolbar commands that are also in a
/// menu (Download…, Delete…): in a small window they make way for the pictures, never overlap.
class CollapsingBox : public QWidget
{
    Q_OBJECT

public:
    explicit CollapsingBox(QWidget *parent = nullptr);

    /// Adds @p widget at the end of the row (it becomes a child of the box).
    void addWidget(QWidget *widget);
    void setSpacing(int spacing);

    /// The widgets that fit and are shown now, in order.
    [[nodiscard]] QList<QWidget *> shownWidgets() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void place();

    QList<QWidget *> m_widgets;
    int m_spacing = 6;
};

} // namespace stratus::gui
