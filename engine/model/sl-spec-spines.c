/* sl-spec-spines.c: removing spines from a spec — a placed spine leaves
 * the list, a density spine is excluded by id so that the other spines of
 * its group keep their ids (and the stimuli and rules naming them). */
#include "sl-spec-private.h"

#include <stdlib.h>
#include <string.h>

gboolean
_sl_density_spine_id_parse (const char *id,
                            guint      *group,
                            int        *k)
{
  char *end = NULL;
  guint64 g, kk;

  if (id == NULL || id[0] != 'g' || !g_ascii_isdigit (id[1]))
    return FALSE;
  g = g_ascii_strtoull (id + 1, &end, 10);
  if (end == NULL || *end != '-' || !g_ascii_isdigit (end[1]) || g > G_MAXINT)
    return FALSE;
  kk = g_ascii_strtoull (end + 1, &end, 10);
  if (end == NULL || *end != '\0' || kk > G_MAXINT)
    return FALSE;
  if (group != NULL)
    *group = (guint) g;
  if (k != NULL)
    *k = (int) kk;
  return TRUE;
}

gboolean
sl_model_spec_spine_excluded (const SlModelSpec *self,
                              const char        *id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; id != NULL && self->excluded_spines != NULL && i < self->excluded_spines->len; i++)
    if (g_str_equal (g_ptr_array_index (self->excluded_spines, i), id))
      return TRUE;
  return FALSE;
}

gboolean
sl_model_spec_remove_spine (SlModelSpec *self,
                            const char  *id)
{
  guint group;

  g_return_val_if_fail (self != NULL, FALSE);

  if (id == NULL)
    return FALSE;
  for (guint i = 0; i < self->spines->len; i++)
    if (g_strcmp0 (g_array_index (self->spines, SlSpineSpec, i).id, id) == 0)
      {
        g_array_remove_index (self->spines, i);
        return TRUE;
      }
  if (!_sl_density_spine_id_parse (id, &group, NULL) || group >= self->spine_groups->len
      || sl_model_spec_spine_excluded (self, id))
    return FALSE;
  if (self->excluded_spines == NULL)
    self->excluded_spines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->excluded_spines, g_strdup (id));
  return TRUE;
}
