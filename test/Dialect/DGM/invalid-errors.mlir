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
    dgm.yield
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
