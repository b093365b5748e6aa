/* sl-history.c: bounded undo/redo stacks of session copies. */
#include "sl-config.h"

#include "sl-history.h"

typedef struct
{
  SlSession *session;  /* owned */
  char      *label;
  gint64     time_us;  /* last push or merge (monotonic µs); 0: never merges */
} Entry;

struct _SlHistory
{
  guint  limit;
  GQueue undo;  /* (Entry *) newest at the head */
  GQueue redo;  /* (Entry *) newest at the head */
};

static Entry *
entry_new (const SlSession *session,
           const char      *label)
{
  Entry *e = g_new (Entry, 1);

  e->session = sl_session_copy (session);
  e->label = g_strdup (label != NULL ? label : "Edit");
  e->time_us = 0;
  return e;
}

static void
entry_free (Entry *e)
{
  sl_session_free (e->session);
  g_free (e->label);
  g_free (e);
}

/* Drops the oldest entries past the limit. */
static void
trim (SlHistory *self,
      GQueue    *stack)
{
  while (stack->length > self->limit)
    entry_free (g_queue_pop_tail (stack));
}

SlHistory *
sl_history_new (guint limit)
{
  SlHistory *self = g_new0 (SlHistory, 1);

  self->limit = MAX (limit, 1);
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  return self;
}

void
sl_history_clear (SlHistory *self)
{
  g_return_if_fail (self != NULL);
  g_queue_clear_full (&self->undo, (GDestroyNotify) entry_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) entry_free);
}

void
sl_history_free (SlHistory *self)
{
  if (self == NULL)
    return;
  sl_history_clear (self);
  g_free (self);
}

void
sl_history_push (SlHistory       *self,
                 const SlSession *before,
                 const char      *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (before != NULL);

  g_queue_push_head (&self->undo, entry_new (before, label));
  trim (self, &self->undo);
  g_queue_clear_full (&self->redo, (GDestroyNotify) entry_free);
}

gboolean
sl_history_push_at (SlHistory       *self,
                    const SlSession *before,
                    const SlSession *after,
                    const char      *label,
                    gint64           time_us)
{
  Entry *head;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  head = g_queue_peek_head (&self->undo);
  if (head != NULL && head->time_us > 0 && self->redo.length == 0
      && g_strcmp0 (head->label, label != NULL ? label : "Edit") == 0
      && time_us >= head->time_us && time_us - head->time_us < SL_HISTORY_MERGE_US)
    {
      head->time_us = time_us;
      if (after != NULL && sl_session_equal (head->session, after))
        entry_free (g_queue_pop_head (&self->undo));
      return TRUE;
    }
  sl_history_push (self, before, label);
  head = g_queue_peek_head (&self->undo);
  head->time_us = MAX (time_us, 1);
  return FALSE;
}

gboolean
sl_history_can_undo (const SlHistory *self)
{
  return self != NULL && self->undo.length > 0;
}

gboolean
sl_history_can_redo (const SlHistory *self)
{
  return self != NULL && self->redo.length > 0;
}

const char *
sl_history_get_undo_label (const SlHistory *self)
{
  Entry *e = self != NULL ? g_queue_peek_head ((GQueue *) &self->undo) : NULL;

  return e != NULL ? e->label : NULL;
}

const char *
sl_history_get_redo_label (const SlHistory *self)
{
  Entry *e = self != NULL ? g_queue_peek_head ((GQueue *) &self->redo) : NULL;

  return e != NULL ? e->label : NULL;
}

/* Moves the newest entry of `from` onto `to`, leaving `current` in its
 * place, and returns the session it held. */
static SlSession *
swap (SlHistory       *self,
      GQueue          *from,
      GQueue          *to,
      const SlSession *current)
{
  Entry *e = g_queue_pop_head (from);
  SlSession *out;

  if (e == NULL)
    return NULL;
  out = e->session;
  e->session = sl_session_copy (current);
  e->time_us = 0;  /* an undone or redone step takes no more repeats */
  g_queue_push_head (to, e);
  trim (self, to);
  return out;
}

SlSession *
sl_history_undo (SlHistory       *self,
                 const SlSession *current)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);
  return swap (self, &self->undo, &self->redo, current);
}

SlSession *
sl_history_redo (SlHistory       *self,
                 const SlSession *current)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);
  return swap (self, &self->redo, &self->undo, current);
}

guint
sl_history_get_n_undo (const SlHistory *self)
{
  return self != NULL ? self->undo.length : 0;
}

guint
sl_history_get_n_redo (const SlHistory *self)
{
  return self != NULL ? self->redo.length : 0;
}
