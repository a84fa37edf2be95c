#include "errorpresenter.h"

#include <QMessageBox>
#include <QPushButton>

namespace stratus::gui {

QString ErrorPresenter::text(const core::Error &error)
{
    return words::ErrorWords::text(error);
}

QString ErrorPresenter::richText(const core::Error &error)
{
    return text(error).toHtmlEscaped();
}

QString ErrorPresenter::text(const QString &context, const core::Error &error)
{
    if (context.isEmpty())
        return text(error);
    return context + QLatin1Char(' ') + text(error);
}

void ErrorPresenter::messageBox(QWidget *parent, const QString &title, const QString &context,
                                const core::Error &error, const RemedyHandler &onRemedy)
{
    QMessageBox box(QMessageBox::Warning, title, context.isEmpty() ? text(error) : context,
                    QMessageBox::Close, parent);
    if (!context.isEmpty())
        box.setInformativeText(text(error));
    const words::Remedy remedy = words::ErrorWords::remedy(error);
    QPushButton *remedyButton = nullptr;
    if (onRemedy && remedy != words::Remedy::None)
        remedyButton = box.addButton(words::ErrorWords::remedyLabel(remedy), QMessageBox::AcceptRole);
    box.exec();
    if (remedyButton && box.clickedButton() == remedyButton)
        onRemedy(remedy);
}

} // namespace stratus::gui
