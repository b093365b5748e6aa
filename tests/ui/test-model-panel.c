/* test-model-panel.c: the sidebar's Model section under Xvfb — the Ca_o
 * presets, D_eff, a spine default and channel lines edit the session
 * through the workbench (undo restores it) and reach the running model;
 * ar2 = 1.5 is clamped to 1; an edit the compiler refuses shows its
 * message in the window banner; a session value outside the panel's
 * range still shows.  A Ca_o edit re-measures the Chindemi thresholds
 * (the in-vivo lesson's at 1.2 mM), undoably; a newer edit cancels it; a
 * cell that cannot fire gives a banner.
 *
 * With SL_MODEL_PANEL_SCREENSHOT=DIR the window is saved as
 * DIR/model-panel-LESSON.png with the panel open (a look, not a check). */
#include <math.h>
#include <string.h>

#include "sl-calcium.h"
#include "sl-chindemi-calibrate.h"
#include "sl-model-panel.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (120 * G_USEC_PER_SEC)
#define LESSON(name) SL_TEST_DATA_DIR "/../../resources/lessons/" name ".spinelab"

typedef struct
{
  SlWindow     *window;
  SlWorkbench  *workbench;
  SlModelPanel *panel;
  gboolean      ready;
} Fixture;

static void
on_ready (SlWorkbench *wb,
          Fixture     *fx)
{
  fx->ready = TRUE;
}

static SlModelPanel *
find_panel (GtkWidget *widget)
{
  if (SL_IS_MODEL_PANEL (widget))
    return SL_MODEL_PANEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      SlModelPanel *p = find_panel (c);

      if (p != NULL)
        return p;
    }
  return NULL;
}

/* The open panel fits the sidebar's 320 px (design width; it scrolls
 * only vertically, so anything wider would widen the sidebar). */
static void
assert_fits (Fixture *fx)
{
  GtkWidget *sidebar = sl_workbench_get_sidebar (fx->workbench);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sidebar));
  int min_panel = 0, min_content = 0;

  gtk_widget_measure (GTK_WIDGET (fx->panel), GTK_ORIENTATION_HORIZONTAL, -1, &min_panel, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_content, NULL, NULL, NULL);
  g_test_message ("minimum widths: panel %d px, sidebar content %d px", min_panel, min_content);
  g_assert_cmpint (min_panel, <=, 320 - 2 * 12);
  g_assert_cmpint (min_content, <=, 320);
}

static void
fixture_open (Fixture    *fx,
              const char *path,
              gboolean    fail_on_error)
{
  fx->window = sl_ui_test_window_new (1400, 900);
  fx->workbench = sl_window_get_workbench (fx->window);
  g_signal_connect (fx->workbench, "model-ready", G_CALLBACK (on_ready), fx);
  if (fail_on_error)
    sl_ui_test_fail_on_error (fx->window);
  sl_ui_test_open_ready (fx->window, path, TIMEOUT_US);
  sl_ui_test_wait_model (fx->window, TIMEOUT_US);
  fx->panel = find_panel (sl_workbench_get_sidebar (fx->workbench));
  g_assert_nonnull (fx->panel);
  g_assert_false (sl_model_panel_get_expanded (fx->panel));
  sl_model_panel_set_expanded (fx->panel, TRUE);
  assert_fits (fx);
}

/* Waits until the workbench's model is another one than `old` (a live
 * swap or a restart). */
static SlModel *
wait_new_model (Fixture *fx,
                SlModel *old)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  while (sl_workbench_get_model (fx->workbench) == old || sl_workbench_get_busy (fx->workbench))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the edited model");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return sl_workbench_get_model (fx->workbench);
}

static void
assert_session (Fixture         *fx,
                const SlSession *expected)
{
  g_assert_true (sl_session_equal (sl_workbench_get_session (fx->workbench), expected));
}

static int
find_line (const SlModelSpec *m,
           const char        *region,
           const char        *mechanism,
           const char        *param)
{
  for (guint i = 0; i < m->mechanisms->len; i++)
    {
      const SlMechanismSpec *l = &g_array_index (m->mechanisms, SlMechanismSpec, i);

      if (g_str_equal (l->region, region) && g_str_equal (l->mechanism, mechanism)
          && g_strcmp0 (l->param, param) == 0)
        return (int) i;
    }
  g_error ("no mechanism line %s %s %s", region, mechanism, param);
  return -1;
}

