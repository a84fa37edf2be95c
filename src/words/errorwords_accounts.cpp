// The words for the accounts area's error reasons (core/util/errorreason.h): accounts, the keychain,
// accounts.ini, stored files, and CLOUDINARY_URLs that cannot be read.
#include "errorwords.h"

#include "core/accounts/accountnames.h"

#include <QDir>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace stratus::words {

namespace {

using Reason = core::ErrorReason;

// A file as the person's system writes it.
QString file(const core::Error &error)
{
    return QDir::toNativeSeparators(error.subject);
}

// A name as stored, with anything that could break or disguise it escaped.
QString name(const core::Error &error)
{
    return core::displaySafe(error.subject);
}

// What checkName() finds wrong with the name in the subject, for an environment name or an account
// label.
QString nameProblem(const core::Error &error)
{
    const core::NameCheck check = core::checkName(error.subject);
    const bool label = error.reason == Reason::AccountLabelUnusable;
    QString text; // %1 the character, %2 its position
    switch (check.problem) {
    case core::NameProblem::None:
    case core::NameProblem::Empty:
        return label ? ErrorWords::tr("An account needs a label.")
                     : ErrorWords::tr("An environment needs a name.");
    case core::NameProblem::ControlCharacter:
        text = label
            ? ErrorWords::tr("The account label contains %1 (at character %2), a control character or line "
                             "break. Names may not contain control characters, line breaks or "
                             "text-direction controls.")
            : ErrorWords::tr("The environment name contains %1 (at character %2), a control character or "
                             "line break. Names may not contain control characters, line breaks or "
                             "text-direction controls.");
        break;
    case core::NameProblem::DirectionControl:
        text = label
            ? ErrorWords::tr("The account label contains %1 (at character %2), a text-direction control. "
                             "Names may not contain control characters, line breaks or text-direction "
                             "controls.")
            : ErrorWords::tr("The environment name contains %1 (at character %2), a text-direction "
                             "control. Names may not contain control characters, line breaks or "
                             "text-direction controls.");
        break;
    case core::NameProblem::BrokenText:
        text = label
            ? ErrorWords::tr("The account label contains %1 (at character %2), half of a character "
                             "(broken text).")
            : ErrorWords::tr("The environment name contains %1 (at character %2), half of a character "
                             "(broken text).");
        break;
    }
    return text.arg(core::codePointText(check.character), QLocale().toString(check.position + 1));
}

// The host part of a CLOUDINARY_URL (subject: its scheme) as a person calls it.
bool isAccountUrl(const core::Error &error)
{
    return error.subject.startsWith(u"account", Qt::CaseInsensitive);
}

std::optional<QString> urlText(const core::Error &error)
{
    const bool account = isAccountUrl(error);
    switch (error.reason) {
    case Reason::UrlUnsupportedScheme:
        return ErrorWords::tr(
            "This is not a Cloudinary URL: it must begin with cloudinary:// (or account://).");
    case Reason::UrlNotCloudinary:
        return ErrorWords::tr(
            "This is not a Cloudinary URL. It looks like "
            "cloudinary://API_KEY:API_SECRET@CLOUD_NAME (or account://KEY:SECRET@ACCOUNT_ID).");
    case Reason::UrlHostIsIpv6:
        return account ? ErrorWords::tr("The account ID in the URL must not be an IPv6 address.")
                       : ErrorWords::tr("The cloud name in the URL must not be an IPv6 address.");
    case Reason::UrlMalformedAfterHost:
        return account
            ? ErrorWords::tr("The URL has text after the account ID that does not belong there; it "
                             "should read account://KEY:SECRET@ACCOUNT_ID (is the “@” missing?).")
            : ErrorWords::tr("The URL has text after the cloud name that does not belong there; it "
                             "should read cloudinary://API_KEY:API_SECRET@CLOUD_NAME (is the “@” "
                             "missing?).");
    case Reason::UrlHostMissing:
        return account ? ErrorWords::tr("The URL has no account ID after the “@”.")
                       : ErrorWords::tr("The URL has no cloud name after the “@”.");
    case Reason::UrlHostForbiddenCharacter:
        return account ? ErrorWords::tr("The account ID in the URL contains a character that is not allowed "
                                        "(space, < > [ \\ ] ^ |).")
                       : ErrorWords::tr("The cloud name in the URL contains a character that is not allowed "
                                        "(space, < > [ \\ ] ^ |).");
    case Reason::UrlQueryNameMissing:
        return ErrorWords::tr("A parameter after the “?” of the URL has no name.");
    case Reason::UrlNotEnvironmentUrl:
        return ErrorWords::tr(
            "This needs a cloudinary:// URL, not an account:// one (account credentials belong "
            "in CLOUDINARY_ACCOUNT_URL).");
    case Reason::UrlNotAccountUrl:
        return ErrorWords::tr("This needs an account:// URL, not a cloudinary:// one.");
    default:
        return std::nullopt;
    }
}

std::optional<QString> settingsFileText(const core::Error &error)
{
    const QString said = error.message.simplified();
    switch (error.reason) {
    case Reason::SettingsFileUnreadable:
        return said.isEmpty()
            ? ErrorWords::tr("The accounts file %1 cannot be read.").arg(file(error))
            : ErrorWords::tr("The accounts file %1 cannot be read: %2").arg(file(error), said);
    case Reason::SettingsFileTooLarge:
        return ErrorWords::tr("The accounts file %1 is larger than a settings file can be.").arg(file(error));
    case Reason::SettingsFileNoWorkingCopy:
        return ErrorWords::tr("The accounts file %1 cannot be read: there is no room for a working copy.")
            .arg(file(error));
    case Reason::SettingsFileFromNewerVersion:
        return ErrorWords::tr(
                   "The accounts file %1 was written by a newer version of Stratus; this one does not "
                   "change it.")
            .arg(file(error));
    case Reason::SettingsFileUnwritable:
        return ErrorWords::tr("The accounts file %1 cannot be written.").arg(file(error));
    default:
        return std::nullopt;
    }
}

std::optional<QString> keychainText(const core::Error &error)
{
    const QString said = error.message.simplified();
    switch (error.reason) {
    case Reason::SecretNotInKeychain:
        return ErrorWords::tr(
            "The keychain holds no API secret for this environment. Enter the secret again.");
    case Reason::StoredSecretEmpty:
        return ErrorWords::tr("The API secret stored in the keychain is empty. Enter the secret again.");
    case Reason::KeychainEntryMissing:
        return ErrorWords::tr("The keychain holds no secret under this name.");
    case Reason::KeychainDenied:
        return said.isEmpty()
            ? ErrorWords::tr("The keychain refused access. Allow Stratus to use your keyring.")
            : ErrorWords::tr("The keychain refused access (%1). Allow Stratus to use your "
                             "keyring.")
                  .arg(said);
    case Reason::KeychainUnavailable:
        return said.isEmpty()
            ? ErrorWords::tr("No keychain (Secret Service) answered. Unlock your keyring, or "
                             "start gnome-keyring or KWallet.")
            : ErrorWords::tr("No keychain (Secret Service) answered (%1). Unlock your keyring, "
                             "or start gnome-keyring or KWallet.")
                  .arg(said);
    default:
        return std::nullopt;
    }
}

// Why an entry of accounts.ini was set aside (core::SettingsProblem::error()). The front end says
// which entry first ("The environment “prod” (entry 3): …", "accounts.ini entry environments/3 …").
std::optional<QString> settingsEntryText(const core::Error &error)
{
    switch (error.reason) {
    case Reason::AccountsFileSizeMismatch:
        return ErrorWords::tr("The number of entries it states (%1) does not match the entries in it. Every "
                              "entry there was read; the number is corrected at the next change.")
            .arg(error.subject.isEmpty() ? ErrorWords::tr("none") : core::displaySafe(error.subject));
    case Reason::AccountsEntryKeyNotNumber:
        return ErrorWords::tr("It is not stored under an entry number.");
    case Reason::AccountsEntryValueNotText:
        return ErrorWords::tr("Its value “%1” is not text.").arg(name(error));
    case Reason::AccountsEntryIdMissing:
        return ErrorWords::tr("It has no identifier.");
    case Reason::AccountsEntryIdUnusable:
        return ErrorWords::tr(
            "Its identifier is not one Stratus makes (letters, digits, “-”, “_” and “.”, at "
            "most 128).");
    case Reason::AccountsEntryIdTaken:
        return ErrorWords::tr("It has the same identifier as an entry before it.");
    case Reason::AccountsEntryLabelMissing:
        return ErrorWords::tr("It has no label.");
    case Reason::AccountsEntryNameMissing:
        return ErrorWords::tr("It has no name.");
    case Reason::AccountsEntryNameTaken:
        return ErrorWords::tr("It has the same name as an environment before it.");
    case Reason::AccountsEntryUrlMissing:
        return ErrorWords::tr("It has no CLOUDINARY_URL.");
    case Reason::AccountsEntryUrlUnreadable:
    case Reason::AccountsEntryProvisioningUrlUnreadable: {
        // The subject names the reason the URL parser gave; its words say what is wrong with the URL.
        const bool account = error.reason == Reason::AccountsEntryProvisioningUrlUnreadable;
        const std::optional<core::ErrorReason> why = core::errorReasonFromName(error.subject);
        const std::optional<QString> urlWords = why
            ? urlText(core::Error::because(core::Error::Kind::InvalidInput, *why,
                                           account ? u"account://"_s : u"cloudinary://"_s))
            : std::nullopt;
        if (account)
            return urlWords
                ? ErrorWords::tr("Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read: %1")
                      .arg(*urlWords)
                : ErrorWords::tr("Its provisioning address (CLOUDINARY_ACCOUNT_URL) cannot be read.");
        return urlWords ? ErrorWords::tr("Its CLOUDINARY_URL cannot be read: %1").arg(*urlWords)
                        : ErrorWords::tr("Its CLOUDINARY_URL cannot be read.");
    }
    case Reason::AccountsEntryAccountMissing:
        return ErrorWords::tr("The account it belongs to (“%1”) is missing or could not be read.")
            .arg(name(error));
    default:
        return std::nullopt;
    }
}

// Signing in with Cloudinary (OAuth): what went wrong between Stratus, the browser and the
// authorization server, and the tokens kept in the keychain.
std::optional<QString> signInText(const core::Error &error)
{
    const QString said = error.message.simplified();
    switch (error.reason) {
    case Reason::SignInNotConfigured:
        return ErrorWords::tr("This build of Stratus has no client ID for signing in with Cloudinary. Add "
                              "the environment with its API key and secret instead.");
    case Reason::SignInCancelled:
        return ErrorWords::tr("Signing in was cancelled.");
    case Reason::SignInDenied:
        return said.isEmpty() ? ErrorWords::tr("Access was denied in the browser.")
                              : ErrorWords::tr("Access was denied in the browser: %1").arg(said);
    case Reason::SignInTimedOut:
        return ErrorWords::tr("The browser did not come back to Stratus in time. Sign in again.");
    case Reason::SignInStateMismatch:
        return ErrorWords::tr("The browser came back with an answer that was not for this sign-in, so it "
                              "was refused. Sign in again.");
    case Reason::SignInPortBusy:
        return said.isEmpty()
            ? ErrorWords::tr("Stratus could not wait for the browser on port %1 of this computer.")
                  .arg(error.subject)
            : ErrorWords::tr("Stratus could not wait for the browser on port %1 of this computer: %2")
                  .arg(error.subject, said);
    case Reason::SignInAnswerUnusable:
        return said.isEmpty()
            ? ErrorWords::tr("The sign-in server gave an answer Stratus cannot use.")
            : ErrorWords::tr("The sign-in server gave an answer Stratus cannot use: %1").arg(said);
    case Reason::SignInGrantRefused:
        return said.isEmpty()
            ? ErrorWords::tr("The sign-in server refused the sign-in. Sign in again.")
            : ErrorWords::tr("The sign-in server refused the sign-in (%1). Sign in again.").arg(said);
    case Reason::SignInExpired:
        return ErrorWords::tr("Your sign-in has expired or was revoked. Sign in again.");
    case Reason::TokenNotInKeychain:
        return ErrorWords::tr("The keychain holds no sign-in for this environment. Sign in again.");
    case Reason::TokenUnreadable:
        return ErrorWords::tr("The sign-in stored in the keychain cannot be read. Sign in again.");
    case Reason::TokenRefreshLocked:
        return ErrorWords::tr("Another Stratus program kept the sign-in busy for too long (%1). Try again.")
            .arg(file(error));
    case Reason::NeedsApiSecret:
        return ErrorWords::tr("This needs the environment's API secret, and the environment is signed in "
                              "with Cloudinary instead. Add it with its API key to sign URLs.");
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<QString> ErrorWords::accountsText(const core::Error &error)
{
    if (auto words = settingsFileText(error))
        return words;
    if (auto words = signInText(error))
        return words;
    if (auto words = settingsEntryText(error))
        return words;
    if (auto words = keychainText(error))
        return words;
    if (auto words = urlText(error))
        return words;
    switch (error.reason) {
    case Reason::NoSuchAccount:
        return tr("There is no such account.");
    case Reason::NoSuchEnvironment:
        return tr("There is no such environment.");
    case Reason::AccountLabelMissing:
        return tr("An account needs a label.");
    case Reason::AccountExists:
        return tr("This account exists already.");
    case Reason::EnvironmentNameMissing:
        return tr("An environment needs a name.");
    case Reason::AccountLabelUnusable:
    case Reason::EnvironmentNameUnusable:
        return nameProblem(error);
    case Reason::EnvironmentNameTaken:
        return tr("An environment named “%1” exists already.").arg(name(error));
    case Reason::EnvironmentNeedsCloudAndKey:
        return tr("The environment “%1” needs a cloud name and an API key.").arg(name(error));
    case Reason::EnvironmentNeedsSecret:
        return tr("The environment “%1” needs an API secret.").arg(name(error));
    case Reason::AccountStoreGone:
        return tr("The accounts were closed while this was under way.");
    case Reason::EnvironmentNotReady:
        return tr("This environment is not available yet.");
    case Reason::EnvironmentClosed:
        return tr("This environment is closed.");
    case Reason::StorageIdUnusable:
        return tr("“%1” cannot name a folder of Stratus.").arg(name(error));
    case Reason::PreferencesUnwritable:
        return tr("The settings could not be saved to %1.").arg(file(error));
    case Reason::FilesNotDeleted:
        return tr("These could not be deleted: %1").arg(error.subject);
    default:
        return std::nullopt;
    }
}

} // namespace stratus::words
