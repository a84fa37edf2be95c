// The Overview at a glance (issue 13, point 15): given what a real stratus-sandbox answers to the
// usage report and the budget its rate-limit headers tell, the view shows one bar per metric with
// the percent the answer gives, and what is at 80 % or more stands out with words and an icon.
// Saves docs/screenshots/overview.png.
#include "sandboxaccount.h"
#include "sandboxprocess.h"

#include "core/accounts/accountstore.h"
#include "core/api/uploadapi.h"
#include "core/session/environmentsession.h"
#include "gui/environment/overviewview.h"
#include "gui/environment/usagemeter.h"

#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;

class TestOverview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void usageShowsAsBarsAndTheNearLimitOneStandsOut()
    {
        QTemporaryDir dir;
        test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(
            sandbox.start({u"--data"_s, dir.filePath(u"sandbox"_s), u"--environment"_s,
                           u"cloudinary://k1:s1@overview?admin_rate_limit=20&plan=Plus&credits_limit=225"
                           u"&max_image_bytes=20971520&max_video_bytes=2147483648&max_raw_bytes=20971520"_s},
                          1, false, &error),
            qPrintable(error));
        // Something stored, so that storage is not nothing.
        for (int i = 0; i < 3; ++i) {
            QImage picture(400 + 100 * i, 300, QImage::Format_RGB32);
            picture.fill(QColor(30 * i, 90, 160));
            const QString file = dir.filePath(u"picture%1.png"_s.arg(i));
            QVERIFY(picture.save(file));
            core::UploadOptions options;
            options.publicId = u"picture%1"_s.arg(i);
            std::unique_ptr<core::UploadJob> job(
                core::UploadApi(sandbox.context(0)).upload(file, options, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
        }
        // 14 of the hour's 20 Admin API calls spent before Stratus looks: its own check spends more.
        QVERIFY(sandbox.control(
            u"rate_limit"_s, u"overview"_s,
            {{u"limit"_s, u"20"_s}, {u"used"_s, u"14"_s}, {u"reset_in_seconds"_s, u"3000"_s}}));

        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(secrets, core::StorageLayout::under(dir.filePath(u"app"_s)));
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(
            test::addSandboxEnvironment(store, network, sandbox.cloudinaryUrls().value(0), u"Production"_s));
        core::EnvironmentSession session(&store, store.environments().constFirst().id, &network);

        gui::OverviewView view(&session, &store);
        view.resize(900, 720);
        view.show();
        session.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(session.connection() == core::EnvironmentSession::Connection::Online, 30000);
        QTRY_VERIFY(session.usage().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!session.isSyncing(), 30000);
        view.refresh();

        const core::Usage &usage = *session.usage();
        QCOMPARE(usage.plan, u"Plus"_s);
        QCOMPARE(usage.credits.limit, 225.0);
        const QList<gui::UsageMeter *> meters = view.findChildren<gui::UsageMeter *>();
        QStringList names;
        for (const gui::UsageMeter *meter : meters)
            names << meter->name();
        // A credit plan: the credits, what spends them, and the Admin API budget — one bar each.
        QCOMPARE(names,
                 (QStringList {u"Credits"_s, u"Storage"_s, u"Bandwidth"_s, u"Transformations"_s,
                               u"Admin API calls"_s}));
        const auto meter = [&](const QString &name) {
            for (gui::UsageMeter *m : meters) {
                if (m->name() == name)
                    return m;
            }
            return static_cast<gui::UsageMeter *>(nullptr);
        };
        // The answer's used_percent; below its rounding (0.00 here: little is stored), usage / limit,
        // so that what is used still shows.
        QVERIFY(usage.credits.usage > 0);
        QCOMPARE(meter(u"Credits"_s)->percent(),
                 usage.credits.usedPercent > 0 ? usage.credits.usedPercent
                                               : 100 * usage.credits.usage / usage.credits.limit);
        QCOMPARE(meter(u"Storage"_s)->percent(), 100 * usage.storage.creditsUsage / 225);
        QCOMPARE(meter(u"Credits"_s)->amount(),
                 u"%1 of 225 credits"_s.arg(QLocale().toString(usage.credits.usage, 'f', 2)));
        QVERIFY(usage.storage.usage > 0);
        QVERIFY2(
            meter(u"Storage"_s)->amount().contains(QLocale().formattedDataSize(qint64(usage.storage.usage))),
            qPrintable(meter(u"Storage"_s)->amount()));

        // The budget, from the headers of the check's calls: at 80 % or more, marked.
        const core::RateLimitBudget *budget = session.budget();
        QVERIFY(budget->isKnown());
        QCOMPARE(budget->limit(), 20);
        QVERIFY2(budget->remaining() <= 4, qPrintable(QString::number(budget->remaining())));
        gui::UsageMeter *calls = meter(u"Admin API calls"_s);
        QCOMPARE(calls->percent(), 100.0 * (20 - budget->remaining()) / 20);
        QVERIFY(calls->amount().startsWith(u"%1 of 20 calls left"_s.arg(budget->remaining())));
        // Exactly that one stands out, with words (not by colour alone).
        for (gui::UsageMeter *m : meters) {
            QCOMPARE(m->isNearLimit(), m == calls);
            QCOMPARE(m->findChild<QLabel *>(u"nearLimitNote"_s)->isVisibleTo(m), m == calls);
        }
        QVERIFY(calls->findChild<QLabel *>(u"nearLimitNote"_s)->text().contains(u"Near the limit"_s));

        // The media limits, compactly, and no more lines of numbers.
        auto *usageText = view.findChild<QLabel *>(u"usageValue"_s);
        QVERIFY2(
            usageText->text().contains(u"Largest upload: image 20 MiB · video 2 GiB · other file 20 MiB"_s),
            qPrintable(usageText->text()));
        QVERIFY2(usageText->text().contains(u"Plus plan"_s), qPrintable(usageText->text()));

        // The layout shows what was added to it from the event loop.
        QTRY_VERIFY(calls->isVisible() && meter(u"Credits"_s)->isVisible());
        QVERIFY(view.grab().save(QStringLiteral(STRATUS_SOURCE_DIR) + u"/docs/screenshots/overview.png"_s));
    }

    void aPlanWithLimitsHasABarPerLimit()
    {
        // A plan sold by limits: storage, bandwidth and transformations each against its own, no
        // credits. 30 KB may be stored; the pictures below take most of it.
        QTemporaryDir dir;
        test::SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start({u"--data"_s, dir.filePath(u"sandbox"_s), u"--environment"_s,
                                u"cloudinary://k2:s2@limits?storage_limit=30000"_s},
                               1, false, &error),
                 qPrintable(error));
        qint64 stored = 0;
        for (int i = 0; stored < 24000 && i < 50; ++i) {
            QImage picture(64, 64, QImage::Format_RGB32);
            for (int y = 0; y < 64; ++y) {
                for (int x = 0; x < 64; ++x)
                    picture.setPixel(x, y, qRgb((x * 37 + i * 11) % 256, (y * 53) % 256, (x * y + i) % 256));
            }
            const QString file = dir.filePath(u"noise%1.png"_s.arg(i));
            QVERIFY(picture.save(file));
            core::UploadOptions options;
            options.publicId = u"noise%1"_s.arg(i);
            std::unique_ptr<core::UploadJob> job(
                core::UploadApi(sandbox.context(0)).upload(file, options, nullptr));
            QVERIFY2(test::runToEnd(job.get()) && !job->error(), test::errorText(job.get()).constData());
            stored += QFileInfo(file).size();
        }
        QVERIFY(stored <= 30000);

        auto secrets = std::make_shared<core::MemorySecretStore>();
        core::AccountStore store(secrets, core::StorageLayout::under(dir.filePath(u"app"_s)));
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(test::addSandboxEnvironment(store, network, sandbox.cloudinaryUrls().value(0), u"Limits"_s));
        core::EnvironmentSession session(&store, store.environments().constFirst().id, &network);
        gui::OverviewView view(&session, &store);
        view.show();
        session.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(session.usage().has_value(), 30000);
        view.refresh();

        const core::Usage &usage = *session.usage();
        QCOMPARE(usage.credits.limit, 0.0);
        QCOMPARE(usage.storage.limit, 30000.0);
        QStringList names;
        gui::UsageMeter *storage = nullptr;
        for (gui::UsageMeter *meter : view.findChildren<gui::UsageMeter *>()) {
            names << meter->name();
            if (meter->name() == u"Storage")
                storage = meter;
        }
        // Assets have no limit here: no bar for them.
        QCOMPARE(names,
                 (QStringList {u"Storage"_s, u"Bandwidth"_s, u"Transformations"_s, u"Admin API calls"_s}));
        QCOMPARE(storage->percent(), usage.storage.usedPercent);
        QVERIFY2(storage->percent() >= 80, qPrintable(QString::number(storage->percent())));
        QVERIFY(storage->isNearLimit());
        QCOMPARE(storage->amount(),
                 u"%1 of %2"_s.arg(QLocale().formattedDataSize(qint64(usage.storage.usage)),
                                   QLocale().formattedDataSize(30000)));
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
