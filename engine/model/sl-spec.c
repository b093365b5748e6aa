/* sl-spec.c: SlModelSpec — defaults of models.md, copy, validation,
 * equality.  The protocol half lives in sl-spec-protocol.c. */
#include "sl-spec-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (sl-spec-error-quark, sl_spec_error)

/* ------------------------------------------------------------------ */
/* Shared checks (sl-spec-private.h). */

const char *
_sl_fmt (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
         double value)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%g", value);
}

gboolean
_sl_check_range (const char  *context,
                 const char  *field,
                 double       value,
                 SlBound      lo_kind,
                 double       lo,
                 SlBound      hi_kind,
                 double       hi,
                 GError     **error)
{
  char got[G_ASCII_DTOSTR_BUF_SIZE], lim[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: %s must be a finite number (got %s)",
                   context, field, _sl_fmt (got, value));
      return FALSE;
    }
  if ((lo_kind == SL_BOUND_OPEN && !(value > lo)) ||
      (lo_kind == SL_BOUND_CLOSED && !(value >= lo)))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: %s must be %s %s (got %s)", context, field,
                   lo_kind == SL_BOUND_OPEN ? ">" : ">=",
                   _sl_fmt (lim, lo), _sl_fmt (got, value));
      return FALSE;
    }
  if ((hi_kind == SL_BOUND_OPEN && !(value < hi)) ||
      (hi_kind == SL_BOUND_CLOSED && !(value <= hi)))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: %s must be %s %s (got %s)", context, field,
                   hi_kind == SL_BOUND_OPEN ? "<" : "<=",
                   _sl_fmt (lim, hi), _sl_fmt (got, value));
      return FALSE;
    }
  return TRUE;
}

gboolean
_sl_check_name (const char  *context,
                const char  *field,
                const char  *value,
                GError     **error)
{
  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: %s must not be empty", context, field);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: %s is not valid UTF-8", context, field);
      return FALSE;
    }
  for (const char *p = value; *p; p++)
    if ((unsigned char) *p < 0x20)
      {
        g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                     "%s: %s contains a control character", context, field);
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Enum names as the session file spells them. */

static const char * const profile_kinds[] = { "constant", "linear", "sigmoid", "window" };
static const char * const mg_blocks[] = { "jahr-stevens", "vargas-caballero" };

