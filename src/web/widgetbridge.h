#pragma once

#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace stratus::web {

/// The one object a widget's page may reach in C++: registered as `bridge` on the page's
/// QWebChannel, which runs in an isolated JavaScript world (WidgetPage::setBridge), so the page's own
/// scripts — Cloudinary's loaders and whatever they load — never see it. They reach it only through
/// the relay's checked entry point (`window.stratusBridge.call(method, value)` in the main world), which
/// carries a method name and a JSON text.
///
/// The surface is deliberately one invokable, call(), and one signal, replied(): the base refuses an
/// unknown method, an over-long or unparsable argument, and a bad request id before a subclass sees
/// anything; each subclass names its methods (methods()) and checks the shape of every argument in
/// handle() before acting on it. A widget's bridge derives from this (the Media Library's insert, the
/// Upload widget's signature request, …).
///
/// Lives on the GUI thread; owned by whoever owns the widget's page. replied() fires exactly once per
/// call, possibly later than call() returns (a signature needs the keychain, which is asynchronous).
class WidgetBridge : public QObject
{
    Q_OBJECT

public:
    /// What handle() answers: a value for the page, or an error code (ASCII, no user text, never a
    /// secret) that the page sees as a rejected promise.
    struct Answer
    {
        bool ok = false;
        QJsonValue value;
        QString error;

        [[nodiscard]] static Answer success(QJsonValue value) { return {true, std::move(value), {}}; }
        [[nodiscard]] static Answer failure(QString code) { return {false, {}, std::move(code)}; }
    };
    using Reply = std::function<void(const Answer &)>;

    /// The most JSON text one call may carry (1 MiB): far above any widget's payload, far below what
    /// would tie up the GUI thread.
    static constexpr qsizetype maxArgumentLength = 1024 * 1024;

    explicit WidgetBridge(QObject *parent = nullptr);

    /// The method names the page may call, as the relay offers them.
    [[nodiscard]] virtual QStringList methods() const = 0;

    /// The relay's only entry point. `id` is the page's own request number (0 … 2^31-1), echoed in
    /// replied(); `argumentJson` is the JSON text of one value. Anything malformed is answered with
    /// an error code without reaching handle().
    Q_INVOKABLE void call(int id, const QString &method, const QString &argumentJson);

    /// How many calls reached handle() (tests count them; refused calls are not counted).
    [[nodiscard]] int handledCalls() const { return m_handledCalls; }
    /// How many calls were refused before handle() or answered with an error by it.
    [[nodiscard]] int refusedCalls() const { return m_refusedCalls; }

Q_SIGNALS:
    /// The answer to call(`id`): `{"id":…, "ok":true, "value":…}` or `{"id":…, "ok":false, "error":"…"}`.
    void replied(int id, const QString &answerJson);

protected:
    /// Called only for a known method with a parsed argument; must check the argument's shape and
    /// call `reply` exactly once (now or later).
    virtual void handle(const QString &method, const QJsonValue &argument, Reply reply) = 0;

private:
    void answer(int id, const Answer &answer);
    void answerHandled(int id, const Answer &reply);

    int m_handledCalls = 0;
    int m_refusedCalls = 0;
};

} // namespace stratus::web
