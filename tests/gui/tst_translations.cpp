// German and French are shipped complete: every message translated, every placeholder kept.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void complete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral(STRATUS_SOURCE_DIR "/translations/stratus_de.ts");
        QTest::newRow("fr") << QStringLiteral(STRATUS_SOURCE_DIR "/translations/stratus_fr.ts");
    }

    void complete()
    {
        QFETCH(QString, file);
        QFile ts(file);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QString source;
        static const QRegularExpression placeholder(QStringLiteral("%\\d+"));
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                const bool unfinished = xml.attributes().value(QStringLiteral("type")) == u"unfinished";
                const QString translation = xml.readElementText();
                ++messages;
                QVERIFY2(!unfinished && !translation.trimmed().isEmpty(), qPrintable(QStringLiteral("untranslated: ") + source));
                auto placeholders = [](const QString &text) {
                    QSet<QString> found;
                    for (const auto &match : placeholder.globalMatch(text))
                        found.insert(match.captured());
                    return found;
                };
                QCOMPARE(placeholders(translation), placeholders(source));
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 0);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
