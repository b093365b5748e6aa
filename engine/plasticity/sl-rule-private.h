/* sl-rule-private.h: helpers shared by the rule implementations. */
#pragma once

#include <math.h>

#include "sl-rule.h"

G_BEGIN_DECLS

extern const SlRuleClass sl_rule_graupner_brunel;
extern const SlRuleClass sl_rule_chindemi;
extern const SlRuleClass sl_rule_shouval;
extern const SlRuleClass sl_rule_stdp_pair;
extern const SlRuleClass sl_rule_stdp_triplet;
extern const SlRuleClass sl_rule_bcm;
extern const SlRuleClass sl_rule_clopath;
extern const SlRuleClass sl_rule_kinase;
extern const SlRuleClass sl_rule_plateau;

/* A per-synapse random stream (splitmix64) kept in two state doubles, each
 * holding 32 bits as an exact integer so the state never contains NaN
 * patterns and copies of the state copy the stream. */
#define SL_RULE_RNG_DOUBLES 2

void   _sl_rule_rng_seed     (double *s, guint64 seed);
double _sl_rule_rng_uniform  (double *s);   /* in (0, 1) */
double _sl_rule_rng_gauss    (double *s);   /* N(0, 1), Box–Muller */

/* Scale from the rule's internal weight variable to the conductance
 * multiplier, so that weight() == w0 right after init(). */
static inline double
_sl_rule_weight_scale (double w0,
                       double internal0)
{
  return internal0 > 0.0 ? w0 / internal0 : w0;
}

static inline double
_sl_clamp (double x, double lo, double hi)
{
  return x < lo ? lo : (x > hi ? hi : x);
}

G_END_DECLS
