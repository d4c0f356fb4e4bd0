// Every verifier error of the dgm dialect, one case each.
// RUN: dgm-opt %s --split-input-file --verify-diagnostics

dgm.model @m {
  dgm.state @S : f64 {init = 0.0 : f64}
  // expected-note @+1 {{the step is here}}
  dgm.step {
  ^bb0(%S: f64):
    dgm.yield %S, %S : f64, f64
  }
  // expected-error @+1 {{'dgm.output' op must come before the 'dgm.step' of model @m}}
  dgm.output @Q : f64
}

// -----

dgm.model @m {
  // expected-note @+1 {{the first step is here}}
  dgm.step {
    dgm.yield
  }
  // expected-error @+1 {{'dgm.step' op is a second step of model @m; a model has exactly one}}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.constant' op cannot appear in a 'dgm.model'; expected a declaration (dgm.forcing, dgm.param, dgm.state, dgm.output, dgm.kernel), dgm.step or dgm.basin}}
  %c = dgm.constant 1.0 : f64
  dgm.step {
    dgm.yield
  }
}

// -----

// expected-error @+1 {{'dgm.model' op has no 'dgm.step'; a model needs exactly one, after its declarations}}
dgm.model @m {
  dgm.forcing @P : f64
}

// -----

func.func @f() {
  // expected-error @+1 {{'dgm.model' op expects parent op 'builtin.module'}}
  dgm.model @m {
    dgm.step {
      dgm.yield
    }
  }
  return
}

// -----

dgm.model @m {
  // expected-note @+1 {{see existing symbol definition here}}
  dgm.forcing @x : f64
  // expected-error @+1 {{redefinition of symbol named 'x'}}
  dgm.state @x : f64 {init = 0.0 : f64}
  dgm.step {
  ^bb0(%a: f64, %b: f64):
    dgm.yield %b : f64
  }
}

// -----

// expected-error @+1 {{'dgm.forcing' op expects parent op 'dgm.model'}}
dgm.forcing @P : f64

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.param' op has a lower bound but no upper bound; give both or neither}}
  dgm.param @k : f64 {lower = 0.0 : f64}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.param' op has an upper bound but no lower bound; give both or neither}}
  dgm.param @k : f64 {upper = 1.0 : f64}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.param' op has lower bound 1.5 not below its upper bound 0.25}}
  dgm.param @k : f64 {lower = 1.5 : f64, upper = 0.25 : f64}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.param' op has default 2 outside its bounds [0, 1]}}
  dgm.param @k : f64 {lower = 0.0 : f64, upper = 1.0 : f64, default_value = 2.0 : f64}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.state' op requires attribute 'init'}}
  dgm.state @S : f64
  dgm.step {
  ^bb0(%S: f64):
    dgm.yield %S : f64
  }
}

// -----

dgm.model @m {
  dgm.forcing @P : f64
  dgm.param @k : f64
  dgm.state @S : f64 {init = 0.0 : f64}
  // expected-error @+1 {{'dgm.step' op has 2 block arguments, but model @m declares 1 forcing, 1 param and 1 state (3 expected: forcings, then params, then states)}}
  dgm.step {
  ^bb0(%P: f64, %S: f64):
    dgm.yield %S : f64
  }
}

// -----

dgm.model @m {
  dgm.forcing @P : f64
  dgm.param @k : f32
  // expected-error @+1 {{'dgm.step' op block argument #1 is for param @k of type 'f32', but has type 'f64'}}
  dgm.step {
  ^bb0(%P: f64, %k: f64):
    dgm.yield
  }
}

// -----

dgm.model @m {
  dgm.state @S : f64 {init = 0.0 : f64}
  dgm.output @Q : f64
  dgm.output @R : f64
  dgm.step {
  ^bb0(%S: f64):
    // expected-error @+1 {{'dgm.yield' op yields 2 values, but model @m expects 3: the new states, then the outputs computed in the step}}
    dgm.yield %S, %S : f64, f64
  }
}

// -----

