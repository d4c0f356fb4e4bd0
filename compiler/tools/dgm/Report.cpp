//===- Report.cpp - What `dgm run` prints and writes ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "BasinData.h"

#include "dgm/runtime/CSV.h"
#include "dgm/runtime/Calendar.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

/// Six significant digits: enough to read, and the CSV has the exact values.
std::string brief(double value) {
  if (std::isnan(value))
    return "NaN";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

struct Stats {
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = min, sum = min, mean = min;
  std::size_t count = 0, nans = 0;
};

/// Statistics over the non-NaN values of a series; NaNs are counted.
template <typename Get> Stats statistics(int64_t steps, const Get &get) {
  Stats s;
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  for (int64_t t = 0; t < steps; ++t) {
    double v = get(t);
    if (std::isnan(v)) {
      ++s.nans;
      continue;
    }
    ++s.count;
    sum += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (s.count > 0) {
    s.min = lo;
    s.max = hi;
    s.sum = sum;
    s.mean = sum / static_cast<double>(s.count);
  }
  return s;
}

/// A text table: the first two columns left-aligned, the others right.
class Table {
public:
  void row(std::vector<std::string> cells) { rows.push_back(std::move(cells)); }
  std::string str() const {
    std::vector<std::size_t> width;
    for (const auto &r : rows)
      for (std::size_t i = 0; i < r.size(); ++i) {
        width.resize(std::max(width.size(), r.size()));
        width[i] = std::max(width[i], r[i].size());
      }
    std::string out;
    for (const auto &r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        std::string pad(width[i] - r[i].size(), ' ');
        if (i > 0)
          line += "  ";
        line += i < 2 ? r[i] + pad : pad + r[i];
      }
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      out += line + '\n';
    }
    return out;
  }

private:
  std::vector<std::vector<std::string>> rows;
};

/// The values of one output or state of one basin: a column of the CSV or
/// a row of the summary.
struct Series {
  std::string name;
  const dgm_variable *var;
  /// The value at step t (the mean over the components for `mean`).
  std::function<double(int64_t)> at;
  bool isMean = false;
};

/// The columns of a kind: one per variable, or one per component of a
/// per-component variable (with `expand`) or its mean over the components.
std::vector<Series> seriesOf(const RunReport &report, VarKind kind,
                             bool expand) {
  const SimulationOutputs &res = report.results;
  std::vector<Series> out;
  auto vars = report.model.variables(kind);
  int64_t nc = res.numComponents;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const dgm_variable &v = vars[i];
    auto value = [&res, kind, i](int64_t t, int64_t c) {
      return kind == VarKind::Output ? res.output(i, t, 0, c)
                                     : res.state(i, t, 0, c);
    };
    bool perComponent = (v.flags & DGM_PER_COMPONENT) && nc > 1;
    if (!perComponent) {
      out.push_back({v.name, &v, [value](int64_t t) { return value(t, 0); }});
    } else if (expand) {
      for (int64_t c = 0; c < nc; ++c)
        out.push_back({std::string(v.name) + "[" + std::to_string(c) + "]", &v,
                       [value, c](int64_t t) { return value(t, c); }});
    } else {
      out.push_back({v.name, &v,
                     [value, nc](int64_t t) {
                       double sum = 0;
                       for (int64_t c = 0; c < nc; ++c)
                         sum += value(t, c);
                       return sum / static_cast<double>(nc);
                     },
                     true});
    }
  }
  return out;
}

} // namespace

