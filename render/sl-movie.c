/* sl-movie.c: runs a session and writes it as WebM or a PNG sequence. */
#include "sl-movie.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "sl-plot.h"
#include "sl-state.h"

G_DEFINE_QUARK (sl-movie-error-quark, sl_movie_error)

gboolean
sl_movie_resolve_options (const SlMovieOptions *options,
                          const SlProtocol     *protocol,
                          SlMovieOptions       *resolved,
                          GError              **error)
{
  *resolved = *options;
  if (resolved->tstop == 0)
    resolved->tstop = protocol->tstop;
  if (resolved->fps == 0)
    resolved->fps = SL_MOVIE_DEFAULT_FPS;
  if (resolved->width == 0)
    resolved->width = SL_MOVIE_DEFAULT_WIDTH;
  if (resolved->height == 0)
    resolved->height = SL_MOVIE_DEFAULT_HEIGHT;
  if (resolved->speed == 0)
    resolved->speed = MAX (SL_MOVIE_DEFAULT_SPEED, resolved->tstop / SL_MOVIE_MAX_SECONDS);

  if (!isfinite (resolved->tstop) || resolved->tstop <= 0)
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_INVALID,
                   "the run has no duration (tstop %g ms)", resolved->tstop);
      return FALSE;
    }
  if (resolved->fps < 1 || resolved->fps > 240)
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_INVALID,
                   "frame rate %d is outside 1…240 frames per second", resolved->fps);
      return FALSE;
    }
  if (resolved->width < 16 || resolved->width > 4096 || resolved->height < 16 || resolved->height > 4096)
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_INVALID,
                   "frame size %d × %d is outside 16…4096 pixels", resolved->width, resolved->height);
      return FALSE;
    }
  if (!isfinite (resolved->speed) || resolved->speed <= 0)
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_INVALID,
                   "speed %g is not a positive number of simulated ms per second", resolved->speed);
      return FALSE;
    }
  if (resolved->tstop / resolved->speed * resolved->fps > SL_MOVIE_MAX_FRAMES)
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_INVALID,
                   "%g ms at %g ms per second and %d frames per second is more than %d frames; raise the speed",
                   resolved->tstop, resolved->speed, resolved->fps, SL_MOVIE_MAX_FRAMES);
      return FALSE;
    }
  return TRUE;
}

guint
sl_movie_n_frames (const SlMovieOptions *resolved)
{
  double frame_ms = resolved->speed / resolved->fps;

  return (guint) MAX (1.0, ceil (resolved->tstop / frame_ms - 1e-9));
}

gboolean
sl_movie_is_sequence (const char *out)
{
  return g_str_has_suffix (out, "/") || g_file_test (out, G_FILE_TEST_IS_DIR);
}

void
sl_movie_draw_frame (cairo_t                 *cr,
                     double                   width,
                     double                   height,
                     const SlModel           *model,
                     const SlMorphologyStyle *style,
                     const char              *bar_label,
                     const char              *title,
                     double                   t_ms)
{
  double font = MAX (9.0, height / 36.0);
  double top = 2.4 * font, bar_w = MAX (56.0, width * 0.1);
  char label[64];

  cairo_save (cr);
  /* The 3D view's background. */
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.13);
  cairo_paint (cr);

  sl_figure_draw_morphology (cr, model, style, 6, top, width - bar_w - 12, height - top - 6);
  sl_figure_draw_colorbar (cr, style->map, style->vmin, style->vmax, bar_label, TRUE,
                           width - bar_w + 4, top + 2.5 * font, bar_w - 8, height * 0.5);

  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  if (title != NULL)
    sl_plot_text (cr, title, 10, 0.6 * font, font, 0, 0, 0);
  g_snprintf (label, sizeof label, "t = %.1f ms", t_ms);
  sl_plot_text (cr, label, width - 10, 0.6 * font, font * 1.15, 1, 0, 0);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Values: the first pass stores what colours each frame. */

typedef struct
{
  gboolean nodes;       /* node values are stored (Ca, V) */
  gsize    stride;      /* floats per frame: n_nodes (if nodes) + n_spines */
  float   *values;      /* (n_frames × stride) */
  double   vmin, vmax;
} Values;

