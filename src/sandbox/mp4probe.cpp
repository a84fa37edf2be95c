#include "mp4probe.h"

#include <QByteArray>
#include <QIODevice>
#include <QtEndian>

namespace stratus::sandbox {

namespace {

// Containers on the way to the track headers are four deep (moov/trak/mdia/minf); real files
// have a few dozen top-level and track boxes. Both bounds leave room for that and no more.
constexpr int kMaxDepth = 8;
constexpr int kMaxBoxes = 4096;
// A frame larger than this on either side is not a video anyone uploads: the size is noise.
constexpr int kMaxDimension = 16384;

quint32 be32(const QByteArray &b, qsizetype at)
{
    return at >= 0 && at + 4 <= b.size() ? qFromBigEndian<quint32>(b.constData() + at) : 0;
}

quint64 be64(const QByteArray &b, qsizetype at)
{
    return at >= 0 && at + 8 <= b.size() ? qFromBigEndian<quint64>(b.constData() + at) : 0;
}

class BoxWalker
{
public:
    explicit BoxWalker(QIODevice &device)
        : m_device(device)
    {
    }

    // Walks the boxes in [begin, end), descending into the containers on the way to the movie
    // header and the track headers. Returns false when the walk must end (the file lied).
    bool walk(qint64 begin, qint64 end, int depth)
    {
        if (depth >= kMaxDepth)
            return true;
        qint64 pos = begin;
        // `end - pos` never overflows: both lie within the device.
        while (end - pos >= 8) {
            if (++m_boxes > kMaxBoxes || !m_device.seek(pos))
                return false;
            const QByteArray header = m_device.read(16);
            if (header.size() < 8)
                return false;
            const quint64 remaining = quint64(end - pos);
            quint64 size = be32(header, 0);
            qint64 headerSize = 8;
            if (size == 1) { // the real size follows as 64 bits
                if (header.size() < 16)
                    return false;
                size = be64(header, 8);
                headerSize = 16;
            } else if (size == 0) { // to the end of the enclosing box
                size = remaining;
            }
            // Compared as unsigned before any signed arithmetic: a size of 2^63 or more must not
            // turn negative and walk backwards (issue 11: an endless loop).
            if (size < quint64(headerSize) || size > remaining)
                return false;
            const qint64 boxEnd = pos + qint64(size);
            const QByteArray type = header.mid(4, 4);
            if (type == "ftyp") {
                m_info.valid = true;
            } else if (type == "moov" || type == "trak" || type == "mdia" || type == "minf") {
                if (!walk(pos + headerSize, boxEnd, depth + 1))
                    return false;
            } else if (type == "mvhd" || type == "tkhd") {
                readHeaderBox(type, pos + headerSize, qint64(size) - headerSize);
            }
            pos = boxEnd;
        }
        return true;
    }

    [[nodiscard]] const Mp4Info &info() const { return m_info; }

private:
    void readHeaderBox(const QByteArray &type, qint64 at, qint64 length)
    {
        if (!m_device.seek(at))
            return;
        const QByteArray box = m_device.read(qMin<qint64>(length, 128));
        const int version = box.isEmpty() ? 0 : quint8(box.at(0));
        if (type == "mvhd") {
            const quint32 timescale = be32(box, version == 1 ? 20 : 12);
            const quint64 duration = version == 1 ? be64(box, 24) : be32(box, 16);
            if (timescale > 0)
                m_info.duration = double(duration) / timescale;
        } else if (m_info.width == 0) {
            // width and height are 16.16 fixed point at the end of the track header.
            const qsizetype offset = version == 1 ? 88 : 76;
            const int width = int(be32(box, offset) >> 16);
            const int height = int(be32(box, offset + 4) >> 16);
            if (width > 0 && height > 0 && width <= kMaxDimension && height <= kMaxDimension) {
                m_info.width = width;
                m_info.height = height;
            }
        }
    }

    QIODevice &m_device;
    Mp4Info m_info;
    int m_boxes = 0;
};

} // namespace

Mp4Info probeMp4(QIODevice &device)
{
    BoxWalker walker(device);
    if (device.isOpen() && !device.isSequential())
        walker.walk(0, device.size(), 0);
    return walker.info();
}

} // namespace stratus::sandbox
