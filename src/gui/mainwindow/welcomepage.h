#pragma once

#include <QWidget>

namespace stratus::gui {

/// The page shown when no product environment is open: what Stratus is and how to start.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);
};

} // namespace stratus::gui
