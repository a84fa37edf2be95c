#pragma once

#include "core/util/result.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <functional>
#include <optional>
#include <utility>

namespace stratus::sandbox::imaging {

/// One component of a delivery transformation (the text between two `/`): its `key_value`
/// parameters in URL order. Values are kept as they appear in the URL (a text overlay is still
/// percent-encoded); the transformer decodes what it needs.
using Step = QList<std::pair<QString, QString>>;

/// Looks up a named transformation (`t_<name>`) of the product environment being served and
/// returns its transformation string (`c_fill,w_100/e_sepia`), or nothing when there is none of
/// that name. Called on the transformer's thread, so it must be safe to call from a worker.
using NamedTransformationResolver = std::function<std::optional<QString>(const QString &name)>;

/// Splits the transformation part of a delivery URL (`c_fill,w_300/e_sepia`) into steps. A
/// parameter is `key_value` split at the first `_` (`$var_value` and `if_w_gt_200` included);
/// empty components and segments are skipped. Fails on a component without `_` or with an empty
/// key, with Cloudinary's "Invalid transformation component" message.
[[nodiscard]] core::Result<QList<Step>> parseTransformationPath(QStringView path);

/// Whether one `/`-separated segment of a delivery path is a transformation (every component a
/// `key_value` with a key Cloudinary knows) rather than a version (`v123`) or a folder of the
/// public id. The router needs this for URLs without a version.
[[nodiscard]] bool isTransformationSegment(QStringView segment);

/// Replaces every `t_<name>` (also `t_a.b`, several names chained) by the steps of the named
/// transformations, recursively, at most `maxDepth` levels deep (which also stops cycles). Other
/// parameters sharing a component with `t_` stay together as a step after the expansion.
[[nodiscard]] core::Result<QList<Step>> expandNamedTransformations(const QList<Step> &steps,
                                                                   const NamedTransformationResolver &resolve,
                                                                   int maxDepth = 8);

/// The steps written back as a URL transformation string (for logs and cache keys).
[[nodiscard]] QString toTransformationString(const QList<Step> &steps);

/// The value of the last `key` parameter of a step, or a null string.
[[nodiscard]] QString stepValue(const Step &step, QStringView key);

} // namespace stratus::sandbox::imaging
