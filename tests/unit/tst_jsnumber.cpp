// jsNumberToString() must print every double exactly as JavaScript's String(number) does: the
// Node SDK puts numbers into signatures and URLs that way, so one different digit is a wrong
// signature. Expected texts were printed by Node 20 (String(x)).
#include "core/util/jsnumber.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using stratus::core::jsNumberToString;

class TestJsNumber : public QObject
{
    Q_OBJECT

private slots:
    void matchesJavaScript_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");

        QTest::newRow("0.1 + 0.2") << 0.1 + 0.2 << u"0.30000000000000004"_s;
        QTest::newRow("1e21 switches to exponent") << 1e21 << u"1e+21"_s;
        QTest::newRow("1e20 still positional") << 1e20 << u"100000000000000000000"_s;
        QTest::newRow("largest positional") << 999999999999999900000.0 << u"999999999999999900000"_s;
        QTest::newRow("1e-7 switches to exponent") << 1e-7 << u"1e-7"_s;
        QTest::newRow("1.2345e-7") << 1.2345e-7 << u"1.2345e-7"_s;
        QTest::newRow("0.000001 still positional") << 0.000001 << u"0.000001"_s;
        QTest::newRow("-0.000001") << -0.000001 << u"-0.000001"_s;
        QTest::newRow("0.0000012345") << 0.0000012345 << u"0.0000012345"_s;
        QTest::newRow("123456789012345680000") << 123456789012345680000.0 << u"123456789012345680000"_s;
        QTest::newRow("-0 prints as 0") << -0.0 << u"0"_s;
        QTest::newRow("0") << 0.0 << u"0"_s;
        QTest::newRow("smallest subnormal") << 5e-324 << u"5e-324"_s;
        QTest::newRow("largest double") << 1.7976931348623157e308 << u"1.7976931348623157e+308"_s;
        QTest::newRow("-1e-300") << -1e-300 << u"-1e-300"_s;
        QTest::newRow("1e100") << 1e100 << u"1e+100"_s;
        QTest::newRow("1.23e-18") << 123e-20 << u"1.23e-18"_s;
        QTest::newRow("100") << 100.0 << u"100"_s;
        QTest::newRow("1.5") << 1.5 << u"1.5"_s;
        QTest::newRow("-1.5") << -1.5 << u"-1.5"_s;
        QTest::newRow("4.35") << 4.35 << u"4.35"_s;
        QTest::newRow("1/3") << 1.0 / 3.0 << u"0.3333333333333333"_s;
        QTest::newRow("2^53") << 9007199254740992.0 << u"9007199254740992"_s;
        QTest::newRow("2^53 + 2") << 9007199254740994.0 << u"9007199254740994"_s;
        QTest::newRow("unix timestamp") << 1700000000.0 << u"1700000000"_s;
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << u"NaN"_s;
        QTest::newRow("Infinity") << std::numeric_limits<double>::infinity() << u"Infinity"_s;
        QTest::newRow("-Infinity") << -std::numeric_limits<double>::infinity() << u"-Infinity"_s;
    }
    void matchesJavaScript()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(jsNumberToString(value), expected);
    }

    // Whatever is printed must read back as the same double (shortest round trip, not %.17g).
    void roundTrips_data()
    {
        QTest::addColumn<double>("value");
        QTest::newRow("0.1") << 0.1;
        QTest::newRow("2/3") << 2.0 / 3.0;
        QTest::newRow("pi") << M_PI;
        QTest::newRow("tiny") << 4.9406564584124654e-324;
        QTest::newRow("huge") << 1.7976931348623157e308;
        QTest::newRow("negative fraction") << -123.456e-10;
    }
    void roundTrips()
    {
        QFETCH(double, value);
        bool ok = false;
        QCOMPARE(jsNumberToString(value).toDouble(&ok), value);
        QVERIFY(ok);
    }
};

QTEST_GUILESS_MAIN(TestJsNumber)
#include "tst_jsnumber.moc"
