//===- Units.h - Physical units as values -----------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// A unit is a product of powers of symbols: mm/d is mm^1 d^-1. Each symbol is
// its own base dimension (dgm does not convert: m and mm are unrelated), and
// the empty product is `1`, dimensionless. Powers are fractions, so that
// sqrt(m) and x^(1/3) have a unit too; annotations themselves only write
// integer powers.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_LIB_SEMA_UNITS_H
#define DGM_LIB_SEMA_UNITS_H

#include "dgm/AST/AST.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace dgm {

/// A fraction in lowest terms with a positive denominator.
class Rational {
public:
  Rational(int64_t num = 0, int64_t den = 1);
  int64_t num() const { return n; }
  int64_t den() const { return d; }
  bool isZero() const { return n == 0; }
  bool isInteger() const { return d == 1; }
  /// Sums and products whose terms pass kMaxMagnitude (a unit squared 64
  /// times, say) are invalid rather than overflowing int64_t; so is all
  /// arithmetic on an invalid value.
  Rational operator+(Rational o) const;
  Rational operator*(Rational o) const;
  Rational operator-() const { return isValid() ? Rational(-n, d) : *this; }
  bool isValid() const { return d != 0; }
  static Rational invalid();
  static constexpr int64_t kMaxMagnitude = 1000000;
  bool operator==(const Rational &o) const = default;

  /// `value` as a fraction with a denominator of at most 100, when it is one
  /// to within rounding (0.5, 1/3, -2); nullopt otherwise, or when it is
  /// large (above 1000 in magnitude) or not finite.
  static std::optional<Rational> fromDouble(double value);

private:
  Rational bounded() const;
  int64_t n, d;
};

/// The length in seconds of a unit of time dgm knows (s, min, h, d): the
/// units a step may be declared in, and between which the unit checker
/// suggests a conversion factor. nullopt for any other symbol.
std::optional<double> secondsPerTimeUnit(const std::string &symbol);

/// For a symbol that people write for a unit dgm spells otherwise (`day`,
/// `hr`, `sec`, `celsius`, `meter`, ...), the sentence that says what to
/// write instead; nullopt for any other symbol. Such a symbol would be a
/// dimension of its own: `mm/day * dt` would never become `mm`.
std::optional<std::string> conventionalSpelling(const std::string &symbol);

class Unit {
public:
  /// `1`.
  Unit() = default;
  /// A single symbol to the first power.
  static Unit symbol(const std::string &symbol);
  /// The unit of an annotation, remembering its spelling for messages.
  static Unit fromAnnotation(const ast::UnitAnnotation &annotation);

  Unit operator*(const Unit &o) const;
  Unit operator/(const Unit &o) const;
  Unit pow(Rational exponent) const;

  bool isDimensionless() const { return powers.empty(); }
  /// False when a power left the range of Rational (see there).
  bool isValid() const {
    for (const auto &[symbol, power] : powers)
      if (!power.isValid())
        return false;
    return true;
  }
  /// Equality of dimensions; the spelling does not count.
  bool operator==(const Unit &o) const { return powers == o.powers; }

  /// The spelling of the annotation the unit came from, or else the canonical
  /// form: `mm/d`, `mm/(d*degC)`, `m^3/s`, `1/d`, `m^(1/2)`, `1`.
  std::string str() const;
  /// The canonical form, whatever the spelling.
  std::string canonical() const;

  const std::map<std::string, Rational> &getPowers() const { return powers; }

private:
  std::map<std::string, Rational> powers; ///< no zero powers
  std::string spelling;
};

} // namespace dgm

#endif // DGM_LIB_SEMA_UNITS_H
