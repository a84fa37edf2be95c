#pragma once

#include <QDialog>

namespace stratus::gui {

/// Help → About: version, Qt version, license, where to report problems, the documentation.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace stratus::gui
