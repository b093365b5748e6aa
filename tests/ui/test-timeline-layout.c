/* test-timeline-layout.c: what the timeline draws of each kind of
 * stimulus and what its move and stretch edits do, without a display.
 * Every expected value is worked out by hand in the comment above it. */
#include <math.h>

#include "sl-timeline-private.h"

#define EPS 1e-9

static SlProtocolSpec *
protocol_with (SlStimulusKind  kind,
               const char     *target,
               SlStimulusSpec **out)
{
  SlProtocolSpec *ps = sl_protocol_spec_new ();

  *out = sl_protocol_spec_add_stimulus (ps, "s", kind, target);
  return ps;
}

/* Theta burst with the defaults (4 spikes at 100 Hz, bursts at 5 Hz),
 * 5 bursts from 10 ms: bursts at 10 + 200k ms, each 4 × 10 = 40 ms;
 * 20 spikes; the extent ends at 10 + 4·200 + 40 = 850 ms.  Stretching
 * the end to 1250 ms: (1250 − 10 − 40) / 200 + 1 = 7 bursts.  Moving by
 * −20 ms stops at t = 0. */
static void
test_theta_burst (void)
{
  SlStimulusSpec *s;
  g_autoptr(SlProtocolSpec) ps = protocol_with (SL_STIM_SPIKES, "spine:a", &s);
  SlTimelineItem item = { 0 };

  s->train.kind = SL_TRAIN_THETA_BURST;
  s->train.start = 10;
  s->train.n_bursts = 5;
  _sl_timeline_item_build (&item, s, 0);
  g_assert_cmpuint (item.blocks->len, ==, 5);
  for (guint k = 0; k < 5; k++)
    {
      const SlTimelineBlock *b = &g_array_index (item.blocks, SlTimelineBlock, k);

      g_assert_cmpint (b->kind, ==, SL_BLOCK_BURST);
      g_assert_cmpfloat_with_epsilon (b->t0, 10 + 200.0 * k, EPS);
      g_assert_cmpfloat_with_epsilon (b->t1, 50 + 200.0 * k, EPS);
    }
  g_assert_cmpuint (item.ticks->len, ==, 20);
  g_assert_cmpfloat_with_epsilon (item.start, 10, EPS);
  g_assert_cmpfloat_with_epsilon (item.end, 850, EPS);
  g_assert_true (item.stretchable);
  g_assert_cmpstr (item.label, ==, "θ-burst × 5");

  _sl_timeline_stretch (s, &item, 1250, 1);
  g_assert_cmpint (s->train.n_bursts, ==, 7);
  _sl_timeline_move (s, -20);
  g_assert_cmpfloat (s->train.start, ==, 0);
  _sl_timeline_item_clear (&item);
}

/* Regular 20 Hz × 10 from 100 ms: one period is 50 ms, so the extent is
 * 100 … 600 ms.  Stretching to 1100 ms: (1100 − 100) / 50 = 20 spikes.
 * Without a count, the train runs to tstop (1000 ms): stretching to
 * 700 ms sets stop = 700. */
static void
test_regular (void)
{
  SlStimulusSpec *s;
  g_autoptr(SlProtocolSpec) ps = protocol_with (SL_STIM_SPIKES, "spine:a", &s);
  SlTimelineItem item = { 0 };

  s->train.rate = 20;
  s->train.n = 10;
  s->train.start = 100;
  _sl_timeline_item_build (&item, s, 0);
  g_assert_cmpuint (item.ticks->len, ==, 10);
  g_assert_cmpfloat_with_epsilon (item.end, 600, EPS);
  _sl_timeline_stretch (s, &item, 1100, 1);
  g_assert_cmpint (s->train.n, ==, 20);

  s->train.n = 0;
  _sl_timeline_item_build (&item, s, 1000);
  g_assert_cmpfloat_with_epsilon (item.end, 1000, EPS);
  g_assert_cmpuint (item.ticks->len, ==, 18);  /* 100, 150, … 950 */
  _sl_timeline_stretch (s, &item, 700, 1);
  g_assert_cmpfloat (s->train.stop, ==, 700);
  _sl_timeline_move (s, 50);
  g_assert_cmpfloat (s->train.start, ==, 150);
  g_assert_cmpfloat (s->train.stop, ==, 750);
  _sl_timeline_item_clear (&item);
}

/* A 0.5 nA step from 50 ms for 200 ms: one block 50 … 250 ms.  Stretching
 * the end to 400 ms gives 350 ms; moving by 25 ms a delay of 75 ms. */
static void
test_step (void)
{
  SlStimulusSpec *s;
  g_autoptr(SlProtocolSpec) ps = protocol_with (SL_STIM_ICLAMP_STEP, "soma", &s);
  SlTimelineItem item = { 0 };

  s->amp = 0.5;
  s->delay = 50;
  s->dur = 200;
  _sl_timeline_item_build (&item, s, 0);
  g_assert_cmpuint (item.blocks->len, ==, 1);
  g_assert_cmpint (g_array_index (item.blocks, SlTimelineBlock, 0).kind, ==, SL_BLOCK_STEP);
  g_assert_cmpfloat_with_epsilon (item.start, 50, EPS);
  g_assert_cmpfloat_with_epsilon (item.end, 250, EPS);
  _sl_timeline_stretch (s, &item, 400, 1);
  g_assert_cmpfloat (s->dur, ==, 350);
  _sl_timeline_move (s, 25);
  g_assert_cmpfloat (s->delay, ==, 75);
  _sl_timeline_item_clear (&item);
}

