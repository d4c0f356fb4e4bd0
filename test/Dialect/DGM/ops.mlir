// Every dgm operation and attribute survives print -> parse -> print, in the
// custom form and in the generic form.
// RUN: dgm-opt %s | dgm-opt | FileCheck %s
// RUN: dgm-opt %s --mlir-print-op-generic | dgm-opt | FileCheck %s

// CHECK-LABEL: dgm.model @reservoir source "models/reservoir.dgm" {
// CHECK-NEXT:    dgm.forcing @P : f64 {description = "precipitation", unit = "mm/d"}
// CHECK-NEXT:    dgm.forcing @T : f64
// CHECK-NEXT:    dgm.param @k : f64 {default_value = 5.000000e-02 : f64, lower = 1.000000e-03 : f64, unit = "1/d", upper = 1.000000e+00 : f64}
// CHECK-NEXT:    dgm.param @free : f64
// CHECK-NEXT:    dgm.state @S : f64 {init = 1.000000e+01 : f64, unit = "mm"}
// CHECK-NEXT:    dgm.output @Q : f64 {unit = "mm/d"}
// CHECK-NEXT:    dgm.step {
// The printer names the block arguments after the declarations.
// CHECK-NEXT:    ^bb0(%P: f64, %T: f64, %k: f64, %free: f64, %S: f64):
// CHECK-NEXT:      %[[C:.*]] = dgm.constant 1.500000e+00 : f64
// CHECK-NEXT:      %[[ADD:.*]] = dgm.add %S, %P : f64
// CHECK-NEXT:      %[[SUB:.*]] = dgm.sub %[[ADD]], %[[C]] : f64
// CHECK-NEXT:      %[[MUL:.*]] = dgm.mul %k, %[[SUB]] : f64
// CHECK-NEXT:      %[[DIV:.*]] = dgm.div %[[MUL]], %free : f64
// CHECK-NEXT:      %[[POW:.*]] = dgm.pow %[[DIV]], %T : f64
// CHECK-NEXT:      %[[MIN:.*]] = dgm.min %[[POW]], %S : f64
// CHECK-NEXT:      %[[MAX:.*]] = dgm.max %[[MIN]], %P : f64
// CHECK-NEXT:      %[[CLAMP:.*]] = dgm.clamp %[[MAX]], %k, %free : f64
// CHECK-NEXT:      %[[NEG:.*]] = dgm.neg %[[CLAMP]] : f64
// CHECK-NEXT:      %[[EXP:.*]] = dgm.exp %[[NEG]] : f64
// CHECK-NEXT:      %[[LOG:.*]] = dgm.log %[[EXP]] : f64
// CHECK-NEXT:      %[[SQRT:.*]] = dgm.sqrt %[[LOG]] : f64
// CHECK-NEXT:      %[[ABS:.*]] = dgm.abs %[[SQRT]] : f64
// CHECK-NEXT:      %[[LT:.*]] = dgm.cmp lt, %[[ABS]], %S : f64
// CHECK-NEXT:      %[[NE:.*]] = dgm.cmp ne, %P, %T : f64
// CHECK-NEXT:      %[[AND:.*]] = dgm.and %[[LT]], %[[NE]] : i1
// CHECK-NEXT:      %[[TRUE:.*]] = dgm.constant true
// CHECK-NEXT:      %[[OR:.*]] = dgm.or %[[AND]], %[[TRUE]] : i1
// CHECK-NEXT:      %[[NOT:.*]] = dgm.not %[[OR]] : i1
// CHECK-NEXT:      %[[SEL:.*]] = dgm.select %[[NOT]], %[[ABS]], %S : f64
// CHECK-NEXT:      dgm.yield %[[SEL]], %[[ADD]] : f64, f64
// CHECK-NEXT:    }
// CHECK-NEXT:  }
dgm.model @reservoir source "models/reservoir.dgm" {
  dgm.forcing @P : f64 {unit = "mm/d", description = "precipitation"}
  dgm.forcing @T : f64
  dgm.param @k : f64 {lower = 1.0e-3 : f64, upper = 1.0 : f64,
                      default_value = 5.0e-2 : f64, unit = "1/d"}
  dgm.param @free : f64
  dgm.state @S : f64 {init = 10.0 : f64, unit = "mm"}
  dgm.output @Q : f64 {unit = "mm/d"}
  dgm.step {
  ^bb0(%p: f64, %t: f64, %k: f64, %free: f64, %s: f64):
    %c = dgm.constant 1.5 : f64
    %0 = dgm.add %s, %p : f64
    %1 = dgm.sub %0, %c : f64
    %2 = dgm.mul %k, %1 : f64
    %3 = dgm.div %2, %free : f64
    %4 = dgm.pow %3, %t : f64
    %5 = dgm.min %4, %s : f64
    %6 = dgm.max %5, %p : f64
    %7 = dgm.clamp %6, %k, %free : f64
    %8 = dgm.neg %7 : f64
    %9 = dgm.exp %8 : f64
    %10 = dgm.log %9 : f64
    %11 = dgm.sqrt %10 : f64
    %12 = dgm.abs %11 : f64
    %13 = dgm.cmp lt, %12, %s : f64
    %14 = dgm.cmp ne, %p, %t : f64
    %15 = dgm.and %13, %14 : i1
    %true = dgm.constant true
    %16 = dgm.or %15, %true : i1
    %17 = dgm.not %16 : i1
    %18 = dgm.select %17, %12, %s : f64
    dgm.yield %18, %0 : f64, f64
  }
}

