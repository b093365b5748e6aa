/* sl-rule.h: the plasticity rule interface.
 *
 * A rule is a table of functions (SlRuleClass) plus a flat array of
 * parameters and a flat array of per-synapse state, both plain doubles, so
 * the model can hold parameters per region/spine and the state can live in
 * SlState as one block (n_state doubles per synapse).  Rules never hold
 * globals; everything a step needs comes from SlRuleInput.
 *
 * Conventions shared by every rule (models.md §3.0):
 *  - times in ms, voltages in mV, concentrations in mM (the input struct);
 *  - an event flag (pre, post, theta_end) belongs to the step [t, t + dt):
 *    pre and post happen at t; theta_end means a theta cycle ends at t + dt,
 *    after this step's own integration;
 *  - weight() returns the multiplier of the synapse's peak AMPA conductance;
 *    right after init() it equals the w0 given to init(), so
 *    weight/w0 is the EPSP ratio of the validation tables;
 *  - release_scale(), when not NULL, returns U_SE(t)/U0 where U0 is the
 *    rule's "u0" parameter (the synapse's release probability after its
 *    Ca_o correction); the synapse multiplies its U by it;
 *  - stochastic rules draw from a per-synapse stream kept inside their state
 *    (as exact integers stored in doubles, never NaN bit patterns), seeded
 *    by init() from sl_rule_synapse_seed (session seed, synapse id).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_RULE_ERROR (sl_rule_error_quark ())
GQuark sl_rule_error_quark (void);

typedef enum
{
  SL_RULE_ERROR_UNKNOWN_RULE,
  SL_RULE_ERROR_UNKNOWN_PRESET,
  SL_RULE_ERROR_UNKNOWN_PARAM,
  SL_RULE_ERROR_OUT_OF_RANGE,
} SlRuleError;

/* What the engine gives a rule each step, per synapse. */
typedef struct
{
  double   t, dt;        /* start of the step and its length, ms */
  double   ca;           /* free [Ca] in the spine head, mM */
  double   ca_rest;      /* resting [Ca] of that pool, mM */
  double   ca_o;         /* extracellular Ca, mM */
  double   v;            /* spine head voltage, mV */
  gboolean pre;          /* presynaptic spike at t */
  int      n_released;   /* vesicles released at t (Chindemi), -1 if not modelled */
  gboolean post;         /* local post event at t: head V crossed -20 mV upward */
  gboolean plateau;      /* dendritic plateau gate of the synapse's branch */
  gboolean theta_end;    /* a theta cycle of the protocol clock ends at t + dt */
} SlRuleInput;

typedef struct
{
  const char *name;         /* identifier used in session files */
  const char *unit;         /* UTF-8, "" when dimensionless */
  const char *description;  /* one line for tooltips, says [V]/[U] */
  double      def, min, max;
} SlRuleParam;

/* A named parameter set: pairs (param name, value), terminated by a NULL
 * name.  Parameters not listed keep their current value. */
typedef struct
{
  const char *param;
  double      value;
} SlRulePresetValue;

typedef struct
{
  const char              *name;         /* "DP", "CA1 BTSP", … */
  const char              *description;
  const SlRulePresetValue *values;       /* NULL-name terminated */
} SlRulePreset;

typedef struct
{
  const char *name;       /* "graupner-brunel", "chindemi", "shouval", "stdp-pair",
                           * "stdp-triplet", "bcm", "clopath", "kinase", "plateau" */
  const char *title;
  const char *equation;   /* one readable line, UTF-8 */
  const char *citation;

  const SlRuleParam  *params;
  guint               n_params;
  const SlRulePreset *presets;   /* first one is the default set, may be NULL */
  guint               n_presets;

  guint               n_state;       /* doubles of per-synapse state */
  const char * const *state_names;   /* n_state names */

  void   (*init)          (const double *p, double *s, guint64 seed, double w0);
  void   (*step)          (const double *p, double *s, const SlRuleInput *in);
  double (*weight)        (const double *p, const double *s);
  double (*release_scale) (const double *p, const double *s);
  /* NULL, or for parameters that leave the rule unable to change any
   * weight, one line for the UI saying why and what to do. */
  const char *(*inert)    (const double *p);
} SlRuleClass;

const SlRuleClass        *sl_rule_lookup       (const char        *name,
                                                GError           **error);
const SlRuleClass * const *sl_rule_list        (guint             *n);

/* Fills p (cls->n_params doubles) with the defaults. */
void                      sl_rule_params_init  (const SlRuleClass *cls,
                                                double            *p);
/* Index of a parameter by name, -1 (and an error) when unknown. */
int                       sl_rule_param_index  (const SlRuleClass *cls,
                                                const char        *name,
                                                GError           **error);
/* Sets one parameter after checking its range. */
gboolean                  sl_rule_param_set    (const SlRuleClass *cls,
                                                double            *p,
                                                const char        *name,
                                                double             value,
                                                GError           **error);
/* Applies a named preset on top of p. */
gboolean                  sl_rule_preset_apply (const SlRuleClass *cls,
                                                const char        *preset,
                                                double            *p,
                                                GError           **error);

/* Seed of a synapse's stream from the session seed and the synapse id. */
guint64                   sl_rule_synapse_seed (guint64            session_seed,
                                                guint64            synapse_id);

/* An input with no events, rest calcium 70 nM, Ca_o 2 mM, V −65 mV. */
void                      sl_rule_input_clear  (SlRuleInput       *in,
                                                double             t,
                                                double             dt);

G_END_DECLS
