#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace stratus::gui {

/// A slim message bar above a page's content (as KDE's KMessageWidget and browsers' info bars): an
/// icon, a line of text (links allowed), an optional button for what the message suggests, and a
/// close button. Closing it says dismissed(); whoever shows it remembers that and does not show it
/// again. Drawn in the palette's colours (a tint of the highlight), so it reads in light and dark
/// themes alike.
///
/// Owned by the page that shows it. GUI thread only.
class InfoBar : public QFrame
{
    Q_OBJECT

public:
    explicit InfoBar(QWidget *parent = nullptr);
    ~InfoBar() override;

    void setText(const QString &text);
    [[nodiscard]] QString text() const;
    /// The button for what the message suggests; hidden while @p text is empty.
    void setActionText(const QString &text);

    /// Whether the close button was used (until setDismissed(false)).
    [[nodiscard]] bool isDismissed() const { return m_dismissed; }
    void setDismissed(bool dismissed) { m_dismissed = dismissed; }

    [[nodiscard]] QPushButton *actionButton() const { return m_action; }
    [[nodiscard]] QToolButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void actionTriggered();
    /// The close button was used: the bar hid itself.
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    bool m_dismissed = false;
};

} // namespace stratus::gui
