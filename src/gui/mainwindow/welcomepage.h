#pragma once

#include "gui/shell/page.h"

class QLabel;

namespace stratus::gui {

/// The page shown when no product environment is open: what Stratus is and how to start. Says "No
/// product environment" in the status bar.
class WelcomePage : public Page
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    [[nodiscard]] PageContributions contributions() const override;

private:
    QLabel *m_status = nullptr;
};

} // namespace stratus::gui
