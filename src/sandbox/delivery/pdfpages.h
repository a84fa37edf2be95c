#pragma once

#include <QImage>
#include <QSizeF>
#include <QString>

namespace stratus::sandbox {

/// What the sandbox knows of a PDF: its number of pages and the size of the first, in points
/// (1/72 inch), as Cloudinary reports a PDF's width and height. Empty (pageCount 0) when the file is
/// not a PDF QtPdf can open.
struct PdfInfo
{
    int pageCount = 0;
    QSizeF firstPageSize;
};

/// Whether the file starts as a PDF does (`%PDF-`): a cheap test before QtPdf opens it.
[[nodiscard]] bool looksLikePdf(const QString &path);

/// Opens @p path with QtPdf (pdfium) and reads its page count and first page size.
[[nodiscard]] PdfInfo probePdf(const QString &path);

/// Cloudinary rasterises a PDF page at 150 dots per inch unless the URL says otherwise (`dn_`).
inline constexpr int kPdfDefaultDensity = 150;

/// Page @p page (1-based, as `pg_N`) of the PDF at @p path rendered at @p density dots per inch on
/// white, at most @p maxPixels pixels (rendered smaller beyond that). A null image with *@p error
/// set when the file cannot be opened or has no such page. Safe on a worker thread: QtPdf
/// serialises its calls into pdfium.
[[nodiscard]] QImage renderPdfPage(const QString &path, int page, int density, qint64 maxPixels,
                                   QString *error);

} // namespace stratus::sandbox
