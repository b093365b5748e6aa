/* test-movie.c: `spinelab movie`, run as a program (path in argv[1]).
 *
 * A WebM of lesson 1 that gst-discoverer-1.0 reports as VP8 of the
 * requested size and of the duration tstop / speed, and that decodes back
 * to the frames drawn; a PNG sequence with
 * one frame per speed / fps ms of simulated time whose cell changes when
 * an action potential passes; one-line errors for bad options. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "../sl-test-program.h"

static const char *spinelab;

static char *
source_path (const char *rel)
{
  const char *root = g_getenv ("SL_SOURCE_DIR");

  g_assert_nonnull (root);
  return g_build_filename (root, rel, NULL);
}

/* Runs spinelab with args (NULL-terminated, after the program name);
 * returns the exit status, stdout and stderr in *out and *err. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return sl_test_run_program (spinelab, (const char * const *) args->pdata, NULL, out, err);
}

/* Lines of stderr that spinelab wrote ("spinelab: …"); a sanitizer
 * build adds its own report after them. */
static guint
n_spinelab_lines (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], "spinelab:");
  return n;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("spinelab-movie-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* "Duration: 0:00:02.000000000" → 2.0 s; NAN when absent. */
static double
parse_duration (const char *text)
{
  const char *p = strstr (text, "Duration: ");
  unsigned h, m;
  double s;

  if (p == NULL || sscanf (p, "Duration: %u:%u:%lf", &h, &m, &s) != 3)
    return NAN;
  return h * 3600.0 + m * 60.0 + s;
}

static int
parse_int_field (const char *text,
                 const char *field)
{
  const char *p = strstr (text, field);

  return p != NULL ? atoi (p + strlen (field)) : -1;
}

static void
test_webm_lesson1 (void)
{
  g_autofree char *discoverer = g_find_program_in_path ("gst-discoverer-1.0");
  g_autofree char *lesson = source_path ("resources/lessons/two-rules-one-neuron.spinelab");
  g_autofree char *dir = tmp_dir ();
  g_autofree char *webm = g_build_filename (dir, "lesson1.webm", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *out = NULL, *err = NULL, *dout = NULL, *derr = NULL;
  g_autoptr(GError) error = NULL;
  int status, dstatus = 0, frames_expected;
  double duration, expected;
  const char *dargv[4] = { NULL };

  if (discoverer == NULL)
    {
      g_test_skip ("gst-discoverer-1.0 is not installed (Debian gstreamer1.0-plugins-base-apps; scripts/deps.sh installs it)");
      remove_tree (dir);
      return;
    }

  /* 200 ms at 100 simulated ms per second: 2 s of video, 50 frames at
   * 25 fps (one per 4 ms of simulated time). */
  status = run (&out, &err, "movie", lesson, "--tstop", "200", "--speed", "100", "--fps", "25",
                "--width", "320", "--height", "240", "--out", webm, NULL);
  if (status != 0 && strstr (err, "vp8enc is missing") != NULL)
    {
      g_test_skip (err);
      remove_tree (dir);
      return;
    }
  g_assert_cmpuint (n_spinelab_lines (err), ==, 0);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (webm, G_FILE_TEST_IS_REGULAR));

  dargv[0] = discoverer;
  dargv[1] = "-v";
  dargv[2] = webm;
  g_assert_true (g_spawn_sync (NULL, (char **) dargv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &dout, &derr, &dstatus, &error));
  g_assert_no_error (error);
  g_test_message ("gst-discoverer-1.0 -v:\n%s", dout);
  g_assert_nonnull (strstr (dout, "video/x-vp8"));
  g_assert_nonnull (strstr (dout, "video/webm"));
  g_assert_cmpint (parse_int_field (dout, "Width: "), ==, 320);
  g_assert_cmpint (parse_int_field (dout, "Height: "), ==, 240);
  g_assert_nonnull (strstr (dout, "Frame rate: 25/1"));
  frames_expected = 50;
  expected = frames_expected / 25.0;
  duration = parse_duration (dout);
  /* Within one frame of 2.0 s. */
  g_assert_cmpfloat_with_epsilon (duration, expected, 1.0 / 25 + 1e-6);

  remove_tree (dir);
}

/* Mean absolute difference of the RGB of two PNGs below the title strip,
 * over the cell: 0…255. */
static double
png_difference (const char *a,
                const char *b,
                int         skip_rows)
{
  cairo_surface_t *sa = cairo_image_surface_create_from_png (a);
  cairo_surface_t *sb = cairo_image_surface_create_from_png (b);
  int w = cairo_image_surface_get_width (sa), h = cairo_image_surface_get_height (sa);
  int stride = cairo_image_surface_get_stride (sa);
  const guint8 *pa, *pb;
  double sum = 0;
  gsize n = 0;

  g_assert_cmpint (cairo_surface_status (sa), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (sb), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (sb), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (sb), ==, h);
  pa = cairo_image_surface_get_data (sa);
  pb = cairo_image_surface_get_data (sb);
  for (int y = skip_rows; y < h; y++)
    for (int x = 0; x < w * 4; x++)
      if (x % 4 != 3)
        {
          sum += abs (pa[y * stride + x] - pb[y * stride + x]);
          n++;
        }
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  return sum / MAX (n, 1);
}

static void
test_png_sequence (void)
{
  g_autofree char *session = g_build_filename (SL_TEST_DATA_DIR, "render", "movie-burst.spinelab", NULL);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *frames = g_strconcat (dir, "/frames/", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *f_rest = NULL, *f_rest2 = NULL, *f_ap = NULL, *f_last = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n = 0;
  int status;
  double d_rest, d_ap;

  /* movie-burst.spinelab: tstop 60 ms, a somatic current pulse at 10 ms.
   * At 20 simulated ms per second and 25 fps a frame is 0.8 ms: 75
   * frames, frame i at (i + 1) · 0.8 ms. */
  status = run (&out, &err, "movie", session, "--speed", "20", "--fps", "25", "--color-by", "v",
                "--width", "240", "--height", "180", "--out", frames, NULL);
  g_assert_cmpuint (n_spinelab_lines (err), ==, 0);
  g_assert_cmpint (status, ==, 0);

  d = g_dir_open (frames, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_true (g_str_has_prefix (name, "frame-") && g_str_has_suffix (name, ".png"));
      n++;
    }
  g_assert_cmpuint (n, ==, 75);

  /* 4.0 and 8.0 ms: at rest before the pulse; 11.2 ms: the AP; 60 ms:
   * the last frame. */
  f_rest = g_build_filename (frames, "frame-00004.png", NULL);
  f_rest2 = g_build_filename (frames, "frame-00009.png", NULL);
  f_ap = g_build_filename (frames, "frame-00013.png", NULL);
  f_last = g_build_filename (frames, "frame-00074.png", NULL);
  g_assert_true (g_file_test (f_last, G_FILE_TEST_IS_REGULAR));
  /* The strip with the time label is left out: only the cell counts. */
  d_rest = png_difference (f_rest, f_rest2, 30);
  d_ap = png_difference (f_rest, f_ap, 30);
  g_test_message ("mean |ΔRGB| over the cell: rest→rest %.4f, rest→AP %.4f", d_rest, d_ap);
  /* Before the pulse the cell only drifts towards its resting potential
   * (a few pixels change shade); the AP recolours soma and dendrites. */
  g_assert_cmpfloat (d_rest, <, 0.05);
  g_assert_cmpfloat (d_ap, >, 0.2);
  g_assert_cmpfloat (d_ap, >, 8 * d_rest);

  remove_tree (dir);
}

/* RGB of pixel (x, y) of a cairo PNG surface. */
static void
png_rgb (cairo_surface_t *surface,
         int              x,
         int              y,
         int              rgb[3])
{
  const guint8 *p = cairo_image_surface_get_data (surface)
                    + (gsize) y * cairo_image_surface_get_stride (surface) + 4 * (gsize) x;
  guint32 word = *(const guint32 *) p;

  rgb[0] = (word >> 16) & 0xff;
  rgb[1] = (word >> 8) & 0xff;
  rgb[2] = word & 0xff;
}

/* The WebM decodes to the pictures drawn: frame 13 of movie-burst (the
 * AP, 11.2 ms) decoded by GStreamer is near the PNG of frame 13 and far
 * from the PNG of frame 4 (rest) on the pixels the AP recolours — which
 * also catches swapped red and blue. */
static void
test_webm_decodes_to_frames (void)
{
  g_autofree char *launch = g_find_program_in_path ("gst-launch-1.0");
  g_autofree char *session = g_build_filename (SL_TEST_DATA_DIR, "render", "movie-burst.spinelab", NULL);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *webm = g_build_filename (dir, "burst.webm", NULL);
  g_autofree char *pngs = g_strconcat (dir, "/png/", NULL);
  g_autofree char *png13 = NULL, *png4 = NULL, *raw13 = NULL, *pattern = NULL, *location = NULL;
  g_autofree char *out = NULL, *err = NULL, *raw = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s13, *s4;
  gsize raw_len = 0, n_changed = 0;
  double err_same = 0, err_other = 0;
  const int w = 240, h = 180;
  int status;

  if (launch == NULL)
    {
      g_test_skip ("gst-launch-1.0 is not installed (Debian gstreamer1.0-tools)");
      remove_tree (dir);
      return;
    }
  status = run (&out, &err, "movie", session, "--speed", "20", "--fps", "25", "--color-by", "v",
                "--width", "240", "--height", "180", "--out", webm, NULL);
  if (status != 0 && strstr (err, "is missing") != NULL)
    {
      g_test_skip (err);
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run (&out, &err, "movie", session, "--speed", "20", "--fps", "25", "--color-by", "v",
                "--width", "240", "--height", "180", "--out", pngs, NULL);
  g_assert_cmpint (status, ==, 0);

  pattern = g_build_filename (dir, "dec-%03d.rgb", NULL);
  location = g_strdup_printf ("location=%s", webm);
  {
    g_autofree char *sink = g_strdup_printf ("location=%s", pattern);
    const char *argv[] = { launch, "-q", "filesrc", location, "!", "matroskademux", "!", "vp8dec", "!",
                           "videoconvert", "!", "video/x-raw,format=RGB", "!", "multifilesink", sink, NULL };
    int st = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &st, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (st, NULL));
  }
  raw13 = g_build_filename (dir, "dec-013.rgb", NULL);
  g_assert_true (g_file_get_contents (raw13, &raw, &raw_len, &error));
  g_assert_no_error (error);
  /* GStreamer's RGB rows are padded to 4 bytes: 240 × 3 = 720 is. */
  g_assert_cmpuint (raw_len, ==, (gsize) w * 3 * h);

  png13 = g_build_filename (pngs, "frame-00013.png", NULL);
  png4 = g_build_filename (pngs, "frame-00004.png", NULL);
  s13 = cairo_image_surface_create_from_png (png13);
  s4 = cairo_image_surface_create_from_png (png4);
  g_assert_cmpint (cairo_surface_status (s13), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (s4), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 30; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int a[3], b[3], d_ab = 0, d_same = 0, d_other = 0;
        const guint8 *dec = (const guint8 *) raw + ((gsize) y * w + x) * 3;

        png_rgb (s13, x, y, a);
        png_rgb (s4, x, y, b);
        for (int k = 0; k < 3; k++)
          {
            d_ab += abs (a[k] - b[k]);
            d_same += abs (dec[k] - a[k]);
            d_other += abs (dec[k] - b[k]);
          }
        if (d_ab > 60)
          {
            n_changed++;
            err_same += d_same;
            err_other += d_other;
          }
      }
  cairo_surface_destroy (s13);
  cairo_surface_destroy (s4);
  g_test_message ("%zu pixels recoloured by the AP; decoded frame 13 differs from PNG 13 by %.1f, "
                  "from PNG 4 by %.1f (sum |ΔRGB| per pixel)",
                  n_changed, err_same / MAX (n_changed, 1), err_other / MAX (n_changed, 1));
  g_assert_cmpuint (n_changed, >, 50);
  g_assert_cmpfloat (err_same, <, 0.5 * err_other);
  remove_tree (dir);
}

static void
test_errors (void)
{
  g_autofree char *lesson = source_path ("resources/lessons/two-rules-one-neuron.spinelab");
  g_autofree char *dir = tmp_dir ();
  g_autofree char *ok_out = g_build_filename (dir, "m.webm", NULL);
  /* NULL-terminated: one more than the longest case. */
  const char *cases[][9] = {
    { "movie", lesson, "--tstop", "20", "--out", "/nonexistent-spinelab-dir/sub/m.webm", NULL },
    { "movie", lesson, "--tstop", "20", "--out", "/proc/spinelab-movie-frames/", NULL },
    { "movie", lesson, "--tstop", "20", "--fps", "0", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--fps", "abc", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--fps", "12.5", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--fps", "1000", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--speed", "-3", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--color-by", "rho", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--width", "5", "--out", ok_out },
    { "movie", lesson, "--tstop", "20", "--out", "/tmp/m.mp4", NULL },
    { "movie", lesson, "--tstop", "20", NULL },
    { "movie", "/nonexistent/x.spinelab", "--out", ok_out, NULL },
    { "movie", lesson, "--out", ok_out, "--fps", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status = sl_test_run_program (spinelab, cases[i], NULL, &out, &err);

      g_test_message ("case %zu: %s", i, err);
      g_assert_cmpint (status, !=, 0);
      g_assert_true (g_str_has_prefix (err, "spinelab: movie: "));
      /* One line. */
      g_assert_cmpuint (strlen (err), >, strlen ("spinelab: movie: "));
      g_assert_cmpuint (n_spinelab_lines (err), ==, 1);
      /* One line: nothing after it but a sanitizer's report, if any. */
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_true (strchr (err, '\n')[1] == '\0' || strchr (err, '\n')[1] == '-'
                     || strchr (err, '\n')[1] == '=');
      g_assert_cmpstr (out, ==, "");
    }
  /* No half-written movie was left behind. */
  g_assert_false (g_file_test (ok_out, G_FILE_TEST_EXISTS));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  spinelab = sl_test_program_init (&argc, &argv);
  g_test_add_func ("/render/movie/webm-lesson1", test_webm_lesson1);
  g_test_add_func ("/render/movie/png-sequence", test_png_sequence);
  g_test_add_func ("/render/movie/webm-decodes-to-frames", test_webm_decodes_to_frames);
  g_test_add_func ("/render/movie/errors", test_errors);
  return g_test_run ();
}
