/* test-window.c: the window under Xvfb — load a cell, render, read the
 * pixels back, and check that the view shows the cell in its region
 * colours; a broken file shows its error and the window goes on. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-morphology-mesh.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  SlWindow *window;
  gboolean  finished;
  gboolean  ok;
} Fixture;

static void
load_finished (SlWindow *window,
               gboolean  ok,
               Fixture  *fx)
{
  fx->finished = TRUE;
  fx->ok = ok;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->window = sl_ui_test_window_new (1100, 720);  /* the app's default */
  g_signal_connect (fx->window, "load-finished", G_CALLBACK (load_finished), fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GtkWidget) view = NULL;

  /* Quit cleanly: destroying the window drops the GL context and every
   * object the view held; the view must then be finalizable. */
  view = g_object_ref (GTK_WIDGET (sl_window_get_view (fx->window)));
  g_object_add_weak_pointer (G_OBJECT (fx->window), (gpointer *) &fx->window);
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
  g_assert_null (fx->window);
  g_assert_false (gtk_widget_get_realized (view));
}

static void
open_fixture (Fixture    *fx,
              const char *name)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "ui", name, NULL);

  fx->finished = FALSE;
  sl_ui_test_open (fx->window, path, TIMEOUT_US);
  g_assert_true (fx->finished);
}

/* The view's next frame (borrowed: the view keeps its last capture). */
static GdkTexture *
capture (Fixture *fx)
{
  SlMorphologyView *view = sl_window_get_view (fx->window);

  g_object_unref (sl_ui_test_capture (view, TIMEOUT_US));
  return sl_morphology_view_get_captured_frame (view);
}

typedef struct
{
  gsize  n_pixels;
  gsize  n_foreground;   /* differ from the background */
  gsize  n_region[8];    /* foreground pixels whose hue is that region's (by SWC type) */
} PixelStats;

/* Shading scales a region colour by a factor between the ambient level and
 * 1, so a pixel of region c is c·k: compare directions in RGB space. */
static gboolean
same_hue (const guint8 *px,
          const guint8  c[4])
{
  double dot = 0, npx = 0, nc = 0;

  for (int k = 0; k < 3; k++)
    {
      dot += (double) px[k] * c[k];
      npx += (double) px[k] * px[k];
      nc += (double) c[k] * c[k];
    }
  return npx > 0 && dot / sqrt (npx * nc) > 0.995;
}

static void
analyse (SlMorphologyView *view,
         GdkTexture       *texture,
         PixelStats       *st)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  gsize stride = 4 * (gsize) w;
  g_autofree guint8 *data = g_malloc (stride * h);
  guint8 bg[3];
  static const int types[] = { SL_TYPE_SOMA, SL_TYPE_AXON, SL_TYPE_BASAL, SL_TYPE_APICAL };

  memset (st, 0, sizeof *st);
  /* For a human look when a check fails: SL_TEST_SAVE_DIR=/tmp … */
  if (g_getenv ("SL_TEST_SAVE_DIR"))
    {
      static int n_saved = 0;
      g_autofree char *name = g_strdup_printf ("capture-%d.png", n_saved++);
      g_autofree char *path = g_build_filename (g_getenv ("SL_TEST_SAVE_DIR"), name, NULL);

      gdk_texture_save_to_png (texture, path);
    }
  sl_morphology_view_get_background (view, bg);
  /* Cairo's ARGB32 in native byte order: B, G, R, A on little-endian. */
  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = &data[stride * y + 4 * x];
        guint8 rgb[3] = { p[2], p[1], p[0] };
        int diff = 0;

        st->n_pixels++;
        for (int k = 0; k < 3; k++)
          diff = MAX (diff, ABS ((int) rgb[k] - (int) bg[k]));
        if (diff <= 24)
          continue;
        st->n_foreground++;
        for (gsize t = 0; t < G_N_ELEMENTS (types); t++)
          {
            guint8 c[4];

            sl_region_color (types[t], c);
            if (same_hue (rgb, c))
              st->n_region[types[t]]++;
          }
      }
}

