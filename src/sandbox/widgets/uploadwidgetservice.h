#pragma once

#include "http/apirequest.h"
#include "http/apiresponse.h"

#include <QString>

namespace stratus::sandbox {

/// The sandbox's stand-in for Cloudinary's Upload widget (issue 15, point 6): the loader script
/// (`/widgets/upload-widget/all.js`, same JS API as upload-widget.cloudinary.com's, under any of
/// the sandbox's names) and the widget page it frames (`/widgets/upload-widget/frame/index.html`,
/// with its script and style sheet beside it), served on the widgets origin `http://localhost:PORT`
/// only. They speak the loader↔iframe protocol of shared/reference/widget-protocols.md ("Upload
/// widget"); the page uploads straight to the sandbox's Upload API on the clients' host
/// (`http://127.0.0.1:PORT/v1_1/<cloud>/<resource_type>/upload`, which answers cross-origin calls as
/// Cloudinary's does), with the signatures the host page gives it. Static files: the service keeps
/// no state and never sees a secret. docs/sandbox-widgets.md, "Upload widget".
class UploadWidgetService
{
public:
    struct Context
    {
        QString widgetsOrigin; ///< "http://localhost:PORT": where the widget page lives
        QString apiBaseUrl; ///< "http://127.0.0.1:PORT": where the page uploads
        QString host; ///< the request's Host header
    };

    /// True for the paths this service answers (/widgets/upload-widget/…).
    [[nodiscard]] static bool handles(const ApiRequest &request);
    [[nodiscard]] static ApiResponse handle(const Context &ctx, const ApiRequest &request);
};

} // namespace stratus::sandbox
