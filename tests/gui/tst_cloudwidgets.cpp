// The Upload widget in Stratus's own window (issue 15, point 2), in real offscreen Qt WebEngine against
// a real stratus-sandbox (its stand-in), over an environment added the way the app adds it:
//
// - an upload of a web address is signed by C++ (counted), lands in the sandbox in the folder shown
//   and is in the catalogue at once; Esc closes the window and it opens again as it was;
// - tampered parameters sent from the page's own script (another folder, a two-hour-old timestamp,
//   an added notification_url) are refused and nothing is signed;
// - an environment signed in with Cloudinary uploads through an unsigned preset, or is told what to
//   do when it has none; after a log-out deleted the profile, the widget is loaded anew;
// - the main window offers the widgets in the File menu, the Upload button's menu, the browser's
//   commands and the details panel.
//
// The pages are scanned for the API secret (what they were sent, asked for and said).
#include "cloudwidgetsfixture.h"

#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browserpage.h"
#include "gui/cloudwidgets/medialibraryview.h"
#include "gui/cloudwidgets/widgethost.h"
#include "gui/environment/environmentpage.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::gui;
using namespace stratus::test;

class TestCloudWidgets : public test::CloudWidgetsFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { stopFixture(); }
    void uploadWidgetUploadIsSignedAndCatalogued();
    void uploadWidgetRefusesTamperedParameters();
    void tokenEnvironmentUploadsThroughAnUnsignedPreset();
    void mainWindowOffersTheWidgets();
};

