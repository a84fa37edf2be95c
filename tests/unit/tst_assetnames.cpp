// The naming rules of asset operations (core/assets/assetnames.h) and the folders made in this run
// (LocalFolders), which the browser's dialogs, AssetService and stratus-cli share.
#include "core/assets/assetnames.h"
#include "core/assets/localfolders.h"

#include <QTest>

using namespace stratus;
using namespace Qt::StringLiterals;
using core::ErrorReason;
using core::catalog::CatalogAsset;

class TestAssetNames : public QObject
{
    Q_OBJECT

private slots:
    void publicIds_data()
    {
        QTest::addColumn<QString>("publicId");
        QTest::addColumn<QString>("renamed"); // to "new"
        QTest::addColumn<QString>("moved"); // to "x/y"
        QTest::addColumn<QString>("movedHome");
        QTest::newRow("in Home") << u"cat"_s << u"new"_s << u"x/y/cat"_s << u"cat"_s;
        QTest::newRow("in a folder") << u"a/b/cat"_s << u"a/b/new"_s << u"x/y/cat"_s << u"cat"_s;
    }
    void publicIds()
    {
        QFETCH(QString, publicId);
        CatalogAsset asset;
        asset.publicId = publicId;
        QTEST(core::assets::renamedPublicId(asset, u"new"_s), "renamed");
        QTEST(core::assets::movedPublicId(asset, u"x/y"_s), "moved");
        QTEST(core::assets::movedPublicId(asset, QString()), "movedHome");
    }

    void normalizedFolder_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("folder");
        QTest::newRow("Home") << u"/"_s << QString();
        QTest::newRow("plain") << u"a/b"_s << u"a/b"_s;
        QTest::newRow("slashes and blanks") << u" /a// b /"_s << u"a/b"_s;
    }
    void normalizedFolder()
    {
        QFETCH(QString, path);
        QTEST(core::assets::normalizedFolder(path), "folder");
    }

    void nameProblem_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<ErrorReason>("reason"); // None: a good name
        QTest::newRow("good") << u"sunset 2"_s << ErrorReason::None;
        QTest::newRow("unicode") << u"Äpfel_été"_s << ErrorReason::None;
        QTest::newRow("empty") << QString() << ErrorReason::AssetNameEmpty;
        QTest::newRow("blank") << u"   "_s << ErrorReason::AssetNameEmpty;
        QTest::newRow("slash") << u"a/b"_s << ErrorReason::AssetNameHasSlash;
        for (const QString &c : {u"\\"_s, u"?"_s, u"&"_s, u"#"_s, u"%"_s, u"<"_s, u">"_s})
            QTest::addRow("forbidden %s", qPrintable(c))
                << (u"a"_s + c + u"b"_s) << ErrorReason::AssetNameForbiddenCharacter;
        QTest::newRow("leading space") << u" a"_s << ErrorReason::AssetNameEdgeSpace;
        QTest::newRow("trailing space") << u"a "_s << ErrorReason::AssetNameEdgeSpace;
    }
    void nameProblem()
    {
        QFETCH(QString, name);
        QFETCH(ErrorReason, reason);
        const std::optional<core::Error> problem = core::assets::nameProblem(name);
        QCOMPARE(problem.has_value(), reason != ErrorReason::None);
        if (problem) {
            QCOMPARE(problem->kind, core::Error::Kind::InvalidInput);
            QCOMPARE(problem->reason, reason);
            QCOMPARE(problem->subject, name);
            QVERIFY(problem->message.isEmpty());
        }
    }

    void localFolders()
    {
        core::assets::LocalFolders folders;
        QVERIFY(folders.isEmpty());
        folders.add(u"a/b/c"_s);
        QVERIFY(folders.contains(u"a"_s) && folders.contains(u"a/b"_s) && folders.contains(u"a/b/c"_s));
        QVERIFY(folders.hasChildren({}));
        QVERIFY(folders.hasChildren(u"a/b"_s));
        QVERIFY(!folders.hasChildren(u"a/b/c"_s));

        folders.rename(u"a/b"_s, u"z"_s);
        QVERIFY(!folders.contains(u"a/b"_s) && !folders.contains(u"a/b/c"_s));
        QVERIFY(folders.contains(u"z"_s) && folders.contains(u"z/c"_s));
        QVERIFY(folders.contains(u"a"_s)); // the parent stays

        // Merged into the catalogue's listing by name; the catalogue's own row wins.
        QList<core::catalog::CatalogFolder> listed(1);
        listed[0].path = u"m"_s;
        listed[0].name = u"m"_s;
        listed[0].totalCount = 4;
        folders.mergeInto(listed, {});
        QStringList names;
        for (const auto &folder : std::as_const(listed))
            names.append(folder.name);
        QCOMPARE(names, (QStringList {u"a"_s, u"m"_s, u"z"_s}));
        QCOMPARE(listed.at(1).totalCount, 4);
        QVERIFY(listed.at(2).hasChildren);

        folders.remove(u"z"_s);
        QVERIFY(!folders.contains(u"z"_s) && !folders.contains(u"z/c"_s));
    }
};

QTEST_GUILESS_MAIN(TestAssetNames)
#include "tst_assetnames.moc"
