//===- UnitText.h - Units as a model's descriptor spells them ---*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A compiled model describes each variable's unit as its author wrote it
// ("mm/d", "mm*d^-1", "mm/(degC*d)"). To check a model's forcings against a
// data set whose units are known (CAMELS: P in mm/d, T in degC), the tool
// compares dimensions, not spellings: both texts are read into symbol powers
// with the grammar of units in .dgm files (grammar/DGM.g4, `unit`):
//
//   unit     := factor (('*' | '/') factor)*
//   factor   := atom ('^' '-'? INTEGER)?
//   atom     := SYMBOL | '1' | '(' unit ')'
//
// Symbols are compared as written, as the compiler's unit checker does: dgm
// converts no units, so `m/s` and `mm/d` differ, and so do `K` and `degC`.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_UNITTEXT_H
#define DGM_RUNTIME_UNITTEXT_H

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dgm::rt {

/// Symbol -> power (no zero powers; `1` is the empty map).
using UnitPowers = std::map<std::string, long>;

/// The powers of a unit text, or nullopt when it does not read as a unit.
std::optional<UnitPowers> parseUnitText(std::string_view text);

/// Whether two unit texts have the same dimensions. Texts that do not read
/// as units compare by spelling.
bool sameUnit(std::string_view a, std::string_view b);

} // namespace dgm::rt

#endif // DGM_RUNTIME_UNITTEXT_H
