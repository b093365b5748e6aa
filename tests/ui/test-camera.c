/* test-camera.c: SlCamera math, checked by projecting known points. */
#include <math.h>

#include "sl-camera.h"

static void
scene (SlCamera *cam)
{
  graphene_point3d_t lo, hi;

  sl_camera_init (cam);
  graphene_point3d_init (&lo, -120.f, -300.f, -40.f);
  graphene_point3d_init (&hi, 180.f, 900.f, 60.f);
  sl_camera_set_scene (cam, &lo, &hi);
}

static void
corners (const SlCamera *cam,
         float           aspect,
         float          *max_abs_xy)
{
  graphene_point3d_t lo, hi;

  graphene_point3d_init (&lo, -120.f, -300.f, -40.f);
  graphene_point3d_init (&hi, 180.f, 900.f, 60.f);
  *max_abs_xy = 0.f;
  for (int i = 0; i < 8; i++)
    {
      graphene_point3d_t c, ndc;

      graphene_point3d_init (&c, i & 1 ? hi.x : lo.x, i & 2 ? hi.y : lo.y, i & 4 ? hi.z : lo.z);
      sl_camera_project (cam, aspect, &c, &ndc);
      g_assert_cmpfloat (fabsf (ndc.x), <=, 1.f);
      g_assert_cmpfloat (fabsf (ndc.y), <=, 1.f);
      /* Inside the clipping planes too. */
      g_assert_cmpfloat (ndc.z, >, -1.f);
      g_assert_cmpfloat (ndc.z, <, 1.f);
      *max_abs_xy = MAX (*max_abs_xy, MAX (fabsf (ndc.x), fabsf (ndc.y)));
    }
}

/* The box's corners lie on its bounding sphere, which fit makes touch the
 * narrower side of the frustum: all corners inside, and the view not
 * zoomed out needlessly (some corner past half the screen). */
static void
test_fit_contains_bbox (void)
{
  static const float aspects[] = { 1.6f, 1.f, 0.5f };
  static const float angles[][2] = { { 0, 0 }, { 0.7f, 0.3f }, { 2.5f, -1.2f } };

  for (gsize a = 0; a < G_N_ELEMENTS (aspects); a++)
    for (gsize k = 0; k < G_N_ELEMENTS (angles); k++)
      {
        SlCamera cam;
        float max_xy;

        scene (&cam);
        sl_camera_orbit (&cam, angles[k][0], angles[k][1]);
        sl_camera_fit (&cam, aspects[a]);
        corners (&cam, aspects[a], &max_xy);
        g_assert_cmpfloat (max_xy, >, 0.5f);
      }
}

/* Default view: eye on +z looking down -z, x to the right, y up. */
static void
test_default_orientation (void)
{
  SlCamera cam;
  graphene_point3d_t eye, p, ndc;

  scene (&cam);
  sl_camera_reset (&cam, 1.f);
  sl_camera_get_eye (&cam, &eye);
  g_assert_cmpfloat_with_epsilon (eye.x, cam.target.x, 1e-3);
  g_assert_cmpfloat_with_epsilon (eye.y, cam.target.y, 1e-3);
  g_assert_cmpfloat (eye.z, >, cam.target.z);

  sl_camera_project (&cam, 1.f, &cam.target, &ndc);
  g_assert_cmpfloat_with_epsilon (ndc.x, 0.f, 1e-5);
  g_assert_cmpfloat_with_epsilon (ndc.y, 0.f, 1e-5);

  graphene_point3d_init (&p, cam.target.x + 50.f, cam.target.y, cam.target.z);
  sl_camera_project (&cam, 1.f, &p, &ndc);
  g_assert_cmpfloat (ndc.x, >, 0.f);
  g_assert_cmpfloat_with_epsilon (ndc.y, 0.f, 1e-5);

  graphene_point3d_init (&p, cam.target.x, cam.target.y + 50.f, cam.target.z);
  sl_camera_project (&cam, 1.f, &p, &ndc);
  g_assert_cmpfloat (ndc.y, >, 0.f);
  g_assert_cmpfloat_with_epsilon (ndc.x, 0.f, 1e-5);
}

/* Orbiting moves the eye on a sphere around the target and never flips
 * over the pole. */
static void
test_orbit (void)
{
  SlCamera cam;
  graphene_point3d_t eye;

  scene (&cam);
  sl_camera_fit (&cam, 1.f);
  for (int i = 0; i < 50; i++)
    {
      sl_camera_orbit (&cam, 0.3f, 0.2f);
      sl_camera_get_eye (&cam, &eye);
      g_assert_cmpfloat_with_epsilon (graphene_point3d_distance (&eye, &cam.target, NULL),
                                      cam.distance, cam.distance * 1e-5);
      g_assert_cmpfloat (cam.pitch, <, G_PI / 2);
    }
  g_assert_cmpfloat (cam.pitch, >, G_PI / 2 - 0.02);
}

