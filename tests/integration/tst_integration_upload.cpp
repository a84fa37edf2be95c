// Large files against the real stratus-sandbox: a chunked upload streams from disk in 20 MB
// chunks and arrives intact (the server's etag is the file's MD5), and an upload interrupted after
// a chunk resumes with the same upload id from where the server stopped.
#include "sandboxprocess.h"

#include "core/api/adminapi.h"
#include "core/api/uploadapi.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace stratus::core;
using stratus::test::runToEnd;
using stratus::test::SandboxProcess;

namespace {

// Writes `size` pseudo-random bytes (incompressible, reproducible) and returns their MD5 in hex.
QByteArray writeRandomFile(const QString &path, qint64 size, quint32 seed)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QRandomGenerator generator(seed);
    QCryptographicHash hash(QCryptographicHash::Md5);
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 written = 0; written < size;) {
        const qint64 n = qMin<qint64>(block.size(), size - written);
        generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        const QByteArrayView piece(block.constData(), n);
        if (file.write(piece.data(), n) != n)
            return {};
        hash.addData(piece);
        written += n;
    }
    return hash.result().toHex();
}

} // namespace

class TestIntegrationUpload : public QObject
{
    Q_OBJECT

private:
    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    ApiContext m_context;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start(
                     {u"--environment"_s, u"cloudinary://444444:bigsecret@itbig?folder_mode=dynamic"_s}, 1,
                     false, &error),
                 qPrintable(error));
        m_context = m_sandbox.context(0);
        QVERIFY(m_context.endpoint.isValid());
    }

    void cleanupTestCase() { m_sandbox.stop(); }

    void chunkedUploadArrivesIntact()
    {
        const QString path = m_dir.filePath(u"sixty.bin"_s);
        const qint64 size = 60'000'123; // three full 20 MB chunks and a short fourth
        const QByteArray md5 = writeRandomFile(path, size, 60);
        QVERIFY(!md5.isEmpty());

        UploadOptions options;
        options.resourceType = u"raw"_s;
        options.publicId = u"big/sixty.bin"_s;
        auto job = std::unique_ptr<ChunkedUploadJob>(
            UploadApi(m_context).uploadChunked(path, options, ChunkedUploadSettings(), nullptr));
        QSignalSpy acknowledged(job.get(), &ChunkedUploadJob::chunkAcknowledged);
        qint64 lastProgress = -1;
        bool monotonic = true;
        connect(job.get(), &Job::uploadProgress, this, [&](qint64 sent, qint64 total) {
            monotonic = monotonic && sent >= lastProgress && total == size;
            lastProgress = sent;
        });
        QVERIFY(runToEnd(job.get(), 180000));
        QVERIFY2(!job->error(), stratus::test::errorText(job.get()).constData());
        const UploadResult result = *job->result();
        QCOMPARE(result.asset.publicId, u"big/sixty.bin"_s);
        QCOMPARE(result.asset.bytes, size);
        QCOMPARE(result.asset.etag.toLatin1(), md5);
        QCOMPARE(acknowledged.size(), 3);
        QCOMPARE(acknowledged.at(0).at(0).toLongLong(), 20'000'000);
        QCOMPARE(acknowledged.at(2).at(0).toLongLong(), 60'000'000);
        QVERIFY(monotonic);
        QCOMPARE(lastProgress, size);

        auto details = std::unique_ptr<ApiCall<Resource>>(
            AdminApi(m_context).resource(AssetRef {u"big/sixty.bin"_s, u"raw"_s, u"upload"_s}, {}, nullptr));
        QVERIFY(runToEnd(details.get()));
        QVERIFY2(!details->error(), stratus::test::errorText(details.get()).constData());
        QCOMPARE(details->result()->bytes, size);
        QCOMPARE(details->result()->etag.toLatin1(), md5);
    }

    void interruptedUploadResumesWithTheSameId()
    {
        const QString path = m_dir.filePath(u"twelve.bin"_s);
        const qint64 size = 12'345'678;
        const QByteArray md5 = writeRandomFile(path, size, 12);
        QVERIFY(!md5.isEmpty());
        UploadOptions options;
        options.resourceType = u"raw"_s;
        options.publicId = u"big/resumed.bin"_s;
        ChunkedUploadSettings settings;
        settings.chunkSize = 5'000'000; // Cloudinary's smallest chunk

        // The process "dies" right after the server confirmed the first chunk.
        auto first = std::unique_ptr<ChunkedUploadJob>(
            UploadApi(m_context).uploadChunked(path, options, settings, nullptr));
        qint64 resumeAt = 0;
        QString publicId;
        connect(first.get(), &ChunkedUploadJob::chunkAcknowledged, this,
                [&, job = first.get()](qint64 next, const QString &id) {
                    resumeAt = next;
                    publicId = id;
                    job->cancel();
                });
        QVERIFY(runToEnd(first.get(), 60000));
        QCOMPARE(first->error()->kind, Error::Kind::Cancelled);
        QCOMPARE(resumeAt, 5'000'000);
        QCOMPARE(publicId, u"big/resumed.bin"_s);

        settings.uploadId = first->uploadId();
        settings.startOffset = resumeAt;
        options.publicId = publicId;
        auto second = std::unique_ptr<ChunkedUploadJob>(
            UploadApi(m_context).uploadChunked(path, options, settings, nullptr));
        QSignalSpy acknowledged(second.get(), &ChunkedUploadJob::chunkAcknowledged);
        QVERIFY(runToEnd(second.get(), 60000));
        QVERIFY2(!second->error(), stratus::test::errorText(second.get()).constData());
        QCOMPARE(acknowledged.size(), 1); // 5–10 MB, then the final 10–12.3 MB
        QCOMPARE(second->result()->asset.bytes, size);
        QCOMPARE(second->result()->asset.etag.toLatin1(), md5);
    }

    void singleUploadStreamsAFile()
    {
        const QString path = m_dir.filePath(u"eight.bin"_s);
        const QByteArray md5 = writeRandomFile(path, 8'000'000, 8);
        UploadOptions options;
        options.resourceType = u"raw"_s;
        auto job = std::unique_ptr<UploadJob>(UploadApi(m_context).upload(path, options, nullptr));
        QSignalSpy progress(job.get(), &Job::uploadProgress);
        QVERIFY(runToEnd(job.get(), 60000));
        QVERIFY2(!job->error(), stratus::test::errorText(job.get()).constData());
        QCOMPARE(job->result()->asset.etag.toLatin1(), md5);
        QCOMPARE(job->result()->asset.originalFilename, u"eight"_s);
        QVERIFY(!progress.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIntegrationUpload)
#include "tst_integration_upload.moc"
