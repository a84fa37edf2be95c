#include "accountmessages.h"

#include "gui/errors/errorpresenter.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::gui {

namespace {

QString escaped(const QString &stored)
{
    return core::displaySafe(stored).toHtmlEscaped();
}

// "The environment “prod” (entry 3 of environments)", or without a name when it has none.
QString subject(const core::SettingsProblem &problem)
{
    const bool environment = problem.array == u"environments";
    if (problem.name.isEmpty()) {
        return environment ? AccountMessages::tr("An environment (entry %1)").arg(escaped(problem.key))
                           : AccountMessages::tr("An account (entry %1)").arg(escaped(problem.key));
    }
    return environment
        ? AccountMessages::tr("The environment “%1” (entry %2)")
              .arg(escaped(problem.name), escaped(problem.key))
        : AccountMessages::tr("The account “%1” (entry %2)").arg(escaped(problem.name), escaped(problem.key));
}

} // namespace

QString AccountMessages::nameProblem(const core::NameCheck &check)
{
    if (check.problem == core::NameProblem::Empty)
        return tr("Enter a name.");
    return tr("A name must not contain control characters, line breaks or text-direction marks, which "
              "could break it up or make it look like another name. This one has %1 at position %2.")
        .arg(core::codePointText(check.character), QLocale().toString(check.position + 1));
}

QString AccountMessages::settingsProblem(const core::SettingsProblem &problem)
{
    // Why, in ErrorWords' words (shared with stratus-cli); which list or entry, here.
    const QString why = ErrorPresenter::richText(problem.error());
    if (!problem.isDamagedEntry()) {
        return tr("The list of %1: %2")
            .arg(problem.array == u"environments" ? tr("product environments") : tr("accounts"), why);
    }
    return tr("%1: %2").arg(subject(problem), why);
}

QString AccountMessages::settingsProblems(const QList<core::SettingsProblem> &problems,
                                          const QString &settingsFile)
{
    if (problems.isEmpty())
        return {};
    int damaged = 0;
    QString items;
    for (const core::SettingsProblem &problem : problems) {
        damaged += problem.isDamagedEntry() ? 1 : 0;
        items += u"<li>"_s + settingsProblem(problem) + u"</li>"_s;
    }
    const QString file = settingsFile.toHtmlEscaped();
    const QString head = damaged > 0
        ? tr("Stratus could not read these saved entries in %1. They are kept unchanged and not used; "
             "correct or remove them in that file and restart Stratus to use them.")
              .arg(file)
        : tr("Stratus found a small inconsistency in %1 and corrects it at the next change; nothing in it "
             "was lost.")
              .arg(file);
    return u"<p>"_s + head + u"</p><ul>"_s + items + u"</ul>"_s;
}

QString AccountMessages::settingsProblemsShort(const QList<core::SettingsProblem> &problems)
{
    const auto damaged = std::count_if(problems.cbegin(), problems.cend(),
                                       [](const core::SettingsProblem &p) { return p.isDamagedEntry(); });
    if (damaged == 0)
        return {};
    // Short: it shares the status bar with the environment's state.
    return tr("%n saved entry(s) unreadable — <a href=\"#accounts\">see Accounts</a>", nullptr, int(damaged));
}

QString AccountMessages::insecureTransportWarning(const QString &host)
{
    return tr("This address sends your API secret <b>unencrypted</b> (plain http) to %1, which is another "
              "computer: anyone on the networks in between can read it and use your account. Use an "
              "https:// address if the server offers one.")
        .arg(host.toHtmlEscaped());
}

QString AccountMessages::insecureTransportConsent(const QString &host)
{
    return tr("Send the API secret unencrypted to %1 anyway").arg(host);
}

QString AccountMessages::insecureTransportNeedsConsent(const QString &host)
{
    return tr("This address would send the API secret unencrypted to %1. Tick “%2” if you trust every "
              "network in between, or use an https:// address.")
        .arg(host.toHtmlEscaped(), insecureTransportConsent(host).toHtmlEscaped());
}

} // namespace stratus::gui
