/* test-validation-sessions.c: the checked-in sessions of the cable-based
 * validation experiments (tests/data/validation/) are exactly the
 * sessions the experiments run (sl-validate-sessions.c), and each one
 * loads, compiles and resolves its protocol on its cell.
 *
 * Regenerate the files after changing a builder:
 *   SL_WRITE_VALIDATION_SESSIONS=1 ./test-validation-sessions */
#include <string.h>

#include "sl-validate-cable-private.h"

static void
check_one (gconstpointer data)
{
  const SlVcSessionEntry *entry = data;
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "validation", entry->file, NULL);
  g_autoptr(SlSession) built = entry->build ();
  g_autoptr(SlSession) loaded = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(SlProtocol) protocol = NULL;
  g_autoptr(SlMorphology) from_file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SL_WRITE_VALIDATION_SESSIONS") != NULL)
    {
      g_assert_true (sl_session_save (built, path, &error));
      g_assert_no_error (error);
    }
  loaded = sl_session_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* A file morphology is resolved against the session's folder on load;
   * the builder names it from the source root.  Same file, other spelling. */
  if (!g_str_has_prefix (built->model->morphology, "bundled:"))
    {
      g_autofree char *b1 = g_path_get_basename (built->model->morphology);
      g_autofree char *b2 = g_path_get_basename (loaded->model->morphology);

      g_assert_cmpstr (b1, ==, b2);
      g_assert_true (g_file_test (loaded->model->morphology, G_FILE_TEST_EXISTS));
      from_file = sl_session_load_morphology (loaded, &error);
      g_assert_no_error (error);
      g_free (loaded->model->morphology);
      loaded->model->morphology = g_strdup (built->model->morphology);
    }
  if (!sl_session_equal (built, loaded))
    {
      g_autofree char *xml = sl_session_to_data (built, NULL, NULL, NULL);

      g_test_message ("%s differs from its builder; the builder writes:\n%s", entry->file, xml);
      g_test_fail ();
      return;
    }

  model = _sl_vc_compile (loaded, &error);
  g_assert_no_error (error);
  protocol = sl_protocol_compile (loaded->protocol, model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (protocol->n_recordings, ==, (int) loaded->protocol->recordings->len);
  if (from_file != NULL)
    {
      /* the in-memory V1 cylinder is the file's */
      g_autoptr(SlModel) file_model = sl_model_compile (loaded->model, from_file, &error);

      g_assert_no_error (error);
      g_assert_cmpint (file_model->n_nodes, ==, model->n_nodes);
      for (int i = 0; i < model->n_nodes; i++)
        {
          g_assert_cmpfloat (file_model->area[i], ==, model->area[i]);
          g_assert_cmpfloat (file_model->g_axial[i], ==, model->g_axial[i]);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (int i = 0; _sl_vc_sessions[i].file != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("/validation/sessions/%s", _sl_vc_sessions[i].file);

      g_test_add_data_func (name, &_sl_vc_sessions[i], check_one);
    }
  return g_test_run ();
}
