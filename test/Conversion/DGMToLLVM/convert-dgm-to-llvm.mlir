// convert-dgm-to-llvm: dgm.descriptor -> the dgm_model / dgm_variable
// constants of runtime/include/dgm/abi.h and the exported getters.
// RUN: dgm-opt %s --convert-dgm-to-llvm | FileCheck %s

// dgm_variable = {name, unit, description, kind, index, lower, upper,
//                 default_value}
// dgm_model = {abi_version, scalar_bits, name, source, num_forcings,
//              num_params, num_states, num_outputs, forcings, params, states,
//              outputs, simulate}

// Every string once, NUL-terminated, "" rather than null.
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[LR:.*]]("lr\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[SRC:.*]]("lr.dgm\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[K:.*]]("k\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[PERDAY:.*]]("1/d\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[REC:.*]]("recession\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[EMPTY:.*]]("\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[S:.*]]("S\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[MM:.*]]("mm\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[Q:.*]]("Q\00")
// CHECK-DAG: llvm.mlir.global private unnamed_addr constant @[[Q2:.*]]("Q2\00")

// A parameter with bounds and default.
// CHECK-LABEL: llvm.mlir.global private constant @__dgm_lr_params() {{.*}} : !llvm.array<1 x struct<(ptr, ptr, ptr, i32, i32, f64, f64, f64, i32, i32)>> {
// CHECK-DAG: %[[NAME:.*]] = llvm.mlir.addressof @[[K]] : !llvm.ptr
// CHECK-DAG: %[[UNIT:.*]] = llvm.mlir.addressof @[[PERDAY]] : !llvm.ptr
// CHECK-DAG: %[[DESC:.*]] = llvm.mlir.addressof @[[REC]] : !llvm.ptr
// CHECK-DAG: %[[KIND:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-DAG: %[[INDEX:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-DAG: %[[LOWER:.*]] = llvm.mlir.constant(1.000000e-03 : f64) : f64
// CHECK-DAG: %[[UPPER:.*]] = llvm.mlir.constant(1.000000e+00 : f64) : f64
// CHECK-DAG: %[[DEFAULT:.*]] = llvm.mlir.constant(5.000000e-02 : f64) : f64
// The flags: DGM_DYNAMIC (2) as the variable says.
// CHECK-DAG: %[[FLAGS:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: llvm.insertvalue %[[NAME]], %{{.*}}[0, 0]
// CHECK-NEXT: llvm.insertvalue %[[UNIT]], %{{.*}}[0, 1]
// CHECK-NEXT: llvm.insertvalue %[[DESC]], %{{.*}}[0, 2]
// CHECK-NEXT: llvm.insertvalue %[[KIND]], %{{.*}}[0, 3]
// CHECK-NEXT: llvm.insertvalue %[[INDEX]], %{{.*}}[0, 4]
// CHECK-NEXT: llvm.insertvalue %[[LOWER]], %{{.*}}[0, 5]
// CHECK-NEXT: llvm.insertvalue %[[UPPER]], %{{.*}}[0, 6]
// CHECK-NEXT: llvm.insertvalue %[[DEFAULT]], %{{.*}}[0, 7]
// CHECK-NEXT: llvm.insertvalue %[[FLAGS]], %{{.*}}[0, 8]
// CHECK-NEXT: %[[PARAMS:.*]] = llvm.insertvalue %{{.*}}, %{{.*}}[0, 9]
// CHECK-NEXT: llvm.return %[[PARAMS]]

// A state: bounds -inf/+inf, default_value = its initial value; no
// description gives "".
// CHECK-LABEL: llvm.mlir.global private constant @__dgm_lr_states() {{.*}} : !llvm.array<1 x struct<(ptr, ptr, ptr, i32, i32, f64, f64, f64, i32, i32)>> {
// CHECK-DAG: %[[NAME:.*]] = llvm.mlir.addressof @[[S]] : !llvm.ptr
// CHECK-DAG: %[[UNIT:.*]] = llvm.mlir.addressof @[[MM]] : !llvm.ptr
// CHECK-DAG: %[[DESC:.*]] = llvm.mlir.addressof @[[EMPTY]] : !llvm.ptr
// CHECK-DAG: %[[KIND:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK-DAG: %[[LOWER:.*]] = llvm.mlir.constant(0xFFF0000000000000 : f64) : f64
// CHECK-DAG: %[[UPPER:.*]] = llvm.mlir.constant(0x7FF0000000000000 : f64) : f64
// CHECK-DAG: %[[INIT:.*]] = llvm.mlir.constant(1.000000e+01 : f64) : f64
// CHECK: llvm.insertvalue %[[NAME]], %{{.*}}[0, 0]
// CHECK-NEXT: llvm.insertvalue %[[UNIT]], %{{.*}}[0, 1]
// CHECK-NEXT: llvm.insertvalue %[[DESC]], %{{.*}}[0, 2]
// CHECK-NEXT: llvm.insertvalue %[[KIND]], %{{.*}}[0, 3]
// CHECK-NEXT: llvm.insertvalue %{{.*}}, %{{.*}}[0, 4]
// CHECK-NEXT: llvm.insertvalue %[[LOWER]], %{{.*}}[0, 5]
// CHECK-NEXT: llvm.insertvalue %[[UPPER]], %{{.*}}[0, 6]
// CHECK-NEXT: llvm.insertvalue %[[INIT]], %{{.*}}[0, 7]

