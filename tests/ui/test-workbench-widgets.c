/* test-workbench-widgets.c: the workbench panels under Xvfb, driven by a
 * real runner on the bundled 200 µm dendrite with spines: select a spine,
 * give it a theta burst from the inspector, play, and check that the plot
 * view received its frames, that the spine's calcium rose far above rest
 * (in the traces and in the snapshot), that the drawn pixels changed, and
 * that the rule picker and the branch bars reflect the model. */
#include <math.h>
#include <string.h>

#include "sl-branch-bars.h"
#include "sl-generator.h"
#include "sl-inspector.h"
#include "sl-plot-view.h"
#include "sl-protocol.h"
#include "sl-rule-picker.h"
#include "sl-session.h"

#define TIMEOUT_US (90 * G_USEC_PER_SEC)

/* models.md §2: resting [Ca] 70 nM. */
#define CA_REST_UM 0.07

typedef struct
{
  SlModelSpec    *spec;
  SlProtocolSpec *protocol;
  SlModel        *model;
  SlRunner       *runner;
  GtkWidget      *window;
  SlPlotView     *plots;
  SlBranchBars   *bars;
  SlInspector    *inspector;
  SlRulePicker   *picker;
  guint           n_added;
  guint           n_param_changed;
  guint           n_rule_changed;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The window as a PNG in $SL_TEST_SAVE_DIR, for a human to look at. */
static void
save_window (Fixture    *fx,
             const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (fx->window), h = gtk_widget_get_height (fx->window);

  if (g_getenv ("SL_TEST_SAVE_DIR") == NULL)
    return;
  iterate ();
  paintable = gtk_widget_paintable_new (fx->window);
  snapshot = gtk_snapshot_new ();
  path = g_build_filename (g_getenv ("SL_TEST_SAVE_DIR"), name, NULL);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fx->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
}

static SlModel *
compile_model (SlModelSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) morph = sl_bundled_cell_new ("dendrite-200", &error);
  SlModel *model;

  g_assert_no_error (error);
  model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  return model;
}

static SlProtocol *
compile_protocol (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  SlProtocol *protocol = sl_protocol_compile (fx->protocol, fx->model, &error);

  g_assert_no_error (error);
  return protocol;
}

static void
stimulus_added (SlInspector *inspector,
                guint        index,
                Fixture     *fx)
{
  fx->n_added++;
  /* What the window does: recompile the protocol, hand it to the runner. */
  sl_runner_replace (fx->runner, fx->model, compile_protocol (fx));
}

static void
param_changed (SlRulePicker *picker,
               const char   *name,
               double        value,
               Fixture      *fx)
{
  fx->n_param_changed++;
}

static void
rule_changed (SlRulePicker *picker,
              Fixture      *fx)
{
  fx->n_rule_changed++;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  GtkWidget *paned, *side;

  fx->spec = sl_model_spec_new ();
  g_free (fx->spec->morphology);
  fx->spec->morphology = g_strdup ("bundled:dendrite-200");
  /* 0.2 µm⁻¹ on 200 µm: about 40 spines. */
  sl_model_spec_add_spine_group (fx->spec, "basal", 0.2);
  fx->model = compile_model (fx->spec);
  g_assert_cmpint (fx->model->n_spines, >, 10);

  fx->protocol = sl_protocol_spec_new ();
  fx->protocol->tstop = 100000;
  fx->runner = sl_runner_new (fx->model, compile_protocol (fx));

  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 750);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  fx->inspector = SL_INSPECTOR (sl_inspector_new ());
  fx->picker = SL_RULE_PICKER (sl_rule_picker_new ());
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fx->inspector));
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (fx->picker));
  gtk_paned_set_start_child (GTK_PANED (paned), gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_paned_get_start_child (GTK_PANED (paned))), side);
  gtk_paned_set_position (GTK_PANED (paned), 380);
  {
    GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    fx->plots = SL_PLOT_VIEW (sl_plot_view_new ());
    fx->bars = SL_BRANCH_BARS (sl_branch_bars_new ());
    gtk_widget_set_vexpand (GTK_WIDGET (fx->plots), TRUE);
    gtk_box_append (GTK_BOX (right), GTK_WIDGET (fx->plots));
    gtk_box_append (GTK_BOX (right), GTK_WIDGET (fx->bars));
    gtk_paned_set_end_child (GTK_PANED (paned), right);
  }
  gtk_window_set_child (GTK_WINDOW (fx->window), paned);

  sl_inspector_set_model (fx->inspector, fx->model);
  sl_inspector_set_protocol (fx->inspector, fx->protocol);
  sl_plot_view_set_runner (fx->plots, fx->runner);
  g_signal_connect (fx->inspector, "stimulus-added", G_CALLBACK (stimulus_added), fx);
  g_signal_connect (fx->picker, "param-changed", G_CALLBACK (param_changed), fx);
  g_signal_connect (fx->picker, "rule-changed", G_CALLBACK (rule_changed), fx);
  gtk_window_present (GTK_WINDOW (fx->window));
  iterate ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  sl_plot_view_set_runner (fx->plots, NULL);
  gtk_window_destroy (GTK_WINDOW (fx->window));
  iterate ();
  sl_runner_free (fx->runner);
  sl_model_unref (fx->model);
  sl_protocol_spec_free (fx->protocol);
  sl_model_spec_free (fx->spec);
}

