/* sl-camera.c: turntable camera math on graphene matrices.
 *
 * graphene multiplies row vectors (v·M), so a matrix written row by row
 * here, uploaded unchanged to glUniformMatrix4fv (column-major, no
 * transpose), gives GLSL `M * v` the same result.
 */
#include "sl-camera.h"

#include <math.h>

#define SL_CAMERA_DEFAULT_FOV (G_PI / 6.0)      /* 30° vertical */
#define SL_CAMERA_MAX_PITCH   (G_PI / 2.0 - 0.01)
#define SL_CAMERA_FIT_MARGIN  1.08f             /* leave a little border */

void
sl_camera_init (SlCamera *self)
{
  g_return_if_fail (self != NULL);

  graphene_point3d_init (&self->target, 0, 0, 0);
  graphene_point3d_init (&self->scene_min, -100, -100, -100);
  graphene_point3d_init (&self->scene_max, 100, 100, 100);
  graphene_point3d_init (&self->scene_center, 0, 0, 0);
  self->scene_radius = 100.f;
  self->distance = 400.f;
  self->yaw = 0.f;
  self->pitch = 0.f;
  self->fov_y = SL_CAMERA_DEFAULT_FOV;
  self->orthographic = FALSE;
}

void
sl_camera_set_scene (SlCamera                 *self,
                     const graphene_point3d_t *bbox_min,
                     const graphene_point3d_t *bbox_max)
{
  g_return_if_fail (self != NULL);

  self->scene_min = *bbox_min;
  self->scene_max = *bbox_max;
  graphene_point3d_interpolate (bbox_min, bbox_max, 0.5, &self->scene_center);
  self->scene_radius = 0.5f * graphene_point3d_distance (bbox_min, bbox_max, NULL);
  /* A single point still needs a scale to orbit and zoom around. */
  if (!(self->scene_radius > 1.f))
    self->scene_radius = 1.f;
}

void
sl_camera_fit (SlCamera *self,
               float     aspect)
{
  graphene_vec3_t right, up, forward;
  float tan_y, tan_x, d = 0.f;

  g_return_if_fail (self != NULL);

  if (!(aspect > 0.f))
    aspect = 1.f;
  tan_y = tanf (self->fov_y / 2.f);
  tan_x = tan_y * aspect;
  sl_camera_get_basis (self, &right, &up, &forward);
  self->target = self->scene_center;

  /* The nearest eye, along the current view direction, from which every
   * corner of the box is inside the frustum: a corner c (relative to the
   * target) lies at depth d + c·f, so it needs |c·r| <= (d + c·f) tan_x
   * and |c·u| <= (d + c·f) tan_y. */
  for (int i = 0; i < 8; i++)
    {
      graphene_vec3_t c;
      float cr, cu, cf;

      graphene_vec3_init (&c,
                          (i & 1 ? self->scene_max.x : self->scene_min.x) - self->target.x,
                          (i & 2 ? self->scene_max.y : self->scene_min.y) - self->target.y,
                          (i & 4 ? self->scene_max.z : self->scene_min.z) - self->target.z);
      cr = fabsf (graphene_vec3_dot (&c, &right));
      cu = fabsf (graphene_vec3_dot (&c, &up));
      /* Orthographic: the view is 2 d tan_y high at every depth. */
      cf = self->orthographic ? 0.f : graphene_vec3_dot (&c, &forward);
      d = MAX (d, cr / tan_x - cf);
      d = MAX (d, cu / tan_y - cf);
    }
  self->distance = SL_CAMERA_FIT_MARGIN * MAX (d, self->scene_radius * 1e-3f);
}

void
sl_camera_reset (SlCamera *self,
                 float     aspect)
{
  g_return_if_fail (self != NULL);

  self->yaw = 0.f;
  self->pitch = 0.f;
  sl_camera_fit (self, aspect);
}

void
sl_camera_orbit (SlCamera *self,
                 float     d_yaw,
                 float     d_pitch)
{
  g_return_if_fail (self != NULL);

  self->yaw = fmodf (self->yaw + d_yaw, 2.f * (float) G_PI);
  self->pitch = CLAMP (self->pitch + d_pitch,
                       -SL_CAMERA_MAX_PITCH, SL_CAMERA_MAX_PITCH);
}

void
sl_camera_pan (SlCamera *self,
               float     dx_px,
               float     dy_px,
               float     viewport_height_px)
{
  graphene_vec3_t right, up, forward, t, shift;
  float um_per_px;

  g_return_if_fail (self != NULL);

  if (!(viewport_height_px > 0.f))
    return;

  /* µm per pixel in the plane of the target: the scene follows the pointer. */
  um_per_px = sl_camera_um_per_px (self, self->distance, viewport_height_px);
  sl_camera_get_basis (self, &right, &up, &forward);
  graphene_vec3_scale (&right, -dx_px * um_per_px, &right);
  graphene_vec3_scale (&up, dy_px * um_per_px, &up);
  graphene_vec3_add (&right, &up, &shift);
  graphene_point3d_to_vec3 (&self->target, &t);
  graphene_vec3_add (&t, &shift, &t);
  graphene_point3d_init_from_vec3 (&self->target, &t);
}

void
sl_camera_zoom (SlCamera *self,
                float     factor)
{
  g_return_if_fail (self != NULL);

  if (!(factor > 0.f) || !isfinite (factor))
    return;
  self->distance = CLAMP (self->distance / factor,
                          self->scene_radius * 1e-3f,
                          self->scene_radius * 50.f);
}

