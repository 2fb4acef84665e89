#include "dxassess/engine/value.hpp"

#include <cstdio>
#include <sstream>

namespace dxassess::engine {

std::int64_t Date::serial() const {
    // Howard Hinnant's days_from_civil.
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date Date::from_serial(std::int64_t z) {
    // Howard Hinnant's civil_from_days.
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

bool Date::valid() const {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string Date::str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

Date Date::parse(const std::string& s) {
    Date d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return {};
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return {};
    d.year = std::stoi(s.substr(0, 4));
    d.month = std::stoi(s.substr(5, 2));
    d.day = std::stoi(s.substr(8, 2));
    return d.valid() ? d : Date{};
}

const char* type_name(Type t) {
    switch (t) {
        case Type::boolean: return "bool";
        case Type::integer: return "integer";
        case Type::number: return "number";
        case Type::string: return "string";
        case Type::date: return "date";
        case Type::list: return "list";
        case Type::unknown: break;
    }
    return "unknown";
}

Type type_of(const Value& v) {
    static constexpr Type by_index[] = {Type::unknown, Type::boolean, Type::integer, Type::number,
                                        Type::string,  Type::date,    Type::list};
    return by_index[v.index()];
}

std::string to_display(const Value& v, bool english) {
    struct Visitor {
        bool en;
        std::string operator()(std::monostate) const { return en ? "unanswered" : "未回答"; }
        std::string operator()(bool b) const { return b ? (en ? "yes" : "はい") : (en ? "no" : "いいえ"); }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            std::ostringstream os;
            os.precision(4);
            os << d;
            return os.str();
        }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const Date& d) const { return d.str(); }
        std::string operator()(const StringList& l) const {
            std::string out = "[";
            for (std::size_t i = 0; i < l.size(); ++i) out += (i ? ", " : "") + l[i];
            return out + "]";
        }
    };
    return std::visit(Visitor{english}, v);
}

}  // namespace dxassess::engine
