// stratus-browser-bench: the browser's figures for docs/benchmarks.md (issue 5), measured on the
// real BrowserPage in one process over a synced catalogue and a stratus-sandbox serving thumbnails.
//
//   stratus-browser-bench --catalog FILE --url CLOUDINARY_URL --cache DIR --folder F
//                         [--other-folder G] [--query TEXT]… [--runs N] [--size WxH]
//
// Prints one JSON object on stdout:
//   openCatalogMs      opening the catalogue file
//   firstScreenMs      openFolder(F) until every cell on the first screen shows its thumbnail and the
//                      grid has painted it: with an empty --cache that is "cold" (every thumbnail
//                      fetched), with the cache of an earlier run "warm (disk)"
//   revisitMs          the same after opening G and coming back to F in the same window ("warm
//                      (memory)": what switching folders costs)
//   search             per query: setQuery() on the asset model (FTS search, count, first page)
//                      p50/p95 over N runs, and the facet counts the filter bar asks for
//   peakRssKiB         VmHWM of this process at the end
// Run it under QT_QPA_PLATFORM=offscreen. Not part of ctest: tests/bench/catalog-bench.sh runs it.

#include "core/cache/diskcache.h"
#include "core/catalog/catalog.h"
#include "core/config/cloudinaryurl.h"
#include "core/delivery/thumbnailurls.h"
#include "gui/browser/assetlistmodel.h"
#include "gui/browser/browserenvironment.h"
#include "gui/browser/browserpage.h"
#include "gui/browser/thumbnailloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const auto match = QRegularExpression(u"^VmHWM:\\s+(\\d+) kB"_s, QRegularExpression::MultilineOption)
                           .match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

/// Whether every asset cell that intersects the grid's viewport shows its picture (or has none).
bool firstScreenReady(const QListView *grid, const gui::AssetListModel *model, int *cells)
{
    const QRect viewport = grid->viewport()->rect();
    int counted = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        const QRect rect = grid->visualRect(index);
        if (rect.top() > viewport.bottom())
            break;
        if (!rect.intersects(viewport))
            continue;
        ++counted;
        const auto state = index.data(gui::AssetListModel::ThumbnailStateRole)
                               .value<gui::AssetListModel::ThumbnailState>();
        if (state == gui::AssetListModel::ThumbnailState::Loading)
            return false;
    }
    *cells = counted;
    return counted > 0;
}

