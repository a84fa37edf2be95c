// The sandbox's stand-in Video Player and Product Gallery (issue 15, points 4, 6 and 7) in a real,
// offscreen Qt WebEngine against an in-process sandbox: host pages of origin https://stratus.test
// load the scripts from the sandbox as the app's preview pages do. The player plays a sandbox video
// (muted: offscreen may have no audio), fires its events and seeks (the sandbox answers byte
// ranges); the gallery renders assets, switches its main view by setItem() and the arrow keys, and
// reads a tag's client-side list. Nothing any page asked for or said carries the API secret.
#include "standinwidgettest.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace standin;

class TestSandboxPreviews : public StandInTest
{
    Q_OBJECT

private slots:
    void initTestCase() { openSandbox(); }
    void loadersServed();
    void videoDeliveryHonoursRanges();
    void playerPlaysSandboxVideo();
    void galleryRendersAndSwitches();
    void galleryReadsTagList();
};

void TestSandboxPreviews::loadersServed()
{
    // Under the clients' name, with the delivery base written in and no secret.
    const Reply player = get(m_net, QUrl(base() + u"/widgets/video-player/player.min.js"_s));
    QCOMPARE(player.status, 200);
    QVERIFY(player.body.contains(QByteArray("\"" + base().toLatin1() + "\"")));
    QCOMPARE(get(m_net, QUrl(base() + u"/widgets/video-player/player.min.css"_s)).status, 200);
    const Reply gallery = get(m_net, QUrl(base() + u"/widgets/product-gallery/all.js"_s));
    QCOMPARE(gallery.status, 200);
    QVERIFY(gallery.body.contains(QByteArray("\"" + base().toLatin1() + "\"")));
    for (const Reply &reply : {player, gallery})
        QVERIFY(!reply.body.contains(kSecret.toLatin1()));
    QCOMPARE(get(m_net, QUrl(base() + u"/widgets/product-gallery/other.js"_s)).status, 404);

    // The editor's page only on the widgets origin, with a strict policy; its asset look-up answers
    // public assets only.
    verifyEditorPageServed();
}

void TestSandboxPreviews::videoDeliveryHonoursRanges()
{
    // Seeking in a <video> asks for byte ranges: the sandbox answers them with 206.
    const QUrl url(base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    const Reply whole = get(m_net, url);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body.size(), m_video->bytes);
    const Reply part = get(m_net, url, {}, "bytes=100-199");
    QCOMPARE(part.status, 206);
    QCOMPARE(part.body, whole.body.mid(100, 100));
    QCOMPARE(part.header("Content-Range"), "bytes 100-199/" + QByteArray::number(m_video->bytes));
    // A trimmed video's URL (what the editor exports) answers too.
    const QUrl trimmed(base() + u"/%1/video/upload/eo_1.5,so_0.5/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QCOMPARE(get(m_net, trimmed).status, 200);
}

void TestSandboxPreviews::playerPlaysSandboxVideo()
{
    HostPage host;
    const QString head = uR"(<link rel="stylesheet" href="%1/widgets/video-player/player.min.css">
<script src="%1/widgets/video-player/player.min.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<video id="player" class="cld-video-player"></video>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.videoPlayer === 'function'"_s));
    // Muted: the offscreen platform may have no audio output.
    evaluate(host.page, uR"(
        window.__events = [];
        window.__player = cloudinary.videoPlayer('player', {cloudName: '%1', publicId: '%2', muted: true,
                                                           controls: true, fluid: true,
                                                           playedEventPercents: [50]});
        ['play', 'pause', 'loadedmetadata', 'loadeddata', 'timeupdate', 'seeked', 'percentsplayed',
         'sourcechanged', 'error'].forEach(function (name) {
            window.__player.on(name, function (event) {
                if (window.__events.indexOf(name) < 0 || name === 'percentsplayed')
                    window.__events.push(name + (event.eventData ? ':' + JSON.stringify(event.eventData) : ''));
            });
        });
    )"_s.arg(kCloud, m_video->publicId));
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__player.videoElement.readyState"_s).toInt() >= 2,
                              qPrintable(host.page->messages.join(u'\n') + u'\n'
                                         + evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              20000);
    QVERIFY(qAbs(evaluate(host.page, u"window.__player.duration()"_s).toDouble() - m_video->duration) < 0.25);
    QCOMPARE(evaluate(host.page, u"window.__player.isMuted()"_s).toBool(), true);
    QCOMPARE(evaluate(host.page, u"window.__player.currentSourceUrl()"_s).toString(),
             base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QVERIFY(evaluate(host.page, u"document.querySelector('.cld-video-player .cld-vp-controls') !== null"_s)
                .toBool());

    evaluate(host.page, u"window.__player.play()"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(evaluate(host.page, u"window.__player.currentTime()"_s).toDouble() > 0.3,
                              qPrintable(evaluate(host.page, u"window.__events.join('\\n')"_s).toString()),
                              15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.indexOf('percentsplayed:{\"percent\":50}') >= 0"_s).toBool(),
        15000);
    evaluate(host.page, u"window.__player.pause().currentTime(0.2)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__events.indexOf('seeked') >= 0"_s).toBool(),
                             10000);
    const QString events = evaluate(host.page, u"window.__events.join(',')"_s).toString();
    for (const QString &name : {u"loadedmetadata"_s, u"play"_s, u"timeupdate"_s, u"pause"_s})
        QVERIFY2(events.contains(name), qPrintable(events));
    QVERIFY2(!events.contains(u"error"_s), qPrintable(events));
    // Another source: the event says so, and the new one loads.
    evaluate(host.page,
             u"window.__player.source('%1', {transformation: {start_offset: 1}})"_s.arg(m_video->publicId));
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.join(',')"_s).toString().contains(u"sourcechanged"_s), 5000);
    QVERIFY(evaluate(host.page, u"window.__player.currentSourceUrl()"_s)
                .toString()
                .endsWith(u"/video/upload/so_1/"_s + m_video->publicId + u".mp4"_s));
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page, u"window.__player.videoElement.readyState"_s).toInt() >= 1,
                             10000);
    // The poster is the sandbox's frame of the video.
    const QString poster = evaluate(host.page, u"window.__player.currentPoster()"_s).toString();
    QCOMPARE(get(m_net, QUrl(poster)).header("Content-Type"), "image/jpeg");
    evaluate(host.page, u"window.__player.dispose()"_s);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-video-player').length"_s).toInt(), 0);
    verifyNoSecret(host);
}

