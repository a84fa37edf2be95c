// Crash safety of stratus-sandbox's store, from the outside: the real executable is SIGKILLed in
// the middle of concurrent uploads and of a chunked upload, then restarted on the same --data
// directory. Whatever it answered 200 for must still be there, whole (Admin API details, etag ==
// MD5 of what was sent, delivered bytes); nothing it did not acknowledge may appear half-written;
// the SQLite store opens and passes its integrity check; no stray file is left in the store.
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

const QString kCloud = u"crashcloud"_s;
const QString kApiKey = u"519837461920374"_s;
const QString kApiSecret = u"crash-test-secret_Xy12Zq"_s;

// What the test sent under one public id.
struct Sent
{
    QByteArray md5;
    qint64 size = 0;
};

QByteArray md5Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; i += 4) {
        const quint32 word = random.generate();
        for (qsizetype b = 0; b < 4 && i + b < size; ++b)
            data[i + b] = char(word >> (8 * b));
    }
    return data;
}

// One stratus-sandbox process serving kCloud from a data directory, on a free port.
class SandboxProcess
{
public:
    ~SandboxProcess() { stop(); }

    bool start(const QString &dataDirectory, QString *error)
    {
        m_process.setProgram(QStringLiteral(STRATUS_SANDBOX_PATH));
        m_process.setArguments({u"--port"_s, u"0"_s, u"--data"_s, dataDirectory, u"--environment"_s,
                                u"cloudinary://%1:%2@%3?folder_mode=fixed&admin_rate_limit=1000000"_s.arg(
                                    kApiKey, kApiSecret, kCloud)});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            *error = u"cannot start %1: %2"_s.arg(m_process.program(), m_process.errorString());
            return false;
        }
        // A loaded machine may take a while to open the store; 60 s is generous.
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 60000) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(500)) {
                if (m_process.state() != QProcess::Running)
                    break;
                continue;
            }
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line.startsWith(u"listening on "_s)) {
                m_base = QUrl(line.mid(13));
                return m_base.isValid();
            }
        }
        *error = u"the sandbox did not start (exit %1); stderr: %2"_s.arg(m_process.exitCode())
                     .arg(QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }

    /// SIGKILL, without waiting: callable from a reply's finished handler.
    void kill() { m_process.kill(); }

    bool waitDead() { return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(15000); }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    [[nodiscard]] QUrl url(const QString &path, const QUrlQuery &query = {}) const
    {
        QUrl url = m_base;
        url.setPath(path);
        url.setQuery(query);
        return url;
    }

private:
    QProcess m_process;
    QUrl m_base;
};

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
};

Answer answerOf(QNetworkReply *reply)
{
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.error = reply->error();
    answer.body = reply->readAll();
    answer.json = QJsonDocument::fromJson(answer.body).object();
    return answer;
}

} // namespace

class TestSandboxCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acknowledgedUploadsSurviveKills();
    void chunkedUploadResumesAfterKill_data();
    void chunkedUploadResumesAfterKill();
    void orphanFilesAreRemovedAtOpen_data();
    void orphanFilesAreRemovedAtOpen();

private:
    QNetworkReply *postUpload(const QString &publicId, const QByteArray &data,
                              const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    Answer wait(QNetworkReply *reply, int timeoutMs = 120000);
    Answer get(const QUrl &url, bool admin);
    /// Everything the store holds, checked against what was acknowledged and what was attempted.
    void verifyStore(const QString &dataDirectory, const QHash<QString, Sent> &acknowledged,
                     const QHash<QString, Sent> &attempted);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    SandboxProcess m_sandbox;
};

void TestSandboxCrash::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(STRATUS_SANDBOX_PATH)).isExecutable(),
             "stratus-sandbox is not built (" STRATUS_SANDBOX_PATH ")");
    QVERIFY(m_dir.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);
}

QNetworkReply *TestSandboxCrash::postUpload(const QString &publicId, const QByteArray &data,
                                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    // Signed as the SDKs sign: public_id and timestamp, sorted, secret appended, SHA-1.
    const QString timestamp = QString::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray toSign = u"public_id=%1&timestamp=%2%3"_s.arg(publicId, timestamp, kApiSecret).toUtf8();
    const QByteArray signature = QCryptographicHash::hash(toSign, QCryptographicHash::Sha1).toHex();

    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    auto field = [multipart](const QByteArray &name, const QByteArray &value) {
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QByteArray("form-data; name=\"" + name + '"'));
        part.setBody(value);
        multipart->append(part);
    };
    field("public_id", publicId.toUtf8());
    field("timestamp", timestamp.toUtf8());
    field("api_key", kApiKey.toUtf8());
    field("signature", signature);
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArray("form-data; name=\"file\"; filename=\"upload.bin\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    file.setBody(data);
    multipart->append(file);

    QNetworkRequest request(m_sandbox.url(u"/v1_1/%1/raw/upload"_s.arg(kCloud)));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, multipart);
    multipart->setParent(reply);
    return reply;
}

