/* sl-triple-buffer.c
 *
 * The shared state is one atomic int: the index of the middle buffer, with
 * FRESH set when the producer put it there and the consumer has not taken
 * it yet.  Every exchange is sequentially consistent (GLib atomics), which
 * orders the producer's writes to a buffer before its publication and the
 * consumer's acquisition before its reads.
 */
#include "sl-triple-buffer.h"

#include <string.h>

#define FRESH 4
#define INDEX_MASK 3

struct _SlTripleBuffer
{
  guint8 *buffers[3];   /* (3 x size) bytes */
  gsize   size;
  gint    middle;       /* atomic: index | FRESH */
  int     back;         /* producer only */
  int     front;        /* consumer only */
};

SlTripleBuffer *
sl_triple_buffer_new (gsize size)
{
  SlTripleBuffer *self;

  g_return_val_if_fail (size > 0, NULL);

  self = g_new0 (SlTripleBuffer, 1);
  self->size = size;
  for (int i = 0; i < 3; i++)
    self->buffers[i] = g_malloc0 (size);
  self->front = 0;
  self->middle = 1;
  self->back = 2;
  return self;
}

SlTripleBuffer *
sl_triple_buffer_new_filled (gsize         size,
                             gconstpointer init)
{
  SlTripleBuffer *self = sl_triple_buffer_new (size);

  for (int i = 0; i < 3; i++)
    memcpy (self->buffers[i], init, size);
  return self;
}

void
sl_triple_buffer_free (SlTripleBuffer *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < 3; i++)
    g_free (self->buffers[i]);
  g_free (self);
}

gsize
sl_triple_buffer_get_size (SlTripleBuffer *self)
{
  return self->size;
}

gpointer
sl_triple_buffer_get_back (SlTripleBuffer *self)
{
  return self->buffers[self->back];
}

void
sl_triple_buffer_publish (SlTripleBuffer *self)
{
  gint old = g_atomic_int_exchange (&self->middle, self->back | FRESH);

  self->back = old & INDEX_MASK;
}

gconstpointer
sl_triple_buffer_acquire (SlTripleBuffer *self,
                          gboolean       *fresh)
{
  gboolean is_fresh = (g_atomic_int_get (&self->middle) & FRESH) != 0;

  if (is_fresh)
    {
      gint old = g_atomic_int_exchange (&self->middle, self->front);
      self->front = old & INDEX_MASK;
    }
  if (fresh != NULL)
    *fresh = is_fresh;
  return self->buffers[self->front];
}
