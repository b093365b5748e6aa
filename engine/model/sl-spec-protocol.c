/* sl-spec-protocol.c: SlProtocolSpec (stimuli, recordings) and the
 * expansion of spike trains into times. */
#include "sl-spec-private.h"

#include <math.h>
#include <string.h>

/* A train longer than this is a typo (rate in Hz given as per-ms?). */
#define SL_TRAIN_MAX_SPIKES 10000000u
#define SL_TRAIN_MAX_RATE   2000.0   /* Hz */

/* Theta-burst defaults (design: 4 spikes at 100 Hz every 200 ms). */
#define SL_THETA_N_PER_BURST 4
#define SL_THETA_INTRA_RATE  100.0
#define SL_THETA_BURST_RATE  5.0

static const char * const train_kinds[] = {
  "regular", "poisson", "burst", "theta-burst", "piecewise", "explicit",
};
static const char * const stimulus_kinds[] = {
  "spikes", "iclamp-step", "iclamp-train", "pairing", "sequence",
};

const char *
_sl_train_kind_to_string (SlTrainKind kind)
{
  return (int) kind >= 0 && kind < G_N_ELEMENTS (train_kinds) ? train_kinds[kind] : NULL;
}

int
_sl_train_kind_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (train_kinds); i++)
    if (strcmp (train_kinds[i], name) == 0)
      return i;
  return -1;
}

const char *
_sl_stimulus_kind_to_string (SlStimulusKind kind)
{
  return (int) kind >= 0 && kind < G_N_ELEMENTS (stimulus_kinds) ? stimulus_kinds[kind] : NULL;
}

int
_sl_stimulus_kind_from_string (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (stimulus_kinds); i++)
    if (strcmp (stimulus_kinds[i], name) == 0)
      return i;
  return -1;
}

/* ------------------------------------------------------------------ */
/* Elements. */

void
_sl_train_spec_clear (SlTrainSpec *train)
{
  g_clear_pointer (&train->segments, g_array_unref);
  g_clear_pointer (&train->times, g_array_unref);
}

void
_sl_stimulus_spec_clear (SlStimulusSpec *stimulus)
{
  g_clear_pointer (&stimulus->name, g_free);
  g_clear_pointer (&stimulus->target, g_free);
  g_clear_pointer (&stimulus->targets, g_strfreev);
  g_clear_pointer (&stimulus->post_target, g_free);
  _sl_train_spec_clear (&stimulus->train);
}

void
_sl_recording_spec_clear (SlRecordingSpec *recording)
{
  g_clear_pointer (&recording->name, g_free);
  g_clear_pointer (&recording->variable, g_free);
  g_clear_pointer (&recording->location, g_free);
}

GArray *
_sl_stimulus_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (SlStimulusSpec));

  g_array_set_clear_func (array, (GDestroyNotify) _sl_stimulus_spec_clear);
  return array;
}

GArray *
_sl_recording_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (SlRecordingSpec));

  g_array_set_clear_func (array, (GDestroyNotify) _sl_recording_spec_clear);
  return array;
}

static GArray *
copy_plain_array (const GArray *src,
                  guint         element_size)
{
  GArray *dest;

  if (src == NULL)
    return NULL;
  dest = g_array_sized_new (FALSE, TRUE, element_size, src->len);
  g_array_append_vals (dest, src->data, src->len);
  return dest;
}

void
_sl_train_spec_copy_into (SlTrainSpec       *dest,
                          const SlTrainSpec *src)
{
  *dest = *src;
  dest->segments = copy_plain_array (src->segments, sizeof (SlRateSegment));
  dest->times = copy_plain_array (src->times, sizeof (double));
}

SlProtocolSpec *
sl_protocol_spec_new (void)
{
  SlProtocolSpec *self = g_new0 (SlProtocolSpec, 1);

  self->dt = 0.025;             /* NEURON's fixed step (models.md §1.1) */
  self->tstop = 100.0;          /* [U] */
  self->record_interval = 0.1;
  self->theta_period = 200.0;   /* models.md §3.4 theta cycle */
  self->theta_start = 0.0;
  self->stimuli = _sl_stimulus_array_new ();
  self->recordings = _sl_recording_array_new ();
  return self;
}

