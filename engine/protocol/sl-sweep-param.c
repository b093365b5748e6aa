/* sl-sweep-param.c: the parameter paths of a sweep (sl-sweep.h) — set one
 * numeric field of a session by name. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-rule.h"
#include "sl-session-private.h"
#include "sl-sweep.h"

G_DEFINE_QUARK (sl-sweep-error-quark, sl_sweep_error)

/* The numeric fields of the session format's attribute tables
 * (sl-session-fields.c): the real-valued ones, and with `ints` the
 * integer ones too (flags, enums and seeds are not swept this way). */
static gboolean
numeric (const SlField *f,
         gboolean       ints)
{
  switch (f->kind)
    {
    case SL_FIELD_DOUBLE:
    case SL_FIELD_DOUBLE_NZ:
      return TRUE;
    case SL_FIELD_INT:
    case SL_FIELD_INT_NZ:
      return ints;
    default:
      return FALSE;
    }
}

static const SlField *
find_field (const SlField *fields,
            gboolean       ints,
            const char    *name)
{
  for (const SlField *f = fields; f->name != NULL; f++)
    if (numeric (f, ints) && strcmp (f->name, name) == 0)
      return f;
  return NULL;
}

static char *
field_list (const SlField *fields,
            gboolean       ints)
{
  GString *s = g_string_new (NULL);

  for (const SlField *f = fields; f->name != NULL; f++)
    if (numeric (f, ints))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", f->name);
  return g_string_free (s, FALSE);
}

static gboolean
store (gpointer       base,
       const SlField *f,
       const char    *path,
       double         value,
       GError       **error)
{
  if (!isfinite (value))
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                   "%s: the value must be a finite number", path);
      return FALSE;
    }
  if (f->kind == SL_FIELD_INT || f->kind == SL_FIELD_INT_NZ)
    {
      if (value != floor (value) || fabs (value) > G_MAXINT)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                       "%s takes whole numbers (got %g)", path, value);
          return FALSE;
        }
      G_STRUCT_MEMBER (int, base, f->offset) = (int) value;
    }
  else
    G_STRUCT_MEMBER (double, base, f->offset) = value;
  return TRUE;
}

/* Sets `name` of a table, or says which names the table has. */
static gboolean
set_in (gpointer       base,
        const SlField *fields,
        gboolean       ints,
        const char    *what,
        const char    *name,
        const char    *path,
        double         value,
        GError       **error)
{
  const SlField *f = find_field (fields, ints, name);

  if (f == NULL)
    {
      g_autofree char *list = field_list (fields, ints);
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                   "%s: %s has no field '%s' (known: %s)", path, what, name, list);
      return FALSE;
    }
  return store (base, f, path, value, error);
}

static gboolean
unknown (const char  *path,
         GError     **error)
{
  g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
               "unknown parameter '%s' (delta_t, frequency, spine_distance, ca_o, model.*, "
               "calcium.*, synapse.*, geometry.*, spine.ID.*, rule.TARGET.PARAM, "
               "mechanism.REGION.MECH.PARAM, protocol.*, stimulus.NAME.*)", path);
  return FALSE;
}

/* model.NAME: the environment's and the discretisation's fields. */
static gboolean
set_model_field (SlModelSpec *m,
                 const char  *name,
                 const char  *path,
                 double       value,
                 GError     **error)
{
  const SlField *f = find_field (_sl_environment_fields, TRUE, name);
  g_autofree char *a = NULL, *b = NULL;

  if (f == NULL)
    f = find_field (_sl_discretisation_fields, TRUE, name);
  if (f != NULL)
    return store (m, f, path, value, error);
  a = field_list (_sl_environment_fields, TRUE);
  b = field_list (_sl_discretisation_fields, TRUE);
  g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
               "%s: the model has no field '%s' (known: %s, %s)", path, name, a, b);
  return FALSE;
}

static gboolean
set_synapse_or_geometry (SlSynapseSpec   *syn,
                         SlSpineGeometry *geo,
                         const char      *field,
                         const char      *path,
                         double           value,
                         GError         **error)
{
  const SlField *f;

  if ((f = find_field (_sl_synapse_fields, TRUE, field)) != NULL)
    return store (syn, f, path, value, error);
  if ((f = find_field (_sl_geometry_fields, TRUE, field)) != NULL)
    return store (geo, f, path, value, error);
  g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
               "%s: a spine has no field '%s'", path, field);
  return FALSE;
}

static gboolean
set_all_synapses (SlModelSpec *m,
                  gboolean     geometry,
                  const char  *field,
                  const char  *path,
                  double       value,
                  GError     **error)
{
  const SlField *fields = geometry ? _sl_geometry_fields : _sl_synapse_fields;
  const char *what = geometry ? "a spine geometry" : "a synapse";

  if (!set_in (geometry ? (gpointer) &m->default_geometry : (gpointer) &m->default_synapse,
               fields, TRUE, what, field, path, value, error))
    return FALSE;
  for (guint i = 0; i < m->spine_groups->len; i++)
    {
      SlSpineGroupSpec *g = &g_array_index (m->spine_groups, SlSpineGroupSpec, i);
      set_in (geometry ? (gpointer) &g->geometry : (gpointer) &g->synapse,
              fields, TRUE, what, field, path, value, NULL);
    }
  for (guint i = 0; i < m->spines->len; i++)
    {
      SlSpineSpec *s = &g_array_index (m->spines, SlSpineSpec, i);
      set_in (geometry ? (gpointer) &s->geometry : (gpointer) &s->synapse,
              fields, TRUE, what, field, path, value, NULL);
    }
  return TRUE;
}

