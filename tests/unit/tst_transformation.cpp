// The transformation model: parsing and printing (round trips), the editing API a composer uses,
// rejection of malformed text, and fromOptions() against the Node SDK's
// generate_transformation_string() (its output recorded in the rows).

#include "core/delivery/expression.h"
#include "core/delivery/jsvalue.h"
#include "core/delivery/transformation.h"
#include "words/errorwords.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus::core;

using Mode = Transformation::ParseMode;

class TestTransformation : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void structure();
    void keysAreTextUpToFirstUnderscore_data();
    void keysAreTextUpToFirstUnderscore();
    void strictRejects_data();
    void strictRejects();
    void lenientKeepsEverything_data();
    void lenientKeepsEverything();
    void setValueKeepsSdkOrder();
    void editing();
    void fromOptionsMatchesSdk_data();
    void fromOptionsMatchesSdk();
    void fromOptionsQJsonObject();
    void fromOptionsRejects();
    void normalizeExpression_data();
    void normalizeExpression();
};

void TestTransformation::roundTrip_data()
{
    // Strings the SDK writes (most taken from its output in tst_deliveryurl).
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("steps");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("crop") << u"c_fill,g_auto,h_500,w_500/e_sepia"_s << 2;
    QTest::newRow("underscore in value") << u"g_north_east,x_-10,y_5"_s << 1;
    QTest::newRow("colon in value") << u"q_auto:good"_s << 1;
    QTest::newRow("border") << u"bo_5px_solid_rgb:ff0000"_s << 1;
    QTest::newRow("text overlay") << u"l_text:Arial_20:Hello%20World"_s << 1;
    QTest::newRow("text overlay escapes")
        << u"l_text:Arial_20:Hello%20World%252C%20%252FNice%20to%20meet%20you%3F"_s << 1;
    QTest::newRow("fetch overlay") << u"l_fetch:aHR0cHM6Ly9leGFtcGxlLmNvbS9sb2dvLnBuZw"_s << 1;
    QTest::newRow("layer apply") << u"l_logo,w_50/fl_layer_apply,g_south_east,x_10,y_10"_s << 2;
    QTest::newRow("named") << u"t_one.two"_s << 1;
    QTest::newRow("conditions") << u"if_w_lt_200/c_scale,w_100/if_else/c_scale,w_50/if_end/e_sepia"_s << 6;
    QTest::newRow("if first") << u"if_w_gt_100,$w_10,c_fill,e_grayscale"_s << 1;
    QTest::newRow("tag condition") << u"if_!sale!_in_tags,e_sepia"_s << 1;
    QTest::newRow("variables") << u"$height_$width_mul_2,$width_200"_s << 1;
    QTest::newRow("empty variable value") << u"$a_"_s << 1;
    QTest::newRow("expression") << u"if_w_gt_300_and_h_lt_200,w_iw_mul_0.5"_s << 1;
    QTest::newRow("video") << u"eo_10,fps_24-30,so_2.5,vc_h264:basic:3.1"_s << 1;
    QTest::newRow("percent range") << u"du_30p,so_10p"_s << 1;
    QTest::newRow("custom function") << u"fn_remote:aHR0cHM6Ly9leGFtcGxlLmNvbS9m"_s << 1;
    QTest::newRow("pre function") << u"fn_pre:wasm:x.wasm"_s << 1;
    QTest::newRow("dpr text") << u"dpr_2.0"_s << 1;
    QTest::newRow("responsive") << u"c_scale/c_limit,w_auto"_s << 2;
    QTest::newRow("every key")
        << u"a_10,ac_aac,af_44100,ar_16:9,b_rgb:ff0000,bo_5px_solid_red,br_1m,c_fill,"
           "co_rgb:00ff00,cs_srgb,d_avatar.png,dl_20,dn_72,dpr_2,du_30p,e_sepia,eo_10,f_auto,"
           "fl_progressive.lossy,fps_24-30,g_north_east,h_200,ki_2,l_logo,o_50,p_pre,pg_2,"
           "q_auto:good,r_20,so_1,sp_hd,t_named,u_bg,vc_h264,vs_4,w_300,x_10,y_20,z_1.5"_s
        << 1;
    QTest::newRow("effect with parameters") << u"e_gen_replace:from_cat;to_dog"_s << 1;
    QTest::newRow("raw part at the end") << u"c_fill,w_100,e_grayscale"_s << 1;
}

