//===- LoaderTest.cpp - Tests of LoadedModel ------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The fixtures are hand-written C models (fixtures/linear_reservoir_abi.c),
// each broken variant wrong in exactly one way; CMake passes their paths.
//
//===----------------------------------------------------------------------===//

#include "dgm/runtime/Model.h"

#include "TempDir.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace dgm::rt;

namespace {

std::string loadError(const std::string &path) {
  Result<LoadedModel> model = LoadedModel::load(path);
  EXPECT_FALSE(model.ok()) << path << " loaded";
  return model.ok() ? "" : model.error().message;
}

TEST(Loader, LoadsTheFixtureModel) {
  Result<LoadedModel> loaded = LoadedModel::load(DGM_FIXTURE_LINEAR_RESERVOIR);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const LoadedModel &m = *loaded;
  EXPECT_EQ(m.name(), "linear_reservoir");
  EXPECT_EQ(m.path(), DGM_FIXTURE_LINEAR_RESERVOIR);
  EXPECT_STREQ(m.descriptor().source, "linear_reservoir.dgm");
  EXPECT_EQ(m.count(VarKind::Forcing), 2u);
  EXPECT_EQ(m.count(VarKind::Param), 2u);
  EXPECT_EQ(m.count(VarKind::State), 1u);
  EXPECT_EQ(m.count(VarKind::Output), 2u);
  EXPECT_STREQ(m.forcings()[1].name, "PET");
  EXPECT_STREQ(m.outputs()[0].description, "streamflow");

  const dgm_variable *k = m.find(VarKind::Param, "k");
  ASSERT_NE(k, nullptr);
  EXPECT_STREQ(k->unit, "1/d");
  EXPECT_EQ(k->lower, 0.001);
  EXPECT_EQ(k->upper, 1.0);
  EXPECT_EQ(k->default_value, 0.05);
  EXPECT_EQ(m.indexOf(VarKind::Param, "fET"), 1u);
  EXPECT_EQ(m.indexOf(VarKind::Output, "ET"), 1u);
  // Lookups are by kind: S is a state, not a parameter.
  EXPECT_EQ(m.find(VarKind::Param, "S"), nullptr);
  EXPECT_EQ(m.indexOf(VarKind::State, "S"), 0u);
  EXPECT_EQ(m.indexOf(VarKind::State, "s"), std::nullopt);
}

TEST(Loader, MovedModelStaysUsable) {
  Result<LoadedModel> loaded = LoadedModel::load(DGM_FIXTURE_LINEAR_RESERVOIR);
  ASSERT_TRUE(loaded.ok());
  LoadedModel a = std::move(*loaded);
  LoadedModel b = std::move(a);
  EXPECT_EQ(b.name(), "linear_reservoir");
  Result<LoadedModel> other = LoadedModel::load(DGM_FIXTURE_LINEAR_RESERVOIR);
  ASSERT_TRUE(other.ok());
  b = std::move(*other); // releases b's handle, takes other's
  EXPECT_EQ(b.count(VarKind::Output), 2u);
}

TEST(Loader, MissingFile) {
  dgm::test::TempDir dir;
  std::string path = dir.path("missing.so");
  EXPECT_EQ(loadError(path),
            "cannot open '" + path + "': No such file or directory");
}

TEST(Loader, Directory) {
  dgm::test::TempDir dir;
  std::string path = dir.path("");
  EXPECT_EQ(loadError(path), "cannot load '" + path + "': it is a directory");
}

TEST(Loader, NotALibrary) {
  dgm::test::TempDir dir;
  std::string path = dir.write("text.so", "model m { }\n");
  std::string message = loadError(path);
  std::string prefix = "cannot load '" + path + "' as a shared library: ";
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
  // The rest is dlerror()'s reason, whose wording belongs to the C library.
  EXPECT_GT(message.size(), prefix.size());
}

TEST(Loader, NoModelSymbol) {
  EXPECT_EQ(loadError(DGM_FIXTURE_NO_SYMBOL),
            std::string("'") + DGM_FIXTURE_NO_SYMBOL +
                "' is not a dgm model: it has no symbol 'dgm_get_model'");
}

TEST(Loader, WrongABIVersion) {
  EXPECT_EQ(loadError(DGM_FIXTURE_ABI_VERSION),
            std::string("'") + DGM_FIXTURE_ABI_VERSION +
                "' was compiled for dgm ABI version 42, but this runtime "
                "reads version 3; recompile the model with this version of "
                "dgmc");
}

TEST(Loader, WrongScalarBits) {
  EXPECT_EQ(loadError(DGM_FIXTURE_SCALAR_BITS),
            std::string("'") + DGM_FIXTURE_SCALAR_BITS +
                "' is not a valid dgm model: it uses 16-bit scalars; this "
                "runtime supports 64-bit (double) and 32-bit (float)");
}

TEST(Loader, NegativeCount) {
  EXPECT_EQ(loadError(DGM_FIXTURE_NEGATIVE_COUNT),
            std::string("'") + DGM_FIXTURE_NEGATIVE_COUNT +
                "' is not a valid dgm model: num_params is negative (-1)");
}

TEST(Loader, NullArray) {
  EXPECT_EQ(loadError(DGM_FIXTURE_NULL_ARRAY),
            std::string("'") + DGM_FIXTURE_NULL_ARRAY +
                "' is not a valid dgm model: num_params is 2 but the params "
                "array is NULL");
}

TEST(Loader, WrongVariableKind) {
  EXPECT_EQ(loadError(DGM_FIXTURE_WRONG_KIND),
            std::string("'") + DGM_FIXTURE_WRONG_KIND +
                "' is not a valid dgm model: outputs[1] ('ET') has kind 2, "
                "expected 3 (output)");
}

TEST(Loader, NullDescriptor) {
  EXPECT_EQ(loadError(DGM_FIXTURE_NULL_DESCRIPTOR),
            std::string("'") + DGM_FIXTURE_NULL_DESCRIPTOR +
                "' is not a valid dgm model: dgm_get_model() returned NULL");
}

TEST(Loader, PathWithoutSlashIsNotSearched) {
  // "libm.so.6" is on the library search path; as a plain file name it must
  // be looked for in the current directory only.
  EXPECT_EQ(loadError("libm.so.6"),
            "cannot open 'libm.so.6': No such file or directory");
}

TEST(Loader, FromDescriptorValidates) {
  dgm_model bad{};
  bad.abi_version = DGM_ABI_VERSION;
  bad.scalar_bits = 64;
  bad.name = "m";
  bad.source = "m.dgm";
  Result<LoadedModel> noSimulate = LoadedModel::fromDescriptor(&bad, "<jit>");
  ASSERT_FALSE(noSimulate.ok());
  EXPECT_EQ(noSimulate.error().message,
            "'<jit>' is not a valid dgm model: its simulate function is NULL");

  // A step of no length (version 2's reserved 0, say) is refused.
  bad.simulate = [](int64_t, int64_t, int64_t, const double *, const double *,
                    const double *, double *, double *,
                    double *) -> int32_t { return 0; };
  Result<LoadedModel> noStep = LoadedModel::fromDescriptor(&bad, "<jit>");
  ASSERT_FALSE(noStep.ok());
  EXPECT_EQ(noStep.error().message,
            "'<jit>' is not a valid dgm model: step_seconds is 0; a time step "
            "lasts at least 1 s");
  bad.step_seconds = 3600;
  Result<LoadedModel> hourly = LoadedModel::fromDescriptor(&bad, "<jit>");
  ASSERT_TRUE(hourly.ok()) << hourly.error().message;
  EXPECT_EQ(hourly->stepSeconds(), 3600);
}

/// A descriptor that fromDescriptor accepts, without variables: the tests
/// add the ones they need.
dgm_model minimalModel() {
  dgm_model m{};
  m.abi_version = DGM_ABI_VERSION;
  m.scalar_bits = 64;
  m.name = "m";
  m.source = "m.dgm";
  m.step_seconds = 86400;
  m.simulate = [](int64_t, int64_t, int64_t, const double *, const double *,
                  const double *, double *, double *,
                  double *) -> int32_t { return 0; };
  return m;
}

TEST(Loader, DuplicateNamesAreRejected) {
  static const dgm_variable forcing = {
      "x", "", "", DGM_FORCING, 0, -INFINITY, INFINITY, NAN, 0, 0};
  static const dgm_variable output = {"x",       "",       "",  DGM_OUTPUT, 0,
                                      -INFINITY, INFINITY, NAN, 0,          0};
  dgm_model m = minimalModel();
  m.num_forcings = 1;
  m.forcings = &forcing;
  m.num_outputs = 1;
  m.outputs = &output;
  Result<LoadedModel> loaded = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message,
            "'<jit>' is not a valid dgm model: the name 'x' is used twice");
}

