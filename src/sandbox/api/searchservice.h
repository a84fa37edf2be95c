#pragma once

#include "apicontext.h"

namespace stratus::sandbox {

/// The Search API (POST resources/search with a JSON body, or GET with query parameters):
/// expression, sort_by, max_results (≤ 500), next_cursor, with_field, fields and aggregate,
/// evaluated with core's search expression engine — the same one the app's catalogue uses.
class SearchService
{
public:
    [[nodiscard]] static ApiResponse handle(const ApiContext &ctx, const ApiRequest &request);
};

} // namespace stratus::sandbox
