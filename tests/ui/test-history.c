/* test-history.c: SlHistory — undo returns the session before the edit,
 * redo the one after it, labels follow their edit, a new edit clears the
 * redo stack, the stacks keep at most `limit` edits, and quick repeats
 * of one edit merge into one step. */
#include "sl-history.h"

/* A session told apart by its tstop (ms). */
static SlSession *
session_at (double tstop)
{
  SlSession *s = sl_session_new ();

  s->protocol->tstop = tstop;
  return s;
}

static void
test_empty (void)
{
  g_autoptr(SlHistory) h = sl_history_new (10);
  g_autoptr(SlSession) current = session_at (1);

  g_assert_false (sl_history_can_undo (h));
  g_assert_false (sl_history_can_redo (h));
  g_assert_null (sl_history_get_undo_label (h));
  g_assert_null (sl_history_get_redo_label (h));
  g_assert_null (sl_history_undo (h, current));
  g_assert_null (sl_history_redo (h, current));
}

static void
test_undo_redo (void)
{
  g_autoptr(SlHistory) h = sl_history_new (10);
  g_autoptr(SlSession) s0 = session_at (100), s1 = session_at (200), s2 = session_at (300);
  g_autoptr(SlSession) u1 = NULL, u2 = NULL, r1 = NULL, r2 = NULL;

  /* Two edits: 100 → 200 ("Move stimulus"), 200 → 300 ("Delete stimulus"). */
  sl_history_push (h, s0, "Move stimulus");
  sl_history_push (h, s1, "Delete stimulus");
  g_assert_cmpuint (sl_history_get_n_undo (h), ==, 2);
  g_assert_cmpstr (sl_history_get_undo_label (h), ==, "Delete stimulus");

  u2 = sl_history_undo (h, s2);
  g_assert_true (sl_session_equal (u2, s1));
  g_assert_cmpstr (sl_history_get_undo_label (h), ==, "Move stimulus");
  g_assert_cmpstr (sl_history_get_redo_label (h), ==, "Delete stimulus");
  u1 = sl_history_undo (h, u2);
  g_assert_true (sl_session_equal (u1, s0));
  g_assert_false (sl_history_can_undo (h));
  g_assert_cmpuint (sl_history_get_n_redo (h), ==, 2);
  g_assert_cmpstr (sl_history_get_redo_label (h), ==, "Move stimulus");

  r1 = sl_history_redo (h, u1);
  g_assert_true (sl_session_equal (r1, s1));
  r2 = sl_history_redo (h, r1);
  g_assert_true (sl_session_equal (r2, s2));
  g_assert_false (sl_history_can_redo (h));
  g_assert_cmpuint (sl_history_get_n_undo (h), ==, 2);
  g_assert_cmpstr (sl_history_get_undo_label (h), ==, "Delete stimulus");
}

static void
test_new_edit_clears_redo (void)
{
  g_autoptr(SlHistory) h = sl_history_new (10);
  g_autoptr(SlSession) s0 = session_at (100), s1 = session_at (200), s3 = session_at (400);
  g_autoptr(SlSession) u = NULL, u0 = NULL;

  sl_history_push (h, s0, "Move stimulus");
  u = sl_history_undo (h, s1);
  g_assert_true (sl_history_can_redo (h));
  /* From s0 a different edit: the undone one cannot come back. */
  sl_history_push (h, u, "Stretch stimulus");
  g_assert_false (sl_history_can_redo (h));
  g_assert_cmpuint (sl_history_get_n_undo (h), ==, 1);
  u0 = sl_history_undo (h, s3);
  g_assert_true (sl_session_equal (u0, s0));
  g_assert_cmpstr (sl_history_get_redo_label (h), ==, "Stretch stimulus");
}

