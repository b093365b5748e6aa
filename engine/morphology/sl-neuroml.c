/* sl-neuroml.c: NeuroML2 reader (being written). */
#include "sl-morphology-private.h"

SlMorphology *
sl_morphology_new_from_neuroml_data (const char  *data,
                                     gsize        len,
                                     const char  *name,
                                     GError     **error)
{
  g_set_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_UNSUPPORTED,
               "%s: NeuroML2 is not supported yet", name);
  return NULL;
}
