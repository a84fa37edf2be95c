// German and French are shipped complete: every message translated, every placeholder kept, none
// unfinished or left over from code that is gone (obsolete, vanished); English has every plural form.
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
        // English holds only the plural forms ("%n file(s)" → "1 file" / "2 files").
        QTest::newRow("en plurals") << QStringLiteral(STRATUS_SOURCE_DIR "/translations/stratus_en.ts");
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
                // "unfinished": never translated, or its source changed since; "obsolete"/"vanished": its
                // source is gone from the code (update_translations drops those, a stale file keeps them).
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                QVERIFY2(type != u"obsolete" && type != u"vanished",
                         qPrintable(QStringLiteral("obsolete (regenerate the .ts files): ") + source));
                const bool unfinished = type == u"unfinished";
                // A plural message (numerus="yes") holds one <numerusform> per plural form; each must be
                // translated. Any other message holds its text directly.
                QStringList forms;
                QString plain;
                while (xml.readNext() != QXmlStreamReader::Invalid
                       && !(xml.isEndElement() && xml.name() == u"translation")) {
                    if (xml.isStartElement() && xml.name() == u"numerusform")
                        forms.append(xml.readElementText());
                    else if (xml.isCharacters())
                        plain += xml.text();
                }
                if (forms.isEmpty())
                    forms.append(plain);
                ++messages;
                auto placeholders = [](const QString &text) {
                    QSet<QString> found;
                    for (const auto &match : placeholder.globalMatch(text))
                        found.insert(match.captured());
                    return found;
                };
                for (const QString &translation : std::as_const(forms)) {
                    QVERIFY2(!unfinished && !translation.trimmed().isEmpty(),
                             qPrintable(QStringLiteral("untranslated: ") + source));
                    QCOMPARE(placeholders(translation), placeholders(source));
                }
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 0);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
