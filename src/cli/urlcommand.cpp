// stratus-cli url: delivery URLs from Node SDK-style options, one at a time or in bulk.
//
// --batch contract: stdin holds JSON lines {"public_id": …, "options": {…}}; each non-blank line is
// answered with one line on stdout, in input order, as soon as it is read (so the command works as
// a co-process): its URL, or an empty line when the line is bad (not JSON, no public id, options the
// SDK rejects, a URL that would hold a raw line break), with "line N: …" on stderr; the exit status
// is then 2. A line over 4 MiB stops the batch (exit 2). stdin is read in blocks of up to 1 MiB;
// a large block is split between two threads (the output order is kept), and the JSON parser
// borrows the strings of each line instead of copying them.

#include "clicontext.h"
#include "clienvironments.h"
#include "commands.h"
#include "stdinlines.h"

#include "core/delivery/deliveryurl.h"
#include "core/delivery/jsvalue.h"
#include "core/delivery/urlbatch.h"
#include "words/errorwords.h"

#include <QString>
#include <QStringEncoder>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <thread>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#endif

using namespace Qt::StringLiterals;
using stratus::core::DeliveryUrlBuilder;
using stratus::core::JsValue;
using stratus::core::UrlBatchLines;

namespace stratus::cli {

namespace {

// What is wrong with an option set, in one line: the words stratus_words has for its reason (the
// Node SDK's, where the SDK throws for it).
QString optionsErrorText(const core::Error &error)
{
    return words::ErrorWords::text(error);
}

constexpr QStringView kUsage
    = u"Usage: stratus-cli url PUBLIC_ID [--options JSON] [--env NAME | --cloudinary-url URL]\n"
      "       stratus-cli url --batch [--env NAME | --cloudinary-url URL] < lines.jsonl\n"
      "\n"
      "Prints the delivery URL the official Node SDK's cloudinary.url(PUBLIC_ID, OPTIONS)\n"
      "gives (analytics off). OPTIONS is a JSON object with the SDK's option names, e.g.\n"
      "  stratus-cli url sample --options '{\"width\":300,\"crop\":\"fill\",\"sign_url\":true}'\n"
      "\n"
      "Options:\n"
      "  --options JSON         the options object (default {})\n"
      "  --env NAME             a stored environment (see 'stratus-cli env'); default: the\n"
      "                         current environment, else $CLOUDINARY_URL. Its secret is read\n"
      "                         from the OS keychain only to sign URLs (sign_url).\n"
      "  --cloudinary-url URL   cloudinary://key:secret@cloud instead of a stored environment\n"
      "  --batch                read JSON lines {\"public_id\": ..., \"options\": {...}} from stdin\n"
      "                         and answer each as soon as it is read with one line: its URL, or\n"
      "                         an empty line when it is bad (stderr then says 'line N: why' and\n"
      "                         the exit status is 2). Blank lines are skipped. A line may hold\n"
      "                         4 MiB; a longer one ends the batch (exit 2).\n"
      "  -h, --help             show this help\n"
      "\n"
      "A URL that would hold a raw line feed, carriage return or NUL (the SDK leaves them unescaped\n"
      "in transformation values, the type, the format, ...) is bad input: percent-encode them.\n"
      "\n"
      "Exit status: 0 success, 1 failure (the keychain cannot be read), 2 bad input (message on\n"
      "stderr, nothing on stdout; with --batch, the other lines are still answered).\n";

// The output of one batch thread. Plain memory rather than QByteArray: it grows in large steps,
// and on Linux it asks for transparent huge pages, which saves thousands of page faults on a
// large batch (measurable next to the work itself).
class OutputBuffer
{
public:
    OutputBuffer() = default;
    OutputBuffer(const OutputBuffer &) = delete;
    OutputBuffer &operator=(const OutputBuffer &) = delete;
    ~OutputBuffer() { std::free(m_data); }

    void reserve(qsizetype capacity)
    {
        if (capacity <= m_capacity)
            return;
        constexpr std::size_t kHugePage = 2 << 20;
        const std::size_t bytes = (std::size_t(capacity) + kHugePage - 1) / kHugePage * kHugePage;
        char *data = static_cast<char *>(std::aligned_alloc(kHugePage, bytes));
        if (!data)
            throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        madvise(data, bytes, MADV_HUGEPAGE);
#endif
        if (m_size > 0)
            std::memcpy(data, m_data, std::size_t(m_size));
        std::free(m_data);
        m_data = data;
        m_capacity = qsizetype(bytes);
    }

