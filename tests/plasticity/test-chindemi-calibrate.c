/* test-chindemi-calibrate.c: sl_chindemi_calibrate (models.md §3.2 (d)).
 *
 * The lessons in-vitro-vs-in-vivo (2.0 mM) and in-vivo (1.2 mM) hold the
 * c_pre and c_post the V11 builder measured for the same connection
 * (sl-validate-chindemi-cal.c, MODE_CAL_PRE / MODE_CAL_POST).  The general
 * calibration runs the same procedure on the same compiled cell: the one
 * difference is that it keeps ĝ_NMDA as compiled (ĝ0·ratio) where V11
 * writes ĝ_AMPA = 2ĝ0 and ratio·ĝ0/(2ĝ0), which differ in the last bit.
 * So the numbers must agree to rounding: 1e-9 relative leaves room for
 * that bit through ~10⁵ steps, and is far below any change of the
 * procedure (a 1 pA different AP pulse moves C_post by ~1e-4). */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-chindemi-calibrate.h"
#include "sl-model.h"
#include "sl-rule-chindemi.h"
#include "sl-session.h"

#define REL_TOL 1e-9

static SlSession *
load_lesson (const char *name)
{
  g_autofree char *path = g_build_filename (SL_SOURCE_DIR, "resources", "lessons", name, NULL);
  g_autoptr(GError) error = NULL;
  SlSession *s = sl_session_load (path, &error);

  g_assert_no_error (error);
  return s;
}

/* c_pre/c_post of spine id's assignment in the file. */
static double
file_param (const SlSession *s,
            const char      *id,
            const char      *name)
{
  g_autofree char *target = g_strdup_printf ("spine:%s", id);

  for (guint i = 0; i < s->model->rules->len; i++)
    {
      const SlRuleAssignment *a = &g_array_index (s->model->rules, SlRuleAssignment, i);

      if (g_strcmp0 (a->target, target) != 0)
        continue;
      for (guint j = 0; j < a->params->len; j++)
        if (g_strcmp0 (g_array_index (a->params, SlParamValue, j).name, name) == 0)
          return g_array_index (a->params, SlParamValue, j).value;
    }
  g_assert_not_reached ();
  return NAN;
}

static void
assert_rel (double measured,
            double expected)
{
  g_assert_cmpfloat (expected, >, 0);
  g_test_message ("relative difference %.3g", fabs (measured - expected) / expected);
  g_assert_cmpfloat (fabs (measured - expected) / expected, <, REL_TOL);
}

typedef struct
{
  double last;
  int    calls;
  gint64 t_last;     /* µs, monotonic, of the last call */
  char  *stage;      /* of the last call */
} Progress;

static void
progress_cb (double      fraction,
             const char *stage,
             gpointer    data)
{
  Progress *p = data;

  g_assert_nonnull (stage);
  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  /* for the progress weights of sl-chindemi-calibrate.c */
  if (p->stage != NULL)
    g_test_message ("stage %s: %.3f s (reported at %.2f)", p->stage,
                    (g_get_monotonic_time () - p->t_last) * 1e-6, p->last);
  g_free (p->stage);
  p->stage = g_strdup (stage);
  p->t_last = g_get_monotonic_time ();
  p->last = fraction;
  p->calls++;
}

static void
check_against (const SlChindemiCalibration *cal,
               const SlSession             *expected)
{
  g_assert_cmpuint (cal->spines->len, ==, 5);
  for (guint i = 0; i < cal->spines->len; i++)
    {
      const SlChindemiCalSpine *sp = &g_array_index (cal->spines, SlChindemiCalSpine, i);
      double a_d[2] = { sp->params[SL_CHI_A_D_PRE], sp->params[SL_CHI_A_D_POST] };

      g_test_message ("%s %.1f µm: C_pre %.10g (file %.10g), C_post %.10g (file %.10g)",
                      sp->id, sp->distance, sp->c_pre, file_param (expected, sp->id, "c_pre"),
                      sp->c_post, file_param (expected, sp->id, "c_post"));
      assert_rel (sp->c_pre, file_param (expected, sp->id, "c_pre"));
      assert_rel (sp->c_post, file_param (expected, sp->id, "c_post"));
      /* basal preset, Table 2: θ_d = 1.002 C_pre + 1.954 C_post */
      g_assert_cmpfloat (a_d[0], ==, 1.002);
      g_assert_cmpfloat (a_d[1], ==, 1.954);
      g_assert_cmpfloat (fabs (sp->theta_d - (1.002 * sp->c_pre + 1.954 * sp->c_post)), <,
                         1e-15);
      g_assert_cmpfloat (fabs (sp->theta_p - (1.159 * sp->c_pre + 2.483 * sp->c_post)), <,
                         1e-15);
    }
}

