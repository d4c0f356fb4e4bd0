/*===- HeaderCTest.c - The generated header from C, linked directly -------===*\
|*                                                                            *|
|* Part of dgm, under the Apache License v2.0 with LLVM Exceptions.           *|
|*                                                                            *|
|* Compiles as C99 against the header `dgmc --emit=header` wrote, links       *|
|* liblinear_reservoir.so at build time (no dlopen), and checks one run       *|
|* against the closed form of the linear reservoir with PET = 0:              *|
|* S_t = S_{t-1} (1 - k) + P (1 - k),  Q_t = k (S_{t-1} + P).                 *|
\*===----------------------------------------------------------------------===*/
#include "linear_reservoir.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  const dgm_model *model = dgm_linear_reservoir_get_model();
  if (model != dgm_get_model()) {
    fprintf(stderr, "the two descriptor entries disagree\n");
    return 1;
  }
  double params[LINEAR_RESERVOIR_NUM_PARAMS];
  params[LINEAR_RESERVOIR_PARAM_k] = 0.25;
  params[LINEAR_RESERVOIR_PARAM_fET] = 0.5;
  double init[LINEAR_RESERVOIR_NUM_STATES] = {8.0};
  enum { STEPS = 4 };
  double forcings[LINEAR_RESERVOIR_NUM_FORCINGS * STEPS];
  for (int t = 0; t < STEPS; ++t) {
    forcings[LINEAR_RESERVOIR_FORCING_P * STEPS + t] = 4.0;
    forcings[LINEAR_RESERVOIR_FORCING_PET * STEPS + t] = 0.0;
  }
  double outputs[LINEAR_RESERVOIR_NUM_OUTPUTS * STEPS];
  double final_states[LINEAR_RESERVOIR_NUM_STATES];
  if (dgm_linear_reservoir_simulate(1, 1, STEPS, params, init, forcings, outputs,
                                    NULL, final_states) != 0) {
    fprintf(stderr, "simulate failed\n");
    return 1;
  }
  double S = 8.0;
  for (int t = 0; t < STEPS; ++t) {
    double Q = 0.25 * (S + 4.0);
    S = (S + 4.0) * 0.75;
    double got = outputs[LINEAR_RESERVOIR_OUTPUT_Q * STEPS + t];
    if (fabs(got - Q) > 1e-12) {
      fprintf(stderr, "step %d: Q = %.17g, expected %.17g\n", t, got, Q);
      return 1;
    }
  }
  if (fabs(final_states[0] - S) > 1e-12) {
    fprintf(stderr, "final S = %.17g, expected %.17g\n", final_states[0], S);
    return 1;
  }
  printf("header-c-test: OK (%s, %d parameters)\n", model->name,
         model->num_params);
  return 0;
}
