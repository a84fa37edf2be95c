// lowerTcpDelay(): Nagle's algorithm off on the process's TCP sockets, which QNetworkAccessManager
// does not hand out (see core/net/lowdelay.h for why uploads need it).

#include "core/net/lowdelay.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace stratus::core;

class TestLowDelay : public QObject
{
    Q_OBJECT

private slots:
    void connectedSocketsGetNoDelay()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(10000));
        QTRY_VERIFY(server.hasPendingConnections());
        QTcpSocket *accepted = server.nextPendingConnection();
        QVERIFY(accepted);

        // Qt leaves Nagle on unless asked; this is what the HTTP client's sockets look like.
        QCOMPARE(client.socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
        QCOMPARE(accepted->socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);

        lowerTcpDelay();

        QCOMPARE(client.socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
        QCOMPARE(accepted->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);

        // Still a working connection in both directions.
        QCOMPARE(client.write("ping"), qint64(4));
        QTRY_COMPARE(accepted->bytesAvailable(), qint64(4));
        QCOMPARE(accepted->readAll(), QByteArray("ping"));
    }

    void otherSocketsAreLeftAlone()
    {
        // A local (Unix) socket, like D-Bus's, is not TCP: nothing to change, nothing broken.
        QLocalServer server;
        const QString name = QStringLiteral("stratus-lowdelay-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(server.listen(name));
        QLocalSocket client;
        client.connectToServer(name);
        QVERIFY(client.waitForConnected(10000));
        lowerTcpDelay();
        QTRY_VERIFY(server.hasPendingConnections());
        QLocalSocket *accepted = server.nextPendingConnection();
        QCOMPARE(client.write("pong"), qint64(4));
        QVERIFY(client.waitForBytesWritten(10000));
        QTRY_COMPARE(accepted->bytesAvailable(), qint64(4));
    }
};

QTEST_GUILESS_MAIN(TestLowDelay)
#include "tst_lowdelay.moc"
