/* test-view-spines.c: spines drawn by the 3D view under Xvfb — depth
 * against the dendrite, picking the nearest visible spine, the minimum
 * on-screen head size, selection and stimulus rings — plus the
 * orthographic toggle and the automatic fit on a size change.
 *
 * The scenes are built so that the expected pixels follow from geometry:
 * in orthographic projection looking along a spine's own direction, its
 * head lies on the view axis, in front of the dendrite (spine towards the
 * eye) or exactly behind the dendrite's axis (spine away from the eye). */
#include <math.h>
#include <string.h>

#include "sl-generator.h"
#include "sl-morphology-view.h"
#include "sl-ui-test-util.h"
#include "sl-view-overlay.h"

#define TIMEOUT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  GtkWidget        *window;
  GtkWidget        *spacer;   /* stands for a banner appearing above the view */
  SlMorphologyView *view;
  SlViewOverlay    *overlay;
  SlModel          *model;
  guint             n_frames;
} Fixture;

static void
on_frame (SlMorphologyView *view,
          Fixture          *fx)
{
  fx->n_frames++;
}

static void
wait_frames (Fixture *fx,
             guint    n)
{
  gint64 end = g_get_monotonic_time () + TIMEOUT_US;
  guint want = fx->n_frames + n;

  while (fx->n_frames < want)
    {
      gtk_widget_queue_draw (GTK_WIDGET (fx->view));
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for frames");
    }
}

/* dendrite-200 (one 200 µm dendrite) with density spines per µm (0.1: 20
 * spines). */
static void
fixture_setup_full (Fixture *fx,
                    double   density,
                    double   early_yaw_deg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlMorphology) morph = sl_bundled_cell_new ("dendrite-200", &error);
  g_autoptr(SlModelSpec) spec = sl_model_spec_new ();
  GtkWidget *box, *overlay;

  g_assert_no_error (error);
  sl_model_spec_add_spine_group (spec, "all", density);
  fx->model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx->model->n_spines, >=, 10);

  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 640, 480);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fx->spacer = gtk_label_new ("");
  fx->view = SL_MORPHOLOGY_VIEW (sl_morphology_view_new ());
  fx->overlay = SL_VIEW_OVERLAY (sl_view_overlay_new (fx->view));
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (fx->view));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (fx->overlay));
  gtk_box_append (GTK_BOX (box), fx->spacer);
  gtk_box_append (GTK_BOX (box), overlay);
  gtk_window_set_child (GTK_WINDOW (fx->window), box);
  g_signal_connect (fx->view, "frame-rendered", G_CALLBACK (on_frame), fx);
  gtk_window_present (GTK_WINDOW (fx->window));

  sl_morphology_view_set_morphology (fx->view, morph);
  sl_view_overlay_set_model (fx->overlay, fx->model);
  /* A camera move before the first frame (the benchmark's orbit) must not
   * keep the new cell from being fitted. */
  if (early_yaw_deg != 0)
    sl_morphology_view_orbit (fx->view, early_yaw_deg, 0);
  wait_frames (fx, 2);
}

static void
fixture_setup_density (Fixture *fx,
                       double   density)
{
  fixture_setup_full (fx, density, 0);
}

static void
fixture_setup (Fixture *fx)
{
  fixture_setup_density (fx, 0.1);
}

static void
fixture_teardown (Fixture *fx)
{
  sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
  g_clear_pointer (&fx->model, sl_model_unref);
}

/* Orthographic camera on spine k's head, looking along -dir (sign +1: the
 * spine points at the eye) or +dir (sign -1), um_per_px µm per pixel. */
static void
look_along_spine (Fixture *fx,
                  int      k,
                  int      sign,
                  float    um_per_px)
{
  int n;
  const SlSpineInstance *sp = sl_morphology_view_get_spines (fx->view, &n);
  SlCamera cam = *sl_morphology_view_get_camera (fx->view);
  float h = gtk_widget_get_height (GTK_WIDGET (fx->view));
  float dx = sign * sp[k].dir[0], dy = sign * sp[k].dir[1], dz = sign * sp[k].dir[2];

  g_assert_cmpint (k, <, n);
  /* The eye sits at target + distance (cos p sin y, sin p, cos p cos y). */
  graphene_point3d_init (&cam.target, sp[k].head[0], sp[k].head[1], sp[k].head[2]);
  cam.pitch = asinf (CLAMP (dy, -1.f, 1.f));
  cam.yaw = atan2f (dx, dz);
  cam.orthographic = TRUE;
  /* Orthographic µm per pixel: 2 distance tan(fov / 2) / height. */
  cam.distance = um_per_px * h / (2.f * tanf (cam.fov_y / 2.f));
  sl_morphology_view_set_camera (fx->view, &cam);
  wait_frames (fx, 1);
}