/* Three spines 5 ms apart, 4 repetitions with 100 ms gaps: a repetition
 * is 15 ms and they start every 115 ms (0, 115, 230, 345); 12 spikes;
 * the extent ends at 360 ms.  Stretching to 600 ms:
 * (600 − 15) / 115 = 5.09 → 5, + 1 = 6 repetitions. */
static void
test_sequence (void)
{
  SlStimulusSpec *s;
  g_autoptr(SlProtocolSpec) ps = protocol_with (SL_STIM_SEQUENCE, NULL, &s);
  const char *targets[] = { "spine:a", "spine:b", "spine:c", NULL };
  SlTimelineItem item = { 0 };
  g_autofree char *key = NULL, *label = NULL;

  s->targets = g_strdupv ((char **) targets);
  s->interval = 5;
  s->train.n_repeats = 4;
  s->train.gap = 100;
  _sl_timeline_item_build (&item, s, 0);
  g_assert_cmpuint (item.blocks->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (item.blocks, SlTimelineBlock, 3).t0, 345, EPS);
  g_assert_cmpuint (item.ticks->len, ==, 12);
  g_assert_cmpfloat_with_epsilon (item.end, 360, EPS);
  _sl_timeline_stretch (s, &item, 600, 1);
  g_assert_cmpint (s->train.n_repeats, ==, 6);

  key = _sl_timeline_row_key (s);
  label = _sl_timeline_row_label (key);
  g_assert_cmpstr (label, ==, "sequence a→b→c");
  _sl_timeline_item_clear (&item);
}

/* Explicit times 5, 30, 80 ms: extent 5 … 81 ms (a millisecond per
 * spike), no stretch; a move of −10 ms stops when the first spike
 * reaches 0 (−5 ms): 0, 25, 75. */
static void
test_explicit (void)
{
  SlStimulusSpec *s;
  g_autoptr(SlProtocolSpec) ps = protocol_with (SL_STIM_SPIKES, "spine:a", &s);
  const double times[] = { 5, 30, 80 };
  SlTimelineItem item = { 0 };

  s->train.kind = SL_TRAIN_EXPLICIT;
  s->train.times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (s->train.times, times, 3);
  _sl_timeline_item_build (&item, s, 0);
  g_assert_cmpfloat_with_epsilon (item.start, 5, EPS);
  g_assert_cmpfloat_with_epsilon (item.end, 81, EPS);
  g_assert_false (item.stretchable);
  _sl_timeline_move (s, -10);
  g_assert_cmpfloat (g_array_index (s->train.times, double, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (s->train.times, double, 1), ==, 25);
  g_assert_cmpfloat (g_array_index (s->train.times, double, 2), ==, 75);
  _sl_timeline_item_clear (&item);
}

static void
test_row_labels (void)
{
  static const char *cases[][2] = {
    { "spine:S", "spine S" },
    { "soma", "soma" },
    { "path:basal:60", "basal 60 µm" },
    { "xyz:1,2,3", "point 1,2,3" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = _sl_timeline_row_label (cases[i][0]);

      g_assert_cmpstr (label, ==, cases[i][1]);
    }
}

/* A protocol sized to its stimuli (tstop 1000 ms, last step ends at
 * 900 ms) keeps its 100 ms margin when the step is stretched to end at
 * 1500 ms: tstop 1600.  A copy appended with _sl_timeline_append_copy is
 * deep: changing it leaves the original; renamed, the protocol is valid. */
static void
test_fit_tstop_and_copy (void)
{
  SlStimulusSpec *s, *c;
  g_autoptr(SlProtocolSpec) old = protocol_with (SL_STIM_ICLAMP_STEP, "soma", &s);
  g_autoptr(SlProtocolSpec) edited = NULL;
  g_autoptr(GError) error = NULL;

  old->tstop = 1000;
  s->delay = 100;
  s->dur = 800;
  edited = sl_protocol_spec_copy (old);
  g_array_index (edited->stimuli, SlStimulusSpec, 0).dur = 1400;
  _sl_timeline_fit_tstop (edited, old);
  g_assert_cmpfloat_with_epsilon (edited->tstop, 1600, EPS);
  /* A shorter edit leaves tstop alone. */
  g_array_index (edited->stimuli, SlStimulusSpec, 0).dur = 100;
  edited->tstop = old->tstop;
  _sl_timeline_fit_tstop (edited, old);
  g_assert_cmpfloat (edited->tstop, ==, 1000);

  c = _sl_timeline_append_copy (edited->stimuli, &g_array_index (old->stimuli, SlStimulusSpec, 0));
  g_free (c->target);
  c->target = g_strdup ("spine:x");
  /* Names are unique in a protocol (the timeline's paste renames). */
  g_assert_false (sl_protocol_spec_validate (edited, NULL));
  g_free (c->name);
  c->name = g_strdup ("s 2");
  g_assert_cmpstr (g_array_index (old->stimuli, SlStimulusSpec, 0).target, ==, "soma");
  sl_protocol_spec_validate (edited, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/timeline-layout/theta-burst", test_theta_burst);
  g_test_add_func ("/ui/timeline-layout/regular", test_regular);
  g_test_add_func ("/ui/timeline-layout/step", test_step);
  g_test_add_func ("/ui/timeline-layout/sequence", test_sequence);
  g_test_add_func ("/ui/timeline-layout/explicit", test_explicit);
  g_test_add_func ("/ui/timeline-layout/row-labels", test_row_labels);
  g_test_add_func ("/ui/timeline-layout/fit-tstop-and-copy", test_fit_tstop_and_copy);
  return g_test_run ();
}