/* The plot view drawn into an image (the same function as the widget). */
static cairo_surface_t *
draw_plots (Fixture *fx)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 450);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sl_plot_view_draw (fx->plots, cr, 600, 450, FALSE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("SL_TEST_SAVE_DIR"))
    {
      static int n = 0;
      g_autofree char *name = g_strdup_printf ("plots-%d.png", n++);
      g_autofree char *path = g_build_filename (g_getenv ("SL_TEST_SAVE_DIR"), name, NULL);

      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

static gsize
count_different (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a), h = cairo_image_surface_get_height (a);
  int w = cairo_image_surface_get_width (a);
  gsize n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 3) != 0)
        n++;
  return n;
}

static void
test_theta_burst_raises_calcium (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *before, *after;
  const SlSnapshot *snap;
  int spine = fx->model->n_spines / 2, slot_spine;
  const char *label;
  double ca_max = 0, ca_first = NAN, t_last = 0, snap_ca_max = 0;
  gint64 end;

  /* Nothing selected: a spike train cannot be added. */
  g_assert_false (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION);
  g_clear_error (&error);

  sl_inspector_select (fx->inspector, SL_SELECTION_SPINE, spine);
  g_assert_cmpint (sl_inspector_get_selection (fx->inspector, &slot_spine), ==, SL_SELECTION_SPINE);
  g_assert_cmpint (slot_spine, ==, spine);
  label = fx->model->spine_id[spine];
  sl_plot_view_set_watched (fx->plots, &spine, &label, 1);
  sl_branch_bars_set_branch (fx->bars, fx->model, fx->model->spine_section[spine]);

  /* Theta burst: 5 bursts of 4 at 100 Hz, 200 ms apart, from 20 ms. */
  sl_inspector_set_form (fx->inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
  g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_added, ==, 1);
  g_assert_cmpuint (fx->protocol->stimuli->len, ==, 1);
  {
    const SlStimulusSpec *s = &g_array_index (fx->protocol->stimuli, SlStimulusSpec, 0);
    g_autofree char *loc = g_strdup_printf ("spine:%s", label);

    g_assert_cmpint (s->kind, ==, SL_STIM_SPIKES);
    g_assert_cmpstr (s->target, ==, loc);
    g_assert_cmpint (s->train.kind, ==, SL_TRAIN_THETA_BURST);
  }

  iterate ();
  before = draw_plots (fx);

  /* Before playing, t = 0: the spine is at rest. */
  snap = sl_runner_acquire_snapshot (fx->runner, NULL);
  g_assert_cmpfloat (snap->t, ==, 0);
  ca_first = sl_snapshot_ca_spine (snap)[spine] * 1e3;

  /* A tenth of real time, so that the frame-clock ticks sample the rise. */
  sl_runner_set_speed (fx->runner, 0.1);
  sl_runner_play (fx->runner);
  end = g_get_monotonic_time () + TIMEOUT_US;
  /* Past the first burst (10 + 30 ms) and its decay. */
  while (t_last < 150)
    {
      gboolean fresh;
      double ca;

      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
      sl_plot_view_get_n_frames (fx->plots, &t_last);
      if (!isfinite (t_last))
        t_last = 0;
      ca = sl_plot_view_get_last (fx->plots, 0, 1);
      if (isfinite (ca))
        ca_max = MAX (ca_max, ca);
      snap = sl_runner_acquire_snapshot (fx->runner, &fresh);
      if (snap->model == fx->model && snap->n_spines == fx->model->n_spines)
        {
          snap_ca_max = MAX (snap_ca_max, sl_snapshot_ca_spine (snap)[spine] * 1e3);
          sl_inspector_update (fx->inspector, snap);
          sl_branch_bars_update (fx->bars, sl_snapshot_dw (snap), snap->n_spines);
        }
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
  sl_runner_pause (fx->runner);
  iterate ();

  g_test_message ("spine %s: [Ca] at rest %.3f µM, peak in traces %.3f µM, in snapshots %.3f µM",
                  label, ca_first, ca_max, snap_ca_max);
  /* Rest is 70 nM; a burst of four NMDA/VDCC-driven releases gives
   * micromolar head calcium (models.md §2), so ten times rest is a
   * conservative floor. */
  g_assert_cmpfloat (ca_first, <, 3 * CA_REST_UM);
  g_assert_cmpfloat (ca_max, >, 10 * CA_REST_UM);
  g_assert_cmpfloat (snap_ca_max, >, 10 * CA_REST_UM);

  after = draw_plots (fx);
  /* Traces appeared where there were none. */
  g_assert_cmpuint (count_different (before, after), >, 500);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);

  save_window (fx, "widgets.png");

  /* A reset starts a new run: the traces clear. */
  sl_runner_reset (fx->runner);
  end = g_get_monotonic_time () + TIMEOUT_US;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
      sl_runner_step (fx->runner, 1.0);
      sl_plot_view_get_n_frames (fx->plots, &t_last);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
  while (!(t_last < 20));
}

