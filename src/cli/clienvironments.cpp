#include "clienvironments.h"

#include "core/accounts/keychainsecretstore.h"
#include "core/delivery/jsvalue.h"
#include "core/net/secretsource.h"

using namespace Qt::StringLiterals;

namespace stratus::cli {

std::unique_ptr<core::AccountStore> openAccountStore()
{
    return std::make_unique<core::AccountStore>(std::make_shared<core::KeychainSecretStore>(),
                                                core::AccountStore::Paths::standard());
}

QString scrubbed(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, u"***"_s);
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text.trimmed();
}

QString keychainProblem(const core::Error &error)
{
    QString said = scrubbed(error.message, {});
    if (said.endsWith(u'.'))
        said.chop(1);
    switch (error.kind) {
    case core::Error::Kind::Unavailable:
        return said
            + u"; stratus-cli keeps API secrets only in the OS keychain (Secret Service: "
              u"gnome-keyring or KWallet), so start or unlock it and try again"_s;
    case core::Error::Kind::Permission:
        return said + u"; allow stratus-cli to use the keychain and try again"_s;
    default:
        break;
    }
    return u"the keychain failed: "_s + said;
}

namespace {

// The secret of a stored environment, read from the keychain now.
core::Result<QString> readSecret(const core::AccountStore &store, const QString &environmentId)
{
    const std::shared_ptr<const core::SecretSource> source = store.secretSource(environmentId);
    return waitFor<QString>([&source](QObject *context, std::function<void(core::Result<QString>)> done) {
        source->fetch(context, std::move(done));
    });
}

} // namespace

int loadChosenEnvironment(CliContext &ctx, core::AccountStore &store, const QString &name,
                          const core::EnvironmentRecord **environment)
{
    if (auto loaded = store.load(); !loaded)
        return ctx.failure(u"cannot read the stored environments: "_s + loaded.error().message);
    if (!name.isEmpty()) {
        *environment = store.environmentByName(name);
        if (!*environment)
            return ctx.usageError(u"no environment named '%1'; see 'stratus-cli env list'"_s.arg(name));
        return ExitOk;
    }
    *environment = store.environment(store.currentEnvironmentId());
    // The app's Local sandbox is current after its first run, but only the app can reach it:
    // fall back to CLOUDINARY_URL as if nothing were chosen.
    if (*environment && (*environment)->embeddedSandbox)
        *environment = nullptr;
    return ExitOk;
}

int resolveCommandConfig(CliContext &ctx, const ConfigChoice &choice,
                         const std::function<bool()> &needsSecret, QJsonObject *config)
{
    if (!choice.cloudinaryUrl.isEmpty() && !choice.environment.isEmpty())
        return ctx.usageError(u"--env and --cloudinary-url exclude each other"_s);
    QString error;
    if (!choice.cloudinaryUrl.isEmpty()) {
        *config = resolveSdkConfig(choice.cloudinaryUrl, &error);
        return error.isEmpty() ? int(ExitOk) : ctx.usageError(error);
    }

    const std::unique_ptr<core::AccountStore> store = openAccountStore();
    const core::EnvironmentRecord *environment = nullptr;
    if (const int status = loadChosenEnvironment(ctx, *store, choice.environment, &environment);
        status != ExitOk)
        return status;
    if (!environment) {
        // Nothing stored and chosen: the SDK's own convention.
        *config = resolveSdkConfig(QString(), &error);
        return error.isEmpty() ? int(ExitOk) : ctx.usageError(error);
    }

    const core::CloudinaryUrl url = store->effectiveUrl(environment->id);
    if (url.cloudName().isEmpty())
        return ctx.failure(u"the environment '%1' is the app's embedded sandbox, which exists only while "
                           u"Stratus runs"_s.arg(environment->name));
    QJsonObject sdkConfig = url.toSdkConfig();
    const bool signsUrls = core::JsValue::fromJson(sdkConfig.value(u"sign_url")).isTruthy();
    if (signsUrls || needsSecret()) {
        const core::AccountRecord *account = store->account(environment->accountId);
        if (account && !account->loggedIn)
            return ctx.failure(u"the account '%1' of environment '%2' is logged out, so its API secret is "
                               u"not in the keychain; log in again in Stratus or add it again with "
                               u"'stratus-cli env add'"_s.arg(account->label, environment->name));
        const core::Result<QString> secret = readSecret(*store, environment->id);
        if (!secret) {
            if (secret.error().kind == core::Error::Kind::Auth)
                return ctx.failure(u"no API secret for the environment '%1' is in the keychain; remove it "
                                   u"and add it again with 'stratus-cli env add'"_s.arg(environment->name));
            return ctx.failure(keychainProblem(secret.error()));
        }
        sdkConfig.insert(u"api_secret"_s, secret.value());
    }
    *config = std::move(sdkConfig);
    return ExitOk;
}

} // namespace stratus::cli
