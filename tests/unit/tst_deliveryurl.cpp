// Delivery URLs against the official Node SDK (npm `cloudinary` 2.11.0, analytics off).
//
// Every expected URL below was produced by running that SDK on the same input (the rows are its
// fixtures): cloudinary.config(<config>) then cloudinary.url(<public id>, <options>). The default
// configuration is {"cloud_name":"demo","api_secret":"b"}; a row with a configuration gives it in
// full. Row names start with the section of the API reference they illustrate (c2 = hosts, c3 =
// types, c4 = escaping, c5 = versions, c6 = format/suffix/root path, c7 = signatures, c8 =
// transformation parameters, c9 = the reference's example table).

#include "core/delivery/deliveryurl.h"
#include "core/delivery/jsvalue.h"
#include "core/signing/clock.h"
#include "words/errorwords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

const QString kDefaultConfig = u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\"}"_s;

JsValue parsed(const QString &json)
{
    auto value = JsValue::parseJson(json);
    if (!value)
        qFatal("bad fixture JSON: %s", qPrintable(value.error().message));
    return value.value();
}

QJsonObject jsonObject(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

} // namespace

class TestDeliveryUrl : public QObject
{
    Q_OBJECT

private slots:
    void matchesNodeSdk_data();
    void matchesNodeSdk();
    void qjsonApiMatchesNodeSdk_data() { matchesNodeSdk_data(); }
    void qjsonApiMatchesNodeSdk();
    void rejectsWhatTheSdkRejects_data();
    void rejectsWhatTheSdkRejects();
    void deliberateDifferences_data();
    void deliberateDifferences();
    void qjsonObjectSortsKeys();
    void builderIsReusable();
    void jsonKeepsJavaScriptPropertyOrder();
    void jsonRejectsMalformedText_data();
    void jsonRejectsMalformedText();
};

