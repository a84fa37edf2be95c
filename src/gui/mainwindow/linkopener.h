#pragma once

#include <QCoreApplication>
#include <QUrl>

#include <functional>

class QWidget;

namespace stratus::gui {

/// Opens a web address or a mailto: link the way the desktop does (QDesktopServices::openUrl), and
/// when nothing opens it (no browser, no mail program) says what it would have opened: a window with
/// the address, selectable, and a button that copies it. Help, About and Report a Problem use it.
///
/// A plain value; the way of opening can be replaced (tests). GUI thread.
class LinkOpener
{
    Q_DECLARE_TR_FUNCTIONS(LinkOpener)

public:
    /// Opens @p url; true when something did.
    using Opener = std::function<bool(const QUrl &url)>;

    LinkOpener();
    explicit LinkOpener(Opener opener);

    /// Opens @p url, or shows it in a window over @p parent; true when it was opened.
    bool open(const QUrl &url, QWidget *parent) const;

private:
    Opener m_opener;
};

} // namespace stratus::gui
