// The host services table (dxa_host_api) and one plugin's session on one area. Every service
// validates its arguments: a plugin is foreign code and may pass NULL or nonsense.
#include "plugins/plugin_session.hpp"

#include "support/log.hpp"

#include <cmath>
#include <cstring>

/// The opaque context a plugin receives: the session it belongs to.
struct dxa_context {
    dxassess::host::PluginSession* session;
};

namespace dxassess::host {
namespace {

using engine::AnswerNode;
using engine::Value;

const AnswerNode* node_of(const dxa_node* n) { return reinterpret_cast<const AnswerNode*>(n); }
const dxa_node* handle_of(const AnswerNode* n) { return reinterpret_cast<const dxa_node*>(n); }

PluginSession* session_of(dxa_context* ctx) { return ctx ? ctx->session : nullptr; }

const dxa_node* svc_answer(dxa_context* ctx, const char* key) {
    PluginSession* s = session_of(ctx);
    if (!s || !s->answers()) return nullptr;
    if (key == nullptr || *key == '\0') return handle_of(s->answers());  // the area's table itself
    return handle_of(s->answers()->member(key));
}

dxa_type svc_node_type(dxa_context*, const dxa_node* node) {
    const AnswerNode* n = node_of(node);
    if (!n) return DXA_TYPE_NONE;
    if (n->is_table) return DXA_TYPE_TABLE;
    if (n->is_list) return DXA_TYPE_LIST;
    switch (engine::type_of(n->value)) {
        case engine::Type::boolean: return DXA_TYPE_BOOL;
        case engine::Type::integer: return DXA_TYPE_INT;
        case engine::Type::number: return DXA_TYPE_NUMBER;
        case engine::Type::string: return DXA_TYPE_STRING;
        case engine::Type::date: return DXA_TYPE_DATE;
        case engine::Type::list: return DXA_TYPE_LIST;
        case engine::Type::unknown: break;
    }
    return DXA_TYPE_NONE;
}

template <class T>
const T* scalar(const dxa_node* node) {
    const AnswerNode* n = node_of(node);
    return n ? std::get_if<T>(&n->value) : nullptr;
}

dxa_status svc_get_bool(dxa_context*, const dxa_node* node, int32_t* out) {
    if (!node || !out) return node ? DXA_ERR_INVALID : DXA_ERR_NOT_FOUND;
    const bool* b = scalar<bool>(node);
    if (!b) return DXA_ERR_TYPE;
    *out = *b ? 1 : 0;
    return DXA_OK;
}

dxa_status svc_get_int(dxa_context*, const dxa_node* node, int64_t* out) {
    if (!node || !out) return node ? DXA_ERR_INVALID : DXA_ERR_NOT_FOUND;
    const std::int64_t* i = scalar<std::int64_t>(node);
    if (!i) return DXA_ERR_TYPE;
    *out = *i;
    return DXA_OK;
}

dxa_status svc_get_number(dxa_context*, const dxa_node* node, double* out) {
    if (!node || !out) return node ? DXA_ERR_INVALID : DXA_ERR_NOT_FOUND;
    if (const double* d = scalar<double>(node)) *out = *d;
    else if (const std::int64_t* i = scalar<std::int64_t>(node)) *out = static_cast<double>(*i);
    else return DXA_ERR_TYPE;
    return DXA_OK;
}

dxa_status svc_get_string(dxa_context*, const dxa_node* node, const char** out, size_t* size) {
    if (!node || !out) return node ? DXA_ERR_INVALID : DXA_ERR_NOT_FOUND;
    const std::string* s = scalar<std::string>(node);
    if (!s) return DXA_ERR_TYPE;
    *out = s->c_str();
    if (size) *size = s->size();
    return DXA_OK;
}

dxa_status svc_get_date(dxa_context*, const dxa_node* node, dxa_date* out) {
    if (!node || !out) return node ? DXA_ERR_INVALID : DXA_ERR_NOT_FOUND;
    const engine::Date* d = scalar<engine::Date>(node);
    if (!d) return DXA_ERR_TYPE;
    *out = dxa_date{d->year, d->month, d->day};
    return DXA_OK;
}

size_t svc_child_count(dxa_context*, const dxa_node* node) {
    const AnswerNode* n = node_of(node);
    if (!n) return 0;
    return n->is_table ? n->members.size() : n->items.size();
}

const dxa_node* svc_child_at(dxa_context*, const dxa_node* node, size_t index) {
    const AnswerNode* n = node_of(node);
    if (!n) return nullptr;
    if (n->is_table) return index < n->members.size() ? handle_of(&n->members[index].second) : nullptr;
    return index < n->items.size() ? handle_of(&n->items[index]) : nullptr;
}

const char* svc_key_at(dxa_context*, const dxa_node* node, size_t index) {
    const AnswerNode* n = node_of(node);
    if (!n || !n->is_table || index >= n->members.size()) return nullptr;
    return n->members[index].first.c_str();
}

const dxa_node* svc_child(dxa_context*, const dxa_node* table, const char* key) {
    const AnswerNode* n = node_of(table);
    if (!n || !n->is_table || !key) return nullptr;
    return handle_of(n->member(key));
}

dxa_status svc_publish(dxa_context* ctx, const char* fact, const dxa_value* value) {
    PluginSession* s = session_of(ctx);
    if (!s || !fact || !value) return DXA_ERR_INVALID;
    return s->publish(fact, value);
}

void svc_diagnose(dxa_context* ctx, dxa_severity severity, const char* key, const char* ja, const char* en) {
    if (PluginSession* s = session_of(ctx)) s->diagnose(severity, key, ja, en);
}

void svc_log(dxa_context* ctx, dxa_log_level level, const char* message) {
    if (!message || !engine::is_valid_utf8(message)) return;
    PluginSession* s = session_of(ctx);
    const std::string line = (s ? "[" + s->plugin().id + "] " : std::string("[plugin] ")) + message;
    switch (level) {
        case DXA_LOG_DEBUG: log::debug(line); break;
        case DXA_LOG_INFO: log::info(line); break;
        case DXA_LOG_WARN: log::warn(line); break;
        default: log::error(line); break;
    }
}

dxa_status svc_as_of(dxa_context* ctx, dxa_date* out) {
    PluginSession* s = session_of(ctx);
    if (!s || !out) return DXA_ERR_INVALID;
    const engine::Date d = s->as_of();
    *out = dxa_date{d.year, d.month, d.day};
    return DXA_OK;
}

dxa_status svc_reference(dxa_context* ctx, const char* id, dxa_value* out, dxa_date* as_of) {
    PluginSession* s = session_of(ctx);
    if (!s || !id || !out) return DXA_ERR_INVALID;
    const engine::ReferenceFigure* f = s->reference() ? s->reference()->find(id) : nullptr;
    if (!f) return DXA_ERR_NOT_FOUND;
    *out = dxa_value{};
    if (const auto* i = std::get_if<std::int64_t>(&f->value)) { out->type = DXA_TYPE_INT; out->as.integer = *i; }
    else if (const auto* n = std::get_if<double>(&f->value)) { out->type = DXA_TYPE_NUMBER; out->as.number = *n; }
    else if (const auto* d = std::get_if<engine::Date>(&f->value)) { out->type = DXA_TYPE_DATE; out->as.date = dxa_date{d->year, d->month, d->day}; }
    else return DXA_ERR_TYPE;
    if (as_of) *as_of = dxa_date{f->as_of.year, f->as_of.month, f->as_of.day};
    return DXA_OK;
}

dxa_status svc_profile(dxa_context* ctx, const char* field, dxa_value* out) {
    PluginSession* s = session_of(ctx);
    if (!s || !field || !out) return DXA_ERR_INVALID;
    const engine::Profile* p = s->profile();
    if (!p) return DXA_ERR_NOT_FOUND;
    const std::string_view f = field;
    const auto text = [&](const std::string& v) {
        if (v.empty()) return DXA_ERR_NOT_FOUND;
        *out = dxa_value{};
        out->type = DXA_TYPE_STRING;
        out->as.string.data = v.c_str();
        out->as.string.size = v.size();
        return DXA_OK;
    };
    const auto integer = [&](std::int64_t v) {
        if (v <= 0) return DXA_ERR_NOT_FOUND;
        *out = dxa_value{};
        out->type = DXA_TYPE_INT;
        out->as.integer = v;
        return DXA_OK;
    };
    if (f == "code") return text(p->code);
    if (f == "name") return text(p->name);
    if (f == "prefecture") return text(p->prefecture);
    if (f == "type") return text(p->type);
    if (f == "peer_group") return text(p->peer_group);
    if (f == "population") return integer(p->population);
    if (f == "fiscal_year") return integer(p->fiscal_year);
    if (f == "staff") return integer(p->staff);
    return DXA_ERR_NOT_FOUND;
}

constexpr dxa_host_api services = {
    sizeof(dxa_host_api), DXA_ABI_MAJOR, DXA_ABI_MINOR,
    svc_answer, svc_node_type, svc_get_bool, svc_get_int, svc_get_number, svc_get_string, svc_get_date,
    svc_child_count, svc_child_at, svc_key_at, svc_child,
    svc_publish, svc_diagnose, svc_log,
    // ABI 1.1
    svc_as_of,
    // ABI 1.3
    svc_reference,
    svc_profile,
};

/// A Value as the C ABI passes it; strings point into `v`, which must outlive the result.
dxa_value to_c(const Value& v) {
    dxa_value out{};
    if (const bool* b = std::get_if<bool>(&v)) { out.type = DXA_TYPE_BOOL; out.as.boolean = *b ? 1 : 0; }
    else if (const auto* i = std::get_if<std::int64_t>(&v)) { out.type = DXA_TYPE_INT; out.as.integer = *i; }
    else if (const double* d = std::get_if<double>(&v)) { out.type = DXA_TYPE_NUMBER; out.as.number = *d; }
    else if (const auto* s = std::get_if<std::string>(&v)) { out.type = DXA_TYPE_STRING; out.as.string.data = s->data(); out.as.string.size = s->size(); }
    else if (const auto* dt = std::get_if<engine::Date>(&v)) { out.type = DXA_TYPE_DATE; out.as.date = {dt->year, dt->month, dt->day}; }
    return out;
}

/// A C value checked against the declared type; nullopt if it does not fit.
std::optional<Value> from_c(const dxa_value& v, dxa_type declared) {
    switch (declared) {
        case DXA_TYPE_BOOL:
            if (v.type != DXA_TYPE_BOOL) return std::nullopt;
            return Value{v.as.boolean != 0};
        case DXA_TYPE_INT:
            if (v.type != DXA_TYPE_INT) return std::nullopt;
            return Value{static_cast<std::int64_t>(v.as.integer)};
        case DXA_TYPE_NUMBER:
            if (v.type == DXA_TYPE_INT) return Value{static_cast<double>(v.as.integer)};
            if (v.type != DXA_TYPE_NUMBER || !std::isfinite(v.as.number)) return std::nullopt;
            return Value{v.as.number};
        case DXA_TYPE_STRING: {
            if (v.type != DXA_TYPE_STRING || (v.as.string.data == nullptr && v.as.string.size > 0)) return std::nullopt;
            std::string s(v.as.string.data ? v.as.string.data : "", v.as.string.size);
            if (!engine::is_valid_utf8(s)) return std::nullopt;
            return Value{std::move(s)};
        }
        case DXA_TYPE_DATE: {
            if (v.type != DXA_TYPE_DATE) return std::nullopt;
            const engine::Date d{v.as.date.year, v.as.date.month, v.as.date.day};
            if (!d.valid()) return std::nullopt;
            return Value{d};
        }
        default: return std::nullopt;
    }
}

std::string safe(const char* s) {
    if (!s) return {};
    const std::string_view text(s);
    return engine::is_valid_utf8(text) ? std::string(text) : std::string();
}

}  // namespace

const dxa_host_api* host_api() { return &services; }

const char* status_name(dxa_status s) {
    switch (s) {
        case DXA_OK: return "DXA_OK";
        case DXA_ERR_NOT_FOUND: return "DXA_ERR_NOT_FOUND";
        case DXA_ERR_TYPE: return "DXA_ERR_TYPE";
        case DXA_ERR_INVALID: return "DXA_ERR_INVALID";
        case DXA_ERR_FAILED: return "DXA_ERR_FAILED";
        case DXA_ERR_INTERNAL: return "DXA_ERR_INTERNAL";
    }
    return "unknown status";
}

PluginSession::PluginSession(const PluginRecord& plugin, const engine::AnswerNode* answers, engine::Date as_of,
                             const engine::ReferenceData* reference, const engine::Profile* profile)
    : plugin_(plugin), answers_(answers), as_of_(as_of), reference_(reference), profile_(profile), ctx_(new dxa_context{this}) {}

PluginSession::~PluginSession() { delete ctx_; }

bool PluginSession::derive() {
    const dxa_plugin_descriptor* d = plugin_.descriptor;
    if (d->derive == nullptr) return true;
    const dxa_status s = d->derive(&services, ctx_);
    if (s == DXA_OK) return true;
    facts_.clear();  // a failed derivation's partial facts are not trusted
    failure_ = {"プラグイン " + plugin_.id + " が派生事実の計算に失敗しました（" + status_name(s) + "）",
                "plugin " + plugin_.id + " failed to derive its facts (" + status_name(s) + ")"};
    return false;
}

engine::Value PluginSession::call(const std::string& function, const std::vector<engine::Value>& args) {
    const dxa_plugin_descriptor* d = plugin_.descriptor;
    for (uint32_t i = 0; i < d->function_count; ++i) {
        const dxa_function_decl& f = d->functions[i];
        if (function != f.name) continue;
        std::vector<dxa_value> c_args;
        for (const auto& a : args) c_args.push_back(to_c(a));
        // The rules may pass an integer where a number is declared: the plugin gets what it declared.
        for (std::size_t k = 0; k < c_args.size() && k < f.param_count; ++k)
            if (f.param_types[k] == DXA_TYPE_NUMBER && c_args[k].type == DXA_TYPE_INT) {
                const double v = static_cast<double>(c_args[k].as.integer);
                c_args[k].type = DXA_TYPE_NUMBER;
                c_args[k].as.number = v;
            }
        dxa_value result{};
        const dxa_status s = f.call(ctx_, c_args.data(), static_cast<uint32_t>(c_args.size()), &result);
        if (s != DXA_OK) {
            diagnose(DXA_SEV_WARNING, nullptr, ("関数 " + function + " が失敗しました（" + status_name(s) + "）").c_str(),
                     ("function " + function + " failed (" + status_name(s) + ")").c_str());
            return {};
        }
        if (auto v = from_c(result, f.result_type)) return *v;
        diagnose(DXA_SEV_WARNING, nullptr, ("関数 " + function + " が宣言と異なる型の値を返しました").c_str(),
                 ("function " + function + " returned a value of another type than declared").c_str());
        return {};
    }
    return {};
}

dxa_status PluginSession::publish(const char* fact, const dxa_value* value) {
    const auto it = plugin_.fact_types.find(fact);
    if (it == plugin_.fact_types.end()) {
        log::warn("[" + plugin_.id + "] publish of undeclared fact '" + safe(fact) + "' refused");
        return DXA_ERR_INVALID;
    }
    auto v = from_c(*value, it->second);
    if (!v) {
        log::warn("[" + plugin_.id + "] fact '" + it->first + "' published with a wrong type or invalid value");
        return DXA_ERR_TYPE;
    }
    facts_[it->first] = std::move(*v);
    return DXA_OK;
}

void PluginSession::diagnose(dxa_severity severity, const char* key, const char* ja, const char* en) {
    engine::PluginDiagnostic d;
    d.severity = severity == DXA_SEV_ERROR ? engine::Severity::high
                 : severity == DXA_SEV_WARNING ? engine::Severity::medium : engine::Severity::info;
    d.answer_key = safe(key);
    d.message = {safe(ja), safe(en)};
    if (d.message.empty()) return;
    diagnostics_.push_back(std::move(d));
}

}  // namespace dxassess::host