static void
store_frame (Values         *vals,
             guint           frame,
             SlFigureColor   color,
             const SlModel  *model,
             const SlState  *state,
             const double   *w0)
{
  float *out = vals->values + (gsize) frame * vals->stride;
  float *spines = out + (vals->nodes ? model->n_nodes : 0);

  if (vals->nodes)
    for (int i = 0; i < model->n_nodes; i++)
      out[i] = (float) (color == SL_FIGURE_COLOR_V ? state->v[i] : state->ca_node[i] * 1e3);
  for (int k = 0; k < model->n_spines; k++)
    switch (color)
      {
      case SL_FIGURE_COLOR_CA:
        spines[k] = (float) (state->ca_head[k] * 1e3);
        break;
      case SL_FIGURE_COLOR_V:
        spines[k] = (float) state->v[model->n_cable + 2 * k + 1];
        break;
      case SL_FIGURE_COLOR_W:
        spines[k] = (float) state->w[k];
        break;
      case SL_FIGURE_COLOR_DW:
      default:
        spines[k] = (float) (state->w[k] - w0[k]);
        break;
      }
}

/* The window's ranges (sl-workbench.c), taken over the whole run: Ca from
 * 0 to at least 1 µM, V at least −80…20 mV, w from 0 to at least 2, Δw
 * symmetric about 0, at least ±0.05.  Calcium takes its top from the
 * dendrite, not the spine heads: a stimulated head peaks tens of times
 * higher than its dendrite and would leave the whole cell at the dark end
 * of the map; heads above the top show its brightest colour. */
static void
value_range (Values        *vals,
             guint          n_frames,
             SlFigureColor  color,
             const SlModel *model)
{
  double lo = INFINITY, hi = -INFINITY, peak = 0;

  for (guint f = 0; f < n_frames; f++)
    {
      const float *frame = vals->values + (gsize) f * vals->stride;
      gsize n = color == SL_FIGURE_COLOR_CA ? (gsize) model->n_cable : vals->stride;

      for (gsize i = 0; i < n; i++)
        if (isfinite (frame[i]))
          {
            lo = MIN (lo, frame[i]);
            hi = MAX (hi, frame[i]);
            peak = MAX (peak, fabs (frame[i]));
          }
    }
  switch (color)
    {
    case SL_FIGURE_COLOR_CA:
      vals->vmin = 0;
      vals->vmax = MAX (1.0, hi);
      break;
    case SL_FIGURE_COLOR_V:
      vals->vmin = MIN (-80.0, lo);
      vals->vmax = MAX (20.0, hi);
      break;
    case SL_FIGURE_COLOR_W:
      vals->vmin = 0;
      vals->vmax = MAX (2.0, hi);
      break;
    case SL_FIGURE_COLOR_DW:
    default:
      vals->vmax = MAX (0.05, peak);
      vals->vmin = -vals->vmax;
      break;
    }
}

static const char *
bar_label (SlFigureColor color)
{
  switch (color)
    {
    case SL_FIGURE_COLOR_CA: return "[Ca] (µM)";
    case SL_FIGURE_COLOR_V: return "V (mV)";
    case SL_FIGURE_COLOR_W: return "w";
    case SL_FIGURE_COLOR_DW:
    default: return "Δw";
    }
}

/* ------------------------------------------------------------------ */
/* The WebM encoder. */

typedef struct
{
  GstElement *pipeline;
  GstElement *src;
  GstBus     *bus;
  int         fps;
} Encoder;

static void
encoder_free (Encoder *enc)
{
  if (enc->pipeline != NULL)
    {
      gst_element_set_state (enc->pipeline, GST_STATE_NULL);
      gst_object_unref (enc->pipeline);
    }
  if (enc->bus != NULL)
    gst_object_unref (enc->bus);
  if (enc->src != NULL)
    gst_object_unref (enc->src);
  memset (enc, 0, sizeof *enc);
}

/* An error posted on the bus, as a GError naming the element. */
static gboolean
encoder_check_bus (Encoder      *enc,
                   GstClockTime  timeout,
                   gboolean      want_eos,
                   GError      **error)
{
  GstMessageType types = GST_MESSAGE_ERROR | (want_eos ? GST_MESSAGE_EOS : 0);
  GstMessage *msg = gst_bus_timed_pop_filtered (enc->bus, timeout, types);

  if (msg == NULL)
    {
      if (want_eos)
        {
          g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                       "the encoder did not finish the file");
          return FALSE;
        }
      return TRUE;
    }
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gerr = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (msg, &gerr, &debug);
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER, "GStreamer %s: %s",
                   GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)), gerr->message);
      gst_message_unref (msg);
      return FALSE;
    }
  gst_message_unref (msg);
  return TRUE;
}

static GstElement *
make_element (const char  *factory,
              const char  *package,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                 "the GStreamer element %s is missing (Debian package %s)", factory, package);
  return element;
}