void TestDeliveryUrl::matchesNodeSdk_data()
{
    QTest::addColumn<QString>("publicId");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("config"); // empty: kDefaultConfig
    QTest::addColumn<qint64>("nowMsecs"); // for auth tokens with a duration and no start time
    QTest::addColumn<bool>("orderSensitive"); // the output depends on the order of object members
    QTest::addColumn<QString>("expected");

    QTest::newRow("c9 #1 plain") << u"sample"_s << u"{}"_s << u""_s << qint64(0) << false
                                 << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #3 format") << u"sample"_s << u"{\"format\":\"png\"}"_s << u""_s << qint64(0) << false
                                  << u"https://res.cloudinary.com/demo/image/upload/sample.png"_s;
    QTest::newRow("c9 #4 format after extension")
        << u"sample.jpg"_s << u"{\"format\":\"webp\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample.jpg.webp"_s;
    QTest::newRow("c9 #5 http") << u"sample"_s << u"{\"secure\":false}"_s << u""_s << qint64(0) << false
                                << u"http://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #9 private cdn") << u"sample"_s << u"{\"private_cdn\":true}"_s << u""_s << qint64(0)
                                       << false << u"https://demo-res.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c9 #11 shared secure_distribution")
        << u"sample"_s << u"{\"secure_distribution\":\"cdn.example.com\"}"_s << u""_s << qint64(0) << false
        << u"https://cdn.example.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #12 private secure_distribution")
        << u"sample"_s << u"{\"private_cdn\":true,\"secure_distribution\":\"media.example.com\"}"_s << u""_s
        << qint64(0) << false << u"https://media.example.com/image/upload/sample"_s;
    QTest::newRow("c9 #14 cname http")
        << u"sample"_s << u"{\"cname\":\"images.example.com\",\"secure\":false}"_s << u""_s << qint64(0)
        << false << u"http://images.example.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #16 cname cdn_subdomain")
        << u"sample"_s << u"{\"cname\":\"images.example.com\",\"secure\":false,\"cdn_subdomain\":true}"_s
        << u""_s << qint64(0) << false << u"http://a1.images.example.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #18 cdn_subdomain")
        << u"sample"_s << u"{\"cdn_subdomain\":true}"_s << u""_s << qint64(0) << false
        << u"https://res-1.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c9 #22 cdn_subdomain shard 5")
        << u"another_image"_s << u"{\"cdn_subdomain\":true}"_s << u""_s << qint64(0) << false
        << u"https://res-5.cloudinary.com/demo/image/upload/another_image"_s;
    QTest::newRow("c9 #23 relative cloud") << u"sample"_s << u"{\"cloud_name\":\"/local\"}"_s << u""_s
                                           << qint64(0) << false << u"/res/local/image/upload/sample"_s;
    QTest::newRow("c9 #25 video") << u"dog"_s << u"{\"resource_type\":\"video\",\"format\":\"mp4\"}"_s
                                  << u""_s << qint64(0) << false
                                  << u"https://res.cloudinary.com/demo/video/upload/dog.mp4"_s;
    QTest::newRow("c9 #26 video poster")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"format\":\"jpg\",\"start_offset\":\"auto\"}"_s
        << u""_s << qint64(0) << false << u"https://res.cloudinary.com/demo/video/upload/so_auto/dog.jpg"_s;
    QTest::newRow("c2 private http") << u"sample"_s << u"{\"private_cdn\":true,\"secure\":false}"_s << u""_s
                                     << qint64(0) << false
                                     << u"http://demo-res.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c2 legacy akamai distribution")
        << u"sample"_s << u"{\"secure_distribution\":\"cloudinary-a.akamaihd.net\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 cname ignored on https")
        << u"sample"_s << u"{\"cname\":\"images.example.com\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 cdn_subdomain http")
        << u"sample"_s << u"{\"cdn_subdomain\":true,\"secure\":false}"_s << u""_s << qint64(0) << false
        << u"http://res-1.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 cdn_subdomain shard of sample.jpg")
        << u"sample.jpg"_s << u"{\"cdn_subdomain\":true}"_s << u""_s << qint64(0) << false
        << u"https://res-4.cloudinary.com/demo/image/upload/sample.jpg"_s;
    QTest::newRow("c2 secure_cdn_subdomain off")
        << u"sample"_s << u"{\"cdn_subdomain\":true,\"secure_cdn_subdomain\":false}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 private secure_cdn_subdomain")
        << u"sample"_s << u"{\"private_cdn\":true,\"cdn_subdomain\":true,\"secure_cdn_subdomain\":true}"_s
        << u""_s << qint64(0) << false << u"https://demo-res-1.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c2 private cdn_subdomain http")
        << u"sample"_s << u"{\"private_cdn\":true,\"cdn_subdomain\":true,\"secure\":false}"_s << u""_s
        << qint64(0) << false << u"http://demo-res-1.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c2 private cdn_subdomain https ignored")
        << u"sample"_s << u"{\"private_cdn\":true,\"cdn_subdomain\":true}"_s << u""_s << qint64(0) << false
        << u"https://demo-res.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c2 shard counts suffix and format")
        << u"sample"_s << u"{\"cdn_subdomain\":true,\"url_suffix\":\"nice\",\"format\":\"jpg\"}"_s << u""_s
        << qint64(0) << false << u"https://res-4.cloudinary.com/demo/images/sample/nice.jpg"_s;
    QTest::newRow("c2 config private_cdn text false is true")
        << u"sample"_s << u"{}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"private_cdn\":\"false\"}"_s << qint64(0) << false
        << u"https://demo-res.cloudinary.com/image/upload/sample"_s;
    QTest::newRow("c2 config secure false ignored")
        << u"sample"_s << u"{}"_s << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"secure\":false}"_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 config cdn_subdomain text")
        << u"sample"_s << u"{}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"cdn_subdomain\":\"true\"}"_s << qint64(0)
        << false << u"https://res-1.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 config distribution from url path")
        << u"sample"_s << u"{}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"private_cdn\":true,\"secure_distribution\":\"cdn.example.com\"}"_s
        << qint64(0) << false << u"https://cdn.example.com/image/upload/sample"_s;
    QTest::newRow("c2 option overrides config")
        << u"sample"_s << u"{\"private_cdn\":false}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"private_cdn\":true}"_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 secure text false is https")
        << u"sample"_s << u"{\"secure\":\"false\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 secure 0 is http") << u"sample"_s << u"{\"secure\":0}"_s << u""_s << qint64(0) << false
                                         << u"http://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("c2 relative cloud keeps folder rule")
        << u"folder/sample"_s << u"{\"cloud_name\":\"/local\",\"width\":10}"_s << u""_s << qint64(0) << false
        << u"/res/local/image/upload/w_10/v1/folder/sample"_s;
    QTest::newRow("c2 cloud name case kept")
        << u"sample"_s << u"{}"_s << u"{\"cloud_name\":\"MyCloud\",\"api_secret\":\"b\"}"_s << qint64(0)
        << false << u"https://res.cloudinary.com/MyCloud/image/upload/sample"_s;
    QTest::newRow("c3 raw") << u"docs/report.pdf"_s << u"{\"resource_type\":\"raw\"}"_s << u""_s << qint64(0)
                            << false << u"https://res.cloudinary.com/demo/raw/upload/v1/docs/report.pdf"_s;
    QTest::newRow("c3 private") << u"sample"_s << u"{\"type\":\"private\"}"_s << u""_s << qint64(0) << false
                                << u"https://res.cloudinary.com/demo/image/private/sample"_s;
    QTest::newRow("c3 authenticated")
        << u"sample"_s << u"{\"type\":\"authenticated\",\"format\":\"png\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/authenticated/sample.png"_s;
    QTest::newRow("c3 facebook") << u"4"_s << u"{\"type\":\"facebook\",\"format\":\"jpg\"}"_s << u""_s
                                 << qint64(0) << false
                                 << u"https://res.cloudinary.com/demo/image/facebook/4.jpg"_s;
    QTest::newRow("c3 twitter_name") << u"cloudinary"_s << u"{\"type\":\"twitter_name\"}"_s << u""_s
                                     << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/twitter_name/cloudinary"_s;
    QTest::newRow("c3 gravatar")
        << u"e3264cf16f34ecd3c7c564f5668cbc1e"_s << u"{\"type\":\"gravatar\",\"format\":\"jpg\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/gravatar/e3264cf16f34ecd3c7c564f5668cbc1e.jpg"_s;
    QTest::newRow("c3 youtube") << u"o-urnlaJpOA"_s << u"{\"type\":\"youtube\"}"_s << u""_s << qint64(0)
                                << false << u"https://res.cloudinary.com/demo/image/youtube/o-urnlaJpOA"_s;
    QTest::newRow("c3 list") << u"logo"_s
                             << u"{\"type\":\"list\",\"resource_type\":\"image\",\"format\":\"json\"}"_s
                             << u""_s << qint64(0) << false
                             << u"https://res.cloudinary.com/demo/image/list/logo.json"_s;
    QTest::newRow("c3 sprite") << u"logo"_s << u"{\"type\":\"sprite\",\"format\":\"css\"}"_s << u""_s
                               << qint64(0) << false
                               << u"https://res.cloudinary.com/demo/image/sprite/logo.css"_s;
    QTest::newRow("c3 remote id returned as is")
        << u"https://example.com/a b.jpg"_s << u"{\"width\":100}"_s << u""_s << qint64(0) << false
        << u"https://example.com/a b.jpg"_s;
    QTest::newRow("c3 remote id returned as is, upper case")
        << u"HTTP://example.com/x"_s << u"{}"_s << u""_s << qint64(0) << false << u"HTTP://example.com/x"_s;
    QTest::newRow("c3 fetch") << u"https://example.com/a.jpg"_s << u"{\"type\":\"fetch\"}"_s << u""_s
                              << qint64(0) << false
                              << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/a.jpg"_s;
    QTest::newRow("c3 fetch escaping")
        << u"https://example.com/a b.jpg?x=1&y=2,3(4)+5%6"_s << u"{\"type\":\"fetch\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/a%20b.jpg%3Fx%3D1%26y%3D2%2C3%284%29%2B5%256"_s;
    QTest::newRow("c3 fetch format is f_")
        << u"https://example.com/a.jpg"_s << u"{\"type\":\"fetch\",\"format\":\"png\",\"width\":100}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/fetch/f_png,w_100/https://example.com/a.jpg"_s;
    QTest::newRow("c3 fetch keeps fetch_format")
        << u"https://example.com/a.jpg"_s
        << u"{\"type\":\"fetch\",\"format\":\"png\",\"fetch_format\":\"auto\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/fetch/f_auto/https://example.com/a.jpg"_s;
    QTest::newRow("c3 fetch no default version")
        << u"https://example.com/folder/a.jpg"_s << u"{\"type\":\"fetch\",\"width\":50}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/fetch/w_50/https://example.com/folder/a.jpg"_s;
    QTest::newRow("c3 http id with explicit upload type")
        << u"http://example.com/a.jpg"_s << u"{\"type\":\"upload\",\"format\":\"png\",\"url_suffix\":\"x\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/images/http://example.com/a.jpg"_s;
    QTest::newRow("c3 preloaded")
        << u"image/upload/v1234/folder/sample.jpg"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v1234/folder/sample.jpg"_s;
    QTest::newRow("c3 preloaded raw")
        << u"raw/upload/v5/docs/a.pdf"_s << u"{\"width\":10}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/raw/upload/w_10/v5/docs/a.pdf"_s;
    QTest::newRow("c3 preloaded private")
        << u"image/private/v7/sample.png"_s << u"{\"sign_url\":true}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/private/s--Zgn15vWq--/v7/sample.png"_s;
    QTest::newRow("c3 video is not preloaded")
        << u"video/upload/v5/a"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v1/video/upload/v5/a"_s;
    QTest::newRow("c4 already encoded") << u"a%20b"_s << u"{}"_s << u""_s << qint64(0) << false
                                        << u"https://res.cloudinary.com/demo/image/upload/a%20b"_s;
    QTest::newRow("c4 escaped characters")
        << u"a+b,c?d#e&f=g@h"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/a%2Bb%2Cc%3Fd%23e%26f%3Dg%40h"_s;
    QTest::newRow("c4 kept characters")
        << u"A-Za-z0-9-_.!~*'():/x"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v1/A-Za-z0-9-_.!~*'():/x"_s;
    QTest::newRow("c4 unicode")
        << u"ünïcødé/日本"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v1/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E6%97%A5%E6%9C%AC"_s;
    QTest::newRow("c4 space") << u"dir/file name.png"_s << u"{}"_s << u""_s << qint64(0) << false
                              << u"https://res.cloudinary.com/demo/image/upload/v1/dir/file%20name.png"_s;
    QTest::newRow("c4 double slash") << u"folder//sample"_s << u"{}"_s << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/v1/folder/sample"_s;
    QTest::newRow("c4 triple slash") << u"a///b"_s << u"{}"_s << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/v1/a//b"_s;
    QTest::newRow("c4 colon double slash kept")
        << u"x:/y//z"_s << u"{}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v1/x:/y/z"_s;
    QTest::newRow("c4 encoded slash decoded") << u"a%2Fb"_s << u"{}"_s << u""_s << qint64(0) << false
                                              << u"https://res.cloudinary.com/demo/image/upload/v1/a/b"_s;
    QTest::newRow("c4 encoded colon decoded") << u"a%3Ab"_s << u"{}"_s << u""_s << qint64(0) << false
                                              << u"https://res.cloudinary.com/demo/image/upload/a:b"_s;
    QTest::newRow("c5 version") << u"sample"_s << u"{\"version\":1234,\"format\":\"jpg\"}"_s << u""_s
                                << qint64(0) << false
                                << u"https://res.cloudinary.com/demo/image/upload/v1234/sample.jpg"_s;
    QTest::newRow("c5 version text") << u"sample"_s << u"{\"version\":\"v123\"}"_s << u""_s << qint64(0)
                                     << false
                                     << u"https://res.cloudinary.com/demo/image/upload/vv123/sample"_s;
    QTest::newRow("c5 default v1") << u"folder/sample"_s << u"{}"_s << u""_s << qint64(0) << false
                                   << u"https://res.cloudinary.com/demo/image/upload/v1/folder/sample"_s;
    QTest::newRow("c5 force_version off")
        << u"folder/sample"_s << u"{\"force_version\":false}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/folder/sample"_s;
    QTest::newRow("c5 force_version off keeps explicit")
        << u"folder/sample"_s << u"{\"force_version\":false,\"version\":55}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/v55/folder/sample"_s;
    QTest::newRow("c5 id already versioned") << u"v123/sample"_s << u"{}"_s << u""_s << qint64(0) << false
                                             << u"https://res.cloudinary.com/demo/image/upload/v123/sample"_s;
    QTest::newRow("c5 config force_version text false is true")
        << u"folder/sample"_s << u"{}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"force_version\":\"false\"}"_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/v1/folder/sample"_s;
    QTest::newRow("c5 config force_version false")
        << u"folder/sample"_s << u"{}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"force_version\":false}"_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/folder/sample"_s;
    QTest::newRow("c5 version zero") << u"sample"_s << u"{\"version\":0}"_s << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/v0/sample"_s;
    QTest::newRow("c6 url_suffix")
        << u"sample"_s
        << u"{\"url_suffix\":\"nice-name\",\"format\":\"jpg\",\"width\":100,\"crop\":\"scale\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/images/c_scale,w_100/sample/nice-name.jpg"_s;
    QTest::newRow("c6 url_suffix private")
        << u"sample"_s << u"{\"url_suffix\":\"nice\",\"type\":\"private\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/private_images/sample/nice"_s;
    QTest::newRow("c6 url_suffix authenticated")
        << u"sample"_s << u"{\"url_suffix\":\"nice\",\"type\":\"authenticated\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/authenticated_images/sample/nice"_s;
    QTest::newRow("c6 url_suffix raw")
        << u"doc"_s << u"{\"url_suffix\":\"nice\",\"resource_type\":\"raw\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/files/doc/nice"_s;
    QTest::newRow("c6 url_suffix video")
        << u"dog"_s << u"{\"url_suffix\":\"nice\",\"resource_type\":\"video\",\"format\":\"mp4\"}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/videos/dog/nice.mp4"_s;
    QTest::newRow("c6 url_suffix empty") << u"sample"_s << u"{\"url_suffix\":\"\"}"_s << u""_s << qint64(0)
                                         << false << u"https://res.cloudinary.com/demo/images/sample"_s;
    QTest::newRow("c6 url_suffix signed")
        << u"sample"_s << u"{\"url_suffix\":\"nice\",\"format\":\"jpg\",\"sign_url\":true}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/images/s--v2fTPYTu--/sample/nice.jpg"_s;
    QTest::newRow("c6 use_root_path")
        << u"sample"_s << u"{\"use_root_path\":true,\"format\":\"jpg\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/sample.jpg"_s;
    QTest::newRow("c6 use_root_path with suffix")
        << u"sample"_s << u"{\"use_root_path\":true,\"url_suffix\":\"x\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/sample/x"_s;
    QTest::newRow("c6 shorten") << u"sample"_s << u"{\"shorten\":true}"_s << u""_s << qint64(0) << false
                                << u"https://res.cloudinary.com/demo/iu/sample"_s;
    QTest::newRow("c6 shorten only image upload")
        << u"sample"_s << u"{\"shorten\":true,\"type\":\"private\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/private/sample"_s;
    QTest::newRow("c6 empty format") << u"sample"_s << u"{\"format\":\"\"}"_s << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/sample."_s;
    QTest::newRow("c7 signed") << u"sample"_s << u"{\"sign_url\":true}"_s << u""_s << qint64(0) << false
                               << u"https://res.cloudinary.com/demo/image/upload/s--k6qA1NWo--/sample"_s;
    QTest::newRow("c7 signed format")
        << u"sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--v2fTPYTu--/sample.jpg"_s;
    QTest::newRow("c7 signed version not signed")
        << u"sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\",\"version\":1234}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/s--v2fTPYTu--/v1234/sample.jpg"_s;
    QTest::newRow("c7 signed private")
        << u"sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\",\"type\":\"private\"}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/private/s--v2fTPYTu--/sample.jpg"_s;
    QTest::newRow("c7 signed transformation")
        << u"sample"_s
        << u"{\"sign_url\":true,\"format\":\"jpg\",\"width\":300,\"height\":250,\"crop\":\"fill\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--IIVUncAs--/c_fill,h_250,w_300/sample.jpg"_s;
    QTest::newRow("c7 signed folder")
        << u"folder/sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--czlKab3H--/v1/folder/sample.jpg"_s;
    QTest::newRow("c7 long signature")
        << u"sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\",\"long_url_signature\":true}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg"_s;
    QTest::newRow("c7 sha256 short")
        << u"sample"_s << u"{\"sign_url\":true,\"format\":\"jpg\",\"signature_algorithm\":\"sha256\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--2hbrSMPO--/sample.jpg"_s;
    QTest::newRow("c7 signed fetch")
        << u"https://example.com/a.jpg"_s << u"{\"sign_url\":true,\"type\":\"fetch\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/fetch/s--ks8cMCBe--/https://example.com/a.jpg"_s;
    QTest::newRow("c7 config sign_url text")
        << u"sample"_s << u"{}"_s << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"sign_url\":\"true\"}"_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/s--k6qA1NWo--/sample"_s;
    QTest::newRow("c7 config sha256")
        << u"sample"_s << u"{\"sign_url\":true}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"signature_algorithm\":\"sha256\"}"_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/s--4vs4r-4_--/sample"_s;
    QTest::newRow("c7 secret from options")
        << u"sample"_s << u"{\"sign_url\":true,\"api_secret\":\"other\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--pxcmPGfn--/sample"_s;
    QTest::newRow("c7 signed escaped id")
        << u"a b/(c).jpg"_s << u"{\"sign_url\":true}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--5wJEp2ey--/v1/a%20b/(c).jpg"_s;
    QTest::newRow("c7 signed with null secret signs 'null'")
        << u"sample"_s << u"{\"sign_url\":true}"_s << u"{\"cloud_name\":\"demo\",\"api_secret\":null}"_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/s--2JYjs7pt--/sample"_s;
    QTest::newRow("c7 signed without secret signs 'undefined'")
        << u"sample"_s << u"{\"sign_url\":true}"_s << u"{\"cloud_name\":\"demo\"}"_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--qIMzBRAB--/sample"_s;
    QTest::newRow("token start and duration")
        << u"sample"_s
        << u"{\"sign_url\":true,\"auth_token\":{\"key\":\"00112233FF99\",\"duration\":300,\"start_time\":11111111}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample?__cld_token__=st=11111111~exp=11111411~hmac=10f92f7257383a343f20a4c28a82d137fb9b7da6e4fc30bca445006f1279e8cb"_s;
    QTest::newRow("token acl list ip")
        << u"sample"_s
        << u"{\"sign_url\":true,\"auth_token\":{\"key\":\"00112233FF99\",\"duration\":\"300\",\"start_time\":11111111,\"acl\":[\"/image/*\",\"/video/*\"],\"ip\":\"1.2.3.4\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample?__cld_token__=ip=1.2.3.4~st=11111111~exp=11111111300~acl=%2fimage%2f*!%2fvideo%2f*~hmac=c91c18f26c058c8d0f16b45b22fe3de5b4c3e8d3b0d12daa4b3ecd301dc6a8b8"_s;
    QTest::newRow("token name and bad hex")
        << u"sample"_s
        << u"{\"sign_url\":true,\"width\":\"100 x\",\"auth_token\":{\"key\":\"0011223g3FF99\",\"expiration\":5,\"token_name\":\"tk\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_100_x/sample?tk=exp=5~hmac=82cebc557a241a3da21412dcb2fabe0171b16e6c7d8cfee3857d9f447db7053d"_s;
    QTest::newRow("token from config")
        << u"folder/sample"_s << u"{\"sign_url\":true,\"width\":10}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"auth_token\":{\"key\":\"abcdef\",\"duration\":\"300\",\"start_time\":\"1000\"}}"_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_10/v1/folder/sample?__cld_token__=st=1000~exp=1000300~hmac=08a6031e7d502be2b0eef078db70cfdba054021aad679c2876a0b34a0d7a02a4"_s;
    QTest::newRow("token false falls back to signature")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":false}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"auth_token\":{\"key\":\"ab\",\"expiration\":9}}"_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/s--k6qA1NWo--/sample"_s;
    QTest::newRow("token empty object signs")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":{}}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/s--k6qA1NWo--/sample"_s;
    QTest::newRow("token only with sign_url")
        << u"sample"_s << u"{\"auth_token\":{\"key\":\"ab\",\"expiration\":9}}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/sample"_s;
    QTest::newRow("token duration from now")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":{\"key\":\"ab12\",\"duration\":60}}"_s << u""_s
        << qint64(1700000000400) << false
        << u"https://res.cloudinary.com/demo/image/upload/sample?__cld_token__=exp=1700000060~hmac=26bc3e8ca665a0fab7babc26ad4af5ba8629eded33b560fae74b000cb1d950ca"_s;
    QTest::newRow("token relative url")
        << u"sample"_s
        << u"{\"sign_url\":true,\"cloud_name\":\"/local\",\"auth_token\":{\"key\":\"ab12\",\"expiration\":99}}"_s
        << u""_s << qint64(0) << false
        << u"/res/local/image/upload/sample?__cld_token__=exp=99~hmac=dd7f0c7c7d3e4b4500b5ed200772dc17b4b86a1c964e71b75742dbdd3bc55039"_s;
    QTest::newRow("token private cdn path")
        << u"sample"_s
        << u"{\"sign_url\":true,\"private_cdn\":true,\"secure_distribution\":\"media.example.com\",\"auth_token\":{\"key\":\"ab12\",\"expiration\":99}}"_s
        << u""_s << qint64(0) << false
        << u"https://media.example.com/image/upload/sample?__cld_token__=exp=99~hmac=241d6facf3ba0dc817a7e842441c8822b0ccff2801387d7b8c64f0b70f42d88d"_s;
    QTest::newRow("token url escaping")
        << u"a b/(c)"_s
        << u"{\"sign_url\":true,\"raw_transformation\":\"e_x:a\\\"b\",\"auth_token\":{\"key\":\"ab12\",\"expiration\":99}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/e_x:a\"b/v1/a%20b/(c)?__cld_token__=exp=99~hmac=081df1407014a53ebba203e11cbba65bd7a8609f27595834491cd980da93064f"_s;
    QTest::newRow("c8 condition")
        << u"sample"_s << u"{\"if\":\"w > 300 && h < 200\",\"crop\":\"scale\",\"width\":100}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_w_gt_300_and_h_lt_200,c_scale,w_100/sample"_s;
    QTest::newRow("c8 multiply") << u"sample"_s << u"{\"width\":\"initial_width * 0.5\"}"_s << u""_s
                                 << qint64(0) << false
                                 << u"https://res.cloudinary.com/demo/image/upload/w_iw_mul_0.5/sample"_s;
    QTest::newRow("c8 variables arithmetic")
        << u"sample"_s << u"{\"$a\":10,\"$b\":\"$a + $b - 1\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/$a_10,$b_$a_add_$b_sub_1/sample"_s;
    QTest::newRow("c8 minus without space kept")
        << u"sample"_s << u"{\"width\":\"iw-20\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_iw-20/sample"_s;
    QTest::newRow("c8 quoted kept")
        << u"sample"_s << u"{\"if\":\"!sale!_in_tags\",\"effect\":\"sepia\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_!sale!_in_tags,e_sepia/sample"_s;
    QTest::newRow("c8 colon prefix kept")
        << u"sample"_s << u"{\"effect\":\"preview:duration_5\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/e_preview:duration_5/sample"_s;
    QTest::newRow("c8 free text mangled")
        << u"sample"_s << u"{\"effect\":\"gen_recolor:prompt_the width\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/e_gen_recolor:prompt_the_w/sample"_s;
    QTest::newRow("c8 all operators")
        << u"sample"_s
        << u"{\"if\":\"a = 1 || b != 2 && c < 3 && d > 4 && e <= 5 && f >= 6\",\"width\":\"a * b / c + d - e ^ f\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_a_eq_1_or_b_ne_2_and_c_lt_3_and_d_gt_4_and_e_lte_5_and_f_gte_6,w_a_mul_b_div_c_add_d_sub_e_pow_f/sample"_s;
    QTest::newRow("c8 predefined names")
        << u"sample"_s
        << u"{\"$v\":\"aspect_ratio + initialAspectRatio + face_count + pageCount + current_page + page_x + pageY + duration + initial_duration + tags + height\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/$v_ar_add_iar_add_fc_add_pc_add_cp_add_px_add_py_add_du_add_idu_add_tags_add_h/sample"_s;
    QTest::newRow("c8 runs of separators")
        << u"sample"_s << u"{\"width\":\"a _ _b  c\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_a_b_c/sample"_s;
    QTest::newRow("c8 all keys order")
        << u"sample"_s
        << u"{\"angle\":10,\"aspect_ratio\":\"16:9\",\"audio_codec\":\"aac\",\"audio_frequency\":44100,\"background\":\"#ff0000\",\"bit_rate\":\"1m\",\"border\":\"5px_solid_red\",\"color\":\"#00ff00\",\"color_space\":\"srgb\",\"crop\":\"fill\",\"default_image\":\"avatar.png\",\"delay\":20,\"density\":72,\"dpr\":2,\"duration\":\"30%\",\"effect\":\"sepia\",\"end_offset\":10,\"fetch_format\":\"auto\",\"flags\":[\"progressive\",\"lossy\"],\"fps\":[24,30],\"gravity\":\"north_east\",\"height\":200,\"keyframe_interval\":2,\"opacity\":50,\"overlay\":\"logo\",\"page\":2,\"prefix\":\"pre\",\"quality\":\"auto:good\",\"radius\":20,\"start_offset\":1,\"streaming_profile\":\"hd\",\"transformation\":\"named\",\"underlay\":\"bg\",\"video_codec\":\"h264\",\"video_sampling\":4,\"width\":300,\"x\":10,\"y\":20,\"zoom\":1.5,\"if\":\"w_gt_100\",\"raw_transformation\":\"fl_x\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_w_gt_100,a_10,ac_aac,af_44100,ar_16:9,b_rgb:ff0000,bo_5px_solid_red,br_1m,c_fill,co_rgb:00ff00,cs_srgb,d_avatar.png,dl_20,dn_72,dpr_2,du_30p,e_sepia,eo_10,f_auto,fl_progressive.lossy,fps_24-30,g_north_east,h_200,ki_2,l_logo,o_50,p_pre,pg_2,q_auto:good,r_20,so_1,sp_hd,t_named,u_bg,vc_h264,vs_4,w_300,x_10,y_20,z_1.5,fl_x/sample"_s;
    QTest::newRow("c8 zero kept")
        << u"sample"_s << u"{\"angle\":0,\"opacity\":0,\"x\":0,\"y\":0,\"width\":0}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/a_0,o_0,w_0,x_0,y_0/sample"_s;
    QTest::newRow("c8 empty dropped")
        << u"sample"_s << u"{\"crop\":\"\",\"gravity\":null,\"width\":100}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_100/sample"_s;
    QTest::newRow("c8 false written")
        << u"sample"_s << u"{\"background\":false,\"crop\":false}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/b_false,c_false/sample"_s;
    QTest::newRow("c8 width height without crop")
        << u"sample"_s << u"{\"width\":200,\"height\":100}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/h_100,w_200/sample"_s;
    QTest::newRow("c8 width auto") << u"sample"_s << u"{\"width\":\"auto\",\"crop\":\"scale\"}"_s << u""_s
                                   << qint64(0) << false
                                   << u"https://res.cloudinary.com/demo/image/upload/c_scale,w_auto/sample"_s;
    QTest::newRow("c8 width auto breakpoints")
        << u"sample"_s << u"{\"width\":\"auto:breakpoints\",\"crop\":\"scale\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/c_scale,w_auto:breakpoints/sample"_s;
    QTest::newRow("c8 dpr number and text")
        << u"sample"_s << u"{\"dpr\":2,\"transformation\":[{\"dpr\":\"2.0\"}]}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/dpr_2.0/dpr_2/sample"_s;
    QTest::newRow("c8 dpr default from config")
        << u"sample"_s << u"{\"width\":10,\"transformation\":[{\"crop\":\"fill\"}]}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"dpr\":\"2.0\"}"_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/c_fill,dpr_2.0/dpr_2.0,w_10/sample"_s;
    QTest::newRow("c8 aspect ratio text kept")
        << u"sample"_s << u"{\"aspect_ratio\":\"1.0\",\"crop\":\"fill\",\"width\":100}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/ar_1.0,c_fill,w_100/sample"_s;
    QTest::newRow("c8 angle array")
        << u"sample"_s << u"{\"angle\":[\"auto_right\",\"hflip\"]}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/a_auto_right.hflip/sample"_s;
    QTest::newRow("c8 effect array") << u"sample"_s << u"{\"effect\":[\"sepia\",50]}"_s << u""_s << qint64(0)
                                     << false
                                     << u"https://res.cloudinary.com/demo/image/upload/e_sepia:50/sample"_s;
    QTest::newRow("c8 effect object")
        << u"sample"_s << u"{\"effect\":{\"sepia\":40}}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/e_sepia:40/sample"_s;
    QTest::newRow("c8 effect object two keys")
        << u"sample"_s << u"{\"effect\":{\"b\":1,\"a\":null}}"_s << u""_s << qint64(0) << true
        << u"https://res.cloudinary.com/demo/image/upload/e_b:1,a:null/sample"_s;
    QTest::newRow("c8 border object")
        << u"sample"_s << u"{\"border\":{\"width\":3,\"color\":\"#fff\"}}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/bo_3px_solid_rgb:fff/sample"_s;
    QTest::newRow("c8 border object defaults")
        << u"sample"_s << u"{\"border\":{}}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/bo_2px_solid_black/sample"_s;
    QTest::newRow("c8 border number is html")
        << u"sample"_s << u"{\"border\":5,\"width\":10}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_10/sample"_s;
    QTest::newRow("c8 background color rgb")
        << u"sample"_s << u"{\"background\":\"#ff0000\",\"color\":\"#0f0\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/b_rgb:ff0000,co_rgb:0f0/sample"_s;
    QTest::newRow("c8 background name")
        << u"sample"_s << u"{\"background\":\"blue\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/b_blue/sample"_s;
    QTest::newRow("c8 offset text") << u"dog"_s << u"{\"resource_type\":\"video\",\"offset\":\"2.5..10\"}"_s
                                    << u""_s << qint64(0) << false
                                    << u"https://res.cloudinary.com/demo/video/upload/eo_10,so_2.5/dog"_s;
    QTest::newRow("c8 offset percent")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"offset\":\"10%..90%\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/video/upload/eo_90p,so_10p/dog"_s;
    QTest::newRow("c8 offset array") << u"dog"_s << u"{\"resource_type\":\"video\",\"offset\":[1,5]}"_s
                                     << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/video/upload/eo_5,so_1/dog"_s;
    QTest::newRow("c8 offset text not a range")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"offset\":\"auto\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/eo_u,so_a/dog"_s;
    QTest::newRow("c8 offset number ignored")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"offset\":7,\"start_offset\":3}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/video/upload/dog"_s;
    QTest::newRow("c8 start offset percent")
        << u"dog"_s
        << u"{\"resource_type\":\"video\",\"start_offset\":\"10%\",\"end_offset\":\"1.5P\",\"duration\":\"30p\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/du_30p,eo_1.5p,so_10p/dog"_s;
    QTest::newRow("c8 size") << u"sample"_s << u"{\"size\":\"120x80\",\"crop\":\"fill\"}"_s << u""_s
                             << qint64(0) << false
                             << u"https://res.cloudinary.com/demo/image/upload/c_fill,h_80,w_120/sample"_s;
    QTest::newRow("c8 size without height")
        << u"sample"_s << u"{\"size\":\"120\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_120/sample"_s;
    QTest::newRow("c8 radius array")
        << u"sample"_s << u"{\"radius\":[10,20,30,40]}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/r_10:20:30:40/sample"_s;
    QTest::newRow("c8 radius text") << u"sample"_s << u"{\"radius\":\"max\"}"_s << u""_s << qint64(0) << false
                                    << u"https://res.cloudinary.com/demo/image/upload/r_max/sample"_s;
    QTest::newRow("c8 radius expression")
        << u"sample"_s << u"{\"radius\":[\"w / 2\",5]}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/r_w_div_2:5/sample"_s;
    QTest::newRow("c8 fps") << u"dog"_s << u"{\"resource_type\":\"video\",\"fps\":\"24-30\"}"_s << u""_s
                            << qint64(0) << false
                            << u"https://res.cloudinary.com/demo/video/upload/fps_24-30/dog"_s;
    QTest::newRow("c8 fps array") << u"dog"_s << u"{\"resource_type\":\"video\",\"fps\":[24,30]}"_s << u""_s
                                  << qint64(0) << false
                                  << u"https://res.cloudinary.com/demo/video/upload/fps_24-30/dog"_s;
    QTest::newRow("c8 video_codec object")
        << u"dog"_s
        << u"{\"resource_type\":\"video\",\"video_codec\":{\"codec\":\"h264\",\"profile\":\"basic\",\"level\":\"3.1\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/vc_h264:basic:3.1/dog"_s;
    QTest::newRow("c8 video_codec codec only")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"video_codec\":{\"codec\":\"h265\"}}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/video/upload/vc_h265/dog"_s;
    QTest::newRow("c8 video_codec no codec")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"video_codec\":{\"profile\":\"x\"},\"width\":1}"_s
        << u""_s << qint64(0) << false << u"https://res.cloudinary.com/demo/video/upload/w_1/dog"_s;
    QTest::newRow("c8 custom_function wasm")
        << u"sample"_s << u"{\"custom_function\":{\"function_type\":\"wasm\",\"source\":\"example.wasm\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/fn_wasm:example.wasm/sample"_s;
    QTest::newRow("c8 custom_function remote")
        << u"sample"_s
        << u"{\"custom_function\":{\"function_type\":\"remote\",\"source\":\"https://df34ra4a.execute-api.us-west-2.amazonaws.com/default/cloudinaryFunction\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/fn_remote:aHR0cHM6Ly9kZjM0cmE0YS5leGVjdXRlLWFwaS51cy13ZXN0LTIuYW1hem9uYXdzLmNvbS9kZWZhdWx0L2Nsb3VkaW5hcnlGdW5jdGlvbg/sample"_s;
    QTest::newRow("c8 custom_pre_function")
        << u"sample"_s
        << u"{\"custom_pre_function\":{\"function_type\":\"remote\",\"source\":\"https://example.com/f?x=é\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/fn_pre:remote:aHR0cHM6Ly9leGFtcGxlLmNvbS9mP3g9JUMzJUE5/sample"_s;
    QTest::newRow("c8 custom_function text")
        << u"sample"_s << u"{\"custom_function\":\"wasm:x.wasm\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/fn_wasm:x.wasm/sample"_s;
    QTest::newRow("c8 responsive_width")
        << u"sample"_s << u"{\"responsive_width\":true,\"width\":\"auto\",\"crop\":\"scale\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/c_scale,w_auto/c_limit,w_auto/sample"_s;
    QTest::newRow("c8 responsive_width custom")
        << u"sample"_s << u"{\"responsive_width\":true}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"responsive_width_transformation\":{\"width\":\"auto:50\",\"crop\":\"pad\"}}"_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/c_pad,w_auto:50/sample"_s;
    QTest::newRow("c8 keyframe streaming")
        << u"dog"_s
        << u"{\"resource_type\":\"video\",\"keyframe_interval\":0.5,\"streaming_profile\":\"full_hd\",\"format\":\"m3u8\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/ki_0.5,sp_full_hd/dog.m3u8"_s;
    QTest::newRow("chain array")
        << u"sample"_s
        << u"{\"transformation\":[{\"width\":100,\"crop\":\"fill\"},{\"effect\":\"sepia\"}],\"angle\":90}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/c_fill,w_100/e_sepia/a_90/sample"_s;
    QTest::newRow("chain single object")
        << u"sample"_s << u"{\"transformation\":{\"width\":100,\"crop\":\"fill\"},\"effect\":\"sepia\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/c_fill,w_100/e_sepia/sample"_s;
    QTest::newRow("chain named") << u"sample"_s << u"{\"transformation\":\"named\",\"width\":10}"_s << u""_s
                                 << qint64(0) << false
                                 << u"https://res.cloudinary.com/demo/image/upload/t_named,w_10/sample"_s;
    QTest::newRow("chain named list")
        << u"sample"_s << u"{\"transformation\":[\"one\",\"two\"],\"width\":10}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/t_one.two,w_10/sample"_s;
    QTest::newRow("chain mixed")
        << u"sample"_s << u"{\"transformation\":[{\"width\":10},\"named\"],\"crop\":\"fill\"}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/w_10/t_named/c_fill/sample"_s;
    QTest::newRow("chain empty objects skipped")
        << u"sample"_s << u"{\"transformation\":[{},{\"crop\":\"scale\",\"width\":0},{}]}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/c_scale,w_0/sample"_s;
    QTest::newRow("chain nested array strings verbatim")
        << u"sample"_s << u"{\"transformation\":[[{\"x\":1},\"raw/str\"]]}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/x_1/raw/str/sample"_s;
    QTest::newRow("chain format ignored inside")
        << u"sample"_s << u"{\"transformation\":[{\"width\":10,\"format\":\"png\"}]}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/w_10/sample"_s;
    QTest::newRow("chain conditional")
        << u"sample"_s
        << u"{\"transformation\":[{\"if\":\"w_lt_200\"},{\"crop\":\"scale\",\"width\":100},{\"if\":\"else\"},{\"crop\":\"scale\",\"width\":50},{\"if\":\"end\"},{\"effect\":\"sepia\"}]}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_w_lt_200/c_scale,w_100/if_else/c_scale,w_50/if_end/e_sepia/sample"_s;
    QTest::newRow("chain raw collapsed slashes")
        << u"sample"_s << u"{\"raw_transformation\":\"a//b\",\"width\":1}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_1,a/b/sample"_s;
    QTest::newRow("chain layer apply")
        << u"sample"_s
        << u"{\"transformation\":[{\"overlay\":\"logo\",\"width\":50},{\"flags\":\"layer_apply\",\"gravity\":\"south_east\",\"x\":10,\"y\":10}]}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_logo,w_50/fl_layer_apply,g_south_east,x_10,y_10/sample"_s;
    QTest::newRow("vars sorted")
        << u"sample"_s << u"{\"$width\":200,\"$height\":\"$width * 2\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/$height_$width_mul_2,$width_200/sample"_s;
    QTest::newRow("vars list keeps order")
        << u"sample"_s
        << u"{\"variables\":[[\"$width\",200],[\"$height\",\"$width * 2\"]],\"width\":\"$width\"}"_s << u""_s
        << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/$width_200,$height_$width_mul_2,w_$width/sample"_s;
    QTest::newRow("vars sort full text")
        << u"sample"_s << u"{\"$a\":1,\"$aB\":2,\"$A\":3}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/$A_3,$aB_2,$a_1/sample"_s;
    QTest::newRow("vars with if first")
        << u"sample"_s
        << u"{\"if\":\"$w > 5\",\"$w\":10,\"raw_transformation\":\"e_grayscale\",\"crop\":\"fill\"}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/if_$w_gt_5,$w_10,c_fill,e_grayscale/sample"_s;
    QTest::newRow("layer string") << u"sample"_s << u"{\"overlay\":\"brand:logo\"}"_s << u""_s << qint64(0)
                                  << false
                                  << u"https://res.cloudinary.com/demo/image/upload/l_brand:logo/sample"_s;
    QTest::newRow("layer text string")
        << u"sample"_s << u"{\"overlay\":\"text:Arial_20:Hello%20World\"}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Arial_20:Hello%20World/sample"_s;
    QTest::newRow("layer fetch string")
        << u"sample"_s << u"{\"overlay\":\"fetch:https://example.com/a b.png\"}"_s << u""_s << qint64(0)
        << false
        << u"https://res.cloudinary.com/demo/image/upload/l_fetch:aHR0cHM6Ly9leGFtcGxlLmNvbS9hJTIwYi5wbmc/sample"_s;
    QTest::newRow("layer typed fetch string")
        << u"sample"_s << u"{\"overlay\":\"video:fetch:https://a.com/x.mp4\"}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/l_video:fetch:aHR0cHM/sample"_s;
    QTest::newRow("layer public id") << u"sample"_s << u"{\"overlay\":{\"public_id\":\"brand/logo\"}}"_s
                                     << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/l_brand:logo/sample"_s;
    QTest::newRow("layer nested folders first slash only")
        << u"sample"_s << u"{\"overlay\":{\"public_id\":\"a/b/c\",\"format\":\"png\"}}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/l_a:b/c.png/sample"_s;
    QTest::newRow("layer private") << u"sample"_s
                                   << u"{\"overlay\":{\"public_id\":\"logo\",\"type\":\"private\"}}"_s
                                   << u""_s << qint64(0) << false
                                   << u"https://res.cloudinary.com/demo/image/upload/l_private:logo/sample"_s;
    QTest::newRow("layer video") << u"sample"_s
                                 << u"{\"underlay\":{\"public_id\":\"cat\",\"resource_type\":\"video\"}}"_s
                                 << u""_s << qint64(0) << false
                                 << u"https://res.cloudinary.com/demo/image/upload/u_video:cat/sample"_s;
    QTest::newRow("layer fetch url")
        << u"sample"_s << u"{\"overlay\":{\"url\":\"https://example.com/image with space.jpg?x=é\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_fetch:aHR0cHM6Ly9leGFtcGxlLmNvbS9pbWFnZSUyMHdpdGglMjBzcGFjZS5qcGc_eD0lQzMlQTk/sample"_s;
    QTest::newRow("layer text escaping")
        << u"sample"_s
        << u"{\"overlay\":{\"text\":\"Hello World, /Nice to meet you?\",\"font_family\":\"Arial\",\"font_size\":20}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Arial_20:Hello%20World%252C%20%252FNice%20to%20meet%20you%3F/sample"_s;
    QTest::newRow("layer text every style")
        << u"sample"_s
        << u"{\"overlay\":{\"text\":\"Hi $(name) (x)\",\"font_family\":\"Times New Roman\",\"font_size\":18,\"font_weight\":\"bold\",\"font_style\":\"italic\",\"text_decoration\":\"underline\",\"text_align\":\"center\",\"stroke\":\"stroke\",\"letter_spacing\":4,\"line_spacing\":2,\"font_antialiasing\":\"fast\",\"font_hinting\":\"full\"}}"_s
        << u""_s << qint64(0) << true
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Times%20New%20Roman_18_bold_italic_underline_center_stroke_letter_spacing_4_line_spacing_2_antialias_fast_hinting_full:Hi%20$(name)%20%28x%29/sample"_s;
    QTest::newRow("layer text style order follows object")
        << u"sample"_s
        << u"{\"overlay\":{\"line_spacing\":3,\"letter_spacing\":1,\"text\":\"ls\",\"font_family\":\"A\",\"font_size\":1}}"_s
        << u""_s << qint64(0) << true
        << u"https://res.cloudinary.com/demo/image/upload/l_text:A_1_line_spacing_3_letter_spacing_1:ls/sample"_s;
    QTest::newRow("layer text_style")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"x\",\"text_style\":\"$style\"}}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/l_text:$style:x/sample"_s;
    QTest::newRow("layer text defaults omitted")
        << u"sample"_s
        << u"{\"overlay\":{\"text\":\"x\",\"font_family\":\"Arial\",\"font_size\":12,\"font_weight\":\"normal\",\"text_decoration\":\"none\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Arial_12:x/sample"_s;
    QTest::newRow("layer text without style")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"only\"}}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:only/sample"_s;
    QTest::newRow("layer subtitles")
        << u"dog"_s
        << u"{\"resource_type\":\"video\",\"overlay\":{\"resource_type\":\"subtitles\",\"public_id\":\"sub/file.srt\"}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/l_subtitles:sub:file.srt/dog"_s;
    QTest::newRow("layer subtitles styled")
        << u"dog"_s
        << u"{\"resource_type\":\"video\",\"overlay\":{\"resource_type\":\"subtitles\",\"public_id\":\"sub.srt\",\"font_family\":\"Arial\",\"font_size\":20}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/video/upload/l_subtitles:Arial_20:sub.srt/dog"_s;
    QTest::newRow("layer text special characters")
        << u"sample"_s
        << u"{\"overlay\":{\"text\":\"a,b/c%d:e?f#g&h\",\"font_family\":\"Arial\",\"font_size\":10}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Arial_10:a%252Cb%252Fc%25d%3Ae%3Ff%23g%26h/sample"_s;
    QTest::newRow("layer font family spaces")
        << u"sample"_s
        << u"{\"overlay\":{\"text\":\"sample text\",\"font_family\":\"Times New Roman\",\"font_size\":18}}"_s
        << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/l_text:Times%20New%20Roman_18:sample%20text/sample"_s;
    QTest::newRow("layer number") << u"sample"_s << u"{\"overlay\":5}"_s << u""_s << qint64(0) << false
                                  << u"https://res.cloudinary.com/demo/image/upload/l_5/sample"_s;
    QTest::newRow("raw empty list leaves no empty step")
        << u""_s << u"{\"transformation\":{\"duration\":\"30%\"},\"raw_transformation\":[]}"_s << u""_s
        << qint64(0) << false << u"https://res.cloudinary.com/demo/image/upload/du_30p"_s;
    QTest::newRow("raw empty list after params")
        << u"sample"_s << u"{\"width\":1,\"raw_transformation\":[]}"_s << u""_s << qint64(0) << false
        << u"https://res.cloudinary.com/demo/image/upload/w_1,/sample"_s;
    QTest::newRow("empty public id") << u""_s << u"{\"width\":10}"_s << u""_s << qint64(0) << false
                                     << u"https://res.cloudinary.com/demo/image/upload/w_10"_s;
    QTest::newRow("public id only spaces")
        << u"a b"_s << u"{\"overlay\":\"text:Arial_20:a b\",\"secure_distribution\":\"c d.com\"}"_s << u""_s
        << qint64(0) << false << u"https://c%20d.com/demo/image/upload/l_text:Arial_20:a%20b/a%20b"_s;
    QTest::newRow("layer text family without size")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"x\",\"font_family\":\"Arial\"}}"_s << u""_s << qint64(0)
        << false << u"https://res.cloudinary.com/demo/image/upload/l_text:x/sample"_s;
}

