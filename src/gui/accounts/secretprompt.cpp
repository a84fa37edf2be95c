#include "secretprompt.h"

#include "core/util/secretmemory.h"

#include <QInputDialog>
#include <QLineEdit>

namespace stratus::gui {

QString SecretPrompt::ask(QWidget *parent, const QString &environmentName)
{
    bool entered = false;
    QString secret = QInputDialog::getText(
        parent, tr("Re-enter API Secret"),
        tr("The API secret of “%1” (Cloudinary Console, Settings → API Keys):").arg(environmentName),
        QLineEdit::Password, QString(), &entered);
    QString trimmed = entered ? secret.trimmed() : QString();
    core::wipe(secret);
    return trimmed;
}

} // namespace stratus::gui
