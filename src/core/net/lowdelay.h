#pragma once

namespace stratus::core {

/// Turns off Nagle's algorithm (TCP_NODELAY) on this process's TCP sockets that still have it.
///
/// Qt 6.4's HTTP client leaves it on and writes a request body in 16 KiB pieces. The last, short
/// piece then waits for the server to acknowledge the ones before it, and a server that delays its
/// acknowledgement (Linux does, up to 40 ms) stalls every upload by that much: 500 files of 200 KB
/// took 4.7 s where curl and the Node SDK, which both set TCP_NODELAY, need a third of it
/// (docs/benchmarks.md, upload). QNetworkAccessManager does not hand out its sockets, so this
/// looks for them: on Linux through /proc/self/fd, elsewhere it does nothing. Setting the option
/// also sends what Nagle was holding back at once. Cheap (one pass over the open descriptors) and
/// harmless for any other TCP socket of the process. Any thread.
void lowerTcpDelay();

} // namespace stratus::core
