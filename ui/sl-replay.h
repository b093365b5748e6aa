/* sl-replay.h: the replay bar — scrub a paused run back and forth, and
 * export it as a movie.
 *
 * An SlReplay keeps the runner snapshots the workbench's tick callback
 * acquires in a bounded SlSnapshotHistory (its bounds the preferences
 * history-length, in frames, and history-memory-mb).  While the run is
 * paused its slider moves through that history: sl_replay_update hands
 * the workbench the stored snapshot at the slider's time instead of the
 * live one, so the 3D colouring, the inspector and the bars show that
 * moment, and the plots draw their traces up to it.  Play, a step or a
 * reset returns to live.
 *
 * "Export movie…" asks for a .webm file (or a folder for PNGs) and writes
 * the current session from t = 0 to the run's current time (the whole
 * protocol when at t = 0) with render/sl-movie in a worker thread; a
 * progress bar and Cancel show meanwhile, the GTK thread never waits.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-runner.h"
#include "sl-snapshot-history.h"

G_BEGIN_DECLS

typedef struct _SlWorkbench SlWorkbench;

#define SL_TYPE_REPLAY (sl_replay_get_type ())
G_DECLARE_FINAL_TYPE (SlReplay, sl_replay, SL, REPLAY, GtkWidget)

#define SL_REPLAY_DEFAULT_FRAMES 3000
#define SL_REPLAY_DEFAULT_MB     256

/* workbench (weak) supplies the session, model, plots and colour for
 * export and the cursor; settings (may be NULL) the history bounds. */
GtkWidget        *sl_replay_new            (SlWorkbench      *workbench,
                                            GSettings        *settings);

/* Called by the workbench on every tick with the newest snapshot of the
 * current model (fresh or not) and whether the run is playing.  Stores
 * fresh snapshots; returns the snapshot to show — the live one, or the
 * stored one at the slider's time while scrubbing (valid until the next
 * call). */
const SlSnapshot *sl_replay_update         (SlReplay         *self,
                                            const SlSnapshot *live,
                                            gboolean          playing);

/* Scrubs to the stored frame nearest t_ms (what the slider does); FALSE
 * when the history is empty or the run is playing. */
gboolean          sl_replay_seek           (SlReplay         *self,
                                            double            t_ms);
void              sl_replay_go_live        (SlReplay         *self);
gboolean          sl_replay_is_scrubbing   (SlReplay         *self);
/* The stored frame shown while scrubbing, NULL when live. */
const SlSnapshot *sl_replay_get_shown      (SlReplay         *self);
SlSnapshotHistory *sl_replay_get_history   (SlReplay         *self);

/* Exports the current session as a movie to path (.webm, or a directory
 * ending in '/' for PNGs) in a worker thread, as the button does after
 * its file chooser.  "export-finished" (gboolean ok, string message)
 * follows on the GTK thread. */
void              sl_replay_export         (SlReplay         *self,
                                            const char       *path);
gboolean          sl_replay_get_exporting  (SlReplay         *self);
/* Fraction of the export done, 0…1. */
double            sl_replay_get_export_progress (SlReplay    *self);

G_END_DECLS
