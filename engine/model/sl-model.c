/* sl-model.c: sl_model_compile() — counts first, then one block of flat
 * arrays in Hines order.  The discretisation is in sl-model-geometry.c,
 * mechanisms and spines here. */
#include "sl-model-private.h"
#include "sl-physics-private.h"
#include "sl-calcium.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (sl-model-error-quark, sl_model_error)

#define GAS_R    8.314462
#define FARADAY  96485.33

/* ------------------------------------------------------------------ */
/* Mechanisms. */

typedef enum { MECH_CABLE, MECH_PAS, MECH_HH, MECH_CAHVA, MECH_NAT, MECH_KV3, N_MECH } MechId;

static const char * const mech_names[N_MECH] = { "cable", "pas", "hh", "ca_hva", "nat", "kv3" };
static const char * const mech_params[N_MECH][7] = {
  { "cm", "Ra", NULL },
  { "g", "e", NULL },
  { "gnabar", "gkbar", "gl", "el", "ena", "ek", NULL },
  { "gbar", NULL },
  { "gbar", "ena", "ar2", NULL },
  { "gbar", "ek", NULL },
};
/* NEURON's defaults: cm 1 µF/cm², Ra 35.4 Ω·cm; pas g 0.001 S/cm², e −70 mV;
 * hh as shipped; Ca_HVA gbar 1e−5 S/cm² (Hay 2011 mod default); NaTa_t and
 * SKv3_1 gbar 1e−5 S/cm² (Hay 2011 mod defaults), ena 50, ek −85 mV (Hay
 * 2011 L5PCbiophys); nat ar2 1 (na3's default: no slow inactivation). */
static const double mech_defaults[N_MECH][6] = {
  { 1.0, 35.4 },
  { 0.001, -70.0 },
  { 0.12, 0.036, 0.0003, -54.3, 50.0, -77.0 },
  { 1e-5 },
  { 1e-5, 50.0, 1.0 },
  { 1e-5, -85.0 },
};

typedef struct
{
  int mech;
  int param;        /* −1 = insert only */
  int region;       /* −2 = all */
  const SlProfile *value;
} MechLine;

/* A spec name of a region: "path:REGION:D" locations name one too. */
static gboolean
spec_names_region (const SlModelSpec *spec,
                   const char        *name)
{
  for (guint i = 0; spec->mechanisms != NULL && i < spec->mechanisms->len; i++)
    if (g_strcmp0 (g_array_index (spec->mechanisms, SlMechanismSpec, i).region, name) == 0)
      return TRUE;
  for (guint i = 0; spec->spine_groups != NULL && i < spec->spine_groups->len; i++)
    if (g_strcmp0 (g_array_index (spec->spine_groups, SlSpineGroupSpec, i).region, name) == 0)
      return TRUE;
  for (guint i = 0; spec->rules != NULL && i < spec->rules->len; i++)
    if (g_strcmp0 (g_array_index (spec->rules, SlRuleAssignment, i).target, name) == 0)
      return TRUE;
  for (guint i = 0; spec->spines != NULL && i < spec->spines->len; i++)
    {
      const char *loc = g_array_index (spec->spines, SlSpineSpec, i).location;
      gsize n = strlen (name);

      if (loc != NULL && g_str_has_prefix (loc, "path:") &&
          strncmp (loc + 5, name, n) == 0 && loc[5 + n] == ':')
        return TRUE;
    }
  return FALSE;
}

/* The regions the model keeps (bit r of region_mask is kept[r]): all of
 * them when they fit in 64 bits; otherwise (NeuroML2 files from NEURON
 * carry a group per section, Hay's L5PC 316) the type and derived label
 * regions, the groups the spec names, then the other groups in file
 * order while they fit.  Returns the count, or −1 with an error. */
static int
pick_regions (const SlModelSpec   *spec,
              const SlMorphology  *morph,
              const SlRegion     **kept,
              GError             **error)
{
  int n = 0;

  if (morph->n_regions <= 64)
    {
      for (int r = 0; r < morph->n_regions; r++)
        kept[n++] = &morph->regions[r];
      return n;
    }
  for (int pass = 0; pass < 3; pass++)
    for (int r = 0; r < morph->n_regions; r++)
      {
        const SlRegion *reg = &morph->regions[r];
        gboolean group = reg->kind == SL_REGION_GROUP;
        gboolean named = group && spec_names_region (spec, reg->name);
        gboolean take = pass == 0 ? !group : pass == 1 ? named : group && !named;

        if (!take)
          continue;
        if (n == 64)
          {
            if (pass < 2)
              {
                g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                             "%s: more than 64 regions are needed (type, label and named "
                             "groups); '%s' does not fit", morph->name, reg->name);
                return -1;
              }
            return n;
          }
        kept[n++] = reg;
      }
  return n;
}

