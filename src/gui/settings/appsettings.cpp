#include "appsettings.h"

#include <QNetworkProxyFactory>
#include <QSettings>

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

// The stored names; an unknown name reads as the first (the default).
constexpr std::array kLanguages {
    std::pair {AppSettings::Language::System, u""}, std::pair {AppSettings::Language::English, u"en"},
    std::pair {AppSettings::Language::German, u"de"}, std::pair {AppSettings::Language::French, u"fr"}};
constexpr std::array kProxyModes {std::pair {AppSettings::ProxyMode::System, u"system"},
                                  std::pair {AppSettings::ProxyMode::None, u"none"},
                                  std::pair {AppSettings::ProxyMode::Manual, u"manual"}};
constexpr std::array kProxyTypes {std::pair {AppSettings::ProxyType::Http, u"http"},
                                  std::pair {AppSettings::ProxyType::Socks5, u"socks5"}};
constexpr std::array kThemes {std::pair {AppSettings::Theme::System, u"system"},
                              std::pair {AppSettings::Theme::Light, u"light"},
                              std::pair {AppSettings::Theme::Dark, u"dark"}};

template<typename Enum, std::size_t N>
Enum fromName(const std::array<std::pair<Enum, const char16_t *>, N> &names, const QString &name)
{
    for (const auto &[value, text] : names) {
        if (name == QStringView(text))
            return value;
    }
    return names.front().first;
}

template<typename Enum, std::size_t N>
QString toName(const std::array<std::pair<Enum, const char16_t *>, N> &names, Enum value)
{
    for (const auto &[candidate, text] : names) {
        if (candidate == value)
            return QString::fromUtf16(text);
    }
    return QString::fromUtf16(names.front().second);
}

int boundedInt(const QSettings &settings, const QString &key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = settings.value(key).toInt(&ok);
    return ok ? std::clamp(value, low, high) : fallback;
}

