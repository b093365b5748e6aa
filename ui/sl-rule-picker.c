/* sl-rule-picker.c: rule, equation, citation and parameters of a target. */
#include "sl-config.h"

#include <math.h>

#include "sl-rule-picker.h"

struct _SlRulePicker
{
  GtkWidget          parent_instance;

  GtkWidget         *box;        /* the one child, vertical */
  GtkLabel          *heading;
  GtkDropDown       *rules;      /* "None" then sl_rule_list order */
  GtkLabel          *equation;
  GtkLabel          *citation;
  GtkLabel          *inert;      /* why these parameters change no weight, if so */
  GtkDropDown       *presets;    /* "Custom" then the rule's presets */
  GtkGrid           *grid;       /* name | spin | unit per parameter */
  GtkWidget         *reset;

  char              *target;
  const SlRuleClass *rule;       /* NULL = none */
  double            *values;     /* (rule->n_params) */
  GtkSpinButton    **spins;      /* (rule->n_params) */
  gboolean           updating;   /* set while we change widgets ourselves */
};

G_DEFINE_FINAL_TYPE (SlRulePicker, sl_rule_picker, GTK_TYPE_WIDGET)

enum { SIGNAL_RULE_CHANGED, SIGNAL_PARAM_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static int
spin_digits (const SlRuleParam *p)
{
  double mag = fabs (p->def) > 0 ? fabs (p->def) : MAX (fabs (p->max), 1e-6);

  if (p->def == floor (p->def) && p->min == floor (p->min) && p->max - p->min <= 10)
    return 0;
  return CLAMP (3 - (int) floor (log10 (mag)), 0, 8);
}

static void
update_inert (SlRulePicker *self)
{
  const char *why = self->rule != NULL && self->rule->inert != NULL
                    ? self->rule->inert (self->values) : NULL;

  gtk_label_set_text (self->inert, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->inert), why != NULL);
}

static void
spin_changed (GtkSpinButton *spin,
              SlRulePicker  *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "sl-param"));

  if (self->updating || self->rule == NULL || i >= self->rule->n_params)
    return;
  self->values[i] = gtk_spin_button_get_value (spin);
  update_inert (self);
  g_signal_emit (self, signals[SIGNAL_PARAM_CHANGED], 0,
                 self->rule->params[i].name, self->values[i]);
}

static void
sync_spins (SlRulePicker *self)
{
  self->updating = TRUE;
  for (guint i = 0; self->rule != NULL && i < self->rule->n_params; i++)
    gtk_spin_button_set_value (self->spins[i], self->values[i]);
  self->updating = FALSE;
  update_inert (self);
}

/* Rebuilds the equation, citation, presets and the parameter grid for
 * self->rule with self->values. */
static void
rebuild (SlRulePicker *self)
{
  GtkWidget *child;
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  const SlRuleClass *rule = self->rule;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_clear_pointer (&self->spins, g_free);

  gtk_label_set_text (self->equation, rule != NULL ? rule->equation : "No plasticity: weights stay fixed.");
  gtk_label_set_text (self->citation, rule != NULL ? rule->citation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->citation), rule != NULL);

  gtk_string_list_append (presets, "Custom");
  for (guint k = 0; rule != NULL && k < rule->n_presets; k++)
    gtk_string_list_append (presets, rule->presets[k].name);
  gtk_drop_down_set_model (self->presets, G_LIST_MODEL (presets));
  gtk_drop_down_set_selected (self->presets, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->presets), rule != NULL && rule->n_presets > 0);
  gtk_widget_set_sensitive (self->reset, rule != NULL);

  if (rule != NULL)
    {
      self->spins = g_new0 (GtkSpinButton *, MAX (rule->n_params, 1));
      for (guint i = 0; i < rule->n_params; i++)
        {
          const SlRuleParam *p = &rule->params[i];
          int digits = spin_digits (p);
          double step = digits > 0 ? pow (10, -digits) : 1;
          GtkWidget *name = gtk_label_new (p->name);
          GtkWidget *spin = gtk_spin_button_new_with_range (p->min, p->max, step);
          GtkWidget *unit = gtk_label_new (p->unit);
          g_autofree char *tip = g_strdup_printf ("%s\nrange %g … %g %s, default %g",
                                                  p->description, p->min, p->max, p->unit, p->def);

          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_label_set_xalign (GTK_LABEL (unit), 0);
          gtk_widget_add_css_class (unit, "dim-label");
          gtk_widget_set_tooltip_text (name, tip);
          gtk_widget_set_tooltip_text (spin, tip);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), self->values[i]);
          gtk_widget_set_hexpand (spin, TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, p->name,
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, p->description,
                                          -1);
          g_object_set_data (G_OBJECT (spin), "sl-param", GUINT_TO_POINTER (i));
          g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed), self);
          gtk_grid_attach (self->grid, name, 0, (int) i, 1, 1);
          gtk_grid_attach (self->grid, spin, 1, (int) i, 1, 1);
          gtk_grid_attach (self->grid, unit, 2, (int) i, 1, 1);
          self->spins[i] = GTK_SPIN_BUTTON (spin);
        }
    }
  self->updating = FALSE;
  update_inert (self);
}

