#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace stratus::gui {

/// "Show in folder" for a downloaded file: asks the desktop's file manager to show it selected
/// (org.freedesktop.FileManager1.ShowItems on the session bus: Nautilus, Dolphin, Nemo, Thunar,
/// Caja…), and when none answers opens its folder (`xdg-open FOLDER`). When neither works the caller
/// says so, with the path to copy (reveal() returns Failed).
///
/// Both ways can be replaced (tests). A plain value; GUI thread (the D-Bus call blocks for at most a
/// few seconds while the file manager starts).
class ShowInFolder
{
public:
    enum class Outcome {
        FileManager, ///< the file manager shows the file selected
        FolderOpened, ///< its folder was opened with xdg-open
        Failed,
    };

    /// Asks the file manager to show @p uris (file:// URLs); true when it answered without error.
    using FileManagerCall = std::function<bool(const QStringList &uris)>;
    /// Opens @p folder with the desktop's default application; true when that started.
    using FolderOpener = std::function<bool(const QString &folder)>;

    ShowInFolder();

    void setFileManagerCall(FileManagerCall call) { m_fileManager = std::move(call); }
    void setFolderOpener(FolderOpener opener) { m_opener = std::move(opener); }

    [[nodiscard]] Outcome reveal(const QString &path) const;

    /// The real ways: FileManager1 on the session bus, and xdg-open started detached.
    [[nodiscard]] static bool callFileManager(const QStringList &uris);
    [[nodiscard]] static bool openWithXdgOpen(const QString &folder);

private:
    FileManagerCall m_fileManager;
    FolderOpener m_opener;
};

} // namespace stratus::gui
