#pragma once

#include "http/apirequest.h"
#include "http/apiresponse.h"
#include "sandbox/environmentconfig.h"

#include <QString>

#include <functional>

namespace stratus::sandbox {

class AssetStore;

/// The sandbox's stand-ins for the widgets that need no console session (issue 15, points 4 and 6):
/// the Media Editor (loader `/widgets/media-editor/all.js` and the editor page it frames, on the
/// widgets origin only), the Video Player (`/widgets/video-player/player.min.js` and `.css`) and the
/// Product Gallery (`/widgets/product-gallery/all.js`), which run in the host page as Cloudinary's do.
/// Static files from `resources/sandbox-widgets/`, with the origins they need written in; plus the
/// editor's look-up of a public asset (its format, size and version), which tells no more than its
/// delivery URL does. docs/sandbox-widgets.md has the JS APIs and the editor's message protocol.
/// Stateless; used on the sandbox's thread.
class StandInWidgetsService
{
public:
    struct Context
    {
        const AssetStore &store;
        const std::function<EnvironmentConfig *(const QString &)> &environment;
        QString widgetsOrigin; ///< "http://localhost:PORT": where the editor page lives
        QString apiBaseUrl; ///< "http://127.0.0.1:PORT": delivery URLs the editor page uses
        QString host; ///< the request's Host header (checked by the sandbox: one of its names)
    };

    /// True for the paths this service answers (/widgets/{media-editor,video-player,product-gallery}/…).
    [[nodiscard]] static bool handles(const ApiRequest &request);
    [[nodiscard]] static ApiResponse handle(const Context &ctx, const ApiRequest &request);

private:
    static ApiResponse editorPage(const Context &ctx);
    static ApiResponse editorAsset(const Context &ctx, const ApiRequest &request);
};

} // namespace stratus::sandbox