// Two outputs, default_value NaN; the second at [1, ...] with index 1.
// CHECK-LABEL: llvm.mlir.global private constant @__dgm_lr_outputs() {{.*}} : !llvm.array<2 x struct<(ptr, ptr, ptr, i32, i32, f64, f64, f64, i32, i32)>> {
// CHECK: %[[NAN:.*]] = llvm.mlir.constant(0x7FF8000000000000 : f64) : f64
// CHECK: llvm.insertvalue %[[NAN]], %{{.*}}[0, 7]
// CHECK-DAG: %[[NAME2:.*]] = llvm.mlir.addressof @[[Q2]] : !llvm.ptr
// CHECK-DAG: %[[OUTPUT:.*]] = llvm.mlir.constant(3 : i32) : i32
// CHECK-DAG: %[[ONE:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK: llvm.insertvalue %[[NAME2]], %{{.*}}[1, 0]
// CHECK: llvm.insertvalue %[[OUTPUT]], %{{.*}}[1, 3]
// CHECK-NEXT: llvm.insertvalue %[[ONE]], %{{.*}}[1, 4]

// No forcings: a null pointer and a count of 0. step_seconds in slot 9.
// CHECK-LABEL: llvm.mlir.global private constant @__dgm_lr_model() {{.*}} : !llvm.struct<(i32, i32, ptr, ptr, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr)> {
// CHECK-DAG: %[[VERSION:.*]] = llvm.mlir.constant(3 : i32) : i32
// CHECK-DAG: %[[STEP:.*]] = llvm.mlir.constant(3600 : i32) : i32
// CHECK-DAG: %[[COMPONENTS:.*]] = llvm.mlir.constant(4 : i32) : i32
// CHECK-DAG: %[[BITS:.*]] = llvm.mlir.constant(64 : i32) : i32
// CHECK-DAG: %[[NAME:.*]] = llvm.mlir.addressof @[[LR]] : !llvm.ptr
// CHECK-DAG: %[[SOURCE:.*]] = llvm.mlir.addressof @[[SRC]] : !llvm.ptr
// CHECK-DAG: %[[NONE:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-DAG: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-DAG: %[[P:.*]] = llvm.mlir.addressof @__dgm_lr_params : !llvm.ptr
// CHECK-DAG: %[[ST:.*]] = llvm.mlir.addressof @__dgm_lr_states : !llvm.ptr
// CHECK-DAG: %[[O:.*]] = llvm.mlir.addressof @__dgm_lr_outputs : !llvm.ptr
// CHECK-DAG: %[[SIM:.*]] = llvm.mlir.addressof @lr_simulate : !llvm.ptr
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: llvm.insertvalue %[[VERSION]], %{{.*}}[0]
// CHECK-NEXT: llvm.insertvalue %[[BITS]], %{{.*}}[1]
// CHECK-NEXT: llvm.insertvalue %[[NAME]], %{{.*}}[2]
// CHECK-NEXT: llvm.insertvalue %[[SOURCE]], %{{.*}}[3]
// CHECK-NEXT: llvm.insertvalue %[[NONE]], %{{.*}}[4]
// CHECK-NEXT: llvm.insertvalue %{{.*}}, %{{.*}}[5]
// CHECK-NEXT: llvm.insertvalue %{{.*}}, %{{.*}}[6]
// CHECK-NEXT: llvm.insertvalue %[[TWO]], %{{.*}}[7]
// CHECK-NEXT: llvm.insertvalue %[[COMPONENTS]], %{{.*}}[8]
// CHECK-NEXT: llvm.insertvalue %[[STEP]], %{{.*}}[9]
// CHECK-NEXT: llvm.insertvalue %[[NULL]], %{{.*}}[10]
// CHECK-NEXT: llvm.insertvalue %[[P]], %{{.*}}[11]
// CHECK-NEXT: llvm.insertvalue %[[ST]], %{{.*}}[12]
// CHECK-NEXT: llvm.insertvalue %[[O]], %{{.*}}[13]
// CHECK-NEXT: %[[MODEL:.*]] = llvm.insertvalue %[[SIM]], %{{.*}}[14]
// CHECK-NEXT: llvm.return %[[MODEL]]

// CHECK-LABEL: llvm.func @dgm_lr_get_model() -> !llvm.ptr {
// CHECK-NEXT:   %[[ADDR:.*]] = llvm.mlir.addressof @__dgm_lr_model : !llvm.ptr
// CHECK-NEXT:   llvm.return %[[ADDR]] : !llvm.ptr
// CHECK-LABEL: llvm.func @dgm_get_model() -> !llvm.ptr {
// CHECK-NEXT:   %[[ADDR:.*]] = llvm.mlir.addressof @__dgm_lr_model : !llvm.ptr
// CHECK-NEXT:   llvm.return %[[ADDR]] : !llvm.ptr
// CHECK-NOT: dgm.descriptor
llvm.func @lr_simulate(%nb: i64, %nc: i64, %nt: i64, %p: !llvm.ptr, %i: !llvm.ptr,
                       %f: !llvm.ptr, %o: !llvm.ptr, %t: !llvm.ptr,
                       %s: !llvm.ptr) -> i32 {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}
dgm.descriptor "lr" source "lr.dgm" components 4 step_seconds 3600 simulate @lr_simulate variables [
  #dgm.variable<param "k", index = 0, unit = "1/d", description = "recession",
                lower = 1.0e-3, upper = 1.0, default_value = 0.05, flags = 2>,
  #dgm.variable<state "S", index = 0, unit = "mm", default_value = 10.0>,
  #dgm.variable<output "Q", index = 0>,
  #dgm.variable<output "Q2", index = 1>
]
