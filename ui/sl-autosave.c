/* sl-autosave.c: crash copies of unsaved sessions and finding orphans. */
#include "sl-config.h"

#include "sl-autosave.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sl-atomic-file.h"

#define INFO_GROUP "Autosave"

char *
sl_autosave_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "spinelab", "autosave", NULL);
}

char *
sl_autosave_new_path (void)
{
  static gint counter;
  g_autofree char *dir = sl_autosave_dir ();
  g_autofree char *name = g_strdup_printf ("%d-%d.spinelab", (int) getpid (),
                                           g_atomic_int_add (&counter, 1) + 1);

  return g_build_filename (dir, name, NULL);
}

double
sl_autosave_get_interval (GSettings *settings)
{
  const char *env = g_getenv ("SPINELAB_AUTOSAVE_INTERVAL");

  if (env != NULL && env[0] != '\0')
    {
      char *end = NULL;
      double v = g_ascii_strtod (env, &end);

      if (end != env && *end == '\0' && isfinite (v) && v >= 0)
        return v;
      g_warning ("SPINELAB_AUTOSAVE_INTERVAL must be a number of seconds ≥ 0, not '%s'", env);
    }
  if (settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "autosave-interval"))
        return g_settings_get_uint (settings, "autosave-interval");
    }
  return SL_AUTOSAVE_DEFAULT_INTERVAL;
}

/* PATH.spinelab → PATH.info */
static char *
info_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".spinelab")
                          ? g_strndup (path, strlen (path) - strlen (".spinelab"))
                          : g_strdup (path);

  return g_strconcat (stem, ".info", NULL);
}

static char *
boot_id (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return NULL;
  return g_strstrip (text);
}

/* State letter and start time (clock ticks after boot) of a process, from
 * /proc/PID/stat; its second field (the command) may hold spaces and
 * parentheses, so the fields are counted from the last ')'. */
static gboolean
read_proc_stat (int      pid,
                char    *state,
                guint64 *start_time)
{
  g_autofree char *file = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents (file, &text, NULL, NULL) || (p = strrchr (text, ')')) == NULL)
    return FALSE;
  p += 2;  /* field 3: the state */
  *state = *p;
  for (int field = 3; field < 22 && p != NULL; field++)
    if ((p = strchr (p, ' ')) != NULL)
      p++;
  *start_time = p != NULL ? g_ascii_strtoull (p, NULL, 10) : 0;
  return p != NULL;
}

static char *
info_data (const char *original,
           const char *title,
           gsize      *length)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *boot = boot_id ();
  char state;
  guint64 start = 0;

  g_key_file_set_integer (kf, INFO_GROUP, "Pid", (int) getpid ());
  if (boot != NULL)
    g_key_file_set_string (kf, INFO_GROUP, "BootId", boot);
  if (read_proc_stat ((int) getpid (), &state, &start))
    g_key_file_set_uint64 (kf, INFO_GROUP, "StartTime", start);
  g_key_file_set_string (kf, INFO_GROUP, "Original", original != NULL ? original : "");
  g_key_file_set_string (kf, INFO_GROUP, "Title", title != NULL ? title : "");
  return g_key_file_to_data (kf, length, NULL);
}

static gboolean
write_info (const char  *path,
            const char  *original,
            const char  *title,
            GError     **error)
{
  g_autofree char *info = info_path (path);
  g_autofree char *data = NULL;
  gsize length = 0;

  data = info_data (original, title, &length);
  return sl_atomic_file_write (info, data, length, 0600, error);
}

