#include "imagetransformer.h"

#include "imagecodec.h"
#include "imageeffects.h"
#include "imageoperations.h"
#include "imagingerror.h"
#include "stepparameters.h"
#include "textlayer.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

using ImageResult = core::Result<QImage>;

qint64 pixelCount(QSize size)
{
    return static_cast<qint64>(size.width()) * size.height();
}

// Runs a parsed transformation. Lives for one apply() call on one thread.
class Pipeline
{
public:
    Pipeline(const ImageLimits &limits, const LayerResolver &resolveLayer, const QList<StepParameters> &steps,
             const WorkBudget &budget)
        : m_limits(limits)
        , m_resolveLayer(resolveLayer)
        , m_steps(steps)
        , m_budget(budget)
    {
    }

    ImageResult run(QImage image, qsizetype begin, qsizetype end) const
    {
        for (qsizetype i = begin; i < end;) {
            // Asked before each component, and after each (below): an effect stopped by the budget
            // leaves a half-done image, which must never be delivered.
            if (m_budget.exhausted())
                return m_budget.error();
            const StepParameters &step = m_steps.at(i);
            if (step.opensLayer()) {
                ImageResult layer = loadLayer(step, image.size());
                if (!layer)
                    return layer;
                const qsizetype applyAt = findLayerApply(i, end);
                const StepParameters &placement = applyAt < 0 ? step : m_steps.at(applyAt);
                if (applyAt >= 0) {
                    layer = run(std::move(layer).value(), i + 1, applyAt);
                    if (!layer)
                        return layer;
                }
                ImageResult placed = place(image, layer.value(), step, placement);
                if (!placed)
                    return placed;
                image = std::move(placed).value();
                i = applyAt < 0 ? i + 1 : applyAt + 1;
                continue;
            }
            if (!step.appliesLayer()) {
                ImageResult next = applyComponent(image, step, QSizeF(image.size()));
                if (!next)
                    return next;
                image = std::move(next).value();
            }
            ++i;
        }
        if (m_budget.exhausted())
            return m_budget.error();
        return image;
    }

private:
    core::Error tooLarge(double width, double height) const
    {
        return transformationError(
            u"Image is too large - %1x%2 requested, the maximum is %3 megapixels"_s.arg(qRound64(width))
                .arg(qRound64(height))
                .arg(m_limits.maxOutputPixels / 1'000'000));
    }

    std::optional<core::Error> checkSize(QSize size) const
    {
        if (pixelCount(size) <= m_limits.maxOutputPixels)
            return std::nullopt;
        return tooLarge(size.width(), size.height());
    }

    // The fl_layer_apply component closing the layer opened at `open`, or -1.
    qsizetype findLayerApply(qsizetype open, qsizetype end) const
    {
        int depth = 0;
        for (qsizetype k = open + 1; k < end; ++k) {
            if (m_steps.at(k).opensLayer())
                ++depth;
            else if (m_steps.at(k).appliesLayer() && depth-- == 0)
                return k;
        }
        return -1;
    }

    ImageResult applyComponent(QImage image, const StepParameters &p, QSizeF relativeBase) const
    {
        if (p.rotation && (p.rotation->autoRight || p.rotation->autoLeft) && p.width && p.height) {
            // Turn the image when its orientation differs from the requested box's.
            const bool wantLandscape
                = p.width->resolve(relativeBase.width()) > p.height->resolve(relativeBase.height());
            if (wantLandscape != (image.width() > image.height()))
                image = rotated(image, p.rotation->autoRight ? 90 : -90);
        }
        if (p.hasGeometry()) {
            ImageResult resized = resize(image, p, relativeBase);
            if (!resized)
                return resized;
            image = std::move(resized).value();
        }
        if (p.effect)
            image = applyEffect(image, *p.effect, &m_budget);
        if (p.opacity && *p.opacity < 100)
            image = withOpacity(image, *p.opacity);
        if (p.radius)
            image = withRoundedCorners(image, *p.radius);
        if (p.border) {
            if (auto error = checkSize(image.size() + QSize(2 * p.border->width, 2 * p.border->width)))
                return *error;
            image = withBorder(image, *p.border, p.radius);
        }
        if (p.rotation) {
            if (p.rotation->horizontalFlip || p.rotation->verticalFlip)
                image = image.mirrored(p.rotation->horizontalFlip, p.rotation->verticalFlip);
            if (p.rotation->degrees != 0) {
                if (auto error = checkSize(rotatedSize(image.size(), p.rotation->degrees)))
                    return *error;
                image = rotated(image, p.rotation->degrees);
            }
        }
        if (p.background)
            image = composedOver(image, *p.background);
        return normalizedImage(image);
    }

