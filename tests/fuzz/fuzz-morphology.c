/* fuzz-morphology.c: libFuzzer target for the three morphology readers.
 *
 *   CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined \
 *     -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
 *   build-fuzz/tests/fuzz/fuzz-morphology CORPUS_DIR -max_total_time=300
 *
 * (CORPUS_DIR: a writable copy of tests/data/morphology; fuzzer-no-link
 * instruments the engine so that the fuzzer sees its coverage.)
 *
 * Every input goes through the SWC, ASC and NeuroML2 readers.  Each must
 * return a morphology or an error, never both or neither, and a returned
 * morphology must be parent-first with consistent sections and regions. */
#include <stdint.h>

#include <glib.h>

#include "sl-morphology.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check (SlMorphology *m,
       GError       *error)
{
  if ((m == NULL) == (error == NULL))
    g_error ("reader returned %s", m ? "a morphology and an error" : "nothing");
  if (m == NULL)
    return;
  for (int i = 0; i < m->n_points; i++)
    if (m->points[i].parent >= i || m->points[i].r <= 0)
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
  SlMorphology *(*readers[]) (const char *, gsize, const char *, GError **) = {
    sl_morphology_new_from_swc_data,
    sl_morphology_new_from_asc_data,
    sl_morphology_new_from_neuroml_data,
  };

  for (gsize k = 0; k < G_N_ELEMENTS (readers); k++)
    {
      GError *error = NULL;
      SlMorphology *m = readers[k] ((const char *) data, size, "fuzz", &error);

      check (m, error);
      g_clear_pointer (&m, sl_morphology_unref);
      g_clear_error (&error);
    }
  return 0;
}
