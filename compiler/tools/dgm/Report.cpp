//===- Report.cpp - What `dgm run` prints and writes ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

/// Whether `text` is `lower` (all lowercase) in any mix of case.
bool equalsInAnyCase(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(),
                    [](char x, char y) {
                      return std::tolower(static_cast<unsigned char>(x)) == y;
                    });
}

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
template <typename Get> Stats statistics(int64_t steps, Get get) {
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

} // namespace

std::optional<std::size_t> dgm::cli::findTimeColumn(const CsvTable &table) {
  for (const char *name : {"date", "time"})
    for (std::size_t i = 0; i < table.numColumns(); ++i)
      if (equalsInAnyCase(table.columnNames()[i], name))
        return i;
  return std::nullopt;
}

std::string dgm::cli::formatResultCsv(const RunReport &report,
                                      bool withStates) {
  const LoadedModel &model = report.model;
  const SimulationOutputs &res = report.results;
  CsvWriter w;
  if (report.timeColumn)
    w.field(report.forcing.columnNames()[*report.timeColumn]);
  for (const dgm_variable &v : model.outputs())
    w.field(v.name);
  if (withStates)
    for (const dgm_variable &v : model.states())
      w.field(v.name);
  w.endRow();
  for (int64_t t = 0; t < res.numSteps; ++t) {
    if (report.timeColumn)
      w.field(report.forcing.cell(t, *report.timeColumn));
    for (std::size_t o = 0; o < model.outputs().size(); ++o)
      w.number(res.output(o, t, 0));
    if (withStates)
      for (std::size_t s = 0; s < model.states().size(); ++s)
        w.number(res.state(s, t, 0));
    w.endRow();
  }
  return w.take();
}

std::string dgm::cli::formatSummary(const RunReport &report) {
  const LoadedModel &model = report.model;
  const SimulationOutputs &res = report.results;
  int64_t steps = res.numSteps;
  std::string out = "model '" + std::string(model.name()) + "' (" +
                    model.descriptor().source + ")\n1 basin x " +
                    std::to_string(steps) + (steps == 1 ? " step" : " steps") +
                    " of '" + report.forcing.fileName() + "'";
  if (report.timeColumn && steps > 0)
    out += ", " + std::string(report.forcing.cell(0, *report.timeColumn)) +
           " to " +
           std::string(report.forcing.cell(steps - 1, *report.timeColumn));
  out += "\n";

  std::vector<std::string> notes;
  auto noteNaNs = [&](const dgm_variable &v, const Stats &s) {
    if (s.nans > 0)
      notes.push_back("note: " + std::string(v.name) + " is NaN at " +
                      std::to_string(s.nans) + " of " + std::to_string(steps) +
                      " steps; the statistics leave those out");
  };

  if (!model.outputs().empty()) {
    Table outputs;
    outputs.row({"output", "unit", "min", "mean", "max", "sum"});
    for (std::size_t o = 0; o < model.outputs().size(); ++o) {
      const dgm_variable &v = model.outputs()[o];
      Stats s =
          statistics(steps, [&](int64_t t) { return res.output(o, t, 0); });
      outputs.row({v.name, v.unit, brief(s.min), brief(s.mean), brief(s.max),
                   brief(s.sum)});
      noteNaNs(v, s);
    }
    out += "\n" + outputs.str();
  }
  if (!model.states().empty()) {
    Table states;
    states.row({"state", "unit", "min", "mean", "max", "final"});
    for (std::size_t i = 0; i < model.states().size(); ++i) {
      const dgm_variable &v = model.states()[i];
      Stats s =
          statistics(steps, [&](int64_t t) { return res.state(i, t, 0); });
      states.row({v.name, v.unit, brief(s.min), brief(s.mean), brief(s.max),
                  brief(res.finalState(i, 0))});
      noteNaNs(v, s);
    }
    out += "\n" + states.str();
  }
  if (!notes.empty()) {
    out += "\n";
    for (const std::string &n : notes)
      out += n + "\n";
  }
  return out;
}
