#include "workbook/xlsx_book.hpp"
#include "dxassess/engine/file_path.hpp"

#include "dxassess/engine/value.hpp"

#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>

namespace dxassess::host {
namespace {

using engine::InputError;
using engine::Location;
using engine::Text;

[[noreturn]] void not_a_workbook(const std::string& name, const std::string& why_ja, const std::string& why_en) {
    throw InputError(Location{name}, Text{"Excel ブック（.xlsx）として読めません: " + why_ja,
                                          "cannot read this as an Excel workbook (.xlsx): " + why_en});
}

// ---- minizip over bytes in memory: an I/O adapter, so the same code reads files and fuzz inputs.

struct MemoryStream {
    std::string_view bytes;
    std::uint64_t at = 0;
};

voidpf mem_open(voidpf opaque, const void*, int) { return opaque; }
uLong mem_read(voidpf, voidpf stream, void* buf, uLong size) {
    auto* s = static_cast<MemoryStream*>(stream);
    const std::uint64_t left = s->at < s->bytes.size() ? s->bytes.size() - s->at : 0;
    const uLong n = static_cast<uLong>(std::min<std::uint64_t>(left, size));
    if (n > 0) std::memcpy(buf, s->bytes.data() + s->at, n);
    s->at += n;
    return n;
}
uLong mem_write(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T mem_tell(voidpf, voidpf stream) { return static_cast<MemoryStream*>(stream)->at; }
long mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* s = static_cast<MemoryStream*>(stream);
    std::uint64_t base = 0;
    if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = s->at;
    else if (origin == ZLIB_FILEFUNC_SEEK_END) base = s->bytes.size();
    if (offset > s->bytes.size() || base + offset > s->bytes.size()) return -1;
    s->at = base + offset;
    return 0;
}
int mem_close(voidpf, voidpf) { return 0; }
int mem_error(voidpf, voidpf) { return 0; }

class Zip {
public:
    Zip(std::string_view bytes, const std::string& name) : stream_{bytes}, name_(name) {
        zlib_filefunc64_def io{};
        io.zopen64_file = mem_open;
        io.zread_file = mem_read;
        io.zwrite_file = mem_write;
        io.ztell64_file = mem_tell;
        io.zseek64_file = mem_seek;
        io.zclose_file = mem_close;
        io.zerror_file = mem_error;
        io.opaque = &stream_;
        zip_ = unzOpen2_64("", &io);
        if (!zip_) not_a_workbook(name, "zip 形式ではありません", "not a zip archive");
    }
    ~Zip() { unzClose(zip_); }
    Zip(const Zip&) = delete;
    Zip& operator=(const Zip&) = delete;

    bool has(const std::string& part) { return unzLocateFile(zip_, part.c_str(), 2) == UNZ_OK; }