Answer TestSandboxCrash::wait(QNetworkReply *reply, int timeoutMs)
{
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(timeoutMs))
            reply->abort();
    }
    const Answer answer = answerOf(reply);
    reply->deleteLater();
    return answer;
}

Answer TestSandboxCrash::get(const QUrl &url, bool admin)
{
    QNetworkRequest request(url);
    if (admin)
        request.setRawHeader("Authorization", "Basic " + (kApiKey + u':' + kApiSecret).toUtf8().toBase64());
    return wait(m_network.get(request));
}

void TestSandboxCrash::verifyStore(const QString &dataDirectory, const QHash<QString, Sent> &acknowledged,
                                   const QHash<QString, Sent> &attempted)
{
    // Every asset listed, page by page.
    QHash<QString, QJsonObject> listed;
    QString cursor;
    do {
        QUrlQuery query {{u"max_results"_s, u"100"_s}};
        if (!cursor.isEmpty())
            query.addQueryItem(u"next_cursor"_s, cursor);
        const Answer page = get(m_sandbox.url(u"/v1_1/%1/resources/raw/upload"_s.arg(kCloud), query), true);
        QCOMPARE(page.status, 200);
        for (const QJsonValue &value : page.json.value(u"resources"_s).toArray())
            listed.insert(value[u"public_id"_s].toString(), value.toObject());
        cursor = page.json.value(u"next_cursor"_s).toString();
    } while (!cursor.isEmpty());

    // What it acknowledged is there, with the bytes that were sent.
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
        const Answer details
            = get(m_sandbox.url(u"/v1_1/%1/resources/raw/upload/%2"_s.arg(kCloud, it.key())), true);
        QVERIFY2(details.status == 200,
                 qPrintable(u"acknowledged %1 is gone: %2 %3"_s.arg(it.key())
                                .arg(details.status)
                                .arg(QString::fromUtf8(details.body))));
        QCOMPARE(details.json.value(u"etag"_s).toString().toLatin1(), it->md5);
        QCOMPARE(qint64(details.json.value(u"bytes"_s).toDouble()), it->size);
        QVERIFY2(listed.contains(it.key()), qPrintable(u"acknowledged %1 is not listed"_s.arg(it.key())));
    }

    // Whatever is listed is one of ours and whole, acknowledged or not.
    for (auto it = listed.cbegin(); it != listed.cend(); ++it) {
        QVERIFY2(attempted.contains(it.key()), qPrintable(u"unknown asset %1 in the store"_s.arg(it.key())));
        const Sent sent = attempted.value(it.key());
        QCOMPARE(it->value(u"etag"_s).toString().toLatin1(), sent.md5);
        QCOMPARE(qint64(it->value(u"bytes"_s).toDouble()), sent.size);
        const Answer delivered = get(m_sandbox.url(u"/%1/raw/upload/%2"_s.arg(kCloud, it.key())), false);
        QCOMPARE(delivered.status, 200);
        QVERIFY2(md5Hex(delivered.body) == sent.md5,
                 qPrintable(u"%1: the stored file is not what was sent (%2 of %3 bytes)"_s.arg(it.key())
                                .arg(delivered.body.size())
                                .arg(sent.size)));
    }

    const Answer health = get(m_sandbox.url(u"/_sandbox/health"_s), false);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(u"environments"_s).toArray().first()[u"assets"_s].toInt(), listed.size());

    // No stray originals beside the committed ones, nothing left in staging.
    const QStringList files = QDir(dataDirectory + u"/files/"_s + kCloud).entryList(QDir::Files);
    QVERIFY2(files.size() == listed.size(),
             qPrintable(u"%1 files in the store for %2 assets"_s.arg(files.size()).arg(listed.size())));
    QVERIFY2(QDir(dataDirectory + u"/staging"_s).entryList(QDir::Files).isEmpty(), "staging is not empty");
}

