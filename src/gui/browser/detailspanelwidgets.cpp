// DetailsPanel: the buttons of Cloudinary's widgets (issue 15) under the asset's title.
#include "detailspanel.h"

#include "ui_detailspanel.h"

#include <QAction>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::gui {

void DetailsPanel::setAssetActions(const QList<QAction *> &actions)
{
    delete m_assetActions;
    m_assetActions = new QWidget(m_ui->scrollContents);
    m_assetActions->setObjectName(u"assetActions"_s);
    // One under the other: side by side, "Edit in Media Editor…" and "Preview as Product Gallery" made the
    // panel wider than its column and cut off everything on its right.
    auto *row = new QVBoxLayout(m_assetActions);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
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
        row->addWidget(button, 0, Qt::AlignLeft);
    }
    const int below = m_ui->contentsLayout->indexOf(m_ui->subtitleLabel);
    m_ui->contentsLayout->insertWidget(below + 1, m_assetActions);
}

} // namespace stratus::gui
