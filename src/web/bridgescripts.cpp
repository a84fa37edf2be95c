#include "bridgescripts.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace stratus::web::bridgescripts {

namespace {

// The listener is added at document creation, so no request of the page's first script is lost; the
// channel connects as soon as the transport exists (at the latest at DocumentReady), and requests
// wait in a queue until then. `e.source === window` keeps out frames (a widget's iframe, or any
// frame it loads), which may post to their parent too.
constexpr auto relayTemplate = R"JS(
(function () {
  'use strict';
  if (window.__stratusRelay || location.origin !== %3) return;
  const METHODS = %1;
  const MAX_ARGUMENT = %2;
  let bridge = null;
  let connecting = false;
  const queue = [];
  function answer(id, text) {
    window.postMessage({ stratusBridgeReply: 1, id: id, answer: text }, location.origin);
  }
  function refuse(id, code) {
    answer(id, JSON.stringify({ id: id, ok: false, error: code }));
  }
  function forward(request) {
    bridge.call(request.id, request.method, request.argument);
  }
  window.addEventListener('message', function (e) {
    if (e.source !== window) return;
    const d = e.data;
    if (d === null || typeof d !== 'object' || d.stratusBridgeCall !== 1) return;
    if (!Number.isInteger(d.id) || d.id < 0 || d.id > 0x7fffffff) return;
    if (typeof d.method !== 'string' || METHODS.indexOf(d.method) < 0) { refuse(d.id, 'unknown-method'); return; }
    if (typeof d.argument !== 'string' || d.argument.length > MAX_ARGUMENT) { refuse(d.id, 'bad-argument'); return; }
    const request = { id: d.id, method: d.method, argument: d.argument };
    if (bridge) forward(request); else queue.push(request);
  });
  function connect() {
    if (bridge || connecting || typeof qt === 'undefined' || !qt.webChannelTransport) return;
    connecting = true;
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      bridge.replied.connect(function (id, text) { answer(id, text); });
      queue.splice(0).forEach(forward);
    });
  }
  Object.defineProperty(window, '__stratusRelay', { value: { connect: connect } });
  connect();
})();
)JS";

constexpr auto connectScript = R"JS(
(function () { if (window.__stratusRelay) window.__stratusRelay.connect(); })();
)JS";

constexpr auto shimScript = R"JS(
(function () {
  'use strict';
  if (window.stratusBridge || location.origin !== %1) return;
  let next = 0;
  const waiting = new Map();
  window.addEventListener('message', function (e) {
    if (e.source !== window) return;
    const d = e.data;
    if (d === null || typeof d !== 'object' || d.stratusBridgeReply !== 1) return;
    if (!waiting.has(d.id) || typeof d.answer !== 'string') return;
    const w = waiting.get(d.id);
    waiting.delete(d.id);
    let a;
    try { a = JSON.parse(d.answer); } catch (x) { w.reject(new Error('bad-answer')); return; }
    if (a.ok === true) w.resolve(a.value); else w.reject(new Error(String(a.error)));
  });
  function call(method, value) {
    return new Promise(function (resolve, reject) {
      let text;
      try { text = JSON.stringify(value === undefined ? null : value); } catch (x) { reject(new Error('bad-argument')); return; }
      const id = next++;
      waiting.set(id, { resolve: resolve, reject: reject });
      window.postMessage({ stratusBridgeCall: 1, id: id, method: String(method), argument: text }, location.origin);
    });
  }
  Object.defineProperty(window, 'stratusBridge', { value: Object.freeze({ call: call }) });
})();
)JS";

QString jsString(const QString &text)
{
    // A JSON array of one string, without its brackets: a JavaScript string literal.
    const QByteArray json = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

} // namespace

QString serialisedOrigin(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == u"https"_s ? 443 : 80;
    QString origin = scheme + u"://"_s + url.host().toLower();
    if (url.port() != -1 && url.port() != defaultPort)
        origin += u':' + QString::number(url.port());
    return origin;
}

QString isolatedRelay(const QString &hostOrigin, const QStringList &methods, qsizetype maxArgumentLength)
{
    QFile channelJs(u":/qtwebchannel/qwebchannel.js"_s);
    QString channel;
    if (channelJs.open(QIODevice::ReadOnly))
        channel = QString::fromUtf8(channelJs.readAll());
    const QString methodList = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(methods)).toJson(QJsonDocument::Compact));
    return channel + u'\n'
        + QString::fromUtf8(relayTemplate)
              .arg(methodList, QString::number(maxArgumentLength), jsString(hostOrigin));
}

QString isolatedConnect()
{
    return QString::fromUtf8(connectScript);
}

QString mainWorldShim(const QString &hostOrigin)
{
    return QString::fromUtf8(shimScript).arg(jsString(hostOrigin));
}

} // namespace stratus::web::bridgescripts
