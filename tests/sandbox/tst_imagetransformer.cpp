// The sandbox's image transformation engine: what a delivery URL does to the pixels. Sources are
// generated here: a 1200×800 image with red, green, blue and yellow quadrants, so geometry and
// gravity can be read back by sampling colours.
#include "sandbox/imaging/imagecodec.h"
#include "sandbox/imaging/imagetransformer.h"
#include "sandbox/imaging/textlayer.h"
#include "sandbox/imaging/transformationpath.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImageReader>
#include <QPainter>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace stratus::sandbox::imaging;

namespace {

const QColor red(255, 0, 0);
const QColor green(0, 255, 0);
const QColor blue(0, 0, 255);
const QColor yellow(255, 255, 0);
const QColor white(255, 255, 255);
const QColor black(0, 0, 0);
const QColor magenta(255, 0, 255);
const QColor transparent(0, 0, 0, 0);

QImage quadrants(QSize size = {1200, 800})
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    const int w = size.width() / 2;
    const int h = size.height() / 2;
    painter.fillRect(0, 0, w, h, red);
    painter.fillRect(w, 0, size.width() - w, h, green);
    painter.fillRect(0, h, w, size.height() - h, blue);
    painter.fillRect(w, h, size.width() - w, size.height() - h, yellow);
    return image;
}

QImage solid(QSize size, const QColor &color)
{
    QImage image(size, color.alpha() == 255 ? QImage::Format_RGB32 : QImage::Format_ARGB32_Premultiplied);
    image.fill(color);
    return image;
}

// 400×400, transparent, with an opaque red 200×200 square in the middle.
QImage redSquareOnTransparent()
{
    QImage image = solid({400, 400}, transparent);
    QPainter painter(&image);
    painter.fillRect(100, 100, 200, 200, red);
    return image;
}

// Smooth colours everywhere: more than 256 of them.
QImage gradient(QSize size = {300, 200})
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, qRgb(x * 255 / size.width(), y * 255 / size.height(), (x + y) % 256));
    }
    return image;
}

QImage source(const QString &name)
{
    if (name == u"quadrants")
        return quadrants();
    if (name == u"gray")
        return solid({200, 200}, QColor(100, 100, 100));
    if (name == u"muted")
        return solid({200, 200}, QColor(200, 100, 100));
    if (name == u"alpha")
        return redSquareOnTransparent();
    if (name == u"photo")
        return gradient({1024, 768});
    return gradient();
}

bool near(const QColor &actual, const QColor &expected, int tolerance)
{
    if (expected.alpha() == 0)
        return actual.alpha() <= tolerance;
    return std::abs(actual.red() - expected.red()) <= tolerance
        && std::abs(actual.green() - expected.green()) <= tolerance
        && std::abs(actual.blue() - expected.blue()) <= tolerance
        && std::abs(actual.alpha() - expected.alpha()) <= tolerance;
}

QString describe(const QColor &c)
{
    return u"rgba(%1,%2,%3,%4)"_s.arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alpha());
}

stratus::core::Result<TransformedImage> transform(const QImage &original, const QString &transformation,
                                                  const QString &extension = {},
                                                  const LayerResolver &layers = {},
                                                  const NamedTransformationResolver &named = {})
{
    RequestContext context;
    context.extension = extension;
    context.originalFormat = original.hasAlphaChannel() ? u"png"_s : u"jpg"_s;
    context.resolveNamedTransformation = named;
    return ImageTransformer().apply(original, transformation, layers, context);
}

// Pixels of `image` inside `rect` whose colour is close to `color`.
int countNear(const QImage &image, const QRect &rect, const QColor &color, int tolerance)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x)
            count += near(image.pixelColor(x, y), color, tolerance) ? 1 : 0;
    }
    return count;
}

} // namespace

class tst_ImageTransformer : public QObject
{
    Q_OBJECT

private slots:
    void parsesTransformationPath_data();
    void parsesTransformationPath();
    void recognisesTransformationSegments_data();
    void recognisesTransformationSegments();
    void outputSize_data();
    void outputSize();
    void pixels_data();
    void pixels();
    void rejectsWithCloudinaryMessages_data();
    void rejectsWithCloudinaryMessages();
    void refusesOversizedSources();
    void refusesWorkBeyondTheBudget_data();
    void refusesWorkBeyondTheBudget();
    void expandsNamedTransformations_data();
    void expandsNamedTransformations();
    void placesImageOverlays_data();
    void placesImageOverlays();
    void overlaysGrowTheCanvas_data();
    void overlaysGrowTheCanvas();
    void longTextGrowsTheCanvas();
    void rejectsMissingOverlay();
    void decodesOverlayText_data();
    void decodesOverlayText();
    void drawsTextOverlay_data();
    void drawsTextOverlay();
    void wrapsTextWithFit();
    void choosesOutputFormat_data();
    void choosesOutputFormat();
    void appliesFormatAndQuality_data();
    void appliesFormatAndQuality();
    void roundTripsEveryFormat_data();
    void roundTripsEveryFormat();
    void lowerQualityMeansSmallerJpeg();
    void decodeRefusesHugeImagesBeforeAllocating();
    void rendersTheSameOnWorkerThreads();
    void decodeScaleHint_data();
    void decodeScaleHint();
    void decodesJpegSmallerForThumbnails();
    void thumbnailOfTwelveMegapixels();
    void benchmarkThumbnail();
};

void tst_ImageTransformer::parsesTransformationPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected"); // steps as key=value|key=value/…, or "error: …"

    QTest::newRow("two steps") << u"c_fill,w_300,h_200,g_auto/e_sepia"_s
                               << u"c=fill|w=300|h=200|g=auto/e=sepia"_s;
    QTest::newRow("split at first underscore")
        << u"g_north_west,bo_5px_solid_red"_s << u"g=north_west|bo=5px_solid_red"_s;
    QTest::newRow("variable") << u"$size_200,w_$size"_s << u"$size=200|w=$size"_s;
    QTest::newRow("conditional") << u"if_w_gt_200,c_scale,w_100/if_end"_s
                                 << u"if=w_gt_200|c=scale|w=100/if=end"_s;
    QTest::newRow("text layer keeps encoding")
        << u"l_text:Arial_20:Hello%20World%252C"_s << u"l=text:Arial_20:Hello%20World%252C"_s;
    QTest::newRow("empty parts skipped") << u"/c_fill,,w_1//e_negate/"_s << u"c=fill|w=1/e=negate"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("no underscore") << u"c_fill,foo"_s << u"error: Invalid transformation component - foo"_s;
    QTest::newRow("empty key") << u"_300"_s << u"error: Invalid transformation component - _300"_s;
}

void tst_ImageTransformer::parsesTransformationPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);

    const auto steps = parseTransformationPath(path);
    if (expected.startsWith(u"error: ")) {
        QVERIFY(!steps.ok());
        QCOMPARE(steps.error().message, expected.mid(7));
        QCOMPARE(steps.error().httpStatus, 400);
        return;
    }
    QVERIFY(steps.ok());
    QStringList rendered;
    for (const Step &step : steps.value()) {
        QStringList parts;
        for (const auto &[key, value] : step)
            parts += key + u'=' + value;
        rendered += parts.join(u'|');
    }
    QCOMPARE(rendered.join(u'/'), expected);
}

