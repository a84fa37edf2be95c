#include "imageeffects.h"

#include "imageoperations.h"
#include "imagingerror.h"

#include <QString>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

struct EffectSpec
{
    QStringView name;
    Effect::Kind kind;
    int defaultLevel;
    int minimum;
    int maximum;
};

// Names, default levels and ranges as documented in Cloudinary's transformation reference.
constexpr EffectSpec effectSpecs[] = {
    {u"grayscale", Effect::Kind::Grayscale, 0, 0, 0},
    {u"sepia", Effect::Kind::Sepia, 80, 1, 100},
    {u"blur", Effect::Kind::Blur, 100, 1, 2000},
    {u"negate", Effect::Kind::Negate, 0, 0, 0},
    {u"pixelate", Effect::Kind::Pixelate, 5, 1, 200},
    {u"brightness", Effect::Kind::Brightness, 80, -99, 100},
    {u"contrast", Effect::Kind::Contrast, 0, -100, 100},
    {u"saturation", Effect::Kind::Saturation, 80, -100, 100},
    {u"sharpen", Effect::Kind::Sharpen, 100, 1, 2000},
};

int clampChannel(double value, int alpha)
{
    return std::clamp(static_cast<int>(value + 0.5), 0, alpha);
}

int luma(int r, int g, int b)
{
    return (r * 77 + g * 150 + b * 29) >> 8;
}

// Whether the loops over rows should stop: the budget is asked every 16 rows, which keeps the
// clock reads to a few per megapixel.
bool outOfTime(const WorkBudget *budget, int row)
{
    return budget && row % 16 == 0 && budget->exhausted();
}

// Calls f(r, g, b, a) -> QRgb on every pixel. Channels are premultiplied (a is 255 for RGB32).
template<typename F> QImage mapPixels(const QImage &source, const WorkBudget *budget, F f)
{
    QImage image = normalizedImage(source);
    for (int y = 0; y < image.height() && !outOfTime(budget, y); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = line[x];
            line[x] = f(qRed(p), qGreen(p), qBlue(p), qAlpha(p));
        }
    }
    return image;
}

// One box pass over `count` pixels spaced `stride` apart, edges clamped.
void boxPass(const QRgb *in, QRgb *out, int count, qsizetype stride, int radius)
{
    const int window = 2 * radius + 1;
    int sums[4] = {0, 0, 0, 0};
    auto add = [&](QRgb p, int sign) {
        sums[0] += sign * qAlpha(p);
        sums[1] += sign * qRed(p);
        sums[2] += sign * qGreen(p);
        sums[3] += sign * qBlue(p);
    };
    auto at = [&](int i) {
        return in[static_cast<qsizetype>(std::clamp(i, 0, count - 1)) * stride];
    };
    for (int i = -radius; i <= radius; ++i)
        add(at(i), 1);
    for (int i = 0; i < count; ++i) {
        out[static_cast<qsizetype>(i) * stride]
            = qRgba((sums[1] + window / 2) / window, (sums[2] + window / 2) / window,
                    (sums[3] + window / 2) / window, (sums[0] + window / 2) / window);
        add(at(i - radius), -1);
        add(at(i + radius + 1), 1);
    }
}

QImage pixelated(const QImage &source, int size, const WorkBudget *budget)
{
    QImage image = normalizedImage(source);
    // A row of blocks is up to 200 rows of pixels: the budget is asked before each.
    for (int top = 0; top < image.height() && !(budget && budget->exhausted()); top += size) {
        const int bottom = std::min(top + size, image.height());
        for (int left = 0; left < image.width(); left += size) {
            const int right = std::min(left + size, image.width());
            qint64 sums[4] = {0, 0, 0, 0};
            for (int y = top; y < bottom; ++y) {
                const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
                for (int x = left; x < right; ++x) {
                    sums[0] += qAlpha(line[x]);
                    sums[1] += qRed(line[x]);
                    sums[2] += qGreen(line[x]);
                    sums[3] += qBlue(line[x]);
                }
            }
            const qint64 n = static_cast<qint64>(bottom - top) * (right - left);
            const QRgb average = qRgba(static_cast<int>(sums[1] / n), static_cast<int>(sums[2] / n),
                                       static_cast<int>(sums[3] / n), static_cast<int>(sums[0] / n));
            for (int y = top; y < bottom; ++y) {
                auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
                std::fill(line + left, line + right, average);
            }
        }
    }
    return image;
}

QImage sharpened(const QImage &source, int strength, const WorkBudget *budget)
{
    const QImage image = normalizedImage(source);
    const QImage blurred = boxBlurred(image, 1, budget);
    const double amount = strength / 100.0;
    QImage out = image;
    for (int y = 0; y < out.height() && !outOfTime(budget, y); ++y) {
        auto *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        const auto *soft = reinterpret_cast<const QRgb *>(blurred.constScanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb p = line[x];
            const QRgb s = soft[x];
            const int a = qAlpha(p);
            auto sharpen = [&](int c, int blurredC) {
                return clampChannel(c + (c - blurredC) * amount, a);
            };
            line[x] = qRgba(sharpen(qRed(p), qRed(s)), sharpen(qGreen(p), qGreen(s)),
                            sharpen(qBlue(p), qBlue(s)), a);
        }
    }
    return out;
}

} // namespace

