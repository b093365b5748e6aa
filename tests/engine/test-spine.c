/* test-spine.c: explicit spines (geometry, EPSP, head calcium), density
 * placement, locations, and errors on bad input. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "sl-model.h"
#include "sl-state.h"
#include "sl-protocol.h"
#include "sl-test-cells.h"
#include "sl-physics-private.h"

static SlModel *
one_spine_model (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, FALSE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(GError) error = NULL;
  SlModel *model;

  sl_model_spec_add_spine (spec, "s1", "path:basal:100");
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_geometry (void)
{
  g_autoptr(SlModel) m = one_spine_model ();
  int neck = m->n_cable, head = m->n_cable + 1;
  double r = cbrt (3 * 0.087 / (4 * G_PI));

  g_assert_cmpint (m->n_spines, ==, 1);
  g_assert_cmpint (m->n_nodes, ==, m->n_cable + 2);
  g_assert_cmpstr (m->spine_id[0], ==, "s1");
  /* models.md §1.2: R_neck = 4·Ra·L_n/(π d_n²) = 85 MΩ at Ra 150, 1 µm, 0.15 µm. */
  g_assert_cmpfloat (fabs (m->spine_r_neck[0] - 84.88), <, 0.05);
  /* head area of the sphere of volume 0.087 µm³: 0.95 µm² */
  g_assert_cmpfloat (fabs (m->area[head] - 0.95), <, 0.005);
  g_assert_cmpfloat_with_epsilon (m->area[head], 4 * G_PI * r * r, 1e-12);
  /* ĝ_VDCC = 0.0744 nS/µm² × A_head = 0.071 nS */
  g_assert_cmpfloat (fabs (m->syn_g_vdcc[0] * 1e3 - 0.071), <, 0.001);
  g_assert_cmpint (m->parent[neck], ==, m->spine_node[0]);
  g_assert_cmpint (m->parent[head], ==, neck);
  g_assert_cmpint (m->kind[head], ==, SL_NODE_HEAD);
  /* models.md §5 defaults: basal spines run Graupner–Brunel. */
  g_assert_nonnull (m->spine_rule[0]);
  g_assert_cmpstr (m->spine_rule[0]->name, ==, "graupner-brunel");
  g_assert_cmpfloat (fabs (m->distance[neck] - 100), <, m->length[m->spine_node[0]]);
  /* The voltage tables against the closed forms (models.md §1.4, §1.5). */
  {
    double worst = 0;

    for (double v = -140; v <= 140; v += 0.0137)
      {
        double minf = 1 / (1 + exp ((-5.9 - v) / 9.5));
        double hinf = 1 / (1 + exp ((-39 - v) / -9.2));
        double b = 1 / (1 + 1.0 / 3.57 * exp (-0.062 * v));

        worst = MAX (worst, fabs (_sl_vt_lookup (m->vdcc_table, 2, v) - minf));
        worst = MAX (worst, fabs (_sl_vt_lookup (m->vdcc_table + 1, 2, v) - hinf));
        worst = MAX (worst, fabs (_sl_vt_lookup (m->mg_table + m->syn_mg_index[0] * SL_VT_N, 1, v) - b));
      }
    g_assert_cmpint (m->n_mg, ==, 1);
    g_assert_cmpfloat (worst, <, 2e-6);
  }
  /* φ makes one release peak at exactly ĝ: check the AMPA factor. */
  {
    double tr = 0.2, td = 1.7, tp = tr * td * log (td / tr) / (td - tr);

    g_assert_cmpfloat_with_epsilon (m->syn_phi_ampa[0] * (exp (-tp / td) - exp (-tp / tr)), 1.0, 1e-12);
  }
}

