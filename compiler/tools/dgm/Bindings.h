//===- Bindings.h - --param and --init assignments --------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `--param NAME=VALUE` and `--init STATE=VALUE` override a parameter's
// default or a state's initial value. Every mistake is an error, never a
// silent fallback to the default: an unknown name (with a suggestion and the
// valid names), a malformed or non-finite value, a parameter outside its
// bounds, a name given twice.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TOOLS_DGM_BINDINGS_H
#define DGM_TOOLS_DGM_BINDINGS_H

#include "dgm/runtime/Model.h"
#include "dgm/runtime/Result.h"

#include <string>
#include <vector>

namespace dgm::cli {

/// Applies `assignments` ("NAME=VALUE", as given to --param for
/// VarKind::Param or --init for VarKind::State) to `values`, which holds one
/// value per variable of that kind (a single basin).
dgm::rt::Result<void>
applyAssignments(const dgm::rt::LoadedModel &model, dgm::rt::VarKind kind,
                 const std::vector<std::string> &assignments,
                 std::vector<double> &values);

/// Fails for the first parameter that has no value (no default and no
/// --param), telling how to give one: with `setParam` ("--param", ":set").
dgm::rt::Result<void> checkAllParamsSet(const dgm::rt::LoadedModel &model,
                                        const std::vector<double> &values,
                                        const std::string &setParam);

} // namespace dgm::cli

#endif // DGM_TOOLS_DGM_BINDINGS_H
