#include "pdfpages.h"

#include <QFile>
#include <QPainter>
#include <QPdfDocument>

#include <cmath>

namespace stratus::sandbox {

bool looksLikePdf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(5) == "%PDF-";
}

PdfInfo probePdf(const QString &path)
{
    if (!looksLikePdf(path))
        return {};
    QPdfDocument document;
    if (document.load(path) != QPdfDocument::Error::None || document.pageCount() <= 0)
        return {};
    return {document.pageCount(), document.pagePointSize(0)};
}

QImage renderPdfPage(const QString &path, int page, int density, qint64 maxPixels, QString *error)
{
    QPdfDocument document;
    if (document.load(path) != QPdfDocument::Error::None || document.pageCount() <= 0) {
        *error = QStringLiteral("Cannot read the PDF file");
        return {};
    }
    if (page < 1 || page > document.pageCount()) {
        *error = QStringLiteral("Invalid page %1: the document has %2 pages")
                     .arg(page)
                     .arg(document.pageCount());
        return {};
    }
    const QSizeF points = document.pagePointSize(page - 1);
    double scale = double(density) / 72.0;
    const double pixels = points.width() * points.height() * scale * scale;
    if (pixels > double(maxPixels))
        scale *= std::sqrt(double(maxPixels) / pixels);
    const QSize size(std::max(1, int(std::lround(points.width() * scale))),
                     std::max(1, int(std::lround(points.height() * scale))));
    const QImage rendered = document.render(page - 1, size);
    if (rendered.isNull()) {
        *error = QStringLiteral("Cannot render page %1 of the PDF file").arg(page);
        return {};
    }
    // pdfium leaves the paper transparent; a page is white, as Cloudinary's JPEGs show it.
    QImage paper(rendered.size(), QImage::Format_RGB32);
    paper.fill(Qt::white);
    QPainter painter(&paper);
    painter.drawImage(0, 0, rendered);
    painter.end();
    return paper;
}

} // namespace stratus::sandbox
