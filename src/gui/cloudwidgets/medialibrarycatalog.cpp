#include "medialibrarycatalog.h"

#include "core/api/adminapi.h"
#include "core/catalog/catalog.h"
#include "core/session/environmentsession.h"

#include <QLoggingCategory>

#include <memory>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_LOGGING_CATEGORY(lcMediaLibraryCatalog, "stratus.gui.medialibrary")

MediaLibraryCatalog::MediaLibraryCatalog(core::EnvironmentSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

QString MediaLibraryCatalog::knownAssetId(const web::MediaLibraryAssetRef &ref) const
{
    core::catalog::Catalog *catalog = m_session ? m_session->catalog() : nullptr;
    if (catalog == nullptr)
        return {};
    if (!ref.assetId.isEmpty()) {
        if (auto found = catalog->asset(ref.assetId); found && found.value())
            return ref.assetId;
    }
    // By public id: the catalogue's text search narrows, the exact comparison decides.
    core::catalog::CatalogQuery query;
    query.text = ref.publicId;
    query.resourceTypes = {ref.resourceType};
    auto page = catalog->search(query, core::catalog::CatalogSort::Name, Qt::AscendingOrder, 0, 200);
    if (!page)
        return {};
    for (const core::catalog::CatalogAsset &asset : page->assets) {
        if (asset.publicId == ref.publicId && asset.resourceType == ref.resourceType
            && asset.type == ref.type)
            return asset.assetId;
    }
    return {};
}

void MediaLibraryCatalog::fetch(const QList<web::MediaLibraryAssetRef> &assets, bool refetch, Fetched done)
{
    core::EnvironmentSession *session = m_session.data();
    core::catalog::Catalog *catalog = session != nullptr ? session->catalog() : nullptr;
    const auto context = session != nullptr ? session->apiContext()
                                            : core::Result<core::ApiContext>(core::Error::invalidInput({}));
    if (catalog == nullptr || !context) {
        if (done)
            done(context ? core::Error::invalidInput({}) : context.error());
        return;
    }
    struct Pending
    {
        QStringList ids; // per asset asked for, in order; empty where it could not be had
        int waiting = 0;
        bool upserted = false;
        std::optional<core::Error> firstError;
        Fetched done;
    };
    auto pending = std::make_shared<Pending>();
    pending->ids.resize(assets.size());
    pending->done = std::move(done);
    const auto finish = [this, pending] {
        if (pending->waiting > 0)
            return;
        if (pending->upserted)
            Q_EMIT catalogChanged();
        if (!pending->done)
            return;
        QStringList ids;
        for (const QString &id : std::as_const(pending->ids)) {
            if (!id.isEmpty())
                ids.append(id);
        }
        if (ids.isEmpty() && pending->firstError)
            pending->done(*pending->firstError);
        else
            pending->done(ids);
    };
    const core::AdminApi admin(context.value());
    for (qsizetype i = 0; i < assets.size(); ++i) {
        const web::MediaLibraryAssetRef &ref = assets.at(i);
        if (!refetch) {
            if (const QString known = knownAssetId(ref); !known.isEmpty()) {
                pending->ids[i] = known;
                continue;
            }
        }
        ++pending->waiting;
        auto *call = admin.resource({ref.publicId, ref.resourceType, ref.type}, {}, this);
        connect(call, &core::Job::finished, this, [this, call, pending, i, finish] {
            call->deleteLater();
            --pending->waiting;
            const auto &resource = call->result();
            core::catalog::Catalog *current = m_session ? m_session->catalog() : nullptr;
            if (!resource) {
                qCInfo(lcMediaLibraryCatalog) << "could not fetch an asset of the Media Library:"
                                              << core::errorReasonName(resource.error().reason);
                if (!pending->firstError)
                    pending->firstError = resource.error();
            } else if (current != nullptr) {
                if (auto stored = current->upsertResources({resource->raw}); stored) {
                    pending->ids[i] = resource->assetId;
                    pending->upserted = true;
                } else if (!pending->firstError) {
                    pending->firstError = stored.error();
                }
            }
            finish();
        });
        call->start();
    }
    finish();
}

int MediaLibraryCatalog::remove(const QList<web::MediaLibraryAssetRef> &assets)
{
    core::catalog::Catalog *catalog = m_session ? m_session->catalog() : nullptr;
    if (catalog == nullptr)
        return 0;
    QStringList ids;
    for (const web::MediaLibraryAssetRef &ref : assets) {
        if (const QString id = knownAssetId(ref); !id.isEmpty())
            ids.append(id);
    }
    if (ids.isEmpty())
        return 0;
    if (auto removed = catalog->remove(ids); !removed) {
        qCWarning(lcMediaLibraryCatalog) << "could not remove deleted assets from the catalogue:"
                                         << core::errorReasonName(removed.error().reason);
        return 0;
    }
    Q_EMIT catalogChanged();
    return int(ids.size());
}

} // namespace stratus::gui