static GtkSpinButton *
mech_spin (Fixture    *fx,
           int         line,
           const char *suffix)
{
  g_autofree char *key = g_strdup_printf ("mech:%d%s", line, suffix);
  GtkSpinButton *spin = sl_model_panel_get_spin (fx->panel, key);

  g_assert_nonnull (spin);
  return spin;
}

static void save_window (Fixture    *fx,
                         const char *dir,
                         const char *name,
                         const char *part);

static void
maybe_screenshot (Fixture    *fx,
                  const char *name)
{
  const char *dir = g_getenv ("SL_MODEL_PANEL_SCREENSHOT");
  GtkWidget *sidebar = sl_workbench_get_sidebar (fx->workbench);
  GtkAdjustment *adj;

  if (dir == NULL)
    return;
  /* The panel in view: scrolled to it. */
  sl_ui_test_iterate_for_ms (500);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sidebar));
  {
    graphene_rect_t r;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fx->panel),
                                              gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sidebar)),
                                              &r));
    gtk_adjustment_set_value (adj, r.origin.y - 40);
  }
  sl_ui_test_iterate_for_ms (500);
  save_window (fx, dir, name, "top");
  /* and at the end of the sidebar: the channel lines */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  sl_ui_test_iterate_for_ms (500);
  save_window (fx, dir, name, "end");
  g_test_message ("screenshots %s/model-panel-%s-*.png; sidebar %d px wide, panel %d px", dir, name,
                  gtk_widget_get_width (sidebar), gtk_widget_get_width (GTK_WIDGET (fx->panel)));
}

static void
save_window (Fixture    *fx,
             const char *dir,
             const char *name,
             const char *part)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;
  int w, h;

  w = gtk_widget_get_width (GTK_WIDGET (fx->window));
  h = gtk_widget_get_height (GTK_WIDGET (fx->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fx->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  graphene_rect_init (&bounds, 0, 0, w, h);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fx->window)), node, &bounds);
  path = g_strdup_printf ("%s/model-panel-%s-%s.png", dir, name, part);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* Until a label under widget shows text. */
static void
wait_label (GtkWidget  *widget,
            const char *text)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  while (!has_label (widget, text))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for a label “%s”", text);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* With SL_MODEL_PANEL_SCREENSHOT: the window with the thresholds line
 * scrolled into view, as DIR/model-panel-thresholds-PART.png. */
static void
screenshot_note (Fixture    *fx,
                 const char *part)
{
  const char *dir = g_getenv ("SL_MODEL_PANEL_SCREENSHOT");
  GtkWidget *sidebar = sl_workbench_get_sidebar (fx->workbench);
  GtkWidget *note = sl_model_panel_get_button (fx->panel, "thresholds-note");
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sidebar));
  graphene_point_t p;

  if (dir == NULL)
    return;
  for (int i = 0; i < 2; i++)
    {
      sl_ui_test_iterate_for_ms (300);
      g_assert_true (gtk_widget_compute_point (note, sidebar, &GRAPHENE_POINT_INIT (0, 0), &p));
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - 200);
    }
  sl_ui_test_iterate_for_ms (300);
  save_window (fx, dir, "thresholds", part);
}

static const char *
note_text (Fixture *fx)
{
  return gtk_label_get_text (GTK_LABEL (sl_model_panel_get_button (fx->panel, "thresholds-note")));
}

static double
rule_param (const SlSession *s,
            const char      *target,
            const char      *name)
{
  for (guint i = 0; i < s->model->rules->len; i++)
    {
      const SlRuleAssignment *a = &g_array_index (s->model->rules, SlRuleAssignment, i);

      for (guint j = 0; g_strcmp0 (a->target, target) == 0 && j < a->params->len; j++)
        if (g_str_equal (g_array_index (a->params, SlParamValue, j).name, name))
          return g_array_index (a->params, SlParamValue, j).value;
    }
  g_error ("no %s for %s", name, target);
  return 0;
}

/* Iterates until the session's c_pre of s1 is no longer `before`'s and
 * no calibration runs. */
