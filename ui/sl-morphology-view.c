/* sl-morphology-view.c: GtkGLArea subclass, camera input and colouring.
 * The spine instances and the projection used for picking are in
 * sl-morphology-view-spines.c.
 *
 * GL work lives in SlMorphologyRenderer and camera math in SlCamera; this
 * file ties them to the widget: realize/unrealize, the render vfunc,
 * gestures, key bindings and the colour buffer.
 */
#include "sl-morphology-view.h"
#include "sl-morphology-view-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-gl.h"
#include "sl-morphology-mesh.h"
#include "sl-morphology-renderer.h"
#include "sl-ui-private.h"

#define ORBIT_RAD_PER_PX  0.008f
#define KEY_ORBIT_DEG     10.0
#define KEY_ZOOM_FACTOR   1.25
#define SCROLL_ZOOM_BASE  1.15
#define DEFAULT_SAMPLES   4

/* Dark slate: region colours and colour maps stay readable on it. */
static const float background[4] = { 0.114f, 0.122f, 0.141f, 1.f };


enum { PROP_0, PROP_MORPHOLOGY, PROP_ORTHOGRAPHIC, N_PROPS };
enum { FRAME_RENDERED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SlMorphologyView, sl_morphology_view, GTK_TYPE_GL_AREA)

static float
view_aspect (SlMorphologyView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  return (w > 0 && h > 0) ? (float) w / (float) h : 1.f;
}

static void
update_colors (SlMorphologyView *self)
{
  int n;

  if (self->mesh == NULL)
    return;
  n = self->mesh->n_segments;
  if (self->values == NULL)
    {
      sl_morphology_mesh_region_colors (self->mesh, self->morph, self->colors);
      return;
    }

  {
    float span = self->value_hi - self->value_lo;
    float scale = span != 0.f ? 1.f / span : 0.f;

    for (int s = 0; s < n; s++)
      sl_colormap_map (self->colormap,
                       (self->values[self->mesh->segment_point[s]] - self->value_lo) * scale,
                       &self->colors[4 * s]);
    sl_colormap_map (self->colormap,
                     self->mesh->soma_point >= 0
                       ? (self->values[self->mesh->soma_point] - self->value_lo) * scale
                       : NAN,
                     &self->colors[4 * n]);
  }
}

static void
update_spine_colors (SlMorphologyView *self)
{
  float span = self->spine_hi - self->spine_lo;
  float scale = span != 0.f ? 1.f / span : 0.f;

  for (int k = 0; k < self->n_spines; k++)
    {
      guint8 *c = &self->spine_colors[4 * k];

      if (self->spine_values != NULL)
        sl_colormap_map (self->spine_map, (self->spine_values[k] - self->spine_lo) * scale, c);
      else
        c[0] = c[1] = c[2] = 150;
      c[3] = (k == self->spine_selected ? SL_SPINE_FLAG_SELECTED : 0)
             | (self->spine_marked != NULL && self->spine_marked[k] ? SL_SPINE_FLAG_STIMULATED : 0);
    }
}

static gboolean
is_software_renderer (void)
{
  const char *renderer = (const char *) glGetString (GL_RENDERER);

  return renderer == NULL || strstr (renderer, "llvmpipe") || strstr (renderer, "softpipe") ||
         strstr (renderer, "SWR") || strstr (renderer, "Software Rasterizer");
}

static void
sl_morphology_view_realize (GtkWidget *widget)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (widget);
  GtkGLArea *area = GTK_GL_AREA (widget);
  g_autoptr(GError) error = NULL;
  const char *env_samples = g_getenv ("SL_MSAA");
  int samples;

  GTK_WIDGET_CLASS (sl_morphology_view_parent_class)->realize (widget);

  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    return;
  if (gdk_gl_context_get_use_es (gtk_gl_area_get_context (area)))
    {
      g_autoptr(GError) es_error =
        g_error_new (SL_GL_ERROR, SL_GL_ERROR_SHADER,
                     "The 3D view needs desktop OpenGL 3.3; only OpenGL ES is available");
      gtk_gl_area_set_error (area, es_error);
      return;
    }

  /* Multisampling multiplies the fragment work of a software rasteriser
   * (4× MSAA made llvmpipe ten times slower on a 26,000-segment cell), so
   * it is on only for hardware unless SL_MSAA asks otherwise. */
  if (env_samples)
    samples = atoi (env_samples);
  else
    samples = is_software_renderer () ? 0 : DEFAULT_SAMPLES;

  self->renderer = sl_morphology_renderer_new (samples, &error);
  if (self->renderer == NULL)
    {
      g_warning ("3D view: %s", error->message);
      gtk_gl_area_set_error (area, error);
      return;
    }
  self->mesh_dirty = TRUE;
  self->spines_dirty = TRUE;
}

