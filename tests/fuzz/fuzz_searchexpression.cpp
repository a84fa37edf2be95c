// libFuzzer target for Search API expressions (core/search). For any input: parsing never crashes;
// when it succeeds, evaluating against a fixture asset never crashes, and the canonical form parses
// back to an expression with the same canonical form that selects the same asset.
#include "core/search/searchexpression.h"
#include "core/search/searchrecorddata.h"

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace stratus::core::search;

namespace {

const SearchRecordData &fixture()
{
    static const SearchRecordData record = [] {
        SearchRecordData r;
        r.publicId = u"animals/dogs/rex_the_dog"_s;
        r.assetId = u"0123456789abcdef0123456789abcdef"_s;
        r.filename = u"rex_the_dog"_s;
        r.displayName = u"Rex the dög"_s;
        r.folder = r.assetFolder = u"animals/dogs"_s;
        r.resourceType = u"image"_s;
        r.type = u"upload"_s;
        r.format = u"jpg"_s;
        r.tagList = {u"dog"_s, u"Summer Sale"_s, u"a:b \"c\" *"_s};
        r.context = {{u"alt"_s, u"A brown dog: happy"_s}, {u"rank"_s, u"7"_s}};
        r.metadata = {{u"due"_s, u"2024-02-01"_s}, {u"sizes"_s, u"s"_s}, {u"sizes"_s, u"m"_s}};
        r.bytes = 250000;
        r.width = 1920;
        r.height = 1080;
        r.aspectRatio = 1.77778;
        r.pixels = 1920.0 * 1080;
        r.duration = 3.5;
        r.createdAt = QDateTime(QDate(2024, 1, 15), QTime(10, 0), Qt::UTC);
        r.uploadedAt = r.createdAt;
        return r;
    }();
    return record;
}

[[noreturn]] void failWith(const char *what, const QString &input, const QString &detail)
{
    std::fprintf(stderr, "%s\ninput:  %s\ndetail: %s\n", what, input.toUtf8().constData(),
                 detail.toUtf8().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = parseSearchExpression(input);
    if (!parsed) {
        const stratus::core::Error &error = parsed.error();
        if (error.reason == stratus::core::ErrorReason::None)
            failWith("rejected without a reason", input, error.message);
        if (error.position < 0 || error.position > input.size())
            failWith("rejected at a position outside the expression", input,
                     stratus::core::errorReasonName(error.reason) + u" at "_s
                         + QString::number(error.position));
        return 0;
    }

    const qint64 now = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    const bool matched = parsed->matches(fixture(), now);

    const QString canonical = parsed->toString();
    const auto reparsed = parseSearchExpression(canonical);
    if (!reparsed)
        failWith("the canonical form does not parse", input,
                 canonical + u" → "_s + stratus::core::errorReasonName(reparsed.error().reason));
    if (reparsed->toString() != canonical)
        failWith("the canonical form is not a fixed point", input,
                 canonical + u" → "_s + reparsed->toString());
    if (reparsed->matches(fixture(), now) != matched)
        failWith("the canonical form selects differently", input, canonical);
    return 0;
}
