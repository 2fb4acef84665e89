/*
 * dxassess plugin ABI — the stable C boundary between the dxassess host and an area plugin.
 *
 * This header depends on nothing but the C standard library. Everything that crosses the
 * boundary is a plain C type, an opaque handle or a function pointer.
 *
 * Versioning (see docs/plugin-sdk.md):
 *   - DXA_ABI_MAJOR changes when anything existing changes meaning or layout. The host refuses a
 *     plugin built for another major.
 *   - DXA_ABI_MINOR grows when fields or services are appended. The host refuses a plugin built
 *     for a newer minor than its own and keeps loading plugins built for an older minor.
 *   - Structs that can grow begin with `struct_size`; fields are only ever appended. Read a field
 *     only when `struct_size` shows it is present (DXA_HAS_FIELD).
 *
 * Memory rules:
 *   - Everything a plugin hands the host in its descriptor (strings, arrays) is owned by the plugin
 *     and must stay valid while the library is loaded; the host never frees it. The host keeps
 *     every plugin loaded until it exits.
 *   - Strings and nodes the host hands a plugin are owned by the host and valid until the callback
 *     that received them returns. Copy what you keep.
 *   - Strings a plugin passes to a service (names, messages, published values) are copied by the
 *     host before the service returns.
 *   - All strings are NUL-terminated UTF-8.
 *
 * Errors: no exception or longjmp may cross this boundary. Callbacks return a dxa_status.
 * Threading: the host calls a plugin from one thread at a time, unless its descriptor sets
 * DXA_PLUGIN_CONCURRENT; a context is used by one thread.
 */
#ifndef DXASSESS_PLUGIN_H
#define DXASSESS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DXA_ABI_MAJOR 1
#define DXA_ABI_MINOR 3

/* Name of the exported entry point. With Boost.DLL it is written BOOST_DLL_ALIAS(fn, dxassess_plugin_entry);
 * in plain C it is a variable `const void* dxassess_plugin_entry = (const void*)&fn;` with default visibility
 * (on Windows, __declspec(dllexport)). */
#define DXA_ENTRY_NAME "dxassess_plugin_entry"

/* A plugin whose descriptor names this area is a generic scorer: it scores any rule set whose
 * [area] plugin names its id, for vendors who ship a rule set with no area-specific code. */
#define DXA_GENERIC_AREA "generic"

/* True when a struct that reported `size` bytes contains `field` of `type`. */
#define DXA_HAS_FIELD(type, size, field) ((size) >= offsetof(type, field) + sizeof(((type*)0)->field))

typedef enum dxa_status {
    DXA_OK = 0,
    DXA_ERR_NOT_FOUND = 1,  /* no answer under that key (unanswered or undeclared) */
    DXA_ERR_TYPE = 2,       /* the value has another type than the one asked for */
    DXA_ERR_INVALID = 3,    /* an argument is invalid (NULL, bad name, out of range) */
    DXA_ERR_FAILED = 4,     /* the plugin could not do its work; details were reported as a diagnostic */
    DXA_ERR_INTERNAL = 5    /* an unexpected error (e.g. an exception caught by the C++ layer) */
} dxa_status;

typedef enum dxa_type {
    DXA_TYPE_NONE = 0,      /* no value (unanswered) */
    DXA_TYPE_BOOL = 1,
    DXA_TYPE_INT = 2,       /* int64_t */
    DXA_TYPE_NUMBER = 3,    /* double */
    DXA_TYPE_STRING = 4,    /* UTF-8; also the value of a choice question */
    DXA_TYPE_DATE = 5,      /* calendar date */
    DXA_TYPE_LIST = 6,      /* a list: strings (multi-choice answers) or tables (rows of a table question) */
    DXA_TYPE_TABLE = 7      /* a table of named values (an area's answers, a row) */
} dxa_type;

typedef enum dxa_severity {
    DXA_SEV_INFO = 0,
    DXA_SEV_WARNING = 1,
    DXA_SEV_ERROR = 2
} dxa_severity;

typedef enum dxa_log_level {
    DXA_LOG_DEBUG = 0,
    DXA_LOG_INFO = 1,
    DXA_LOG_WARN = 2,
    DXA_LOG_ERROR = 3
} dxa_log_level;

typedef struct dxa_date {
    int32_t year;
    int32_t month;  /* 1-12 */
    int32_t day;    /* 1-31 */
} dxa_date;

/* A scalar value passed to and from plugin functions. `type` says which member is set. */
typedef struct dxa_value {
    dxa_type type;
    union {
        int32_t boolean;            /* 0 or 1 */
        int64_t integer;
        double number;
        dxa_date date;
        struct { const char* data; size_t size; } string;
    } as;
} dxa_value;

/* Opaque handles owned by the host. */
typedef struct dxa_context dxa_context;  /* one area's evaluation */
typedef struct dxa_node dxa_node;        /* a value inside the answers */

/*
 * Services the host offers a plugin, in the spirit of SQLite's sqlite3_api_routines: an
 * append-only table of function pointers. Check `struct_size` (DXA_HAS_FIELD) before calling a
 * service added after minor 0.
 */
