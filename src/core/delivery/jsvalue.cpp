#include "jsvalue.h"

#include "core/util/jsnumber.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <new>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

const JsValue &undefinedValue()
{
    static const JsValue undefined;
    return undefined;
}

// An array index in JavaScript's sense: the canonical decimal form of an integer below 2^32 - 1.
// Such keys are enumerated first, in numeric order, whatever the order they were written in.
bool arrayIndex(QStringView key, quint32 *index)
{
    if (key.isEmpty() || key.size() > 10 || (key.size() > 1 && key.front() == u'0'))
        return false;
    quint64 value = 0;
    for (QChar c : key) {
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + quint64(c.unicode() - u'0');
    }
    if (value >= 0xFFFFFFFFULL)
        return false;
    *index = quint32(value);
    return true;
}

// Removes the members marked in \a repeated (one flag per member from \a from on), keeping order.
template<typename Flags> void removeMarked(JsValue::Object &stack, std::size_t from, const Flags &repeated)
{
    JsValue::Member *members = stack.data() + from;
    const std::size_t count = stack.size() - from;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (repeated[i])
            continue;
        if (kept != i)
            members[kept] = std::move(members[i]);
        ++kept;
    }
    stack.resize(from + kept);
}

// Repeated keys in the members from \a from on: the later value replaces the earlier one in place,
// as an assignment would, and the later member goes. A small object (the usual options object) is
// searched directly, without allocating; a wide one through a hash, so that the work stays linear
// (options objects with tens of thousands of keys reach `url --batch`).
void removeRepeatedKeys(JsValue::Object &stack, std::size_t from)
{
    const std::size_t count = stack.size() - from;
    JsValue::Member *members = stack.data() + from;
    constexpr std::size_t kSmall = 32;
    if (count <= kSmall) {
        bool repeated[kSmall] = {};
        bool any = false;
        for (std::size_t i = 1; i < count; ++i) {
            const QString &key = members[i].first;
            for (std::size_t j = 0; j < i; ++j) {
                if (members[j].first == key) {
                    members[j].second = std::move(members[i].second);
                    repeated[i] = any = true;
                    break;
                }
            }
        }
        if (any)
            removeMarked(stack, from, repeated);
        return;
    }
    // The keys stay where they are until removeMarked(), so the views in the hash stay valid.
    QHash<QStringView, std::size_t> firstOf;
    firstOf.reserve(qsizetype(count));
    std::vector<bool> repeated(count, false);
    bool any = false;
    for (std::size_t i = 0; i < count; ++i) {
        const QStringView key = members[i].first;
        if (const auto found = firstOf.constFind(key); found != firstOf.cend()) {
            members[found.value()].second = std::move(members[i].second);
            repeated[i] = any = true;
        } else {
            firstOf.insert(key, i);
        }
    }
    if (any)
        removeMarked(stack, from, repeated);
}

} // namespace

struct JsValue::Container
{
    std::atomic<int> references {1};
    std::size_t size = 0;

    template<typename T> static constexpr std::size_t offset()
    {
        return (sizeof(Container) + alignof(T) - 1) / alignof(T) * alignof(T);
    }
    template<typename T> T *items()
    {
        return reinterpret_cast<T *>(reinterpret_cast<char *>(this) + offset<T>());
    }

    // Moves [first, last) into a new container.
    template<typename T> static Container *create(T *first, T *last)
    {
        static_assert(std::max(alignof(Container), alignof(T)) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
        const std::size_t count = std::size_t(last - first);
        void *memory = ::operator new(offset<T>() + count * sizeof(T));
        auto *container = new (memory) Container;
        container->size = count;
        T *items = container->items<T>();
        for (std::size_t i = 0; i < count; ++i)
            new (items + i) T(std::move(first[i]));
        return container;
    }

    template<typename T> void destroy()
    {
        T *all = items<T>();
        for (std::size_t i = 0; i < size; ++i)
            all[i].~T();
        this->~Container();
        ::operator delete(this);
    }
};

void JsValue::retain()
{
    m_container->references.fetch_add(1, std::memory_order_relaxed);
}

void JsValue::release()
{
    if (m_container->references.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        if (m_type == Type::Array)
            m_container->destroy<JsValue>();
        else
            m_container->destroy<Member>();
    }
    m_container = nullptr;
}

JsValue JsValue::null()
{
    JsValue v;
    v.m_type = Type::Null;
    return v;
}

JsValue JsValue::boolean(bool value)
{
    JsValue v;
    v.m_type = Type::Bool;
    v.m_bool = value;
    return v;
}

JsValue JsValue::number(double value)
{
    JsValue v;
    v.m_type = Type::Number;
    v.m_number = value;
    return v;
}

JsValue JsValue::string(QString value)
{
    JsValue v;
    v.m_type = Type::String;
    v.m_string = std::move(value);
    return v;
}

JsValue JsValue::array(Array elements)
{
    return takeArray(elements, 0);
}

JsValue JsValue::takeArray(Array &stack, std::size_t from)
{
    JsValue v;
    v.m_type = Type::Array;
    v.m_container = Container::create(stack.data() + from, stack.data() + stack.size());
    stack.resize(from);
    return v;
}

JsValue JsValue::object(Object members)
{
    return takeObject(members, 0);
}

JsValue JsValue::takeObject(Object &stack, std::size_t from)
{
    removeRepeatedKeys(stack, from);
    const auto first = stack.begin() + std::ptrdiff_t(from);
    quint32 index = 0;
    auto isIndex = [&index](const Member &m) {
        return arrayIndex(m.first, &index);
    };
    if (std::any_of(first, stack.end(), isIndex)) {
        const auto firstOther = std::stable_partition(first, stack.end(), isIndex);
        std::sort(first, firstOther, [](const Member &a, const Member &b) {
            quint32 ia = 0, ib = 0;
            arrayIndex(a.first, &ia);
            arrayIndex(b.first, &ib);
            return ia < ib;
        });
    }
    JsValue v;
    v.m_type = Type::Object;
    v.m_container = Container::create(stack.data() + from, stack.data() + stack.size());
    stack.resize(from);
    return v;
}

JsValue JsValue::fromJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return null();
    case QJsonValue::Bool:
        return boolean(value.toBool());
    case QJsonValue::Double:
        return number(value.toDouble());
    case QJsonValue::String:
        return string(value.toString());
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        Array elements;
        elements.reserve(std::size_t(array.size()));
        for (const QJsonValue &element : array)
            elements.push_back(fromJson(element));
        return JsValue::array(std::move(elements));
    }
    case QJsonValue::Object:
        return fromJson(value.toObject());
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

