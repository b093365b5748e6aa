/* sl-session-read-protocol.c: the <protocol> element of a session file:
 * stimuli with their trains, and recordings. */
#include "sl-session-private.h"

#include <math.h>
#include <string.h>

#include "sl-spec-private.h"

/* ------------------------------------------------------------------ */
/* Protocol. */

static gboolean
read_times (SlSessionReader  *r,
            xmlNode          *node,
            GArray          **out,
            GError          **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) tokens = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  if (!_sl_xml_text (r, node, &text, error))
    return FALSE;
  g_strdelimit (text, ",\t\r\n", ' ');
  tokens = g_strsplit (text, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *end = NULL;
      double t;

      if (tokens[i][0] == '\0')
        continue;
      t = g_ascii_strtod (tokens[i], &end);
      if (*end != '\0' || !isfinite (t) || strpbrk (tokens[i], "xXnN") != NULL)
        {
          _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID,
                      "time '%s' is not a number", tokens[i]);
          return FALSE;
        }
      g_array_append_val (times, t);
    }
  g_clear_pointer (out, g_array_unref);
  *out = g_steal_pointer (&times);
  return TRUE;
}

static gboolean
read_train (SlSessionReader  *r,
            xmlNode          *node,
            SlTrainSpec      *t,
            GError          **error)
{
  static const char * const attrs[] = {
    "kind", "start", "stop", "rate", "n", "n_per_burst", "intra_rate", "burst_rate",
    "n_bursts", "n_repeats", "gap", "seed", NULL
  };
  static const char * const children[] = { "segment", "times", NULL };
  static const char * const seg_attrs[] = { "duration", "rate", NULL };
  int kind = SL_TRAIN_REGULAR;

  if (!_sl_xml_check_attrs (r, node, attrs, error) ||
      !_sl_xml_check_children (r, node, children, FALSE, error) ||
      !_sl_xml_enum (r, node, "kind", TRUE, _sl_train_kind_from_string,
                  "regular, poisson, burst, theta-burst, piecewise or explicit", &kind, error) ||
      !_sl_xml_fields (r, node, _sl_train_fields, t, error))
    return FALSE;
  t->kind = kind;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (_sl_xml_is (c, "segment"))
        {
          SlRateSegment s = { 0 };

          if (!_sl_xml_check_attrs (r, c, seg_attrs, error) ||
              !_sl_xml_check_children (r, c, NULL, FALSE, error) ||
              !_sl_xml_double (r, c, "duration", TRUE, &s.duration, error) ||
              !_sl_xml_double (r, c, "rate", TRUE, &s.rate, error))
            return FALSE;
          if (t->segments == NULL)
            t->segments = g_array_new (FALSE, TRUE, sizeof (SlRateSegment));
          g_array_append_val (t->segments, s);
        }
      if (_sl_xml_is (c, "times") && !read_times (r, c, &t->times, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_stimulus (SlSessionReader  *r,
               xmlNode          *node,
               GHashTable       *names,
               GError          **error)
{
  static const char * const attrs[] = {
    "name", "kind", "target", "amp", "delay", "dur", "offset", "interval", "post_target", NULL
  };
  static const char * const children[] = { "train", "target", NULL };
  static const char * const target_attrs[] = { "location", NULL };
  SlStimulusSpec s = { 0 };
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  GError *local = NULL;
  gboolean seen_train = FALSE, ok;
  int kind = 0;

  ok = _sl_xml_check_attrs (r, node, attrs, error) &&
       _sl_xml_check_children (r, node, children, FALSE, error) &&
       _sl_xml_string (r, node, "name", TRUE, &s.name, error) &&
       _sl_xml_enum (r, node, "kind", TRUE, _sl_stimulus_kind_from_string,
                  "spikes, iclamp-step, iclamp-train, pairing or sequence", &kind, error) &&
       _sl_xml_string (r, node, "target", FALSE, &s.target, error) &&
       _sl_xml_fields (r, node, _sl_stimulus_amount_fields, &s, error) &&
       _sl_xml_string (r, node, "post_target", FALSE, &s.post_target, error);
  s.kind = kind;

  for (xmlNode *c = node->children; ok && c != NULL; c = c->next)
    {
      if (_sl_xml_is (c, "train"))
        ok = _sl_xml_once (r, c, &seen_train, error) && read_train (r, c, &s.train, error);
      else if (_sl_xml_is (c, "target"))
        {
          char *loc = NULL;

          ok = _sl_xml_check_attrs (r, c, target_attrs, error) &&
               _sl_xml_check_children (r, c, NULL, FALSE, error) &&
               _sl_xml_string (r, c, "location", TRUE, &loc, error);
          if (ok)
            g_ptr_array_add (targets, loc);
        }
    }
  if (ok && targets->len > 0)
    {
      g_ptr_array_add (targets, NULL);
      s.targets = (char **) g_ptr_array_steal (targets, NULL);
    }
  if (ok && !_sl_stimulus_spec_validate (&s, &local))
    ok = _sl_xml_spec_error (r, node, local, error);
  if (ok && g_hash_table_contains (names, s.name))
    {
      _sl_xml_error (r, node, error, SL_SESSION_ERROR_INVALID, "stimulus name '%s' used twice", s.name);
      ok = FALSE;
    }
  if (!ok)
    {
      _sl_stimulus_spec_clear (&s);
      return FALSE;
    }
  g_hash_table_add (names, g_strdup (s.name));
  g_array_append_val (r->session->protocol->stimuli, s);
  return TRUE;
}

gboolean
_sl_session_read_protocol (SlSessionReader  *r,
                           xmlNode          *node,
                           GError          **error)
{
  static const char * const attrs[] = {
    "dt", "tstop", "record_interval", "theta_period", "theta_start", NULL
  };
  static const char * const children[] = { "stimulus", "recording", NULL };
  static const char * const rec_attrs[] = { "name", "variable", "location", NULL };
  SlProtocolSpec *p = r->session->protocol;
  g_autoptr (GHashTable) stim_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) rec_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *local = NULL;

  if (!_sl_xml_check_attrs (r, node, attrs, error) ||
      !_sl_xml_check_children (r, node, children, FALSE, error) ||
      !_sl_xml_fields (r, node, _sl_protocol_fields, p, error))
    return FALSE;
  if (!_sl_protocol_scalars_validate (p, &local))
    return _sl_xml_spec_error (r, node, local, error);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (_sl_xml_is (c, "stimulus") && !read_stimulus (r, c, stim_names, error))
        return FALSE;
      if (_sl_xml_is (c, "recording"))
        {
          SlRecordingSpec rec = { 0 };
          gboolean ok;

          ok = _sl_xml_check_attrs (r, c, rec_attrs, error) &&
               _sl_xml_check_children (r, c, NULL, FALSE, error) &&
               _sl_xml_string (r, c, "name", TRUE, &rec.name, error) &&
               _sl_xml_string (r, c, "variable", TRUE, &rec.variable, error) &&
               _sl_xml_string (r, c, "location", TRUE, &rec.location, error);
          if (ok && !_sl_recording_spec_validate (&rec, &local))
            ok = _sl_xml_spec_error (r, c, local, error);
          if (ok && g_hash_table_contains (rec_names, rec.name))
            {
              _sl_xml_error (r, c, error, SL_SESSION_ERROR_INVALID,
                          "recording name '%s' used twice", rec.name);
              ok = FALSE;
            }
          if (!ok)
            {
              _sl_recording_spec_clear (&rec);
              return FALSE;
            }
          g_hash_table_add (rec_names, g_strdup (rec.name));
          g_array_append_val (p->recordings, rec);
        }
    }
  return TRUE;
}

