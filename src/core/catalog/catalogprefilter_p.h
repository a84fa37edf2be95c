#pragma once

// The SQL prefilter of Catalog::find: not part of the API.

#include "catalogsql_p.h"

#include "core/search/searchexpression.h"

#include <optional>

namespace stratus::core::catalog::sql {

/// A WHERE condition over `assets` that every asset matching @p root satisfies — a *superset* of
/// the matches, never fewer — so that Catalog::find reads and evaluates only the candidates instead
/// of every row. The exact evaluator still decides; this only has to be cheap and never exclude a
/// match. nullopt when nothing useful can be said (the whole catalogue is the candidate set).
///
/// What narrows: keyword fields (asset_id, resource_type, type, format), folders, numbers, created_at
/// and uploaded_at exactly; text, tags, context, metadata and free text through the FTS index when
/// every token of the literal is ASCII (the FTS tokenizer and core's tokenizer agree on ASCII
/// letters and digits; beyond ASCII their folding may differ, so such terms do not narrow). AND
/// narrows by any child, OR only when every child narrows, NOT never. @p nowMSecs resolves relative
/// dates as the evaluator does.
[[nodiscard]] std::optional<Condition> prefilter(const search::Node *root, qint64 nowMSecs);

} // namespace stratus::core::catalog::sql