static void
choose_rule (SlRulePicker      *self,
             const SlRuleClass *rule)
{
  guint n = 0, pos = 0;
  const SlRuleClass * const *list = sl_rule_list (&n);

  self->rule = rule;
  g_clear_pointer (&self->values, g_free);
  if (rule != NULL)
    {
      self->values = g_new (double, MAX (rule->n_params, 1));
      sl_rule_params_init (rule, self->values);
      for (guint k = 0; k < n; k++)
        if (list[k] == rule)
          pos = k + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->rules, pos);
  self->updating = FALSE;
  rebuild (self);
}

static void
rules_selected (GtkDropDown  *dropdown,
                GParamSpec   *pspec,
                SlRulePicker *self)
{
  guint n = 0, pos = gtk_drop_down_get_selected (dropdown);
  const SlRuleClass * const *list = sl_rule_list (&n);
  const SlRuleClass *rule = pos >= 1 && pos <= n ? list[pos - 1] : NULL;

  if (self->updating || rule == self->rule)
    return;
  choose_rule (self, rule);
  g_signal_emit (self, signals[SIGNAL_RULE_CHANGED], 0);
}

static void
presets_selected (GtkDropDown  *dropdown,
                  GParamSpec   *pspec,
                  SlRulePicker *self)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->rule == NULL || pos == 0 || pos > self->rule->n_presets)
    return;
  sl_rule_picker_apply_preset (self, self->rule->presets[pos - 1].name, NULL);
}

static void
emit_all (SlRulePicker *self)
{
  for (guint i = 0; self->rule != NULL && i < self->rule->n_params; i++)
    g_signal_emit (self, signals[SIGNAL_PARAM_CHANGED], 0,
                   self->rule->params[i].name, self->values[i]);
}

gboolean
sl_rule_picker_apply_preset (SlRulePicker  *self,
                             const char    *preset,
                             GError       **error)
{
  g_return_val_if_fail (SL_IS_RULE_PICKER (self), FALSE);

  if (self->rule == NULL)
    {
      g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PRESET,
                   "no rule is chosen, so preset “%s” does not apply", preset);
      return FALSE;
    }
  if (!sl_rule_preset_apply (self->rule, preset, self->values, error))
    return FALSE;
  sync_spins (self);
  emit_all (self);
  return TRUE;
}

void
sl_rule_picker_reset (SlRulePicker *self)
{
  g_return_if_fail (SL_IS_RULE_PICKER (self));

  if (self->rule == NULL)
    return;
  sl_rule_params_init (self->rule, self->values);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->presets, 0);
  self->updating = FALSE;
  sync_spins (self);
  emit_all (self);
}

static void
reset_clicked (GtkButton    *button,
               SlRulePicker *self)
{
  sl_rule_picker_reset (self);
}

/* The assignment that applies to target: the last one naming it, else the
 * last one for "all". */
static const SlRuleAssignment *
find_assignment (const SlModelSpec *spec,
                 const char        *target)
{
  const SlRuleAssignment *found = NULL, *all = NULL;

  for (guint k = 0; spec->rules != NULL && k < spec->rules->len; k++)
    {
      const SlRuleAssignment *a = &g_array_index (spec->rules, SlRuleAssignment, k);

      if (g_strcmp0 (a->target, target) == 0)
        found = a;
      else if (g_strcmp0 (a->target, "all") == 0)
        all = a;
    }
  return found != NULL ? found : all;
}

void
sl_rule_picker_load (SlRulePicker      *self,
                     const SlModelSpec *spec,
                     const char        *target)
{
  const SlRuleAssignment *a;
  const SlRuleClass *rule = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (SL_IS_RULE_PICKER (self));
  g_return_if_fail (spec != NULL && target != NULL);

  g_free (self->target);
  self->target = g_strdup (target);
  heading = g_strdup_printf ("Plasticity of %s", target);
  gtk_label_set_text (self->heading, heading);

  a = find_assignment (spec, target);
  if (a != NULL && g_strcmp0 (a->rule, "none") != 0)
    rule = sl_rule_lookup (a->rule, NULL);
  choose_rule (self, rule);
  if (rule != NULL)
    {
      if (a->preset != NULL)
        sl_rule_preset_apply (rule, a->preset, self->values, NULL);
      for (guint k = 0; a->params != NULL && k < a->params->len; k++)
        {
          const SlParamValue *pv = &g_array_index (a->params, SlParamValue, k);

          sl_rule_param_set (rule, self->values, pv->name, pv->value, NULL);
        }
      sync_spins (self);
    }
}

