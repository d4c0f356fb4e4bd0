//===- BasinTable.cpp - Many basins in one `dgm run` ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "BasinTable.h"
#include "Suggest.h"

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

using namespace dgm::cli;
using namespace dgm::rt;

Result<std::vector<BasinJob>>
dgm::cli::readParamsTable(const LoadedModel &model, const std::string &path,
                const std::vector<double> &defaults) {
  CsvOptions options;
  options.exampleHeader = "basin";
  for (std::size_t p = 0; p < model.params().size() && p < 3; ++p)
    options.exampleHeader += std::string(",") + model.params()[p].name;
  Result<CsvTable> table = CsvTable::readFile(path, options);
  if (!table)
    return table.takeError();
  if (table->numRows() == 0)
    return Error{"'" + path +
                 "' has a header but no rows; expected one row "
                 "per basin"};
  if (std::string note = otherSeparatorNote(table->columnNames());
      !note.empty())
    return Error{"'" + path + "' has one column, '" +
                 table->columnNames()[0] + "'" + note};
  std::optional<std::size_t> idColumn;
  for (const char *name : {"basin", "gauge", "gauge_id"})
    if ((idColumn = table->columnIndex(name)))
      break;
  // Without a column of that name the first holds the ids; one that names
  // a parameter means the ids are missing.
  if (!idColumn) {
    const std::string &first = table->columnNames()[0];
    if (model.indexOf(VarKind::Param, first))
      return Error{"'" + path + "' has no column of basin ids: its first "
                   "column, '" + first + "', is a parameter of model '" +
                   std::string(model.name()) + "'; add a first column "
                   "'basin' with the basins' names"};
    idColumn = 0;
  }
  // Per column: the parameter it sets, or the state whose initial value.
  struct Column {
    std::size_t column;
    VarKind kind;
    std::size_t index;
  };
  std::vector<Column> columns;
  for (std::size_t c = 0; c < table->numColumns(); ++c) {
    if (c == idColumn)
      continue;
    const std::string &name = table->columnNames()[c];
    if (std::optional<std::size_t> p = model.indexOf(VarKind::Param, name)) {
      columns.push_back({c, VarKind::Param, *p});
      continue;
    }
    if (std::optional<std::size_t> state =
            model.indexOf(VarKind::State, name)) {
      columns.push_back({c, VarKind::State, *state});
      continue;
    }
    if (model.indexOf(VarKind::Forcing, name))
      return Error{
          "column '" + name + "' of '" + path + "' is a forcing of model '" +
          std::string(model.name()) +
          "', not a parameter or a state: forcings are read from --forcing (or "
          "--camels), one value per step"};
    std::vector<std::string> names, states;
    for (const dgm_variable &v : model.params())
      names.push_back(v.name);
    for (const dgm_variable &v : model.states())
      states.push_back(v.name);
    std::vector<std::string> all = names;
    all.insert(all.end(), states.begin(), states.end());
    return Error{"column '" + name + "' of '" + path +
                 "' is not a parameter or state of model '" +
                 std::string(model.name()) + "'" + didYouMean(name, all) +
                 "\ndgm: note: its parameters are: " + joinNames(names) +
                 (states.empty()
                      ? std::string()
                      : "; its states (initial values): " + joinNames(states))};
  }
  // Each column is parsed once (per row, a table of thousands of basins
  // took seconds).
  std::vector<NumericColumn> values;
  for (const Column &col : columns) {
    Result<NumericColumn> column = table->numericColumn(col.column);
    if (!column)
      return column.takeError();
    values.push_back(std::move(*column));
  }
  std::vector<BasinJob> jobs;
  std::map<std::string, std::size_t> firstRow; // id -> row
  for (std::size_t r = 0; r < table->numRows(); ++r) {
    BasinJob job{std::string(table->cell(r, *idColumn)), defaults, {}, {}};
    if (job.id.empty())
      return Error{table->diagnostic(r, *idColumn, "the basin is empty")};
    // Each basin once: its files ({basin}) and its row of the summary would
    // otherwise collide, after the first run.
    if (auto [it, fresh] = firstRow.emplace(job.id, r); !fresh)
      return Error{table->diagnostic(
          r, *idColumn,
          "basin '" + job.id + "' appears a second time (first on line " +
              std::to_string(table->lineNumber(it->second)) + ")")};
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto [c, kind, p] = columns[i];
      double value = values[i].values[r];
      if (kind == VarKind::State) {
        const dgm_variable &state = model.states()[p];
        if (!std::isfinite(value))
          return Error{table->diagnostic(
              r, c,
              "the initial value of state '" + std::string(state.name) +
                  "' of basin '" + job.id + "' is " +
                  (std::isnan(value) ? "missing" : formatNumber(value)) +
                  "; expected a number")};
        job.initialStates.push_back({p, value});
        continue;
      }
      const dgm_variable &var = model.params()[p];
      if (std::isnan(value) || value < var.lower || value > var.upper)
        return Error{table->diagnostic(
            r, c,
            "parameter '" + std::string(var.name) + "' of basin '" + job.id +
                "' is " +
                (std::isnan(value) ? "missing" : formatNumber(value)) +
                "; expected a number in [" + formatNumber(var.lower) + ", " +
                formatNumber(var.upper) + "]")};
      job.paramValues[p] = value;
      job.explicitParams.insert(p);
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::string dgm::cli::formatBasinTable(const std::vector<BasinRun> &runs,
                                       const LoadedModel &model,
                                       const RunConfig &s) {
  std::string out = "model '" + std::string(model.name()) + "' (" +
                    model.descriptor().source + "), " +
                    std::to_string(runs.size()) +
                    (runs.size() == 1 ? " basin\n\n" : " basins\n\n");
  std::optional<std::size_t> sim = model.indexOf(VarKind::Output, s.simName);
  // The basin column is as wide as the longest id (at least 12), so that a
  // long id neither shifts nor cuts the row.
  std::size_t idWidth = 12;
  for (const BasinRun &run : runs)
    idWidth = std::max(idWidth, run.id.size());
  auto padded = [](std::string text, std::size_t width, bool right) {
    if (text.size() < width)
      text.insert(right ? 0 : text.size(), width - text.size(), ' ');
    return text;
  };
  auto number = [](const char *format, double v) {
    char text[64];
    std::snprintf(text, sizeof text, format, v);
    return std::string(text);
  };
  std::string simHeader = s.simName + " mean";
  std::size_t simWidth = std::max<std::size_t>(12, simHeader.size());
  out += padded("basin", idWidth, false) + " " + padded("steps", 6, true) +
         " " + padded(simHeader, simWidth, true) + " " +
         padded("NSE", 8, true) + " " + padded("KGE", 8, true);
  // --balance: each basin's closure error of largest magnitude, and how
  // many of its closure errors are NaN (the largest skips them).
  out += s.balance ? "  max |balance_error|\n" : "\n";
  const BasinRun *worstBalance = nullptr;
  std::size_t basinsWithNaN = 0;
  const BasinRun *firstWithNaN = nullptr;
  std::vector<double> nses, kges;
  for (const BasinRun &run : runs) {
    double mean = NAN;
    if (sim) {
      double sum = 0;
      int64_t n = 0;
      for (int64_t t = 0; t < run.results.numSteps; ++t)
        if (double v = run.results.output(*sim, t, 0); !std::isnan(v)) {
          sum += v;
          ++n;
        }
      mean = n ? sum / static_cast<double>(n) : NAN;
    }
    auto cell = [&](std::optional<double> v) {
      return v ? number("%.4f", *v) : std::string("-");
    };
    out += padded(run.id, idWidth, false) + " " +
           padded(std::to_string(run.results.numSteps), 6, true) + " " +
           padded(number("%.6g", mean), simWidth, true) + " " +
           padded(cell(run.scores.nse), 8, true) + " " +
           padded(cell(run.scores.kge), 8, true);
    if (std::optional<double> b = run.scores.balanceWorst) {
      out += "  " + padded(std::isnan(*b) ? std::string("NaN")
                                          : number("%.3g", std::fabs(*b)),
                           19, true);
      if (!std::isnan(*b) &&
          (!worstBalance ||
           std::fabs(*b) > std::fabs(*worstBalance->scores.balanceWorst)))
        worstBalance = &run;
      if (run.scores.balanceNaNs) {
        out += "  (" + std::to_string(run.scores.balanceNaNs) + " NaN)";
        if (basinsWithNaN++ == 0)
          firstWithNaN = &run;
      }
    }
    out += "\n";
    if (run.scores.nse)
      nses.push_back(*run.scores.nse);
    if (run.scores.kge)
      kges.push_back(*run.scores.kge);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  if (!nses.empty())
    out += "\nmedian NSE " +
           formatNumber(std::round(median(nses) * 1e4) / 1e4) + " over " +
           std::to_string(nses.size()) + (nses.size() == 1 ? " basin" : " basins");
  if (!kges.empty())
    out += ", median KGE " + formatNumber(std::round(median(kges) * 1e4) / 1e4);
  if (!nses.empty() || !kges.empty())
    out += " (" + s.simName + " vs " + s.obsName.value_or("Qobs") + ")\n";
  if (worstBalance) {
    const dgm_variable &var =
        model.outputs()[*model.indexOf(VarKind::Output, "balance_error")];
    char text[32];
    std::snprintf(text, sizeof text, "%.3g",
                  *worstBalance->scores.balanceWorst);
    out += (nses.empty() && kges.empty() ? "\n" : "") +
           std::string("balance: largest closure error ") + text +
           (var.unit[0] ? std::string(" ") + var.unit : "") + " in basin " +
           worstBalance->id + " " + worstBalance->scores.balanceWhere + "\n";
  }
  if (firstWithNaN)
    out += "balance: " + std::to_string(basinsWithNaN) +
           (basinsWithNaN == 1 ? " basin has" : " basins have") +
           " NaN closure errors, which the largest above skips: the first "
           "is " +
           firstWithNaN->id + " (" +
           std::to_string(firstWithNaN->scores.balanceNaNs) +
           " of them); run it alone to see where they start\n";
  return out;
}

