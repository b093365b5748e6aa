/* sl-model-spines.c: where the spines go — by density per region (seeded,
 * uniform along the cable length of the region's neurites) and one by one
 * at a location — and the checks of their geometry and synapse. */
#include "sl-model-private.h"

#include <math.h>
#include <stdlib.h>

void
_sl_spine_place_clear (SlSpinePlace *p)
{
  g_free (p->id);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

gboolean
_sl_place_spines (const SlModelSpec    *spec,
              const SlMorphology   *morph,
              const SlCableLayout  *layout,
              const SlLocationView *view,
              GArray               *out,
              GError              **error)
{
  const SlLayoutNode *nodes = (const SlLayoutNode *) layout->nodes->data;
  int n = layout->nodes->len;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint g = 0; spec->spine_groups != NULL && g < spec->spine_groups->len; g++)
    {
      const SlSpineGroupSpec *gs = &g_array_index (spec->spine_groups, SlSpineGroupSpec, g);
      int region = _sl_view_find_region (view, gs->region);
      double total = 0;
      int count;
      g_autofree double *pos = NULL;
      g_autoptr(GRand) rand = NULL;
      guint32 seed[2] = { (guint32) gs->seed, (guint32) (gs->seed >> 32) };

      if (region == -1)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                       "spine group %u: the cell %s has no region '%s'",
                       g + 1, morph->name, gs->region ? gs->region : "(null)");
          return FALSE;
        }
      for (int i = 0; i < n; i++)
        if (nodes[i].kind == SL_NODE_NEURITE && _sl_in_region (view->region_mask[i], region))
          total += nodes[i].length;
      if (!(gs->density >= 0) || total * gs->density > 1e7)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "spine group %u: density %g /µm on %.0f µm of '%s' is out of range",
                       g + 1, gs->density, total, gs->region);
          return FALSE;
        }
      count = (int) floor (total * gs->density + 0.5);
      pos = g_new (double, MAX (count, 1));
      rand = g_rand_new_with_seed_array (seed, 2);
      for (int k = 0; k < count; k++)
        pos[k] = g_rand_double (rand) * total;
      qsort (pos, count, sizeof (double), cmp_double);

      {
        int k = 0;
        double acc = 0;

        for (int i = 0; i < n && k < count; i++)
          {
            if (nodes[i].kind != SL_NODE_NEURITE || !_sl_in_region (view->region_mask[i], region))
              continue;
            while (k < count && pos[k] < acc + nodes[i].length)
              {
                const SlModelSection *sec = &view->sections[nodes[i].section];
                int j = i - sec->first_node;
                SlSpinePlace p = { 0 };

                p.id = g_strdup_printf ("g%u-%d", g, k);
                p.section = nodes[i].section;
                p.x = (j + CLAMP ((pos[k] - acc) / nodes[i].length, 0, 1)) / sec->nseg;
                p.node = i;
                p.geometry = gs->geometry;
                p.synapse = gs->synapse;
                g_array_append_val (out, p);
                k++;
              }
            acc += nodes[i].length;
          }
        /* Rounding at the very end of the region. */
        for (; k < count; k++)
          {
            SlSpinePlace p = g_array_index (out, SlSpinePlace, out->len - 1);

            p.id = g_strdup_printf ("g%u-%d", g, k);
            g_array_append_val (out, p);
          }
      }
    }

  /* Spines removed by hand: the others keep their ids. */
  if (spec->excluded_spines != NULL && spec->excluded_spines->len > 0)
    {
      g_autoptr(GHashTable) excluded = g_hash_table_new (g_str_hash, g_str_equal);
      guint kept = 0;

      for (guint i = 0; i < spec->excluded_spines->len; i++)
        g_hash_table_add (excluded, g_ptr_array_index (spec->excluded_spines, i));
      for (guint k = 0; k < out->len; k++)
        {
          SlSpinePlace *p = &g_array_index (out, SlSpinePlace, k);

          if (g_hash_table_remove (excluded, p->id))
            g_clear_pointer (&p->id, g_free);
          else
            g_array_index (out, SlSpinePlace, kept++) = *p;
        }
      /* The tail holds moved copies: their ids live on in the front. */
      for (guint k = kept; k < out->len; k++)
        g_array_index (out, SlSpinePlace, k).id = NULL;
      g_array_set_size (out, kept);
      if (g_hash_table_size (excluded) > 0)
        {
          GHashTableIter it;
          gpointer id;

          g_hash_table_iter_init (&it, excluded);
          g_hash_table_iter_next (&it, &id, NULL);
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN,
                       "excluded spine '%s': the spine groups place no such spine on %s",
                       (const char *) id, morph->name);
          return FALSE;
        }
    }

  for (guint s = 0; spec->spines != NULL && s < spec->spines->len; s++)
    {
      const SlSpineSpec *ss = &g_array_index (spec->spines, SlSpineSpec, s);
      SlSpinePlace p = { 0 };
      g_autoptr(GError) local = NULL;

      if (ss->id == NULL || ss->id[0] == '\0')
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "spine %u: no id", s + 1);
          return FALSE;
        }
      if (ss->location == NULL || g_str_has_prefix (ss->location, "spine:"))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                       "spine '%s': location '%s' must be soma, xyz: or path:",
                       ss->id, ss->location ? ss->location : "(none)");
          return FALSE;
        }
      if (!_sl_location_resolve_cable (view, ss->location, &p.node, &p.section, &p.x, &local))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                       "spine '%s': %s", ss->id, local->message);
          return FALSE;
        }
      p.id = g_strdup (ss->id);
      p.geometry = ss->geometry;
      p.synapse = ss->synapse;
      g_array_append_val (out, p);
    }

  for (guint k = 0; k < out->len; k++)
    {
      SlSpinePlace *p = &g_array_index (out, SlSpinePlace, k);

      if (!g_hash_table_add (ids, p->id))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "spine id '%s' is used twice", p->id);
          return FALSE;
        }
      if (!(p->geometry.head_volume > 0) || !(p->geometry.neck_length > 0) ||
          !(p->geometry.neck_diam > 0))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "spine '%s': head volume, neck length and neck diameter must be positive",
                       p->id);
          return FALSE;
        }
      if (!(p->synapse.tau_r_ampa > 0 && p->synapse.tau_d_ampa > p->synapse.tau_r_ampa &&
            p->synapse.tau_r_nmda > 0 && p->synapse.tau_d_nmda > p->synapse.tau_r_nmda))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_INVALID,
                       "spine '%s': synaptic time constants need 0 < τ_r < τ_d", p->id);
          return FALSE;
        }
    }
  return TRUE;
}

