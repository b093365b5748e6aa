/* sl-colormap.c: anchor tables and interpolation. */
#include "sl-colormap.h"

#include <math.h>

/* matplotlib's viridis at t = 0, 1/8, …, 1. */
static const guint8 viridis[9][3] = {
  { 0x44, 0x01, 0x54 }, { 0x48, 0x28, 0x78 }, { 0x3e, 0x49, 0x89 },
  { 0x31, 0x68, 0x8e }, { 0x26, 0x82, 0x8e }, { 0x1f, 0x9e, 0x89 },
  { 0x35, 0xb7, 0x79 }, { 0x6e, 0xce, 0x58 }, { 0xfd, 0xe7, 0x25 },
};

/* Moreland (2009) cool-warm at t = 0, 1/4, 1/2, 3/4, 1. */
static const guint8 coolwarm[5][3] = {
  { 0x3b, 0x4c, 0xc0 }, { 0x8d, 0xb0, 0xfe }, { 0xdd, 0xdd, 0xdd },
  { 0xf4, 0x9a, 0x7b }, { 0xb4, 0x04, 0x26 },
};

static void
sample (const guint8 (*table)[3],
        int           n,
        float         t,
        guint8        rgba[4])
{
  float x = CLAMP (t, 0.f, 1.f) * (n - 1);
  int i = MIN ((int) x, n - 2);
  float f = x - i;

  for (int k = 0; k < 3; k++)
    rgba[k] = (guint8) lrintf (table[i][k] + f * (table[i + 1][k] - table[i][k]));
  rgba[3] = 0xff;
}

void
sl_colormap_map (SlColormap map,
                 float      t,
                 guint8     rgba[4])
{
  if (isnan (t))
    {
      rgba[0] = rgba[1] = rgba[2] = 0x77;
      rgba[3] = 0xff;
      return;
    }
  switch (map)
    {
    case SL_COLORMAP_COOLWARM:
      sample (coolwarm, G_N_ELEMENTS (coolwarm), t, rgba);
      break;
    case SL_COLORMAP_VIRIDIS:
    default:
      sample (viridis, G_N_ELEMENTS (viridis), t, rgba);
      break;
    }
}
