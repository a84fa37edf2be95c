#include "errorbanner.h"

#include "errorpresenter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace stratus::gui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_button(new QPushButton(this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(QStringLiteral("errorBannerText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_button->setObjectName(QStringLiteral("errorBannerRemedy"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_button, 0, Qt::AlignTop);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_remedy != words::Remedy::None)
            Q_EMIT remedyRequested(m_remedy);
    });
    clearError();
}

void ErrorBanner::showError(const core::Error &error, const QString &context,
                            const QList<words::Remedy> &offered)
{
    m_error = error;
    const words::Remedy remedy = words::ErrorWords::remedy(error);
    m_remedy = offered.contains(remedy) ? remedy : words::Remedy::None;
    m_label->setText(ErrorPresenter::text(context, error));
    m_button->setText(words::ErrorWords::remedyLabel(m_remedy));
    m_button->setVisible(m_remedy != words::Remedy::None);
    show();
}

void ErrorBanner::clearError()
{
    m_error.reset();
    m_remedy = words::Remedy::None;
    m_label->clear();
    m_button->hide();
    hide();
}

QString ErrorBanner::text() const
{
    return m_label->text();
}

} // namespace stratus::gui