static void
sl_morphology_view_unrealize (GtkWidget *widget)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (widget);

  /* The renderer only exists if realize got a working context. */
  if (self->renderer != NULL)
    {
      gtk_gl_area_make_current (GTK_GL_AREA (widget));
      g_clear_pointer (&self->renderer, sl_morphology_renderer_free);
    }

  GTK_WIDGET_CLASS (sl_morphology_view_parent_class)->unrealize (widget);
}

static GdkTexture *
read_back (int width,
           int height)
{
  gsize stride = 4 * (gsize) width;
  g_autofree guint8 *pixels = g_malloc (stride * height);
  g_autofree guint8 *flipped = g_malloc (stride * height);
  g_autoptr(GBytes) bytes = NULL;

  glPixelStorei (GL_PACK_ALIGNMENT, 1);
  glReadPixels (0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  /* GL rows go bottom-up, textures top-down. */
  for (int y = 0; y < height; y++)
    memcpy (flipped + stride * y, pixels + stride * (height - 1 - y), stride);
  bytes = g_bytes_new_take (g_steal_pointer (&flipped), stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, stride);
}

static gboolean
sl_morphology_view_render (GtkGLArea    *area,
                           GdkGLContext *context)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (area);
  GtkWidget *widget = GTK_WIDGET (area);
  int scale = gtk_widget_get_scale_factor (widget);
  int width = gtk_widget_get_width (widget) * scale;
  int height = gtk_widget_get_height (widget) * scale;
  g_autoptr(GError) error = NULL;
  graphene_matrix_t view, proj;
  GLint target = 0;
  gint64 start;

  if (self->renderer == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  /* GtkGLArea has bound its own framebuffer; remember it before
   * (re)creating the multisampled one changes the binding. */
  glGetIntegerv (GL_DRAW_FRAMEBUFFER_BINDING, &target);
  if (self->mesh_dirty)
    {
      sl_morphology_renderer_set_mesh (self->renderer, self->mesh);
      self->mesh_dirty = FALSE;
      self->colors_dirty = self->mesh != NULL;
    }
  if (self->colors_dirty)
    {
      update_colors (self);
      sl_morphology_renderer_set_colors (self->renderer, self->colors,
                                         self->mesh->n_segments + 1);
      self->colors_dirty = FALSE;
    }
  if (self->spines_dirty)
    {
      sl_morphology_renderer_set_spines (self->renderer, self->spines, self->n_spines);
      self->spines_dirty = FALSE;
      self->spine_colors_dirty = TRUE;
    }
  if (self->spine_colors_dirty)
    {
      update_spine_colors (self);
      sl_morphology_renderer_set_spine_colors (self->renderer, self->spine_colors, self->n_spines);
      self->spine_colors_dirty = FALSE;
    }
  if (!sl_morphology_renderer_set_size (self->renderer, width, height, scale, &error))
    g_warning ("3D view: %s", error->message);

  if (width > 0 && height > 0
      && (self->fit_pending
          || (self->auto_fit && (width != self->fit_width || height != self->fit_height))))
    {
      sl_camera_fit (&self->camera, view_aspect (self));
      self->fit_pending = FALSE;
      self->fit_width = width;
      self->fit_height = height;
    }
  sl_camera_get_view (&self->camera, &view);
  sl_camera_get_projection (&self->camera, view_aspect (self), &proj);

  sl_morphology_renderer_draw (self->renderer, target, &view, &proj, background);

  if (self->finish_frames || self->capture_next)
    {
      glFinish ();
      self->last_draw_ms = (g_get_monotonic_time () - start) / 1000.0;
    }
  if (self->capture_next)
    {
      glBindFramebuffer (GL_READ_FRAMEBUFFER, target);
      g_clear_object (&self->captured);
      self->captured = read_back (width, height);
      self->capture_next = FALSE;
    }

  g_signal_emit (self, signals[FRAME_RENDERED], 0);
  return TRUE;
}

/* Input ----------------------------------------------------------------- */

static void
drag_begin (GtkGestureDrag   *gesture,
            double            x,
            double            y,
            SlMorphologyView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  /* The right button is left free for context menus. */
  if (button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_MIDDLE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start = self->camera;
  self->drag_pans = button == GDK_BUTTON_MIDDLE || (mods & GDK_SHIFT_MASK) != 0;
}

static void
drag_update (GtkGestureDrag   *gesture,
             double            dx,
             double            dy,
             SlMorphologyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  /* From the camera at the start of the drag, so motion never drifts.  A
   * click (no motion) is not a camera move and keeps the automatic fit. */
  if (dx == 0 && dy == 0)
    return;
  self->auto_fit = FALSE;
  self->camera = self->drag_start;
  if (self->drag_pans)
    sl_camera_pan (&self->camera, dx, dy, gtk_widget_get_height (widget));
  else
    sl_camera_orbit (&self->camera, -dx * ORBIT_RAD_PER_PX, dy * ORBIT_RAD_PER_PX);
  gtk_widget_queue_draw (widget);
}

static gboolean
scrolled (GtkEventControllerScroll *controller,
          double                    dx,
          double                    dy,
          SlMorphologyView         *self)
{
  sl_morphology_view_zoom (self, pow (SCROLL_ZOOM_BASE, -dy));
  return TRUE;
}

static void
zoom_begin (GtkGesture       *gesture,
            GdkEventSequence *sequence,
            SlMorphologyView *self)
{
  self->auto_fit = FALSE;
  self->zoom_start_distance = self->camera.distance;
}

static void
zoom_scale_changed (GtkGestureZoom   *gesture,
                    double            scale,
                    SlMorphologyView *self)
{
  self->camera.distance = self->zoom_start_distance;
  sl_camera_zoom (&self->camera, scale);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Actions ---------------------------------------------------------------- */

static void
action_fit (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  sl_morphology_view_fit (SL_MORPHOLOGY_VIEW (widget));
}

static void
action_reset (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  sl_morphology_view_reset (SL_MORPHOLOGY_VIEW (widget));
}

static void
action_zoom (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  double factor = g_str_equal (name, "view.zoom-in") ? KEY_ZOOM_FACTOR : 1.0 / KEY_ZOOM_FACTOR;

  sl_morphology_view_zoom (SL_MORPHOLOGY_VIEW (widget), factor);
}

static void
action_projection (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (widget);

  sl_morphology_view_set_orthographic (self, !self->camera.orthographic);
}

static void
action_orbit (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  double yaw, pitch;

  g_variant_get (param, "(dd)", &yaw, &pitch);
  sl_morphology_view_orbit (SL_MORPHOLOGY_VIEW (widget), yaw, pitch);
}

/* GObject ---------------------------------------------------------------- */

static void
sl_morphology_view_finalize (GObject *object)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (object);

  g_clear_pointer (&self->morph, sl_morphology_unref);
  g_clear_pointer (&self->mesh, sl_morphology_mesh_free);
  g_clear_pointer (&self->colors, g_free);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->spines, g_free);
  g_clear_pointer (&self->spine_colors, g_free);
  g_clear_pointer (&self->spine_values, g_free);
  g_clear_pointer (&self->spine_marked, g_free);
  g_clear_object (&self->captured);

  G_OBJECT_CLASS (sl_morphology_view_parent_class)->finalize (object);
}

static void
sl_morphology_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SlMorphologyView *self = SL_MORPHOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_MORPHOLOGY:
      g_value_set_pointer (value, self->morph);
      break;
    case PROP_ORTHOGRAPHIC:
      g_value_set_boolean (value, self->camera.orthographic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_orbit_binding (GtkWidgetClass *widget_class,
                   guint           key,
                   double          yaw,
                   double          pitch)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "view.orbit", "(dd)", yaw, pitch);
}

