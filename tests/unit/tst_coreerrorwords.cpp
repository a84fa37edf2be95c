// Core builds no sentence of its own into an error (issue 12, point 3): in the areas that word their
// errors through words::ErrorWords, no string literal reads like an English sentence where an error
// is made. A sentence there would reach a German user in English, and stratus-cli could not share it.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCoreErrorWords : public QObject
{
    Q_OBJECT

private slots:
    void noSentencesInCoreErrors_data()
    {
        QTest::addColumn<QString>("folder");
        for (const QString &area :
             {u"accounts"_s, u"storage"_s, u"catalog"_s, u"net"_s, u"api"_s, u"config"_s, u"search"_s})
            QTest::newRow(qPrintable(area)) << area;
    }

    void noSentencesInCoreErrors()
    {
        QFETCH(QString, folder);
        // Upload jobs and the file range device belong to the transfers area, which words its own.
        static const QStringList elsewhere {u"uploadjob.cpp"_s, u"chunkeduploadjob.cpp"_s,
                                            u"filerangedevice.cpp"_s};
        // clang-format off
        // "Cannot read the file", u"The catalogue could not…": a capital, a word, a space, a small letter.
        static const QRegularExpression sentence(u"(QStringLiteral\\(|\\bu)\"[A-Z][a-z]+ [a-z]"_s);
        // "unknown field '%1'", u"its id is not …": the Search API's kind of words, lower case.
        static const QRegularExpression clause(u"(QStringLiteral\\(|\\bu)\"[a-z][a-z_]* [a-z]+ "_s);
        // An error made with a literal of words: makeError(…, u"…"), invalidInput(u"…"), message = u"…".
        static const QRegularExpression madeWithWords(
            u"(makeError|invalidInput|because)\\([^;]*?\"[A-Za-z]+ [a-z]+ |\\.message\\s*=\\s*[^;]*?\"[A-Za-z]+ [a-z]+ "_s,
            QRegularExpression::DotMatchesEverythingOption);
        // clang-format on
        QStringList found;
        QDirIterator files(QStringLiteral(STRATUS_SOURCE_DIR "/src/core/") + folder, {u"*.cpp"_s, u"*.h"_s},
                           QDir::Files, QDirIterator::Subdirectories);
        int read = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            if (elsewhere.contains(QFileInfo(path).fileName()))
                continue;
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QString text = QString::fromUtf8(file.readAll());
            ++read;
            const QStringList lines = text.split(u'\n');
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const QString &line = lines.at(i);
                const QString code = line.trimmed();
                if (code.startsWith(u"//") || code.startsWith(u"///") || code.startsWith(u"*"))
                    continue;
                // Comparing with the server's words is reading them, not writing new ones.
                if (line.contains(u"startsWith(") || line.contains(u"contains("))
                    continue;
                if (sentence.match(line).hasMatch() || clause.match(line).hasMatch())
                    found.append(u"%1:%2: %3"_s.arg(QFileInfo(path).fileName()).arg(i + 1).arg(code));
            }
            for (const auto &match : madeWithWords.globalMatch(text)) {
                const qsizetype lineNumber = text.left(match.capturedStart()).count(u'\n') + 1;
                found.append(u"%1:%2: %3"_s.arg(QFileInfo(path).fileName())
                                 .arg(lineNumber)
                                 .arg(match.captured().simplified().left(100)));
            }
        }
        QVERIFY(read > 0);
        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(u"\n"_s + found.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestCoreErrorWords)
#include "tst_coreerrorwords.moc"
