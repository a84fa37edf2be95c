#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace stratus::core {

/// The User-Agent Stratus sends on every Cloudinary request, in the partner format Cloudinary asks
/// integrations to use (API reference §h): the product token first, the platform in parentheses,
/// then the token of the layer that talks HTTP:
///
///     CloudinaryStratus/0.1.0 (Qt 6.4.2) StratusCore/0.1.0
///
/// The versions come from project(VERSION) in CMake; the Qt version is the one running (qVersion()),
/// not the one built against. Keep the token names stable across releases.
namespace UserAgent {

/// The header value for this build and the running Qt.
[[nodiscard]] QByteArray value();

/// The same shape for any version pair; value() is format(STRATUS_VERSION_STRING, qVersion()).
[[nodiscard]] QByteArray format(QStringView stratusVersion, QStringView qtVersion);

} // namespace UserAgent

} // namespace stratus::core