static void
sl_morphology_view_class_init (SlMorphologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkGLAreaClass *area_class = GTK_GL_AREA_CLASS (klass);

  _sl_ui_ensure_resources ();

  object_class->finalize = sl_morphology_view_finalize;
  object_class->get_property = sl_morphology_view_get_property;
  widget_class->realize = sl_morphology_view_realize;
  widget_class->unrealize = sl_morphology_view_unrealize;
  area_class->render = sl_morphology_view_render;

  /* A pointer, not a boxed type: SlMorphology is a plain refcounted struct. */
  properties[PROP_MORPHOLOGY] =
    g_param_spec_pointer ("morphology", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORTHOGRAPHIC] =
    g_param_spec_boolean ("orthographic", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FRAME_RENDERED] =
    g_signal_new ("frame-rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "view.fit", NULL, action_fit);
  gtk_widget_class_install_action (widget_class, "view.reset", NULL, action_reset);
  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "view.orbit", "(dd)", action_orbit);
  gtk_widget_class_install_action (widget_class, "view.projection", NULL, action_projection);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "view.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "view.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "view.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "view.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "view.zoom-out", NULL);
  /* 5 as Blender's numpad toggle, O for orthographic. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, 0, "view.projection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_5, 0, "view.projection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, 0, "view.projection", NULL);
  add_orbit_binding (widget_class, GDK_KEY_Left, -KEY_ORBIT_DEG, 0);
  add_orbit_binding (widget_class, GDK_KEY_Right, KEY_ORBIT_DEG, 0);
  add_orbit_binding (widget_class, GDK_KEY_Up, 0, KEY_ORBIT_DEG);
  add_orbit_binding (widget_class, GDK_KEY_Down, 0, -KEY_ORBIT_DEG);

  gtk_widget_class_set_css_name (widget_class, "morphologyview");
}

static void
sl_morphology_view_init (SlMorphologyView *self)
{
  GtkGesture *drag, *zoom;
  GtkEventController *scroll, *shortcuts;

  sl_camera_init (&self->camera);
  self->colormap = SL_COLORMAP_VIRIDIS;
  self->spine_map = SL_COLORMAP_VIRIDIS;
  self->spine_lo = 0.f;
  self->spine_hi = 1.f;
  self->spine_selected = -1;
  self->value_lo = 0.f;
  self->value_hi = 1.f;

  gtk_gl_area_set_required_version (GTK_GL_AREA (self), 3, 3);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), TRUE);
  gtk_gl_area_set_auto_render (GTK_GL_AREA (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  /* The projection toggle also when the focus is elsewhere in the window
   * (a button, the sidebar): handled by the window in the bubble phase,
   * so a focused text field still takes its 5 and o. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("5|KP_5|o"),
                                                          gtk_named_action_new ("view.projection")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}

/* Public API ------------------------------------------------------------- */

