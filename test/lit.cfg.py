# -*- Python -*-
# lit configuration of the dgm compiler tests.
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "DGM"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".dgm", ".mlir", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.dgm_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%dgm_src_root", config.dgm_src_root))
config.substitutions.append(("%examples", os.path.join(config.dgm_src_root, "examples")))
config.substitutions.append(("%dgm_clang", config.dgm_clang))
# test/dgm/install.test installs this build under a temporary prefix.
config.substitutions.append(("%dgm_obj_root", config.dgm_obj_root))
config.substitutions.append(("%cmake", config.cmake_command))

llvm_config.with_system_environment(["HOME", "TMPDIR", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.dgm_tools_dir, append_path=True)
# Each test run compiles into its own cache, never the user's.
config.environment["DGM_CACHE_DIR"] = os.path.join(config.test_exec_root, "dgm-cache")

tools = [ToolSubst("dgmc", unresolved="ignore"),
         ToolSubst("dgm-opt", unresolved="ignore"),
         ToolSubst("dgm", unresolved="ignore"),
         ToolSubst("split-file", unresolved="ignore")]
llvm_config.add_tool_substitutions(tools, [config.dgm_tools_dir, config.llvm_tools_dir])

# The LLVM 22 mlir-translate (test/Conversion/pipeline-to-llvm.mlir); an older
# one may come first on PATH.
config.substitutions.append(
    ("%mlir_translate", os.path.join(config.llvm_tools_dir, "mlir-translate")))

# The CPU's vector extensions: dgmc compiles for the host, so what the
# generated code calls (libmvec's AVX-512 or AVX2 functions) depends on it.
try:
    with open("/proc/cpuinfo") as cpuinfo:
        flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                      if line.startswith("flags")), [])
except OSError:
    flags = []
if "avx512f" in flags:
    config.available_features.add("avx512")
if "avx2" in flags:
    config.available_features.add("avx2")