static gboolean
set_rule_param (SlModelSpec *m,
                const char  *target,
                const char  *param,
                const char  *path,
                double       value,
                GError     **error)
{
  for (guint i = 0; i < m->rules->len; i++)
    {
      SlRuleAssignment *a = &g_array_index (m->rules, SlRuleAssignment, i);
      const SlRuleClass *cls;
      SlParamValue pv;

      if (strcmp (a->target, target) != 0)
        continue;
      if ((cls = sl_rule_lookup (a->rule, NULL)) == NULL || cls->n_params == 0)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                       "%s: the rule '%s' of %s has no parameters", path, a->rule, target);
          return FALSE;
        }
      if (sl_rule_param_index (cls, param, NULL) < 0)
        {
          g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                       "%s: the rule '%s' has no parameter '%s'", path, a->rule, param);
          return FALSE;
        }
      if (!isfinite (value))
        return store (NULL, NULL, path, value, error);
      if (a->params == NULL)
        a->params = g_array_new (FALSE, FALSE, sizeof (SlParamValue));
      for (guint j = 0; j < a->params->len; j++)
        {
          SlParamValue *old = &g_array_index (a->params, SlParamValue, j);
          if (strcmp (old->name, param) == 0)
            {
              old->value = value;
              return TRUE;
            }
        }
      pv.name = g_strdup (param);
      pv.value = value;
      g_array_append_val (a->params, pv);
      return TRUE;
    }
  g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
               "%s: no rule is assigned to '%s'", path, target);
  return FALSE;
}

static gboolean
set_mechanism (SlModelSpec *m,
               const char  *region,
               const char  *mech,
               const char  *param,
               const char  *path,
               double       value,
               GError     **error)
{
  gboolean found = FALSE;

  if (!isfinite (value))
    return store (NULL, NULL, path, value, error);
  for (guint i = 0; i < m->mechanisms->len; i++)
    {
      SlMechanismSpec *s = &g_array_index (m->mechanisms, SlMechanismSpec, i);

      if (strcmp (s->region, region) == 0 && strcmp (s->mechanism, mech) == 0 &&
          g_strcmp0 (s->param, param) == 0)
        {
          s->value.value = value;
          found = TRUE;
        }
    }
  if (!found)
    g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                 "%s: the session has no mechanism line %s %s %s", path, region, mech, param);
  return found;
}

/* "path:REGION:D" → REGION (newly allocated) and D. */
static gboolean
parse_path_location (const char  *location,
                     char       **region,
                     double      *d)
{
  const char *colon;
  char *end = NULL;

  if (location == NULL || !g_str_has_prefix (location, "path:"))
    return FALSE;
  colon = strrchr (location + 5, ':');
  if (colon == NULL || colon == location + 5)
    return FALSE;
  *d = g_ascii_strtod (colon + 1, &end);
  if (end == colon + 1 || *end != '\0' || !isfinite (*d))
    return FALSE;
  *region = g_strndup (location + 5, colon - (location + 5));
  return TRUE;
}

static gboolean
set_spine_distance (SlModelSpec *m,
                    const char  *path,
                    double       value,
                    GError     **error)
{
  g_autofree char *r0 = NULL, *r1 = NULL;
  double d0, d1;
  SlSpineSpec *a, *b;

  if (m->spines->len < 2)
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                   "%s needs two hand-placed spines (the session has %u)", path, m->spines->len);
      return FALSE;
    }
  a = &g_array_index (m->spines, SlSpineSpec, 0);
  b = &g_array_index (m->spines, SlSpineSpec, 1);
  if (!parse_path_location (a->location, &r0, &d0) ||
      !parse_path_location (b->location, &r1, &d1))
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                   "%s needs the first two spines at path:REGION:D locations (%s is at %s, %s at %s)",
                   path, a->id, a->location, b->id, b->location);
      return FALSE;
    }
  if (!isfinite (value) || d0 + value < 0)
    {
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                   "%s = %g would put spine %s at %g µm, before the soma", path, value, b->id,
                   d0 + value);
      return FALSE;
    }
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    g_free (b->location);
    b->location = g_strdup_printf ("path:%s:%s", r0,
                                   g_ascii_formatd (buf, sizeof buf, "%.10g", d0 + value));
  }
  return TRUE;
}

