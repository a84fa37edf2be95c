#include "checkmessages.h"

#include "gui/errors/errorpresenter.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

QString quoted(const QString &serverWords)
{
    return serverWords.trimmed().toHtmlEscaped();
}

// The server's or the system's words when there are any, else what words::ErrorWords says.
QString said(const core::Error &error)
{
    return error.message.trimmed().isEmpty() ? ErrorPresenter::richText(error) : quoted(error.message);
}

QString percent(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 1 : 0);
}

} // namespace

QString CheckMessages::problem(const core::Error &error, const QString &cloudName)
{
    const QString words = said(error);
    const core::CheckProblem problem = core::classifyProblem(error);
    // Refused by Stratus itself, not by the server (no secret in the keychain, the keychain denied
    // access): the explanations below quote the server, or speak of a keychain that does not run.
    if (error.reason != core::ErrorReason::None
        && (problem == core::CheckProblem::WrongCredentials || problem == core::CheckProblem::Permission
            || (problem == core::CheckProblem::Keychain && error.kind == core::Error::Kind::Auth)))
        return tr("The check failed: %1").arg(ErrorPresenter::richText(error));
    switch (problem) {
    case core::CheckProblem::None:
        break;
    case core::CheckProblem::WrongCredentials:
        return tr("The API key or the API secret is wrong. Copy both again from the Cloudinary Console "
                  "(Settings → API Keys) and check that the key is enabled. The server said: “%1”.")
            .arg(words);
    case core::CheckProblem::UnknownCloud:
        return tr("There is no cloud named “%1”. Check the cloud name on the dashboard of the Cloudinary "
                  "Console; it is case-sensitive.")
            .arg(cloudName.toHtmlEscaped());
    case core::CheckProblem::NoNetwork:
        return tr("Cloudinary could not be reached: %1. Check your internet connection; if you reach the "
                  "internet through a proxy, check it in Settings → Network.")
            .arg(words);
    case core::CheckProblem::Proxy:
        return tr("The network proxy refused the connection or asked for a password (%1). Check the proxy in "
                  "Settings → Network.")
            .arg(words);
    case core::CheckProblem::Tls:
        return tr("No secure connection could be made (certificate or TLS error: %1). If your network "
                  "inspects encrypted traffic, ask your administrator to let Cloudinary through; Stratus "
                  "never ignores certificate errors.")
            .arg(words);
    case core::CheckProblem::Permission:
        return tr("These credentials may not use the Admin API. The server said: “%1”. Limited keys still "
                  "work for what they may do (for example uploading or delivering), but Stratus cannot "
                  "browse or search this environment with them. Use a key with Admin API access, or choose "
                  "“Add Anyway” to keep it with these limits.")
            .arg(words);
    case core::CheckProblem::RateLimited:
        if (error.retryAfter && error.retryAfter->isValid())
            return tr("This environment has used up its Admin API calls for now (the server said: “%1”). "
                      "Try again after %2.")
                .arg(words, QLocale().toString(error.retryAfter->toLocalTime().time(), QLocale::ShortFormat));
        return tr("This environment has used up its Admin API calls for now (the server said: “%1”). Try "
                  "again in a while; the budget is renewed every hour.")
            .arg(words);
    case core::CheckProblem::Server:
        return tr("The server answered with an error that is not about your credentials: “%1”. Try again "
                  "later; if this is a private or local server, check its address (upload_prefix).")
            .arg(words);
    case core::CheckProblem::Keychain:
        return tr(
            "Your keychain (Secret Service) is locked or not running, and Stratus keeps secrets nowhere "
            "else. Unlock your keyring, or start gnome-keyring or KWallet, and try again. Nothing was "
            "changed.");
    case core::CheckProblem::InsecureTransport:
        return tr("The address would send the API secret unencrypted (plain http) to another computer, "
                  "where anyone on the networks in between could read it. Stratus does that only when you "
                  "allow it for the environment: use an https:// address, or allow unencrypted sending in "
                  "Accounts.");
    case core::CheckProblem::Other:
        break;
    }
    return tr("The check failed: %1").arg(ErrorPresenter::richText(error));
}

