// SHA-256 digests name rule sets and reports: they must be the standard ones (FIPS 180-4 vectors).
#include "test_support.hpp"

#include "support/sha256.hpp"

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

TEST_CASE("a file is read and hashed in one pass, its buffer reused from file to file", "[sha256]") {
    test::TempDir dir;
    std::string big(300000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
    dxassess::host::HashedFile file;
    file.read(dir.file("big.json", big), 64);
    CHECK(file.text() == big);
    CHECK(file.sha256() == sha256_hex(big));
    REQUIRE(file.spare() >= 64);
    CHECK(file.text().data()[big.size()] == '\0');  // the spare bytes are zeros, not a previous file's

    file.read(dir.file("small.json", "{\"a\": 1}"), 64);  // smaller than the one before
    CHECK(file.text() == "{\"a\": 1}");
    CHECK(file.sha256() == sha256_hex("{\"a\": 1}"));
    CHECK(file.text().data()[8] == '\0');
    file.read(dir.file("empty.json", ""), 64);
    CHECK(file.text().empty());
    CHECK(file.sha256() == sha256_hex(""));

    CHECK_THROWS_AS(file.read((dir.path() / "missing.json").string()), dxassess::engine::InputError);
    CHECK_THROWS_AS(file.read(dir.path().string()), dxassess::engine::InputError);  // a directory
}