GtkWidget *
sl_morphology_view_new (void)
{
  return g_object_new (SL_TYPE_MORPHOLOGY_VIEW, NULL);
}

void
sl_morphology_view_set_morphology (SlMorphologyView *self,
                                   SlMorphology     *morph)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  if (morph == self->morph)
    return;
  if (morph)
    sl_morphology_ref (morph);
  g_clear_pointer (&self->morph, sl_morphology_unref);
  g_clear_pointer (&self->mesh, sl_morphology_mesh_free);
  g_clear_pointer (&self->colors, g_free);
  g_clear_pointer (&self->values, g_free);
  self->morph = morph;

  if (morph)
    {
      graphene_point3d_t lo, hi;

      self->mesh = sl_morphology_mesh_new (morph);
      self->colors = g_new0 (guint8, 4 * (self->mesh->n_segments + 1));
      graphene_point3d_init (&lo, self->mesh->bbox_min[0], self->mesh->bbox_min[1], self->mesh->bbox_min[2]);
      graphene_point3d_init (&hi, self->mesh->bbox_max[0], self->mesh->bbox_max[1], self->mesh->bbox_max[2]);
      sl_camera_set_scene (&self->camera, &lo, &hi);
      self->camera.yaw = self->camera.pitch = 0.f;
      self->fit_pending = TRUE;
      self->auto_fit = TRUE;
      self->fit_width = self->fit_height = 0;
    }
  self->mesh_dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MORPHOLOGY]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SlMorphology *
