//===- Bindings.cpp - --param and --init assignments ----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "Bindings.h"
#include "Suggest.h"

#include "dgm/runtime/Format.h"

#include <charconv>
#include <cmath>
#include <map>

using namespace dgm::cli;
using namespace dgm::rt;

namespace {

const char *optionFor(VarKind kind) {
  return kind == VarKind::Param ? "--param" : "--init";
}

/// The error for a name that is not a variable of `kind`, with a hint when
/// it is a variable of another kind or close to a valid name.
Error unknownName(const LoadedModel &model, VarKind kind,
                  const std::string &name) {
  std::string modelName = "model '" + std::string(model.name()) + "'";
  std::string message =
      modelName + " has no " + kindName(kind) + " '" + name + "'";
  bool otherKind = false;
  for (VarKind other :
       {VarKind::Forcing, VarKind::Param, VarKind::State, VarKind::Output}) {
    if (other == kind || !model.find(other, name))
      continue;
    message += "; '" + name + "' is " +
               (other == VarKind::Output ? "an " : "a ") + kindName(other);
    if (other == VarKind::Param)
      message += ": set it with --param " + name + "=VALUE";
    else if (other == VarKind::State)
      message += ": set its initial value with --init " + name + "=VALUE";
    else if (other == VarKind::Forcing)
      message += ", read from the forcing file";
    else
      message += ", computed by the model";
    otherKind = true;
    break;
  }
  std::vector<std::string> names;
  for (const dgm_variable &v : model.variables(kind))
    names.push_back(v.name);
  if (!otherKind)
    message += didYouMean(name, names);
  message += "\ndgm: note: the " + std::string(kindNamePlural(kind)) + " of " +
             modelName + " are: " + joinNames(names);
  return Error{message};
}

} // namespace

Result<void>
dgm::cli::applyAssignments(const LoadedModel &model, VarKind kind,
                           const std::vector<std::string> &assignments,
                           std::vector<double> &values) {
  const char *option = optionFor(kind);
  std::map<std::string, std::string> seen; // name -> the assignment
  for (const std::string &assignment : assignments) {
    std::string written = std::string(option) + " " + assignment;
    std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error{std::string("expected NAME=VALUE after ") + option +
                   ", found '" + assignment + "'"};
    std::string name = assignment.substr(0, eq);
    std::string text = assignment.substr(eq + 1);

    std::optional<std::size_t> index = model.indexOf(kind, name);
    if (!index)
      return unknownName(model, kind, name);
    auto [it, fresh] = seen.emplace(name, assignment);
    if (!fresh)
      return Error{std::string(kindName(kind)) + " '" + name +
                   "' is set twice: " + option + " " + it->second + " and " +
                   written};

    double value = 0;
    auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value);
    bool whole = !text.empty() && end == text.data() + text.size();
    if (whole && ec == std::errc::result_out_of_range)
      return Error{"invalid value in " + written + ": " +
                   numberRangeProblem(text)};
    if (!whole || ec != std::errc())
      return Error{"invalid value '" + text + "' in " + written +
                   "; expected a number such as 0.5 or 1e-3"};
    if (!std::isfinite(value))
      return Error{"invalid value '" + text + "' in " + written +
                   "; expected a finite number"};

    const dgm_variable &var = model.variables(kind)[*index];
    if (kind == VarKind::Param && (value < var.lower || value > var.upper))
      return Error{written + " is outside the bounds of parameter '" + name +
                   "': [" + formatNumber(var.lower) + ", " +
                   formatNumber(var.upper) + "]"};
    values[*index] = value;
  }
  return success();
}

Result<void> dgm::cli::checkAllParamsSet(const LoadedModel &model,
                                         const std::vector<double> &values,
                                         const std::string &setParam) {
  auto params = model.params();
  for (std::size_t i = 0; i < params.size(); ++i)
    if (std::isnan(values[i]))
      return Error{"parameter '" + std::string(params[i].name) +
                   "' of model '" + std::string(model.name()) +
                   "' has no default value; give it one with " + setParam +
                   " " +
                   params[i].name + "=VALUE"};
  return success();
}
