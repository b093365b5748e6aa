/* test-sessions.c: sessions in the window under Xvfb — save, close and
 * reopen gives an equal session; the dirty marker follows edits; a save
 * that cannot be written shows the error and keeps the changes; the
 * close prompt; opening a broken session keeps the current one; and
 * autosave recovery end to end: the real spinelab binary autosaves an
 * edit, is killed, and a new window offers and restores the session.
 *
 * XDG_DATA_HOME / XDG_STATE_HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME point
 * into a fresh temporary folder (set in main, before GTK starts), so the
 * tests never touch the user's recent files or autosaves. */
#include "sl-config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-autosave.h"
#include "sl-ui-test-util.h"
#include "sl-window.h"

#define TIMEOUT_US (90 * G_USEC_PER_SEC)
#define LESSON "two-rules-one-neuron"

static char *tmp_root;  /* this run's temporary folder */

typedef struct
{
  SlWindow *window;
  gboolean  loaded;
  gboolean  load_ok;
  gboolean  model_ready;
  gboolean  saved;
  gboolean  save_ok;
} Fixture;

static void
on_load (SlWindow *w,
         gboolean  ok,
         Fixture  *fx)
{
  fx->loaded = TRUE;
  fx->load_ok = ok;
}

static void
on_model_ready (SlWorkbench *wb,
                Fixture     *fx)
{
  fx->model_ready = TRUE;
}

static void
on_save (SlWindow *w,
         gboolean  ok,
         Fixture  *fx)
{
  fx->saved = TRUE;
  fx->save_ok = ok;
}

static void
fixture_new_window (Fixture *fx)
{
  memset (fx, 0, sizeof *fx);
  fx->window = sl_ui_test_window_new (900, 640);
  g_signal_connect (fx->window, "load-finished", G_CALLBACK (on_load), fx);
  g_signal_connect (fx->window, "save-finished", G_CALLBACK (on_save), fx);
  g_signal_connect (sl_window_get_workbench (fx->window), "model-ready",
                    G_CALLBACK (on_model_ready), fx);
  g_object_add_weak_pointer (G_OBJECT (fx->window), (gpointer *) &fx->window);
}

static void
fixture_destroy (Fixture *fx)
{
  if (fx->window != NULL)
    sl_ui_test_destroy_window (GTK_WINDOW (fx->window));
  g_assert_null (fx->window);
}

/* Close as the user would, discarding unsaved changes at the prompt. */
static void
close_discarding (Fixture *fx)
{
  gtk_window_close (GTK_WINDOW (fx->window));
  if (fx->window != NULL && sl_window_get_unsaved_dialog (fx->window) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (sl_window_get_unsaved_dialog (fx->window)),
                                "unsaved.discard", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fx->window);
}

static void
open_and_wait (Fixture    *fx,
               const char *path,
               gboolean    expect_ok)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fx->loaded = FALSE;
  fx->model_ready = FALSE;
  sl_window_open_file (fx->window, file);
  sl_ui_test_wait_for (&fx->loaded, TIMEOUT_US, "the file to load");
  g_assert_cmpint (fx->load_ok, ==, expect_ok);
  if (expect_ok)
    sl_ui_test_wait_for (&fx->model_ready, TIMEOUT_US, "the model");
}

static void
open_lesson_and_wait (Fixture *fx)
{
  fx->loaded = FALSE;
  fx->model_ready = FALSE;
  sl_window_open_lesson (fx->window, LESSON);
  sl_ui_test_wait_for (&fx->loaded, TIMEOUT_US, "the lesson to load");
  g_assert_true (fx->load_ok);
  sl_ui_test_wait_for (&fx->model_ready, TIMEOUT_US, "the model");
}

static gboolean
save_and_wait (Fixture    *fx,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fx->saved = FALSE;
  sl_window_save_to (fx->window, file);
  sl_ui_test_wait_for (&fx->saved, TIMEOUT_US, "the save");
  return fx->save_ok;
}

