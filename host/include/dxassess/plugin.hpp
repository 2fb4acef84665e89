// dxassess plugin SDK — header-only C++ layer over the C ABI in plugin.h.
//
// Write a class with a static `info`, optional static `facts` / `functions`, and a `derive`
// member; export it with DXASSESS_PLUGIN(ClassName). Every exception thrown by your code is
// caught here and becomes an error code (and a host log line) at the boundary. Add
// `static constexpr bool concurrent = true;` when `derive` and the functions keep no state
// between calls (DXA_PLUGIN_CONCURRENT): the host may then call them from several threads.
//
//   struct MyArea {
//       static constexpr dxassess::Info info{"com.example.myarea", "1.0.0", "myarea", "名前", "Name"};
//       static constexpr dxa_fact_decl facts[] = {{"share", DXA_TYPE_NUMBER, "割合", "Share"}};
//       void derive(dxassess::Context& ctx) {
//           if (auto n = ctx.integer("count")) ctx.publish("share", *n / 10.0);
//       }
//   };
//   DXASSESS_PLUGIN(MyArea)
//
// Requires C++17. The export uses Boost.DLL's alias macro (header-only, <boost/dll/alias.hpp>).
#ifndef DXASSESS_PLUGIN_HPP
#define DXASSESS_PLUGIN_HPP

#include <dxassess/plugin.h>

#include <boost/dll/alias.hpp>

#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace dxassess {

/// Identity of a plugin; copied into the descriptor.
struct Info {
    const char* id;
    const char* version;
    const char* area;
    const char* name_ja;
    const char* name_en;
};

/// Thrown by Context helpers when the host refuses a call; caught at the boundary.
class Error : public std::runtime_error {
public:
    Error(dxa_status status, const std::string& what) : std::runtime_error(what), status_(status) {}
    dxa_status status() const noexcept { return status_; }

private:
    dxa_status status_;
};

namespace detail {
inline const dxa_host_api*& host() noexcept {
    static const dxa_host_api* h = nullptr;
    return h;
}
}  // namespace detail

/// A read-only view of a value in the answers (a list, a table or a scalar).
class Node {
public:
    Node(dxa_context* ctx, const dxa_node* node) noexcept : ctx_(ctx), node_(node) {}

    explicit operator bool() const noexcept { return node_ != nullptr; }
    dxa_type type() const noexcept { return api().node_type(ctx_, node_); }
    std::size_t size() const noexcept { return node_ ? api().child_count(ctx_, node_) : 0; }
    Node operator[](std::size_t i) const noexcept { return {ctx_, api().child_at(ctx_, node_, i)}; }
    Node operator[](const char* key) const noexcept { return {ctx_, api().child(ctx_, node_, key)}; }
    /// Key of the i-th member of a table; empty for lists.
    std::string_view key(std::size_t i) const noexcept {
        const char* k = api().key_at(ctx_, node_, i);
        return k ? std::string_view(k) : std::string_view();
    }

    std::optional<bool> boolean() const noexcept {
        int32_t v = 0;
        return api().get_bool(ctx_, node_, &v) == DXA_OK ? std::optional<bool>(v != 0) : std::nullopt;
    }
    std::optional<int64_t> integer() const noexcept {
        int64_t v = 0;
        return api().get_int(ctx_, node_, &v) == DXA_OK ? std::optional<int64_t>(v) : std::nullopt;
    }
    std::optional<double> number() const noexcept {
        double v = 0;
        return api().get_number(ctx_, node_, &v) == DXA_OK ? std::optional<double>(v) : std::nullopt;
    }
    std::optional<std::string_view> string() const noexcept {
        const char* p = nullptr;
        std::size_t n = 0;
        return api().get_string(ctx_, node_, &p, &n) == DXA_OK ? std::optional<std::string_view>({p, n})
                                                               : std::nullopt;
    }
    std::optional<dxa_date> date() const noexcept {
        dxa_date d{};
        return api().get_date(ctx_, node_, &d) == DXA_OK ? std::optional<dxa_date>(d) : std::nullopt;
    }

private:
    static const dxa_host_api& api() noexcept { return *detail::host(); }
    dxa_context* ctx_;
    const dxa_node* node_;
};

/// One area's evaluation, as seen by the plugin.
class Context {
public:
    explicit Context(dxa_context* ctx) noexcept : ctx_(ctx) {}

    /// The answer to a question, or an empty Node when unanswered.
    Node answer(const char* key) const noexcept { return {ctx_, api().answer(ctx_, key)}; }
    std::optional<bool> boolean(const char* key) const noexcept { return answer(key).boolean(); }
    std::optional<int64_t> integer(const char* key) const noexcept { return answer(key).integer(); }
    std::optional<double> number(const char* key) const noexcept { return answer(key).number(); }
    std::optional<std::string_view> string(const char* key) const noexcept { return answer(key).string(); }
    std::optional<dxa_date> date(const char* key) const noexcept { return answer(key).date(); }

