#pragma once

#include "appsettings.h"

#include "core/auth/oauthconfig.h"
#include "core/util/result.h"

#include <QObject>

#include <memory>

class QSettings;

namespace stratus::gui {

/// The application's preferences as a live service: the one object that reads and writes the
/// settings file, and says what changed so that it applies at once (style habits 8 and 9). The
/// typed values, their keys, defaults, bounds and format version are AppSettings'; this object
/// holds the current ones, writes new ones and signals each concern that changed:
///
/// - proxyChanged: the proxy mode, or the manual proxy while it is the one in use
///   (followProxySettings applies it to the whole application);
/// - parallelTransfersChanged: the main window hands it to every environment's upload queue;
/// - thumbnailCacheSizeChanged: every environment page resizes (and trims) its thumbnail cache;
/// - themeChanged: the ThemeController applies the light or dark palette;
/// - transfersPinnedChanged: the transfers dock's pin follows;
/// - dismissedInfoBarsChanged: closed welcome bars may show again.
///
/// One signal per concern rather than one per key or one for everything: a proxy is five values
/// that only mean something together, and each listener applies exactly one concern, some of them
/// at a cost (trimming a cache deletes files), so none should run because something else changed.
/// The language has no signal: translators are installed at start-up, so it applies after a restart.
///
/// Built once by the composition root (src/app) over the settings file and handed by constructor
/// to whoever reads a setting; tests build one over a file in a temporary directory. Nothing else
/// opens the settings file or a default QSettings (tst_settingsfiles checks the sources). GUI
/// thread; signals are emitted from setValues(), after the file was written.
class Preferences : public QObject
{
    Q_OBJECT

public:
    /// Over the settings file at `fileName` (INI; the app's is StorageLayout::preferencesFile()),
    /// read now; a missing file reads as the defaults and is created by the first setValues().
    explicit Preferences(const QString &fileName, QObject *parent = nullptr);
    ~Preferences() override;

    [[nodiscard]] QString fileName() const;
    /// The current values, as the next start would read them.
    [[nodiscard]] const AppSettings &values() const { return m_values; }

    /// Writes `values` and makes them current (read back through AppSettings::load, so out-of-range
    /// values are clamped exactly as at the next start), then emits the signal of each concern that
    /// changed. When the file cannot be written nothing changes and no signal is emitted.
    [[nodiscard]] core::Result<core::Done> setValues(const AppSettings &values);

    /// Where "Sign in with Cloudinary" signs in: the build's authorization server, client ID and
    /// redirect port, each overridden by the settings file's `oauth/…` keys when set there (for
    /// packagers and administrators; no dialog edits them). Read at every call.
    [[nodiscard]] core::OAuthConfig oauthConfig() const;

Q_SIGNALS:
    void proxyChanged();
    void parallelTransfersChanged(int transfers);
    void thumbnailCacheSizeChanged(qint64 bytes);
    void themeChanged(stratus::gui::AppSettings::Theme theme);
    void transfersPinnedChanged(bool pinned);
    void dismissedInfoBarsChanged();

private:
    std::unique_ptr<QSettings> m_settings;
    AppSettings m_values;
};

/// Makes the whole application's networking follow `preferences`' proxy, now and after every
/// change (applyProxySettings). The composition root calls it once. Every QNetworkAccessManager
/// that has no proxy of its own uses the new proxy for its next request; requests already running
/// finish the way they started.
void followProxySettings(Preferences *preferences);

} // namespace stratus::gui