/* A user's edit: the protocol's stop time, through the one edit path. */
static void
edit_tstop (Fixture *fx,
            double   tstop)
{
  SlWorkbench *wb = sl_window_get_workbench (fx->window);
  SlSession *edited = sl_session_copy (sl_workbench_get_session (wb));

  edited->protocol->tstop = tstop;
  sl_workbench_edit_session (wb, edited, "Set stop time");
}

static const char *
title_of (Fixture *fx)
{
  return gtk_window_get_title (GTK_WINDOW (fx->window));
}

static char *
lesson_path (void)
{
  return g_build_filename (SL_SOURCE_DIR, "resources", "lessons", LESSON ".spinelab", NULL);
}

static char *
tmp_file (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

/* ------------------------------------------------------------------ */

static void
test_save_close_reopen (void)
{
  g_autofree char *path = tmp_file ("reopen.spinelab");
  g_autoptr(SlSession) before = NULL;
  g_autoptr(SlSession) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fx;

  fixture_new_window (&fx);
  open_lesson_and_wait (&fx);
  /* A lesson has no file: clean, and Save would ask where. */
  g_assert_null (sl_window_get_file (fx.window));
  g_assert_false (sl_window_get_dirty (fx.window));

  edit_tstop (&fx, 1234);
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (g_str_has_prefix (title_of (&fx), "• "));
  g_test_message ("dirty title: %s", title_of (&fx));

  g_assert_true (save_and_wait (&fx, path));
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_false (g_str_has_prefix (title_of (&fx), "• "));
  g_assert_cmpstr (sl_window_get_file (fx.window), ==, path);
  /* In the recent files, as SpineLab's. */
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    GtkRecentInfo *info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (),
                                                          uri, NULL);

    g_assert_nonnull (info);
    g_assert_true (gtk_recent_info_has_application (info, "SpineLab"));
    g_assert_cmpstr (gtk_recent_info_get_mime_type (info), ==, "application/x-spinelab-session");
    gtk_recent_info_unref (info);
  }
  before = sl_session_copy (sl_workbench_get_session (sl_window_get_workbench (fx.window)));
  fixture_destroy (&fx);

  on_disk = sl_session_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (on_disk->protocol->tstop, ==, 1234);

  fixture_new_window (&fx);
  open_and_wait (&fx, path, TRUE);
  {
    SlSession *reopened = sl_workbench_get_session (sl_window_get_workbench (fx.window));

    /* Identical to the file, and to the session before closing but for
     * the view settings the save added. */
    g_assert_true (sl_session_equal (reopened, on_disk));
    g_assert_nonnull (reopened->view);
    g_assert_nonnull (strstr (reopened->view, "color-by="));
    g_free (before->view);
    before->view = g_strdup (reopened->view);
    g_assert_true (sl_session_equal (reopened, before));
  }
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_cmpstr (sl_window_get_file (fx.window), ==, path);

  /* Back and forth: an edit undone by hand makes it clean again. */
  edit_tstop (&fx, 99);
  g_assert_true (sl_window_get_dirty (fx.window));
  edit_tstop (&fx, 1234);
  g_assert_false (sl_window_get_dirty (fx.window));
  fixture_destroy (&fx);

  /* Open Recent's action opens it too. */
  fixture_new_window (&fx);
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

    gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-recent", "s", uri);
    sl_ui_test_wait_for (&fx.loaded, TIMEOUT_US, "the recent file");
    g_assert_true (fx.load_ok);
    g_assert_cmpstr (sl_window_get_file (fx.window), ==, path);
  }
  fixture_destroy (&fx);
}

/* A save that cannot be written: the error in the banner, the session
 * still in memory and still dirty, the old file untouched. */
