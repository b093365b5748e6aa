/* sl-movie.h: a run as a movie of the morphology.
 *
 * Runs a compiled session headless from t = 0 and draws one frame per
 * 1/fps s of video — the morphology coloured by Ca, V, w or Δw (the
 * figure's cairo projection), a colour bar and the simulated time — then
 * encodes the frames as WebM (VP8, through GStreamer: appsrc →
 * videoconvert → vp8enc → webmmux → filesink) or writes them as a
 * numbered PNG sequence (frame-00000.png, …) when the output is a
 * directory.  The colour range is fixed over the whole movie, so a colour
 * means the same value in every frame: the run is simulated once to
 * collect the values, then drawn.  No display is needed; `spinelab movie`
 * and the window's "Export movie…" share this code.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sl-figure.h"
#include "sl-model.h"
#include "sl-protocol.h"

G_BEGIN_DECLS

#define SL_MOVIE_ERROR (sl_movie_error_quark ())
GQuark sl_movie_error_quark (void);

typedef enum
{
  SL_MOVIE_ERROR_INVALID,     /* an option out of range */
  SL_MOVIE_ERROR_OUTPUT,      /* the output cannot be written */
  SL_MOVIE_ERROR_ENCODER,     /* GStreamer or one of its elements is missing or failed */
  SL_MOVIE_ERROR_SIMULATION,  /* the state went non-finite */
} SlMovieError;

#define SL_MOVIE_DEFAULT_FPS     25
#define SL_MOVIE_DEFAULT_WIDTH   640
#define SL_MOVIE_DEFAULT_HEIGHT  480
#define SL_MOVIE_DEFAULT_SPEED   100.0   /* simulated ms per second of video */
#define SL_MOVIE_MAX_SECONDS     20.0    /* the default speed grows to keep longer runs within this */
#define SL_MOVIE_MAX_FRAMES      100000

typedef struct
{
  double        tstop;   /* ms of simulated time; 0 = the protocol's tstop */
  int           fps;     /* frames per second of video, 1…240; 0 = 25 */
  int           width;   /* px, 16…4096; 0 = 640 */
  int           height;  /* px, 16…4096; 0 = 480 */
  SlFigureColor color;   /* what colours the cell */
  double        speed;   /* simulated ms per second of video; 0 = 100, or tstop / 20 s when that is more */
  const char   *title;   /* drawn at the top left; may be NULL */
} SlMovieOptions;

/* Called on the thread that runs sl_movie_write with the fraction done
 * (0…1). */
typedef void (*SlMovieProgressFunc) (double   fraction,
                                     gpointer user_data);

/* The options with defaults filled in and checked against the protocol;
 * FALSE with SL_MOVIE_ERROR_INVALID naming the bad option. */
gboolean sl_movie_resolve_options (const SlMovieOptions *options,
                                   const SlProtocol     *protocol,
                                   SlMovieOptions       *resolved,
                                   GError              **error);
/* Frames of a movie of resolved options: one per 1/fps s of video, the
 * i-th showing t = min ((i + 1) · speed / fps, tstop). */
guint    sl_movie_n_frames        (const SlMovieOptions *resolved);

/* TRUE when out asks for a PNG sequence: it ends in '/' or names an
 * existing directory. */
gboolean sl_movie_is_sequence     (const char           *out);

/* One frame: dark background, the morphology coloured per style, the
 * colour bar with bar_label, the title and "t = … ms". */
void     sl_movie_draw_frame      (cairo_t                 *cr,
                                   double                   width,
                                   double                   height,
                                   const SlModel           *model,
                                   const SlMorphologyStyle *style,
                                   const char              *bar_label,
                                   const char              *title,
                                   double                   t_ms);

/* Runs protocol on model from a fresh state and writes the movie to out
 * (.webm, or a directory for PNGs).  progress may be NULL; cancellable
 * stops it between two frames (G_IO_ERROR_CANCELLED). */
gboolean sl_movie_write           (const char           *out,
                                   const SlModel        *model,
                                   const SlProtocol     *protocol,
                                   const SlMovieOptions *options,
                                   SlMovieProgressFunc   progress,
                                   gpointer              user_data,
                                   GCancellable         *cancellable,
                                   GError              **error);

G_END_DECLS
