/*===- dgm/abi.h - The C ABI of a compiled dgm model ----------------------===*\
|*                                                                            *|
|* Part of dgm, under the Apache License v2.0 with LLVM Exceptions.           *|
|*                                                                            *|
|* A shared library made by `dgmc model.dgm -o libmodel.so` exports           *|
|*   const dgm_model *dgm_get_model(void);                                    *|
|* which describes every variable of the model and points at its simulate     *|
|* entry. docs/abi.md is the full contract. This file is the single source of *|
|* truth: dgmc embeds it verbatim in the headers it generates                 *|
|* (--emit=header).                                                           *|
\*===----------------------------------------------------------------------===*/
#ifndef DGM_ABI_H
#define DGM_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below or the simulate signature changes. */
#define DGM_ABI_VERSION 3

/* What role a variable plays in the model. */
typedef enum dgm_var_kind {
  DGM_FORCING = 0, /* input time series, one value per basin and step      */
  DGM_PARAM = 1,   /* one value per basin (see the flags)                  */
  DGM_STATE = 2,   /* carried from one step to the next                    */
  DGM_OUTPUT = 3   /* computed each step                                   */
} dgm_var_kind;

/* dgm_variable.flags: how many values a variable has besides one per basin.
 * PER_COMPONENT: one per component of the basin (models with components);
 * DYNAMIC (parameters): one per time step.
 * INIT_FROM_PARAMS (states): the model computes the initial value from the
 * parameters (`state S : mm = 0.5 * X1;`); default_value is then the NaN
 * below, and simulate computes the initial value of every basin and
 * component whose init_states value is that NaN (a number, or any other NaN,
 * is used as it is). */
#define DGM_PER_COMPONENT 1u
#define DGM_DYNAMIC 2u
#define DGM_INIT_FROM_PARAMS 4u
/* CONVOLVED (basin outputs): the output's formula convolves a series with a
 * kernel (`output Q = convolve(Q_unrouted, UH);`), so its values depend on
 * the history of the run, which each call of simulate starts empty (as
 * δHBV's routing does after its warm-up). CONVOLVED (states): the step
 * convolves, so it carries the history of its convolutions besides the
 * states: passing final_states on to a second call does not continue the
 * run exactly (dgm run's warm-up then runs continuously through). */
#define DGM_CONVOLVED 8u

/* "The model's own initial value": a quiet NaN with a payload that no
 * arithmetic makes (a NaN state from missing data stays a NaN state when it
 * is passed on, as from a warm-up to the run after it). The bits of the
 * double, and of the float it converts to for a single-precision model;
 * default_value of a DGM_INIT_FROM_PARAMS state holds them. */
#define DGM_MODEL_INITIAL_BITS 0x7FFC6D6000000000ull
#define DGM_MODEL_INITIAL_BITS_F32 0x7FE36B00u

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
  uint32_t flags;          /* DGM_PER_COMPONENT, DGM_DYNAMIC,
                              DGM_INIT_FROM_PARAMS, DGM_CONVOLVED (below)  */
  int32_t reserved;        /* 0                                               */
} dgm_variable;

/* Simulates num_basins independent basins, each with num_components
 * components (1 for a model without components), over num_steps steps.
 * Each array holds one block per variable of its kind, in index order; a
 * block is row-major [step][component][basin] (basins innermost), without
 * the step dimension when the variable has one value per run and without
 * the component dimension when it has one value per basin:
 *   params        a parameter's block is [T][C][B], [T][B], [C][B] or [B]
 *                 by its flags DGM_DYNAMIC (T) and DGM_PER_COMPONENT (C)
 *   init_states   [C][B] per state (C = 1 without components)
 *   forcings      [T][B] per forcing
 *   outputs       [T][C][B] per output with DGM_PER_COMPONENT, else [T][B]
 *                 (written)
 *   trajectory    [T][C][B] per state, or NULL (written: the states at the
 *                 end of each step)
 *   final_states  [C][B] per state, or NULL (written)
 * The arrays must not overlap (the compiled code assumes they do not).
 * Returns 0, or 1 when a model with internal outputs cannot allocate the
 * running sums of their aggregates (docs/abi.md). Uses no global mutable
 * state: concurrent calls are safe as long as they do not share output
 * arrays. */
typedef int32_t (*dgm_simulate_fn)(int64_t num_basins, int64_t num_components,
                                   int64_t num_steps, const double *params,
                                   const double *init_states,
                                   const double *forcings, double *outputs,
                                   double *trajectory, double *final_states);

typedef struct dgm_model {
  uint32_t abi_version; /* DGM_ABI_VERSION of the compiler that built it  */
  uint32_t scalar_bits; /* 64: every array of simulate holds doubles; 32:
                           floats (cast simulate to take float pointers)  */
  const char *name;     /* the model's name in its .dgm file              */
  const char *source;   /* the .dgm file it was compiled from             */
  int32_t num_forcings;
  int32_t num_params;
  int32_t num_states;
  int32_t num_outputs;
  int32_t default_components; /* the model's `components N;`, or 0 when it
                                 has none (then num_components must be 1)  */
  int32_t step_seconds;       /* the length of one time step in seconds: the
                                 model's `step N UNIT;`, 86400 (one day)
                                 when it declares none. Forcing arrays hold
                                 one value per step. (Version 3; in version
                                 2 this field was reserved and 0.)          */
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
