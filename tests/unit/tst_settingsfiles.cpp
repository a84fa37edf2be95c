// Who may open a settings file, checked in the sources: nobody constructs a QSettings in its
// default place (QSettings(), QSettings(parent), organisation and application names, a scope),
// which would be the user's real file in a test and a second, unsignalled copy of the preferences
// in the app; and in the app and its GUI only the preferences service opens one at all (issue 12:
// "nothing else constructs a default QSettings"). Every other QSettings names its file and format.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Construction
{
    QString file; ///< relative to the source directory
    int line = 0;
    QString text; ///< from "QSettings" to the end of its arguments
    bool explicitFile = false; ///< (file name, QSettings::IniFormat or NativeFormat[, parent])
};

// The code without its comments and literals (each character replaced by a space, so that line
// numbers stay): a comment may say "QSettings()", a test may hold the word in a string.
QString codeOnly(const QString &source)
{
    QString code = source;
    const auto blank = [&code](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to && i < code.size(); ++i) {
            if (code.at(i) != u'\n')
                code[i] = u' ';
        }
    };
    qsizetype i = 0;
    while (i < code.size()) {
        const QStringView rest = QStringView(code).mid(i);
        const QChar previous = i > 0 ? code.at(i - 1) : QChar();
        qsizetype end = -1;
        if (rest.startsWith(u"//")) {
            end = code.indexOf(u'\n', i);
        } else if (rest.startsWith(u"/*")) {
            end = code.indexOf(u"*/", i + 2);
            end = end < 0 ? -1 : end + 2;
        } else if (rest.startsWith(u"R\"")) {
            // R"delimiter( … )delimiter"
            const qsizetype open = code.indexOf(u'(', i + 2);
            const QString close = u')' + code.mid(i + 2, open - i - 2) + u'"';
            end = open < 0 ? -1 : code.indexOf(close, open);
            end = end < 0 ? -1 : end + close.size();
        } else if (rest.startsWith(u'"') || (rest.startsWith(u'\'') && !previous.isDigit())) {
            // A quote after a digit separates digits (100'000) rather than opening a character.
            const QChar quote = rest.at(0);
            end = i + 1;
            while (end < code.size() && code.at(end) != quote && code.at(end) != u'\n')
                end += code.at(end) == u'\\' ? 2 : 1;
            ++end;
        } else {
            ++i;
            continue;
        }
        if (end < 0)
            end = code.size();
        blank(i, end);
        i = end;
    }
    return code;
}

// The top-level arguments of the call whose opening bracket is at `open`; `end` is set to just
// after its closing bracket.
QStringList argumentsAt(const QString &code, qsizetype open, qsizetype *end)
{
    const QChar close = code.at(open) == u'{' ? u'}' : u')';
    QStringList arguments;
    QString current;
    int depth = 0;
    qsizetype i = open + 1;
    for (; i < code.size(); ++i) {
        const QChar c = code.at(i);
        if (depth == 0 && c == close)
            break;
        // Angle brackets are left alone: `->` and comparisons are more common in arguments than
        // templates with commas.
        if (c == u'(' || c == u'{' || c == u'[')
            ++depth;
        else if (c == u')' || c == u'}' || c == u']')
            --depth;
        if (depth == 0 && c == u',') {
            arguments << current.simplified();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.simplified().isEmpty())
        arguments << current.simplified();
    *end = std::min(i + 1, code.size());
    return arguments;
}

// Every place `code` makes a QSettings: a variable (`QSettings s;`, `QSettings s(…)`, `QSettings
// s{…}`), a temporary (`QSettings(…)`), `new QSettings(…)`, `make_unique/make_shared<QSettings>(…)`.
QList<Construction> constructionsIn(const QString &file, const QString &source)
{
    static const QRegularExpression made(
        uR"((?<!class )(?<!struct )\bQSettings\s*(?:>\s*)?(\w+\s*)?([({;]))"_s);
    static const QRegularExpression fileAndFormat(uR"(^QSettings\s*::\s*(IniFormat|NativeFormat)$)"_s);
    const QString code = codeOnly(source);
    QList<Construction> found;
    for (auto it = made.globalMatch(code); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        // "QSettings>" only as the argument of make_unique/make_shared, where it is made.
        const bool templated = match.captured(0).contains(u'>');
        if (templated && !code.left(match.capturedStart()).trimmed().endsWith(u"make_unique<"_s)
            && !code.left(match.capturedStart()).trimmed().endsWith(u"make_shared<"_s))
            continue;
        Construction construction;
        construction.file = file;
        construction.line = int(code.left(match.capturedStart()).count(u'\n')) + 1;
        qsizetype end = match.capturedEnd();
        const QStringList arguments
            = match.captured(2) == u";"_s ? QStringList() : argumentsAt(code, match.capturedStart(2), &end);
        construction.text = source.mid(match.capturedStart(), end - match.capturedStart()).simplified();
        construction.explicitFile = (arguments.size() == 2 || arguments.size() == 3)
            && fileAndFormat.match(arguments.at(1)).hasMatch() && !arguments.at(0).startsWith(u"QSettings"_s);
        found << construction;
    }
    return found;
}

// Every QSettings made in the C++ files under `folders` of the source tree.
QList<Construction> constructionsUnder(const QStringList &folders)
{
    const QString root = QStringLiteral(STRATUS_SOURCE_DIR);
    QList<Construction> found;
    for (const QString &folder : folders) {
        QDirIterator it(root + u'/' + folder, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(path));
            found += constructionsIn(path.mid(root.size() + 1), QString::fromUtf8(file.readAll()));
        }
    }
    return found;
}

