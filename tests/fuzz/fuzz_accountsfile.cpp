// libFuzzer target for reading accounts.ini (core/accounts/accountsfile): the file is whatever the
// fuzzer makes of it. For any file: reading never crashes and takes time in proportion to the file
// (a stored `size` does not drive the work; libFuzzer's -timeout catches a loop that it would);
// every entry of an array is either used or kept; writing what was read and reading that back
// loses nothing — the same records, the same kept settings, the same damaged entries — and
// writing again gives the same bytes.
#include "core/accounts/accountsfile.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace stratus::core;

namespace {

[[noreturn]] void failWith(const char *what, const QByteArray &input, const QString &detail)
{
    std::fprintf(stderr, "%s\ninput:\n%s\ndetail: %s\n", what, input.constData(),
                 detail.toUtf8().constData());
    std::abort();
}

// As AccountStore reads it: through a copy without typed values, never the file itself.
AccountsFileContents readFile(const QString &path)
{
    AccountsFileReader reader(path);
    if (reader.error())
        return {};
    return readAccountsFile(reader.settings());
}

QByteArray writeFile(const QString &path, const AccountsFileContents &contents)
{
    {
        QSettings settings(path, QSettings::IniFormat);
        writeAccountsFile(settings, 1, contents);
        settings.sync();
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int damagedEntries(const AccountsFileContents &contents)
{
    int count = 0;
    for (const SettingsProblem &problem : contents.problems)
        count += problem.isDamagedEntry() ? 1 : 0;
    return count;
}

// The records as text, to compare two readings.
QString recordsOf(const AccountsFileContents &contents)
{
    QString text;
    for (const AccountRecord &a : contents.accounts)
        text += u"A %1|%2|%3|%4|%5\n"_s.arg(a.id, a.label, a.provisioningUrl.toString())
                    .arg(a.loggedIn)
                    .arg(a.embeddedSandbox);
    for (const EnvironmentRecord &e : contents.environments) {
        text += u"E %1|%2|%3|%4|%5|%6|%7|%8\n"_s
                    .arg(e.id, e.accountId, e.name, e.url.toString(), folderModeName(e.folderMode))
                    .arg(e.embeddedSandbox)
                    .arg(e.allowInsecureTransport)
                    .arg(e.checkedAt.toUTC().toString(Qt::ISODate));
        for (auto it = e.deniedFeatures.cbegin(); it != e.deniedFeatures.cend(); ++it)
            text += u"  denied %1=%2\n"_s.arg(it.key(), it.value());
    }
    for (const ExtraSettings *extras : {&contents.accountExtras, &contents.environmentExtras}) {
        QStringList ids = extras->keys();
        ids.sort();
        for (const QString &id : std::as_const(ids)) {
            for (const auto &[key, value] : extras->value(id))
                text += u"  extra %1 %2=%3\n"_s.arg(id, key, value.toString());
        }
    }
    return text + u"current " + contents.currentId + u"\nkeys "_s + contents.secretKeys.join(u'|');
}

// The settings kept without being used, as text: where, and each key with its value.
QString keptOf(const AccountsFileContents &contents)
{
    QString text;
    for (const KeptSettings &kept : contents.kept) {
        text += kept.path + u" {"_s;
        for (const auto &[key, value] : kept.values)
            text += u" %1=%2"_s.arg(key, value.toString());
        text += u" }\n"_s;
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char *data, std::size_t size)
{
    static QTemporaryDir dir;
    static int run = 0;
    // A fresh name each time: QSettings caches files by name and by time stamp.
    const QString prefix = dir.filePath(QString::number(++run));
    const QString input = prefix + u"-in.ini"_s;
    const QString first = prefix + u"-first.ini"_s;
    const QString second = prefix + u"-second.ini"_s;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    {
        QFile file(input);
        if (!file.open(QIODevice::WriteOnly))
            std::abort();
        file.write(bytes);
    }

    const AccountsFileContents read = readFile(input);
    for (const SettingsProblem &problem : read.problems) {
        if (problem.error().reason == stratus::core::ErrorReason::None || problem.location().isEmpty())
            failWith("a problem without words", bytes, problem.location());
    }
    const QByteArray written = writeFile(first, read);
    const AccountsFileContents again = readFile(first);
    if (recordsOf(again) != recordsOf(read))
        failWith("writing changed the records", bytes, recordsOf(read) + u"\n→\n"_s + recordsOf(again));
    if (keptOf(again) != keptOf(read) || damagedEntries(again) != damagedEntries(read))
        failWith("writing lost kept settings", bytes,
                 QString::fromUtf8(written) + u"\nkept before: "_s + keptOf(read) + u"\nkept after: "_s
                     + keptOf(again));
    for (const SettingsProblem &problem : again.problems) {
        if (!problem.isDamagedEntry())
            failWith("a written array size disagrees with its entries", bytes, QString::fromUtf8(written));
    }
    const QByteArray rewritten = writeFile(second, again);
    if (rewritten != written)
        failWith("writing is not a fixed point", bytes,
                 QString::fromUtf8(written) + u"\n→\n"_s + QString::fromUtf8(rewritten));

    for (const QString &path : {input, first, second}) {
        QFile::remove(path);
        QFile::remove(path + u".lock"_s);
    }
    return 0;
}
