#include "assetmimedata.h"

#include <QEventLoop>
#include <QTimer>

namespace stratus::gui {

using namespace Qt::StringLiterals;
using core::catalog::CatalogAsset;

QString AssetMimeData::assetIdsFormat()
{
    return u"application/x-stratus-asset-ids"_s;
}

QStringList AssetMimeData::assetIds(const QMimeData *data)
{
    if (!data || !data->hasFormat(assetIdsFormat()))
        return {};
    return QString::fromUtf8(data->data(assetIdsFormat())).split(u'\n', Qt::SkipEmptyParts);
}

AssetMimeData::AssetMimeData(const QList<CatalogAsset> &assets, const QList<QUrl> &deliveryUrls)
    : m_assets(assets)
    , m_deliveryUrls(deliveryUrls)
{
}

AssetMimeData::~AssetMimeData() = default;

void AssetMimeData::prefetch(const BrowserEnvironment &environment, const QString &directory)
{
    if (m_prefetch)
        return;
    m_prefetch = std::make_unique<core::transfers::DownloadQueue>(environment);
    m_prefetch->start(m_assets, directory);
}

QStringList AssetMimeData::formats() const
{
    return {assetIdsFormat(), u"text/uri-list"_s, u"text/plain"_s};
}

bool AssetMimeData::hasFormat(const QString &mimeType) const
{
    return formats().contains(mimeType);
}

QList<QUrl> AssetMimeData::uriList() const
{
    const core::transfers::DownloadQueue *prefetch = m_prefetch.get();
    if (prefetch && prefetch->isRunning()) {
        QEventLoop loop;
        connect(prefetch, &core::transfers::DownloadQueue::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(m_dropWaitMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    QList<QUrl> urls;
    for (qsizetype i = 0; i < m_assets.size(); ++i) {
        const QString file = prefetch ? prefetch->savedFiles().value(m_assets.at(i).assetId) : QString();
        if (!file.isEmpty())
            urls.append(QUrl::fromLocalFile(file));
        else if (!m_deliveryUrls.value(i).isEmpty())
            urls.append(m_deliveryUrls.at(i));
    }
    return urls;
}

QVariant AssetMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    if (mimeType == assetIdsFormat()) {
        QStringList ids;
        for (const CatalogAsset &asset : m_assets)
            ids.append(asset.assetId);
        return ids.join(u'\n').toUtf8();
    }
    if (mimeType == u"text/plain") {
        QStringList lines;
        for (const QUrl &url : m_deliveryUrls) {
            if (!url.isEmpty())
                lines.append(url.toString());
        }
        return lines.join(u'\n');
    }
    if (mimeType == u"text/uri-list") {
        QVariantList list;
        for (const QUrl &url : uriList())
            list.append(url);
        return list;
    }
    return QMimeData::retrieveData(mimeType, type);
}

} // namespace stratus::gui
