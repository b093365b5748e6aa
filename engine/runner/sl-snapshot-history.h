/* sl-snapshot-history.h: a bounded ring of runner snapshots, for replay.
 *
 * The UI pushes every fresh snapshot it acquires; the history copies it
 * (header and arrays, one block) and keeps the newest ones within two
 * bounds: a number of frames and a number of bytes.  When a push would
 * pass either, the oldest frames go.  A snapshot of another run (a reset
 * or a replaced model) clears the history first, so that one history
 * never mixes two runs.  Within a run t never decreases, so frames can be
 * looked up by time.
 *
 * A plain data structure: no thread, no lock; one thread uses it.
 */
#pragma once

#include <glib.h>

#include "sl-runner.h"

G_BEGIN_DECLS

typedef struct _SlSnapshotHistory SlSnapshotHistory;

/* Bytes of a snapshot block: header and its arrays. */
gsize              sl_snapshot_size                      (const SlSnapshot  *snap);

/* max_frames ≥ 1; max_bytes 0 = no limit on memory. */
SlSnapshotHistory *sl_snapshot_history_new               (guint              max_frames,
                                                          gsize              max_bytes);
void               sl_snapshot_history_free              (SlSnapshotHistory *self);

/* Changes the bounds; the oldest frames go if the history holds more. */
void               sl_snapshot_history_set_limits        (SlSnapshotHistory *self,
                                                          guint              max_frames,
                                                          gsize              max_bytes);
guint              sl_snapshot_history_get_max_frames    (SlSnapshotHistory *self);
gsize              sl_snapshot_history_get_max_bytes     (SlSnapshotHistory *self);

/* Copies snap in.  A snapshot whose run (or array sizes) differs from
 * the frames held clears them first; one with the seq of the newest
 * frame is a repeat and is not stored.  FALSE when nothing was stored (a
 * repeat, or a single snapshot larger than max_bytes). */
gboolean           sl_snapshot_history_push              (SlSnapshotHistory *self,
                                                          const SlSnapshot  *snap);
void               sl_snapshot_history_clear             (SlSnapshotHistory *self);

guint              sl_snapshot_history_get_length        (SlSnapshotHistory *self);
/* Bytes held by the frames. */
gsize              sl_snapshot_history_get_bytes         (SlSnapshotHistory *self);
/* Run id of the frames held (meaningless when empty). */
guint64            sl_snapshot_history_get_run           (SlSnapshotHistory *self);
/* Frame index, 0 = oldest; valid until the next push, clear or
 * set_limits. */
const SlSnapshot  *sl_snapshot_history_get               (SlSnapshotHistory *self,
                                                          guint              index);
/* Index of the frame whose t is nearest t_ms (the earlier on a tie);
 * −1 when empty. */
int                sl_snapshot_history_find              (SlSnapshotHistory *self,
                                                          double             t_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSnapshotHistory, sl_snapshot_history_free)

G_END_DECLS