void TestSandboxCrash::acknowledgedUploadsSurviveKills()
{
    const QString data = m_dir.filePath(u"concurrent"_s);
    // Kill after the 1st, 5th, 11th and 17th acknowledged upload of 24 in flight.
    const QList<int> killAfter = {1, 5, 11, 17};
    constexpr int kUploads = 24;
    QHash<QString, Sent> acknowledged;
    QHash<QString, Sent> attempted;
    QStringList problems;

    for (qsizetype round = 0; round < killAfter.size(); ++round) {
        QString error;
        QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
        if (round > 0) {
            verifyStore(data, acknowledged, attempted);
            if (QTest::currentTestFailed())
                return;
        }

        QRandomGenerator random(quint32(1000 + round));
        int finished = 0;
        int ok = 0;
        bool killed = false;
        for (int i = 0; i < kUploads; ++i) {
            const QString publicId = u"round%1/asset%2.bin"_s.arg(round).arg(i, 2, 10, QChar(u'0'));
            const QByteArray bytes = randomBytes(random, 16 * 1024 + random.bounded(3 * 1024 * 1024));
            const Sent sent {md5Hex(bytes), bytes.size()};
            attempted.insert(publicId, sent);
            QNetworkReply *reply = postUpload(publicId, bytes);
            connect(reply, &QNetworkReply::finished, this, [&, reply, publicId, sent, round] {
                ++finished;
                const Answer answer = answerOf(reply);
                reply->deleteLater();
                if (answer.status != 200)
                    return;
                if (answer.json.value(u"etag"_s).toString().toLatin1() != sent.md5
                    || qint64(answer.json.value(u"bytes"_s).toDouble()) != sent.size)
                    problems.append(u"%1 answered 200 with etag %2, bytes %3"_s.arg(
                        publicId, answer.json.value(u"etag"_s).toString(),
                        QString::number(answer.json.value(u"bytes"_s).toDouble())));
                acknowledged.insert(publicId, sent);
                if (++ok == killAfter.at(round) && !killed) {
                    killed = true;
                    m_sandbox.kill();
                }
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(finished == kUploads, 300000);
        QVERIFY2(killed, qPrintable(u"round %1: only %2 uploads succeeded"_s.arg(round).arg(ok)));
        QVERIFY(m_sandbox.waitDead());
        // Replies already on their way still arrive after the kill; when all of them did, this
        // round tested nothing in flight (a very slow client), which is worth a word, not a failure.
        if (ok == kUploads)
            qWarning("round %lld: every upload was answered before the kill took effect", round);
        qInfo("round %lld: %d of %d acknowledged before the kill; %d acknowledged in all", round, ok,
              kUploads, int(acknowledged.size()));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    QString error;
    QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
    verifyStore(data, acknowledged, attempted);
    if (QTest::currentTestFailed())
        return;
    m_sandbox.stop();

    // The store itself, read directly once the sandbox is down.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crash-check"_s);
        db.setDatabaseName(data + u"/sandbox.sqlite"_s);
        QVERIFY2(db.open(), "the sandbox database does not open");
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM assets WHERE cloud = '%1'"_s.arg(kCloud)) && query.next());
        QVERIFY2(query.value(0).toInt() >= acknowledged.size(),
                 qPrintable(u"%1 rows for %2 acknowledged uploads"_s.arg(query.value(0).toInt())
                                .arg(acknowledged.size())));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"crash-check"_s);
}

void TestSandboxCrash::chunkedUploadResumesAfterKill_data()
{
    QTest::addColumn<bool>("killMidChunk");
    QTest::newRow("killed while the third chunk is on its way") << true;
    QTest::newRow("killed after the second chunk was acknowledged") << false;
}

void TestSandboxCrash::chunkedUploadResumesAfterKill()
{
    QFETCH(bool, killMidChunk);
    const QString data = m_dir.filePath(killMidChunk ? u"chunked-mid"_s : u"chunked-between"_s);
    const QString publicId = killMidChunk ? u"chunked/mid.bin"_s : u"chunked/between.bin"_s;
    constexpr qsizetype kChunk = 5 * 1024 * 1024;
    QRandomGenerator random(killMidChunk ? 7u : 8u);
    const QByteArray whole = randomBytes(random, 4 * kChunk + 777);
    const QByteArray uploadId = QByteArray::number(random.generate64(), 16);
    const int chunks = int((whole.size() + kChunk - 1) / kChunk);

    // Each chunk as the Node SDK sends it: -1 as the total until the last one.
    auto sendChunk = [&](int index) {
        const qsizetype first = index * kChunk;
        const qsizetype last = qMin(whole.size(), first + kChunk) - 1;
        const QByteArray total = index == chunks - 1 ? QByteArray::number(whole.size()) : QByteArray("-1");
        return postUpload(
            publicId, whole.mid(first, last - first + 1),
            {{"X-Unique-Upload-Id", uploadId},
             {"Content-Range",
              "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' + total}});
    };

    QString error;
    QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
    for (int index = 0; index < 2; ++index) {
        const Answer answer = wait(sendChunk(index));
        QVERIFY2(answer.status == 200, answer.body.constData());
        QCOMPARE(answer.json.value(u"done"_s).toBool(true), false);
        QCOMPARE(qint64(answer.json.value(u"bytes"_s).toDouble()), qint64(index + 1) * kChunk);
    }

    int resumeFrom = 1; // the last acknowledged chunk, sent again
    if (killMidChunk) {
        QNetworkReply *reply = sendChunk(2);
        bool killed = false;
        connect(reply, &QNetworkReply::uploadProgress, this, [this, &killed](qint64 sent, qint64) {
            if (sent >= kChunk / 2 && !killed) {
                killed = true;
                m_sandbox.kill();
            }
        });
        const Answer answer = wait(reply);
        QVERIFY2(answer.status != 200, "the third chunk was acknowledged before the kill");
        resumeFrom = 2;
    } else {
        m_sandbox.kill();
    }
    QVERIFY(m_sandbox.waitDead());

    QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
    QCOMPARE(get(m_sandbox.url(u"/v1_1/%1/resources/raw/upload/%2"_s.arg(kCloud, publicId)), true).status,
             404);

    Answer last;
    for (int index = resumeFrom; index < chunks; ++index) {
        last = wait(sendChunk(index));
        QVERIFY2(
            last.status == 200,
            qPrintable(u"chunk %1: %2 %3"_s.arg(index).arg(last.status).arg(QString::fromUtf8(last.body))));
    }
    QCOMPARE(last.json.value(u"public_id"_s).toString(), publicId);
    QCOMPARE(last.json.value(u"etag"_s).toString().toLatin1(), md5Hex(whole));
    QCOMPARE(qint64(last.json.value(u"bytes"_s).toDouble()), qint64(whole.size()));

    const QHash<QString, Sent> sent {{publicId, Sent {md5Hex(whole), whole.size()}}};
    verifyStore(data, sent, sent);
    m_sandbox.stop();
}

void TestSandboxCrash::orphanFilesAreRemovedAtOpen_data()
{
    // A kill between moving an original into the store and committing its row leaves a file no
    // row names; the next open must remove it, also in an environment that has no asset yet.
    QTest::addColumn<bool>("withAsset");
    QTest::newRow("environment with an asset") << true;
    QTest::newRow("environment without assets") << false;
}

void TestSandboxCrash::orphanFilesAreRemovedAtOpen()
{
    QFETCH(bool, withAsset);
    const QString data = m_dir.filePath(withAsset ? u"orphans-with"_s : u"orphans-without"_s);
    QHash<QString, Sent> sent;
    QString error;
    QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
    if (withAsset) {
        const QByteArray bytes("kept original");
        const Answer answer = wait(postUpload(u"kept.bin"_s, bytes));
        QCOMPARE(answer.status, 200);
        sent.insert(u"kept.bin"_s, Sent {md5Hex(bytes), bytes.size()});
    }
    m_sandbox.kill();
    QVERIFY(m_sandbox.waitDead());

    const QString files = data + u"/files/"_s + kCloud;
    QVERIFY(QDir().mkpath(files));
    QFile stray(files + u"/0123456789abcdef0123456789abcdef-1700000000"_s);
    QVERIFY(stray.open(QIODevice::WriteOnly));
    stray.write("an original whose row never committed");
    stray.close();
    QFile staged(data + u"/staging/0123456789abcdef"_s);
    QVERIFY(staged.open(QIODevice::WriteOnly));
    staged.write("half an upload");
    staged.close();

    QVERIFY2(m_sandbox.start(data, &error), qPrintable(error));
    QVERIFY2(!stray.exists(), "the orphaned original is still in the store");
    verifyStore(data, sent, sent);
    m_sandbox.stop();
}

QTEST_GUILESS_MAIN(TestSandboxCrash)
#include "tst_sandboxcrash.moc"
