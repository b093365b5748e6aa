/* sl-model-panel.c: environment, calcium and spine defaults of the
 * session's model, edited as session edits; the panel itself.  The
 * channel lines are in sl-model-panel-channels.c. */
#include "sl-config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "sl-model-panel.h"
#include "sl-model-panel-private.h"
#include "sl-workbench.h"

typedef enum
{
  WHERE_MODEL,     /* SlModelSpec */
  WHERE_CALCIUM,   /* SlModelSpec.calcium */
  WHERE_GEOMETRY,  /* default_geometry, and the spines that had its value */
  WHERE_SYNAPSE,   /* default_synapse, likewise */
} Where;

/* One scalar of the spec.  lo, hi and the spin steps are in display
 * units: display = stored × scale.  Ranges are models.md's where it gives
 * one, else the spec's own checks (sl-spec.c). */
typedef struct
{
  const char *key;
  const char *markup;   /* row label */
  const char *unit;
  Where       where;
  gsize       offset;
  double      scale;
  double      lo, hi;
  int         digits;
  double      step, page;
  const char *tip;
} Field;

#define MODEL_F(f)  WHERE_MODEL, offsetof (SlModelSpec, f)
#define CA_F(f)     WHERE_CALCIUM, offsetof (SlCalciumSpec, f)
#define GEOM_F(f)   WHERE_GEOMETRY, offsetof (SlSpineGeometry, f)
#define SYN_F(f)    WHERE_SYNAPSE, offsetof (SlSynapseSpec, f)

enum { F_CA_O, F_CELSIUS, F_V_INIT, F_D_EFF, F_TAU_HEAD, F_ETA_HEAD, F_TAU_SHAFT, F_ETA_SHAFT,
       F_SHELL, F_HEAD_VOLUME, F_NECK_LENGTH, F_NECK_DIAM, F_G_AMPA, F_NMDA_RATIO, F_G_VDCC,
       N_FIELDS };

G_STATIC_ASSERT (N_FIELDS == SL_MODEL_PANEL_N_FIELDS);

