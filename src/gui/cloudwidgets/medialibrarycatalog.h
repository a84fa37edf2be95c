#pragma once

#include "core/util/result.h"
#include "web/medialibrarybridge.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace stratus::core {
class EnvironmentSession;
} // namespace stratus::core

namespace stratus::gui {

/// Keeps the environment's catalogue in step with what happens inside the Media Library (issue 15,
/// point 1: both views agree): assets uploaded in the widget, or inserted but not yet in the
/// catalogue, are fetched through the Admin API (`GET resources/<rt>/<type>/<public_id>`, one call
/// each) and upserted; deleted ones are removed at once (found by asset id, or by public id,
/// resource type and type when the event gave no asset id). catalogChanged() then tells the
/// browser to read the catalogue again. Edits made inside the widget send no event: the view asks
/// for an incremental sync when the person leaves it.
///
/// GUI thread; the session must outlive it (it is a QPointer: a gone session makes it a no-op).
class MediaLibraryCatalog : public QObject
{
    Q_OBJECT

public:
    /// The asset ids the fetched assets have (in the order asked, the ones that could be had), or the
    /// first error met when none could be had.
    using Fetched = std::function<void(const core::Result<QStringList> &assetIds)>;

    explicit MediaLibraryCatalog(core::EnvironmentSession *session, QObject *parent = nullptr);

    /// Fetches `assets` through the Admin API and upserts them; `done` (may be empty) once all
    /// answered. Assets whose asset id the catalogue already has are fetched only when `refetch`.
    void fetch(const QList<web::MediaLibraryAssetRef> &assets, bool refetch, Fetched done = {});
    /// Removes `assets` from the catalogue; how many were there.
    int remove(const QList<web::MediaLibraryAssetRef> &assets);

    /// The asset id the catalogue has for `ref` (its own when it has one and the catalogue knows
    /// it; else found by public id, resource type and type); empty when unknown.
    [[nodiscard]] QString knownAssetId(const web::MediaLibraryAssetRef &ref) const;

Q_SIGNALS:
    /// Assets were upserted or removed: the browser reads the catalogue again.
    void catalogChanged();

private:
    QPointer<core::EnvironmentSession> m_session;
};

} // namespace stratus::gui
