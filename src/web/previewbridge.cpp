#include "previewbridge.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::web {

PreviewBridge::PreviewBridge(QObject *parent)
    : WidgetBridge(parent)
{
}

QStringList PreviewBridge::methods() const
{
    return {u"ready"_s, u"error"_s};
}

void PreviewBridge::handle(const QString &method, const QJsonValue &argument, Reply reply)
{
    reply(Answer::success(true));
    if (method == u"ready") {
        m_shown = true;
        Q_EMIT shown();
        return;
    }
    Q_EMIT failed(argument.toObject().value(u"message"_s).toString().left(2000));
}

} // namespace stratus::web
