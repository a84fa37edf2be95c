#include "uploadwidgetwindow.h"

#include "snippets.h"
#include "widgethost.h"

#include "core/api/adminapi.h"
#include "core/net/secretsource.h"
#include "core/session/environmentsession.h"
#include "core/widgets/uploadwidgetsigner.h"
#include "gui/errors/errorpresenter.h"
#include "web/uploadwidgetbridge.h"

#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

Q_LOGGING_CATEGORY(lcUploadWidgetWindow, "stratus.gui.uploadwidget")

UploadWidgetWindow::UploadWidgetWindow(web::WebProfiles *profiles, core::EnvironmentSession *session,
                                       QWidget *parent)
    : WidgetWindow(profiles, session, web::WidgetKind::UploadWidget, parent)
    , m_bridge(new web::UploadWidgetBridge(nullptr, this))
{
    setTitle(tr("Upload"));
    resize(760, 620);
    m_status = new QLabel(this);
    m_status->setObjectName(u"uploadWidgetStatus"_s);
    m_status->setContentsMargins(12, 6, 12, 8);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    contentLayout()->addWidget(m_status);

    connect(m_bridge, &web::UploadWidgetBridge::uploaded, this, &UploadWidgetWindow::writeThrough);
    connect(m_bridge, &web::UploadWidgetBridge::closeRequested, this, &QDialog::hide);
    connect(m_bridge, &web::UploadWidgetBridge::signatureRefused, this, [this] {
        setStatus(tr("Stratus refused to sign an upload that was not the one you chose. Nothing "
                     "was uploaded."));
    });
    connect(m_bridge, &web::UploadWidgetBridge::widgetError, this, [this](const QString &message) {
        if (!message.isEmpty())
            setStatus(tr("The Upload widget reported a problem: %1").arg(message));
    });
    m_choosePreset = [](QWidget *parentWidget, const QStringList &presets) {
        bool ok = false;
        const QString chosen = QInputDialog::getItem(
            parentWidget, tr("Upload Preset"),
            tr("This environment is signed in with Cloudinary, so the Upload widget uploads through an "
               "unsigned upload preset. Which one?"),
            presets, 0, false, &ok);
        return ok ? chosen : QString();
    };
}

void UploadWidgetWindow::setStatus(const QString &text)
{
    m_status->setText(text);
    // Shown with something to say: an empty line below the widget would be a band.
    m_status->setVisible(!text.isEmpty());
}

UploadWidgetWindow::~UploadWidgetWindow() = default;

QStringList UploadWidgetWindow::sourcesFor(const web::WidgetSources &sources)
{
    QStringList list {u"local"_s, u"url"_s, u"camera"_s};
    if (!sources.standIns())
        list << u"google_drive"_s << u"unsplash"_s;
    return list;
}