/* At its own 2.0 mM the in-vitro lesson gets its own numbers back; the
 * session the calibration writes holds them. */
static void
test_vitro (void)
{
  g_autoptr(SlSession) vitro = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlChindemiCalibration) cal = NULL;
  g_autoptr(SlSession) applied = NULL;
  Progress pr = { 0, 0, 0, NULL };
  static const char * const ids[] = { "s1", "s2", "s3", "s4", "s5" };
  static const double dist[] = { 50, 75, 100, 125, 150 };

  cal = sl_chindemi_calibrate (vitro, 0, NULL, progress_cb, &pr, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cal->ca_o, ==, 2.0);
  /* the five synapses get the same presynaptic spikes: one connection */
  g_assert_cmpint (cal->n_connections, ==, 1);
  g_assert_cmpfloat (pr.last, ==, 1.0);
  g_assert_cmpint (pr.calls, >=, 3);
  g_free (pr.stage);
  check_against (cal, vitro);
  for (guint i = 0; i < 5; i++)
    {
      const SlChindemiCalSpine *sp = &g_array_index (cal->spines, SlChindemiCalSpine, i);

      g_assert_cmpstr (sp->id, ==, ids[i]);
      /* path:basal:D spines */
      g_assert_cmpfloat (fabs (sp->distance - dist[i]), <, 1e-6);
    }
  /* the protocol's pulse is V11's (the file's somatic AP amplitude,
   * train_factor ≥ 1.1 × the same threshold) */
  g_assert_cmpfloat (cal->ap_amp, ==, 1.1 * cal->ap_threshold);
  g_assert_cmpfloat (cal->ap_threshold, >, 0.1);

  applied = sl_chindemi_calibration_apply (vitro, cal);
  g_assert_cmpfloat (applied->model->ca_o, ==, 2.0);
  g_assert_cmpuint (applied->model->rules->len, ==, vitro->model->rules->len);
  for (guint i = 0; i < 5; i++)
    {
      assert_rel (file_param (applied, ids[i], "c_pre"), file_param (vitro, ids[i], "c_pre"));
      assert_rel (file_param (applied, ids[i], "c_post"), file_param (vitro, ids[i], "c_post"));
      g_assert_cmpfloat (file_param (applied, ids[i], "rho0"), ==,
                         file_param (vitro, ids[i], "rho0"));
    }
}

/* At 1.2 mM the in-vitro lesson gets the in-vivo lesson's numbers, and
 * both C_pre and C_post fall with Ca_o (less release-independent Ca
 * entry: E_Ca and the NMDA Ca fraction). */
static void
test_vivo (void)
{
  g_autoptr(SlSession) vitro = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(SlSession) vivo = load_lesson ("in-vivo.spinelab");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlChindemiCalibration) cal = NULL;
  g_autoptr(SlSession) applied = NULL;

  cal = sl_chindemi_calibrate (vitro, 1.2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cal->ca_o, ==, 1.2);
  check_against (cal, vivo);
  for (guint i = 0; i < cal->spines->len; i++)
    {
      const SlChindemiCalSpine *sp = &g_array_index (cal->spines, SlChindemiCalSpine, i);

      g_assert_cmpfloat (sp->c_pre, <, file_param (vitro, sp->id, "c_pre"));
      g_assert_cmpfloat (sp->c_post, <, file_param (vitro, sp->id, "c_post"));
    }
  applied = sl_chindemi_calibration_apply (vitro, cal);
  g_assert_cmpfloat (applied->model->ca_o, ==, 1.2);
  g_assert_cmpfloat (vitro->model->ca_o, ==, 2.0);
}

/* A spine that has the rule from its region gets its own assignment with
 * the region's parameters and the new values; the model it compiles to
 * runs the same parameters. */
static void
test_region_rule (void)
{
  g_autoptr(SlSession) s = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(SlChindemiCalibration) cal = NULL;
  g_autoptr(SlSession) applied = NULL;
  g_autoptr(GError) error = NULL;
  SlRuleAssignment *a;

  /* s3's rule moves to the basal region (the others keep their own) */
  for (guint i = 0; i < s->model->rules->len; i++)
    {
      a = &g_array_index (s->model->rules, SlRuleAssignment, i);
      if (g_strcmp0 (a->target, "spine:s3") == 0)
        {
          g_free (a->target);
          a->target = g_strdup ("basal");
        }
    }
  cal = sl_chindemi_calibrate (s, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  applied = sl_chindemi_calibration_apply (s, cal);
  g_assert_cmpuint (applied->model->rules->len, ==, s->model->rules->len + 1);
  a = &g_array_index (applied->model->rules, SlRuleAssignment, applied->model->rules->len - 1);
  g_assert_cmpstr (a->target, ==, "spine:s3");
  g_assert_cmpstr (a->rule, ==, "chindemi");
  g_assert_cmpfloat (file_param (applied, "s3", "u0"), ==, 0.2938);
  g_assert_cmpfloat (file_param (applied, "s3", "rho0"), ==, 0);
  g_assert_cmpfloat (file_param (applied, "s3", "c_pre"), ==,
                     g_array_index (cal->spines, SlChindemiCalSpine, 2).c_pre);
}

static SlModel *
compile (const SlSession *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) morph = sl_session_load_morphology (s, &error);
  SlModel *m;

  g_assert_no_error (error);
  m = sl_model_compile (s->model, morph, &error);
  g_assert_no_error (error);
  return m;
}