static gboolean
parse_mechanisms (const SlModelSpec  *spec,
                  const SlMorphology *morph,
                  const SlRegion    **kept,
                  int                 n_kept,
                  MechLine           *lines,
                  GError            **error)
{
  for (guint i = 0; spec->mechanisms != NULL && i < spec->mechanisms->len; i++)
    {
      const SlMechanismSpec *m = &g_array_index (spec->mechanisms, SlMechanismSpec, i);
      MechLine *l = &lines[i];

      l->mech = -1;
      for (int k = 0; k < N_MECH; k++)
        if (g_strcmp0 (m->mechanism, mech_names[k]) == 0)
          l->mech = k;
      if (l->mech < 0)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                       "mechanism line %u: unknown mechanism '%s' (known: cable, pas, hh, ca_hva, nat, kv3)",
                       i + 1, m->mechanism ? m->mechanism : "(null)");
          return FALSE;
        }
      l->param = -1;
      if (m->param != NULL)
        {
          for (int k = 0; mech_params[l->mech][k] != NULL; k++)
            if (strcmp (m->param, mech_params[l->mech][k]) == 0)
              l->param = k;
          if (l->param < 0)
            {
              g_autofree char *known = g_strjoinv (", ", (char **) mech_params[l->mech]);

              g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                           "mechanism line %u: '%s' has no parameter '%s' (known: %s)",
                           i + 1, m->mechanism, m->param, known);
              return FALSE;
            }
        }
      else if (l->mech == MECH_CABLE)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "mechanism line %u: 'cable' needs a parameter (cm or Ra)", i + 1);
          return FALSE;
        }
      if (g_strcmp0 (m->region, "all") == 0)
        l->region = -2;
      else
        {
          l->region = -1;
          for (int r = 0; r < n_kept; r++)
            if (g_strcmp0 (kept[r]->name, m->region) == 0)
              l->region = r;
          if (l->region < 0)
            {
              g_autoptr(GString) known = g_string_new ("all");

              for (int r = 0; r < n_kept; r++)
                g_string_append_printf (known, ", %s", kept[r]->name);
              g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                           "mechanism line %u ('%s'): the cell %s has no region '%s' (known: %s)",
                           i + 1, m->mechanism, morph->name, m->region ? m->region : "(null)",
                           known->str);
              return FALSE;
            }
        }
      l->value = &m->value;
    }
  return TRUE;
}

/* Per-node parameter values (n × N_MECH × 6) and insertion flags. */
static void
apply_mechanisms (const MechLine *lines,
                  int             n_lines,
                  int             n,
                  const guint64  *mask,
                  const double   *distance,
                  double         *val,
                  guint8         *inserted)
{
  for (int i = 0; i < n; i++)
    for (int m = 0; m < N_MECH; m++)
      {
        inserted[i * N_MECH + m] = m == MECH_CABLE;
        for (int p = 0; p < 6; p++)
          val[(i * N_MECH + m) * 6 + p] = mech_defaults[m][p];
      }
  for (int k = 0; k < n_lines; k++)
    {
      const MechLine *l = &lines[k];

      for (int i = 0; i < n; i++)
        {
          if (!_sl_in_region (mask[i], l->region))
            continue;
          inserted[i * N_MECH + l->mech] = 1;
          if (l->param >= 0)
            val[(i * N_MECH + l->mech) * 6 + l->param] = sl_profile_eval (l->value, distance[i]);
        }
    }
}

static double
peak_factor (double tau_r,
             double tau_d)
{
  double tp = tau_r * tau_d * log (tau_d / tau_r) / (tau_d - tau_r);

  return 1.0 / (exp (-tp / tau_d) - exp (-tp / tau_r));
}

static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

/* ------------------------------------------------------------------ */
/* The block. */

typedef struct
{
  gpointer *field;
  gsize     bytes;
} Slice;

static gsize
align64 (gsize n)
{
  return (n + 63) & ~(gsize) 63;
}

#define SLICE(f, n) slices[n_slices++] = (Slice) { (gpointer *) &(f), (gsize) (n) * sizeof (*(f)) }

