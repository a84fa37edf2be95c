#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace stratus::sandbox {

/// Cloudinary's structured metadata rules on the sandbox's side: what a field definition may say
/// (metadata_fields create/update) and what values an asset may carry (`metadata` of upload,
/// explicit, Admin update and the Upload API's metadata action). Pure functions over the JSON the
/// Admin API speaks; errors are the messages of a 400 answer.
namespace metadatarules {

/// The field types Cloudinary knows.
[[nodiscard]] bool isKnownType(const QString &type);

/// Checks and completes a field definition from a create call (external_id generated when absent,
/// datasource values given ids and the active state, mandatory defaulting to false). `existing`
/// holds the environment's other fields (an external id must be new). nullopt with *error on refusal.
[[nodiscard]] std::optional<QJsonObject> createdField(const QJsonObject &given, const QJsonArray &existing,
                                                      QString *error);

/// `field` changed by an update call (label, mandatory, default_value, validation, datasource; the
/// type and external id stay); nullopt with *error on refusal.
[[nodiscard]] std::optional<QJsonObject> updatedField(const QJsonObject &field, const QJsonObject &given,
                                                      QString *error);

/// The `metadata` parameter: the SDKs' string form `k=v|k2=["a","b"]` (with `\=` and `\|`
/// escapes), or a JSON object. nullopt with *error when a value cannot be read.
[[nodiscard]] std::optional<QJsonObject> parseParam(const QString &text, QString *error);

/// Checks values against the fields and returns them in the form they are stored in (integers as
/// numbers, sets as arrays of datasource external ids, dates as yyyy-mm-dd; null for an empty value,
/// which removes the field's value). With `clearInvalid`, an invalid value becomes null instead
/// of refusing the call.
[[nodiscard]] std::optional<QJsonObject> checkedValues(const QJsonArray &fields, const QJsonObject &given,
                                                       bool clearInvalid, QString *error);

/// Merges checked values into an asset's metadata (null removes).
void merge(QJsonObject &metadata, const QJsonObject &checked);

/// A new asset's metadata: the checked values, then the default of every field left without a
/// value; nullopt with *error when a mandatory field has neither.
[[nodiscard]] std::optional<QJsonObject> withDefaults(const QJsonArray &fields, QJsonObject metadata,
                                                      QString *error);

/// The field with `externalId` in `fields`, or -1.
[[nodiscard]] qsizetype indexOf(const QJsonArray &fields, const QString &externalId);

} // namespace metadatarules

} // namespace stratus::sandbox
