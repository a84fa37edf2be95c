#pragma once

// Reading stdin a line at a time, bounded: the batch modes (url, sign) answer each line as soon as
// it is read, so they work as co-processes, and no input (an endless line, /dev/zero, NUL bytes)
// makes them hold more than one line and one block in memory.

#include "clicontext.h"

#include "core/util/linesplitter.h"

#include <QByteArrayView>

#include <functional>

namespace stratus::cli {

/// The longest line a batch mode takes (bytes, without the '\n'): room for an options object with
/// some 250,000 short keys, far beyond any real one.
constexpr qsizetype kMaxBatchLineBytes = 4 * 1024 * 1024;

/// Reads more of stdin into \a lines: waits for some bytes, then takes whatever else is ready at
/// once, up to \a block bytes, so that a co-process's one line is answered at once and a file or a
/// full pipe is read in large blocks. Calls lines.finish() at the end of the input. False on a read
/// error.
[[nodiscard]] bool readStdin(core::LineSplitter &lines, qsizetype block);

/// Answers the lines of stdin: `answer` gets each run of complete lines as it is read (one or more
/// lines, each ending in '\n' but perhaps the last) and the number of its first line, writes their
/// answers and flushes them, and returns ExitOk to go on or a status to stop with. Stops with
/// ExitUsage at a line over kMaxBatchLineBytes (the lines before it answered; "line N: longer than
/// 4 MiB" on stderr) and with ExitFailure when stdin cannot be read.
[[nodiscard]] int
answerStdinLines(CliContext &ctx,
                 const std::function<int(QByteArrayView lines, qsizetype firstLine)> &answer);

/// Splits \a lines (a run of complete lines) and calls `each` with every line without its '\n'
/// and its number.
void forEachLine(QByteArrayView lines, qsizetype firstLine,
                 const std::function<void(QByteArrayView line, qsizetype number)> &each);

} // namespace stratus::cli
