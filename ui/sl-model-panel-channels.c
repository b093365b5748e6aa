/* sl-model-panel-channels.c: the Model panel's channel rows, one per
 * mechanism line of the spec: its value and, for a linear profile, the
 * slope per 100 µm; small conductances in mS/cm². */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-model-panel.h"
#include "sl-model-panel-private.h"
#include "sl-workbench.h"

/* Units and ranges of the mechanism parameters the compiler knows
 * (sl-model.c); the spec only asks for finite numbers, ar2 is refused
 * outside 0–1 by sl_model_compile, cm and Ra must be positive. */
typedef struct
{
  const char *mechanism, *param, *unit;
  double      lo, hi;
  const char *section;
} MechParam;

static const MechParam mech_params[] = {
  { "cable", "cm", "µF/cm²", 0.01, 100, "§1.1" },
  { "cable", "Ra", "Ω·cm", 1, 1e4, "§1.1" },
  { "pas", "g", "S/cm²", 0, 1, "§1.1" },
  { "pas", "e", "mV", -200, 200, "§1.1" },
  { "hh", "gnabar", "S/cm²", 0, 10, "§1.6" },
  { "hh", "gkbar", "S/cm²", 0, 10, "§1.6" },
  { "hh", "gl", "S/cm²", 0, 1, "§1.6" },
  { "hh", "el", "mV", -200, 200, "§1.6" },
  { "hh", "ena", "mV", -200, 200, "§1.6" },
  { "hh", "ek", "mV", -200, 200, "§1.6" },
  { "ca_hva", "gbar", "S/cm²", 0, 10, "§1.5" },
  { "nat", "gbar", "S/cm²", 0, 10, "§1.6" },
  { "nat", "ena", "mV", -200, 200, "§1.6" },
  { "nat", "ar2", "", 0, 1, "§1.7, V3" },
  { "kv3", "gbar", "S/cm²", 0, 10, "§1.6" },
  { "kv3", "ek", "mV", -200, 200, "§1.6" },
};

static const MechParam mech_other = { NULL, NULL, "", -1e6, 1e6, "§1" };

static const MechParam *
mech_param (const SlMechanismSpec *m)
{
  for (gsize i = 0; i < G_N_ELEMENTS (mech_params); i++)
    if (g_strcmp0 (m->mechanism, mech_params[i].mechanism) == 0
        && g_strcmp0 (m->param, mech_params[i].param) == 0)
      return &mech_params[i];
  return &mech_other;
}

static const char *
profile_name (SlProfileKind kind)
{
  switch (kind)
    {
    case SL_PROFILE_LINEAR:
      return "linear";
    case SL_PROFILE_SIGMOID:
      return "sigmoid";
    case SL_PROFILE_WINDOW:
      return "window";
    case SL_PROFILE_CONSTANT:
    default:
      return NULL;
    }
}

/* Digits that show v as written in a session, with at most four
 * significant ones (the spin is narrow), and a step of a tenth of its
 * leading digit. */
static void
value_digits (double  v,
              double  fallback_step,
              int    *digits,
              double *step)
{
  double s = v != 0 ? pow (10, floor (log10 (fabs (v))) - 1) : fallback_step;
  int d = CLAMP ((int) ceil (-log10 (s) - 1e-9), 0, 8);
  int most = v != 0 ? CLAMP (3 - (int) floor (log10 (fabs (v))), d, 8) : d;

  while (d < most && fabs (round (v * pow (10, d)) / pow (10, d) - v) > 1e-9 * fabs (v))
    d++;
  *digits = d;
  *step = MAX (s, pow (10, -8));
}

/* Conductances below 0.1 S/cm² (and 0) show in mS/cm² (pas g 5e-5
 * S/cm² = 0.05 mS/cm²): a display factor and unit per line. */
static double
line_scale (const SlMechanismSpec *m,
            const MechParam       *mp,
            const char           **unit)
{
  double mag = MAX (fabs (m->value.value), 100 * fabs (m->value.slope));

  *unit = mp->unit;
  if (g_str_equal (mp->unit, "S/cm²") && mag < 0.1)
    {
      *unit = "mS/cm²";
      return 1e3;
    }
  return 1;
}