static int
lookup (const char * const *names,
        int                 n,
        const char         *name)
{
  for (int i = 0; i < n && name != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

const char *
_sl_profile_kind_to_string (SlProfileKind kind)
{
  return (int) kind >= 0 && kind < G_N_ELEMENTS (profile_kinds) ? profile_kinds[kind] : NULL;
}

int
_sl_profile_kind_from_string (const char *name)
{
  return lookup (profile_kinds, G_N_ELEMENTS (profile_kinds), name);
}

const char *
_sl_mg_block_to_string (int block)
{
  return block >= 0 && block < (int) G_N_ELEMENTS (mg_blocks) ? mg_blocks[block] : NULL;
}

int
_sl_mg_block_from_string (const char *name)
{
  return lookup (mg_blocks, G_N_ELEMENTS (mg_blocks), name);
}

/* ------------------------------------------------------------------ */
/* Profiles. */

double
sl_profile_eval (const SlProfile *profile,
                 double           distance_um)
{
  g_return_val_if_fail (profile != NULL, NAN);

  switch (profile->kind)
    {
    case SL_PROFILE_CONSTANT:
      return profile->value;
    case SL_PROFILE_LINEAR:
      return MAX (profile->value + profile->slope * distance_um, profile->floor);
    case SL_PROFILE_SIGMOID:
      return profile->value + (profile->value_far - profile->value) /
             (1.0 + exp ((profile->d_mid - distance_um) / profile->width));
    case SL_PROFILE_WINDOW:
      if (distance_um >= profile->d_min && distance_um <= profile->d_max)
        return profile->value_far;
      return profile->value;
    default:
      return NAN;
    }
}

gboolean
_sl_profile_validate (const SlProfile  *p,
                      const char       *context,
                      GError          **error)
{
  const struct { const char *name; double v; } all[] = {
    { "value", p->value }, { "value_far", p->value_far }, { "slope", p->slope },
    { "floor", p->floor }, { "d_mid", p->d_mid }, { "width", p->width },
    { "d_min", p->d_min }, { "d_max", p->d_max },
  };

  if (_sl_profile_kind_to_string (p->kind) == NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: unknown profile kind %d", context, (int) p->kind);
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    if (!_sl_check_range (context, all[i].name, all[i].v, SL_BOUND_NONE, 0,
                          SL_BOUND_NONE, 0, error))
      return FALSE;
  if (p->kind == SL_PROFILE_SIGMOID &&
      !_sl_check_range (context, "width", p->width, SL_BOUND_OPEN, 0,
                        SL_BOUND_NONE, 0, error))
    return FALSE;
  if (p->kind == SL_PROFILE_WINDOW &&
      !_sl_check_range (context, "d_max", p->d_max, SL_BOUND_CLOSED, p->d_min,
                        SL_BOUND_NONE, 0, error))
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Element clear functions and arrays. */

void
_sl_mechanism_spec_clear (SlMechanismSpec *mech)
{
  g_clear_pointer (&mech->region, g_free);
  g_clear_pointer (&mech->mechanism, g_free);
  g_clear_pointer (&mech->param, g_free);
}

void
_sl_spine_group_spec_clear (SlSpineGroupSpec *group)
{
  g_clear_pointer (&group->region, g_free);
}

void
_sl_spine_spec_clear (SlSpineSpec *spine)
{
  g_clear_pointer (&spine->id, g_free);
  g_clear_pointer (&spine->location, g_free);
}

static void
param_value_clear (SlParamValue *param)
{
  g_clear_pointer (&param->name, g_free);
}

void
_sl_rule_assignment_clear (SlRuleAssignment *rule)
{
  g_clear_pointer (&rule->target, g_free);
  g_clear_pointer (&rule->rule, g_free);
  g_clear_pointer (&rule->preset, g_free);
  g_clear_pointer (&rule->params, g_array_unref);
}

#define DEFINE_ARRAY_NEW(func, type, clear)                              \
  GArray *                                                               \
  func (void)                                                            \
  {                                                                      \
    GArray *array = g_array_new (FALSE, TRUE, sizeof (type));            \
    g_array_set_clear_func (array, (GDestroyNotify) clear);              \
    return array;                                                        \
  }

DEFINE_ARRAY_NEW (_sl_mechanism_array_new, SlMechanismSpec, _sl_mechanism_spec_clear)
DEFINE_ARRAY_NEW (_sl_spine_group_array_new, SlSpineGroupSpec, _sl_spine_group_spec_clear)
DEFINE_ARRAY_NEW (_sl_spine_array_new, SlSpineSpec, _sl_spine_spec_clear)
DEFINE_ARRAY_NEW (_sl_rule_array_new, SlRuleAssignment, _sl_rule_assignment_clear)
DEFINE_ARRAY_NEW (_sl_param_array_new, SlParamValue, param_value_clear)

/* ------------------------------------------------------------------ */
/* Defaults (models.md). */

void
sl_spine_geometry_init_default (SlSpineGeometry *geometry)
{
  g_return_if_fail (geometry != NULL);

  /* §1.2: X from Chindemi 2022 [V]; neck [U]. */
  geometry->head_volume = 0.087;
  geometry->neck_length = 1.0;
  geometry->neck_diam = 0.15;
}

void
sl_synapse_spec_init_default (SlSynapseSpec *synapse)
{
  g_return_if_fail (synapse != NULL);

  memset (synapse, 0, sizeof *synapse);
  synapse->g_ampa = 0.68e-3;        /* §1.3 generic E→E, 0.68 nS in µS */
  synapse->nmda_ratio = 0.7;        /* §1.4 most PC→PC */
  synapse->tau_r_ampa = 0.2;
  synapse->tau_d_ampa = 1.7;
  synapse->tau_r_nmda = 0.29;
  synapse->tau_d_nmda = 70.0;
  synapse->e_ampa = 0.0;
  synapse->e_nmda = 0.0;            /* with the Jahr–Stevens block */
  synapse->mg = 1.0;
  synapse->mg_block = SL_MG_JAHR_STEVENS;
  synapse->g_vdcc = 0.0744;         /* §1.5, nS/µm² of head area */
  synapse->use_se = 1.0;
  synapse->tau_dep = 0.0;
  synapse->tau_fac = 0.0;
  synapse->n_rrp = 1;
  synapse->stochastic_release = FALSE;
}

void
sl_calcium_spec_init_default (SlCalciumSpec *calcium)
{
  g_return_if_fail (calcium != NULL);

  /* §2.1–2.3 */
  calcium->ca_rest = 70e-6;
  calcium->eta_head = 0.04;
  calcium->tau_head = 12.0;
  calcium->eta_shaft = 0.05;
  calcium->tau_shaft = 50.0;
  calcium->d_eff = 0.020;
  calcium->shell_depth = 0.1;
  calcium->dx_near = 0.5;
  calcium->dx_far = 2.0;
  calcium->neck_voxels = 3;
  calcium->diffusion = TRUE;
}

SlModelSpec *
sl_model_spec_new (void)
{
  SlModelSpec *self = g_new0 (SlModelSpec, 1);
  SlRuleAssignment *rule;
  const char * const gb_regions[] = { "basal", "oblique", "trunk" };

  self->d_lambda = 0.1;
  self->d_lambda_freq = 100.0;
  self->max_length = 0.0;
  self->celsius = 34.0;
  self->v_init = -70.0;
  self->ca_o = 2.0;
  self->seed = 1;

  self->mechanisms = _sl_mechanism_array_new ();
  self->spine_groups = _sl_spine_group_array_new ();
  self->spines = _sl_spine_array_new ();
  self->rules = _sl_rule_array_new ();
  self->excluded_spines = g_ptr_array_new_with_free_func (g_free);

  /* §1.1 passive values for the whole cell. */
  sl_model_spec_add_mechanism (self, "all", "cable", "cm", 1.0);
  sl_model_spec_add_mechanism (self, "all", "cable", "Ra", 150.0);
  sl_model_spec_add_mechanism (self, "all", "pas", "g", 5e-5);
  sl_model_spec_add_mechanism (self, "all", "pas", "e", -70.0);

  sl_calcium_spec_init_default (&self->calcium);
  sl_spine_geometry_init_default (&self->default_geometry);
  sl_synapse_spec_init_default (&self->default_synapse);

  /* §5: GB (DP set) in biophysical mode on basal, oblique and trunk;
   * plateau rule on the tuft; nothing on the soma. */
  for (gsize i = 0; i < G_N_ELEMENTS (gb_regions); i++)
    {
      SlParamValue mode = { g_strdup ("mode"), 1.0 };

      rule = sl_model_spec_set_rule (self, gb_regions[i], "graupner-brunel", "DP");
      g_array_append_val (rule->params, mode);
    }
  sl_model_spec_set_rule (self, "tuft", "plateau", "CA1 BTSP");
  sl_model_spec_set_rule (self, "soma", "none", NULL);

  return self;
}

void
sl_model_spec_free (SlModelSpec *self)
{
  if (self == NULL)
    return;
  g_free (self->morphology);
  g_free (self->name);
  g_clear_pointer (&self->mechanisms, g_array_unref);
  g_clear_pointer (&self->spine_groups, g_array_unref);
  g_clear_pointer (&self->spines, g_array_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->excluded_spines, g_ptr_array_unref);
  g_free (self);
}

static GArray *
copy_params (const GArray *src)
{
  GArray *dest = _sl_param_array_new ();

  for (guint i = 0; src != NULL && i < src->len; i++)
    {
      SlParamValue p = g_array_index (src, SlParamValue, i);

      p.name = g_strdup (p.name);
      g_array_append_val (dest, p);
    }
  return dest;
}

SlModelSpec *
sl_model_spec_copy (const SlModelSpec *self)
{
  SlModelSpec *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SlModelSpec, 1);
  *copy = *self;
  copy->morphology = g_strdup (self->morphology);
  copy->name = g_strdup (self->name);
  copy->mechanisms = _sl_mechanism_array_new ();
  copy->spine_groups = _sl_spine_group_array_new ();
  copy->spines = _sl_spine_array_new ();
  copy->rules = _sl_rule_array_new ();
  copy->excluded_spines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->excluded_spines != NULL && i < self->excluded_spines->len; i++)
    g_ptr_array_add (copy->excluded_spines, g_strdup (g_ptr_array_index (self->excluded_spines, i)));

  for (guint i = 0; i < self->mechanisms->len; i++)
    {
      SlMechanismSpec m = g_array_index (self->mechanisms, SlMechanismSpec, i);

      m.region = g_strdup (m.region);
      m.mechanism = g_strdup (m.mechanism);
      m.param = g_strdup (m.param);
      g_array_append_val (copy->mechanisms, m);
    }
  for (guint i = 0; i < self->spine_groups->len; i++)
    {
      SlSpineGroupSpec g = g_array_index (self->spine_groups, SlSpineGroupSpec, i);

      g.region = g_strdup (g.region);
      g_array_append_val (copy->spine_groups, g);
    }
  for (guint i = 0; i < self->spines->len; i++)
    {
      SlSpineSpec s = g_array_index (self->spines, SlSpineSpec, i);

      s.id = g_strdup (s.id);
      s.location = g_strdup (s.location);
      g_array_append_val (copy->spines, s);
    }
  for (guint i = 0; i < self->rules->len; i++)
    {
      SlRuleAssignment r = g_array_index (self->rules, SlRuleAssignment, i);

      r.target = g_strdup (r.target);
      r.rule = g_strdup (r.rule);
      r.preset = g_strdup (r.preset);
      r.params = copy_params (r.params);
      g_array_append_val (copy->rules, r);
    }
  return copy;
}

/* ------------------------------------------------------------------ */
/* Helpers. */

void
sl_model_spec_add_mechanism (SlModelSpec *self,
                             const char  *region,
                             const char  *mechanism,
                             const char  *param,
                             double       value)
{
  SlMechanismSpec m = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (region != NULL && mechanism != NULL);

  m.region = g_strdup (region);
  m.mechanism = g_strdup (mechanism);
  m.param = g_strdup (param);
  m.value.kind = SL_PROFILE_CONSTANT;
  m.value.value = value;
  g_array_append_val (self->mechanisms, m);
}

SlSpineGroupSpec *
sl_model_spec_add_spine_group (SlModelSpec *self,
                               const char  *region,
                               double       density)
{
  SlSpineGroupSpec g = { 0 };

  g_return_val_if_fail (self != NULL && region != NULL, NULL);

  g.region = g_strdup (region);
  g.density = density;
  g.seed = self->seed;
  g.geometry = self->default_geometry;
  g.synapse = self->default_synapse;
  g_array_append_val (self->spine_groups, g);
  return &g_array_index (self->spine_groups, SlSpineGroupSpec, self->spine_groups->len - 1);
}

SlSpineSpec *
sl_model_spec_add_spine (SlModelSpec *self,
                         const char  *id,
                         const char  *location)
{
  SlSpineSpec s = { 0 };

  g_return_val_if_fail (self != NULL && id != NULL && location != NULL, NULL);

  s.id = g_strdup (id);
  s.location = g_strdup (location);
  s.geometry = self->default_geometry;
  s.synapse = self->default_synapse;
  g_array_append_val (self->spines, s);
  return &g_array_index (self->spines, SlSpineSpec, self->spines->len - 1);
}

/* Replaces the assignment of `target` if there is one (dropping its
 * parameter overrides), else appends one. */
SlRuleAssignment *
sl_model_spec_set_rule (SlModelSpec *self,
                        const char  *target,
                        const char  *rule,
                        const char  *preset)
{
  SlRuleAssignment r = { 0 };

  g_return_val_if_fail (self != NULL && target != NULL && rule != NULL, NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      SlRuleAssignment *old = &g_array_index (self->rules, SlRuleAssignment, i);

      if (g_strcmp0 (old->target, target) == 0)
        {
          g_free (old->rule);
          old->rule = g_strdup (rule);
          g_free (old->preset);
          old->preset = g_strdup (preset);
          g_array_set_size (old->params, 0);
          return old;
        }
    }
  r.target = g_strdup (target);
  r.rule = g_strdup (rule);
  r.preset = g_strdup (preset);
  r.params = _sl_param_array_new ();
  g_array_append_val (self->rules, r);
  return &g_array_index (self->rules, SlRuleAssignment, self->rules->len - 1);
}

/* ------------------------------------------------------------------ */
/* Validation. */

gboolean
sl_location_validate (const char  *location,
                      GError     **error)
{
  g_auto (GStrv) parts = NULL;

  if (location == NULL || location[0] == '\0')
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "location is empty");
      return FALSE;
    }
  if (strcmp (location, "soma") == 0)
    return TRUE;

  if (g_str_has_prefix (location, "xyz:"))
    {
      parts = g_strsplit (location + 4, ",", -1);
      if (g_strv_length (parts) == 3)
        {
          gboolean ok = TRUE;

          for (int i = 0; i < 3 && ok; i++)
            {
              char *end = NULL;
              double v = g_ascii_strtod (parts[i], &end);

              ok = end != parts[i] && *end == '\0' && isfinite (v);
            }
          if (ok)
            return TRUE;
        }
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "location '%s': expected xyz:X,Y,Z with three numbers in µm",
                   location);
      return FALSE;
    }
  if (g_str_has_prefix (location, "path:"))
    {
      const char *colon = strrchr (location + 5, ':');
      char *end = NULL;
      double d;

      if (colon != NULL && colon > location + 5)
        {
          d = g_ascii_strtod (colon + 1, &end);
          if (end != colon + 1 && *end == '\0' && isfinite (d) && d >= 0)
            return TRUE;
        }
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "location '%s': expected path:REGION:D with a distance D >= 0 µm",
                   location);
      return FALSE;
    }
  if (g_str_has_prefix (location, "spine:"))
    {
      if (location[6] != '\0')
        return TRUE;
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "location '%s': expected spine:ID", location);
      return FALSE;
    }
  g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
               "location '%s': expected soma, xyz:X,Y,Z, path:REGION:D or spine:ID",
               location);
  return FALSE;
}

