#include "page.h"

namespace stratus::gui {

PageContributions &PageContributions::operator+=(const PageContributions &other)
{
    actions += other.actions;
    menus += other.menus;
    toolBars += other.toolBars;
    statusWidgets += other.statusWidgets;
    permanentStatusWidgets += other.permanentStatusWidgets;
    docks += other.docks;
    editActions += other.editActions;
    viewActions += other.viewActions;
    return *this;
}

Page::~Page() = default;

QString Page::title() const
{
    return {};
}

PageContributions Page::contributions() const
{
    return {};
}

void Page::pageActivated()
{
}

void Page::pageDeactivated()
{
}

} // namespace stratus::gui
