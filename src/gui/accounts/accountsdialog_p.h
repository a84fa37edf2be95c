#pragma once

// What accountsdialog.cpp and accountsdialogchanges.cpp share about the tree of accounts.

#include <Qt>

namespace stratus::gui::accountsdialog {

enum Column { NameColumn, CloudColumn, FolderModeColumn, StatusColumn, CredentialColumn };
constexpr int KindRole = Qt::UserRole;
constexpr int IdRole = Qt::UserRole + 1;

} // namespace stratus::gui::accountsdialog
