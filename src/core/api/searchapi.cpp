#include "searchapi.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace stratus::core {

QJsonObject SearchQuery::toJson() const
{
    QJsonObject json;
    if (!expression.isEmpty())
        json.insert(u"expression"_s, expression);
    if (!sortBy.isEmpty()) {
        QJsonArray sort;
        for (const auto &[field, direction] : sortBy)
            sort.append(QJsonObject {{field, direction}});
        json.insert(u"sort_by"_s, sort);
    }
    if (maxResults >= 0)
        json.insert(u"max_results"_s, maxResults);
    if (!nextCursor.isEmpty())
        json.insert(u"next_cursor"_s, nextCursor);
    if (!withField.isEmpty())
        json.insert(u"with_field"_s, QJsonArray::fromStringList(withField));
    if (!fields.isEmpty())
        json.insert(u"fields"_s, QJsonArray::fromStringList(fields));
    if (!aggregate.isEmpty())
        json.insert(u"aggregate"_s, QJsonArray::fromStringList(aggregate));
    return json;
}

ApiCall<ResourcePage> *SearchApi::search(const SearchQuery &query, QObject *parent) const
{
    ApiRequest request {
        "POST", {u"resources"_s, u"search"_s}, query.toJson(), true, NetworkJob::Authentication::Basic};
    return new ApiCall<ResourcePage>(m_context, std::move(request), &ResourcePage::fromJson, parent);
}

} // namespace stratus::core