static void
pixel_at (GdkTexture *tex,
          int         x,
          int         y,
          guint8      rgb[3])
{
  int w = gdk_texture_get_width (tex), h = gdk_texture_get_height (tex);
  gsize stride = 4 * (gsize) w;
  g_autofree guint8 *px = g_malloc (stride * h);

  gdk_texture_download (tex, px, stride);
  x = CLAMP (x, 0, w - 1);
  y = CLAMP (y, 0, h - 1);
  /* GdkMemoryFormat default for download is B8G8R8A8 premultiplied. */
  rgb[0] = px[stride * y + 4 * x + 2];
  rgb[1] = px[stride * y + 4 * x + 1];
  rgb[2] = px[stride * y + 4 * x + 0];
}

static gsize
count_near (GdkTexture   *tex,
            const guint8  rgb[3],
            int           tolerance)
{
  int w = gdk_texture_get_width (tex), h = gdk_texture_get_height (tex);
  gsize stride = 4 * (gsize) w, n = 0;
  g_autofree guint8 *px = g_malloc (stride * h);

  gdk_texture_download (tex, px, stride);
  for (gsize i = 0; i < stride * h; i += 4)
    if (abs (px[i + 2] - rgb[0]) <= tolerance && abs (px[i + 1] - rgb[1]) <= tolerance
        && abs (px[i] - rgb[2]) <= tolerance)
      n++;
  return n;
}

/* The spine nearest the middle of the dendrite (well inside the cell). */
static int
middle_spine (Fixture *fx)
{
  int best = 0;
  double best_d = G_MAXDOUBLE;

  for (int k = 0; k < fx->model->n_spines; k++)
    {
      double d = fabs (fx->model->distance[fx->model->spine_node[k]] - 100);

      if (d < best_d)
        {
          best = k;
          best_d = d;
        }
    }
  return best;
}

static void
set_all_values (Fixture *fx,
                float    value)
{
  g_autofree float *v = g_new (float, fx->model->n_spines);

  for (int k = 0; k < fx->model->n_spines; k++)
    v[k] = value;
  sl_view_overlay_set_colorbar (fx->overlay, SL_COLORMAP_VIRIDIS, 0, 1, "test");
  sl_view_overlay_set_spine_values (fx->overlay, v, fx->model->n_spines);
}

/* A head towards the eye is drawn in its value's colour at the centre and
 * picked there; the same head behind the dendrite is hidden: the centre
 * shows the shaft, the pick gives the cable, and its position is
 * reported as not visible.  At 0.02 µm per pixel the head (r = 0.275 µm)
 * is ~28 px across, drawn as a quad writing exact depth; at 0.1 µm per
 * pixel ~6 px, a point with the flat depth of its front.  The centre pixel
 * is the head's brightest: within 3 of the colour, or 12 for the small
 * head whose pixel centre is half a pixel off the sphere's (Lambert
 * cos ≥ 0.96 there). */
