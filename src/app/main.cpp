#include "gui/mainwindow/mainwindow.h"

#include "stratus/version.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Stratus"));
    QApplication::setOrganizationName(QStringLiteral("Stratus"));
    QApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stratus_desktop.Stratus"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stratus.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("stratus"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    stratus::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
