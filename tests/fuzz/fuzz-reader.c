/* fuzz-reader.c: libFuzzer target for one morphology reader, chosen at
 * build time by SL_FUZZ_READER (0 SWC, 1 Neurolucida ASC, 2 NeuroML2), so
 * that each reader gets a corpus and a mutation budget of its own.
 *
 *   build-fuzz/tests/fuzz/fuzz-swc CORPUS tests/fuzz/corpus/swc -max_total_time=180
 *
 * The reader must return a morphology or an error, never both or
 * neither; a morphology must be a tree in parent-first order whose
 * sections and regions stay inside the point array. */
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SlMorphology *(*const readers[]) (const char *, gsize, const char *, GError **) = {
    sl_morphology_new_from_swc_data,
    sl_morphology_new_from_asc_data,
    sl_morphology_new_from_neuroml_data,
  };
  GError *error = NULL;
  SlMorphology *m = readers[SL_FUZZ_READER] ((const char *) data, size, "fuzz", &error);

  if ((m == NULL) == (error == NULL))
    g_error ("reader returned %s", m ? "a morphology and an error" : "nothing");
  if (m != NULL)
    check_tree (m);
  g_clear_pointer (&m, sl_morphology_unref);
  g_clear_error (&error);
  return 0;
}
