#include "stdinlines.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <poll.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace stratus::cli {

bool readStdin(core::LineSplitter &lines, qsizetype block)
{
#ifdef Q_OS_UNIX
    qsizetype total = 0;
    while (total < block && lines.overlongLine() == 0) {
        const qsizetype want = block - total;
        const ssize_t got = ::read(STDIN_FILENO, lines.space(want), std::size_t(want));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (got == 0) {
            lines.finish();
            return true;
        }
        lines.commit(qsizetype(got));
        total += qsizetype(got);
        // More only if it is there now: a co-process waits for the answer to what it sent.
        pollfd ready {STDIN_FILENO, POLLIN, 0};
        if (::poll(&ready, 1, 0) <= 0)
            break;
    }
    return true;
#else
    // Without poll(): whole blocks, so no co-process use, but still bounded.
    const std::size_t got = std::fread(lines.space(block), 1, std::size_t(block), stdin);
    lines.commit(qsizetype(got));
    if (got < std::size_t(block)) {
        if (std::ferror(stdin))
            return false;
        lines.finish();
    }
    return true;
#endif
}

namespace {

// Hands the lines to `answer` in runs of at most kMaxLinesPerRun lines: what a run's answers and
// messages take in memory stays bounded however short the lines (a block of "x\n" is half a
// million bad lines).
int answerInRuns(const core::LineSplitter &lines,
                 const std::function<int(QByteArrayView lines, qsizetype firstLine)> &answer)
{
    constexpr qsizetype kMaxLinesPerRun = 16 * 1024;
    QByteArrayView rest = lines.lines();
    qsizetype firstLine = lines.firstLineNumber();
    qsizetype left = lines.lineCount();
    while (left > 0) {
        QByteArrayView run = rest;
        const qsizetype count = std::min(left, kMaxLinesPerRun);
        if (count < left) {
            qsizetype end = 0;
            for (qsizetype i = 0; i < count; ++i)
                end = rest.indexOf('\n', end) + 1;
            run = rest.first(end);
        }
        if (const int status = answer(run, firstLine); status != ExitOk)
            return status;
        rest = rest.sliced(run.size());
        firstLine += count;
        left -= count;
    }
    return ExitOk;
}

} // namespace

int answerStdinLines(CliContext &ctx,
                     const std::function<int(QByteArrayView lines, qsizetype firstLine)> &answer)
{
    // 1 MiB blocks: large enough for two threads to share one (url), small next to the line bound.
    constexpr qsizetype kBlock = 1024 * 1024;
    core::LineSplitter lines(kMaxBatchLineBytes);
    while (!lines.atEnd()) {
        if (lines.lines().isEmpty() && lines.overlongLine() == 0 && !readStdin(lines, kBlock))
            return ctx.failure(u"cannot read stdin: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
        if (!lines.lines().isEmpty()) {
            if (const int status = answerInRuns(lines, answer); status != ExitOk)
                return status;
            lines.dropLines();
        }
    }
    if (const qsizetype line = lines.overlongLine(); line > 0)
        return ctx.usageError(
            u"line %1: longer than %2 MiB, the most one line may hold; the rest of stdin was "
            u"not read"_s.arg(line)
                .arg(kMaxBatchLineBytes / (1024 * 1024)));
    return ExitOk;
}

void forEachLine(QByteArrayView lines, qsizetype firstLine,
                 const std::function<void(QByteArrayView line, qsizetype number)> &each)
{
    qsizetype number = firstLine;
    while (!lines.isEmpty()) {
        const qsizetype newline = lines.indexOf('\n');
        const qsizetype length = newline < 0 ? lines.size() : newline;
        each(lines.first(length), number++);
        lines = lines.sliced(newline < 0 ? lines.size() : newline + 1);
    }
}

} // namespace stratus::cli