static void
test_branch_bars_sorted (Fixture       *fx,
                         gconstpointer  data)
{
  const int *spines;
  guint n;

  sl_branch_bars_set_branch (fx->bars, fx->model, fx->model->spine_section[0]);
  n = sl_branch_bars_get_n_spines (fx->bars, &spines);
  /* One unbranched dendrite: its branch holds every spine. */
  g_assert_cmpuint (n, ==, (guint) fx->model->n_spines);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (fx->model->distance[fx->model->spine_node[spines[i - 1]]], <=,
                       fx->model->distance[fx->model->spine_node[spines[i]]]);
}

static void
test_rule_picker (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const SlRuleClass *rule;
  const SlRuleAssignment *a = NULL;
  int mode, theta_p;

  /* models.md §5 defaults: Graupner–Brunel (DP, biophysical) on basal. */
  sl_rule_picker_load (fx->picker, fx->spec, "basal");
  rule = sl_rule_picker_get_rule (fx->picker);
  g_assert_nonnull (rule);
  g_assert_cmpstr (rule->name, ==, "graupner-brunel");
  mode = sl_rule_param_index (rule, "mode", NULL);
  theta_p = sl_rule_param_index (rule, "theta_p", NULL);
  g_assert_cmpfloat (sl_rule_picker_get_values (fx->picker)[mode], ==, 1.0);

  g_assert_true (sl_rule_picker_set_param (fx->picker, "theta_p", 1.5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_param_changed, ==, 1);
  g_assert_cmpfloat (sl_rule_picker_get_values (fx->picker)[theta_p], ==, 1.5);
  /* Out of the table's range: refused, nothing changes. */
  g_assert_false (sl_rule_picker_set_param (fx->picker, "theta_p", 1e9, &error));
  g_assert_error (error, SL_RULE_ERROR, SL_RULE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpfloat (sl_rule_picker_get_values (fx->picker)[theta_p], ==, 1.5);

  sl_rule_picker_store (fx->picker, fx->spec);
  for (guint k = 0; k < fx->spec->rules->len; k++)
    if (g_strcmp0 (g_array_index (fx->spec->rules, SlRuleAssignment, k).target, "basal") == 0)
      a = &g_array_index (fx->spec->rules, SlRuleAssignment, k);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->rule, ==, "graupner-brunel");
  {
    gboolean seen_theta = FALSE, seen_mode = FALSE;

    for (guint k = 0; k < a->params->len; k++)
      {
        const SlParamValue *pv = &g_array_index (a->params, SlParamValue, k);

        if (g_str_equal (pv->name, "theta_p"))
          seen_theta = pv->value == 1.5;
        if (g_str_equal (pv->name, "mode"))
          seen_mode = pv->value == 1.0;
      }
    g_assert_true (seen_theta && seen_mode);
  }
  /* The stored spec still compiles. */
  sl_model_unref (compile_model (fx->spec));

  sl_rule_picker_reset (fx->picker);
  g_assert_cmpfloat (sl_rule_picker_get_values (fx->picker)[mode], ==, rule->params[mode].def);

  g_assert_null (sl_rule_picker_get_inert (fx->picker));

  /* Chindemi picked: without C_pre and C_post ρ only relaxes, and the
   * picker says where to measure them; with a c_pre it works. */
  g_assert_true (sl_rule_picker_set_rule (fx->picker, "chindemi"));
  g_assert_nonnull (sl_rule_picker_get_inert (fx->picker));
  g_assert_nonnull (strstr (sl_rule_picker_get_inert (fx->picker), "Measure thresholds"));
  save_window (fx, "rule-picker-chindemi.png");
  g_assert_true (sl_rule_picker_set_param (fx->picker, "c_pre", 0.05, &error));
  g_assert_null (sl_rule_picker_get_inert (fx->picker));
  g_assert_true (sl_rule_picker_set_param (fx->picker, "c_pre", 0, &error));
  g_assert_nonnull (sl_rule_picker_get_inert (fx->picker));
  g_assert_no_error (error);

  g_assert_true (sl_rule_picker_set_rule (fx->picker, "stdp-pair"));
  g_assert_null (sl_rule_picker_get_inert (fx->picker));
  g_assert_cmpuint (fx->n_rule_changed, ==, 2);
  g_assert_cmpstr (sl_rule_picker_get_rule (fx->picker)->name, ==, "stdp-pair");
  g_assert_false (sl_rule_picker_set_rule (fx->picker, "no-such-rule"));
  g_assert_true (sl_rule_picker_set_rule (fx->picker, "none"));
  g_assert_null (sl_rule_picker_get_rule (fx->picker));

  /* Every rule of the table can be shown and its presets applied. */
  {
    guint n = 0;
    const SlRuleClass * const *list = sl_rule_list (&n);

    for (guint k = 0; k < n; k++)
      {
        g_assert_true (sl_rule_picker_set_rule (fx->picker, list[k]->name));
        for (guint p = 0; p < list[k]->n_presets; p++)
          {
            g_assert_true (sl_rule_picker_apply_preset (fx->picker, list[k]->presets[p].name, &error));
            g_assert_no_error (error);
          }
        iterate ();
      }
  }
}

static void
test_stimulus_forms (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int spines[3] = { 1, 5, 9 };

  sl_inspector_select (fx->inspector, SL_SELECTION_SOMA, fx->model->soma_node);
  sl_inspector_set_form (fx->inspector, SL_STIMULUS_FORM_ICLAMP, SL_PATTERN_REGULAR);
  g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_no_error (error);

  sl_inspector_select (fx->inspector, SL_SELECTION_NODE, fx->model->spine_node[3]);
  g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_no_error (error);

  sl_inspector_select (fx->inspector, SL_SELECTION_SPINE, 2);
  for (SlPattern p = SL_PATTERN_REGULAR; p <= SL_PATTERN_25_50; p++)
    {
      sl_inspector_set_form (fx->inspector, SL_STIMULUS_FORM_TRAIN, p);
      g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
      g_assert_no_error (error);
    }
  sl_inspector_set_form (fx->inspector, SL_STIMULUS_FORM_PAIRING, SL_PATTERN_REGULAR);
  g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_no_error (error);

  sl_inspector_set_form (fx->inspector, SL_STIMULUS_FORM_SEQUENCE, SL_PATTERN_REGULAR);
  g_assert_false (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION);
  g_clear_error (&error);
  sl_inspector_set_selected_spines (fx->inspector, spines, 3);
  g_assert_true (sl_inspector_add_stimulus (fx->inspector, &error));
  g_assert_no_error (error);

  /* 2 clamps + 5 trains + pairing + sequence, each compiled on the model. */
  g_assert_cmpuint (fx->protocol->stimuli->len, ==, 9);
  g_assert_cmpuint (fx->n_added, ==, 9);
  {
    const SlStimulusSpec *seq = &g_array_index (fx->protocol->stimuli, SlStimulusSpec, 8);

    g_assert_cmpint (seq->kind, ==, SL_STIM_SEQUENCE);
    g_assert_cmpuint (g_strv_length (seq->targets), ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/workbench/theta-burst-raises-calcium", Fixture, NULL,
              fixture_setup, test_theta_burst_raises_calcium, fixture_teardown);
  g_test_add ("/ui/workbench/branch-bars-sorted", Fixture, NULL,
              fixture_setup, test_branch_bars_sorted, fixture_teardown);
  g_test_add ("/ui/workbench/rule-picker", Fixture, NULL,
              fixture_setup, test_rule_picker, fixture_teardown);
  g_test_add ("/ui/workbench/stimulus-forms", Fixture, NULL,
              fixture_setup, test_stimulus_forms, fixture_teardown);
  return g_test_run ();
}