static void
carve (SlModel *m,
       int      n_regions,
       gsize    strings)
{
  Slice slices[96];
  int n_slices = 0, nn = m->n_nodes, ns = m->n_spines;
  gsize total = 0;
  char *p;

  SLICE (m->parent, nn); SLICE (m->kind, nn); SLICE (m->section, nn); SLICE (m->point, nn);
  SLICE (m->x, nn); SLICE (m->area, nn); SLICE (m->cm, nn); SLICE (m->cap, nn);
  SLICE (m->g_axial, nn); SLICE (m->g_pas, nn); SLICE (m->e_pas, nn); SLICE (m->distance, nn);
  SLICE (m->xyz, 3 * nn); SLICE (m->diam, nn); SLICE (m->length, nn); SLICE (m->region_mask, nn);
  SLICE (m->sections, m->n_sections); SLICE (m->pt3d, 4 * m->n_pt);
  SLICE (m->region_names, n_regions);
  SLICE (m->hh_node, m->n_hh); SLICE (m->hh_gnabar, m->n_hh); SLICE (m->hh_gkbar, m->n_hh);
  SLICE (m->hh_gl, m->n_hh); SLICE (m->hh_el, m->n_hh); SLICE (m->hh_ena, m->n_hh);
  SLICE (m->hh_ek, m->n_hh); SLICE (m->hh_table, 6 * SL_HH_TABLE_N);
  SLICE (m->cahva_node, m->n_cahva); SLICE (m->cahva_gbar, m->n_cahva);
  SLICE (m->nat_node, m->n_nat); SLICE (m->nat_gbar, m->n_nat); SLICE (m->nat_ena, m->n_nat);
  SLICE (m->nat_ar2, m->n_nat);
  SLICE (m->kv3_node, m->n_kv3); SLICE (m->kv3_gbar, m->n_kv3); SLICE (m->kv3_ek, m->n_kv3);
  SLICE (m->spine_id, ns); SLICE (m->spine_node, ns); SLICE (m->spine_section, ns);
  SLICE (m->spine_x, ns); SLICE (m->spine_xyz, 3 * ns); SLICE (m->spine_volume, ns);
  SLICE (m->spine_neck_length, ns); SLICE (m->spine_neck_diam, ns);
  SLICE (m->spine_head_area, ns); SLICE (m->spine_r_neck, ns);
  SLICE (m->syn_g_ampa, ns); SLICE (m->syn_g_nmda, ns);
  SLICE (m->syn_tau_r_ampa, ns); SLICE (m->syn_tau_d_ampa, ns);
  SLICE (m->syn_tau_r_nmda, ns); SLICE (m->syn_tau_d_nmda, ns);
  SLICE (m->syn_phi_ampa, ns); SLICE (m->syn_phi_nmda, ns);
  SLICE (m->syn_e_ampa, ns); SLICE (m->syn_e_nmda, ns); SLICE (m->syn_mg, ns);
  SLICE (m->syn_mg_scale, ns); SLICE (m->syn_mg_slope, ns); SLICE (m->syn_g_vdcc, ns);
  SLICE (m->syn_mg_index, ns); SLICE (m->mg_table, (gsize) m->n_mg * SL_VT_N);
  SLICE (m->vdcc_table, ns > 0 ? 2 * SL_VT_N : 0);
  SLICE (m->syn_use, ns); SLICE (m->syn_tau_dep, ns); SLICE (m->syn_tau_fac, ns);
  SLICE (m->syn_n_rrp, ns); SLICE (m->syn_stochastic, ns); SLICE (m->spine_seed, ns);
  SLICE (m->spine_rule, ns); SLICE (m->rule_param_offset, ns); SLICE (m->rule_state_offset, ns);
  SLICE (m->rule_params, m->n_rule_params); SLICE (m->syn_w0, ns);
  g_assert (n_slices <= (int) G_N_ELEMENTS (slices));

  for (int i = 0; i < n_slices; i++)
    total += align64 (slices[i].bytes);
  total += strings;
  m->block = g_malloc0 (total);
  m->block_size = total;
  p = m->block;
  for (int i = 0; i < n_slices; i++)
    {
      *slices[i].field = slices[i].bytes > 0 ? p : NULL;
      p += align64 (slices[i].bytes);
    }
}

static void
model_clear (gpointer data)
{
  SlModel *m = data;

  g_free (m->name);
  g_clear_pointer (&m->calcium, sl_calcium_grid_free);
  g_free (m->block);
}

