//===- Model.cpp - Loading a compiled dgm model ---------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Model.h"

#include <dlfcn.h>
#include <elf.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

using namespace dgm::rt;

const char *dgm::rt::kindName(VarKind kind) {
  switch (kind) {
  case VarKind::Forcing:
    return "forcing";
  case VarKind::Param:
    return "parameter";
  case VarKind::State:
    return "state";
  case VarKind::Output:
    return "output";
  }
  return "variable";
}

const char *dgm::rt::kindNamePlural(VarKind kind) {
  switch (kind) {
  case VarKind::Forcing:
    return "forcings";
  case VarKind::Param:
    return "parameters";
  case VarKind::State:
    return "states";
  case VarKind::Output:
    return "outputs";
  }
  return "variables";
}

namespace {

constexpr VarKind allKinds[] = {VarKind::Forcing, VarKind::Param,
                                VarKind::State, VarKind::Output};

/// The count and array of `kind` in a descriptor, unvalidated.
std::pair<int32_t, const dgm_variable *> rawArray(const dgm_model &m,
                                                  VarKind kind) {
  switch (kind) {
  case VarKind::Forcing:
    return {m.num_forcings, m.forcings};
  case VarKind::Param:
    return {m.num_params, m.params};
  case VarKind::State:
    return {m.num_states, m.states};
  case VarKind::Output:
    return {m.num_outputs, m.outputs};
  }
  return {0, nullptr};
}

/// The ABI field name of a kind's array, for messages about a bad descriptor.
const char *arrayField(VarKind kind) {
  switch (kind) {
  case VarKind::Forcing:
    return "forcings";
  case VarKind::Param:
    return "params";
  case VarKind::State:
    return "states";
  case VarKind::Output:
    return "outputs";
  }
  return "?";
}

/// Checks what load() promises (see Model.h). `origin` is quoted in messages.
Result<void> validate(const dgm_model *m, const std::string &origin) {
  auto bad = [&](const std::string &what) {
    return Error{"'" + origin + "' is not a valid dgm model: " + what};
  };
  if (!m)
    return bad("dgm_get_model() returned NULL");
  if (m->abi_version != DGM_ABI_VERSION)
    return Error{"'" + origin + "' was compiled for dgm ABI version " +
                 std::to_string(m->abi_version) +
                 ", but this runtime reads version " +
                 std::to_string(DGM_ABI_VERSION) +
                 "; recompile the model with this version of dgmc"};
  if (m->scalar_bits != 64 && m->scalar_bits != 32)
    return bad("it uses " + std::to_string(m->scalar_bits) +
               "-bit scalars; this runtime supports 64-bit (double) and "
               "32-bit (float)");
  if (!m->name || !m->source)
    return bad("its name or source is NULL");
  if (!m->simulate)
    return bad("its simulate function is NULL");
  if (m->default_components < 0)
    return bad("default_components is negative (" +
               std::to_string(m->default_components) + ")");
  if (m->step_seconds < 1)
    return bad("step_seconds is " + std::to_string(m->step_seconds) +
               "; a time step lasts at least 1 s");

  std::set<std::string_view> names;
  for (VarKind kind : allKinds) {
    auto [count, array] = rawArray(*m, kind);
    std::string field = arrayField(kind);
    if (count < 0)
      return bad("num_" + field + " is negative (" + std::to_string(count) +
                 ")");
    if (count > 0 && !array)
      return bad("num_" + field + " is " + std::to_string(count) + " but the " +
                 field + " array is NULL");
    for (int32_t i = 0; i < count; ++i) {
      const dgm_variable &v = array[i];
      std::string where = field + "[" + std::to_string(i) + "]";
      if (!v.name || !v.unit || !v.description)
        return bad(where + " has a NULL string");
      if (v.kind != static_cast<int32_t>(kind))
        return bad(where + " ('" + v.name + "') has kind " +
                   std::to_string(v.kind) + ", expected " +
                   std::to_string(static_cast<int32_t>(kind)) + " (" +
                   kindName(kind) + ")");
      if (v.index != i)
        return bad(where + " ('" + v.name + "') has index " +
                   std::to_string(v.index) + ", expected " + std::to_string(i));
      if (v.name[0] == '\0')
        return bad(where + " has an empty name");
      if (!names.insert(v.name).second)
        return bad("the name '" + std::string(v.name) + "' is used twice");
      if (v.flags & ~(DGM_PER_COMPONENT | DGM_DYNAMIC | DGM_INIT_FROM_PARAMS |
                      DGM_CONVOLVED))
        return bad(where + " ('" + v.name + "') has unknown flags " +
                   std::to_string(v.flags));
      if ((v.flags & DGM_DYNAMIC) && kind != VarKind::Param)
        return bad(where + " ('" + v.name +
                   "') is DGM_DYNAMIC, which only parameters can be");
      if ((v.flags & DGM_INIT_FROM_PARAMS) && kind != VarKind::State)
        return bad(where + " ('" + v.name +
                   "') is DGM_INIT_FROM_PARAMS, which only states can be");
      if ((v.flags & DGM_CONVOLVED) &&
          !(kind == VarKind::State ||
            (kind == VarKind::Output && !(v.flags & DGM_PER_COMPONENT))))
        return bad(where + " ('" + v.name +
                   "') is DGM_CONVOLVED, which only states and basin outputs "
                   "can be");
      if ((v.flags & DGM_PER_COMPONENT) &&
          (kind == VarKind::Forcing || m->default_components == 0))
        return bad(where + " ('" + v.name + "') is DGM_PER_COMPONENT, but " +
                   (kind == VarKind::Forcing
                        ? std::string("forcings are shared by the components")
                        : std::string("the model has no components")));
    }
  }
  return success();
}

} // namespace