std::string dgm::cli::formatResultCsv(
    const RunReport &report, bool withStates, const std::string &basinId,
    bool header, const std::optional<std::string> &dateColumn) {
  const SimulationOutputs &res = report.results;
  const BasinData &basin = report.basin;
  bool hasDates = !basin.dates.empty();
  bool dates = hasDates || dateColumn;
  std::vector<Series> columns = seriesOf(report, VarKind::Output, true);
  if (withStates)
    for (Series &s : seriesOf(report, VarKind::State, true))
      columns.push_back(std::move(s));
  CsvWriter w;
  if (header) {
    if (!basinId.empty())
      w.field("basin");
    if (dates)
      w.field(dateColumn ? *dateColumn : basin.dateColumn);
    for (const Series &c : columns)
      w.field(c.name);
    w.endRow();
  }
  for (int64_t t = 0; t < res.numSteps; ++t) {
    if (!basinId.empty())
      w.field(basinId);
    if (dates)
      w.field(hasDates ? basin.dates[report.firstStep + t] : std::string());
    for (const Series &c : columns)
      w.number(c.at(t));
    w.endRow();
  }
  return w.take();
}

std::string dgm::cli::formatSummary(const RunReport &report) {
  const LoadedModel &model = report.model;
  const SimulationOutputs &res = report.results;
  const BasinData &basin = report.basin;
  int64_t steps = res.numSteps;
  std::string out = "model '" + std::string(model.name()) + "' (" +
                    model.descriptor().source + ")";
  if (res.numComponents > 1)
    out += ", " + std::to_string(res.numComponents) + " components";
  out += "\n1 basin x " + std::to_string(steps) +
         (steps == 1 ? " step" : " steps");
  if (model.stepSeconds() != 86400) // a day goes without saying
    out += " (" + describeDuration(model.stepSeconds()) + " each)";
  out += " of " + basin.description;
  if (!basin.dates.empty() && steps > 0)
    out += ", " + basin.dates[report.firstStep] + " to " +
           basin.dates[report.firstStep + steps - 1];
  if (report.firstStep > 0)
    out += " (after " + std::to_string(report.firstStep) + " warm-up step" +
           (report.firstStep == 1 ? ")" : "s)");
  out += "\n";
  std::vector<std::string> notes;
  bool anyMean = false;
  auto noteNaNs = [&](const Series &v, const Stats &s) {
    if (s.nans > 0)
      notes.push_back("note: " + v.name + " is NaN at " +
                      std::to_string(s.nans) + " of " + std::to_string(steps) +
                      " steps; the statistics leave those out");
  };
  std::vector<Series> outputs = seriesOf(report, VarKind::Output, false);
  if (!outputs.empty()) {
    Table table;
    table.row({"output", "unit", "min", "mean", "max", "sum"});
    for (const Series &o : outputs) {
      Stats s = statistics(steps, o.at);
      table.row({o.name + (o.isMean ? "*" : ""), o.var->unit, brief(s.min),
                 brief(s.mean), brief(s.max), brief(s.sum)});
      anyMean |= o.isMean;
      noteNaNs(o, s);
    }
    out += "\n" + table.str();
  }
  std::vector<Series> states = seriesOf(report, VarKind::State, false);
  if (!states.empty()) {
    Table table;
    table.row({"state", "unit", "min", "mean", "max", "final"});
    for (std::size_t i = 0; i < states.size(); ++i) {
      const Series &v = states[i];
      Stats s = statistics(steps, v.at);
      double final = 0;
      for (int64_t c = 0; c < res.numComponents; ++c)
        final += res.finalState(i, 0, c);
      final /= static_cast<double>(res.numComponents);
      table.row({v.name + (v.isMean ? "*" : ""), v.var->unit, brief(s.min),
                 brief(s.mean), brief(s.max), brief(final)});
      anyMean |= v.isMean;
      noteNaNs(v, s);
    }
    out += "\n" + table.str();
  }
  if (anyMean)
    notes.insert(notes.begin(), "* the mean over the " +
                                    std::to_string(res.numComponents) +
                                    " components");
  if (!report.scores.empty()) {
    out += "\n";
    for (const std::string &score : report.scores)
      out += score + "\n";
  }
  if (!notes.empty()) {
    out += "\n";
    for (const std::string &n : notes)
      out += n + "\n";
  }
  return out;
}
