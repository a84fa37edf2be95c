#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace stratus::gui {

/// The application's main window: a thin shell that hosts pages (welcome, browser, …) in a
/// stack and owns the menus that are not a page's own. Created by the composition root in
/// src/app; lives on the GUI thread for the whole session.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
};

} // namespace stratus::gui