void TestTransformation::roundTrip()
{
    QFETCH(QString, text);
    QFETCH(int, steps);
    for (Mode mode : {Mode::Strict, Mode::Lenient}) {
        const auto parsed = Transformation::parse(text, mode);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->stepCount(), steps);
        QCOMPARE(parsed->toString(), text);
        // Printing what was parsed and parsing it again gives the same model.
        QCOMPARE(Transformation::parse(parsed->toString(), mode).value(), parsed.value());
    }
}

void TestTransformation::structure()
{
    const auto parsed = Transformation::parse(u"c_fill,g_north_east,w_500/e_sepia:50"_s);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->stepCount(), 2);
    const TransformationStep &first = parsed->step(0);
    QCOMPARE(first.params().size(), 3);
    QCOMPARE(first.params().at(1), (TransformationParam {u"g"_s, u"north_east"_s}));
    QCOMPARE(first.value(u"w"), u"500"_s);
    QVERIFY(first.value(u"h").isNull());
    QVERIFY(!first.raw().has_value());
    QCOMPARE(parsed->value(u"e"), u"sepia:50"_s);
    QCOMPARE(parsed->findStep(u"e"), 1);
    QCOMPARE(parsed->findStep(u"q"), -1);
}

void TestTransformation::keysAreTextUpToFirstUnderscore_data()
{
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << u"w_500"_s << u"w"_s << u"500"_s;
    QTest::newRow("variable") << u"$size_200"_s << u"$size"_s << u"200"_s;
    QTest::newRow("condition") << u"if_w_gt_100"_s << u"if"_s << u"w_gt_100"_s;
    QTest::newRow("flag with underscore") << u"fl_layer_apply"_s << u"fl"_s << u"layer_apply"_s;
    QTest::newRow("three letters") << u"dpr_2.0"_s << u"dpr"_s << u"2.0"_s;
}

void TestTransformation::keysAreTextUpToFirstUnderscore()
{
    QFETCH(QString, param);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const auto parsed = Transformation::parse(param);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->step(0).params(), (QList<TransformationParam> {{key, value}}));
}

