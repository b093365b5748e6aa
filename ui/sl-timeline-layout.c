/* sl-timeline-layout.c: what the timeline draws of a stimulus (blocks,
 * ticks, extent) and the edits its gestures make (move, stretch, copy).
 * No GTK drawing here: the geometry is in ms. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-timeline-private.h"

/* Theta-burst defaults of sl_train_expand (sl-spec.h). */
#define THETA_N_PER_BURST 4
#define THETA_INTRA_RATE  100.0  /* Hz */
#define THETA_BURST_RATE  5.0    /* Hz */
/* Blocks drawn per stimulus at most: a longer train shows its first
 * ones (an open 5 Hz train to tstop = 10^6 ms would be 5000 bursts). */
#define MAX_BLOCKS 20000u

void
_sl_timeline_item_clear (SlTimelineItem *item)
{
  g_clear_pointer (&item->blocks, g_array_unref);
  g_clear_pointer (&item->ticks, g_array_unref);
  g_clear_pointer (&item->post, g_array_unref);
  g_clear_pointer (&item->label, g_free);
}

static void
add_block (SlTimelineItem *item,
           SlBlockKind     kind,
           double          t0,
           double          t1,
           double          rate)
{
  SlTimelineBlock b = { kind, t0, t1, rate };

  g_array_append_val (item->blocks, b);
}

/* Burst geometry with the theta defaults applied: n per burst, length of
 * a burst (ms) and burst period (ms); FALSE for rates ≤ 0. */
static gboolean
burst_shape (const SlTrainSpec *tr,
             int               *n_per_burst,
             double            *length,
             double            *period)
{
  gboolean theta = tr->kind == SL_TRAIN_THETA_BURST;
  int npb = theta && tr->n_per_burst == 0 ? THETA_N_PER_BURST : tr->n_per_burst;
  double intra = theta && tr->intra_rate == 0 ? THETA_INTRA_RATE : tr->intra_rate;
  double brate = theta && tr->burst_rate == 0 ? THETA_BURST_RATE : tr->burst_rate;

  if (intra <= 0 || brate <= 0 || npb <= 0)
    return FALSE;
  *n_per_burst = npb;
  *length = npb * 1000.0 / intra;
  *period = 1000.0 / brate;
  return TRUE;
}

static double
segments_sum (const SlTrainSpec *tr)
{
  double sum = 0;

  for (guint k = 0; tr->segments != NULL && k < tr->segments->len; k++)
    sum += g_array_index (tr->segments, SlRateSegment, k).duration;
  return sum;
}

