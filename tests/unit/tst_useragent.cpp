// The User-Agent is how Cloudinary attributes our traffic (design.md "Identity", reference §h):
// its shape is fixed, its versions must be the real ones.
#include "core/net/useragent.h"

#include "stratus/version.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
namespace UserAgent = stratus::core::UserAgent;

class TestUserAgent : public QObject
{
    Q_OBJECT

private slots:
    void partnerFormat_data()
    {
        QTest::addColumn<QString>("stratusVersion");
        QTest::addColumn<QString>("qtVersion");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("release") << u"0.1.0"_s << u"6.4.2"_s
                                 << QByteArray("CloudinaryStratus/0.1.0 (Qt 6.4.2) StratusCore/0.1.0");
        QTest::newRow("pre-release")
            << u"1.2.3-beta.1"_s << u"6.7.2"_s
            << QByteArray("CloudinaryStratus/1.2.3-beta.1 (Qt 6.7.2) StratusCore/1.2.3-beta.1");
    }
    void partnerFormat()
    {
        QFETCH(QString, stratusVersion);
        QFETCH(QString, qtVersion);
        QFETCH(QByteArray, expected);
        QCOMPARE(UserAgent::format(stratusVersion, qtVersion), expected);
    }

    void usesThisBuildAndTheRunningQt()
    {
        const QByteArray expected = "CloudinaryStratus/" STRATUS_VERSION_STRING " (Qt "
            + QByteArray(qVersion()) + ") StratusCore/" STRATUS_VERSION_STRING;
        QCOMPARE(UserAgent::value(), expected);
    }

    // The version comes from project(VERSION) and must be SemVer, or the token is useless to
    // Cloudinary's analytics. A header value must also be plain printable ASCII.
    void isAValidHeaderWithASemVer()
    {
        static const QRegularExpression semver(u"^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$"_s);
        QVERIFY2(semver.match(QStringLiteral(STRATUS_VERSION_STRING)).hasMatch(), STRATUS_VERSION_STRING);
        const QByteArray value = UserAgent::value();
        for (const char c : value)
            QVERIFY2(c >= 0x20 && c < 0x7f, value.constData());
        static const QRegularExpression shape(
            u"^CloudinaryStratus/\\S+ \\(Qt \\d+\\.\\d+\\.\\d+\\) StratusCore/\\S+$"_s);
        QVERIFY2(shape.match(QString::fromLatin1(value)).hasMatch(), value.constData());
    }
};

QTEST_GUILESS_MAIN(TestUserAgent)
#include "tst_useragent.moc"
