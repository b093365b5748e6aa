/* sl-timeline-editor.c: the popover with a stimulus's parameters (double
 * click or Enter on the timeline).  "Apply" writes them into a copy of
 * the session, validates its protocol and hands it to
 * sl_workbench_edit_session ("Edit stimulus"). */
#include "sl-config.h"

#include <string.h>

#include "sl-timeline-private.h"

typedef enum
{
  F_START, F_STOP, F_RATE, F_N, F_N_PER_BURST, F_INTRA_RATE, F_BURST_RATE, F_N_BURSTS,
  F_N_REPEATS, F_GAP, F_AMP, F_DELAY, F_DUR, F_OFFSET, F_INTERVAL, F_SEG_DURATION, F_SEG_RATE,
} FieldId;

typedef struct
{
  const char *label;
  const char *unit;
  double      lower, upper, step;
  int         digits;
} FieldInfo;

/* In FieldId order; ranges are those sl_protocol_spec_validate accepts
 * or a generous bound on them. */
static const FieldInfo field_info[] = {
  { "Start", "ms", 0, 1e7, 1, 1 },
  { "Stop (0 = open)", "ms", 0, 1e7, 1, 1 },
  { "Rate", "Hz", 0, 2000, 1, 1 },
  { "Spikes (0 = until stop)", "", 0, 1e6, 1, 0 },
  { "Spikes per burst", "", 1, 1000, 1, 0 },
  { "Rate within a burst", "Hz", 0.1, 2000, 1, 1 },
  { "Burst rate", "Hz", 0.01, 1000, 0.5, 2 },
  { "Bursts (0 = until stop)", "", 0, 1e6, 1, 0 },
  { "Repetitions", "", 1, 1e6, 1, 0 },
  { "Gap", "ms", 0, 1e7, 10, 1 },
  { "Amplitude", "nA", -100, 100, 0.1, 3 },
  { "Delay", "ms", 0, 1e7, 1, 1 },
  { "Duration", "ms", 0, 1e7, 0.5, 2 },
  { "Δt soma − synapse", "ms", -1000, 1000, 1, 1 },
  { "Interval", "ms", 0, 1e4, 1, 1 },
  { "duration", "ms", 0, 1e7, 10, 1 },
  { "at", "Hz", 0, 2000, 1, 1 },
};

typedef struct
{
  FieldId id;
  guint   segment;
} Field;

typedef struct
{
  SlWorkbench *workbench;  /* weak */
  guint        index;
  GArray      *fields;     /* (Field) */
  GPtrArray   *spins;      /* (GtkSpinButton *) one per field */
  GtkLabel    *error;
} Editor;

static void
editor_free (Editor *ed)
{
  if (ed->workbench != NULL)
    g_object_remove_weak_pointer (G_OBJECT (ed->workbench), (gpointer *) &ed->workbench);
  g_array_unref (ed->fields);
  g_ptr_array_unref (ed->spins);
  g_free (ed);
}

/* The field's storage in s: a double or an int. */
static gpointer
field_ptr (SlStimulusSpec *s,
           Field           f,
           gboolean       *is_int)
{
  SlTrainSpec *tr = &s->train;

  *is_int = FALSE;
  switch (f.id)
    {
    case F_START: return &tr->start;
    case F_STOP: return &tr->stop;
    case F_RATE: return &tr->rate;
    case F_N: *is_int = TRUE; return &tr->n;
    case F_N_PER_BURST: *is_int = TRUE; return &tr->n_per_burst;
    case F_INTRA_RATE: return &tr->intra_rate;
    case F_BURST_RATE: return &tr->burst_rate;
    case F_N_BURSTS: *is_int = TRUE; return &tr->n_bursts;
    case F_N_REPEATS: *is_int = TRUE; return &tr->n_repeats;
    case F_GAP: return &tr->gap;
    case F_AMP: return &s->amp;
    case F_DELAY: return &s->delay;
    case F_DUR: return &s->dur;
    case F_OFFSET: return &s->offset;
    case F_INTERVAL: return &s->interval;
    case F_SEG_DURATION:
      return &g_array_index (tr->segments, SlRateSegment, f.segment).duration;
    case F_SEG_RATE:
      return &g_array_index (tr->segments, SlRateSegment, f.segment).rate;
    default:
      g_assert_not_reached ();
    }
}

