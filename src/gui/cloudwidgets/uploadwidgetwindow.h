#pragma once

#include "widgetwindow.h"

#include "core/signing/clock.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

class QLabel;

namespace stratus::core {
class UploadWidgetSigner;
}

namespace stratus::web {
class UploadWidgetBridge;
}

namespace stratus::gui {

/// File → "Upload from a URL, Camera or Cloud Storage…" (issue 15, point 2): Cloudinary's Upload
/// widget, inline in a window, uploading into the folder the browser shows.
///
/// Two routes, by the environment's credentials:
/// - **signed** (an API key and secret): the widget's `uploadSignature` asks C++; the
///   UploadWidgetSigner signs only what this window chose (source `uw`, a fresh timestamp, the folder
///   shown, no other key) with the secret from the keychain, and the page gets the hex signature only;
/// - **token** (signed in with Cloudinary): C++ cannot sign, so the widget uploads through one of the
///   environment's unsigned upload presets (Admin API `upload_presets`): the only one, or the one the
///   person picks; with none, the window says what an administrator can do and that Stratus's own
///   Upload button works.
///
/// The sources are those the environment allows (sourcesFor()). Each upload the widget reports is
/// read back from the Admin API (the page is not trusted with what goes into the catalogue) and
/// written through to the catalogue at once; assetsWritten() tells the browser.
///
/// One per environment (CloudWidgetWindows), reused: opening it for the same folder shows the same
/// widget; another folder loads it again with that folder. GUI thread.
class UploadWidgetWindow : public WidgetWindow
{
    Q_OBJECT

public:
    /// Picks one of the unsigned presets (at least two); empty: cancelled. The default asks.
    using PresetChooser = std::function<QString(QWidget *parent, const QStringList &presets)>;
    /// Says something to the person (a title and a text); the default is a message box.
    using Notice = std::function<void(const QString &title, const QString &text)>;

    UploadWidgetWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                       QWidget *parent = nullptr);
    ~UploadWidgetWindow() override;

    /// Shows the window with the widget for `folder` ("" is Home).
    void openFor(const QString &folder);
    [[nodiscard]] const QString &folder() const { return m_folder; }

    [[nodiscard]] web::UploadWidgetBridge *bridge() const { return m_bridge; }
    /// The signer of the signed route; null on the token route and before openFor().
    [[nodiscard]] core::UploadWidgetSigner *signer() const { return m_signer.get(); }
    /// The unsigned preset of the token route; empty on the signed route.
    [[nodiscard]] const QString &unsignedPreset() const { return m_preset; }

    void setPresetChooser(PresetChooser chooser) { m_choosePreset = std::move(chooser); }
    void setNotice(Notice notice) { m_notice = std::move(notice); }

    /// The widget's sources for an environment: `local`, `url` and `camera` everywhere; on Cloudinary
    /// also `google_drive` and `unsplash`, the cloud sources that work with Cloudinary's own app keys
    /// (Dropbox and Image Search need app keys of the integrator's; the stock libraries sell images).
    [[nodiscard]] static QStringList sourcesFor(const web::WidgetSources &sources);

Q_SIGNALS:
    /// An upload is in the catalogue (written through); the browser reads it again.
    void assetsWritten(const QStringList &assetIds);

private:
    void loadSigned();
    void loadUnsigned(const QString &preset);
    void chooseUnsignedPreset();
    void load(const QJsonObject &options, bool signedRoute);
    void writeThrough(const QJsonObject &result);
    void say(const QString &title, const QString &text);
    /// The line below the widget; hidden when empty.
    void setStatus(const QString &text);

    QString m_folder;
    QString m_loadedFolder; ///< the folder of the page loaded; null: none loaded
    QString m_preset;
    core::SystemClock m_clock;
    std::unique_ptr<core::UploadWidgetSigner> m_signer;
    web::UploadWidgetBridge *m_bridge = nullptr;
    QLabel *m_status = nullptr;
    PresetChooser m_choosePreset;
    Notice m_notice;
    int m_presetRequest = 0;
};

} // namespace stratus::gui