static void
test_epsp (void)
{
  g_autoptr(SlModel) m = one_spine_model ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) s = NULL;
  g_autoptr(GError) error = NULL;
  SlStimulusSpec *st;
  double v0, head_peak = -1e9, dend_peak = -1e9, soma_peak = -1e9, ca_peak = 0, g_peak = 0;
  int head = m->n_cable + 1, dend = m->spine_node[0];

  st = sl_protocol_spec_add_stimulus (pspec, "pre", SL_STIM_SPIKES, "spine:s1");
  st->train.kind = SL_TRAIN_EXPLICIT;
  st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (st->train.times, (double) { 10.0 });
  pspec->tstop = 60;
  pr = sl_protocol_compile (pspec, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pr->n_events, ==, 1);
  s = sl_state_new (m);
  /* settle at rest */
  for (int k = 0; k < 400; k++)
    g_assert_true (sl_state_step (m, s, pr, 0.025));
  v0 = s->v[head];
  for (int k = 0; k < 2000; k++)
    {
      g_assert_true (sl_state_step (m, s, pr, 0.025));
      head_peak = MAX (head_peak, s->v[head]);
      dend_peak = MAX (dend_peak, s->v[dend]);
      soma_peak = MAX (soma_peak, s->v[m->soma_node]);
      ca_peak = MAX (ca_peak, s->ca_head[0]);
      g_peak = MAX (g_peak, s->g_ampa[0]);
      /* E_Ca (Nernst, models.md §1.5) tracks the head [Ca] */
      g_assert_cmpfloat (fabs (s->eca_head[0] - _sl_nernst_ca (m->celsius, m->ca_o, s->ca_head[0])),
                         <, 1e-6);
    }
  if (g_test_verbose ())
    g_printerr ("EPSP: head %.3f mV, dendrite %.3f mV, soma %.4f mV, head Ca peak %.3f µM\n",
                head_peak - v0, dend_peak - v0, soma_peak - v0, ca_peak * 1e3);
  g_assert_cmpfloat (head_peak - v0, >, dend_peak - v0);
  g_assert_cmpfloat (dend_peak - v0, >, soma_peak - v0);
  g_assert_cmpfloat (soma_peak - v0, >, 0);
  g_assert_cmpfloat (ca_peak, >, 2 * m->ca_rest);
  /* One full release: g_AMPA peaks at ĝ (sampled every 25 µs). */
  g_assert_cmpfloat (fabs (g_peak - m->syn_g_ampa[0]) / m->syn_g_ampa[0], <, 0.02);
}

static void
test_density (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, TRUE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlModel) a = NULL;
  g_autoptr(SlModel) b = NULL;
  g_autoptr(GError) error = NULL;
  SlSpineGroupSpec *g = sl_model_spec_add_spine_group (spec, "basal", 0.5);
  double len = 0;

  g->seed = 7;
  a = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  b = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  for (int i = 0; i < a->n_cable; i++)
    if (a->kind[i] == SL_NODE_NEURITE)
      len += a->length[i];
  g_assert_cmpint (a->n_spines, ==, (int) floor (0.5 * len + 0.5));
  g_assert_cmpstr (a->spine_id[0], ==, "g0-0");
  for (int k = 0; k < a->n_spines; k++)
    {
      g_assert_cmpint (a->spine_node[k], ==, b->spine_node[k]);
      g_assert_cmpfloat (a->spine_x[k], ==, b->spine_x[k]);
      g_assert_cmpint (a->kind[a->spine_node[k]], ==, SL_NODE_NEURITE);
      g_assert_cmpint (a->parent[a->n_cable + 2 * k], <, a->n_cable + 2 * k);
    }
}

static void
test_locations (void)
{
  g_autoptr(SlModel) m = one_spine_model ();
  g_autoptr(GError) error = NULL;
  int node, spine;

  g_assert_true (sl_model_resolve_location (m, "soma", &node, &spine, &error));
  g_assert_cmpint (node, ==, m->soma_node);
  g_assert_cmpint (spine, ==, -1);
  g_assert_true (sl_model_resolve_location (m, "spine:s1", &node, &spine, &error));
  g_assert_cmpint (spine, ==, 0);
  g_assert_cmpint (node, ==, m->n_cable + 1);
  /* the dendrite runs along +x from x = 10 µm (soma surface) */
  g_assert_true (sl_model_resolve_location (m, "xyz:160,3,0", &node, &spine, &error));
  g_assert_cmpfloat (fabs (m->xyz[3 * node] - 160), <=, 0.5 * m->length[node] + 1e-9);
  g_assert_true (sl_model_resolve_location (m, "path:basal:250", &node, &spine, &error));
  g_assert_cmpfloat (fabs (m->distance[node] - 250), <=, 0.5 * m->length[node] + 1e-9);
  g_assert_true (sl_model_resolve_location (m, "path:all:250", &node, &spine, &error));
  g_assert_no_error (error);

  g_assert_false (sl_model_resolve_location (m, "spine:zz", &node, &spine, &error));
  g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION);
  g_assert_nonnull (strstr (error->message, "zz"));
  g_clear_error (&error);
  g_assert_false (sl_model_resolve_location (m, "path:apical:10", &node, &spine, &error));
  g_assert_nonnull (strstr (error->message, "apical"));
  g_clear_error (&error);
  g_assert_false (sl_model_resolve_location (m, "path:basal:5000", &node, &spine, &error));
  g_assert_nonnull (strstr (error->message, "5000"));
  g_clear_error (&error);
  g_assert_false (sl_model_resolve_location (m, "xyz:1,2", &node, &spine, &error));
  g_clear_error (&error);
  g_assert_false (sl_model_resolve_location (m, "elsewhere", &node, &spine, &error));
  g_clear_error (&error);
}

