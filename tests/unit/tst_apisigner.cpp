// API signatures must equal the Node SDK's byte for byte (API reference §b). Every row's string to
// sign and signature were printed by cloudinary.utils.api_sign_request() of npm cloudinary 2.11.0;
// rows b1…b9 are the worked examples of the reference.
#include "core/signing/apisigner.h"
#include "core/signing/clock.h"
#include "core/signing/notificationsignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

QJsonObject jsonObject(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

} // namespace

class TestApiSigner : public QObject
{
    Q_OBJECT

private slots:
    void matchesNode_data()
    {
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<SignatureVersion>("version");
        QTest::addColumn<QString>("stringToSign");
        QTest::addColumn<QString>("signature");

        QTest::newRow("b1 docs example")
            << u"{\"eager\":\"w_400,h_300,c_pad|w_260,h_200,c_crop\",\"public_id\":\"sample_image\",\"timestamp\":1315060510}"_s
            << u"abcd"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510"_s
            << u"bfd09f95f331f558cbd1320e67aa8d488770583e"_s;
        QTest::newRow("b2 node anchor")
            << u"{\"public_id\":\"folder/file\",\"version\":\"1234\"}"_s << u"b"_s << SignatureAlgorithm::Sha1
            << SignatureVersion::V2 << u"public_id=folder/file&version=1234"_s
            << u"7a3349cbb373e4812118d625047ede50b90e7b67"_s;
        QTest::newRow("b3 upload options")
            << u"{\"timestamp\":1700000000,\"public_id\":\"my_photo\",\"folder\":\"albums/2024\",\"overwrite\":1,\"unique_filename\":0}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"folder=albums/2024&overwrite=1&public_id=my_photo&timestamp=1700000000&unique_filename=0"_s
            << u"df90f8cc09f215484cab65267e7655facdd9a1f4"_s;
        QTest::newRow("b4 upload options sha256")
            << u"{\"timestamp\":1700000000,\"public_id\":\"my_photo\",\"folder\":\"albums/2024\",\"overwrite\":1,\"unique_filename\":0}"_s
            << u"b"_s << SignatureAlgorithm::Sha256 << SignatureVersion::V2
            << u"folder=albums/2024&overwrite=1&public_id=my_photo&timestamp=1700000000&unique_filename=0"_s
            << u"c2f4fd08aad5c9ebb3425d04b9aa5b889d613209461fc54bfd6c153778f4c5c4"_s;
        QTest::newRow("b5 tags array")
            << u"{\"timestamp\":1700000000,\"tags\":[\"cat\",\"dog\",\"lion\"]}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V2 << u"tags=cat,dog,lion&timestamp=1700000000"_s
            << u"eb08982660b189bf0b40e0a78bed1dd9e5889f02"_s;
        QTest::newRow("b6 public_ids array")
            << u"{\"timestamp\":1700000000,\"command\":\"add\",\"tag\":\"summer\",\"public_ids\":[\"a\",\"b/c\",\"d\"]}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"command=add&public_ids=a,b/c,d&tag=summer&timestamp=1700000000"_s
            << u"ddf13de29176f3adf6e9a1219691d4217f941149"_s;
        QTest::newRow("b7 ampersand v2") << u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s
                                         << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
                                         << u"public_id=tom%26jerry&timestamp=1700000000"_s
                                         << u"2f4c7a8c30befcf39c158e94f04e47dcfa959ea9"_s;
        QTest::newRow("b8 ampersand v1")
            << u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V1
            << u"public_id=tom&jerry&timestamp=1700000000"_s << u"8512eef5b72e0e58ce3ec9f8cdfaf69602c4fed8"_s;
        QTest::newRow("b9 context with = and &")
            << u"{\"timestamp\":1700000000,\"context\":\"caption=salt & pepper\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"context=caption=salt %26 pepper&timestamp=1700000000"_s
            << u"95826117abff7ebbe73af7c7ba2188fbb157ef23"_s;
        QTest::newRow("ampersand v1 sha256")
            << u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha256 << SignatureVersion::V1
            << u"public_id=tom&jerry&timestamp=1700000000"_s
            << u"4b4b619e9df3a055bcead810e575bd8dfed5ff2625dda9d882a6ba7fe47be5f5"_s;
        QTest::newRow("ampersand v2 sha256")
            << u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha256 << SignatureVersion::V2
            << u"public_id=tom%26jerry&timestamp=1700000000"_s
            << u"4fffdd72b6de68aebff4e268f0d20a1ffecf1272130fe60eb2a443560271f1c4"_s;
        QTest::newRow("unicode values")
            << u"{\"timestamp\":1700000000,\"public_id\":\"café/naïve 日本\",\"tags\":[\"ü\",\"✓\"]}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"public_id=café/naïve 日本&tags=ü,✓&timestamp=1700000000"_s
            << u"558ea0c53edadf6570d6fa604c6e7ede6c396a33"_s;
        QTest::newRow("astral value, unicode secret")
            << u"{\"timestamp\":1700000000,\"public_id\":\"😀\"}"_s << u"sëcret"_s
            << SignatureAlgorithm::Sha256 << SignatureVersion::V2 << u"public_id=😀&timestamp=1700000000"_s
            << u"20bde6f7f577b2330ab6175f5c944299fade88e32837eddb6a66f5546200c59f"_s;
        QTest::newRow("numbers and booleans")
            << u"{\"a\":true,\"b\":false,\"c\":0,\"d\":1.5,\"e\":-0,\"f\":1e21,\"g\":0.1,\"h\":1e-7,\"i\":100,\"j\":123456789012345680000}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"a=true&b=false&c=0&d=1.5&e=0&f=1e+21&g=0.1&h=1e-7&i=100&j=123456789012345680000"_s
            << u"3e0e6932af55862a6a025cdb59745a8284f3ab7b"_s;
        QTest::newRow("more numbers")
            << u"{\"big\":9007199254740993,\"small\":5e-324,\"max\":1.7976931348623157e308,\"neg\":-42,\"frac\":0.000001,\"sum\":0.30000000000000004}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"big=9007199254740992&frac=0.000001&max=1.7976931348623157e+308&neg=-42&small=5e-324&sum=0.30000000000000004"_s
            << u"2d527b6e8b41ddc15361fee75c0f54a183b56d0e"_s;
        QTest::newRow("blank values and nesting")
            << u"{\"a\":null,\"b\":\"\",\"c\":[],\"d\":[null],\"e\":[\"\"],\"f\":\"x\",\"g\":[null,\"a\",null],\"h\":[[1,2],[3]],\"i\":[true,false,0],\"j\":{\"k\":\"v\"},\"k\":[{\"a\":1}],\"l\":[[]],\"m\":{}}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"f=x&g=,a,&h=1,2,3&i=true,false,0&j=[object Object]&k=[object Object]&m=[object Object]"_s
            << u"dfde79f56ae50506e42e1d117f447356f1b640f4"_s;
        QTest::newRow("& and = in keys v2")
            << u"{\"a&b\":\"c&d\",\"x=y\":\"z=w\"}"_s << u"b"_s << SignatureAlgorithm::Sha1
            << SignatureVersion::V2 << u"a%26b=c%26d&x=y=z=w"_s
            << u"41c2f07cb087310d34e94cd0e90b06e385fab4e8"_s;
        QTest::newRow("& and = in keys v1")
            << u"{\"a&b\":\"c&d\",\"x=y\":\"z=w\"}"_s << u"b"_s << SignatureAlgorithm::Sha1
            << SignatureVersion::V1 << u"a&b=c&d&x=y=z=w"_s << u"f375b0cef1282e6b4ef2866a591cd5ace7b44340"_s;
        QTest::newRow("locale order of keys")
            << u"{\"a1\":\"1\",\"a_\":\"2\",\"aB\":\"3\",\"ab\":\"4\",\"A\":\"5\",\"B\":\"6\",\"_z\":\"7\",\"1\":\"8\",\"10\":\"9\",\"9\":\"10\",\"a-b\":\"11\",\"a.b\":\"12\"}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"_z=7&1=8&10=9&9=10&A=5&a_=2&a-b=11&a.b=12&a1=1&ab=4&aB=3&B=6"_s
            << u"f3caf99cf19cae9e4a0af3f2b2284bdb011cdb42"_s;
        QTest::newRow("empty params") << u"{}"_s << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
                                      << u""_s << u"e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98"_s;
        QTest::newRow("upload widget params")
            << u"{\"timestamp\":\"1700000000\",\"upload_preset\":\"ml_default\",\"source\":\"uw\",\"eager\":\"c_fill,w_100|e_sepia\"}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"eager=c_fill,w_100|e_sepia&source=uw&timestamp=1700000000&upload_preset=ml_default"_s
            << u"0c519b1557a96fdcb6f35f8095ee56b539f841d7"_s;
        QTest::newRow("escaped pipe in context sha256")
            << u"{\"timestamp\":1700000000,\"context\":\"alt=a\\\\|b|caption=x\",\"tags\":\"a,b\"}"_s
            << u"b"_s << SignatureAlgorithm::Sha256 << SignatureVersion::V2
            << u"context=alt=a\\|b|caption=x&tags=a,b&timestamp=1700000000"_s
            << u"877cec36cad839420715b051ced72efe1a12636878f5217607b45854598811ef"_s;
        QTest::newRow("url value v2")
            << u"{\"timestamp\":1700000000,\"notification_url\":\"https://example.com/hook?a=1&b=2\"}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"notification_url=https://example.com/hook?a=1%26b=2&timestamp=1700000000"_s
            << u"9b1f450f82d45eee151c34ad929091d8c6d060b5"_s;
        QTest::newRow("url value v1")
            << u"{\"timestamp\":1700000000,\"notification_url\":\"https://example.com/hook?a=1&b=2\"}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V1
            << u"notification_url=https://example.com/hook?a=1&b=2&timestamp=1700000000"_s
            << u"e89a38c78ff8c90b8d128eac120f354445e054fe"_s;
        QTest::newRow("whitespace kept raw")
            << u"{\"timestamp\":1700000000,\"public_id\":\"a b\\tc\\nd\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"public_id=a b\tc\nd&timestamp=1700000000"_s << u"511dc38839013ffd5f3d53a7e62e61c280709945"_s;
        QTest::newRow("long secret sha256")
            << u"{\"timestamp\":1700000000,\"public_id\":\"x\"}"_s << u"abcdefghijklmnopqrstuvwxyz12"_s
            << SignatureAlgorithm::Sha256 << SignatureVersion::V2 << u"public_id=x&timestamp=1700000000"_s
            << u"f5e21331fafbd351968a1aef3932adf1e82f45789d74539f83ccb57c688c949d"_s;
        QTest::newRow("transport keys are signed too")
            << u"{\"file\":\"data:x\",\"cloud_name\":\"demo\",\"resource_type\":\"image\",\"api_key\":\"1234\",\"timestamp\":1700000000}"_s
            << u"b"_s << SignatureAlgorithm::Sha1 << SignatureVersion::V2
            << u"api_key=1234&cloud_name=demo&file=data:x&resource_type=image&timestamp=1700000000"_s
            << u"e68a289829e840cfb6372190f460865ceef1e228"_s;
        QTest::newRow("many ampersands and %26")
            << u"{\"timestamp\":1700000000,\"a\":\"&&&\",\"b\":\"%26\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V2 << u"a=%26%26%26&b=%26&timestamp=1700000000"_s
            << u"2dd31d07abf8d6dfd4ba771a043f867bb0eff540"_s;
        QTest::newRow("array with & v2")
            << u"{\"tags\":[\"r&d\",\"q&a\"],\"timestamp\":1}"_s << u"b"_s << SignatureAlgorithm::Sha1
            << SignatureVersion::V2 << u"tags=r%26d,q%26a&timestamp=1"_s
            << u"670a6ded121d5f05b1597e178418fe6a1b071e19"_s;
        QTest::newRow("array with & v1")
            << u"{\"tags\":[\"r&d\",\"q&a\"],\"timestamp\":1}"_s << u"b"_s << SignatureAlgorithm::Sha1
            << SignatureVersion::V1 << u"tags=r&d,q&a&timestamp=1"_s
            << u"d7ba374a30c3f9cf2327f0b05f6f576df1c1e8eb"_s;
        QTest::newRow("string zero and false kept")
            << u"{\"overwrite\":\"false\",\"invalidate\":\"0\",\"x\":\" \"}"_s << u"b"_s
            << SignatureAlgorithm::Sha256 << SignatureVersion::V1 << u"invalidate=0&overwrite=false&x= "_s
            << u"9e198a12b5998a59e65edd109fa9ae9c9ae3c11a86bde28819bde21205de58f8"_s;
        QTest::newRow("accented names in en-US order")
            << u"{\"ä\":\"1\",\"z\":\"2\",\"a\":\"3\",\"Ä\":\"4\",\"ae\":\"5\"}"_s << u"b"_s
            << SignatureAlgorithm::Sha1 << SignatureVersion::V2 << u"a=3&ä=1&Ä=4&ae=5&z=2"_s
            << u"0ad4076d0a919d1821deb479a1ad300ec72d7da4"_s;
    }
    void matchesNode()
    {
        QFETCH(QString, params);
        QFETCH(QString, secret);
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(SignatureVersion, version);
        QFETCH(QString, stringToSign);
        QFETCH(QString, signature);
        const QJsonObject object = jsonObject(params);
        QCOMPARE(ApiSigner::stringToSign(object, version), stringToSign);
        QCOMPARE(ApiSigner(algorithm, version).sign(object, secret), signature);
    }

