//===- Result.h - Errors as values for the dgm runtime ----------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The runtime is used by tools built with -fno-exceptions, so every function
// that can fail returns a Result<T>: either a value or an Error whose message
// is ready to show to a user (it names the file, the variable or the array at
// fault and says what was expected). Result<void> is the form for functions
// that return nothing on success.
//
// Accessing the value of a failed Result (or the error of a successful one)
// is a programming error and aborts with a message rather than returning
// garbage.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_RUNTIME_RESULT_H
#define DGM_RUNTIME_RESULT_H

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace dgm::rt {

/// A failure, described for a user. The message holds no "error:" prefix
/// unless it is a located diagnostic (`file:line:col: error: ...` followed
/// by the source line and a caret), which is printed as it is.
struct Error {
  std::string message;
};

namespace detail {
[[noreturn]] inline void badResultAccess(const char *what) {
  std::fprintf(stderr, "dgm runtime: internal error: %s\n", what);
  std::abort();
}
} // namespace detail

/// A value of type T or an Error.
template <typename T> class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Error>,
                "Result<Error> would be ambiguous");

public:
  Result(T value) : storage(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : storage(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return storage.index() == 0; }
  explicit operator bool() const { return ok(); }

  T &value() & { return *checkedValue(); }
  const T &value() const & { return *checkedValue(); }
  T &&value() && { return std::move(*checkedValue()); }
  T *operator->() { return checkedValue(); }
  const T *operator->() const { return checkedValue(); }
  T &operator*() & { return *checkedValue(); }
  const T &operator*() const & { return *checkedValue(); }
  T &&operator*() && { return std::move(*checkedValue()); }

  const Error &error() const {
    if (const Error *e = std::get_if<1>(&storage))
      return *e;
    detail::badResultAccess("error() called on a successful Result");
  }
  /// The error, moved out (for forwarding it to a caller's Result).
  Error takeError() { return Error{error().message}; }

private:
  T *checkedValue() {
    if (T *v = std::get_if<0>(&storage))
      return v;
    detail::badResultAccess(
        ("value() called on a failed Result: " + error().message).c_str());
  }
  const T *checkedValue() const {
    return const_cast<Result *>(this)->checkedValue();
  }

  std::variant<T, Error> storage;
};

/// Success or an Error.
template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : failure(std::move(error)) {}

  bool ok() const { return !failure.has_value(); }
  explicit operator bool() const { return ok(); }

  const Error &error() const {
    if (!failure)
      detail::badResultAccess("error() called on a successful Result");
    return *failure;
  }
  Error takeError() { return Error{error().message}; }

private:
  std::optional<Error> failure;
};

/// A successful Result<void>.
inline Result<void> success() { return {}; }

} // namespace dgm::rt

#endif // DGM_RUNTIME_RESULT_H
