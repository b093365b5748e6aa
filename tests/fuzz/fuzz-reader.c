/* fuzz-reader.c: libFuzzer target for the morphology readers.  Built as
 * fuzz-swc, fuzz-asc and fuzz-neuroml with SL_FUZZ_READER 0 (SWC), 1
 * (Neurolucida ASC) or 2 (NeuroML2), so that each reader gets a corpus and
 * a mutation budget of its own, and as fuzz-morphology with -1: every
 * input through all three readers.
 *
 *   build-fuzz/tests/fuzz/fuzz-swc CORPUS tests/fuzz/corpus/swc -max_total_time=180
 *   build-fuzz/tests/fuzz/fuzz-morphology CORPUS_DIR -max_total_time=300
 *
 * A reader must return a morphology or an error, never both or neither;
 * a morphology must be a tree in parent-first order whose sections and
 * regions stay inside the point array. */
#include <stdint.h>

#include <glib.h>

#include "sl-morphology.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_tree (const SlMorphology *m)
{
  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].parent >= i || !(m->points[i].r > 0))
      g_error ("point %d: parent %d, r %g", i, m->points[i].parent, m->points[i].r);
  for (int s = 0; s < m->n_sections; s++)
    {
      const SlSection *sec = &m->sections[s];

      if (sec->parent >= s || sec->offset < 0 || sec->n_points <= 0 ||
          sec->offset + sec->n_points > m->n_points)
        g_error ("section %d is inconsistent", s);
    }
  for (int k = 0; k < m->n_regions; k++)
    for (int j = 0; j < m->regions[k].n_points; j++)
      if (m->regions[k].points[j] < 0 || m->regions[k].points[j] >= m->n_points)
        g_error ("region %s: point out of range", m->regions[k].name);
}

static void
run_reader (SlMorphology *(*reader) (const char *, gsize, const char *, GError **),
            const uint8_t *data,
            size_t         size)
{
  GError *error = NULL;
  SlMorphology *m = reader ((const char *) data, size, "fuzz", &error);

  if ((m == NULL) == (error == NULL))
    g_error ("reader returned %s", m ? "a morphology and an error" : "nothing");
  if (m != NULL)
    check_tree (m);
  g_clear_pointer (&m, sl_morphology_unref);
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SlMorphology *(*const readers[]) (const char *, gsize, const char *, GError **) = {
    sl_morphology_new_from_swc_data,
    sl_morphology_new_from_asc_data,
    sl_morphology_new_from_neuroml_data,
  };

  for (gsize k = 0; k < G_N_ELEMENTS (readers); k++)
    if (SL_FUZZ_READER < 0 || (gsize) SL_FUZZ_READER == k)
      run_reader (readers[k], data, size);
  return 0;
}
