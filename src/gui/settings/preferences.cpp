#include "preferences.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

// Whether the proxy a request would use differs: the host of a manual proxy that is not in use
// changes nothing.
bool proxyDiffers(const AppSettings &a, const AppSettings &b)
{
    if (a.proxyMode != b.proxyMode)
        return true;
    return a.proxyMode == AppSettings::ProxyMode::Manual && a.manualProxy() != b.manualProxy();
}

} // namespace

Preferences::Preferences(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
    , m_values(AppSettings::load(*m_settings))
{
}

Preferences::~Preferences() = default;

core::OAuthConfig Preferences::oauthConfig() const
{
    return core::OAuthConfig::withOverrides(core::OAuthConfig::fromBuild(), *m_settings);
}

QString Preferences::fileName() const
{
    return m_settings->fileName();
}

core::Result<core::Done> Preferences::setValues(const AppSettings &values)
{
    values.save(*m_settings);
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        return core::Error::because(core::Error::Kind::Io, core::ErrorReason::PreferencesUnwritable,
                                    m_settings->fileName());
    }
    const AppSettings before = std::exchange(m_values, AppSettings::load(*m_settings));
    if (proxyDiffers(before, m_values))
        Q_EMIT proxyChanged();
    if (before.parallelTransfers != m_values.parallelTransfers)
        Q_EMIT parallelTransfersChanged(m_values.parallelTransfers);
    if (before.thumbnailCacheMegabytes != m_values.thumbnailCacheMegabytes)
        Q_EMIT thumbnailCacheSizeChanged(m_values.thumbnailCacheBytes());
    if (before.theme != m_values.theme)
        Q_EMIT themeChanged(m_values.theme);
    if (before.transfersPinned != m_values.transfersPinned)
        Q_EMIT transfersPinnedChanged(m_values.transfersPinned);
    if (before.dismissedInfoBars != m_values.dismissedInfoBars)
        Q_EMIT dismissedInfoBarsChanged();
    return core::Done {};
}

void followProxySettings(Preferences *preferences)
{
    applyProxySettings(preferences->values());
    QObject::connect(preferences, &Preferences::proxyChanged, preferences,
                     [preferences] { applyProxySettings(preferences->values()); });
}

} // namespace stratus::gui