void tst_ImageTransformer::recognisesTransformationSegments_data()
{
    QTest::addColumn<QString>("segment");
    QTest::addColumn<bool>("transformation");

    QTest::newRow("crop") << u"c_fill,w_100,h_100"_s << true;
    QTest::newRow("effect") << u"e_sepia"_s << true;
    QTest::newRow("variable") << u"$w_100"_s << true;
    QTest::newRow("named") << u"t_thumb"_s << true;
    QTest::newRow("version") << u"v1234"_s << false;
    QTest::newRow("folder") << u"photos"_s << false;
    QTest::newRow("folder with underscore") << u"my_photos"_s << false;
    QTest::newRow("file") << u"sample.jpg"_s << false;
    QTest::newRow("one unknown key") << u"w_100,holiday_2024"_s << false;
}

void tst_ImageTransformer::recognisesTransformationSegments()
{
    QFETCH(QString, segment);
    QFETCH(bool, transformation);
    QCOMPARE(isTransformationSegment(segment), transformation);
}

void tst_ImageTransformer::outputSize_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QSize>("size"); // of the 1200×800 source after the transformation

    QTest::newRow("width only scales") << u"w_600"_s << QSize(600, 400);
    QTest::newRow("height only scales") << u"h_200"_s << QSize(300, 200);
    QTest::newRow("both without crop distort") << u"w_300,h_300"_s << QSize(300, 300);
    QTest::newRow("fraction") << u"c_scale,w_0.5"_s << QSize(600, 400);
    QTest::newRow("two fractions") << u"c_scale,w_0.25,h_0.5"_s << QSize(300, 400);
    QTest::newRow("fraction 1.0 is all") << u"w_1.0"_s << QSize(1200, 800);
    QTest::newRow("fit") << u"c_fit,w_300,h_300"_s << QSize(300, 200);
    QTest::newRow("fit enlarges") << u"c_fit,w_2400,h_2000"_s << QSize(2400, 1600);
    QTest::newRow("limit shrinks") << u"c_limit,w_300,h_300"_s << QSize(300, 200);
    QTest::newRow("limit never enlarges") << u"c_limit,w_2400,h_2400"_s << QSize(1200, 800);
    QTest::newRow("limit width only") << u"c_limit,w_2400"_s << QSize(1200, 800);
    QTest::newRow("limit with a huge box") << u"c_limit,w_8000,h_8000"_s << QSize(1200, 800);
    QTest::newRow("mfit never shrinks") << u"c_mfit,w_300,h_300"_s << QSize(1200, 800);
    QTest::newRow("mfit enlarges") << u"c_mfit,w_2400,h_2400"_s << QSize(2400, 1600);
    QTest::newRow("fill") << u"c_fill,w_300,h_300"_s << QSize(300, 300);
    QTest::newRow("fill wide") << u"c_fill,w_2400,h_600"_s << QSize(2400, 600);
    QTest::newRow("fill one dimension") << u"c_fill,w_300"_s << QSize(300, 200);
    QTest::newRow("lfill shrinks") << u"c_lfill,w_300,h_300"_s << QSize(300, 300);
    QTest::newRow("lfill never enlarges") << u"c_lfill,w_2400,h_2400"_s << QSize(1200, 800);
    QTest::newRow("lfill crops the exceeding side") << u"c_lfill,w_600,h_1000"_s << QSize(600, 800);
    QTest::newRow("pad") << u"c_pad,w_300,h_300"_s << QSize(300, 300);
    QTest::newRow("lpad pads without enlarging") << u"c_lpad,w_2400,h_2400"_s << QSize(2400, 2400);
    QTest::newRow("mpad keeps a larger image") << u"c_mpad,w_300,h_300"_s << QSize(1200, 800);
    QTest::newRow("mpad enlarges and pads") << u"c_mpad,w_2400,h_2400"_s << QSize(2400, 2400);
    QTest::newRow("crop") << u"c_crop,w_400,h_300"_s << QSize(400, 300);
    QTest::newRow("crop is clipped to the image") << u"c_crop,w_2000,h_300"_s << QSize(1200, 300);
    QTest::newRow("crop fractions") << u"c_crop,w_0.5,h_0.5"_s << QSize(600, 400);
    QTest::newRow("crop width only") << u"c_crop,w_100"_s << QSize(100, 800);
    QTest::newRow("thumb") << u"c_thumb,w_100,h_100,g_face"_s << QSize(100, 100);
    QTest::newRow("auto crop") << u"c_auto,w_100,h_50,g_auto"_s << QSize(100, 50);
    QTest::newRow("ar 16:9 with width") << u"ar_16:9,c_fill,w_640"_s << QSize(640, 360);
    QTest::newRow("ar decimal with height") << u"ar_1.0,c_fill,h_200"_s << QSize(200, 200);
    QTest::newRow("ar alone crops the largest box") << u"ar_1:1,c_crop"_s << QSize(800, 800);
    QTest::newRow("ar alone tall") << u"ar_0.5,c_fill"_s << QSize(400, 800);
    QTest::newRow("dpr multiplies") << u"c_fill,w_100,h_100,dpr_2.0"_s << QSize(200, 200);
    QTest::newRow("dpr with width only") << u"w_300,dpr_1.5"_s << QSize(450, 300);
    QTest::newRow("dpr enlarges a crop") << u"c_crop,w_100,h_100,dpr_2"_s << QSize(200, 200);
    QTest::newRow("dpr auto is 1") << u"c_fill,w_100,h_100,dpr_auto"_s << QSize(100, 100);
    QTest::newRow("w auto keeps the size") << u"w_auto"_s << QSize(1200, 800);
    QTest::newRow("chained") << u"w_300/h_100"_s << QSize(150, 100);
    QTest::newRow("chained fill then pad") << u"c_fill,w_100,h_100/c_pad,w_200,h_100"_s << QSize(200, 100);
    QTest::newRow("rotate 90") << u"a_90"_s << QSize(800, 1200);
    QTest::newRow("rotate 45 grows") << u"c_scale,w_100,h_100/a_45"_s << QSize(142, 142);
    QTest::newRow("auto_right turns to the requested shape")
        << u"a_auto_right,c_fill,w_100,h_200"_s << QSize(100, 200);
    QTest::newRow("border grows") << u"bo_5px_solid_red"_s << QSize(1210, 810);
    QTest::newRow("effects keep the size") << u"e_blur:50/e_sepia/e_pixelate:9"_s << QSize(1200, 800);
    QTest::newRow("ignored video keys") << u"so_2,du_5,vc_auto,w_120"_s << QSize(120, 80);
}

void tst_ImageTransformer::outputSize()
{
    QFETCH(QString, transformation);
    QFETCH(QSize, size);

    const auto result = transform(quadrants(), transformation);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().image.size(), size);
}

