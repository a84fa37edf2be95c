// libFuzzer target for CloudinaryUrl (core/config). For any input: parsing never crashes; a
// rejection carries a reason (the words are words::ErrorWords'); an accepted URL prints a normal form that
// parses back to an equal URL with the same SDK config and prints identically; the redacted form parses too
// and shows the secret as "***".
#include "core/config/cloudinaryurl.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace Qt::StringLiterals;
using stratus::core::CloudinaryUrl;

namespace {

[[noreturn]] void failWith(const char *what, QStringView input, const QString &detail)
{
    std::fprintf(stderr, "%s\ninput:  %s\ndetail: %s\n", what, input.toUtf8().constData(),
                 detail.toUtf8().constData());
    std::abort();
}

void check(QStringView input)
{
    const auto url = CloudinaryUrl::parse(input);
    if (!url) {
        if (url.error().reason == stratus::core::ErrorReason::None)
            failWith("rejected without a reason", input, url.error().message);
        return;
    }

    const QString printed = url->toString();
    const auto again = CloudinaryUrl::parse(printed);
    if (!again)
        failWith("the normal form does not parse", input,
                 printed + u" → "_s + stratus::core::errorReasonName(again.error().reason));
    if (!(*again == *url))
        failWith("the normal form parses to a different URL", input, printed + u" → "_s + again->toString());
    if (again->toString() != printed)
        failWith("the normal form is not a fixed point", input, printed + u" → "_s + again->toString());
    if (again->toSdkConfig() != url->toSdkConfig())
        failWith("the normal form has a different SDK config", input, printed);

    const auto redacted = CloudinaryUrl::parse(url->toRedactedString());
    if (!redacted)
        failWith("the redacted form does not parse", input, url->toRedactedString());
    if (url->hasApiSecret() && redacted->apiSecret() != u"***")
        failWith("the redacted form shows a secret", input, url->toRedactedString());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    // As UTF-8 (what an environment variable holds), and as raw UTF-16, which also reaches the
    // code paths for unpaired surrogates.
    check(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (size % 2 == 0) {
        QString utf16(qsizetype(size / 2), Qt::Uninitialized);
        std::memcpy(utf16.data(), data, size);
        check(utf16);
    }
    return 0;
}