/* Density spines with the rule from their region (apical preset, ρ0 drawn):
 * each gets its own assignment; the written session compiles to the same
 * parameters for every spine, the new c_pre/c_post aside, and measuring
 * it again gives the same numbers. */
static void
test_density_spines (void)
{
  g_autoptr(SlSession) s = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(SlChindemiCalibration) cal = NULL, again = NULL;
  g_autoptr(SlSession) applied = NULL;
  g_autoptr(SlModel) m0 = NULL, m1 = NULL;
  g_autoptr(GError) error = NULL;
  SlSpineGroupSpec *g;
  SlRuleAssignment *a;
  SlParamValue rho = { NULL, -1.0 };
  guint n_group = 0;

  g = sl_model_spec_add_spine_group (s->model, "apical", 0.01);
  g->seed = 7;
  a = sl_model_spec_set_rule (s->model, "apical", "chindemi", "apical");
  rho.name = g_strdup ("rho0");
  g_array_append_val (a->params, rho);
  cal = sl_chindemi_calibrate (s, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  applied = sl_chindemi_calibration_apply (s, cal);
  m0 = compile (s);
  m1 = compile (applied);
  g_assert_cmpint (m0->n_spines, ==, m1->n_spines);
  for (int k = 0; k < m0->n_spines; k++)
    {
      const double *p0 = &m0->rule_params[m0->rule_param_offset[k]];
      const double *p1 = &m1->rule_params[m1->rule_param_offset[k]];

      g_assert_true (m0->spine_rule[k] == m1->spine_rule[k]);
      n_group += g_str_has_prefix (m0->spine_id[k], "g0-");
      for (int j = 0; j < SL_CHI_N_PARAMS; j++)
        if (j != SL_CHI_C_PRE && j != SL_CHI_C_POST)
          g_assert_cmpfloat (p0[j], ==, p1[j]);
      g_assert_cmpfloat (p1[SL_CHI_C_PRE], >, 0);
    }
  g_assert_cmpuint (n_group, >, 5);
  g_assert_cmpuint (cal->spines->len, ==, m0->n_spines);
  again = sl_chindemi_calibrate (applied, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cal->spines->len; i++)
    {
      const SlChindemiCalSpine *x = &g_array_index (cal->spines, SlChindemiCalSpine, i);
      const SlChindemiCalSpine *y = &g_array_index (again->spines, SlChindemiCalSpine, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpfloat (x->c_pre, ==, y->c_pre);
      g_assert_cmpfloat (x->c_post, ==, y->c_post);
      g_assert_cmpfloat (x->rho0, ==, y->rho0);
    }
}

static void
test_no_chindemi (void)
{
  g_autoptr(SlSession) s = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(GError) error = NULL;
  SlChindemiCalibration *cal;

  g_assert_true (sl_chindemi_spec_has_thresholds (s->model));
  g_array_set_size (s->model->rules, 0);
  g_assert_false (sl_chindemi_spec_has_thresholds (s->model));
  cal = sl_chindemi_calibrate (s, 1.2, NULL, NULL, NULL, &error);
  g_assert_null (cal);
  g_assert_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPINES);
  g_assert_nonnull (strstr (error->message, "chindemi"));
  g_clear_error (&error);

  cal = sl_chindemi_calibrate (s, 500, NULL, NULL, NULL, &error);
  g_assert_null (cal);
  g_assert_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_INVALID);
}

/* Without somatic sodium channels the soma only charges passively: no
 * threshold, a clear error. */
static void
test_no_spike (void)
{
  g_autoptr(SlSession) s = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(GError) error = NULL;
  SlChindemiCalibration *cal;

  for (guint i = 0; i < s->model->mechanisms->len; i++)
    {
      SlMechanismSpec *m = &g_array_index (s->model->mechanisms, SlMechanismSpec, i);

      if (g_strcmp0 (m->mechanism, "nat") == 0)
        m->value.value = 0.0;
    }
  cal = sl_chindemi_calibrate (s, 0, NULL, NULL, NULL, &error);
  g_assert_null (cal);
  g_assert_error (error, SL_CHINDEMI_CAL_ERROR, SL_CHINDEMI_CAL_ERROR_NO_SPIKE);
  g_test_message ("%s", error->message);
}