void tst_ImageTransformer::pixels_data()
{
    QTest::addColumn<QString>("sourceName");
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QPoint>("point");
    QTest::addColumn<QColor>("expected");
    QTest::addColumn<int>("tolerance");

    const QString q = u"quadrants"_s;
    // Gravity and offsets.
    QTest::newRow("crop north_west") << q << u"c_crop,w_200,h_200,g_north_west"_s << QString()
                                     << QPoint(100, 100) << red << 0;
    QTest::newRow("crop north_east") << q << u"c_crop,w_200,h_200,g_north_east"_s << QString()
                                     << QPoint(100, 100) << green << 0;
    QTest::newRow("crop south_west") << q << u"c_crop,w_200,h_200,g_south_west"_s << QString()
                                     << QPoint(100, 100) << blue << 0;
    QTest::newRow("crop south_east") << q << u"c_crop,w_200,h_200,g_south_east"_s << QString()
                                     << QPoint(100, 100) << yellow << 0;
    QTest::newRow("crop north, left")
        << q << u"c_crop,w_200,h_200,g_north"_s << QString() << QPoint(50, 100) << red << 0;
    QTest::newRow("crop north, right")
        << q << u"c_crop,w_200,h_200,g_north"_s << QString() << QPoint(150, 100) << green << 0;
    QTest::newRow("crop x/y without gravity is top-left based")
        << q << u"c_crop,w_200,h_200,x_700,y_500"_s << QString() << QPoint(100, 100) << yellow << 0;
    QTest::newRow("crop x from the east edge")
        << q << u"c_crop,w_200,h_200,g_south_east,x_700"_s << QString() << QPoint(100, 100) << blue << 0;
    QTest::newRow("crop relative x") << q << u"c_crop,w_100,h_100,x_0.75,y_0.1"_s << QString()
                                     << QPoint(50, 50) << green << 0;
    QTest::newRow("crop auto is the centre, top-left")
        << q << u"c_crop,w_200,h_200,g_auto"_s << QString() << QPoint(50, 50) << red << 0;
    QTest::newRow("crop auto is the centre, bottom-right")
        << q << u"c_crop,w_200,h_200,g_auto"_s << QString() << QPoint(150, 150) << yellow << 0;
    QTest::newRow("crop xy_center") << q << u"c_crop,w_200,h_200,g_xy_center,x_300,y_600"_s << QString()
                                    << QPoint(100, 100) << blue << 0;
    QTest::newRow("fill west keeps the left")
        << q << u"c_fill,w_100,h_100,g_west"_s << QString() << QPoint(10, 90) << blue << 0;
    QTest::newRow("fill east keeps the right")
        << q << u"c_fill,w_100,h_100,g_east"_s << QString() << QPoint(90, 10) << green << 0;
    QTest::newRow("fill centre") << q << u"c_fill,w_100,h_100"_s << QString() << QPoint(10, 10) << red << 0;
    QTest::newRow("pad north: image on top")
        << q << u"c_pad,w_300,h_600,b_black,g_north"_s << QString() << QPoint(10, 10) << red << 0;
    QTest::newRow("pad north: padding below")
        << q << u"c_pad,w_300,h_600,b_black,g_north"_s << QString() << QPoint(150, 500) << black << 0;
    QTest::newRow("pad south: image below")
        << q << u"c_pad,w_300,h_600,b_black,g_south"_s << QString() << QPoint(10, 590) << blue << 0;
    QTest::newRow("pad south: padding on top")
        << q << u"c_pad,w_300,h_600,b_rgb:000000,g_south"_s << QString() << QPoint(150, 100) << black << 0;
    QTest::newRow("pad default is transparent in png")
        << q << u"c_pad,w_300,h_600"_s << u"png"_s << QPoint(150, 100) << transparent << 0;
    QTest::newRow("pad default is white in jpg")
        << q << u"c_pad,w_300,h_600"_s << u"jpg"_s << QPoint(150, 100) << white << 0;
    QTest::newRow("pad b_auto is white")
        << q << u"c_pad,w_300,h_600,b_auto"_s << u"png"_s << QPoint(150, 100) << white << 0;
    QTest::newRow("scale samples") << q << u"c_scale,w_600"_s << QString() << QPoint(500, 300) << yellow << 0;
    // Rotation.
    QTest::newRow("a_90 is clockwise") << q << u"a_90"_s << QString() << QPoint(10, 10) << blue << 0;
    QTest::newRow("a_180") << q << u"a_180"_s << QString() << QPoint(10, 10) << yellow << 0;
    QTest::newRow("a_-90") << q << u"a_-90"_s << QString() << QPoint(10, 10) << green << 0;
    QTest::newRow("a_hflip") << q << u"a_hflip"_s << QString() << QPoint(10, 10) << green << 0;
    QTest::newRow("a_vflip") << q << u"a_vflip"_s << QString() << QPoint(10, 10) << blue << 0;
    QTest::newRow("a_45 corner transparent in png")
        << q << u"w_100/a_45"_s << u"png"_s << QPoint(0, 0) << transparent << 0;
    QTest::newRow("a_45 corner white in jpg")
        << q << u"w_100/a_45"_s << u"jpg"_s << QPoint(0, 0) << white << 0;
    QTest::newRow("a_45 corner takes b_")
        << q << u"w_100/a_45,b_blue"_s << u"png"_s << QPoint(0, 0) << blue << 0;
    // Effects.
    QTest::newRow("grayscale red") << q << u"e_grayscale"_s << QString() << QPoint(100, 100)
                                   << QColor(76, 76, 76) << 1;
    QTest::newRow("grayscale green") << q << u"e_grayscale"_s << QString() << QPoint(1100, 100)
                                     << QColor(149, 149, 149) << 1;
    QTest::newRow("negate red") << q << u"e_negate"_s << QString() << QPoint(100, 100) << QColor(0, 255, 255)
                                << 0;
    QTest::newRow("negate yellow") << q << u"e_negate"_s << QString() << QPoint(1100, 700) << blue << 0;
    QTest::newRow("sepia default 80")
        << q << u"e_sepia"_s << QString() << QPoint(100, 100) << QColor(131, 71, 56) << 2;
    QTest::newRow("sepia 100") << q << u"e_sepia:100"_s << QString() << QPoint(100, 100)
                               << QColor(100, 89, 69) << 2;
    QTest::newRow("brightness up") << q << u"e_brightness:50"_s << QString() << QPoint(100, 100)
                                   << QColor(255, 128, 128) << 1;
    QTest::newRow("brightness down") << q << u"e_brightness:-50"_s << QString() << QPoint(100, 100)
                                     << QColor(128, 0, 0) << 1;
    QTest::newRow("contrast -100 is flat gray")
        << q << u"e_contrast:-100"_s << QString() << QPoint(100, 100) << QColor(128, 128, 128) << 1;
    QTest::newRow("contrast 100 darkens dark gray")
        << u"gray"_s << u"e_contrast:100"_s << QString() << QPoint(10, 10) << QColor(73, 73, 73) << 1;
    QTest::newRow("saturation -100 is gray")
        << q << u"e_saturation:-100"_s << QString() << QPoint(100, 100) << QColor(76, 76, 76) << 1;
    QTest::newRow("saturation 100 saturates")
        << u"muted"_s << u"e_saturation:100"_s << QString() << QPoint(10, 10) << QColor(255, 70, 70) << 1;
    QTest::newRow("blur mixes the quadrants")
        << q << u"e_blur:400"_s << QString() << QPoint(600, 200) << QColor(127, 128, 0) << 8;
    QTest::newRow("blur leaves flat areas")
        << q << u"e_blur:400"_s << QString() << QPoint(200, 200) << red << 0;
    // Blocks of 160 px: the one from x 480 to 640 is three quarters red, one quarter green.
    QTest::newRow("pixelate averages blocks")
        << q << u"e_pixelate:160"_s << QString() << QPoint(620, 100) << QColor(191, 63, 0) << 1;
    QTest::newRow("pixelate block inside one colour")
        << q << u"e_pixelate:160"_s << QString() << QPoint(10, 10) << red << 0;
    QTest::newRow("pixelate is capped at 200")
        << q << u"e_pixelate:500"_s << QString() << QPoint(700, 100) << green << 0;
    // Corners, borders, opacity, background.
    QTest::newRow("r_max corner transparent in png")
        << q << u"r_max"_s << u"png"_s << QPoint(0, 0) << transparent << 0;
    QTest::newRow("r_max centre opaque") << q << u"r_max"_s << u"png"_s << QPoint(700, 500) << yellow << 0;
    QTest::newRow("r_max corner white in jpg") << q << u"r_max"_s << u"jpg"_s << QPoint(0, 0) << white << 0;
    QTest::newRow("r_max with b_red") << q << u"r_max,b_red"_s << u"png"_s << QPoint(0, 0) << red << 0;
    QTest::newRow("r_100 corner") << q << u"r_100"_s << u"png"_s << QPoint(5, 5) << transparent << 0;
    QTest::newRow("r_100 inside") << q << u"r_100"_s << u"png"_s << QPoint(100, 100) << red << 0;
    QTest::newRow("r per corner: top-right round")
        << q << u"r_0:100:0:0"_s << u"png"_s << QPoint(1195, 5) << transparent << 0;
    QTest::newRow("r per corner: top-left square")
        << q << u"r_0:100:0:0"_s << u"png"_s << QPoint(0, 0) << red << 0;
    QTest::newRow("border colour") << q << u"bo_10px_solid_rgb:0000ff"_s << QString() << QPoint(5, 5) << blue
                                   << 0;
    QTest::newRow("border keeps the image")
        << q << u"bo_10px_solid_rgb:0000ff"_s << QString() << QPoint(15, 15) << red << 0;
    QTest::newRow("border named colour")
        << q << u"bo_3px_solid_black"_s << QString() << QPoint(1, 1) << black << 0;
    QTest::newRow("opacity in png") << q << u"o_50"_s << u"png"_s << QPoint(100, 100)
                                    << QColor(255, 0, 0, 128) << 2;
    QTest::newRow("opacity in jpg is over white")
        << q << u"o_50"_s << u"jpg"_s << QPoint(100, 100) << QColor(255, 128, 128) << 2;
    QTest::newRow("b_ fills transparency")
        << u"alpha"_s << u"b_blue"_s << u"png"_s << QPoint(10, 10) << blue << 0;
    QTest::newRow("b_ keeps opaque pixels")
        << u"alpha"_s << u"b_blue"_s << u"png"_s << QPoint(200, 200) << red << 0;
    QTest::newRow("transparency flattened for jpg")
        << u"alpha"_s << QString() << u"jpg"_s << QPoint(10, 10) << white << 0;
    QTest::newRow("transparency kept for png")
        << u"alpha"_s << QString() << u"png"_s << QPoint(10, 10) << transparent << 0;
}

