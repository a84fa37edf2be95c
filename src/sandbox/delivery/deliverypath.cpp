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

} // namespace

core::Result<DeliveryPath> parseDeliveryPath(const QStringList &segments, const QStringList &encodedSegments)
{
    if (segments.size() < 2 || segments.size() != encodedSegments.size())
        return core::Error::invalidInput(QStringLiteral("Resource not found"));
    DeliveryPath path;
    path.cloudName = segments.at(0);
    qsizetype index = 1;
    bool suffixForm = false;

    const QString &first = segments.at(1);
    static const QStringList kResourceTypes
        = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("raw")};
    if (kResourceTypes.contains(first) && segments.size() >= 4) {
        path.resourceType = first;
        path.type = segments.at(2);
        index = 3;
    } else if (first == u"iu" && segments.size() >= 3) {
        path.resourceType = QStringLiteral("image");
        path.type = QStringLiteral("upload");
        index = 2;
    } else {
        for (const SuffixForm &form : kSuffixForms) {
            if (first == QStringView(form.segment) && segments.size() >= 3) {
                path.resourceType = QString::fromUtf16(form.resourceType);
                path.type = QString::fromUtf16(form.type);
                index = 2;
                suffixForm = true;
                break;
            }
        }
        if (path.resourceType.isEmpty()) {
            // use_root_path: /<cloud>/<public_id>.<ext> is image/upload.
            path.resourceType = QStringLiteral("image");
            path.type = QStringLiteral("upload");
            index = 1;
        }
    }

    static const QRegularExpression signaturePattern(QStringLiteral("^s--([A-Za-z0-9_-]{8,32})--$"));
    if (index < segments.size()) {
        const auto match = signaturePattern.match(segments.at(index));
        if (match.hasMatch()) {
            path.signature = match.captured(1);
            ++index;
        }
    }
    QStringList transformation;
    QStringList encodedTransformation;
    while (index < segments.size() - 1 && imaging::isTransformationSegment(segments.at(index))) {
        transformation.append(segments.at(index));
        encodedTransformation.append(encodedSegments.at(index));
        ++index;
    }
    path.transformation = transformation.join(u'/');
    if (index < segments.size() - 1 && isVersion(segments.at(index))) {
        path.version = segments.at(index).mid(1).toLongLong();
        ++index;
    }
    if (index >= segments.size())
        return core::Error::invalidInput(QStringLiteral("Resource not found"));

    QStringList idSegments = segments.mid(index);
    QStringList encodedIdSegments = encodedSegments.mid(index);
    QString last = idSegments.takeLast();
    QString encodedLast = encodedIdSegments.takeLast();
    if (suffixForm) {
        // /images/<public_id>/<seo-name>.<ext>: the last segment only names the file.
        if (idSegments.isEmpty())
            return core::Error::invalidInput(QStringLiteral("Resource not found"));
        path.suffix = last;
        const qsizetype dot = last.lastIndexOf(u'.');
        path.extension = dot < 0 ? QString() : last.mid(dot + 1).toLower();
        last = idSegments.takeLast();
        encodedLast = encodedIdSegments.takeLast();
        idSegments.append(path.extension.isEmpty() ? last : last + u'.' + path.extension);
        encodedIdSegments.append(path.extension.isEmpty() ? encodedLast
                                                          : encodedLast + u'.' + path.extension);
    } else {
        const qsizetype dot = last.lastIndexOf(u'.');
        if (dot > 0)
            path.extension = last.mid(dot + 1).toLower();
        idSegments.append(last);
        encodedIdSegments.append(encodedLast);
    }
    path.publicIdWithExtension = idSegments.join(u'/');
    const QString encodedId = encodedIdSegments.join(u'/');
    path.signedPayload
        = encodedTransformation.isEmpty() ? encodedId : encodedTransformation.join(u'/') + u'/' + encodedId;
    return path;
}

} // namespace stratus::sandbox