    // The order of names is en-US collation wherever the code runs, as in Node under C/en locales.
    void orderDoesNotFollowTheUserLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::Swedish, QLocale::Sweden));
        const QString text = ApiSigner::stringToSign(jsonObject(u"{\"ä\":\"1\",\"z\":\"2\",\"a\":\"3\"}"_s),
                                                     SignatureVersion::V2);
        QLocale::setDefault(before);
        QCOMPARE(text, u"a=3&ä=1&z=2"_s);
    }

    void defaultsAreNodes()
    {
        const ApiSigner signer;
        QCOMPARE(signer.algorithm(), SignatureAlgorithm::Sha1);
        QCOMPARE(signer.version(), SignatureVersion::V2);
        QCOMPARE(signer.sign(jsonObject(u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s), u"b"),
                 u"2f4c7a8c30befcf39c158e94f04e47dcfa959ea9"_s);
    }

    // What config().signature_algorithm / signature_version select in the Node SDK (checked by
    // running it: c.config({signature_version: X}) then api_sign_request()).
    void fromSdkConfig_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<SignatureVersion>("version");
        const auto sha1 = SignatureAlgorithm::Sha1;
        const auto sha256 = SignatureAlgorithm::Sha256;
        const auto v1 = SignatureVersion::V1;
        const auto v2 = SignatureVersion::V2;
        QTest::newRow("empty") << u"{}"_s << true << sha1 << v2;
        QTest::newRow("sha256") << u"{\"signature_algorithm\":\"sha256\"}"_s << true << sha256 << v2;
        QTest::newRow("empty algorithm") << u"{\"signature_algorithm\":\"\"}"_s << true << sha1 << v2;
        QTest::newRow("upper-case algorithm")
            << u"{\"signature_algorithm\":\"SHA256\"}"_s << false << sha1 << v2;
        QTest::newRow("md5") << u"{\"signature_algorithm\":\"md5\"}"_s << false << sha1 << v2;
        QTest::newRow("object algorithm") << u"{\"signature_algorithm\":{}}"_s << false << sha1 << v2;
        QTest::newRow("version text 1") << u"{\"signature_version\":\"1\"}"_s << true << sha1 << v1;
        QTest::newRow("version 1") << u"{\"signature_version\":1}"_s << true << sha1 << v1;
        QTest::newRow("version text 3") << u"{\"signature_version\":\"3\"}"_s << true << sha1 << v2;
        QTest::newRow("version empty text") << u"{\"signature_version\":\"\"}"_s << true << sha1 << v2;
        QTest::newRow("version text 0 is truthy") << u"{\"signature_version\":\"0\"}"_s << true << sha1 << v1;
        QTest::newRow("version 0 is falsy") << u"{\"signature_version\":0}"_s << true << sha1 << v2;
        QTest::newRow("version not a number") << u"{\"signature_version\":\"abc\"}"_s << true << sha1 << v1;
        QTest::newRow("version with spaces") << u"{\"signature_version\":\" 2 \"}"_s << true << sha1 << v2;
        QTest::newRow("version hex") << u"{\"signature_version\":\"0x2\"}"_s << true << sha1 << v2;
        QTest::newRow("version true") << u"{\"signature_version\":true}"_s << true << sha1 << v1;
        QTest::newRow("both") << u"{\"signature_algorithm\":\"sha256\",\"signature_version\":\"1\"}"_s << true
                              << sha256 << v1;
    }
    void fromSdkConfig()
    {
        QFETCH(QString, config);
        QFETCH(bool, ok);
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(SignatureVersion, version);
        const auto signer = ApiSigner::fromSdkConfig(jsonObject(config));
        QCOMPARE(signer.ok(), ok);
        if (!ok) {
            QCOMPARE(signer.error().reason, ErrorReason::SignatureAlgorithmUnsupported);
            return;
        }
        QCOMPARE(signer->algorithm(), algorithm);
        QCOMPARE(signer->version(), version);
    }

    void algorithmNames()
    {
        QCOMPARE(signatureAlgorithmName(SignatureAlgorithm::Sha1), u"sha1"_s);
        QCOMPARE(signatureAlgorithmName(SignatureAlgorithm::Sha256), u"sha256"_s);
        QCOMPARE(signatureAlgorithmFromName(u"sha256"), std::optional(SignatureAlgorithm::Sha256));
        QCOMPARE(signatureAlgorithmFromName(u"Sha1"), std::optional<SignatureAlgorithm>());
        QCOMPARE(signatureAlgorithmFromName(u""), std::optional<SignatureAlgorithm>());
    }

    // An upload call's parameters: blanks cleared like clear_blank(), the timestamp from the clock,
    // file/resource_type/api_key kept in the request but out of the signature. The expected
    // signature is Node's api_sign_request({timestamp:1700000000, public_id:'x', tags:['a','b'],
    // z:0, f:false}, 'b').
    void signRequest()
    {
        const FixedClock clock(1700000000999);
        const QJsonObject params
            = jsonObject(uR"({"public_id":"x","tags":["a","",null,0,"b"],"x":"","y":null,"z":0,"f":false,
                 "file":"data:image/png;base64,AAAA","resource_type":"image","cloud_name":"demo",
                 "api_key":"ignored"})"_s);
        const QJsonObject signedParams = ApiSigner().signRequest(params, u"1234", u"b", clock);
        QCOMPARE(signedParams.value(u"signature").toString(), u"4054b7967efd414711367cfd0c1b728104e7c0de"_s);
        QCOMPARE(signedParams.value(u"api_key").toString(), u"1234"_s);
        QCOMPARE(signedParams.value(u"timestamp").toDouble(), 1700000000.0);
        QCOMPARE(signedParams.value(u"tags").toArray(), QJsonArray({u"a"_s, u"b"_s}));
        QCOMPARE(signedParams.value(u"file").toString(), u"data:image/png;base64,AAAA"_s);
        QVERIFY(!signedParams.contains(u"x"));
        QVERIFY(!signedParams.contains(u"y"));
        QCOMPARE(signedParams.value(u"z").toInt(-1), 0);
    }

    void signRequestKeepsAGivenTimestamp()
    {
        const FixedClock clock(1);
        const QJsonObject signedParams = ApiSigner().signRequest(
            jsonObject(u"{\"timestamp\":1700000000,\"public_id\":\"tom&jerry\"}"_s), u"1234", u"b", clock);
        QCOMPARE(signedParams.value(u"signature").toString(), u"2f4c7a8c30befcf39c158e94f04e47dcfa959ea9"_s);
    }

    void paramsToSign()
    {
        const QJsonObject kept = ApiSigner::paramsToSign(jsonObject(
            u"{\"file\":1,\"cloud_name\":1,\"resource_type\":1,\"api_key\":1,\"signature\":1,\"type\":1,\"timestamp\":1}"_s));
        QCOMPARE(kept.keys(), QStringList({u"timestamp"_s, u"type"_s}));
    }

    // Reference §b "Related signatures" plus rows printed by Node (api_sign_request(…, null, 1)).
    void responseSignature_data()
    {
        QTest::addColumn<QString>("publicId");
        QTest::addColumn<QJsonValue>("version");
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<QString>("signature");
        QTest::newRow("reference example")
            << u"sample"_s << QJsonValue(1312461204) << SignatureAlgorithm::Sha1
            << u"797b1dc994b9337b7baa324a1d2a68983b911740"_s;
        QTest::newRow("version as text")
            << u"sample"_s << QJsonValue(u"1312461204"_s) << SignatureAlgorithm::Sha1
            << u"797b1dc994b9337b7baa324a1d2a68983b911740"_s;
        QTest::newRow("& never escaped") << u"a&b"_s << QJsonValue(u"17"_s) << SignatureAlgorithm::Sha1
                                         << u"8a6fec2c3f1664b9f7a5b2b501f0bc8d23cada98"_s;
        QTest::newRow("sha256") << u"a&b"_s << QJsonValue(u"17"_s) << SignatureAlgorithm::Sha256
                                << u"1290b86550bd3193c186c99f3e84d8149019a8bc490f6405e1ccfabb0c2c1ab5"_s;
    }
    void responseSignature()
    {
        QFETCH(QString, publicId);
        QFETCH(QJsonValue, version);
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(QString, signature);
        QCOMPARE(ApiSigner::responseSignature(publicId, version, u"b", algorithm), signature);
        QVERIFY(ApiSigner::verifyResponseSignature(publicId, version, signature, u"b", algorithm));
        QVERIFY(!ApiSigner::verifyResponseSignature(publicId, version, signature, u"c", algorithm));
        QVERIFY(!ApiSigner::verifyResponseSignature(publicId, version, signature.toUpper(), u"b", algorithm));
        QVERIFY(
            !ApiSigner::verifyResponseSignature(publicId, version, signature.chopped(1), u"b", algorithm));
    }

    // webhook_signature() of the Node SDK; the first row is the reference's example.
    void notificationSignature_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("timestamp");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<SignatureAlgorithm>("algorithm");
        QTest::addColumn<QString>("signature");
        const QByteArray body
            = R"({"public_id":"117e5550-7bfa-11e4-80d7-f962166bd3be","version":1417727468})";
        QTest::newRow("reference example")
            << body << QByteArray("1417727468") << u"shhh"_s << SignatureAlgorithm::Sha1
            << u"bac927006d3ce039ef7632e2c03189348d02924a"_s;
        QTest::newRow("sha256") << body << QByteArray("1417727468") << u"shhh"_s << SignatureAlgorithm::Sha256
                                << u"3c8f1a1785c7bb9d65c2b2d9685d106e6d6ec22e1315c4eb565810fd78fb1c58"_s;
        QTest::newRow("utf-8 body, & kept")
            << QByteArray("{\"a\":\"\xc3\xbc&x\"}") << QByteArray("1700000000") << u"b"_s
            << SignatureAlgorithm::Sha1 << u"177e898265a560fb636310a86e5a4ba87cbbda77"_s;
    }
    void notificationSignature()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, timestamp);
        QFETCH(QString, secret);
        QFETCH(SignatureAlgorithm, algorithm);
        QFETCH(QString, signature);
        QCOMPARE(NotificationSignature::compute(body, timestamp, secret, algorithm), signature);
        const FixedClock clock(timestamp.toLongLong() * 1000);
        QVERIFY(
            NotificationSignature::verify(body, timestamp, signature.toLatin1(), secret, clock, algorithm));
        QVERIFY(!NotificationSignature::verify(QByteArray(body + ' '), timestamp, signature.toLatin1(),
                                               secret, clock, algorithm));
    }

    void notificationAge_data()
    {
        QTest::addColumn<qint64>("nowMSecs");
        QTest::addColumn<QByteArray>("timestamp");
        QTest::addColumn<bool>("valid");
        QTest::newRow("just sent") << Q_INT64_C(1417727468000) << QByteArray("1417727468") << true;
        QTest::newRow("two hours old") << Q_INT64_C(1417734668000) << QByteArray("1417727468") << true;
        QTest::newRow("two hours and half a second, rounds up")
            << Q_INT64_C(1417734668500) << QByteArray("1417727468") << false;
        QTest::newRow("two hours and a second")
            << Q_INT64_C(1417734669000) << QByteArray("1417727468") << false;
        QTest::newRow("from the future") << Q_INT64_C(1417720000000) << QByteArray("1417727468") << true;
        QTest::newRow("not a number") << Q_INT64_C(1417727468000) << QByteArray("soon") << false;
    }
    void notificationAge()
    {
        QFETCH(qint64, nowMSecs);
        QFETCH(QByteArray, timestamp);
        QFETCH(bool, valid);
        const QByteArray body = "{}";
        const QString signature = NotificationSignature::compute(body, timestamp, u"shhh");
        QCOMPARE(NotificationSignature::verify(body, timestamp, signature.toLatin1(), u"shhh",
                                               FixedClock(nowMSecs)),
                 valid);
    }

    void clockTimestampsRoundDown_data()
    {
        QTest::addColumn<qint64>("msecs");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("exact") << Q_INT64_C(1700000000000) << Q_INT64_C(1700000000);
        QTest::newRow("almost next second") << Q_INT64_C(1700000000999) << Q_INT64_C(1700000000);
        QTest::newRow("epoch") << Q_INT64_C(0) << Q_INT64_C(0);
        QTest::newRow("before the epoch") << Q_INT64_C(-1) << Q_INT64_C(-1);
    }
    void clockTimestampsRoundDown()
    {
        QFETCH(qint64, msecs);
        QFETCH(qint64, seconds);
        QCOMPARE(FixedClock(msecs).unixTimestamp(), seconds);
    }

    void systemClockIsNow()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(qAbs(SystemClock().unixTimestamp() - now) <= 1);
    }
};

QTEST_GUILESS_MAIN(TestApiSigner)
#include "tst_apisigner.moc"