// A model with components: dynamic and shared parameters, basin outputs,
// kernels (with and without normalize), dgm.convolve in the step and in
// dgm.basin, and every kind of dgm.aggregate.
// CHECK-LABEL: dgm.model @routed source "routed.dgm" components 4 {
// CHECK-NEXT:    dgm.forcing @P : f64
// CHECK-NEXT:    dgm.param @k : f64
// CHECK-NEXT:    dgm.param @beta : f64 {dynamic}
// CHECK-NEXT:    dgm.param @tau : f64 {shared}
// CHECK-NEXT:    dgm.param @gain : f64 {dynamic, shared}
// CHECK-NEXT:    dgm.state @S : f64 {init = 0.000000e+00 : f64}
// CHECK-NEXT:    dgm.output @Qc : f64
// CHECK-NEXT:    dgm.output @Qm : f64 {basin}
// CHECK-NEXT:    dgm.output @Q : f64 {basin, unit = "mm/d"}
// CHECK-NEXT:    dgm.kernel @UH size 3 normalize {
// CHECK-NEXT:    ^bb0(%[[I:.*]]: f64, %{{.*}}: f64, %{{.*}}: f64, %[[TAU:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[W:.*]] = dgm.div %[[I]], %[[TAU]] : f64
// CHECK-NEXT:      dgm.yield %[[W]] : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    dgm.kernel @AVG size 2 {
// CHECK:           dgm.yield %{{.*}} : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    dgm.step {
// CHECK-NEXT:    ^bb0(%P: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64, %S: f64):
// CHECK-NEXT:      %[[X:.*]] = dgm.mul %k, %S : f64
// CHECK-NEXT:      %[[C:.*]] = dgm.convolve %[[X]], @AVG : f64 -> f64
// CHECK-NEXT:      dgm.yield %S, %[[C]] : f64, f64
// CHECK-NEXT:    }
// CHECK-NEXT:    dgm.basin {
// CHECK-NEXT:    ^bb0(%{{.*}}: f64, %{{.*}}: f64, %{{.*}}: f64, %{{.*}}: f64, %[[GAIN:.*]]: f64):
// CHECK-NEXT:      %[[MEAN:.*]] = dgm.aggregate mean @Qc : f64
// CHECK-NEXT:      %[[SUM:.*]] = dgm.aggregate sum @Qc : f64
// CHECK-NEXT:      %[[WM:.*]] = dgm.aggregate weighted_mean @Qc weights @k : f64
// CHECK-NEXT:      %[[R:.*]] = dgm.convolve %[[MEAN]], @UH : f64 -> f64
// CHECK-NEXT:      %[[G:.*]] = dgm.mul %[[R]], %[[GAIN]] : f64
// CHECK-NEXT:      dgm.yield %[[SUM]], %[[G]] : f64, f64
// CHECK-NEXT:    }
// CHECK-NEXT:  }
dgm.model @routed source "routed.dgm" components 4 {
  dgm.forcing @P : f64
  dgm.param @k : f64
  dgm.param @beta : f64 {dynamic}
  dgm.param @tau : f64 {shared}
  dgm.param @gain : f64 {shared, dynamic}
  dgm.state @S : f64 {init = 0.0 : f64}
  dgm.output @Qc : f64
  dgm.output @Qm : f64 {basin}
  dgm.output @Q : f64 {basin, unit = "mm/d"}
  dgm.kernel @UH size 3 normalize {
  ^bb0(%i: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %w = dgm.div %i, %tau : f64
    dgm.yield %w : f64
  }
  dgm.kernel @AVG size 2 {
  ^bb0(%i: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %half = dgm.constant 0.5 : f64
    dgm.yield %half : f64
  }
  dgm.step {
  ^bb0(%p: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64, %s: f64):
    %x = dgm.mul %k, %s : f64
    %c = dgm.convolve %x, @AVG : f64 -> f64
    dgm.yield %s, %c : f64, f64
  }
  dgm.basin {
  ^bb0(%p: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %mean = dgm.aggregate mean @Qc : f64
    %sum = dgm.aggregate sum @Qc : f64
    %wm = dgm.aggregate weighted_mean @Qc weights @k : f64
    %r = dgm.convolve %mean, @UH : f64 -> f64
    %g = dgm.mul %r, %gain : f64
    dgm.yield %sum, %g : f64, f64
  }
}

// A model without variables still has a step.
// CHECK-LABEL: dgm.model @empty {
// CHECK-NEXT:    dgm.step {
// CHECK-NEXT:      dgm.yield
// CHECK-NEXT:    }
dgm.model @empty {
  dgm.step {
    dgm.yield
  }
}

// The scalar operations also take vectors (vectorisation over basins) and
// other float widths; special values print exactly.
// CHECK-LABEL: func.func @vectors
func.func @vectors(%a: vector<4xf64>, %b: vector<4xf64>, %c: f32) -> vector<4xf64> {
  // CHECK: dgm.constant dense<2.000000e+00> : vector<4xf64>
  %two = dgm.constant dense<2.0> : vector<4xf64>
  // CHECK: dgm.add %{{.*}}, %{{.*}} : vector<4xf64>
  %0 = dgm.add %a, %two : vector<4xf64>
  // CHECK: dgm.cmp ge, %{{.*}}, %{{.*}} : vector<4xf64>
  %1 = dgm.cmp ge, %0, %b : vector<4xf64>
  // CHECK: dgm.not %{{.*}} : vector<4xi1>
  %2 = dgm.not %1 : vector<4xi1>
  // CHECK: dgm.select %{{.*}}, %{{.*}}, %{{.*}} : vector<4xf64>
  %3 = dgm.select %2, %0, %b : vector<4xf64>
  // CHECK: dgm.exp %{{.*}} : f32
  %4 = dgm.exp %c : f32
  // CHECK: dgm.floor %{{.*}} : f32
  %f = dgm.floor %c : f32
  // CHECK: dgm.lgamma %{{.*}} : vector<4xf64>
  %lg = dgm.lgamma %a : vector<4xf64>
  // CHECK: dgm.tanh %{{.*}} : f32
  %th = dgm.tanh %c : f32
  // CHECK: dgm.sin %{{.*}} : f32
  %sn = dgm.sin %c : f32
  // CHECK: dgm.cos %{{.*}} : f32
  %cs = dgm.cos %c : f32
  // CHECK: dgm.tan %{{.*}} : f32
  %tn = dgm.tan %c : f32
  // CHECK: dgm.acos %{{.*}} : f32
  %ac = dgm.acos %c : f32
  // CHECK: dgm.constant 0x7FF8000000000000 : f64
  %nan = dgm.constant 0x7FF8000000000000 : f64
  // CHECK: dgm.constant 0xFFF0000000000000 : f64
  %ninf = dgm.constant 0xFFF0000000000000 : f64
  // CHECK: dgm.constant -0.000000e+00 : f64
  %nzero = dgm.constant -0.0 : f64
  return %3 : vector<4xf64>
}

// CHECK-LABEL: func.func @reservoir_simulate
func.func @reservoir_simulate() -> i32 {
  %0 = arith.constant 0 : i32
  return %0 : i32
}
// Variables print one per line; defaults (empty strings, -inf, +inf, NaN)
// are left out, other infinities and NaNs print in hexadecimal.
// CHECK:      dgm.descriptor "reservoir" source "models/reservoir.dgm" simulate @reservoir_simulate variables [
// CHECK-NEXT:   #dgm.variable<forcing "P", index = 0, unit = "mm/d", description = "precipitation">,
// CHECK-NEXT:   #dgm.variable<param "k", index = 0, unit = "1/d", lower = 1.000000e-03, upper = 1.000000e+00, default_value = 5.000000e-02>,
// CHECK-NEXT:   #dgm.variable<param "free", index = 1, upper = 0.000000e+00, default_value = 0xFFF0000000000000>,
// CHECK-NEXT:   #dgm.variable<state "S", index = 0, default_value = 1.000000e+01>,
// CHECK-NEXT:   #dgm.variable<output "Q", index = 0>
// CHECK-NEXT: ]
dgm.descriptor "reservoir" source "models/reservoir.dgm"
    simulate @reservoir_simulate variables [
  #dgm.variable<forcing "P", index = 0, unit = "mm/d",
                description = "precipitation">,
  #dgm.variable<param "k", index = 0, unit = "1/d", lower = 1.0e-3,
                upper = 1.0, default_value = 0.05>,
  #dgm.variable<param "free", index = 1, lower = 0xFFF0000000000000,
                upper = 0.0, default_value = 0xFFF0000000000000>,
  #dgm.variable<state "S", index = 0, default_value = 10.0>,
  #dgm.variable<output "Q", index = 0>
]

// A descriptor without source or variables.
// CHECK: dgm.descriptor "bare" simulate @reservoir_simulate variables []
dgm.descriptor "bare" simulate @reservoir_simulate variables []

// A single-precision model with components: the descriptor keeps both, and
// each variable its flags (1 = per component, 2 = dynamic).
// CHECK:      dgm.descriptor "routed" components 4 scalar_bits 32 simulate @reservoir_simulate variables [
// CHECK-NEXT:   #dgm.variable<param "k", index = 0, flags = 1>,
// CHECK-NEXT:   #dgm.variable<param "beta", index = 1, flags = 3>,
// CHECK-NEXT:   #dgm.variable<param "gain", index = 2, flags = 2>,
// CHECK-NEXT:   #dgm.variable<param "tau", index = 3>,
// CHECK-NEXT:   #dgm.variable<output "Q", index = 0>
// CHECK-NEXT: ]
dgm.descriptor "routed" components 4 scalar_bits 32
    simulate @reservoir_simulate variables [
  #dgm.variable<param "k", index = 0, flags = 1>,
  #dgm.variable<param "beta", index = 1, flags = 3>,
  #dgm.variable<param "gain", index = 2, flags = 2>,
  #dgm.variable<param "tau", index = 3, flags = 0>,
  #dgm.variable<output "Q", index = 0>
]

// A model that steps one hour: the step length survives on the model and on
// its descriptor (a day, 86400 s, is the default and is not printed).
// CHECK-LABEL: dgm.model @hourly step_seconds 3600 {
dgm.model @hourly step_seconds 3600 {
  dgm.state @S : f64 {init = 1.0 : f64}
  dgm.step {
  ^bb0(%S: f64):
    dgm.yield %S : f64
  }
}
// CHECK: dgm.descriptor "hourly" step_seconds 3600 simulate @reservoir_simulate variables []
dgm.descriptor "hourly" step_seconds 3600 simulate @reservoir_simulate variables []
// CHECK: dgm.descriptor "daily" simulate @reservoir_simulate variables []
dgm.descriptor "daily" step_seconds 86400 simulate @reservoir_simulate variables []

// An initial value computed from the parameters: the from_params region
// (static parameters only, per-component ones included); init is NaN.
// CHECK-LABEL: dgm.model @filled components 2 {
// CHECK:         dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64, unit = "mm"} from_params {
// CHECK-NEXT:    ^bb0(%X1: f64, %beta: f64):
// CHECK-NEXT:      %[[HALF:.*]] = dgm.constant 5.000000e-01 : f64
// CHECK-NEXT:      %[[S0:.*]] = dgm.mul %[[HALF]], %X1 : f64
// CHECK-NEXT:      dgm.yield %[[S0]] : f64
// CHECK-NEXT:    }
// CHECK-NEXT:    dgm.state @R : f64 {init = 1.000000e+00 : f64}
dgm.model @filled components 2 {
  dgm.param @X1 : f64
  dgm.param @beta : f64 {dynamic}
  dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64, unit = "mm"} from_params {
  ^bb0(%X1: f64, %beta: f64):
    %half = dgm.constant 5.000000e-01 : f64
    %s0 = dgm.mul %half, %X1 : f64
    dgm.yield %s0 : f64
  }
  dgm.state @R : f64 {init = 1.0 : f64}
  dgm.step {
  ^bb0(%X1: f64, %beta: f64, %S: f64, %R: f64):
    dgm.yield %S, %R : f64, f64
  }
}
