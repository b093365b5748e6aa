/* sl-inspector.c: the selection and the "Add stimulus" form. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-inspector.h"

enum
{
  F_START, F_RATE, F_N, F_NPB, F_INTRA, F_DUR, F_AMP, F_DT, F_INTERVAL, F_GAP,
  N_FIELDS
};

typedef struct
{
  const char *label;
  const char *unit;
  double      min, max, step, value;
  int         digits;
} FieldInfo;

/* Defaults: a 20 Hz train of 10; bursts of 4 at 100 Hz; a 0.5 nA step of
 * 100 ms; pairing pulses of 2 nA × 2 ms (enough for a somatic spike in the
 * bundled cells) 10 ms after each presynaptic spike. */
static const FieldInfo fields[N_FIELDS] = {
  [F_START]    = { "Start", "ms", 0, 1e6, 1, 10, 1 },
  [F_RATE]     = { "Rate", "Hz", 0.1, 500, 1, 20, 1 },
  [F_N]        = { "Count", "", 1, 10000, 1, 10, 0 },
  [F_NPB]      = { "Spikes per burst", "", 1, 100, 1, 4, 0 },
  [F_INTRA]    = { "Intra-burst rate", "Hz", 1, 500, 1, 100, 1 },
  [F_DUR]      = { "Duration", "ms", 0.1, 1e6, 1, 100, 1 },
  [F_AMP]      = { "Amplitude", "nA", -10, 10, 0.05, 0.5, 2 },
  [F_DT]       = { "Δt (post − pre)", "ms", -200, 200, 1, 10, 1 },
  [F_INTERVAL] = { "Interval", "ms", 0.1, 1000, 1, 5, 1 },
  [F_GAP]      = { "Repeat every", "ms", 0, 1e5, 10, 200, 0 },
};

struct _SlInspector
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkLabel        *heading;
  GtkLabel        *identity;    /* id, region, distance */
  GtkLabel        *values;      /* V, Ca, w, Δw */
  GtkWidget       *form;        /* the stimulus part, insensitive without a selection */
  GtkDropDown     *kind;
  GtkDropDown     *pattern;
  GtkWidget       *pattern_label;
  GtkWidget       *labels[N_FIELDS];
  GtkWidget       *units[N_FIELDS];
  GtkSpinButton   *spins[N_FIELDS];
  GtkWidget       *add;

  SlModel         *model;       /* owned reference */
  SlProtocolSpec  *protocol;    /* borrowed */
  SlSelectionKind  selection;
  int              index;
  GArray          *spines;      /* (int) the multi-selection, in order */
};

G_DEFINE_FINAL_TYPE (SlInspector, sl_inspector, GTK_TYPE_WIDGET)

enum { SIGNAL_STIMULUS_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static double
field (SlInspector *self,
       int          f)
{
  return gtk_spin_button_get_value (self->spins[f]);
}

static void
show_field (SlInspector *self,
            int          f,
            gboolean     visible,
            const char  *label)
{
  gtk_widget_set_visible (self->labels[f], visible);
  gtk_widget_set_visible (GTK_WIDGET (self->spins[f]), visible);
  gtk_widget_set_visible (self->units[f], visible);
  if (label != NULL)
    gtk_label_set_text (GTK_LABEL (self->labels[f]), label);
}

/* Shows the fields the chosen form and pattern read. */
static void
update_form (SlInspector *self)
{
  SlStimulusForm form = gtk_drop_down_get_selected (self->kind);
  SlPattern pattern = gtk_drop_down_get_selected (self->pattern);
  gboolean train = form == SL_STIMULUS_FORM_TRAIN;
  gboolean spine = self->selection == SL_SELECTION_SPINE;
  gboolean ok;

  for (int f = 0; f < N_FIELDS; f++)
    show_field (self, f, FALSE, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pattern), train);
  gtk_widget_set_visible (self->pattern_label, train);
  show_field (self, F_START, TRUE, form == SL_STIMULUS_FORM_ICLAMP ? "Delay" : "Start");

