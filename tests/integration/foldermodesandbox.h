#pragma once

// What the tests of asset operations start from (tst_assetservice, tst_browseractions): a
// stratus-sandbox with two environments, the first in fixed and the second in dynamic folder mode,
// and a catalogue of each synced from it over a network that counts what goes out.

#include "sandboxprocess.h"

#include "core/catalog/catalog.h"
#include "core/catalog/catalogsync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace stratus::test {

/// Counts the API calls that go out, so that a test can tell that nothing was sent. Thumbnails
/// (delivery URLs) go out when their job runs, a turn of the event loop after they were asked for,
/// and are not what these checks count.
class CountingNetwork : public QNetworkAccessManager
{
public:
    CountingNetwork() { setProxy(QNetworkProxy::NoProxy); }
    int requests = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        if (request.url().path().startsWith(QStringLiteral("/v1_1/")))
            ++requests;
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

/// The `env` column of a test run once per folder mode: 0 fixed, 1 dynamic.
inline void bothModes()
{
    QTest::addColumn<int>("env");
    QTest::newRow("fixed") << 0;
    QTest::newRow("dynamic") << 1;
}

class FolderModeSandbox
{
public:
    struct Env
    {
        core::CloudinaryUrl url;
        core::ApiContext context; ///< over `network`
        std::unique_ptr<core::catalog::Catalog> catalog;
        core::FolderMode mode = core::FolderMode::Unknown;
    };

    /// Starts the sandbox with @p seed assets in each environment and syncs both catalogues; false
    /// with *error when that fails.
    bool start(int seed, QString *error)
    {
        if (!sandbox.start(
                {QStringLiteral("--seed"), QString::number(seed), QStringLiteral("--environment"),
                 QStringLiteral("cloudinary://111:fixedsecret@fixedcloud?folder_mode=fixed"),
                 QStringLiteral("--environment"),
                 QStringLiteral("cloudinary://222:dynamicsecret@dynamiccloud?folder_mode=dynamic")},
                2, false, error))
            return false;
        for (int index = 0; index < 2; ++index) {
            Env &e = envs[index];
            e.url = core::CloudinaryUrl::parse(sandbox.cloudinaryUrls().at(index)).value();
            e.context = sandbox.context(index);
            e.context.network = &network;
            auto opened
                = core::catalog::Catalog::open(dir.filePath(QStringLiteral("catalog-%1.sqlite").arg(index)));
            if (!opened) {
                *error = opened.error().message;
                return false;
            }
            e.catalog = std::move(opened).value();
            core::catalog::CatalogSync sync(e.catalog.get(), e.context);
            if (!runToEnd(&sync) || sync.error()) {
                *error = QString::fromUtf8(errorText(&sync));
                return false;
            }
            e.mode = e.catalog->folderMode();
        }
        return envs[0].mode == core::FolderMode::Fixed && envs[1].mode == core::FolderMode::Dynamic;
    }

    /// The Admin API's view of one asset (at @p publicId when given): the resource, or nothing when
    /// it is gone.
    std::optional<QJsonObject> resource(int env, const core::catalog::CatalogAsset &asset,
                                        const QString &publicId = {})
    {
        const SandboxProcess::RawAnswer answer
            = get(env,
                  QStringLiteral("resources/%1/%2/%3")
                      .arg(asset.resourceType, asset.type, publicId.isEmpty() ? asset.publicId : publicId));
        if (answer.status == 404)
            return std::nullopt;
        return QJsonDocument::fromJson(answer.body).object();
    }

    /// The folders the Admin API lists below @p parent (the root when empty).
    QStringList folders(int env, const QString &parent = {})
    {
        const SandboxProcess::RawAnswer answer
            = get(env, parent.isEmpty() ? QStringLiteral("folders") : QStringLiteral("folders/") + parent);
        QStringList paths;
        for (const QJsonValue &folder :
             QJsonDocument::fromJson(answer.body)[QStringLiteral("folders")].toArray())
            paths.append(folder[QStringLiteral("path")].toString());
        return paths;
    }

    SandboxProcess sandbox;
    QTemporaryDir dir;
    CountingNetwork network;
    Env envs[2];

private:
    SandboxProcess::RawAnswer get(int env, const QString &path)
    {
        const core::CloudinaryUrl &url = envs[env].url;
        const QByteArray auth = "Basic " + (url.apiKey() + u':' + url.apiSecret()).toUtf8().toBase64();
        return sandbox.raw("GET", QStringLiteral("/v1_1/%1/%2").arg(url.cloudName(), path),
                           {{"Authorization", auth}});
    }
};

} // namespace stratus::test