dgm.model @m {
  dgm.state @S : f64 {init = 0.0 : f64}
  dgm.output @Q : f32
  dgm.step {
  ^bb0(%S: f64):
    // expected-error @+1 {{'dgm.yield' op operand #1 is for output @Q of type 'f32', but has type 'f64'}}
    dgm.yield %S, %S : f64, f64
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.step' op must end with 'dgm.yield'}}
  dgm.step {
    llvm.unreachable
  }
}

// -----

func.func @f(%a: f64, %b: f64) {
  // expected-error @+1 {{expected a comparison (lt, le, gt, ge, eq or ne), found 'olt'}}
  %0 = dgm.cmp olt, %a, %b : f64
  return
}

// -----

func.func @f(%a: f64, %b: f32) {
  // expected-error @+1 {{'dgm.add' op requires the same type for all operands and results}}
  %0 = "dgm.add"(%a, %b) : (f64, f32) -> f64
  return
}

// -----

func.func @f(%a: i32, %b: i32) {
  // expected-error @+1 {{'dgm.add' op operand #0 must be floating-point or vector of floating-point}}
  %0 = dgm.add %a, %b : i32
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'dgm.constant' op expects a float, a boolean or a dense vector of either, found sparse<0, 1.000000e+00> : vector<2xf64>}}
  %0 = dgm.constant sparse<[0], [1.0]> : vector<2xf64>
  return
}

// -----

func.func @sim() -> i32 {
  %0 = arith.constant 0 : i32
  return %0 : i32
}
// expected-error @+1 {{'dgm.descriptor' op variable "k" is param #1, expected #0 (indices count 0, 1, ... within a kind, in order)}}
dgm.descriptor "m" simulate @sim variables [
  #dgm.variable<forcing "P", index = 0>,
  #dgm.variable<param "k", index = 1>
]

// -----

func.func @sim() -> i32 {
  %0 = arith.constant 0 : i32
  return %0 : i32
}
// expected-error @+1 {{'dgm.descriptor' op has two variables named "x"}}
dgm.descriptor "m" simulate @sim variables [
  #dgm.variable<forcing "x", index = 0>,
  #dgm.variable<output "x", index = 0>
]

// -----

// expected-error @+1 {{'dgm.descriptor' op simulate function @missing is not a function of this module}}
dgm.descriptor "m" simulate @missing variables []

// -----

func.func @sim() -> i32 {
  %0 = arith.constant 0 : i32
  return %0 : i32
}
// expected-error @+1 {{'dgm.descriptor' op step_seconds 0 is outside [1, 2147483647] (the ABI's int32)}}
dgm.descriptor "m" step_seconds 0 simulate @sim variables []

// -----

// expected-error @+1 {{'dgm.model' op attribute 'step_seconds' failed to satisfy constraint}}
dgm.model @m step_seconds 0 {
  dgm.step {
    dgm.yield
  }
}

// -----

// Components, kernels and basin outputs: the model structure.

dgm.model @m {
  dgm.output @Q : f64 {basin}
  // expected-error @+1 {{'dgm.basin' op must come once, after the 'dgm.step' of model @m}}
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    dgm.yield %c : f64
  }
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  dgm.output @Q : f64 {basin}
  dgm.step {
    dgm.yield
  }
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    dgm.yield %c : f64
  }
  // expected-error @+1 {{'dgm.basin' op must come once, after the 'dgm.step' of model @m}}
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    dgm.yield %c : f64
  }
}

// -----

// expected-error @+1 {{'dgm.model' op declares basin outputs but has no 'dgm.basin' to compute them}}
dgm.model @m {
  dgm.output @Q : f64 {basin}
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.output' op cannot be both 'basin' and 'internal': only an output of the step can be internal}}
  dgm.output @Q : f64 {basin, internal}
  dgm.step {
    dgm.yield
  }
  dgm.basin {
    %q = dgm.constant 0.0 : f64
    dgm.yield %q : f64
  }
}

// -----

dgm.model @m {
  dgm.param @kd : f64 {dynamic, shared}
  // expected-error @+1 {{'dgm.kernel' op uses param @kd, which is dynamic}}
  dgm.kernel @K size 3 {
  ^bb0(%i: f64, %kd: f64):
    dgm.yield %kd : f64
  }
  dgm.step {
  ^bb0(%kd: f64):
    dgm.yield
  }
}

// -----

dgm.model @m components 2 {
  dgm.param @k : f64
  // expected-error @+1 {{'dgm.kernel' op uses param @k, which is not shared by the components}}
  dgm.kernel @K size 3 {
  ^bb0(%i: f64, %k: f64):
    dgm.yield %k : f64
  }
  dgm.step {
  ^bb0(%k: f64):
    dgm.yield
  }
}

// -----

