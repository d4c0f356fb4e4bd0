//===- Format.h - Number formatting for the dgm runtime ---------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// How the runtime writes a double, in CSV files and in messages: the
// shortest text that reads back to the same double (std::to_chars), so that
// nothing is lost on a round trip through a file. Non-finite values are
// written as `NaN`, `inf` and `-inf`, which the CSV reader reads back.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_FORMAT_H
#define DGM_RUNTIME_FORMAT_H

#include <string>
#include <string_view>

namespace dgm::rt {

/// The shortest round-trip text of `value` ("0.1", "1e-300", "NaN", "-inf").
std::string formatNumber(double value);

/// `file:line:col: error: message`, then the line and a caret under column
/// `col` (1-based), as the front end prints its errors. Tabs before the
/// column are copied into the caret line so that it lines up however a
/// terminal expands them.
std::string formatLocatedError(std::string_view file, std::size_t line,
                               std::size_t col, std::string_view lineText,
                               std::string_view message);

/// The line under a source line with '^' below column `col` (1-based, in
/// bytes): one column per character of UTF-8, two for East Asian wide ones
/// (CJK, Hangul, fullwidth forms, most emoji), none for a byte order mark;
/// tabs kept as tabs so that it lines up however a terminal expands them.
std::string caretLine(std::string_view lineText, std::size_t col);

/// The longest source line an excerpt shows whole, in bytes.
constexpr std::size_t kExcerptWidth = 160;

/// A source line for an excerpt: `lineText` as it is when it is short, else
/// the part around column `col` (1-based, in bytes) with "..." for what is
/// cut, so that a line of a megabyte does not flood the terminal. `col` is
/// moved to the same spot in the returned text.
std::string excerptWindow(std::string_view lineText, std::size_t &col);

/// The length (1 to 4) of the UTF-8 sequence at the start of `text`, its
/// code point in `codePoint`; 0 if `text` does not start with valid UTF-8.
std::size_t decodeUtf8(std::string_view text, char32_t &codePoint);

/// Why `text`, a number that std::from_chars found out of range, is not a
/// double: "'1e400' is too large for a double (the largest is 1.8e308)" or
/// "'1e-400' is too small for a double (the smallest is 4.9e-324); write 0
/// if you mean zero".
std::string numberRangeProblem(std::string_view text);

/// Appends formatNumber(value) to `out` without a temporary string.
void appendNumber(std::string &out, double value);

} // namespace dgm::rt

#endif // DGM_RUNTIME_FORMAT_H