const QString kVersionKey = u"version"_s;
const QString kLanguageKey = u"ui/language"_s;
const QString kProxyModeKey = u"network/proxy"_s;
const QString kProxyTypeKey = u"network/proxyType"_s;
const QString kProxyHostKey = u"network/proxyHost"_s;
const QString kProxyPortKey = u"network/proxyPort"_s;
const QString kProxyUserKey = u"network/proxyUser"_s;
const QString kParallelKey = u"transfers/parallel"_s;
const QString kCacheKey = u"thumbnails/cacheMegabytes"_s;
const QString kAskGivenFilesKey = u"transfers/askBeforeUploadingGivenFiles"_s;
const QString kThemeKey = u"ui/theme"_s;
const QString kTransfersPinnedKey = u"ui/transfersPinned"_s;
const QString kDismissedInfoBarsKey = u"ui/dismissedInfoBars"_s;
const QString kDetailsTechnicalKey = u"browser/detailsTechnicalOpen"_s;
const QString kBrowserSortGroup = u"browserSort"_s; // browserSort/<environment id> = "created desc"

} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings result;
    // Format 1 is the first; a newer file is read for the keys this version knows.
    result.language = fromName(kLanguages, settings.value(kLanguageKey).toString());
    result.proxyMode = fromName(kProxyModes, settings.value(kProxyModeKey).toString());
    result.proxyType = fromName(kProxyTypes, settings.value(kProxyTypeKey).toString());
    result.proxyHost = settings.value(kProxyHostKey).toString().trimmed();
    result.proxyPort = boundedInt(settings, kProxyPortKey, result.proxyPort, 1, 65535);
    result.proxyUser = settings.value(kProxyUserKey).toString();
    result.parallelTransfers = boundedInt(settings, kParallelKey, kDefaultParallelTransfers,
                                          kMinParallelTransfers, kMaxParallelTransfers);
    result.thumbnailCacheMegabytes = boundedInt(settings, kCacheKey, kDefaultThumbnailCacheMegabytes,
                                                kMinThumbnailCacheMegabytes, kMaxThumbnailCacheMegabytes);
    result.askBeforeUploadingGivenFiles = settings.value(kAskGivenFilesKey, true).toBool();
    result.theme = fromName(kThemes, settings.value(kThemeKey).toString());
    result.transfersPinned = settings.value(kTransfersPinnedKey, false).toBool();
    result.dismissedInfoBars = settings.value(kDismissedInfoBarsKey).toStringList();
    result.detailsTechnicalOpen = settings.value(kDetailsTechnicalKey, false).toBool();
    const QString sortPrefix = kBrowserSortGroup + u'/';
    for (const QString &key : settings.allKeys()) {
        if (!key.startsWith(sortPrefix))
            continue;
        const QStringList parts = settings.value(key).toString().split(u' ', Qt::SkipEmptyParts);
        if (parts.isEmpty() || !browserSortKeys().contains(parts.constFirst()))
            continue;
        result.browserSorts.insert(key.mid(sortPrefix.size()),
                                   {parts.constFirst(), parts.value(1) == u"desc"});
    }
    return result;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kVersionKey, std::max(kFormatVersion, settings.value(kVersionKey).toInt()));
    settings.setValue(kLanguageKey, languageCode());
    settings.setValue(kProxyModeKey, toName(kProxyModes, proxyMode));
    settings.setValue(kProxyTypeKey, toName(kProxyTypes, proxyType));
    settings.setValue(kProxyHostKey, proxyHost.trimmed());
    settings.setValue(kProxyPortKey, proxyPort);
    settings.setValue(kProxyUserKey, proxyUser);
    settings.setValue(kParallelKey, parallelTransfers);
    settings.setValue(kCacheKey, thumbnailCacheMegabytes);
    settings.setValue(kAskGivenFilesKey, askBeforeUploadingGivenFiles);
    settings.setValue(kThemeKey, toName(kThemes, theme));
    settings.setValue(kTransfersPinnedKey, transfersPinned);
    settings.setValue(kDismissedInfoBarsKey, dismissedInfoBars);
    settings.setValue(kDetailsTechnicalKey, detailsTechnicalOpen);
    settings.remove(kBrowserSortGroup);
    for (auto it = browserSorts.cbegin(); it != browserSorts.cend(); ++it)
        settings.setValue(kBrowserSortGroup + u'/' + it.key(),
                          QString(it.value().key + (it.value().descending ? u" desc"_s : u" asc"_s)));
}

const QStringList &AppSettings::browserSortKeys()
{
    static const QStringList keys {u"name"_s, u"created"_s, u"size"_s,
                                   u"type"_s, u"format"_s,  u"dimensions"_s};
    return keys;
}

QString AppSettings::languageCode() const
{
    return toName(kLanguages, language);
}

QLocale AppSettings::uiLocale() const
{
    const QString code = languageCode();
    return code.isEmpty() ? QLocale() : QLocale(code);
}

QNetworkProxy AppSettings::manualProxy() const
{
    QNetworkProxy proxy(proxyType == ProxyType::Socks5 ? QNetworkProxy::Socks5Proxy
                                                       : QNetworkProxy::HttpProxy,
                        proxyHost.trimmed(), quint16(std::clamp(proxyPort, 1, 65535)));
    if (!proxyUser.isEmpty())
        proxy.setUser(proxyUser);
    return proxy;
}

void applyProxySettings(const AppSettings &settings)
{
    switch (settings.proxyMode) {
    case AppSettings::ProxyMode::System:
        QNetworkProxy::setApplicationProxy(QNetworkProxy::DefaultProxy);
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        return;
    case AppSettings::ProxyMode::None:
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
        return;
    case AppSettings::ProxyMode::Manual:
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        QNetworkProxy::setApplicationProxy(settings.manualProxy());
        return;
    }
}

} // namespace stratus::gui
