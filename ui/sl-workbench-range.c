/* sl-workbench-range.c: colouring the cell from a snapshot, and the
 * colour bar's range, automatic or fixed.
 *
 * view.auto-range (boolean state): TRUE keeps the automatic ranges of
 * color_view (they grow with the run); FALSE uses a fixed low/high per
 * variable (Ca in µM, V in mV, w, Δw), set in the range popover next to
 * the colour selector.  Both persist in GSettings (auto-range, range-ca,
 * range-v, range-w, range-dw) when the schema is installed.
 */
#include "sl-config.h"

#include <math.h>

#include "sl-workbench.h"
#include "sl-workbench-private.h"

#define CA_RANGE_TAU_MS 1000.0  /* decay of the automatic calcium range */

static const char * const range_keys[SL_WORKBENCH_N_COLORS] = { "range-ca", "range-v", "range-w", "range-dw" };
static const char * const range_names[SL_WORKBENCH_N_COLORS] = { "calcium", "voltage", "weight", "Δ weight" };
static const char * const range_units[SL_WORKBENCH_N_COLORS] = { "µM", "mV", "", "" };
/* The schema's defaults, for a workbench without settings. */
static const double range_defaults[SL_WORKBENCH_N_COLORS][2] = {
  { 0, 1 }, { -80, 20 }, { 0, 2 }, { -0.05, 0.05 },
};

static void
recolour (SlWorkbench *self)
{
  self->last_seq = G_MAXUINT64;  /* recolour at the next frame, even when paused */
  if (self->view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

/* Spin buttons and the check button show the current state. */
static void
sync_popover (SlWorkbench *self)
{
  int c = MIN ((int) self->color_by, SL_WORKBENCH_N_COLORS - 1);
  g_autofree char *title = NULL;

  if (self->range_lo == NULL)
    return;
  self->range_syncing = TRUE;
  title = g_strdup_printf ("Colour range of %s%s%s%s", range_names[c],
                           *range_units[c] ? " (" : "", range_units[c], *range_units[c] ? ")" : "");
  gtk_label_set_text (self->range_title, title);
  gtk_spin_button_set_value (self->range_lo, self->fixed_range[c][0]);
  gtk_spin_button_set_value (self->range_hi, self->fixed_range[c][1]);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_lo), !self->auto_range);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_hi), !self->auto_range);
  self->range_syncing = FALSE;
}

void
sl_workbench_set_auto_range (SlWorkbench *self,
                             gboolean     automatic)
{
  g_return_if_fail (SL_IS_WORKBENCH (self));

  automatic = automatic != FALSE;
  if (self->auto_range == automatic)
    return;
  self->auto_range = automatic;
  self->auto_hi = 0;
  g_action_group_change_action_state (G_ACTION_GROUP (self->view_actions), "auto-range",
                                      g_variant_new_boolean (automatic));
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "auto-range", automatic);
  sync_popover (self);
  recolour (self);
}

gboolean
sl_workbench_get_auto_range (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), TRUE);
  return self->auto_range;
}

gboolean
sl_workbench_set_fixed_range (SlWorkbench  *self,
                              SlColorBy     what,
                              double        lo,
                              double        hi,
                              GError      **error)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);
  g_return_val_if_fail (what <= SL_COLOR_BY_DW, FALSE);

  if (!isfinite (lo) || !isfinite (hi) || !(lo < hi))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Colour range of %s: the low end (%g) must be below the high end (%g)",
                   range_names[what], lo, hi);
      return FALSE;
    }
  self->fixed_range[what][0] = lo;
  self->fixed_range[what][1] = hi;
  if (self->settings != NULL)
    g_settings_set (self->settings, range_keys[what], "(dd)", lo, hi);
  if (what == self->color_by)
    sync_popover (self);
  recolour (self);
  return TRUE;
}

void
sl_workbench_get_fixed_range (SlWorkbench *self,
                              SlColorBy    what,
                              double      *lo,
                              double      *hi)
{
  g_return_if_fail (SL_IS_WORKBENCH (self));
  g_return_if_fail (what <= SL_COLOR_BY_DW);

  *lo = self->fixed_range[what][0];
  *hi = self->fixed_range[what][1];
}

