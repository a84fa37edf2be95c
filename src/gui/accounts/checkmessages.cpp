#include "checkmessages.h"

#include "gui/errors/errorpresenter.h"
#include "words/checkwords.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

QString quoted(const QString &serverWords)
{
    return serverWords.trimmed().toHtmlEscaped();
}

QString percent(double value)
{
    return QLocale().toString(value, 'f', value < 10 ? 1 : 0);
}

} // namespace

QString CheckMessages::problem(const core::Error &error, const QString &cloudName)
{
    // Worded with stratus-cli's in src/words (words::CheckWords); plain text there.
    return words::CheckWords::advice(error, {cloudName, {}, {}}).toHtmlEscaped();
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
