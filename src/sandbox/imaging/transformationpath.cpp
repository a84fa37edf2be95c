#include "transformationpath.h"

#include "imagingerror.h"

#include <QSet>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace stratus::sandbox::imaging {

namespace {

// Named transformations can refer to several others each; these stop a few small definitions
// from expanding into millions of components (or lookups) before the transformer's own limit.
constexpr qsizetype maxExpandedSteps = 1000;
constexpr int maxLookups = 1000;

// Every transformation key of Cloudinary's URL syntax (reference c.8), whether the sandbox
// renders it or not. Used to tell transformation segments from folders of a public id.
bool isKnownKey(QStringView key)
{
    static const QSet<QString> keys = {
        u"a"_s,  u"ac"_s, u"af"_s,  u"ar"_s, u"b"_s, u"bo"_s, u"br"_s, u"c"_s,  u"co"_s, u"cs"_s,  u"d"_s,
        u"dl"_s, u"dn"_s, u"dpr"_s, u"du"_s, u"e"_s, u"eo"_s, u"f"_s,  u"fl"_s, u"fn"_s, u"fps"_s, u"g"_s,
        u"h"_s,  u"if"_s, u"ki"_s,  u"l"_s,  u"o"_s, u"p"_s,  u"pg"_s, u"q"_s,  u"r"_s,  u"so"_s,  u"sp"_s,
        u"t"_s,  u"u"_s,  u"vc"_s,  u"vs"_s, u"w"_s, u"x"_s,  u"y"_s,  u"z"_s,
    };
    return key.startsWith(u'$') ? key.size() > 1 : keys.contains(key.toString());
}

core::Result<std::pair<QString, QString>> parseComponent(QStringView component)
{
    const qsizetype separator = component.indexOf(u'_');
    if (separator <= 0)
        return transformationError(u"Invalid transformation component - "_s + component.toString());
    return std::pair {component.left(separator).toString(), component.mid(separator + 1).toString()};
}

core::Result<QList<Step>> expand(const QList<Step> &steps, const NamedTransformationResolver &resolve,
                                 int depth, int maxDepth, int &lookups)
{
    QList<Step> out;
    for (const Step &step : steps) {
        Step rest;
        QStringList names;
        for (const auto &[key, value] : step) {
            if (key == u"t")
                names += value.split(u'.', Qt::SkipEmptyParts);
            else
                rest.append({key, value});
        }
        if (names.isEmpty()) {
            out.append(step);
            continue;
        }
        for (const QString &name : std::as_const(names)) {
            if (depth >= maxDepth)
                return transformationError(u"Named transformations nested too deeply - t_"_s + name);
            if (++lookups > maxLookups)
                return transformationError(u"Named transformations expand to too many components - t_"_s
                                           + name);
            const std::optional<QString> text = resolve ? resolve(name) : std::nullopt;
            if (!text)
                return transformationError(u"Named transformation t_"_s + name + u" not found"_s);
            const core::Result<QList<Step>> parsed = parseTransformationPath(*text);
            if (!parsed)
                return parsed.error();
            const core::Result<QList<Step>> inner
                = expand(parsed.value(), resolve, depth + 1, maxDepth, lookups);
            if (!inner)
                return inner.error();
            out += inner.value();
            if (out.size() > maxExpandedSteps)
                return transformationError(u"Named transformations expand to too many components - t_"_s
                                           + name);
        }
        if (!rest.isEmpty())
            out.append(rest);
    }
    return out;
}

} // namespace

core::Result<QList<Step>> parseTransformationPath(QStringView path)
{
    QList<Step> steps;
    for (const QStringView segment : path.tokenize(u'/', Qt::SkipEmptyParts)) {
        Step step;
        for (const QStringView component : segment.tokenize(u',', Qt::SkipEmptyParts)) {
            core::Result<std::pair<QString, QString>> parameter = parseComponent(component);
            if (!parameter)
                return parameter.error();
            step.append(std::move(parameter).value());
        }
        if (!step.isEmpty())
            steps.append(std::move(step));
    }
    return steps;
}

bool isTransformationSegment(QStringView segment)
{
    bool any = false;
    for (const QStringView component : segment.tokenize(u',', Qt::SkipEmptyParts)) {
        const qsizetype separator = component.indexOf(u'_');
        if (separator <= 0 || !isKnownKey(component.left(separator)))
            return false;
        any = true;
    }
    return any;
}

core::Result<QList<Step>> expandNamedTransformations(const QList<Step> &steps,
                                                     const NamedTransformationResolver &resolve, int maxDepth)
{
    int lookups = 0;
    return expand(steps, resolve, 0, maxDepth, lookups);
}

QString toTransformationString(const QList<Step> &steps)
{
    QStringList segments;
    for (const Step &step : steps) {
        QStringList components;
        for (const auto &[key, value] : step)
            components += key + u'_' + value;
        segments += components.join(u',');
    }
    return segments.join(u'/');
}

QString stepValue(const Step &step, QStringView key)
{
    for (auto it = step.crbegin(); it != step.crend(); ++it) {
        if (it->first == key)
            return it->second;
    }
    return {};
}

} // namespace stratus::sandbox::imaging
