// libFuzzer target for the sandbox's MP4 probe (src/sandbox/mp4probe.cpp), which reads box sizes
// from uploaded files. For any input: the walk ends (a hang is a libFuzzer timeout), reads stay
// inside the file (AddressSanitizer), and what it reports is sane — no negative or oversized
// dimensions, a finite duration that is not negative, dimensions only in pairs.
#include "sandbox/mp4probe.h"

#include <QBuffer>
#include <QByteArray>

#include <cmath>
#include <cstdio>
#include <cstdlib>

using stratus::sandbox::Mp4Info;
using stratus::sandbox::probeMp4;

namespace {

[[noreturn]] void failWith(const char *what, const Mp4Info &info)
{
    std::fprintf(stderr, "%s: valid=%d width=%d height=%d duration=%g\n", what, int(info.valid), info.width,
                 info.height, info.duration);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    const Mp4Info info = probeMp4(device);

    if (info.width < 0 || info.height < 0 || info.width > 16384 || info.height > 16384)
        failWith("dimensions out of range", info);
    if ((info.width == 0) != (info.height == 0))
        failWith("only one dimension", info);
    if (!std::isfinite(info.duration) || info.duration < 0)
        failWith("duration not a finite, non-negative number", info);
    return 0;
}
