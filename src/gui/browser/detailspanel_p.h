#pragma once

// What the parts of DetailsPanel (detailspanel.cpp, detailspanelediting.cpp) share; not an API.

#include "browserenvironment.h"
#include "detailspanel.h"

#include "core/api/adminapi.h"
#include "core/api/apicontext.h"
#include "core/util/result.h"

#include <QJsonObject>
#include <QMap>

namespace stratus::gui {

/// The height of the preview, in logical pixels.
constexpr int kPreviewHeight = 200;

/// A field without a value.
[[nodiscard]] inline QString noValue()
{
    return QStringLiteral("—");
}

/// The role of a tag chip's item that holds the tag (its text may say more: "beach (3/12)").
constexpr int kTagRole = Qt::UserRole;
/// The context keys the panel edits in their own fields.
[[nodiscard]] inline QString altKey()
{
    return QStringLiteral("alt");
}
[[nodiscard]] inline QString captionKey()
{
    return QStringLiteral("caption");
}

/// A resource's context as key → text.
[[nodiscard]] QMap<QString, QString> contextMap(const QJsonObject &context);

/// The API context of @p env, or an Auth error worded for the details panel.
[[nodiscard]] core::Result<core::ApiContext> apiContextOf(const BrowserEnvironment &env);

/// A bulk apply of DetailsPanel: the update of each asset that changes, sent a few at a time.
struct DetailsPanel::BulkRun
{
    struct Item
    {
        core::catalog::CatalogAsset asset;
        core::ResourceUpdate update;
    };
    QList<Item> items;
    BulkEdits edits; ///< kept to try again when some fail
    QString key; ///< selectionKey() of the selection it was started from
    qsizetype next = 0;
    int running = 0;
    int done = 0;
    QStringList saved;
    QStringList failed;
    QStringList problems; ///< "name: why", one line per failure
};

} // namespace stratus::gui