static void
add_field (GArray  *fields,
           FieldId  id,
           guint    segment)
{
  Field f = { id, segment };

  g_array_append_val (fields, f);
}

/* The parameters that mean something for this kind of stimulus. */
static GArray *
fields_for (const SlStimulusSpec *s)
{
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (Field));
  const SlTrainSpec *tr = &s->train;

  if (s->kind == SL_STIM_ICLAMP_STEP)
    {
      add_field (fields, F_DELAY, 0);
      add_field (fields, F_DUR, 0);
      add_field (fields, F_AMP, 0);
      return fields;
    }
  if (s->kind == SL_STIM_SEQUENCE)
    {
      add_field (fields, F_START, 0);
      add_field (fields, F_INTERVAL, 0);
      add_field (fields, F_N_REPEATS, 0);
      add_field (fields, F_GAP, 0);
      return fields;
    }
  if (tr->kind != SL_TRAIN_EXPLICIT)
    add_field (fields, F_START, 0);
  switch (tr->kind)
    {
    case SL_TRAIN_REGULAR:
      add_field (fields, F_RATE, 0);
      add_field (fields, F_N, 0);
      add_field (fields, F_STOP, 0);
      break;
    case SL_TRAIN_POISSON:
      add_field (fields, F_RATE, 0);
      add_field (fields, F_STOP, 0);
      break;
    case SL_TRAIN_BURST:
    case SL_TRAIN_THETA_BURST:
      add_field (fields, F_N_PER_BURST, 0);
      add_field (fields, F_INTRA_RATE, 0);
      add_field (fields, F_BURST_RATE, 0);
      add_field (fields, F_N_BURSTS, 0);
      break;
    case SL_TRAIN_PIECEWISE:
      for (guint k = 0; tr->segments != NULL && k < tr->segments->len; k++)
        {
          add_field (fields, F_SEG_DURATION, k);
          add_field (fields, F_SEG_RATE, k);
        }
      add_field (fields, F_N_REPEATS, 0);
      add_field (fields, F_GAP, 0);
      break;
    case SL_TRAIN_EXPLICIT:
    default:
      break;
    }
  if (s->kind == SL_STIM_PAIRING)
    add_field (fields, F_OFFSET, 0);
  if (s->kind == SL_STIM_PAIRING || s->kind == SL_STIM_ICLAMP_TRAIN)
    {
      add_field (fields, F_AMP, 0);
      add_field (fields, F_DUR, 0);
    }
  return fields;
}

static const SlStimulusSpec *
stimulus (Editor *ed)
{
  SlSession *s = ed->workbench != NULL ? sl_workbench_get_session (ed->workbench) : NULL;

  if (s == NULL || ed->index >= s->protocol->stimuli->len)
    return NULL;
  return &g_array_index (s->protocol->stimuli, SlStimulusSpec, ed->index);
}

static void
apply_clicked (GtkButton  *button,
               GtkPopover *popover)
{
  Editor *ed = g_object_get_data (G_OBJECT (popover), "sl-editor");
  g_autoptr(GError) error = NULL;
  const SlStimulusSpec *orig = stimulus (ed);
  SlSession *copy;
  SlStimulusSpec *st;

  if (orig == NULL)
    {
      gtk_popover_popdown (popover);
      return;
    }
  copy = sl_session_copy (sl_workbench_get_session (ed->workbench));
  st = &g_array_index (copy->protocol->stimuli, SlStimulusSpec, ed->index);
  for (guint i = 0; i < ed->fields->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (ed->spins, i);
      gboolean is_int;
      gpointer p;

      gtk_spin_button_update (spin);
      p = field_ptr (st, g_array_index (ed->fields, Field, i), &is_int);
      if (is_int)
        *(int *) p = gtk_spin_button_get_value_as_int (spin);
      else
        *(double *) p = gtk_spin_button_get_value (spin);
    }
  _sl_timeline_fit_tstop (copy->protocol, sl_workbench_get_session (ed->workbench)->protocol);
  if (!sl_protocol_spec_validate (copy->protocol, &error))
    {
      gtk_label_set_text (ed->error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (ed->error), TRUE);
      sl_session_free (copy);
      return;
    }
  gtk_popover_popdown (popover);
  if (sl_protocol_spec_equal (copy->protocol, sl_workbench_get_session (ed->workbench)->protocol))
    sl_session_free (copy);
  else
    sl_workbench_edit_session (ed->workbench, copy, "Edit stimulus");
}

