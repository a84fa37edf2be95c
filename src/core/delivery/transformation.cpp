#include "transformation.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

// Every key the Node SDK writes, sorted; the SDK's own order within a step is this order.
constexpr std::array<QStringView, 41> kKnownKeys = {
    u"a",  u"ac", u"af", u"ar", u"b",  u"bo", u"br",  u"c",  u"co", u"cs", u"d",  u"dl", u"dn", u"dpr",
    u"du", u"e",  u"eo", u"f",  u"fl", u"fn", u"fps", u"g",  u"h",  u"if", u"ki", u"l",  u"o",  u"p",
    u"pg", u"q",  u"r",  u"so", u"sp", u"t",  u"u",   u"vc", u"vs", u"w",  u"x",  u"y",  u"z",
};

bool isVariableKey(QStringView key)
{
    return key.startsWith(u'$');
}

// Where setValue() puts a new key: `if` first, then variables, then the rest by key.
int rank(QStringView key)
{
    if (key == u"if")
        return 0;
    if (isVariableKey(key))
        return 1;
    return 2;
}

} // namespace

qsizetype TransformationStep::indexOf(QStringView key) const
{
    for (qsizetype i = 0; i < m_params.size(); ++i) {
        if (m_params.at(i).key == key)
            return i;
    }
    return -1;
}

QString TransformationStep::value(QStringView key) const
{
    const qsizetype i = indexOf(key);
    return i >= 0 ? m_params.at(i).value : QString();
}

void TransformationStep::setValue(const QString &key, const QString &value)
{
    const qsizetype existing = indexOf(key);
    if (existing >= 0) {
        m_params[existing].value = value;
        return;
    }
    const int newRank = rank(key);
    qsizetype position = m_params.size();
    for (qsizetype i = 0; i < m_params.size(); ++i) {
        const QString &other = m_params.at(i).key;
        const int otherRank = rank(other);
        if (otherRank > newRank || (otherRank == newRank && newRank == 2 && key < other)) {
            position = i;
            break;
        }
    }
    m_params.insert(position, TransformationParam {key, value});
}

qsizetype TransformationStep::remove(QStringView key)
{
    return m_params.removeIf([&](const TransformationParam &p) { return p.key == key; });
}

namespace {

qsizetype printedLength(const TransformationStep &step)
{
    qsizetype length = 0;
    for (const TransformationParam &param : step.params())
        length += param.key.size() + param.value.size() + 2;
    if (step.raw())
        length += step.raw()->size() + 1;
    return length;
}

QChar *copy(QChar *to, const QString &text)
{
    std::copy(text.constData(), text.constData() + text.size(), to);
    return to + text.size();
}

// Writes the step at \a to, which has room for printedLength(step) characters; returns the end.
QChar *print(const TransformationStep &step, QChar *to)
{
    bool first = true;
    for (const TransformationParam &param : step.params()) {
        if (!first)
            *to++ = u',';
        first = false;
        to = copy(to, param.key);
        *to++ = u'_';
        to = copy(to, param.value);
    }
    if (step.raw()) {
        if (!first)
            *to++ = u',';
        to = copy(to, *step.raw());
    }
    return to;
}

} // namespace

void TransformationStep::appendTo(QString &out) const
{
    const qsizetype at = out.size();
    out.resize(at + printedLength(*this));
    QChar *end = print(*this, out.data() + at);
    out.truncate(end - out.constData());
}

QString TransformationStep::toString() const
{
    QString out;
    appendTo(out);
    return out;
}

bool Transformation::isKnownKey(QStringView key)
{
    if (isVariableKey(key))
        return key.size() > 1;
    return std::binary_search(kKnownKeys.begin(), kKnownKeys.end(), key);
}

Result<Transformation> Transformation::parse(QStringView text, ParseMode mode)
{
    Transformation result;
    if (text.isEmpty())
        return result;
    const bool strict = mode == ParseMode::Strict;
    qsizetype stepNumber = 0;
    for (QStringView stepText : text.tokenize(u'/')) {
        ++stepNumber;
        // The subject of a step's problem: "N/STEP/PART" (errorreason.h).
        const auto fail = [&](ErrorReason reason, QStringView part) {
            return Error::because(Error::Kind::InvalidInput, reason,
                                  u"%1/%2/%3"_s.arg(QString::number(stepNumber), stepText, part));
        };
        if (strict && stepText.isEmpty())
            return Error::because(Error::Kind::InvalidInput, ErrorReason::TransformationStepEmpty,
                                  QString::number(stepNumber));
        TransformationStep step;
        QList<TransformationParam> params;
        qsizetype offset = 0;
        for (QStringView part : stepText.tokenize(u',')) {
            const qsizetype underscore = part.indexOf(u'_');
            const QStringView key = underscore > 0 ? part.left(underscore) : QStringView();
            ErrorReason problem = ErrorReason::None;
            if (part.isEmpty())
                problem = ErrorReason::TransformationParamEmpty;
            else if (underscore < 0)
                problem = ErrorReason::TransformationParamNoValue;
            else if (underscore == 0)
                problem = ErrorReason::TransformationParamKeyEmpty;
            else if (strict && key == u"$")
                problem = ErrorReason::TransformationVariableNameEmpty;
            else if (strict && !isKnownKey(key))
                problem = ErrorReason::TransformationKeyUnknown;
            else if (strict && !isVariableKey(key) && underscore + 1 == part.size())
                problem = ErrorReason::TransformationValueEmpty;
            if (problem != ErrorReason::None) {
                if (strict)
                    return fail(problem, part);
                step.setRaw(stepText.mid(offset).toString());
                break;
            }
            params.append(TransformationParam {key.toString(), part.mid(underscore + 1).toString()});
            offset += part.size() + 1;
        }
        result.m_steps.append(TransformationStep(std::move(params), step.raw()));
    }
    return result;
}

qsizetype Transformation::findStep(QStringView key) const
{
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).contains(key))
            return i;
    }
    return -1;
}

QString Transformation::value(QStringView key) const
{
    const qsizetype i = findStep(key);
    return i >= 0 ? m_steps.at(i).value(key) : QString();
}

QString Transformation::toString() const
{
    qsizetype length = m_steps.size();
    for (const TransformationStep &step : m_steps)
        length += printedLength(step);
    QString out(length, Qt::Uninitialized);
    QChar *to = out.data();
    bool first = true;
    for (const TransformationStep &step : m_steps) {
        if (!first)
            *to++ = u'/';
        first = false;
        to = print(step, to);
    }
    out.truncate(to - out.constData());
    return out;
}

} // namespace stratus::core