core::Result<Effect> parseEffect(QStringView value)
{
    const qsizetype colon = value.indexOf(u':');
    const QStringView name = colon < 0 ? value : value.left(colon);
    for (const EffectSpec &spec : effectSpecs) {
        if (spec.name != name)
            continue;
        Effect effect {spec.kind, spec.defaultLevel};
        if (colon >= 0) {
            bool ok = false;
            const double level = value.mid(colon + 1).toDouble(&ok);
            if (!ok || spec.minimum == spec.maximum)
                return transformationError(u"Invalid effect parameter - e_"_s + value.toString());
            effect.level = std::clamp(static_cast<int>(level), spec.minimum, spec.maximum);
        }
        return effect;
    }
    return transformationError(u"Invalid effect: e_"_s + name.toString());
}

QImage boxBlurred(const QImage &source, int radius, const WorkBudget *budget)
{
    QImage image = normalizedImage(source);
    if (radius <= 0 || image.isNull())
        return image;
    const int w = image.width();
    const int h = image.height();
    const int rx = std::min(radius, w);
    const int ry = std::min(radius, h);
    QImage scratch(image.size(), image.format());
    const qsizetype rowStride = image.bytesPerLine() / static_cast<qsizetype>(sizeof(QRgb));
    for (int pass = 0; pass < 3; ++pass) {
        for (int y = 0; y < h; ++y) {
            if (outOfTime(budget, y))
                return image;
            boxPass(reinterpret_cast<const QRgb *>(image.constScanLine(y)),
                    reinterpret_cast<QRgb *>(scratch.scanLine(y)), w, 1, rx);
        }
        const auto *in = reinterpret_cast<const QRgb *>(scratch.constBits());
        auto *out = reinterpret_cast<QRgb *>(image.bits());
        for (int x = 0; x < w; ++x) {
            if (outOfTime(budget, x))
                return image;
            boxPass(in + x, out + x, h, rowStride, ry);
        }
    }
    return image;
}

QImage applyEffect(const QImage &image, const Effect &effect, const WorkBudget *budget)
{
    const int level = effect.level;
    switch (effect.kind) {
    case Effect::Kind::Grayscale:
        return mapPixels(image, budget, [](int r, int g, int b, int a) {
            const int y = luma(r, g, b);
            return qRgba(y, y, y, a);
        });
    case Effect::Kind::Sepia:
        return mapPixels(image, budget, [level](int r, int g, int b, int a) {
            const double t = level / 100.0;
            auto mix = [&](int c, double toned) {
                return clampChannel(c + (std::min(toned, static_cast<double>(a)) - c) * t, a);
            };
            return qRgba(mix(r, 0.393 * r + 0.769 * g + 0.189 * b), mix(g, 0.349 * r + 0.686 * g + 0.168 * b),
                         mix(b, 0.272 * r + 0.534 * g + 0.131 * b), a);
        });
    case Effect::Kind::Blur:
        return boxBlurred(image, std::max(1, level / 10), budget);
    case Effect::Kind::Negate:
        return mapPixels(image, budget,
                         [](int r, int g, int b, int a) { return qRgba(a - r, a - g, a - b, a); });
    case Effect::Kind::Pixelate:
        return pixelated(image, level, budget);
    case Effect::Kind::Brightness:
        return mapPixels(image, budget, [level](int r, int g, int b, int a) {
            const double delta = level * a / 100.0;
            return qRgba(clampChannel(r + delta, a), clampChannel(g + delta, a), clampChannel(b + delta, a),
                         a);
        });
    case Effect::Kind::Contrast:
        return mapPixels(image, budget, [level](int r, int g, int b, int a) {
            const double factor = (100.0 + level) / 100.0;
            const double middle = a / 2.0;
            auto stretch = [&](int c) {
                return clampChannel((c - middle) * factor + middle, a);
            };
            return qRgba(stretch(r), stretch(g), stretch(b), a);
        });
    case Effect::Kind::Saturation:
        return mapPixels(image, budget, [level](int r, int g, int b, int a) {
            const double factor = (100.0 + level) / 100.0;
            const int gray = luma(r, g, b);
            auto saturate = [&](int c) {
                return clampChannel(gray + (c - gray) * factor, a);
            };
            return qRgba(saturate(r), saturate(g), saturate(b), a);
        });
    case Effect::Kind::Sharpen:
        return sharpened(image, level, budget);
    }
    return normalizedImage(image);
}

} // namespace stratus::sandbox::imaging
