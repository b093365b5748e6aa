/* sl-ring.c
 *
 * head and tail count frames forever (64-bit, so they do not wrap in any
 * realistic run); the slot of frame k is k mod capacity, with capacity a
 * power of two.  The producer writes the slot and then publishes head; the
 * consumer reads slots below head and then publishes tail.  The atomic
 * loads and stores order those accesses.
 */
#include "sl-ring.h"

#include <string.h>

struct _SlRing
{
  double  *frames;     /* (capacity x frame_len) */
  guint    frame_len;
  guint    capacity;   /* power of two */
  guint64  head;       /* atomic: frames written */
  guint64  tail;       /* atomic: frames read */
  guint64  dropped;    /* atomic */
};

SlRing *
sl_ring_new (guint frame_len,
             guint capacity)
{
  SlRing *self;
  guint cap = 1;

  g_return_val_if_fail (frame_len > 0, NULL);
  g_return_val_if_fail (capacity > 0 && capacity <= (1u << 30), NULL);

  while (cap < capacity)
    cap <<= 1;

  self = g_new0 (SlRing, 1);
  self->frame_len = frame_len;
  self->capacity = cap;
  self->frames = g_new0 (double, (gsize) cap * frame_len);
  return self;
}

void
sl_ring_free (SlRing *self)
{
  if (self == NULL)
    return;
  g_free (self->frames);
  g_free (self);
}

guint
sl_ring_get_frame_len (SlRing *self)
{
  return self->frame_len;
}

gboolean
sl_ring_push (SlRing       *self,
              const double *frame)
{
  guint64 head = __atomic_load_n (&self->head, __ATOMIC_RELAXED);
  guint64 tail = __atomic_load_n (&self->tail, __ATOMIC_ACQUIRE);

  if (head - tail >= self->capacity)
    {
      __atomic_fetch_add (&self->dropped, 1, __ATOMIC_RELAXED);
      return FALSE;
    }

  memcpy (self->frames + (head & (self->capacity - 1)) * self->frame_len,
          frame, sizeof (double) * self->frame_len);
  __atomic_store_n (&self->head, head + 1, __ATOMIC_RELEASE);
  return TRUE;
}

guint64
sl_ring_get_dropped (SlRing *self)
{
  return __atomic_load_n (&self->dropped, __ATOMIC_RELAXED);
}

guint
sl_ring_pop (SlRing *self,
             double *out,
             guint   max_frames)
{
  guint64 tail = __atomic_load_n (&self->tail, __ATOMIC_RELAXED);
  guint64 head = __atomic_load_n (&self->head, __ATOMIC_ACQUIRE);
  guint n = (guint) MIN (head - tail, (guint64) max_frames);

  for (guint i = 0; i < n; i++)
    memcpy (out + (gsize) i * self->frame_len,
            self->frames + ((tail + i) & (self->capacity - 1)) * self->frame_len,
            sizeof (double) * self->frame_len);
  __atomic_store_n (&self->tail, tail + n, __ATOMIC_RELEASE);
  return n;
}

void
sl_ring_clear (SlRing *self)
{
  guint64 head = __atomic_load_n (&self->head, __ATOMIC_ACQUIRE);

  __atomic_store_n (&self->tail, head, __ATOMIC_RELEASE);
}
