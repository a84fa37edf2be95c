#include "app/localsandbox.h"

#include "core/accounts/accountstore.h"
#include "core/accounts/keychainsecretstore.h"
#include "core/storage/storagelayout.h"
#include "core/util/secretmemory.h"
#include "gui/mainwindow/diagnostics.h"
#include "gui/mainwindow/mainwindow.h"
#include "gui/settings/preferences.h"
#include "gui/settings/proxypassword.h"
#include "gui/theme/colorschemeportal.h"
#include "gui/theme/themecontroller.h"
#include "web/webprofiles.h"
#include "words/errorwords.h"

#include "stratus/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QTranslator>

using namespace stratus;

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: it must never end up in a core dump.
    core::disableCoreDumps();
    // Qt WebEngine (the embedded Cloudinary widgets) needs this before the application exists; it
    // starts nothing by itself (WebEngine starts when a widget is first opened).
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    // The run's last warnings, for Help → Report a Problem (redacted as they arrive).
    gui::RecentProblems recentProblems;
    recentProblems.install();
    QApplication::setApplicationName(QStringLiteral("Stratus"));
    QApplication::setOrganizationName(QStringLiteral("Stratus"));
    QApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stratus_desktop.Stratus"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stratus.svg")));

    // Where every file of Stratus is (shared with stratus-cli); asked once, handed down.
    const core::StorageLayout layout = core::StorageLayout::standard();
    // Preferences first: the language decides the translators, the proxy every request. The one
    // object over the settings file; whoever reads a setting is handed it.
    gui::Preferences preferences(layout.preferencesFile());
    const QLocale locale = preferences.values().uiLocale();
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    // A language Stratus has no translation for shows English, with English plural forms.
    if (appTranslator.load(locale, QStringLiteral("stratus"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral("stratus_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);
    // Light or dark before the first window: as chosen, or as the desktop says (its portal).
    gui::ColorSchemePortal colorScheme;
    gui::ThemeController theme(&preferences, &colorScheme);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A desktop client for Cloudinary."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption noSandbox(QStringLiteral("no-local-sandbox"),
                                       QApplication::translate("main", "Do not start the local sandbox."));
    parser.addOption(noSandbox);
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QApplication::translate("main",
                                "Files or folders to upload to the current environment: the upload "
                                "options open with the folder shown chosen."),
        QStringLiteral("[files…]"));
    parser.process(app);

    // The composition root: one network, one keychain, one account store for the whole run.
    QNetworkAccessManager network;
    const auto keychain = std::make_shared<core::KeychainSecretStore>();
    // The proxy (with its password from the keychain) before the first request.
    gui::ProxyPassword proxyPassword(&preferences, keychain);
    proxyPassword.follow();
    proxyPassword.watch(&network);
    core::AccountStore store(keychain, layout);
    store.setNetwork(&network); // token refreshes go through the proxy too
    const auto loaded = store.load();

    app::LocalSandbox localSandbox(&store, layout.localSandboxDirectory(), 120);
    if (loaded && !parser.isSet(noSandbox))
        localSandbox.start();

    // One web profile per account for the embedded widgets; nothing of WebEngine starts here.
    web::WebProfiles webProfiles(layout);

    gui::MainWindow window(&store, &network, &preferences);
    window.setWebProfiles(&webProfiles);
    window.setRecentProblems(&recentProblems);
    window.setProxyPassword(&proxyPassword);
    window.setThemeController(&theme);
    QObject::connect(&localSandbox, &app::LocalSandbox::failed, &window, [&window](const QString &message) {
        QMessageBox::warning(
            &window, QApplication::translate("main", "Local sandbox"),
            QApplication::translate("main", "The local sandbox could not start: %1").arg(message));
    });
    window.show();
    // Files given on the command line ("Open with Stratus"): the upload options (unless the settings
    // say not to ask) once the environment has answered or not.
    QStringList files;
    for (const QString &argument : parser.positionalArguments())
        files << QFileInfo(argument).absoluteFilePath();
    if (!files.isEmpty())
        window.uploadWhenReady(files);
    if (!loaded) {
        QMessageBox::warning(&window, QApplication::translate("main", "Accounts"),
                             QApplication::translate("main",
                                                     "Your accounts could not be read: %1\nStratus will not "
                                                     "change them.")
                                 .arg(words::ErrorWords::text(loaded.error())));
    }
    return QApplication::exec();
}