  switch (form)
    {
    case SL_STIMULUS_FORM_TRAIN:
      switch (pattern)
        {
        case SL_PATTERN_REGULAR:
          show_field (self, F_RATE, TRUE, "Rate");
          show_field (self, F_N, TRUE, "Spikes");
          break;
        case SL_PATTERN_POISSON:
          show_field (self, F_RATE, TRUE, "Mean rate");
          show_field (self, F_DUR, TRUE, "Duration");
          break;
        case SL_PATTERN_BURST:
          show_field (self, F_NPB, TRUE, NULL);
          show_field (self, F_INTRA, TRUE, NULL);
          show_field (self, F_RATE, TRUE, "Burst rate");
          show_field (self, F_N, TRUE, "Bursts");
          break;
        case SL_PATTERN_THETA_BURST:
          show_field (self, F_N, TRUE, "Bursts");
          break;
        case SL_PATTERN_25_50:
        default:
          show_field (self, F_N, TRUE, "Windows");
          break;
        }
      break;
    case SL_STIMULUS_FORM_ICLAMP:
      show_field (self, F_DUR, TRUE, "Duration");
      show_field (self, F_AMP, TRUE, NULL);
      break;
    case SL_STIMULUS_FORM_PAIRING:
      show_field (self, F_RATE, TRUE, "Rate");
      show_field (self, F_N, TRUE, "Pairings");
      show_field (self, F_DT, TRUE, NULL);
      show_field (self, F_AMP, TRUE, "Pulse amplitude");
      show_field (self, F_DUR, TRUE, "Pulse duration");
      break;
    case SL_STIMULUS_FORM_SEQUENCE:
    default:
      show_field (self, F_INTERVAL, TRUE, NULL);
      show_field (self, F_N, TRUE, "Repeats");
      show_field (self, F_GAP, TRUE, NULL);
      break;
    }

  ok = (form == SL_STIMULUS_FORM_ICLAMP && self->selection != SL_SELECTION_NONE)
       || ((train || form == SL_STIMULUS_FORM_PAIRING) && spine)
       || (form == SL_STIMULUS_FORM_SEQUENCE && self->spines->len >= 1);
  gtk_widget_set_sensitive (self->add, ok && self->protocol != NULL);
}

static void
form_changed (GObject     *object,
              GParamSpec  *pspec,
              SlInspector *self)
{
  update_form (self);
}

char *
sl_inspector_dup_location (SlInspector *self)
{
  const double *p;

  g_return_val_if_fail (SL_IS_INSPECTOR (self), NULL);

  switch (self->selection)
    {
    case SL_SELECTION_SPINE:
      return g_strdup_printf ("spine:%s", self->model->spine_id[self->index]);
    case SL_SELECTION_SOMA:
      return g_strdup ("soma");
    case SL_SELECTION_NODE:
      p = &self->model->xyz[3 * self->index];
      return g_strdup_printf ("xyz:%.3f,%.3f,%.3f", p[0], p[1], p[2]);
    case SL_SELECTION_NONE:
    default:
      return NULL;
    }
}

static char *
region_names (const SlModel *model,
              int            node)
{
  GString *s = g_string_new (NULL);

  for (int r = 0; r < model->n_regions; r++)
    if (model->region_mask[node] & (G_GUINT64_CONSTANT (1) << r))
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", model->region_names[r]);
  if (s->len == 0)
    g_string_append (s, "—");
  return g_string_free (s, FALSE);
}

static void
show_identity (SlInspector *self)
{
  const SlModel *m = self->model;
  g_autofree char *text = NULL, *regions = NULL;
  const char *heading = "Nothing selected";

  switch (self->selection)
    {
    case SL_SELECTION_SPINE:
      {
        int node = m->spine_node[self->index];

        heading = "Spine";
        regions = region_names (m, node);
        text = g_strdup_printf ("id %s\nregion %s\n%.1f µm from the soma\nhead %.3f µm³, neck %.2f × %.2f µm",
                                m->spine_id[self->index], regions, m->distance[node],
                                m->spine_volume[self->index], m->spine_neck_length[self->index],
                                m->spine_neck_diam[self->index]);
      }
      break;
    case SL_SELECTION_NODE:
      heading = "Dendrite";
      regions = region_names (m, self->index);
      text = g_strdup_printf ("node %d of section %d (x = %.2f)\nregion %s\n%.1f µm from the soma, ⌀ %.2f µm",
                              self->index, m->section[self->index], m->x[self->index], regions,
                              m->distance[self->index], m->diam[self->index]);
      break;
    case SL_SELECTION_SOMA:
      heading = "Soma";
      text = g_strdup_printf ("node %d, area %.0f µm²", self->index, m->area[self->index]);
      break;
    case SL_SELECTION_NONE:
    default:
      text = g_strdup ("Click a spine, a dendrite or the soma in the view.");
      break;
    }
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->identity, text);
  gtk_label_set_text (self->values, "");
}