void
sl_camera_get_eye (const SlCamera     *self,
                   graphene_point3d_t *eye)
{
  float cp = cosf (self->pitch);

  graphene_point3d_init (eye,
                         self->target.x + self->distance * cp * sinf (self->yaw),
                         self->target.y + self->distance * sinf (self->pitch),
                         self->target.z + self->distance * cp * cosf (self->yaw));
}

void
sl_camera_get_basis (const SlCamera  *self,
                     graphene_vec3_t *right,
                     graphene_vec3_t *up,
                     graphene_vec3_t *forward)
{
  float cp = cosf (self->pitch);
  graphene_vec3_t f, r, u;

  /* Pitch stays below ±90°, so forward is never parallel to world +y. */
  graphene_vec3_init (&f, -cp * sinf (self->yaw), -sinf (self->pitch), -cp * cosf (self->yaw));
  graphene_vec3_cross (&f, graphene_vec3_y_axis (), &r);
  graphene_vec3_normalize (&r, &r);
  graphene_vec3_cross (&r, &f, &u);

  if (right)
    *right = r;
  if (up)
    *up = u;
  if (forward)
    *forward = f;
}

void
sl_camera_get_clip (const SlCamera *self,
                    float          *near,
                    float          *far)
{
  graphene_point3d_t eye;
  float d, n, f;

  sl_camera_get_eye (self, &eye);
  d = graphene_point3d_distance (&eye, &self->scene_center, NULL);
  f = d + 1.5f * self->scene_radius;
  /* 24-bit depth keeps ample precision for a far/near ratio of 1000.  A
   * parallel projection has no such ratio, and zoomed in (eye inside the
   * cell) what lies behind the eye must still be drawn: near may be < 0. */
  if (self->orthographic)
    n = d - 1.5f * self->scene_radius;
  else
    n = MAX (d - 1.5f * self->scene_radius, f * 1e-3f);
  *near = n;
  *far = f;
}

void
sl_camera_get_view (const SlCamera    *self,
                    graphene_matrix_t *view)
{
  graphene_point3d_t eye;
  graphene_vec3_t r, u, f, e;
  float m[16];

  sl_camera_get_eye (self, &eye);
  sl_camera_get_basis (self, &r, &u, &f);
  graphene_point3d_to_vec3 (&eye, &e);

  /* Rows of the world→camera transform for row vectors: camera looks down -z. */
  m[0] = graphene_vec3_get_x (&r); m[1] = graphene_vec3_get_x (&u); m[2]  = -graphene_vec3_get_x (&f); m[3]  = 0.f;
  m[4] = graphene_vec3_get_y (&r); m[5] = graphene_vec3_get_y (&u); m[6]  = -graphene_vec3_get_y (&f); m[7]  = 0.f;
  m[8] = graphene_vec3_get_z (&r); m[9] = graphene_vec3_get_z (&u); m[10] = -graphene_vec3_get_z (&f); m[11] = 0.f;
  m[12] = -graphene_vec3_dot (&r, &e);
  m[13] = -graphene_vec3_dot (&u, &e);
  m[14] = graphene_vec3_dot (&f, &e);
  m[15] = 1.f;
  graphene_matrix_init_from_float (view, m);
}

void
sl_camera_get_projection (const SlCamera    *self,
                          float              aspect,
                          graphene_matrix_t *proj)
{
  float near, far;

  if (!(aspect > 0.f))
    aspect = 1.f;
  sl_camera_get_clip (self, &near, &far);
  if (self->orthographic)
    {
      /* Row-vector form of glOrtho for a box centred on the view axis:
       * x / hw, y / hh, and z from [-near, -far] to [-1, 1]. */
      float hh = self->distance * tanf (self->fov_y / 2.f), hw = hh * aspect;
      float m[16] = { 0 };

      m[0] = 1.f / hw;
      m[5] = 1.f / hh;
      m[10] = -2.f / (far - near);
      m[14] = -(far + near) / (far - near);
      m[15] = 1.f;
      graphene_matrix_init_from_float (proj, m);
      return;
    }
  graphene_matrix_init_perspective (proj, self->fov_y * 180.f / (float) G_PI,
                                    aspect, near, far);
}

float
sl_camera_um_per_px (const SlCamera *self,
                     float           depth,
                     float           viewport_height_px)
{
  if (!(viewport_height_px > 0.f))
    return 0.f;
  return 2.f * (self->orthographic ? self->distance : depth) * tanf (self->fov_y / 2.f)
         / viewport_height_px;
}

void
sl_camera_set_orthographic (SlCamera *self,
                            gboolean  orthographic)
{
  g_return_if_fail (self != NULL);
  self->orthographic = orthographic != FALSE;
}

void
sl_camera_project (const SlCamera           *self,
                   float                     aspect,
                   const graphene_point3d_t *world,
                   graphene_point3d_t       *ndc)
{
  graphene_matrix_t view, proj, vp;
  graphene_vec4_t p, clip;
  float w;

  sl_camera_get_view (self, &view);
  sl_camera_get_projection (self, aspect, &proj);
  graphene_matrix_multiply (&view, &proj, &vp);
  graphene_vec4_init (&p, world->x, world->y, world->z, 1.f);
  graphene_matrix_transform_vec4 (&vp, &p, &clip);
  w = graphene_vec4_get_w (&clip);
  graphene_point3d_init (ndc,
                         graphene_vec4_get_x (&clip) / w,
                         graphene_vec4_get_y (&clip) / w,
                         graphene_vec4_get_z (&clip) / w);
}