static gboolean
encoder_open (Encoder     *enc,
              const char  *path,
              int          width,
              int          height,
              int          fps,
              GError     **error)
{
  GstElement *convert, *vp8, *mux, *sink;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) init_error = NULL;

  if (!gst_init_check (NULL, NULL, &init_error))
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                   "GStreamer cannot start: %s", init_error->message);
      return FALSE;
    }
  enc->fps = fps;
  enc->pipeline = gst_pipeline_new ("spinelab-movie");
  gst_object_ref_sink (enc->pipeline);
  if ((enc->src = make_element ("appsrc", "gstreamer1.0-plugins-base", error)) == NULL)
    return FALSE;
  gst_object_ref_sink (enc->src);
  if ((convert = make_element ("videoconvert", "gstreamer1.0-plugins-base", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (enc->pipeline), convert);
  if ((vp8 = make_element ("vp8enc", "gstreamer1.0-plugins-good", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (enc->pipeline), vp8);
  if ((mux = make_element ("webmmux", "gstreamer1.0-plugins-good", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (enc->pipeline), mux);
  if ((sink = make_element ("filesink", "libgstreamer1.0-0", error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (enc->pipeline), sink);
  gst_bin_add (GST_BIN (enc->pipeline), enc->src);

  /* cairo's RGB24 is a native-endian 32-bit xRGB word. */
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "framerate", GST_TYPE_FRACTION, fps, 1,
                              NULL);
  g_object_set (enc->src, "caps", caps, "format", GST_FORMAT_TIME, "is-live", FALSE,
                "block", TRUE, "max-bytes", (guint64) width * height * 4 * 4, NULL);
  /* A few frames of look-ahead at most, the rest in real time: a movie of
   * a cell is mostly still background. */
  g_object_set (vp8, "deadline", (gint64) 1, "cpu-used", 4,
                "target-bitrate", MAX (200000, (int) MIN ((double) G_MAXINT, (double) width * height * fps * 0.1)),
                "keyframe-max-dist", 2 * fps, NULL);
  g_object_set (sink, "location", path, NULL);
  if (!gst_element_link_many (enc->src, convert, vp8, mux, sink, NULL))
    {
      g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                   "GStreamer cannot link appsrc → videoconvert → vp8enc → webmmux → filesink");
      return FALSE;
    }
  enc->bus = gst_element_get_bus (enc->pipeline);
  if (gst_element_set_state (enc->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (encoder_check_bus (enc, 0, FALSE, error))
        g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                     "GStreamer cannot start the pipeline writing %s", path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
encoder_push (Encoder          *enc,
              cairo_surface_t  *surface,
              guint             index,
              GError          **error)
{
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  const guint8 *data;
  GstBuffer *buffer;
  GstMapInfo map;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  buffer = gst_buffer_new_allocate (NULL, (gsize) width * 4 * height, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < height; y++)
    memcpy (map.data + (gsize) y * width * 4, data + (gsize) y * stride, (gsize) width * 4);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (index, GST_SECOND, enc->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (index + 1, GST_SECOND, enc->fps)
                                 - GST_BUFFER_PTS (buffer);
  if (gst_app_src_push_buffer (GST_APP_SRC (enc->src), buffer) != GST_FLOW_OK)
    {
      if (encoder_check_bus (enc, 0, FALSE, error))
        g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_ENCODER,
                     "GStreamer refused frame %u", index);
      return FALSE;
    }
  return encoder_check_bus (enc, 0, FALSE, error);
}

static gboolean
encoder_finish (Encoder  *enc,
                GError  **error)
{
  gst_app_src_end_of_stream (GST_APP_SRC (enc->src));
  return encoder_check_bus (enc, 120 * GST_SECOND, TRUE, error);
}

/* ------------------------------------------------------------------ */

static gboolean
check_output (const char  *out,
              gboolean     sequence,
              GError     **error)
{
  if (sequence)
    {
      g_autofree char *probe = NULL;
      int fd;

      if (g_mkdir_with_parents (out, 0755) != 0)
        {
          int saved = errno;
          g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_OUTPUT,
                       "%s: cannot create the directory: %s", out, g_strerror (saved));
          return FALSE;
        }
      probe = g_build_filename (out, ".spinelab-movie-XXXXXX", NULL);
      fd = g_mkstemp (probe);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_OUTPUT,
                       "%s: cannot write in the directory: %s", out, g_strerror (saved));
          return FALSE;
        }
      close (fd);
      g_unlink (probe);
      return TRUE;
    }
  else
    {
      FILE *f = g_fopen (out, "wb");

      if (f == NULL)
        {
          int saved = errno;
          g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_OUTPUT,
                       "%s: cannot write: %s", out, g_strerror (saved));
          return FALSE;
        }
      fclose (f);
      return TRUE;
    }
}

gboolean
sl_movie_write (const char           *out,
                const SlModel        *model,
                const SlProtocol     *protocol,
                const SlMovieOptions *options,
                SlMovieProgressFunc   progress,
                gpointer              user_data,
                GCancellable         *cancellable,
                GError              **error)
{
  SlMovieOptions opt;
  gboolean sequence = sl_movie_is_sequence (out);
  g_autoptr(SlState) state = NULL;
  g_autofree double *w0 = NULL;
  g_autofree float *store = NULL;
  Values vals = { 0 };
  Encoder enc = { 0 };
  cairo_surface_t *surface = NULL;
  double dt, frame_ms;
  gint64 step_of_frame;
  guint n_frames;
  gboolean ok = FALSE;

  g_return_val_if_fail (out != NULL && model != NULL && protocol != NULL && options != NULL, FALSE);

  if (!sl_movie_resolve_options (options, protocol, &opt, error))
    return FALSE;
  if (!check_output (out, sequence, error))
    return FALSE;
  n_frames = sl_movie_n_frames (&opt);
  frame_ms = opt.speed / opt.fps;
  dt = protocol->dt > 0 ? protocol->dt : 0.025;

  /* Pass 1: simulate, keeping what colours each frame. */
  vals.nodes = opt.color == SL_FIGURE_COLOR_CA || opt.color == SL_FIGURE_COLOR_V;
  vals.stride = (gsize) (vals.nodes ? model->n_nodes : 0) + (gsize) model->n_spines;
  store = g_new (float, MAX ((gsize) n_frames * vals.stride, 1));
  vals.values = store;
  state = sl_state_new (model);
  sl_state_reset (state);
  w0 = g_memdup2 (state->w, sizeof (double) * (gsize) MAX (model->n_spines, 1));
  step_of_frame = 0;
  for (guint f = 0; f < n_frames; f++)
    {
      double t_frame = MIN ((f + 1) * frame_ms, opt.tstop);
      gint64 target = (gint64) floor (t_frame / dt + 0.5);

      for (; step_of_frame < target; step_of_frame++)
        if (!sl_state_step (model, state, protocol, dt))
          {
            g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_SIMULATION,
                         "simulation stopped: %s", state->message);
            goto out;
          }
      store_frame (&vals, f, opt.color, model, state, w0);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        progress (0.5 * (f + 1) / n_frames, user_data);
    }
  value_range (&vals, n_frames, opt.color, model);

  /* Pass 2: draw and encode. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, opt.width, opt.height);
  if (!sequence && !encoder_open (&enc, out, opt.width, opt.height, opt.fps, error))
    goto out;
  for (guint f = 0; f < n_frames; f++)
    {
      SlMorphologyStyle style = { 0 };
      const float *frame = vals.values + (gsize) f * vals.stride;
      cairo_t *cr = cairo_create (surface);

      style.map = opt.color == SL_FIGURE_COLOR_DW ? SL_COLORMAP_COOLWARM : SL_COLORMAP_VIRIDIS;
      style.vmin = vals.vmin;
      style.vmax = vals.vmax;
      style.dark = TRUE;
      /* Thin dendrites and spines stay visible on small frames. */
      style.min_stroke = MAX (1.4, opt.height / 300.0);
      style.min_spine = MAX (5.0, opt.height / 90.0);
      style.node_values = vals.nodes ? frame : NULL;
      style.spine_values = frame + (vals.nodes ? model->n_nodes : 0);
      sl_movie_draw_frame (cr, opt.width, opt.height, model, &style, bar_label (opt.color),
                           opt.title, MIN ((f + 1) * frame_ms, opt.tstop));
      cairo_destroy (cr);

      if (sequence)
        {
          g_autofree char *name = g_strdup_printf ("frame-%05u.png", f);
          g_autofree char *path = g_build_filename (out, name, NULL);
          cairo_status_t status = cairo_surface_write_to_png (surface, path);

          if (status != CAIRO_STATUS_SUCCESS)
            {
              g_set_error (error, SL_MOVIE_ERROR, SL_MOVIE_ERROR_OUTPUT,
                           "%s: cannot write: %s", path, cairo_status_to_string (status));
              goto out;
            }
        }
      else if (!encoder_push (&enc, surface, f, error))
        goto out;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        progress (0.5 + 0.5 * (f + 1) / n_frames, user_data);
    }
  if (!sequence && !encoder_finish (&enc, error))
    goto out;
  ok = TRUE;

out:
  encoder_free (&enc);
  cairo_surface_destroy (surface);
  /* A half-written WebM is no movie. */
  if (!ok && !sequence)
    g_unlink (out);
  return ok;
}
