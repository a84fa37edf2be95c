#pragma once

#include "core/util/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <span>
#include <utility>
#include <vector>

namespace stratus::core {

/// A JSON value as JavaScript holds it after JSON.parse(), for the code that must reproduce what the
/// official Node SDK does with its options object.
///
/// Two things QJsonValue cannot give us: objects keep JavaScript's property order (array-index keys
/// in ascending order first, then the other keys in the order written; a repeated key keeps its
/// first position and its last value), because the SDK's output depends on that order in a few
/// places (effect objects, text-overlay styles); and the members below apply JavaScript's coercions
/// (String(v), truthiness, lodash's isEmpty) exactly.
///
/// Immutable and cheap to copy: arrays and objects are shared. Reentrant; a const JsValue may be read
/// from several threads.
class JsValue
{
public:
    enum class Type : quint8 { Undefined, Null, Bool, Number, String, Array, Object };
    using Array = std::vector<JsValue>;
    using Member = std::pair<QString, JsValue>;
    using Object = std::vector<Member>;

    /// `undefined`, i.e. "not there".
    JsValue() = default;
    JsValue(const JsValue &other)
        : m_type(other.m_type)
        , m_bool(other.m_bool)
        , m_number(other.m_number)
        , m_string(other.m_string)
        , m_container(other.m_container)
    {
        if (m_container)
            retain();
    }
    JsValue(JsValue &&other) noexcept
        : m_type(std::exchange(other.m_type, Type::Undefined))
        , m_bool(other.m_bool)
        , m_number(other.m_number)
        , m_string(std::move(other.m_string))
        , m_container(std::exchange(other.m_container, nullptr))
    {
    }
    JsValue &operator=(const JsValue &other)
    {
        if (this != &other)
            *this = JsValue(other);
        return *this;
    }
    JsValue &operator=(JsValue &&other) noexcept
    {
        if (this != &other) {
            if (m_container)
                release();
            m_type = std::exchange(other.m_type, Type::Undefined);
            m_bool = other.m_bool;
            m_number = other.m_number;
            m_string = std::move(other.m_string);
            m_container = std::exchange(other.m_container, nullptr);
        }
        return *this;
    }
    ~JsValue()
    {
        if (m_container)
            release();
    }

    [[nodiscard]] static JsValue null();
    [[nodiscard]] static JsValue boolean(bool value);
    [[nodiscard]] static JsValue number(double value);
    [[nodiscard]] static JsValue string(QString value);
    [[nodiscard]] static JsValue array(Array elements);
    /// Applies JavaScript's property order and the "last value wins" rule to \a members.
    [[nodiscard]] static JsValue object(Object members);
    /// array() and object() of the last elements of \a stack, from index \a from on, which are
    /// moved out and removed: for parsers that collect nested values on one reused stack.
    [[nodiscard]] static JsValue takeArray(Array &stack, std::size_t from);
    [[nodiscard]] static JsValue takeObject(Object &stack, std::size_t from);

    [[nodiscard]] static JsValue fromJson(const QJsonValue &value);
    /// QJsonObject keeps its keys sorted, so the insertion order of the original text is gone; use
    /// parseJson() when that order matters.
    [[nodiscard]] static JsValue fromJson(const QJsonObject &object);

    enum class StringStorage {
        Copy, ///< strings own their characters
        /// Strings without escapes point into the parsed text, which must outlive the result and
        /// everything made from it (a Transformation built from it shares those strings too).
        Borrow,
    };
    /// Parses JSON text as JSON.parse() does (RFC 8259, lone surrogates allowed in `\u` escapes).
    /// The error message names the offset of the problem.
    [[nodiscard]] static Result<JsValue> parseJson(QStringView text,
                                                   StringStorage storage = StringStorage::Copy);

    [[nodiscard]] Type type() const { return m_type; }
    [[nodiscard]] bool isUndefined() const { return type() == Type::Undefined; }
    [[nodiscard]] bool isNull() const { return type() == Type::Null; }
    /// `value == null` in JavaScript: undefined or null.
    [[nodiscard]] bool isNullish() const { return type() <= Type::Null; }
    [[nodiscard]] bool isBool() const { return type() == Type::Bool; }
    [[nodiscard]] bool isNumber() const { return type() == Type::Number; }
    [[nodiscard]] bool isString() const { return type() == Type::String; }
    [[nodiscard]] bool isArray() const { return type() == Type::Array; }
    [[nodiscard]] bool isObject() const { return type() == Type::Object; }
    /// lodash's isObject(): arrays and objects.
    [[nodiscard]] bool isArrayOrObject() const { return type() >= Type::Array; }

    [[nodiscard]] bool boolValue() const { return m_bool; }
    [[nodiscard]] double numberValue() const { return m_number; }
    /// The text of a string value; empty for every other type (see toJsString()).
    [[nodiscard]] const QString &stringValue() const { return m_string; }
    /// The elements of an array; empty for every other type.
    [[nodiscard]] std::span<const JsValue> elements() const;
    /// The members of an object, in property order; empty for every other type.
    [[nodiscard]] std::span<const Member> members() const;
    /// The member called \a key of an object, else undefined.
    [[nodiscard]] const JsValue &member(QStringView key) const;
    [[nodiscard]] bool hasMember(QStringView key) const;

    /// JavaScript's Boolean(value).
    [[nodiscard]] bool isTruthy() const;
    /// lodash's isEmpty(value): true for null, undefined, numbers and booleans, for empty strings,
    /// arrays and objects.
    [[nodiscard]] bool isEmptyLodash() const;
    /// The SDK's present(): not null/undefined and String(value) is not empty.
    [[nodiscard]] bool isPresent() const;
    /// True when this is the string \a text (JavaScript's `value === "text"`).
    [[nodiscard]] bool isString(QStringView text) const { return isString() && stringValue() == text; }

    /// JavaScript's String(value) (also what `${value}` and `"" + value` give).
    [[nodiscard]] QString toJsString() const;
    void appendJsString(QString &out) const;

    /// Array.prototype.join(separator): null and undefined elements become empty text.
    [[nodiscard]] QString join(QStringView separator) const;

    /// Number.prototype.toString() with a fast path for integers.
    [[nodiscard]] static QString numberToString(double value);

private:
    // A plain tagged struct rather than std::variant: GCC 12 reports false "may be used
    // uninitialized" warnings for variants holding QString.
    // Arrays and objects live in one reference-counted block (header, then the elements), so
    // building one from parsed JSON costs a single allocation.
    struct Container;
    void retain();
    void release();

    Type m_type = Type::Undefined;
    bool m_bool = false;
    double m_number = 0;
    QString m_string;
    Container *m_container = nullptr;
};

} // namespace stratus::core
