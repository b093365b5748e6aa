/* sl-trace-store.h: the trace frames behind the plots, for the live
 * window and for replay.
 *
 * Frames are fixed-length rows of doubles whose column 0 is t (ms),
 * appended in increasing t.  The newest `window_ms` are kept at full
 * resolution (the live plots); older frames go into a decimated archive
 * so that a replay scrubbed further back still has traces.  The archive
 * holds at most `archive_max` frames: when full it halves, keeping of
 * each pair the frame farther (L1 over columns 2…, NaN skipped) from the
 * frame kept before it, so that spikes survive decimation; every frame
 * stored is a real frame, its values belong to its t.  Frames older than
 * sl_trace_store_keep_from are dropped (the replay history's start).
 *
 * Memory: (window_ms / record interval + archive_max) × frame_len × 8 B
 * at most, plus the slack of amortised compaction (≤ 2×).
 *
 * Plain data, no GTK: tests run without a display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SlTraceStore SlTraceStore;

/* 16384 frames × 27 doubles = 3.5 MB for the runner's frames. */
#define SL_TRACE_STORE_DEFAULT_ARCHIVE 16384

/* frame_len ≥ 3 doubles; archive_max ≥ 2 frames. */
SlTraceStore *sl_trace_store_new        (guint          frame_len,
                                         guint          archive_max);
void          sl_trace_store_free       (SlTraceStore  *self);
void          sl_trace_store_clear      (SlTraceStore  *self);
/* Full-resolution span behind the newest frame, ms (> 0). */
void          sl_trace_store_set_window (SlTraceStore  *self,
                                         double         window_ms);
/* frame: frame_len doubles, t not below the newest frame's. */
void          sl_trace_store_append     (SlTraceStore  *self,
                                         const double  *frame);
/* Frames older than t_ms may be dropped (NAN keeps everything). */
void          sl_trace_store_keep_from  (SlTraceStore  *self,
                                         double         t_ms);

/* The frames with t_min ≤ t ≤ t_max, oldest first, as pointers into the
 * store (valid until the next append, keep_from or clear). */
GPtrArray    *sl_trace_store_collect    (SlTraceStore  *self,
                                         double         t_min,
                                         double         t_max);
/* The newest frame (NULL when empty). */
const double *sl_trace_store_last       (SlTraceStore  *self);
/* The newest frame with t ≤ t_ms (NULL when none). */
const double *sl_trace_store_at         (SlTraceStore  *self,
                                         double         t_ms);
/* Frames at full resolution, and in the archive. */
guint         sl_trace_store_get_n_recent  (SlTraceStore *self);
guint         sl_trace_store_get_n_archive (SlTraceStore *self);
/* How many original frames one archived frame stands for (1, 2, 4, …). */
guint         sl_trace_store_get_stride    (SlTraceStore *self);
/* Bytes allocated for frames. */
gsize         sl_trace_store_get_bytes     (SlTraceStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTraceStore, sl_trace_store_free)

G_END_DECLS