void
sl_inspector_update (SlInspector      *self,
                     const SlSnapshot *snap)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SL_IS_INSPECTOR (self));

  if (snap == NULL || self->model == NULL || snap->model != self->model
      || self->selection == SL_SELECTION_NONE)
    return;
  if (self->selection == SL_SELECTION_SPINE)
    {
      int s = self->index, head = self->model->n_cable + 2 * s + 1;

      text = g_strdup_printf ("t = %.1f ms\nV_head %.2f mV\n[Ca] %.3f µM\nw %.4f   Δw %+.4f",
                              snap->t, sl_snapshot_v (snap)[head],
                              sl_snapshot_ca_spine (snap)[s] * 1e3,
                              sl_snapshot_w (snap)[s], sl_snapshot_dw (snap)[s]);
    }
  else
    text = g_strdup_printf ("t = %.1f ms\nV %.2f mV\n[Ca] %.3f µM", snap->t,
                            sl_snapshot_v (snap)[self->index],
                            sl_snapshot_ca_node (snap)[self->index] * 1e3);
  gtk_label_set_text (self->values, text);
}

void
sl_inspector_set_model (SlInspector *self,
                        SlModel     *model)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));

  if (model != NULL)
    sl_model_ref (model);
  g_clear_pointer (&self->model, sl_model_unref);
  self->model = model;
  g_array_set_size (self->spines, 0);
  sl_inspector_select (self, SL_SELECTION_NONE, -1);
}

void
sl_inspector_set_protocol (SlInspector    *self,
                           SlProtocolSpec *protocol)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));
  self->protocol = protocol;
  update_form (self);
}

void
sl_inspector_select (SlInspector     *self,
                     SlSelectionKind  kind,
                     int              index)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));

  if (self->model == NULL
      || (kind == SL_SELECTION_SPINE && (index < 0 || index >= self->model->n_spines))
      || ((kind == SL_SELECTION_NODE || kind == SL_SELECTION_SOMA)
          && (index < 0 || index >= self->model->n_cable)))
    kind = SL_SELECTION_NONE;
  self->selection = kind;
  self->index = kind == SL_SELECTION_NONE ? -1 : index;
  show_identity (self);
  /* Spike trains and pairings need a spine; default to what fits. */
  if (kind == SL_SELECTION_SOMA || kind == SL_SELECTION_NODE)
    gtk_drop_down_set_selected (self->kind, SL_STIMULUS_FORM_ICLAMP);
  else if (kind == SL_SELECTION_SPINE
           && gtk_drop_down_get_selected (self->kind) == SL_STIMULUS_FORM_ICLAMP)
    gtk_drop_down_set_selected (self->kind, SL_STIMULUS_FORM_TRAIN);
  update_form (self);
}

SlSelectionKind
sl_inspector_get_selection (SlInspector *self,
                            int         *index)
{
  g_return_val_if_fail (SL_IS_INSPECTOR (self), SL_SELECTION_NONE);
  if (index != NULL)
    *index = self->index;
  return self->selection;
}

void
sl_inspector_set_selected_spines (SlInspector *self,
                                  const int   *spines,
                                  guint        n)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));
  g_array_set_size (self->spines, 0);
  for (guint i = 0; i < n; i++)
    if (self->model != NULL && spines[i] >= 0 && spines[i] < self->model->n_spines)
      g_array_append_val (self->spines, spines[i]);
  update_form (self);
}

void
sl_inspector_set_form (SlInspector    *self,
                       SlStimulusForm  form,
                       SlPattern       pattern)
{
  g_return_if_fail (SL_IS_INSPECTOR (self));
  gtk_drop_down_set_selected (self->kind, form);
  gtk_drop_down_set_selected (self->pattern, pattern);
  update_form (self);
}