static void
wait_thresholds (Fixture         *fx,
                 const SlSession *before)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  while (rule_param (sl_workbench_get_session (fx->workbench), "spine:s1", "c_pre")
         == rule_param (before, "spine:s1", "c_pre")
         || g_str_has_prefix (note_text (fx), "Measuring"))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the re-measured thresholds");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* c_pre and c_post of every spine of got equal expected's: the panel
 * runs the V11 procedure on the same cell (test-chindemi-calibrate:
 * bit for bit), so 1e-9 relative. */
static void
assert_thresholds (const SlSession *got,
                   const SlSession *expected)
{
  static const char * const names[] = { "c_pre", "c_post" };

  for (int k = 1; k <= 5; k++)
    for (int n = 0; n < 2; n++)
      {
        g_autofree char *target = g_strdup_printf ("spine:s%d", k);
        double e = rule_param (expected, target, names[n]);

        g_assert_cmpfloat (fabs (rule_param (got, target, names[n]) - e), <=, 1e-9 * e);
      }
  g_assert_cmpfloat (got->model->ca_o, ==, expected->model->ca_o);
}

/* The workbench's thresholds are what sl_chindemi_calibrate measures on
 * `from` at ca_o. */
static void
assert_calibrated (Fixture         *fx,
                   const SlSession *from,
                   double           ca_o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlChindemiCalibration) cal = sl_chindemi_calibrate (from, ca_o, NULL, NULL, NULL, &error);
  g_autoptr(SlSession) expected = NULL;

  g_assert_no_error (error);
  expected = sl_chindemi_calibration_apply (from, cal);
  assert_thresholds (sl_workbench_get_session (fx->workbench), expected);
}

/* Ca_o presets: the session gets 1.2 mM, the running model takes it live
 * (E_Ca down by RT/2F·ln(2/1.2) = 6.76 mV at 34 °C), the Chindemi
 * thresholds are re-measured at 1.2 mM (the lesson 'In vivo''s), undo
 * gives the 2.0 mM thresholds back (stale: the button re-measures them),
 * undo again 2.0 mM. */
