/* sl-ring.h: single-producer/single-consumer ring of fixed-size frames
 * (for example one sample of every recorded trace).  Lock-free: the
 * engine pushes, the view pops; a full ring drops the frame and counts it
 * rather than block the engine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlRing SlRing;

SlRing  *sl_ring_new            (guint   frame_len,
                                 guint   capacity);
void     sl_ring_free           (SlRing *self);
guint    sl_ring_get_frame_len  (SlRing *self);

/* Producer side. */
gboolean sl_ring_push           (SlRing       *self,
                                 const double *frame);
guint64  sl_ring_get_dropped    (SlRing       *self);

/* Consumer side: copies up to max_frames frames into out (max_frames ×
 * frame_len doubles) and returns how many. */
guint    sl_ring_pop            (SlRing *self,
                                 double *out,
                                 guint   max_frames);
/* Discards everything queued (consumer side). */
void     sl_ring_clear          (SlRing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlRing, sl_ring_free)

G_END_DECLS
