#include "signaturealgorithm.h"

#include "core/util/secretmemory.h"

#include <QByteArray>
#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace stratus::core {

QString signatureAlgorithmName(SignatureAlgorithm algorithm)
{
    switch (algorithm) {
    case SignatureAlgorithm::Sha1:
        return u"sha1"_s;
    case SignatureAlgorithm::Sha256:
        return u"sha256"_s;
    }
    Q_UNREACHABLE();
}

std::optional<SignatureAlgorithm> signatureAlgorithmFromName(QStringView name)
{
    if (name == u"sha1")
        return SignatureAlgorithm::Sha1;
    if (name == u"sha256")
        return SignatureAlgorithm::Sha256;
    return std::nullopt;
}

QString secretSuffixedHexDigest(QByteArrayView payload, QStringView secret, SignatureAlgorithm algorithm)
{
    QCryptographicHash hash(algorithm == SignatureAlgorithm::Sha256 ? QCryptographicHash::Sha256
                                                                    : QCryptographicHash::Sha1);
    hash.addData(payload);
    QByteArray secretBytes = secret.toUtf8();
    hash.addData(secretBytes);
    wipe(secretBytes);
    return QString::fromLatin1(hash.result().toHex());
}

bool signaturesEqual(QByteArrayView expected, QByteArrayView actual)
{
    if (expected.size() != actual.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected[i] ^ actual[i]);
    return difference == 0;
}

} // namespace stratus::core
