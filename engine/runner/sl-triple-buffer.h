/* sl-triple-buffer.h: lock-free hand-off of the latest snapshot from one
 * producer thread (the engine) to one consumer thread (the view).
 *
 * Three equally sized buffers: the producer writes into its back buffer
 * and publishes it by swapping it with the shared middle one; the consumer
 * swaps the middle one with its front buffer only when something new was
 * published.  Neither side ever waits, and the consumer always reads a
 * complete snapshot (never one being written).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlTripleBuffer SlTripleBuffer;

SlTripleBuffer *sl_triple_buffer_new          (gsize           size);
/* All three buffers start as copies of `init` (size bytes). */
SlTripleBuffer *sl_triple_buffer_new_filled   (gsize           size,
                                               gconstpointer   init);
void            sl_triple_buffer_free         (SlTripleBuffer *self);
gsize           sl_triple_buffer_get_size     (SlTripleBuffer *self);

/* Producer side. */
gpointer        sl_triple_buffer_get_back     (SlTripleBuffer *self);
void            sl_triple_buffer_publish      (SlTripleBuffer *self);

/* Consumer side: returns the newest published buffer, and sets *fresh to
 * whether it changed since the previous call. */
gconstpointer   sl_triple_buffer_acquire      (SlTripleBuffer *self,
                                               gboolean       *fresh);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTripleBuffer, sl_triple_buffer_free)

G_END_DECLS
