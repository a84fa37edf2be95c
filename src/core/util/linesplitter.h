#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

namespace stratus::core {

/// Cuts a stream of bytes into lines no longer than a bound, for the readers of stdin that answer
/// each line as it arrives (`stratus-cli url --batch`, `sign --batch`, `env add`): whatever the
/// input, it never holds more than the unfinished line and the block just read.
///
/// Bytes go in through space() and commit() (so read(2) can write straight into the buffer) or
/// append(). lines() is then the run of complete lines buffered, each ending in '\n' (after
/// finish(), the last line of the input may lack it); the caller answers them and calls
/// dropLines(), which keeps only the unfinished line. A line longer than maxLineBytes (not counting
/// its '\n') stops the splitter: lines() ends before it, overlongLine() gives its number and later
/// input is ignored, because what follows cannot be trusted to start a new line.
///
/// Memory is zeroed before it is freed: env add reads an API secret through it.
/// Plain value code without I/O; one thread at a time.
class LineSplitter
{
public:
    explicit LineSplitter(qsizetype maxLineBytes);
    ~LineSplitter();
    LineSplitter(const LineSplitter &) = delete;
    LineSplitter &operator=(const LineSplitter &) = delete;

    /// Room for at least \a size more bytes: write into it, then commit() how many were written.
    [[nodiscard]] char *space(qsizetype size);
    void commit(qsizetype size);
    void append(QByteArrayView bytes);
    /// The end of the input: an unfinished last line becomes a line.
    void finish();

    /// The complete lines not dropped yet, as one run of bytes.
    [[nodiscard]] QByteArrayView lines() const { return {m_data, m_linesEnd}; }
    /// The 1-based number of the first line in lines().
    [[nodiscard]] qsizetype firstLineNumber() const { return m_firstLineNumber; }
    /// How many lines lines() holds.
    [[nodiscard]] qsizetype lineCount() const { return m_lineCount; }
    /// Forgets lines(), keeping the unfinished line.
    void dropLines();

    /// No more lines will come: finish() was called or a line was too long, and lines() is empty.
    [[nodiscard]] bool atEnd() const { return (m_finished || m_overlongLine > 0) && m_linesEnd == 0; }
    /// The number of the first line longer than maxLineBytes(); 0 while there is none.
    [[nodiscard]] qsizetype overlongLine() const { return m_overlongLine; }
    [[nodiscard]] qsizetype maxLineBytes() const { return m_maxLineBytes; }

private:
    void scan();

    char *m_data = nullptr;
    qsizetype m_capacity = 0;
    qsizetype m_size = 0;
    qsizetype m_linesEnd = 0; // end of the complete lines; the unfinished line starts here
    qsizetype m_scanned = 0; // bytes of the unfinished line already searched for '\n'
    qsizetype m_lineCount = 0; // lines in [0, m_linesEnd)
    qsizetype m_firstLineNumber = 1;
    qsizetype m_overlongLine = 0;
    qsizetype m_maxLineBytes;
    bool m_finished = false;
};

/// True when the UTF-8 \a line holds nothing but white space (QChar::isSpace()): the batch modes skip
/// such lines without answering them.
[[nodiscard]] bool isBlankLine(QByteArrayView line);

/// \a text with each carriage return, line feed and NUL written as \r, \n and \0, so that a
/// message quoting input stays one line of output.
[[nodiscard]] QString onOneLine(QString text);

} // namespace stratus::core