/* Panning by (dx, dy) pixels moves what was under the pointer by the same
 * pixels: the old target lands at (+dx, -dy) in a y-up pixel frame of a
 * 640×400 viewport, i.e. ndc = (2 dx / 640, -2 dy / 400). */
static void
test_pan_follows_pointer (void)
{
  const float w = 640.f, h = 400.f, dx = 37.f, dy = -21.f;
  SlCamera cam;
  graphene_point3d_t old_target, ndc;

  scene (&cam);
  sl_camera_orbit (&cam, 0.4f, -0.3f);
  sl_camera_fit (&cam, w / h);
  old_target = cam.target;
  sl_camera_pan (&cam, dx, dy, h);
  sl_camera_project (&cam, w / h, &old_target, &ndc);
  g_assert_cmpfloat_with_epsilon (ndc.x * w / 2.f, dx, 0.01);
  g_assert_cmpfloat_with_epsilon (ndc.y * h / 2.f, -dy, 0.01);
}

static void
test_zoom (void)
{
  SlCamera cam;
  float d;

  scene (&cam);
  sl_camera_fit (&cam, 1.f);
  d = cam.distance;
  sl_camera_zoom (&cam, 2.f);
  g_assert_cmpfloat_with_epsilon (cam.distance, d / 2.f, d * 1e-6);
  sl_camera_zoom (&cam, 0.f);   /* ignored */
  sl_camera_zoom (&cam, NAN);   /* ignored */
  g_assert_cmpfloat_with_epsilon (cam.distance, d / 2.f, d * 1e-6);
  for (int i = 0; i < 100; i++)
    sl_camera_zoom (&cam, 10.f);
  g_assert_cmpfloat_with_epsilon (cam.distance, cam.scene_radius * 1e-3f, 1e-3);
  for (int i = 0; i < 100; i++)
    sl_camera_zoom (&cam, 0.1f);
  g_assert_cmpfloat_with_epsilon (cam.distance, cam.scene_radius * 50.f, 1e-2);
}

/* Orthographic: a point's screen position does not depend on its depth.
 * With fov_y = 30° and the target 400 µm away, the view is
 * 2 · 400 · tan 15° = 214.36 µm high, so a point 107.18 µm above the
 * target (half that) lands on the top edge (ndc y = 1) at any depth, and
 * one 50 µm to the right at x = 50 / (107.18 · aspect). */
static void
test_orthographic_parallel (void)
{
  const float aspect = 1.5f, half_h = 400.f * tanf ((float) G_PI / 12.f);
  SlCamera cam;
  graphene_vec3_t right, up, forward;

  scene (&cam);
  sl_camera_orbit (&cam, 0.6f, 0.25f);
  cam.distance = 400.f;
  sl_camera_set_orthographic (&cam, TRUE);
  g_assert_true (cam.orthographic);
  sl_camera_get_basis (&cam, &right, &up, &forward);
  for (int k = -2; k <= 2; k++)
    {
      graphene_vec3_t t, o;
      graphene_point3d_t p, ndc;

      graphene_point3d_to_vec3 (&cam.target, &t);
      graphene_vec3_scale (&up, half_h, &o);
      graphene_vec3_add (&t, &o, &t);
      graphene_vec3_scale (&right, 50.f, &o);
      graphene_vec3_add (&t, &o, &t);
      graphene_vec3_scale (&forward, 200.f * k, &o);   /* nearer and farther */
      graphene_vec3_add (&t, &o, &t);
      graphene_point3d_init_from_vec3 (&p, &t);
      sl_camera_project (&cam, aspect, &p, &ndc);
      g_assert_cmpfloat_with_epsilon (ndc.y, 1.f, 1e-4);
      g_assert_cmpfloat_with_epsilon (ndc.x, 50.f / (half_h * aspect), 1e-4);
      g_assert_cmpfloat (ndc.z, >, -1.f);
      g_assert_cmpfloat (ndc.z, <, 1.f);
    }
  /* Nearer points have smaller depth values (the depth test still works). */
  {
    graphene_point3d_t a = cam.target, b, na, nb;
    graphene_vec3_t t, o;

    graphene_point3d_to_vec3 (&cam.target, &t);
    graphene_vec3_scale (&forward, -30.f, &o);
    graphene_vec3_add (&t, &o, &t);
    graphene_point3d_init_from_vec3 (&b, &t);
    sl_camera_project (&cam, aspect, &a, &na);
    sl_camera_project (&cam, aspect, &b, &nb);
    g_assert_cmpfloat (nb.z, <, na.z);
  }
}

/* Toggling the projection keeps the target plane framed the same: a point
 * in that plane projects to the same place in both. */
