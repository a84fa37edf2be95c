#pragma once

#include "core/util/result.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace stratus::words {

/// What a person can do about an error: the button the GUI offers next to the words.
enum class Remedy {
    None,
    Retry, ///< try the same thing again (network, server, rate limit, a busy file)
    ReenterSecret, ///< the API secret was refused: open the environment's credentials
    SignInAgain, ///< an OAuth sign-in expired or was revoked
    OpenSettings, ///< something in Settings (proxy, network) must change
};

/// The one place where a core::Error becomes words (issue 12, point 3). The app shows them
/// translated; stratus-cli prints them in English. The wording of each area's reasons sits in
/// errorwords_<area>.cpp; what no reason covers is worded from the kind and the outside words.
class ErrorWords
{
    Q_DECLARE_TR_FUNCTIONS(stratus::words::ErrorWords)

public:
    /// One or two sentences, plain text (no markup; escape before putting them in rich text).
    [[nodiscard]] static QString text(const core::Error &error);
    [[nodiscard]] static Remedy remedy(const core::Error &error);
    /// The label of the remedy's button ("Retry", "Open Settings…"); empty for Remedy::None.
    [[nodiscard]] static QString remedyLabel(Remedy remedy);

private:
    // Each area words its own reasons; nullopt for a reason not of its area.
    static std::optional<QString> accountsText(const core::Error &error);
    static std::optional<QString> catalogText(const core::Error &error);
    static std::optional<QString> networkText(const core::Error &error);
    static std::optional<QString> transfersText(const core::Error &error);
    static std::optional<QString> assetsText(const core::Error &error);
    static std::optional<QString> deliveryText(const core::Error &error);
    static std::optional<QString> searchText(const core::Error &error);
    // Words from the kind alone, for ErrorReason::None.
    static QString kindText(const core::Error &error);
};

} // namespace stratus::words
