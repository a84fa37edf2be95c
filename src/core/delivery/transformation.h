#pragma once

#include "core/util/result.h"
#include "jsvalue.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace stratus::core {

/// One `key_value` of a transformation step: `w_500` is {"w", "500"}, `$size_200` is
/// {"$size", "200"}, `if_w_gt_100` is {"if", "w_gt_100"}. The key is the text up to the first `_`.
struct TransformationParam
{
    QString key;
    QString value;

    [[nodiscard]] QString toString() const { return key + u'_' + value; }
    friend bool operator==(const TransformationParam &, const TransformationParam &) = default;
};

/// One component of a chained transformation (the text between two `/`): its params in order, then
/// optionally a raw part printed verbatim after them (the SDK's `raw_transformation`, or text a
/// lenient parse could not read as params).
class TransformationStep
{
public:
    TransformationStep() = default;
    explicit TransformationStep(QList<TransformationParam> params, std::optional<QString> raw = {})
        : m_params(std::move(params))
        , m_raw(std::move(raw))
    {
    }

    [[nodiscard]] const QList<TransformationParam> &params() const { return m_params; }
    [[nodiscard]] bool isEmpty() const { return m_params.isEmpty() && (!m_raw || m_raw->isEmpty()); }

    [[nodiscard]] bool contains(QStringView key) const { return indexOf(key) >= 0; }
    /// Position of the first param called \a key, or -1.
    [[nodiscard]] qsizetype indexOf(QStringView key) const;
    /// The value of the first param called \a key; a null QString when there is none.
    [[nodiscard]] QString value(QStringView key) const;

    /// Replaces the value of the first param called \a key, or inserts the param where the SDK would
    /// have put it: `if` first, then `$variables`, then the other keys in alphabetical order.
    void setValue(const QString &key, const QString &value);
    /// Removes every param called \a key; returns how many there were.
    qsizetype remove(QStringView key);
    /// Appends a param at the end (before the raw part), whatever its key.
    void append(TransformationParam param) { m_params.append(std::move(param)); }
    void insert(qsizetype position, TransformationParam param)
    {
        m_params.insert(position, std::move(param));
    }
    void removeAt(qsizetype position) { m_params.removeAt(position); }

    [[nodiscard]] const std::optional<QString> &raw() const { return m_raw; }
    void setRaw(std::optional<QString> raw) { m_raw = std::move(raw); }

    /// Params joined with `,`, then the raw part.
    [[nodiscard]] QString toString() const;
    void appendTo(QString &out) const;

    friend bool operator==(const TransformationStep &, const TransformationStep &) = default;

private:
    QList<TransformationParam> m_params;
    std::optional<QString> m_raw;
};

/// A Cloudinary transformation: an ordered list of steps (chained components joined by `/`), e.g.
/// `c_fill,g_auto,h_500,w_500/e_sepia`.
///
/// Built three ways: parse() reads the text form (for the composer and for strings from the Admin
/// API); fromOptions() builds it from the same options object the Node SDK's cloudinary.url() takes,
/// producing exactly the SDK's transformation string; or step by step through the editing members.
/// toString() prints the text form; for any text parse() accepts, parse(text).toString() == text.
///
/// A plain value type, reentrant.
class Transformation
{
public:
    enum class ParseMode {
        /// Rejects text Cloudinary would not understand: an empty step or param (`a_1//b_2`,
        /// `a_1,,b_2`), a param without `_` or with an empty key (`sepia`, `_5`), an empty variable
        /// name (`$_5`), an unknown key (`k_5`, `W_100`: keys are case-sensitive), and an empty value
        /// except for variables (`w_`). The message names the offending part and its step.
        Strict,
        /// Never fails: in each step the first part that is not a `key_value` starts the step's raw
        /// part, kept verbatim with everything after it. Keys are not checked.
        Lenient,
    };

    Transformation() = default;
    explicit Transformation(QList<TransformationStep> steps)
        : m_steps(std::move(steps))
    {
    }

    [[nodiscard]] static Result<Transformation> parse(QStringView text, ParseMode mode = ParseMode::Strict);

    /// The transformation the Node SDK's cloudinary.url() derives from \a options (its
    /// generate_transformation_string()). \a sdkConfig supplies the SDK's global defaults that apply
    /// to every step (`dpr`, `responsive_width`, `responsive_width_transformation`). Fails where the
    /// SDK throws, e.g. an overlay object without public_id or a radius array of five values.
    [[nodiscard]] static Result<Transformation> fromOptions(const QJsonObject &options,
                                                            const QJsonObject &sdkConfig = {});
    [[nodiscard]] static Result<Transformation> fromOptions(const JsValue &options,
                                                            const JsValue &sdkConfig = {});

    /// True for every key the SDK can write (`a`, `ac`, … `z`, `if`) and every `$variable` name.
    [[nodiscard]] static bool isKnownKey(QStringView key);

    [[nodiscard]] const QList<TransformationStep> &steps() const { return m_steps; }
    [[nodiscard]] qsizetype stepCount() const { return m_steps.size(); }
    [[nodiscard]] bool isEmpty() const { return m_steps.isEmpty(); }
    [[nodiscard]] const TransformationStep &step(qsizetype index) const { return m_steps.at(index); }
    [[nodiscard]] TransformationStep &step(qsizetype index) { return m_steps[index]; }

    void appendStep(TransformationStep step) { m_steps.append(std::move(step)); }
    void insertStep(qsizetype index, TransformationStep step) { m_steps.insert(index, std::move(step)); }
    void removeStep(qsizetype index) { m_steps.removeAt(index); }
    void moveStep(qsizetype from, qsizetype to) { m_steps.move(from, to); }
    /// Appends the steps of \a other.
    void append(const Transformation &other) { m_steps.append(other.m_steps); }

    /// Index of the first step with a param called \a key, or -1.
    [[nodiscard]] qsizetype findStep(QStringView key) const;
    /// The value of \a key in the first step that has it; a null QString when none does.
    [[nodiscard]] QString value(QStringView key) const;

    /// Steps joined with `/`.
    [[nodiscard]] QString toString() const;

    friend bool operator==(const Transformation &, const Transformation &) = default;

private:
    QList<TransformationStep> m_steps;
};

} // namespace stratus::core