    ImageResult resize(const QImage &image, const StepParameters &p, QSizeF relativeBase) const
    {
        std::optional<double> w;
        std::optional<double> h;
        if (p.width)
            w = p.width->resolve(relativeBase.width());
        if (p.height)
            h = p.height->resolve(relativeBase.height());
        if (p.aspectRatio) {
            const double ratio = *p.aspectRatio;
            if (w && !h) {
                h = *w / ratio;
            } else if (h && !w) {
                w = *h * ratio;
            } else if (!w && !h) {
                // The largest box of that shape inside the image.
                if (static_cast<double>(image.width()) / image.height() > ratio) {
                    h = image.height();
                    w = *h * ratio;
                } else {
                    w = image.width();
                    h = *w / ratio;
                }
            }
        }
        ResizeRequest request;
        request.mode = p.crop.value_or(CropMode::Scale);
        request.width = w;
        request.height = h;
        request.dpr = p.dpr;
        const bool positioned = p.x || p.y;
        request.gravity = p.gravity.value_or(request.mode == CropMode::Crop && positioned ? Gravity::NorthWest
                                                                                          : Gravity::Center);
        request.offset
            = QPointF(p.x ? p.x->resolve(image.width()) : 0, p.y ? p.y->resolve(image.height()) : 0);
        const ResizePlan plan = planResize(image.size(), request);
        if (auto error = checkSize(plan.canvasSize))
            return *error;
        if (plan.isIdentity(image.size()))
            return image;
        const QImage scaled = resampled(image, plan.sourceRect, plan.scaledSize);
        if (plan.canvasSize == plan.scaledSize)
            return scaled;
        return placedOnCanvas(scaled, plan.canvasSize, plan.offset,
                              p.background.value_or(QColor(Qt::transparent)));
    }

    // The layer of an l_/u_ component, with that component's own transformations applied.
    ImageResult loadLayer(const StepParameters &step, QSize baseSize) const
    {
        const QString &spec = step.overlay.isEmpty() ? step.underlay : step.overlay;
        StepParameters own = step;
        own.gravity.reset(); // g, x and y place the layer
        own.x.reset();
        own.y.reset();
        QImage layer;
        if (spec.startsWith(u"text:")) {
            const core::Result<TextLayer> text = TextLayer::parse(QStringView(spec).mid(5));
            if (!text)
                return text.error();
            int wrapWidth = 0;
            if (own.crop == CropMode::Fit && own.width) {
                // c_fit,w_ on a text layer wraps the text instead of scaling it.
                wrapWidth = std::max(1, qRound(own.width->resolve(baseSize.width())));
                own.crop.reset();
                own.width.reset();
                own.height.reset();
            }
            if (auto error = checkSize(text.value().measure(wrapWidth)))
                return *error;
            layer = text.value().render(own.color.value_or(QColor(Qt::black)), own.background, wrapWidth);
            own.background.reset();
        } else {
            core::Result<QImage> image = resolveImageLayer(spec);
            if (!image)
                return image;
            layer = normalizedImage(image.value());
        }
        // Fractions in the layer's own component refer to the layer, or to the base image
        // with fl_relative.
        const QSizeF relativeBase = own.hasFlag(u"relative") ? QSizeF(baseSize) : QSizeF(layer.size());
        return applyComponent(layer, own, relativeBase);
    }

