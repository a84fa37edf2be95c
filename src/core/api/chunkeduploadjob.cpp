#include "chunkeduploadjob.h"
#include "core/net/neterror.h"

#include "uploadjob.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;

namespace stratus::core {

namespace {

QString randomUploadId()
{
    std::array<quint32, 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QString id;
    for (quint32 word : words)
        id += u"%1"_s.arg(word, 8, 16, QLatin1Char('0'));
    return id;
}

} // namespace

ChunkedUploadJob::ChunkedUploadJob(const ApiContext &context, QString filePath, UploadOptions options,
                                   ChunkedUploadSettings settings, QObject *parent)
    : Job(parent)
    , m_context(context)
    , m_filePath(std::move(filePath))
    , m_options(std::move(options))
    , m_settings(std::move(settings))
    , m_result(Error::because(Error::Kind::Internal, ErrorReason::UploadUnfinished))
{
    if (m_settings.uploadId.isEmpty())
        m_settings.uploadId = randomUploadId();
}

ChunkedUploadJob::~ChunkedUploadJob() = default;

void ChunkedUploadJob::run()
{
    const QFileInfo info(m_filePath);
    if (!info.isFile() || !info.isReadable()) {
        finishWithError(Error::because(Error::Kind::Io, ErrorReason::FileUnreadable, m_filePath));
        return;
    }
    m_total = info.size();
    if (m_total == 0) {
        finishWithError(Error::because(Error::Kind::InvalidInput, ErrorReason::FileEmpty, m_filePath));
        return;
    }
    if (m_settings.chunkSize <= 0) {
        finishWithError(Error::because(Error::Kind::InvalidInput, ErrorReason::ChunkSizeInvalid,
                                       QString::number(m_settings.chunkSize)));
        return;
    }
    if (m_settings.startOffset < 0 || m_settings.startOffset >= m_total) {
        finishWithError(
            Error::because(Error::Kind::InvalidInput, ErrorReason::ResumeOffsetOutsideFile, m_filePath));
        return;
    }
    m_offset = m_settings.startOffset;
    sendChunk();
}

void ChunkedUploadJob::sendChunk()
{
    const qint64 length = qMin(m_settings.chunkSize, m_total - m_offset);
    auto *job = new UploadJob(m_context, m_filePath, m_options, this);
    job->setChunk(UploadChunk {m_offset, length, m_total, m_settings.uploadId});
    const qint64 base = m_offset;
    connect(job, &Job::uploadProgress, this, [this, base](qint64 sent, qint64) {
        // The sub-job counts the multipart body (chunk + fields); report bytes of the file.
        Q_EMIT uploadProgress(qMin(base + sent, m_total), m_total);
    });
    connect(job, &Job::finished, this, &ChunkedUploadJob::onChunkFinished);
    m_current = job;
    job->start();
}

void ChunkedUploadJob::onChunkFinished()
{
    UploadJob *job = m_current;
    if (!job || state() != State::Running)
        return;
    m_current = nullptr;
    job->deleteLater();

    auto answer = job->result();
    if (!answer) {
        finishWithError(answer.error());
        return;
    }
    UploadResult chunk = std::move(answer).value();
    const qint64 next = m_offset + qMin(m_settings.chunkSize, m_total - m_offset);
    // A server that already has the whole file (a resumed upload whose last chunk had arrived
    // before the client could record it) answers an earlier chunk with the final asset.
    const bool completedEarlier = next < m_total && chunk.done && !chunk.asset.assetId.isEmpty();
    if (next >= m_total || completedEarlier) {
        if (!chunk.done) {
            finishWithError(
                Error::because(Error::Kind::Server, ErrorReason::ChunkedUploadIncomplete, m_filePath));
            return;
        }
        m_offset = m_total;
        m_result = std::move(chunk);
        Q_EMIT uploadProgress(m_total, m_total);
        finishWithSuccess();
        return;
    }
    m_offset = next;
    if (m_options.publicId.isEmpty() && !chunk.asset.publicId.isEmpty())
        m_options.publicId = chunk.asset.publicId;
    Q_EMIT chunkAcknowledged(m_offset, m_options.publicId);
    if (state() == State::Running) // a receiver may have cancelled
        sendChunk();
}

void ChunkedUploadJob::abort()
{
    if (UploadJob *job = m_current) {
        m_current = nullptr;
        job->disconnect(this);
        job->cancel();
        job->deleteLater();
    }
}

void ChunkedUploadJob::cleanup()
{
    abort();
    if (error())
        m_result = *error();
}

} // namespace stratus::core
