// libFuzzer target for the line handling of `stratus-cli url --batch` and `sign --batch`
// (LineSplitter in core/util, UrlBatchLines in core/delivery, SignRequest in core/signing). For any
// input, fed to the splitter in pieces whose sizes come from the input itself:
// - the lines come back in order, none longer than the bound, and together they are the input up to
//   the first over-long line (all of it when there is none), each ending in '\n' except perhaps the
//   last; the line numbers count up from 1;
// - every line answers: a URL or a sign request without a raw CR, LF or NUL in what is printed, an
//   error with a message or a reason and nothing on more than one line, or nothing for a blank line.
#include "core/delivery/deliveryurl.h"
#include "core/delivery/jsvalue.h"
#include "core/delivery/urlbatch.h"
#include "core/signing/apisigner.h"
#include "core/signing/signbatch.h"
#include "core/util/linesplitter.h"

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

// Small, so that over-long lines are common.
constexpr qsizetype kMaxLine = 512;

[[noreturn]] void failWith(const char *what, QByteArrayView input, const QString &detail)
{
    std::fprintf(stderr, "%s\ninput:  %s\ndetail: %s\n", what,
                 input.toByteArray().toPercentEncoding().constData(), detail.toUtf8().constData());
    std::abort();
}

bool breaksLine(const QString &text)
{
    return text.contains(u'\r') || text.contains(u'\n') || text.contains(QChar(0));
}

const DeliveryUrlBuilder &builder()
{
    // A secret, so that sign_url and auth tokens are reached too.
    static const DeliveryUrlBuilder instance(
        JsValue::parseJson(u"{\"cloud_name\":\"demo\",\"api_key\":\"1234\",\"api_secret\":\"b\"}"_s).value());
    return instance;
}

void answer(QByteArrayView input, QByteArrayView line, UrlBatchLines &urls)
{
    if (const auto url = urls.answer(line)) {
        if (url->ok() && breaksLine(url->value()))
            failWith("a URL breaks its line", input, url->value());
        // An error has a reason (worded by stratus_words on one line around its subject) or a message.
        if (!url->ok()
            && ((url->error().message.isEmpty() && url->error().reason == ErrorReason::None)
                || breaksLine(url->error().message) || breaksLine(url->error().subject)))
            failWith("a URL error is not one line of text", input,
                     url->error().message + url->error().subject);
    }
    if (isBlankLine(line))
        return;
    const auto request = SignRequest::parseLine(line);
    if (!request) {
        if ((request.error().message.isEmpty() && request.error().reason == ErrorReason::None)
            || breaksLine(request.error().message) || breaksLine(request.error().subject))
            failWith("a sign error is not one line of text", input,
                     request.error().message + request.error().subject);
        return;
    }
    const ApiSigner signer(request->algorithm.value_or(SignatureAlgorithm::Sha1),
                           request->version.value_or(SignatureVersion::V2));
    const QString signature = signer.sign(request->params, u"b");
    if (signature.size() != (signer.algorithm() == SignatureAlgorithm::Sha1 ? 40 : 64))
        failWith("a signature has the wrong length", input, signature);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte chooses the size of the pieces the rest arrives in, as read(2) might return them.
    const qsizetype piece = qsizetype(data[0]) + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    LineSplitter splitter(kMaxLine);
    UrlBatchLines urls(builder());
    QByteArray seen;
    qsizetype expectedNumber = 1;
    auto take = [&](bool finished) {
        const QByteArrayView lines = splitter.lines();
        if (lines.isEmpty())
            return;
        if (splitter.firstLineNumber() != expectedNumber)
            failWith("line numbers skip", input, QString::number(splitter.firstLineNumber()));
        qsizetype start = 0;
        while (start < lines.size()) {
            const qsizetype newline = lines.indexOf('\n', start);
            const qsizetype end = newline < 0 ? lines.size() : newline;
            if (newline < 0 && !finished)
                failWith("a line without '\\n' before the end of the input", input, {});
            if (end - start > kMaxLine)
                failWith("a line longer than the bound", input, QString::number(end - start));
            answer(input, lines.sliced(start, end - start), urls);
            ++expectedNumber;
            start = newline < 0 ? lines.size() : newline + 1;
        }
        seen += lines.toByteArray();
        splitter.dropLines();
    };
    for (qsizetype at = 0; at < input.size() && splitter.overlongLine() == 0; at += piece) {
        splitter.append(input.sliced(at, std::min(piece, input.size() - at)));
        take(false);
    }
    splitter.finish();
    take(true);
    if (!splitter.atEnd())
        failWith("not at the end after finish()", input, {});

    if (splitter.overlongLine() == 0) {
        if (seen != input)
            failWith("the lines are not the input", input, QString::fromUtf8(seen));
    } else {
        if (splitter.overlongLine() != expectedNumber)
            failWith("the over-long line has the wrong number", input,
                     QString::number(splitter.overlongLine()));
        const QByteArrayView rest = input.sliced(seen.size());
        const qsizetype newline = rest.indexOf('\n');
        if (!input.startsWith(seen) || (newline < 0 ? rest.size() : newline) <= kMaxLine)
            failWith("a line called over-long that is not", input, QString::fromUtf8(seen));
    }
    return 0;
}