    // Appends \a text as UTF-8 and a line feed (Qt's encoder has a vectorised ASCII path).
    void appendLine(const QString &text)
    {
        const qsizetype needed = m_size + text.size() * 3 + 1;
        if (needed > m_capacity)
            reserve(std::max(needed, m_capacity * 2));
        QStringEncoder encoder(QStringEncoder::Utf8);
        char *end = encoder.appendToBuffer(m_data + m_size, text);
        *end++ = '\n';
        m_size = end - m_data;
    }

    void clear()
    {
        m_size = 0;
    }

    [[nodiscard]] const char *data() const
    {
        return m_data;
    }
    [[nodiscard]] qsizetype size() const
    {
        return m_size;
    }

private:
    char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
};

// The answers to the lines [begin, end) of a run of lines that starts at \a run with line number
// \a runFirstLine; each line ends in '\n' but perhaps the last. A URL or an empty line each, and a
// "line N: …" message in \a errors for each bad one.
void answerRange(const DeliveryUrlBuilder &builder, const char *run, qsizetype runFirstLine,
                 const char *begin, const char *end, OutputBuffer *output, OutputBuffer *errors)
{
    output->reserve(qsizetype(end - begin) + 1024);
    UrlBatchLines batch(builder);
    // Only a message needs the number of this range's first line: counted then, not before.
    qsizetype firstLine = begin == run ? runFirstLine : -1;
    qsizetype index = 0;
    for (const char *bytes = begin; bytes < end; ++index) {
        const char *newline = static_cast<const char *>(std::memchr(bytes, '\n', std::size_t(end - bytes)));
        const char *lineEnd = newline ? newline : end;
        const auto answer = batch.answer(QByteArrayView(bytes, lineEnd - bytes));
        bytes = newline ? newline + 1 : end;
        if (!answer)
            continue;
        if (answer->ok()) {
            output->appendLine(answer->value());
            continue;
        }
        if (firstLine < 0)
            firstLine = runFirstLine + qsizetype(std::count(run, begin, '\n'));
        output->appendLine(QString());
        errors->appendLine(
            u"stratus-cli url: line %1: %2"_s.arg(firstLine + index).arg(optionsErrorText(answer->error())));
    }
}

bool writeAll(const OutputBuffer &buffer, std::FILE *to)
{
    return buffer.size() == 0
        || std::fwrite(buffer.data(), 1, std::size_t(buffer.size()), to) == std::size_t(buffer.size());
}

// url --batch: the configuration is read before the first line; a stored environment's secret only
// when a line asks for signed URLs (sign_url), at most once.
class UrlBatch
{
public:
    UrlBatch(CliContext &ctx, ConfigChoice choice)
        : m_ctx(ctx)
        , m_choice(std::move(choice))
    {
    }

    int run()
    {
        if (const int status = configure(false); status != ExitOk)
            return status;
        const int status = answerStdinLines(
            m_ctx, [this](QByteArrayView lines, qsizetype firstLine) { return answer(lines, firstLine); });
        if (status != ExitOk)
            return status;
        return m_badLines ? int(ExitUsage) : int(ExitOk);
    }

private:
    int configure(bool withSecret)
    {
        QJsonObject config;
        if (const int status = resolveCommandConfig(
                m_ctx, m_choice, [withSecret] { return withSecret; }, &config);
            status != ExitOk)
            return status;
        m_secretRead = withSecret || config.contains(u"api_secret"_s);
        m_builder.emplace(config);
        return ExitOk;
    }

