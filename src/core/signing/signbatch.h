#pragma once

#include "core/util/result.h"
#include "signaturealgorithm.h"

#include <QByteArrayView>
#include <QJsonObject>

#include <optional>

namespace stratus::core {

/// One request of `stratus-cli sign --batch`: a line
/// `{"params": {…}, "algorithm": "sha1", "signature_version": 2}`, the last two optional (the
/// command line's or the configuration's choice applies when they are absent or null).
struct SignRequest
{
    QJsonObject params;
    std::optional<SignatureAlgorithm> algorithm;
    std::optional<SignatureVersion> version;

    /// Parses one line (UTF-8 JSON, without its '\n'). Errors are one line of text.
    [[nodiscard]] static Result<SignRequest> parseLine(QByteArrayView line);
};

/// Parses JSON text that must be an object (`sign --params`, the lines of `sign --batch`).
[[nodiscard]] Result<QJsonObject> parseJsonObject(QByteArrayView json);

} // namespace stratus::core