    void publish(const char* fact, bool v) const { publish_value(fact, make(DXA_TYPE_BOOL, [&](dxa_value& x) { x.as.boolean = v; })); }
    void publish(const char* fact, int64_t v) const { publish_value(fact, make(DXA_TYPE_INT, [&](dxa_value& x) { x.as.integer = v; })); }
    void publish(const char* fact, int v) const { publish(fact, static_cast<int64_t>(v)); }
    void publish(const char* fact, double v) const { publish_value(fact, make(DXA_TYPE_NUMBER, [&](dxa_value& x) { x.as.number = v; })); }
    void publish(const char* fact, std::string_view v) const {
        publish_value(fact, make(DXA_TYPE_STRING, [&](dxa_value& x) { x.as.string.data = v.data(); x.as.string.size = v.size(); }));
    }
    void publish(const char* fact, const char* v) const { publish(fact, std::string_view(v)); }
    void publish(const char* fact, dxa_date v) const { publish_value(fact, make(DXA_TYPE_DATE, [&](dxa_value& x) { x.as.date = v; })); }

    /// Report a problem with the answers, tied to a question id.
    void diagnose(dxa_severity sev, const char* key, const std::string& ja, const std::string& en) const noexcept {
        api().diagnose(ctx_, sev, key, ja.c_str(), en.c_str());
    }
    void log(dxa_log_level level, const std::string& message) const noexcept { api().log(ctx_, level, message.c_str()); }

    /// The assessment's reference date; empty on a host older than ABI 1.1.
    std::optional<dxa_date> as_of() const noexcept {
        dxa_date d{};
        if (!DXA_HAS_FIELD(dxa_host_api, api().struct_size, as_of) || api().as_of(ctx_, &d) != DXA_OK) return std::nullopt;
        return d;
    }

    /// A reference figure (rules/reference.toml) by id; empty when the host (older than ABI 1.3)
    /// or its reference data lacks it. Deadlines and "newest version" dates come from here.
    std::optional<dxa_value> reference(const char* id) const noexcept {
        dxa_value v{};
        if (!DXA_HAS_FIELD(dxa_host_api, api().struct_size, reference) || api().reference(ctx_, id, &v, nullptr) != DXA_OK)
            return std::nullopt;
        return v;
    }
    /// A reference figure that is a date, e.g. reference_date("standardization_deadline").
    std::optional<dxa_date> reference_date(const char* id) const noexcept {
        const auto v = reference(id);
        if (!v || v->type != DXA_TYPE_DATE) return std::nullopt;
        return v->as.date;
    }

    /// A [profile] field (ABI 1.3): the facts common to every area, such as "staff" (一般行政職員数)
    /// or "population". Read them here; never ask them again in an area's questions.
    std::optional<int64_t> profile_integer(const char* field) const noexcept {
        dxa_value v{};
        if (!DXA_HAS_FIELD(dxa_host_api, api().struct_size, profile) || api().profile(ctx_, field, &v) != DXA_OK ||
            v.type != DXA_TYPE_INT)
            return std::nullopt;
        return v.as.integer;
    }
    std::optional<std::string_view> profile_string(const char* field) const noexcept {
        dxa_value v{};
        if (!DXA_HAS_FIELD(dxa_host_api, api().struct_size, profile) || api().profile(ctx_, field, &v) != DXA_OK ||
            v.type != DXA_TYPE_STRING)
            return std::nullopt;
        return std::string_view(v.as.string.data, v.as.string.size);
    }

    dxa_context* raw() const noexcept { return ctx_; }

private:
    template <class F>
    static dxa_value make(dxa_type t, F&& fill) {
        dxa_value v{};
        v.type = t;
        fill(v);
        return v;
    }
    void publish_value(const char* fact, const dxa_value& v) const {
        const dxa_status s = api().publish(ctx_, fact, &v);
        if (s != DXA_OK) throw Error(s, std::string("publish of fact '") + fact + "' refused by the host");
    }
    static const dxa_host_api& api() noexcept { return *detail::host(); }
    dxa_context* ctx_;
};

