// The Upload API client (reference §b, §d): signed actions sign exactly what they send, with a
// fresh timestamp per attempt; uploads stream a multipart body from disk; chunked uploads send one
// X-Unique-Upload-Id, inclusive Content-Range with the real total, sequentially, and resume from
// an offset. Checked against the fake QNAM in fakenetwork.h; signatures against the Node SDK's.
#include "apifixture.h"

#include "core/api/uploadapi.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;
using namespace stratus::test;

using MakeJob = std::function<Job *(const ApiContext &, QObject *)>;
Q_DECLARE_METATYPE(MakeJob)
Q_DECLARE_METATYPE(stratus::core::Error::Kind)

class TestUploadClient : public QObject
{
    Q_OBJECT

private slots:
    void signedActions_data()
    {
        QTest::addColumn<MakeJob>("make");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("items"); // without api_key, timestamp, signature
        QTest::addColumn<QString>("signature"); // when known from the Node SDK
        const auto upload = [](auto f) {
            return MakeJob([f](const ApiContext &c, QObject *p) -> Job * { return f(UploadApi(c), p); });
        };
        QTest::newRow("destroy") << upload([](const UploadApi &u, QObject *p) {
            return u.destroy(AssetRef {u"sample"_s, u"image"_s, u"upload"_s}, p, true);
        }) << u"/v1_1/demo/image/destroy"_s
                                 << QStringList {u"invalidate=1"_s, u"public_id=sample"_s, u"type=upload"_s}
                                 << QString();
        QTest::newRow("rename") << upload([](const UploadApi &u, QObject *p) {
            RenameOptions options;
            options.overwrite = true;
            options.toType = u"private"_s;
            return u.rename(AssetRef {u"a/old"_s, u"video"_s, u"upload"_s}, u"a/new"_s, options, p);
        }) << u"/v1_1/demo/video/rename"_s
                                << QStringList {u"from_public_id=a/old"_s, u"overwrite=1"_s,
                                                u"to_public_id=a/new"_s, u"to_type=private"_s,
                                                u"type=upload"_s}
                                << QString();
        // Reference §b example 6, signed by the Node SDK.
        QTest::newRow("tags add") << upload([](const UploadApi &u, QObject *p) {
            return u.tags(TagCommand::Add, {u"summer"_s}, {u"a"_s, u"b/c"_s, u"d"_s}, p);
        }) << u"/v1_1/demo/image/tags"_s
                                  << QStringList {u"command=add"_s, u"public_ids[]=a"_s,
                                                  u"public_ids[]=b/c"_s, u"public_ids[]=d"_s, u"tag=summer"_s}
                                  << u"ddf13de29176f3adf6e9a1219691d4217f941149"_s;
        QTest::newRow("tags remove_all")
            << upload([](const UploadApi &u, QObject *p) {
                   return u.tags(TagCommand::RemoveAll, {u"ignored"_s}, {u"a"_s}, p, u"raw"_s, u"private"_s);
               })
            << u"/v1_1/demo/raw/tags"_s
            << QStringList {u"command=remove_all"_s, u"public_ids[]=a"_s, u"type=private"_s} << QString();
        QTest::newRow("context") << upload([](const UploadApi &u, QObject *p) {
            return u.context(ContextCommand::Add, {{u"caption"_s, u"a|b"_s}}, {u"x"_s}, p);
        }) << u"/v1_1/demo/image/context"_s
                                 << QStringList {u"command=add"_s, u"context=caption=a\\|b"_s,
                                                 u"public_ids[]=x"_s}
                                 << QString();
        QTest::newRow("explicit") << upload([](const UploadApi &u, QObject *p) {
            ExplicitOptions options;
            options.tags = QStringList {u"t1"_s, u"t2"_s};
            options.assetFolder = u"moved"_s;
            return u.explicitUpdate(AssetRef {u"s"_s, u"image"_s, u"upload"_s}, options, p);
        }) << u"/v1_1/demo/image/explicit"_s
                                  << QStringList {u"asset_folder=moved"_s, u"public_id=s"_s, u"tags=t1,t2"_s,
                                                  u"type=upload"_s}
                                  << QString();
    }
    void signedActions()
    {
        QFETCH(MakeJob, make);
        QFETCH(QString, path);
        QFETCH(QStringList, items);
        QFETCH(QString, signature);
        Fixture f;
        std::unique_ptr<Job> job(make(f.context, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY2(!job->error(), qPrintable(errorText(*job)));
        const RecordedRequest &request = f.network.requests.first();
        QCOMPARE(request.verb, QByteArray("POST"));
        QCOMPARE(request.path(), path);
        QVERIFY(request.header("Authorization").isEmpty());
        const QStringList sent = request.formItems();
        QCOMPARE(itemValue(sent, u"api_key"_s), u"1234"_s);
        QCOMPARE(itemValue(sent, u"timestamp"_s), QString::number(kNow));
        QStringList rest;
        for (const QString &item : sent) {
            if (!item.startsWith(u"api_key=") && !item.startsWith(u"timestamp=")
                && !item.startsWith(u"signature="))
                rest.append(item);
        }
        QCOMPARE(sorted(rest), items);
        // What is signed is exactly what is sent.
        QCOMPARE(itemValue(sent, u"signature"_s), ApiSigner().sign(signedParams(sent), u"b"));
        if (!signature.isEmpty())
            QCOMPARE(itemValue(sent, u"signature"_s), signature);
        QVERIFY(f.budget.isKnown() == false); // the Upload API does not touch the Admin budget
    }

    void signatureIsFreshForEveryAttempt()
    {
        Fixture f;
        f.network.enqueue(FakeResponse::cloudinaryError(500, "again"));
        std::unique_ptr<ApiCall<ApiMessage>> job(UploadApi(f.context).destroy(AssetRef {u"x"_s}, nullptr));
        // Time passes between the attempts.
        connect(job.get(), &NetworkJob::retryScheduled, this, [&f] { f.clock.advanceSeconds(7); });
        QVERIFY(runToEnd(job.get()));
        QCOMPARE(f.network.requests.size(), 2);
        QCOMPARE(itemValue(f.network.requests[1].formItems(), u"timestamp"_s), QString::number(kNow + 7));
        QVERIFY(itemValue(f.network.requests[0].formItems(), u"signature"_s)
                != itemValue(f.network.requests[1].formItems(), u"signature"_s));
    }

    void uploadStreamsASignedMultipart()
    {
        Fixture f;
        QTemporaryDir dir;
        const QByteArray content("\x89PNG fake image bytes\r\n--not-a-boundary\x00\xff", 40);
        const QString path = writeFile(dir, u"photo one.png"_s, content);
        f.network.enqueue(FakeResponse::json(
            R"({"public_id":"my_photo","version":1700000000,"bytes":40,"etag":"abc","secure_url":"https://x/y.png",)"
            R"("tags":["a"],"context":{"custom":{"k":"v"}},"signature":"sig","unknown_new_field":{"x":1}})"));
        UploadOptions options;
        options.resourceType = u"image"_s;
        options.publicId = u"my_photo"_s;
        options.folder = u"albums/2024"_s;
        options.overwrite = true;
        options.uniqueFilename = false;
        std::unique_ptr<UploadJob> job(UploadApi(f.context).upload(path, options, nullptr));
        QSignalSpy progress(job.get(), &Job::uploadProgress);
        QVERIFY(runToEnd(job.get()));
        QVERIFY2(!job->error(), qPrintable(errorText(*job)));

        const RecordedRequest &request = f.network.requests.first();
        QCOMPARE(request.verb, QByteArray("POST"));
        QCOMPARE(request.path(), u"/v1_1/demo/image/upload"_s);
        QVERIFY(request.contentType().startsWith("multipart/form-data; boundary="));
        // Reference §b example 3, signed by the Node SDK.
        QCOMPARE(
            request.multipartTextItems(),
            (QStringList {u"api_key=1234"_s, u"folder=albums/2024"_s, u"overwrite=1"_s,
                          u"public_id=my_photo"_s, u"signature=df90f8cc09f215484cab65267e7655facdd9a1f4"_s,
                          u"timestamp=1700000000"_s, u"unique_filename=0"_s}));
        const auto file = request.multipartFile();
        QCOMPARE(file.name, QByteArray("file"));
        QCOMPARE(file.fileName, QByteArray("photo one.png"));
        QCOMPARE(file.data, content);
        QVERIFY(request.header("X-Unique-Upload-Id").isEmpty());
        QVERIFY(request.header("Content-Range").isEmpty());

        const auto result = job->result();
        QVERIFY(result);
        QCOMPARE(result->asset.publicId, u"my_photo"_s);
        QCOMPARE(result->asset.version, 1700000000);
        QCOMPARE(result->asset.context.value(u"k"_s), u"v"_s);
        QCOMPARE(result->signature, u"sig"_s);
        QVERIFY(result->done);
        QVERIFY(result->raw.contains(u"unknown_new_field"));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
    }

    void unsignedUploadSendsNoCredentials()
    {
        Fixture f;
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"a.txt"_s, "hello");
        UploadOptions options;
        options.unsignedUpload = true;
        options.uploadPreset = u"open"_s;
        options.tags = {u"x"_s, u"y"_s};
        options.fileName = u"renamed.txt"_s;
        std::unique_ptr<UploadJob> job(UploadApi(f.context).upload(path, options, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY(!job->error());
        const RecordedRequest &request = f.network.requests.first();
        QCOMPARE(request.path(), u"/v1_1/demo/auto/upload"_s);
        QCOMPARE(request.multipartTextItems(), (QStringList {u"tags=x,y"_s, u"upload_preset=open"_s}));
        QCOMPARE(request.multipartFile().fileName, QByteArray("renamed.txt"));
        QVERIFY(request.header("Authorization").isEmpty());
    }

    void uploadRefusesWhatCannotWork_data()
    {
        QTest::addColumn<bool>("missingFile");
        QTest::addColumn<bool>("unsignedWithoutPreset");
        QTest::addColumn<Error::Kind>("kind");
        QTest::newRow("missing file") << true << false << Error::Kind::Io;
        QTest::newRow("unsigned without preset") << false << true << Error::Kind::InvalidInput;
    }
    void uploadRefusesWhatCannotWork()
    {
        QFETCH(bool, missingFile);
        QFETCH(bool, unsignedWithoutPreset);
        QFETCH(Error::Kind, kind);
        Fixture f;
        QTemporaryDir dir;
        const QString path = missingFile ? dir.filePath(u"nope.jpg"_s) : writeFile(dir, u"a.jpg"_s, "x");
        UploadOptions options;
        options.unsignedUpload = unsignedWithoutPreset;
        std::unique_ptr<UploadJob> job(UploadApi(f.context).upload(path, options, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, kind);
        QVERIFY(f.network.requests.isEmpty());
    }

    void chunkedUpload_data()
    {
        QTest::addColumn<qint64>("startOffset");
        QTest::addColumn<QStringList>("ranges");
        QTest::newRow("whole file") << qint64(
            0) << QStringList {u"bytes 0-9/25"_s, u"bytes 10-19/25"_s, u"bytes 20-24/25"_s};
        QTest::newRow("resumed") << qint64(10) << QStringList {u"bytes 10-19/25"_s, u"bytes 20-24/25"_s};
    }
    void chunkedUpload()
    {
        QFETCH(qint64, startOffset);
        QFETCH(QStringList, ranges);
        Fixture f;
        QTemporaryDir dir;
        const QByteArray content = "0123456789abcdefghijKLMNO";
        const QString path = writeFile(dir, u"big.bin"_s, content);
        f.network.handler = [](const RecordedRequest &request) {
            if (!request.header("Content-Range").endsWith("24/25"))
                return FakeResponse::json(R"({"done":false,"bytes":10,"public_id":"server_id"})");
            return FakeResponse::json(R"({"public_id":"server_id","bytes":25,"etag":"e"})");
        };
        UploadOptions options;
        options.resourceType = u"raw"_s;
        ChunkedUploadSettings settings;
        settings.chunkSize = 10;
        settings.startOffset = startOffset;
        if (startOffset > 0)
            settings.uploadId = u"resume-id"_s;
        std::unique_ptr<ChunkedUploadJob> job(
            UploadApi(f.context).uploadChunked(path, options, settings, nullptr));
        QSignalSpy acknowledged(job.get(), &ChunkedUploadJob::chunkAcknowledged);
        QSignalSpy progress(job.get(), &Job::uploadProgress);
        QVERIFY(runToEnd(job.get()));
        QVERIFY2(!job->error(), qPrintable(errorText(*job)));
        QCOMPARE(job->result()->asset.bytes, 25);
        QCOMPARE(job->bytesAcknowledged(), 25);

        QCOMPARE(f.network.requests.size(), ranges.size());
        const QByteArray uploadId = f.network.requests.first().header("X-Unique-Upload-Id");
        if (startOffset > 0)
            QCOMPARE(uploadId, QByteArray("resume-id"));
        else
            QCOMPARE(uploadId.size(), 32); // random, 128 bits
        QCOMPARE(QString::fromLatin1(uploadId), job->uploadId());
        QStringList seenRanges;
        for (const auto &request : std::as_const(f.network.requests)) {
            QCOMPARE(request.path(), u"/v1_1/demo/raw/upload"_s);
            QCOMPARE(request.header("X-Unique-Upload-Id"), uploadId);
            seenRanges.append(QString::fromLatin1(request.header("Content-Range")));
            const QStringList items = request.multipartTextItems();
            QCOMPARE(itemValue(items, u"signature"_s), ApiSigner().sign(signedParams(items), u"b"));
            const QByteArray range = request.header("Content-Range").mid(6);
            const qint64 first = range.left(range.indexOf('-')).toLongLong();
            const qint64 last
                = range.mid(range.indexOf('-') + 1, range.indexOf('/') - range.indexOf('-') - 1).toLongLong();
            QCOMPARE(request.multipartFile().data, content.mid(first, last - first + 1));
        }
        QCOMPARE(seenRanges, ranges);
        // The public id the server reported for the first chunk travels with the next ones.
        QCOMPARE(itemValue(f.network.requests.first().multipartTextItems(), u"public_id"_s), QString());
        QCOMPARE(itemValue(f.network.requests.last().multipartTextItems(), u"public_id"_s), u"server_id"_s);
        QCOMPARE(acknowledged.size(), ranges.size() - 1);
        QCOMPARE(acknowledged.first().at(0).toLongLong(), startOffset + 10);
        QCOMPARE(acknowledged.first().at(1).toString(), u"server_id"_s);
        QCOMPARE(progress.last().at(0).toLongLong(), 25);
        QCOMPARE(progress.last().at(1).toLongLong(), 25);
    }

    void chunkedUploadStopsAtTheFirstFailedChunk()
    {
        Fixture f;
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"big.bin"_s, QByteArray(25, 'x'));
        f.network.enqueue(FakeResponse::json(R"({"done":false,"bytes":10})"));
        f.network.enqueue(FakeResponse::cloudinaryError(400, "Chunk out of order"));
        ChunkedUploadSettings settings;
        settings.chunkSize = 10;
        std::unique_ptr<ChunkedUploadJob> job(
            UploadApi(f.context).uploadChunked(path, {}, settings, nullptr));
        QVERIFY(runToEnd(job.get()));
        QVERIFY(job->error());
        QCOMPARE(job->error()->kind, Error::Kind::InvalidInput);
        QCOMPARE(job->error()->message, u"Chunk out of order"_s);
        QCOMPARE(job->bytesAcknowledged(), 10);
        QCOMPARE(f.network.requests.size(), 2);
    }

    void chunkedUploadCanBeCancelledBetweenChunks()
    {
        Fixture f;
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"big.bin"_s, QByteArray(25, 'x'));
        f.network.enqueue(FakeResponse::json(R"({"done":false})"));
        f.network.enqueue(FakeResponse::hanging());
        ChunkedUploadSettings settings;
        settings.chunkSize = 10;
        std::unique_ptr<ChunkedUploadJob> job(
            UploadApi(f.context).uploadChunked(path, {}, settings, nullptr));
        int finished = 0;
        connect(job.get(), &Job::finished, this, [&finished] { ++finished; });
        job->start();
        QTRY_COMPARE(f.network.requests.size(), 2);
        job->cancel();
        QTRY_COMPARE(finished, 1);
        QCOMPARE(job->error()->kind, Error::Kind::Cancelled);
        QTRY_VERIFY(f.network.requests.last().aborted);
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QCOMPARE(finished, 1);
    }

    void chunkedUploadRefusesBadSettings_data()
    {
        QTest::addColumn<qint64>("chunkSize");
        QTest::addColumn<qint64>("startOffset");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty file") << qint64(10) << qint64(0) << QByteArray();
        QTest::newRow("offset past the end") << qint64(10) << qint64(5) << QByteArray("abc");
        QTest::newRow("zero chunk size") << qint64(0) << qint64(0) << QByteArray("abc");
    }
    void chunkedUploadRefusesBadSettings()
    {
        QFETCH(qint64, chunkSize);
        QFETCH(qint64, startOffset);
        QFETCH(QByteArray, content);
        Fixture f;
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"f.bin"_s, content);
        std::unique_ptr<ChunkedUploadJob> job(UploadApi(f.context).uploadChunked(
            path, {}, ChunkedUploadSettings {chunkSize, {}, startOffset}, nullptr));
        QVERIFY(runToEnd(job.get()));
        QCOMPARE(job->error()->kind, Error::Kind::InvalidInput);
        QVERIFY(f.network.requests.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUploadClient)
#include "tst_uploadclient.moc"
