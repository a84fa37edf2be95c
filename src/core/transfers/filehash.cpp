#include "filehash.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPromise>
#include <QThreadPool>

namespace stratus::core::transfers {

QString fileMd5(const QString &path, const std::atomic<bool> *cancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Md5);
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (;;) {
        if (cancelled && cancelled->load())
            return {};
        const qint64 read = file.read(block.data(), block.size());
        if (read < 0)
            return {};
        if (read == 0)
            break;
        hash.addData(QByteArrayView(block.constData(), read));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QFuture<QString> fileMd5Async(const QString &path, std::shared_ptr<std::atomic<bool>> cancelled)
{
    auto promise = std::make_shared<QPromise<QString>>();
    QFuture<QString> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path, cancelled]() {
        promise->addResult(fileMd5(path, cancelled.get()));
        promise->finish();
    });
    return future;
}

} // namespace stratus::core::transfers