static void
test_ca_o_preset (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) original = NULL;
  g_autoptr(SlSession) expected = NULL;
  g_autoptr(SlSession) vivo = NULL;
  SlModel *model;
  double eca_vitro, rt2f;
  guint restarts;

  fixture_open (fx, LESSON ("in-vitro-vs-in-vivo"), TRUE);
  original = sl_session_copy (sl_workbench_get_session (fx->workbench));
  g_assert_cmpfloat (original->model->ca_o, ==, 2.0);
  /* its Chindemi thresholds are numbers measured at 2.0 mM: the panel says so */
  g_assert_true (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "thresholds-note")));
  /* (the workbench) a newly opened lesson plots the spines its stimuli
   * reach: the connection's five synapses */
  g_assert_cmpuint (sl_plot_view_get_n_watched (sl_workbench_get_plot_view (fx->workbench)), ==, 5);
  model = sl_workbench_get_model (fx->workbench);
  eca_vitro = model->eca_dend;
  restarts = sl_workbench_get_n_restarts (fx->workbench);
  g_assert_false (has_label (sl_workbench_get_run_controls (fx->workbench), "applied live"));
  maybe_screenshot (fx, "in-vitro-vs-in-vivo");

  g_assert_false (sl_window_get_dirty (fx->window));
  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "in-vivo"), "clicked");
  g_assert_true (sl_window_get_dirty (fx->window));
  expected = sl_session_copy (original);
  expected->model->ca_o = 1.2;
  assert_session (fx, expected);
  g_assert_cmpfloat (gtk_spin_button_get_value (sl_model_panel_get_spin (fx->panel, "ca_o")), ==, 1.2);
  /* the thresholds are re-measured at 1.2 mM in a worker: the same
   * numbers the V11 builder wrote into the lesson 'In vivo' */
  g_assert_nonnull (strstr (note_text (fx), "Measuring C_pre and C_post at 1.2 mM"));
  wait_thresholds (fx, original);
  screenshot_note (fx, "measured");
  vivo = sl_session_load (LESSON ("in-vivo"), NULL);
  g_assert_nonnull (vivo);
  assert_thresholds (sl_workbench_get_session (fx->workbench), vivo);
  g_assert_nonnull (strstr (note_text (fx), "measured at this 1.2 mM"));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  /* undo: the 2.0 mM thresholds at 1.2 mM, stale, with the button */
  g_assert_true (sl_workbench_undo (fx->workbench));
  assert_session (fx, expected);
  g_assert_nonnull (strstr (note_text (fx), "measured at 2.0 mM, not at this 1.2 mM"));
  g_assert_true (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  screenshot_note (fx, "stale");
  /* the button measures them again */
  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "remeasure"), "clicked");
  if (g_getenv ("SL_MODEL_PANEL_SCREENSHOT") != NULL)
    {
      /* the measurement takes ~1 s of CPU: the spinner line shows, with
       * its progress after the first poll (250 ms) */
      sl_ui_test_iterate_for_ms (400);
      if (g_str_has_prefix (note_text (fx), "Measuring"))
        save_window (fx, g_getenv ("SL_MODEL_PANEL_SCREENSHOT"), "thresholds", "measuring");
    }
  wait_thresholds (fx, original);
  assert_thresholds (sl_workbench_get_session (fx->workbench), vivo);
  g_assert_true (sl_workbench_undo (fx->workbench));
  assert_session (fx, expected);
  model = wait_new_model (fx, model);
  g_assert_cmpfloat (model->ca_o, ==, 1.2);
  rt2f = 1e3 * 8.314462 * (model->celsius + 273.15) / (2 * 96485.33);
  g_assert_cmpfloat_with_epsilon (eca_vitro - model->eca_dend, rt2f * log (2.0 / 1.2), 1e-9);
  g_assert_cmpfloat_with_epsilon (eca_vitro - model->eca_dend, 6.76, 0.01);
  /* A parameter: swapped live, no restart, and the time label says so. */
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);
  wait_label (sl_workbench_get_run_controls (fx->workbench), "applied live");

  g_assert_true (sl_workbench_undo (fx->workbench));
  assert_session (fx, original);
  g_assert_cmpfloat (gtk_spin_button_get_value (sl_model_panel_get_spin (fx->panel, "ca_o")), ==, 2.0);
  model = wait_new_model (fx, model);
  g_assert_cmpfloat (model->ca_o, ==, 2.0);
  g_assert_cmpfloat (model->eca_dend, ==, eca_vitro);

  /* The in vitro preset on 2.0 mM changes nothing: no edit. */
  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "in-vitro"), "clicked");
  g_assert_true (sl_history_can_redo (sl_workbench_get_history (fx->workbench)));

  /* The lesson's spines have their own head volumes (drawn from the
   * recipe, not the 0.087 µm³ default): a new default leaves them. */
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "head_volume"), 0.1);
  g_clear_pointer (&expected, sl_session_free);
  expected = sl_session_copy (original);
  expected->model->default_geometry.head_volume = 0.1;
  assert_session (fx, expected);
  g_assert_cmpfloat (g_array_index (original->model->spines, SlSpineSpec, 0).geometry.head_volume, !=,
                     original->model->default_geometry.head_volume);
  g_assert_cmpfloat (g_array_index (expected->model->spines, SlSpineSpec, 0).geometry.head_volume, ==,
                     g_array_index (original->model->spines, SlSpineSpec, 0).geometry.head_volume);
  model = wait_new_model (fx, model);

  /* 34 → 30 °C: NaTa_t rates × 2.3^((30 − 21)/10) (sl-model.h). */
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "celsius"), 30);
  g_assert_cmpfloat (sl_workbench_get_session (fx->workbench)->model->celsius, ==, 30);
  model = wait_new_model (fx, model);
  g_assert_cmpfloat_with_epsilon (model->nat_qt, pow (2.3, 0.9), 1e-12);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

static double
head_g (const SlModel *model,
        int            spine)
{
  SlCalciumVoxelInfo info;

  sl_calcium_grid_get_voxel (model->calcium, sl_calcium_grid_get_head_voxel (model->calcium, spine), &info);
  return info.g_parent;
}

/* D_eff 220 → 110 µm²/s halves the head–neck exchange D·A/ℓ; a neck
 * length default reaches the spines that had it; diffusion off zeroes
 * the exchange. */
