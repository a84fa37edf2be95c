#pragma once

// What the API client unit tests share: a Fixture with an ApiContext pointed at the fake network
// (fakenetwork.h) with a fixed clock, and helpers to read what was sent. Header-only.

#include "fakenetwork.h"

#include "core/api/apicontext.h"
#include "core/config/cloudinaryurl.h"
#include "core/net/job.h"
#include "core/net/ratelimitbudget.h"
#include "core/net/secretsource.h"
#include "core/signing/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace stratus::test {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace stratus::core;

constexpr qint64 kNow = 1'700'000'000;

// Everything a client needs, pointed at the fake network; key 1234 and secret b as in the
// reference's signature examples.
struct Fixture
{
    explicit Fixture(const QString &url = u"cloudinary://1234:b@demo"_s)
    {
        const auto parsed = CloudinaryUrl::parse(url);
        QVERIFY(parsed);
        const auto endpoint = parsed->kind() == CloudinaryUrl::Kind::Cloud
            ? ApiEndpoint::forEnvironment(*parsed)
            : ApiEndpoint::forAccount(*parsed);
        QVERIFY(endpoint);
        context.network = &network;
        context.endpoint = *endpoint;
        context.secret = std::make_shared<FixedSecret>(parsed->apiSecret());
        context.budget = &budget;
        context.clock = &clock;
        context.retryPolicy.baseDelay = 1ms;
        context.retryPolicy.maxDelay = 2ms;
        context.retryPolicy.rateLimitMargin = 0ms;
    }

    FakeNetwork network;
    RateLimitBudget budget;
    FixedClock clock {kNow * 1000};
    ApiContext context;
};

inline bool runToEnd(Job *job)
{
    QSignalSpy finished(job, &Job::finished);
    job->start();
    return finished.wait(10000) && finished.size() == 1;
}

inline QString errorText(const Job &job)
{
    return job.error() ? job.error()->message : QString();
}

// The parameters of a signed request as the signer saw them: repeated `name[]` fields become
// arrays again; signature and api_key are left out.
inline QJsonObject signedParams(const QStringList &items)
{
    QJsonObject params;
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        const QString name = item.left(eq);
        const QString value = item.mid(eq + 1);
        if (name == u"signature" || name == u"api_key")
            continue;
        if (name.endsWith(u"[]")) {
            QJsonArray array = params.value(name.chopped(2)).toArray();
            array.append(value);
            params.insert(name.chopped(2), array);
        } else {
            params.insert(name, value);
        }
    }
    return params;
}

inline QString itemValue(const QStringList &items, const QString &name)
{
    for (const QString &item : items) {
        if (item.startsWith(name + u'='))
            return item.mid(name.size() + 1);
    }
    return {};
}

inline QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write the test file");
    return path;
}

} // namespace stratus::test
