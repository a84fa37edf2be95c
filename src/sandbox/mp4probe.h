#pragma once

#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace stratus::sandbox {

/// What the boxes of an ISO base media file (MP4, MOV, M4V) say about it.
struct Mp4Info
{
    bool valid = false; ///< an ftyp box was found
    int width = 0; ///< of the first track with a size, 0 when none
    int height = 0;
    double duration = 0; ///< seconds, from the movie header
};

/// Walks the boxes of `device` (open, random access) for ftyp, the movie header (mvhd) and the
/// first track header with a size (tkhd). Every size comes from the file: a box that claims more
/// than what remains of its parent, less than its own header, or a 64-bit size that does not fit,
/// ends the walk with what was learnt so far; nesting and the number of boxes are bounded, so a
/// hostile file costs a few hundred reads at most. Pure function of the bytes; QtCore only (the
/// fuzz build compiles it alone).
[[nodiscard]] Mp4Info probeMp4(QIODevice &device);

} // namespace stratus::sandbox