void tst_ImageTransformer::pixels()
{
    QFETCH(QString, sourceName);
    QFETCH(QString, transformation);
    QFETCH(QString, extension);
    QFETCH(QPoint, point);
    QFETCH(QColor, expected);
    QFETCH(int, tolerance);

    const auto result = transform(source(sourceName), transformation, extension);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const QImage &image = result.value().image;
    QVERIFY(image.rect().contains(point));
    const QColor actual = image.pixelColor(point);
    QVERIFY2(near(actual, expected, tolerance),
             qPrintable(u"%1 at (%2,%3), expected %4"_s.arg(describe(actual))
                            .arg(point.x())
                            .arg(point.y())
                            .arg(describe(expected))));
}

void tst_ImageTransformer::rejectsWithCloudinaryMessages_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QString>("message"); // a prefix of the X-Cld-Error text

    QTest::newRow("crop mode") << u"c_foo,w_100"_s << u"Invalid crop mode: c_foo"_s;
    QTest::newRow("zero width") << u"w_0"_s << u"Invalid width - 0"_s;
    QTest::newRow("negative height") << u"h_-5"_s << u"Invalid height - -5"_s;
    QTest::newRow("width text") << u"w_abc"_s << u"Invalid width - abc"_s;
    QTest::newRow("effect") << u"e_foo"_s << u"Invalid effect: e_foo"_s;
    QTest::newRow("effect level") << u"e_blur:lots"_s << u"Invalid effect parameter - e_blur:lots"_s;
    QTest::newRow("gravity") << u"c_crop,w_10,g_nowhere"_s << u"Invalid gravity - nowhere"_s;
    QTest::newRow("quality") << u"q_200"_s << u"Invalid quality - 200"_s;
    QTest::newRow("aspect ratio") << u"ar_0,c_fill"_s << u"Invalid aspect ratio - 0"_s;
    QTest::newRow("angle") << u"a_sideways"_s << u"Invalid angle - sideways"_s;
    QTest::newRow("radius") << u"r_1:2:3:4:5"_s << u"Invalid radius - 1:2:3:4:5"_s;
    QTest::newRow("border") << u"bo_5px_dotted_red"_s << u"Invalid border - 5px_dotted_red"_s;
    QTest::newRow("background") << u"b_notacolor"_s << u"Invalid background color - notacolor"_s;
    QTest::newRow("color") << u"co_rgb:12"_s << u"Invalid color - rgb:12"_s;
    QTest::newRow("opacity") << u"o_150"_s << u"Invalid opacity - 150"_s;
    QTest::newRow("unknown key") << u"foo_bar"_s << u"Invalid transformation component - foo_bar"_s;
    QTest::newRow("format") << u"f_avif"_s << u"Invalid format - avif"_s;
    QTest::newRow("conditional") << u"if_w_gt_100,w_10"_s
                                 << u"Conditional transformations are not supported"_s;
    QTest::newRow("variable") << u"$w_100,w_$w"_s << u"User-defined variables are not supported"_s;
    QTest::newRow("text style") << u"l_text:Arial:Hi"_s << u"Invalid text style - Arial"_s;
    QTest::newRow("text style keyword")
        << u"l_text:Arial_20_wobbly:Hi"_s << u"Invalid text style - Arial_20_wobbly"_s;
    QTest::newRow("output too large") << u"w_30000,h_30000"_s << u"Image is too large"_s;
    QTest::newRow("output too large by width") << u"c_scale,w_100000"_s << u"Image is too large"_s;
    QTest::newRow("output too large by dpr") << u"w_1000,dpr_20"_s << u"Image is too large"_s;
    QTest::newRow("padding too large") << u"c_lpad,w_20000,h_20000"_s << u"Image is too large"_s;
    QTest::newRow("text must fit")
        << u"l_text:Arial_300:Far%20too%20wide%20for%20the%20image,fl_text_disallow_overflow"_s
        << u"Text overlay exceeds the image boundaries"_s;
    QTest::newRow("unsupported overlay")
        << u"l_fetch:aHR0cHM6Ly9leGFtcGxlLmNvbS9hLmpwZw"_s << u"Overlay type not supported"_s;
}

void tst_ImageTransformer::rejectsWithCloudinaryMessages()
{
    QFETCH(QString, transformation);
    QFETCH(QString, message);

    const auto result = transform(quadrants(), transformation);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(message), qPrintable(result.error().message));
    QCOMPARE(result.error().httpStatus, 400);
}

void tst_ImageTransformer::refusesOversizedSources()
{
    ImageLimits limits;
    limits.maxSourcePixels = 500'000;
    const auto result = ImageTransformer(limits).apply(quadrants(), u"w_10"_s);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(u"Image is too large"), qPrintable(result.error().message));
    QCOMPARE(result.error().httpStatus, 400);
}

