//===- Model.h - Loading a compiled dgm model -------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A LoadedModel owns a shared library made by `dgmc model.dgm -o lib.so`
// (dlopen with RTLD_NOW | RTLD_LOCAL, dlclose on destruction) and the
// dgm_model descriptor it exports (dgm/abi.h). Loading checks everything the
// rest of the runtime relies on, so that a library from another compiler
// version or a file that is not a model fails here with a clear message
// instead of crashing later:
//   - the symbol dgm_get_model exists and returns a descriptor;
//   - abi_version == DGM_ABI_VERSION and scalar_bits == 64;
//   - counts are non-negative and arrays non-NULL when their count is > 0;
//   - step_seconds >= 1;
//   - each variable has non-NULL strings, the kind of its array and an index
//     equal to its position; names are non-empty and unique;
//   - simulate is non-NULL.
//
// A LoadedModel is immutable after loading: several threads may use the same
// one at once (see Simulation.h).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_MODEL_H
#define DGM_RUNTIME_MODEL_H

#include "dgm/abi.h"
#include "dgm/runtime/Result.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dgm::rt {

/// Whether `value` is abi.h's DGM_MODEL_INITIAL_BITS: the initial value a
/// DGM_INIT_FROM_PARAMS state asks the model to compute (not a NaN state).
inline bool isModelInitial(double value) {
  return std::bit_cast<std::uint64_t>(value) == DGM_MODEL_INITIAL_BITS;
}

/// The role of a variable; the values are those of dgm_var_kind.
enum class VarKind {
  Forcing = DGM_FORCING,
  Param = DGM_PARAM,
  State = DGM_STATE,
  Output = DGM_OUTPUT,
};

/// "forcing", "parameter", "state", "output".
const char *kindName(VarKind kind);
/// "forcings", "parameters", "states", "outputs".
const char *kindNamePlural(VarKind kind);

class LoadedModel {
public:
  /// dlopens `path` and validates its descriptor. A path without a '/' is
  /// taken relative to the current directory (never searched for on
  /// LD_LIBRARY_PATH).
  static Result<LoadedModel> load(const std::string &path);

  /// Validates a descriptor that is already in memory (a model linked into
  /// the program, or a JIT). `origin` names it in error messages. The
  /// descriptor must outlive the LoadedModel.
  static Result<LoadedModel> fromDescriptor(const dgm_model *model,
                                            std::string origin);

  LoadedModel(LoadedModel &&other) noexcept;
  LoadedModel &operator=(LoadedModel &&other) noexcept;
  LoadedModel(const LoadedModel &) = delete;
  LoadedModel &operator=(const LoadedModel &) = delete;
  ~LoadedModel();

  const dgm_model &descriptor() const { return *model; }
  /// The library path given to load() (or the origin of fromDescriptor).
  const std::string &path() const { return origin; }
  /// The model's name in its .dgm file.
  std::string_view name() const { return model->name; }
  /// The length of one time step in seconds (86400: one day).
  int64_t stepSeconds() const { return model->step_seconds; }

  std::span<const dgm_variable> variables(VarKind kind) const;
  std::span<const dgm_variable> forcings() const {
    return variables(VarKind::Forcing);
  }
  std::span<const dgm_variable> params() const {
    return variables(VarKind::Param);
  }
  std::span<const dgm_variable> states() const {
    return variables(VarKind::State);
  }
  std::span<const dgm_variable> outputs() const {
    return variables(VarKind::Output);
  }
  std::size_t count(VarKind kind) const { return variables(kind).size(); }

  /// The variable of `kind` called `name`, or nullptr.
  const dgm_variable *find(VarKind kind, std::string_view name) const;
  /// Its position among the variables of `kind` (= its index in the ABI
  /// arrays), or nullopt.
  std::optional<std::size_t> indexOf(VarKind kind, std::string_view name) const;

private:
  LoadedModel(void *handle, const dgm_model *model, std::string origin)
      : handle(handle), model(model), origin(std::move(origin)) {}

  void *handle = nullptr; // from dlopen; null for fromDescriptor
  const dgm_model *model = nullptr;
  std::string origin;
};

} // namespace dgm::rt

#endif // DGM_RUNTIME_MODEL_H
