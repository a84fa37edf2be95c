#include "deliverypath.h"

#include "sandbox/imaging/transformationpath.h"

#include <QRegularExpression>

namespace stratus::sandbox {

namespace {

struct SuffixForm
{
    const char16_t *segment;
    const char16_t *resourceType;
    const char16_t *type;
};

constexpr SuffixForm kSuffixForms[] = {
    {u"images", u"image", u"upload"},
    {u"private_images", u"image", u"private"},
    {u"authenticated_images", u"image", u"authenticated"},
    {u"videos", u"video", u"upload"},
    {u"files", u"raw", u"upload"},
};

bool isVersion(const QString &segment)
{
    static const QRegularExpression pattern(QStringLiteral("^v\\d+$"));
    return pattern.match(segment).hasMatch();
}

core::Error notFound()
{
    return core::Error::invalidInput(QStringLiteral("Resource not found"));
}

// Reads a delivery path from left to right, one part after the other.
class PathReader
{
public:
    PathReader(const QStringList &segments, const QStringList &encodedSegments)
        : m_segments(segments)
        , m_encoded(encodedSegments)
    {
        m_path.cloudName = segments.at(0);
    }

    // The resource type and type: /<resource_type>/<type>/, /iu/, a url_suffix form or, with none
    // of them, use_root_path (/<cloud>/<public_id>.<ext> is image/upload).
    void readAssetKind()
    {
        const QString &first = m_segments.at(1);
        static const QStringList kResourceTypes
            = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("raw")};
        if (kResourceTypes.contains(first) && m_segments.size() >= 4) {
            setKind(first, m_segments.at(2), 3);
            return;
        }
        if (first == u"iu" && m_segments.size() >= 3) {
            setKind(QStringLiteral("image"), QStringLiteral("upload"), 2);
            return;
        }
        for (const SuffixForm &form : kSuffixForms) {
            if (first == QStringView(form.segment) && m_segments.size() >= 3) {
                setKind(QString::fromUtf16(form.resourceType), QString::fromUtf16(form.type), 2);
                m_suffixForm = true;
                return;
            }
        }
        setKind(QStringLiteral("image"), QStringLiteral("upload"), 1);
    }

    void readSignature()
    {
        static const QRegularExpression signaturePattern(QStringLiteral("^s--([A-Za-z0-9_-]{8,32})--$"));
        if (m_index >= m_segments.size())
            return;
        const auto match = signaturePattern.match(m_segments.at(m_index));
        if (match.hasMatch()) {
            m_path.signature = match.captured(1);
            ++m_index;
        }
    }

    // The transformation segments, then the version; the last segment is always the public ID's.
    void readTransformationAndVersion()
    {
        QStringList transformation;
        while (m_index < m_segments.size() - 1 && imaging::isTransformationSegment(m_segments.at(m_index))) {
            transformation.append(m_segments.at(m_index));
            m_encodedTransformation.append(m_encoded.at(m_index));
            ++m_index;
        }
        m_path.transformation = transformation.join(u'/');
        if (m_index < m_segments.size() - 1 && isVersion(m_segments.at(m_index))) {
            m_path.version = m_segments.at(m_index).mid(1).toLongLong();
            ++m_index;
        }
    }

    // The rest is the public ID, with the extension and the signed payload.
    core::Result<DeliveryPath> readPublicId()
    {
        if (m_index >= m_segments.size())
            return notFound();
        QStringList idSegments = m_segments.mid(m_index);
        QStringList encodedIdSegments = m_encoded.mid(m_index);
        QString last = idSegments.takeLast();
        QString encodedLast = encodedIdSegments.takeLast();
        if (m_suffixForm) {
            // /images/<public_id>/<seo-name>.<ext>: the last segment only names the file.
            if (idSegments.isEmpty())
                return notFound();
            m_path.suffix = last;
            const qsizetype dot = last.lastIndexOf(u'.');
            m_path.extension = dot < 0 ? QString() : last.mid(dot + 1).toLower();
            const QString dotExtension = m_path.extension.isEmpty() ? QString() : u'.' + m_path.extension;
            idSegments.last() += dotExtension;
            encodedIdSegments.last() += dotExtension;
        } else {
            const qsizetype dot = last.lastIndexOf(u'.');
            if (dot > 0)
                m_path.extension = last.mid(dot + 1).toLower();
            idSegments.append(last);
            encodedIdSegments.append(encodedLast);
        }
        m_path.publicIdWithExtension = idSegments.join(u'/');
        const QString encodedId = encodedIdSegments.join(u'/');
        m_path.signedPayload = m_encodedTransformation.isEmpty()
            ? encodedId
            : m_encodedTransformation.join(u'/') + u'/' + encodedId;
        return m_path;
    }

private:
    void setKind(const QString &resourceType, const QString &type, qsizetype next)
    {
        m_path.resourceType = resourceType;
        m_path.type = type;
        m_index = next;
    }

    const QStringList &m_segments;
    const QStringList &m_encoded;
    DeliveryPath m_path;
    qsizetype m_index = 1;
    bool m_suffixForm = false;
    QStringList m_encodedTransformation;
};

} // namespace

core::Result<DeliveryPath> parseDeliveryPath(const QStringList &segments, const QStringList &encodedSegments)
{
    if (segments.size() < 2 || segments.size() != encodedSegments.size())
        return notFound();
    PathReader reader(segments, encodedSegments);
    reader.readAssetKind();
    reader.readSignature();
    reader.readTransformationAndVersion();
    return reader.readPublicId();
}

} // namespace stratus::sandbox