static gboolean
ensure_dir (const char  *path,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int e = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                   "cannot create the autosave folder “%s”: %s", dir, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

gboolean
sl_autosave_write (const char       *path,
                   const SlSession  *session,
                   const char       *original,
                   const char       *title,
                   GError          **error)
{
  g_return_val_if_fail (path != NULL && session != NULL, FALSE);

  return ensure_dir (path, error) && write_info (path, original, title, error)
         && sl_session_save (session, path, error);
}

void
sl_autosave_remove (const char *path)
{
  g_autofree char *info = NULL;
  g_autofree char *temp = NULL;

  g_return_if_fail (path != NULL);

  info = info_path (path);
  temp = sl_atomic_file_temp_path (path);
  g_unlink (path);
  g_unlink (temp);
  g_clear_pointer (&temp, g_free);
  temp = sl_atomic_file_temp_path (info);
  g_unlink (temp);
  g_unlink (info);
}

gboolean
sl_autosave_claim (const char  *orphan,
                   const char  *path,
                   const char  *original,
                   const char  *title,
                   GError     **error)
{
  g_return_val_if_fail (orphan != NULL && path != NULL, FALSE);

  if (!ensure_dir (path, error))
    return FALSE;
  if (g_rename (orphan, path) < 0)
    {
      int e = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (e),
                   "cannot take over the autosave “%s”: %s", orphan, g_strerror (e));
      return FALSE;
    }
  sl_autosave_remove (orphan);  /* its .info and temporaries */
  return write_info (path, original, title, error);
}

gboolean
sl_autosave_owner_alive (const char *path)
{
  g_autofree char *info = info_path (path);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *recorded_boot = NULL;
  g_autofree char *boot = NULL;
  guint64 recorded_start = 0, start = 0;
  char state = '?';
  int pid;

  if (g_key_file_load_from_file (kf, info, G_KEY_FILE_NONE, NULL))
    {
      pid = g_key_file_get_integer (kf, INFO_GROUP, "Pid", NULL);
      recorded_boot = g_key_file_get_string (kf, INFO_GROUP, "BootId", NULL);
      recorded_start = g_key_file_get_uint64 (kf, INFO_GROUP, "StartTime", NULL);
    }
  else
    pid = atoi (base);  /* "PID-N.spinelab" */
  if (pid <= 0)
    return FALSE;

  boot = boot_id ();
  if (recorded_boot != NULL && boot != NULL && !g_str_equal (recorded_boot, boot))
    return FALSE;  /* written before a reboot */
  if (!read_proc_stat (pid, &state, &start))
    {
      if (g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
        return FALSE;  /* no such process */
      return kill (pid, 0) == 0 || errno == EPERM;
    }
  if (state == 'Z' || state == 'X')
    return FALSE;  /* killed, not yet reaped */
  return recorded_start == 0 || recorded_start == start;
}

void
sl_autosave_orphan_free (SlAutosaveOrphan *orphan)
{
  if (orphan == NULL)
    return;
  g_free (orphan->path);
  g_free (orphan->original);
  g_free (orphan->title);
  g_free (orphan);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const SlAutosaveOrphan *x = *(SlAutosaveOrphan * const *) a;
  const SlAutosaveOrphan *y = *(SlAutosaveOrphan * const *) b;

  return (x->mtime < y->mtime) - (x->mtime > y->mtime);
}

GPtrArray *
sl_autosave_find_orphans (void)
{
  g_autofree char *dir = sl_autosave_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_autosave_orphan_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *info = NULL;
      g_autoptr(GKeyFile) kf = g_key_file_new ();
      SlAutosaveOrphan *orphan;
      GStatBuf st;

      if (name[0] == '.' || !g_str_has_suffix (name, ".spinelab"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) < 0 || !S_ISREG (st.st_mode) || sl_autosave_owner_alive (path))
        continue;
      info = info_path (path);
      orphan = g_new0 (SlAutosaveOrphan, 1);
      orphan->path = g_steal_pointer (&path);
      orphan->mtime = (gint64) st.st_mtime * G_USEC_PER_SEC;
      if (g_key_file_load_from_file (kf, info, G_KEY_FILE_NONE, NULL))
        {
          orphan->original = g_key_file_get_string (kf, INFO_GROUP, "Original", NULL);
          orphan->title = g_key_file_get_string (kf, INFO_GROUP, "Title", NULL);
        }
      if (orphan->original != NULL && orphan->original[0] == '\0')
        g_clear_pointer (&orphan->original, g_free);
      if (orphan->title == NULL || orphan->title[0] == '\0')
        {
          g_free (orphan->title);
          orphan->title = orphan->original != NULL ? g_path_get_basename (orphan->original)
                                                   : g_strdup ("Untitled session");
        }
      g_ptr_array_add (found, orphan);
    }
  g_ptr_array_sort (found, newest_first);
  return found;
}