static const Field fields[N_FIELDS] = {
  { "ca_o", "Ca<sub>o</sub>", "mM", MODEL_F (ca_o), 1, 0.01, 100, 2, 0.1, 0.5,
    "Extracellular calcium (models.md §2.4): sets E_Ca, the NMDA calcium fraction and the "
    "release of Chindemi synapses. 2.0 mM in vitro, 1.0–1.3 mM in vivo (Chindemi et al. 2022)." },
  { "celsius", "Temperature", "°C", MODEL_F (celsius), 1, 0, 50, 1, 0.5, 5,
    "Temperature of the channel rate factors (hh q10, NaTa_t, Kv3.1) and of the Nernst "
    "E_Ca (models.md §1.5–1.6); range 0–50 °C (spec check)." },
  { "v_init", "V<sub>init</sub>", "mV", MODEL_F (v_init), 1, -200, 200, 1, 1, 10,
    "Membrane potential every compartment starts from (models.md §1.1). It acts when the run "
    "starts again at t = 0 (Reset): a running cell keeps its voltages." },
  { "d_eff", "D<sub>eff</sub>", "µm²/s", CA_F (d_eff), 1000, 0, 220, 0, 1, 10,
    "Effective (buffered) calcium diffusion coefficient (models.md §2.3): 20 µm²/s SpineLab "
    "default [U], 220 µm²/s free Ca²⁺ (Allbritton et al. 1992); range 0–220 µm²/s." },
  { "tau_head", "τ<sub>head</sub>", "ms", CA_F (tau_head), 1, 0.1, 1e5, 1, 0.5, 5,
    "Clearance time of the spine-head calcium pool (models.md §2.1): 12 ms, measured 12–20 ms "
    "(Sabatini et al. 2002, as in Chindemi et al. 2022)." },
  { "eta_head", "η<sub>head</sub>", "", CA_F (eta_head), 1, 0.001, 1, 3, 0.005, 0.05,
    "Free fraction of the calcium entering a spine head, 1/(1 + κ_E) (models.md §2.1): 0.04." },
  { "tau_shaft", "τ<sub>shaft</sub>", "ms", CA_F (tau_shaft), 1, 20, 80, 0, 1, 10,
    "Clearance time of the neck and shaft pools (models.md §2.2): 50 ms, range 20–80 ms [U]." },
  { "eta_shaft", "η<sub>shaft</sub>", "", CA_F (eta_shaft), 1, 0.001, 1, 3, 0.005, 0.05,
    "Free fraction of the calcium entering neck and shaft (models.md §2.2): 0.05 [U]." },
  { "shell_depth", "Shell depth", "µm", CA_F (shell_depth), 1, 0.01, 100, 2, 0.01, 0.1,
    "Depth of the submembrane shell that holds the shaft pool (models.md §2.2): 0.1 µm [U]; "
    "“Full shaft volume” uses the whole cylinder instead." },
  { "head_volume", "Head volume", "µm³", GEOM_F (head_volume), 1, 0.01, 0.5, 3, 0.001, 0.01,
    "Spine head volume (models.md §1.2): 0.087 µm³ L5 basal (Chindemi et al. 2022), "
    "0.163 µm³ L5TTPC→L5TTPC; range 0.01–0.5 µm³." },
  { "neck_length", "Neck length", "µm", GEOM_F (neck_length), 1, 0.2, 2, 2, 0.05, 0.2,
    "Spine neck length (models.md §1.2): 1.0 µm, range 0.2–2 µm [U]." },
  { "neck_diam", "Neck diameter", "µm", GEOM_F (neck_diam), 1, 0.05, 0.4, 3, 0.005, 0.05,
    "Spine neck diameter (models.md §1.2): 0.15 µm, range 0.05–0.4 µm [U]; "
    "R_neck = 4·R_a·L_n/(π d_n²)." },
  { "g_ampa", "g<sub>AMPA</sub>", "nS", SYN_F (g_ampa), 1000, 0, 1000, 2, 0.01, 0.1,
    "Peak AMPA conductance per synapse (models.md §1.3): 0.68 nS generic E→E, "
    "1.94 nS L5TTPC→L5TTPC (Chindemi data release)." },
  { "nmda_ratio", "NMDA/AMPA", "", SYN_F (nmda_ratio), 1, 0, 100, 2, 0.05, 0.5,
    "Ratio ĝ_NMDA/ĝ_AMPA (models.md §1.4): 0.7 generic, 0.55 L5TTPC→L5TTPC." },
  { "g_vdcc", "g<sub>VDCC</sub>", "nS/µm²", SYN_F (g_vdcc), 1, 0, 100, 4, 0.001, 0.01,
    "R-type VDCC density in the spine head (models.md §1.5): 0.0744 nS/µm² of head area "
    "(0.071 nS at 0.087 µm³)." },
};

G_DEFINE_FINAL_TYPE (SlModelPanel, sl_model_panel, GTK_TYPE_BOX)

static double *
field_in (gpointer     base,
          const Field *f)
{
  return (double *) ((char *) base + f->offset);
}

static double *
field_ptr (SlModelSpec *m,
           const Field *f)
{
  switch (f->where)
    {
    case WHERE_CALCIUM:
      return field_in (&m->calcium, f);
    case WHERE_GEOMETRY:
      return field_in (&m->default_geometry, f);
    case WHERE_SYNAPSE:
      return field_in (&m->default_synapse, f);
    case WHERE_MODEL:
    default:
      return field_in (m, f);
    }
}

/* Sets the value and widens the range to include a value a session
 * brought from outside it (it must still show). */
void
_sl_model_panel_spin_show (GtkSpinButton *spin,
           double         value,
           double         lo,
           double         hi)
{
  gtk_spin_button_set_range (spin, MIN (lo, value), MAX (hi, value));
  gtk_spin_button_set_value (spin, value);
}

static const SlModelSpec *
current_spec (SlModelPanel *self)
{
  SlSession *session = self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;

  return session != NULL ? session->model : NULL;
}

static void
reload (SlModelPanel *self)
{
  const SlModelSpec *spec = current_spec (self);

  if (spec != NULL)
    sl_model_panel_load (self, spec);
}

/* Installs copy (transfer full) as the session, unless the spec's checks
 * refuse it: then the window's banner says why and the panel shows the
 * session's values again. */
