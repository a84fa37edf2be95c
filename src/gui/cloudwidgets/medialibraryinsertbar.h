#pragma once

#include "web/medialibrarybridge.h"

#include <QFrame>
#include <QPoint>

#include <functional>

class QHBoxLayout;
class QLabel;
class QMimeData;
class QPushButton;

namespace stratus::gui {

/// "Use in Stratus" (issue 15, point 1): the bar above the Media Library that holds what the person
/// last inserted with the widget's "Use in Stratus" button — the assets as chips, their count — and
/// what Stratus does with them: Copy URLs (the derived URL when a transformation was chosen,
/// `derived[].secure_url`, else the original's), Show in Browser, Download…, and a drag of the chips
/// out of the window (the browser's drag data, from the mime-data factory). × puts the bar away.
///
/// Owned by the Media Library view; GUI thread. Hidden while it holds nothing.
class MediaLibraryInsertBar : public QFrame
{
    Q_OBJECT

public:
    /// Makes the drag data of the assets held (null: no drag).
    using MimeFactory = std::function<QMimeData *(const QList<web::MediaLibraryAsset> &assets)>;

    explicit MediaLibraryInsertBar(QWidget *parent = nullptr);

    void setAssets(const QList<web::MediaLibraryAsset> &assets);
    [[nodiscard]] const QList<web::MediaLibraryAsset> &assets() const { return m_assets; }
    void clear();
    void setMimeFactory(MimeFactory factory) { m_mimeFactory = std::move(factory); }

    /// The URLs Copy URLs puts on the clipboard, one per asset, in the order chosen.
    [[nodiscard]] QStringList urls() const;
    /// Puts urls() on the clipboard, one a line.
    void copyUrls();

    [[nodiscard]] QPushButton *copyButton() const { return m_copy; }
    [[nodiscard]] QPushButton *showButton() const { return m_show; }
    [[nodiscard]] QPushButton *downloadButton() const { return m_download; }
    /// The words above the chips ("2 assets from the Media Library").
    [[nodiscard]] QString summary() const;

Q_SIGNALS:
    void showInBrowserRequested();
    void downloadRequested();
    /// A line for the status bar (what was copied).
    void statusMessage(const QString &text);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QLabel *m_summary = nullptr;
    QWidget *m_chips = nullptr;
    QHBoxLayout *m_chipLayout = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_show = nullptr;
    QPushButton *m_download = nullptr;
    QList<web::MediaLibraryAsset> m_assets;
    MimeFactory m_mimeFactory;
    QPoint m_pressAt;
    bool m_pressed = false;
};

} // namespace stratus::gui
