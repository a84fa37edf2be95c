#pragma once

#include <QLocale>
#include <QMap>
#include <QNetworkProxy>
#include <QString>
#include <QStringList>

class QSettings;

namespace stratus::gui {

/// The application's preferences as a typed value, read from and written to QSettings under
/// versioned keys (style habit 8). Values out of range or unknown are read as their defaults or
/// clamped, never trusted. No secret is ever part of it: a proxy password is not stored at all.
///
/// A plain value type. The live values are Preferences' (preferences.h), the one owner of the
/// settings file, which signals what changed.
class AppSettings
{
public:
    static constexpr int kFormatVersion = 1;

    enum class Language { System, English, German, French };
    enum class ProxyMode {
        System, ///< the desktop's proxy configuration (the default)
        None, ///< connect directly
        Manual,
    };
    enum class ProxyType { Http, Socks5 };
    /// The colour scheme: the desktop's (System), or always light or dark. Applies at once.
    enum class Theme { System, Light, Dark };

    static constexpr int kMinParallelTransfers = 1;
    static constexpr int kMaxParallelTransfers = 16;
    static constexpr int kDefaultParallelTransfers = 4;
    static constexpr int kMinThumbnailCacheMegabytes = 16;
    static constexpr int kMaxThumbnailCacheMegabytes = 100 * 1024;
    static constexpr int kDefaultThumbnailCacheMegabytes = 512;

    Language language = Language::System; ///< applies after a restart
    ProxyMode proxyMode = ProxyMode::System;
    ProxyType proxyType = ProxyType::Http;
    QString proxyHost;
    int proxyPort = 8080;
    QString proxyUser; ///< optional; the password is never stored
    int parallelTransfers = kDefaultParallelTransfers;
    int thumbnailCacheMegabytes = kDefaultThumbnailCacheMegabytes;
    /// Files given to Stratus (command line, dropped) open the upload options first; false: they
    /// are uploaded at once with the last options, into the folder shown or dropped on.
    bool askBeforeUploadingGivenFiles = true;
    Theme theme = Theme::System;
    /// The transfers dock stays open when nothing transfers (its pin); otherwise it hides once done.
    bool transfersPinned = false;
    /// Environments (ids) whose welcome bar was closed: it is not shown for them again, until
    /// Settings → "Show closed messages again" empties the list.
    QStringList dismissedInfoBars;
    /// The details panel's "Technical" section (public ID, version, ETag, …) is open; closed at first.
    bool detailsTechnicalOpen = false;

    /// How an environment's browser is sorted: a key ("name", "created", "size", "type", "format",
    /// "dimensions") and the direction.
    struct BrowserSort
    {
        QString key = QStringLiteral("name");
        bool descending = false;
        friend bool operator==(const BrowserSort &, const BrowserSort &) = default;
    };
    static const QStringList &browserSortKeys();
    /// By environment id; environments not listed sort by name, ascending. Unknown keys read as absent.
    QMap<QString, BrowserSort> browserSorts;

    [[nodiscard]] static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    /// "en", "de", "fr"; empty for the system's language.
    [[nodiscard]] QString languageCode() const;
    /// The locale to load translations for: the chosen language, or the system's.
    [[nodiscard]] QLocale uiLocale() const;
    /// The thumbnail cache's limit in bytes.
    [[nodiscard]] qint64 thumbnailCacheBytes() const { return qint64(thumbnailCacheMegabytes) * 1024 * 1024; }
    /// The manual proxy as Qt takes it (meaningful when proxyMode is Manual).
    [[nodiscard]] QNetworkProxy manualProxy() const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

/// Makes the whole application's networking follow `settings`: the system's proxy configuration,
/// no proxy, or the manual one (QNetworkProxyFactory::setUseSystemConfiguration /
/// QNetworkProxy::setApplicationProxy). New connections use it, open ones are not affected; the app
/// calls it through followProxySettings (preferences.h), at start-up and after every change.
void applyProxySettings(const AppSettings &settings);

} // namespace stratus::gui