static void
apply_range (SlWorkbench *self,
             double      *lo,
             double      *hi)
{
  if (!self->auto_range && self->color_by <= SL_COLOR_BY_DW)
    {
      *lo = self->fixed_range[self->color_by][0];
      *hi = self->fixed_range[self->color_by][1];
    }
  self->shown_range[0] = *lo;
  self->shown_range[1] = *hi;
}

void
sl_workbench_get_color_range (SlWorkbench *self,
                              double      *lo,
                              double      *hi)
{
  g_return_if_fail (SL_IS_WORKBENCH (self));

  *lo = self->shown_range[0];
  *hi = self->shown_range[1];
}

/* Colours the cell and the spines from a snapshot, every frame. */
void
_sl_workbench_color_view (SlWorkbench      *self,
                          const SlSnapshot *snap)
{
  const SlModel *m = self->model;
  const float *node = NULL, *spine = NULL;
  float scale = 1;
  double lo = 0, hi = 1, peak = 0;
  SlColormap map = SL_COLORMAP_VIRIDIS;
  const char *label = NULL;

  switch (self->color_by)
    {
    case SL_COLOR_BY_CA:
      node = sl_snapshot_ca_node (snap);
      spine = sl_snapshot_ca_spine (snap);
      scale = 1e3;   /* mM → µM */
      label = "[Ca] (µM)";
      break;
    case SL_COLOR_BY_V:
      node = sl_snapshot_v (snap);
      label = "V (mV)";
      lo = -80;
      hi = 20;
      break;
    case SL_COLOR_BY_W:
      spine = sl_snapshot_w (snap);
      label = "w";
      break;
    case SL_COLOR_BY_DW:
    default:
      spine = sl_snapshot_dw (snap);
      map = SL_COLORMAP_COOLWARM;
      label = "Δw";
      break;
    }

  /* Auto ranges: w from 0 to at least 2 and Δw symmetric about zero (at
   * least ±0.05) only grow within a run, so colours stay comparable.
   * Calcium comes in transients three orders apart (a single input
   * ≈ 1 µM, a plateau ≈ 50 µM): its top holds the peak and then decays
   * with a time constant of CA_RANGE_TAU_MS of simulated time, at least
   * 1 µM, so that after a plateau the next inputs show again. */
  if (self->color_by != SL_COLOR_BY_V)
    {
      for (int k = 0; spine != NULL && k < snap->n_spines; k++)
        if (isfinite (spine[k]))
          peak = MAX (peak, fabs (spine[k] * scale));
      if (self->color_by == SL_COLOR_BY_CA && snap->t > self->auto_t)
        self->auto_hi *= exp (-(snap->t - self->auto_t) / CA_RANGE_TAU_MS);
      self->auto_t = snap->t;
      self->auto_hi = MAX (self->auto_hi, peak);
      if (self->color_by == SL_COLOR_BY_CA)
        hi = MAX (1.0, self->auto_hi);
      else if (self->color_by == SL_COLOR_BY_W)
        hi = MAX (2.0, self->auto_hi);
      else
        {
          hi = MAX (0.05, self->auto_hi);
          lo = -hi;
        }
    }

  apply_range (self, &lo, &hi);

  if (self->morph != NULL && self->point_node != NULL && self->view != NULL && snap->t <= 0)
    {
      /* At t = 0 every compartment is at rest: the region colours say
       * more.  Only undo our own colouring. */
      if (self->view_colored)
        sl_morphology_view_set_segment_values (self->view, NULL, 0);
      self->view_colored = FALSE;
    }
  else if (self->morph != NULL && self->point_node != NULL && self->view != NULL)
    {
      for (int p = 0; p < self->morph->n_points; p++)
        {
          int n = self->point_node[p];

          self->point_values[p] = node != NULL && n >= 0 ? node[n] * scale : NAN;
        }
      sl_morphology_view_set_colormap (self->view, map);
      sl_morphology_view_set_value_range (self->view, (float) lo, (float) hi);
      sl_morphology_view_set_segment_values (self->view, self->point_values,
                                             (gsize) self->morph->n_points);
      self->view_colored = TRUE;
    }
  if (spine != NULL && scale != 1)
    {
      g_autofree float *scaled = g_new (float, MAX (m->n_spines, 1));

      for (int k = 0; k < m->n_spines; k++)
        scaled[k] = spine[k] * scale;
      sl_view_overlay_set_spine_values (self->overlay, scaled, m->n_spines);
    }
  else if (spine != NULL)
    sl_view_overlay_set_spine_values (self->overlay, spine, m->n_spines);
  else
    {
      /* V: the spine heads' own voltage. */
      g_autofree float *heads = g_new (float, MAX (m->n_spines, 1));

      for (int k = 0; k < m->n_spines; k++)
        heads[k] = node[m->n_cable + 2 * k + 1];
      sl_view_overlay_set_spine_values (self->overlay, heads, m->n_spines);
    }
  sl_view_overlay_set_colorbar (self->overlay, map, lo, hi, label);
  self->n_colored++;
}

