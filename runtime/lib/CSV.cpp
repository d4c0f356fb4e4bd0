//===- CSV.cpp - Strict CSV reading and writing ---------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/File.h"
#include "dgm/runtime/Format.h"

#include <algorithm>
#include <unordered_map>
#include <charconv>
#include <cmath>
#include <limits>

using namespace dgm::rt;

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back()))
    s.remove_suffix(1);
  return s;
}

/// One field of a line as the splitter found it.
struct Field {
  std::string text;
  std::size_t col; // 1-based
};

} // namespace

namespace dgm::rt {

/// Fills a CsvTable line by line. A friend of CsvTable.
class CsvParser {
public:
  CsvParser(CsvTable &table) : table(table) {}

  Result<void> run() {
    std::string_view text = table.source;
    std::size_t pos = 0;
    // A UTF-8 byte order mark (spreadsheet exports) is not part of the
    // first column's name.
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
      pos = 3;
    std::size_t lineNo = 0;
    while (pos < text.size()) {
      ++lineNo;
      std::size_t end = text.find('\n', pos);
      bool hasNewline = end != std::string_view::npos;
      if (!hasNewline)
        end = text.size();
      std::size_t lineSize = end - pos;
      if (lineSize > 0 && text[pos + lineSize - 1] == '\r')
        --lineSize;
      std::string_view line = text.substr(pos, lineSize);
      CsvTable::Row row{lineNo, pos, lineSize};
      pos = hasNewline ? end + 1 : end;

      if (std::size_t cr = line.find('\r'); cr != std::string_view::npos)
        return error(row, cr + 1,
                     "unexpected carriage return inside a line; lines must "
                     "end with LF or CRLF");
      std::string_view content = trim(line);
      if (content.empty() || content.front() == '#')
        continue; // blank line or comment

      std::vector<Field> fields;
      if (Result<void> ok = split(row, fields); !ok)
        return ok;
      Result<void> ok = !sawHeader
                            ? addHeader(row, fields)
                            : addRow(row, fields, /*lastLine=*/
                                     text.find_first_not_of(" \t\r\n", pos) ==
                                         std::string_view::npos);
      if (!ok)
        return ok;
    }
    if (!sawHeader)
      return Error{table.name + ": error: " +
                   (table.source.empty() ? "the file is empty"
                                         : "the file has no header row") +
                   "; expected a first line of column names such as '" +
                   table.options.exampleHeader + "'"};
    return success();
  }

private:
  Error error(const CsvTable::Row &row, std::size_t col,
              std::string_view message) const {
    return Error{formatLocatedError(table.name, row.line, col,
                                    table.lineText(row), message)};
  }

  /// Splits a line into fields (see CSV.h for the dialect).
  Result<void> split(const CsvTable::Row &row, std::vector<Field> &fields) {
    std::string_view line = table.lineText(row);
    const char sep = table.options.separator;
    std::size_t pos = 0, n = line.size();
    while (true) {
      std::size_t start = pos;
      while (pos < n && isBlank(line[pos]))
        ++pos;
      Field field;
      if (pos < n && line[pos] == '"') {
        std::size_t quote = pos++;
        bool closed = false;
        while (pos < n) {
          if (line[pos] == '"') {
            if (pos + 1 < n && line[pos + 1] == '"') {
              field.text += '"';
              pos += 2;
              continue;
            }
            ++pos;
            closed = true;
            break;
          }
          field.text += line[pos++];
        }
        if (!closed)
          return error(row, quote + 1,
                       "unterminated quoted field; a quoted field must end "
                       "with '\"' on the same line");
        while (pos < n && isBlank(line[pos]))
          ++pos;
        if (pos < n && line[pos] != sep)
          return error(row, pos + 1,
                       std::string("unexpected '") + line[pos] +
                           "' after the closing quote of a field; expected '" +
                           sep + "' or the end of the line");
        field.col = quote + 1;
      } else {
        std::size_t begin = pos;
        while (pos < n && line[pos] != sep)
          ++pos;
        field.text = std::string(trim(line.substr(begin, pos - begin)));
        field.col = (field.text.empty() ? start : begin) + 1;
      }
      fields.push_back(std::move(field));
      if (pos >= n)
        return success();
      ++pos; // the separator
    }
  }

  Result<void> addHeader(const CsvTable::Row &row, std::vector<Field> &fields) {
    sawHeader = true;
    // Name -> column, so that a header of 100 000 columns (one per station)
    // is checked in linear time.
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const Field &f = fields[i];
      if (f.text.empty())
        return error(row, f.col,
                     "empty column name in the header (column " +
                         std::to_string(i + 1) +
                         "); every column needs a name");
      if (auto [it, inserted] = seen.try_emplace(f.text, i); !inserted)
        return error(row, f.col,
                     "duplicate column name '" + f.text +
                         "'; it is also column " +
                         std::to_string(it->second + 1));
      table.columns.push_back(f.text);
    }
    return success();
  }

  Result<void> addRow(const CsvTable::Row &row, std::vector<Field> &fields,
                      bool lastLine) {
    std::size_t expected = table.columns.size();
    if (fields.size() != expected) {
      std::string message = "expected " + std::to_string(expected) +
                            (expected == 1 ? " field" : " fields") +
                            " as in the header, found " +
                            std::to_string(fields.size());
      if (fields.size() < expected && lastLine)
        message += " (is the file truncated?)";
      // Point at the first extra field, or at the end of a short line.
      std::size_t col =
          fields.size() > expected ? fields[expected].col : row.lineSize + 1;
      Error e = error(row, col, message);
      // A decimal comma in a ';' file: the commas split the row.
      e.message += otherSeparatorNote(table.columns);
      return e;
    }
    table.rows.push_back(row);
    for (const Field &f : fields) {
      if (f.text.size() > std::numeric_limits<std::uint32_t>::max() ||
          f.col > std::numeric_limits<std::uint32_t>::max())
        return error(row, 1, "line too long");
      table.cells.push_back({table.cellText.size(),
                             static_cast<std::uint32_t>(f.text.size()),
                             static_cast<std::uint32_t>(f.col)});
      table.cellText += f.text;
    }
    return success();
  }