void
_sl_model_panel_commit (SlModelPanel *self,
        SlSession    *copy,
        const char   *label)
{
  g_autoptr(GError) error = NULL;

  if (!sl_model_spec_validate (copy->model, &error))
    {
      sl_session_free (copy);
      g_signal_emit_by_name (self->workbench, "failed", error->message);
      reload (self);
      return;
    }
  sl_workbench_edit_session (self->workbench, copy, label);
}

SlSession *
_sl_model_panel_session_copy (SlModelPanel *self)
{
  SlSession *session = self->workbench != NULL ? sl_workbench_get_session (self->workbench) : NULL;

  return session != NULL ? sl_session_copy (session) : NULL;
}

/* A spine default also goes to every group and placed spine that had
 * the old default: those follow the defaults, the others were set on
 * purpose. */
static void
set_spine_default (SlModelSpec *m,
                   const Field *f,
                   double       old_value,
                   double       value)
{
  gboolean geometry = f->where == WHERE_GEOMETRY;

  *field_ptr (m, f) = value;
  for (guint i = 0; i < m->spine_groups->len; i++)
    {
      SlSpineGroupSpec *g = &g_array_index (m->spine_groups, SlSpineGroupSpec, i);
      double *p = field_in (geometry ? (gpointer) &g->geometry : (gpointer) &g->synapse, f);

      if (*p == old_value)
        *p = value;
    }
  for (guint i = 0; i < m->spines->len; i++)
    {
      SlSpineSpec *s = &g_array_index (m->spines, SlSpineSpec, i);
      double *p = field_in (geometry ? (gpointer) &s->geometry : (gpointer) &s->synapse, f);

      if (*p == old_value)
        *p = value;
    }
}

gboolean
_sl_model_panel_same_value (double a,
            double b)
{
  return a == b || fabs (a - b) <= 1e-12 * MAX (fabs (a), fabs (b));
}

/* The spin's value shows the same digits as old: not an edit (leaving a
 * spin whose text rounds the session's value must not change it). */
gboolean
_sl_model_panel_same_shown (GtkSpinButton *spin,
            double         old_display,
            double         new_display)
{
  double q = pow (10, gtk_spin_button_get_digits (spin));

  return round (old_display * q) == round (new_display * q);
}

static void
set_field (SlModelPanel *self,
           const Field  *f,
           double        value,
           const char   *label)
{
  SlSession *copy = _sl_model_panel_session_copy (self);
  double *p, old;

  if (copy == NULL)
    return;
  p = field_ptr (copy->model, f);
  old = *p;
  if (_sl_model_panel_same_value (old, value))
    {
      sl_session_free (copy);
      return;
    }
  if (f->where == WHERE_GEOMETRY || f->where == WHERE_SYNAPSE)
    set_spine_default (copy->model, f, old, value);
  else
    *p = value;
  _sl_model_panel_commit (self, copy, label);
  if (f == &fields[F_CA_O])
    _sl_model_panel_thresholds_ca_o_changed (self);
}

static void
field_changed (GtkSpinButton *spin,
               SlModelPanel  *self)
{
  const Field *f = g_object_get_data (G_OBJECT (spin), "sl-field");
  g_autofree char *label = NULL;
  SlModelSpec *spec;

  if (self->updating || f == NULL)
    return;
  spec = (SlModelSpec *) current_spec (self);
  if (spec != NULL
      && _sl_model_panel_same_shown (spin, *field_ptr (spec, f) * f->scale,
                                     gtk_spin_button_get_value (spin)))
    return;
  label = g_strdup_printf ("Change %s", f->key);
  set_field (self, f, gtk_spin_button_get_value (spin) / f->scale, label);
}

static void
preset_clicked (GtkButton    *button,
                SlModelPanel *self)
{
  gboolean vivo = GTK_WIDGET (button) == self->in_vivo;

  /* models.md §2.4: 2.0 mM in vitro, 1.2 mM in vivo (Chindemi 2022). */
  set_field (self, &fields[F_CA_O], vivo ? 1.2 : 2.0,
             vivo ? "Ca_o in vivo (1.2 mM)" : "Ca_o in vitro (2.0 mM)");
}

