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
  return g_test_run ();
}
