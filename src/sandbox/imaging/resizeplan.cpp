#include "resizeplan.h"

#include <QtMath>

#include <algorithm>

namespace stratus::sandbox::imaging {

namespace {

// Whole pixels, at least one; absurd requests are capped so QSize's int cannot overflow (the
// transformer then refuses them by pixel count).
QSize roundedSize(QSizeF size)
{
    constexpr double largest = 1'000'000;
    return {std::max(1, qRound(std::min(size.width(), largest))),
            std::max(1, qRound(std::min(size.height(), largest)))};
}

bool neverEnlarges(CropMode mode)
{
    return mode == CropMode::Limit || mode == CropMode::LFill || mode == CropMode::LPad;
}

bool neverShrinks(CropMode mode)
{
    return mode == CropMode::MFit || mode == CropMode::MPad;
}

QRectF regionAt(QSizeF input, QSizeF region, Gravity gravity, QPointF offset)
{
    region = region.boundedTo(input);
    QPointF topLeft = anchoredPosition(input, region, gravity, offset);
    topLeft.setX(std::clamp(topLeft.x(), 0.0, input.width() - region.width()));
    topLeft.setY(std::clamp(topLeft.y(), 0.0, input.height() - region.height()));
    return {topLeft, region};
}

} // namespace

QPointF anchoredPosition(QSizeF container, QSizeF item, Gravity gravity, QPointF offset)
{
    if (gravity == Gravity::XYCenter)
        return {offset.x() - item.width() / 2, offset.y() - item.height() / 2};
    const double freeX = container.width() - item.width();
    const double freeY = container.height() - item.height();
    double x = freeX / 2 + offset.x();
    double y = freeY / 2 + offset.y();
    switch (gravity) {
    case Gravity::NorthWest:
    case Gravity::West:
    case Gravity::SouthWest:
        x = offset.x();
        break;
    case Gravity::NorthEast:
    case Gravity::East:
    case Gravity::SouthEast:
        x = freeX - offset.x();
        break;
    default:
        break;
    }
    switch (gravity) {
    case Gravity::NorthWest:
    case Gravity::North:
    case Gravity::NorthEast:
        y = offset.y();
        break;
    case Gravity::SouthWest:
    case Gravity::South:
    case Gravity::SouthEast:
        y = freeY - offset.y();
        break;
    default:
        break;
    }
    return {x, y};
}

ResizePlan planResize(QSize input, const ResizeRequest &request)
{
    const QSizeF in(input);
    ResizePlan plan;
    plan.sourceRect = QRectF(QPointF(0, 0), in);
    auto finish = [&plan](QSizeF scaled) {
        plan.scaledSize = roundedSize(scaled);
        plan.canvasSize = plan.scaledSize;
        return plan;
    };

    if (request.mode == CropMode::Crop) {
        // A region of the input at its own resolution; dpr enlarges the result afterwards.
        const QSizeF region(request.width.value_or(in.width()), request.height.value_or(in.height()));
        plan.sourceRect = regionAt(in, region, request.gravity, request.offset);
        return finish(plan.sourceRect.size() * request.dpr);
    }

    std::optional<double> w = request.width;
    std::optional<double> h = request.height;
    if (w)
        *w *= request.dpr;
    if (h)
        *h *= request.dpr;
    if (!w && !h)
        return finish(in * request.dpr);

    if (!w || !h) {
        // One dimension: every mode keeps the aspect ratio.
        double scale = w ? *w / in.width() : *h / in.height();
        if ((neverEnlarges(request.mode) && scale > 1) || (neverShrinks(request.mode) && scale < 1))
            scale = 1;
        return finish(in * scale);
    }

    const double fitScale = std::min(*w / in.width(), *h / in.height());
    const double fillScale = std::max(*w / in.width(), *h / in.height());
    const QPointF fillOffset = request.gravity == Gravity::XYCenter ? request.offset : QPointF();
    switch (request.mode) {
    case CropMode::Scale:
        return finish({*w, *h});
    case CropMode::Fit:
        return finish(in * fitScale);
    case CropMode::Limit:
        return finish(in * std::min(1.0, fitScale));
    case CropMode::MFit:
        return finish(in * std::max(1.0, fitScale));
    case CropMode::Fill:
    case CropMode::Thumb:
        plan.sourceRect = regionAt(in, QSizeF(*w, *h) / fillScale, request.gravity, fillOffset);
        return finish({*w, *h});
    case CropMode::LFill: {
        // Never enlarged: the part of the requested box the input can cover is what comes out.
        const double scale = std::min(1.0, fillScale);
        const QSizeF out(std::min(*w, in.width() * scale), std::min(*h, in.height() * scale));
        plan.sourceRect = regionAt(in, out / scale, request.gravity, fillOffset);
        return finish(out);
    }
    case CropMode::Pad:
    case CropMode::LPad:
    case CropMode::MPad: {
        double scale = fitScale;
        if (request.mode == CropMode::LPad)
            scale = std::min(1.0, scale);
        if (request.mode == CropMode::MPad)
            scale = std::max(1.0, scale);
        plan.scaledSize = roundedSize(in * scale);
        plan.canvasSize = plan.scaledSize.expandedTo(roundedSize({*w, *h}));
        plan.offset
            = anchoredPosition(QSizeF(plan.canvasSize), QSizeF(plan.scaledSize), request.gravity, fillOffset)
                  .toPoint();
        return plan;
    }
    case CropMode::Crop:
        break;
    }
    return finish(in);
}

} // namespace stratus::sandbox::imaging
