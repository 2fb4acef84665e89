// SHA-256 digests name rule sets and reports: they must be the standard ones (FIPS 180-4 vectors).
#include "test_support.hpp"

#include "sha256.hpp"

using dxassess::host::sha256_file;
using dxassess::host::sha256_hex;

TEST_CASE("SHA-256 gives the standard digests", "[sha256]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("a file's SHA-256 is that of its bytes, however large", "[sha256]") {
    test::TempDir dir;
    std::string big(200000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 + 7);  // spans several read buffers
    CHECK(sha256_file(dir.file("big.bin", big)) == sha256_hex(big));
    CHECK(sha256_file(dir.file("empty.bin", "")) == sha256_hex(""));
    CHECK_THROWS_WITH(sha256_file((dir.path() / "missing.bin").string()), Catch::Contains("missing.bin"));
}
