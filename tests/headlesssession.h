#pragma once

// For tests that use the real keychain (the Secret Service) and the home directory: they must run
// inside tests/run-headless.sh — a private D-Bus session with its own unlocked gnome-keyring, HOME
// and XDG_* in a temporary directory — so that they can neither touch a person's keyring nor pass
// without having run. ctest runs them through the script (stratus_add_qtest(… KEYCHAIN)); started
// any other way they fail, saying why, instead of skipping (a skip would count as a pass).

#include <QCoreApplication>
#include <QDir>
#include <QString>
#include <QTest>

namespace stratus::test {

/// Why this process is not inside tests/run-headless.sh's session; empty when it is.
inline QString headlessSessionProblem()
{
    const QString session = qEnvironmentVariable("STRATUS_HEADLESS_SESSION");
    if (session.isEmpty())
        return QStringLiteral("not started by tests/run-headless.sh (STRATUS_HEADLESS_SESSION is unset): "
                              "run it through ctest or as tests/run-headless.sh %1")
            .arg(QCoreApplication::applicationFilePath());
    if (!QDir::homePath().startsWith(session))
        return QStringLiteral("HOME (%1) is not the headless session's (%2)").arg(QDir::homePath(), session);
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return QStringLiteral("no D-Bus session bus in the headless session");
    return {};
}

} // namespace stratus::test

/// In initTestCase(): fails the whole test unless it runs inside tests/run-headless.sh.
#define STRATUS_REQUIRE_HEADLESS_SESSION()                                                                   \
    do {                                                                                                     \
        const QString problem = stratus::test::headlessSessionProblem();                                     \
        if (!problem.isEmpty())                                                                              \
            QFAIL(qPrintable(problem));                                                                      \
    } while (false)