static void
test_depth_and_picking (void)
{
  static const struct { float um_per_px; int tolerance; } scales[] = { { 0.02f, 3 }, { 0.1f, 12 } };
  Fixture fixture = { 0 }, *fx = &fixture;
  guint8 head_rgb[3], value_rgba[4], shaft_rgb[3];
  int k, picked, w, h;
  double x, y;

  fixture_setup (fx);
  k = middle_spine (fx);
  set_all_values (fx, 1.f);
  sl_colormap_map (SL_COLORMAP_VIRIDIS, 1.f, value_rgba);
  w = gtk_widget_get_width (GTK_WIDGET (fx->view));
  h = gtk_widget_get_height (GTK_WIDGET (fx->view));

  for (gsize i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autoptr(GdkTexture) front = NULL, back = NULL;

      look_along_spine (fx, k, +1, scales[i].um_per_px);
      front = sl_ui_test_capture (fx->view, TIMEOUT_US);
      pixel_at (front, w / 2, h / 2, head_rgb);
      for (int c = 0; c < 3; c++)
        g_assert_cmpint (abs (head_rgb[c] - value_rgba[c]), <=, scales[i].tolerance);
      g_assert_true (sl_view_overlay_spine_position (fx->overlay, k, &x, &y));
      g_assert_cmpfloat (fabs (x - w / 2.0), <, 1.0);
      g_assert_cmpfloat (fabs (y - h / 2.0), <, 1.0);
      g_assert_cmpint (sl_view_overlay_pick (fx->overlay, w / 2.0, h / 2.0, &picked), ==,
                       SL_SELECTION_SPINE);
      g_assert_cmpint (picked, ==, k);

      look_along_spine (fx, k, -1, scales[i].um_per_px);
      back = sl_ui_test_capture (fx->view, TIMEOUT_US);
      pixel_at (back, w / 2, h / 2, shaft_rgb);
      g_test_message ("spine %d at %.2f µm/px: centre pixel facing %u,%u,%u, behind %u,%u,%u", k,
                      scales[i].um_per_px, head_rgb[0], head_rgb[1], head_rgb[2],
                      shaft_rgb[0], shaft_rgb[1], shaft_rgb[2]);
      g_assert_cmpint (abs (shaft_rgb[0] - value_rgba[0]) + abs (shaft_rgb[1] - value_rgba[1])
                       + abs (shaft_rgb[2] - value_rgba[2]), >, 60);
      g_assert_false (sl_view_overlay_spine_position (fx->overlay, k, &x, &y));
      g_assert_cmpint (sl_view_overlay_pick (fx->overlay, w / 2.0, h / 2.0, &picked), ==,
                       SL_SELECTION_NODE);
    }
  fixture_teardown (fx);
}

/* Zoomed out to 2 µm per pixel (the 200 µm dendrite 100 px long) a head
 * of radius ~0.3 µm would be 0.15 px: all 20 together would cover about
 * 20 π 0.15² ≈ 1.4 px.  With the minimum radius of 2 px each is a disc of
 * ~12.6 px.  Head pixels are told apart by their green channel: the
 * value colour (viridis at 1: 253, 231, 37) lit more than a third of the
 * way, while the basal shaft (237, 51, 59) and the background stay below
 * 60. */
static gsize
count_green_above (GdkTexture *tex,
                   int         level)
{
  int w = gdk_texture_get_width (tex), h = gdk_texture_get_height (tex);
  gsize stride = 4 * (gsize) w, n = 0;
  g_autofree guint8 *px = g_malloc (stride * h);

  gdk_texture_download (tex, px, stride);
  for (gsize i = 0; i < stride * h; i += 4)
    if (px[i + 1] > level)
      n++;
  return n;
}

static void
test_minimum_head_size (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GdkTexture) tex = NULL;
  gsize n;

  fixture_setup (fx);
  set_all_values (fx, 1.f);
  look_along_spine (fx, middle_spine (fx), +1, 2.f);
  tex = sl_ui_test_capture (fx->view, TIMEOUT_US);
  n = count_green_above (tex, 115);
  g_test_message ("%zu head pixels for %d spines at 2 µm/px", n, fx->model->n_spines);
  /* A quarter of the heads fully in view is 5 × 12.6 px. */
  g_assert_cmpuint (n, >=, 60);
  fixture_teardown (fx);
}

/* The selected head gets a blue ring, a stimulated one a yellow ring; both
 * vanish when cleared. */
static void
test_selection_and_marks (void)
{
  static const guint8 blue[3] = { 54, 133, 227 }, yellow[3] = { 245, 194, 18 };
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autoptr(GdkTexture) plain = NULL, marked = NULL;
  g_autofree gboolean *marks = NULL;
  int k;

  fixture_setup (fx);
  k = middle_spine (fx);
  set_all_values (fx, 0.f);
  look_along_spine (fx, k, +1, 0.05f);
  plain = sl_ui_test_capture (fx->view, TIMEOUT_US);
  g_assert_cmpuint (count_near (plain, blue, 6), ==, 0);
  g_assert_cmpuint (count_near (plain, yellow, 6), ==, 0);

  marks = g_new0 (gboolean, fx->model->n_spines);
  marks[k] = TRUE;
  sl_view_overlay_set_marked (fx->overlay, marks);
  sl_view_overlay_set_selection (fx->overlay, SL_SELECTION_SPINE, k);
  marked = sl_ui_test_capture (fx->view, TIMEOUT_US);
  g_test_message ("ring pixels: blue %zu, yellow %zu", count_near (marked, blue, 6),
                  count_near (marked, yellow, 6));
  g_assert_cmpuint (count_near (marked, blue, 6), >, 50);
  g_assert_cmpuint (count_near (marked, yellow, 6), >, 50);
  fixture_teardown (fx);
}

