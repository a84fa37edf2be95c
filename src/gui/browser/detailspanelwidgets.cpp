// DetailsPanel: the buttons of Cloudinary's widgets (issue 15) under the asset's title.
#include "detailspanel.h"

#include "ui_detailspanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace stratus::gui {

void DetailsPanel::setAssetActions(const QList<QAction *> &actions)
{
    delete m_assetActions;
    m_assetActions = new QWidget(m_ui->scrollContents);
    m_assetActions->setObjectName(u"assetActions"_s);
    auto *row = new QHBoxLayout(m_assetActions);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    for (QAction *action : actions) {
        auto *button = new QToolButton(m_assetActions);
        button->setObjectName(action->objectName() + u"Button"_s);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(false);
        const auto follow = [button, action] {
            button->setVisible(action->isVisible() && action->isEnabled());
        };
        connect(action, &QAction::changed, button, follow);
        follow();
        row->addWidget(button);
    }
    row->addStretch(1);
    const int below = m_ui->contentsLayout->indexOf(m_ui->subtitleLabel);
    m_ui->contentsLayout->insertWidget(below + 1, m_assetActions);
}

} // namespace stratus::gui