QString where(const Construction &construction)
{
    return u"%1:%2: %3"_s.arg(construction.file).arg(construction.line).arg(construction.text);
}

} // namespace

class TestSettingsFiles : public QObject
{
    Q_OBJECT

private slots:
    // The scanner itself: what it must catch and what it must let through.
    void recognisesConstructions_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("defaults"); ///< QSettings made in their default place
        QTest::addColumn<int>("withFiles"); ///< QSettings made over a named file
        QTest::newRow("temporary") << u"auto s = load(QSettings());"_s << 1 << 0;
        QTest::newRow("variable") << u"QSettings settings;"_s << 1 << 0;
        QTest::newRow("with a parent") << u"auto *s = new QSettings(this);"_s << 1 << 0;
        QTest::newRow("organisation") << u"QSettings s(u\"Stratus\"_s, u\"Stratus\"_s);"_s << 1 << 0;
        QTest::newRow("scope and format")
            << u"QSettings s(QSettings::IniFormat, QSettings::UserScope, org, app);"_s << 1 << 0;
        QTest::newRow("braces") << u"QSettings s {};"_s << 1 << 0;
        QTest::newRow("make_unique, default") << u"m = std::make_unique<QSettings>();"_s << 1 << 0;
        QTest::newRow("file") << u"QSettings s(path, QSettings::IniFormat);"_s << 0 << 1;
        QTest::newRow("file, new, parent")
            << u"new QSettings(m->dir() + f(a, b), QSettings::NativeFormat, this)"_s << 0 << 1;
        QTest::newRow("make_unique")
            << u"m = std::make_unique<QSettings>(copy.fileName(), QSettings::IniFormat);"_s << 0 << 1;
        QTest::newRow("references, pointers, enums, includes")
            << u"#include <QSettings>\nclass QSettings;\nvoid f(QSettings &s, const QSettings *p);\n"
               u"std::unique_ptr<QSettings> m;\nif (s.status() != QSettings::NoError) {}"_s
            << 0 << 0;
        QTest::newRow("comments and strings")
            << u"// QSettings() is not used\n/* new QSettings(this) */ auto s = u\"QSettings()\"_s;"_s << 0
            << 0;
        QTest::newRow("raw string") << u"auto s = uR\"x(a \" QSettings() \" b)x\"_s; QSettings t;"_s << 1
                                    << 0;
        QTest::newRow("digit separators and quotes")
            << u"qint64 a = 100'000'000; QSettings t; char c = '\\''; QSettings u(f, QSettings::IniFormat);"_s
            << 1 << 1;
    }

    void recognisesConstructions()
    {
        QFETCH(QString, source);
        QFETCH(int, defaults);
        QFETCH(int, withFiles);
        const QList<Construction> found = constructionsIn(u"sample.cpp"_s, source);
        const auto named
            = std::count_if(found.cbegin(), found.cend(), [](const auto &c) { return c.explicitFile; });
        QCOMPARE(found.size() - named, defaults);
        QCOMPARE(named, withFiles);
    }

    void noDefaultSettingsAnywhere()
    {
        QStringList offenders;
        for (const Construction &construction : constructionsUnder({u"src"_s, u"tests"_s})) {
            // This file's own samples are strings, so the scanner does not see them.
            if (!construction.explicitFile)
                offenders << where(construction);
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable(u"a QSettings in its default place (hand the code the Preferences "
                            u"instead):\n"_s
                            + offenders.join(u'\n')));
    }

    void theAppOpensSettingsOnlyThroughThePreferences()
    {
        QStringList offenders;
        for (const Construction &construction :
             constructionsUnder({u"src/app"_s, u"src/gui"_s, u"src/web"_s})) {
            if (construction.file != u"src/gui/settings/preferences.cpp"_s)
                offenders << where(construction);
        }
        QVERIFY2(offenders.isEmpty(),
                 qPrintable(u"only gui::Preferences opens the app's settings:\n"_s + offenders.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestSettingsFiles)
#include "tst_settingsfiles.moc"
