/* sl-cmd-movie.c: `spinelab movie SESSION --out FILE.webm|DIR/
 * [--tstop MS] [--fps N] [--width W --height H] [--color-by ca|v|w|dw]
 * [--speed MS_PER_S]`.
 *
 * Runs the session headless and writes a movie of the morphology coloured
 * by the chosen variable (render/sl-movie.h): WebM (VP8) through
 * GStreamer, or a numbered PNG sequence when --out is a directory or ends
 * in '/'.
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-cmd-common.h"
#include "sl-commands.h"
#include "sl-movie.h"
#include "sl-session.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: spinelab movie SESSION --out FILE.webm|DIR/ [--tstop MS] [--fps N]\n"
           "                      [--width W --height H] [--color-by ca|v|w|dw] [--speed MS_PER_S]\n\n"
           "Runs a session headless and writes a movie of the morphology coloured by\n"
           "spine-head and dendritic calcium (ca, the default), voltage (v), weight (w)\n"
           "or its change (dw), with a colour bar and the simulated time: WebM (VP8)\n"
           "through GStreamer, or frame-00000.png, … when --out is a directory or ends\n"
           "in '/'.  --speed is simulated ms per second of video (default %g, more for\n"
           "runs longer than %g s of video); --fps defaults to %d, the size to %d × %d.\n",
           SL_MOVIE_DEFAULT_SPEED, SL_MOVIE_MAX_SECONDS, SL_MOVIE_DEFAULT_FPS,
           SL_MOVIE_DEFAULT_WIDTH, SL_MOVIE_DEFAULT_HEIGHT);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

/* A whole number in [lo, hi]. */
static gboolean
parse_int (const char *text,
           int         lo,
           int         hi,
           int        *value)
{
  double v;

  if (!parse_number (text, &v) || v != floor (v) || v < lo || v > hi)
    return FALSE;
  *value = (int) v;
  return TRUE;
}

int
sl_cmd_movie (int    argc,
              char **argv)
{
  const char *file = NULL, *out_path = NULL;
  SlMovieOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autofree char *title = NULL;
  double tstop = 0;

  options.color = SL_FIGURE_COLOR_CA;
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      if (arg[0] == '-' && arg[1] != '\0' && strcmp (arg, "-") != 0 && value == NULL)
        return sl_cmd_fail ("movie", "%s needs a value (spinelab movie --help)", arg);

      if (strcmp (arg, "--out") == 0 || strcmp (arg, "-o") == 0)
        out_path = value;
      else if (strcmp (arg, "--tstop") == 0)
        {
          if (!parse_number (value, &tstop) || tstop <= 0)
            return sl_cmd_fail ("movie", "--tstop needs a positive number of ms (got '%s')", value);
        }
      else if (strcmp (arg, "--fps") == 0)
        {
          if (!parse_int (value, 1, 240, &options.fps))
            return sl_cmd_fail ("movie", "--fps needs a whole number of frames per second in 1…240 (got '%s')", value);
        }
      else if (strcmp (arg, "--width") == 0)
        {
          if (!parse_int (value, 16, 4096, &options.width))
            return sl_cmd_fail ("movie", "--width needs a whole number of pixels in 16…4096 (got '%s')", value);
        }
      else if (strcmp (arg, "--height") == 0)
        {
          if (!parse_int (value, 16, 4096, &options.height))
            return sl_cmd_fail ("movie", "--height needs a whole number of pixels in 16…4096 (got '%s')", value);
        }
      else if (strcmp (arg, "--color-by") == 0 || strcmp (arg, "--colour-by") == 0
               || strcmp (arg, "--color") == 0)
        {
          if (!sl_figure_color_from_string (value, &options.color))
            return sl_cmd_fail ("movie", "--color-by takes ca, v, w or dw (got '%s')", value);
        }
      else if (strcmp (arg, "--speed") == 0)
        {
          if (!parse_number (value, &options.speed) || options.speed <= 0)
            return sl_cmd_fail ("movie", "--speed needs a positive number of simulated ms per second (got '%s')", value);
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return sl_cmd_fail ("movie", "unknown option %s (spinelab movie --help)", arg);
      else
        {
          if (file != NULL)
            return sl_cmd_fail ("movie", "more than one session given");
          file = arg;
          continue;
        }
      i++;
    }
  if (file == NULL)
    return sl_cmd_fail ("movie", "no session given (spinelab movie SESSION --out FILE.webm)");
  if (out_path == NULL)
    return sl_cmd_fail ("movie", "no output given (--out FILE.webm or --out DIR/)");
  if (!sl_movie_is_sequence (out_path) && !g_str_has_suffix (out_path, ".webm"))
    return sl_cmd_fail ("movie", "%s: the output is a .webm file or a directory ending in '/'", out_path);

  session = sl_session_load (file, &error);
  if (session == NULL)
    return sl_cmd_fail ("movie", "%s", error->message);
  if (tstop > 0)
    session->protocol->tstop = tstop;
  if (!sl_cmd_compile_session (session, file, &model, &protocol, &error))
    return sl_cmd_fail ("movie", "%s", error->message);

  title = session->title != NULL ? g_strdup (session->title) : g_path_get_basename (file);
  options.title = title;
  if (!sl_movie_write (out_path, model, protocol, &options, NULL, NULL, NULL, &error))
    return sl_cmd_fail ("movie", "%s", error->message);
  return 0;
}
