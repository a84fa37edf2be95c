#include "linesplitter.h"

#include <algorithm>
#include <cstring>
#include <new>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// Zeroes memory in a way the compiler may not drop as a dead store before the free.
void wipe(char *data, qsizetype size)
{
    volatile char *bytes = data;
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = 0;
}

} // namespace

LineSplitter::LineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(std::max(maxLineBytes, qsizetype(1)))
{
}

LineSplitter::~LineSplitter()
{
    wipe(m_data, m_capacity);
    delete[] m_data;
}

char *LineSplitter::space(qsizetype size)
{
    size = std::max(size, qsizetype(0));
    if (m_capacity - m_size < size) {
        const qsizetype capacity = std::max({m_size + size, m_capacity * 2, qsizetype(4096)});
        char *data = new char[std::size_t(capacity)];
        if (m_size > 0)
            std::memcpy(data, m_data, std::size_t(m_size));
        wipe(m_data, m_capacity);
        delete[] m_data;
        m_data = data;
        m_capacity = capacity;
    }
    return m_data + m_size;
}

void LineSplitter::commit(qsizetype size)
{
    Q_ASSERT(size >= 0 && size <= m_capacity - m_size);
    // After an over-long line (or the end), nothing more is taken: the caller stops reading.
    if (m_overlongLine > 0 || m_finished)
        return;
    m_size += size;
    scan();
}

void LineSplitter::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    std::memcpy(space(bytes.size()), bytes.data(), std::size_t(bytes.size()));
    commit(bytes.size());
}

void LineSplitter::scan()
{
    while (true) {
        const char *lineStart = m_data + m_linesEnd;
        const qsizetype unscanned = m_size - m_linesEnd - m_scanned;
        const auto *newline = unscanned > 0
            ? static_cast<const char *>(std::memchr(lineStart + m_scanned, '\n', std::size_t(unscanned)))
            : nullptr;
        const qsizetype length = newline ? qsizetype(newline - lineStart) : m_size - m_linesEnd;
        // Caught before its '\n' arrives, so an endless line is never read to its end.
        if (length > m_maxLineBytes) {
            m_overlongLine = m_firstLineNumber + m_lineCount;
            return;
        }
        if (!newline) {
            m_scanned = length;
            return;
        }
        m_linesEnd = qsizetype(newline - m_data) + 1;
        m_scanned = 0;
        ++m_lineCount;
    }
}

void LineSplitter::finish()
{
    if (m_finished || m_overlongLine > 0)
        return;
    m_finished = true;
    if (m_size > m_linesEnd) {
        if (m_size - m_linesEnd > m_maxLineBytes) {
            m_overlongLine = m_firstLineNumber + m_lineCount;
            return;
        }
        m_linesEnd = m_size;
        m_scanned = 0;
        ++m_lineCount;
    }
}

void LineSplitter::dropLines()
{
    if (m_linesEnd == 0)
        return;
    const qsizetype rest = m_size - m_linesEnd;
    if (rest > 0)
        std::memmove(m_data, m_data + m_linesEnd, std::size_t(rest));
    m_size = rest;
    m_linesEnd = 0;
    m_firstLineNumber += m_lineCount;
    m_lineCount = 0;
}

bool isBlankLine(QByteArrayView line)
{
    bool ascii = true;
    for (const char c : line) {
        if (c == ' ' || (c >= '\t' && c <= '\r'))
            continue;
        if (static_cast<unsigned char>(c) < 0x80)
            return false;
        ascii = false;
    }
    // Rare: only a line with non-ASCII bytes and no other text is decoded (a no-break space is blank).
    return ascii || QString::fromUtf8(line).trimmed().isEmpty();
}

QString onOneLine(QString text)
{
    const auto breaksLine = [](QChar c) {
        return c == u'\r' || c == u'\n' || c == QChar(0);
    };
    if (std::none_of(text.cbegin(), text.cend(), breaksLine))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : std::as_const(text)) {
        if (!breaksLine(c))
            out += c;
        else
            out += c == u'\r' ? u"\\r"_s : c == u'\n' ? u"\\n"_s : u"\\0"_s;
    }
    return out;
}

} // namespace stratus::core
