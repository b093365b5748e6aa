/* test-spine-edit.c: spines added and removed by hand — the spec calls,
 * the compiler honouring exclusions (the other density spines keep their
 * ids), and the session file round trip. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-session.h"
#include "sl-spec.h"
#include "../engine/sl-test-cells.h"

/* A ball and stick: 300 µm of basal dendrite, 0.05 spines/µm = 15 spines
 * ("g0-0" … "g0-14"). */
static SlSession *
make_session (void)
{
  SlSession *session = sl_session_new ();

  g_free (session->model->morphology);
  session->model->morphology = g_strdup ("bundled:ball-and-stick");
  sl_model_spec_add_spine_group (session->model, "basal", 0.05);
  return session;
}

static SlModel *
compile (const SlModelSpec *spec,
         GError           **error)
{
  g_autoptr(SlMorphology) morph = sl_test_ball_stick (10, 300, 1, FALSE);

  return sl_model_compile (spec, morph, error);
}

static void
test_exclude_keeps_ids (void)
{
  g_autoptr(SlSession) session = make_session ();
  g_autoptr(SlModel) full = NULL;
  g_autoptr(SlModel) fewer = NULL;
  g_autoptr(GError) error = NULL;
  int removed;

  full = compile (session->model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (full->n_spines, ==, 15);   /* 300 µm × 0.05 /µm */
  removed = sl_model_find_spine (full, "g0-7");
  g_assert_cmpint (removed, >=, 0);

  g_assert_true (sl_model_spec_remove_spine (session->model, "g0-7"));
  g_assert_true (sl_model_spec_spine_excluded (session->model, "g0-7"));
  /* Twice, or an id no group places, is refused. */
  g_assert_false (sl_model_spec_remove_spine (session->model, "g0-7"));
  g_assert_false (sl_model_spec_remove_spine (session->model, "g3-1"));
  g_assert_false (sl_model_spec_remove_spine (session->model, "nope"));
  g_assert_true (sl_model_spec_validate (session->model, &error));
  g_assert_no_error (error);

  fewer = compile (session->model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fewer->n_spines, ==, 14);
  g_assert_cmpint (sl_model_find_spine (fewer, "g0-7"), ==, -1);
  /* Every other spine is where it was, with its id. */
  for (int k = 0; k < full->n_spines; k++)
    {
      int j = sl_model_find_spine (fewer, full->spine_id[k]);

      if (k == removed)
        continue;
      g_assert_cmpint (j, >=, 0);
      g_assert_cmpint (fewer->spine_section[j], ==, full->spine_section[k]);
      g_assert_cmpfloat (fewer->spine_x[j], ==, full->spine_x[k]);
    }
}

static void
test_placed_spine (void)
{
  g_autoptr(SlSession) session = make_session ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) error = NULL;
  int k, node = -1, spine = -1;

  /* A spine clicked onto the dendrite at 200 µm from the soma centre
   * (the stick runs along +x from the 10 µm soma radius). */
  sl_model_spec_add_spine (session->model, "click-1", "path:basal:150");
  model = compile (session->model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_spines, ==, 16);
  k = sl_model_find_spine (model, "click-1");
  g_assert_cmpint (k, >=, 0);
  g_assert_true (sl_model_resolve_location (model, "spine:click-1", &node, &spine, &error));
  g_assert_cmpint (spine, ==, k);
  /* Path distance of its dendritic node: within half a segment of 150 µm. */
  g_assert_cmpfloat (fabs (model->distance[model->spine_node[k]] - 150), <=,
                     0.5 * model->length[model->spine_node[k]] + 1e-9);

  /* Removing a placed spine takes it out of the list. */
  g_assert_true (sl_model_spec_remove_spine (session->model, "click-1"));
  g_assert_cmpuint (session->model->spines->len, ==, 0);
  g_assert_false (sl_model_spec_spine_excluded (session->model, "click-1"));
}

static void
test_session_round_trip (void)
{
  g_autoptr(SlSession) session = make_session ();
  g_autoptr(SlSession) back = NULL;
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml2 = NULL;
  gsize len = 0;

  sl_model_spec_add_spine (session->model, "click-1", "xyz:120,0,0");
  g_assert_true (sl_model_spec_remove_spine (session->model, "g0-2"));
  g_assert_true (sl_model_spec_remove_spine (session->model, "g0-11"));
  xml = sl_session_to_data (session, NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<exclude id=\"g0-2\"/>"));
  g_assert_nonnull (strstr (xml, "<exclude id=\"g0-11\"/>"));
  g_assert_nonnull (strstr (xml, "id=\"click-1\""));

  back = sl_session_new_from_data (xml, len, NULL, "round-trip", 0, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_equal (session, back));
  g_assert_true (sl_model_spec_spine_excluded (back->model, "g0-2"));
  xml2 = sl_session_to_data (back, NULL, NULL, &error);
  g_assert_cmpstr (xml, ==, xml2);

  model = compile (back->model, &error);
  g_assert_no_error (error);
  g_assert_cmpint (model->n_spines, ==, 15 - 2 + 1);

  /* A copy carries the exclusions; equality sees them. */
  {
    g_autoptr(SlSession) copy = sl_session_copy (back);

    g_assert_true (sl_session_equal (copy, back));
    g_assert_true (sl_model_spec_remove_spine (copy->model, "g0-3"));
    g_assert_false (sl_session_equal (copy, back));
  }
}

static void
test_errors (void)
{
  g_autoptr(SlSession) session = make_session ();
  g_autoptr(SlModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *bad_group = NULL;
  g_autofree char *twice = NULL;
  g_auto(GStrv) parts = NULL;
  SlSession *s;

  /* k past the end of the group: the compiler names it. */
  xml = sl_session_to_data (session, NULL, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (session->model->excluded_spines, g_strdup ("g0-99"));
  model = compile (session->model, &error);
  g_assert_null (model);
  g_assert_error (error, SL_MODEL_ERROR, SL_MODEL_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "g0-99"));
  g_clear_error (&error);

  /* Not a density id: the spec refuses it. */
  g_ptr_array_add (session->model->excluded_spines, g_strdup ("A"));
  g_assert_false (sl_model_spec_validate (session->model, &error));
  g_assert_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "'A'"));
  g_clear_error (&error);

  /* In the file: the session as written, with exclusions added. */
  parts = g_strsplit (xml, "</spines>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  bad_group = g_strconcat (parts[0], "<exclude id=\"g1-0\"/></spines>", parts[1], NULL);
  twice = g_strconcat (parts[0], "<exclude id=\"g0-1\"/><exclude id=\"g0-1\"/></spines>", parts[1], NULL);
  s = sl_session_new_from_data (bad_group, strlen (bad_group), NULL, "bad", 0, &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "g1-0"));
  g_clear_error (&error);
  s = sl_session_new_from_data (twice, strlen (twice), NULL, "twice", 0, &error);
  g_assert_null (s);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "excluded twice"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/spine-edit/exclude-keeps-ids", test_exclude_keeps_ids);
  g_test_add_func ("/protocol/spine-edit/placed-spine", test_placed_spine);
  g_test_add_func ("/protocol/spine-edit/session-round-trip", test_session_round_trip);
  g_test_add_func ("/protocol/spine-edit/errors", test_errors);
  return g_test_run ();
}
