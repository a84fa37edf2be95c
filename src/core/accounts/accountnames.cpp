#include "accountnames.h"

#include "core/net/neterror.h"

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
}

bool isDirectionControl(char32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
        || c == 0x061c;
}

// Walks `text` by code point; `visit(character, position, lone)` returns false to stop. `lone` is
// set for an unpaired surrogate (then `character` is that code unit).
template<typename Visit> void forEachCodePoint(QStringView text, Visit visit)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            if (!visit(QChar::surrogateToUcs4(c, text[i + 1]), i, false))
                return;
            ++i;
            continue;
        }
        if (!visit(char32_t(c.unicode()), i, c.isSurrogate()))
            return;
    }
}

} // namespace

NameCheck checkName(QStringView name)
{
    NameCheck check;
    if (name.trimmed().isEmpty()) {
        check.problem = NameProblem::Empty;
        return check;
    }
    forEachCodePoint(name, [&check](char32_t c, qsizetype position, bool lone) {
        if (lone)
            check.problem = NameProblem::BrokenText;
        else if (isControl(c))
            check.problem = NameProblem::ControlCharacter;
        else if (isDirectionControl(c))
            check.problem = NameProblem::DirectionControl;
        else
            return true;
        check.character = c;
        check.position = position;
        return false;
    });
    return check;
}

QString codePointText(char32_t character)
{
    return u"U+"_s + QString::number(uint(character), 16).toUpper().rightJustified(4, u'0');
}

Result<Done> validateName(QStringView name, ErrorReason reason)
{
    if (!checkName(name).ok())
        return Error::because(Error::Kind::InvalidInput, reason, name.toString());
    return Done {};
}

QString displaySafe(QStringView text)
{
    QString out;
    out.reserve(text.size());
    qsizetype copied = 0;
    forEachCodePoint(text, [&](char32_t c, qsizetype position, bool lone) {
        if (!lone && !isControl(c) && !isDirectionControl(c))
            return true;
        out += text.sliced(copied, position - copied);
        copied = position + 1;
        switch (c) {
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        default:
            out += u"\\u"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
        }
        return true;
    });
    out += text.sliced(copied);
    return out;
}

} // namespace stratus::core
