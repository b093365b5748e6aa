/* test-export-neuron.c: the NEURON script written by sl_export_neuron_script.
 *
 * NEURON itself runs the scripts in the `neuron` suite; here the text is
 * checked without Python (also under the sanitizers): the tables hold one
 * row per section, pulse, event, recording and spine, the spine rows give
 * back the Ra of the spec (the exporter derives it from the compiled axial
 * conductances: 4·Ra·(L/2)/(π d²) per half), and the VDCC density times
 * the head area gives back ĝ_VDCC = 0.0744 nS/µm² · A_head (models.md §1.5).
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-export-neuron.h"
#include "sl-generator.h"
#include "sl-model.h"
#include "sl-protocol.h"

typedef struct
{
  SlModel    *model;
  SlProtocol *protocol;
} Fixture;

static void
fixture_init_full (Fixture  *f,
                   gboolean  diffusion)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SlMorphology) morph = sl_bundled_cell_new ("ball-and-stick", &error);
  g_autoptr (SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr (SlProtocolSpec) pspec = sl_protocol_spec_new ();
  SlStimulusSpec *st;
  double t = 10.0;

  g_assert_no_error (error);
  g_array_set_size (spec->rules, 0);
  spec->calcium.diffusion = diffusion;
  sl_model_spec_add_mechanism (spec, "soma", "hh", NULL, 0);
  sl_model_spec_add_spine (spec, "s0", "xyz:100,0,0");
  sl_model_spec_add_spine (spec, "s1", "xyz:150,0,0");
  f->model = sl_model_compile (spec, morph, &error);
  g_assert_no_error (error);

  pspec->tstop = 50;
  st = sl_protocol_spec_add_stimulus (pspec, "step", SL_STIM_ICLAMP_STEP, "soma");
  st->amp = 0.3;
  st->delay = 5;
  st->dur = 20;
  st = sl_protocol_spec_add_stimulus (pspec, "pre", SL_STIM_SPIKES, "spine:s1");
  st->train.kind = SL_TRAIN_EXPLICIT;
  st->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (st->train.times, t);
  sl_protocol_spec_add_recording (pspec, "v_soma", "v", "soma");
  sl_protocol_spec_add_recording (pspec, "v_head", "v", "spine:s1");
  sl_protocol_spec_add_recording (pspec, "g", "g_ampa", "spine:s1");
  f->protocol = sl_protocol_compile (pspec, f->model, &error);
  g_assert_no_error (error);
}

static void
fixture_init (Fixture *f)
{
  fixture_init_full (f, FALSE);
}

static void
fixture_clear (Fixture *f)
{
  sl_protocol_free (f->protocol);
  sl_model_unref (f->model);
}

/* Lines of the table NAME = [ … ] that are rows ("  (…),"). */
static GPtrArray *
table_rows (const char *script,
            const char *name)
{
  g_autofree char *head = g_strdup_printf ("\n%s = [\n", name);
  const char *p = strstr (script, head);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (p);
  p += strlen (head);
  while (g_str_has_prefix (p, "  ("))
    {
      const char *end = strchr (p, '\n');

      g_assert_nonnull (end);
      g_ptr_array_add (rows, g_strndup (p + 3, end - p - 3));
      p = end + 1;
    }
  g_assert_true (g_str_has_prefix (p, "]"));
  return rows;
}

