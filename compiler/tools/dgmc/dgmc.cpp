//===- dgmc.cpp - The dgm model compiler ----------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// dgmc model.dgm -o libmodel.so            a shared library (docs/abi.md)
// dgmc model.dgm --emit=mlir               any stage, printed (Toy's -emit=)
//
// A thin main over dgm::driver::compile; everything else lives in libraries.
//
//===----------------------------------------------------------------------===//

#include "dgm/Driver/Compiler.h"
#include "dgm/Target/CHeader.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace dgm::driver;
namespace cl = llvm::cl;

static cl::OptionCategory dgmcCategory("dgmc options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.dgm>"),
                                      cl::Required, cl::cat(dgmcCategory));

static cl::opt<std::string>
    outputFile("o",
               cl::desc("Write the output to <file> (default: stdout "
                        "for text stages, lib<model>.so or <model>.o)"),
               cl::value_desc("file"), cl::cat(dgmcCategory));

static cl::opt<std::string> emitName(
    "emit",
    cl::desc("The stage to produce:\n"
             "  ast     - the syntax tree after parsing\n"
             "  mlir    - the dgm dialect (after simplification)\n"
             "  lowered - func/scf/arith/math, after convert-dgm-to-standard\n"
             "  llvm    - optimised LLVM IR\n"
             "  header  - a C header for the compiled library\n"
             "  obj     - an object file\n"
             "  so      - a shared library with the dgm C ABI (default)"),
    cl::value_desc("stage"), cl::init("so"), cl::cat(dgmcCategory));

static cl::opt<std::string> precision(
    "precision",
    cl::desc("Scalar type the model computes in and its C ABI passes: "
             "f64 (default) or f32"),
    cl::value_desc("f32|f64"), cl::init("f64"), cl::cat(dgmcCategory));

static cl::list<std::string>
    importDirs("I", cl::Prefix,
               cl::desc("Add a folder to search for imported modules (after "
                        "the input's folder and $DGM_PATH, before stdlib/)"),
               cl::value_desc("dir"), cl::cat(dgmcCategory));

static cl::opt<char> optLevel("O",
                              cl::desc("Optimisation level: -O0, -O1, -O2 "
                                       "(default) or -O3"),
                              cl::Prefix, cl::init('2'), cl::value_desc("n"),
                              cl::cat(dgmcCategory));

static cl::opt<bool>
    force("force",
          cl::desc("Overwrite the output file even if dgmc did not make it"),
          cl::cat(dgmcCategory));

static cl::opt<bool> noCanonicalize(
    "no-simplify",
    cl::desc("With --emit=mlir: print the IR exactly as MLIRGen built it"),
    cl::cat(dgmcCategory));

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "dgmc") << message << "\n";
  return 1;
}

/// A character device, pipe or socket (/dev/null, /dev/stdout, a FIFO):
/// writing one replaces no file. It is written in place: the linker must not
/// replace the device node with a new file.
static bool isStreamFile(llvm::StringRef path) {
  llvm::sys::fs::file_status status;
  if (llvm::sys::fs::status(path, status))
    return false;
  llvm::sys::fs::file_type type = status.type();
  return type == llvm::sys::fs::file_type::character_file ||
         type == llvm::sys::fs::file_type::fifo_file ||
         type == llvm::sys::fs::file_type::socket_file;
}

/// dgmc never replaces a file it did not make (a user's source, notes, ...)
/// unless told to: it overwrites only shared libraries and objects (ELF) and
/// headers that carry its marker.
static bool mayOverwrite(llvm::StringRef path, std::string &why) {
  if (!llvm::sys::fs::exists(path) || isStreamFile(path))
    return true;
  if (llvm::sys::fs::equivalent(path, inputFile)) {
    why = "'" + path.str() + "' is the input file; refusing to overwrite it";
    return false;
  }
  // Not even --force replaces a directory with a file.
  if (llvm::sys::fs::is_directory(path)) {
    why = "'" + path.str() + "' is a directory; give a file name with -o";
    return false;
  }
  if (force)
    return true;
  auto buffer = llvm::MemoryBuffer::getFileSlice(path, 64, 0);
  if (buffer) {
    llvm::StringRef head = (*buffer)->getBuffer();
    if (head.starts_with("\x7f"
                         "ELF") ||
        head.starts_with(dgm::kGeneratedHeaderMarker))
      return true;
  }
  why = "refusing to overwrite '" + path.str() +
        "', which dgmc did not generate; remove it or pass --force";
  return false;
}