static void
test_save_error_keeps_session (void)
{
  g_autofree char *good = tmp_file ("good.spinelab");
  g_autofree char *blocker = tmp_file ("not-a-folder");
  g_autofree char *below_file = g_build_filename (blocker, "s.spinelab", NULL);
  g_autofree char *ro_dir = tmp_file ("read-only");
  g_autofree char *in_ro = g_build_filename (ro_dir, "s.spinelab", NULL);
  g_autofree char *good_before = NULL;
  g_autofree char *good_after = NULL;
  g_autoptr(SlSession) edited = NULL;
  Fixture fx;

  fixture_new_window (&fx);
  open_lesson_and_wait (&fx);
  g_assert_true (save_and_wait (&fx, good));
  g_assert_true (g_file_get_contents (good, &good_before, NULL, NULL));
  edit_tstop (&fx, 777);
  edited = sl_session_copy (sl_workbench_get_session (sl_window_get_workbench (fx.window)));

  /* 1. The parent is a regular file (fails for root too). */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (save_and_wait (&fx, below_file));
  g_assert_true (sl_window_get_banner_is_error (fx.window));
  g_test_message ("banner: %s", sl_window_get_banner_text (fx.window));
  g_assert_nonnull (strstr (sl_window_get_banner_text (fx.window), "Not a directory"));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_cmpstr (sl_window_get_file (fx.window), ==, good);
  g_assert_true (sl_session_equal (sl_workbench_get_session (sl_window_get_workbench (fx.window)),
                                   edited));

  /* 2. A folder with mode 0555; root writes there anyway, so this part
   * only runs for a user. */
  g_assert_cmpint (g_mkdir (ro_dir, 0555), ==, 0);
  if (access (ro_dir, W_OK) != 0)
    {
      g_assert_false (save_and_wait (&fx, in_ro));
      g_assert_nonnull (strstr (sl_window_get_banner_text (fx.window), "Permission denied"));
      g_assert_true (sl_window_get_dirty (fx.window));
    }
  else
    g_test_message ("read-only folder part skipped: running as root");

  /* 3. A full disk, stood in for by the file size limit (binds root):
   * the write fails half way, the old file stays as it was. */
  {
    struct rlimit old_limit, small = { 1024, 0 };
    void (*old_handler) (int) = signal (SIGXFSZ, SIG_IGN);
    gboolean ok;

    /* The recent-files list is written a moment after a save: let it be
     * written before the limit, which would fail it too. */
    gint64 end = g_get_monotonic_time () + 1500 * G_TIME_SPAN_MILLISECOND;

    while (g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
    small.rlim_max = old_limit.rlim_max;
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
    ok = save_and_wait (&fx, good);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
    signal (SIGXFSZ, old_handler);
    g_assert_false (ok);
  }
  g_test_message ("banner: %s", sl_window_get_banner_text (fx.window));
  g_assert_true (sl_window_get_banner_is_error (fx.window));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (g_file_get_contents (good, &good_after, NULL, NULL));
  g_assert_cmpstr (good_before, ==, good_after);

  /* And a save that works clears the error and the marker. */
  g_assert_true (save_and_wait (&fx, good));
  g_assert_false (sl_window_get_banner_is_error (fx.window));
  g_assert_false (sl_window_get_dirty (fx.window));
  fixture_destroy (&fx);
  g_chmod (ro_dir, 0755);
}

/* Closing with unsaved changes asks; Cancel keeps the window, Save saves
 * then closes, Discard closes and leaves no crash copy. */
static void
test_close_prompt (void)
{
  g_autofree char *path = tmp_file ("prompt.spinelab");
  g_autoptr(SlSession) on_disk = NULL;
  GtkWindow *dialog;
  Fixture fx;

  fixture_new_window (&fx);
  open_lesson_and_wait (&fx);
  g_assert_true (save_and_wait (&fx, path));

  /* Clean: closes at once. */
  gtk_window_close (GTK_WINDOW (fx.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fx.window);

  fixture_new_window (&fx);
  open_and_wait (&fx, path, TRUE);
  edit_tstop (&fx, 4242);
  gtk_window_close (GTK_WINDOW (fx.window));
  g_assert_nonnull (fx.window);
  dialog = sl_window_get_unsaved_dialog (fx.window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_test_message ("prompt: %s", gtk_window_get_title (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "unsaved.cancel", NULL);
  g_assert_null (sl_window_get_unsaved_dialog (fx.window));
  g_assert_nonnull (fx.window);
  g_assert_true (sl_window_get_dirty (fx.window));

  /* Save: the file gets the edit, then the window closes. */
  gtk_window_close (GTK_WINDOW (fx.window));
  dialog = sl_window_get_unsaved_dialog (fx.window);
  g_assert_nonnull (dialog);
  fx.saved = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "unsaved.save", NULL);
  sl_ui_test_wait_for (&fx.saved, TIMEOUT_US, "the save before closing");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fx.window);
  on_disk = sl_session_load (path, NULL);
  g_assert_nonnull (on_disk);
  g_assert_cmpfloat (on_disk->protocol->tstop, ==, 4242);

  /* Discard: closes, the file keeps the saved version, no autosave. */
  fixture_new_window (&fx);
  open_and_wait (&fx, path, TRUE);
  edit_tstop (&fx, 5);
  gtk_window_close (GTK_WINDOW (fx.window));
  dialog = sl_window_get_unsaved_dialog (fx.window);
  g_assert_nonnull (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "unsaved.discard", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fx.window);
  g_clear_pointer (&on_disk, sl_session_free);
  on_disk = sl_session_load (path, NULL);
  g_assert_cmpfloat (on_disk->protocol->tstop, ==, 4242);
  {
    g_autoptr(GPtrArray) orphans = sl_autosave_find_orphans ();

    g_assert_cmpuint (orphans->len, ==, 0);
  }
}

/* A session with an unknown rule, a missing morphology or a stimulus on
 * a missing spine: a precise error, and the current session (edited,
 * unsaved) stays as it was. */
static void
test_open_broken_keeps_session (void)
{
  static const struct { const char *name, *from, *to, *expect; } cases[] = {
    { "unknown-rule.spinelab", "name=\"plateau\"", "name=\"no-such-rule\"", "no-such-rule" },
    { "missing-cell.spinelab", "<morphology bundled=\"pyramid-stick\"/>",
      "<morphology file=\"missing-cell.swc\"/>", "missing-cell.swc" },
    { "missing-spine.spinelab", "target=\"spine:tuft\"", "target=\"spine:nope\"", "no spine 'nope'" },
  };
  g_autofree char *lesson = lesson_path ();
  g_autofree char *text = NULL;
  g_autoptr(SlSession) kept = NULL;
  Fixture fx;

  g_assert_true (g_file_get_contents (lesson, &text, NULL, NULL));
  fixture_new_window (&fx);
  open_lesson_and_wait (&fx);
  edit_tstop (&fx, 3210);
  kept = sl_session_copy (sl_workbench_get_session (sl_window_get_workbench (fx.window)));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = tmp_file (cases[i].name);
      g_auto(GStrv) parts = g_strsplit (text, cases[i].from, 2);
      g_autofree char *broken = NULL;
      const char *banner;

      g_assert_nonnull (parts[1]);
      broken = g_strjoin (cases[i].to, parts[0], parts[1], NULL);
      g_assert_true (g_file_set_contents (path, broken, -1, NULL));
      open_and_wait (&fx, path, FALSE);
      banner = sl_window_get_banner_text (fx.window);
      g_test_message ("%s: %s", cases[i].name, banner);
      g_assert_true (sl_window_get_banner_is_error (fx.window));
      g_assert_nonnull (strstr (banner, cases[i].expect));
      g_assert_true (sl_session_equal (sl_workbench_get_session (sl_window_get_workbench (fx.window)),
                                       kept));
      g_assert_true (sl_window_get_dirty (fx.window));
      g_assert_null (sl_window_get_file (fx.window));
    }
  close_discarding (&fx);
}

/* The real application autosaves an edit; SIGKILL; a new window offers
 * the crash copy and Recover restores it, dirty, with its file. */
static void
test_autosave_recovery (void)
{
  const char *exe = g_getenv ("SPINELAB_EXE");
  g_autofree char *lesson = lesson_path ();
  g_autofree char *orig = tmp_file ("crash.spinelab");
  g_autofree char *canonical = NULL;
  g_autofree char *dir = sl_autosave_dir ();
  g_autofree char *autosave = NULL;
  g_autofree char *pid_arg = NULL;
  g_autoptr(SlSession) lesson_session = NULL;
  g_autoptr(SlSession) autosaved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[3];
  GPid pid;
  int status;
  gint64 deadline;
  Fixture fx;

  if (exe == NULL)
    {
      g_test_skip ("SPINELAB_EXE is not set (meson sets it)");
      return;
    }
  lesson_session = sl_session_load (lesson, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_save (lesson_session, orig, &error));
  canonical = g_canonicalize_filename (orig, NULL);

  env = g_environ_setenv (env, "SPINELAB_AUTOSAVE_INTERVAL", "0.3", TRUE);
  env = g_environ_setenv (env, "SPINELAB_TEST_EDIT", "8765", TRUE);
  /* No session bus: the child must not hand its file to another
   * SpineLab running on the desktop. */
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
  argv[0] = exe;
  argv[1] = orig;
  argv[2] = NULL;
  g_assert_true (g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);

  /* Its first window's crash copy, once it holds the edit. */
  pid_arg = g_strdup_printf ("%d-1.spinelab", (int) pid);
  autosave = g_build_filename (dir, pid_arg, NULL);
  deadline = g_get_monotonic_time () + TIMEOUT_US;
  for (;;)
    {
      if (g_file_test (autosave, G_FILE_TEST_EXISTS))
        {
          g_clear_pointer (&autosaved, sl_session_free);
          autosaved = sl_session_load (autosave, NULL);
          if (autosaved != NULL && autosaved->protocol->tstop == 8765)
            break;
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        g_error ("spinelab exited before autosaving (status %d)", status);
      if (g_get_monotonic_time () > deadline)
        g_error ("no autosave of the edit in %s", autosave);
      g_usleep (50000);
    }
  g_assert_true (sl_autosave_owner_alive (autosave));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);
  g_assert_false (sl_autosave_owner_alive (autosave));
  /* The last complete copy, whatever the kill interrupted. */
  g_clear_pointer (&autosaved, sl_session_free);
  autosaved = sl_session_load (autosave, &error);
  g_assert_no_error (error);

  fixture_new_window (&fx);
  {
    const char *offer = sl_window_get_recovery_text (fx.window);

    g_assert_nonnull (offer);
    g_test_message ("offer: %s", offer);
    g_assert_nonnull (strstr (offer, lesson_session->title));
  }
  fx.loaded = FALSE;
  fx.model_ready = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.recover", NULL);
  sl_ui_test_wait_for (&fx.loaded, TIMEOUT_US, "the recovered session");
  g_assert_true (fx.load_ok);
  sl_ui_test_wait_for (&fx.model_ready, TIMEOUT_US, "the recovered model");

  g_assert_null (sl_window_get_recovery_text (fx.window));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_cmpstr (sl_window_get_file (fx.window), ==, canonical);
  g_assert_true (sl_session_equal (sl_workbench_get_session (sl_window_get_workbench (fx.window)),
                                   autosaved));
  g_assert_cmpfloat (sl_workbench_get_session (sl_window_get_workbench (fx.window))->protocol->tstop,
                     ==, 8765);
  /* The copy is now this window's, not an orphan any more. */
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GPtrArray) orphans = sl_autosave_find_orphans ();

    g_assert_cmpuint (orphans->len, ==, 0);
  }

  /* Saving it clears the marker and removes the crash copy. */
  g_assert_true (save_and_wait (&fx, canonical));
  g_assert_false (sl_window_get_dirty (fx.window));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_test_message ("left in the autosave folder: %s", name);
        n++;
      }
    g_assert_cmpuint (n, ==, 0);
  }
  fixture_destroy (&fx);
}

