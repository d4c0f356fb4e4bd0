//===- CSV.h - Strict CSV reading and writing -------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Forcing data comes in as CSV and results go out as CSV. The reader is
// strict, because a lenient CSV reader is the classic source of silently
// wrong model runs (a shifted column, a truncated last line, "-999" read as
// rain):
//
//   - the first line that is not blank or a comment is the header: column
//     names, trimmed of spaces; an empty or duplicate name is an error, and a
//     file without a header is an error;
//   - fields are separated by ',' (configurable); a field may be quoted
//     ("a, b" with "" for a quote) but must end on its line; spaces around a
//     field are trimmed;
//   - LF and CRLF line endings; a UTF-8 byte order mark is skipped;
//   - lines whose first non-blank character is '#' and blank lines are
//     skipped;
//   - every row has exactly as many fields as the header, or the file is
//     rejected with the line and the two counts.
//
// Cells are kept as text with their line and column; only the columns a
// caller asks for are parsed as numbers (numericColumn), so a date column or
// a column of station names never breaks a run that does not use it. A cell
// that is not a number gives a located error that looks like the compiler's:
//
//   forcing.csv:4:12: error: expected a number in column 'P', found 'abc'
//   2000-01-03,abc,1.5
//              ^
//
// Missing values (empty, NA, NaN, nan and the sentinel -999 by default) are
// returned as NaN and counted: the caller decides whether they are allowed.
//
// The writer produces the same dialect: numbers in shortest round-trip form
// (Format.h), NaN as `NaN`, and a field quoted when the reader would
// otherwise read it differently.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_CSV_H
#define DGM_RUNTIME_CSV_H

#include "dgm/runtime/Result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dgm::rt {

struct CsvOptions {
  char separator = ',';
  /// Cell texts (after trimming) that mean "no value". Any text that reads
  /// as a NaN (e.g. "NAN") is missing as well.
  std::vector<std::string> missingTokens = {"", "NA", "NaN", "nan"};
  /// Numbers that mean "no value" (compared after parsing, so "-999.0"
  /// matches -999): the two markers data sets use (CAMELS -999, many
  /// station archives -9999). Neither is ever a measurement; read as a
  /// number, -9999 mm of rain would pass unnoticed into the results.
  std::vector<double> missingValues = {-999.0, -9999.0};
  /// The header an empty file's error offers as an example.
  std::string exampleHeader = "date,P,PET";
};

/// For a file whose header is one column holding ';' or a tab (a
/// spreadsheet's export in many locales): a note line to add under an error,
/// "\ndgm: note: the file seems to separate its columns with ';'; ...".
/// "" otherwise.
std::string otherSeparatorNote(const std::vector<std::string> &columns);

/// A column read as numbers: one value per row, NaN where a value is missing.
struct NumericColumn {
  std::vector<double> values;
  std::size_t missingCount = 0;
  /// The first row with a missing value and its line in the file, when
  /// missingCount > 0.
  std::size_t firstMissingRow = 0;
  std::size_t firstMissingLine = 0;
};

class CsvTable {
public:
  /// Parses `text`; `fileName` is used in error messages.
  static Result<CsvTable> parse(std::string text, std::string fileName,
                                const CsvOptions &options = {});
  /// Reads and parses a file.
  static Result<CsvTable> readFile(const std::string &path,
                                   const CsvOptions &options = {});

  const std::string &fileName() const { return name; }
  const std::vector<std::string> &columnNames() const { return columns; }
  std::size_t numColumns() const { return columns.size(); }
  std::size_t numRows() const { return rows.size(); }
  /// The position of the column called `name` (exact match), or nullopt.
  std::optional<std::size_t> columnIndex(std::string_view name) const;

  /// A cell's text (unquoted, trimmed).
  std::string_view cell(std::size_t row, std::size_t column) const;
  /// The 1-based line of a data row in the file.
  std::size_t lineNumber(std::size_t row) const { return rows[row].line; }
  /// The 1-based character column where a cell starts on its line.
  std::size_t columnNumber(std::size_t row, std::size_t column) const;

  /// Parses a column as numbers; see NumericColumn. Fails with a located
  /// error at the first cell that is not a number (or the column's absence).
  Result<NumericColumn> numericColumn(std::string_view name) const;
  Result<NumericColumn> numericColumn(std::size_t column) const;

  /// A located diagnostic at a cell: `file:line:col: error: message`, the
  /// line and a caret under the cell.
  std::string diagnostic(std::size_t row, std::size_t column,
                         std::string_view message) const;

private:
  struct Cell {
    std::size_t begin;  // offset of the text in cellText
    std::uint32_t size; // length of the text
    std::uint32_t col;  // 1-based column of the field on its line
  };
  struct Row {
    std::size_t line;      // 1-based line number
    std::size_t lineBegin; // offset of the line in source
    std::size_t lineSize;  // without the line ending
  };

  std::string_view lineText(const Row &row) const {
    return std::string_view(source).substr(row.lineBegin, row.lineSize);
  }
  friend class CsvParser;

  std::string name;
  std::string source;   // the file's text, for excerpts in diagnostics
  std::string cellText; // every cell's text, unquoted, back to back
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::vector<Cell> cells; // rows.size() x columns.size(), row-major
  CsvOptions options;
};

/// Builds CSV text in the reader's dialect.
class CsvWriter {
public:
  explicit CsvWriter(char separator = ',') : separator(separator) {}

  /// Appends a text field, quoted when needed to read back unchanged.
  void field(std::string_view text);
  /// Appends a number in shortest round-trip form (NaN as `NaN`).
  void number(double value);
  /// Ends the current row with '\n'.
  void endRow();

  const std::string &text() const { return out; }
  std::string take() { return std::move(out); }

private:
  void beginField();

  std::string out;
  char separator;
  std::size_t fieldsInRow = 0;
  bool lastFieldEmpty = false;
};

} // namespace dgm::rt

#endif // DGM_RUNTIME_CSV_H
