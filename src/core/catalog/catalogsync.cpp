#include "catalogsync.h"

#include "catalog.h"

#include "core/api/adminapi.h"
#include "core/api/searchapi.h"
#include "core/net/neterror.h"
#include "core/net/ratelimitbudget.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPromise>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace stratus::core::catalog {

Q_LOGGING_CATEGORY(lcCatalog, "stratus.core.catalog")

CatalogSync::CatalogSync(Catalog *catalog, ApiContext context, QObject *parent)
    : Job(parent)
    , m_catalog(catalog)
    , m_context(std::move(context))
{
}

CatalogSync::~CatalogSync() = default;

void CatalogSync::run()
{
    // The check reads the whole file: on a worker thread, so that the window stays responsive.
    // (A QFuture needs a default-constructible value: no error is an empty optional.)
    using Outcome = std::optional<Error>;
    auto promise = std::make_shared<QPromise<Outcome>>();
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (state() != State::Running)
            return;
        const Outcome failed = watcher->result();
        afterCheck(failed ? Result<Done>(*failed) : Result<Done>(Done {}));
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, path = m_catalog->filePath()] {
        const Result<Done> checked = Catalog::checkFile(path);
        promise->addResult(checked ? Outcome() : Outcome(checked.error()));
        promise->finish();
    });
}

void CatalogSync::afterCheck(const Result<Done> &checked)
{
    if (!checked && checked.error().kind == Error::Kind::Damaged) {
        rebuild(checked.error());
        return;
    }
    if (!checked) // it could not be checked (busy, unreadable): the sync finds out soon enough
        qCWarning(lcCatalog) << "the catalogue could not be checked:" << checked.error().message;
    begin();
}

void CatalogSync::begin()
{
    if (m_catalog->folderMode() == FolderMode::Unknown)
        readFolderMode();
    else
        readMetadataFields();
}

void CatalogSync::rebuild(const Error &damage)
{
    qCWarning(lcCatalog) << "the catalogue is damaged, rebuilding it:" << damage.message;
    m_summary = Summary {};
    m_summary.damage = damage.message;
    m_cursor.clear();
    if (auto recreated = m_catalog->recreate(); !recreated) {
        finishWithError(recreated.error());
        return;
    }
    begin();
}

void CatalogSync::abort()
{
    if (m_call)
        m_call->cancel();
}

void CatalogSync::cleanup()
{
    if (m_call)
        m_call->deleteLater();
    m_call.clear();
}

void CatalogSync::watch(ApiCallBase *call)
{
    m_call = call;
    connect(call, &NetworkJob::waitingForRateLimit, this, [this](const QDateTime &until) {
        ++m_summary.pauses;
        qCInfo(lcCatalog) << "sync paused by the rate limit until" << until;
        Q_EMIT pausedUntil(until);
    });
}

void CatalogSync::fail(const Error &error)
{
    if (error.kind == Error::Kind::Damaged && m_summary.damage.isEmpty()) {
        rebuild(error);
        return;
    }
    // What was stored stays; a full sync that did not complete deletes nothing.
    m_summary.catalogued = m_catalog->assetCount();
    finishWithError(error);
}

void CatalogSync::readFolderMode()
{
    auto *call = AdminApi(m_context).config(this);
    watch(call);
    connect(call, &Job::finished, this, [this, call] {
        call->deleteLater();
        m_call.clear();
        if (state() != State::Running)
            return;
        const auto &config = call->result();
        if (!config) {
            fail(config.error());
            return;
        }
        const FolderMode mode
            = config->folderMode == FolderMode::Unknown ? FolderMode::Fixed : config->folderMode;
        if (auto set = m_catalog->setFolderMode(mode); !set) {
            fail(set.error());
            return;
        }
        readMetadataFields();
    });
    call->start();
}

void CatalogSync::readMetadataFields()
{
    auto *call = AdminApi(m_context).metadataFields(this);
    watch(call);
    connect(call, &Job::finished, this, [this, call] {
        call->deleteLater();
        m_call.clear();
        if (state() != State::Running)
            return;
        const auto &fields = call->result();
        if (fields) {
            if (auto stored = m_catalog->setMetadataFields(*fields); !stored) {
                fail(stored.error());
                return;
            }
            m_summary.metadataFields = int(fields->size());
        } else if (fields.error().kind == Error::Kind::Cancelled) {
            fail(fields.error());
            return;
        } else {
            // The definitions are a help for editing, not the catalogue's content: the assets are
            // synced even when the environment does not answer this call (an old server, no
            // permission); the definitions of the last sync stay.
            qCInfo(lcCatalog) << "metadata fields not read:" << fields.error().message;
        }
        startSync();
    });
    call->start();
}