static void
test_calcium_and_spines (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) expected = NULL;
  SlModel *model;
  double g0, len0;
  guint swaps, restarts;

  fixture_open (fx, LESSON ("neighbours-talk"), TRUE);
  /* Graupner–Brunel only: no thresholds note */
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "thresholds-note")));
  expected = sl_session_copy (sl_workbench_get_session (fx->workbench));
  model = sl_workbench_get_model (fx->workbench);
  g_assert_nonnull (model->calcium);
  g0 = head_g (model, 0);
  g_assert_cmpfloat (g0, >, 0);
  swaps = sl_workbench_get_n_live_swaps (fx->workbench);
  restarts = sl_workbench_get_n_restarts (fx->workbench);

  /* The spin shows µm²/s; the spec keeps µm²/ms. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (sl_model_panel_get_spin (fx->panel, "d_eff")), 220, 1e-9);
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "d_eff"), 110);
  expected->model->calcium.d_eff = 0.11;
  assert_session (fx, expected);
  model = wait_new_model (fx, model);
  g_assert_cmpfloat_with_epsilon (head_g (model, 0) / g0, 0.5, 1e-12);
  g_assert_cmpuint (sl_workbench_get_n_live_swaps (fx->workbench), ==, swaps + 1);
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);

  /* Neck length 1 → 1.5 µm: the defaults and the three placed spines
   * (all at the default) follow; swapped live as well. */
  len0 = model->spine_neck_length[0];
  g_assert_cmpfloat (len0, ==, 1.0);
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "neck_length"), 1.5);
  expected->model->default_geometry.neck_length = 1.5;
  for (guint i = 0; i < expected->model->spines->len; i++)
    g_array_index (expected->model->spines, SlSpineSpec, i).geometry.neck_length = 1.5;
  assert_session (fx, expected);
  model = wait_new_model (fx, model);
  for (int k = 0; k < model->n_spines; k++)
    g_assert_cmpfloat (model->spine_neck_length[k], ==, 1.5);
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (sl_model_panel_get_button (fx->panel, "diffusion")), FALSE);
  expected->model->calcium.diffusion = FALSE;
  assert_session (fx, expected);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sl_model_panel_get_spin (fx->panel, "d_eff"))));
  model = wait_new_model (fx, model);
  g_assert_cmpfloat (head_g (model, 0), ==, 0);
  /* The voxels stay (only D·A/ℓ goes to 0): live as well. */
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);
  g_assert_cmpuint (sl_workbench_get_n_live_swaps (fx->workbench), ==, swaps + 3);

  /* Full shaft volume: shell depth 0 (models.md §2.2), its spin off. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (sl_model_panel_get_button (fx->panel, "full-shaft")), TRUE);
  expected->model->calcium.shell_depth = 0;
  assert_session (fx, expected);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sl_model_panel_get_spin (fx->panel, "shell_depth"))));
  model = wait_new_model (fx, model);
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

static int
soma_nat (const SlModel *model)
{
  for (int i = 0; i < model->n_nat; i++)
    if (model->nat_node[i] == model->soma_node)
      return i;
  g_error ("no nat at the soma");
  return -1;
}

/* The bAP lesson's lines: soma nat gbar 2.04 → 1.02 S/cm² halves the
 * compiled soma conductance; apical nat ar2 typed as 1.5 is clamped to 1
 * (the engine's 0–1), which turns the slow gate off. */
