// stratus-cli url: delivery URLs from Node SDK-style options, one at a time or in bulk.
//
// --batch contract: stdin holds JSON lines {"public_id": …, "options": {…}}; stdout gets one URL per
// non-blank line, in input order. Blank lines are skipped. If any line is bad (not JSON, no public
// id, options the SDK rejects) nothing at all is printed: stderr gets one line naming the first bad
// line, and the exit status is 2. That is why all output is buffered until every line has been
// built. Lines are split between two threads (the output order is kept), and stdin and stdout are
// read and written in large blocks; the JSON parser borrows the strings of each block instead of
// copying them.

#include "clicontext.h"
#include "clienvironments.h"
#include "commands.h"

#include "core/delivery/deliveryurl.h"
#include "core/delivery/jsvalue.h"

#include <QByteArray>
#include <QString>
#include <QStringDecoder>
#include <QStringEncoder>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>
#include <vector>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using stratus::core::DeliveryUrlBuilder;
using stratus::core::JsValue;

namespace stratus::cli {

namespace {

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
      "                         and print one URL per line, in order; blank lines are skipped.\n"
      "                         If any line is bad, nothing is printed, the first bad line is\n"
      "                         reported on stderr and the exit status is 2.\n"
      "  -h, --help             show this help\n"
      "\n"
      "Exit status: 0 success, 1 failure (the keychain cannot be read), 2 bad input (message on\n"
      "stderr, nothing on stdout).\n";

struct BatchError
{
    qsizetype line = -1; // 1-based; -1 when none
    QString message;
};

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

// The public id as the SDK would see it: text, or a number turned into text as JavaScript does.
bool publicIdOf(const JsValue &line, QString *publicId, QString *problem)
{
    const JsValue &id = line.member(u"public_id");
    if (id.isString()) {
        *publicId = id.stringValue();
        return true;
    }
    if (id.isNumber()) {
        *publicId = id.toJsString();
        return true;
    }
    *problem = id.isNullish() ? u"missing public_id"_s : u"public_id must be text"_s;
    return false;
}

// Decodes one line into \a buffer, reused from line to line so that no allocation is needed.
QStringView decodeLine(const char *bytes, qsizetype size, QString &buffer)
{
    if (buffer.capacity() < size)
        buffer.reserve(std::max(size, qsizetype(256)));
    buffer.resize(size);
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    const QChar *end = decoder.appendToBuffer(buffer.data(), QByteArrayView(bytes, size));
    return QStringView(buffer.constData(), end - buffer.constData());
}

// Builds the URLs of the lines in bytes [begin, end), which start and end on line boundaries.
// error->line is counted from the start of the range.
void runBatchRange(const DeliveryUrlBuilder &builder, const char *begin, const char *end,
                   OutputBuffer *output, BatchError *error)
{
    if (begin >= end)
        return;
    output->reserve(qsizetype(end - begin));
    QString buffer;
    qsizetype lineNumber = 0;
    for (const char *bytes = begin; bytes < end;) {
        const char *newline = static_cast<const char *>(std::memchr(bytes, '\n', std::size_t(end - bytes)));
        const char *lineEnd = newline ? newline : end;
        const QStringView line = decodeLine(bytes, qsizetype(lineEnd - bytes), buffer);
        bytes = newline ? newline + 1 : end;
        ++lineNumber;
        auto fail = [&](const QString &message) {
            error->line = lineNumber;
            error->message = message;
        };

        if (line.trimmed().isEmpty())
            continue;
        auto parsed = JsValue::parseJson(line, JsValue::StringStorage::Borrow);
        if (!parsed) {
            fail(parsed.error().message);
            return;
        }
        if (!parsed->isObject()) {
            fail(u"expected a JSON object {\"public_id\": ..., \"options\": {...}}"_s);
            return;
        }
        QString publicId, problem;
        if (!publicIdOf(parsed.value(), &publicId, &problem)) {
            fail(problem);
            return;
        }
        const JsValue &options = parsed->member(u"options");
        if (!options.isNullish() && !options.isObject()) {
            fail(u"options must be a JSON object"_s);
            return;
        }
        auto url = builder.build(publicId, options);
        if (!url) {
            fail(url.error().message);
            return;
        }
        output->appendLine(url.value());
    }
}

// All of stdin: mapped when it is a regular file, else read in large blocks.
class StdinContents
{
public:
    bool load()
    {
#ifdef Q_OS_UNIX
        // A regular file is mapped (pre-faulted in one go where the system allows it).
        struct stat info = {};
        if (::fstat(STDIN_FILENO, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0
            && ::lseek(STDIN_FILENO, 0, SEEK_CUR) == 0) {
            int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
            flags |= MAP_POPULATE;
#endif
            void *mapped = ::mmap(nullptr, std::size_t(info.st_size), PROT_READ, flags, STDIN_FILENO, 0);
            if (mapped != MAP_FAILED) {
                m_mapped = mapped;
                m_data = static_cast<const char *>(mapped);
                m_size = qsizetype(info.st_size);
                return true;
            }
        }
#endif
        constexpr qsizetype kBlock = 1 << 20;
        while (true) {
            if (m_owned.capacity() - m_owned.size() < kBlock)
                m_owned.reserve(std::max(m_owned.capacity() * 2, m_owned.size() + kBlock));
            const qsizetype at = m_owned.size();
            m_owned.resize(at + kBlock);
            const std::size_t got = std::fread(m_owned.data() + at, 1, std::size_t(kBlock), stdin);
            m_owned.resize(at + qsizetype(got));
            if (got < std::size_t(kBlock))
                break;
        }
        m_data = m_owned.constData();
        m_size = m_owned.size();
        return !std::ferror(stdin);
    }

    ~StdinContents()
    {
#ifdef Q_OS_UNIX
        if (m_mapped)
            ::munmap(m_mapped, std::size_t(m_size));
#endif
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
    void *m_mapped = nullptr;
    QByteArray m_owned;
    const char *m_data = "";
    qsizetype m_size = 0;
};

int runBatch(CliContext &ctx, const DeliveryUrlBuilder &builder, const StdinContents &input)
{
    // Two halves on two threads (the machines we target have two cores), split at the line break
    // nearest the middle; small inputs stay on one thread. Each thread finds its own lines.
    const char *begin = input.data();
    const char *end = begin + input.size();
    const char *middle = end;
    constexpr qsizetype kParallelThreshold = 256 * 1024;
    if (input.size() >= kParallelThreshold) {
        const char *half = begin + input.size() / 2;
        const void *newline = std::memchr(half, '\n', std::size_t(end - half));
        middle = newline ? static_cast<const char *>(newline) + 1 : end;
    }
    OutputBuffer firstOutput, secondOutput;
    BatchError firstError, secondError;
    std::thread worker;
    if (middle < end)
        worker = std::thread(runBatchRange, std::cref(builder), middle, end, &secondOutput, &secondError);
    runBatchRange(builder, begin, middle, &firstOutput, &firstError);
    if (worker.joinable())
        worker.join();

    if (firstError.line < 0 && secondError.line >= 0)
        secondError.line += qsizetype(std::count(begin, middle, '\n'));
    const BatchError &error = firstError.line >= 0 ? firstError : secondError;
    if (error.line >= 0)
        return ctx.usageError(u"line %1: %2"_s.arg(error.line).arg(error.message));

    for (const OutputBuffer *chunk : {&firstOutput, &secondOutput}) {
        if (chunk->size() > 0
            && std::fwrite(chunk->data(), 1, std::size_t(chunk->size()), stdout)
                != std::size_t(chunk->size()))
            return ctx.failure(u"cannot write stdout"_s);
    }
    std::fflush(stdout);
    return ExitOk;
}

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

    // A stored environment's secret comes from the keychain, and only when a URL is to be signed.
    StdinContents input;
    if (batch && !input.load())
        return ctx.failure(u"cannot read stdin"_s);
    const auto needsSecret = [&] {
        if (!batch)
            return optionsText.contains(u"sign_url"_s);
        return QByteArrayView(input.data(), input.size()).contains(QByteArrayView("sign_url"));
    };
    QJsonObject config;
    if (const int status = resolveCommandConfig(ctx, {cloudinaryUrl, environment}, needsSecret, &config);
        status != ExitOk)
        return status;
    const DeliveryUrlBuilder builder(config);

    if (batch)
        return runBatch(ctx, builder, input);

    JsValue options;
    if (!optionsText.isNull()) {
        auto parsed = JsValue::parseJson(optionsText);
        if (!parsed)
            return ctx.usageError(u"--options: "_s + parsed.error().message);
        if (!parsed->isNullish() && !parsed->isObject())
            return ctx.usageError(u"--options must be a JSON object"_s);
        options = parsed.value();
    }
    auto url = builder.build(publicId, options);
    if (!url)
        return ctx.usageError(url.error().message);
    ctx.outLine(url.value());
    return ExitOk;
}

} // namespace stratus::cli
