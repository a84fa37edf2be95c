#include "widgetbridge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace stratus::web {

Q_LOGGING_CATEGORY(lcBridge, "stratus.web.bridge")

WidgetBridge::WidgetBridge(QObject *parent)
    : QObject(parent)
{
}

void WidgetBridge::call(int id, const QString &method, const QString &argumentJson)
{
    // The relay checks these too; the page's scripts are not trusted to have gone through it.
    if (id < 0) {
        ++m_refusedCalls;
        qCWarning(lcBridge) << "refused a call with a negative id";
        return;
    }
    if (!methods().contains(method)) {
        ++m_refusedCalls;
        // The name is the page's text: log its length only.
        qCWarning(lcBridge) << "refused a call to an unknown method of" << method.size() << "characters";
        answer(id, Answer::failure(u"unknown-method"_s));
        return;
    }
    if (argumentJson.size() > maxArgumentLength) {
        ++m_refusedCalls;
        answer(id, Answer::failure(u"argument-too-long"_s));
        return;
    }
    // Wrapped in an array so that any JSON value (not only objects and arrays) parses.
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(u"["_s.append(argumentJson).append(u']').toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || document.array().size() != 1) {
        ++m_refusedCalls;
        answer(id, Answer::failure(u"bad-argument"_s));
        return;
    }
    ++m_handledCalls;
    const QPointer<WidgetBridge> self(this);
    auto answered = std::make_shared<bool>(false);
    handle(method, document.array().at(0), [self, id, answered](const Answer &reply) {
        if (*answered)
            return;
        *answered = true;
        if (WidgetBridge *bridge = self.data())
            bridge->answerHandled(id, reply);
    });
}

void WidgetBridge::answerHandled(int id, const Answer &reply)
{
    if (!reply.ok)
        ++m_refusedCalls;
    answer(id, reply);
}

void WidgetBridge::answer(int id, const Answer &answer)
{
    QJsonObject reply {{u"id"_s, id}, {u"ok"_s, answer.ok}};
    if (answer.ok) {
        reply.insert(u"value"_s, answer.value);
    } else {
        reply.insert(u"error"_s, answer.error);
    }
    Q_EMIT replied(id, QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact)));
}

} // namespace stratus::web