static int
n_regions_seen (const PixelStats *st)
{
  int n = 0;

  /* At least 0.05 % of the view: a real patch, not a few edge pixels. */
  for (int t = 0; t < 8; t++)
    if (st->n_region[t] * 2000 > st->n_pixels)
      n++;
  return n;
}

static void
test_load_and_render (Fixture       *fx,
                      gconstpointer  data)
{
  SlMorphologyView *view = sl_window_get_view (fx->window);
  GdkTexture *frame;
  PixelStats st;
  g_autofree float *values = NULL;
  int n_points;

  open_fixture (fx, "three-regions.swc");
  g_assert_true (fx->ok);
  g_assert_cmpint (sl_morphology_view_get_n_segments (view), ==, 14);
  g_assert_null (sl_window_get_banner_text (fx->window));

  frame = capture (fx);
  g_assert_nonnull (frame);
  analyse (view, frame, &st);
  g_test_message ("%zu px, %zu foreground, soma %zu, axon %zu, basal %zu, apical %zu",
                  st.n_pixels, st.n_foreground, st.n_region[SL_TYPE_SOMA],
                  st.n_region[SL_TYPE_AXON], st.n_region[SL_TYPE_BASAL],
                  st.n_region[SL_TYPE_APICAL]);
  /* Not blank: over 1 % of the view is cell, in all four region colours. */
  g_assert_cmpuint (st.n_foreground * 100, >, st.n_pixels);
  g_assert_cmpint (n_regions_seen (&st), ==, 4);

  /* Colour by value (the hook for calcium): a ramp over the points through
   * viridis replaces the region colours. */
  n_points = sl_morphology_view_get_morphology (view)->n_points;
  values = g_new (float, n_points);
  for (int i = 0; i < n_points; i++)
    values[i] = (float) i / (n_points - 1);
  sl_morphology_view_set_segment_values (view, values, n_points);
  frame = capture (fx);
  analyse (view, frame, &st);
  g_assert_cmpuint (st.n_foreground * 100, >, st.n_pixels);
  g_assert_cmpuint (st.n_region[SL_TYPE_BASAL] + st.n_region[SL_TYPE_APICAL], <,
                    st.n_foreground / 50);

  /* The camera moves what is drawn: zoomed far out the cell covers less. */
  {
    gsize before = st.n_foreground;

    sl_morphology_view_set_segment_values (view, NULL, 0);
    sl_morphology_view_zoom (view, 0.25);
    frame = capture (fx);
    analyse (view, frame, &st);
    g_assert_cmpuint (st.n_foreground, <, before / 4);
    g_assert_cmpuint (st.n_foreground, >, 0);
    gtk_widget_activate_action (GTK_WIDGET (view), "view.fit", NULL);
    frame = capture (fx);
    analyse (view, frame, &st);
    g_assert_cmpuint (st.n_foreground * 100, >, st.n_pixels);
  }
}

static void
test_bad_file_shows_error (Fixture       *fx,
                           gconstpointer  data)
{
  SlMorphologyView *view = sl_window_get_view (fx->window);
  const char *text;

  open_fixture (fx, "three-regions.swc");
  g_assert_true (fx->ok);

  open_fixture (fx, "missing-parent.swc");
  g_assert_false (fx->ok);
  g_assert_true (sl_window_get_banner_is_error (fx->window));
  text = sl_window_get_banner_text (fx->window);
  g_test_message ("banner: %s", text);
  g_assert_nonnull (strstr (text, "missing-parent.swc"));
  g_assert_nonnull (strstr (text, "99"));
  /* The window goes on, still showing the cell it had. */
  g_assert_nonnull (sl_morphology_view_get_morphology (view));
  g_assert_cmpint (sl_morphology_view_get_n_segments (view), ==, 14);

  open_fixture (fx, "does-not-exist.swc");
  g_assert_false (fx->ok);
  g_assert_nonnull (strstr (sl_window_get_banner_text (fx->window), "does-not-exist.swc"));

  /* A good file afterwards clears the banner. */
  open_fixture (fx, "three-regions.swc");
  g_assert_true (fx->ok);
  g_assert_null (sl_window_get_banner_text (fx->window));
}