void
sl_protocol_spec_free (SlProtocolSpec *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->stimuli, g_array_unref);
  g_clear_pointer (&self->recordings, g_array_unref);
  g_free (self);
}

SlProtocolSpec *
sl_protocol_spec_copy (const SlProtocolSpec *self)
{
  SlProtocolSpec *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SlProtocolSpec, 1);
  *copy = *self;
  copy->stimuli = _sl_stimulus_array_new ();
  copy->recordings = _sl_recording_array_new ();

  for (guint i = 0; i < self->stimuli->len; i++)
    {
      const SlStimulusSpec *s = &g_array_index (self->stimuli, SlStimulusSpec, i);
      SlStimulusSpec c = *s;

      c.name = g_strdup (s->name);
      c.target = g_strdup (s->target);
      c.targets = g_strdupv (s->targets);
      c.post_target = g_strdup (s->post_target);
      _sl_train_spec_copy_into (&c.train, &s->train);
      g_array_append_val (copy->stimuli, c);
    }
  for (guint i = 0; i < self->recordings->len; i++)
    {
      const SlRecordingSpec *r = &g_array_index (self->recordings, SlRecordingSpec, i);
      SlRecordingSpec c = { g_strdup (r->name), g_strdup (r->variable), g_strdup (r->location) };

      g_array_append_val (copy->recordings, c);
    }
  return copy;
}

SlStimulusSpec *
sl_protocol_spec_add_stimulus (SlProtocolSpec *self,
                               const char     *name,
                               SlStimulusKind  kind,
                               const char     *target)
{
  SlStimulusSpec s = { 0 };

  g_return_val_if_fail (self != NULL && name != NULL, NULL);

  s.name = g_strdup (name);
  s.kind = kind;
  s.target = g_strdup (target);
  s.train.kind = SL_TRAIN_REGULAR;
  g_array_append_val (self->stimuli, s);
  return &g_array_index (self->stimuli, SlStimulusSpec, self->stimuli->len - 1);
}

SlRecordingSpec *
sl_protocol_spec_add_recording (SlProtocolSpec *self,
                                const char     *name,
                                const char     *variable,
                                const char     *location)
{
  SlRecordingSpec r = { 0 };

  g_return_val_if_fail (self != NULL && name != NULL, NULL);

  r.name = g_strdup (name);
  r.variable = g_strdup (variable);
  r.location = g_strdup (location);
  g_array_append_val (self->recordings, r);
  return &g_array_index (self->recordings, SlRecordingSpec, self->recordings->len - 1);
}

/* ------------------------------------------------------------------ */
/* Validation. */