static void
expect_compile_error (SlModelSpec *spec,
                      const char  *needle)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, FALSE);
  g_autoptr(GError) error = NULL;
  SlModel *m = sl_model_compile (spec, morph, &error);

  g_assert_null (m);
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected '%s' in: %s", needle, error->message);
}

static void
test_bad_input (void)
{
  {
    g_autoptr(SlModelSpec) spec = sl_model_spec_new ();

    sl_model_spec_add_mechanism (spec, "all", "kdr_fancy", NULL, 0);
    expect_compile_error (spec, "kdr_fancy");
  }
  {
    g_autoptr(SlModelSpec) spec = sl_model_spec_new ();

    sl_model_spec_add_mechanism (spec, "tuft", "hh", "gnabar", 0.01);
    expect_compile_error (spec, "tuft");
  }
  {
    g_autoptr(SlModelSpec) spec = sl_model_spec_new ();

    sl_model_spec_add_mechanism (spec, "all", "hh", "gcabar", 0.01);
    expect_compile_error (spec, "gcabar");
  }
  {
    g_autoptr(SlModelSpec) spec = sl_model_spec_new ();

    sl_model_spec_add_spine (spec, "far", "path:basal:900");
    expect_compile_error (spec, "far");
  }
  {
    g_autoptr(SlModelSpec) spec = sl_model_spec_new ();

    sl_model_spec_add_spine (spec, "a", "path:basal:50");
    sl_model_spec_add_spine (spec, "a", "path:basal:60");
    expect_compile_error (spec, "twice");
  }
  {
    g_autoptr(SlModel) m = one_spine_model ();
    g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
    g_autoptr(GError) error = NULL;
    SlStimulusSpec *st = sl_protocol_spec_add_stimulus (pspec, "drive", SL_STIM_SPIKES, "spine:nope");
    SlProtocol *pr;

    st->train.kind = SL_TRAIN_REGULAR;
    st->train.rate = 10;
    st->train.n = 3;
    pr = sl_protocol_compile (pspec, m, &error);
    g_assert_null (pr);
    g_assert_cmpstr (error->message, ==, "stimulus 'drive': no spine 'nope'");
  }
  {
    g_autoptr(SlModel) m = one_spine_model ();
    g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
    g_autoptr(GError) error = NULL;

    sl_protocol_spec_add_recording (pspec, "g", "g_ampa", "soma");
    g_assert_null (sl_protocol_compile (pspec, m, &error));
    g_assert_nonnull (strstr (error->message, "needs a spine"));
  }
}