SlModel *
sl_model_ref (SlModel *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
sl_model_unref (SlModel *self)
{
  g_atomic_rc_box_release_full (self, model_clear);
}

int
sl_model_find_spine (const SlModel *self,
                     const char    *id)
{
  for (int k = 0; k < self->n_spines; k++)
    if (strcmp (self->spine_id[k], id) == 0)
      return k;
  return -1;
}

int
sl_model_find_region (const SlModel *self,
                      const char    *name)
{
  if (g_strcmp0 (name, "all") == 0)
    return -2;
  for (int r = 0; r < self->n_regions; r++)
    if (g_strcmp0 (self->region_names[r], name) == 0)
      return r;
  return -1;
}

/* ------------------------------------------------------------------ */

static void
spine_direction (const SlModel *m,
                 int            node,
                 guint64        seed,
                 double        *dir)
{
  const SlModelSection *sec = &m->sections[m->section[node]];
  const double *a = &m->pt3d[4 * sec->pt_offset];
  const double *b = &m->pt3d[4 * (sec->pt_offset + sec->n_pt - 1)];
  double t[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] }, r[3], n = 0, dot = 0;
  double ang = (splitmix64 (seed) >> 11) * (1.0 / 9007199254740992.0) * 2 * G_PI;

  r[0] = cos (ang); r[1] = sin (ang); r[2] = 0.3;
  for (int i = 0; i < 3; i++)
    n += t[i] * t[i];
  n = sqrt (n);
  for (int i = 0; i < 3; i++)
    t[i] = n > 0 ? t[i] / n : 0;
  for (int i = 0; i < 3; i++)
    dot += r[i] * t[i];
  n = 0;
  for (int i = 0; i < 3; i++)
    {
      dir[i] = r[i] - dot * t[i];
      n += dir[i] * dir[i];
    }
  n = sqrt (n);
  for (int i = 0; i < 3; i++)
    dir[i] = n > 0 ? dir[i] / n : (i == 0);
}

