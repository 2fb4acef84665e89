#include "office/prefectures.hpp"

#include <cstdlib>

namespace dxassess::host {

const std::vector<Prefecture>& prefectures() {
    // The tile map keeps each prefecture beside its neighbours: Hokkaidō and Tōhoku top right,
    // Kyūshū bottom left, Okinawa below it.
    static const std::vector<Prefecture> all = {
        {1, "北海道", "北海道", "Hokkaido", 13, 0},   {2, "青森県", "青森", "Aomori", 13, 1},     {3, "岩手県", "岩手", "Iwate", 13, 2},
        {4, "宮城県", "宮城", "Miyagi", 13, 3},       {5, "秋田県", "秋田", "Akita", 12, 2},      {6, "山形県", "山形", "Yamagata", 12, 3},
        {7, "福島県", "福島", "Fukushima", 12, 4},    {8, "茨城県", "茨城", "Ibaraki", 13, 5},    {9, "栃木県", "栃木", "Tochigi", 12, 5},
        {10, "群馬県", "群馬", "Gunma", 11, 5},       {11, "埼玉県", "埼玉", "Saitama", 11, 6},   {12, "千葉県", "千葉", "Chiba", 13, 6},
        {13, "東京都", "東京", "Tokyo", 12, 6},       {14, "神奈川県", "神奈川", "Kanagawa", 12, 7}, {15, "新潟県", "新潟", "Niigata", 11, 4},
        {16, "富山県", "富山", "Toyama", 10, 4},      {17, "石川県", "石川", "Ishikawa", 9, 4},   {18, "福井県", "福井", "Fukui", 8, 5},
        {19, "山梨県", "山梨", "Yamanashi", 10, 6},   {20, "長野県", "長野", "Nagano", 10, 5},    {21, "岐阜県", "岐阜", "Gifu", 9, 5},
        {22, "静岡県", "静岡", "Shizuoka", 9, 6},     {23, "愛知県", "愛知", "Aichi", 8, 6},      {24, "三重県", "三重", "Mie", 7, 6},
        {25, "滋賀県", "滋賀", "Shiga", 7, 5},        {26, "京都府", "京都", "Kyoto", 6, 5},      {27, "大阪府", "大阪", "Osaka", 5, 6},
        {28, "兵庫県", "兵庫", "Hyogo", 5, 5},        {29, "奈良県", "奈良", "Nara", 6, 6},       {30, "和歌山県", "和歌山", "Wakayama", 6, 7},
        {31, "鳥取県", "鳥取", "Tottori", 4, 5},      {32, "島根県", "島根", "Shimane", 3, 5},    {33, "岡山県", "岡山", "Okayama", 4, 6},
        {34, "広島県", "広島", "Hiroshima", 3, 6},    {35, "山口県", "山口", "Yamaguchi", 2, 6},  {36, "徳島県", "徳島", "Tokushima", 4, 8},
        {37, "香川県", "香川", "Kagawa", 4, 7},       {38, "愛媛県", "愛媛", "Ehime", 3, 7},      {39, "高知県", "高知", "Kochi", 3, 8},
        {40, "福岡県", "福岡", "Fukuoka", 1, 7},      {41, "佐賀県", "佐賀", "Saga", 0, 7},       {42, "長崎県", "長崎", "Nagasaki", 0, 8},
        {43, "熊本県", "熊本", "Kumamoto", 1, 8},     {44, "大分県", "大分", "Oita", 2, 8},       {45, "宮崎県", "宮崎", "Miyazaki", 2, 9},
        {46, "鹿児島県", "鹿児島", "Kagoshima", 1, 9}, {47, "沖縄県", "沖縄", "Okinawa", 0, 10},
    };
    return all;
}

const Prefecture* prefecture_of_code(const std::string& code) {
    if (code.size() < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9') return nullptr;
    const int n = (code[0] - '0') * 10 + (code[1] - '0');
    return n >= 1 && n <= 47 ? &prefectures()[static_cast<std::size_t>(n - 1)] : nullptr;
}

const Prefecture* find_prefecture(const std::string& written) {
    char* end = nullptr;
    const long n = std::strtol(written.c_str(), &end, 10);
    if (!written.empty() && *end == '\0') return n >= 1 && n <= 47 ? &prefectures()[static_cast<std::size_t>(n - 1)] : nullptr;
    for (const auto& p : prefectures())
        if (written == p.name || written == p.short_name || written == p.english) return &p;
    return nullptr;
}

}  // namespace dxassess::host
