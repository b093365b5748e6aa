/* fuzz-session.c: libFuzzer target for the session reader and writer.
 *
 *   meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined  (CC=clang)
 *   build-fuzz/tests/fuzz/fuzz-session tests/data/sessions -max_total_time=120
 *
 * Every input must give a session or an error, never both or neither.  A
 * session that loads must validate, write back, and read back equal (the
 * round trip the Save command relies on). */
#include <stdint.h>

#include <glib.h>

#include "sl-session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  SlSession *s = sl_session_new_from_data ((const char *) data, size, "/fuzz", "fuzz",
                                           SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY, &error);
  SlSession *back;
  char *xml;
  gsize len = 0;

  if ((s == NULL) == (error == NULL))
    g_error ("reader returned %s", s ? "a session and an error" : "nothing");
  g_clear_error (&error);
  if (s == NULL)
    return 0;

  if (!sl_model_spec_validate (s->model, &error) ||
      !sl_protocol_spec_validate (s->protocol, &error))
    g_error ("loaded session does not validate: %s", error->message);
  xml = sl_session_to_data (s, "/fuzz", &len, &error);
  if (xml == NULL)
    {
      /* Only free texts the writer refuses may stop a save. */
      if (!g_error_matches (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID))
        g_error ("save failed: %s", error->message);
      g_clear_error (&error);
      sl_session_free (s);
      return 0;
    }
  back = sl_session_new_from_data (xml, len, "/fuzz", "fuzz-back",
                                   SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY, &error);
  if (back == NULL)
    g_error ("written session does not load: %s\n%s", error->message, xml);
  if (!sl_session_equal (s, back))
    g_error ("round trip changed the session:\n%s", xml);

  sl_session_free (back);
  sl_session_free (s);
  g_free (xml);
  return 0;
}
