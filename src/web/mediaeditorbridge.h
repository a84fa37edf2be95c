#pragma once

#include "widgetbridge.h"

#include <QUrl>

#include <optional>

namespace stratus::web {

/// What the Media Editor exported: the transformation the person made and the derived asset's URL.
struct MediaEditorExport
{
    QString transformation; ///< e.g. "c_crop,h_400,w_600,x_10,y_20/f_webp"
    QUrl url; ///< the delivery URL with the transformation
    QUrl downloadUrl; ///< the same as an attachment (may be empty)
};

/// The Media Editor's one C++ object (issue 15, point 3). Its host page calls:
///
/// - `export` with the editor's export payload `{transformation, assets: [{url, downloadUrl, …}]}`:
///   the transformation must be text of at most 4,000 characters without control characters, the
///   first asset's `url` (and `downloadUrl`, when there) an http(s) URL; exported() fires;
/// - `close`: the editor was closed (closeRequested()).
///
/// Owned by the Media Editor's window. GUI thread.
class MediaEditorBridge : public WidgetBridge
{
    Q_OBJECT

public:
    static constexpr qsizetype maxTransformationLength = 4000;

    explicit MediaEditorBridge(QObject *parent = nullptr);

    [[nodiscard]] QStringList methods() const override;

    /// Checks an export payload; std::nullopt when it is not one.
    [[nodiscard]] static std::optional<MediaEditorExport> parseExport(const QJsonValue &payload);

Q_SIGNALS:
    void exported(const stratus::web::MediaEditorExport &result);
    void closeRequested();

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override;
};

} // namespace stratus::web