/* Discard on the offer deletes the crash copy. */
static void
test_discard_recovery (void)
{
  g_autofree char *dir = sl_autosave_dir ();
  g_autofree char *path = g_build_filename (dir, "999999999-1.spinelab", NULL);
  g_autoptr(SlSession) s = sl_session_new ();
  g_autoptr(GError) error = NULL;
  Fixture fx;

  g_free (s->model->morphology);
  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  /* Written by this process, then relabelled as a process that cannot
   * exist (PID above the kernel's maximum). */
  g_assert_true (sl_autosave_write (path, s, NULL, "Lost work", &error));
  g_assert_no_error (error);
  {
    g_autofree char *info = g_build_filename (dir, "999999999-1.info", NULL);
    g_autofree char *text = NULL;
    g_autofree char *pid = g_strdup_printf ("Pid=%d", (int) getpid ());
    g_auto(GStrv) parts = NULL;

    g_assert_true (g_file_get_contents (info, &text, NULL, NULL));
    parts = g_strsplit (text, pid, 2);
    g_assert_nonnull (parts[1]);
    g_free (text);
    text = g_strjoin ("Pid=999999999", parts[0], parts[1], NULL);
    g_assert_true (g_file_set_contents (info, text, -1, NULL));
  }
  g_assert_false (sl_autosave_owner_alive (path));

  fixture_new_window (&fx);
  g_assert_nonnull (sl_window_get_recovery_text (fx.window));
  g_assert_nonnull (strstr (sl_window_get_recovery_text (fx.window), "Lost work"));
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.discard-recovery", NULL);
  g_assert_null (sl_window_get_recovery_text (fx.window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  fixture_destroy (&fx);
}

/* Undo and redo move through the saved state: the marker is clear
 * exactly when the session is the one on disk, and a save after an undo
 * makes that the clean point. */
static void
test_undo_to_saved_is_clean (void)
{
  g_autofree char *path = tmp_file ("undo-clean.spinelab");
  SlWorkbench *wb;
  Fixture fx;

  fixture_new_window (&fx);
  open_lesson_and_wait (&fx);
  wb = sl_window_get_workbench (fx.window);
  g_assert_false (sl_window_get_dirty (fx.window));

  /* Edit then undo on a fresh lesson: clean again, title unmarked. */
  edit_tstop (&fx, 777);
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_undo (wb));
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_false (g_str_has_prefix (title_of (&fx), "• "));
  g_assert_true (sl_workbench_redo (wb));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (g_str_has_prefix (title_of (&fx), "• "));

  /* Saved at 777: an edit after the save, undone, is clean. */
  g_assert_true (save_and_wait (&fx, path));
  g_assert_false (sl_window_get_dirty (fx.window));
  edit_tstop (&fx, 888);
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_undo (wb));
  g_assert_cmpfloat (sl_workbench_get_session (wb)->protocol->tstop, ==, 777);
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_false (g_str_has_prefix (title_of (&fx), "• "));
  /* Undo past the saved state is dirty, redo back to it clean. */
  g_assert_true (sl_workbench_undo (wb));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_redo (wb));
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_redo (wb));
  g_assert_true (sl_window_get_dirty (fx.window));

  /* Undo to the lesson's original and save there: that becomes the
   * clean point, and 777 is now a change. */
  g_assert_true (sl_workbench_undo (wb));
  g_assert_true (sl_workbench_undo (wb));
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (save_and_wait (&fx, path));
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_redo (wb));
  g_assert_cmpfloat (sl_workbench_get_session (wb)->protocol->tstop, ==, 777);
  g_assert_true (sl_window_get_dirty (fx.window));
  g_assert_true (sl_workbench_undo (wb));
  g_assert_false (sl_window_get_dirty (fx.window));
  g_assert_false (g_str_has_prefix (title_of (&fx), "• "));

  /* The other edit paths, undone from the header bar's action: a
   * stimulus added in the inspector, a rule changed in the picker. */
  {
    g_autoptr(GError) error = NULL;
    SlInspector *inspector = sl_workbench_get_inspector (wb);

    sl_workbench_select (wb, SL_SELECTION_SPINE, 0);
    g_assert_false (sl_window_get_dirty (fx.window));
    sl_inspector_set_form (inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
    g_assert_true (sl_inspector_add_stimulus (inspector, &error));
    g_assert_no_error (error);
    g_assert_true (sl_window_get_dirty (fx.window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "edit.undo", NULL));
    g_assert_false (sl_window_get_dirty (fx.window));
    g_assert_true (sl_rule_picker_set_rule (sl_workbench_get_rule_picker (wb), "graupner-brunel"));
    g_assert_true (sl_window_get_dirty (fx.window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "edit.undo", NULL));
    g_assert_false (sl_window_get_dirty (fx.window));
    g_assert_false (g_str_has_prefix (title_of (&fx), "• "));
  }
  fixture_destroy (&fx);
}

