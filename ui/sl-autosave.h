/* sl-autosave.h: crash copies of unsaved sessions.
 *
 * While a window's session has unsaved changes it is written every
 * "autosave-interval" seconds (GSettings, default 30; the environment
 * variable SPINELAB_AUTOSAVE_INTERVAL, in seconds with decimals, overrides
 * it — tests use it) to
 *
 *   $XDG_STATE_HOME/spinelab/autosave/PID-N.spinelab   the session
 *   $XDG_STATE_HOME/spinelab/autosave/PID-N.info       who wrote it
 *
 * PID is the process, N the window.  The .info key file names the
 * session's own file (empty for an untitled session or a lesson), its
 * title, and the writer's boot id and process start time, so that a
 * reused PID is not taken for the writer.  A clean close or a save
 * removes both files; an autosave whose writer is gone (a crash, a kill)
 * is an orphan, offered for recovery by the next window.
 *
 * Plain GLib: no GTK here, so that tests can use it directly.
 */
#pragma once

#include <gio/gio.h>

#include "sl-session.h"

G_BEGIN_DECLS

#define SL_AUTOSAVE_DEFAULT_INTERVAL 30  /* s */

typedef struct
{
  char   *path;      /* the autosaved session */
  char   *original;  /* the session's own file, NULL: untitled or a lesson */
  char   *title;     /* what the window showed, never NULL */
  gint64  mtime;     /* of the autosave, µs since 1970 */
} SlAutosaveOrphan;

/* $XDG_STATE_HOME/spinelab/autosave (not created). */
char       *sl_autosave_dir            (void);
/* A new autosave path for one window of this process. */
char       *sl_autosave_new_path       (void);
/* Seconds between autosaves; 0: off.  settings may be NULL. */
double      sl_autosave_get_interval   (GSettings        *settings);

/* Writes the .info, then the session, each atomically; creates the
 * folder (0700).  Blocking: call it from a worker thread. */
gboolean    sl_autosave_write          (const char       *path,
                                        const SlSession  *session,
                                        const char       *original,
                                        const char       *title,
                                        GError          **error);
/* Removes the session, its .info and a stale temporary; missing files
 * are fine. */
void        sl_autosave_remove         (const char       *path);
/* Takes over an orphan: renames it to path and rewrites the .info as
 * this process's. */
gboolean    sl_autosave_claim          (const char       *orphan,
                                        const char       *path,
                                        const char       *original,
                                        const char       *title,
                                        GError          **error);

/* The process that wrote path still runs. */
gboolean    sl_autosave_owner_alive    (const char       *path);
/* Orphans, newest first (element free: sl_autosave_orphan_free). */
GPtrArray  *sl_autosave_find_orphans   (void);
void        sl_autosave_orphan_free    (SlAutosaveOrphan *orphan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAutosaveOrphan, sl_autosave_orphan_free)

G_END_DECLS