dgm.model @m components 2 {
  dgm.param @k : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%k: f64):
    dgm.yield
  }
  // expected-error @+1 {{'dgm.basin' op uses param @k, which is not shared by the components}}
  dgm.basin {
  ^bb0(%k: f64):
    dgm.yield %k : f64
  }
}

// -----

dgm.model @m {
  dgm.param @k : f64
  // expected-error @+1 {{'dgm.kernel' op has 1 block argument, expected 2 (the index, then every param of the model)}}
  dgm.kernel @K size 3 {
  ^bb0(%i: f64):
    dgm.yield %i : f64
  }
  dgm.step {
  ^bb0(%k: f64):
    dgm.yield
  }
}

// -----

dgm.model @m {
  dgm.forcing @P : f64
  dgm.forcing @T : f64
  dgm.param @k : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%P: f64, %T: f64, %k: f64):
    dgm.yield
  }
  // expected-error @+1 {{'dgm.basin' op has 2 block arguments, expected 3 (the forcings, then every param of the model)}}
  dgm.basin {
  ^bb0(%P: f64, %T: f64):
    dgm.yield %P : f64
  }
}

// -----

dgm.model @m {
  dgm.kernel @K size 3 {
  ^bb0(%i: f64):
    // expected-error @+1 {{'dgm.yield' op of a kernel yields one float, the weight}}
    dgm.yield %i, %i : f64, f64
  }
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  dgm.output @Q : f64 {basin}
  dgm.output @R : f64 {basin}
  dgm.step {
    dgm.yield
  }
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    // expected-error @+1 {{'dgm.yield' op yields 1 value, but model @m expects 2: the basin outputs}}
    dgm.yield %c : f64
  }
}

// -----

dgm.model @m {
  dgm.output @Q : f32 {basin}
  dgm.step {
    dgm.yield
  }
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    // expected-error @+1 {{'dgm.yield' op operand #0 is for basin output @Q of type 'f32', but has type 'f64'}}
    dgm.yield %c : f64
  }
}

// -----

dgm.model @m components 2 {
  dgm.output @Qm : f64 {basin}
  dgm.output @Q : f64 {basin}
  dgm.step {
    dgm.yield
  }
  dgm.basin {
    %c = dgm.constant 1.0 : f64
    // expected-error @+1 {{'dgm.aggregate' op @Qm is not an output computed in the step}}
    %m = dgm.aggregate mean @Qm : f64
    dgm.yield %c, %m : f64, f64
  }
}

// -----

dgm.model @m components 2 {
  dgm.param @k : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%k: f64):
    dgm.yield
  }
  dgm.basin {
  ^bb0(%k: f64):
    // expected-error @+1 {{'dgm.aggregate' op @k is not an output computed in the step}}
    %m = dgm.aggregate sum @k : f64
    dgm.yield %m : f64
  }
}

// -----

dgm.model @m components 2 {
  dgm.output @Qc : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
    %c = dgm.constant 1.0 : f64
    dgm.yield %c : f64
  }
  dgm.basin {
    // expected-error @+1 {{'dgm.aggregate' op weighted_mean needs the weights of a static param}}
    %m = dgm.aggregate weighted_mean @Qc : f64
    dgm.yield %m : f64
  }
}

// -----

dgm.model @m components 2 {
  dgm.param @w : f64 {dynamic}
  dgm.output @Qc : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%w: f64):
    dgm.yield %w : f64
  }
  dgm.basin {
  ^bb0(%w: f64):
    // expected-error @+1 {{'dgm.aggregate' op weighted_mean needs the weights of a static param}}
    %m = dgm.aggregate weighted_mean @Qc weights @w : f64
    dgm.yield %m : f64
  }
}

// -----

dgm.model @m components 2 {
  dgm.param @w : f64
  dgm.output @Qc : f64
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%w: f64):
    dgm.yield %w : f64
  }
  dgm.basin {
  ^bb0(%w: f64):
    // expected-error @+1 {{'dgm.aggregate' op has weights, which only weighted_mean uses}}
    %m = dgm.aggregate mean @Qc weights @w : f64
    dgm.yield %m : f64
  }
}

// -----

dgm.model @m {
  dgm.param @k : f64
  dgm.output @Q : f64
  dgm.step {
  ^bb0(%k: f64):
    // expected-error @+1 {{'dgm.convolve' op @k is not a dgm.kernel}}
    %c = dgm.convolve %k, @k : f64 -> f64
    dgm.yield %c : f64
  }
}

// -----