void tst_ImageTransformer::refusesWorkBeyondTheBudget_data()
{
    QTest::addColumn<QString>("transformation");

    // Each stops inside its per-pixel loop, or between components.
    QTest::newRow("sharpen") << u"e_sharpen:2000"_s;
    QTest::newRow("blur") << u"e_blur:2000"_s;
    QTest::newRow("pixelate") << u"e_pixelate:1"_s;
    QTest::newRow("sepia") << u"e_sepia"_s;
    QTest::newRow("many rotations") << QStringList(40, u"a_180"_s).join(u'/');
}

void tst_ImageTransformer::refusesWorkBeyondTheBudget()
{
    QFETCH(QString, transformation);

    // A budget that one pass over 2400×1600 pixels already spends, so the refusal comes from the
    // budget and not from a size limit.
    ImageLimits limits;
    limits.cpuBudget = std::chrono::milliseconds(1);
    const QImage source = quadrants({2400, 1600});
    const auto refused = ImageTransformer(limits).apply(source, transformation);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.startsWith(u"Transformation took too long"_s),
             qPrintable(refused.error().message));
    QCOMPARE(refused.error().httpStatus, 400);

    // The default budget lets the same work through.
    QVERIFY(ImageTransformer().apply(source, transformation).ok());
}

void tst_ImageTransformer::expandsNamedTransformations_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QString>("expanded"); // or "error: <message prefix>"

    QTest::newRow("one") << u"t_thumb"_s << u"c_fill,w_100,h_100"_s;
    QTest::newRow("nested") << u"t_sepia_thumb/w_50"_s << u"c_fill,w_100,h_100/e_sepia/w_50"_s;
    QTest::newRow("chained names") << u"t_thumb.round"_s << u"c_fill,w_100,h_100/r_max"_s;
    QTest::newRow("with other parameters") << u"t_thumb,e_negate"_s << u"c_fill,w_100,h_100/e_negate"_s;
    QTest::newRow("none") << u"w_10"_s << u"w_10"_s;
    QTest::newRow("missing") << u"t_nope"_s << u"error: Named transformation t_nope not found"_s;
    QTest::newRow("cycle") << u"t_loop"_s << u"error: Named transformations nested too deeply - t_loop"_s;
    QTest::newRow("broken definition")
        << u"t_broken"_s << u"error: Invalid transformation component - oops"_s;
    QTest::newRow("fan-out") << u"t_wide"_s
                             << u"error: Named transformations expand to too many components"_s;
}

void tst_ImageTransformer::expandsNamedTransformations()
{
    QFETCH(QString, transformation);
    QFETCH(QString, expanded);

    const QHash<QString, QString> definitions = {
        {u"thumb"_s, u"c_fill,w_100,h_100"_s},
        {u"sepia_thumb"_s, u"t_thumb/e_sepia"_s},
        {u"round"_s, u"r_max"_s},
        {u"loop"_s, u"t_loop"_s},
        {u"broken"_s, u"oops"_s},
        // 10 × 10 × 10 lookups.
        {u"wide"_s, u"t_a.a.a.a.a.a.a.a.a.a"_s},
        {u"a"_s, u"t_b.b.b.b.b.b.b.b.b.b"_s},
        {u"b"_s, u"t_c.c.c.c.c.c.c.c.c.c"_s},
        {u"c"_s, u"w_10"_s},
    };
    const NamedTransformationResolver resolve
        = [&definitions](const QString &name) -> std::optional<QString> {
        const auto it = definitions.constFind(name);
        return it == definitions.cend() ? std::nullopt : std::optional<QString>(*it);
    };
    const auto steps = parseTransformationPath(transformation);
    QVERIFY(steps.ok());
    const auto result = expandNamedTransformations(steps.value(), resolve);
    const auto rendered = transform(quadrants(), transformation, {}, {}, resolve);
    if (expanded.startsWith(u"error: ")) {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.startsWith(expanded.mid(7)), qPrintable(result.error().message));
        QVERIFY(!rendered.ok());
        QCOMPARE(rendered.error().message, result.error().message);
        return;
    }
    QVERIFY(result.ok());
    QCOMPARE(toTransformationString(result.value()), expanded);
    QVERIFY(rendered.ok());
    const auto direct = transform(quadrants(), expanded);
    QVERIFY(direct.ok());
    QCOMPARE(rendered.value().image, direct.value().image);
}

void tst_ImageTransformer::placesImageOverlays_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QPoint>("point");
    QTest::addColumn<QColor>("expected");

    // The logo is a 100×100 magenta square; the base is the 1200×800 quadrant image.
    QTest::newRow("south_east with offsets")
        << u"l_brand:logo/fl_layer_apply,g_south_east,x_10,y_10"_s << QPoint(1140, 740) << magenta;
    QTest::newRow("offsets leave the edge")
        << u"l_brand:logo/fl_layer_apply,g_south_east,x_10,y_10"_s << QPoint(1195, 795) << yellow;
    QTest::newRow("resized in its own component")
        << u"l_brand:logo,w_200/fl_layer_apply,g_north_west"_s << QPoint(190, 190) << magenta;
    QTest::newRow("outside the resized layer")
        << u"l_brand:logo,w_200/fl_layer_apply,g_north_west"_s << QPoint(210, 210) << red;
    QTest::newRow("placed by its own component")
        << u"l_brand:logo,g_north,y_20"_s << QPoint(600, 70) << magenta;
    QTest::newRow("above its own component's offset")
        << u"l_brand:logo,g_north,y_20"_s << QPoint(560, 10) << red;
    QTest::newRow("centre by default") << u"l_brand:logo"_s << QPoint(600, 400) << magenta;
    QTest::newRow("relative to the base")
        << u"l_brand:logo,w_0.5,fl_relative/fl_layer_apply,g_west"_s << QPoint(550, 400) << magenta;
    QTest::newRow("relative to itself")
        << u"l_brand:logo,w_0.5/fl_layer_apply,g_north_west"_s << QPoint(60, 60) << red;
    QTest::newRow("steps between transform the layer")
        << u"l_brand:logo/e_negate/fl_layer_apply,g_center"_s << QPoint(600, 400) << green;
    QTest::newRow("base untouched by layer steps")
        << u"l_brand:logo/e_negate/fl_layer_apply,g_center"_s << QPoint(100, 100) << red;
    QTest::newRow("layer opacity") << u"l_brand:logo,o_50/fl_layer_apply"_s << QPoint(600, 400)
                                   << QColor(255, 128, 128);
    QTest::newRow("extension in the id")
        << u"l_brand:logo.png/fl_layer_apply,g_north_west"_s << QPoint(50, 50) << magenta;
    QTest::newRow("steps after the layer apply to all")
        << u"l_brand:logo/fl_layer_apply/e_negate"_s << QPoint(600, 400) << green;
    QTest::newRow("nested layer")
        << u"l_brand:logo/l_dot/fl_layer_apply,g_north_west/fl_layer_apply,g_north_west"_s << QPoint(5, 5)
        << white;
    QTest::newRow("tiled") << u"l_dot/fl_layer_apply,fl_tiled"_s << QPoint(1195, 795) << white;
    QTest::newRow("underlay hidden by an opaque base") << u"u_brand:logo"_s << QPoint(600, 400) << yellow;
}