typedef struct dxa_host_api {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;

    /* Answers of the plugin's area, by question id. NULL when unanswered or not declared. */
    const dxa_node* (*answer)(dxa_context* ctx, const char* key);
    /* Type of a node, DXA_TYPE_NONE for NULL. */
    dxa_type (*node_type)(dxa_context* ctx, const dxa_node* node);
    /* Typed reads. DXA_ERR_TYPE on a type mismatch (an integer node also reads as a number). */
    dxa_status (*get_bool)(dxa_context* ctx, const dxa_node* node, int32_t* out);
    dxa_status (*get_int)(dxa_context* ctx, const dxa_node* node, int64_t* out);
    dxa_status (*get_number)(dxa_context* ctx, const dxa_node* node, double* out);
    dxa_status (*get_string)(dxa_context* ctx, const dxa_node* node, const char** out, size_t* size);
    dxa_status (*get_date)(dxa_context* ctx, const dxa_node* node, dxa_date* out);
    /* Lists and tables: number of elements, the i-th element, the i-th key (tables only; NULL for lists). */
    size_t (*child_count)(dxa_context* ctx, const dxa_node* node);
    const dxa_node* (*child_at)(dxa_context* ctx, const dxa_node* node, size_t index);
    const char* (*key_at)(dxa_context* ctx, const dxa_node* node, size_t index);
    /* Member of a table by key, NULL if absent. */
    const dxa_node* (*child)(dxa_context* ctx, const dxa_node* table, const char* key);

    /* Publish a derived fact declared in the descriptor. DXA_ERR_INVALID for an undeclared name,
     * DXA_ERR_TYPE when `value->type` differs from the declaration (an INT may publish a NUMBER fact). */
    dxa_status (*publish)(dxa_context* ctx, const char* fact, const dxa_value* value);

    /* A diagnostic about the answers, tied to a question id (answer_key may be NULL). The host shows it
     * in the report. DXA_SEV_ERROR marks the answers as inconsistent for that key. */
    void (*diagnose)(dxa_context* ctx, dxa_severity severity, const char* answer_key,
                     const char* message_ja, const char* message_en);

    /* Log through the host's logger. ctx may be NULL (e.g. from the entry point). */
    void (*log)(dxa_context* ctx, dxa_log_level level, const char* message);

    /* --- ABI 1.1 --- */

    /* The assessment's reference date ([profile] as_of, else 1 April of the fiscal year), for
     * deriving ages such as "days since the last audit". */
    dxa_status (*as_of)(dxa_context* ctx, dxa_date* out);

    /* --- ABI 1.3 --- */

    /* A dated reference figure by id (rules/reference.toml): a national figure, a deadline or the
     * date of a newest guideline. Plugins read such values here, never as compiled constants, so the
     * national office updates them by editing one file. `out` receives an INT, a NUMBER (a ratio is
     * 0..1) or a DATE; `as_of` (may be NULL) the day the figure describes. DXA_ERR_NOT_FOUND when the
     * installation has no figure with that id. */
    dxa_status (*reference)(dxa_context* ctx, const char* id, dxa_value* out, dxa_date* as_of);

    /* A field of the municipality's [profile], the facts common to every area, asked once: "code",
     * "name", "prefecture", "type", "peer_group" (STRING), "population" (住民基本台帳人口 on 1 January),
     * "fiscal_year", "staff" (一般行政職員数) (INT). Strings stay valid until the callback returns.
     * DXA_ERR_NOT_FOUND when the field is not given or unknown. */
    dxa_status (*profile)(dxa_context* ctx, const char* field, dxa_value* out);
} dxa_host_api;

/* A derived fact the plugin publishes; rules can name it, so its type is checked at rule load. */
typedef struct dxa_fact_decl {
    const char* name;           /* identifier: [a-z_][a-z0-9_]* */
    dxa_type type;              /* BOOL, INT, NUMBER, STRING or DATE */
    const char* description_ja;
    const char* description_en;
} dxa_fact_decl;

/* A function rules may call. It must be pure: same arguments, same result, no side effects.
 * A STRING result must point to memory that stays valid until the host's next call into the plugin. */
typedef struct dxa_function_decl {
    const char* name;
    dxa_type result_type;
    uint32_t param_count;
    const dxa_type* param_types;
    dxa_status (*call)(dxa_context* ctx, const dxa_value* args, uint32_t arg_count, dxa_value* result);
    const char* description_ja;
    const char* description_en;
} dxa_function_decl;

/* What a plugin is. Returned by the entry point; owned by the plugin, static for its lifetime. */
typedef struct dxa_plugin_descriptor {
    uint32_t struct_size;       /* sizeof(dxa_plugin_descriptor) as the plugin was compiled */
    uint16_t abi_major;         /* DXA_ABI_MAJOR the plugin was built against */
    uint16_t abi_minor;         /* DXA_ABI_MINOR the plugin was built against */
    const char* id;             /* unique, e.g. "jp.dxassess.telework" */
    const char* version;        /* the plugin's own version, e.g. "1.0.0" */
    const char* area;           /* the area it scores, e.g. "telework"; names rules/<area>.toml */
    const char* name_ja;
    const char* name_en;
    const dxa_fact_decl* facts;
    uint32_t fact_count;
    const dxa_function_decl* functions;
    uint32_t function_count;
    /* Read the answers and publish derived facts. Called once per assessment. May be NULL. */
    dxa_status (*derive)(const dxa_host_api* host, dxa_context* ctx);
    /* ABI 1.2: DXA_PLUGIN_* bits. */
    uint32_t flags;
} dxa_plugin_descriptor;

/* The plugin's derive and functions may run on several threads at once, each call with its own
 * context: it keeps no state between calls, or guards what it keeps. The host then scores many
 * answer sets (batch) on all cores. Without it, the host calls the plugin from one thread at a time. */
#define DXA_PLUGIN_CONCURRENT 0x1u

/* The entry point's type. `host` stays valid while the library is loaded. Returns NULL on failure. */
typedef const dxa_plugin_descriptor* (*dxa_entry_fn)(const dxa_host_api* host);

#ifdef __cplusplus
}
#endif

#endif /* DXASSESS_PLUGIN_H */
