/* test-guards.c: bad parameters and stimuli go through the whole path of
 * `spinelab run` (session load → spec validation → model compile →
 * protocol compile → a few steps) and must stop with a GError naming the
 * field, never crash or run; a 200,000-point morphology loads or is
 * refused with a message. */
#include <math.h>
#include <string.h>

#include "sl-model.h"
#include "sl-protocol.h"
#include "sl-session.h"
#include "sl-state.h"

/* Ball-and-stick (bundled), spine A 50 µm out on the basal dendrite, a
 * somatic step and three spikes onto A; %s slots take the case. */
static const char session_template[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<spinelab-session version=\"1\">\n"
  "  <model name=\"guards\" seed=\"1\">\n"
  "    <morphology bundled=\"ball-and-stick\"/>\n"
  "    %s\n"
  "  </model>\n"
  "  <protocol %s>\n"
  "    %s\n"
  "    <recording name=\"v_soma\" variable=\"v\" location=\"soma\"/>\n"
  "  </protocol>\n"
  "</spinelab-session>\n";

static const char default_model[] =
  "<spines><spine id=\"A\" location=\"path:basal:50\"/></spines>";
static const char default_protocol[] = "dt=\"0.025\" tstop=\"5\"";
static const char default_stimuli[] =
  "<stimulus name=\"step\" kind=\"iclamp-step\" target=\"soma\" amp=\"0.1\" delay=\"1\" dur=\"2\"/>"
  "<stimulus name=\"pre\" kind=\"spikes\" target=\"spine:A\">"
  "<train kind=\"regular\" start=\"1\" rate=\"100\" n=\"3\"/></stimulus>";

typedef struct
{
  const char *path;      /* test path under /protocol/guards/ */
  const char *model;     /* NULL: default_model */
  const char *protocol;  /* NULL: default_protocol */
  const char *stimuli;   /* NULL: default_stimuli */
  const char *needle;    /* the error message must contain it (the field) */
} GuardCase;

#define STEP(attrs) \
  "<stimulus name=\"step\" kind=\"iclamp-step\" target=\"soma\" " attrs "/>"
#define SPIKES(train) \
  "<stimulus name=\"pre\" kind=\"spikes\" target=\"spine:A\">" train "</stimulus>"
#define SPINE(attrs) "<spines><spine id=\"A\" location=\"path:basal:50\">" attrs "</spine></spines>"

static const GuardCase cases[] = {
  /* durations and times */
  { "negative-dur", NULL, NULL, STEP ("amp=\"0.1\" delay=\"1\" dur=\"-2\""), "dur" },
  { "negative-delay", NULL, NULL, STEP ("amp=\"0.1\" delay=\"-1\" dur=\"2\""), "delay" },
  { "negative-tstop", NULL, "dt=\"0.025\" tstop=\"-5\"", NULL, "tstop" },
  { "nan-tstop", NULL, "dt=\"0.025\" tstop=\"nan\"", NULL, "tstop" },
  { "negative-train-start", NULL, NULL, SPIKES ("<train kind=\"regular\" start=\"-1\" rate=\"10\" n=\"3\"/>"), "start" },
  { "negative-segment", NULL, NULL,
    SPIKES ("<train kind=\"piecewise\"><segment duration=\"-100\" rate=\"25\"/></train>"), "duration" },
  { "negative-pulse-dur", NULL, NULL,
    "<stimulus name=\"pulses\" kind=\"iclamp-train\" target=\"soma\" amp=\"1\" dur=\"-2\">"
    "<train kind=\"regular\" start=\"1\" rate=\"10\" n=\"2\"/></stimulus>", "dur" },
  { "negative-interval", NULL, NULL,
    "<stimulus name=\"seq\" kind=\"sequence\" interval=\"-5\"><target location=\"spine:A\"/>"
    "<train kind=\"regular\" start=\"1\"/></stimulus>", "interval" },
  { "nan-explicit-time", NULL, NULL,
    SPIKES ("<train kind=\"explicit\"><times>1 nan 3</times></train>"), "time" },
  { "nan-offset", NULL, NULL,
    "<stimulus name=\"pair\" kind=\"pairing\" target=\"spine:A\" amp=\"1\" dur=\"2\" offset=\"nan\">"
    "<train kind=\"regular\" start=\"1\" rate=\"10\" n=\"2\"/></stimulus>", "offset" },
  /* the time step */
  { "zero-dt", NULL, "dt=\"0\" tstop=\"5\"", NULL, "dt" },
  { "negative-dt", NULL, "dt=\"-0.025\" tstop=\"5\"", NULL, "dt" },
  { "huge-dt", NULL, "dt=\"1e6\" tstop=\"5\"", NULL, "dt" },
  { "nan-dt", NULL, "dt=\"NaN\" tstop=\"5\"", NULL, "dt" },
  { "zero-record-interval", NULL, "dt=\"0.025\" tstop=\"5\" record_interval=\"0\"", NULL, "record_interval" },
  { "negative-theta-period", NULL, "dt=\"0.025\" tstop=\"5\" theta_period=\"-200\"", NULL, "theta_period" },
  /* rates and amplitudes that are not finite */
  { "inf-rate", NULL, NULL, SPIKES ("<train kind=\"regular\" start=\"1\" rate=\"inf\" n=\"3\"/>"), "rate" },
  { "nan-poisson-rate", NULL, NULL, SPIKES ("<train kind=\"poisson\" start=\"0\" stop=\"4\" rate=\"nan\"/>"), "rate" },
  { "negative-segment-rate", NULL, NULL,
    SPIKES ("<train kind=\"piecewise\"><segment duration=\"100\" rate=\"-25\"/></train>"), "rate" },
  { "nan-intra-rate", NULL, NULL,
    SPIKES ("<train kind=\"burst\" start=\"1\" n_per_burst=\"3\" intra_rate=\"nan\" burst_rate=\"5\" n_bursts=\"2\"/>"), "intra_rate" },
  { "inf-amp", NULL, NULL, STEP ("amp=\"inf\" delay=\"1\" dur=\"2\""), "amp" },
  /* spines off the tree */
  { "spine-past-the-tip", "<spines><spine id=\"A\" location=\"path:basal:100000\"/></spines>",
    NULL, NULL, "100000" },
  { "spine-missing-region", "<spines><spine id=\"A\" location=\"path:tuft:10\"/></spines>",
    NULL, NULL, "tuft" },
  { "spine-on-soma-path", "<spines><spine id=\"A\" location=\"path:basal:-5\"/></spines>",
    NULL, NULL, "-5" },
  { "spine-nan-xyz", "<spines><spine id=\"A\" location=\"xyz:nan,0,0\"/></spines>",
    NULL, NULL, "xyz" },
  { "stimulus-unknown-spine", NULL, NULL,
    "<stimulus name=\"pre\" kind=\"spikes\" target=\"spine:Z\">"
    "<train kind=\"regular\" start=\"1\" rate=\"100\" n=\"3\"/></stimulus>", "'Z'" },
  { "recording-off-tree", NULL, NULL,
    STEP ("amp=\"0.1\" delay=\"1\" dur=\"2\"")
    "<recording name=\"far\" variable=\"v\" location=\"path:apical:20\"/>",
    "apical" },
  /* NaN in the model's numbers */
  { "nan-celsius", "<environment celsius=\"nan\"/>", NULL, NULL, "celsius" },
  { "nan-v-init", "<environment v_init=\"NaN\"/>", NULL, NULL, "v_init" },
  { "negative-ca-o", "<environment ca_o=\"-2\"/>", NULL, NULL, "ca_o" },
  { "zero-d-lambda", "<discretisation d_lambda=\"0\"/>", NULL, NULL, "d_lambda" },
  { "negative-max-length", "<discretisation max_length=\"-1\"/>", NULL, NULL, "max_length" },
  /* valid numbers that would need more memory than there is */
  { "tiny-max-length", "<discretisation max_length=\"1e-12\"/>", NULL, NULL, "max_length" },
  { "tiny-d-lambda", "<discretisation d_lambda=\"1e-12\"/>", NULL, NULL, "d_lambda" },
  { "tiny-voxels", "<calcium dx_near=\"1e-9\" dx_far=\"1e-9\"/>", NULL, NULL, "dx_near" },
  { "nan-mechanism", "<mechanisms><mechanism region=\"all\" name=\"pas\" param=\"g\" value=\"nan\"/></mechanisms>",
    NULL, NULL, "value" },
  { "negative-neck", SPINE ("<geometry neck_length=\"-1\"/>"), NULL, NULL, "neck_length" },
  { "inf-tau-nmda", SPINE ("<synapse tau_d_nmda=\"inf\"/>"), NULL, NULL, "tau_d_nmda" },
  { "nan-g-ampa", SPINE ("<synapse g_ampa=\"nan\"/>"), NULL, NULL, "g_ampa" },
  { "negative-density", "<spines><group region=\"basal\" density=\"-0.5\"/></spines>", NULL, NULL, "density" },
  { "nan-rule-param",
    "<spines><spine id=\"A\" location=\"path:basal:50\"/></spines>"
    "<rules><rule target=\"basal\" name=\"graupner-brunel\"><param name=\"gamma_p\" value=\"nan\"/></rule></rules>",
    NULL, NULL, "gamma_p" },
  { "unknown-rule-param",
    "<spines><spine id=\"A\" location=\"path:basal:50\"/></spines>"
    "<rules><rule target=\"basal\" name=\"graupner-brunel\"><param name=\"no_such\" value=\"1\"/></rule></rules>",
    NULL, NULL, "no_such" },
  { "zero-dx-near", "<calcium dx_near=\"0\"/>", NULL, NULL, "dx_near" },
};

/* Runs the case; returns the first error of the chain (NULL if it ran). */
static GError *
run_session_steps (const char *xml,
                   int         n_steps)
{
  GError *error = NULL;
  g_autoptr (SlSession) s = NULL;
  g_autoptr (SlMorphology) morph = NULL;
  g_autoptr (SlModel) model = NULL;
  g_autoptr (SlProtocol) protocol = NULL;
  SlState *state;

  s = sl_session_new_from_data (xml, strlen (xml), SL_TEST_DATA_DIR "/sessions", "guards.spinelab",
                                SL_SESSION_LOAD_DEFAULT, &error);
  if (s == NULL)
    return error;
  if (!sl_model_spec_validate (s->model, &error) ||
      !sl_protocol_spec_validate (s->protocol, &error))
    return error;
  if ((morph = sl_session_load_morphology (s, &error)) == NULL ||
      (model = sl_model_compile (s->model, morph, &error)) == NULL ||
      (protocol = sl_protocol_compile (s->protocol, model, &error)) == NULL)
    return error;

  state = sl_state_new (model);
  sl_state_reset (state);
  for (int i = 0; i < n_steps; i++)
    if (!sl_state_step (model, state, protocol, s->protocol->dt))
      {
        g_set_error (&error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID, "step: %s", state->message);
        break;
      }
  sl_state_free (state);
  return error;
}

static GError *
run_session (const char *xml)
{
  return run_session_steps (xml, 40);
}

static char *
make_session (const GuardCase *c)
{
  /* A case without its own <spines> keeps spine A for the stimuli. */
  g_autofree char *model = g_strconcat (c->model ? c->model : "",
                                        c->model && strstr (c->model, "<spines") ? "" : default_model,
                                        NULL);

  return g_strdup_printf (session_template, model,
                          c->protocol ? c->protocol : default_protocol,
                          c->stimuli ? c->stimuli : default_stimuli);
}

static void
test_default_runs (void)
{
  static const GuardCase ok = { "ok", NULL, NULL, NULL, NULL };
  g_autofree char *xml = make_session (&ok);
  g_autoptr (GError) error = run_session (xml);

  g_assert_no_error (error);
}

static void
test_case (gconstpointer data)
{
  const GuardCase *c = data;
  g_autofree char *xml = make_session (c);
  g_autoptr (GError) error = run_session (xml);

  if (error == NULL)
    {
      g_test_fail_printf ("%s: the session ran; expected an error naming '%s'", c->path, c->needle);
      return;
    }
  g_test_message ("%s: %s", c->path, error->message);
  if (strstr (error->message, c->needle) == NULL)
    g_test_fail_printf ("%s: the error does not name '%s': %s", c->path, c->needle, error->message);
}

/* 200,000 points: 400 branches of 500 points, 1 µm apart, off a soma. */
static GString *
huge_swc (void)
{
  GString *s = g_string_sized_new (200000 * 48);
  int id = 1;

  g_string_append (s, "# generated by test-guards\n1 1 0 0 0 10 -1\n");
  for (int b = 0; b < 400; b++)
    {
      double angle = 2 * G_PI * b / 400;

      for (int k = 1; k <= 500 && id < 200000; k++)
        {
          id++;
          g_string_append_printf (s, "%d 3 %.3f %.3f %d 0.5 %d\n", id,
                                  (10 + k) * cos (angle), (10 + k) * sin (angle), b % 7,
                                  k == 1 ? 1 : id - 1);
        }
    }
  return s;
}

static void
test_huge_morphology (void)
{
  g_autoptr (GString) swc = huge_swc ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SlMorphology) m = sl_morphology_new_from_swc_data (swc->str, swc->len, "huge.swc", &error);
  g_autoptr (SlModelSpec) spec = sl_model_spec_new ();
  g_autoptr (SlModel) model = NULL;

  if (m == NULL)
    {
      /* Refused: the message must say why (memory or size). */
      g_assert_nonnull (error);
      g_test_message ("refused: %s", error->message);
      g_assert_true (strstr (error->message, "huge.swc") != NULL);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (m->n_points, ==, 200000);

  spec->max_length = 50;
  model = sl_model_compile (spec, m, &error);
  if (model == NULL)
    {
      g_assert_nonnull (error);
      g_test_message ("compile refused: %s", error->message);
      return;
    }
  g_assert_no_error (error);
  /* 400 branches of 500 µm at ≤ 50 µm per compartment: at least 10 each. */
  g_assert_cmpint (model->n_cable, >=, 400 * 10);
}

/* Found while probing the readers with large inputs: 1,500 NeuroML2
 * segment groups each including the previous one cost 1,500²/2 include
 * steps per pass (a 700 kB file of 4,000 took two minutes); they are
 * refused with a message instead. */
static void
test_neuroml_group_chain (void)
{
  g_autoptr (GString) s = g_string_new ("<neuroml xmlns=\"http://www.neuroml.org/schema/neuroml2\">"
                                        "<cell id=\"c\"><morphology id=\"m\">"
                                        "<segment id=\"0\"><proximal x=\"0\" y=\"0\" z=\"0\" diameter=\"10\"/>"
                                        "<distal x=\"10\" y=\"0\" z=\"0\" diameter=\"10\"/></segment>");
  g_autoptr (GError) error = NULL;
  g_autoptr (SlMorphology) m = NULL;
  const int n = 1500;

  for (int i = 1; i < n; i++)
    g_string_append_printf (s, "<segment id=\"%d\"><parent segment=\"%d\"/>"
                            "<distal x=\"%d\" y=\"0\" z=\"0\" diameter=\"1\"/></segment>", i, i - 1, 10 + i);
  for (int g = 0; g < n; g++)
    {
      g_string_append_printf (s, "<segmentGroup id=\"g%d\"><member segment=\"%d\"/>", g, g);
      if (g > 0)
        g_string_append_printf (s, "<include segmentGroup=\"g%d\"/>", g - 1);
      g_string_append (s, "</segmentGroup>");
    }
  g_string_append (s, "</morphology></cell></neuroml>");

  m = sl_morphology_new_from_neuroml_data (s->str, s->len, "chain.nml", &error);
  g_assert_null (m);
  g_assert_error (error, SL_MORPHOLOGY_ERROR, SL_MORPHOLOGY_ERROR_INVALID);
  g_assert_true (strstr (error->message, "chain.nml") != NULL);
  g_assert_true (strstr (error->message, "include") != NULL);
}

/* fuzz-session-run: full.spinelab with dt = 5.025 ms drove v to NaN,
 * and the hh table lookup indexed its table with (int) NaN (SEGV).  The
 * step must now stop with a message saying where. */
static void
test_unstable_dt (void)
{
  g_autofree char *path = g_build_filename (SL_TEST_DATA_DIR, "sessions", "unstable-dt.spinelab", NULL);
  g_autofree char *xml = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  error = run_session_steps (xml, 200);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "step: "));
  g_assert_cmpuint (strlen (error->message), >, strlen ("step: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/guards/default-session-runs", test_default_runs);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/protocol/guards/%s", cases[i].path);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/protocol/guards/huge-morphology", test_huge_morphology);
  g_test_add_func ("/protocol/guards/neuroml-group-chain", test_neuroml_group_chain);
  g_test_add_func ("/protocol/guards/unstable-dt", test_unstable_dt);
  return g_test_run ();
}