    core::Result<QImage> resolveImageLayer(const QString &spec) const
    {
        static const QStringView unsupported[] = {u"fetch:", u"video:", u"subtitles:", u"lut:", u"audio:"};
        for (const QStringView prefix : unsupported) {
            if (spec.startsWith(prefix))
                return transformationError(u"Overlay type not supported by the sandbox - "_s + spec);
        }
        // Folders are written with `:` in layer ids; the SDKs may append the format.
        QString publicId = decodeLayerText(spec).replace(u':', u'/');
        const QString suffix = QFileInfo(publicId).suffix();
        if (!suffix.isEmpty() && !canonicalFormat(suffix).isEmpty())
            publicId.chop(suffix.size() + 1);
        const std::optional<QImage> image = m_resolveLayer ? m_resolveLayer(publicId) : std::nullopt;
        if (!image || image->isNull())
            return transformationError(u"Overlay image not found - "_s + publicId);
        if (pixelCount(image->size()) > m_limits.maxSourcePixels)
            return transformationError(u"Image is too large - overlay "_s + publicId);
        return *image;
    }

    // Puts a layer on the base, by the gravity and offsets of `placement` (the l_ component itself
    // or its fl_layer_apply). Like Cloudinary, a layer reaching past the base grows the canvas
    // unless fl_no_overflow clips it (or fl_text_disallow_overflow refuses it).
    ImageResult place(const QImage &base, const QImage &layer, const StepParameters &opening,
                      const StepParameters &placement) const
    {
        auto flagged = [&](QStringView flag) {
            return opening.hasFlag(flag) || placement.hasFlag(flag);
        };
        const bool underneath = !opening.underlay.isEmpty();
        if (flagged(u"tiled"))
            return composited(base, layer, {}, underneath, true);
        const Gravity gravity = placement.gravity.value_or(Gravity::Center);
        const QPointF offset(placement.x ? placement.x->resolve(base.width()) : 0,
                             placement.y ? placement.y->resolve(base.height()) : 0);
        const QPoint position
            = anchoredPosition(QSizeF(base.size()), QSizeF(layer.size()), gravity, offset).toPoint();
        const QRect layerRect(position, layer.size());
        if (base.rect().contains(layerRect)
            || (flagged(u"no_overflow") && !flagged(u"text_disallow_overflow")))
            return composited(base, layer, position, underneath, false);
        if (flagged(u"text_disallow_overflow"))
            return transformationError(u"Text overlay exceeds the image boundaries"_s);
        const QRect canvasRect = base.rect().united(layerRect);
        if (auto error = checkSize(canvasRect.size()))
            return *error;
        const QImage extended
            = placedOnCanvas(base, canvasRect.size(), -canvasRect.topLeft(), Qt::transparent);
        return composited(extended, layer, position - canvasRect.topLeft(), underneath, false);
    }

    const ImageLimits &m_limits;
    const LayerResolver &m_resolveLayer;
    const QList<StepParameters> &m_steps;
    const WorkBudget &m_budget;
};

} // namespace

QString TransformedImage::mimeType() const
{
    return mimeTypeForFormat(format);
}

core::Result<QByteArray> TransformedImage::encode() const
{
    return encodeImage(image, format, quality);
}

ImageTransformer::ImageTransformer(ImageLimits limits)
    : m_limits(limits)
{
}

