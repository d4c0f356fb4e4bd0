// Models that cannot get the C ABI of abi.h.
// RUN: dgm-opt %s --convert-dgm-to-standard --split-input-file --verify-diagnostics

// Single precision is fine (scalar_bits 32), but one type for all.
dgm.model @m {
  dgm.forcing @P : f64
  // expected-error @+1 {{'dgm.state' op has type 'f32', but the model's other variables are 'f64'; the C ABI passes all in one type}}
  dgm.state @S : f32 {init = 0.0 : f64}
  dgm.step {
  ^bb0(%P: f64, %S: f32):
    dgm.yield %S : f32
  }
}

// -----

// expected-note @+1 {{the existing symbol}}
func.func private @dgm_m_simulate()
// expected-error @+1 {{'dgm.model' op cannot be lowered: its simulate function @dgm_m_simulate would clash with a symbol of that name}}
dgm.model @m {
  dgm.step {
    dgm.yield
  }
}

// -----

// A model with an internal output that basin outputs aggregate calls calloc
// and free: another symbol by either name stops the lowering.
// expected-error @+1 {{redefinition of function 'calloc' of different type '!llvm.func<ptr (i64, i64)>' is prohibited}}
llvm.func @calloc(i32) -> i32
dgm.model @m components 2 {
  dgm.forcing @P : f64
  dgm.output @Qc : f64 {internal}
  dgm.output @Q : f64 {basin}
  dgm.step {
  ^bb0(%P: f64):
    dgm.yield %P : f64
  }
  dgm.basin {
  ^bb0(%P: f64):
    %mean = dgm.aggregate mean @Qc : f64
    dgm.yield %mean : f64
  }
}
