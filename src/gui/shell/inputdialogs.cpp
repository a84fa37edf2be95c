#include "inputdialogs.h"

#include <QInputDialog>
#include <QLabel>

namespace stratus::gui {

void wrapInputDialogLabel(QInputDialog *dialog)
{
    if (dialog == nullptr)
        return;
    if (auto *label = dialog->findChild<QLabel *>()) {
        label->setWordWrap(true);
        // Wide enough for an e-mail address and a calm line length, whatever the sentence.
        label->setMinimumWidth(380);
        label->setMaximumWidth(460);
    }
}

} // namespace stratus::gui