void CatalogSync::startSync()
{
    const SyncState &state = m_catalog->syncState();
    const QDateTime newest = m_catalog->latestUpdatedAt();
    Mode mode = m_mode;
    if (mode == Mode::Auto)
        mode = !state.lastFullSync.isValid() || state.syncsSinceFull + 1 >= m_fullEvery ? Mode::Full
                                                                                        : Mode::Incremental;
    if (mode == Mode::Incremental && !newest.isValid())
        mode = Mode::Full;
    m_summary.performed = mode;
    if (mode == Mode::Full) {
        if (auto begun = m_catalog->beginFullSync(); !begun) {
            fail(begun.error());
            return;
        }
        m_expression.clear();
        m_sortField = u"created_at"_s;
        qCInfo(lcCatalog) << "full sync";
        requestPage();
    } else {
        startIncremental(u"updated_at"_s, newest);
    }
}

void CatalogSync::startIncremental(const QString &field, const QDateTime &newest)
{
    m_summary.since = newest.addSecs(-kIncrementalMarginSecs);
    m_summary.sinceField = field;
    m_expression = u"%1>=\"%2\""_s.arg(field, m_summary.since.toString(Qt::ISODate));
    m_sortField = field;
    m_cursor.clear();
    qCInfo(lcCatalog) << "incremental sync" << m_expression;
    requestPage();
}

template<typename T> ApiCall<T> *CatalogSync::takeFinishedCall()
{
    auto *call = static_cast<ApiCall<T> *>(m_call.data());
    if (call == nullptr)
        return nullptr;
    call->deleteLater();
    m_call.clear();
    // A sync cancelled or failed meanwhile ignores the answer.
    return state() == State::Running ? call : nullptr;
}

void CatalogSync::requestPage()
{
    SearchQuery query;
    query.expression = m_expression;
    query.sortBy = {{m_sortField, u"asc"_s}};
    query.maxResults = m_pageSize;
    query.nextCursor = m_cursor;
    query.withField = {u"tags"_s, u"context"_s, u"metadata"_s};
    auto *call = SearchApi(m_context).search(query, this);
    watch(call);
    connect(call, &Job::finished, this, &CatalogSync::onPage);
    call->start();
}

void CatalogSync::onPage()
{
    auto *call = takeFinishedCall<ResourcePage>();
    if (call == nullptr)
        return;
    const Result<ResourcePage> &page = call->result();
    if (!page) {
        // Cloudinary documents `updated_at` as a Search API field, but an account (or a plan) whose
        // search refuses it answers 400 "unknown field": fall back to uploaded_at, which sees new
        // and overwritten uploads only (edits made elsewhere then wait for the next full sync).
        if (m_summary.performed == Mode::Incremental && m_summary.sinceField == u"updated_at"
            && m_summary.pages == 0 && page.error().httpStatus == 400) {
            qCWarning(lcCatalog) << "the Search API refused updated_at, falling back to uploaded_at:"
                                 << page.error().message;
            startIncremental(u"uploaded_at"_s, m_catalog->latestUploadedAt());
            return;
        }
        fail(page.error());
        return;
    }
    QList<QJsonObject> resources;
    resources.reserve(page->resources.size());
    for (const Resource &resource : page->resources)
        resources.append(resource.raw);
    if (auto stored = m_catalog->upsertResources(resources, false); !stored) {
        fail(stored.error());
        return;
    }
    ++m_summary.pages;
    m_summary.fetched += resources.size();
    if (m_summary.expected < 0)
        m_summary.expected = page->totalCount;
    Q_EMIT progress(m_summary.fetched, m_summary.expected);

    if (!page->nextCursor.isEmpty() && !page->resources.isEmpty()) {
        m_cursor = page->nextCursor;
        requestPage();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_summary.performed == Mode::Full) {
        auto removed = m_catalog->finishFullSync(now);
        if (!removed) {
            fail(removed.error());
            return;
        }
        m_summary.removed = removed.value();
    } else if (auto finished = m_catalog->finishIncrementalSync(now, m_summary.since); !finished) {
        fail(finished.error());
        return;
    }
    m_summary.catalogued = m_catalog->assetCount();
    startFolderWalk();
}

