#pragma once

#include "widgetbridge.h"

namespace stratus::web {

/// The one C++ object of a preview page (Video Player, Product Gallery): `ready` once the widget is
/// shown, `error` with `{message}` when it could not be. Owned by the preview's window. GUI thread.
class PreviewBridge : public WidgetBridge
{
    Q_OBJECT

public:
    explicit PreviewBridge(QObject *parent = nullptr);

    [[nodiscard]] QStringList methods() const override;
    [[nodiscard]] bool isShown() const { return m_shown; }

Q_SIGNALS:
    void shown();
    void failed(const QString &message);

protected:
    void handle(const QString &method, const QJsonValue &argument, Reply reply) override;

private:
    bool m_shown = false;
};

} // namespace stratus::web
