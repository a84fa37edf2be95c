#pragma once

#include "searchfield.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace stratus::core::search {

/// One asset as the search evaluator sees it. Expressions, sorting and aggregation read assets only
/// through this interface, so stratus-sandbox (its asset store), the catalogue (SQLite rows) and tests
/// each adapt their own storage instead of converting to a common type.
///
/// Implementations return values they already hold: returning a member QString or QStringList only
/// bumps a reference count, which is what keeps a query over 100,000 assets well under a second.
/// Calls come from whichever thread evaluates; an implementation must be safe to read concurrently
/// if the caller evaluates in parallel.
///
/// Folder modes: the record decides what `folder` and `asset_folder` hold, and both folder modes use
/// the same expressions. Recommended mapping (what SearchRecordData::fromResourceJson does):
/// fixed mode — `folder` is the public id's path and `asset_folder` the same path; dynamic mode —
/// `asset_folder` is the asset folder and `folder` the same value (the legacy field as an alias).
/// The root folder is the empty string.
class SearchRecord
{
public:
    virtual ~SearchRecord();

    /// The value of a Text, Keyword or Path field (public_id, asset_id, filename, display_name, folder,
    /// asset_folder, resource_type, type, format). A null or empty string means "no value".
    [[nodiscard]] virtual QString text(Field field) const = 0;

    /// The value of a Number field (bytes, width, height, duration, aspect_ratio, pixels), or nullopt.
    [[nodiscard]] virtual std::optional<double> number(Field field) const = 0;

    /// The value of a Date field (uploaded_at, created_at, updated_at), or an invalid QDateTime.
    /// Return UTC times: converting a local time costs a time-zone lookup per call.
    [[nodiscard]] virtual QDateTime dateTime(Field field) const = 0;

    [[nodiscard]] virtual QStringList tags() const = 0;

    /// The custom context value for @p key (case-sensitive), or a null string.
    [[nodiscard]] virtual QString contextValue(QStringView key) const = 0;
    /// Every custom context value, for terms without a field name.
    [[nodiscard]] virtual QStringList contextValues() const = 0;

    /// The structured metadata values for the field with external id @p key: one for a text, number
    /// or date field (numbers as JSON writes them, dates as ISO 8601), several for a set field, none
    /// when the asset has no value.
    [[nodiscard]] virtual QStringList metadataValues(QStringView key) const = 0;

protected:
    SearchRecord() = default;
    SearchRecord(const SearchRecord &) = default;
    SearchRecord &operator=(const SearchRecord &) = default;
};

} // namespace stratus::core::search