void CatalogSync::startFolderWalk()
{
    auto order = m_catalog->foldersByListingAge();
    if (!order) {
        fail(order.error());
        return;
    }
    // The root first whatever its age: it is one call, and where most folders are made.
    m_folderQueue = order.value();
    m_folderQueue.removeAll(QString());
    m_folderQueue.prepend(QString());
    m_foldersSeen = QSet<QString>(m_folderQueue.cbegin(), m_folderQueue.cend());
    m_folderChildren.clear();
    m_cursor.clear();
    listNextFolder();
}

void CatalogSync::listNextFolder()
{
    if (m_folderQueue.isEmpty()) {
        m_summary.folderWalkComplete = true;
        finishFolderWalk();
        return;
    }
    if (m_summary.folderCalls >= folderCallCap()) {
        qCInfo(lcCatalog) << "folder walk capped after" << m_summary.folderCalls << "calls;"
                          << m_folderQueue.size() << "folders left for later syncs";
        finishFolderWalk();
        return;
    }
    if (const RateLimitBudget *budget = m_context.budget.data(); budget != nullptr && budget->isKnown()
        && budget->limit() > 0 && budget->remaining() <= budget->limit() * kFolderBudgetReserve) {
        qCInfo(lcCatalog) << "folder walk stopped to spare the rate limit:" << budget->remaining() << "of"
                          << budget->limit() << "calls left";
        finishFolderWalk();
        return;
    }
    m_folder = m_folderQueue.constFirst();
    const PageRequest page {500, m_cursor};
    AdminApi admin(m_context);
    ApiCall<FolderPage> *call
        = m_folder.isEmpty() ? admin.rootFolders(page, this) : admin.subFolders(m_folder, page, this);
    ++m_summary.folderCalls;
    watch(call);
    connect(call, &Job::finished, this, &CatalogSync::onFolderPage);
    call->start();
}

void CatalogSync::onFolderPage()
{
    auto *call = takeFinishedCall<FolderPage>();
    if (call == nullptr)
        return;
    const Result<FolderPage> &page = call->result();
    if (!page) {
        if (page.error().httpStatus == 404 && !m_folder.isEmpty()) {
            // Deleted elsewhere since the catalogue learnt of it.
            if (auto forgotten = m_catalog->forgetKnownFolder(m_folder); !forgotten) {
                fail(forgotten.error());
                return;
            }
            m_folderQueue.removeFirst();
            m_folderChildren.clear();
            m_cursor.clear();
            listNextFolder();
            return;
        }
        qCWarning(lcCatalog) << "folder walk failed:" << page.error().message;
        m_summary.folderWalkError = page.error().message;
        finishFolderWalk();
        return;
    }
    for (const Folder &folder : page->folders) {
        m_folderChildren.append(folder.path);
        if (!m_foldersSeen.contains(folder.path)) {
            m_foldersSeen.insert(folder.path);
            m_folderQueue.append(folder.path);
        }
    }
    if (!page->nextCursor.isEmpty() && !page->folders.isEmpty()) {
        m_cursor = page->nextCursor;
        listNextFolder();
        return;
    }
    if (auto known = m_catalog->setKnownChildren(m_folder, m_folderChildren, QDateTime::currentDateTimeUtc());
        !known) {
        fail(known.error());
        return;
    }
    ++m_summary.foldersListed;
    // What the listing did not name is gone, and so is everything below it: no call for those.
    const QSet<QString> listed(m_folderChildren.cbegin(), m_folderChildren.cend());
    const QString prefix = m_folder.isEmpty() ? QString() : m_folder + u'/';
    m_folderQueue.removeIf([&](const QString &path) {
        if (path.isEmpty() || !path.startsWith(prefix))
            return false;
        const QString child = prefix + path.mid(prefix.size()).section(u'/', 0, 0);
        return !listed.contains(child);
    });
    m_folderQueue.removeFirst();
    m_folderChildren.clear();
    m_cursor.clear();
    listNextFolder();
}

void CatalogSync::finishFolderWalk()
{
    if (auto rebuilt = m_catalog->applyKnownFolders(); !rebuilt) {
        fail(rebuilt.error());
        return;
    }
    qCInfo(lcCatalog) << "folder walk:" << m_summary.foldersListed << "folders listed in"
                      << m_summary.folderCalls << "calls"
                      << (m_summary.folderWalkComplete ? "(complete)" : "(partial)");
    finishWithSuccess();
}

} // namespace stratus::core::catalog