void TestSandboxPreviews::galleryRendersAndSwitches()
{
    HostPage host;
    const QString head = uR"(<script src="%1/widgets/product-gallery/all.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<div id="gallery" style="width:640px"></div>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.galleryWidget === 'function'"_s));
    QJsonArray assets;
    for (const Asset *picture : std::as_const(m_pictures))
        assets.append(QJsonObject {{u"publicId"_s, picture->publicId}, {u"altText"_s, picture->displayName}});
    assets.append(QJsonObject {{u"publicId"_s, m_video->publicId}, {u"mediaType"_s, u"video"_s}});
    const QJsonObject options {{u"container"_s, u"#gallery"_s},
                               {u"cloudName"_s, kCloud},
                               {u"mediaAssets"_s, assets},
                               {u"aspectRatio"_s, u"4:3"_s},
                               {u"carouselLocation"_s, u"bottom"_s}};
    evaluate(host.page, uR"(
        window.__events = [];
        window.__gallery = cloudinary.galleryWidget(%1);
        window.__gallery.on('render', function (e) { window.__events.push('render:' + e.count); });
        window.__gallery.on('itemchange', function (e) { window.__events.push('item:' + e.index); });
        window.__gallery.render();
    )"_s.arg(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))));
    const auto mainImage = [&] {
        return evaluate(host.page,
                        u"(function () { var i = document.querySelector('.cld-pg-main img');"
                        u" return i && i.complete && i.naturalWidth > 0 ? i.src : ''; })()"_s)
            .toString();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(!mainImage().isEmpty(), qPrintable(host.page->messages.join(u'\n')), 20000);
    QCOMPARE(evaluate(host.page, u"window.__events.join(',')"_s).toString(), u"render:4"_s);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-pg-thumb').length"_s).toInt(), 4);
    const auto idIn = [](const QString &url, const Asset *asset) {
        return QUrl(url).path().endsWith(u'/' + asset->publicId);
    };
    QVERIFY2(idIn(mainImage(), m_pictures.at(0)), qPrintable(mainImage()));
    // Every thumbnail arrives (the video's is its poster frame).
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page,
                 u"Array.prototype.every.call(document.querySelectorAll('.cld-pg-thumb img'),"
                 u" function (i) { return i.complete && i.naturalWidth > 0; })"_s)
            .toBool(),
        15000);
    QCOMPARE(evaluate(host.page, u"document.querySelector('.cld-pg-main img').alt"_s).toString(),
             m_pictures.at(0)->displayName);

    evaluate(host.page, u"window.__gallery.setItem(2)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idIn(mainImage(), m_pictures.at(2)), 10000);
    QCOMPARE(evaluate(host.page, u"document.querySelector('.cld-pg-thumb.cld-pg-selected').dataset.index"_s)
                 .toString(),
             u"2"_s);
    // The right arrow key moves on to the video, shown in a <video> from the sandbox.
    evaluate(host.page,
             u"document.querySelector('.cld-pg').dispatchEvent("
             u"new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"document.querySelector('.cld-pg-main video') !== null"_s).toBool(), 5000);
    const QString videoUrl
        = evaluate(host.page, u"document.querySelector('.cld-pg-main video').src"_s).toString();
    QCOMPARE(videoUrl, base() + u"/%1/video/upload/%2.mp4"_s.arg(kCloud, m_video->publicId));
    QCOMPARE(evaluate(host.page, u"window.__events.join(',')"_s).toString(), u"render:4,item:2,item:3"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(host.page, u"document.querySelector('.cld-pg-main video').readyState >= 1"_s).toBool(),
        15000);

    evaluate(host.page, u"window.__gallery.destroy()"_s);
    QCOMPARE(evaluate(host.page, u"document.getElementById('gallery').children.length"_s).toInt(), 0);
    verifyNoSecret(host);
}

void TestSandboxPreviews::galleryReadsTagList()
{
    // {tag}: the gallery reads Cloudinary's client-side list, which the sandbox serves.
    const QString tag = m_pictures.at(0)->tags.value(0);
    QVERIFY(!tag.isEmpty());
    QStringList tagged;
    for (const Asset *asset : m_sandbox.store().assets(kCloud)) {
        if (asset->resourceType == u"image" && asset->tags.contains(tag))
            tagged.append(asset->publicId);
    }
    tagged.sort();
    const Reply list = get(m_net, QUrl(base() + u"/%1/image/list/%2.json"_s.arg(kCloud, tag)));
    QCOMPARE(list.status, 200);
    QStringList listed;
    for (const QJsonValue &resource : QJsonDocument::fromJson(list.body)[u"resources"].toArray())
        listed.append(resource[u"public_id"].toString());
    listed.sort();
    QCOMPARE(listed, tagged);
    QCOMPARE(get(m_net, QUrl(base() + u"/%1/image/list/no-such-tag.json"_s.arg(kCloud))).status, 404);

    HostPage host;
    const QString head = uR"(<script src="%1/widgets/product-gallery/all.js"></script>)"_s.arg(base());
    QVERIFY(
        loadHostPage(host, head, uR"(<div id="gallery" style="width:480px"></div>)"_s,
                     u"typeof cloudinary === 'object' && typeof cloudinary.galleryWidget === 'function'"_s));
    evaluate(host.page, uR"(
        window.__events = [];
        window.__gallery = cloudinary.galleryWidget({container: '#gallery', cloudName: '%1', sort: 'asc',
                                                     carouselStyle: 'indicators', carouselLocation: 'left',
                                                     mediaAssets: [{tag: '%2'}, {tag: 'no-such-tag'}]});
        window.__gallery.on('render', function (e) { window.__events.push('render:' + e.count); });
        window.__gallery.on('error', function (e) { window.__events.push('error:' + e.message); });
        window.__gallery.render();
    )"_s.arg(kCloud, tag));
    // One tag without assets: the gallery says so instead of showing half a list.
    QTRY_VERIFY_WITH_TIMEOUT(!evaluate(host.page, u"window.__events.join(',')"_s).toString().isEmpty(),
                             10000);
    QVERIFY2(evaluate(host.page, u"window.__events[0]"_s).toString().startsWith(u"error:"_s),
             qPrintable(evaluate(host.page, u"window.__events[0]"_s).toString()));
    evaluate(host.page,
             uR"(window.__events = []; window.__gallery.update({mediaAssets: [{tag: '%1'}]});)"_s.arg(tag));
    QTRY_VERIFY2_WITH_TIMEOUT(
        evaluate(host.page, u"window.__events.join(',')"_s).toString() == u"render:%1"_s.arg(tagged.size()),
        qPrintable(evaluate(host.page, u"window.__events.join(',')"_s).toString()), 10000);
    QCOMPARE(evaluate(host.page, u"document.querySelectorAll('.cld-pg-dot').length"_s).toInt(),
             tagged.size());
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(host.page,
                                      u"(function () { var i = document.querySelector('.cld-pg-main img');"
                                      u" return !!i && i.complete && i.naturalWidth > 0; })()"_s)
                                 .toBool(),
                             10000);
    const QString shown = evaluate(host.page, u"document.querySelector('.cld-pg-main img').src"_s).toString();
    QVERIFY2(QUrl(shown).path().endsWith(u'/' + tagged.first()), qPrintable(shown)); // sort: 'asc'
    verifyNoSecret(host);
}

STRATUS_WEBENGINE_TEST_MAIN(TestSandboxPreviews)

#include "tst_sandboxpreviews.moc"