static void
build_train (SlTimelineItem    *item,
             const SlTrainSpec *tr,
             double             tstop)
{
  g_autoptr(GError) error = NULL;
  GArray *times = sl_train_expand (tr, tstop, &error);
  /* Where the train stops by itself or is cut (ms). */
  double cut = tr->stop > 0 ? tr->stop : INFINITY;
  double last;

  if (tstop > 0)
    cut = MIN (cut, tstop);
  if (times != NULL)
    {
      g_array_unref (item->ticks);
      item->ticks = times;
    }
  last = item->ticks->len > 0 ? g_array_index (item->ticks, double, item->ticks->len - 1) : tr->start;
  item->start = tr->start;
  item->stretchable = TRUE;

  switch (tr->kind)
    {
    case SL_TRAIN_REGULAR:
      {
        double period = tr->rate > 0 ? 1000.0 / tr->rate : 0;

        item->end = tr->n > 0 || !isfinite (cut) ? last + period : cut;
        item->end = MAX (item->end, item->start);
        add_block (item, SL_BLOCK_TRAIN, item->start, item->end, tr->rate);
        item->label = tr->n > 0 ? g_strdup_printf ("%g Hz × %d", tr->rate, tr->n)
                                : g_strdup_printf ("%g Hz", tr->rate);
        item->stretchable = tr->rate > 0;
        break;
      }
    case SL_TRAIN_POISSON:
      item->end = isfinite (cut) ? cut : last;
      add_block (item, SL_BLOCK_TRAIN, item->start, item->end, tr->rate);
      item->label = g_strdup_printf ("Poisson %g Hz", tr->rate);
      break;
    case SL_TRAIN_BURST:
    case SL_TRAIN_THETA_BURST:
      {
        int npb = 0;
        double length = 0, period = 0;
        guint b = 0;

        item->end = item->start;
        if (burst_shape (tr, &npb, &length, &period))
          for (b = 0; (tr->n_bursts == 0 || b < (guint) tr->n_bursts) && b < MAX_BLOCKS; b++)
            {
              double b0 = tr->start + b * period;

              if (b0 >= cut)
                break;
              add_block (item, SL_BLOCK_BURST, b0, b0 + length, 0);
              item->end = b0 + length;
            }
        item->label = g_strdup_printf ("%s × %u", tr->kind == SL_TRAIN_THETA_BURST ? "θ-burst" : "bursts", b);
        item->stretchable = period > 0;
        break;
      }
    case SL_TRAIN_PIECEWISE:
      {
        double sum = segments_sum (tr), period = sum + tr->gap;
        guint reps = tr->n_repeats > 0 ? (guint) tr->n_repeats : 1, r;
        GString *rates = g_string_new (NULL);

        item->end = item->start;
        for (r = 0; r < reps && r < MAX_BLOCKS && tr->segments != NULL; r++)
          {
            double t = tr->start + r * period;

            if (t >= cut)
              break;
            for (guint k = 0; k < tr->segments->len; k++)
              {
                const SlRateSegment *seg = &g_array_index (tr->segments, SlRateSegment, k);

                add_block (item, SL_BLOCK_SEGMENT, t, t + seg->duration, seg->rate);
                t += seg->duration;
              }
            item->end = t;
          }
        for (guint k = 0; tr->segments != NULL && k < tr->segments->len; k++)
          g_string_append_printf (rates, "%s%g", k > 0 ? " → " : "",
                                  g_array_index (tr->segments, SlRateSegment, k).rate);
        item->label = g_strdup_printf ("%s Hz × %u", rates->str, r);
        g_string_free (rates, TRUE);
        item->stretchable = sum > 0;
        break;
      }
    case SL_TRAIN_EXPLICIT:
    default:
      item->start = item->ticks->len > 0 ? g_array_index (item->ticks, double, 0) : tr->start;
      item->end = last + 1;  /* one ms per spike, so a single spike can be grabbed */
      item->label = g_strdup_printf ("%u spikes", item->ticks->len);
      item->stretchable = FALSE;
      break;
    }
}

void
_sl_timeline_item_build (SlTimelineItem       *item,
                         const SlStimulusSpec *s,
                         double                tstop)
{
  int row = item->row;

  _sl_timeline_item_clear (item);
  memset (item, 0, sizeof *item);
  item->row = row;
  item->blocks = g_array_new (FALSE, FALSE, sizeof (SlTimelineBlock));
  item->ticks = g_array_new (FALSE, FALSE, sizeof (double));
  item->post = g_array_new (FALSE, FALSE, sizeof (double));

  switch (s->kind)
    {
    case SL_STIM_ICLAMP_STEP:
      item->start = s->delay;
      item->end = s->delay + s->dur;
      add_block (item, SL_BLOCK_STEP, item->start, item->end, 0);
      item->label = g_strdup_printf ("%g nA, %g ms", s->amp, s->dur);
      item->stretchable = TRUE;
      break;
    case SL_STIM_SEQUENCE:
      {
        guint n = s->targets != NULL ? g_strv_length (s->targets) : 0;
        guint reps = s->train.n_repeats > 0 ? (guint) s->train.n_repeats : 1, r;
        double window = n * s->interval + s->train.gap;

        item->start = item->end = s->train.start;
        for (r = 0; r < reps && r < MAX_BLOCKS; r++)
          {
            double t0 = s->train.start + r * window;

            if (tstop > 0 && t0 >= tstop)
              break;
            add_block (item, SL_BLOCK_REPEAT, t0, t0 + MAX (n * s->interval, 0), 0);
            for (guint j = 0; j < n; j++)
              {
                double t = t0 + j * s->interval;

                g_array_append_val (item->ticks, t);
              }
            item->end = t0 + n * s->interval;
          }
        item->label = g_strdup_printf ("%u spines, %g ms apart × %u", n, s->interval, r);
        item->stretchable = n > 0 && s->interval > 0;
        break;
      }
    case SL_STIM_SPIKES:
    case SL_STIM_ICLAMP_TRAIN:
    case SL_STIM_PAIRING:
    default:
      build_train (item, &s->train, tstop);
      if (s->kind == SL_STIM_PAIRING)
        {
          for (guint i = 0; i < item->ticks->len; i++)
            {
              double t = g_array_index (item->ticks, double, i) + s->offset;

              g_array_append_val (item->post, t);
            }
          if (item->post->len > 0)
            {
              g_autofree char *old = item->label;

              item->label = g_strdup_printf ("%s, %s %+g ms", old,
                                             s->post_target != NULL ? s->post_target : "soma", s->offset);
            }
        }
      break;
    }
  item->draw_end = item->end;
  if (item->post->len > 0)
    item->draw_end = MAX (item->draw_end, g_array_index (item->post, double, item->post->len - 1) + s->dur);
  if (s->kind == SL_STIM_ICLAMP_TRAIN && item->ticks->len > 0)
    item->draw_end = MAX (item->draw_end, g_array_index (item->ticks, double, item->ticks->len - 1) + s->dur);
}