JsValue JsValue::fromJson(const QJsonObject &object)
{
    Object members;
    members.reserve(std::size_t(object.size()));
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        members.emplace_back(it.key(), fromJson(it.value()));
    return JsValue::object(std::move(members));
}

std::span<const JsValue> JsValue::elements() const
{
    if (m_type != Type::Array)
        return {};
    return {m_container->items<JsValue>(), m_container->size};
}

std::span<const JsValue::Member> JsValue::members() const
{
    if (m_type != Type::Object)
        return {};
    return {m_container->items<Member>(), m_container->size};
}

const JsValue &JsValue::member(QStringView key) const
{
    for (const Member &m : members()) {
        if (m.first == key)
            return m.second;
    }
    return undefinedValue();
}

bool JsValue::hasMember(QStringView key) const
{
    const auto all = members();
    return std::any_of(all.begin(), all.end(), [&](const Member &m) { return m.first == key; });
}

bool JsValue::isTruthy() const
{
    switch (type()) {
    case Type::Undefined:
    case Type::Null:
        return false;
    case Type::Bool:
        return m_bool;
    case Type::Number:
        return m_number != 0 && !std::isnan(m_number);
    case Type::String:
        return !stringValue().isEmpty();
    case Type::Array:
    case Type::Object:
        return true;
    }
    return false;
}

bool JsValue::isEmptyLodash() const
{
    switch (type()) {
    case Type::String:
        return stringValue().isEmpty();
    case Type::Array:
        return elements().empty();
    case Type::Object:
        return members().empty();
    default:
        return true;
    }
}

bool JsValue::isPresent() const
{
    switch (type()) {
    case Type::Undefined:
    case Type::Null:
        return false;
    case Type::String:
        return !stringValue().isEmpty();
    case Type::Array:
        return !toJsString().isEmpty();
    default:
        return true;
    }
}

QString JsValue::numberToString(double value)
{
    // Most numbers in options are small integers; skip the general shortest-round-trip algorithm.
    if (value >= -1e15 && value <= 1e15 && value == std::trunc(value) && value != 0) {
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, qint64(value)).ptr;
        const qsizetype length = qsizetype(end - buffer);
        QString text(length, Qt::Uninitialized);
        QChar *to = text.data();
        for (qsizetype i = 0; i < length; ++i)
            to[i] = QLatin1Char(buffer[i]);
        return text;
    }
    return jsNumberToString(value);
}

void JsValue::appendJsString(QString &out) const
{
    switch (type()) {
    case Type::Undefined:
        out += u"undefined"_s;
        break;
    case Type::Null:
        out += u"null"_s;
        break;
    case Type::Bool:
        out += m_bool ? u"true"_s : u"false"_s;
        break;
    case Type::Number:
        out += numberToString(m_number);
        break;
    case Type::String:
        out += stringValue();
        break;
    case Type::Array: {
        bool first = true;
        for (const JsValue &element : elements()) {
            if (!first)
                out += u',';
            first = false;
            if (!element.isNullish())
                element.appendJsString(out);
        }
        break;
    }
    case Type::Object:
        out += u"[object Object]"_s;
        break;
    }
}

QString JsValue::toJsString() const
{
    switch (m_type) {
    case Type::String:
        return m_string;
    case Type::Number:
        return numberToString(m_number);
    case Type::Bool:
        return m_bool ? u"true"_s : u"false"_s;
    case Type::Null:
        return u"null"_s;
    case Type::Undefined:
        return u"undefined"_s;
    default:
        break;
    }
    QString out;
    appendJsString(out);
    return out;
}

QString JsValue::join(QStringView separator) const
{
    QString out;
    bool first = true;
    for (const JsValue &element : elements()) {
        if (!first)
            out += separator;
        first = false;
        if (!element.isNullish())
            element.appendJsString(out);
    }
    return out;
}

} // namespace stratus::core
