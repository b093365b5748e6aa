/* sl-atomic-file.c: write to a fixed, locked temporary, fsync, rename. */
#include "sl-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

char *
sl_atomic_file_temp_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strdup_printf (".%s.part", base);
  return g_build_filename (dir, name, NULL);
}

static gboolean
fail (GError    **error,
      int         saved_errno,
      const char *what,
      const char *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "cannot %s “%s”: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

/* Opens and locks the temporary.  After the lock is granted the file may
 * already have been renamed over the target by the writer that held the
 * lock before; then the name no longer points at our inode: try again. */
static int
open_locked_temp (const char  *tmp,
                  int          mode,
                  GError     **error)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      struct stat by_fd, by_name;
      int fd = open (tmp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
      int r;

      if (fd < 0)
        {
          g_autofree char *dir = g_path_get_dirname (tmp);

          fail (error, errno, "create a file in", dir);
          return -1;
        }
      while ((r = flock (fd, LOCK_EX)) < 0 && errno == EINTR)
        ;
      if (r < 0)
        {
          int e = errno;

          close (fd);
          fail (error, e, "lock", tmp);
          return -1;
        }
      if (fstat (fd, &by_fd) == 0 && stat (tmp, &by_name) == 0
          && by_fd.st_ino == by_name.st_ino && by_fd.st_dev == by_name.st_dev)
        return fd;
      close (fd);
    }
  fail (error, EBUSY, "lock", tmp);
  return -1;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

gboolean
sl_atomic_file_write (const char  *path,
                      const char  *data,
                      gsize        length,
                      int          mode,
                      GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  int fd, dir_fd, e;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  tmp = sl_atomic_file_temp_path (path);
  dir = g_path_get_dirname (path);
  if ((fd = open_locked_temp (tmp, mode, error)) < 0)
    return FALSE;

  if (ftruncate (fd, 0) < 0)
    {
      e = errno;
      goto failed_write;
    }
  if (!write_all (fd, data, length))
    {
      e = errno;
      goto failed_write;
    }
  /* The data must be on disk before the rename makes it the file. */
  if (fsync (fd) < 0)
    {
      e = errno;
      goto failed_write;
    }
  if (rename (tmp, path) < 0)
    {
      e = errno;
      g_unlink (tmp);
      close (fd);
      return fail (error, e, "replace", path);
    }
  close (fd);
  /* And the rename itself, so that a power cut does not undo it. */
  if ((dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

failed_write:
  g_unlink (tmp);
  close (fd);
  return fail (error, e, "write", path);
}