/// Checks that an ELF shared object is whole before dlopen maps it: the
/// loader maps its segments straight from the file, and touching a page past
/// the end of a truncated file (a copy cut short, a damaged cache entry) is
/// SIGBUS, not an error. Files that are not 64-bit ELF are left to dlopen.
static Result<void> checkElfIsWhole(const std::string &path,
                                    std::uint64_t size) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return success(); // dlopen reports it
  auto damaged = [&](const std::string &what) {
    return Error{"cannot load '" + path + "': the file is truncated or "
                 "damaged (" + what + "); compile the model again"};
  };
  Elf64_Ehdr header;
  bool haveHeader = std::fread(&header, sizeof header, 1, file) == 1;
  if (!haveHeader || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64) {
    std::fclose(file);
    return success();
  }
  Result<void> result = success();
  std::uint64_t tableEnd =
      header.e_phoff + std::uint64_t(header.e_phnum) * header.e_phentsize;
  if (header.e_phentsize != sizeof(Elf64_Phdr) || tableEnd > size) {
    result = damaged("its program headers end past the end of the file");
  } else {
    for (unsigned i = 0; i < header.e_phnum; ++i) {
      Elf64_Phdr segment;
      if (std::fseek(file, static_cast<long>(header.e_phoff + i * sizeof segment),
                     SEEK_SET) != 0 ||
          std::fread(&segment, sizeof segment, 1, file) != 1) {
        result = damaged("cannot read its program headers");
        break;
      }
      if ((segment.p_type == PT_LOAD || segment.p_type == PT_DYNAMIC) &&
          segment.p_offset + segment.p_filesz > size) {
        result = damaged("a segment needs " +
                         std::to_string(segment.p_offset + segment.p_filesz) +
                         " bytes, the file has " + std::to_string(size));
        break;
      }
    }
  }
  std::fclose(file);
  return result;
}

Result<LoadedModel> LoadedModel::load(const std::string &path) {
  // stat first: dlerror()'s wording for a missing file is obscure.
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return Error{"cannot open '" + path + "': " + std::strerror(errno)};
  if (S_ISDIR(st.st_mode))
    return Error{"cannot load '" + path + "': it is a directory"};
  if (Result<void> whole =
          checkElfIsWhole(path, static_cast<std::uint64_t>(st.st_size));
      !whole)
    return whole.takeError();

  // dlopen searches the library path for a name without a slash; we want
  // exactly the file the user named.
  std::string dlPath = path.find('/') == std::string::npos ? "./" + path : path;
  void *handle = ::dlopen(dlPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char *why = ::dlerror();
    return Error{"cannot load '" + path +
                 "' as a shared library: " + (why ? why : "unknown error")};
  }

  ::dlerror(); // clear any stale error
  void *symbol = ::dlsym(handle, DGM_GET_MODEL_SYMBOL);
  if (!symbol) {
    ::dlclose(handle);
    return Error{"'" + path + "' is not a dgm model: it has no symbol '" +
                 DGM_GET_MODEL_SYMBOL + "'"};
  }
  auto getModel = reinterpret_cast<dgm_get_model_fn>(symbol);
  const dgm_model *model = getModel();
  if (Result<void> valid = validate(model, path); !valid) {
    ::dlclose(handle);
    return valid.takeError();
  }
  return LoadedModel(handle, model, path);
}

Result<LoadedModel> LoadedModel::fromDescriptor(const dgm_model *model,
                                                std::string origin) {
  if (Result<void> valid = validate(model, origin); !valid)
    return valid.takeError();
  return LoadedModel(nullptr, model, std::move(origin));
}

LoadedModel::LoadedModel(LoadedModel &&other) noexcept
    : handle(std::exchange(other.handle, nullptr)),
      model(std::exchange(other.model, nullptr)),
      origin(std::move(other.origin)) {}

LoadedModel &LoadedModel::operator=(LoadedModel &&other) noexcept {
  if (this != &other) {
    if (handle)
      ::dlclose(handle);
    handle = std::exchange(other.handle, nullptr);
    model = std::exchange(other.model, nullptr);
    origin = std::move(other.origin);
  }
  return *this;
}

LoadedModel::~LoadedModel() {
  if (handle)
    ::dlclose(handle);
}

std::span<const dgm_variable> LoadedModel::variables(VarKind kind) const {
  auto [count, array] = rawArray(*model, kind);
  if (count <= 0)
    return {};
  return {array, static_cast<std::size_t>(count)};
}

const dgm_variable *LoadedModel::find(VarKind kind,
                                      std::string_view name) const {
  for (const dgm_variable &v : variables(kind))
    if (name == v.name)
      return &v;
  return nullptr;
}

std::optional<std::size_t> LoadedModel::indexOf(VarKind kind,
                                                std::string_view name) const {
  if (const dgm_variable *v = find(kind, name))
    return static_cast<std::size_t>(v - variables(kind).data());
  return std::nullopt;
}