static void
test_channels (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) expected = NULL;
  GtkSpinButton *spin;
  g_autofree char *key = NULL;
  SlModel *model;
  guint restarts;
  int soma_gbar, ar2, apical_gbar;

  fixture_open (fx, LESSON ("bap-attenuation"), TRUE);
  maybe_screenshot (fx, "bap-attenuation");
  expected = sl_session_copy (sl_workbench_get_session (fx->workbench));
  soma_gbar = find_line (expected->model, "soma", "nat", "gbar");
  ar2 = find_line (expected->model, "apical", "nat", "ar2");
  apical_gbar = find_line (expected->model, "apical", "nat", "gbar");
  model = sl_workbench_get_model (fx->workbench);
  g_assert_cmpfloat (model->nat_gbar[soma_nat (model)], ==, 2.04);
  g_assert_true (model->nat_slow);
  restarts = sl_workbench_get_n_restarts (fx->workbench);

  spin = mech_spin (fx, soma_gbar, "");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 2.04);
  gtk_spin_button_set_value (spin, 1.02);
  g_array_index (expected->model->mechanisms, SlMechanismSpec, soma_gbar).value.value = 1.02;
  assert_session (fx, expected);
  model = wait_new_model (fx, model);
  g_assert_cmpfloat (model->nat_gbar[soma_nat (model)], ==, 1.02);

  /* The linear apical line has a slope row; the constant soma line not. */
  key = g_strdup_printf ("mech:%d:slope", soma_gbar);
  g_assert_null (sl_model_panel_get_spin (fx->panel, key));
  /* 0.05 S/cm² − 7.69e-5 S/cm²/µm show as 50 mS/cm² and −7.69 mS/cm² per 100 µm. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (mech_spin (fx, apical_gbar, "")), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (mech_spin (fx, apical_gbar, ":slope")),
                                  g_array_index (expected->model->mechanisms, SlMechanismSpec,
                                                 apical_gbar).value.slope * 1e5, 1e-9);
  /* Focusing and leaving a spin whose text rounds the value is no edit. */
  gtk_spin_button_update (mech_spin (fx, apical_gbar, ":slope"));
  assert_session (fx, expected);

  spin = mech_spin (fx, ar2, "");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.5);
  gtk_editable_set_text (GTK_EDITABLE (spin), "1.5");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 1.0);
  g_array_index (expected->model->mechanisms, SlMechanismSpec, ar2).value.value = 1.0;
  assert_session (fx, expected);
  model = wait_new_model (fx, model);
  g_assert_false (model->nat_slow);
  g_assert_null (sl_window_get_banner_text (fx->window));
  /* Channel values keep the channels' nodes: swapped live. */
  g_assert_cmpuint (sl_workbench_get_n_restarts (fx->workbench), ==, restarts);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Iterates until the window's banner shows a message; returns it. */
static const char *
wait_banner (Fixture *fx)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  while (sl_window_get_banner_text (fx->window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return sl_window_get_banner_text (fx->window);
}

/* A value from the session outside the panel's range shows as it is; an
 * edit the compiler refuses (cm falling below 0 along a linear profile)
 * puts the compiler's message in the banner and the window goes on. */
static void
test_out_of_range_and_refused (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  SlSession *edited;
  SlMechanismSpec *cm;
  GtkSpinButton *spin;
  const char *banner;
  SlModel *model;
  int line;

  fixture_open (fx, LESSON ("bap-attenuation"), FALSE);
  model = sl_workbench_get_model (fx->workbench);
  edited = sl_session_copy (sl_workbench_get_session (fx->workbench));
  /* models.md §2.2 gives 20–80 ms; the spec allows more. */
  edited->model->calcium.tau_shaft = 100;
  sl_model_spec_add_mechanism (edited->model, "all", "cable", "cm", 1.0);
  line = (int) edited->model->mechanisms->len - 1;
  cm = &g_array_index (edited->model->mechanisms, SlMechanismSpec, line);
  cm->value.kind = SL_PROFILE_LINEAR;
  cm->value.slope = 0;
  cm->value.floor = 0;
  sl_workbench_edit_session (fx->workbench, edited, "Test lines");
  wait_new_model (fx, model);
  g_assert_null (sl_window_get_banner_text (fx->window));

  spin = sl_model_panel_get_spin (fx->panel, "tau_shaft");
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 100);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), >=, 100);

  /* cm = 1 − 0.01·d is 0 from 100 µm on: no section may have cm ≤ 0.
   * The slope shows per 100 µm. */
  spin = mech_spin (fx, line, ":slope");
  gtk_spin_button_set_value (spin, -1.0);
  g_assert_cmpfloat (g_array_index (sl_workbench_get_session (fx->workbench)->model->mechanisms,
                                    SlMechanismSpec, line).value.slope, ==, -0.01);
  banner = wait_banner (fx);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "must be positive"));
  /* Undo gives the session that compiles back. */
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Temperature 34 → 30 °C changes C_pre and C_post too: the thresholds
 * stay as they are (only Ca_o re-measures by itself) but the line says
 * they belong to the model before the change and offers the button,
 * which gives what sl_chindemi_calibrate gives on the edited session;
 * a rule rate (not a calibration input) leaves them current. */
