#include "clienvironments.h"

#include "core/accounts/keychainsecretstore.h"
#include "core/delivery/jsvalue.h"
#include "core/net/secretsource.h"
#include "core/net/transportsecurity.h"
#include "words/errorwords.h"

using namespace Qt::StringLiterals;

namespace stratus::cli {

std::unique_ptr<core::AccountStore> openAccountStore(const CliContext &ctx)
{
    return std::make_unique<core::AccountStore>(std::make_shared<core::KeychainSecretStore>(), ctx.layout());
}

QString scrubbed(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, u"***"_s);
    text.replace(u'\n', u' ');
    text.replace(u'\r', u' ');
    return text.trimmed();
}

QString errorText(const core::Error &error, const QString &secret)
{
    return scrubbed(words::ErrorWords::text(error), secret);
}

QString keychainProblem(const core::Error &error)
{
    QString said = errorText(error);
    if (said.endsWith(u'.'))
        said.chop(1);
    switch (error.kind) {
    case core::Error::Kind::Unavailable:
        return said
            + u"; stratus-cli keeps API secrets only in the OS keychain (Secret Service), so start or "
              u"unlock it and try again"_s;
    case core::Error::Kind::Permission:
        return said + u"; allow stratus-cli to use the keychain and try again"_s;
    default:
        break;
    }
    return u"the keychain failed: "_s + said;
}

void warn(CliContext &ctx, const QString &message)
{
    ctx.err(u"stratus-cli %1: warning: %2\n"_s.arg(ctx.command(), message));
}

const core::EnvironmentRecord *findEnvironment(const core::AccountStore &store, const QString &name)
{
    if (const core::EnvironmentRecord *exact = store.environmentByName(name))
        return exact;
    const core::EnvironmentRecord *shown = nullptr;
    for (const core::EnvironmentRecord &env : store.environments()) {
        if (env.displayName() == name) {
            if (shown)
                return nullptr; // two names look alike: neither is meant for sure
            shown = &env;
        }
    }
    return shown;
}

QString damagedEntryProblem(const core::SettingsProblem &problem)
{
    QString why = errorText(problem.error());
    if (why.endsWith(u'.'))
        why.chop(1);
    return why;
}

QString damagedEntryText(const core::SettingsProblem &problem)
{
    const QString name
        = problem.name.isEmpty() ? QString() : u" ('%1')"_s.arg(core::displaySafe(problem.name));
    return u"accounts.ini entry %1%2 is damaged: %3"_s.arg(problem.location(), name,
                                                           damagedEntryProblem(problem));
}

QString settingsProblemText(const core::SettingsProblem &problem)
{
    if (!problem.isDamagedEntry())
        return u"accounts.ini says %1 is %2, but its last entry is %3; every entry there is was read, and "
               u"the next change writes the right size"_s.arg(
                   problem.location(), problem.detail.isEmpty() ? u"missing"_s : problem.detail,
                   problem.key.isEmpty() ? u"none"_s : problem.key);
    return damagedEntryText(problem) + u"; it is kept as it is and not used"_s;
}

QString insecureTransportRefusal(const QString &host)
{
    return u"the API secret would travel unencrypted (plain http) to %1, which is not this computer; use an "
           u"https:// upload_prefix, or pass --allow-insecure-transport if you trust every network between "
           u"here and %1"_s.arg(host);
}

QString insecureTransportWarning(const QString &label, const QString &host)
{
    return u"the API credentials of '%1' go unencrypted (plain http) to %2, which is not this computer; "
           u"anyone on the way can read them"_s.arg(core::displaySafe(label), host);
}

namespace {

// A source whose secret may go over plain http, whatever the environment says: for one invocation.
class InsecureAllowed final : public core::SecretSource
{
public:
    explicit InsecureAllowed(std::shared_ptr<const core::SecretSource> inner)
        : m_inner(std::move(inner))
    {
    }
    void fetch(QObject *context, Callback done) const override { m_inner->fetch(context, std::move(done)); }
    [[nodiscard]] core::CredentialKind kind() const override { return m_inner->kind(); }
    void renew(const QString &rejected, QObject *context, Callback done) const override
    {
        m_inner->renew(rejected, context, std::move(done));
    }
    [[nodiscard]] core::InsecureTransport insecureTransport() const override
    {
        return core::InsecureTransport::Allowed;
    }

private:
    std::shared_ptr<const core::SecretSource> m_inner;
};

} // namespace

std::shared_ptr<const core::SecretSource>
allowingInsecureTransport(std::shared_ptr<const core::SecretSource> secret)
{
    if (!secret)
        return secret;
    return std::make_shared<InsecureAllowed>(std::move(secret));
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
        return ctx.failure(u"cannot read the stored environments: "_s + errorText(loaded.error()));
    if (!name.isEmpty()) {
        *environment = findEnvironment(store, name);
        if (*environment)
            return ExitOk;
        if (const core::SettingsProblem *damaged = store.damagedEnvironment(name))
            return ctx.failure(u"the environment '%1' cannot be used: %2; fix or remove that entry"_s.arg(
                core::displaySafe(name), damagedEntryText(*damaged)));
        return ctx.usageError(
            u"no environment named '%1'; see 'stratus-cli env list'"_s.arg(core::displaySafe(name)));
    }
    // The current one cannot be used: say so rather than quietly fall back to $CLOUDINARY_URL.
    if (const core::SettingsProblem *damaged = store.damagedCurrent())
        return ctx.failure(u"the current environment cannot be used: %1; fix that entry, or choose another "
                           u"with 'stratus-cli env use NAME'"_s.arg(damagedEntryText(*damaged)));
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

    const std::unique_ptr<core::AccountStore> store = openAccountStore(ctx);
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
                           u"Stratus runs"_s.arg(environment->displayName()));
    QJsonObject sdkConfig = url.toSdkConfig();
    const bool signsUrls = core::JsValue::fromJson(sdkConfig.value(u"sign_url")).isTruthy();
    if ((signsUrls || needsSecret()) && environment->usesToken())
        // Signed in with Cloudinary: there is no API secret on this computer to sign with.
        return ctx.failure(u"the environment '%1' is signed in with Cloudinary (no API secret): %2"_s.arg(
            environment->displayName(),
            errorText(
                core::Error::because(core::Error::Kind::InvalidInput, core::ErrorReason::NeedsApiSecret))));
    if (signsUrls || needsSecret()) {
        const core::AccountRecord *account = store->account(environment->accountId);
        if (account && !account->loggedIn)
            return ctx.failure(
                u"the account '%1' of environment '%2' is logged out, so its API secret is "
                u"not in the keychain; log in again in Stratus or add it again with "
                u"'stratus-cli env add'"_s.arg(account->displayLabel(), environment->displayName()));
        const core::Result<QString> secret = readSecret(*store, environment->id);
        if (!secret) {
            if (secret.error().kind == core::Error::Kind::Auth)
                return ctx.failure(
                    u"no API secret for the environment '%1' is in the keychain; remove it "
                    u"and add it again with 'stratus-cli env add'"_s.arg(environment->displayName()));
            return ctx.failure(keychainProblem(secret.error()));
        }
        sdkConfig.insert(u"api_secret"_s, secret.value());
    }
    *config = std::move(sdkConfig);
    return ExitOk;
}

} // namespace stratus::cli
