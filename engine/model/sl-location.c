/* sl-location.c: "soma", "xyz:X,Y,Z", "path:REGION:D", "spine:ID"
 * (design.md) resolved to a node of the compiled model. */
#include "sl-model-private.h"

#include <math.h>
#include <string.h>

int
_sl_view_find_region (const SlLocationView *view,
                      const char           *name)
{
  if (g_strcmp0 (name, "all") == 0)
    return -2;
  for (int r = 0; r < view->n_regions; r++)
    if (g_strcmp0 (view->region_names[r], name) == 0)
      return r;
  return -1;
}

static gboolean
parse_number (const char *s,
              const char *end,
              double     *out)
{
  g_autofree char *tmp = g_strndup (s, end - s);
  char *stop = NULL;

  g_strstrip (tmp);
  if (tmp[0] == '\0')
    return FALSE;
  *out = g_ascii_strtod (tmp, &stop);
  return stop != NULL && *stop == '\0' && isfinite (*out);
}

static gboolean
resolve_soma (const SlLocationView  *view,
              const char            *location,
              int                   *node,
              int                   *section,
              double                *x,
              GError               **error)
{
  if (view->soma_section < 0)
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                   "location '%s': the cell has no soma", location);
      return FALSE;
    }
  *node = view->soma_node;
  *section = view->soma_section;
  *x = 0.5;
  return TRUE;
}

static gboolean
resolve_xyz (const SlLocationView  *view,
             const char            *location,
             const char            *args,
             int                   *node,
             int                   *section,
             double                *x,
             GError               **error)
{
  double q[3], best = G_MAXDOUBLE, best_s = 0;
  const char *p = args;
  int best_sec = -1;

  for (int a = 0; a < 3; a++)
    {
      const char *end = a < 2 ? strchr (p, ',') : p + strlen (p);

      if (end == NULL || !parse_number (p, end, &q[a]))
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                       "location '%s': expected xyz:X,Y,Z with three numbers in µm", location);
          return FALSE;
        }
      p = end + 1;
    }
  /* The dendritic tree: every section but the soma and the axon, unless
   * there is nothing else. */
  for (int pass = 0; pass < 2 && best_sec < 0; pass++)
    for (int s = 0; s < view->n_sections; s++)
      {
        double d, sa;

        if (pass == 0 && (s == view->soma_section || view->sections[s].type == SL_TYPE_AXON))
          continue;
        sa = _sl_section_nearest (&view->sections[s], view->pt3d, q, &d);
        if (d < best)
          {
            best = d;
            best_s = sa;
            best_sec = s;
          }
      }
  *section = best_sec;
  *x = view->sections[best_sec].length > 0 ? best_s / view->sections[best_sec].length : 0.5;
  *node = _sl_section_node_at (&view->sections[best_sec], *x);
  return TRUE;
}

static gboolean
resolve_path (const SlLocationView  *view,
              const char            *location,
              const char            *args,
              int                   *node,
              int                   *section,
              double                *x,
              GError               **error)
{
  const char *colon = strrchr (args, ':');
  g_autofree char *region_name = NULL;
  g_autofree double *reach = NULL;
  double D, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  int region, best = -1;

  if (colon == NULL || colon == args || !parse_number (colon + 1, colon + strlen (colon), &D) || D < 0)
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                   "location '%s': expected path:REGION:D with D ≥ 0 in µm", location);
      return FALSE;
    }
  region_name = g_strndup (args, colon - args);
  region = _sl_view_find_region (view, region_name);
  if (region == -1)
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                   "location '%s': the cell has no region '%s'", location, region_name);
      return FALSE;
    }
  if (g_strcmp0 (region_name, "soma") == 0)
    return resolve_soma (view, location, node, section, x, error);

  /* The longest branch: the section whose subtree reaches furthest. */
  reach = g_new (double, view->n_sections);
  for (int s = 0; s < view->n_sections; s++)
    reach[s] = view->sections[s].distance0 + view->sections[s].length;
  for (int s = view->n_sections - 1; s >= 0; s--)
    if (view->sections[s].parent >= 0)
      reach[view->sections[s].parent] = MAX (reach[view->sections[s].parent], reach[s]);

  for (int s = 0; s < view->n_sections; s++)
    {
      const SlModelSection *sec = &view->sections[s];
      int nd;
      double xx;

      if (s == view->soma_section)
        continue;
      for (int k = 0; k < sec->nseg; k++)
        {
          nd = sec->first_node + k;
          if (region != -2 && !((view->region_mask[nd] >> region) & 1))
            continue;
          lo = MIN (lo, sec->distance0 + (double) k / sec->nseg * sec->length);
          hi = MAX (hi, sec->distance0 + (double) (k + 1) / sec->nseg * sec->length);
        }
      if (D < sec->distance0 || D > sec->distance0 + sec->length)
        continue;
      xx = (D - sec->distance0) / sec->length;
      nd = _sl_section_node_at (sec, xx);
      if (region != -2 && !((view->region_mask[nd] >> region) & 1))
        continue;
      if (best < 0 || reach[s] > reach[best])
        {
          best = s;
          *x = xx;
        }
    }
  if (best < 0)
    {
      if (hi < lo)
        g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                     "location '%s': region '%s' holds no cable", location, region_name);
      else
        g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                     "location '%s': region '%s' has no point %g µm from the soma "
                     "(it spans %.1f–%.1f µm)", location, region_name, D, lo, hi);
      return FALSE;
    }
  *section = best;
  *node = _sl_section_node_at (&view->sections[best], *x);
  return TRUE;
}

gboolean
_sl_location_resolve_cable (const SlLocationView  *view,
                            const char            *location,
                            int                   *node,
                            int                   *section,
                            double                *x,
                            GError               **error)
{
  if (location == NULL)
    {
      g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION, "no location given");
      return FALSE;
    }
  if (strcmp (location, "soma") == 0)
    return resolve_soma (view, location, node, section, x, error);
  if (g_str_has_prefix (location, "xyz:"))
    return resolve_xyz (view, location, location + 4, node, section, x, error);
  if (g_str_has_prefix (location, "path:"))
    return resolve_path (view, location, location + 5, node, section, x, error);
  g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
               "location '%s': expected soma, xyz:X,Y,Z, path:REGION:D or spine:ID", location);
  return FALSE;
}

gboolean
sl_model_resolve_location (const SlModel  *self,
                           const char     *location,
                           int            *node,
                           int            *spine,
                           GError        **error)
{
  SlLocationView view = { 0 };
  int nd = -1, sec = -1;
  double x = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (location != NULL && g_str_has_prefix (location, "spine:"))
    {
      int k = sl_model_find_spine (self, location + 6);

      if (k < 0)
        {
          g_set_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_LOCATION,
                       "location '%s': no spine '%s'", location, location + 6);
          return FALSE;
        }
      if (node)
        *node = self->n_cable + 2 * k + 1;
      if (spine)
        *spine = k;
      return TRUE;
    }
  view.sections = self->sections;
  view.n_sections = self->n_sections;
  view.pt3d = self->pt3d;
  view.region_mask = self->region_mask;
  view.section_of = self->section;
  view.distance = self->distance;
  view.region_names = self->region_names;
  view.n_regions = self->n_regions;
  view.soma_node = self->soma_node;
  view.soma_section = self->soma_section;
  view.n_cable = self->n_cable;
  if (!_sl_location_resolve_cable (&view, location, &nd, &sec, &x, error))
    return FALSE;
  if (node)
    *node = nd;
  if (spine)
    *spine = -1;
  return TRUE;
}
