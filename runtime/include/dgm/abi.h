/*===- dgm/abi.h - The C ABI of a compiled dgm model ----------------------===*\
|*                                                                            *|
|* Part of dgm, under the Apache License v2.0 with LLVM Exceptions.           *|
|*                                                                            *|
|* A shared library made by `dgmc model.dgm -o libmodel.so` exports           *|
|*   const dgm_model *dgm_get_model(void);                                    *|
|* which describes every variable of the model and points at its simulate     *|
|* entry. docs/abi.md is the full contract. This file is the single source of *|
|* truth: dgmc embeds it verbatim in the headers it generates (--emit=header). *|
\*===----------------------------------------------------------------------===*/
#ifndef DGM_ABI_H
#define DGM_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below or the simulate signature changes. */
#define DGM_ABI_VERSION 1

/* What role a variable plays in the model. */
typedef enum dgm_var_kind {
  DGM_FORCING = 0, /* input time series, one value per basin and step      */
  DGM_PARAM = 1,   /* constant over a run, one value per basin             */
  DGM_STATE = 2,   /* carried from one step to the next, one per basin     */
  DGM_OUTPUT = 3   /* computed each step, one value per basin and step     */
} dgm_var_kind;

/* One forcing, parameter, state or output. Strings are never NULL ("" when
 * the model gives none). */
typedef struct dgm_variable {
  const char *name;
  const char *unit;        /* as written in the model, e.g. "mm/d"            */
  const char *description; /* the string literal after the declaration        */
  int32_t kind;            /* a dgm_var_kind                                  */
  int32_t index;           /* position among the variables of the same kind  */
  double lower;            /* parameters: lower bound, else -INFINITY         */
  double upper;            /* parameters: upper bound, else +INFINITY         */
  double default_value;    /* parameters: default (NAN if none);
                              states: initial value; others: NAN            */
} dgm_variable;

/* Simulates num_basins independent basins over num_steps steps.
 * Array layouts (row-major, basins innermost so that a step over all basins
 * reads contiguous memory):
 *   params        [num_params][num_basins]
 *   init_states   [num_states][num_basins]
 *   forcings      [num_forcings][num_steps][num_basins]
 *   outputs       [num_outputs][num_steps][num_basins]          (written)
 *   trajectory    [num_states][num_steps][num_basins] or NULL   (written: the
 *                 states at the end of each step)
 *   final_states  [num_states][num_basins] or NULL              (written)
 * Returns 0. Uses no global mutable state: concurrent calls are safe as long
 * as they do not share output arrays. */
typedef int32_t (*dgm_simulate_fn)(int64_t num_basins, int64_t num_steps,
                                   const double *params,
                                   const double *init_states,
                                   const double *forcings, double *outputs,
                                   double *trajectory, double *final_states);

typedef struct dgm_model {
  uint32_t abi_version;  /* DGM_ABI_VERSION of the compiler that built it  */
  uint32_t scalar_bits;  /* 64: every array above holds doubles            */
  const char *name;      /* the model's name in its .dgm file              */
  const char *source;    /* the .dgm file it was compiled from             */
  int32_t num_forcings;
  int32_t num_params;
  int32_t num_states;
  int32_t num_outputs;
  const dgm_variable *forcings;
  const dgm_variable *params;
  const dgm_variable *states;
  const dgm_variable *outputs;
  dgm_simulate_fn simulate;
} dgm_model;

/* The entry every compiled model exports; its name does not depend on the
 * model so that a loader can dlsym() it. */
typedef const dgm_model *(*dgm_get_model_fn)(void);
#define DGM_GET_MODEL_SYMBOL "dgm_get_model"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DGM_ABI_H */