/* The writer of an autosave is alive only if its PID runs with the start
 * time it recorded: a reused PID (another start time) or a zombie is
 * not the writer. */
static void
test_owner_alive (void)
{
  g_autofree char *dir = sl_autosave_dir ();
  g_autofree char *name = g_strdup_printf ("%d-77.spinelab", (int) getpid ());
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *info = g_strdup_printf ("%s/%d-77.info", dir, (int) getpid ());
  g_autofree char *text = NULL;
  g_autoptr(SlSession) s = sl_session_new ();
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  pid_t child;
  int status;

  g_free (s->model->morphology);
  s->model->morphology = g_strdup ("bundled:ball-and-stick");
  g_assert_true (sl_autosave_write (path, s, "/x/y.spinelab", "Mine", &error));
  g_assert_no_error (error);
  g_assert_true (sl_autosave_owner_alive (path));

  /* The same PID with another start time: a reused PID. */
  g_assert_true (g_key_file_load_from_file (kf, info, G_KEY_FILE_NONE, NULL));
  g_assert_cmpuint (g_key_file_get_uint64 (kf, "Autosave", "StartTime", NULL), >, 0);
  g_key_file_set_uint64 (kf, "Autosave", "StartTime", 1);
  g_assert_true (g_key_file_save_to_file (kf, info, NULL));
  g_assert_false (sl_autosave_owner_alive (path));

  /* A process killed but not yet reaped (a zombie) is gone. */
  child = fork ();
  if (child == 0)
    _exit (0);
  g_usleep (200000);
  g_key_file_set_integer (kf, "Autosave", "Pid", (int) child);
  g_key_file_remove_key (kf, "Autosave", "StartTime", NULL);
  g_assert_true (g_key_file_save_to_file (kf, info, NULL));
  g_assert_false (sl_autosave_owner_alive (path));
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);

  sl_autosave_remove (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  static const char *xdg[] = { "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME",
                               "XDG_CACHE_HOME" };
  int status;

  tmp_root = g_dir_make_tmp ("sl-test-sessions-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);
  for (gsize i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (tmp_root, xdg[i], NULL);

      g_mkdir (dir, 0700);
      g_setenv (xdg[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/sessions/save-close-reopen", test_save_close_reopen);
  g_test_add_func ("/ui/sessions/undo-to-saved-is-clean", test_undo_to_saved_is_clean);
  g_test_add_func ("/ui/sessions/save-error-keeps-session", test_save_error_keeps_session);
  g_test_add_func ("/ui/sessions/close-prompt", test_close_prompt);
  g_test_add_func ("/ui/sessions/open-broken-keeps-session", test_open_broken_keeps_session);
  g_test_add_func ("/ui/sessions/owner-alive", test_owner_alive);
  g_test_add_func ("/ui/sessions/discard-recovery", test_discard_recovery);
  g_test_add_func ("/ui/sessions/autosave-recovery", test_autosave_recovery);
  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_root);

      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  return status;
}