void TestDeliveryUrl::matchesNodeSdk()
{
    QFETCH(QString, publicId);
    QFETCH(QString, options);
    QFETCH(QString, config);
    QFETCH(qint64, nowMsecs);
    QFETCH(QString, expected);

    DeliveryUrlBuilder builder(parsed(config.isEmpty() ? kDefaultConfig : config));
    FixedClock clock(nowMsecs);
    if (nowMsecs != 0)
        builder.setClock(&clock);
    const auto url = builder.build(publicId, parsed(options));
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QCOMPARE(url.value(), expected);
}

void TestDeliveryUrl::qjsonApiMatchesNodeSdk()
{
    QFETCH(QString, publicId);
    QFETCH(QString, options);
    QFETCH(QString, config);
    QFETCH(qint64, nowMsecs);
    QFETCH(bool, orderSensitive);
    QFETCH(QString, expected);

    const QJsonObject optionsObject = jsonObject(options);
    const QJsonObject configObject = jsonObject(config.isEmpty() ? kDefaultConfig : config);
    if (!orderSensitive && nowMsecs == 0) {
        const auto url = buildDeliveryUrl(publicId, optionsObject, configObject);
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
        QCOMPARE(url.value(), expected);
        return;
    }
    // The SDK's answer depends on the order of object members, which a QJsonObject does not keep
    // (it sorts them), or on a fixed clock, which the function does not take (it reads the system
    // clock). It must then answer what the builder answers for the same members in QJsonObject's
    // order, at the same moment: made just before or just after it, in case a second went by.
    const auto compact = [](const QJsonObject &object) {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    };
    const auto fromBuilder = [&] {
        return DeliveryUrlBuilder(parsed(compact(configObject)))
            .build(publicId, parsed(compact(optionsObject)));
    };
    const auto before = fromBuilder();
    const auto url = buildDeliveryUrl(publicId, optionsObject, configObject);
    const auto after = fromBuilder();
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
    QVERIFY(before.ok() && after.ok());
    QVERIFY2(url.value() == before.value() || url.value() == after.value(),
             qPrintable(url.value() + u" vs "_s + before.value()));
}