static void
test_orthographic_toggle_keeps_framing (void)
{
  SlCamera cam;
  graphene_vec3_t right, up;
  graphene_point3d_t p, persp, ortho;
  graphene_vec3_t t, o;

  scene (&cam);
  sl_camera_orbit (&cam, -0.9f, 0.4f);
  sl_camera_fit (&cam, 1.3f);
  sl_camera_get_basis (&cam, &right, &up, NULL);
  graphene_point3d_to_vec3 (&cam.target, &t);
  graphene_vec3_scale (&right, 70.f, &o);
  graphene_vec3_add (&t, &o, &t);
  graphene_vec3_scale (&up, -45.f, &o);
  graphene_vec3_add (&t, &o, &t);
  graphene_point3d_init_from_vec3 (&p, &t);
  sl_camera_project (&cam, 1.3f, &p, &persp);
  sl_camera_set_orthographic (&cam, TRUE);
  sl_camera_project (&cam, 1.3f, &p, &ortho);
  g_assert_cmpfloat_with_epsilon (ortho.x, persp.x, 1e-4);
  g_assert_cmpfloat_with_epsilon (ortho.y, persp.y, 1e-4);
}

/* Fit in orthographic projection: every corner inside, the box filling
 * the view (a corner past 1 / 1.08 of the half view less a little, the fit
 * margin being 8 %). */
static void
test_orthographic_fit (void)
{
  static const float aspects[] = { 1.6f, 1.f, 0.5f };
  static const float angles[][2] = { { 0, 0 }, { 0.7f, 0.3f }, { 2.5f, -1.2f } };

  for (gsize a = 0; a < G_N_ELEMENTS (aspects); a++)
    for (gsize k = 0; k < G_N_ELEMENTS (angles); k++)
      {
        SlCamera cam;
        float max_xy;

        scene (&cam);
        sl_camera_set_orthographic (&cam, TRUE);
        sl_camera_orbit (&cam, angles[k][0], angles[k][1]);
        sl_camera_fit (&cam, aspects[a]);
        corners (&cam, aspects[a], &max_xy);
        g_assert_cmpfloat_with_epsilon (max_xy, 1.f / 1.08f, 1e-3);
      }
}

/* µm per pixel: 2 depth tan(fov_y / 2) / height in perspective, the same
 * at every depth (that of the target) in orthographic; moving a point by
 * that much along the right vector moves it by one pixel on screen. */
static void
test_um_per_px (void)
{
  const float h = 500.f, aspect = 1.2f;
  SlCamera cam;
  graphene_vec3_t right, forward;

  scene (&cam);
  sl_camera_fit (&cam, aspect);
  g_assert_cmpfloat_with_epsilon (sl_camera_um_per_px (&cam, 300.f, h),
                                  2.f * 300.f * tanf ((float) G_PI / 12.f) / h, 1e-6);
  sl_camera_set_orthographic (&cam, TRUE);
  g_assert_cmpfloat_with_epsilon (sl_camera_um_per_px (&cam, 300.f, h),
                                  sl_camera_um_per_px (&cam, 3000.f, h), 1e-9);
  g_assert_cmpfloat (sl_camera_um_per_px (&cam, 300.f, 0.f), ==, 0.f);

  sl_camera_get_basis (&cam, &right, NULL, &forward);
  for (int mode = 0; mode < 2; mode++)
    {
      graphene_point3d_t a, b, na, nb;
      graphene_vec3_t t, o;
      float depth = cam.distance + 150.f, s;

      sl_camera_set_orthographic (&cam, mode == 1);
      s = sl_camera_um_per_px (&cam, depth, h);
      graphene_point3d_to_vec3 (&cam.target, &t);
      graphene_vec3_scale (&forward, 150.f, &o);
      graphene_vec3_add (&t, &o, &t);
      graphene_point3d_init_from_vec3 (&a, &t);
      graphene_vec3_scale (&right, s, &o);
      graphene_vec3_add (&t, &o, &t);
      graphene_point3d_init_from_vec3 (&b, &t);
      sl_camera_project (&cam, aspect, &a, &na);
      sl_camera_project (&cam, aspect, &b, &nb);
      /* ndc spans 2 over the width h · aspect pixels. */
      g_assert_cmpfloat_with_epsilon ((nb.x - na.x) / 2.f * h * aspect, 1.f, 1e-3);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/camera/fit-contains-bbox", test_fit_contains_bbox);
  g_test_add_func ("/ui/camera/default-orientation", test_default_orientation);
  g_test_add_func ("/ui/camera/orbit", test_orbit);
  g_test_add_func ("/ui/camera/pan-follows-pointer", test_pan_follows_pointer);
  g_test_add_func ("/ui/camera/zoom", test_zoom);
  g_test_add_func ("/ui/camera/orthographic-parallel", test_orthographic_parallel);
  g_test_add_func ("/ui/camera/orthographic-toggle-keeps-framing", test_orthographic_toggle_keeps_framing);
  g_test_add_func ("/ui/camera/orthographic-fit", test_orthographic_fit);
  g_test_add_func ("/ui/camera/um-per-px", test_um_per_px);
  return g_test_run ();
}
