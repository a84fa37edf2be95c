// libFuzzer target for Transformation::parse (core/delivery). For any input, in both parse modes:
// parsing never crashes; a strict rejection carries a reason; lenient parsing never fails; an
// accepted transformation prints text that parses again (strictly, if it was strict) to an equal
// transformation printing the same text, and that text is the input itself (the documented
// parse(text).toString() == text).
#include "core/delivery/transformation.h"

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using stratus::core::ErrorReason;
using stratus::core::Transformation;

namespace {

[[noreturn]] void failWith(const char *what, const QString &input, const QString &detail)
{
    std::fprintf(stderr, "%s\ninput:  %s\ndetail: %s\n", what, input.toUtf8().constData(),
                 detail.toUtf8().constData());
    std::abort();
}

void check(const QString &input, Transformation::ParseMode mode)
{
    const auto parsed = Transformation::parse(input, mode);
    if (!parsed) {
        if (mode == Transformation::ParseMode::Lenient)
            failWith("lenient parsing failed", input, parsed.error().message);
        if (parsed.error().reason == ErrorReason::None)
            failWith("rejected without a reason", input, parsed.error().message);
        return;
    }
    const QString printed = parsed->toString();
    const auto again = Transformation::parse(printed, mode);
    if (!again)
        failWith("the printed form does not parse", input, printed + u" → "_s + again.error().message);
    if (again->toString() != printed)
        failWith("the printed form is not a fixed point", input, printed + u" → "_s + again->toString());
    if (!(*again == *parsed))
        failWith("the printed form parses to a different transformation", input, printed);
    if (printed != input)
        failWith("parse(text).toString() differs from text", input, printed);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    check(input, Transformation::ParseMode::Strict);
    check(input, Transformation::ParseMode::Lenient);
    return 0;
}
