//===- BasinRun.cpp - Running a model on one basin ------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "BasinRun.h"
#include "Bindings.h"
#include "Messages.h"
#include "NonFiniteResults.h"
#include "Suggest.h"

#include "dgm/runtime/Format.h"
#include "dgm/runtime/Metrics.h"
#include "dgm/runtime/UnitText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace dgm::cli;
using namespace dgm::rt;

Result<SimulationInputs>
dgm::cli::buildInputs(const LoadedModel &model, const BasinData &basin, std::size_t first,
            std::size_t count, int64_t components,
            const std::vector<double> &paramValues,
            const std::vector<double> &initValues,
            const std::set<std::size_t> &explicitParams) {
  Result<SimulationInputs> in =
      makeInputs(model, 1, static_cast<int64_t>(count), components);
  if (!in)
    return in.takeError();
  int64_t nc = in->numComponents;
  auto params = model.params();
  for (std::size_t p = 0; p < params.size(); ++p) {
    // A dynamic parameter follows its series in the data, unless the user
    // set it (--param or the --params table).
    const std::vector<double> *series =
        (params[p].flags & DGM_DYNAMIC) && !explicitParams.count(p)
            ? basin.find(params[p].name)
            : nullptr;
    for (std::size_t t = 0; t < (in->paramLayout.perStep(p) ? count : 1); ++t)
      for (int64_t c = 0; c < nc; ++c)
        in->param(p, 0, c, static_cast<int64_t>(t)) =
            series ? (*series)[first + t] : paramValues[p];
  }
  for (std::size_t i = 0; i < model.states().size(); ++i)
    for (int64_t c = 0; c < nc; ++c)
      in->initState(i, 0, c) = initValues[i];
  for (std::size_t f = 0; f < model.forcings().size(); ++f) {
    const std::vector<double> &series = *basin.find(model.forcings()[f].name);
    for (std::size_t t = 0; t < count; ++t)
      in->forcing(f, static_cast<int64_t>(t), 0) = series[first + t];
  }
  return in;
}


Scores dgm::cli::scoreRun(const LoadedModel &model, const SimulationOutputs &results,
                const BasinData &basin, std::size_t first,
                const RunConfig &s) {
  std::string obsName = s.obsName.value_or("Qobs");
  const std::vector<double> *obs = basin.find(obsName);
  if (!obs) {
    if (s.obsName) {
      reportWarning(basin.description + " has no series '" + obsName +
                    "' to score against" +
                    didYouMean(obsName, basin.available));
    }
    return {};
  }
  std::optional<std::size_t> sim = model.indexOf(VarKind::Output, s.simName);
  if (!sim) {
    // Only worth a word when the user asked for a comparison.
    if (s.obsName || s.simExplicit)
      reportWarning("model '" + std::string(model.name()) +
                    "' has no output '" + s.simName + "' to score against '" +
                    obsName + "'; choose one with --sim OUTPUT");
    return {};
  }
  // Scores of flows in different units would be numbers without meaning.
  const char *simUnit = model.outputs()[*sim].unit;
  if (auto it = basin.units.find(obsName);
      it != basin.units.end() && simUnit[0] && !sameUnit(simUnit, it->second)) {
    reportWarning("no scores: output '" + s.simName + "' is in " + simUnit +
                  ", but '" + obsName + "' of " + basin.description +
                  " is in " + it->second + " (dgm converts no units)");
    return {};
  }
  std::vector<double> simulated(results.numSteps), observed(results.numSteps);
  for (int64_t t = 0; t < results.numSteps; ++t) {
    double sum = 0; // the mean over the components
    for (int64_t c = 0; c < results.numComponents; ++c)
      sum += results.output(*sim, t, 0, c);
    bool perComponent = model.outputs()[*sim].flags & DGM_PER_COMPONENT;
    simulated[t] = perComponent
                       ? sum / static_cast<double>(results.numComponents)
                       : results.output(*sim, t, 0);
    observed[t] = (*obs)[first + t];
  }
  std::string what = " (" + s.simName + " vs " + obsName + ")";
  Result<Score> n = nse(observed, simulated);
  Result<KgeScore> k = kge(observed, simulated);
  Scores scores;
  std::vector<std::string> &lines = scores.lines;
  if (n)
    scores.nse = n->value;
  if (k)
    scores.kge = k->value;
  if (n)
    lines.push_back("NSE " + formatNumber(std::round(n->value * 1e4) / 1e4) +
                    what + " over " + std::to_string(n->count) + " of " +
                    std::to_string(results.numSteps) + " steps");
  else
    lines.push_back(n.error().message); // "NSE: ..."
  if (k)
    lines.push_back("KGE " + formatNumber(std::round(k->value * 1e4) / 1e4) +
                    what + ": r " + formatNumber(std::round(k->r * 1e4) / 1e4) +
                    ", alpha " +
                    formatNumber(std::round(k->alpha * 1e4) / 1e4) + ", beta " +
                    formatNumber(std::round(k->beta * 1e4) / 1e4));
  else
    lines.push_back(k.error().message); // "KGE: ..."
  return scores;
}

