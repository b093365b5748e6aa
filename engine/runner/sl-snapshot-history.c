/* sl-snapshot-history.c: a bounded ring of snapshot copies. */
#include "sl-snapshot-history.h"

#include <math.h>
#include <string.h>

/* Frames beyond this are refused as a bound: 2^20 slot pointers is 8 MB
 * of bookkeeping before any snapshot. */
#define MAX_FRAMES_LIMIT (1u << 20)

struct _SlSnapshotHistory
{
  SlSnapshot **slots;      /* (capacity) blocks, ring order from head */
  gsize       *sizes;      /* (capacity) bytes of each block */
  guint        capacity;   /* = max_frames */
  guint        head;       /* slot of the oldest frame */
  guint        len;        /* frames held */
  gsize        bytes;      /* sum of sizes of the frames held */
  gsize        max_bytes;  /* 0 = unbounded */
  guint64      run;
};

gsize
sl_snapshot_size (const SlSnapshot *snap)
{
  /* The runner lays the arrays out in this order; Δw is the last. */
  return snap->off_dw + (gsize) MAX (snap->n_spines, 0) * sizeof (float);
}

SlSnapshotHistory *
sl_snapshot_history_new (guint max_frames,
                         gsize max_bytes)
{
  SlSnapshotHistory *self = g_new0 (SlSnapshotHistory, 1);

  self->capacity = CLAMP (max_frames, 1, MAX_FRAMES_LIMIT);
  self->slots = g_new0 (SlSnapshot *, self->capacity);
  self->sizes = g_new0 (gsize, self->capacity);
  self->max_bytes = max_bytes;
  return self;
}

void
sl_snapshot_history_clear (SlSnapshotHistory *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->len; i++)
    g_clear_pointer (&self->slots[(self->head + i) % self->capacity], g_free);
  self->head = 0;
  self->len = 0;
  self->bytes = 0;
}

void
sl_snapshot_history_free (SlSnapshotHistory *self)
{
  if (self == NULL)
    return;
  sl_snapshot_history_clear (self);
  g_free (self->slots);
  g_free (self->sizes);
  g_free (self);
}

/* Removes the oldest frame; returns its block when keep is set (the
 * caller reuses it), else frees it. */
static SlSnapshot *
drop_oldest (SlSnapshotHistory *self,
             gboolean           keep)
{
  SlSnapshot *block = self->slots[self->head];

  self->slots[self->head] = NULL;
  self->bytes -= self->sizes[self->head];
  self->head = (self->head + 1) % self->capacity;
  self->len--;
  if (self->len == 0)
    self->head = 0;
  if (keep)
    return block;
  g_free (block);
  return NULL;
}

void
sl_snapshot_history_set_limits (SlSnapshotHistory *self,
                                guint              max_frames,
                                gsize              max_bytes)
{
  guint capacity;

  g_return_if_fail (self != NULL);

  capacity = CLAMP (max_frames, 1, MAX_FRAMES_LIMIT);
  self->max_bytes = max_bytes;
  while (self->len > capacity || (max_bytes > 0 && self->bytes > max_bytes))
    drop_oldest (self, FALSE);
  if (capacity != self->capacity)
    {
      SlSnapshot **slots = g_new0 (SlSnapshot *, capacity);
      gsize *sizes = g_new0 (gsize, capacity);

      for (guint i = 0; i < self->len; i++)
        {
          guint from = (self->head + i) % self->capacity;
          slots[i] = self->slots[from];
          sizes[i] = self->sizes[from];
        }
      g_free (self->slots);
      g_free (self->sizes);
      self->slots = slots;
      self->sizes = sizes;
      self->capacity = capacity;
      self->head = 0;
    }
}

guint
sl_snapshot_history_get_max_frames (SlSnapshotHistory *self)
{
  return self->capacity;
}

gsize
sl_snapshot_history_get_max_bytes (SlSnapshotHistory *self)
{
  return self->max_bytes;
}

gboolean
sl_snapshot_history_push (SlSnapshotHistory *self,
                          const SlSnapshot  *snap)
{
  gsize size;
  SlSnapshot *block = NULL;
  guint slot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (snap != NULL, FALSE);

  size = sl_snapshot_size (snap);
  if (self->len > 0)
    {
      const SlSnapshot *newest = sl_snapshot_history_get (self, self->len - 1);

      if (snap->run != self->run || snap->n_nodes != newest->n_nodes
          || snap->n_spines != newest->n_spines)
        sl_snapshot_history_clear (self);
    }
  if (self->len > 0 && sl_snapshot_history_get (self, self->len - 1)->seq == snap->seq)
    return FALSE;
  if (self->max_bytes > 0 && size > self->max_bytes)
    return FALSE;

  while (self->len > 0
         && (self->len >= self->capacity
             || (self->max_bytes > 0 && self->bytes + size > self->max_bytes)))
    {
      /* Within a run all snapshots have one size: reuse the block. */
      gboolean reuse = block == NULL && self->sizes[self->head] == size;
      SlSnapshot *old = drop_oldest (self, reuse);

      if (reuse)
        block = old;
    }
  if (block == NULL)
    block = g_malloc (size);
  memcpy (block, snap, size);

  slot = (self->head + self->len) % self->capacity;
  self->slots[slot] = block;
  self->sizes[slot] = size;
  self->len++;
  self->bytes += size;
  self->run = snap->run;
  return TRUE;
}

guint
sl_snapshot_history_get_length (SlSnapshotHistory *self)
{
  return self->len;
}

gsize
sl_snapshot_history_get_bytes (SlSnapshotHistory *self)
{
  return self->bytes;
}

guint64
sl_snapshot_history_get_run (SlSnapshotHistory *self)
{
  return self->run;
}

const SlSnapshot *
sl_snapshot_history_get (SlSnapshotHistory *self,
                         guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->len, NULL);

  return self->slots[(self->head + index) % self->capacity];
}

int
sl_snapshot_history_find (SlSnapshotHistory *self,
                          double             t_ms)
{
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, -1);

  if (self->len == 0)
    return -1;
  if (isnan (t_ms))
    return (int) self->len - 1;
  /* First frame with t ≥ t_ms; then the nearer of it and its predecessor. */
  hi = self->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sl_snapshot_history_get (self, mid)->t < t_ms)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == self->len)
    return (int) self->len - 1;
  if (lo > 0 && t_ms - sl_snapshot_history_get (self, lo - 1)->t
                <= sl_snapshot_history_get (self, lo)->t - t_ms)
    return (int) lo - 1;
  return (int) lo;
}