void TestCloudWidgets::uploadWidgetUploadIsSignedAndCatalogued()
{
    // The URL of one of the sandbox's pictures, as a person would paste it.
    const core::catalog::CatalogAsset source = asset(u"image"_s);
    QVERIFY(!source.publicId.isEmpty());
    const QString sourceUrl = m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
        + u"/widgetcloud/image/upload/"_s + source.publicId + u'.' + source.format;
    addPlayer(u"upload-player"_s, uploadPlayer(sourceUrl));
    const auto cleanup = qScopeGuard([this] { removePlayer(u"upload-player"_s); });

    UploadWidgetWindow *window = m_windows->uploadWidget();
    QSignalSpy written(m_windows.get(), &CloudWidgetWindows::assetsWritten);
    m_windows->openUploadWidget(u"from-widget/urls"_s);
    QVERIFY(window->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    connect(window->host()->page(), &web::WidgetPage::consoleMessage, this,
            [this](auto, const QString &message) { m_console.append(message); });
    QVERIFY(window->signer() != nullptr);
    QCOMPARE(window->signer()->choice().folder, u"from-widget/urls"_s);

    QTRY_COMPARE_WITH_TIMEOUT(window->bridge()->uploadCount(), 1, 30000);
    QCOMPARE(window->signer()->signatureCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    const QString assetId = written.first().first().toStringList().value(0);
    QVERIFY(!assetId.isEmpty());

    // In the catalogue at once, in the folder shown.
    const auto stored = m_session->catalog()->asset(assetId);
    QVERIFY(stored.ok());
    QVERIFY(stored->has_value());
    QVERIFY2((*stored)->publicId.startsWith(u"from-widget/urls/"_s), qPrintable((*stored)->publicId));
    QCOMPARE((*stored)->bytes, source.bytes);
    // And in the sandbox.
    const auto answer = m_sandbox.raw(
        "GET", u"/widgetcloud/image/upload/%1.%2"_s.arg((*stored)->publicId, (*stored)->format), {}, {});
    QCOMPARE(answer.status, 200);

    // Esc closes the window, also from inside the page; the same window again for the same folder
    // shows the same page, not a new one.
    WidgetHost *host = window->host();
    web::WidgetPage *page = host->page();
    QWidget *inPage = host->view()->focusProxy() != nullptr ? host->view()->focusProxy() : host->view();
    inPage->setFocus();
    QTest::keyClick(inPage, Qt::Key_Escape);
    QTRY_VERIFY(!window->isVisible());
    m_windows->openUploadWidget(u"from-widget/urls"_s);
    QCOMPARE(host->page(), page);
    checkNoSecret(host);
}
void TestCloudWidgets::uploadWidgetRefusesTamperedParameters()
{
    UploadWidgetWindow *window = m_windows->uploadWidget();
    m_windows->openUploadWidget(u"from-widget/tamper"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    core::UploadWidgetSigner *signer = window->signer();
    QVERIFY(signer != nullptr);
    const int signatures = signer->signatureCount();
    const int refusals = signer->refusalCount();
    // A script of the page asks C++ directly, as any script there could.
    evaluate(window->host()->page(), uR"JS(
        window.__answers = [];
        var now = Math.floor(Date.now() / 1000);
        [{source: "uw", timestamp: now, folder: "private"},
         {source: "uw", timestamp: now - 2 * 3600, folder: "from-widget/tamper"},
         {source: "uw", timestamp: now, folder: "from-widget/tamper", notification_url: "https://attacker.example/hook"},
         {source: "uw", timestamp: now, folder: "from-widget/tamper"}].forEach(function (params, i) {
            window.stratusBridge.call("signature", params).then(
                function (signature) { window.__answers[i] = "signed:" + signature.length; },
                function (error) { window.__answers[i] = "refused:" + error.message; });
        });
    )JS"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        evaluate(window->host()->page(), u"window.__answers.filter(Boolean).length"_s).toInt(), 4, 10000);
    const QStringList answers = evaluate(window->host()->page(), u"window.__answers"_s).toStringList();
    QCOMPARE(answers.mid(0, 3),
             (QStringList {u"refused:refused"_s, u"refused:refused"_s, u"refused:refused"_s}));
    // The untampered request is signed — and only its hex goes back.
    QCOMPARE(answers.value(3), u"signed:%1"_s.arg(signer->choice().folder.isEmpty() ? 0 : 40));
    QCOMPARE(signer->signatureCount(), signatures + 1);
    QCOMPARE(signer->refusalCount(), refusals + 3);
    QVERIFY(window->bridge()->refusedCalls() >= 3);
}
void TestCloudWidgets::tokenEnvironmentUploadsThroughAnUnsignedPreset()
{
    core::EnvironmentSession *session = addTokenEnvironment();
    QVERIFY(session != nullptr);
    const auto context = session->apiContext();
    QVERIFY(context.ok());
    QCOMPARE(context->secret->kind(), core::CredentialKind::AccessToken);
    CloudWidgetWindows windows(m_profiles.get(), session, nullptr);
    UploadWidgetWindow *window = windows.uploadWidget();
    QStringList notices;
    window->setNotice([&](const QString &, const QString &text) { notices << text; });
    QStringList offered;
    window->setPresetChooser([&](QWidget *, const QStringList &presets) {
        offered = presets;
        return presets.contains(u"unsigned-b"_s) ? u"unsigned-b"_s : QString();
    });

    // No unsigned preset (a signed one does not count): the person is told what can be done.
    QVERIFY(createPreset(u"signed-only"_s, false));
    windows.openUploadWidget(u"tokens"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notices.size(), 1, 10000);
    QVERIFY2(notices.first().contains(u"unsigned upload preset"_s), qPrintable(notices.first()));
    QVERIFY(notices.first().contains(u"Upload button"_s));
    QVERIFY(!window->isVisible());
    QVERIFY(window->host()->page() == nullptr);

    // Two: the person picks one; the widget uploads through it, and nothing is signed.
    QVERIFY(createPreset(u"unsigned-a"_s, true));
    QVERIFY(createPreset(u"unsigned-b"_s, true));
    const core::catalog::CatalogAsset source = asset(u"image"_s);
    const QString sourceUrl = m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash)
        + u"/widgetcloud/image/upload/"_s + source.publicId + u'.' + source.format;
    addPlayer(u"token-upload-player"_s, uploadPlayer(sourceUrl), session);
    const auto cleanup = qScopeGuard([&] { removePlayer(u"token-upload-player"_s, session); });
    QSignalSpy written(&windows, &CloudWidgetWindows::assetsWritten);
    windows.openUploadWidget(u"tokens"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), 10000);
    QCOMPARE(offered, (QStringList {u"unsigned-a"_s, u"unsigned-b"_s}));
    QCOMPARE(window->unsignedPreset(), u"unsigned-b"_s);
    QVERIFY(window->signer() == nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window->bridge()->uploadCount(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    const auto stored = session->catalog()->asset(written.first().first().toStringList().value(0));
    QVERIFY(stored.ok() && stored->has_value());
    QVERIFY2((*stored)->publicId.startsWith(u"tokens/"_s), qPrintable((*stored)->publicId));
    QCOMPARE((*stored)->tags, QStringList {u"from-preset"_s});
    // A signature asked for on this route is refused: there is nothing to sign with.
    evaluate(window->host()->page(), uR"JS(
        window.__answer = "";
        window.stratusBridge.call("signature", {source: "uw", timestamp: Math.floor(Date.now() / 1000), folder: "tokens"})
            .then(function () { window.__answer = "signed"; }, function (e) { window.__answer = e.message; });
    )JS"_s);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(window->host()->page(), u"window.__answer"_s).toString(),
                              u"unsigned"_s, 10000);

    // Log-out deletes the account's web profile: the page goes at once and the window says so;
    // opened again, the widget is loaded anew (the preset asked for again).
    const QString accountId = session->record().accountId;
    std::optional<bool> removed;
    m_profiles->removeProfile(accountId, this,
                              [&](const core::Result<core::Done> &result) { removed = result.ok(); });
    QVERIFY(window->host()->page() == nullptr);
    QVERIFY(!window->host()->noticeTitle().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 15000);
    QVERIFY(*removed);
    offered.clear();
    windows.openUploadWidget(u"tokens"_s);
    QTRY_COMPARE_WITH_TIMEOUT(offered.size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window->host()->isReady(), 20000);
    QVERIFY(window->host()->page() != nullptr);
}

// The main window with web profiles, as main() makes it: File → "Upload from a URL, Camera or Cloud
// Storage…" and the Upload button's menu open the Upload widget, the browser's commands and the
// details panel offer the Media Editor and the previews for what is selected. Its own store and
// profiles, so that nothing here shares a catalogue with the tests above.
void TestCloudWidgets::mainWindowOffersTheWidgets()
{
    QTemporaryDir home;
    core::AccountStore store(std::make_shared<core::MemorySecretStore>(),
                             core::StorageLayout {home.filePath(u"accounts.ini"_s), home.filePath(u"data"_s),
                                                  home.filePath(u"cache"_s)});
    QVERIFY(
        test::addSandboxEnvironment(store, m_network, m_sandbox.cloudinaryUrls().constFirst(), u"Window"_s));
    web::WebProfiles profiles(store.layout());
    Preferences preferences(home.filePath(u"stratus.conf"_s));
    MainWindow window(&store, &m_network, &preferences);
    window.setWebProfiles(&profiles);
    window.resize(1100, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    core::EnvironmentSession *session = window.session(window.currentEnvironmentId());
    QVERIFY(session != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(session->connection(), core::EnvironmentSession::Connection::Online, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(session->catalog()->folderMode() != core::FolderMode::Unknown, 30000);

    // File menu, below Upload Folder…
    auto *fileItem = window.findChild<QAction *>(u"uploadWidgetAction"_s);
    QVERIFY(fileItem != nullptr);
    auto *fileMenu = qobject_cast<QMenu *>(fileItem->associatedObjects().value(0));
    QVERIFY(fileMenu != nullptr);
    Q_EMIT fileMenu->aboutToShow();
    QVERIFY(fileItem->isEnabled());
    // Offering the widgets starts nothing of WebEngine: the first window does.
    QCOMPARE(profiles.openCount(), 0);
    fileItem->trigger();
    QCOMPARE(profiles.openCount(), 1);
    auto *upload = window.findChild<UploadWidgetWindow *>();
    QVERIFY(upload != nullptr);
    QVERIFY(upload->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(upload->host()->isReady(), 20000);
    QVERIFY(upload->signer() != nullptr);

    // What the person uploads there is in the browser at once, in the folder it shows.
    auto *browser = window.findChild<BrowserPage *>();
    QVERIFY(browser != nullptr);
    QCOMPARE(upload->folder(), browser->currentFolder());
    QSignalSpy written(window.uploads()->widgetWindows(session), &CloudWidgetWindows::assetsWritten);
    const QWebEngineScript play = webtest::addFrameScript(
        profiles.profile(session->record().accountId)->scripts(), u"window-upload-player"_s,
        uploadPlayer(m_sandbox.baseUrl().toString(QUrl::StripTrailingSlash) + u"/widgetcloud/image/upload/"_s
                     + asset(u"image"_s).publicId + u'.' + asset(u"image"_s).format));
    upload->host()->reload();
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 30000);
    const QString uploadedId = written.first().first().toStringList().value(0);
    const auto shown = [&] {
        const QAbstractItemModel *model = browser->assetModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(AssetListModel::AssetIdRole).toString() == uploadedId)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown(), 5000);
    profiles.profile(session->record().accountId)->scripts()->remove(play);
    upload->hide();

    // The first environment's page was made in the window's constructor, before it had the profiles:
    // its Media Library gets them all the same (it once said "not available here" in the app).
    auto *page = window.findChild<EnvironmentPage *>();
    QVERIFY(page != nullptr);
    page->showView(EnvironmentPage::View::MediaLibrary);
    QTRY_VERIFY_WITH_TIMEOUT(page->mediaLibrary()->host()->isReady(), 30000);
    QVERIFY(page->mediaLibrary()->host()->noticeTitle().isEmpty());
    page->showView(EnvironmentPage::View::Browse);

    // The Upload button's menu gets the same item once the window has profiles.
    auto *uploadMenu = window.findChild<QMenu *>(u"uploadMenu"_s);
    QVERIFY(uploadMenu != nullptr);
    Q_EMIT uploadMenu->aboutToShow();
    auto *buttonItem = window.findChild<QAction *>(u"uploadWidgetButtonAction"_s);
    QVERIFY(buttonItem != nullptr);
    QVERIFY(uploadMenu->actions().contains(buttonItem));
    buttonItem->trigger();
    QVERIFY(upload->isVisible());
    upload->hide();

    // The browser's commands for a picture: Edit in Media Editor…, Preview as Product Gallery; not the
    // Video Player. The details panel shows the same as buttons.
    auto *commands = window.findChild<BrowserCommands *>();
    QVERIFY(commands != nullptr);
    const core::catalog::CatalogAsset picture = asset(u"image"_s);
    commands->setSelection({picture});
    QAction *edit = commands->action(BrowserCommands::Command::EditInMediaEditor);
    QAction *player = commands->action(BrowserCommands::Command::PreviewInVideoPlayer);
    QAction *gallery = commands->action(BrowserCommands::Command::PreviewAsProductGallery);
    QVERIFY(edit->isVisible() && edit->isEnabled());
    QVERIFY(gallery->isVisible() && gallery->isEnabled());
    QVERIFY(player->isVisible() && !player->isEnabled());
    auto *details = window.findChild<DetailsPanel *>();
    QVERIFY(details != nullptr);
    auto *row = details->findChild<QWidget *>(u"assetActions"_s);
    QVERIFY(row != nullptr);
    QCOMPARE(row->findChildren<QToolButton *>().size(), 3);
    edit->trigger();
    auto *editor = window.findChild<MediaEditorWindow *>();
    QVERIFY(editor != nullptr);
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->asset().assetId, picture.assetId);
    QTRY_VERIFY_WITH_TIMEOUT(editor->host()->isReady(), 20000);
    editor->hide();

    // A video: the Video Player too.
    commands->setSelection({asset(u"video"_s)});
    QVERIFY(player->isEnabled());
    player->trigger();
    PreviewWindow *preview = nullptr;
    for (PreviewWindow *candidate : window.findChildren<PreviewWindow *>()) {
        if (candidate->isVisible())
            preview = candidate;
    }
    QVERIFY(preview != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(preview->bridge()->isShown(), 20000);
    preview->hide();
}
QTEST_MAIN(TestCloudWidgets)
#include "tst_cloudwidgets.moc"
