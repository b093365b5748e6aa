/* sl-camera.h: the orbit camera of the 3D morphology view.
 *
 * A turntable camera around a target point: yaw about the world y axis
 * (the apical axis of most reconstructions), pitch towards it, a distance
 * and a vertical field of view.  Plain data plus functions, no GL and no
 * GTK, so the math can be tested on its own.  World units are µm.
 */
#pragma once

#include <glib.h>
#include <graphene.h>

G_BEGIN_DECLS

typedef struct
{
  graphene_point3d_t target;       /* µm, the point orbited around */
  float              distance;     /* µm, target to eye */
  float              yaw;          /* rad, about world +y; 0 looks along -z */
  float              pitch;        /* rad, in (-π/2, π/2) */
  float              fov_y;        /* rad, vertical field of view */
  gboolean           orthographic; /* parallel projection; its view height is
                                    * that of the perspective one at the target
                                    * (2 distance tan(fov_y / 2)), so toggling
                                    * keeps the target plane's framing */

  /* The scene: its box for fit, its bounding sphere for clipping planes
   * and zoom limits. */
  graphene_point3d_t scene_min;    /* µm */
  graphene_point3d_t scene_max;    /* µm */
  graphene_point3d_t scene_center; /* µm */
  float              scene_radius; /* µm */
} SlCamera;

void     sl_camera_init           (SlCamera                 *self);
void     sl_camera_set_scene      (SlCamera                 *self,
                                   const graphene_point3d_t *bbox_min,
                                   const graphene_point3d_t *bbox_max);
void     sl_camera_fit            (SlCamera                 *self,
                                   float                     aspect);
void     sl_camera_reset          (SlCamera                 *self,
                                   float                     aspect);
void     sl_camera_orbit          (SlCamera                 *self,
                                   float                     d_yaw,
                                   float                     d_pitch);
void     sl_camera_pan            (SlCamera                 *self,
                                   float                     dx_px,
                                   float                     dy_px,
                                   float                     viewport_height_px);
void     sl_camera_zoom           (SlCamera                 *self,
                                   float                     factor);

void     sl_camera_get_eye        (const SlCamera           *self,
                                   graphene_point3d_t       *eye);
void     sl_camera_get_basis      (const SlCamera           *self,
                                   graphene_vec3_t          *right,
                                   graphene_vec3_t          *up,
                                   graphene_vec3_t          *forward);
void     sl_camera_get_clip       (const SlCamera           *self,
                                   float                    *near,
                                   float                    *far);
void     sl_camera_get_view       (const SlCamera           *self,
                                   graphene_matrix_t        *view);
void     sl_camera_get_projection (const SlCamera           *self,
                                   float                     aspect,
                                   graphene_matrix_t        *proj);
/* µm covered by one pixel of a viewport viewport_height_px high, for a
 * point depth µm in front of the eye (independent of depth when
 * orthographic). */
float    sl_camera_um_per_px      (const SlCamera           *self,
                                   float                     depth,
                                   float                     viewport_height_px);
void     sl_camera_set_orthographic (SlCamera               *self,
                                   gboolean                  orthographic);
void     sl_camera_project        (const SlCamera           *self,
                                   float                     aspect,
                                   const graphene_point3d_t *world,
                                   graphene_point3d_t       *ndc);

G_END_DECLS