void tst_ImageTransformer::placesImageOverlays()
{
    QFETCH(QString, transformation);
    QFETCH(QPoint, point);
    QFETCH(QColor, expected);

    QStringList asked;
    const LayerResolver layers = [&asked](const QString &publicId) -> std::optional<QImage> {
        asked += publicId;
        if (publicId == u"brand/logo")
            return solid({100, 100}, magenta);
        if (publicId == u"dot")
            return solid({10, 10}, white);
        return std::nullopt;
    };
    const auto result = transform(quadrants(), transformation, {}, layers);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(!asked.isEmpty());
    const QColor actual = result.value().image.pixelColor(point);
    QVERIFY2(near(actual, expected, 2), qPrintable(describe(actual)));
}

void tst_ImageTransformer::overlaysGrowTheCanvas_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QPoint>("point");
    QTest::addColumn<QColor>("expected");

    QTest::newRow("past the top-left") << u"l_brand:logo/fl_layer_apply,g_north_west,x_-50,y_-20"_s
                                       << QSize(1250, 820) << QPoint(10, 10) << magenta;
    QTest::newRow("base moved along") << u"l_brand:logo/fl_layer_apply,g_north_west,x_-50,y_-20"_s
                                      << QSize(1250, 820) << QPoint(60, 130) << red;
    QTest::newRow("new area is transparent") << u"l_brand:logo/fl_layer_apply,g_north_west,x_-50,y_-20"_s
                                             << QSize(1250, 820) << QPoint(5, 500) << transparent;
    QTest::newRow("past the bottom-right") << u"l_brand:logo/fl_layer_apply,g_south_east,x_-60,y_-70"_s
                                           << QSize(1260, 870) << QPoint(1255, 865) << magenta;
    QTest::newRow("fl_no_overflow clips")
        << u"l_brand:logo/fl_layer_apply,g_north_west,x_-50,y_-20,fl_no_overflow"_s << QSize(1200, 800)
        << QPoint(10, 10) << magenta;
    QTest::newRow("fl_no_overflow on the layer")
        << u"l_brand:logo,fl_no_overflow/fl_layer_apply,g_north_west,x_-50"_s << QSize(1200, 800)
        << QPoint(60, 10) << red;
}

void tst_ImageTransformer::overlaysGrowTheCanvas()
{
    QFETCH(QString, transformation);
    QFETCH(QSize, size);
    QFETCH(QPoint, point);
    QFETCH(QColor, expected);

    const LayerResolver layers = [](const QString &) {
        return std::optional<QImage>(solid({100, 100}, magenta));
    };
    const auto result = transform(quadrants(), transformation, u"png"_s, layers);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const QImage &image = result.value().image;
    QCOMPARE(image.size(), size);
    const QColor actual = image.pixelColor(point);
    QVERIFY2(near(actual, expected, 2), qPrintable(describe(actual)));
}

void tst_ImageTransformer::longTextGrowsTheCanvas()
{
    const QString text
        = u"l_text:Arial_100:A%20line%20of%20text%20far%20wider%20than%20the%20image,co_rgb:ff00ff"_s;
    const auto grown = transform(quadrants(), text, u"png"_s);
    const auto clipped = transform(quadrants(), text + u",fl_no_overflow"_s, u"png"_s);
    QVERIFY(grown.ok() && clipped.ok());
    const QImage &image = grown.value().image;
    QVERIFY2(image.width() > 1200, qPrintable(QString::number(image.width())));
    QCOMPARE(image.height(), 800);
    // Centred text: the base sits in the middle, the margins left and right are transparent.
    QCOMPARE(image.pixelColor(image.width() / 2 + 10, 790), yellow);
    QCOMPARE(image.pixelColor(1, 1).alpha(), 0);
    QCOMPARE(clipped.value().image.size(), QSize(1200, 800));
}

void tst_ImageTransformer::rejectsMissingOverlay()
{
    const auto result = transform(quadrants(), u"l_brand:missing/fl_layer_apply"_s, {},
                                  [](const QString &) { return std::optional<QImage>(); });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, u"Overlay image not found - brand/missing"_s);
    QCOMPARE(result.error().httpStatus, 400);
}

void tst_ImageTransformer::decodesOverlayText_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("text");

    QTest::newRow("SDK encoding") << u"Arial_20:Hello%20World%252C%20%252FNice%20to%20meet%20you%3F"_s
                                  << u"Hello World, /Nice to meet you?"_s;
    QTest::newRow("router already decoded once")
        << u"Arial_20:Hello World%2C /you?"_s << u"Hello World, /you?"_s;
    QTest::newRow("colon in the text") << u"Arial_20:Time: 10%3A30"_s << u"Time: 10:30"_s;
    QTest::newRow("parentheses") << u"Arial_20:%28note%29"_s << u"(note)"_s;
    QTest::newRow("unicode") << u"Arial_20:caf%C3%A9"_s << u"café"_s;
    QTest::newRow("family with spaces") << u"Times%20New%20Roman_18_bold_italic:x"_s << u"x"_s;
}

void tst_ImageTransformer::decodesOverlayText()
{
    QFETCH(QString, spec);
    QFETCH(QString, text);
    const auto layer = TextLayer::parse(spec);
    QVERIFY2(layer.ok(), qPrintable(layer.ok() ? QString() : layer.error().message));
    QCOMPARE(layer.value().text, text);
}

void tst_ImageTransformer::drawsTextOverlay_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QRect>("inked"); // must contain red text pixels
    QTest::addColumn<QRect>("untouched"); // must stay white

    QTest::newRow("centre") << u"l_text:Arial_40_bold:Hello%20World,co_rgb:ff0000"_s
                            << QRect(100, 70, 200, 60) << QRect(0, 0, 400, 40);
    QTest::newRow("north_west with offset")
        << u"l_text:Arial_30:Hi%252C%20there,co_red/fl_layer_apply,g_north_west,x_10,y_10"_s
        << QRect(10, 10, 150, 40) << QRect(200, 100, 200, 100);
    QTest::newRow("south_east")
        << u"l_text:DejaVu%20Sans_24:corner,co_rgb:ff0000/fl_layer_apply,g_south_east"_s
        << QRect(250, 160, 150, 40) << QRect(0, 0, 200, 150);
    QTest::newRow("styled, two lines") << u"l_text:Arial_30_semibold_italic_underline_center_letter_spacing_"
                                          u"2_line_spacing_5:two%0Alines,co_red/"
                                          u"fl_layer_apply,g_north_west"_s
                                       << QRect(0, 0, 150, 90) << QRect(200, 100, 200, 100);
    QTest::newRow("stroke") << u"l_text:Arial_40_bold_stroke:S,co_red/fl_layer_apply,g_north_west"_s
                            << QRect(0, 0, 50, 50) << QRect(100, 100, 300, 100);
    QTest::newRow("text background") << u"l_text:Arial_30:X,co_red,b_black/fl_layer_apply,g_north_west"_s
                                     << QRect(0, 0, 40, 40) << QRect(100, 100, 300, 100);
}

void tst_ImageTransformer::drawsTextOverlay()
{
    QFETCH(QString, transformation);
    QFETCH(QRect, inked);
    QFETCH(QRect, untouched);

    const auto result = transform(solid({400, 200}, white), transformation);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const QImage &image = result.value().image;
    QCOMPARE(image.size(), QSize(400, 200));
    QVERIFY2(countNear(image, inked, red, 60) > 20, "no text pixels where the text should be");
    QCOMPARE(countNear(image, untouched, white, 0), untouched.width() * untouched.height());
}