char *
_sl_timeline_row_key (const SlStimulusSpec *s)
{
  if (s->kind == SL_STIM_SEQUENCE)
    {
      g_autofree char *joined = s->targets != NULL ? g_strjoinv (",", s->targets) : g_strdup ("");

      return g_strconcat ("sequence:", joined, NULL);
    }
  return g_strdup (s->target != NULL ? s->target : "soma");
}

static const char *
strip_spine (const char *location)
{
  return g_str_has_prefix (location, "spine:") ? location + 6 : location;
}

char *
_sl_timeline_row_label (const char *key)
{
  if (g_str_has_prefix (key, "sequence:"))
    {
      g_auto(GStrv) parts = g_strsplit (key + 9, ",", -1);
      GString *s = g_string_new ("sequence ");

      for (guint i = 0; parts[i] != NULL; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "→" : "", strip_spine (parts[i]));
      return g_string_free (s, FALSE);
    }
  if (g_str_has_prefix (key, "spine:"))
    return g_strdup_printf ("spine %s", key + 6);
  if (g_str_has_prefix (key, "path:"))
    {
      g_auto(GStrv) parts = g_strsplit (key + 5, ":", 2);

      if (parts[0] != NULL && parts[1] != NULL)
        return g_strdup_printf ("%s %s µm", parts[0], parts[1]);
    }
  if (g_str_has_prefix (key, "xyz:"))
    return g_strdup_printf ("point %s", key + 4);
  return g_strdup (key);
}

void
_sl_timeline_move (SlStimulusSpec *s,
                   double          delta)
{
  SlTrainSpec *tr = &s->train;

  if (s->kind == SL_STIM_ICLAMP_STEP)
    {
      s->delay = MAX (0.0, s->delay + delta);
      return;
    }
  if (s->kind != SL_STIM_SEQUENCE && tr->kind == SL_TRAIN_EXPLICIT)
    {
      double first = INFINITY;

      for (guint i = 0; tr->times != NULL && i < tr->times->len; i++)
        first = MIN (first, g_array_index (tr->times, double, i));
      if (isfinite (first))
        delta = MAX (delta, -first);
      for (guint i = 0; tr->times != NULL && i < tr->times->len; i++)
        g_array_index (tr->times, double, i) += delta;
    }
  else
    {
      delta = MAX (delta, -tr->start);
      tr->start += delta;
    }
  if (tr->stop > 0)
    tr->stop += delta;
}

/* The field counting a stimulus's repetitions and the repetition's
 * period and length (ms): end = start + (count − 1)·period + length. */
