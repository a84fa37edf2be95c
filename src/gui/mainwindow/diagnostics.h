#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <mutex>

namespace stratus::gui {

/// What Help → Report a Problem copies for a bug report: Stratus's and Qt's versions, the system,
/// the environments (how many, their folder modes, whether they answer — no names, keys or URLs) and
/// the last warnings Stratus logged. Nothing in it is a secret or a signed URL: every line passes
/// redact(), which removes credentials in URLs, API secrets, signatures, tokens and signed delivery
/// URL components, whatever produced the line.
///
/// RecentProblems keeps the last warnings and errors of the run: made once by the composition root
/// (src/app), which makes it the Qt message handler (passing every message on to the one before);
/// tests make their own and record() into it. Any thread.
class RecentProblems
{
public:
    static constexpr int kKept = 30;

    RecentProblems() = default;
    ~RecentProblems();
    RecentProblems(const RecentProblems &) = delete;
    RecentProblems &operator=(const RecentProblems &) = delete;

    /// Becomes the Qt message handler until destroyed (one at a time).
    void install();
    /// Keeps @p text when it is a warning or worse (redacted at once, so a secret never stays).
    void record(QtMsgType type, const QString &category, const QString &text);
    [[nodiscard]] QStringList lines() const;

private:
    mutable std::mutex m_mutex;
    QStringList m_lines;
    bool m_installed = false;
};

/// The report's text. In English on purpose (whoever reads it at the issue tracker reads English);
/// the words around it, in the Report a Problem window, are translated.
class Diagnostics
{
public:
    /// @p environments: one line each, as environmentLine() makes them.
    [[nodiscard]] static QString report(const QStringList &environments, const QStringList &recentProblems);
    /// "Dynamic folders, online" — what may matter, nothing that names the environment.
    [[nodiscard]] static QString environmentLine(bool embeddedSandbox, const QString &folderMode,
                                                 const QString &connection);
    /// @p text without anything that could let someone in: user:password in URLs, api_secret,
    /// signature, token and similar parameters, Authorization headers, `s--…--` signature
    /// components, `cloudinary://` and `account://` URLs, and query strings of any URL.
    [[nodiscard]] static QString redact(QString text);
};

} // namespace stratus::gui
