#pragma once

class QInputDialog;

namespace stratus::gui {

/// Lets a QInputDialog's explanation wrap, so a sentence or two does not make the dialog as wide as
/// the sentence (QInputDialog keeps its label on one line). Call after setLabelText().
void wrapInputDialogLabel(QInputDialog *dialog);

} // namespace stratus::gui
