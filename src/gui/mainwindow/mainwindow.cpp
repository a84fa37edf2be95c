#include "mainwindow.h"

#include "aboutdialog.h"
#include "welcomepage.h"

#include "ui_mainwindow.h"

#include <QDesktopServices>
#include <QIcon>
#include <QKeySequence>
#include <QUrl>

namespace stratus::gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/stratus.svg")));
    setCentralWidget(m_ui->pages);

    m_ui->pages->addWidget(new WelcomePage(m_ui->pages));

    m_ui->quitAction->setShortcut(QKeySequence::Quit);
    m_ui->documentationAction->setShortcut(QKeySequence::HelpContents);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->documentationAction, &QAction::triggered, this,
            [] { QDesktopServices::openUrl(QUrl(QStringLiteral(STRATUS_DOCS_URL))); });
    connect(m_ui->reportProblemAction, &QAction::triggered, this,
            [] { QDesktopServices::openUrl(QUrl(QStringLiteral(STRATUS_SUPPORT_URL))); });

    statusBar()->showMessage(tr("No product environment yet"));
}

MainWindow::~MainWindow() = default;

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace stratus::gui
