#include "jsnumber.h"

#include <charconv>
#include <cmath>
#include <string>

namespace stratus::core {

QString jsNumberToString(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (value == 0)
        return QStringLiteral("0"); // also -0, as in JavaScript

    std::string out;
    if (value < 0) {
        out += '-';
        value = -value;
    }

    // Shortest round-trip digits in scientific form: "d[.ddd]e[+-]x".
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const auto ePos = sci.find('e');
    std::string digits = sci.substr(0, ePos);
    if (digits.size() > 1)
        digits.erase(1, 1); // drop the decimal point
    const int exp10 = std::stoi(sci.substr(ePos + 1));

    const int k = int(digits.size());
    const int n = exp10 + 1; // value = 0.digits × 10^n

    if (k <= n && n <= 21) {
        out += digits;
        out.append(std::size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, std::size_t(n));
        out += '.';
        out += digits.substr(std::size_t(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(std::size_t(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += 'e';
        out += (n - 1 >= 0) ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

} // namespace stratus::core