double ImageTransformer::decodeScaleHint(QSize original, const QList<Step> &steps) const
{
    if (steps.isEmpty() || original.isEmpty())
        return 1.0;
    const core::Result<StepParameters> parsed = StepParameters::parse(steps.first());
    if (!parsed)
        return 1.0;
    const StepParameters &p = parsed.value();
    // The first component's output must not depend on the original's pixel size: pixel
    // dimensions, no offsets, no layer, no orientation-dependent rotation, no plain crop.
    const bool relative = (p.width && p.width->relative) || (p.height && p.height->relative);
    const CropMode mode = p.crop.value_or(CropMode::Scale);
    if (!p.width && !p.height)
        return 1.0;
    if (relative || p.x || p.y || p.opensLayer() || p.appliesLayer() || mode == CropMode::Crop
        || mode == CropMode::MFit || mode == CropMode::MPad
        || (p.rotation && (p.rotation->autoRight || p.rotation->autoLeft)))
        return 1.0;
    ResizeRequest request;
    request.mode = mode;
    request.width = p.width ? std::optional<double>(p.width->value) : std::nullopt;
    request.height = p.height ? std::optional<double>(p.height->value) : std::nullopt;
    if (p.aspectRatio && request.width && !request.height)
        request.height = *request.width / *p.aspectRatio;
    else if (p.aspectRatio && request.height && !request.width)
        request.width = *request.height * *p.aspectRatio;
    request.dpr = p.dpr;
    const ResizePlan plan = planResize(original, request);
    const double scale = std::max(plan.scaledSize.width() / plan.sourceRect.width(),
                                  plan.scaledSize.height() / plan.sourceRect.height());
    double factor = 1.0;
    while (factor > 1.0 / 8 && factor / 2 >= 2 * scale)
        factor /= 2;
    return factor;
}

core::Result<TransformedImage> ImageTransformer::apply(const QImage &original, QStringView transformation,
                                                       const LayerResolver &resolveLayer,
                                                       const RequestContext &context) const
{
    const core::Result<QList<Step>> steps = parseTransformationPath(transformation);
    if (!steps)
        return steps.error();
    return apply(original, steps.value(), resolveLayer, context);
}

core::Result<TransformedImage> ImageTransformer::apply(const QImage &original, const QList<Step> &steps,
                                                       const LayerResolver &resolveLayer,
                                                       const RequestContext &context) const
{
    if (original.isNull())
        return transformationError(u"Invalid image file"_s);
    if (pixelCount(original.size()) > m_limits.maxSourcePixels)
        return transformationError(
            u"Image is too large (%1x%2, maximum %3 megapixels)"_s.arg(original.width())
                .arg(original.height())
                .arg(m_limits.maxSourcePixels / 1'000'000));

    const core::Result<QList<Step>> expanded = expandNamedTransformations(
        steps, context.resolveNamedTransformation, m_limits.maxNamedTransformationDepth);
    if (!expanded)
        return expanded.error();
    if (expanded.value().size() > m_limits.maxSteps)
        return transformationError(
            u"Transformation is too long - %1 components, the maximum is %2"_s.arg(expanded.value().size())
                .arg(m_limits.maxSteps));

    QList<StepParameters> parameters;
    parameters.reserve(expanded.value().size());
    QString fetchFormat;
    int quality = -1;
    for (const Step &step : expanded.value()) {
        core::Result<StepParameters> parsed = StepParameters::parse(step);
        if (!parsed)
            return parsed.error();
        if (!parsed.value().format.isEmpty())
            fetchFormat = parsed.value().format;
        if (parsed.value().quality)
            quality = *parsed.value().quality;
        parameters.append(std::move(parsed).value());
    }

    const WorkBudget budget(m_limits.cpuBudget);
    const Pipeline pipeline(m_limits, resolveLayer, parameters, budget);
    core::Result<QImage> result = pipeline.run(normalizedImage(original), 0, parameters.size());
    if (!result)
        return result.error();

    TransformedImage out;
    out.image = std::move(result).value();
    const bool transparent = hasTransparentPixels(out.image);
    const core::Result<QString> format = chooseOutputFormat(
        fetchFormat, context.acceptHeader, context.extension, context.originalFormat, transparent);
    if (!format)
        return format.error();
    out.format = format.value();
    out.quality = quality;
    if (!transparent || !formatSupportsAlpha(out.format))
        out.image = composedOver(out.image, Qt::white).convertToFormat(QImage::Format_RGB32);
    return out;
}

} // namespace stratus::sandbox::imaging