gboolean
_sl_mechanism_spec_validate (const SlMechanismSpec  *m,
                             GError                **error)
{
  g_autofree char *context = NULL;

  if (!_sl_check_name ("mechanism", "region", m->region, error) ||
      !_sl_check_name ("mechanism", "name", m->mechanism, error))
    return FALSE;
  if (m->param != NULL && !_sl_check_name ("mechanism", "param", m->param, error))
    return FALSE;

  context = g_strdup_printf ("mechanism '%s' in '%s'%s%s", m->mechanism, m->region,
                             m->param ? ", param " : "", m->param ? m->param : "");
  if (!_sl_profile_validate (&m->value, context, error))
    return FALSE;
  /* The cable properties must be positive wherever they are evaluated;
   * a constant is the only kind we can check without a cell. */
  if (strcmp (m->mechanism, "cable") == 0 && m->param != NULL &&
      m->value.kind == SL_PROFILE_CONSTANT &&
      !_sl_check_range (context, "value", m->value.value, SL_BOUND_OPEN, 0,
                        SL_BOUND_NONE, 0, error))
    return FALSE;
  return TRUE;
}

gboolean
_sl_spine_geometry_validate (const SlSpineGeometry  *g,
                             const char             *context,
                             GError                **error)
{
  /* Upper limits catch unit slips (nm for µm) rather than biology. */
  return _sl_check_range (context, "head_volume", g->head_volume, SL_BOUND_OPEN, 0,
                          SL_BOUND_CLOSED, 10, error) &&
         _sl_check_range (context, "neck_length", g->neck_length, SL_BOUND_OPEN, 0,
                          SL_BOUND_CLOSED, 20, error) &&
         _sl_check_range (context, "neck_diam", g->neck_diam, SL_BOUND_OPEN, 0,
                          SL_BOUND_CLOSED, 5, error);
}

