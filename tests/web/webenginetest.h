#pragma once

// What the offscreen Qt WebEngine tests share (tests/web, tests/sandbox, tests/gui): running a
// script in a page and waiting for its value, a page that keeps its console lines, a request
// interceptor that keeps every URL, a script that plays the user in every frame, and the main() of a
// WebEngine test.
#include <QApplication>
#include <QDebug>
#include <QEventLoop>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QVariant>
#include <QWebEnginePage>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineUrlRequestInterceptor>

#include <memory>
#include <unistd.h>

namespace stratus::webtest {

/// Runs @p script in @p world of @p page and waits (at the most @p timeoutMs) for its value; a null
/// QVariant, and a warning, when it did not finish.
inline QVariant evaluate(QWebEnginePage *page, const QString &script,
                         QWebEngineScript::ScriptWorldId world = QWebEngineScript::MainWorld,
                         int timeoutMs = 10000)
{
    // Shared with the callback, which may come after a time-out has ended the wait.
    struct Outcome
    {
        QVariant value;
        bool done = false;
    };
    const auto outcome = std::make_shared<Outcome>();
    QEventLoop loop;
    const QPointer<QEventLoop> waiting(&loop);
    page->runJavaScript(script, world, [outcome, waiting](const QVariant &value) {
        outcome->value = value;
        outcome->done = true;
        if (waiting)
            waiting->quit();
    });
    if (!outcome->done) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!outcome->done)
        qWarning() << "script did not finish:" << script.left(80);
    return outcome->value;
}

/// Adds @p source, named @p name, to @p scripts (a profile's or a page's): run in every frame once
/// its document is ready, in @p world (an isolated world sharing the frame's DOM, so that its clicks
/// are the ones the frame's own handlers see). Returns the script, to remove it again.
inline QWebEngineScript
addFrameScript(QWebEngineScriptCollection *scripts, const QString &name, const QString &source,
               QWebEngineScript::ScriptWorldId world = QWebEngineScript::ApplicationWorld)
{
    QWebEngineScript script;
    script.setName(name);
    script.setSourceCode(source);
    script.setInjectionPoint(QWebEngineScript::DocumentReady);
    script.setWorldId(world);
    script.setRunsOnSubFrames(true);
    scripts->insert(script);
    return script;
}

/// Keeps what the page said on its console (source:line: message), to check or to show when a test
/// fails.
class RecordingPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;
    QStringList messages;

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel, const QString &message, int line,
                                  const QString &source) override
    {
        messages.append(QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(message));
    }
};

/// Every URL the pages of a profile ask for (documents, frames, scripts, fetches, pictures, media).
class RecordingInterceptor : public QWebEngineUrlRequestInterceptor
{
public:
    QList<QUrl> urls;
    void interceptRequest(QWebEngineUrlRequestInfo &info) override { urls.append(info.requestUrl()); }
};

/// What a WebEngine test sets before its QApplication exists: Chromium's own sandbox off when
/// running as root (as tests/run-headless.sh does; it cannot run as root), and the OpenGL context
/// WebEngine shares with the widgets.
inline void prepareWebEngine()
{
    if (::geteuid() == 0)
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

} // namespace stratus::webtest

/// The main() of a WebEngine test of class @p TestClass: prepareWebEngine(), a QApplication, the
/// tests.
#define STRATUS_WEBENGINE_TEST_MAIN(TestClass)                                                               \
    int main(int argc, char **argv)                                                                          \
    {                                                                                                        \
        stratus::webtest::prepareWebEngine();                                                                \
        QApplication app(argc, argv);                                                                        \
        TestClass test;                                                                                      \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&test, argc, argv);                                                              \
    }