QString CheckMessages::progress(int index, int count, const QString &label)
{
    if (count == 1)
        return tr("Testing the connection to “%1”…").arg(label.toHtmlEscaped());
    return tr("Testing “%1” (%2 of %3)…")
        .arg(label.toHtmlEscaped(), QString::number(index + 1), QString::number(count));
}

QString CheckMessages::storeProblem(const core::Error &error)
{
    switch (error.kind) {
    case core::Error::Kind::Unavailable:
        return problem(error, QString());
    default:
        break;
    }
    return tr("Nothing was changed: %1").arg(ErrorPresenter::richText(error));
}

QString CheckMessages::failures(const QList<CheckBatch::Outcome> &outcomes)
{
    QStringList paragraphs;
    for (const CheckBatch::Outcome &outcome : outcomes) {
        if (outcome.result.ok())
            continue;
        const QString message = problem(outcome.result.error(), outcome.cloudName);
        if (outcomes.size() > 1)
            paragraphs.append(u"<p><b>%1</b>: %2</p>"_s.arg(outcome.label.toHtmlEscaped(), message));
        else
            paragraphs.append(u"<p>%1</p>"_s.arg(message));
    }
    return paragraphs.join(QString());
}

bool CheckMessages::onlyPermissionProblems(const QList<CheckBatch::Outcome> &outcomes)
{
    bool any = false;
    for (const CheckBatch::Outcome &outcome : outcomes) {
        if (outcome.result.ok())
            continue;
        if (core::classifyProblem(outcome.result.error()) != core::CheckProblem::Permission)
            return false;
        any = true;
    }
    return any;
}

QString CheckMessages::summary(const core::EnvironmentCheckResult &result)
{
    QStringList lines;
    lines.append(tr("Folder mode: %1").arg(folderMode(result.folderMode)));
    if (result.usage) {
        const core::Usage &usage = *result.usage;
        if (!usage.plan.isEmpty())
            lines.append(tr("Plan: %1").arg(usage.plan.toHtmlEscaped()));
        if (usage.credits.limit > 0)
            lines.append(tr("Credits used: %1 of %2 (%3%)")
                             .arg(QLocale().toString(usage.credits.usage),
                                  QLocale().toString(usage.credits.limit),
                                  percent(usage.credits.usedPercent)));
        if (usage.storage.limit > 0)
            lines.append(tr("Storage used: %1%").arg(percent(usage.storage.usedPercent)));
        lines.append(tr("Assets: %1").arg(QLocale().toString(usage.resources)));
    }
    if (result.rateLimit > 0)
        lines.append(
            tr("Admin API: %1 of %2 calls left this hour")
                .arg(QLocale().toString(result.rateRemaining), QLocale().toString(result.rateLimit)));
    QString text = lines.join(u"<br>"_s);
    const QString denied = deniedFeatures(result.deniedFeatures);
    if (!denied.isEmpty())
        text += u"<br>"_s + denied;
    return text;
}

QString CheckMessages::deniedFeatures(const QMap<QString, QString> &denied)
{
    if (denied.isEmpty())
        return {};
    QStringList items;
    for (auto it = denied.cbegin(); it != denied.cend(); ++it)
        items.append(tr("%1 — the server said: “%2”").arg(featureName(it.key()), quoted(it.value())));
    return tr("Not allowed with these credentials:") + u"<ul><li>"_s + items.join(u"</li><li>"_s)
        + u"</li></ul>"_s;
}

QString CheckMessages::featureName(const QString &feature)
{
    if (feature == core::Feature::Admin)
        return tr("browsing and editing (Admin API)");
    if (feature == core::Feature::Config)
        return tr("reading the folder mode");
    if (feature == core::Feature::Usage)
        return tr("reading the plan and usage");
    if (feature == core::Feature::Search)
        return tr("searching");
    if (feature == core::Feature::Upload)
        return tr("uploading");
    return feature.toHtmlEscaped();
}

QString CheckMessages::folderMode(core::FolderMode mode)
{
    switch (mode) {
    case core::FolderMode::Fixed:
        return tr("fixed");
    case core::FolderMode::Dynamic:
        return tr("dynamic");
    case core::FolderMode::Unknown:
        break;
    }
    return tr("not known yet");
}

} // namespace stratus::gui
