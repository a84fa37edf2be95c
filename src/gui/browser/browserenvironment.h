#pragma once

#include "core/api/apicontext.h"
#include "core/config/cloudinaryurl.h"
#include "core/util/result.h"

#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::gui {

/// What the browser's parts that act on assets (details panel, actions, downloads, previews) need
/// of the environment they show, without depending on EnvironmentSession: the environment page
/// fills it from its session, tests fill it by hand against a stratus-sandbox.
///
/// Nothing in here is owned; the catalogue and the network outlive the browser. Every function
/// may be called at any time on the GUI thread.
struct BrowserEnvironment
{
    core::catalog::Catalog *catalog = nullptr;
    QNetworkAccessManager *network = nullptr;
    /// The API context to call the environment with (the keychain's secret, fetched per call, and
    /// the session's Admin API budget); an error when the environment cannot be called (logged
    /// out, no URL yet).
    std::function<core::Result<core::ApiContext>()> apiContext;
    /// The environment's URL without secret, for delivery URLs (copy URL, download, preview); an
    /// empty cloud name while the Local sandbox starts.
    std::function<core::CloudinaryUrl()> url;
    /// Empty while the environment answers; otherwise why it does not ("Offline: no network
    /// connection"). Edits are refused with this text while it is not empty; the catalogue and the
    /// cached thumbnails keep working.
    std::function<QString()> offlineReason;

    [[nodiscard]] bool isOnline() const { return !offlineReason || offlineReason().isEmpty(); }

    /// The API context to send changes with (core::assets::AssetService's ContextSource): refused
    /// while the environment does not answer or cannot be called.
    [[nodiscard]] core::Result<core::ApiContext> changeContext() const
    {
        if (!isOnline())
            return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::AssetsOffline);
        if (!apiContext)
            return core::Error::because(core::Error::Kind::Unavailable, core::ErrorReason::AssetsNotCallable);
        return apiContext();
    }
};

} // namespace stratus::gui