void TestTransformation::strictRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason"); // its name (errorReasonName)
    QTest::addColumn<QString>("subject"); // "N/STEP/PART", or N for an empty step
    QTest::addColumn<QString>("mentions"); // the words name the offending part
    QTest::newRow("empty step") << u"w_100//h_100"_s << u"TransformationStepEmpty"_s << u"2"_s << u"step 2"_s;
    QTest::newRow("leading slash") << u"/w_100"_s << u"TransformationStepEmpty"_s << u"1"_s << u"step 1"_s;
    QTest::newRow("trailing slash") << u"w_100/"_s << u"TransformationStepEmpty"_s << u"2"_s << u"step 2"_s;
    QTest::newRow("empty param") << u"w_100,,h_100"_s << u"TransformationParamEmpty"_s << u"1/w_100,,h_100/"_s
                                 << u"empty parameter"_s;
    QTest::newRow("trailing comma") << u"w_100,"_s << u"TransformationParamEmpty"_s << u"1/w_100,/"_s
                                    << u"empty parameter"_s;
    QTest::newRow("no underscore") << u"c_fill,sepia"_s << u"TransformationParamNoValue"_s
                                   << u"1/c_fill,sepia/sepia"_s << u"'sepia'"_s;
    QTest::newRow("empty key") << u"_5"_s << u"TransformationParamKeyEmpty"_s << u"1/_5/_5"_s << u"'_5'"_s;
    QTest::newRow("unknown single letter")
        << u"k_5"_s << u"TransformationKeyUnknown"_s << u"1/k_5/k_5"_s << u"unknown key 'k' in 'k_5'"_s;
    QTest::newRow("unknown key") << u"w_100,foo_bar"_s << u"TransformationKeyUnknown"_s
                                 << u"1/w_100,foo_bar/foo_bar"_s << u"unknown key 'foo' in 'foo_bar'"_s;
    QTest::newRow("keys are case-sensitive")
        << u"W_100"_s << u"TransformationKeyUnknown"_s << u"1/W_100/W_100"_s << u"'W'"_s;
    QTest::newRow("empty variable name")
        << u"$_5"_s << u"TransformationVariableNameEmpty"_s << u"1/$_5/$_5"_s << u"'$_5'"_s;
    QTest::newRow("empty value") << u"c_fill,w_"_s << u"TransformationValueEmpty"_s << u"1/c_fill,w_/w_"_s
                                 << u"'w_'"_s;
    QTest::newRow("second step") << u"c_fill/e_sepia,x"_s << u"TransformationParamNoValue"_s
                                 << u"2/e_sepia,x/x"_s << u"transformation step 2 ('e_sepia,x'): 'x'"_s;
}

void TestTransformation::strictRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QFETCH(QString, subject);
    QFETCH(QString, mentions);
    const auto parsed = Transformation::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(errorReasonName(parsed.error().reason), reason);
    QCOMPARE(parsed.error().subject, subject);
    // The words stratus_words has for it (what the composer and stratus-cli show).
    const QString words = stratus::words::ErrorWords::text(parsed.error());
    QVERIFY2(words.contains(mentions), qPrintable(words));
}

void TestTransformation::lenientKeepsEverything_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("firstRaw"); // the raw part of the first step; null for none
    QTest::newRow("unknown key is a param") << u"k_5"_s << QString();
    QTest::newRow("no underscore") << u"c_fill,b:1,a:null"_s << u"b:1,a:null"_s;
    QTest::newRow("empty param") << u"w_1,,h_2"_s << u",h_2"_s;
    QTest::newRow("trailing comma") << u"w_1,"_s << u""_s;
    QTest::newRow("empty steps") << u"/w_1//"_s << u""_s;
    QTest::newRow("slash inside a value") << u"d_folder/img.jpg"_s << QString();
    QTest::newRow("url in a value") << u"e_x:https://a.b/c"_s << QString();
}

void TestTransformation::lenientKeepsEverything()
{
    QFETCH(QString, text);
    QFETCH(QString, firstRaw);
    const auto parsed = Transformation::parse(text, Mode::Lenient);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->toString(), text);
    const auto &raw = parsed->step(0).raw();
    QCOMPARE(raw.has_value(), !firstRaw.isNull());
    if (raw)
        QCOMPARE(*raw, firstRaw);
}

void TestTransformation::setValueKeepsSdkOrder()
{
    // New params go where the SDK would write them: if first, variables next, then by key.
    TransformationStep step;
    step.setValue(u"w"_s, u"100"_s);
    step.setValue(u"c"_s, u"fill"_s);
    step.setValue(u"$v"_s, u"5"_s);
    step.setValue(u"g"_s, u"auto"_s);
    step.setValue(u"if"_s, u"w_gt_10"_s);
    step.setValue(u"dpr"_s, u"2"_s);
    step.setValue(u"a"_s, u"90"_s);
    QCOMPARE(step.toString(), u"if_w_gt_10,$v_5,a_90,c_fill,dpr_2,g_auto,w_100"_s);

    // Replacing keeps the position; the raw part stays last.
    step.setRaw(u"e_grayscale"_s);
    step.setValue(u"c"_s, u"scale"_s);
    QCOMPARE(step.toString(), u"if_w_gt_10,$v_5,a_90,c_scale,dpr_2,g_auto,w_100,e_grayscale"_s);
}