SlModel *
sl_model_compile (const SlModelSpec  *spec,
                  SlMorphology       *morph,
                  GError            **error)
{
  SlCableLayout layout = { 0 };
  g_autofree MechLine *lines = NULL;
  g_autofree const SlRegion **kept = NULL;
  g_autofree guint64 *point_mask = NULL;
  g_autofree guint64 *node_mask = NULL;
  g_autofree double *node_dist = NULL;
  g_autofree int *node_sec = NULL;
  g_autofree double *cm_sec = NULL;
  g_autofree double *val = NULL;
  g_autofree guint8 *ins = NULL;
  g_autoptr(GArray) spines = NULL;
  g_autofree char **names = NULL;
  g_autofree SlRulePick *picks = NULL;
  int n_rule_params = 0, n_rule_state = 0;
  int n_lines, n_regions, n_cable, n_hh = 0, n_cahva = 0, n_nat = 0, n_kv3 = 0;
  SlModel *m;
  gsize strings = 0;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (morph != NULL, NULL);

  if (!(spec->d_lambda > 0) || !(spec->d_lambda_freq > 0) || !(spec->max_length >= 0) ||
      !isfinite (spec->celsius) || !isfinite (spec->v_init) || !(spec->ca_o > 0))
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                   "model: d_lambda (%g), d_lambda_freq (%g Hz) and ca_o (%g mM) must be positive, "
                   "max_length (%g µm) ≥ 0, celsius and v_init finite",
                   spec->d_lambda, spec->d_lambda_freq, spec->ca_o, spec->max_length);
      return NULL;
    }
  kept = g_new0 (const SlRegion *, 64);
  n_regions = pick_regions (spec, morph, kept, error);
  if (n_regions < 0)
    return NULL;
  n_lines = spec->mechanisms != NULL ? spec->mechanisms->len : 0;
  lines = g_new0 (MechLine, MAX (n_lines, 1));
  if (!parse_mechanisms (spec, morph, kept, n_regions, lines, error))
    return NULL;

  point_mask = g_new0 (guint64, MAX (morph->n_points, 1));
  for (int r = 0; r < n_regions; r++)
    for (int k = 0; k < kept[r]->n_points; k++)
      {
        int pt = kept[r]->points[k];

        if (pt >= 0 && pt < morph->n_points)
          point_mask[pt] |= G_GUINT64_CONSTANT (1) << r;
      }

  if (!_sl_layout_sections (&layout, morph, error))
    goto fail;

  /* Ra and cm per section, for d_lambda, evaluated at the section's first
   * own point and mid-length. */
  {
    int ns = layout.sections->len;
    g_autofree guint64 *smask = g_new (guint64, ns);
    g_autofree double *sdist = g_new (double, ns);
    g_autofree double *sval = g_new (double, ns * N_MECH * 6);
    g_autofree guint8 *sins = g_new (guint8, ns * N_MECH);

    cm_sec = g_new (double, ns);
    for (int s = 0; s < ns; s++)
      {
        SlModelSection *sec = &g_array_index (layout.sections, SlModelSection, s);

        smask[s] = point_mask[g_array_index (layout.pt_point, int, sec->pt_offset + 1)];
        sdist[s] = s == layout.soma_section ? 0 : sec->distance0 + 0.5 * sec->length;
      }
    apply_mechanisms (lines, n_lines, ns, smask, sdist, sval, sins);
    for (int s = 0; s < ns; s++)
      {
        g_array_index (layout.sections, SlModelSection, s).ra = sval[(s * N_MECH + MECH_CABLE) * 6 + 1];
        cm_sec[s] = sval[(s * N_MECH + MECH_CABLE) * 6 + 0];
      }
  }

  if (!_sl_layout_nodes (&layout, cm_sec, spec->d_lambda, spec->d_lambda_freq,
                         spec->max_length, error))
    goto fail;

  n_cable = layout.nodes->len;
  node_mask = g_new (guint64, n_cable);
  node_dist = g_new (double, n_cable);
  node_sec = g_new (int, n_cable);
  for (int i = 0; i < n_cable; i++)
    {
      const SlLayoutNode *nd = &g_array_index (layout.nodes, SlLayoutNode, i);

      node_mask[i] = nd->point >= 0 ? point_mask[nd->point] : 0;
      node_dist[i] = nd->distance;
      node_sec[i] = nd->section;
    }
  val = g_new (double, n_cable * N_MECH * 6);
  ins = g_new (guint8, n_cable * N_MECH);
  apply_mechanisms (lines, n_lines, n_cable, node_mask, node_dist, val, ins);
  for (int i = 0; i < n_cable; i++)
    {
      if (g_array_index (layout.nodes, SlLayoutNode, i).kind == SL_NODE_JUNCTION)
        continue;
      n_hh += ins[i * N_MECH + MECH_HH];
      n_cahva += ins[i * N_MECH + MECH_CAHVA];
      n_nat += ins[i * N_MECH + MECH_NAT];
      n_kv3 += ins[i * N_MECH + MECH_KV3];
      if (ins[i * N_MECH + MECH_NAT])
        {
          double ar2 = val[(i * N_MECH + MECH_NAT) * 6 + 2];

          if (!(ar2 >= 0.0 && ar2 <= 1.0))
            {
              g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                           "mechanism 'nat': ar2 must be in 0–1 (1 = no slow inactivation), "
                           "got %g at %.1f µm from the soma", ar2, node_dist[i]);
              goto fail;
            }
        }
    }

  /* Spines, resolved against the cable. */
  names = g_new0 (char *, n_regions + 1);
  for (int r = 0; r < n_regions; r++)
    names[r] = kept[r]->name;
  {
    SlLocationView view = { 0 };

    view.sections = (const SlModelSection *) layout.sections->data;
    view.n_sections = layout.sections->len;
    view.pt3d = (const double *) layout.pt3d->data;
    view.region_mask = node_mask;
    view.section_of = node_sec;
    view.distance = node_dist;
    view.region_names = names;
    view.n_regions = n_regions;
    view.soma_node = layout.soma_node;
    view.soma_section = layout.soma_section;
    view.n_cable = n_cable;

    spines = g_array_new (FALSE, TRUE, sizeof (SlSpinePlace));
    g_array_set_clear_func (spines, (GDestroyNotify) _sl_spine_place_clear);
    if (!_sl_place_spines (spec, morph, &layout, &view, spines, error))
      goto fail;
  }

  /* Rules per spine. */
  {
    g_autofree char **ids = g_new0 (char *, spines->len + 1);
    g_autofree guint64 *masks = g_new0 (guint64, spines->len + 1);

    for (guint k = 0; k < spines->len; k++)
      {
        ids[k] = g_array_index (spines, SlSpinePlace, k).id;
        masks[k] = node_mask[g_array_index (spines, SlSpinePlace, k).node];
      }
    picks = g_new0 (SlRulePick, spines->len + 1);
    if (!_sl_rules_pick (spec, names, n_regions, spines->len, ids, masks, picks,
                         &n_rule_params, &n_rule_state, error))
      goto fail;
  }

  /* ---- allocate ---- */
  m = g_atomic_rc_box_new0 (SlModel);
  m->n_rule_params = n_rule_params;
  m->n_rule_state = n_rule_state;
  /* distinct Mg-block parameter sets (usually one) */
  {
    g_autofree double *seen = g_new (double, 3 * (spines->len + 1));

    for (guint k = 0; k < spines->len; k++)
      {
        const SlSynapseSpec *sy = &g_array_index (spines, SlSpinePlace, k).synapse;
        double key[3] = { sy->mg, sy->mg_block == SL_MG_VARGAS_CABALLERO ? 2.552 : 3.57,
                          sy->mg_block == SL_MG_VARGAS_CABALLERO ? 0.072 : 0.062 };
        int j;

        for (j = 0; j < m->n_mg; j++)
          if (memcmp (&seen[3 * j], key, sizeof key) == 0)
            break;
        if (j == m->n_mg)
          memcpy (&seen[3 * m->n_mg++], key, sizeof key);
      }
  }
  m->name = g_strdup (morph->name);
  m->n_cable = n_cable;
  m->n_spines = spines->len;
  m->n_nodes = n_cable + 2 * m->n_spines;
  m->n_sections = layout.sections->len;
  m->n_pt = layout.pt_point->len;
  m->n_hh = n_hh;
  m->n_cahva = n_cahva;
  m->n_nat = n_nat;
  m->n_kv3 = n_kv3;
  m->n_regions = n_regions;
  m->soma_node = layout.soma_node;
  m->soma_section = layout.soma_section;
  for (int r = 0; r < n_regions; r++)
    strings += strlen (kept[r]->name) + 1;
  for (guint k = 0; k < spines->len; k++)
    strings += strlen (g_array_index (spines, SlSpinePlace, k).id) + 1;
  carve (m, n_regions, strings);

  {
    char *str = (char *) m->block + m->block_size - strings;

    for (int r = 0; r < n_regions; r++)
      {
        m->region_names[r] = str;
        str = g_stpcpy (str, kept[r]->name) + 1;
      }
    for (guint k = 0; k < spines->len; k++)
      {
        m->spine_id[k] = str;
        str = g_stpcpy (str, g_array_index (spines, SlSpinePlace, k).id) + 1;
      }
  }

  m->celsius = spec->celsius;
  m->v_init = spec->v_init;
  m->ca_o = spec->ca_o;
  m->ca_rest = spec->calcium.ca_rest > 0 ? spec->calcium.ca_rest : 70e-6;
  m->eta_head = spec->calcium.eta_head > 0 ? spec->calcium.eta_head : 0.04;
  m->tau_head = spec->calcium.tau_head > 0 ? spec->calcium.tau_head : 12.0;
  m->pf_nmda = 0.6 * 4 * m->ca_o / (4 * m->ca_o + 120.0 / 1.38);
  m->seed = spec->seed;
  m->hh_q10 = pow (3.0, (m->celsius - 6.3) / 10.0);
  _sl_hh_table_fill (m->hh_table, m->hh_q10);
  m->nat_qt = pow (2.3, (m->celsius - 21.0) / 10.0);
  m->eca_dend = 1e3 * GAS_R * (m->celsius + 273.15) / (2 * FARADAY) * log (m->ca_o / m->ca_rest);

  memcpy (m->sections, layout.sections->data, sizeof (SlModelSection) * m->n_sections);
  memcpy (m->pt3d, layout.pt3d->data, sizeof (double) * 4 * m->n_pt);

  for (int i = 0, h = 0, c = 0, na = 0, kv = 0; i < n_cable; i++)
    {
      const SlLayoutNode *nd = &g_array_index (layout.nodes, SlLayoutNode, i);
      const double *v = &val[i * N_MECH * 6];

      m->parent[i] = nd->parent;
      m->kind[i] = nd->kind;
      m->section[i] = nd->section;
      m->point[i] = nd->point;
      m->x[i] = nd->x;
      m->area[i] = nd->area;
      m->cm[i] = v[MECH_CABLE * 6 + 0];
      m->cap[i] = 1e-5 * m->cm[i] * nd->area;
      m->g_axial[i] = nd->g_axial;
      m->g_pas[i] = ins[i * N_MECH + MECH_PAS] ? v[MECH_PAS * 6 + 0] : 0;
      m->e_pas[i] = v[MECH_PAS * 6 + 1];
      m->distance[i] = nd->distance;
      memcpy (&m->xyz[3 * i], nd->xyz, 3 * sizeof (double));
      m->diam[i] = nd->diam;
      m->length[i] = nd->length;
      m->region_mask[i] = node_mask[i];
      if (nd->kind == SL_NODE_JUNCTION)
        {
          m->g_pas[i] = 0;
          continue;
        }
      if (ins[i * N_MECH + MECH_HH])
        {
          m->hh_node[h] = i;
          m->hh_gnabar[h] = v[MECH_HH * 6 + 0];
          m->hh_gkbar[h] = v[MECH_HH * 6 + 1];
          m->hh_gl[h] = v[MECH_HH * 6 + 2];
          m->hh_el[h] = v[MECH_HH * 6 + 3];
          m->hh_ena[h] = v[MECH_HH * 6 + 4];
          m->hh_ek[h] = v[MECH_HH * 6 + 5];
          h++;
        }
      if (ins[i * N_MECH + MECH_CAHVA])
        {
          m->cahva_node[c] = i;
          m->cahva_gbar[c] = v[MECH_CAHVA * 6 + 0];
          c++;
        }
      if (ins[i * N_MECH + MECH_NAT])
        {
          m->nat_node[na] = i;
          m->nat_gbar[na] = v[MECH_NAT * 6 + 0];
          m->nat_ena[na] = v[MECH_NAT * 6 + 1];
          m->nat_ar2[na] = v[MECH_NAT * 6 + 2];
          m->nat_slow |= m->nat_ar2[na] < 1.0;
          na++;
        }
      if (ins[i * N_MECH + MECH_KV3])
        {
          m->kv3_node[kv] = i;
          m->kv3_gbar[kv] = v[MECH_KV3 * 6 + 0];
          m->kv3_ek[kv] = v[MECH_KV3 * 6 + 1];
          kv++;
        }
    }

  for (int k = 0; k < m->n_spines; k++)
    {
      const SlSpinePlace *sp = &g_array_index (spines, SlSpinePlace, k);
      const SlSynapseSpec *sy = &sp->synapse;
      int neck = n_cable + 2 * k, head = neck + 1, pn = sp->node;
      double ra = m->sections[sp->section].ra;
      double X = sp->geometry.head_volume, Ln = sp->geometry.neck_length, dn = sp->geometry.neck_diam;
      double r = cbrt (3 * X / (4 * G_PI));
      double r_neck = 1e-2 * 4 * ra * Ln / (G_PI * dn * dn);
      double r_head = 1e-2 * 4 * ra * (3 * r) / (G_PI * (4 * r / 3) * (4 * r / 3));
      double base[3], dir[3];

      m->spine_node[k] = pn;
      m->spine_section[k] = sp->section;
      m->spine_x[k] = sp->x;
      m->spine_volume[k] = X;
      m->spine_neck_length[k] = Ln;
      m->spine_neck_diam[k] = dn;
      m->spine_head_area[k] = 4 * G_PI * r * r;
      m->spine_r_neck[k] = r_neck;
      m->spine_seed[k] = splitmix64 (spec->seed ^ splitmix64 ((guint64) k + 1));

      _sl_section_point_at (&m->sections[sp->section], m->pt3d,
                            sp->x * m->sections[sp->section].length, base);
      memcpy (&m->spine_xyz[3 * k], base, sizeof base);
      spine_direction (m, pn, m->spine_seed[k], dir);

      for (int c = 0; c < 2; c++)
        {
          int i = c == 0 ? neck : head;
          double off = c == 0 ? 0.5 * Ln : Ln + 1.5 * r;

          m->parent[i] = c == 0 ? pn : neck;
          m->kind[i] = c == 0 ? SL_NODE_NECK : SL_NODE_HEAD;
          m->section[i] = -1;
          m->point[i] = -1;
          m->x[i] = 0.5;
          m->area[i] = c == 0 ? G_PI * dn * Ln : 4 * G_PI * r * r;
          m->cm[i] = m->cm[pn];
          m->cap[i] = 1e-5 * m->cm[i] * m->area[i];
          m->g_axial[i] = c == 0 ? 1.0 / (0.5 * r_neck) : 1.0 / (0.5 * r_neck + 0.5 * r_head);
          m->g_pas[i] = m->g_pas[pn];
          m->e_pas[i] = m->e_pas[pn];
          m->distance[i] = m->distance[pn];
          for (int a = 0; a < 3; a++)
            m->xyz[3 * i + a] = base[a] + off * dir[a];
          m->diam[i] = c == 0 ? dn : 4 * r / 3;
          m->length[i] = c == 0 ? Ln : 3 * r;
          m->region_mask[i] = m->region_mask[pn];
        }

      m->syn_g_ampa[k] = sy->g_ampa;
      m->syn_g_nmda[k] = sy->g_ampa * sy->nmda_ratio;
      m->syn_tau_r_ampa[k] = sy->tau_r_ampa;
      m->syn_tau_d_ampa[k] = sy->tau_d_ampa;
      m->syn_tau_r_nmda[k] = sy->tau_r_nmda;
      m->syn_tau_d_nmda[k] = sy->tau_d_nmda;
      m->syn_phi_ampa[k] = peak_factor (sy->tau_r_ampa, sy->tau_d_ampa);
      m->syn_phi_nmda[k] = peak_factor (sy->tau_r_nmda, sy->tau_d_nmda);
      m->syn_e_ampa[k] = sy->e_ampa;
      m->syn_e_nmda[k] = sy->e_nmda;
      m->syn_mg[k] = sy->mg;
      m->syn_mg_index[k] = -1;
      if (sy->mg_block == SL_MG_VARGAS_CABALLERO)
        {
          m->syn_mg_scale[k] = 2.552;
          m->syn_mg_slope[k] = 0.072;
        }
      else
        {
          m->syn_mg_scale[k] = 3.57;
          m->syn_mg_slope[k] = 0.062;
        }
      /* 0.0744 nS/µm² · A_head, in µS. */
      m->syn_g_vdcc[k] = 1e-3 * sy->g_vdcc * m->spine_head_area[k];
      m->syn_use[k] = sy->use_se > 0 ? sy->use_se : 1.0;
      if (sy->stochastic_release)
        {
          /* Chindemi's Hill scaling of U_SE with Ca_o (normalised at 2 mM). */
          double K4 = pow (2.79, 4), c4 = pow (m->ca_o, 4);

          m->syn_use[k] = MIN (1.0, m->syn_use[k] * (K4 + 16) / 16 * c4 / (K4 + c4));
        }
      m->syn_tau_dep[k] = sy->tau_dep;
      m->syn_tau_fac[k] = sy->tau_fac;
      m->syn_n_rrp[k] = MAX (sy->n_rrp, 1);
      m->syn_stochastic[k] = sy->stochastic_release;
      m->syn_w0[k] = 1.0;
    }

  /* Voltage tables. */
  if (m->n_spines > 0)
    {
      int n_rows = 0;

      for (int j = 0; j < SL_VT_N; j++)
        {
          double v = SL_VT_VMIN + j * SL_VT_DV;

          m->vdcc_table[2 * j] = 1 / (1 + exp ((-5.9 - v) / 9.5));
          m->vdcc_table[2 * j + 1] = 1 / (1 + exp ((-39 - v) / -9.2));
        }
      g_autofree int *rep = g_new (int, m->n_mg);  /* a spine of each row */

      for (int k = 0; k < m->n_spines; k++)
        {
          int row = -1;

          for (int q = 0; q < n_rows && row < 0; q++)
            if (m->syn_mg[rep[q]] == m->syn_mg[k] && m->syn_mg_scale[rep[q]] == m->syn_mg_scale[k] &&
                m->syn_mg_slope[rep[q]] == m->syn_mg_slope[k])
              row = q;
          if (row < 0)
            {
              double *t;

              g_assert (n_rows < m->n_mg);
              row = n_rows++;
              rep[row] = k;
              t = &m->mg_table[(gsize) row * SL_VT_N];
              for (int j = 0; j < SL_VT_N; j++)
                t[j] = 1 / (1 + m->syn_mg[k] / m->syn_mg_scale[k] *
                            exp (-m->syn_mg_slope[k] * (SL_VT_VMIN + j * SL_VT_DV)));
            }
          m->syn_mg_index[k] = row;
        }
    }

  if (!_sl_rules_fill (spec, picks, m, error))
    {
      sl_model_unref (m);
      goto fail;
    }
  if (m->n_spines > 0 || m->n_cahva > 0)
    {
      m->calcium = sl_calcium_grid_new_for_model (m, &spec->calcium, error);
      if (m->calcium == NULL)
        {
          sl_model_unref (m);
          goto fail;
        }
    }

  _sl_layout_clear (&layout);
  return m;

fail:
  _sl_layout_clear (&layout);
  return NULL;
}
