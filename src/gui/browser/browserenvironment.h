#pragma once

#include "core/delivery/deliveryenvironment.h"

#include <QString>

#include <functional>

namespace stratus::core::catalog {
class Catalog;
}

namespace stratus::gui {

/// What the browser's parts that act on assets (details panel, actions, downloads, previews) need
/// of the environment they show, without depending on EnvironmentSession: the environment page
/// fills it from its session, tests fill it by hand against a stratus-sandbox.
///
/// The network, the API context (the keychain's secret, fetched per call, and the session's Admin
/// API budget) and the URL without secret (copy URL, download, preview) come from
/// core::DeliveryEnvironment, so downloads and signed URLs take a BrowserEnvironment as it is.
///
/// Nothing in here is owned; the catalogue and the network outlive the browser. Every function
/// may be called at any time on the GUI thread.
struct BrowserEnvironment : core::DeliveryEnvironment
{
    core::catalog::Catalog *catalog = nullptr;
    /// Empty while the environment answers; otherwise why it does not ("Offline: no network
    /// connection"). Edits are refused with this text while it is not empty; the catalogue and the
    /// cached thumbnails keep working.
    std::function<QString()> offlineReason;

    /// True for an environment signed in with Cloudinary (EnvironmentRecord::usesToken()): it has
    /// no API secret, so private and authenticated assets get no signed delivery URL (their
    /// thumbnails show a lock, their links are off, and the details panel says why). Unset: false.
    std::function<bool()> usesToken;

    [[nodiscard]] bool isOnline() const { return !offlineReason || offlineReason().isEmpty(); }
    [[nodiscard]] bool cannotSignUrls() const { return usesToken && usesToken(); }

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