Result<void> dgm::cli::addBalanceReport(const LoadedModel &model,
                                        const SimulationOutputs &results,
                                        const BasinData &basin,
                                        std::size_t first, Scores &scores) {
  std::optional<std::size_t> index =
      model.indexOf(VarKind::Output, "balance_error");
  if (!index)
    return Error{"--balance: model '" + std::string(model.name()) +
                 "' declares no balance; add 'balance { storage: ...; "
                 "inflow: ...; outflow: ...; }' (docs/language.md)"};
  const dgm_variable &var = model.outputs()[*index];
  int64_t comps = (var.flags & DGM_PER_COMPONENT) ? results.numComponents : 1;
  double worst = 0, sum = 0;
  int64_t worstStep = 0, worstComp = 0, count = 0, nans = 0;
  for (int64_t t = 0; t < results.numSteps; ++t)
    for (int64_t c = 0; c < comps; ++c) {
      double e = results.output(*index, t, 0, c);
      if (std::isnan(e)) {
        ++nans;
        continue;
      }
      sum += std::fabs(e);
      ++count;
      if (std::fabs(e) > std::fabs(worst) || count == 1) {
        worst = e;
        worstStep = t;
        worstComp = c;
      }
    }
  char text[64];
  std::snprintf(text, sizeof text, "%.3g", worst);
  std::string where =
      basin.dates.empty()
          ? "at step " + std::to_string(first + worstStep) +
                (basin.lines.empty()
                     ? ""
                     : " (line " +
                           std::to_string(basin.lines[first + worstStep]) +
                           " of " + basin.description + ")")
          : "on " + basin.dates[first + static_cast<std::size_t>(worstStep)];
  if (comps > 1)
    where += " (component " + std::to_string(worstComp) + ")";
  std::string line = std::string("balance: largest closure error ") + text +
                     (var.unit[0] ? std::string(" ") + var.unit : "") + " " +
                     where;
  std::snprintf(text, sizeof text, "%.3g",
                count ? sum / static_cast<double>(count) : 0.0);
  line += "; mean |error| " + std::string(text) + " over " +
          std::to_string(count) + " step" + (count == 1 ? "" : "s") +
          (comps > 1 ? " x components" : "");
  if (nans)
    line += "; NaN at " + std::to_string(nans);
  scores.lines.push_back(line);
  scores.balanceWorst = count ? worst : NAN;
  scores.balanceWhere = count ? where : "";
  scores.balanceNaNs = nans;
  return success();
}

