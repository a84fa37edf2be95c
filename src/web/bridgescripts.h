#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace stratus::web::bridgescripts {

/// Each script acts only in a document whose `location.origin` is `hostOrigin`.
///
/// The relay, for the isolated world that holds the QWebChannel: qwebchannel.js, then a listener for
/// the main world's checked requests (only `methods`, only JSON text of at most `maxArgumentLength`),
/// which it hands to the channel's `bridge` object and whose answers it posts back.
[[nodiscard]] QString isolatedRelay(const QString &hostOrigin, const QStringList &methods,
                                    qsizetype maxArgumentLength);
/// The relay's second half, run at DocumentReady: connects the channel if the first half could not.
[[nodiscard]] QString isolatedConnect();
/// The main world's only way in: a frozen `window.stratusBridge.call(method, value)` that returns a
/// promise of the bridge's answer. It sees no channel, no transport and no C++ object.
[[nodiscard]] QString mainWorldShim(const QString &hostOrigin);
/// `location.origin` of a document at `url`: `scheme://host`, with `:port` when not the default.
[[nodiscard]] QString serialisedOrigin(const QUrl &url);

} // namespace stratus::web::bridgescripts