void TestDeliveryUrl::rejectsWhatTheSdkRejects_data()
{
    // Each of these makes the SDK throw (its message is quoted above each row).
    QTest::addColumn<QString>("publicId");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("reason"); // its name (errorReasonName)
    QTest::addColumn<QString>("subject");

    // Node: url_suffix should not include . or /
    QTest::newRow("url_suffix with dot") << u"sample"_s << u"{\"url_suffix\":\"a.b\"}"_s
                                         << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                         << u"UrlSuffixHasDotOrSlash"_s << QString();
    // Node: url_suffix should not include . or /
    QTest::newRow("url_suffix with slash")
        << u"sample"_s << u"{\"url_suffix\":\"a/b\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"UrlSuffixHasDotOrSlash"_s
        << QString();
    // Node: url_suffix.match is not a function
    QTest::newRow("url_suffix not text") << u"sample"_s << u"{\"url_suffix\":5}"_s
                                         << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                         << u"OptionNotString"_s << u"url_suffix"_s;
    // Node: URL Suffix only supported for image/upload, image/private, image/authenticated, video/upload and
    // raw/upload
    QTest::newRow("url_suffix for fetch")
        << u"https://example.com/a.jpg"_s << u"{\"type\":\"fetch\",\"url_suffix\":\"x\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"UrlSuffixUnsupported"_s
        << QString();
    // Node: URL Suffix only supported for image/upload, image/private, image/authenticated, video/upload and
    // raw/upload
    QTest::newRow("url_suffix for video private")
        << u"dog"_s << u"{\"resource_type\":\"video\",\"type\":\"private\",\"url_suffix\":\"x\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"UrlSuffixUnsupported"_s
        << QString();
    // Node: Root path only supported for image/upload
    QTest::newRow("use_root_path for private")
        << u"sample"_s << u"{\"use_root_path\":true,\"type\":\"private\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"RootPathUnsupported"_s
        << QString();
    // Node: Radius array should contain between 1 and 4 values
    QTest::newRow("radius five values") << u"sample"_s << u"{\"radius\":[1,2,3,4,5]}"_s
                                        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                        << u"RadiusValueCount"_s << QString();
    // Node: Radius array should contain between 1 and 4 values
    QTest::newRow("radius empty list") << u"sample"_s << u"{\"radius\":[]}"_s
                                       << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                       << u"RadiusValueCount"_s << QString();
    // Node: Corner: Cannot be null
    QTest::newRow("radius null corner") << u"sample"_s << u"{\"radius\":[null]}"_s
                                        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                        << u"RadiusCornerNull"_s << QString();
    // Node: Must supply public_id for non-text overlay
    QTest::newRow("overlay without public_id")
        << u"sample"_s << u"{\"overlay\":{}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerPublicIdMissing"_s
        << QString();
    // Node: Must supply public_id for non-text overlay
    QTest::newRow("overlay public_id not text")
        << u"sample"_s << u"{\"overlay\":{\"public_id\":123}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerPublicIdMissing"_s
        << QString();
    // Node: Must supply font_size for text in overlay/underlay
    QTest::newRow("text overlay with null font_size")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"x\",\"font_family\":\"Arial\",\"font_size\":null}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerFontSizeMissing"_s
        << QString();
    // Node: Must supply font_family for text in overlay/underlay
    QTest::newRow("text overlay without font_family")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"x\",\"font_size\":12}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerFontFamilyMissing"_s
        << QString();
    // Node: Must supply font_size for text in overlay/underlay
    QTest::newRow("text overlay style without font")
        << u"sample"_s << u"{\"overlay\":{\"text\":\"x\",\"font_weight\":\"bold\"}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerFontSizeMissing"_s
        << QString();
    // Node: Must supply either text or public_in in overlay
    QTest::newRow("typed fetch layer without url is text")
        << u"sample"_s << u"{\"overlay\":\"text:fetch:x\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"LayerTextMissing"_s
        << QString();
    // Node: background.replace is not a function
    QTest::newRow("background not text") << u"sample"_s << u"{\"background\":5}"_s
                                         << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                         << u"OptionNotString"_s << u"background"_s;
    // Node: color.replace is not a function
    QTest::newRow("color not text") << u"sample"_s << u"{\"color\":true}"_s
                                    << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                    << u"OptionNotString"_s << u"color"_s;
    // Node: (intermediate value)(intermediate value)(intermediate value).replace is not a function
    QTest::newRow("border color not text")
        << u"sample"_s << u"{\"border\":{\"color\":5}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"OptionNotString"_s
        << u"border.color"_s;
    // Node: (intermediate value)(intermediate value)(intermediate value).replace is not a function
    QTest::newRow("border color false") << u"sample"_s << u"{\"border\":{\"color\":false}}"_s
                                        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                        << u"OptionNotString"_s << u"border.color"_s;
    // Node: size.split is not a function or its return value is not iterable
    QTest::newRow("size not text") << u"sample"_s << u"{\"size\":5}"_s
                                   << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                   << u"SizeNotString"_s << QString();
    // Node: variablesParam.map is not a function
    QTest::newRow("variables not a list") << u"sample"_s << u"{\"variables\":\"ab\"}"_s
                                          << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                          << u"VariablesNotList"_s << QString();
    // Node: number 5 is not iterable (cannot read property Symbol(Symbol.iterator))
    QTest::newRow("variables entry not a pair")
        << u"sample"_s << u"{\"variables\":[5]}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"VariableNotPair"_s
        << QString();
    // Node: Signature algorithm md5 is not supported. Supported algorithms: sha1, sha256
    QTest::newRow("unsupported signature algorithm")
        << u"sample"_s << u"{\"sign_url\":true,\"signature_algorithm\":\"md5\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
        << u"SignatureAlgorithmUnsupported"_s << u"md5"_s;
    // Node: Signature algorithm  is not supported. Supported algorithms: sha1, sha256
    QTest::newRow("empty signature algorithm")
        << u"sample"_s << u"{\"sign_url\":true,\"signature_algorithm\":\"\"}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
        << u"SignatureAlgorithmUnsupported"_s << QString();
    // Node: Must supply cloud_name in tag or in configuration
    QTest::newRow("missing cloud_name") << u"sample"_s << u"{}"_s << u"{\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                        << u"DeliveryCloudNameMissing"_s << QString();
    // Node: Must supply cloud_name in tag or in configuration
    QTest::newRow("empty cloud_name") << u"sample"_s << u"{\"cloud_name\":\"\"}"_s
                                      << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
                                      << u"DeliveryCloudNameMissing"_s << QString();
    // Node: URI malformed
    QTest::newRow("bad percent escape")
        << u"50% off"_s << u"{}"_s << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
        << u"PublicIdBadPercentEscape"_s << QString();
    // Node: URI malformed
    QTest::newRow("invalid UTF-8 escape")
        << u"%E9"_s << u"{}"_s << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s
        << u"PublicIdBadPercentEscape"_s << QString();
    // Node: Must provide either expiration or duration
    QTest::newRow("token without expiration")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":{\"key\":\"ab\",\"start_time\":1}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"AuthTokenExpiryMissing"_s
        << QString();
    // Node: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an
    // Array-like Object. Received type number (5)
    QTest::newRow("token key not text")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":{\"key\":5,\"expiration\":1}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"AuthTokenKeyNotText"_s
        << QString();
    // Node: string.replace is not a function
    QTest::newRow("token acl not text")
        << u"sample"_s << u"{\"sign_url\":true,\"auth_token\":{\"key\":\"ab\",\"expiration\":1,\"acl\":5}}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"AuthTokenAclNotText"_s
        << QString();
    // Node: Maximum call stack size exceeded
    QTest::newRow("config responsive_width recurses")
        << u"sample"_s << u"{\"width\":10}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\",\"responsive_width\":\"false\"}"_s
        << u"TransformationTooDeep"_s << QString();
    // Node: Cannot read properties of null (reading 'responsive_width')
    QTest::newRow("null inside nested transformation list")
        << u"sample"_s << u"{\"transformation\":[[null]]}"_s
        << u"{\"cloud_name\":\"demo\",\"api_secret\":\"S3cr3tValue_XYZ\"}"_s << u"TransformationNull"_s
        << QString();
}

