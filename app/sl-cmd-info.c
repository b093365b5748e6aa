/* sl-cmd-info.c: `spinelab info FILE [--json] [--time]`.
 *
 * Loads a morphology (SWC, ASC, NeuroML2) or a session (.spinelab, or any
 * file whose root element is <spinelab-session>) and prints a summary:
 * points, trees, sections, soma, regions with cable length and membrane
 * area, total neurite length, bounding box, warnings, and the compartments
 * and spines of the compiled model (the session's spec, or the default
 * spec for a bare morphology).  --json prints the same as one JSON object;
 * --time adds the load time.  A file that cannot be loaded gives one line
 * on stderr and exit 1; a model that does not compile is reported in the
 * summary (the file itself loaded).
 */
#include "sl-config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "sl-commands.h"
#include "sl-generator.h"
#include "sl-model.h"
#include "sl-morphology.h"
#include "sl-session.h"

#define MAX_TEXT_GROUPS 24

typedef struct
{
  const char *session;       /* the session file, NULL for a bare morphology */
  const char *title;         /* lesson title, or NULL */
  const char *morphology;    /* the session's morphology reference */
  SlModel    *model;         /* NULL if it did not compile */
  double      d_lambda;      /* discretisation of the spec used */
  double      d_lambda_freq; /* Hz */
  char       *compile_error;
} InfoModel;