gboolean
_sl_synapse_spec_validate (const SlSynapseSpec  *s,
                           const char           *context,
                           GError              **error)
{
  if (!_sl_check_range (context, "g_ampa", s->g_ampa, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 1, error) ||
      !_sl_check_range (context, "nmda_ratio", s->nmda_ratio, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 100, error) ||
      !_sl_check_range (context, "tau_r_ampa", s->tau_r_ampa, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1000, error) ||
      !_sl_check_range (context, "tau_d_ampa", s->tau_d_ampa, SL_BOUND_OPEN, s->tau_r_ampa, SL_BOUND_CLOSED, 1000, error) ||
      !_sl_check_range (context, "tau_r_nmda", s->tau_r_nmda, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1000, error) ||
      !_sl_check_range (context, "tau_d_nmda", s->tau_d_nmda, SL_BOUND_OPEN, s->tau_r_nmda, SL_BOUND_CLOSED, 10000, error) ||
      !_sl_check_range (context, "e_ampa", s->e_ampa, SL_BOUND_CLOSED, -200, SL_BOUND_CLOSED, 200, error) ||
      !_sl_check_range (context, "e_nmda", s->e_nmda, SL_BOUND_CLOSED, -200, SL_BOUND_CLOSED, 200, error) ||
      !_sl_check_range (context, "mg", s->mg, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 100, error) ||
      !_sl_check_range (context, "g_vdcc", s->g_vdcc, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 100, error) ||
      !_sl_check_range (context, "use_se", s->use_se, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 1, error) ||
      !_sl_check_range (context, "tau_dep", s->tau_dep, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 1e6, error) ||
      !_sl_check_range (context, "tau_fac", s->tau_fac, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 1e6, error) ||
      !_sl_check_range (context, "n_rrp", s->n_rrp, SL_BOUND_CLOSED, 1, SL_BOUND_CLOSED, 1000, error))
    return FALSE;
  if (_sl_mg_block_to_string (s->mg_block) == NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: unknown mg_block %d", context, s->mg_block);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sl_spine_group_validate (const SlSpineGroupSpec  *g,
                          GError                 **error)
{
  g_autofree char *context = NULL;

  if (!_sl_check_name ("spine group", "region", g->region, error))
    return FALSE;
  context = g_strdup_printf ("spine group '%s'", g->region);
  return _sl_check_range (context, "density", g->density, SL_BOUND_CLOSED, 0,
                          SL_BOUND_CLOSED, 20, error) &&
         _sl_spine_geometry_validate (&g->geometry, context, error) &&
         _sl_synapse_spec_validate (&g->synapse, context, error);
}

gboolean
_sl_spine_spec_validate (const SlSpineSpec  *s,
                         GError            **error)
{
  g_autofree char *context = NULL;
  g_autoptr (GError) local = NULL;

  if (!_sl_check_name ("spine", "id", s->id, error))
    return FALSE;
  context = g_strdup_printf ("spine '%s'", s->id);
  /* Ids appear in "spine:ID" and in comma-free lists. */
  if (strpbrk (s->id, " ,:") != NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: id must not contain spaces, commas or colons", context);
      return FALSE;
    }
  if (!sl_location_validate (s->location, &local))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "%s: %s", context, local->message);
      return FALSE;
    }
  return _sl_spine_geometry_validate (&s->geometry, context, error) &&
         _sl_synapse_spec_validate (&s->synapse, context, error);
}

