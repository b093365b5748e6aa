/* sl-history.h: undo and redo of session edits.
 *
 * Two bounded stacks of SlSession copies, each with the label of the edit
 * it undoes or redoes ("Move stimulus" → "Undo Move stimulus").  The
 * workbench pushes the session as it was before every edit; undo hands
 * back that session and keeps the current one for redo.  A new edit
 * clears the redo stack.  Past the limit the oldest edits are forgotten.
 * Repeats of one edit in quick succession (a spin button held down, an
 * arrow key nudging a stimulus) merge into one step: sl_history_push_at.
 *
 * Plain data, no GTK: tests run without a display.
 */
#pragma once

#include <glib.h>

#include "sl-session.h"

G_BEGIN_DECLS

typedef struct _SlHistory SlHistory;

#define SL_HISTORY_DEFAULT_LIMIT 100

/* limit ≥ 1: the number of edits that can be undone. */
SlHistory  *sl_history_new          (guint             limit);
void        sl_history_free         (SlHistory        *self);

/* before (copied) is the session as it was before the edit `label`.
 * Clears the redo stack. */
void        sl_history_push         (SlHistory        *self,
                                     const SlSession  *before,
                                     const char       *label);
/* Edits with the same label less than this apart merge (µs). */
#define SL_HISTORY_MERGE_US (G_USEC_PER_SEC / 2)

/* As sl_history_push, at time_us (monotonic µs), with `after` the
 * session the edit made.  When the newest step has the same label, was
 * pushed or merged into less than SL_HISTORY_MERGE_US before time_us,
 * and nothing was undone since, the edit joins that step (which keeps
 * the older `before`) and TRUE is returned; if the joined repeats lead
 * back to that step's `before` (up, then down again), the step goes. */
gboolean    sl_history_push_at      (SlHistory        *self,
                                     const SlSession  *before,
                                     const SlSession  *after,
                                     const char       *label,
                                     gint64            time_us);
gboolean    sl_history_can_undo     (const SlHistory  *self);
gboolean    sl_history_can_redo     (const SlHistory  *self);
/* The label of the edit that undo / redo would revert or re-apply; NULL
 * when there is none. */
const char *sl_history_get_undo_label (const SlHistory *self);
const char *sl_history_get_redo_label (const SlHistory *self);
/* current (copied) goes onto the redo stack; returns the session before
 * the last edit (transfer full), NULL when there is nothing to undo. */
SlSession  *sl_history_undo         (SlHistory        *self,
                                     const SlSession  *current);
/* current (copied) goes back onto the undo stack; returns the session
 * after the undone edit (transfer full), NULL when there is nothing. */
SlSession  *sl_history_redo         (SlHistory        *self,
                                     const SlSession  *current);
void        sl_history_clear        (SlHistory        *self);
guint       sl_history_get_n_undo   (const SlHistory  *self);
guint       sl_history_get_n_redo   (const SlHistory  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlHistory, sl_history_free)

G_END_DECLS
