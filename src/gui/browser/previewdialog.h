#pragma once

#include "browserenvironment.h"

#include "core/catalog/catalogasset.h"

#include <QDialog>
#include <QImage>
#include <QPointer>
#include <QStringList>

#include <optional>

class QLabel;

namespace stratus::gui {

class ThumbnailLoader;

/// The Space preview: one asset of a list shown large, as big as fits in about 80% of the screen
/// (a delivery URL of that size times the device pixel ratio, never enlarged), with its name, size
/// and position in the list. Videos show their poster frame and duration, raw files an icon and
/// their name. Left and Right (and Home/End) go through the list; Space or Esc closes.
///
/// Made by the browser for the selected (or all visible) assets; reads them from `env.catalog`,
/// which must outlive the dialog, and loads pictures through @p loader (null: one of its own, with
/// no disk cache; as for DetailsPanel, not the grid's loader, which cancels other requests).
/// Deletes nothing; the caller owns it (e.g. WA_DeleteOnClose + open()). GUI thread only.
class PreviewDialog : public QDialog
{
    Q_OBJECT

public:
    PreviewDialog(const BrowserEnvironment &env, ThumbnailLoader *loader, QStringList assetIds, int current,
                  QWidget *parent = nullptr);
    ~PreviewDialog() override;

    [[nodiscard]] int currentIndex() const { return m_current; }
    [[nodiscard]] QString currentAssetId() const { return m_assetIds.value(m_current); }
    /// Shows the asset at @p index of the list (clamped).
    void setCurrentIndex(int index);

    /// The picture shown for the current asset as it arrived (null while it loads, for raw files
    /// and when it failed), and the device pixels it was asked for.
    [[nodiscard]] QImage picture() const { return m_picture; }
    [[nodiscard]] QSize requestedPixels() const { return m_requested; }

Q_SIGNALS:
    /// Another asset of the list is shown (so the browser can follow with its selection).
    void currentChanged(const QString &assetId);
    /// The current asset's picture arrived and is shown.
    void pictureShown(const QString &assetId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showCurrent();
    void requestPicture();
    void paintPicture();
    [[nodiscard]] QSize pictureArea() const;

    BrowserEnvironment m_env;
    QPointer<ThumbnailLoader> m_loader;
    QStringList m_assetIds;
    int m_current = -1;
    std::optional<core::catalog::CatalogAsset> m_asset;
    QString m_key;
    QSize m_requested;
    QImage m_picture;
    QLabel *m_image;
    QLabel *m_name;
    QLabel *m_info;
    QLabel *m_position;
};

} // namespace stratus::gui