// DGM_INIT_FROM_PARAMS (a state's initial value computed from the
// parameters) is accepted on a state only.
TEST(Loader, InitFromParamsOnlyOnStates) {
  static dgm_variable param = {"k",       "",       "",  DGM_PARAM, 0,
                               -INFINITY, INFINITY, 1.0, 0,         0};
  static const dgm_variable state = {"S",       "mm", "",
                                     DGM_STATE, 0,    -INFINITY,
                                     INFINITY,  NAN,  DGM_INIT_FROM_PARAMS,
                                     0};
  dgm_model m = minimalModel();
  m.num_params = 1;
  m.params = &param;
  m.num_states = 1;
  m.states = &state;
  Result<LoadedModel> ok = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  param.flags = DGM_INIT_FROM_PARAMS;
  Result<LoadedModel> onParam = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_FALSE(onParam.ok());
  EXPECT_EQ(onParam.error().message,
            "'<jit>' is not a valid dgm model: params[0] ('k') is "
            "DGM_INIT_FROM_PARAMS, which only states can be");
}

// DGM_CONVOLVED is accepted on a routed basin output (one value per basin)
// and on the states of a model whose step convolves, nowhere else.
TEST(Loader, ConvolvedOnlyOnStatesAndBasinOutputs) {
  // A basin output that convolves, and the states of a model whose step
  // does: accepted.
  static dgm_variable output = {"Q",       "mm/d",   "",  DGM_OUTPUT,    0,
                                -INFINITY, INFINITY, NAN, DGM_CONVOLVED, 0};
  static const dgm_variable state = {
      "S", "mm", "", DGM_STATE, 0, -INFINITY, INFINITY, 1.0, DGM_CONVOLVED, 0};
  dgm_model m = minimalModel();
  m.num_outputs = 1;
  m.outputs = &output;
  m.num_states = 1;
  m.states = &state;
  Result<LoadedModel> ok = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  // Not on a per-component output (a step output) ...
  static dgm_variable perComponent = {
      "Qc",       "mm/d", "",
      DGM_OUTPUT, 0,      -INFINITY,
      INFINITY,   NAN,    DGM_CONVOLVED | DGM_PER_COMPONENT,
      0};
  m.default_components = 2;
  m.outputs = &perComponent;
  Result<LoadedModel> onStepOutput = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_FALSE(onStepOutput.ok());
  EXPECT_EQ(onStepOutput.error().message,
            "'<jit>' is not a valid dgm model: outputs[0] ('Qc') is "
            "DGM_CONVOLVED, which only states and basin outputs can be");
  // ... nor on a parameter.
  static dgm_variable param = {"k",       "",       "",  DGM_PARAM,     0,
                               -INFINITY, INFINITY, 1.0, DGM_CONVOLVED, 0};
  m.default_components = 0;
  m.num_outputs = 0;
  m.num_params = 1;
  m.params = &param;
  Result<LoadedModel> onParam = LoadedModel::fromDescriptor(&m, "<jit>");
  ASSERT_FALSE(onParam.ok());
  EXPECT_EQ(onParam.error().message,
            "'<jit>' is not a valid dgm model: params[0] ('k') is "
            "DGM_CONVOLVED, which only states and basin outputs can be");
}

} // namespace
