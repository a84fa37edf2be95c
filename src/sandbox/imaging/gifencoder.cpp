#include "gifencoder.h"

#include <QHash>
#include <QList>

#include <algorithm>
#include <array>
#include <vector>

namespace stratus::sandbox::imaging {

namespace {

constexpr int transparentThreshold = 128;
constexpr int maxCodes = 4096;

struct Indexed
{
    QList<QRgb> palette;
    std::vector<uchar> pixels;
    int transparentIndex = -1;
};

bool isTransparent(QRgb pixel)
{
    return qAlpha(pixel) < transparentThreshold;
}

// Exact palette when the opaque pixels use few enough colours.
bool indexExactly(const QImage &image, Indexed &out, bool transparent)
{
    const int limit = transparent ? 255 : 256;
    QHash<QRgb, uchar> lookup;
    out.pixels.resize(static_cast<size_t>(image.width()) * static_cast<size_t>(image.height()));
    size_t i = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x, ++i) {
            if (transparent && isTransparent(line[x])) {
                out.pixels[i] = static_cast<uchar>(limit);
                continue;
            }
            const QRgb color = line[x] | 0xff000000u;
            auto it = lookup.find(color);
            if (it == lookup.end()) {
                if (lookup.size() == limit)
                    return false;
                it = lookup.insert(color, static_cast<uchar>(lookup.size()));
                out.palette.append(color);
            }
            out.pixels[i] = *it;
        }
    }
    if (transparent) {
        // Transparent pixels were marked with `limit`, which no colour uses; give them the
        // index after the last colour so the table stays small.
        out.transparentIndex = static_cast<int>(out.palette.size());
        out.palette.append(0);
        std::replace(out.pixels.begin(), out.pixels.end(), static_cast<uchar>(limit),
                     static_cast<uchar>(out.transparentIndex));
    }
    return true;
}

// A 6×7×6 colour cube with error diffusion, for photographs.
void indexDithered(const QImage &image, Indexed &out, bool transparent)
{
    constexpr int levels[3] = {6, 7, 6};
    out.palette.clear();
    for (int r = 0; r < levels[0]; ++r) {
        for (int g = 0; g < levels[1]; ++g) {
            for (int b = 0; b < levels[2]; ++b)
                out.palette.append(
                    qRgb(r * 255 / (levels[0] - 1), g * 255 / (levels[1] - 1), b * 255 / (levels[2] - 1)));
        }
    }
    if (transparent) {
        out.transparentIndex = static_cast<int>(out.palette.size());
        out.palette.append(0);
    }
    const int width = image.width();
    out.pixels.assign(static_cast<size_t>(width) * static_cast<size_t>(image.height()), 0);
    // Errors of the current and the next row, three channels, one pixel of margin each side.
    std::vector<int> current(static_cast<size_t>(width + 2) * 3, 0);
    std::vector<int> next(current.size(), 0);
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        std::fill(next.begin(), next.end(), 0);
        for (int x = 0; x < width; ++x) {
            const size_t index = static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x);
            if (transparent && isTransparent(line[x])) {
                out.pixels[index] = static_cast<uchar>(out.transparentIndex);
                continue;
            }
            const int channels[3] = {qRed(line[x]), qGreen(line[x]), qBlue(line[x])};
            int quantized[3];
            int errors[3];
            for (int c = 0; c < 3; ++c) {
                const int wanted
                    = std::clamp(channels[c] + current[static_cast<size_t>(x + 1) * 3 + c] / 16, 0, 255);
                quantized[c] = (wanted * (levels[c] - 1) + 127) / 255;
                errors[c] = wanted - quantized[c] * 255 / (levels[c] - 1);
            }
            out.pixels[index] = static_cast<uchar>(quantized[0] * levels[1] * levels[2]
                                                   + quantized[1] * levels[2] + quantized[2]);
            for (int c = 0; c < 3; ++c) {
                current[static_cast<size_t>(x + 2) * 3 + c] += errors[c] * 7;
                next[static_cast<size_t>(x) * 3 + c] += errors[c] * 3;
                next[static_cast<size_t>(x + 1) * 3 + c] += errors[c] * 5;
                next[static_cast<size_t>(x + 2) * 3 + c] += errors[c];
            }
        }
        std::swap(current, next);
    }
}