static void
test_bounds (void)
{
  g_autoptr(SlHistory) h = sl_history_new (3);
  g_autoptr(SlSession) current = session_at (5);
  SlSession *s;
  double expected = 4;

  /* Five edits 0 → 1 → … → 5 with a limit of 3: only the last three
   * (before = 2, 3, 4) can be undone. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(SlSession) before = session_at (i);

      sl_history_push (h, before, "Edit");
    }
  g_assert_cmpuint (sl_history_get_n_undo (h), ==, 3);
  while ((s = sl_history_undo (h, current)) != NULL)
    {
      g_assert_cmpfloat (s->protocol->tstop, ==, expected);
      expected--;
      sl_session_free (current);
      current = s;
    }
  g_assert_cmpfloat (current->protocol->tstop, ==, 2);
  g_assert_cmpuint (sl_history_get_n_redo (h), ==, 3);
}

/* The history keeps copies: changing the caller's session after a push
 * does not change what undo returns. */
static void
test_copies (void)
{
  g_autoptr(SlHistory) h = sl_history_new (4);
  g_autoptr(SlSession) s0 = session_at (100), s1 = session_at (200), u = NULL;

  sl_history_push (h, s0, "Edit");
  s0->protocol->tstop = 999;
  u = sl_history_undo (h, s1);
  g_assert_cmpfloat (u->protocol->tstop, ==, 100);
}

/* A spin button held down: Ca_o 2.0 → 1.9 → … → 1.5, one edit every
 * 50 ms, is one step back to 2.0; the same edit after a pause, another
 * label in between, or an undo in between starts a new step. */
static void
test_merge_repeats (void)
{
  const gint64 ms = 1000;
  g_autoptr(SlHistory) h = sl_history_new (10);
  g_autoptr(SlSession) u = NULL, r = NULL, last = NULL;
  gint64 t = 1000 * ms;
  int tstop;

  for (tstop = 20; tstop > 15; tstop--)
    {
      g_autoptr(SlSession) before = session_at (tstop);

      g_assert_cmpint (sl_history_push_at (h, before, NULL, "Set Ca_o", t), ==, tstop < 20);
      t += 50 * ms;
    }
  g_assert_cmpuint (sl_history_get_n_undo (h), ==, 1);
  last = session_at (15);
  u = sl_history_undo (h, last);
  g_assert_cmpfloat (u->protocol->tstop, ==, 20);
  r = sl_history_redo (h, u);
  g_assert_cmpfloat (r->protocol->tstop, ==, 15);

  /* after a redo, the next repeat is a step of its own */
  {
    g_autoptr(SlSession) before = session_at (15);

    g_assert_false (sl_history_push_at (h, before, NULL, "Set Ca_o", t));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 2);
  }
  /* a pause of SL_HISTORY_MERGE_US */
  t += SL_HISTORY_MERGE_US;
  {
    g_autoptr(SlSession) before = session_at (14);

    g_assert_false (sl_history_push_at (h, before, NULL, "Set Ca_o", t));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 3);
  }
  /* another label in between */
  t += 10 * ms;
  {
    g_autoptr(SlSession) a = session_at (13), b = session_at (12);

    g_assert_false (sl_history_push_at (h, a, NULL, "Set temperature", t));
    g_assert_false (sl_history_push_at (h, b, NULL, "Set Ca_o", t + 10 * ms));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 5);
  }
  /* plain pushes never merge */
  {
    g_autoptr(SlSession) a = session_at (11), b = session_at (10);

    sl_history_push (h, a, "Set Ca_o");
    g_assert_false (sl_history_push_at (h, b, NULL, "Set Ca_o", t + 20 * ms));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 7);
  }
  /* up and down again within the window: the step cancels out */
  {
    g_autoptr(SlSession) a = session_at (9), b = session_at (8);

    g_assert_false (sl_history_push_at (h, a, b, "Nudge stimulus", t + 30 * ms));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 8);
    g_assert_true (sl_history_push_at (h, b, a, "Nudge stimulus", t + 40 * ms));
    g_assert_cmpuint (sl_history_get_n_undo (h), ==, 7);
    g_assert_cmpstr (sl_history_get_undo_label (h), ==, "Set Ca_o");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/history/empty", test_empty);
  g_test_add_func ("/ui/history/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/history/new-edit-clears-redo", test_new_edit_clears_redo);
  g_test_add_func ("/ui/history/bounds", test_bounds);
  g_test_add_func ("/ui/history/copies", test_copies);
  g_test_add_func ("/ui/history/merge-repeats", test_merge_repeats);
  return g_test_run ();
}