/* Applies value to every stimulus for which pick() gives a field. */
static gboolean
set_stimuli (SlProtocolSpec *p,
             const char     *path,
             gboolean        pairing_offset,
             double          value,
             GError        **error)
{
  guint n = 0;

  if (!isfinite (value))
    return store (NULL, NULL, path, value, error);
  for (guint i = 0; i < p->stimuli->len; i++)
    {
      SlStimulusSpec *st = &g_array_index (p->stimuli, SlStimulusSpec, i);

      if (pairing_offset && st->kind == SL_STIM_PAIRING)
        st->offset = value, n++;
      else if (!pairing_offset && st->kind != SL_STIM_ICLAMP_STEP &&
               (st->train.kind == SL_TRAIN_REGULAR || st->train.kind == SL_TRAIN_POISSON))
        st->train.rate = value, n++;
    }
  if (n == 0)
    g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                 pairing_offset ? "%s: the session has no pairing stimulus"
                                : "%s: the session has no regular or Poisson train", path);
  return n > 0;
}

gboolean
sl_session_set_param (SlSession   *session,
                      const char  *path,
                      double       value,
                      GError     **error)
{
  SlModelSpec *m = session->model;
  SlProtocolSpec *p = session->protocol;
  g_auto (GStrv) part = NULL;
  guint n;

  g_return_val_if_fail (path != NULL, FALSE);
  if (strcmp (path, "delta_t") == 0)
    return set_stimuli (p, path, TRUE, value, error);
  if (strcmp (path, "frequency") == 0)
    return set_stimuli (p, path, FALSE, value, error);
  if (strcmp (path, "spine_distance") == 0)
    return set_spine_distance (m, path, value, error);
  if (strcmp (path, "ca_o") == 0)
    return store (m, find_field (_sl_environment_fields, FALSE, "ca_o"), path, value, error);

  part = g_strsplit (path, ".", 5);
  n = g_strv_length (part);
  if (n == 2 && strcmp (part[0], "model") == 0)
    {
      if (strcmp (part[1], "seed") == 0)
        {
          if (!isfinite (value) || value < 0 || value != floor (value) || value > 9007199254740992.0)
            {
              g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_VALUES,
                           "%s takes whole numbers ≥ 0 (got %g)", path, value);
              return FALSE;
            }
          m->seed = (guint64) value;
          return TRUE;
        }
      return set_model_field (m, part[1], path, value, error);
    }
  if (n == 2 && strcmp (part[0], "calcium") == 0)
    return set_in (&m->calcium, _sl_calcium_fields, FALSE, "the calcium system",
                   part[1], path, value, error);
  if (n == 2 && (strcmp (part[0], "synapse") == 0 || strcmp (part[0], "geometry") == 0))
    return set_all_synapses (m, part[0][0] == 'g', part[1], path, value, error);
  if (n == 2 && strcmp (part[0], "protocol") == 0)
    return set_in (p, _sl_protocol_fields, TRUE, "the protocol", part[1],
                   path, value, error);
  if (n == 3 && strcmp (part[0], "spine") == 0)
    {
      for (guint i = 0; i < m->spines->len; i++)
        {
          SlSpineSpec *s = &g_array_index (m->spines, SlSpineSpec, i);
          if (strcmp (s->id, part[1]) == 0)
            return set_synapse_or_geometry (&s->synapse, &s->geometry, part[2], path, value, error);
        }
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                   "%s: the session has no hand-placed spine '%s'", path, part[1]);
      return FALSE;
    }
  if (n == 3 && strcmp (part[0], "rule") == 0)
    return set_rule_param (m, part[1], part[2], path, value, error);
  if (n == 4 && strcmp (part[0], "mechanism") == 0)
    return set_mechanism (m, part[1], part[2], part[3], path, value, error);
  if (n == 3 && strcmp (part[0], "stimulus") == 0)
    {
      for (guint i = 0; i < p->stimuli->len; i++)
        {
          SlStimulusSpec *st = &g_array_index (p->stimuli, SlStimulusSpec, i);

          if (g_strcmp0 (st->name, part[1]) != 0)
            continue;
          const SlField *f;

          if ((f = find_field (_sl_train_fields, TRUE, part[2])) != NULL)
            return store (&st->train, f, path, value, error);
          if ((f = find_field (_sl_stimulus_amount_fields, TRUE, part[2])) != NULL)
            return store (st, f, path, value, error);
          {
            g_autofree char *a = field_list (_sl_stimulus_amount_fields, TRUE);
            g_autofree char *b = field_list (_sl_train_fields, TRUE);

            g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                         "%s: a stimulus has no field '%s' (known: %s, %s)", path, part[2], a, b);
            return FALSE;
          }
        }
      g_set_error (error, SL_SWEEP_ERROR, SL_SWEEP_ERROR_PARAM,
                   "%s: the session has no stimulus named '%s'", path, part[1]);
      return FALSE;
    }
  return unknown (path, error);
}

gboolean
sl_sweep_param_changes_model (const char *path)
{
  return !(strcmp (path, "delta_t") == 0 || strcmp (path, "frequency") == 0 ||
           g_str_has_prefix (path, "protocol.") || g_str_has_prefix (path, "stimulus."));
}
