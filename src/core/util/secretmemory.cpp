#include "secretmemory.h"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace stratus::core {

namespace {

// Stores through a volatile pointer so that the optimiser cannot drop them as dead stores.
template<typename Unit> void zero(Unit *data, qsizetype size)
{
    volatile Unit *out = data;
    for (qsizetype i = 0; i < size; ++i)
        out[i] = Unit {};
}

} // namespace

bool zeroIfSoleOwner(QString &text)
{
    if (text.isEmpty() || !text.isDetached())
        return false;
    zero(reinterpret_cast<char16_t *>(text.data()), text.size());
    return true;
}

bool zeroIfSoleOwner(QByteArray &bytes)
{
    if (bytes.isEmpty() || !bytes.isDetached())
        return false;
    zero(bytes.data(), bytes.size());
    return true;
}

void wipe(QString &text)
{
    zeroIfSoleOwner(text);
    text = QString();
}

void wipe(QByteArray &bytes)
{
    zeroIfSoleOwner(bytes);
    bytes = QByteArray();
}

bool disableCoreDumps()
{
    const rlimit none {0, 0};
    const bool limited = ::setrlimit(RLIMIT_CORE, &none) == 0;
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return limited && undumpable;
}

} // namespace stratus::core