static void
test_thresholds_other_model (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) original = NULL;

  fixture_open (fx, LESSON ("in-vitro-vs-in-vivo"), TRUE);
  original = sl_session_copy (sl_workbench_get_session (fx->workbench));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "celsius"), 30);
  g_assert_cmpfloat (sl_workbench_get_session (fx->workbench)->model->celsius, ==, 30);
  g_assert_nonnull (strstr (note_text (fx), "before the cell's last changes"));
  g_assert_true (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  screenshot_note (fx, "other-model");
  sl_ui_test_iterate_for_ms (300);
  g_assert_cmpfloat (rule_param (sl_workbench_get_session (fx->workbench), "spine:s1", "c_pre"), ==,
                     rule_param (original, "spine:s1", "c_pre"));

  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "remeasure"), "clicked");
  g_assert_true (g_str_has_prefix (note_text (fx), "Measuring"));
  wait_thresholds (fx, original);
  assert_calibrated (fx, sl_workbench_get_session (fx->workbench), 2.0);
  g_assert_cmpfloat (rule_param (sl_workbench_get_session (fx->workbench), "spine:s1", "c_pre"), !=,
                     rule_param (original, "spine:s1", "c_pre"));
  g_assert_nonnull (strstr (note_text (fx), "measured at this 2.0 mM"));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));

  /* undo the re-measure: the 34 °C thresholds at 30 °C are stale again;
   * undo the temperature: current */
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_nonnull (strstr (note_text (fx), "before the cell's last changes"));
  g_assert_true (sl_workbench_undo (fx->workbench));
  assert_session (fx, original);
  g_assert_nonnull (strstr (note_text (fx), "measured at this 2.0 mM"));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));

  /* s1's depression rate γ_d: not an input of the calibration */
  {
    SlSession *edited = sl_session_copy (original);

    for (guint i = 0; i < edited->model->rules->len; i++)
      {
        SlRuleAssignment *a = &g_array_index (edited->model->rules, SlRuleAssignment, i);

        SlParamValue pv = { g_strdup ("gamma_d"), 120 };

        if (g_strcmp0 (a->target, "spine:s1") == 0)
          g_array_append_val (a->params, pv);
        else
          g_free (pv.name);
      }
    sl_workbench_edit_session (fx->workbench, edited, "Change rule parameter");
  }
  g_assert_cmpfloat (rule_param (sl_workbench_get_session (fx->workbench), "spine:s1", "gamma_d"), ==, 120);
  g_assert_nonnull (strstr (note_text (fx), "measured at this 2.0 mM"));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* Chindemi picked without thresholds (c_pre = c_post = 0: ρ only
 * relaxes): the line says so and "Measure thresholds" measures them, the
 * five synapses that share their presynaptic spikes as one connection:
 * the lesson's own numbers. */
static void
test_thresholds_missing (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) original = NULL;
  SlSession *bare;
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;

  fixture_open (fx, LESSON ("in-vitro-vs-in-vivo"), TRUE);
  original = sl_session_copy (sl_workbench_get_session (fx->workbench));
  bare = sl_session_copy (original);
  for (guint i = 0; i < bare->model->rules->len; i++)
    {
      SlRuleAssignment *a = &g_array_index (bare->model->rules, SlRuleAssignment, i);

      for (guint j = a->params->len; j-- > 0;)
        if (g_str_has_prefix (g_array_index (a->params, SlParamValue, j).name, "c_p"))
          g_array_remove_index (a->params, j);
    }
  sl_workbench_edit_session (fx->workbench, bare, "Forget thresholds");
  g_assert_nonnull (strstr (note_text (fx), "no thresholds yet"));
  g_assert_true (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sl_model_panel_get_button (fx->panel, "remeasure"))),
                   ==, "Measure thresholds");
  screenshot_note (fx, "missing");

  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "remeasure"), "clicked");
  g_assert_true (g_str_has_prefix (note_text (fx), "Measuring C_pre and C_post at 2.0 mM"));
  while (!sl_chindemi_spec_has_thresholds (sl_workbench_get_session (fx->workbench)->model)
         || g_str_has_prefix (note_text (fx), "Measuring"))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the measured thresholds");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  assert_thresholds (sl_workbench_get_session (fx->workbench), original);
  g_assert_nonnull (strstr (note_text (fx), "measured at this 2.0 mM"));
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* An undo of the Ca_o edit, or a second Ca_o edit, while the thresholds
 * are measured cancels that measurement: no edit, or one re-measure edit
 * at the last Ca_o with the numbers sl_chindemi_calibrate gives for it. */