gboolean
_sl_rule_assignment_validate (const SlRuleAssignment  *r,
                              GError                 **error)
{
  g_autofree char *context = NULL;

  if (!_sl_check_name ("rule", "target", r->target, error))
    return FALSE;
  context = g_strdup_printf ("rule for '%s'", r->target);
  if (!_sl_check_name (context, "rule", r->rule, error))
    return FALSE;
  if (r->preset != NULL && !_sl_check_name (context, "preset", r->preset, error))
    return FALSE;
  for (guint i = 0; r->params != NULL && i < r->params->len; i++)
    {
      const SlParamValue *p = &g_array_index (r->params, SlParamValue, i);

      if (!_sl_check_name (context, "param name", p->name, error) ||
          !_sl_check_range (context, p->name, p->value, SL_BOUND_NONE, 0,
                            SL_BOUND_NONE, 0, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_sl_calcium_spec_validate (const SlCalciumSpec  *c,
                           GError              **error)
{
  const char *ctx = "calcium";

  return _sl_check_range (ctx, "ca_rest", c->ca_rest, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1, error) &&
         _sl_check_range (ctx, "eta_head", c->eta_head, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1, error) &&
         _sl_check_range (ctx, "tau_head", c->tau_head, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1e5, error) &&
         _sl_check_range (ctx, "eta_shaft", c->eta_shaft, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1, error) &&
         _sl_check_range (ctx, "tau_shaft", c->tau_shaft, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1e5, error) &&
         _sl_check_range (ctx, "d_eff", c->d_eff, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 10, error) &&
         _sl_check_range (ctx, "shell_depth", c->shell_depth, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 100, error) &&
         _sl_check_range (ctx, "dx_near", c->dx_near, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1000, error) &&
         _sl_check_range (ctx, "dx_far", c->dx_far, SL_BOUND_CLOSED, c->dx_near, SL_BOUND_CLOSED, 1000, error) &&
         _sl_check_range (ctx, "neck_voxels", c->neck_voxels, SL_BOUND_CLOSED, 1, SL_BOUND_CLOSED, 16, error);
}

gboolean
_sl_model_scalars_validate (const SlModelSpec  *self,
                            GError            **error)
{
  const char *ctx = "model";

  if (self->morphology != NULL && self->morphology[0] == '\0')
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "model: morphology is empty");
      return FALSE;
    }
  return _sl_check_range (ctx, "d_lambda", self->d_lambda, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 10, error) &&
         _sl_check_range (ctx, "d_lambda_freq", self->d_lambda_freq, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 1e5, error) &&
         _sl_check_range (ctx, "max_length", self->max_length, SL_BOUND_CLOSED, 0, SL_BOUND_NONE, 0, error) &&
         _sl_check_range (ctx, "celsius", self->celsius, SL_BOUND_CLOSED, 0, SL_BOUND_CLOSED, 50, error) &&
         _sl_check_range (ctx, "v_init", self->v_init, SL_BOUND_CLOSED, -200, SL_BOUND_CLOSED, 200, error) &&
         _sl_check_range (ctx, "ca_o", self->ca_o, SL_BOUND_OPEN, 0, SL_BOUND_CLOSED, 100, error);
}

gboolean
sl_model_spec_validate (const SlModelSpec  *self,
                        GError            **error)
{
  g_autoptr (GHashTable) ids = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!_sl_model_scalars_validate (self, error) ||
      !_sl_calcium_spec_validate (&self->calcium, error) ||
      !_sl_spine_geometry_validate (&self->default_geometry, "spine defaults", error) ||
      !_sl_synapse_spec_validate (&self->default_synapse, "spine defaults", error))
    return FALSE;

  for (guint i = 0; i < self->mechanisms->len; i++)
    if (!_sl_mechanism_spec_validate (&g_array_index (self->mechanisms, SlMechanismSpec, i), error))
      return FALSE;
  for (guint i = 0; i < self->spine_groups->len; i++)
    if (!_sl_spine_group_validate (&g_array_index (self->spine_groups, SlSpineGroupSpec, i), error))
      return FALSE;

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->spines->len; i++)
    {
      const SlSpineSpec *s = &g_array_index (self->spines, SlSpineSpec, i);

      if (!_sl_spine_spec_validate (s, error))
        return FALSE;
      if (!g_hash_table_add (ids, s->id))
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "spine '%s': id used twice", s->id);
          return FALSE;
        }
    }

  for (guint i = 0; self->excluded_spines != NULL && i < self->excluded_spines->len; i++)
    {
      const char *id = g_ptr_array_index (self->excluded_spines, i);
      guint group;

      if (!_sl_check_name ("excluded spine", "id", id, error))
        return FALSE;
      if (!_sl_density_spine_id_parse (id, &group, NULL) || group >= self->spine_groups->len)
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "excluded spine '%s': not the id of a density spine (g<group>-<k>, "
                       "%u group%s)", id, self->spine_groups->len,
                       self->spine_groups->len == 1 ? "" : "s");
          return FALSE;
        }
    }

  g_hash_table_remove_all (ids);
  for (guint i = 0; i < self->rules->len; i++)
    {
      const SlRuleAssignment *r = &g_array_index (self->rules, SlRuleAssignment, i);

      if (!_sl_rule_assignment_validate (r, error))
        return FALSE;
      if (!g_hash_table_add (ids, r->target))
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "rule for '%s': target has two rules", r->target);
          return FALSE;
        }
    }
  return TRUE;
}
