/* sl-trace-store.c: full-resolution recent frames and a decimated
 * archive of the older ones. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-trace-store.h"

struct _SlTraceStore
{
  guint   len;          /* doubles per frame */
  guint   archive_max;  /* frames */
  double  window_ms;    /* full-resolution span, ms */
  double  keep_t;       /* ms: older frames may go; NAN = keep all */

  GArray *recent;       /* (n × len) doubles, oldest first */
  guint   rstart;       /* first live frame of recent; older ones are stale */
  GArray *archive;      /* (n × len) doubles, oldest first, one per `stride` originals */
  guint   astart;       /* first live frame of archive */
  guint   stride;       /* originals per archived frame: 1, 2, 4, … */
  double *pending;      /* (len) the chosen frame of the group being filled */
  guint   n_pending;    /* originals seen of that group */
  double  pending_score;
};

static double *
frame_at (GArray *a,
          guint   len,
          guint   i)
{
  return &g_array_index (a, double, (gsize) i * len);
}

static guint
n_frames (GArray *a,
          guint   len)
{
  return a->len / len;
}

/* L1 distance over the value columns (2…), NaN columns skipped. */
static double
distance (const SlTraceStore *self,
          const double       *a,
          const double       *b)
{
  double d = 0;

  if (b == NULL)
    return 0;
  for (guint c = 2; c < self->len; c++)
    if (!isnan (a[c]) && !isnan (b[c]))
      d += fabs (a[c] - b[c]);
  return d;
}

SlTraceStore *
sl_trace_store_new (guint frame_len,
                    guint archive_max)
{
  SlTraceStore *self;

  g_return_val_if_fail (frame_len >= 3, NULL);

  self = g_new0 (SlTraceStore, 1);
  self->len = frame_len;
  self->archive_max = MAX (archive_max, 2);
  self->window_ms = 500.0;
  self->keep_t = NAN;
  self->recent = g_array_new (FALSE, FALSE, sizeof (double));
  self->archive = g_array_new (FALSE, FALSE, sizeof (double));
  self->pending = g_new (double, frame_len);
  self->stride = 1;
  return self;
}

void
sl_trace_store_free (SlTraceStore *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->recent);
  g_array_unref (self->archive);
  g_free (self->pending);
  g_free (self);
}

void
sl_trace_store_clear (SlTraceStore *self)
{
  g_return_if_fail (self != NULL);
  g_array_set_size (self->recent, 0);
  g_array_set_size (self->archive, 0);
  self->rstart = self->astart = 0;
  self->stride = 1;
  self->n_pending = 0;
  self->keep_t = NAN;
}

void
sl_trace_store_set_window (SlTraceStore *self,
                           double        window_ms)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (window_ms > 0);
  self->window_ms = window_ms;
}

static guint
n_archive (SlTraceStore *self)
{
  return n_frames (self->archive, self->len) - self->astart;
}

static const double *
last_archived (SlTraceStore *self)
{
  guint n = n_frames (self->archive, self->len);

  return n > self->astart ? frame_at (self->archive, self->len, n - 1) : NULL;
}

/* The archive is full: first forget stale frames, then keep one frame of
 * each pair, the one farther from the frame kept before it. */
static void
halve (SlTraceStore *self)
{
  guint n, m;

  if (self->astart > 0)
    {
      g_array_remove_range (self->archive, 0, (guint) ((gsize) self->astart * self->len));
      self->astart = 0;
    }
  n = n_frames (self->archive, self->len);
  if (n < self->archive_max)
    return;
  m = (n + 1) / 2;
  for (guint j = 0; j < m; j++)
    {
      const double *ref = j > 0 ? frame_at (self->archive, self->len, j - 1) : NULL;
      const double *a = frame_at (self->archive, self->len, 2 * j);
      const double *pick = a;

      if (2 * j + 1 < n)
        {
          const double *b = frame_at (self->archive, self->len, 2 * j + 1);

          if (ref != NULL && distance (self, b, ref) > distance (self, a, ref))
            pick = b;
        }
      memmove (frame_at (self->archive, self->len, j), pick, self->len * sizeof (double));
    }
  g_array_set_size (self->archive, m * self->len);
  self->stride *= 2;
}