static void
test_thresholds_cancel (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(SlSession) original = NULL;
  g_autoptr(SlSession) expected = NULL;

  fixture_open (fx, LESSON ("in-vitro-vs-in-vivo"), TRUE);
  original = sl_session_copy (sl_workbench_get_session (fx->workbench));
  /* In vivo, then undo at once: the measurement stops, nothing lands */
  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "in-vivo"), "clicked");
  g_assert_true (g_str_has_prefix (note_text (fx), "Measuring"));
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_false (g_str_has_prefix (note_text (fx), "Measuring"));
  sl_ui_test_iterate_for_ms (2000);
  assert_session (fx, original);
  g_assert_true (sl_history_can_redo (sl_workbench_get_history (fx->workbench)));

  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "in-vivo"), "clicked");
  gtk_spin_button_set_value (sl_model_panel_get_spin (fx->panel, "ca_o"), 1.5);
  g_assert_nonnull (strstr (note_text (fx), "Measuring C_pre and C_post at 1.5 mM"));
  wait_thresholds (fx, original);
  assert_calibrated (fx, original, 1.5);
  /* undo: the 2.0 mM thresholds at 1.5 mM; undo: at 1.2 mM (the 1.2 mM
   * measurement never landed); undo: the lesson */
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_assert_cmpfloat (sl_workbench_get_session (fx->workbench)->model->ca_o, ==, 1.5);
  g_assert_true (sl_workbench_undo (fx->workbench));
  g_clear_pointer (&expected, sl_session_free);
  expected = sl_session_copy (original);
  expected->model->ca_o = 1.2;
  assert_session (fx, expected);
  g_assert_true (sl_workbench_undo (fx->workbench));
  assert_session (fx, original);
  g_assert_false (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));
  sl_ui_test_iterate_for_ms (200);
  assert_session (fx, original);

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

/* A cell that does not fire (no Na channels) has no C_post: the Ca_o
 * edit stands, the measurement's error goes to the banner, and the
 * thresholds are marked as measured at 2.0 mM, on the cell before the
 * Na channels went. */
static void
test_thresholds_error (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  SlSession *edited;
  SlModel *model;
  const char *banner;

  fixture_open (fx, LESSON ("in-vitro-vs-in-vivo"), FALSE);
  model = sl_workbench_get_model (fx->workbench);
  edited = sl_session_copy (sl_workbench_get_session (fx->workbench));
  for (guint i = 0; i < edited->model->mechanisms->len; i++)
    {
      SlMechanismSpec *m = &g_array_index (edited->model->mechanisms, SlMechanismSpec, i);

      if (g_str_equal (m->mechanism, "nat"))
        m->value.value = 0;
    }
  sl_workbench_edit_session (fx->workbench, edited, "No Na");
  wait_new_model (fx, model);
  g_signal_emit_by_name (sl_model_panel_get_button (fx->panel, "in-vivo"), "clicked");
  banner = wait_banner (fx);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "does not fire"));
  g_assert_cmpfloat (sl_workbench_get_session (fx->workbench)->model->ca_o, ==, 1.2);
  g_assert_nonnull (strstr (note_text (fx), "measured at 2.0 mM, not at this 1.2 mM, and before "
                                            "the cell's last changes"));
  g_assert_true (gtk_widget_get_visible (sl_model_panel_get_button (fx->panel, "remeasure")));

  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

static void
test_screenshot_default (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;

  if (g_getenv ("SL_MODEL_PANEL_SCREENSHOT") == NULL)
    {
      g_test_skip ("SL_MODEL_PANEL_SCREENSHOT not set");
      return;
    }
  fixture_open (fx, LESSON ("two-rules-one-neuron"), TRUE);
  maybe_screenshot (fx, "two-rules-one-neuron");
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/model-panel/ca-o-preset", test_ca_o_preset);
  g_test_add_func ("/ui/model-panel/calcium-and-spines", test_calcium_and_spines);
  g_test_add_func ("/ui/model-panel/channels", test_channels);
  g_test_add_func ("/ui/model-panel/out-of-range-and-refused", test_out_of_range_and_refused);
  g_test_add_func ("/ui/model-panel/thresholds-cancel", test_thresholds_cancel);
  g_test_add_func ("/ui/model-panel/thresholds-other-model", test_thresholds_other_model);
  g_test_add_func ("/ui/model-panel/thresholds-missing", test_thresholds_missing);
  g_test_add_func ("/ui/model-panel/thresholds-error", test_thresholds_error);
  g_test_add_func ("/ui/model-panel/screenshot-default", test_screenshot_default);
  return g_test_run ();
}