/// Writes `bytes` to `path` (opened in place: a file, /dev/null or a pipe);
/// 0, or 1 after an error naming the file.
static int writeOutput(const std::string &path, llvm::StringRef bytes,
                       llvm::sys::fs::OpenFlags flags) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, flags);
  if (ec)
    return fail("cannot write '" + path + "': " + ec.message());
  out << bytes;
  out.close();
  if (out.has_error()) {
    // Said here, with the file's name; an unchecked error would abort with
    // "LLVM ERROR" when the stream is destroyed.
    std::string why = out.error().message();
    out.clear_error();
    return fail("cannot write '" + path + "': " + why);
  }
  return 0;
}

/// Compiles a binary stage into a temporary file and copies its bytes to
/// the stream file `output`.
static int compileToStream(CompileOptions options, const std::string &output) {
  llvm::SmallString<128> temp;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "dgmc-output", options.emit == EmitKind::Object ? "o" : "so", temp))
    return fail("cannot create a temporary file: " + ec.message());
  llvm::FileRemover removeTemp(temp);
  options.outputFile = temp.str().str();
  if (!compile(options, llvm::nulls(), llvm::errs()))
    return 1;
  auto bytes = llvm::MemoryBuffer::getFile(temp, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
  if (!bytes)
    return fail("cannot read '" + temp.str() + "': " + bytes.getError().message());
  return writeOutput(output, (*bytes)->getBuffer(), llvm::sys::fs::OF_None);
}

static std::string defaultOutputName(EmitKind emit) {
  std::string stem = llvm::sys::path::stem(inputFile).str();
  return emit == EmitKind::Object ? stem + ".o" : "lib" + stem + ".so";
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(dgmcCategory);
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "dgmc " << compilerVersion() << " (LLVM/MLIR " LLVM_VERSION_STRING
       << ")\n";
  });
  cl::ParseCommandLineOptions(
      argc, argv,
      "dgmc: compile a dgm process model\n\n"
      "  dgmc model.dgm -o libmodel.so     compile to a shared library\n"
      "  dgmc model.dgm --emit=mlir        print a stage of the pipeline\n");

  std::optional<EmitKind> emit = parseEmitKind(emitName);
  if (!emit)
    return fail("unknown --emit stage '" + emitName +
                "'; expected one of ast, mlir, lowered, llvm, header, obj, so");
  if (optLevel < '0' || optLevel > '3')
    return fail("unknown optimisation level -O" + std::string(1, optLevel) +
                "; expected -O0, -O1, -O2 or -O3");

  CompileOptions options;
  options.inputFile = inputFile;
  options.emit = *emit;
  options.optLevel = optLevel - '0';
  if (precision != "f64" && precision != "f32")
    return fail("unknown --precision '" + precision + "'; expected f64 or f32");
  options.scalarBits = precision == "f32" ? 32 : 64;
  options.importPaths.assign(importDirs.begin(), importDirs.end());
  options.canonicalize = !noCanonicalize;

  bool binary = *emit == EmitKind::Object || *emit == EmitKind::SharedLib;
  std::string output = outputFile;
  if (output.empty() && binary)
    output = defaultOutputName(*emit);
  if (!output.empty() && output != "-") {
    std::string why;
    if (!mayOverwrite(output, why))
      return fail(why);
    // Before compiling: the linker's own error would come last, and raw.
    llvm::StringRef folder = llvm::sys::path::parent_path(output);
    if (!folder.empty() && !llvm::sys::fs::is_directory(folder))
      return fail("cannot write '" + output + "': " +
                  (llvm::sys::fs::exists(folder)
                       ? "'" + folder.str() + "' is a file, not a folder"
                       : "the folder '" + folder.str() + "/' does not exist"));
  }

  if (binary && output == "-")
    return fail(std::string(*emit == EmitKind::SharedLib ? "a shared library"
                                                         : "an object file") +
                " cannot go to standard output; give its file name with -o");
  if (binary && isStreamFile(output))
    return compileToStream(options, output);
  if (binary) {
    options.outputFile = output;
    return compile(options, llvm::nulls(), llvm::errs()) ? 0 : 1;
  }

  // Text is produced in memory and written only on success, so a failed
  // compile leaves an existing output file as it was.
  std::string text;
  llvm::raw_string_ostream textOut(text);
  if (!compile(options, textOut, llvm::errs()))
    return 1;
  if (output.empty() || output == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    // A full disk or a closed pipe: an error here, not LLVM's fatal one
    // when the stream is destroyed.
    if (std::error_code ec = llvm::outs().error()) {
      llvm::outs().clear_error();
      return fail("cannot write to standard output: " + ec.message());
    }
    return 0;
  }
  return writeOutput(output, text, llvm::sys::fs::OF_Text);
}