// Variable-width codes, least significant bit first, as GIF wants them.
class BitWriter
{
public:
    void write(int code, int width)
    {
        m_buffer |= static_cast<quint32>(code) << m_bits;
        m_bits += width;
        while (m_bits >= 8) {
            m_bytes.append(static_cast<char>(m_buffer & 0xffu));
            m_buffer >>= 8;
            m_bits -= 8;
        }
    }
    QByteArray finish()
    {
        if (m_bits > 0)
            m_bytes.append(static_cast<char>(m_buffer & 0xffu));
        return m_bytes;
    }

private:
    QByteArray m_bytes;
    quint32 m_buffer = 0;
    int m_bits = 0;
};

QByteArray lzwCompress(const std::vector<uchar> &pixels, int minimumCodeSize)
{
    const int clearCode = 1 << minimumCodeSize;
    const int endCode = clearCode + 1;
    // Dictionary keyed by (prefix code, next index); a generation stamp makes clearing free.
    std::vector<quint32> table(static_cast<size_t>(maxCodes) << 8, 0);
    quint32 generation = 1;
    int nextCode = clearCode + 2;
    int codeSize = minimumCodeSize + 1;

    BitWriter out;
    out.write(clearCode, codeSize);
    if (pixels.empty()) {
        out.write(endCode, codeSize);
        return out.finish();
    }
    int prefix = pixels.front();
    for (size_t i = 1; i < pixels.size(); ++i) {
        const int k = pixels[i];
        quint32 &slot = table[(static_cast<size_t>(prefix) << 8) | static_cast<size_t>(k)];
        if ((slot >> 16) == generation) {
            prefix = static_cast<int>(slot & 0xffffu);
            continue;
        }
        out.write(prefix, codeSize);
        if (nextCode < maxCodes) {
            slot = (generation << 16) | static_cast<quint32>(nextCode);
            ++nextCode;
            if (nextCode > (1 << codeSize) && codeSize < 12)
                ++codeSize;
        } else {
            out.write(clearCode, codeSize);
            if (++generation == 0xffffu) {
                std::fill(table.begin(), table.end(), 0);
                generation = 1;
            }
            nextCode = clearCode + 2;
            codeSize = minimumCodeSize + 1;
        }
        prefix = k;
    }
    out.write(prefix, codeSize);
    out.write(endCode, codeSize);
    return out.finish();
}

void appendWord(QByteArray &out, int value)
{
    out.append(static_cast<char>(value & 0xff));
    out.append(static_cast<char>((value >> 8) & 0xff));
}

} // namespace

QByteArray encodeGif(const QImage &source)
{
    const QImage image = source.convertToFormat(QImage::Format_ARGB32);
    bool transparent = false;
    for (int y = 0; y < image.height() && !transparent; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        transparent = std::any_of(line, line + image.width(), isTransparent);
    }
    Indexed indexed;
    if (!indexExactly(image, indexed, transparent)) {
        indexed = {};
        indexDithered(image, indexed, transparent);
    }

    int tableBits = 1;
    while ((1 << tableBits) < indexed.palette.size())
        ++tableBits;
    const int minimumCodeSize = std::max(2, tableBits);

    QByteArray gif("GIF89a");
    appendWord(gif, image.width());
    appendWord(gif, image.height());
    gif.append(static_cast<char>(0x80 | 0x70 | (tableBits - 1))); // global table, 8-bit source
    gif.append('\0'); // background index
    gif.append('\0'); // square pixels
    for (int i = 0; i < (1 << tableBits); ++i) {
        const QRgb color = indexed.palette.value(i);
        gif.append(static_cast<char>(qRed(color)));
        gif.append(static_cast<char>(qGreen(color)));
        gif.append(static_cast<char>(qBlue(color)));
    }
    if (indexed.transparentIndex >= 0) {
        const char control[]
            = {'\x21', '\xf9', '\x04', '\x01', '\0', '\0', static_cast<char>(indexed.transparentIndex), '\0'};
        gif.append(control, sizeof(control));
    }
    gif.append('\x2c');
    appendWord(gif, 0);
    appendWord(gif, 0);
    appendWord(gif, image.width());
    appendWord(gif, image.height());
    gif.append('\0'); // no local table, not interlaced

    gif.append(static_cast<char>(minimumCodeSize));
    const QByteArray data = lzwCompress(indexed.pixels, minimumCodeSize);
    for (qsizetype offset = 0; offset < data.size(); offset += 255) {
        const qsizetype length = std::min<qsizetype>(255, data.size() - offset);
        gif.append(static_cast<char>(length));
        gif.append(data.constData() + offset, length);
    }
    gif.append('\0');
    gif.append('\x3b');
    return gif;
}

} // namespace stratus::sandbox::imaging