static void
test_protocol (void)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, FALSE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) s = NULL;
  g_autoptr(SlRecorder) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *path = NULL, *csv = NULL;
  SlStimulusSpec *st;
  char *targets[] = { "spine:b", "spine:a", NULL };
  int a, b;

  sl_model_spec_add_spine (spec, "a", "path:basal:100");
  sl_model_spec_add_spine (spec, "b", "path:basal:200");
  m = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  a = sl_model_find_spine (m, "a");
  b = sl_model_find_spine (m, "b");

  /* pairing: 3 spikes at 20 Hz onto a, somatic pulses 10 ms after each */
  st = sl_protocol_spec_add_stimulus (pspec, "pair", SL_STIM_PAIRING, "spine:a");
  st->train.kind = SL_TRAIN_REGULAR;
  st->train.start = 10;
  st->train.rate = 20;
  st->train.n = 3;
  st->offset = 10;
  st->amp = 1.0;
  st->dur = 2;
  /* sequence b then a, 5 ms apart, twice with a 20 ms gap */
  st = sl_protocol_spec_add_stimulus (pspec, "seq", SL_STIM_SEQUENCE, NULL);
  st->targets = g_strdupv (targets);
  st->interval = 5;
  st->train.start = 200;
  st->train.n_repeats = 2;
  st->train.gap = 20;
  sl_protocol_spec_add_recording (pspec, "v_a", "v", "spine:a");
  sl_protocol_spec_add_recording (pspec, "ca_a", "ca", "spine:a");
  sl_protocol_spec_add_recording (pspec, "v_soma", "v", "soma");
  pspec->tstop = 300;
  pspec->record_interval = 0.5;
  pr = sl_protocol_compile (pspec, m, &error);
  g_assert_no_error (error);

  g_assert_cmpint (pr->n_events, ==, 3 + 4);
  g_assert_cmpint (pr->n_pulses, ==, 3);
  for (int k = 0; k < 3; k++)
    {
      g_assert_cmpfloat_with_epsilon (pr->events[k].t, 10 + 50 * k, 1e-9);
      g_assert_cmpint (pr->events[k].spine, ==, a);
      g_assert_cmpfloat_with_epsilon (pr->pulses[k].t_on, 20 + 50 * k, 1e-9);
      g_assert_cmpfloat_with_epsilon (pr->pulses[k].t_off, 22 + 50 * k, 1e-9);
      g_assert_cmpint (pr->pulses[k].node, ==, m->soma_node);
    }
  /* window = 2 targets · 5 ms + 20 ms gap = 30 ms */
  g_assert_cmpfloat_with_epsilon (pr->events[3].t, 200, 1e-9);
  g_assert_cmpint (pr->events[3].spine, ==, b);
  g_assert_cmpfloat_with_epsilon (pr->events[4].t, 205, 1e-9);
  g_assert_cmpint (pr->events[4].spine, ==, a);
  g_assert_cmpfloat_with_epsilon (pr->events[5].t, 230, 1e-9);
  g_assert_cmpfloat_with_epsilon (pr->events[6].t, 235, 1e-9);

  s = sl_state_new (m);
  rec = sl_recorder_new (pr);
  g_assert_true (sl_protocol_run (pr, m, s, rec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rec->n_rows, ==, 601);
  g_assert_cmpfloat_with_epsilon (rec->data[600 * 4], 300, 1e-6);

  dir = g_dir_make_tmp ("sl-engine-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "out.csv", NULL);
  g_assert_true (sl_recorder_write_csv (rec, path, &error));
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "t,v_a,ca_a,v_soma\n0,"));
  g_remove (path);
  g_rmdir (dir);
}

/* models.md §4: one stream per stochastic element, seeded from the session
 * seed — the same seed gives the same run, another seed another run. */
static double
stochastic_run (guint64 seed,
                double *ca_sum)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, FALSE);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) m = NULL;
  g_autoptr(SlProtocol) pr = NULL;
  g_autoptr(SlState) s = NULL;
  SlSpineSpec *sp;
  double v_sum = 0;

  spec->seed = seed;
  sp = sl_model_spec_add_spine (spec, "x", "path:basal:150");
  sp->synapse.stochastic_release = TRUE;
  sp->synapse.n_rrp = 5;
  sp->synapse.use_se = 0.5;
  sp->synapse.tau_dep = 100;
  m = sl_model_compile (spec, morph, NULL);
  g_assert_nonnull (m);
  sl_test_add_spike_train (pspec, "drive", "spine:x", 5, 50, 20);
  pspec->tstop = 450;
  pr = sl_protocol_compile (pspec, m, NULL);
  g_assert_nonnull (pr);
  s = sl_state_new (m);
  *ca_sum = 0;
  while (s->t < 450 - 1e-9)
    {
      g_assert_true (sl_state_step (m, s, pr, 0.025));
      v_sum += s->v[m->n_cable + 1];
      *ca_sum += s->ca_head[0];
    }
  return v_sum;
}

static void
test_reproducible (void)
{
  double ca1, ca2, ca3;
  double a = stochastic_run (11, &ca1);
  double b = stochastic_run (11, &ca2);
  double c = stochastic_run (12, &ca3);

  g_assert_cmpfloat (a, ==, b);
  g_assert_cmpfloat (ca1, ==, ca2);
  g_assert_cmpfloat (a, !=, c);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/spine/geometry", test_geometry);
  g_test_add_func ("/engine/spine/epsp", test_epsp);
  g_test_add_func ("/engine/spine/density", test_density);
  g_test_add_func ("/engine/location/resolve", test_locations);
  g_test_add_func ("/engine/model/bad-input", test_bad_input);
  g_test_add_func ("/engine/protocol/expand-record", test_protocol);
  g_test_add_func ("/engine/spine/reproducible", test_reproducible);
  return g_test_run ();
}