/* view.projection toggles the property; an orthographic frame differs from
 * the perspective one of the same camera. */
static void
test_projection_action (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  gboolean ortho = TRUE;

  fixture_setup (fx);
  g_object_get (fx->view, "orthographic", &ortho, NULL);
  g_assert_false (ortho);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "view.projection", NULL));
  g_assert_true (sl_morphology_view_get_orthographic (fx->view));
  g_assert_true (sl_morphology_view_get_camera (fx->view)->orthographic);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "view.projection", NULL));
  g_assert_false (sl_morphology_view_get_orthographic (fx->view));

  /* 5, keypad 5 and O reach it from anywhere in the window: a global
   * shortcut (GTK 4 offers no public way to inject the key itself). */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fx->view));
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
        g_autoptr(GtkShortcut) sc = NULL;
        g_autofree char *trigger = NULL;

        if (!GTK_IS_SHORTCUT_CONTROLLER (c)
            || gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (c)) != GTK_SHORTCUT_SCOPE_GLOBAL)
          continue;
        sc = g_list_model_get_item (G_LIST_MODEL (c), 0);
        trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (sc));
        g_test_message ("global shortcut %s → %s", trigger,
                        gtk_named_action_get_action_name (GTK_NAMED_ACTION (gtk_shortcut_get_action (sc))));
        g_assert_nonnull (strstr (trigger, "KP_5"));
        g_assert_nonnull (strstr (trigger, "|o"));
        g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (gtk_shortcut_get_action (sc))),
                         ==, "view.projection");
        found = TRUE;
      }
    g_assert_true (found);
  }
  fixture_teardown (fx);
}

static float
max_abs_corner (Fixture *fx)
{
  const SlCamera *cam = sl_morphology_view_get_camera (fx->view);
  float aspect = (float) gtk_widget_get_width (GTK_WIDGET (fx->view))
                 / gtk_widget_get_height (GTK_WIDGET (fx->view));
  float m = 0;

  for (int i = 0; i < 8; i++)
    {
      graphene_point3d_t c, ndc;

      graphene_point3d_init (&c, i & 1 ? cam->scene_max.x : cam->scene_min.x,
                             i & 2 ? cam->scene_max.y : cam->scene_min.y,
                             i & 4 ? cam->scene_max.z : cam->scene_min.z);
      sl_camera_project (cam, aspect, &c, &ndc);
      m = MAX (m, MAX (fabsf (ndc.x), fabsf (ndc.y)));
    }
  return m;
}

/* Orbiting between setting a cell and its first frame still fits it (along
 * the orbited direction). */
static void
test_fit_after_early_orbit (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;

  fixture_setup_full (fx, 0.1, 30);
  g_assert_cmpfloat_with_epsilon (sl_morphology_view_get_camera (fx->view)->yaw,
                                  30 * G_PI / 180, 1e-5);
  g_assert_cmpfloat (max_abs_corner (fx), <=, 1.f);
  g_assert_cmpfloat (max_abs_corner (fx), >, 0.5f);
  fixture_teardown (fx);
}

/* After a load the view fits again when its size changes (a banner
 * appearing above it), until the user moves the camera. */