static void
fill_train (SlInspector *self,
            SlTrainSpec *train,
            SlPattern    pattern)
{
  double start = field (self, F_START);

  train->start = start;
  switch (pattern)
    {
    case SL_PATTERN_REGULAR:
      train->kind = SL_TRAIN_REGULAR;
      train->rate = field (self, F_RATE);
      train->n = (int) field (self, F_N);
      break;
    case SL_PATTERN_POISSON:
      train->kind = SL_TRAIN_POISSON;
      train->rate = field (self, F_RATE);
      train->stop = start + field (self, F_DUR);
      train->seed = (guint64) g_get_real_time ();
      break;
    case SL_PATTERN_BURST:
      train->kind = SL_TRAIN_BURST;
      train->n_per_burst = (int) field (self, F_NPB);
      train->intra_rate = field (self, F_INTRA);
      train->burst_rate = field (self, F_RATE);
      train->n_bursts = (int) field (self, F_N);
      break;
    case SL_PATTERN_THETA_BURST:
      /* 0 = the theta-burst defaults: 4 spikes at 100 Hz, bursts at 5 Hz. */
      train->kind = SL_TRAIN_THETA_BURST;
      train->n_bursts = (int) field (self, F_N);
      break;
    case SL_PATTERN_25_50:
    default:
      {
        /* Jang et al. (models.md): 200 ms windows of two 100 ms halves,
         * 400 ms gaps. */
        SlRateSegment seg[2] = { { 100, 25 }, { 100, 50 } };

        train->kind = SL_TRAIN_PIECEWISE;
        train->segments = g_array_new (FALSE, FALSE, sizeof (SlRateSegment));
        g_array_append_vals (train->segments, seg, 2);
        train->n_repeats = (int) field (self, F_N);
        train->gap = 400;
      }
      break;
    }
}

gboolean
sl_inspector_add_stimulus (SlInspector  *self,
                           GError      **error)
{
  SlStimulusForm form;
  SlPattern pattern;
  g_autofree char *location = NULL, *name = NULL;
  g_autoptr(SlProtocolSpec) trial = NULL;
  SlStimulusSpec *s;
  guint index;

  g_return_val_if_fail (SL_IS_INSPECTOR (self), FALSE);

  form = gtk_drop_down_get_selected (self->kind);
  pattern = gtk_drop_down_get_selected (self->pattern);
  location = sl_inspector_dup_location (self);
  if (self->protocol == NULL || self->model == NULL)
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_INVALID, "stimulus: no model is loaded");
      return FALSE;
    }
  if (form == SL_STIMULUS_FORM_SEQUENCE ? self->spines->len == 0
      : (form == SL_STIMULUS_FORM_ICLAMP ? location == NULL
         : self->selection != SL_SELECTION_SPINE))
    {
      g_set_error (error, SL_SPEC_ERROR, SL_SPEC_ERROR_LOCATION,
                   "stimulus: %s", form == SL_STIMULUS_FORM_SEQUENCE
                   ? "a sequence needs selected spines (Ctrl+click)"
                   : form == SL_STIMULUS_FORM_ICLAMP ? "select the soma or a dendrite"
                   : "select a spine");
      return FALSE;
    }

  /* Built on a copy first, so that an invalid stimulus never reaches the
   * session's protocol. */
  trial = sl_protocol_spec_copy (self->protocol);
  name = g_strdup_printf ("stim-%u", trial->stimuli->len + 1);
  switch (form)
    {
    case SL_STIMULUS_FORM_TRAIN:
      s = sl_protocol_spec_add_stimulus (trial, name, SL_STIM_SPIKES, location);
      fill_train (self, &s->train, pattern);
      break;
    case SL_STIMULUS_FORM_ICLAMP:
      s = sl_protocol_spec_add_stimulus (trial, name, SL_STIM_ICLAMP_STEP, location);
      s->delay = field (self, F_START);
      s->dur = field (self, F_DUR);
      s->amp = field (self, F_AMP);
      break;
    case SL_STIMULUS_FORM_PAIRING:
      s = sl_protocol_spec_add_stimulus (trial, name, SL_STIM_PAIRING, location);
      fill_train (self, &s->train, SL_PATTERN_REGULAR);
      s->offset = field (self, F_DT);
      s->amp = field (self, F_AMP);
      s->dur = field (self, F_DUR);
      s->post_target = g_strdup ("soma");
      break;
    case SL_STIMULUS_FORM_SEQUENCE:
    default:
      s = sl_protocol_spec_add_stimulus (trial, name, SL_STIM_SEQUENCE, NULL);
      s->targets = g_new0 (char *, self->spines->len + 1);
      for (guint i = 0; i < self->spines->len; i++)
        s->targets[i] = g_strdup_printf ("spine:%s",
                                         self->model->spine_id[g_array_index (self->spines, int, i)]);
      s->interval = field (self, F_INTERVAL);
      s->train.start = field (self, F_START);
      s->train.n_repeats = (int) field (self, F_N);
      s->train.gap = field (self, F_GAP);
      break;
    }
  if (!sl_protocol_spec_validate (trial, error))
    return FALSE;

  /* Move the new stimulus over; its zeroed husk frees nothing. */
  index = self->protocol->stimuli->len;
  s = &g_array_index (trial->stimuli, SlStimulusSpec, trial->stimuli->len - 1);
  g_array_append_vals (self->protocol->stimuli, s, 1);
  memset (s, 0, sizeof *s);
  g_signal_emit (self, signals[SIGNAL_STIMULUS_ADDED], 0, index);
  return TRUE;
}