void
sl_rule_picker_store (SlRulePicker *self,
                      SlModelSpec  *spec)
{
  SlRuleAssignment *a;
  g_autofree double *def = NULL;

  g_return_if_fail (SL_IS_RULE_PICKER (self));
  g_return_if_fail (spec != NULL && self->target != NULL);

  a = sl_model_spec_set_rule (spec, self->target, self->rule != NULL ? self->rule->name : "none", NULL);
  if (self->rule == NULL)
    return;
  def = g_new (double, MAX (self->rule->n_params, 1));
  sl_rule_params_init (self->rule, def);
  if (a->params == NULL)
    a->params = g_array_new (FALSE, FALSE, sizeof (SlParamValue));
  for (guint i = 0; i < self->rule->n_params; i++)
    if (self->values[i] != def[i])
      {
        SlParamValue pv = { g_strdup (self->rule->params[i].name), self->values[i] };

        g_array_append_val (a->params, pv);
      }
}

const char *
sl_rule_picker_get_target (SlRulePicker *self)
{
  g_return_val_if_fail (SL_IS_RULE_PICKER (self), NULL);
  return self->target;
}

const SlRuleClass *
sl_rule_picker_get_rule (SlRulePicker *self)
{
  g_return_val_if_fail (SL_IS_RULE_PICKER (self), NULL);
  return self->rule;
}

gboolean
sl_rule_picker_set_rule (SlRulePicker *self,
                         const char   *name)
{
  const SlRuleClass *rule = NULL;

  g_return_val_if_fail (SL_IS_RULE_PICKER (self), FALSE);

  if (name != NULL && g_strcmp0 (name, "none") != 0
      && (rule = sl_rule_lookup (name, NULL)) == NULL)
    return FALSE;
  if (rule != self->rule)
    {
      choose_rule (self, rule);
      g_signal_emit (self, signals[SIGNAL_RULE_CHANGED], 0);
    }
  return TRUE;
}

const double *
sl_rule_picker_get_values (SlRulePicker *self)
{
  g_return_val_if_fail (SL_IS_RULE_PICKER (self), NULL);
  return self->values;
}

gboolean
sl_rule_picker_set_param (SlRulePicker  *self,
                          const char    *name,
                          double         value,
                          GError       **error)
{
  int i;

  g_return_val_if_fail (SL_IS_RULE_PICKER (self), FALSE);

  if (self->rule == NULL)
    {
      g_set_error (error, SL_RULE_ERROR, SL_RULE_ERROR_UNKNOWN_PARAM,
                   "no rule is chosen, so parameter “%s” does not apply", name);
      return FALSE;
    }
  if (!sl_rule_param_set (self->rule, self->values, name, value, error))
    return FALSE;
  i = sl_rule_param_index (self->rule, name, NULL);
  /* The spin button emits param-changed through spin_changed. */
  gtk_spin_button_set_value (self->spins[i], value);
  return TRUE;
}

static void
sl_rule_picker_dispose (GObject *object)
{
  SlRulePicker *self = SL_RULE_PICKER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sl_rule_picker_parent_class)->dispose (object);
}

static void
sl_rule_picker_finalize (GObject *object)
{
  SlRulePicker *self = SL_RULE_PICKER (object);

  g_free (self->target);
  g_free (self->values);
  g_free (self->spins);
  G_OBJECT_CLASS (sl_rule_picker_parent_class)->finalize (object);
}

static void
sl_rule_picker_class_init (SlRulePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_rule_picker_dispose;
  object_class->finalize = sl_rule_picker_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "slrulepicker");

  signals[SIGNAL_RULE_CHANGED] =
    g_signal_new ("rule-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PARAM_CHANGED] =
    g_signal_new ("param-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static GtkWidget *
wrapped_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
sl_rule_picker_init (SlRulePicker *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = 0;
  const SlRuleClass * const *list = sl_rule_list (&n);
  GtkWidget *row, *label;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = GTK_LABEL (gtk_label_new ("Plasticity"));
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->heading));

  gtk_string_list_append (names, "None");
  for (guint k = 0; k < n; k++)
    gtk_string_list_append (names, list[k]->title);
  self->rules = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rules),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Plasticity rule", -1);
  g_signal_connect (self->rules, "notify::selected", G_CALLBACK (rules_selected), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->rules));

  self->equation = GTK_LABEL (wrapped_label (NULL));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->equation));
  self->citation = GTK_LABEL (wrapped_label ("dim-label"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->citation));
  self->inert = GTK_LABEL (wrapped_label ("warning"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->inert));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new ("Preset");
  gtk_box_append (GTK_BOX (row), label);
  self->presets = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->presets), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->presets),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Preset", -1);
  g_signal_connect (self->presets, "notify::selected", G_CALLBACK (presets_selected), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->presets));
  gtk_box_append (GTK_BOX (self->box), row);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 6);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));

  self->reset = gtk_button_new_with_mnemonic ("_Reset to Defaults");
  gtk_widget_set_halign (self->reset, GTK_ALIGN_END);
  g_signal_connect (self->reset, "clicked", G_CALLBACK (reset_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->reset);

  rebuild (self);
}

const char *
sl_rule_picker_get_inert (SlRulePicker *self)
{
  g_return_val_if_fail (SL_IS_RULE_PICKER (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->inert)) ? gtk_label_get_text (self->inert) : NULL;
}

GtkWidget *
sl_rule_picker_new (void)
{
  return g_object_new (SL_TYPE_RULE_PICKER, NULL);
}
