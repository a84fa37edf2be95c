#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace stratus::gui {

/// What the browser shows in place of an empty grid or list: why it is empty (an empty folder, a
/// search or filters that match nothing, a catalogue that cannot be read) in a title and a line, and
/// the buttons that get the assets back — Clear filters, Clear search, Search everywhere — each only
/// when it would help.
///
/// Owned by the browser page, which places it in the middle of the view in sight and follows its
/// signals. GUI thread only.
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    enum Offer {
        NoOffer = 0,
        OfferClearFilters = 1,
        OfferClearSearch = 2,
        OfferEverywhere = 4,
    };
    Q_DECLARE_FLAGS(Offers, Offer)

    explicit EmptyState(QWidget *parent = nullptr);
    ~EmptyState() override;

    /// Says @p title and @p text under the theme icon @p iconName, with the buttons @p offers.
    void setMessage(const QString &iconName, const QString &title, const QString &text, Offers offers);

    [[nodiscard]] QString title() const;
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPushButton *clearFiltersButton() const { return m_clearFilters; }
    [[nodiscard]] QPushButton *clearSearchButton() const { return m_clearSearch; }
    [[nodiscard]] QPushButton *everywhereButton() const { return m_everywhere; }

Q_SIGNALS:
    void clearFiltersRequested();
    void clearSearchRequested();
    void searchEverywhereRequested();

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_clearFilters;
    QPushButton *m_clearSearch;
    QPushButton *m_everywhere;
};

} // namespace stratus::gui

Q_DECLARE_OPERATORS_FOR_FLAGS(stratus::gui::EmptyState::Offers)