#define RANGE(ctx, name, v, lk, lo, hk, hi) \
  _sl_check_range (ctx, name, v, SL_BOUND_##lk, lo, SL_BOUND_##hk, hi, error)

gboolean
_sl_train_spec_validate (const SlTrainSpec  *t,
                         const char         *ctx,
                         GError            **error)
{
  const char *kind = _sl_train_kind_to_string (t->kind);

  if (kind == NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: unknown train kind %d", ctx, (int) t->kind);
      return FALSE;
    }
  /* Every number must be usable whatever the kind, so nothing odd can be
   * saved and read back differently. */
  if (!RANGE (ctx, "start", t->start, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "stop", t->stop, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "rate", t->rate, CLOSED, 0, CLOSED, SL_TRAIN_MAX_RATE) ||
      !RANGE (ctx, "n", t->n, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "n_per_burst", t->n_per_burst, CLOSED, 0, CLOSED, 10000) ||
      !RANGE (ctx, "intra_rate", t->intra_rate, CLOSED, 0, CLOSED, SL_TRAIN_MAX_RATE) ||
      !RANGE (ctx, "burst_rate", t->burst_rate, CLOSED, 0, CLOSED, SL_TRAIN_MAX_RATE) ||
      !RANGE (ctx, "n_bursts", t->n_bursts, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "n_repeats", t->n_repeats, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "gap", t->gap, CLOSED, 0, NONE, 0))
    return FALSE;
  if (t->stop > 0 && !RANGE (ctx, "stop", t->stop, OPEN, t->start, NONE, 0))
    return FALSE;

  switch (t->kind)
    {
    case SL_TRAIN_REGULAR:
    case SL_TRAIN_POISSON:
      return RANGE (ctx, "rate", t->rate, OPEN, 0, NONE, 0);

    case SL_TRAIN_BURST:
    case SL_TRAIN_THETA_BURST:
      {
        gboolean theta = t->kind == SL_TRAIN_THETA_BURST;
        int npb = theta && t->n_per_burst == 0 ? SL_THETA_N_PER_BURST : t->n_per_burst;
        double intra = theta && t->intra_rate == 0 ? SL_THETA_INTRA_RATE : t->intra_rate;
        double brate = theta && t->burst_rate == 0 ? SL_THETA_BURST_RATE : t->burst_rate;
        char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

        if (!RANGE (ctx, "n_per_burst", npb, CLOSED, 1, NONE, 0) ||
            !RANGE (ctx, "intra_rate", intra, OPEN, 0, NONE, 0) ||
            !RANGE (ctx, "burst_rate", brate, OPEN, 0, NONE, 0))
          return FALSE;
        if ((npb - 1) * 1000.0 / intra >= 1000.0 / brate)
          {
            g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                         "%s: a burst lasts %s ms, not shorter than the burst period %s ms",
                         ctx, _sl_fmt (a, (npb - 1) * 1000.0 / intra),
                         _sl_fmt (b, 1000.0 / brate));
            return FALSE;
          }
        return TRUE;
      }

    case SL_TRAIN_PIECEWISE:
      if (t->segments == NULL || t->segments->len == 0)
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "%s: a piecewise train needs at least one segment", ctx);
          return FALSE;
        }
      for (guint i = 0; i < t->segments->len; i++)
        {
          const SlRateSegment *s = &g_array_index (t->segments, SlRateSegment, i);
          g_autofree char *sctx = g_strdup_printf ("%s, segment %u", ctx, i + 1);

          if (!RANGE (sctx, "duration", s->duration, OPEN, 0, NONE, 0) ||
              !RANGE (sctx, "rate", s->rate, CLOSED, 0, CLOSED, SL_TRAIN_MAX_RATE))
            return FALSE;
        }
      return TRUE;

    case SL_TRAIN_EXPLICIT:
      for (guint i = 0; t->times != NULL && i < t->times->len; i++)
        {
          g_autofree char *field = g_strdup_printf ("time %u", i + 1);

          if (!RANGE (ctx, field, g_array_index (t->times, double, i), CLOSED, 0, NONE, 0))
            return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
_sl_stimulus_spec_validate (const SlStimulusSpec  *s,
                            GError               **error)
{
  g_autofree char *ctx = NULL;
  g_autofree char *tctx = NULL;
  g_autoptr (GError) local = NULL;
  gboolean needs_target, needs_train, needs_pulse;

  if (!_sl_check_name ("stimulus", "name", s->name, error))
    return FALSE;
  ctx = g_strdup_printf ("stimulus '%s'", s->name);
  tctx = g_strdup_printf ("stimulus '%s', train", s->name);

  if (_sl_stimulus_kind_to_string (s->kind) == NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: unknown kind %d", ctx, (int) s->kind);
      return FALSE;
    }
  if (!RANGE (ctx, "amp", s->amp, CLOSED, -1000, CLOSED, 1000) ||
      !RANGE (ctx, "delay", s->delay, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "dur", s->dur, CLOSED, 0, NONE, 0) ||
      !RANGE (ctx, "offset", s->offset, CLOSED, -1e5, CLOSED, 1e5) ||
      !RANGE (ctx, "interval", s->interval, CLOSED, 0, NONE, 0))
    return FALSE;

  needs_target = s->kind != SL_STIM_SEQUENCE;
  needs_train = s->kind != SL_STIM_ICLAMP_STEP && s->kind != SL_STIM_SEQUENCE;
  needs_pulse = s->kind == SL_STIM_ICLAMP_TRAIN || s->kind == SL_STIM_PAIRING;

  if (needs_target && !sl_location_validate (s->target, &local))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "%s: target: %s", ctx, local->message);
      return FALSE;
    }
  if (s->kind == SL_STIM_PAIRING && s->post_target != NULL &&
      !sl_location_validate (s->post_target, &local))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "%s: post_target: %s", ctx, local->message);
      return FALSE;
    }
  if (s->kind == SL_STIM_SEQUENCE)
    {
      if (s->targets == NULL || s->targets[0] == NULL)
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "%s: a sequence needs at least one target", ctx);
          return FALSE;
        }
      for (guint i = 0; s->targets[i] != NULL; i++)
        if (!sl_location_validate (s->targets[i], &local))
          {
            g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                         "%s: target %u: %s", ctx, i + 1, local->message);
            return FALSE;
          }
      /* A sequence reads only start, n_repeats and gap of its train. */
      if (!RANGE (tctx, "start", s->train.start, CLOSED, 0, NONE, 0) ||
          !RANGE (tctx, "n_repeats", s->train.n_repeats, CLOSED, 0, NONE, 0) ||
          !RANGE (tctx, "gap", s->train.gap, CLOSED, 0, NONE, 0))
        return FALSE;
    }
  if (needs_train && !_sl_train_spec_validate (&s->train, tctx, error))
    return FALSE;
  if (needs_pulse && !RANGE (ctx, "dur", s->dur, OPEN, 0, NONE, 0))
    return FALSE;
  return TRUE;
}

