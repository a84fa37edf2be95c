#include "secretsource.h"
#include "neterror.h"

#include "core/util/secretmemory.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace stratus::core {

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

} // namespace stratus::core
