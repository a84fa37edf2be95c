// JsValue objects keep JavaScript's property order however many keys they have: array-index keys
// first in numeric order, then the others in the order written; a repeated key keeps its first
// place and takes its last value (JSON.parse). Wide objects reach the CLI through `url --batch`.
#include "core/delivery/jsvalue.h"

#include <QHash>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using stratus::core::JsValue;

namespace {

struct Expected
{
    QStringList keys;
    QHash<QString, double> values;
};

// The members as written, and what JavaScript makes of them, computed the plain way.
struct WideObject
{
    JsValue::Object members;
    QString json;
    Expected expected;
};

// `count` members: mostly names, every 7th an array index (written in falling order), every 5th
// repeating an earlier name with a new value, and keys that only look like indexes ("01", "-1",
// "4294967295" is one past the largest index).
WideObject wideObject(int count)
{
    WideObject w;
    QList<QString> firstSeen;
    QHash<QString, double> last;
    w.json = u"{"_s;
    for (int i = 0; i < count; ++i) {
        QString key;
        if (i % 5 == 4)
            key = w.members[std::size_t(i / 2)].first; // a repeat
        else if (i % 7 == 0)
            key = QString::number(count - i);
        else if (i == 1)
            key = u"01"_s;
        else if (i == 2)
            key = u"4294967295"_s;
        else if (i == 3)
            key = u"-1"_s;
        else
            key = u"key%1"_s.arg(i);
        const double value = i;
        w.members.emplace_back(key, JsValue::number(value));
        if (!last.contains(key))
            firstSeen.append(key);
        last.insert(key, value);
        if (i > 0)
            w.json += u',';
        w.json += u'"' + key + u"\":"_s + QString::number(i);
    }
    w.json += u'}';

    auto isIndex = [](const QString &key, quint64 *index) {
        bool ok = false;
        *index = key.toULongLong(&ok);
        return ok && key == QString::number(*index) && *index < 0xFFFFFFFFULL;
    };
    QList<QPair<quint64, QString>> indexes;
    QStringList names;
    for (const QString &key : std::as_const(firstSeen)) {
        quint64 index = 0;
        if (isIndex(key, &index))
            indexes.append({index, key});
        else
            names.append(key);
    }
    std::sort(indexes.begin(), indexes.end());
    for (const auto &index : std::as_const(indexes))
        w.expected.keys.append(index.second);
    w.expected.keys += names;
    w.expected.values = last;
    return w;
}

void compareMembers(const JsValue &object, const Expected &expected)
{
    QVERIFY(object.isObject());
    QCOMPARE(qsizetype(object.members().size()), expected.keys.size());
    qsizetype i = 0;
    for (const JsValue::Member &member : object.members()) {
        QCOMPARE(member.first, expected.keys.at(i));
        QCOMPARE(member.second.numberValue(), expected.values.value(member.first));
        ++i;
    }
}

} // namespace

class TestJsValue : public QObject
{
    Q_OBJECT

private slots:
    void wideObjectsKeepJavaScriptOrder_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("8 keys") << 8;
        QTest::newRow("40 keys") << 40;
        QTest::newRow("80,000 keys") << 80000;
    }
    void wideObjectsKeepJavaScriptOrder()
    {
        QFETCH(int, count);
        WideObject w = wideObject(count);

        const auto parsed = JsValue::parseJson(w.json);
        QVERIFY(parsed.ok());
        compareMembers(parsed.value(), w.expected);
        compareMembers(JsValue::object(std::move(w.members)), w.expected);
        // Lookups see the last value of a repeated key.
        QCOMPARE(parsed->member(w.expected.keys.constLast()).numberValue(),
                 w.expected.values.value(w.expected.keys.constLast()));
    }

    void oneKeyRepeatedKeepsTheLastValue()
    {
        QString json = u"{"_s;
        for (int i = 0; i < 80000; ++i)
            json += u"\"same\":%1,"_s.arg(i);
        json += u"\"other\":true}"_s;
        const auto parsed = JsValue::parseJson(json);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->members().size(), std::size_t(2));
        QCOMPARE(parsed->members()[0].first, u"same"_s);
        QCOMPARE(parsed->members()[0].second.numberValue(), 79999.0);
        QCOMPARE(parsed->members()[1].first, u"other"_s);
    }

    void nestedObjectsAreIndependent()
    {
        // The parser collects the members of every level on one stack: a repeat in an inner object
        // must not reach the outer one.
        const auto parsed = JsValue::parseJson(u"{\"a\":1,\"in\":{\"a\":2,\"a\":3,\"1\":0},\"a\":4}"_s);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->members().size(), std::size_t(2));
        QCOMPARE(parsed->member(u"a").numberValue(), 4.0);
        const JsValue &inner = parsed->member(u"in");
        QCOMPARE(inner.members().size(), std::size_t(2));
        QCOMPARE(inner.members()[0].first, u"1"_s);
        QCOMPARE(inner.member(u"a").numberValue(), 3.0);
    }
};

QTEST_GUILESS_MAIN(TestJsValue)
#include "tst_jsvalue.moc"