namespace detail {

/// Runs f, turning any exception into a status code and a host log line. Never throws.
template <class F>
dxa_status guarded(dxa_context* ctx, const char* where, F&& f) noexcept {
    const auto report = [&](const char* what) noexcept {
        if (host() == nullptr) return;
        std::string msg = std::string(where) + ": " + what;
        host()->log(ctx, DXA_LOG_ERROR, msg.c_str());
    };
    try {
        f();
        return DXA_OK;
    } catch (const Error& e) {
        report(e.what());
        return e.status() == DXA_OK ? DXA_ERR_INTERNAL : e.status();
    } catch (const std::exception& e) {
        report(e.what());
        return DXA_ERR_INTERNAL;
    } catch (...) {
        report("unknown exception");
        return DXA_ERR_INTERNAL;
    }
}

template <class P, class = void>
struct facts_of {
    static constexpr const dxa_fact_decl* data() { return nullptr; }
    static constexpr uint32_t size() { return 0; }
};
template <class P>
struct facts_of<P, std::void_t<decltype(P::facts)>> {
    static constexpr const dxa_fact_decl* data() { return P::facts; }
    static constexpr uint32_t size() { return static_cast<uint32_t>(std::extent_v<decltype(P::facts)>); }
};
template <class P, class = void>
struct functions_of {
    static constexpr const dxa_function_decl* data() { return nullptr; }
    static constexpr uint32_t size() { return 0; }
};
template <class P>
struct functions_of<P, std::void_t<decltype(P::functions)>> {
    static constexpr const dxa_function_decl* data() { return P::functions; }
    static constexpr uint32_t size() { return static_cast<uint32_t>(std::extent_v<decltype(P::functions)>); }
};

template <class P, class = void>
struct flags_of {
    static constexpr uint32_t value = 0;
};
template <class P>
struct flags_of<P, std::void_t<decltype(P::concurrent)>> {
    static constexpr uint32_t value = P::concurrent ? DXA_PLUGIN_CONCURRENT : 0u;
};

template <class P>
P*& instance() noexcept {
    static P* p = nullptr;
    return p;
}

template <class P>
dxa_status derive_thunk(const dxa_host_api*, dxa_context* ctx) noexcept {
    return guarded(ctx, "derive", [&] {
        Context c(ctx);
        instance<P>()->derive(c);
    });
}

template <class P>
const dxa_plugin_descriptor* entry(const dxa_host_api* h) noexcept {
    if (h == nullptr || h->abi_major != DXA_ABI_MAJOR) return nullptr;
    host() = h;
    static dxa_plugin_descriptor d{};
    const dxa_status s = guarded(nullptr, "plugin construction", [] {
        static P p;  // constructed once; lives until the library is unloaded
        instance<P>() = &p;
    });
    if (s != DXA_OK) return nullptr;
    d.struct_size = sizeof(dxa_plugin_descriptor);
    d.abi_major = DXA_ABI_MAJOR;
    d.abi_minor = DXA_ABI_MINOR;
    d.id = P::info.id;
    d.version = P::info.version;
    d.area = P::info.area;
    d.name_ja = P::info.name_ja;
    d.name_en = P::info.name_en;
    d.facts = facts_of<P>::data();
    d.fact_count = facts_of<P>::size();
    d.functions = functions_of<P>::data();
    d.function_count = functions_of<P>::size();
    d.derive = &derive_thunk<P>;
    d.flags = flags_of<P>::value;
    return &d;
}

}  // namespace detail

/// Signature of a rule function written in C++. Return the result; throw to fail.
using FunctionImpl = dxa_value (*)(Context& ctx, const dxa_value* args, uint32_t count);

/// Adapts a C++ rule function to the C ABI, containing exceptions. Use as the `call` of a dxa_function_decl.
template <FunctionImpl F>
dxa_status function(dxa_context* ctx, const dxa_value* args, uint32_t count, dxa_value* result) noexcept {
    return detail::guarded(ctx, "function", [&] {
        Context c(ctx);
        *result = F(c, args, count);
    });
}

/// Value helpers for rule functions.
inline dxa_value string_value(const char* s) noexcept {
    dxa_value v{};
    v.type = DXA_TYPE_STRING;
    v.as.string.data = s;
    v.as.string.size = std::char_traits<char>::length(s);
    return v;
}
inline dxa_value number_value(double n) noexcept {
    dxa_value v{};
    v.type = DXA_TYPE_NUMBER;
    v.as.number = n;
    return v;
}
inline dxa_value int_value(int64_t n) noexcept {
    dxa_value v{};
    v.type = DXA_TYPE_INT;
    v.as.integer = n;
    return v;
}
inline dxa_value bool_value(bool b) noexcept {
    dxa_value v{};
    v.type = DXA_TYPE_BOOL;
    v.as.boolean = b ? 1 : 0;
    return v;
}

}  // namespace dxassess

/// Exports PluginClass as this library's dxassess plugin (one per shared library).
#define DXASSESS_PLUGIN(PluginClass)                                                                   \
    namespace dxassess_generated {                                                                    \
    extern "C" const dxa_plugin_descriptor* dxassess_entry_impl(const dxa_host_api* host) noexcept { \
        return ::dxassess::detail::entry<PluginClass>(host);                                          \
    }                                                                                                 \
    }                                                                                                 \
    BOOST_DLL_ALIAS(dxassess_generated::dxassess_entry_impl, dxassess_plugin_entry)

#endif  // DXASSESS_PLUGIN_HPP
