#include "imagecodec.h"

#include "gifencoder.h"
#include "imageoperations.h"
#include "imagingerror.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

constexpr int defaultJpegQuality = 80;

// The name Qt's image I/O plugins use for a canonical format.
QByteArray qtFormat(QStringView format)
{
    if (format == u"jpg")
        return "jpeg";
    return format.toLatin1();
}

core::Error encoderMissing(QStringView format)
{
    core::Error error;
    error.kind = core::Error::Kind::Internal;
    error.httpStatus = 500;
    error.message = u"The sandbox cannot write "_s + format.toString()
        + u" images: Qt's image format plugin is "
          u"missing (Debian package qt6-image-formats-plugins)"_s;
    return error;
}

} // namespace

QString canonicalFormat(QStringView format)
{
    const QString lower = format.toString().toLower();
    if (lower == u"jpg" || lower == u"jpeg" || lower == u"jpe")
        return u"jpg"_s;
    if (lower == u"tif" || lower == u"tiff")
        return u"tiff"_s;
    if (lower == u"png" || lower == u"webp" || lower == u"gif" || lower == u"bmp")
        return lower;
    return {};
}

bool canEncode(QStringView format)
{
    const QString canonical = canonicalFormat(format);
    if (canonical.isEmpty())
        return false;
    if (canonical == u"gif")
        return true; // our own encoder
    return QImageWriter::supportedImageFormats().contains(qtFormat(canonical));
}

bool formatSupportsAlpha(QStringView format)
{
    const QString canonical = canonicalFormat(format);
    return canonical == u"png" || canonical == u"webp" || canonical == u"gif" || canonical == u"tiff";
}

QString mimeTypeForFormat(QStringView format)
{
    const QString canonical = canonicalFormat(format);
    if (canonical == u"jpg")
        return u"image/jpeg"_s;
    if (canonical.isEmpty())
        return {};
    return u"image/"_s + canonical;
}

core::Result<DecodedImage> decodeImage(const QByteArray &data, qint64 maxPixels, double scale)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && static_cast<qint64>(size.width()) * size.height() > maxPixels)
        return transformationError(u"Image is too large (%1x%2, maximum %3 megapixels)"_s.arg(size.width())
                                       .arg(size.height())
                                       .arg(maxPixels / 1'000'000));
    // Qt refuses images above 256 MB by default; allow what maxPixels permits at 4 bytes a pixel.
    reader.setAllocationLimit(static_cast<int>(std::max<qint64>(256, maxPixels * 4 / (1024 * 1024) + 1)));
    DecodedImage decoded;
    decoded.format = canonicalFormat(QString::fromLatin1(reader.format()));
    if (decoded.format.isEmpty())
        decoded.format = QString::fromLatin1(reader.format());
    // libjpeg scales by 1/2, 1/4 and 1/8 while decoding; other readers would decode fully and
    // then scale, slower than the transformer's own reduction.
    if (scale < 1.0 && decoded.format == u"jpg" && size.isValid())
        reader.setScaledSize(
            QSize(std::max(1, qRound(size.width() * scale)), std::max(1, qRound(size.height() * scale))));
    if (!reader.read(&decoded.image))
        return transformationError(u"Invalid image file - "_s + reader.errorString());
    if (static_cast<qint64>(decoded.image.width()) * decoded.image.height() > maxPixels)
        return transformationError(
            u"Image is too large (maximum %1 megapixels)"_s.arg(maxPixels / 1'000'000));
    return decoded;
}

core::Result<QByteArray> encodeImage(const QImage &source, QStringView format, int quality)
{
    const QString canonical = canonicalFormat(format);
    if (canonical.isEmpty())
        return transformationError(u"Invalid format - "_s + format.toString());
    if (source.isNull())
        return transformationError(u"Cannot encode an empty image"_s);
    const QImage image = formatSupportsAlpha(canonical) ? source : composedOver(source, Qt::white);
    if (canonical == u"gif")
        return encodeGif(image);
    if (!canEncode(canonical))
        return encoderMissing(canonical);

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, qtFormat(canonical));
    if (canonical == u"jpg" || canonical == u"webp")
        writer.setQuality(quality > 0 ? quality : defaultJpegQuality);
    if (canonical == u"jpg")
        writer.setOptimizedWrite(true);
    // Qt's JPEG writer keeps no alpha anyway; handing it RGB32 avoids a conversion warning.
    const QImage toWrite
        = canonical == u"jpg" || canonical == u"bmp" ? image.convertToFormat(QImage::Format_RGB32) : image;
    if (!writer.write(toWrite)) {
        core::Error error;
        error.kind = core::Error::Kind::Internal;
        error.httpStatus = 500;
        error.message = u"Cannot encode the image as "_s + canonical + u": "_s + writer.errorString();
        return error;
    }
    return bytes;
}

core::Result<QString> chooseOutputFormat(QStringView fetchFormat, QStringView acceptHeader,
                                         QStringView extension, QStringView originalFormat, bool transparent)
{
    if (fetchFormat == u"auto") {
        if (acceptHeader.contains(u"image/webp", Qt::CaseInsensitive) && canEncode(u"webp"))
            return u"webp"_s;
        const QString original = canonicalFormat(originalFormat);
        if (original == u"jpg" || original == u"png" || original == u"gif")
            return original;
        if (!original.isEmpty())
            return original == u"webp" || formatSupportsAlpha(original) ? u"png"_s : u"jpg"_s;
        return transparent ? u"png"_s : u"jpg"_s;
    }
    for (const QStringView requested : {fetchFormat, extension}) {
        if (requested.isEmpty())
            continue;
        const QString canonical = canonicalFormat(requested);
        if (canonical.isEmpty())
            return transformationError(u"Invalid format - "_s + requested.toString());
        return canonical;
    }
    const QString original = canonicalFormat(originalFormat);
    if (!original.isEmpty() && canEncode(original))
        return original;
    return transparent ? u"png"_s : u"jpg"_s;
}

QString fetchFormat(const QList<Step> &steps)
{
    QString format;
    for (const Step &step : steps) {
        const QString value = stepValue(step, u"f");
        if (!value.isEmpty())
            format = value.toLower();
    }
    return format;
}

QString chooseOutputFormat(const QList<Step> &steps, const QString &extension, const QString &originalFormat,
                           const QString &acceptHeader)
{
    const bool transparent = formatSupportsAlpha(originalFormat);
    core::Result<QString> chosen
        = chooseOutputFormat(fetchFormat(steps), acceptHeader, extension, originalFormat, transparent);
    if (!chosen)
        chosen = chooseOutputFormat({}, acceptHeader, {}, originalFormat, transparent);
    return chosen ? chosen.value() : u"jpg"_s;
}

} // namespace stratus::sandbox::imaging