    /// The unpacked bytes of `part` (case-insensitive, as OPC part names are).
    std::string read(const std::string& part) {
        if (unzLocateFile(zip_, part.c_str(), 2) != UNZ_OK)
            not_a_workbook(name_, part + " がありません", part + " is missing");
        if (unzOpenCurrentFile(zip_) != UNZ_OK) not_a_workbook(name_, part + " を展開できません", "cannot unpack " + part);
        std::string out;
        char buf[65536];
        for (;;) {
            const int n = unzReadCurrentFile(zip_, buf, sizeof buf);
            if (n < 0) {
                unzCloseCurrentFile(zip_);
                not_a_workbook(name_, part + " が壊れています", part + " is corrupt");
            }
            if (n == 0) break;
            out.append(buf, static_cast<std::size_t>(n));
            if (out.size() > max_xlsx_part_bytes) {
                unzCloseCurrentFile(zip_);
                not_a_workbook(name_, part + " が大きすぎます（展開後 64 MB まで）", part + " is too large (64 MB unpacked at most)");
            }
        }
        if (unzCloseCurrentFile(zip_) != UNZ_OK)
            not_a_workbook(name_, part + " が壊れています（CRC の不一致）", part + " is corrupt (CRC mismatch)");
        return out;
    }

private:
    MemoryStream stream_;
    std::string name_;
    unzFile zip_ = nullptr;
};

// ---- XML through expat, with namespaces resolved so prefixes (x:c, r:id) do not matter.

using Attributes = const XML_Char**;

/// The local part of an expanded name ("uri|c" -> "c").
std::string_view local(const char* name) {
    const char* bar = std::strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char* attribute(Attributes attrs, std::string_view wanted) {
    for (int i = 0; attrs[i]; i += 2)
        if (local(attrs[i]) == wanted) return attrs[i + 1];
    return nullptr;
}

struct XmlHandler {
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view, Attributes) {}
    virtual void end(std::string_view) {}
    virtual void text(std::string_view) {}
};

/// What expat's callbacks see. A handler's exception must not unwind through expat's C frames: the
/// callback keeps it, stops the parser, and parse_xml rethrows it once expat has returned.
struct ParseState {
    XmlHandler* handler;
    XML_Parser parser;
    std::exception_ptr failure;
};

template <class F>
void guarded(void* user, F&& f) {
    auto* state = static_cast<ParseState*>(user);
    if (state->failure) return;
    try {
        f(*state->handler);
    } catch (...) {
        state->failure = std::current_exception();
        XML_StopParser(state->parser, XML_FALSE);
    }
}

void parse_xml(const std::string& xml, const std::string& book, const std::string& part, XmlHandler& handler) {
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreateNS("UTF-8", '|'), XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    ParseState state{&handler, parser.get(), nullptr};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(
        parser.get(),
        [](void* s, const XML_Char* name, const XML_Char** attrs) { guarded(s, [&](XmlHandler& h) { h.start(local(name), attrs); }); },
        [](void* s, const XML_Char* name) { guarded(s, [&](XmlHandler& h) { h.end(local(name)); }); });
    XML_SetCharacterDataHandler(parser.get(), [](void* s, const XML_Char* text, int len) {
        guarded(s, [&](XmlHandler& h) { h.text(std::string_view(text, static_cast<std::size_t>(len))); });
    });
    if (xml.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) not_a_workbook(book, part + " が大きすぎます", part + " is too large");
    const XML_Status status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    if (state.failure) std::rethrow_exception(state.failure);
    if (status == XML_STATUS_ERROR) {
        const std::string where = part + ":" + std::to_string(XML_GetCurrentLineNumber(parser.get())) + ":" +
                                  std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1);
        const std::string why = XML_ErrorString(XML_GetErrorCode(parser.get()));
        not_a_workbook(book, where + " の XML が不正です（" + why + "）", "invalid XML at " + where + " (" + why + ")");
    }
}

// ---- the parts of a workbook

struct SheetEntry {
    std::string name;
    std::string rel_id;
};

struct WorkbookXml : XmlHandler {
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
    void start(std::string_view name, Attributes attrs) override {
        if (name == "sheet") {
            const char* n = attribute(attrs, "name");
            const char* id = attribute(attrs, "id");
            if (n && id) sheets.push_back({n, id});
        } else if (name == "workbookPr") {
            const char* d = attribute(attrs, "date1904");
            date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
        }
    }
};

struct RelsXml : XmlHandler {
    std::map<std::string, std::string> targets;
    void start(std::string_view name, Attributes attrs) override {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* target = attribute(attrs, "Target");
        if (id && target) targets[id] = target;
    }
};

/// Whether a number format code shows a date: it has day, year or era letters outside quoted text
/// and brackets (Japanese formats such as ggge"年"m"月"d"日" included).
bool date_format_code(const std::string& code) {
    bool quoted = false, bracket = false, escaped = false;
    for (char c : code) {
        if (escaped) { escaped = false; continue; }
        if (c == '\\') { escaped = true; continue; }
        if (c == '"') { quoted = !quoted; continue; }
        if (quoted) continue;
        if (c == '[') { bracket = true; continue; }
        if (c == ']') { bracket = false; continue; }
        if (bracket) continue;
        const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (l == 'd' || l == 'y' || l == 'e' || l == 'g') return true;
    }
    return false;
}

bool percent_format_code(const std::string& code) {
    bool quoted = false;
    for (char c : code) {
        if (c == '"') quoted = !quoted;
        else if (c == '%' && !quoted) return true;
    }
    return false;
}

struct StylesXml : XmlHandler {
    std::map<int, std::string> custom;  // numFmtId -> formatCode
    std::vector<int> xf_formats;        // cellXfs index -> numFmtId
    int depth_in_cell_xfs = 0;
    void start(std::string_view name, Attributes attrs) override {
        if (name == "numFmt") {
            const char* id = attribute(attrs, "numFmtId");
            const char* code = attribute(attrs, "formatCode");
            if (id && code) custom[std::atoi(id)] = code;
        } else if (name == "cellXfs") {
            depth_in_cell_xfs = 1;
        } else if (name == "xf" && depth_in_cell_xfs > 0) {
            const char* id = attribute(attrs, "numFmtId");
            xf_formats.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") depth_in_cell_xfs = 0;
    }

    bool is_date(int format) const {
        if ((format >= 14 && format <= 22) || (format >= 27 && format <= 36) || (format >= 45 && format <= 47) ||
            (format >= 50 && format <= 58))
            return true;
        const auto c = custom.find(format);
        return c != custom.end() && date_format_code(c->second);
    }
    bool is_percent(int format) const {
        if (format == 9 || format == 10) return true;
        const auto c = custom.find(format);
        return c != custom.end() && percent_format_code(c->second);
    }
};

/// Shared strings: each <si>'s text runs joined, without the phonetic guides (<rPh>, furigana)
/// that Japanese Excel stores beside the text.
struct SharedStringsXml : XmlHandler {
    std::vector<std::string> strings;
    std::string current;
    bool in_si = false, in_t = false;
    int in_phonetic = 0;
    void start(std::string_view name, Attributes) override {
        if (name == "si") { in_si = true; current.clear(); }
        else if (name == "rPh") ++in_phonetic;
        else if (name == "t" && in_si && in_phonetic == 0) in_t = true;
    }
    void end(std::string_view name) override {
        if (name == "si") { strings.push_back(std::move(current)); current.clear(); in_si = false; }
        else if (name == "rPh") --in_phonetic;
        else if (name == "t") in_t = false;
    }
    void text(std::string_view s) override {
        if (in_t) current.append(s);
    }
};

/// "C7" -> {7, 3}; false when it is not a cell reference.
bool parse_ref(const char* s, CellRef& out) {
    std::uint32_t col = 0, row = 0;
    std::size_t i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z'; ++i) {
        col = col * 26 + static_cast<std::uint32_t>(s[i] - 'A' + 1);
        if (col > 16384) return false;
    }
    if (i == 0) return false;
    const std::size_t digits = i;
    for (; s[i] >= '0' && s[i] <= '9'; ++i) {
        row = row * 10 + static_cast<std::uint32_t>(s[i] - '0');
        if (row > 1048576) return false;
    }
    if (i == digits || s[i] != '\0' || row == 0) return false;
    out = {row, col};
    return true;
}

struct SheetXml : XmlHandler {
    const std::vector<std::string>& shared;
    const StylesXml& styles;
    XlsxSheet& sheet;
    const std::string& book;
    bool date1904 = false;