/* A frame leaves the full-resolution window. */
static void
archive_frame (SlTraceStore *self,
               const double *f)
{
  double score;

  if (!isnan (self->keep_t) && f[0] < self->keep_t)
    return;
  score = distance (self, f, last_archived (self));
  if (self->n_pending == 0 || score > self->pending_score)
    {
      memcpy (self->pending, f, self->len * sizeof (double));
      self->pending_score = score;
    }
  if (++self->n_pending < self->stride)
    return;
  g_array_append_vals (self->archive, self->pending, self->len);
  self->n_pending = 0;
  if (n_archive (self) >= self->archive_max)
    halve (self);
}

void
sl_trace_store_append (SlTraceStore *self,
                       const double *frame)
{
  guint n;
  double t_min;

  g_return_if_fail (self != NULL);
  g_return_if_fail (frame != NULL);

  g_array_append_vals (self->recent, frame, self->len);
  n = n_frames (self->recent, self->len);
  t_min = frame[0] - self->window_ms;
  while (self->rstart < n && frame_at (self->recent, self->len, self->rstart)[0] < t_min)
    archive_frame (self, frame_at (self->recent, self->len, self->rstart++));
  /* Compact once half is stale, so that the copy is amortised. */
  if (self->rstart > n / 2)
    {
      g_array_remove_range (self->recent, 0, (guint) ((gsize) self->rstart * self->len));
      self->rstart = 0;
    }
}

void
sl_trace_store_keep_from (SlTraceStore *self,
                          double        t_ms)
{
  guint n;

  g_return_if_fail (self != NULL);

  self->keep_t = t_ms;
  if (isnan (t_ms))
    return;
  n = n_frames (self->archive, self->len);
  while (self->astart < n && frame_at (self->archive, self->len, self->astart)[0] < t_ms)
    self->astart++;
  if (self->n_pending > 0 && self->pending[0] < t_ms)
    self->n_pending = 0;
  if (self->astart == n && self->n_pending == 0)
    {
      /* Nothing archived any more: start again at full resolution. */
      g_array_set_size (self->archive, 0);
      self->astart = 0;
      self->stride = 1;
    }
  else if (self->astart > n / 2)
    {
      g_array_remove_range (self->archive, 0, (guint) ((gsize) self->astart * self->len));
      self->astart = 0;
    }
}

/* First index in [start, n) of a with t ≥ t_min. */
static guint
lower_bound (GArray *a,
             guint   len,
             guint   start,
             double  t_min)
{
  guint lo = start, hi = n_frames (a, len);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (frame_at (a, len, mid)[0] < t_min)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
collect_from (GPtrArray *out,
              GArray    *a,
              guint      len,
              guint      start,
              double     t_min,
              double     t_max)
{
  guint n = n_frames (a, len);

  for (guint i = lower_bound (a, len, start, t_min); i < n; i++)
    {
      double *f = frame_at (a, len, i);

      if (f[0] > t_max)
        break;
      g_ptr_array_add (out, f);
    }
}

GPtrArray *
sl_trace_store_collect (SlTraceStore *self,
                        double        t_min,
                        double        t_max)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, out);

  collect_from (out, self->archive, self->len, self->astart, t_min, t_max);
  if (self->n_pending > 0 && self->pending[0] >= t_min && self->pending[0] <= t_max)
    g_ptr_array_add (out, self->pending);
  collect_from (out, self->recent, self->len, self->rstart, t_min, t_max);
  return out;
}

const double *
sl_trace_store_last (SlTraceStore *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  n = n_frames (self->recent, self->len);
  if (n > self->rstart)
    return frame_at (self->recent, self->len, n - 1);
  if (self->n_pending > 0)
    return self->pending;
  return last_archived (self);
}

const double *
sl_trace_store_at (SlTraceStore *self,
                   double        t_ms)
{
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  i = lower_bound (self->recent, self->len, self->rstart, nextafter (t_ms, INFINITY));
  if (i > self->rstart)
    return frame_at (self->recent, self->len, i - 1);
  if (self->n_pending > 0 && self->pending[0] <= t_ms)
    return self->pending;
  i = lower_bound (self->archive, self->len, self->astart, nextafter (t_ms, INFINITY));
  return i > self->astart ? frame_at (self->archive, self->len, i - 1) : NULL;
}

guint
sl_trace_store_get_n_recent (SlTraceStore *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return n_frames (self->recent, self->len) - self->rstart;
}

guint
sl_trace_store_get_n_archive (SlTraceStore *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return n_archive (self) + (self->n_pending > 0 ? 1 : 0);
}

guint
sl_trace_store_get_stride (SlTraceStore *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->stride;
}

gsize
sl_trace_store_get_bytes (SlTraceStore *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return ((gsize) self->recent->len + self->archive->len + self->len) * sizeof (double);
}
