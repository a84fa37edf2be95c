#include "colorschemeportal.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTheme, "stratus.gui.theme")

namespace stratus::gui {

namespace {

const QString kService = u"org.freedesktop.portal.Desktop"_s;
const QString kPath = u"/org/freedesktop/portal/desktop"_s;
const QString kInterface = u"org.freedesktop.portal.Settings"_s;
const QString kNamespace = u"org.freedesktop.appearance"_s;
const QString kKey = u"color-scheme"_s;

// Read() answers a variant inside a variant (ReadOne, newer, only one): unwrapped to the number.
std::optional<uint> schemeOf(QVariant value)
{
    while (value.metaType() == QMetaType::fromType<QDBusVariant>())
        value = value.value<QDBusVariant>().variant();
    bool ok = false;
    const uint scheme = value.toUInt(&ok);
    if (!ok)
        return std::nullopt;
    return scheme;
}

} // namespace

ColorSchemePortal::ColorSchemePortal(QObject *parent)
    : ColorSchemePortal(QDBusConnection::sessionBus(), parent)
{
}

ColorSchemePortal::ColorSchemePortal(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(std::make_unique<QDBusConnection>(bus))
{
    // The slot's argument type by name, for the string-based connection D-Bus needs.
    qRegisterMetaType<QDBusVariant>();
    // From any sender: the portal's unique name is not known before it answers.
    if (m_bus->isConnected()
        && !m_bus->connect(QString(), kPath, kInterface, u"SettingChanged"_s, this,
                           SLOT(onSettingChanged(QString, QString, QDBusVariant))))
        qCWarning(lcTheme) << "cannot follow the portal's colour scheme:" << m_bus->lastError().message();
}

ColorSchemePortal::~ColorSchemePortal() = default;

std::optional<uint> ColorSchemePortal::read(int timeoutMs)
{
    if (!m_bus->isConnected())
        return m_value;
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Read"_s);
    call << kNamespace << kKey;
    const QDBusMessage reply = m_bus->call(call, QDBus::Block, timeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        qCDebug(lcTheme) << "no colour scheme from the portal:" << reply.errorName();
        return m_value;
    }
    m_value = schemeOf(reply.arguments().constFirst());
    return m_value;
}

void ColorSchemePortal::onSettingChanged(const QString &nameSpace, const QString &key,
                                         const QDBusVariant &value)
{
    if (nameSpace != kNamespace || key != kKey)
        return;
    const std::optional<uint> scheme = schemeOf(value.variant());
    if (scheme == m_value)
        return;
    m_value = scheme;
    Q_EMIT changed();
}

} // namespace stratus::gui
