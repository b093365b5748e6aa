/* fuzz-session-run.c: libFuzzer target for the whole headless path of
 * `spinelab run`: session XML → spec validation → morphology → model
 * compile → protocol compile → a few steps.
 *
 *   build-fuzz/tests/fuzz/fuzz-session-run CORPUS tests/fuzz/corpus/session \
 *     -max_total_time=180 -rss_limit_mb=2048
 *
 * Relative morphology paths resolve in tests/data/sessions (cell.swc).
 * To stay fast the target skips specs that would compile to a huge model
 * (tiny compartments, dense spines), and steps at most kMaxSteps; a
 * compiled model above kMaxNodes is not stepped.  Every stage must return
 * its object or a GError; a step may fail (non-finite state) only with a
 * message saying where. */
#include <math.h>
#include <stdint.h>

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-state.h"

#define kMaxSteps 200
#define kMaxNodes 4000
#define kMaxSpines 64

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Specs that are valid but would take seconds to compile are outside
 * this target's budget (the guards for them are tested in test-guards). */
static gboolean
small_enough (const SlSession *s)
{
  const SlModelSpec *m = s->model;

  if (m->d_lambda < 0.05 || (m->max_length > 0 && m->max_length < 2))
    return FALSE;
  if (m->spines->len > kMaxSpines)
    return FALSE;
  for (guint i = 0; i < m->spine_groups->len; i++)
    if (g_array_index (m->spine_groups, SlSpineGroupSpec, i).density > 1)
      return FALSE;
  if (m->calcium.dx_near < 0.2 || m->calcium.dx_far < 0.2)
    return FALSE;
  return s->protocol->stimuli->len <= 64 && s->protocol->recordings->len <= 64;
}

static void
expect (gboolean    ok,
        GError    **error,
        const char *stage)
{
  if (ok == (*error != NULL))
    g_error ("%s returned %s", stage, ok ? "success and an error" : "failure without an error");
  if (!ok && ((*error)->message == NULL || (*error)->message[0] == '\0'))
    g_error ("%s failed with an empty message", stage);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  g_autoptr(SlSession) s = NULL;
  g_autoptr(SlMorphology) morph = NULL;
  g_autoptr(SlModel) model = NULL;
  SlProtocol *protocol = NULL;
  SlState *state = NULL;
  gboolean ok;

  s = sl_session_new_from_data ((const char *) data, size,
                                SL_TEST_DATA_DIR "/sessions", "fuzz",
                                SL_SESSION_LOAD_DEFAULT, &error);
  expect (s != NULL, &error, "session load");
  if (s == NULL || !small_enough (s))
    goto out;

  /* Keep the run short: kMaxSteps reach every stage of a step. */
  if (s->protocol->dt > 0 && isfinite (s->protocol->dt))
    s->protocol->tstop = MIN (s->protocol->tstop, kMaxSteps * s->protocol->dt);
  ok = sl_protocol_spec_validate (s->protocol, &error);
  expect (ok, &error, "protocol validation");
  if (!ok)
    goto out;

  morph = sl_session_load_morphology (s, &error);
  expect (morph != NULL, &error, "morphology");
  if (morph == NULL)
    goto out;
  model = sl_model_compile (s->model, morph, &error);
  expect (model != NULL, &error, "model compile");
  if (model == NULL || model->n_nodes > kMaxNodes)
    goto out;
  protocol = sl_protocol_compile (s->protocol, model, &error);
  expect (protocol != NULL, &error, "protocol compile");
  if (protocol == NULL)
    goto out;

  state = sl_state_new (model);
  sl_state_reset (state);
  for (int i = 0; i < kMaxSteps && state->t < s->protocol->tstop; i++)
    if (!sl_state_step (model, state, protocol, s->protocol->dt))
      {
        if (state->message[0] == '\0')
          g_error ("step failed without a message");
        break;
      }

out:
  g_clear_pointer (&state, sl_state_free);
  g_clear_pointer (&protocol, sl_protocol_free);
  g_clear_error (&error);
  return 0;
}
