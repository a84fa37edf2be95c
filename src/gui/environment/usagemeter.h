#pragma once

#include <QWidget>

class QLabel;

namespace stratus::gui {

/// One line of the Overview's usage: what is measured, how much of the limit is used in words
/// ("12.4 GB of 25 GB"), and a bar. At kNearLimitPercent or more the bar and a "Near the limit"
/// note with a warning icon stand out, in a warning colour derived from the palette (so that a dark
/// theme keeps it legible), never by colour alone.
///
/// A plain widget owned by its parent; the Overview makes one per metric at each refresh. GUI thread.
class UsageMeter : public QWidget
{
    Q_OBJECT

public:
    static constexpr double kNearLimitPercent = 80;

    /// @p percent of the limit used (clamped to 0…100 for the bar; the words say the real value).
    UsageMeter(const QString &name, const QString &amount, double percent, QWidget *parent = nullptr);

    [[nodiscard]] QString name() const { return m_name; }
    [[nodiscard]] QString amount() const;
    [[nodiscard]] double percent() const { return m_percent; }
    [[nodiscard]] bool isNearLimit() const { return m_percent >= kNearLimitPercent; }

    /// The warning colour for @p palette: an amber as dark as the text is on a light window, as light
    /// on a dark one.
    [[nodiscard]] static QColor warningColor(const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;

private:
    class Bar;
    void applyColors();

    QString m_name;
    double m_percent;
    QLabel *m_amount;
    QLabel *m_note;
    QLabel *m_noteIcon;
    Bar *m_bar;
};

} // namespace stratus::gui
