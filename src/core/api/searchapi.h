#pragma once

#include "apicall.h"
#include "apicontext.h"
#include "resource.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace stratus::core {

/// A Search API query (reference §e "Search API"). Empty fields are not sent, so the server's
/// defaults apply (sort by created_at desc, 50 results).
struct SearchQuery
{
    QString expression;
    /// Sort keys in order, each a field and "asc" or "desc".
    QList<std::pair<QString, QString>> sortBy;
    int maxResults = -1; ///< -1: the server's default; 0: only the count and aggregations
    QString nextCursor;
    QStringList withField; ///< e.g. "tags", "context", "metadata"
    QStringList fields; ///< overrides withField: only these fields (+ the always-returned ones)
    QStringList aggregate; ///< e.g. "format", "resource_type"

    /// The JSON body, exactly as sent.
    [[nodiscard]] QJsonObject toJson() const;
};

/// The Search API of one product environment: `POST resources/search` with a JSON body, Basic
/// auth, counted against the hourly budget like the Admin API. Jobs as AdminApi's: owned by
/// `parent`, not started. Cheap to copy.
class SearchApi
{
public:
    explicit SearchApi(ApiContext context)
        : m_context(std::move(context))
    {
    }

    [[nodiscard]] ApiCall<ResourcePage> *search(const SearchQuery &query, QObject *parent) const;

private:
    ApiContext m_context;
};

} // namespace stratus::core
