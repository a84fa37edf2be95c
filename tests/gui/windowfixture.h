#pragma once

// What the main window's tests stand on: an account store in a temporary directory over an
// in-memory keychain, a network and preferences, and helpers that add accounts to it.

#include "core/accounts/accountstore.h"
#include "gui/settings/preferences.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace stratus::test {

// A store in a temporary directory over an in-memory keychain, with environments whose URLs point
// at a closed port: the window must work without any of them answering.
struct Fixture
{
    QTemporaryDir dir;
    std::shared_ptr<core::MemorySecretStore> secrets = std::make_shared<core::MemorySecretStore>();
    core::AccountStore store {secrets,
                              {dir.filePath(QStringLiteral("accounts.ini")),
                               dir.filePath(QStringLiteral("data")), dir.filePath(QStringLiteral("cache"))}};
    QNetworkAccessManager network;
    gui::Preferences preferences {dir.filePath(QStringLiteral("stratus.conf"))};

    // accounts.ini as an older Stratus or a hand left it: an environment named `name`, at index 1,
    // and (with `damaged`) one whose URL cannot be read, at index 2. Then loads it.
    bool loadHandWritten(const QString &name, bool damaged)
    {
        {
            QSettings ini(store.layout().settingsFile, QSettings::IniFormat);
            ini.clear();
            ini.setValue(QStringLiteral("version"), 1);
            ini.setValue(QStringLiteral("accounts/1/id"), QStringLiteral("acc"));
            ini.setValue(QStringLiteral("accounts/1/label"), QStringLiteral("Agency"));
            ini.setValue(QStringLiteral("accounts/size"), 1);
            for (int i = 1; i <= (damaged ? 2 : 1); ++i) {
                const QString entry = QStringLiteral("environments/%1/").arg(i);
                ini.setValue(entry + QStringLiteral("id"), QStringLiteral("env-%1").arg(i));
                ini.setValue(entry + QStringLiteral("account"), QStringLiteral("acc"));
                ini.setValue(entry + QStringLiteral("name"), i == 1 ? name : QStringLiteral("Broken"));
                ini.setValue(entry + QStringLiteral("url"),
                             i == 1
                                 ? QStringLiteral("cloudinary://1234@agency?upload_prefix=http://127.0.0.1:9")
                                 : QStringLiteral("https://example.com"));
            }
            ini.setValue(QStringLiteral("environments/size"), damaged ? 2 : 1);
        }
        return store.load().ok();
    }

    QString addAccount(const QString &label, const QStringList &names)
    {
        core::AccountRecord account;
        account.label = label;
        QList<std::pair<core::EnvironmentRecord, QString>> environments;
        for (const QString &name : names) {
            core::EnvironmentRecord env;
            env.name = name;
            env.url = core::CloudinaryUrl::parse(
                          QStringLiteral("cloudinary://1234:s3cr3t-%1@%1?upload_prefix=http://127.0.0.1:9")
                              .arg(name.toLower().replace(u' ', u'-')))
                          .value();
            environments.append({env, QStringLiteral("s3cr3t-") + name});
        }
        QString error;
        bool done = false;
        store.addAccount(account, environments, QString(), &network, [&](core::Result<core::Done> result) {
            done = true;
            if (!result)
                error = result.error().message;
        });
        if (!done || !error.isEmpty())
            qFatal("addAccount failed: %s", qPrintable(error));
        return store.accountByLabel(label)->id;
    }
};

} // namespace stratus::test