    std::uint32_t row = 0, next_column = 1;
    CellRef at;
    std::string type;
    int style = 0;
    std::string value, inline_text;
    bool in_value = false, in_inline = false, in_t = false, in_cell = false;
    int in_phonetic = 0;

    SheetXml(const std::vector<std::string>& s, const StylesXml& st, XlsxSheet& sh, const std::string& b)
        : shared(s), styles(st), sheet(sh), book(b) {}

    void start(std::string_view name, Attributes attrs) override {
        if (name == "row") {
            const char* r = attribute(attrs, "r");
            row = r ? static_cast<std::uint32_t>(std::strtoul(r, nullptr, 10)) : row + 1;
            next_column = 1;
        } else if (name == "c") {
            in_cell = true;
            const char* r = attribute(attrs, "r");
            if (!r || !parse_ref(r, at)) at = {row, next_column};
            next_column = at.column + 1;
            const char* t = attribute(attrs, "t");
            type = t ? t : "n";
            const char* s = attribute(attrs, "s");
            style = s ? std::atoi(s) : 0;
            value.clear();
            inline_text.clear();
        } else if (in_cell && name == "v") {
            in_value = true;
        } else if (in_cell && name == "is") {
            in_inline = true;
        } else if (in_inline && name == "rPh") {
            ++in_phonetic;
        } else if (in_inline && name == "t" && in_phonetic == 0) {
            in_t = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "v") in_value = false;
        else if (name == "t") in_t = false;
        else if (name == "rPh") --in_phonetic;
        else if (name == "is") in_inline = false;
        else if (name == "c" && in_cell) {
            in_cell = false;
            finish_cell();
        }
    }
    void text(std::string_view s) override {
        if (in_value) value.append(s);
        else if (in_t) inline_text.append(s);
    }

    void finish_cell() {
        if (at.row == 0) return;
        XlsxCell cell;
        const int format = style >= 0 && static_cast<std::size_t>(style) < styles.xf_formats.size() ? styles.xf_formats[style] : 0;
        if (type == "s") {
            char* end = nullptr;
            const unsigned long i = std::strtoul(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || i >= shared.size())
                not_a_workbook(book, sheet.name + "!" + at.str() + " の共有文字列の番号が不正です",
                               sheet.name + "!" + at.str() + " refers to a shared string that does not exist");
            cell.text = shared[i];
        } else if (type == "inlineStr") {
            cell.text = inline_text;
        } else if (type == "str") {
            cell.text = value;
        } else if (type == "b") {
            cell.kind = XlsxCell::Kind::boolean;
            cell.number = value == "1" || value == "true" ? 1 : 0;
            cell.text = cell.number != 0 ? "TRUE" : "FALSE";
        } else if (type == "e") {
            cell.kind = XlsxCell::Kind::error;
            cell.text = value;
        } else if (type == "d") {  // an ISO 8601 date written as such (Strict; openpyxl can write it)
            cell.text = value.substr(0, 10);
            cell.date = true;
        } else {
            if (value.empty()) return;  // a styled but empty cell
            char* end = nullptr;
            cell.number = std::strtod(value.c_str(), &end);
            if (*end != '\0' || !std::isfinite(cell.number))
                not_a_workbook(book, sheet.name + "!" + at.str() + " の数値が不正です（" + value + "）",
                               sheet.name + "!" + at.str() + " holds an invalid number (" + value + ")");
            cell.kind = XlsxCell::Kind::number;
            cell.text = value;
            cell.percent = styles.is_percent(format);
            cell.date = styles.is_date(format);
            if (cell.date && date1904) cell.number += 1462;  // the 1904 date system counts from 1904-01-01
        }
        if (cell.kind == XlsxCell::Kind::text && cell.text.empty()) return;
        sheet.cells[at] = std::move(cell);
    }
};

/// The part a relationship target names, relative to xl/ unless it starts with '/'.
std::string part_of(const std::string& target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::string t = target;
    std::string base = "xl/";
    while (t.rfind("../", 0) == 0) t = t.substr(3), base = "";
    return base + t;
}

}  // namespace

