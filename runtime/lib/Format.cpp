//===- Format.cpp - Number formatting for the dgm runtime -----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

void dgm::rt::appendNumber(std::string &out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-inf" : "inf";
    return;
  }
  // 32 bytes hold any shortest double ("-2.2250738585072014e-308" is 24).
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) {
    out += "NaN"; // unreachable: the buffer is large enough
    return;
  }
  out.append(buffer, end);
}

std::string dgm::rt::formatNumber(double value) {
  std::string text;
  appendNumber(text, value);
  return text;
}

std::string dgm::rt::formatLocatedError(std::string_view file, std::size_t line,
                                        std::size_t col,
                                        std::string_view lineText,
                                        std::string_view message) {
  // A control character (a NUL, which would end the message wherever it is
  // printed as a C string; a carriage return, which would move the cursor)
  // is shown as its one-column symbol (U+2400 + code), so the caret still
  // lines up. Tabs stay: the caret line copies them; so do the line breaks
  // of a message with notes.
  auto appendVisible = [](std::string &to, std::string_view text,
                          bool keepNewlines) {
    for (char c : text) {
      auto code = static_cast<unsigned char>(c);
      if (code < 0x20 && c != '\t' && !(keepNewlines && c == '\n')) {
        to += "\xE2\x90";
        to += static_cast<char>(0x80 + code);
      } else {
        to += c;
      }
    }
  };
  std::string out;
  out.append(file);
  out += ':' + std::to_string(line) + ':' + std::to_string(col) + ": error: ";
  appendVisible(out, message, /*keepNewlines=*/true);
  out += '\n';
  std::size_t shownCol = col;
  std::string shown = excerptWindow(lineText, shownCol);
  appendVisible(out, shown, /*keepNewlines=*/false);
  out += '\n';
  out += caretLine(shown, shownCol);
  return out;
}

std::string dgm::rt::excerptWindow(std::string_view lineText,
                                   std::size_t &col) {
  constexpr std::size_t kMax = kExcerptWidth, kBefore = 60;
  if (lineText.size() <= kMax)
    return std::string(lineText);
  auto isContinuation = [&](std::size_t i) {
    return i < lineText.size() &&
           (static_cast<unsigned char>(lineText[i]) & 0xC0) == 0x80;
  };
  // Cut at character boundaries, never inside a UTF-8 sequence.
  std::size_t at = col == 0 ? 0 : std::min(col - 1, lineText.size());
  std::size_t begin = at > kBefore ? at - kBefore : 0;
  while (begin > 0 && isContinuation(begin))
    --begin;
  std::size_t end = std::min(lineText.size(), begin + kMax);
  while (end < lineText.size() && isContinuation(end))
    ++end;
  std::string out;
  if (begin > 0)
    out += "...";
  out += lineText.substr(begin, end - begin);
  if (end < lineText.size())
    out += "...";
  col = col - begin + (begin > 0 ? 3 : 0);
  return out;
}

namespace {
/// Whether a terminal shows code point `cp` two columns wide: the East Asian
/// Wide and Fullwidth blocks (Hangul, CJK, kana, fullwidth forms, most
/// emoji), as wcwidth() says in a UTF-8 locale, without needing one.
bool isWide(char32_t cp) {
  static constexpr std::pair<char32_t, char32_t> kWide[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
      {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
      {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
      {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
      {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};
  for (auto [lo, hi] : kWide)
    if (cp >= lo && cp <= hi)
      return true;
  return false;
}

} // namespace

std::size_t dgm::rt::decodeUtf8(std::string_view text, char32_t &codePoint) {
  if (text.empty())
    return 0;
  unsigned char c = static_cast<unsigned char>(text[0]);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || n > text.size())
    return 0;
  codePoint = n == 1 ? c : c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    auto next = static_cast<unsigned char>(text[k]);
    if ((next & 0xC0) != 0x80)
      return 0;
    codePoint = (codePoint << 6) | (next & 0x3F);
  }
  return n;
}

std::string dgm::rt::caretLine(std::string_view lineText, std::size_t col) {
  std::string caret;
  for (std::size_t i = 0; i + 1 < col; ++i) {
    if (i >= lineText.size()) {
      caret += ' '; // past the end of the line
      continue;
    }
    unsigned char c = static_cast<unsigned char>(lineText[i]);
    if ((c & 0xC0) == 0x80)
      continue; // a UTF-8 continuation byte
    if (lineText.substr(i).starts_with("\xEF\xBB\xBF")) {
      i += 2; // a byte order mark shows as nothing
      continue;
    }
    char32_t cp = 0;
    if (c == '\t')
      caret += '\t';
    else if (decodeUtf8(lineText.substr(i), cp) && isWide(cp))
      caret += "  ";
    else
      caret += ' ';
  }
  return caret + "^";
}

std::string dgm::rt::numberRangeProblem(std::string_view text) {
  // strtod says which way: inf when too large, 0 when too small.
  std::string copy(text);
  double value = std::strtod(copy.c_str(), nullptr);
  std::string quoted = "'" + copy + "'";
  if (std::isinf(value))
    return quoted + " is too large for a double (the largest is 1.8e308)";
  return quoted + " is too small for a double (the smallest is 4.9e-324); "
                  "write 0 if you mean zero";
}