  CsvTable &table;
  bool sawHeader = false;
};

} // namespace dgm::rt

Result<CsvTable> CsvTable::parse(std::string text, std::string fileName,
                                 const CsvOptions &options) {
  CsvTable table;
  table.name = std::move(fileName);
  table.source = std::move(text);
  table.options = options;
  CsvParser parser(table);
  if (Result<void> ok = parser.run(); !ok)
    return ok.takeError();
  return table;
}

Result<CsvTable> CsvTable::readFile(const std::string &path,
                                    const CsvOptions &options) {
  Result<std::string> text = readTextFile(path);
  if (!text)
    return text.takeError();
  return parse(std::move(*text), path, options);
}

std::optional<std::size_t> CsvTable::columnIndex(std::string_view name) const {
  auto it = std::find(columns.begin(), columns.end(), name);
  if (it == columns.end())
    return std::nullopt;
  return static_cast<std::size_t>(it - columns.begin());
}

std::string_view CsvTable::cell(std::size_t row, std::size_t column) const {
  const Cell &c = cells[row * columns.size() + column];
  return std::string_view(cellText).substr(c.begin, c.size);
}

std::size_t CsvTable::columnNumber(std::size_t row, std::size_t column) const {
  return cells[row * columns.size() + column].col;
}

std::string CsvTable::diagnostic(std::size_t row, std::size_t column,
                                 std::string_view message) const {
  return formatLocatedError(name, rows[row].line, columnNumber(row, column),
                            lineText(rows[row]), message);
}

Result<NumericColumn> CsvTable::numericColumn(std::string_view column) const {
  std::optional<std::size_t> index = columnIndex(column);
  if (!index) {
    std::string names;
    for (const std::string &c : columns)
      names += (names.empty() ? "'" : ", '") + c + "'";
    return Error{name + ": error: no column '" + std::string(column) +
                 "'; the columns are " + names};
  }
  return numericColumn(*index);
}

Result<NumericColumn> CsvTable::numericColumn(std::size_t column) const {
  NumericColumn result;
  result.values.reserve(rows.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string_view text = cell(r, column);
    bool missing =
        std::find(options.missingTokens.begin(), options.missingTokens.end(),
                  text) != options.missingTokens.end();
    double value = nan;
    if (!missing) {
      // from_chars takes no leading '+', which people do write.
      std::string_view digits = text;
      if (digits.size() > 1 && digits.front() == '+' && digits[1] != '-')
        digits.remove_prefix(1);
      auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec == std::errc::result_out_of_range &&
          end == digits.data() + digits.size())
        return Error{diagnostic(r, column,
                                "in column '" + columns[column] +
                                    "': " + numberRangeProblem(text))};
      if (ec != std::errc() || end != digits.data() + digits.size())
        return Error{diagnostic(r, column,
                                "expected a number in column '" +
                                    columns[column] + "', found '" +
                                    std::string(text) + "'")};
      // An infinity is never a measurement, and a model fed one returns
      // NaN or inf far from the cell that caused it.
      if (std::isinf(value))
        return Error{diagnostic(r, column,
                                "an infinite value in column '" +
                                    columns[column] + "': '" +
                                    std::string(text) +
                                    "'; write a missing value as an empty cell, "
                                    "NA or NaN")};
      missing =
          std::isnan(value) ||
          std::find(options.missingValues.begin(), options.missingValues.end(),
                    value) != options.missingValues.end();
    }
    if (missing) {
      if (result.missingCount++ == 0) {
        result.firstMissingRow = r;
        result.firstMissingLine = rows[r].line;
      }
      value = nan;
    }
    result.values.push_back(value);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// CsvWriter
//===----------------------------------------------------------------------===//

void CsvWriter::beginField() {
  if (fieldsInRow++ > 0)
    out += separator;
}

void CsvWriter::field(std::string_view text) {
  beginField();
  // Quote whatever the reader would not give back as it is: separators,
  // quotes, line breaks, surrounding blanks, and a '#' that would make the
  // row a comment.
  bool quote =
      text.find_first_of(std::string{separator, '"', '\n', '\r'}) !=
          std::string_view::npos ||
      (!text.empty() && (isBlank(text.front()) || isBlank(text.back()))) ||
      (fieldsInRow == 1 && !text.empty() && text.front() == '#');
  lastFieldEmpty = text.empty();
  if (!quote) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

void CsvWriter::number(double value) {
  beginField();
  lastFieldEmpty = false;
  appendNumber(out, value);
}

void CsvWriter::endRow() {
  // A row of one empty field would be a blank line, which the reader skips.
  if (fieldsInRow == 1 && lastFieldEmpty)
    out += "\"\"";
  out += '\n';
  fieldsInRow = 0;
  lastFieldEmpty = false;
}

std::string dgm::rt::otherSeparatorNote(const std::vector<std::string> &columns) {
  if (columns.size() != 1)
    return "";
  for (auto [separator, name] :
       {std::pair{';', "';'"}, std::pair{'\t', "tabs"}})
    if (columns[0].find(separator) != std::string::npos)
      return std::string("\ndgm: note: the file seems to separate its "
                         "columns with ") +
             name + "; dgm reads ',' only: save it as comma-separated";
  return "";
}