dgm.model @m {
  dgm.output @Qc : f64
  dgm.step {
    // expected-error @+1 {{'dgm.aggregate' op expects parent op 'dgm.basin'}}
    %m = dgm.aggregate mean @Qc : f64
    dgm.yield %m : f64
  }
}

// -----

dgm.model @m {
  dgm.kernel @K size 2 {
  ^bb0(%i: f64):
    // expected-error @+1 {{'dgm.convolve' op expects parent op to be one of 'dgm.step, dgm.basin'}}
    %c = dgm.convolve %i, @K : f64 -> f64
    dgm.yield %c : f64
  }
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.kernel' op attribute 'size' failed to satisfy constraint}}
  dgm.kernel @K size 0 {
  ^bb0(%i: f64):
    dgm.yield %i : f64
  }
  dgm.step {
    dgm.yield
  }
}

// -----

// expected-error @+1 {{'dgm.model' op attribute 'components' failed to satisfy constraint}}
dgm.model @m components 0 {
  dgm.step {
    dgm.yield
  }
}

// -----

dgm.model @m {
  // expected-note @+1 {{the step is here}}
  dgm.step {
    dgm.yield
  }
  // expected-error @+1 {{'dgm.kernel' op must come before the 'dgm.step' of model @m}}
  dgm.kernel @K size 2 {
  ^bb0(%i: f64):
    dgm.yield %i : f64
  }
}

// -----

dgm.model @m {
  // expected-error @+1 {{'dgm.kernel' op must end with 'dgm.yield'}}
  dgm.kernel @K size 2 {
  ^bb0(%i: f64):
    llvm.unreachable
  }
  dgm.step {
    dgm.yield
  }
}

// -----

func.func @f(%a: f64) {
  // expected-error @+1 {{'dgm.convolve' op expects parent op to be one of 'dgm.step, dgm.basin'}}
  %c = dgm.convolve %a, @K : f64 -> f64
  return
}

// -----

// The series and the kernel's weights have one type (the lowering multiplies
// them); an f32 series with f64 weights was accepted and then lowered to
// invalid arith.
dgm.model @m {
  dgm.forcing @P : f64
  dgm.output @Q : f64
  dgm.kernel @K size 2 {
  ^bb0(%i: f64):
    dgm.yield %i : f64
  }
  dgm.step {
  ^bb0(%p: f64):
    %c = dgm.constant 1.0 : f32
    // expected-error @+1 {{'dgm.convolve' op convolves a series of type 'f32' with @K, whose weights are 'f64'; they must be the same}}
    %r = dgm.convolve %c, @K : f32 -> f32
    dgm.yield %p : f64
  }
}

// -----

dgm.model @m {
  dgm.output @Qc : f64
  dgm.output @Q : f32 {basin}
  dgm.step {
    %c = dgm.constant 1.0 : f64
    dgm.yield %c : f64
  }
  dgm.basin {
    // expected-error @+1 {{'dgm.aggregate' op aggregates @Qc of type 'f64' into a result of type 'f32'; they must be the same}}
    %m = dgm.aggregate mean @Qc : f32
    dgm.yield %m : f32
  }
}

// -----

dgm.model @m {
  dgm.param @kd : f64 {dynamic}
  // expected-error @+1 {{'dgm.state' op uses param @kd, which is dynamic}}
  dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64} from_params {
  ^bb0(%kd: f64):
    dgm.yield %kd : f64
  }
  dgm.step {
  ^bb0(%kd: f64, %S: f64):
    dgm.yield %S : f64
  }
}

// -----

dgm.model @m {
  dgm.param @k : f64
  // expected-error @+1 {{'dgm.state' op with from_params has init 0x7FFC6D6000000000 (abi.h's DGM_MODEL_INITIAL_BITS, the default the descriptor gives), not 1}}
  dgm.state @S : f64 {init = 1.0 : f64} from_params {
  ^bb0(%k: f64):
    dgm.yield %k : f64
  }
  dgm.step {
  ^bb0(%k: f64, %S: f64):
    dgm.yield %S : f64
  }
}

// -----

dgm.model @m {
  dgm.param @k : f64
  // expected-error @+1 {{'dgm.state' op from_params must yield one value of type 'f64'}}
  dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64} from_params {
  ^bb0(%k: f64):
    dgm.yield %k, %k : f64, f64
  }
  dgm.step {
  ^bb0(%k: f64, %S: f64):
    dgm.yield %S : f64
  }
}
