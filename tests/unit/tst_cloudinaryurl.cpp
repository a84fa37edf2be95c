// CloudinaryUrl must read CLOUDINARY_URL / CLOUDINARY_ACCOUNT_URL as the official Node SDK 2.11.0
// does (API reference §a), never leak the secret in an error, and print itself back losslessly.
// The expected config objects were printed by that SDK: config(true) after setting the variable.
#include "core/config/cloudinaryurl.h"
#include "words/errorwords.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using stratus::core::CloudinaryUrl;

namespace {

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestCloudinaryUrl : public QObject
{
    Q_OBJECT

private slots:
    void sdkConfigMatchesNode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("nodeConfig");

        QTest::newRow("a: typical")
            << u"cloudinary://123456789012345:abcdeghijklmnopqrstuvwxyz12@n07t21i7"_s
            << u"{\"cloud_name\":\"n07t21i7\",\"api_key\":\"123456789012345\",\"api_secret\":\"abcdeghijklmnopqrstuvwxyz12\",\"private_cdn\":false}"_s;
        QTest::newRow("a: private cdn path")
            << u"cloudinary://key:secret@test123/cdn.example.com"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":true,\"secure_distribution\":\"cdn.example.com\"}"_s;
        QTest::newRow("a: query hosts stay text")
            << u"cloudinary://key:secret@test123?secure_distribution=cdn.example.com&cname=img.example.com"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false,\"secure_distribution\":\"cdn.example.com\",\"cname\":\"img.example.com\"}"_s;
        QTest::newRow("a: nested and text false")
            << u"cloudinary://key:secret@test123?foo[bar]=value&analytics=false"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false,\"foo\":{\"bar\":\"value\"},\"analytics\":\"false\"}"_s;
        QTest::newRow("a: key only")
            << u"cloudinary://key@test123"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"private_cdn\":false}"_s;
        QTest::newRow("a: upper-case scheme")
            << u"CLOUDINARY://key:secret@test123"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false}"_s;
        QTest::newRow("a: account")
            << u"account://prov_key:prov_secret@account-id-123"_s
            << u"{\"account_id\":\"account-id-123\",\"provisioning_api_key\":\"prov_key\",\"provisioning_api_secret\":\"prov_secret\"}"_s;
        QTest::newRow("cloud name keeps case")
            << u"cloudinary://key:secret@MyCloud"_s
            << u"{\"cloud_name\":\"MyCloud\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false}"_s;
        QTest::newRow("mixed-case scheme")
            << u"CloudInary://key:secret@demo"_s
            << u"{\"cloud_name\":\"demo\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false}"_s;
        QTest::newRow("percent escapes not decoded")
            << u"cloudinary://k:sec%40ret@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"sec%40ret\",\"private_cdn\":false}"_s;
        QTest::newRow("unsafe secret characters encoded")
            << u"cloudinary://k:s e\"c<>`{}^|;=[]\\@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s%20e%22c%3C%3E%60%7B%7D%5E%7C%3B%3D%5B%5D%5C\",\"private_cdn\":false}"_s;
        QTest::newRow("second colon belongs to the secret")
            << u"cloudinary://k:s:e:c@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s%3Ae%3Ac\",\"private_cdn\":false}"_s;
        QTest::newRow("last @ separates the host")
            << u"cloudinary://k@x:s@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k%40x\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("non-ASCII user info encoded")
            << u"cloudinary://kéy:sé@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k%C3%A9y\",\"api_secret\":\"s%C3%A9\",\"private_cdn\":false}"_s;
        QTest::newRow("empty key is null")
            << u"cloudinary://:secret@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":null,\"api_secret\":\"secret\",\"private_cdn\":false}"_s;
        QTest::newRow("empty secret after colon")
            << u"cloudinary://k:@c"_s << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"private_cdn\":false}"_s;
        QTest::newRow("no user info")
            << u"cloudinary://c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":null,\"api_secret\":null,\"private_cdn\":false}"_s;
        QTest::newRow("empty user info")
            << u"cloudinary://@c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":null,\"api_secret\":null,\"private_cdn\":false}"_s;
        QTest::newRow("port ignored")
            << u"cloudinary://k:s@c:443"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("empty port ignored")
            << u"cloudinary://k:s@c:"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("root path is no private cdn")
            << u"cloudinary://key:secret@test123/"_s
            << u"{\"cloud_name\":\"test123\",\"api_key\":\"key\",\"api_secret\":\"secret\",\"private_cdn\":false}"_s;
        QTest::newRow("double slash path")
            << u"cloudinary://k:s@c//"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":true,\"secure_distribution\":\"/\"}"_s;
        QTest::newRow("dot segments resolved")
            << u"cloudinary://k:s@c/a/b/../c"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":true,\"secure_distribution\":\"a/c\"}"_s;
        QTest::newRow("encoded dot segments resolved")
            << u"cloudinary://k:s@c/a/%2e%2E/b/."_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":true,\"secure_distribution\":\"b/\"}"_s;
        QTest::newRow("dot dot at root")
            << u"cloudinary://k:s@c/.."_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("path characters encoded")
            << u"cloudinary://k:s@c/a%20b c\"d<é>"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":true,\"secure_distribution\":\"a%20b%20c%22d%3C%C3%A9%3E\"}"_s;
        QTest::newRow("deep path")
            << u"cloudinary://k:s@c/cdn.example.com/images"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":true,\"secure_distribution\":\"cdn.example.com/images\"}"_s;
        QTest::newRow("repeated key last wins")
            << u"cloudinary://k:s@c?a=1&a=2"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"2\"}"_s;
        QTest::newRow("text then nested keeps text")
            << u"cloudinary://k:s@c?a=x&a[b]=y"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"x\"}"_s;
        QTest::newRow("nested then text replaces")
            << u"cloudinary://k:s@c?a[b]=y&a=x"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"x\"}"_s;
        QTest::newRow("deep nesting")
            << u"cloudinary://k:s@c?a[b][c]=1&a[d]=2"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":{\"b\":{\"c\":\"1\"},\"d\":\"2\"}}"_s;
        QTest::newRow("nested below text is lost")
            << u"cloudinary://k:s@c?a[b]=1&a[b][c]=2"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":{\"b\":\"1\"}}"_s;
        QTest::newRow("empty brackets")
            << u"cloudinary://k:s@c?a[]=1"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"1\"}"_s;
        QTest::newRow("stray brackets")
            << u"cloudinary://k:s@c?a]b=1&x[y=2"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":{\"b\":\"1\"},\"x\":{\"y\":\"2\"}}"_s;
        QTest::newRow("form decoding")
            << u"cloudinary://k:s@c?a+b=c+d%20e%26f%3D"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a b\":\"c d e&f=\"}"_s;
        QTest::newRow("key without value")
            << u"cloudinary://k:s@c?novalue"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"novalue\":\"\"}"_s;
        QTest::newRow("query overrides cloud name and flags")
            << u"cloudinary://k:s@c?cloud_name=other&private_cdn=true"_s
            << u"{\"cloud_name\":\"other\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":\"true\"}"_s;
        QTest::newRow("nested below boolean is lost")
            << u"cloudinary://k:s@c?private_cdn[x]=1"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("nested below null key")
            << u"cloudinary://:s@c?api_key[x]=1"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":{\"x\":\"1\"},\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("fragment ignored")
            << u"cloudinary://k:s@c?a=1#frag&b=2"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"1\"}"_s;
        QTest::newRow("empty query")
            << u"cloudinary://k:s@c?"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("empty query segments")
            << u"cloudinary://k:s@c?&&a=1&&"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"1\"}"_s;
        QTest::newRow("non-ASCII cloud name encoded")
            << u"cloudinary://k:s@Cé"_s
            << u"{\"cloud_name\":\"C%C3%A9\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("percent in cloud name kept")
            << u"cloudinary://k:s@c%zz"_s
            << u"{\"cloud_name\":\"c%zz\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("semicolon in cloud name")
            << u"cloudinary://k:s@c;x"_s
            << u"{\"cloud_name\":\"c;x\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false}"_s;
        QTest::newRow("sandbox configuration")
            << u"cloudinary://k:s@c?upload_prefix=http://127.0.0.1:8080&cname=127.0.0.1:8080&secure=false"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"upload_prefix\":\"http://127.0.0.1:8080\",\"cname\":\"127.0.0.1:8080\",\"secure\":\"false\"}"_s;
        QTest::newRow("invalid percent escape kept")
            << u"cloudinary://k:s@c?a=%zz&b=%4"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"%zz\",\"b\":\"%4\"}"_s;
        QTest::newRow("invalid UTF-8 replaced")
            << u"cloudinary://k:s@c?a=%C3&b=%E2%82"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"�\",\"b\":\"�\"}"_s;
        QTest::newRow("UTF-8 query")
            << u"cloudinary://k:s@c?caption=caf%C3%A9&raw=日本"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"caption\":\"café\",\"raw\":\"日本\"}"_s;
        QTest::newRow("__proto__ ignored")
            << u"cloudinary://k:s@c?__proto__=1&__proto__[x]=2&a[__proto__]=3"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":{}}"_s;
        QTest::newRow("inherited members")
            << u"cloudinary://k:s@c?constructor=1&toString[x]=2&valueOf[y]=3"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"constructor\":\"1\"}"_s;
        QTest::newRow("array index keys")
            << u"cloudinary://k:s@c?10=a&2=b&b[1]=c"_s
            << u"{\"2\":\"b\",\"10\":\"a\",\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"b\":{\"1\":\"c\"}}"_s;
        QTest::newRow("tabs and newlines dropped")
            << u"cloudinary://k:s\t@c\n?a=\r1"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"1\"}"_s;
        QTest::newRow("trailing space dropped")
            << u"cloudinary://k:s@c?a=1   "_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"a\":\"1\"}"_s;
        QTest::newRow("account with query")
            << u"ACCOUNT://k:s@Acc?x=1&a[b]=2"_s
            << u"{\"account_id\":\"Acc\",\"provisioning_api_key\":\"k\",\"provisioning_api_secret\":\"s\",\"x\":\"1\",\"a\":{\"b\":\"2\"}}"_s;
        QTest::newRow("account ignores path")
            << u"account://k:s@acc/path"_s
            << u"{\"account_id\":\"acc\",\"provisioning_api_key\":\"k\",\"provisioning_api_secret\":\"s\"}"_s;
        QTest::newRow("account key only")
            << u"account://k@acc"_s << u"{\"account_id\":\"acc\",\"provisioning_api_key\":\"k\"}"_s;
        QTest::newRow("account empty key")
            << u"account://:s@acc"_s
            << u"{\"account_id\":\"acc\",\"provisioning_api_key\":null,\"provisioning_api_secret\":\"s\"}"_s;
        QTest::newRow("account without user info")
            << u"account://acc"_s
            << u"{\"account_id\":\"acc\",\"provisioning_api_key\":null,\"provisioning_api_secret\":null}"_s;
        QTest::newRow("signature settings")
            << u"cloudinary://k:s@c?signature_algorithm=sha256&signature_version=1"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"signature_algorithm\":\"sha256\",\"signature_version\":\"1\"}"_s;
        QTest::newRow("auth token nested")
            << u"cloudinary://k:s@c?auth_token[key]=abcd&auth_token[duration]=300"_s
            << u"{\"cloud_name\":\"c\",\"api_key\":\"k\",\"api_secret\":\"s\",\"private_cdn\":false,\"auth_token\":{\"key\":\"abcd\",\"duration\":\"300\"}}"_s;
    }
    void sdkConfigMatchesNode()
    {
        QFETCH(QString, text);
        QFETCH(QString, nodeConfig);
        const auto url = CloudinaryUrl::parse(text);
        QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message));
        QCOMPARE(compact(url->toSdkConfig()), compact(jsonObject(nodeConfig)));
    }

    // Every URL the SDK accepts survives toString() and parse() unchanged, in value and in config.
    void roundTrip_data() { sdkConfigMatchesNode_data(); }
    void roundTrip()
    {
        QFETCH(QString, text);
        const auto url = CloudinaryUrl::parse(text);
        QVERIFY(url.ok());
        const auto again = CloudinaryUrl::parse(url->toString());
        QVERIFY2(again.ok(), qPrintable(url->toRedactedString()));
        QVERIFY2(*again == *url, qPrintable(url->toString()));
        QCOMPARE(again->toString(), url->toString());
        QCOMPARE(compact(again->toSdkConfig()), compact(url->toSdkConfig()));
    }

    void normalForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("already normal")
            << u"cloudinary://1234:abcd@demo"_s << u"cloudinary://1234:abcd@demo"_s;
        QTest::newRow("scheme lower-cased, host kept")
            << u"CLOUDINARY://Key:Secret@MyCloud"_s << u"cloudinary://Key:Secret@MyCloud"_s;
        QTest::newRow("port and fragment dropped")
            << u"cloudinary://k:s@c:443#x"_s << u"cloudinary://k:s@c"_s;
        QTest::newRow("key only") << u"cloudinary://k:@c"_s << u"cloudinary://k@c"_s;
        QTest::newRow("empty user info dropped") << u"cloudinary://@c"_s << u"cloudinary://c"_s;
        QTest::newRow("secret only") << u"cloudinary://:s@c"_s << u"cloudinary://:s@c"_s;
        QTest::newRow("user info encoded")
            << u"cloudinary://k@x:s:t @c"_s << u"cloudinary://k%40x:s%3At%20@c"_s;
        QTest::newRow("path resolved")
            << u"cloudinary://k:s@c/a/./b/../cdn.example.com"_s << u"cloudinary://k:s@c/a/cdn.example.com"_s;
        QTest::newRow("sandbox query readable")
            << u"cloudinary://k:s@c?upload_prefix=http://127.0.0.1:8080&secure=false"_s
            << u"cloudinary://k:s@c?upload_prefix=http://127.0.0.1:8080&secure=false"_s;
        QTest::newRow("query re-encoded") << u"cloudinary://k:s@c?a+b=1%2B1%3D2%26x%25&&n"_s
                                          << u"cloudinary://k:s@c?a%20b=1%2B1=2%26x%25&n="_s;
        QTest::newRow("account") << u"Account://k:s@Acc?x=1"_s << u"account://k:s@Acc?x=1"_s;
    }
    void normalForm()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto url = CloudinaryUrl::parse(text);
        QVERIFY(url.ok());
        QCOMPARE(url->toString(), expected);
    }

    void accessors()
    {
        const auto url
            = CloudinaryUrl::parse(u"cloudinary://1234:abcd@MyCloud/cdn.example.com?upload_prefix=http://"
                                   u"127.0.0.1:9&cname=img.example.com"
                                   u"&secure=false&cdn_subdomain=&flag=TRUE"_s);
        QVERIFY(url.ok());
        QCOMPARE(url->kind(), CloudinaryUrl::Kind::Cloud);
        QCOMPARE(url->apiKey(), u"1234"_s);
        QCOMPARE(url->apiSecret(), u"abcd"_s);
        QVERIFY(url->hasApiSecret());
        QCOMPARE(url->cloudName(), u"MyCloud"_s);
        QCOMPARE(url->accountId(), QString());
        QVERIFY(url->privateCdn());
        QCOMPARE(url->secureDistribution(), u"cdn.example.com"_s);
        QCOMPARE(url->uploadPrefix(), u"http://127.0.0.1:9"_s);
        QCOMPARE(url->cname(), u"img.example.com"_s);
        // JavaScript truthiness, as the SDK reads its config: the text "false" is true...
        QVERIFY(url->secure());
        QVERIFY(!url->cdnSubdomain());
        // ...while booleanOption() reads what was meant.
        QCOMPARE(url->booleanOption(u"secure"), std::optional<bool>(false));
        QCOMPARE(url->booleanOption(u"flag"), std::optional<bool>(true));
        QCOMPARE(url->booleanOption(u"private_cdn"), std::optional<bool>(true));
        QCOMPARE(url->booleanOption(u"cname"), std::optional<bool>());
        QCOMPARE(url->booleanOption(u"missing"), std::optional<bool>());
        QCOMPARE(url->queryItems().size(), 5);
        QCOMPARE(url->queryItems().at(2).name, u"secure"_s);
        QCOMPARE(url->option(u"cdn_subdomain"), QJsonValue(u""_s));
    }

    void keyOnlyAndAccountAccessors()
    {
        const auto keyOnly = CloudinaryUrl::parse(u"cloudinary://key@test123"_s);
        QVERIFY(keyOnly.ok());
        QCOMPARE(keyOnly->apiKey(), u"key"_s);
        QVERIFY(!keyOnly->hasApiSecret());
        QVERIFY(!keyOnly->privateCdn());
        QVERIFY(!keyOnly->secure());
        QCOMPARE(keyOnly->secureDistribution(), QString());

        const auto account = CloudinaryUrl::parse(u"account://prov_key:prov_secret@account-id-123"_s);
        QVERIFY(account.ok());
        QCOMPARE(account->kind(), CloudinaryUrl::Kind::Account);
        QCOMPARE(account->apiKey(), u"prov_key"_s);
        QCOMPARE(account->apiSecret(), u"prov_secret"_s);
        QCOMPARE(account->accountId(), u"account-id-123"_s);
        QCOMPARE(account->cloudName(), QString());
    }

    void queryOverridesTheUrlParts()
    {
        const auto url = CloudinaryUrl::parse(u"cloudinary://k:s@c?cloud_name=other&api_secret=t"_s);
        QVERIFY(url.ok());
        QCOMPARE(url->cloudName(), u"other"_s);
        QCOMPARE(url->apiSecret(), u"t"_s);
    }

    // The reason we split the authority ourselves (reference §a): QUrl treats the host as a DNS
    // name and lower-cases it, but the cloud name appears verbatim in delivery URLs.
    void cloudNameCaseSurvivesWhereQUrlLowerCases()
    {
        const QString text = u"cloudinary://k:s@MyCloud"_s;
        QCOMPARE(QUrl(text).host(), u"mycloud"_s);
        QCOMPARE(CloudinaryUrl::parse(text)->cloudName(), u"MyCloud"_s);
    }

    void errorsNameThePartAndHideTheSecret_data()
    {
        using Reason = stratus::core::ErrorReason;
        QTest::addColumn<QString>("text");
        QTest::addColumn<Reason>("reason");
        QTest::addColumn<QString>("wordsPart"); // what words::ErrorWords says about it
        QTest::newRow("https") << u"https://key:TOPSECRET@demo"_s << Reason::UrlUnsupportedScheme
                               << u"must begin with cloudinary://"_s;
        const QString notCloudinary = u"This is not a Cloudinary URL"_s;
        QTest::newRow("no scheme") << u"key:TOPSECRET@demo"_s << Reason::UrlNotCloudinary << notCloudinary;
        QTest::newRow("one slash") << u"cloudinary:/key:TOPSECRET@demo"_s << Reason::UrlNotCloudinary
                                   << notCloudinary;
        QTest::newRow("no slashes") << u"cloudinary:key:TOPSECRET@demo"_s << Reason::UrlNotCloudinary
                                    << notCloudinary;
        QTest::newRow("leading space")
            << u" cloudinary://key:TOPSECRET@demo"_s << Reason::UrlNotCloudinary << notCloudinary;
        QTest::newRow("empty") << QString() << Reason::UrlNotCloudinary << notCloudinary;
        QTest::newRow("secret as scheme")
            << u"TOPSECRET://x"_s << Reason::UrlUnsupportedScheme << u"must begin with cloudinary://"_s;
        QTest::newRow("missing cloud name")
            << u"cloudinary://key:TOPSECRET@"_s << Reason::UrlHostMissing << u"no cloud name"_s;
        QTest::newRow("missing cloud name before path") << u"cloudinary://key:TOPSECRET@/cdn.example.com"_s
                                                        << Reason::UrlHostMissing << u"no cloud name"_s;
        QTest::newRow("nothing after scheme")
            << u"cloudinary://"_s << Reason::UrlHostMissing << u"no cloud name"_s;
        QTest::newRow("missing account id")
            << u"account://key:TOPSECRET@?x=1"_s << Reason::UrlHostMissing << u"no account ID"_s;
        QTest::newRow("missing @") << u"cloudinary://key:TOPSECRET"_s << Reason::UrlMalformedAfterHost
                                   << u"is the “@” missing?"_s;
        QTest::newRow("port out of range") << u"cloudinary://key:TOPSECRET@demo:65536"_s
                                           << Reason::UrlMalformedAfterHost << u"after the cloud name"_s;
        QTest::newRow("IPv6 host") << u"cloudinary://key:TOPSECRET@[::1]"_s << Reason::UrlHostIsIpv6
                                   << u"IPv6"_s;
        QTest::newRow("space in cloud name")
            << u"cloudinary://key:TOPSECRET@de mo"_s << Reason::UrlHostForbiddenCharacter
            << u"cloud name in the URL contains"_s;
        QTest::newRow("pipe in cloud name")
            << u"cloudinary://key:TOPSECRET@de|mo"_s << Reason::UrlHostForbiddenCharacter
            << u"cloud name in the URL contains"_s;
        QTest::newRow("query without name")
            << u"cloudinary://key:s@demo?=TOPSECRET"_s << Reason::UrlQueryNameMissing << u"has no name"_s;
        QTest::newRow("query of brackets")
            << u"cloudinary://key:s@demo?[]=TOPSECRET"_s << Reason::UrlQueryNameMissing << u"has no name"_s;
    }
    void errorsNameThePartAndHideTheSecret()
    {
        QFETCH(QString, text);
        QFETCH(stratus::core::ErrorReason, reason);
        QFETCH(QString, wordsPart);
        const auto url = CloudinaryUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().reason, reason);
        QCOMPARE(url.error().kind, stratus::core::Error::Kind::InvalidInput);
        const QString words = stratus::words::ErrorWords::text(url.error());
        QVERIFY2(words.contains(wordsPart), qPrintable(words));
        QVERIFY2(!words.contains(u"TOPSECRET"), qPrintable(words));
        QVERIFY2(!url.error().subject.contains(u"TOPSECRET"), qPrintable(url.error().subject));
        QVERIFY2(url.error().message.isEmpty(), qPrintable(url.error().message)); // no words of core's own
    }

    void redactedFormHidesSecrets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("secret") << u"cloudinary://1234:TOPSECRET@demo"_s << u"cloudinary://1234:***@demo"_s;
        QTest::newRow("key only has nothing to hide")
            << u"cloudinary://1234@demo"_s << u"cloudinary://1234@demo"_s;
        QTest::newRow("secrets in the query")
            << u"cloudinary://1234:TOPSECRET@demo/cdn?api_secret=TOPSECRET&auth_token[key]=TOPSECRET&cname=x"_s
            << u"cloudinary://1234:***@demo/cdn?api_secret=***&auth_token[key]=***&cname=x"_s;
        QTest::newRow("account") << u"account://k:TOPSECRET@acc"_s << u"account://k:***@acc"_s;
    }
    void redactedFormHidesSecrets()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto url = CloudinaryUrl::parse(text);
        QVERIFY(url.ok());
        QCOMPARE(url->toRedactedString(), expected);
    }

    void expectedKind()
    {
        QVERIFY(CloudinaryUrl::parse(u"cloudinary://k:s@c"_s, CloudinaryUrl::Kind::Cloud).ok());
        QVERIFY(CloudinaryUrl::parse(u"account://k:s@a"_s, CloudinaryUrl::Kind::Account).ok());
        const auto wrong = CloudinaryUrl::parse(u"account://k:TOPSECRET@a"_s, CloudinaryUrl::Kind::Cloud);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().reason, stratus::core::ErrorReason::UrlNotEnvironmentUrl);
        const QString words = stratus::words::ErrorWords::text(wrong.error());
        QVERIFY2(words.contains(u"cloudinary://"), qPrintable(words));
        QVERIFY(!words.contains(u"TOPSECRET"));
        const auto account = CloudinaryUrl::parse(u"cloudinary://k:s@c"_s, CloudinaryUrl::Kind::Account);
        QVERIFY(!account.ok());
        QCOMPARE(account.error().reason, stratus::core::ErrorReason::UrlNotAccountUrl);
        const auto malformed = CloudinaryUrl::parse(u"https://x"_s, CloudinaryUrl::Kind::Cloud);
        QCOMPARE(malformed.error().reason, stratus::core::ErrorReason::UrlUnsupportedScheme);
    }

    void equality()
    {
        const auto a = CloudinaryUrl::parse(u"cloudinary://k:s@c?x=1"_s);
        QVERIFY(*a == *CloudinaryUrl::parse(u"CLOUDINARY://k:s@c:80?x=1#f"_s));
        QVERIFY(!(*a == *CloudinaryUrl::parse(u"cloudinary://k:t@c?x=1"_s)));
        QVERIFY(!(*a == *CloudinaryUrl::parse(u"cloudinary://k:s@C?x=1"_s)));
        QVERIFY(!(*a == *CloudinaryUrl::parse(u"account://k:s@c?x=1"_s)));
        QVERIFY(!(*a == *CloudinaryUrl::parse(u"cloudinary://k:s@c?x=1&x=1"_s)));
    }
};

QTEST_GUILESS_MAIN(TestCloudinaryUrl)
#include "tst_cloudinaryurl.moc"