static void
test_tables (void)
{
  Fixture f;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *n_nodes = NULL;
  g_autoptr (GPtrArray) sections = NULL, pulses = NULL, events = NULL, recs = NULL;

  fixture_init (&f);
  script = sl_export_neuron_script (f.model, f.protocol, "test.spinelab", &error);
  g_assert_no_error (error);
  g_assert_nonnull (script);

  sections = table_rows (script, "SECTIONS");
  g_assert_cmpuint (sections->len, ==, f.model->n_sections);
  n_nodes = g_strdup_printf ("\nN_NODES = %d\n", f.model->n_nodes);
  g_assert_nonnull (strstr (script, n_nodes));
  pulses = table_rows (script, "PULSES");
  g_assert_cmpuint (pulses->len, ==, 1);
  events = table_rows (script, "EVENTS");
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (events->pdata[0], ==, "10, 1),");
  recs = table_rows (script, "RECORDINGS");
  /* Spine k's neck is "section" −2 − 2k and its head −3 − 2k. */
  g_assert_cmpuint (recs->len, ==, 3);
  g_assert_true (g_str_has_prefix (recs->pdata[1], "'v_head', 'v', -5, 0.5, 1)"));
  g_assert_true (g_str_has_prefix (recs->pdata[2], "'g', 'g_ampa', -5, 0.5, 1)"));
  /* The mechanisms travel with the script. */
  g_assert_nonnull (strstr (script, "'SlGluSyn.mod':"));
  g_assert_nonnull (strstr (script, "POINT_PROCESS SlGluSyn"));
  /* No rule, deterministic release: nothing left out. */
  g_assert_nonnull (strstr (script, "\nWARNINGS = []\n"));
  fixture_clear (&f);
}

static void
test_spine_values (void)
{
  Fixture f;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  g_autoptr (GPtrArray) spines = NULL;

  fixture_init (&f);
  script = sl_export_neuron_script (f.model, f.protocol, NULL, &error);
  g_assert_no_error (error);
  spines = table_rows (script, "SPINES");
  g_assert_cmpuint (spines->len, ==, 2);
  for (guint k = 0; k < spines->len; k++)
    {
      g_auto (GStrv) cols = g_strsplit (spines->pdata[k], ", ", -1);
      double ra_neck, ra_head, head_l, head_d, gbar, vol, r, a_head;

      g_assert_cmpuint (g_strv_length (cols), ==, 11);
      head_l = g_ascii_strtod (cols[6], NULL);
      head_d = g_ascii_strtod (cols[7], NULL);
      ra_neck = g_ascii_strtod (cols[5], NULL);
      ra_head = g_ascii_strtod (cols[8], NULL);
      gbar = g_ascii_strtod (cols[9], NULL);
      vol = g_ascii_strtod (cols[10], NULL);
      /* Spec default Ra 150 Ω·cm in necks and heads (models.md §1.1). */
      g_assert_cmpfloat_with_epsilon (ra_neck, 150.0, 1e-9 * 150.0);
      g_assert_cmpfloat_with_epsilon (ra_head, 150.0, 1e-9 * 150.0);
      /* Head: cylinder of the sphere's area and volume, X = 0.087 µm³. */
      g_assert_cmpfloat_with_epsilon (vol, 0.087, 1e-12);
      r = cbrt (3 * vol / (4 * G_PI));
      g_assert_cmpfloat_with_epsilon (head_l, 3 * r, 1e-12);
      g_assert_cmpfloat_with_epsilon (head_d, 4 * r / 3, 1e-12);
      /* 0.0744 nS/µm² = 0.00744 S/cm² over the head area 4πr². */
      a_head = 4 * G_PI * r * r;
      g_assert_cmpfloat_with_epsilon (gbar, 0.00744, 1e-9);
      g_assert_cmpfloat_with_epsilon (gbar * a_head / 100.0, f.model->syn_g_vdcc[k], 1e-12);
    }
  fixture_clear (&f);
}

/* What NEURON cannot reproduce is said in the script. */
static void
test_warnings (void)
{
  Fixture f;
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;

  fixture_init_full (&f, TRUE);
  script = sl_export_neuron_script (f.model, f.protocol, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (script, "# NOT EXPORTED: calcium diffusion"));
  g_assert_null (strstr (script, "\nWARNINGS = []\n"));
  fixture_clear (&f);
}

static void
test_write_error (void)
{
  Fixture f;
  g_autoptr (GError) error = NULL;

  fixture_init (&f);
  g_assert_false (sl_export_neuron_file (f.model, f.protocol, NULL,
                                         "/nonexistent-dir/cell.py", &error));
  g_assert_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/cell.py"));
  fixture_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/export-neuron/tables", test_tables);
  g_test_add_func ("/protocol/export-neuron/spine-values", test_spine_values);
  g_test_add_func ("/protocol/export-neuron/warnings", test_warnings);
  g_test_add_func ("/protocol/export-neuron/write-error", test_write_error);
  return g_test_run ();
}