static void
test_cancelled (void)
{
  g_autoptr(SlSession) s = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(GCancellable) c = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (c);
  g_assert_null (sl_chindemi_calibrate (s, 1.2, c, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Connections follow the presynaptic spike times: with only s1 and s2
 * driven (same train) and s3–s5 without a stimulus, {s1, s2} is one
 * connection and s3, s4, s5 each one of their own.  s1's C_pre then comes
 * from two synapses releasing, not five: less than the lesson's (less
 * depolarisation, less NMDA unblock), and bit for bit what a session with
 * the chindemi rule on s1 and s2 only measures; C_post (one bAP, nothing
 * released) does not change. */
static void
test_connections (void)
{
  g_autoptr(SlSession) vitro = load_lesson ("in-vitro-vs-in-vivo.spinelab");
  g_autoptr(SlSession) two = NULL, pair = NULL;
  g_autoptr(SlChindemiCalibration) cal = NULL, cal_pair = NULL;
  g_autoptr(GError) error = NULL;
  Progress pr = { 0, 0, 0, NULL };

  two = sl_session_copy (vitro);
  for (guint i = two->protocol->stimuli->len; i-- > 0;)
    {
      const SlStimulusSpec *st = &g_array_index (two->protocol->stimuli, SlStimulusSpec, i);

      if (g_str_has_prefix (st->target, "spine:") && strcmp (st->target, "spine:s1") != 0
          && strcmp (st->target, "spine:s2") != 0)
        g_array_remove_index (two->protocol->stimuli, i);
    }
  cal = sl_chindemi_calibrate (two, 0, NULL, progress_cb, &pr, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cal->n_connections, ==, 4);
  /* progress (never backwards, checked in progress_cb): model, AP search,
   * C_pre, then as connections finish (1 to 4 calls: the parallel loop
   * reports what is done whenever it wakes), C_post, done */
  g_assert_cmpint (pr.calls, >=, 2 + 1 + 1 + 2);
  g_assert_cmpint (pr.calls, <=, 2 + 1 + 4 + 2);
  g_assert_cmpfloat (pr.last, ==, 1.0);
  g_free (pr.stage);
  g_test_message ("C_pre s1: %.6g (s1, s2 together) vs %.6g (all five)",
                  g_array_index (cal->spines, SlChindemiCalSpine, 0).c_pre,
                  file_param (vitro, "s1", "c_pre"));
  g_assert_cmpfloat (g_array_index (cal->spines, SlChindemiCalSpine, 0).c_pre, <,
                     file_param (vitro, "s1", "c_pre"));
  for (guint i = 0; i < 5; i++)
    assert_rel (g_array_index (cal->spines, SlChindemiCalSpine, i).c_post,
                file_param (vitro, g_array_index (cal->spines, SlChindemiCalSpine, i).id, "c_post"));

  /* the chindemi rule on s1 and s2 only */
  pair = sl_session_copy (two);
  for (guint i = pair->model->rules->len; i-- > 0;)
    {
      const SlRuleAssignment *a = &g_array_index (pair->model->rules, SlRuleAssignment, i);

      if (strcmp (a->target, "spine:s1") != 0 && strcmp (a->target, "spine:s2") != 0)
        g_array_remove_index (pair->model->rules, i);
    }
  cal_pair = sl_chindemi_calibrate (pair, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cal_pair->n_connections, ==, 1);
  g_assert_cmpuint (cal_pair->spines->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpfloat (g_array_index (cal_pair->spines, SlChindemiCalSpine, i).c_pre, ==,
                       g_array_index (cal->spines, SlChindemiCalSpine, i).c_pre);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plasticity/chindemi-calibrate/vitro-own-ca", test_vitro);
  g_test_add_func ("/plasticity/chindemi-calibrate/vivo", test_vivo);
  g_test_add_func ("/plasticity/chindemi-calibrate/region-rule", test_region_rule);
  g_test_add_func ("/plasticity/chindemi-calibrate/connections", test_connections);
  g_test_add_func ("/plasticity/chindemi-calibrate/density-spines", test_density_spines);
  g_test_add_func ("/plasticity/chindemi-calibrate/no-chindemi", test_no_chindemi);
  g_test_add_func ("/plasticity/chindemi-calibrate/no-spike", test_no_spike);
  g_test_add_func ("/plasticity/chindemi-calibrate/cancelled", test_cancelled);
  return g_test_run ();
}
