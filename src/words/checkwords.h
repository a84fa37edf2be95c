#pragma once

#include "core/accounts/environmentcheck.h"
#include "core/util/result.h"

#include <QCoreApplication>
#include <QString>

namespace stratus::words {

/// What a connection test was about, for its words: the cloud, the API's host and the proxy the
/// request went through (empty when unknown or direct).
struct CheckFacts
{
    QString cloudName;
    QString host;
    QString proxy;
};

/// The one home of the words for what a connection test found (core::CheckProblem), for the
/// accounts dialogs (translated) and `stratus-cli env add` (English). The app says what went wrong
/// and what to do about it in a paragraph; stratus-cli says it in one lower-case line that names the
/// host, as its other failures do. Both quote the server's or the system's words when there are
/// any, else ErrorWords'. Plain text: escape before putting it in rich text.
class CheckWords
{
    Q_DECLARE_TR_FUNCTIONS(stratus::words::CheckWords)

public:
    /// The problem the words are about: core::classifyProblem(), and Proxy when the request went
    /// through a proxy (facts.proxy) and did not get through.
    [[nodiscard]] static core::CheckProblem problem(const core::Error &error, const CheckFacts &facts);
    /// The app's paragraph: what went wrong, and what to do about it.
    [[nodiscard]] static QString advice(const core::Error &error, const CheckFacts &facts);
    /// stratus-cli's line. nullopt for a keychain problem or a refused plain-http address, which the
    /// CLI words as it words them everywhere.
    [[nodiscard]] static std::optional<QString> line(const core::Error &error, const CheckFacts &facts);
};

} // namespace stratus::words