sl_morphology_view_get_morphology (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), NULL);
  return self->morph;
}

int
sl_morphology_view_get_n_segments (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), 0);
  return self->mesh ? self->mesh->n_segments : 0;
}

void
sl_morphology_view_set_segment_values (SlMorphologyView *self,
                                       const float      *values,
                                       gsize             n_values)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  if (values == NULL)
    g_clear_pointer (&self->values, g_free);
  else
    {
      g_return_if_fail (self->morph != NULL);
      g_return_if_fail (n_values == (gsize) self->morph->n_points);
      if (self->values == NULL)
        self->values = g_new (float, n_values);
      memcpy (self->values, values, n_values * sizeof (float));
    }
  self->colors_dirty = self->mesh != NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_value_range (SlMorphologyView *self,
                                    float             lo,
                                    float             hi)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  self->value_lo = lo;
  self->value_hi = hi;
  self->colors_dirty = self->mesh != NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_colormap (SlMorphologyView *self,
                                 SlColormap        map)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  self->colormap = map;
  self->colors_dirty = self->mesh != NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_fit (SlMorphologyView *self)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  sl_camera_fit (&self->camera, view_aspect (self));
  self->auto_fit = TRUE;
  self->fit_width = self->fit_height = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_reset (SlMorphologyView *self)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  sl_camera_reset (&self->camera, view_aspect (self));
  self->auto_fit = TRUE;
  self->fit_width = self->fit_height = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_orbit (SlMorphologyView *self,
                          double            d_yaw_deg,
                          double            d_pitch_deg)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  sl_camera_orbit (&self->camera, d_yaw_deg * G_PI / 180.0, d_pitch_deg * G_PI / 180.0);
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_zoom (SlMorphologyView *self,
                         double            factor)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  sl_camera_zoom (&self->camera, factor);
  self->auto_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_camera (SlMorphologyView *self,
                               const SlCamera   *camera)
{
  gboolean ortho;

  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));
  g_return_if_fail (camera != NULL);

  ortho = self->camera.orthographic;
  self->camera = *camera;
  self->fit_pending = FALSE;
  self->auto_fit = FALSE;
  if (ortho != self->camera.orthographic)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORTHOGRAPHIC]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SlCamera *
sl_morphology_view_get_camera (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), NULL);
  return &self->camera;
}

void
sl_morphology_view_capture_next_frame (SlMorphologyView *self)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  self->capture_next = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
sl_morphology_view_get_captured_frame (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), NULL);
  return self->captured;
}

void
sl_morphology_view_set_finish_frames (SlMorphologyView *self,
                                      gboolean          finish)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));
  self->finish_frames = finish;
}

double
sl_morphology_view_get_last_draw_ms (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), 0);
  return self->last_draw_ms;
}

int
sl_morphology_view_get_samples (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), 0);
  return self->renderer ? sl_morphology_renderer_get_samples (self->renderer) : 0;
}

void
sl_morphology_view_get_lod_counts (SlMorphologyView *self,
                                   int              *n_cylinders,
                                   int              *n_quads)
{
  *n_cylinders = *n_quads = 0;
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));
  if (self->renderer)
    sl_morphology_renderer_get_lod_counts (self->renderer, n_cylinders, n_quads);
}

void
sl_morphology_view_get_background (SlMorphologyView *self,
                                   guint8            rgb[3])
{
  for (int k = 0; k < 3; k++)
    rgb[k] = (guint8) lrintf (background[k] * 255.f);
}

void
sl_morphology_view_set_orthographic (SlMorphologyView *self,
                                     gboolean          orthographic)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  if (self->camera.orthographic == (orthographic != FALSE))
    return;
  sl_camera_set_orthographic (&self->camera, orthographic);
  /* The framing of the target plane is kept; a fitted view stays fitted
   * (the box fits a little differently in each projection). */
  if (self->auto_fit)
    self->fit_width = self->fit_height = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORTHOGRAPHIC]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sl_morphology_view_get_orthographic (SlMorphologyView *self)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), FALSE);
  return self->camera.orthographic;
}