Result<BasinRun> dgm::cli::runOnBasin(const LoadedModel &model, BasinData data,
                                      std::vector<double> paramValues,
                                      const std::set<std::size_t> &explicitParams,
                                      const std::vector<double> &initValues,
                                      const RunConfig &s) {
  BasinRun run;
  run.data = std::move(data);
  const BasinData &basin = run.data;
  // A dynamic parameter with a series needs no value of its own. One the
  // user set explicitly takes that value at every step instead: say so, since
  // the series is then not used.
  for (std::size_t p = 0; p < model.params().size(); ++p) {
    const dgm_variable &param = model.params()[p];
    if (!(param.flags & DGM_DYNAMIC) ||
        (!basin.find(param.name) && !basin.unusableSeries.count(param.name)))
      continue;
    if (explicitParams.count(p)) {
      reportWarning("parameter '" + std::string(param.name) + "' is set to " +
                    formatNumber(paramValues[p]) + " at every step; its series in " +
                    basin.description + " is not used");
      continue;
    }
    if (auto bad = basin.unusableSeries.find(param.name);
        bad != basin.unusableSeries.end())
      return Error{bad->second};
    if (std::isnan(paramValues[p]))
      paramValues[p] = param.lower;
  }
  if (Result<void> ok = checkAllParamsSet(model, paramValues, s.setParam); !ok)
    return ok.takeError();
  // Observations that cannot be read are an error only when they would be
  // scored: the model has the output to compare them with.
  if (auto bad = basin.unusableSeries.find(s.obsName.value_or("Qobs"));
      bad != basin.unusableSeries.end() &&
      model.indexOf(VarKind::Output, s.simName))
    return Error{bad->second};

  std::size_t steps = basin.numSteps;
  std::size_t warmup = static_cast<std::size_t>(s.warmup);
  if (warmup >= steps)
    return Error{"a warm-up of " + std::to_string(warmup) +
                 " steps leaves none to run: the run has " +
                 std::to_string(steps) + " (" + basin.description + ")"};
  Result<SimulationInputs> inputs =
      buildInputs(model, basin, warmup, steps - warmup, s.components,
                  paramValues, initValues, explicitParams);
  if (!inputs)
    return inputs.takeError();
  SimulationOptions options;
  options.trajectory = true; // for --states and the summary's state columns
  // A warm-up runs the model continuously through and reports the steps
  // after it, so that everything the step carries (states, and the history
  // of its own convolutions, GR4J's unit hydrographs) goes on. A model
  // whose basin outputs convolve (δHBV's routing) and whose step does not
  // instead runs the warm-up on its own and starts the run from its final
  // states: the routing of the reported steps starts empty, as δHBV's does.
  // When the step convolves too (its states are DGM_CONVOLVED), the step
  // wins: splitting would empty its histories and change what it computes,
  // so the run is continuous and the basin outputs route the warm-up's
  // flow as well (a routed diagnostic output added to such a model changes
  // none of its other results).
  auto convolves = [](const dgm_variable &v) {
    return (v.flags & DGM_CONVOLVED) != 0;
  };
  auto outputs = model.outputs();
  auto states = model.states();
  bool routed = std::any_of(outputs.begin(), outputs.end(), convolves) &&
                std::none_of(states.begin(), states.end(), convolves);
  if (warmup > 0 && !routed) {
    Result<SimulationInputs> whole =
        buildInputs(model, basin, 0, steps, s.components, paramValues,
                    initValues, explicitParams);
    if (!whole)
      return whole.takeError();
    Result<SimulationOutputs> all = simulate(model, *whole, options);
    if (!all)
      return all.takeError();
    // The states the reported steps start from (for the diagnostics).
    for (std::size_t v = 0; v < model.states().size(); ++v)
      for (int64_t c = 0; c < inputs->numComponents; ++c)
        inputs->initStates[inputs->stateLayout.at(v, 0, c, 0)] =
            all->state(v, static_cast<int64_t>(warmup) - 1, 0, c);
    run.results = stepsFrom(model, *all, static_cast<int64_t>(warmup));
  } else {
    if (warmup > 0) {
      // Spin up: the same model over the first steps; each component
      // carries its own final states into the run.
      Result<SimulationInputs> warm =
          buildInputs(model, basin, 0, warmup, s.components, paramValues,
                      initValues, explicitParams);
      if (!warm)
        return warm.takeError();
      Result<SimulationOutputs> spun = simulate(model, *warm);
      if (!spun)
        return spun.takeError();
      inputs->initStates = spun->finalStates;
    }
    Result<SimulationOutputs> results = simulate(model, *inputs, options);
    if (!results)
      return results.takeError();
    run.results = std::move(*results);
  }
  run.first = warmup;
  run.nonFiniteWarning =
      nonFiniteWarning(model, *inputs, run.results, basin, warmup, s.noWarmup);
  run.scores = scoreRun(model, run.results, basin, warmup, s);
  if (s.balance)
    if (Result<void> closure = addBalanceReport(model, run.results, basin,
                                                warmup, run.scores);
        !closure)
      return closure.takeError();
  return run;
}

std::vector<double> dgm::cli::componentMean(const LoadedModel &model,
                                           const SimulationOutputs &results,
                                           VarKind kind, std::size_t index) {
  const dgm_variable &var = model.variables(kind)[index];
  int64_t comps = (var.flags & DGM_PER_COMPONENT) || kind == VarKind::State
                      ? results.numComponents
                      : 1;
  std::vector<double> mean(static_cast<std::size_t>(results.numSteps));
  for (int64_t t = 0; t < results.numSteps; ++t) {
    double sum = 0;
    for (int64_t c = 0; c < comps; ++c)
      sum += kind == VarKind::State ? results.state(index, t, 0, c)
                                    : results.output(index, t, 0, c);
    mean[static_cast<std::size_t>(t)] = sum / static_cast<double>(comps);
  }
  return mean;
}

LineChart dgm::cli::hydrograph(const LoadedModel &model, const BasinRun &run,
                     const RunConfig &s) {
  LineChart chart;
  chart.title = std::string(model.name()) + " on " + run.data.description;
  if (!run.scores.lines.empty())
    chart.title += ": " + run.scores.lines.front();
  const SimulationOutputs &res = run.results;
  std::optional<std::size_t> sim = model.indexOf(VarKind::Output, s.simName);
  if (sim) {
    const dgm_variable &var = model.outputs()[*sim];
    chart.yLabel = s.simName + (var.unit[0] ? std::string(" (") + var.unit + ")"
                                            : std::string());
    chart.series.push_back({s.simName + " simulated",
                            componentMean(model, res, VarKind::Output, *sim)});
  }
  std::string obsName = s.obsName.value_or("Qobs");
  if (const std::vector<double> *obs = run.data.find(obsName))
    chart.series.push_back(
        {obsName + " observed",
         std::vector<double>(obs->begin() + static_cast<long>(run.first),
                             obs->end())});
  for (std::size_t t = run.first; t < run.data.dates.size(); ++t)
    chart.xLabels.push_back(run.data.dates[t]);
  return chart;
}

