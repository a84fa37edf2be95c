#include "secretsource.h"
#include "neterror.h"

#include "core/util/secretmemory.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace stratus::core {

void SecretSource::renew(const QString &rejected, QObject *context, Callback done) const
{
    Q_UNUSED(rejected);
    if (context)
        done(Error::because(Error::Kind::Auth, ErrorReason::SignInExpired));
}

FixedSecret::~FixedSecret()
{
    wipe(m_secret);
}

void FixedSecret::fetch(QObject *context, Callback done) const
{
    if (!context)
        return;
    if (m_secret.isEmpty()) {
        done(Error::because(Error::Kind::Auth, ErrorReason::NoApiSecret));
        return;
    }
    done(m_secret);
}

FixedToken::~FixedToken()
{
    wipe(m_token);
}

void FixedToken::fetch(QObject *context, Callback done) const
{
    if (!context)
        return;
    if (m_token.isEmpty()) {
        done(Error::because(Error::Kind::Auth, ErrorReason::SignInExpired));
        return;
    }
    done(m_token);
}

} // namespace stratus::core