/* Keyboard paths go through actions: the view's own (arrows, +/-, F, R)
 * and the window's, which the menu and header bar use. */
static void
test_actions (Fixture       *fx,
              gconstpointer  data)
{
  SlMorphologyView *view = sl_window_get_view (fx->window);
  const SlCamera *cam = sl_morphology_view_get_camera (view);
  float fit_distance;

  open_fixture (fx, "three-regions.swc");
  g_assert_true (fx->ok);
  sl_morphology_view_fit (view);
  fit_distance = cam->distance;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.orbit", "(dd)", 30.0, -20.0));
  g_assert_cmpfloat_with_epsilon (cam->yaw, 30.0 * G_PI / 180.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (cam->pitch, -20.0 * G_PI / 180.0, 1e-5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-in", NULL));
  g_assert_cmpfloat (cam->distance, <, fit_distance);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.zoom-out", NULL));
  g_assert_cmpfloat (cam->distance, >, fit_distance);

  /* Fit keeps the direction of view; reset also returns to the front view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.fit-view", NULL));
  g_assert_cmpfloat_with_epsilon (cam->yaw, 30.0 * G_PI / 180.0, 1e-5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.reset-view", NULL));
  g_assert_cmpfloat (cam->yaw, ==, 0.f);
  g_assert_cmpfloat (cam->pitch, ==, 0.f);
  g_assert_cmpfloat_with_epsilon (cam->distance, fit_distance, fit_distance * 1e-4);
}

/* The app opens on the bundled layer-5 pyramidal cell. */
static void
test_bundled_l5 (Fixture       *fx,
                 gconstpointer  data)
{
  SlMorphologyView *view = sl_window_get_view (fx->window);
  GdkTexture *frame;
  PixelStats st;

  fx->finished = FALSE;
  sl_window_open_bundled (fx->window, "l5-pyramidal");
  sl_ui_test_wait_for (&fx->finished, TIMEOUT_US, "the window");
  g_assert_true (fx->ok);
  g_assert_cmpint (sl_morphology_view_get_n_segments (view), >, 100);

  frame = capture (fx);
  analyse (view, frame, &st);
  g_test_message ("L5: %zu px, %zu foreground, soma %zu, axon %zu, basal %zu, apical %zu",
                  st.n_pixels, st.n_foreground, st.n_region[SL_TYPE_SOMA],
                  st.n_region[SL_TYPE_AXON], st.n_region[SL_TYPE_BASAL],
                  st.n_region[SL_TYPE_APICAL]);
  /* A whole 1.2 mm cell drawn mostly with 2-px lines: about 1 % of the view
   * (measured 1.06 % at 800×537 px); half of that is still clearly a cell,
   * a blank or background-only frame is 0. */
  g_assert_cmpuint (st.n_foreground * 200, >, st.n_pixels);
  g_assert_cmpuint (st.n_region[SL_TYPE_BASAL] * 2000, >, st.n_pixels);
  g_assert_cmpuint (st.n_region[SL_TYPE_APICAL] * 2000, >, st.n_pixels);

  /* Zoomed in on the soma, the thick proximal dendrites become cylinders
   * while the thin distal ones stay quads: both levels of detail drawn. */
  {
    int n_cylinders, n_quads;

    sl_morphology_view_zoom (view, 20.0);
    frame = capture (fx);
    analyse (view, frame, &st);
    sl_morphology_view_get_lod_counts (view, &n_cylinders, &n_quads);
    g_test_message ("L5 zoomed: %d cylinders, %d quads, %zu foreground", n_cylinders, n_quads,
                    st.n_foreground);
    g_assert_cmpint (n_cylinders, >, 0);
    g_assert_cmpint (n_quads, >, 0);
    /* The tuft and the basal tips are out of view at this zoom: culled. */
    g_assert_cmpint (n_cylinders + n_quads, <, sl_morphology_view_get_n_segments (view));
    g_assert_cmpuint (st.n_foreground * 100, >, st.n_pixels);
  }
}

/* Every bundled lesson opens by name (the app's start-up path) and as a
 * .spinelab file: the window takes the lesson's title and the sidebar's
 * lesson panel shows its title, text and expected outcome, the banner
 * stays for errors; the header bar's chooser lists all six; an unknown
 * lesson is an error in the banner. */
static void
test_lessons (Fixture       *fx,
              gconstpointer  data)
{
  static const char *lessons[] = {
    "two-rules-one-neuron", "temporal-derivative", "neighbours-talk",
    "input-order", "in-vitro-vs-in-vivo", "in-vivo", "bap-attenuation",
    "dendritic-location",
  };
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) titles = NULL;

  /* The chooser's list: the six, in the teaching order, with titles. */
  sl_lessons_list (&names, &titles);
  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (lessons));
  for (gsize i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      g_assert_cmpstr (names[i], ==, lessons[i]);
      g_assert_cmpstr (titles[i], !=, names[i]);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      const char *shown;

      fx->finished = FALSE;
      /* Through the chooser's action, as its menu items do. */
      gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.open-lesson", "s", lessons[i]);
      sl_ui_test_wait_for (&fx->finished, TIMEOUT_US, "the window");
      if (!fx->ok)
        g_test_message ("%s: error %d: %s", lessons[i], sl_window_get_banner_is_error (fx->window),
                        sl_window_get_banner_text (fx->window));
      g_assert_true (fx->ok);
      shown = sl_window_get_lesson_text (fx->window);
      g_test_message ("%s: %s", lessons[i], gtk_window_get_title (GTK_WINDOW (fx->window)));
      g_assert_nonnull (shown);
      g_assert_true (g_str_has_prefix (shown, titles[i]));
      g_assert_nonnull (strstr (shown, "\n\nExpected: "));
      g_assert_null (sl_window_get_banner_text (fx->window));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sl_workbench_get_lesson_panel (sl_window_get_workbench (fx->window)))));
      g_assert_cmpint (sl_morphology_view_get_n_segments (sl_window_get_view (fx->window)), >, 0);
    }

  {
    g_autofree char *path = g_build_filename (SL_SOURCE_DIR, "resources", "lessons",
                                              "temporal-derivative.spinelab", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    fx->finished = FALSE;
    sl_window_open_file (fx->window, file);
    sl_ui_test_wait_for (&fx->finished, TIMEOUT_US, "the window");
    if (!fx->ok)
      g_test_message ("%s: %s", path, sl_window_get_banner_text (fx->window));
    g_assert_true (fx->ok);
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (fx->window)), "temporal derivative"));
  }

  fx->finished = FALSE;
  sl_window_open_lesson (fx->window, "no-such-lesson");
  sl_ui_test_wait_for (&fx->finished, TIMEOUT_US, "the window");
  g_assert_false (fx->ok);
  g_assert_nonnull (strstr (sl_window_get_banner_text (fx->window), "no-such-lesson"));

  /* A bare cell is no lesson: the panel hides. */
  fx->finished = FALSE;
  sl_window_open_bundled (fx->window, "ball-and-stick");
  sl_ui_test_wait_for (&fx->finished, TIMEOUT_US, "the window");
  g_assert_true (fx->ok);
  g_assert_null (sl_window_get_lesson_text (fx->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sl_workbench_get_lesson_panel (sl_window_get_workbench (fx->window)))));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/ui/window/load-and-render", Fixture, NULL,
              fixture_setup, test_load_and_render, fixture_teardown);
  g_test_add ("/ui/window/bad-file-shows-error", Fixture, NULL,
              fixture_setup, test_bad_file_shows_error, fixture_teardown);
  g_test_add ("/ui/window/actions", Fixture, NULL,
              fixture_setup, test_actions, fixture_teardown);
  g_test_add ("/ui/window/bundled-l5", Fixture, NULL,
              fixture_setup, test_bundled_l5, fixture_teardown);
  g_test_add ("/ui/window/lessons", Fixture, NULL,
              fixture_setup, test_lessons, fixture_teardown);
  return g_test_run ();
}
