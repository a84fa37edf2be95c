// core/util/secretmemory: a secret's bytes are zeroed by the last owner that wipes it, and a copy
// another owner still holds is never touched (zeroing a shared buffer would detach and zero a new
// copy, leaving the secret where it was — what fill() did before).
#include "core/util/secretmemory.h"

#include <QTest>

using namespace stratus::core;
using namespace Qt::StringLiterals;

class TestSecretMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void soleOwnerIsZeroedInPlace()
    {
        QString secret = u"s3cr3t-value"_s;
        secret.detach();
        const QChar *before = secret.constData();
        QVERIFY(zeroIfSoleOwner(secret));
        QCOMPARE(secret.constData(), before); // the same buffer, not a copy
        QCOMPARE(secret, QString(12, QChar(0)));

        QByteArray bytes = QByteArrayLiteral("s3cr3t-value");
        bytes.detach();
        const char *data = bytes.constData();
        QVERIFY(zeroIfSoleOwner(bytes));
        QCOMPARE(bytes.constData(), data);
        QCOMPARE(bytes, QByteArray(12, '\0'));
    }

    void sharedBufferIsLeftToItsLastOwner()
    {
        QString first = u"s3cr3t-value"_s;
        first.detach();
        QString second = first; // shares the buffer
        QVERIFY(!zeroIfSoleOwner(first));
        QCOMPARE(second, u"s3cr3t-value"_s);
        wipe(first);
        QVERIFY(first.isEmpty());
        QCOMPARE(second, u"s3cr3t-value"_s); // the other owner still has it…
        const QChar *buffer = second.constData();
        QVERIFY(zeroIfSoleOwner(second)); // …and, now alone, zeroes it where it is
        QCOMPARE(second.constData(), buffer);
        QCOMPARE(second, QString(12, QChar(0)));
    }

    void literalsAreNeverWritten()
    {
        // Static data is read-only memory: writing there would crash.
        QString literal = u"not a heap buffer"_s;
        QVERIFY(!zeroIfSoleOwner(literal));
        wipe(literal);
        QVERIFY(literal.isEmpty());
        QByteArray empty;
        QVERIFY(!zeroIfSoleOwner(empty));
    }
};

QTEST_GUILESS_MAIN(TestSecretMemory)
#include "tst_secretmemory.moc"