void UploadWidgetWindow::say(const QString &title, const QString &text)
{
    if (m_notice) {
        m_notice(title, text);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box->setObjectName(u"uploadWidgetNotice"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void UploadWidgetWindow::openFor(const QString &folder)
{
    core::EnvironmentSession *env = session();
    if (env == nullptr)
        return;
    m_folder = folder;
    // Where the files go, in the title: the widget's own header names only the cloud.
    setTitle(folder.isEmpty() ? tr("Upload to Home") : tr("Upload to %1").arg(folder));
    const auto context = env->apiContext();
    if (!context) {
        say(tr("Upload"),
            tr("The Upload widget cannot be opened: %1").arg(ErrorPresenter::text(context.error())));
        return;
    }
    const bool token = context->secret && context->secret->kind() == core::CredentialKind::AccessToken;
    setStatus(QString());
    if (token) {
        if (pageUsable() && m_loadedFolder == folder && !m_preset.isEmpty()) {
            present();
            return;
        }
        chooseUnsignedPreset();
        return;
    }
    if (!context->secret) {
        say(tr("Upload"),
            tr("The Upload widget needs the environment's API secret or a sign-in with "
               "Cloudinary."));
        return;
    }
    present();
    if (pageUsable() && m_loadedFolder == folder && m_signer)
        return;
    m_signer
        = std::make_unique<core::UploadWidgetSigner>(context->endpoint.signer(), context->secret, m_clock);
    core::UploadWidgetChoice choice;
    choice.folder = folder;
    m_signer->setChoice(choice);
    m_bridge->setSigner(m_signer.get());
    m_preset.clear();
    loadSigned();
}

void UploadWidgetWindow::loadSigned()
{
    const auto context = session()->apiContext();
    if (!context)
        return;
    QJsonObject options {{u"apiKey"_s, context->endpoint.apiKey()}};
    load(options, true);
}

void UploadWidgetWindow::chooseUnsignedPreset()
{
    const auto context = session()->apiContext();
    if (!context)
        return;
    setStatus(tr("Listing the environment's upload presets…"));
    const int request = ++m_presetRequest;
    auto *call = core::AdminApi(context.value()).uploadPresets({}, this);
    connect(call, &core::Job::finished, this, [this, call, request] {
        call->deleteLater();
        if (request != m_presetRequest)
            return;
        setStatus(QString());
        const auto &page = call->result();
        if (!page) {
            say(tr("Upload"),
                tr("Stratus could not list this environment's upload presets: %1")
                    .arg(ErrorPresenter::text(page.error())));
            return;
        }
        QStringList presets;
        for (const core::UploadPreset &preset : page->presets) {
            if (preset.isUnsigned)
                presets.append(preset.name);
        }
        if (presets.isEmpty()) {
            say(tr("No Unsigned Upload Preset"),
                tr("This environment is signed in with Cloudinary, and then the Upload widget can only "
                   "upload through an unsigned upload preset — this environment has none. An "
                   "administrator can add one in the Cloudinary Console (Settings → Upload → Upload "
                   "presets, signing mode \"Unsigned\"). Until then, Stratus's own Upload button "
                   "uploads files here as usual."));
            return;
        }
        QString chosen = presets.size() == 1 ? presets.constFirst() : m_choosePreset(this, presets);
        if (chosen.isEmpty())
            return;
        present();
        loadUnsigned(chosen);
    });
    call->start();
}

void UploadWidgetWindow::loadUnsigned(const QString &preset)
{
    m_signer.reset();
    m_bridge->setSigner(nullptr);
    m_preset = preset;
    load(QJsonObject {{u"uploadPreset"_s, preset}}, false);
}

void UploadWidgetWindow::load(const QJsonObject &routeOptions, bool signedRoute)
{
    core::EnvironmentSession *env = session();
    QJsonObject options = routeOptions;
    options.insert(u"cloudName"_s, env->effectiveUrl().cloudName());
    if (!m_folder.isEmpty())
        options.insert(u"folder"_s, m_folder);
    options.insert(u"sources"_s, QJsonArray::fromStringList(sourcesFor(host()->sources())));
    options.insert(u"multiple"_s, true);
    options.insert(u"showPoweredBy"_s, false);
    options.insert(u"showAdvancedOptions"_s, false);
    options.insert(u"singleUploadAutoClose"_s, false);
    const QJsonObject text {{u"failedTitle"_s, tr("The Upload widget could not start")}};
    const QJsonObject config {{u"signed"_s, signedRoute}, {u"options"_s, options}, {u"text"_s, text}};
    const QString page = snippets::hostPage(
        u"upload-widget"_s,
        {{u"SCRIPT"_s,
          snippets::htmlEscaped(
              host()->sources().script(web::WidgetKind::UploadWidget).toString(QUrl::FullyEncoded))},
         {u"CONFIG"_s, web::jsonForScript(config)}});
    m_loadedFolder = m_folder;
    host()->load(m_bridge, page);
}

void UploadWidgetWindow::writeThrough(const QJsonObject &result)
{
    core::EnvironmentSession *env = session();
    if (env == nullptr)
        return;
    const auto context = env->apiContext();
    if (!context)
        return;
    // What the catalogue gets comes from the API, not from the page.
    const core::AssetRef ref {result.value(u"public_id"_s).toString(),
                              result.value(u"resource_type"_s).toString(),
                              result.value(u"type"_s).toString(u"upload"_s)};
    auto *call = core::AdminApi(context.value()).resource(ref, {}, this);
    const QPointer<core::EnvironmentSession> guard(env);
    connect(call, &core::Job::finished, this, [this, call, guard] {
        call->deleteLater();
        const auto &resource = call->result();
        if (!resource || !guard) {
            if (!resource)
                qCWarning(lcUploadWidgetWindow)
                    << "an upload of the widget could not be read back:" << int(resource.error().kind);
            return;
        }
        core::catalog::Catalog *catalog = guard->catalog();
        if (catalog == nullptr)
            return;
        const QJsonObject raw = resource->raw;
        if (const auto written = catalog->upsertResources({raw}); !written) {
            qCWarning(lcUploadWidgetWindow)
                << "write-through to the catalogue failed:" << written.error().message;
            return;
        }
        const QString assetId = raw.value(u"asset_id"_s).toString();
        const core::catalog::CatalogAsset uploaded = core::catalog::CatalogAsset::fromResourceJson(raw);
        setStatus(tr("Uploaded %1").arg(uploaded.name(folderMode())));
        Q_EMIT assetsWritten({assetId});
    });
    call->start();
}

} // namespace stratus::gui
