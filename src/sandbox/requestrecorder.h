#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include <deque>

namespace stratus::sandbox {

class ApiRequest;

/// The last requests the sandbox received, for tests that must show what clients sent — above all
/// what web pages sent, whose bodies a Qt WebEngine request interceptor cannot see (issue 15: "a scan
/// of everything the pages received … finds no API secret"). Off unless stratus-sandbox runs with
/// `--record-requests N`; read with `GET /_sandbox/requests`, read and emptied with `DELETE`.
///
/// Each record: method, the encoded path, the Origin, Referer and User-Agent headers, the
/// parameters (form fields, query, JSON members), the file parts' names and sizes, and up to 64 KiB of
/// any other body. An Authorization header is recorded as its scheme only: the record of an API call
/// with key and secret must not become a place the secret is kept.
///
/// Not thread-safe (the sandbox's thread).
class RequestRecorder
{
public:
    /// Keeps at most `limit` records (0: records nothing).
    void setLimit(int limit);
    [[nodiscard]] bool enabled() const { return m_limit > 0; }
    void record(const ApiRequest &request);
    [[nodiscard]] QJsonArray records() const;
    void clear() { m_records.clear(); }

    static constexpr qsizetype maxBodyBytes = 64 * 1024;

private:
    int m_limit = 0;
    std::deque<QJsonObject> m_records;
};

} // namespace stratus::sandbox