void tst_ImageTransformer::wrapsTextWithFit()
{
    const auto oneLine
        = transform(solid({600, 400}, white), u"l_text:Arial_20:one%20two%20three%20four%20five,co_red"_s);
    const auto wrapped = transform(solid({600, 400}, white),
                                   u"l_text:Arial_20:one%20two%20three%20four%20five,co_red,c_fit,w_80"_s);
    QVERIFY(oneLine.ok());
    QVERIFY(wrapped.ok());
    auto inkedRows = [](const QImage &image) {
        int rows = 0;
        for (int y = 0; y < image.height(); ++y)
            rows += countNear(image, QRect(0, y, image.width(), 1), red, 80) > 0 ? 1 : 0;
        return rows;
    };
    QVERIFY2(inkedRows(wrapped.value().image) > 2 * inkedRows(oneLine.value().image), "wrapping adds lines");
}

void tst_ImageTransformer::choosesOutputFormat_data()
{
    QTest::addColumn<QString>("fetchFormat");
    QTest::addColumn<QString>("accept");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("expected");

    const QString browser = u"image/avif,image/webp,image/apng,*/*;q=0.8"_s;
    QTest::newRow("explicit f_ wins") << u"png"_s << browser << u"jpg"_s << u"jpg"_s << u"png"_s;
    QTest::newRow("f_jpeg") << u"jpeg"_s << QString() << QString() << u"png"_s << u"jpg"_s;
    // Needs the webp writer (qt6-image-formats-plugins), as roundTripsEveryFormat() checks.
    QTest::newRow("f_auto with webp accepted") << u"auto"_s << browser << u"jpg"_s << u"jpg"_s << u"webp"_s;
    QTest::newRow("f_auto, jpg original") << u"auto"_s << u"*/*"_s << QString() << u"jpg"_s << u"jpg"_s;
    QTest::newRow("f_auto, png original") << u"auto"_s << u"*/*"_s << QString() << u"png"_s << u"png"_s;
    QTest::newRow("f_auto, tiff original") << u"auto"_s << QString() << QString() << u"tiff"_s << u"png"_s;
    QTest::newRow("f_auto, bmp original") << u"auto"_s << QString() << QString() << u"bmp"_s << u"jpg"_s;
    QTest::newRow("extension") << QString() << browser << u"gif"_s << u"jpg"_s << u"gif"_s;
    QTest::newRow("extension jpeg") << QString() << QString() << u"JPEG"_s << u"png"_s << u"jpg"_s;
    QTest::newRow("original") << QString() << QString() << QString() << u"gif"_s << u"gif"_s;
    QTest::newRow("unusable f_ falls back") << u"avif"_s << QString() << QString() << u"png"_s << u"png"_s;
}

void tst_ImageTransformer::choosesOutputFormat()
{
    QFETCH(QString, fetchFormat);
    QFETCH(QString, accept);
    QFETCH(QString, extension);
    QFETCH(QString, original);
    QFETCH(QString, expected);

    QList<Step> steps {Step {{u"c"_s, u"fill"_s}, {u"w"_s, u"10"_s}}};
    if (!fetchFormat.isEmpty())
        steps.append(Step {{u"f"_s, fetchFormat}});
    QCOMPARE(chooseOutputFormat(steps, extension, original, accept), expected);
}

void tst_ImageTransformer::appliesFormatAndQuality_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("quality");

    QTest::newRow("defaults") << u"w_10"_s << u"jpg"_s << -1;
    QTest::newRow("q number") << u"q_50"_s << u"jpg"_s << 50;
    QTest::newRow("q auto") << u"q_auto"_s << u"jpg"_s << 80;
    QTest::newRow("q auto:low") << u"q_auto:low"_s << u"jpg"_s << 60;
    QTest::newRow("q auto:best") << u"q_auto:best"_s << u"jpg"_s << 90;
    QTest::newRow("q with chroma") << u"q_70:420"_s << u"jpg"_s << 70;
    QTest::newRow("last f_ wins") << u"f_gif/w_10/f_png"_s << u"png"_s << -1;
    QTest::newRow("mime follows") << u"f_gif,q_30"_s << u"gif"_s << 30;
}

void tst_ImageTransformer::appliesFormatAndQuality()
{
    QFETCH(QString, transformation);
    QFETCH(QString, format);
    QFETCH(int, quality);

    const auto result = transform(quadrants({120, 80}), transformation);
    QVERIFY(result.ok());
    QCOMPARE(result.value().format, format);
    QCOMPARE(result.value().quality, quality);
    QCOMPARE(result.value().mimeType(), format == u"jpg" ? u"image/jpeg"_s : u"image/"_s + format);
}

void tst_ImageTransformer::roundTripsEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("kind"); // quadrants, gradient (many colours) or alpha
    QTest::addColumn<int>("tolerance");

    for (const QString &format : {u"jpg"_s, u"png"_s, u"webp"_s, u"gif"_s, u"bmp"_s, u"tiff"_s}) {
        const int tolerance = format == u"jpg" || format == u"webp" ? 40 : 0;
        QTest::addRow("%s quadrants", qPrintable(format)) << format << u"quadrants"_s << tolerance;
        QTest::addRow("%s gradient", qPrintable(format))
            << format << u"gradient"_s << (format == u"png" ? 0 : 60);
    }
    QTest::newRow("png alpha") << u"png"_s << u"alpha"_s << 0;
    QTest::newRow("gif alpha") << u"gif"_s << u"alpha"_s << 0;
    QTest::newRow("gif one colour") << u"gif"_s << u"gray"_s << 0;
    QTest::newRow("gif big photo") << u"gif"_s << u"photo"_s << 60;
    QTest::newRow("webp alpha") << u"webp"_s << u"alpha"_s << 40;
}

void tst_ImageTransformer::roundTripsEveryFormat()
{
    QFETCH(QString, format);
    QFETCH(QString, kind);
    QFETCH(int, tolerance);
    // The test machine has every writer ./dev installs (webp: qt6-image-formats-plugins); a missing
    // one fails here rather than passing unseen as a skip.
    QVERIFY2(canEncode(format),
             "this Qt has no writer for the format (webp: install qt6-image-formats-plugins)");

    const QImage original = kind == u"quadrants" ? quadrants({240, 160}) : source(kind);
    const auto encoded = encodeImage(original, format, 90);
    QVERIFY2(encoded.ok(), qPrintable(encoded.ok() ? QString() : encoded.error().message));

    QBuffer buffer;
    buffer.setData(encoded.value());
    QImageReader reader(&buffer);
    QCOMPARE(canonicalFormat(QString::fromLatin1(reader.format())), format);
    const QImage decoded = reader.read();
    QVERIFY2(!decoded.isNull(), qPrintable(reader.errorString()));
    QCOMPARE(decoded.size(), original.size());
    // Away from the quadrants' edges, where lossy formats blur colours.
    for (const QPoint point : {QPoint(30, 30), QPoint(original.width() - 30, original.height() - 30),
                               QPoint(original.width() / 2 + 30, original.height() / 2 - 30)}) {
        const QColor want = original.pixelColor(point);
        const QColor got = decoded.pixelColor(point);
        QVERIFY2(near(got, want, tolerance), qPrintable(u"%1 vs %2"_s.arg(describe(got), describe(want))));
    }
    if (kind == u"alpha")
        QCOMPARE(decoded.pixelColor(5, 5).alpha(), 0);

    const auto decodedBySandbox = decodeImage(encoded.value());
    QVERIFY(decodedBySandbox.ok());
    QCOMPARE(decodedBySandbox.value().format, format);
}