static void
mech_changed (GtkSpinButton *spin,
              SlModelPanel  *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "sl-line"));
  gboolean slope = g_object_get_data (G_OBJECT (spin), "sl-slope") != NULL;
  double scale = i < self->mech_scales->len ? g_array_index (self->mech_scales, double, i) : 1;
  double per = slope ? 100 * scale : scale;   /* slopes show per 100 µm */
  SlSession *copy;
  SlMechanismSpec *m;
  double *p, value = gtk_spin_button_get_value (spin) / per;
  g_autofree char *label = NULL;

  if (self->updating || (copy = _sl_model_panel_session_copy (self)) == NULL)
    return;
  if (i >= copy->model->mechanisms->len)
    {
      sl_session_free (copy);
      return;
    }
  m = &g_array_index (copy->model->mechanisms, SlMechanismSpec, i);
  p = slope ? &m->value.slope : &m->value.value;
  if (_sl_model_panel_same_value (*p, value)
      || _sl_model_panel_same_shown (spin, *p * per, value * per))
    {
      sl_session_free (copy);
      return;
    }
  *p = value;
  label = g_strdup_printf ("Change %s %s %s%s", m->region, m->mechanism, m->param,
                           slope ? " slope" : "");
  _sl_model_panel_commit (self, copy, label);
}

static GtkWidget *
line_heading (const SlMechanismSpec *m)
{
  const char *profile = profile_name (m->value.kind);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (m->param == NULL)
    text = g_strdup_printf ("%s · %s (inserted)", m->region, m->mechanism);
  else
    text = g_strdup_printf ("%s · %s · %s%s%s", m->region, m->mechanism, m->param,
                            profile != NULL ? " · " : "", profile != NULL ? profile : "");
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_margin_top (label, 6);
  if (m->param == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
mech_layout_of (const SlModelSpec *spec)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < spec->mechanisms->len; i++)
    {
      const SlMechanismSpec *m = &g_array_index (spec->mechanisms, SlMechanismSpec, i);

      g_string_append_printf (s, "%s|%s|%s|%d\n", m->region, m->mechanism,
                              m->param != NULL ? m->param : "", (int) m->value.kind);
    }
  return g_string_free (s, FALSE);
}