static void
json_string (GString    *out,
             const char *text)
{
  /* File and group names need not be UTF-8; JSON must be. */
  g_autofree char *s = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static const char *
region_kind_name (SlRegionKind kind)
{
  switch (kind)
    {
    case SL_REGION_TYPE:  return "type";
    case SL_REGION_GROUP: return "group";
    case SL_REGION_LABEL: return "label";
    default:              return "unknown";
    }
}

static void
print_json (const SlMorphology *m,
            const InfoModel    *im,
            double              load_ms,
            gboolean            timed)
{
  g_autoptr(GString) out = g_string_new ("{");

  g_string_append (out, "\"file\": ");
  json_string (out, im->session ? im->session : m->path ? m->path : m->name);
  if (im->session != NULL)
    {
      g_string_append (out, ", \"session\": {\"morphology\": ");
      json_string (out, im->morphology);
      if (im->title != NULL)
        {
          g_string_append (out, ", \"title\": ");
          json_string (out, im->title);
        }
      g_string_append (out, "}");
    }
  g_string_append (out, ", \"format\": ");
  json_string (out, sl_morphology_format_name (m->format));
  g_string_append_printf (out, ", \"points\": %d, \"trees\": %d, \"sections\": %d",
                          m->n_points, m->n_trees, m->n_sections);
  g_string_append_printf (out, ", \"total_length_um\": %.6g", sl_morphology_total_length (m));
  g_string_append (out, ", \"soma\": {\"kind\": ");
  json_string (out, sl_soma_kind_name (m->soma_kind));
  g_string_append_printf (out, ", \"points\": %d, \"radius_um\": %.6g, \"center_um\": [%.6g, %.6g, %.6g]}",
                          m->n_soma_points, m->soma_radius,
                          m->soma_center[0], m->soma_center[1], m->soma_center[2]);
  g_string_append_printf (out, ", \"bbox_um\": {\"min\": [%.6g, %.6g, %.6g], \"max\": [%.6g, %.6g, %.6g]}",
                          m->bbox_min[0], m->bbox_min[1], m->bbox_min[2],
                          m->bbox_max[0], m->bbox_max[1], m->bbox_max[2]);
  g_string_append (out, ", \"regions\": {");
  for (int k = 0; k < m->n_regions; k++)
    {
      const SlRegion *r = &m->regions[k];

      if (k > 0)
        g_string_append (out, ", ");
      json_string (out, r->name);
      g_string_append_printf (out, ": {\"kind\": \"%s\", \"type\": %d, \"points\": %d, "
                              "\"length_um\": %.6g, \"area_um2\": %.6g}",
                              region_kind_name (r->kind), r->type, r->n_points,
                              r->length, r->area);
    }
  g_string_append (out, "}, \"warnings\": [");
  for (guint k = 0; m->warnings && k < m->warnings->len; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      json_string (out, g_ptr_array_index (m->warnings, k));
    }
  g_string_append (out, "]");
  if (im->model != NULL)
    g_string_append_printf (out, ", \"compartments\": %d, \"cable_compartments\": %d, "
                            "\"model_sections\": %d, \"spines\": %d",
                            im->model->n_nodes, im->model->n_cable, im->model->n_sections,
                            im->model->n_spines);
  else
    {
      g_string_append (out, ", \"compile_error\": ");
      json_string (out, im->compile_error ? im->compile_error : "");
    }
  if (timed)
    g_string_append_printf (out, ", \"load_ms\": %.3f", load_ms);
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

/* "dend_12", "apic_0": a group per NEURON section. */
static gboolean
is_section_group (const char *name)
{
  const char *us = strrchr (name, '_');

  if (us == NULL || us[1] == '\0')
    return FALSE;
  for (const char *p = us + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
print_text (const SlMorphology *m,
            const InfoModel    *im,
            double              load_ms,
            gboolean            timed)
{
  if (im->session != NULL)
    {
      printf ("%s (SpineLab session)\n", im->session);
      if (im->title != NULL)
        printf ("  title       %s\n", im->title);
      printf ("  morphology  %s\n", im->morphology);
    }
  printf ("%s (%s)\n", m->path ? m->path : m->name, sl_morphology_format_name (m->format));
  printf ("  points      %d\n", m->n_points);
  printf ("  trees       %d\n", m->n_trees);
  printf ("  sections    %d\n", m->n_sections);
  printf ("  soma        %s, %d point%s, radius %.2f µm at (%.2f, %.2f, %.2f)\n",
          sl_soma_kind_name (m->soma_kind), m->n_soma_points, m->n_soma_points == 1 ? "" : "s",
          m->soma_radius, m->soma_center[0], m->soma_center[1], m->soma_center[2]);
  printf ("  neurites    %.1f µm of cable (soma excluded)\n", sl_morphology_total_length (m));
  printf ("  bounding box (%.1f, %.1f, %.1f) – (%.1f, %.1f, %.1f) µm\n",
          m->bbox_min[0], m->bbox_min[1], m->bbox_min[2],
          m->bbox_max[0], m->bbox_max[1], m->bbox_max[2]);
  printf ("  regions     %-24s %8s %12s %12s\n", "name", "points", "length µm", "area µm²");
  {
    int n_groups = 0;

    /* Type regions and labels, then named NeuroML2 groups, then the
     * per-section groups of a converted NEURON cell ("dend_12"), of which
     * the text lists the first few. */
    for (int pass = 0; pass < 3; pass++)
      for (int k = 0; k < m->n_regions; k++)
        {
          const SlRegion *r = &m->regions[k];
          int want = r->kind != SL_REGION_GROUP ? 0 : is_section_group (r->name) ? 2 : 1;

          if (want != pass)
            continue;
          if (pass == 2 && n_groups++ >= MAX_TEXT_GROUPS)
            continue;
          printf ("              %-24s %8d %12.1f %12.1f%s\n", r->name, r->n_points, r->length,
                  r->area, r->kind == SL_REGION_GROUP ? "  (group)" :
                           r->kind == SL_REGION_LABEL ? "  (derived)" : "");
        }
    if (n_groups > MAX_TEXT_GROUPS)
      printf ("              … and %d more per-section groups (--json lists them all)\n",
              n_groups - MAX_TEXT_GROUPS);
  }
  if (im->model != NULL)
    printf ("  model       %d compartments (%d cable, %d sections), %d spines; "
            "d_lambda %g at %g Hz%s\n",
            im->model->n_nodes, im->model->n_cable, im->model->n_sections, im->model->n_spines,
            im->d_lambda, im->d_lambda_freq, im->session ? "" : " (default spec)");
  else
    printf ("  model       not compiled: %s\n", im->compile_error ? im->compile_error : "");
  for (guint k = 0; m->warnings && k < m->warnings->len; k++)
    printf ("  warning: %s\n", (const char *) g_ptr_array_index (m->warnings, k));
  if (timed)
    printf ("  load time   %.3f ms\n", load_ms);
}

static gboolean
is_session_file (const char *file)
{
  g_autofree char *head = NULL;
  gsize len = 0;

  if (g_str_has_suffix (file, ".spinelab"))
    return TRUE;
  /* Sniff the first 4 KiB for the session root element. */
  {
    FILE *fp = fopen (file, "rb");

    if (fp == NULL)
      return FALSE;
    head = g_malloc0 (4097);
    len = fread (head, 1, 4096, fp);
    fclose (fp);
  }
  return len > 0 && strstr (head, "<spinelab-session") != NULL;
}

static SlMorphology *
load_session_morphology (const SlSession  *session,
                         GError          **error)
{
  const char *ref = session->model->morphology;

  if (ref == NULL || ref[0] == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "the session names no morphology");
      return NULL;
    }
  if (g_str_has_prefix (ref, "bundled:"))
    return sl_bundled_cell_new (ref + strlen ("bundled:"), error);
  return sl_morphology_new_from_file (ref, error);
}

int
sl_cmd_info (int    argc,
             char **argv)
{
  const char *file = NULL;
  gboolean json = FALSE, timed = FALSE;
  g_autoptr(SlMorphology) m = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GError) error = NULL;
  InfoModel im = { 0 };
  gint64 t0;
  double load_ms;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--json") == 0)
        json = TRUE;
      else if (strcmp (argv[i], "--time") == 0)
        timed = TRUE;
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          printf ("Usage: spinelab info FILE [--json] [--time]\n\n"
                  "Loads a morphology (SWC, Neurolucida ASC, NeuroML2) or a session\n"
                  "(.spinelab) and prints points, trees, sections, soma, regions\n"
                  "(cable length, area), total neurite length, bounding box,\n"
                  "warnings, and the compartments and spines of the compiled model.\n");
          return 0;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, "spinelab: info: unknown option %s\n", argv[i]);
          return 2;
        }
      else if (file == NULL)
        file = argv[i];
      else
        {
          fprintf (stderr, "spinelab: info: more than one file given\n");
          return 2;
        }
    }
  if (file == NULL)
    {
      fprintf (stderr, "spinelab: info: no file given (spinelab info FILE [--json])\n");
      return 2;
    }

  t0 = g_get_monotonic_time ();
  if (is_session_file (file))
    {
      session = sl_session_load (file, &error);
      if (session != NULL)
        {
          im.session = file;
          im.title = session->title;
          im.morphology = session->model->morphology;
          m = load_session_morphology (session, &error);
          if (m == NULL)
            g_prefix_error (&error, "%s: morphology %s: ", file, im.morphology);
        }
    }
  else
    m = sl_morphology_new_from_file (file, &error);
  load_ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (m == NULL)
    {
      /* One line, whatever the message holds. */
      g_strdelimit (error->message, "\r\n", ' ');
      fprintf (stderr, "spinelab: %s\n", error->message);
      return 1;
    }

  {
    g_autoptr(SlModelSpec) spec = session ? NULL : sl_model_spec_new ();
    g_autoptr(GError) compile_error = NULL;

    const SlModelSpec *use = session ? session->model : spec;

    im.d_lambda = use->d_lambda;
    im.d_lambda_freq = use->d_lambda_freq;
    im.model = sl_model_compile (use, m, &compile_error);
    if (im.model == NULL)
      im.compile_error = g_strdup (compile_error ? compile_error->message : "unknown error");
  }

  if (json)
    print_json (m, &im, load_ms, timed);
  else
    print_text (m, &im, load_ms, timed);
  g_clear_pointer (&im.model, sl_model_unref);
  g_free (im.compile_error);
  return 0;
}