void TestTransformation::editing()
{
    auto parsed = Transformation::parse(u"c_fill,w_500/e_sepia"_s);
    QVERIFY(parsed.ok());
    Transformation t = parsed.value();

    t.step(0).setValue(u"h"_s, u"300"_s);
    QCOMPARE(t.toString(), u"c_fill,h_300,w_500/e_sepia"_s);
    QCOMPARE(t.step(0).remove(u"c"), 1);
    QCOMPARE(t.step(0).remove(u"c"), 0);
    QCOMPARE(t.toString(), u"h_300,w_500/e_sepia"_s);

    t.appendStep(TransformationStep({{u"fl"_s, u"layer_apply"_s}, {u"g"_s, u"south"_s}}));
    t.insertStep(0, TransformationStep({{u"l"_s, u"logo"_s}}));
    QCOMPARE(t.toString(), u"l_logo/h_300,w_500/e_sepia/fl_layer_apply,g_south"_s);
    t.moveStep(3, 1);
    QCOMPARE(t.toString(), u"l_logo/fl_layer_apply,g_south/h_300,w_500/e_sepia"_s);
    t.removeStep(2);
    QCOMPARE(t.toString(), u"l_logo/fl_layer_apply,g_south/e_sepia"_s);

    // An edited model prints text that parses back to the same model.
    QCOMPARE(Transformation::parse(t.toString()).value(), t);

    t.step(2).append({u"e"_s, u"blur:300"_s});
    QCOMPARE(t.step(2).toString(), u"e_sepia,e_blur:300"_s);
    QCOMPARE(t.step(2).remove(u"e"), 2);
    QVERIFY(t.step(2).isEmpty());
}

void TestTransformation::fromOptionsMatchesSdk_data()
{
    // Expected: cloudinary.utils.generate_transformation_string(options) of the Node SDK 2.11.0.
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("expected");
    QTest::newRow("crop and size")
        << u"{\"width\":500,\"height\":500,\"crop\":\"fill\",\"gravity\":\"auto\"}"_s
        << u"c_fill,g_auto,h_500,w_500"_s;
    QTest::newRow("chain")
        << u"{\"transformation\":[{\"width\":500,\"crop\":\"fill\"},{\"effect\":\"sepia\"}]}"_s
        << u"c_fill,w_500/e_sepia"_s;
    QTest::newRow("condition chain")
        << u"{\"transformation\":[{\"if\":\"w < 200\"},{\"crop\":\"scale\",\"width\":100},{\"if\":\"else\"},{\"crop\":\"scale\",\"width\":50},{\"if\":\"end\"}]}"_s
        << u"if_w_lt_200/c_scale,w_100/if_else/c_scale,w_50/if_end"_s;
    QTest::newRow("variables") << u"{\"$size\":\"w * 2\",\"variables\":[[\"$b\",5]],\"width\":\"$size\"}"_s
                               << u"$size_w_mul_2,$b_5,w_$size"_s;
    QTest::newRow("named") << u"{\"transformation\":[\"one\",\"two\"],\"quality\":\"auto:good\"}"_s
                           << u"q_auto:good,t_one.two"_s;
    QTest::newRow("text overlay")
        << u"{\"overlay\":{\"text\":\"Hello World\",\"font_family\":\"Arial\",\"font_size\":20},\"gravity\":\"north_east\"}"_s
        << u"g_north_east,l_text:Arial_20:Hello%20World"_s;
    QTest::newRow("fetch overlay") << u"{\"overlay\":{\"url\":\"https://example.com/logo.png\"}}"_s
                                   << u"l_fetch:aHR0cHM6Ly9leGFtcGxlLmNvbS9sb2dvLnBuZw"_s;
    QTest::newRow("border") << u"{\"border\":{\"width\":5,\"color\":\"#ff0000\"}}"_s
                            << u"bo_5px_solid_rgb:ff0000"_s;
    QTest::newRow("raw") << u"{\"width\":10,\"raw_transformation\":\"e_x/w_20\"}"_s << u"w_10,e_x/w_20"_s;
    QTest::newRow("responsive") << u"{\"responsive_width\":true,\"crop\":\"scale\"}"_s
                                << u"c_scale/c_limit,w_auto"_s;
    QTest::newRow("video")
        << u"{\"video_codec\":{\"codec\":\"h264\",\"profile\":\"basic\",\"level\":\"3.1\"},\"offset\":\"2.5..10\",\"fps\":[24,30]}"_s
        << u"eo_10,fps_24-30,so_2.5,vc_h264:basic:3.1"_s;
    QTest::newRow("empty") << u"{}"_s << u""_s;
}

