#pragma once

#include <QByteArray>
#include <QString>

namespace stratus::core {

/// Wiping secrets from memory, as far as Qt's implicitly shared containers allow (issue 11: a
/// secret must not outlive its use in a core dump or a swapped page).
///
/// A QString or QByteArray shares its buffer between copies; writing into a shared one would
/// detach, overwrite a fresh copy and leave the original untouched. So wipe() zeroes the buffer
/// only when this object is its last owner, and otherwise just lets go of it: when every owner of
/// a secret wipes its copy, the last one zeroes the bytes. Copies Qt makes inside its own classes
/// (a QNetworkRequest's headers, QtKeychain's job) are beyond reach.
void wipe(QString &text);
void wipe(QByteArray &bytes);

/// Zeroes the buffer in place when this object is its only owner, keeping the size; false (and
/// nothing written) when the buffer is shared.
bool zeroIfSoleOwner(QString &text);
bool zeroIfSoleOwner(QByteArray &bytes);

/// Entry points of the CLI and the app call this first: no core dump of a process that may hold
/// an API secret or a token (RLIMIT_CORE 0, inherited by children, and PR_SET_DUMPABLE 0, which
/// also keeps other processes of the same user from reading its memory through ptrace or
/// /proc/PID/mem). Returns false when the system refused (the caller goes on).
bool disableCoreDumps();

} // namespace stratus::core