/// Opens @p folder and waits for the first screen; the time in ms, or -1 after @p timeoutMs.
double timeFirstScreen(gui::BrowserPage *page, const QString &folder, int *cells, int *failed,
                       int timeoutMs = 60000)
{
    QElapsedTimer timer;
    timer.start();
    page->openFolder(folder);
    QListView *grid = page->gridView();
    while (!firstScreenReady(grid, page->assetModel(), cells)) {
        if (timer.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!firstScreenReady(grid, page->assetModel(), cells))
            QThread::usleep(200);
    }
    grid->viewport()->repaint(); // the paint a person sees, inside the measured time
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    *failed = 0;
    for (int row = 0; row < page->assetModel()->rowCount() && row < *cells + 64; ++row) {
        const auto state = page->assetModel()
                               ->index(row)
                               .data(gui::AssetListModel::ThumbnailStateRole)
                               .value<gui::AssetListModel::ThumbnailState>();
        if (state == gui::AssetListModel::ThumbnailState::Failed)
            ++*failed;
    }
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The asset browser's benchmark (docs/benchmarks.md)"_s);
    parser.addHelpOption();
    const QCommandLineOption catalogOption(u"catalog"_s, u"The synced catalogue file."_s, u"FILE"_s);
    const QCommandLineOption urlOption(u"url"_s, u"The environment's CLOUDINARY_URL."_s, u"URL"_s);
    const QCommandLineOption cacheOption(u"cache"_s, u"The thumbnail cache directory."_s, u"DIR"_s);
    const QCommandLineOption folderOption(u"folder"_s, u"The folder to open."_s, u"F"_s);
    const QCommandLineOption otherOption(u"other-folder"_s, u"A folder to visit in between."_s, u"G"_s);
    const QCommandLineOption queryOption(u"query"_s, u"A search typed in the browser (repeatable)."_s,
                                         u"TEXT"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Runs per query (default 20)."_s, u"N"_s, u"20"_s);
    const QCommandLineOption sizeOption(u"size"_s, u"Window size (default 1280x800)."_s, u"WxH"_s,
                                        u"1280x800"_s);
    parser.addOptions({catalogOption, urlOption, cacheOption, folderOption, otherOption, queryOption,
                       runsOption, sizeOption});
    parser.process(app);
    QTextStream err(stderr);
    for (const auto &required : {catalogOption, urlOption, cacheOption, folderOption}) {
        if (!parser.isSet(required)) {
            err << "stratus-browser-bench: --" << required.names().constFirst() << " is required\n";
            return 2;
        }
    }

    QElapsedTimer openTimer;
    openTimer.start();
    auto catalog = core::catalog::Catalog::openExisting(parser.value(catalogOption));
    if (!catalog) {
        err << "stratus-browser-bench: " << catalog.error().message << '\n';
        return 1;
    }
    const double openCatalogMs = double(openTimer.nsecsElapsed()) / 1e6;
    const auto url = core::CloudinaryUrl::parse(parser.value(urlOption));
    if (!url) {
        err << "stratus-browser-bench: " << url.error().message << '\n';
        return 2;
    }

    QNetworkAccessManager network;
    core::DiskCache cache(parser.value(cacheOption), qint64(1024) * 1024 * 1024);
    gui::ThumbnailLoader loader(&network, &cache);
    gui::BrowserEnvironment environment;
    environment.catalog = catalog.value().get();
    environment.network = &network;
    environment.url = [u = url->withoutSecret()] {
        return u;
    };
    environment.offlineReason = [] {
        return QString();
    };
    auto *page = new gui::BrowserPage(
        environment, &loader,
        core::thumbnailUrlFunction(url->withoutSecret().toSdkConfig(), core::deliveryOptions(url.value())));
    const QStringList size = parser.value(sizeOption).split(u'x');
    page->resize(size.value(0).toInt(), size.value(1).toInt());
    page->setViewMode(gui::BrowserPage::ViewMode::Grid);
    page->show();
    QCoreApplication::processEvents();

    QJsonObject result;
    result.insert(u"openCatalogMs"_s, openCatalogMs);
    result.insert(u"assets"_s, double(catalog.value()->assetCount()));
    result.insert(u"window"_s, parser.value(sizeOption));
    result.insert(u"zoom"_s, page->zoom());

    const QString folder = parser.value(folderOption);
    int cells = 0;
    int failed = 0;
    const double first = timeFirstScreen(page, folder, &cells, &failed);
    result.insert(u"folder"_s, folder);
    result.insert(u"folderAssets"_s, double(page->assetModel()->totalAssets()));
    result.insert(u"firstScreenMs"_s, first);
    result.insert(u"firstScreenCells"_s, cells);
    result.insert(u"firstScreenFailed"_s, failed);
    if (parser.isSet(otherOption)) {
        int otherCells = 0;
        int otherFailed = 0;
        timeFirstScreen(page, parser.value(otherOption), &otherCells, &otherFailed);
        result.insert(u"revisitMs"_s, timeFirstScreen(page, folder, &cells, &failed));
    }

    // Searches as typed in the browser: the model's query (FTS, count, first page), then the facet
    // counts of that scope the filter bar shows.
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QJsonArray searches;
    QList<double> allSearch;
    QList<double> allWithFacets;
    for (const QString &text : parser.values(queryOption)) {
        QList<double> samples;
        QList<double> withFacets;
        qint64 matches = 0;
        for (int run = 0; run < runs; ++run) {
            core::catalog::CatalogQuery query;
            query.text = text;
            QElapsedTimer timer;
            timer.start();
            page->assetModel()->setQuery(query);
            const double searchMs = double(timer.nsecsElapsed()) / 1e6;
            const auto facets = catalog.value()->facets(query);
            const double facetsMs = double(timer.nsecsElapsed()) / 1e6;
            matches = page->assetModel()->totalAssets();
            if (!facets) {
                err << "stratus-browser-bench: facets: " << facets.error().message << '\n';
                return 1;
            }
            samples << searchMs;
            withFacets << facetsMs;
            page->assetModel()->setFolder(folder); // back, as clearing the box does
            QCoreApplication::processEvents();
        }
        allSearch << samples;
        allWithFacets << withFacets;
        searches.append(QJsonObject {{u"query"_s, text},
                                     {u"matches"_s, double(matches)},
                                     {u"p50Ms"_s, percentile(samples, 50)},
                                     {u"p95Ms"_s, percentile(samples, 95)},
                                     {u"withFacetsP50Ms"_s, percentile(withFacets, 50)},
                                     {u"withFacetsP95Ms"_s, percentile(withFacets, 95)}});
    }
    result.insert(u"search"_s, searches);
    result.insert(u"searchRuns"_s, runs);
    result.insert(u"searchP50Ms"_s, percentile(allSearch, 50));
    result.insert(u"searchP95Ms"_s, percentile(allSearch, 95));
    result.insert(u"searchWithFacetsP50Ms"_s, percentile(allWithFacets, 50));
    result.insert(u"searchWithFacetsP95Ms"_s, percentile(allWithFacets, 95));
    delete page;
    result.insert(u"peakRssKiB"_s, double(peakRssKiB()));
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Indented).constData(), stdout);
    return first < 0 ? 1 : 0;
}