static void
test_refit_on_resize (void)
{
  Fixture fixture = { 0 }, *fx = &fixture;
  int h0, h1;
  float d0, d1;

  fixture_setup (fx);
  h0 = gtk_widget_get_height (GTK_WIDGET (fx->view));
  d0 = sl_morphology_view_get_camera (fx->view)->distance;
  g_assert_cmpfloat (max_abs_corner (fx), <=, 1.f);

  /* A tall banner: the view loses 300 px of height. */
  gtk_widget_set_size_request (fx->spacer, -1, 300);
  wait_frames (fx, 2);
  h1 = gtk_widget_get_height (GTK_WIDGET (fx->view));
  g_assert_cmpint (h1, <, h0);
  d1 = sl_morphology_view_get_camera (fx->view)->distance;
  g_test_message ("view %d → %d px high: distance %.1f → %.1f µm, corners at %.3f",
                  h0, h1, d0, d1, max_abs_corner (fx));
  g_assert_cmpfloat (max_abs_corner (fx), <=, 1.f);
  g_assert_cmpfloat (max_abs_corner (fx), >, 0.5f);

  /* The user orbits: later size changes leave the camera alone. */
  sl_morphology_view_orbit (fx->view, 20, 0);
  d1 = sl_morphology_view_get_camera (fx->view)->distance;
  gtk_widget_set_size_request (fx->spacer, -1, 50);
  wait_frames (fx, 2);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fx->view)), >, h1);
  g_assert_cmpfloat (sl_morphology_view_get_camera (fx->view)->distance, ==, d1);

  /* F (fit) turns the automatic fit back on. */
  sl_morphology_view_fit (fx->view);
  gtk_widget_set_size_request (fx->spacer, -1, 250);
  wait_frames (fx, 2);
  g_assert_cmpfloat (max_abs_corner (fx), <=, 1.f);
  g_assert_cmpfloat (max_abs_corner (fx), >, 0.5f);
  fixture_teardown (fx);
}

/* Not a check: with SL_TEST_SAVE_DIR set, perspective and orthographic
 * close-ups of a dendrite with 1 spine per µm, coloured by a ramp of
 * values, one spine selected and three stimulated, saved as PNG to look
 * at. */
static void
test_save_closeup (void)
{
  const char *dir = g_getenv ("SL_TEST_SAVE_DIR");
  Fixture fixture = { 0 }, *fx = &fixture;
  g_autofree float *v = NULL;
  g_autofree gboolean *marks = NULL;
  SlCamera cam;
  int k;

  if (dir == NULL)
    {
      g_test_skip ("SL_TEST_SAVE_DIR not set");
      return;
    }
  fixture_setup_density (fx, 1.0);
  k = middle_spine (fx);
  v = g_new (float, fx->model->n_spines);
  marks = g_new0 (gboolean, fx->model->n_spines);
  for (int i = 0; i < fx->model->n_spines; i++)
    v[i] = (float) i / fx->model->n_spines;
  marks[k + 2] = marks[k + 3] = marks[k - 2] = TRUE;
  sl_view_overlay_set_colorbar (fx->overlay, SL_COLORMAP_VIRIDIS, 0, 1, "index");
  sl_view_overlay_set_spine_values (fx->overlay, v, fx->model->n_spines);
  sl_view_overlay_set_marked (fx->overlay, marks);
  sl_view_overlay_set_selection (fx->overlay, SL_SELECTION_SPINE, k);
  for (int ortho = 0; ortho < 2; ortho++)
    {
      g_autoptr(GdkTexture) tex = NULL;
      g_autofree char *path = g_strdup_printf ("%s/view-closeup-%s.png", dir,
                                               ortho ? "ortho" : "persp");

      cam = *sl_morphology_view_get_camera (fx->view);
      graphene_point3d_init (&cam.target, fx->model->spine_xyz[3 * k],
                             fx->model->spine_xyz[3 * k + 1], fx->model->spine_xyz[3 * k + 2]);
      cam.distance = 14.f;
      cam.yaw = 0.5f;
      cam.pitch = 0.35f;
      cam.orthographic = ortho;
      sl_morphology_view_set_camera (fx->view, &cam);
      wait_frames (fx, 1);
      tex = sl_ui_test_capture (fx->view, TIMEOUT_US);
      /* The selected spine's ring is in view in both projections. */
      g_assert_cmpuint (count_near (tex, (const guint8[3]) { 54, 133, 227 }, 6), >, 20);
      gdk_texture_save_to_png (tex, path);
      g_test_message ("saved %s", path);
    }
  fixture_teardown (fx);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/view-spines/depth-and-picking", test_depth_and_picking);
  g_test_add_func ("/ui/view-spines/minimum-head-size", test_minimum_head_size);
  g_test_add_func ("/ui/view-spines/selection-and-marks", test_selection_and_marks);
  g_test_add_func ("/ui/view-spines/projection-action", test_projection_action);
  g_test_add_func ("/ui/view-spines/refit-on-resize", test_refit_on_resize);
  g_test_add_func ("/ui/view-spines/fit-after-early-orbit", test_fit_after_early_orbit);
  g_test_add_func ("/ui/view-spines/save-closeup", test_save_closeup);
  return g_test_run ();
}