void tst_ImageTransformer::lowerQualityMeansSmallerJpeg()
{
    const QImage photo = gradient({640, 480});
    const auto low = encodeImage(photo, u"jpg", 10);
    const auto high = encodeImage(photo, u"jpg", 95);
    QVERIFY(low.ok() && high.ok());
    QVERIFY(low.value().size() * 2 < high.value().size());
}

void tst_ImageTransformer::decodeRefusesHugeImagesBeforeAllocating()
{
    const auto png = encodeImage(solid({2000, 1000}, red), u"png");
    QVERIFY(png.ok());
    const auto refused = decodeImage(png.value(), 1'000'000);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.startsWith(u"Image is too large (2000x1000"));
    QCOMPARE(refused.error().httpStatus, 400);
    const auto accepted = decodeImage(png.value(), 2'000'000);
    QVERIFY(accepted.ok());
    QCOMPARE(accepted.value().image.size(), QSize(2000, 1000));
    QCOMPARE(accepted.value().format, u"png"_s);
    QVERIFY(!decodeImage("not an image").ok());
}

void tst_ImageTransformer::rendersTheSameOnWorkerThreads()
{
    // The server renders on QtConcurrent workers: same pixels as on the main thread, text included.
    const QStringList transformations
        = {u"c_fill,w_200,h_150/e_sepia"_s,
           u"l_text:Arial_30_bold:Thread%20safe,co_red/fl_layer_apply,g_south"_s,
           u"r_max,bo_4px_solid_blue/a_30"_s, u"e_blur:200/c_pad,w_300,h_300,b_black"_s};
    const QImage base = quadrants({600, 400});
    QList<QImage> expected;
    for (const QString &t : transformations) {
        const auto result = transform(base, t, u"png"_s);
        QVERIFY(result.ok());
        expected.append(result.value().image);
    }
    QList<QImage> actual(transformations.size());
    std::vector<std::unique_ptr<QThread>> threads;
    for (qsizetype i = 0; i < transformations.size(); ++i) {
        threads.emplace_back(QThread::create([&, i] {
            const auto result = transform(base, transformations.at(i), u"png"_s);
            if (result.ok())
                actual[i] = result.value().image;
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60000));
    for (qsizetype i = 0; i < transformations.size(); ++i)
        QVERIFY2(actual.at(i) == expected.at(i), qPrintable(transformations.at(i)));
}

void tst_ImageTransformer::decodeScaleHint_data()
{
    QTest::addColumn<QString>("transformation");
    QTest::addColumn<double>("scale"); // for a 4000×3000 original

    QTest::newRow("thumbnail") << u"c_fill,w_256,h_256"_s << 0.25;
    QTest::newRow("thumbnail, then effects") << u"c_fill,w_256,h_256,g_auto/e_sepia/r_max"_s << 0.25;
    QTest::newRow("tiny is capped at 1/8") << u"w_100"_s << 0.125;
    QTest::newRow("fit") << u"c_fit,w_900,h_900"_s << 0.5;
    QTest::newRow("with dpr") << u"c_fill,w_256,h_256,dpr_2"_s << 0.5;
    QTest::newRow("width and ar") << u"ar_1:1,c_fill,w_200"_s << 0.25;
    QTest::newRow("half size needs all pixels") << u"w_2000"_s << 1.0;
    QTest::newRow("limit that keeps the size") << u"c_limit,w_8000,h_8000"_s << 1.0;
    QTest::newRow("fraction") << u"w_0.1"_s << 1.0;
    QTest::newRow("plain crop") << u"c_crop,w_100,h_100"_s << 1.0;
    QTest::newRow("xy_center") << u"c_fill,w_100,h_100,g_xy_center,x_10,y_10"_s << 1.0;
    QTest::newRow("size not first") << u"e_sepia/w_100"_s << 1.0;
    QTest::newRow("layer") << u"l_logo,w_100"_s << 1.0;
    QTest::newRow("nothing") << QString() << 1.0;
}

void tst_ImageTransformer::decodeScaleHint()
{
    QFETCH(QString, transformation);
    QFETCH(double, scale);
    const auto steps = parseTransformationPath(transformation);
    QVERIFY(steps.ok());
    QCOMPARE(ImageTransformer().decodeScaleHint(QSize(4000, 3000), steps.value()), scale);
}

void tst_ImageTransformer::decodesJpegSmallerForThumbnails()
{
    const auto jpeg = encodeImage(quadrants({4000, 3000}), u"jpg", 95);
    QVERIFY(jpeg.ok());
    const auto steps = parseTransformationPath(u"c_fill,w_256,h_256"_s);
    QVERIFY(steps.ok());
    const ImageTransformer transformer;
    const double scale = transformer.decodeScaleHint(QSize(4000, 3000), steps.value());

    const auto small = decodeImage(jpeg.value(), 100'000'000, scale);
    QVERIFY(small.ok());
    QCOMPARE(small.value().image.size(), QSize(1000, 750));
    const auto full = decodeImage(jpeg.value());
    QVERIFY(full.ok());
    QCOMPARE(full.value().image.size(), QSize(4000, 3000));

    const auto fromSmall = transformer.apply(small.value().image, steps.value());
    const auto fromFull = transformer.apply(full.value().image, steps.value());
    QVERIFY(fromSmall.ok() && fromFull.ok());
    QCOMPARE(fromSmall.value().image.size(), fromFull.value().image.size());
    for (const QPoint point : {QPoint(20, 20), QPoint(236, 20), QPoint(20, 236), QPoint(236, 236)})
        QVERIFY(near(fromSmall.value().image.pixelColor(point), fromFull.value().image.pixelColor(point), 6));

    // PNG ignores the hint (its reader would only decode fully and scale afterwards).
    const auto png = encodeImage(quadrants({400, 300}), u"png");
    QVERIFY(png.ok());
    const auto pngDecoded = decodeImage(png.value(), 100'000'000, 0.25);
    QVERIFY(pngDecoded.ok());
    QCOMPARE(pngDecoded.value().image.size(), QSize(400, 300));
}

void tst_ImageTransformer::thumbnailOfTwelveMegapixels()
{
    const QImage photo = quadrants({4000, 3000});
    const ImageTransformer transformer;
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto result = transformer.apply(photo, u"c_fill,w_256,h_256,g_auto"_s);
        const qint64 elapsed = timer.elapsed();
        QVERIFY(result.ok());
        QCOMPARE(result.value().image.size(), QSize(256, 256));
        QVERIFY(near(result.value().image.pixelColor(20, 20), red, 0));
        QVERIFY(near(result.value().image.pixelColor(236, 236), yellow, 0));
        best = std::min(best, elapsed);
    }
    qInfo("12 MP -> 256x256 c_fill: best of 3 runs %lld ms", static_cast<long long>(best));
    // The speed itself is benchmarkThumbnail's to measure (docs/benchmarks.md), not a timed test's.
}

void tst_ImageTransformer::benchmarkThumbnail()
{
    const QImage photo = quadrants({4000, 3000});
    const ImageTransformer transformer;
    QBENCHMARK
    {
        const auto result = transformer.apply(photo, u"c_fill,w_256,h_256,g_auto"_s);
        QVERIFY(result.ok());
    }
}

QTEST_MAIN(tst_ImageTransformer)
#include "tst_imagetransformer.moc"
