/* sl-cmd-bench.c: `spinelab bench` — engine speed on the bundled cells.
 *
 * For every bundled cell, without and with 1,000 spines, it compiles the
 * default session model (models.md §1.1 passive values everywhere, NEURON's
 * hh in the soma), drives the soma with a current step so the cell fires,
 * and times sl_state_step alone (thread CPU time).  Two variants per case:
 *   electrical  cable + channels + synapses + head Ca pools: the model the
 *               NEURON exporter writes, for the comparison with NEURON;
 *   full        what the app runs: plus the calcium voxel grid and the
 *               default plasticity rules (models.md §5).
 *
 * Every case also prints one machine-readable line:
 *   BENCH cell=NAME spines=N variant=V compartments=C steps=S ns_per_cstep=X rtf=Y
 * With --neuron-times FILE (lines "CELL SPINES NS_PER_COMPARTMENT_STEP",
 * '#' comments) the table adds NEURON's figure for the same case and the
 * ratio SpineLab/NEURON (≤ 1 means at least NEURON's speed).
 */
#include "sl-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "sl-commands.h"
#include "sl-generator.h"
#include "sl-model.h"
#include "sl-state.h"
#include "sl-protocol.h"
#include "sl-calcium.h"

/* CPU time of this thread, µs: on a shared machine wall time measures the
 * neighbours as much as the engine. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

typedef struct
{
  char   *cell;
  int     spines;
  double  ns;
} NeuronTime;

static GArray *
read_neuron_times (const char  *path,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *out;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  out = g_array_new (FALSE, TRUE, sizeof (NeuronTime));
  lines = g_strsplit (text, "\n", -1);
  for (int i = 0; lines[i] != NULL; i++)
    {
      char cell[256];
      int spines;
      double ns;
      NeuronTime nt;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (sscanf (lines[i], "%255s %d %lf", cell, &spines, &ns) != 3)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%d: expected CELL SPINES NS_PER_COMPARTMENT_STEP", path, i + 1);
          g_array_unref (out);
          return NULL;
        }
      nt.cell = g_strdup (cell);
      nt.spines = spines;
      nt.ns = ns;
      g_array_append_val (out, nt);
    }
  return out;
}

static double
lookup_neuron (GArray     *times,
               const char *cell,
               int         spines)
{
  for (guint i = 0; times != NULL && i < times->len; i++)
    {
      NeuronTime *nt = &g_array_index (times, NeuronTime, i);

      if (strcmp (nt->cell, cell) == 0 && nt->spines == spines)
        return nt->ns;
    }
  return NAN;
}

/* The bench model: the default spec, hh in the soma, and n_spines spines
 * spread uniformly over the dendrites (density = n / dendritic length). */
static SlModelSpec *
bench_spec (SlMorphology *morph,
            int           n_spines,
            gboolean      full)
{
  SlModelSpec *spec = sl_model_spec_new ();

  if (sl_morphology_find_region (morph, "soma") != NULL)
    sl_model_spec_add_mechanism (spec, "soma", "hh", NULL, 0);
  if (n_spines > 0)
    {
      double len = sl_morphology_total_length (morph);
      SlSpineGroupSpec *g = sl_model_spec_add_spine_group (spec, "all", n_spines / len);

      g->seed = 1;
    }
  if (!full)
    g_array_set_size (spec->rules, 0);
  return spec;
}

