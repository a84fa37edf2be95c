#pragma once

#include "browserenvironment.h"

#include "core/transfers/downloadqueue.h"

#include "core/catalog/catalogasset.h"

#include <QMimeData>
#include <QUrl>

#include <memory>

namespace stratus::gui {

/// What a drag of assets out of the browser carries:
/// - `application/x-stratus-asset-ids`: the asset ids, one a line, for drops inside Stratus (the
///   folder tree moves them);
/// - `text/plain`: the delivery URLs of the originals, one a line (editors, chats, browsers);
/// - `text/uri-list`: for file managers, the files themselves when they could be had, else the
///   delivery URLs.
///
/// Why files this way: Qt has no portable delayed file rendering (XDND on X11 hands over a URI list,
/// not a promise of a file), so a file manager can only be given files that exist. For a small
/// selection prefetch() starts downloading the originals into a temporary folder the moment the
/// drag starts; the drop usually comes later than the download ends, and if it does not,
/// retrieveData() waits for the download (a nested event loop, bounded) before it answers with
/// `file://` URLs. A large selection would make the drop hang, so it gets the delivery URLs (which
/// Dolphin and Nautilus download themselves); Download… is the way for it. The temporary files stay
/// until the browser closes, since a file manager copies after the drop.
///
/// GUI thread; owned by the QDrag (or whoever asked the model for it).
class AssetMimeData : public QMimeData
{
    Q_OBJECT

public:
    [[nodiscard]] static QString assetIdsFormat();
    /// The asset ids a drag from the browser carries, or nothing.
    [[nodiscard]] static QStringList assetIds(const QMimeData *data);

    AssetMimeData(const QList<core::catalog::CatalogAsset> &assets, const QList<QUrl> &deliveryUrls);
    ~AssetMimeData() override;

    /// Starts downloading the originals into @p directory for a drop on a file manager.
    void prefetch(const BrowserEnvironment &environment, const QString &directory);
    [[nodiscard]] core::transfers::DownloadQueue *prefetchQueue() const { return m_prefetch.get(); }
    /// How long retrieveData() waits for a prefetch still running.
    void setDropWait(int milliseconds) { m_dropWaitMs = milliseconds; }

    [[nodiscard]] QStringList formats() const override;
    [[nodiscard]] bool hasFormat(const QString &mimeType) const override;

protected:
    [[nodiscard]] QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    [[nodiscard]] QList<QUrl> uriList() const;

    QList<core::catalog::CatalogAsset> m_assets;
    QList<QUrl> m_deliveryUrls; ///< per asset; empty where there is none without signing
    std::unique_ptr<core::transfers::DownloadQueue> m_prefetch;
    int m_dropWaitMs = 20000;
};

} // namespace stratus::gui