gboolean
_sl_recording_spec_validate (const SlRecordingSpec  *r,
                             GError                **error)
{
  g_autofree char *ctx = NULL;
  g_autoptr (GError) local = NULL;

  if (!_sl_check_name ("recording", "name", r->name, error))
    return FALSE;
  ctx = g_strdup_printf ("recording '%s'", r->name);
  /* The name is a CSV column. */
  if (strpbrk (r->name, ",\"") != NULL || strcmp (r->name, "t") == 0)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "%s: name must not be 't' or contain commas or quotes", ctx);
      return FALSE;
    }
  if (!_sl_check_name (ctx, "variable", r->variable, error))
    return FALSE;
  for (const char *p = r->variable; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      {
        g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                     "%s: variable '%s' is not an identifier", ctx, r->variable);
        return FALSE;
      }
  if (!sl_location_validate (r->location, &local))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "%s: %s", ctx, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sl_protocol_scalars_validate (const SlProtocolSpec  *self,
                               GError               **error)
{
  const char *ctx = "protocol";

  return RANGE (ctx, "dt", self->dt, OPEN, 0, CLOSED, 10) &&
         RANGE (ctx, "tstop", self->tstop, CLOSED, 0, CLOSED, 1e9) &&
         RANGE (ctx, "record_interval", self->record_interval, OPEN, 0, CLOSED, 1e6) &&
         RANGE (ctx, "theta_period", self->theta_period, CLOSED, 0, NONE, 0) &&
         RANGE (ctx, "theta_start", self->theta_start, CLOSED, 0, NONE, 0);
}