static gboolean
run_case (const char *cell,
          int         n_spines,
          gboolean    full,
          double      tstop,
          int        *compartments,
          int        *spines_out,
          double     *ns_per_cstep,
          double     *rtf,
          GError    **error)
{
  g_autoptr(SlMorphology) morph = sl_bundled_cell_new (cell, error);
  g_autoptr(SlModelSpec) spec = NULL;
  g_autoptr(SlProtocolSpec) pspec = sl_protocol_spec_new ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlState) state = NULL;
  SlStimulusSpec *st;
  const double dt = 0.025;
  gint64 n_steps, t0, t1;

  if (morph == NULL)
    return FALSE;
  spec = bench_spec (morph, n_spines, full);
  model = sl_model_compile (spec, morph, error);
  if (model == NULL)
    return FALSE;
  /* The electrical variant is the model NEURON runs: no voxel grid (the
   * model is not shared yet, so dropping it here is safe). */
  if (!full)
    g_clear_pointer (&model->calcium, sl_calcium_grid_free);

  pspec->dt = dt;
  pspec->tstop = tstop;
  st = sl_protocol_spec_add_stimulus (pspec, "drive", SL_STIM_ICLAMP_STEP,
                                      model->soma_section >= 0 ? "soma" : "path:all:0");
  st->amp = 1.0;
  st->delay = 5;
  st->dur = tstop;
  protocol = sl_protocol_compile (pspec, model, error);
  if (protocol == NULL)
    return FALSE;
  state = sl_state_new (model);

  n_steps = (gint64) floor (tstop / dt + 0.5);
  t0 = thread_cpu_us ();
  for (gint64 i = 0; i < n_steps; i++)
    if (!sl_state_step (model, state, protocol, dt))
      {
        g_set_error (error, SL_PROTOCOL_ERROR, SL_PROTOCOL_ERROR_INVALID, "%s: %s", cell, state->message);
        return FALSE;
      }
  t1 = thread_cpu_us ();

  *compartments = model->n_nodes;
  *spines_out = model->n_spines;
  *ns_per_cstep = (t1 - t0) * 1e3 / ((double) n_steps * model->n_nodes);
  *rtf = tstop / ((t1 - t0) * 1e-3);
  return TRUE;
}

int
sl_cmd_bench (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— engine speed on the bundled cells");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) neuron = NULL;
  g_autofree char *neuron_file = NULL;
  g_auto(GStrv) cells_opt = NULL;
  double tstop = 200;
  gboolean quick = FALSE;
  const char * const *cells;
  g_autoptr(GString) machine = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "tstop", 0, 0, G_OPTION_ARG_DOUBLE, &tstop, "Simulated time per case (ms, default 200)", "MS" },
    { "cell", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cells_opt, "Only this bundled cell (repeatable)", "NAME" },
    { "neuron-times", 0, 0, G_OPTION_ARG_FILENAME, &neuron_file,
      "NEURON's ns per compartment-step per case (lines: CELL SPINES NS)", "FILE" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "Electrical variant only", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "spinelab bench: %s\n", error->message);
      return 2;
    }
  if (!(tstop > 0))
    {
      fprintf (stderr, "spinelab bench: --tstop must be positive\n");
      return 2;
    }
  if (neuron_file != NULL && (neuron = read_neuron_times (neuron_file, &error)) == NULL)
    {
      fprintf (stderr, "spinelab bench: %s\n", error->message);
      return 1;
    }
  cells = cells_opt != NULL ? (const char * const *) cells_opt : sl_bundled_cell_names ();

  printf ("%-22s %7s %-10s %12s %10s %8s %10s %7s\n", "cell", "spines", "variant",
          "compartments", "ns/c-step", "RTF", "NEURON ns", "ratio");
  for (int c = 0; cells[c] != NULL; c++)
    for (int with = 0; with < 2; with++)
      for (int full = 0; full < (quick ? 1 : 2); full++)
        {
          int comps = 0, spines = 0;
          double ns = 0, rtf = 0, nns;

          if (!run_case (cells[c], with ? 1000 : 0, full, tstop, &comps, &spines, &ns, &rtf, &error))
            {
              fprintf (stderr, "spinelab bench: %s\n", error->message);
              return 1;
            }
          nns = full ? NAN : lookup_neuron (neuron, cells[c], with ? 1000 : 0);
          printf ("%-22s %7d %-10s %12d %10.1f %8.2f", cells[c], spines,
                  full ? "full" : "electrical", comps, ns, rtf);
          if (isfinite (nns))
            printf (" %10.1f %7.2f\n", nns, ns / nns);
          else
            printf (" %10s %7s\n", "-", "-");
          fflush (stdout);
          g_string_append_printf (machine, "BENCH cell=%s spines=%d variant=%s compartments=%d "
                                  "steps=%.0f ns_per_cstep=%.2f rtf=%.3f\n", cells[c], spines,
                                  full ? "full" : "electrical", comps, floor (tstop / 0.025 + 0.5),
                                  ns, rtf);
        }
  printf ("\n%s", machine->str);
  return 0;
}
