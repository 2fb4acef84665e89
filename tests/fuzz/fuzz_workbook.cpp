// Questionnaire workbooks (.xlsx): the zip reader, the XML of each part and the cell reader, against
// the shipped rule sets. A zip's checksums would stop nearly every mutation at the archive, so an
// input starting with 'P' is the parts themselves — workbook.xml, its relationships, shared strings,
// styles and one sheet, separated by NUL bytes — which the target packs into a zip; any other input
// is read as the .xlsx file's bytes.
#include "diagnostics_check.hpp"
#include "fuzz_support.hpp"

#include "workbook/questionnaire.hpp"

#include <zip.h>

#include <algorithm>
#include <cstring>

using namespace dxassess;

namespace {

/// minizip writing into a string: the I/O adapter zipOpen2_64 needs.
struct Sink {
    std::string bytes;
    std::uint64_t at = 0;
};
voidpf sink_open(voidpf opaque, const void*, int) { return opaque; }
uLong sink_read(voidpf, voidpf, void*, uLong) { return 0; }
uLong sink_write(voidpf, voidpf stream, const void* buf, uLong size) {
    auto* s = static_cast<Sink*>(stream);
    if (s->at + size > s->bytes.size()) s->bytes.resize(s->at + size);
    std::memcpy(s->bytes.data() + s->at, buf, size);
    s->at += size;
    return size;
}
ZPOS64_T sink_tell(voidpf, voidpf stream) { return static_cast<Sink*>(stream)->at; }
long sink_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* s = static_cast<Sink*>(stream);
    const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_CUR ? s->at : origin == ZLIB_FILEFUNC_SEEK_END ? s->bytes.size() : 0;
    s->at = base + offset;
    return 0;
}
int sink_close(voidpf, voidpf) { return 0; }
int sink_error(voidpf, voidpf) { return 0; }

std::string pack(const std::vector<std::string_view>& parts) {
    static const char* names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
                                  "xl/worksheets/sheet1.xml"};
    Sink sink;
    zlib_filefunc64_def io{};
    io.zopen64_file = sink_open;
    io.zread_file = sink_read;
    io.zwrite_file = sink_write;
    io.ztell64_file = sink_tell;
    io.zseek64_file = sink_seek;
    io.zclose_file = sink_close;
    io.zerror_file = sink_error;
    io.opaque = &sink;
    zipFile zip = zipOpen2_64("", APPEND_STATUS_CREATE, nullptr, &io);
    if (!zip) __builtin_trap();
    for (std::size_t i = 0; i < parts.size() && i < std::size(names); ++i) {
        if (zipOpenNewFileInZip64(zip, names[i], nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 1, 0) != ZIP_OK) __builtin_trap();
        zipWriteInFileInZip(zip, parts[i].data(), static_cast<unsigned>(parts[i].size()));
        zipCloseFileInZip(zip);
    }
    zipClose(zip, nullptr);
    return sink.bytes;
}

std::vector<const engine::RuleSet*> rule_sets() {
    std::vector<const engine::RuleSet*> out;
    for (const auto& rs : fuzz::shipped_rules().rule_sets) out.push_back(rs.get());
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes = fuzz::as_text(data, size);
    if (!bytes.empty() && bytes[0] == 'P') {
        std::vector<std::string_view> parts;
        std::string_view rest(bytes);
        rest.remove_prefix(1);
        for (std::size_t nul; (nul = rest.find('\0')) != std::string_view::npos && parts.size() < 4; rest.remove_prefix(nul + 1))
            parts.push_back(rest.substr(0, nul));
        parts.push_back(rest);
        bytes = pack(parts);
    }
    static const std::vector<const engine::RuleSet*> rules = rule_sets();
    for (const bool drop_unknown : {false, true}) {
        try {
            const host::WorkbookAnswers read = host::read_questionnaire_bytes(bytes, "fuzz.xlsx", rules, drop_unknown);
            // Every line of the answers text has its (possibly empty) list of cells, and the text is TOML
            // whatever the cells held: only the engine's checks may refuse it.
            if (read.lines.size() != static_cast<std::size_t>(std::count(read.toml.begin(), read.toml.end(), '\n'))) __builtin_trap();
            try {
                (void)engine::read_answer_layout(read.toml, "fuzz.xlsx");
            } catch (const engine::InputError&) {
                __builtin_trap();
            }
            (void)host::check_workbook_answers(read, "fuzz.xlsx", fuzz::shipped_rules().schema);
        } catch (const engine::InputError& e) {
            fuzz::check_diagnostics(e, "fuzz.xlsx");
        }
    }
    return 0;
}