static void
diffusion_toggled (GtkCheckButton *check,
                   SlModelPanel   *self)
{
  SlSession *copy;
  gboolean on = gtk_check_button_get_active (check);

  if (self->updating || (copy = _sl_model_panel_session_copy (self)) == NULL)
    return;
  copy->model->calcium.diffusion = on;
  _sl_model_panel_commit (self, copy, on ? "Calcium diffusion on" : "Calcium diffusion off");
}

static void
full_shaft_toggled (GtkCheckButton *check,
                    SlModelPanel   *self)
{
  g_autoptr(SlModelSpec) defaults = sl_model_spec_new ();
  gboolean full = gtk_check_button_get_active (check);

  if (self->updating)
    return;
  set_field (self, &fields[F_SHELL], full ? 0 : defaults->calcium.shell_depth,
             full ? "Full shaft volume" : "Shaft shell");
}

GtkWidget *
_sl_model_panel_row_label (const char *markup,
           const char *tip)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_tooltip_text (label, tip);
  g_object_set_data (G_OBJECT (label), "sl-sized", GINT_TO_POINTER (1));
  return label;
}

GtkWidget *
_sl_model_panel_unit_label (const char *unit)
{
  GtkWidget *label = gtk_label_new (unit);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

GtkSpinButton *
_sl_model_panel_new_spin (double      lo,
          double      hi,
          double      step,
          double      page,
          int         digits,
          const char *name,
          const char *tip)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lo, hi, step);

  gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), step, page);
  /* Held down, a button speeds up by one step per repeat, up to a page. */
  gtk_spin_button_set_climb_rate (GTK_SPIN_BUTTON (spin), step);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  /* A narrow request: the sidebar is 320 px and scrolls only vertically. */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_widget_set_tooltip_text (spin, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip,
                                  -1);
  return GTK_SPIN_BUTTON (spin);
}

/* ------------------------------------------------------------------ */

void
sl_model_panel_load (SlModelPanel      *self,
                     const SlModelSpec *spec)
{
  g_return_if_fail (SL_IS_MODEL_PANEL (self));
  g_return_if_fail (spec != NULL);

  self->updating = TRUE;
  for (int i = 0; i < N_FIELDS; i++)
    _sl_model_panel_spin_show (self->spins[i], *field_ptr ((SlModelSpec *) spec, &fields[i]) * fields[i].scale,
                               fields[i].lo, fields[i].hi);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->diffusion), spec->calcium.diffusion);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->full_shaft), spec->calcium.shell_depth == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->spins[F_D_EFF]), spec->calcium.diffusion);
  gtk_widget_set_sensitive (GTK_WIDGET (self->spins[F_SHELL]), spec->calcium.shell_depth != 0);
  _sl_model_panel_thresholds_load (self, spec);

  _sl_model_panel_load_channels (self, spec);
  self->updating = FALSE;
}

gboolean
sl_model_panel_get_expanded (SlModelPanel *self)
{
  g_return_val_if_fail (SL_IS_MODEL_PANEL (self), FALSE);
  return gtk_expander_get_expanded (self->expander);
}

void
sl_model_panel_set_expanded (SlModelPanel *self,
                             gboolean      expanded)
{
  g_return_if_fail (SL_IS_MODEL_PANEL (self));
  gtk_expander_set_expanded (self->expander, expanded);
}