void TestDeliveryUrl::rejectsWhatTheSdkRejects()
{
    QFETCH(QString, publicId);
    QFETCH(QString, options);
    QFETCH(QString, config);
    QFETCH(QString, reason);
    QFETCH(QString, subject);

    const auto url = DeliveryUrlBuilder(parsed(config)).build(publicId, parsed(options));
    QVERIFY2(!url.ok(), qPrintable(url.ok() ? url.value() : QString()));
    QCOMPARE(url.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(errorReasonName(url.error().reason), reason);
    QCOMPARE(url.error().subject, subject);
    // What stratus-cli prints (urlcommand.cpp): the words of the reason.
    const QString printed = stratus::words::ErrorWords::text(url.error());
    QVERIFY(!printed.isEmpty());
    QVERIFY2(!printed.contains(u"S3cr3tValue_XYZ"), qPrintable(printed));
}

void TestDeliveryUrl::deliberateDifferences_data()
{
    QTest::addColumn<QString>("publicId");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("nodeSdk");

    // Non-ASCII in a fetched URL: UTF-8 escapes, where the SDK writes UTF-16 code units.
    QTest::newRow("fetch non-ASCII")
        << u"https://example.com/caf\u00e9/\u65e5.jpg"_s << u"{\"type\":\"fetch\"}"_s
        << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/caf%C3%A9/%E6%97%A5.jpg"_s
        << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/caf%E9/%65E5.jpg"_s;
    // A control character gets two hex digits; the SDK's `%9` would swallow the next character.
    QTest::newRow("fetch tab") << u"https://example.com/a\tb"_s << u"{\"type\":\"fetch\"}"_s
                               << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/a%09b"_s
                               << u"https://res.cloudinary.com/demo/image/fetch/https://example.com/a%9b"_s;
    // Never the analytics parameter, even when asked for.
    QTest::newRow("no analytics") << u"sample"_s << u"{\"analytics\":true,\"urlAnalytics\":true}"_s
                                  << u"https://res.cloudinary.com/demo/image/upload/sample"_s
                                  << u"https://res.cloudinary.com/demo/image/upload/sample?_a=BAMAROfk0"_s;
}

void TestDeliveryUrl::deliberateDifferences()
{
    QFETCH(QString, publicId);
    QFETCH(QString, options);
    QFETCH(QString, expected);
    QFETCH(QString, nodeSdk);

    const auto url = DeliveryUrlBuilder(parsed(kDefaultConfig)).build(publicId, parsed(options));
    QVERIFY(url.ok());
    QCOMPARE(url.value(), expected);
    QVERIFY(url.value() != nodeSdk);
}

void TestDeliveryUrl::qjsonObjectSortsKeys()
{
    // QJsonObject forgets the order members were written in; the SDK's effect object follows it.
    const QString options = u"{\"effect\":{\"b\":1,\"a\":null}}"_s;
    const auto ordered = DeliveryUrlBuilder(parsed(kDefaultConfig)).build(u"sample"_s, parsed(options));
    const auto sorted = buildDeliveryUrl(u"sample"_s, jsonObject(options), jsonObject(kDefaultConfig));
    QCOMPARE(ordered.value(), u"https://res.cloudinary.com/demo/image/upload/e_b:1,a:null/sample"_s);
    QCOMPARE(sorted.value(), u"https://res.cloudinary.com/demo/image/upload/e_a:null,b:1/sample"_s);
}

void TestDeliveryUrl::builderIsReusable()
{
    // One builder, many URLs, config applied to each and options never leaking between calls.
    const DeliveryUrlBuilder builder(
        parsed(u"{\"cloud_name\":\"demo\",\"api_secret\":\"b\",\"sign_url\":true}"_s));
    const auto first = builder.build(u"sample"_s, parsed(u"{\"width\":100,\"crop\":\"fill\"}"_s));
    const auto second = builder.build(u"sample"_s, JsValue());
    QCOMPARE(first.value(),
             u"https://res.cloudinary.com/demo/image/upload/s--Vkc0oxfL--/c_fill,w_100/sample"_s);
    QCOMPARE(second.value(), u"https://res.cloudinary.com/demo/image/upload/s--k6qA1NWo--/sample"_s);
}

void TestDeliveryUrl::jsonKeepsJavaScriptPropertyOrder()
{
    const auto value = JsValue::parseJson(u"{\"b\":1,\"a\":2,\"10\":3,\"2\":4,\"b\":5}"_s);
    QVERIFY(value.ok());
    QStringList keys;
    for (const auto &member : value->members())
        keys << member.first;
    // Array-index keys first in numeric order, then insertion order; a repeated key keeps its place
    // and takes the last value.
    QCOMPARE(keys, (QStringList {u"2"_s, u"10"_s, u"b"_s, u"a"_s}));
    QCOMPARE(value->member(u"b").numberValue(), 5.0);
}

void TestDeliveryUrl::jsonRejectsMalformedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason"); // its name (errorReasonName)
    QTest::addColumn<QString>("offset"); // where the parser stopped, the error's subject
    QTest::newRow("trailing comma") << u"{\"a\":1,}"_s << u"JsonMemberNameExpected"_s << u"7"_s;
    QTest::newRow("single quotes") << u"{'a':1}"_s << u"JsonMemberNameExpected"_s << u"1"_s;
    QTest::newRow("bare word") << u"{\"a\":yes}"_s << u"JsonUnexpectedCharacter"_s << u"5"_s;
    QTest::newRow("leading zero") << u"[01]"_s << u"JsonCommaOrBracketExpected"_s << u"2"_s;
    QTest::newRow("unterminated") << u"{\"a\":\"b"_s << u"JsonUnterminatedString"_s << u"7"_s;
    QTest::newRow("control character") << u"\"a\tb\""_s << u"JsonControlCharacter"_s << u"2"_s;
    QTest::newRow("two values") << u"{} {}"_s << u"JsonTextAfterValue"_s << u"3"_s;
    QTest::newRow("empty") << QString() << u"JsonUnexpectedEnd"_s << u"0"_s;
}

void TestDeliveryUrl::jsonRejectsMalformedText()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QFETCH(QString, offset);
    const auto value = JsValue::parseJson(text);
    QVERIFY(!value.ok());
    QCOMPARE(value.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(errorReasonName(value.error().reason), reason);
    QCOMPARE(value.error().subject, offset);
    // stratus-cli prints where and why, as it did when core built the sentence.
    const QString words = stratus::words::ErrorWords::text(value.error());
    QVERIFY2(words.startsWith(u"invalid JSON at offset "_s + offset + u": "_s), qPrintable(words));
}

QTEST_GUILESS_MAIN(TestDeliveryUrl)
#include "tst_deliveryurl.moc"