static const char * const kind_names[] = {
  "spikes", "current step", "current pulses", "pairing", "sequence",
};

GtkWidget *
_sl_timeline_editor_new (SlWorkbench *workbench,
                         guint        index)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title, *buttons, *apply, *cancel, *label;
  Editor *ed = g_new0 (Editor, 1);
  const SlStimulusSpec *s;
  g_autofree char *heading = NULL;
  g_autofree char *target = NULL;

  ed->workbench = workbench;
  g_object_add_weak_pointer (G_OBJECT (workbench), (gpointer *) &ed->workbench);
  ed->index = index;
  ed->spins = g_ptr_array_new ();
  s = stimulus (ed);
  ed->fields = s != NULL ? fields_for (s) : g_array_new (FALSE, FALSE, sizeof (Field));
  g_object_set_data_full (G_OBJECT (popover), "sl-editor", ed, (GDestroyNotify) editor_free);

  if (s != NULL)
    {
      g_autofree char *key = _sl_timeline_row_key (s);

      target = _sl_timeline_row_label (key);
    }
  heading = g_markup_printf_escaped ("<b>%s</b>  %s onto %s", s != NULL && s->name ? s->name : "",
                                     s != NULL && s->kind < G_N_ELEMENTS (kind_names) ? kind_names[s->kind] : "",
                                     target);
  title = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (title), heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  apply = gtk_button_new_with_mnemonic ("_Apply");
  /* Two fields a row (a segment's duration and rate side by side), so a
   * piecewise pairing's ten fit above the panel. */
  for (guint i = 0, row = 0, col = 0; s != NULL && i < ed->fields->len; i++)
    {
      Field f = g_array_index (ed->fields, Field, i);
      const FieldInfo *info = &field_info[f.id];
      gboolean is_int;
      gpointer p = field_ptr ((SlStimulusSpec *) s, f, &is_int);
      double value = is_int ? *(int *) p : *(double *) p;
      g_autofree char *text = f.id == F_SEG_DURATION ? g_strdup_printf ("Segment %u %s", f.segment + 1, info->label)
                              : f.id == F_SEG_RATE ? g_strdup (info->label)
                                : g_strdup (info->label);
      GtkWidget *spin = gtk_spin_button_new_with_range (info->lower, info->upper, info->step);

      if (f.id == F_SEG_DURATION && col != 0)
        row++, col = 0;
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), is_int ? 0 : info->digits);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 7);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      if (col == 1)
        gtk_widget_set_margin_start (label, 12);
      gtk_grid_attach (GTK_GRID (grid), label, 3 * col, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spin, 3 * col + 1, row, 1, 1);
      label = gtk_label_new (info->unit);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, 3 * col + 2, row, 1, 1);
      g_ptr_array_add (ed->spins, spin);
      if (++col == 2)
        row++, col = 0;
    }
  if (ed->fields->len == 0)
    gtk_grid_attach (GTK_GRID (grid), gtk_label_new ("No parameters to edit here (explicit times)."), 0, 0, 3, 1);
  gtk_box_append (GTK_BOX (box), grid);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  ed->error = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic ("_Cancel");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect (apply, "clicked", G_CALLBACK (apply_clicked), popover);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), apply);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), apply);
  return popover;
}