GtkSpinButton *
sl_model_panel_get_spin (SlModelPanel *self,
                         const char   *key)
{
  g_return_val_if_fail (SL_IS_MODEL_PANEL (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_has_prefix (key, "mech:"))
    {
      char *end = NULL;
      guint64 i = g_ascii_strtoull (key + 5, &end, 10);
      GPtrArray *spins = g_strcmp0 (end, ":slope") == 0 ? self->slope_spins : self->mech_spins;

      if (end == key + 5 || (*end != '\0' && g_strcmp0 (end, ":slope") != 0) || i >= spins->len)
        return NULL;
      return g_ptr_array_index (spins, i);
    }
  for (int i = 0; i < N_FIELDS; i++)
    if (g_str_equal (key, fields[i].key))
      return self->spins[i];
  return NULL;
}

GtkWidget *
sl_model_panel_get_button (SlModelPanel *self,
                           const char   *key)
{
  g_return_val_if_fail (SL_IS_MODEL_PANEL (self), NULL);

  if (g_strcmp0 (key, "in-vitro") == 0)
    return self->in_vitro;
  if (g_strcmp0 (key, "in-vivo") == 0)
    return self->in_vivo;
  if (g_strcmp0 (key, "diffusion") == 0)
    return self->diffusion;
  if (g_strcmp0 (key, "full-shaft") == 0)
    return self->full_shaft;
  if (g_strcmp0 (key, "thresholds-note") == 0)
    return self->thresholds_note;
  if (g_strcmp0 (key, "remeasure") == 0)
    return self->remeasure;
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Construction. */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

/* Fields first … last (inclusive) as rows of grid from *row. */
static void
attach_fields (SlModelPanel *self,
               GtkGrid      *grid,
               int           first,
               int           last,
               int          *row)
{
  g_autoptr(SlModelSpec) defaults = sl_model_spec_new ();

  for (int i = first; i <= last; i++)
    {
      const Field *f = &fields[i];
      double def = *field_ptr (defaults, f) * f->scale;
      g_autofree char *tip = g_strdup_printf ("%s\nDefault %g %s.", f->tip, def, f->unit);
      GtkWidget *label = _sl_model_panel_row_label (f->markup, tip);
      GtkSpinButton *spin = _sl_model_panel_new_spin (f->lo, f->hi, f->step, f->page, f->digits, f->key, tip);

      g_object_set_data (G_OBJECT (spin), "sl-field", (gpointer) f);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (spin));
      g_signal_connect (spin, "value-changed", G_CALLBACK (field_changed), self);
      gtk_size_group_add_widget (self->label_group, label);
      gtk_grid_attach (grid, label, 0, *row, 1, 1);
      gtk_grid_attach (grid, GTK_WIDGET (spin), 1, *row, 1, 1);
      gtk_grid_attach (grid, _sl_model_panel_unit_label (f->unit), 2, (*row)++, 1, 1);
      self->spins[i] = spin;
    }
}

static GtkWidget *
check_row (const char *text,
           const char *tip)
{
  GtkWidget *check = gtk_check_button_new_with_label (text);

  gtk_widget_set_tooltip_text (check, tip);
  return check;
}

static void
session_changed (SlWorkbench  *workbench,
                 const char   *label,
                 SlModelPanel *self)
{
  reload (self);
}

static void
model_ready (SlWorkbench  *workbench,
             SlModelPanel *self)
{
  reload (self);
}

static void
sl_model_panel_dispose (GObject *object)
{
  SlModelPanel *self = SL_MODEL_PANEL (object);

  if (self->workbench != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->workbench), (gpointer *) &self->workbench);
  self->workbench = NULL;
  _sl_model_panel_thresholds_dispose (self);
  G_OBJECT_CLASS (sl_model_panel_parent_class)->dispose (object);
}

static void
sl_model_panel_finalize (GObject *object)
{
  SlModelPanel *self = SL_MODEL_PANEL (object);

  g_clear_object (&self->label_group);
  g_ptr_array_unref (self->mech_spins);
  g_ptr_array_unref (self->slope_spins);
  g_array_unref (self->mech_scales);
  g_free (self->mech_layout);
  G_OBJECT_CLASS (sl_model_panel_parent_class)->finalize (object);
}

static void
sl_model_panel_class_init (SlModelPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_model_panel_dispose;
  object_class->finalize = sl_model_panel_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "modelpanel");
}

static GtkGrid *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  return GTK_GRID (grid);
}