static void
add_clicked (GtkButton   *button,
             SlInspector *self)
{
  g_autoptr(GError) error = NULL;

  if (!sl_inspector_add_stimulus (self, &error))
    {
      gtk_widget_set_tooltip_text (self->add, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else
    gtk_widget_set_tooltip_text (self->add, NULL);
}

static void
sl_inspector_dispose (GObject *object)
{
  SlInspector *self = SL_INSPECTOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sl_inspector_parent_class)->dispose (object);
}

static void
sl_inspector_finalize (GObject *object)
{
  SlInspector *self = SL_INSPECTOR (object);

  g_clear_pointer (&self->model, sl_model_unref);
  g_array_unref (self->spines);
  G_OBJECT_CLASS (sl_inspector_parent_class)->finalize (object);
}

static void
sl_inspector_class_init (SlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_inspector_dispose;
  object_class->finalize = sl_inspector_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "slinspector");

  signals[SIGNAL_STIMULUS_ADDED] =
    g_signal_new ("stimulus-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
sl_inspector_init (SlInspector *self)
{
  static const char * const kinds[] = { "Spike train onto the spine", "Current clamp",
                                        "Pairing (pre, then post after Δt)",
                                        "Sequence over selected spines", NULL };
  static const char * const patterns[] = { "Regular", "Poisson", "Burst", "Theta burst",
                                           "25 → 50 Hz theta windows", NULL };
  GtkGrid *grid;
  int row = 0;

  self->spines = g_array_new (FALSE, FALSE, sizeof (int));
  self->selection = SL_SELECTION_NONE;
  self->index = -1;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->heading = GTK_LABEL (plain_label ("Nothing selected", "heading"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->heading));
  self->identity = GTK_LABEL (plain_label (NULL, NULL));
  gtk_label_set_selectable (self->identity, TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->identity));
  self->values = GTK_LABEL (plain_label (NULL, "numeric"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->values));

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->form);
  gtk_box_append (GTK_BOX (self->form), plain_label ("Add stimulus", "heading"));

  self->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Stimulus kind", -1);
  g_signal_connect (self->kind, "notify::selected", G_CALLBACK (form_changed), self);
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->kind));

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (grid, 4);
  gtk_grid_set_column_spacing (grid, 6);
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (grid));

  self->pattern_label = plain_label ("Pattern", NULL);
  self->pattern = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (patterns));
  gtk_widget_set_hexpand (GTK_WIDGET (self->pattern), TRUE);
  g_signal_connect (self->pattern, "notify::selected", G_CALLBACK (form_changed), self);
  gtk_grid_attach (grid, self->pattern_label, 0, row, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (self->pattern), 1, row++, 2, 1);

  for (int f = 0; f < N_FIELDS; f++, row++)
    {
      const FieldInfo *fi = &fields[f];
      GtkWidget *spin = gtk_spin_button_new_with_range (fi->min, fi->max, fi->step);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), fi->digits);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), fi->value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, fi->label, -1);
      self->labels[f] = plain_label (fi->label, NULL);
      self->units[f] = plain_label (fi->unit, "dim-label");
      self->spins[f] = GTK_SPIN_BUTTON (spin);
      gtk_grid_attach (grid, self->labels[f], 0, row, 1, 1);
      gtk_grid_attach (grid, spin, 1, row, 1, 1);
      gtk_grid_attach (grid, self->units[f], 2, row, 1, 1);
    }

  self->add = gtk_button_new_with_mnemonic ("_Add Stimulus");
  gtk_widget_add_css_class (self->add, "suggested-action");
  gtk_widget_set_halign (self->add, GTK_ALIGN_END);
  g_signal_connect (self->add, "clicked", G_CALLBACK (add_clicked), self);
  gtk_box_append (GTK_BOX (self->form), self->add);

  show_identity (self);
  update_form (self);
}

GtkWidget *
sl_inspector_new (void)
{
  return g_object_new (SL_TYPE_INSPECTOR, NULL);
}