void TestTransformation::fromOptionsMatchesSdk()
{
    QFETCH(QString, options);
    QFETCH(QString, expected);
    const auto transformation = Transformation::fromOptions(JsValue::parseJson(options).value());
    QVERIFY2(transformation.ok(),
             qPrintable(transformation.ok() ? QString() : transformation.error().message));
    QCOMPARE(transformation->toString(), expected);
    // The SDK's own output reads back as the same steps.
    const auto reparsed = Transformation::parse(expected, Mode::Lenient);
    QCOMPARE(reparsed->toString(), expected);
}

void TestTransformation::fromOptionsQJsonObject()
{
    const QJsonObject options = QJsonDocument::fromJson(R"({"crop":"fill","width":300,"dpr":2})").object();
    const QJsonObject config = QJsonDocument::fromJson(R"({"dpr":"3.0"})").object();
    QCOMPARE(Transformation::fromOptions(options).value().toString(), u"c_fill,dpr_2,w_300"_s);
    // A configured dpr applies when the options have none.
    QCOMPARE(Transformation::fromOptions(QJsonObject {{u"width"_s, 10}}, config).value().toString(),
             u"dpr_3.0,w_10"_s);
}

void TestTransformation::fromOptionsRejects()
{
    const auto radius
        = Transformation::fromOptions(JsValue::parseJson(u"{\"radius\":[1,2,3,4,5]}"_s).value());
    QVERIFY(!radius.ok());
    QCOMPARE(radius.error().reason, ErrorReason::RadiusValueCount);
    const auto overlay
        = Transformation::fromOptions(JsValue::parseJson(u"{\"overlay\":{\"format\":\"png\"}}"_s).value());
    QVERIFY(!overlay.ok());
    QCOMPARE(overlay.error().reason, ErrorReason::LayerPublicIdMissing);
}

void TestTransformation::normalizeExpression_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("condition") << u"w > 300 && h < 200"_s << u"w_gt_300_and_h_lt_200"_s;
    QTest::newRow("names") << u"initial_width * 0.5"_s << u"iw_mul_0.5"_s;
    QTest::newRow("user variables") << u"$a + $b - 1"_s << u"$a_add_$b_sub_1"_s;
    QTest::newRow("minus without space") << u"iw-20"_s << u"iw-20"_s;
    QTest::newRow("quoted") << u"!my tag!"_s << u"!my tag!"_s;
    QTest::newRow("after colon") << u"preview:duration_5"_s << u"preview:duration_5"_s;
    QTest::newRow("camel case") << u"pageCount >= faceCount"_s << u"pc_gte_fc"_s;
    QTest::newRow("variable swallows name") << u"$foo_width"_s << u"$foo_w"_s;
    QTest::newRow("runs") << u"a _ _b"_s << u"a_b"_s;
}

void TestTransformation::normalizeExpression()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(stratus::core::normalizeExpression(input), expected);
}

QTEST_GUILESS_MAIN(TestTransformation)
#include "tst_transformation.moc"