static void
sl_model_panel_init (SlModelPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new ("Model");
  GtkWidget *presets, *note;
  GtkGrid *grid = new_grid ();
  int row = 0;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->label_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->mech_spins = g_ptr_array_new ();
  self->slope_spins = g_ptr_array_new ();
  self->mech_scales = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_widget_add_css_class (title, "heading");
  self->expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_expander_set_label_widget (self->expander, title);
  gtk_widget_set_tooltip_text (title, "The cell's physical parameters: extracellular calcium, "
                               "temperature, calcium handling, spine defaults and channel densities");

  gtk_grid_attach (grid, heading ("Environment"), 0, row++, 3, 1);
  attach_fields (self, grid, F_CA_O, F_CA_O, &row);
  presets = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (presets, "linked");
  gtk_box_set_homogeneous (GTK_BOX (presets), TRUE);
  self->in_vitro = gtk_button_new_with_label ("In vitro 2.0 mM");
  self->in_vivo = gtk_button_new_with_label ("In vivo 1.2 mM");
  gtk_widget_set_tooltip_text (self->in_vitro, "Ca_o = 2.0 mM, the slice ACSF of most plasticity "
                               "experiments (models.md §2.4)");
  gtk_widget_set_tooltip_text (self->in_vivo, "Ca_o = 1.2 mM, in vivo (1.0–1.3 mM, Chindemi et al. "
                               "2022; models.md §2.4)");
  g_signal_connect (self->in_vitro, "clicked", G_CALLBACK (preset_clicked), self);
  g_signal_connect (self->in_vivo, "clicked", G_CALLBACK (preset_clicked), self);
  gtk_box_append (GTK_BOX (presets), self->in_vitro);
  gtk_box_append (GTK_BOX (presets), self->in_vivo);
  gtk_grid_attach (grid, presets, 0, row++, 3, 1);
  gtk_grid_attach (grid, _sl_model_panel_thresholds_new (self), 0, row++, 3, 1);
  attach_fields (self, grid, F_CELSIUS, F_V_INIT, &row);

  gtk_grid_attach (grid, heading ("Calcium"), 0, row++, 3, 1);
  self->diffusion = check_row ("Diffusion along the dendrite",
                               "Calcium diffuses head ↔ neck ↔ shaft ↔ shaft (models.md §2.3). "
                               "Off isolates every spine, as in Chindemi et al. 2022.");
  g_signal_connect (self->diffusion, "toggled", G_CALLBACK (diffusion_toggled), self);
  gtk_grid_attach (grid, self->diffusion, 0, row++, 3, 1);
  attach_fields (self, grid, F_D_EFF, F_ETA_SHAFT, &row);
  self->full_shaft = check_row ("Full shaft volume",
                                "The shaft pool fills the whole dendrite cylinder instead of a "
                                "submembrane shell (models.md §2.2, a session option [U]).");
  g_signal_connect (self->full_shaft, "toggled", G_CALLBACK (full_shaft_toggled), self);
  gtk_grid_attach (grid, self->full_shaft, 0, row++, 3, 1);
  attach_fields (self, grid, F_SHELL, F_SHELL, &row);

  gtk_grid_attach (grid, heading ("Spines"), 0, row++, 3, 1);
  note = gtk_label_new ("Defaults, and every spine that has them");
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_grid_attach (grid, note, 0, row++, 3, 1);
  attach_fields (self, grid, F_HEAD_VOLUME, F_G_VDCC, &row);

  gtk_grid_attach (grid, heading ("Channels"), 0, row++, 3, 1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  self->channels = new_grid ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->channels));
  self->no_channels = gtk_label_new ("No mechanism lines: passive defaults.");
  gtk_label_set_xalign (GTK_LABEL (self->no_channels), 0);
  gtk_widget_add_css_class (self->no_channels, "dim-label");
  gtk_box_append (GTK_BOX (box), self->no_channels);

  gtk_widget_set_margin_top (box, 6);
  gtk_expander_set_child (self->expander, box);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->expander));
}

GtkWidget *
sl_model_panel_new (SlWorkbench *workbench)
{
  SlModelPanel *self;

  g_return_val_if_fail (SL_IS_WORKBENCH (workbench), NULL);

  self = g_object_new (SL_TYPE_MODEL_PANEL, NULL);
  self->workbench = workbench;
  g_object_add_weak_pointer (G_OBJECT (workbench), (gpointer *) &self->workbench);
  g_signal_connect_object (workbench, "session-changed", G_CALLBACK (session_changed), self, 0);
  g_signal_connect_object (workbench, "model-ready", G_CALLBACK (model_ready), self, 0);
  g_signal_connect_object (workbench, "failed", G_CALLBACK (session_changed), self, 0);
  reload (self);
  return GTK_WIDGET (self);
}