std::string column_letters(std::uint32_t column) {
    std::string out;
    while (column > 0) {
        const std::uint32_t r = (column - 1) % 26;
        out.insert(out.begin(), static_cast<char>('A' + r));
        column = (column - 1) / 26;
    }
    return out;
}

std::string CellRef::str() const { return column_letters(column) + std::to_string(row); }

const XlsxCell* XlsxSheet::find(CellRef at) const {
    const auto c = cells.find(at);
    return c == cells.end() ? nullptr : &c->second;
}

bool is_xlsx_path(const std::string& path) {
    if (path.size() < 5) return false;
    std::string tail = path.substr(path.size() - 5);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return tail == ".xlsx";
}

std::optional<engine::Date> excel_serial_to_date(double serial) {
    if (!(serial >= 1 && serial < 2958466) || serial != std::floor(serial)) return std::nullopt;
    auto n = static_cast<std::int64_t>(serial);
    if (n == 60) return std::nullopt;  // 1900-02-29, which did not exist (Lotus's leap-year bug, kept by Excel)
    if (n < 60) ++n;                   // before the phantom day, serials are one day behind
    return engine::Date::from_serial(n - 25569);  // 25569 = 1970-01-01
}

XlsxBook read_xlsx(std::string_view bytes, const std::string& name) {
    if (bytes.size() > max_xlsx_bytes) throw engine::file_too_large(name, bytes.size(), max_xlsx_bytes);
    Zip zip(bytes, name);

    WorkbookXml workbook;
    parse_xml(zip.read("xl/workbook.xml"), name, "xl/workbook.xml", workbook);
    RelsXml rels;
    parse_xml(zip.read("xl/_rels/workbook.xml.rels"), name, "xl/_rels/workbook.xml.rels", rels);
    SharedStringsXml shared;
    if (zip.has("xl/sharedStrings.xml")) parse_xml(zip.read("xl/sharedStrings.xml"), name, "xl/sharedStrings.xml", shared);
    StylesXml styles;
    if (zip.has("xl/styles.xml")) parse_xml(zip.read("xl/styles.xml"), name, "xl/styles.xml", styles);

    XlsxBook book;
    for (const auto& entry : workbook.sheets) {
        const auto target = rels.targets.find(entry.rel_id);
        if (target == rels.targets.end()) not_a_workbook(name, entry.name + " のシートがありません", "sheet " + entry.name + " is missing");
        const std::string part = part_of(target->second);
        if (part.rfind("xl/worksheets/", 0) != 0) continue;  // a chart sheet or dialog sheet has no cells
        XlsxSheet& sheet = book.sheets.emplace_back();
        sheet.name = entry.name;
        SheetXml handler(shared.strings, styles, sheet, name);
        handler.date1904 = workbook.date1904;
        parse_xml(zip.read(part), name, part, handler);
    }
    return book;
}

XlsxBook read_xlsx_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(engine::file_path(path), ec);
    if (ec || !fs::exists(status)) throw InputError(Location{path}, Text{"ファイルが見つかりません", "file not found"});
    if (fs::is_directory(status)) throw InputError(Location{path}, Text{"ファイルではなくディレクトリです", "is a directory, not a file"});
    const auto size = fs::file_size(engine::file_path(path), ec);
    if (!ec && size > max_xlsx_bytes) throw engine::file_too_large(path, size, max_xlsx_bytes);
    std::ifstream in(engine::file_path(path), std::ios::binary);
    if (!in) throw InputError(Location{path}, Text{"ファイルを読めません", "cannot read file"});
    std::ostringstream ss;
    ss << in.rdbuf();
    return read_xlsx(ss.str(), path);
}

}  // namespace dxassess::host
