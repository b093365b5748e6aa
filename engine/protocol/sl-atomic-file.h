/* sl-atomic-file.h: replacing a file so that it is always either the old
 * or the new complete version, even if the process is killed mid-write.
 *
 * The new contents go to one fixed temporary per target, ".NAME.part" in
 * the target's folder, which is locked (flock), written, fsync'ed and
 * renamed over the target; the folder is then fsync'ed.  Because the
 * temporary's name is fixed, a writer killed mid-save leaves at most one
 * stale ".NAME.part" behind, and the next save of the same file reuses
 * (and consumes) it: temporaries never accumulate.  Two writers of the
 * same target take turns on the lock.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors are in G_FILE_ERROR and name the file and the system's reason;
 * on failure the target is untouched and the temporary removed.  mode:
 * of a newly created file, before the umask (0666 for documents). */
gboolean sl_atomic_file_write (const char  *path,
                               const char  *data,
                               gsize        length,
                               int          mode,
                               GError     **error);

/* The temporary sl_atomic_file_write uses for path (for tests and for
 * cleaning up after a crash). */
char    *sl_atomic_file_temp_path (const char *path);

G_END_DECLS