gboolean
sl_protocol_spec_validate (const SlProtocolSpec  *self,
                           GError               **error)
{
  g_autoptr (GHashTable) names = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!_sl_protocol_scalars_validate (self, error))
    return FALSE;

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->stimuli->len; i++)
    {
      const SlStimulusSpec *s = &g_array_index (self->stimuli, SlStimulusSpec, i);

      if (!_sl_stimulus_spec_validate (s, error))
        return FALSE;
      if (!g_hash_table_add (names, s->name))
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "stimulus '%s': name used twice", s->name);
          return FALSE;
        }
    }
  g_hash_table_remove_all (names);
  for (guint i = 0; i < self->recordings->len; i++)
    {
      const SlRecordingSpec *r = &g_array_index (self->recordings, SlRecordingSpec, i);

      if (!_sl_recording_spec_validate (r, error))
        return FALSE;
      if (!g_hash_table_add (names, r->name))
        {
          g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                       "recording '%s': name used twice", r->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Expansion. */

/* splitmix64 (Steele, Lea & Flood 2014): tiny, full-period, and the same
 * on every platform, unlike rand(). */
static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static gboolean
append_time (GArray  *times,
             double   t,
             GError **error)
{
  if (times->len >= SL_TRAIN_MAX_SPIKES)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
                   "train: more than %u spikes", SL_TRAIN_MAX_SPIKES);
      return FALSE;
    }
  g_array_append_val (times, t);
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

GArray *
sl_train_expand (const SlTrainSpec  *train,
                 double              tstop,
                 GError            **error)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double end = INFINITY;

  g_return_val_if_fail (train != NULL, NULL);

  if (!_sl_train_spec_validate (train, "train", error))
    return NULL;
  if (train->stop > 0)
    end = train->stop;
  if (tstop > 0)
    end = MIN (end, tstop);

  switch (train->kind)
    {
    case SL_TRAIN_REGULAR:
      {
        double period = 1000.0 / train->rate;

        if (train->n == 0 && isinf (end))
          goto endless;
        for (guint k = 0; train->n == 0 || k < (guint) train->n; k++)
          {
            double t = train->start + k * period;

            if (t >= end)
              break;
            if (!append_time (times, t, error))
              return NULL;
          }
        break;
      }

    case SL_TRAIN_POISSON:
      {
        guint64 state = train->seed;
        double scale = 1000.0 / train->rate, t = train->start;

        if (isinf (end) && train->n == 0)
          goto endless;
        for (;;)
          {
            /* Uniform in [0, 1) from the top 53 bits; −ln(1 − u) is an
             * exponential interval of mean 1. */
            double u = (splitmix64 (&state) >> 11) * 0x1.0p-53;

            t += -log1p (-u) * scale;
            if (t >= end || (train->n > 0 && times->len >= (guint) train->n))
              break;
            if (!append_time (times, t, error))
              return NULL;
          }
        break;
      }

    case SL_TRAIN_BURST:
    case SL_TRAIN_THETA_BURST:
      {
        gboolean theta = train->kind == SL_TRAIN_THETA_BURST;
        int npb = theta && train->n_per_burst == 0 ? SL_THETA_N_PER_BURST : train->n_per_burst;
        double intra = theta && train->intra_rate == 0 ? SL_THETA_INTRA_RATE : train->intra_rate;
        double brate = theta && train->burst_rate == 0 ? SL_THETA_BURST_RATE : train->burst_rate;

        if (train->n_bursts == 0 && isinf (end))
          goto endless;
        for (guint b = 0; train->n_bursts == 0 || b < (guint) train->n_bursts; b++)
          {
            double t0 = train->start + b * (1000.0 / brate);

            if (t0 >= end)
              break;
            for (int k = 0; k < npb; k++)
              {
                double t = t0 + k * (1000.0 / intra);

                if (t >= end)
                  break;
                if (!append_time (times, t, error))
                  return NULL;
              }
          }
        break;
      }

    case SL_TRAIN_PIECEWISE:
      {
        double window = 0;
        guint reps = train->n_repeats > 0 ? (guint) train->n_repeats : 1;

        for (guint i = 0; i < train->segments->len; i++)
          window += g_array_index (train->segments, SlRateSegment, i).duration;

        for (guint r = 0; r < reps; r++)
          {
            double seg_start = train->start + r * (window + train->gap);

            if (seg_start >= end)
              break;
            for (guint i = 0; i < train->segments->len; i++)
              {
                const SlRateSegment *s = &g_array_index (train->segments, SlRateSegment, i);
                /* A spike landing on the segment's end (to rounding)
                 * belongs to the next segment. */
                double seg_end = seg_start + s->duration * (1.0 - 1e-12);

                for (guint k = 0; s->rate > 0; k++)
                  {
                    double t = seg_start + k * (1000.0 / s->rate);

                    if (t >= seg_end || t >= end)
                      break;
                    if (!append_time (times, t, error))
                      return NULL;
                  }
                seg_start += s->duration;
              }
          }
        break;
      }

    case SL_TRAIN_EXPLICIT:
      for (guint i = 0; train->times != NULL && i < train->times->len; i++)
        {
          double t = g_array_index (train->times, double, i);

          if (t < end && !append_time (times, t, error))
            return NULL;
        }
      g_array_sort (times, compare_doubles);
      break;

    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&times);

endless:
  g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID,
               "train (%s): never ends; give n, stop or a tstop",
               _sl_train_kind_to_string (train->kind));
  return NULL;
}