void
_sl_workbench_range_color_changed (SlWorkbench *self)
{
  sync_popover (self);
}

static void
action_auto_range (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  g_simple_action_set_state (action, value);
  sl_workbench_set_auto_range (user_data, g_variant_get_boolean (value));
}

static void
spin_changed (GtkSpinButton *spin,
              SlWorkbench   *self)
{
  double lo, hi;
  g_autoptr(GError) error = NULL;

  if (self->range_syncing || self->color_by > SL_COLOR_BY_DW)
    return;
  lo = gtk_spin_button_get_value (self->range_lo);
  hi = gtk_spin_button_get_value (self->range_hi);
  if (!sl_workbench_set_fixed_range (self, self->color_by, lo, hi, &error))
    {
      /* Keep the pair ordered: undo the spin that crossed the other. */
      gtk_widget_error_bell (GTK_WIDGET (spin));
      sync_popover (self);
    }
}

static GtkSpinButton *
range_spin (SlWorkbench *self)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (-1e6, 1e6, 0.01);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 0.01, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_changed), self);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_button (SlWorkbench *self)
{
  GtkWidget *grid = gtk_grid_new (), *check, *popover, *label;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->range_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->range_title), "heading");
  gtk_label_set_xalign (self->range_title, 0);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->range_title), 0, 0, 2, 1);
  check = gtk_check_button_new_with_mnemonic ("_Automatic (grows with the run)");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "view.auto-range");
  gtk_grid_attach (GTK_GRID (grid), check, 0, 1, 2, 1);
  label = gtk_label_new ("Low");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 1, 1);
  self->range_lo = range_spin (self);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->range_lo), 1, 2, 1, 1);
  label = gtk_label_new ("High");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 3, 1, 1);
  self->range_hi = range_spin (self);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->range_hi), 1, 3, 1, 1);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  self->range_button = g_object_ref_sink (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->range_button), "view-continuous-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->range_button), popover);
  gtk_widget_set_tooltip_text (self->range_button, "Colour range: automatic or fixed");
  gtk_widget_set_focus_on_click (self->range_button, FALSE);
  sync_popover (self);
}

void
_sl_workbench_range_init (SlWorkbench *self)
{
  GAction *action;

  self->auto_range = TRUE;
  for (int c = 0; c < SL_WORKBENCH_N_COLORS; c++)
    {
      self->fixed_range[c][0] = range_defaults[c][0];
      self->fixed_range[c][1] = range_defaults[c][1];
      if (self->settings != NULL)
        {
          double lo, hi;

          g_settings_get (self->settings, range_keys[c], "(dd)", &lo, &hi);
          if (isfinite (lo) && isfinite (hi) && lo < hi)
            {
              self->fixed_range[c][0] = lo;
              self->fixed_range[c][1] = hi;
            }
        }
    }
  if (self->settings != NULL)
    self->auto_range = g_settings_get_boolean (self->settings, "auto-range");
  action = G_ACTION (g_simple_action_new_stateful ("auto-range", NULL, g_variant_new_boolean (self->auto_range)));
  g_signal_connect (action, "change-state", G_CALLBACK (action_auto_range), self);
  g_action_map_add_action (G_ACTION_MAP (self->view_actions), action);
  g_object_unref (action);
  build_button (self);
}

GtkWidget *
sl_workbench_get_range_button (SlWorkbench *self)
{
  g_return_val_if_fail (SL_IS_WORKBENCH (self), NULL);
  return self->range_button;
}
