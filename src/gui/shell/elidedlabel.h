#pragma once

#include <QLabel>

namespace stratus::gui {

/// A one-line plain-text label that gives up width gracefully: when its layout has less room than
/// the text needs it shows the text elided ("Admin API: 495 of 5…"), whole in the tool tip, instead
/// of pushing its neighbours (or the window's minimum width) out. text() stays the whole text.
/// For the status bar's words, which must not make a small window wider than the screen.
class ElidedLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    ~ElidedLabel() override;

    /// Whether the text is shown elided now.
    [[nodiscard]] bool isElided() const;

    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
};

} // namespace stratus::gui