static int *
repeat_shape (SlStimulusSpec *s,
              double         *period,
              double         *length)
{
  SlTrainSpec *tr = &s->train;
  int npb;

  if (s->kind == SL_STIM_SEQUENCE)
    {
      guint n = s->targets != NULL ? g_strv_length (s->targets) : 0;

      *length = n * s->interval;
      *period = *length + tr->gap;
      return *period > 0 ? &tr->n_repeats : NULL;
    }
  switch (tr->kind)
    {
    case SL_TRAIN_REGULAR:
      if (tr->rate <= 0 || tr->n <= 0)
        return NULL;
      *period = *length = 1000.0 / tr->rate;
      return &tr->n;
    case SL_TRAIN_BURST:
    case SL_TRAIN_THETA_BURST:
      return burst_shape (tr, &npb, length, period) ? &tr->n_bursts : NULL;
    case SL_TRAIN_PIECEWISE:
      *length = segments_sum (tr);
      *period = *length + tr->gap;
      return *period > 0 ? &tr->n_repeats : NULL;
    default:
      return NULL;
    }
}

void
_sl_timeline_stretch (SlStimulusSpec       *s,
                      const SlTimelineItem *item,
                      double                end,
                      double                min_dur)
{
  double period = 0, length = 0;
  int *count;

  if (s->kind == SL_STIM_ICLAMP_STEP)
    {
      s->dur = MAX (min_dur, end - s->delay);
      return;
    }
  count = repeat_shape (s, &period, &length);
  if (count != NULL)
    {
      double n = floor ((end - s->train.start - length) / period + 0.5) + 1;

      *count = (int) CLAMP (n, 1, 1e6);
      /* The count bounds the train now; an earlier stop would cut it. */
      if (s->train.stop > 0)
        s->train.stop = 0;
    }
  else if (s->kind != SL_STIM_SEQUENCE
           && (s->train.kind == SL_TRAIN_REGULAR || s->train.kind == SL_TRAIN_POISSON))
    s->train.stop = MAX (item->start + min_dur, end);
}

SlStimulusSpec *
_sl_timeline_append_copy (GArray               *stimuli,
                          const SlStimulusSpec *src)
{
  SlStimulusSpec c = *src;

  c.name = g_strdup (src->name);
  c.target = g_strdup (src->target);
  c.targets = g_strdupv (src->targets);
  c.post_target = g_strdup (src->post_target);
  if (src->train.segments != NULL)
    {
      c.train.segments = g_array_sized_new (FALSE, FALSE, sizeof (SlRateSegment), src->train.segments->len);
      g_array_append_vals (c.train.segments, src->train.segments->data, src->train.segments->len);
    }
  if (src->train.times != NULL)
    {
      c.train.times = g_array_sized_new (FALSE, FALSE, sizeof (double), src->train.times->len);
      g_array_append_vals (c.train.times, src->train.times->data, src->train.times->len);
    }
  g_array_append_val (stimuli, c);
  return &g_array_index (stimuli, SlStimulusSpec, stimuli->len - 1);
}

/* The latest draw_end of the stimuli of ps, with tstop cutting or not. */
static double
last_end (const SlProtocolSpec *ps,
          double                tstop)
{
  double t_max = 0;

  for (guint i = 0; i < ps->stimuli->len; i++)
    {
      SlTimelineItem item = { 0 };

      _sl_timeline_item_build (&item, &g_array_index (ps->stimuli, SlStimulusSpec, i), tstop);
      t_max = MAX (t_max, item.draw_end);
      _sl_timeline_item_clear (&item);
    }
  return t_max;
}

void
_sl_timeline_fit_tstop (SlProtocolSpec       *edited,
                        const SlProtocolSpec *old)
{
  double old_end, new_end;

  if (old->tstop <= 0 || edited->tstop != old->tstop)
    return;
  old_end = last_end (old, old->tstop);
  /* Uncut, so a stretch past tstop shows; open-ended trains (they run to
   * tstop) contribute their start only. */
  new_end = last_end (edited, 0);
  if (new_end > edited->tstop && old_end <= old->tstop)
    edited->tstop = new_end + (old->tstop - old_end);
}