    int answer(QByteArrayView lines, qsizetype firstLine)
    {
        if (!m_secretRead && lines.contains(QByteArrayView("sign_url"))) {
            if (const int status = configure(true); status != ExitOk)
                return status;
        }
        // Two halves on two threads (the machines we target have two cores), split at the line
        // break nearest the middle; small runs stay on one thread.
        const char *begin = lines.data();
        const char *end = begin + lines.size();
        const char *middle = end;
        constexpr qsizetype kParallelThreshold = 256 * 1024;
        if (lines.size() >= kParallelThreshold) {
            const char *half = begin + lines.size() / 2;
            const void *newline = std::memchr(half, '\n', std::size_t(end - half));
            middle = newline ? static_cast<const char *>(newline) + 1 : end;
        }
        for (OutputBuffer *buffer : {&m_output[0], &m_output[1], &m_errors[0], &m_errors[1]})
            buffer->clear();
        std::thread worker;
        if (middle < end)
            worker = std::thread(answerRange, std::cref(*m_builder), begin, firstLine, middle, end,
                                 &m_output[1], &m_errors[1]);
        answerRange(*m_builder, begin, firstLine, begin, middle, &m_output[0], &m_errors[0]);
        if (worker.joinable())
            worker.join();

        // The reasons first, then the answers: a co-process that reads an empty line finds why.
        if (m_errors[0].size() > 0 || m_errors[1].size() > 0) {
            m_badLines = true;
            writeAll(m_errors[0], stderr);
            writeAll(m_errors[1], stderr);
            std::fflush(stderr);
        }
        if (!writeAll(m_output[0], stdout) || !writeAll(m_output[1], stdout) || std::fflush(stdout) != 0)
            return m_ctx.failure(u"cannot write stdout"_s);
        return ExitOk;
    }

    CliContext &m_ctx;
    const ConfigChoice m_choice;
    std::optional<DeliveryUrlBuilder> m_builder;
    bool m_secretRead = false;
    bool m_badLines = false;
    OutputBuffer m_output[2];
    OutputBuffer m_errors[2];
};

} // namespace

int runUrlCommand(CliContext &ctx)
{
    const QStringList &args = ctx.args();
    QString publicId, optionsText, cloudinaryUrl, environment;
    bool havePublicId = false, batch = false, endOfOptions = false;

    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (endOfOptions || !arg.startsWith(u'-') || arg == u"-") {
            if (havePublicId)
                return ctx.usageError(u"more than one public id given ('%1'); see --help"_s.arg(arg));
            publicId = arg;
            havePublicId = true;
            continue;
        }
        if (arg == u"--") {
            endOfOptions = true;
            continue;
        }
        if (arg == u"-h" || arg == u"--help") {
            ctx.out(kUsage.toString());
            return ExitOk;
        }
        if (arg == u"--batch") {
            batch = true;
            continue;
        }
        // --name VALUE or --name=VALUE
        QString name = arg, value;
        bool haveValue = false;
        if (const qsizetype eq = arg.indexOf(u'='); eq > 0) {
            name = arg.left(eq);
            value = arg.mid(eq + 1);
            haveValue = true;
        }
        if (name != u"--options" && name != u"--cloudinary-url" && name != u"--env")
            return ctx.usageError(u"unknown option '%1'; see --help"_s.arg(name));
        if (!haveValue) {
            if (i + 1 >= args.size())
                return ctx.usageError(u"%1 needs a value"_s.arg(name));
            value = args.at(++i);
        }
        (name == u"--options" ? optionsText : name == u"--env" ? environment : cloudinaryUrl) = value;
    }

    if (batch && (havePublicId || !optionsText.isNull()))
        return ctx.usageError(u"--batch takes no public id and no --options (they come from stdin)"_s);
    if (!batch && !havePublicId)
        return ctx.usageError(u"missing PUBLIC_ID; see --help"_s);

    if (batch)
        return UrlBatch(ctx, {cloudinaryUrl, environment}).run();

    // A stored environment's secret comes from the keychain, and only when a URL is to be signed.
    QJsonObject config;
    if (const int status = resolveCommandConfig(
            ctx, {cloudinaryUrl, environment}, [&] { return optionsText.contains(u"sign_url"_s); }, &config);
        status != ExitOk)
        return status;
    const DeliveryUrlBuilder builder(config);

    JsValue options;
    if (!optionsText.isNull()) {
        auto parsed = JsValue::parseJson(optionsText);
        if (!parsed)
            return ctx.usageError(u"--options: "_s + optionsErrorText(parsed.error()));
        if (!parsed->isNullish() && !parsed->isObject())
            return ctx.usageError(u"--options must be a JSON object"_s);
        options = parsed.value();
    }
    const auto url = core::asOutputLine(builder.build(publicId, options));
    if (!url)
        return ctx.usageError(optionsErrorText(url.error()));
    ctx.outLine(url.value());
    return ExitOk;
}

} // namespace stratus::cli
