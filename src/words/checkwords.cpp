#include "checkwords.h"

#include "errorwords.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace stratus::words {

namespace {

using core::CheckProblem;
using Cause = core::Error::NetworkCause;

// The server's or the system's words when there are any, else ErrorWords'.
QString said(const core::Error &error)
{
    const QString outside = error.message.trimmed();
    return outside.isEmpty() ? ErrorWords::text(error) : outside;
}

} // namespace

CheckProblem CheckWords::problem(const core::Error &error, const CheckFacts &facts)
{
    const CheckProblem problem = core::classifyProblem(error);
    // Through a proxy, Qt reports a proxy that cannot be reached like a server that cannot be.
    if (!facts.proxy.isEmpty() && (problem == CheckProblem::NoNetwork || problem == CheckProblem::Proxy))
        return CheckProblem::Proxy;
    return problem;
}

QString CheckWords::advice(const core::Error &error, const CheckFacts &facts)
{
    const QString words = said(error);
    const CheckProblem problem = CheckWords::problem(error, facts);
    // Refused by Stratus itself, not by the server (no secret in the keychain, the keychain denied
    // access): the explanations below quote the server, or speak of a keychain that does not run.
    if (error.reason != core::ErrorReason::None
        && (problem == CheckProblem::WrongCredentials || problem == CheckProblem::Permission
            || (problem == CheckProblem::Keychain && error.kind == core::Error::Kind::Auth)))
        return tr("The check failed: %1").arg(ErrorWords::text(error));
    switch (problem) {
    case CheckProblem::None:
        break;
    case CheckProblem::WrongCredentials:
        return tr("The API key or the API secret is wrong. Copy both again from the Cloudinary Console "
                  "(Settings → API Keys) and check that the key is enabled. The server said: “%1”.")
            .arg(words);
    case CheckProblem::UnknownCloud:
        return tr("There is no cloud named “%1”. Check the cloud name on the dashboard of the Cloudinary "
                  "Console; it is case-sensitive.")
            .arg(facts.cloudName);
    case CheckProblem::NoNetwork:
        return tr("Cloudinary could not be reached: %1. Check your internet connection; if you reach the "
                  "internet through a proxy, check it in Settings → Network.")
            .arg(words);
    case CheckProblem::Proxy:
        return tr("The network proxy refused the connection or asked for a password (%1). Check the proxy in "
                  "Settings → Network.")
            .arg(words);
    case CheckProblem::Tls:
        return tr("No secure connection could be made (certificate or TLS error: %1). If your network "
                  "inspects encrypted traffic, ask your administrator to let Cloudinary through; Stratus "
                  "never ignores certificate errors.")
            .arg(words);
    case CheckProblem::Permission:
        return tr("These credentials may not use the Admin API. The server said: “%1”. Limited keys still "
                  "work for what they may do (for example uploading or delivering), but Stratus cannot "
                  "browse or search this environment with them. Use a key with Admin API access, or choose "
                  "“Add Anyway” to keep it with these limits.")
            .arg(words);
    case CheckProblem::RateLimited:
        if (error.retryAfter && error.retryAfter->isValid())
            return tr("This environment has used up its Admin API calls for now (the server said: “%1”). "
                      "Try again after %2.")
                .arg(words, QLocale().toString(error.retryAfter->toLocalTime().time(), QLocale::ShortFormat));
        return tr("This environment has used up its Admin API calls for now (the server said: “%1”). Try "
                  "again in a while; the budget is renewed every hour.")
            .arg(words);
    case CheckProblem::Server:
        return tr("The server answered with an error that is not about your credentials: “%1”. Try again "
                  "later; if this is a private or local server, check its address (upload_prefix).")
            .arg(words);
    case CheckProblem::Keychain:
        return tr(
            "Your keychain (Secret Service) is locked or not running, and Stratus keeps secrets nowhere "
            "else. Unlock your keyring, or start gnome-keyring or KWallet, and try again. Nothing was "
            "changed.");
    case CheckProblem::InsecureTransport:
        return tr("The address would send the API secret unencrypted (plain http) to another computer, "
                  "where anyone on the networks in between could read it. Stratus does that only when you "
                  "allow it for the environment: use an https:// address, or allow unencrypted sending in "
                  "Accounts.");
    case CheckProblem::Other:
        break;
    }
    return tr("The check failed: %1").arg(ErrorWords::text(error));
}

std::optional<QString> CheckWords::line(const core::Error &error, const CheckFacts &facts)
{
    const QString words = said(error);
    const QString &host = facts.host;
    const QString &cloud = facts.cloudName;
    switch (problem(error, facts)) {
    case CheckProblem::WrongCredentials:
        return tr("the API key or secret is wrong for cloud '%1' (the server said: %2)").arg(cloud, words);
    case CheckProblem::UnknownCloud:
        return tr("there is no cloud named '%1' at %2 (the server said: %3)").arg(cloud, host, words);
    case CheckProblem::NoNetwork:
        switch (error.networkCause) {
        case Cause::HostNotFound:
            return tr("cannot find the host %1 (no network or no DNS?): %2").arg(host, words);
        case Cause::ConnectionRefused:
            return tr("no connection to %1: nothing answers there (%2); check the network and the URL")
                .arg(host, words);
        case Cause::Timeout:
            return tr("no connection to %1: it did not answer in time; check the network").arg(host);
        default:
            return tr("no connection to %1 (%2); check the network").arg(host, words);
        }
    case CheckProblem::Proxy:
        return tr("the proxy %1 failed on the way to %2 (%3); check http_proxy, https_proxy and no_proxy")
            .arg(facts.proxy.isEmpty() ? tr("(system)") : facts.proxy, host, words);
    case CheckProblem::Tls:
        return tr("the secure connection to %1 failed (%2)").arg(host, words);
    case CheckProblem::Permission:
        return tr("these credentials may not use the Admin API of cloud '%1' (403: %2)").arg(cloud, words);
    case CheckProblem::RateLimited:
        return error.retryAfter
            ? tr("the Admin API rate limit of cloud '%1' is spent until %2; try again then")
                  .arg(cloud, error.retryAfter->toUTC().toString(Qt::ISODate))
            : tr("the Admin API rate limit of cloud '%1' is spent; try again later").arg(cloud);
    case CheckProblem::Server:
        return tr("the server at %1 failed (%2); try again later").arg(host, words);
    case CheckProblem::Keychain:
    case CheckProblem::InsecureTransport:
        return std::nullopt;
    case CheckProblem::None:
    case CheckProblem::Other:
        break;
    }
    return tr("the connection test failed: %1").arg(words);
}

} // namespace stratus::words