static void
rebuild_channels (SlModelPanel      *self,
                  const SlModelSpec *spec)
{
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->channels))) != NULL)
    {
      if (g_object_get_data (G_OBJECT (child), "sl-sized") != NULL)
        gtk_size_group_remove_widget (self->label_group, child);
      gtk_grid_remove (self->channels, child);
    }
  g_ptr_array_set_size (self->mech_spins, 0);
  g_ptr_array_set_size (self->slope_spins, 0);
  g_array_set_size (self->mech_scales, 0);

  for (guint i = 0; i < spec->mechanisms->len; i++)
    {
      const SlMechanismSpec *m = &g_array_index (spec->mechanisms, SlMechanismSpec, i);
      const MechParam *mp = mech_param (m);
      gboolean linear = m->value.kind == SL_PROFILE_LINEAR;
      GtkSpinButton *spin = NULL, *slope = NULL;
      const char *unit;
      double scale = line_scale (m, mp, &unit);
      int digits;
      double step;

      gtk_grid_attach (self->channels, line_heading (m), 0, row++, 3, 1);
      if (m->param != NULL)
        {
          g_autofree char *tip = NULL;
          g_autofree char *name = g_strdup_printf ("%s %s %s", m->region, m->mechanism, m->param);
          GtkWidget *label;

          tip = g_strdup_printf ("%s in region “%s”, parameter %s (models.md %s)%s; range %g … %g %s%s",
                                 m->mechanism, m->region, m->param, mp->section,
                                 linear ? ": value at the soma, plus slope × path distance" : "",
                                 mp->lo, mp->hi, mp->unit,
                                 g_str_equal (m->mechanism, "nat") && g_str_equal (m->param, "ar2")
                                 ? ". Floor of the slow Na inactivation gate (Migliore et al. 1999): "
                                   "1 = no slow inactivation; the engine refuses values outside 0–1"
                                 : "");
          value_digits (m->value.value * scale, mp->hi > 100 ? 1 : 0.001, &digits, &step);
          spin = _sl_model_panel_new_spin (mp->lo * scale, mp->hi * scale, step, step * 10, digits, name, tip);
          g_object_set_data (G_OBJECT (spin), "sl-line", GUINT_TO_POINTER (i));
          g_signal_connect (spin, "value-changed", G_CALLBACK (mech_changed), self);
          label = _sl_model_panel_row_label (linear ? "at soma" : "value", tip);
          gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (spin));
          gtk_size_group_add_widget (self->label_group, label);
          gtk_grid_attach (self->channels, label, 0, row, 1, 1);
          gtk_grid_attach (self->channels, GTK_WIDGET (spin), 1, row, 1, 1);
          gtk_grid_attach (self->channels, _sl_model_panel_unit_label (unit), 2, row++, 1, 1);
          if (linear)
            {
              double range = (mp->hi - mp->lo) * scale;  /* the whole range over 100 µm */
              g_autofree char *sname = g_strconcat (name, " slope", NULL);
              g_autofree char *stip = g_strdup_printf ("Change of %s %s per 100 µm of path distance "
                                                       "from the soma, in %s (linear profile; the "
                                                       "value is floored at %g %s)", m->mechanism,
                                                       m->param, unit, m->value.floor * scale, unit);

              value_digits (m->value.slope * 100 * scale, 0.001, &digits, &step);
              slope = _sl_model_panel_new_spin (-range, range, step, step * 10, digits, sname, stip);
              g_object_set_data (G_OBJECT (slope), "sl-line", GUINT_TO_POINTER (i));
              g_object_set_data (G_OBJECT (slope), "sl-slope", GINT_TO_POINTER (1));
              g_signal_connect (slope, "value-changed", G_CALLBACK (mech_changed), self);
              label = _sl_model_panel_row_label ("per 100 µm", stip);
              gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (slope));
              gtk_size_group_add_widget (self->label_group, label);
              gtk_grid_attach (self->channels, label, 0, row, 1, 1);
              gtk_grid_attach (self->channels, GTK_WIDGET (slope), 1, row, 1, 1);
              gtk_grid_attach (self->channels, _sl_model_panel_unit_label (unit), 2, row++, 1, 1);
            }
        }
      g_ptr_array_add (self->mech_spins, spin);
      g_ptr_array_add (self->slope_spins, slope);
      g_array_append_val (self->mech_scales, scale);
    }
  gtk_widget_set_visible (self->no_channels, spec->mechanisms->len == 0);
}

void
_sl_model_panel_load_channels (SlModelPanel      *self,
                               const SlModelSpec *spec)
{
  g_autofree char *layout = mech_layout_of (spec);

  if (g_strcmp0 (layout, self->mech_layout) != 0)
    {
      rebuild_channels (self, spec);
      g_free (self->mech_layout);
      self->mech_layout = g_steal_pointer (&layout);
    }
  for (guint i = 0; i < self->mech_spins->len && i < spec->mechanisms->len; i++)
    {
      const SlMechanismSpec *m = &g_array_index (spec->mechanisms, SlMechanismSpec, i);
      const MechParam *mp = mech_param (m);
      GtkSpinButton *spin = g_ptr_array_index (self->mech_spins, i);
      GtkSpinButton *slope = g_ptr_array_index (self->slope_spins, i);
      double scale = g_array_index (self->mech_scales, double, i);
      double range = (mp->hi - mp->lo) * scale;

      if (spin != NULL)
        _sl_model_panel_spin_show (spin, m->value.value * scale, mp->lo * scale, mp->hi * scale);
      if (slope != NULL)
        _sl_model_panel_spin_show (slope, m->value.slope * 100 * scale, -range, range);
    }
}
