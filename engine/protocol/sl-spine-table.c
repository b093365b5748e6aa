/* sl-spine-table.c: the per-spine CSV table (sl-spine-table.h). */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-spine-table.h"

const char *
sl_spine_region (const SlModel *model,
                 int            spine)
{
  guint64 mask;
  int best = -1, best_count = G_MAXINT;

  g_return_val_if_fail (spine >= 0 && spine < model->n_spines, NULL);
  mask = model->region_mask[model->spine_node[spine]];
  for (int r = 0; r < model->n_regions; r++)
    {
      int count = 0;

      if (!(mask & (G_GUINT64_CONSTANT (1) << r)))
        continue;
      for (int i = 0; i < model->n_cable; i++)
        count += (model->region_mask[i] >> r) & 1;
      if (count < best_count)
        {
          best = r;
          best_count = count;
        }
    }
  return best >= 0 ? model->region_names[best] : "all";
}

double
sl_spine_path_distance (const SlModel *model,
                        int            spine)
{
  const SlModelSection *s;

  g_return_val_if_fail (spine >= 0 && spine < model->n_spines, NAN);
  if (model->spine_section[spine] < 0)
    return model->distance[model->spine_node[spine]];
  s = &model->sections[model->spine_section[spine]];
  return s->distance0 + model->spine_x[spine] * s->length;
}

/* An id or region with a comma, quote or newline is quoted (RFC 4180). */
static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
sl_spine_table_to_csv (const SlModel *model,
                       const double  *w0,
                       const double  *w)
{
  GString *out = g_string_new ("spine_id,region,path_distance_um,w0,w,dw\n");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (w0 == NULL)
    w0 = model->syn_w0;
  for (int k = 0; k < model->n_spines; k++)
    {
      const double values[] = { w0[k], w[k], w[k] - w0[k] };

      append_field (out, model->spine_id[k]);
      g_string_append_c (out, ',');
      append_field (out, sl_spine_region (model, k));
      g_string_append_printf (out, ",%s",
                              g_ascii_formatd (buf, sizeof buf, "%.6f", sl_spine_path_distance (model, k)));
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_string_append_printf (out, ",%s", g_ascii_formatd (buf, sizeof buf, "%.10g", values[i]));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
sl_spine_table_write_csv (const SlModel *model,
                          const double  *w0,
                          const double  *w,
                          const char    *path,
                          GError       **error)
{
  g_autofree char *csv = sl_spine_table_to_csv (model, w0, w);

  return g_file_set_contents (path, csv, -1, error);
}
