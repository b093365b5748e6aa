/* sl-model-panel-private.h: the SlModelPanel instance and the helpers
 * shared by sl-model-panel.c (environment, calcium, spines) and
 * sl-model-panel-channels.c (mechanism lines). */
#pragma once

#include <gtk/gtk.h>

#include "sl-model-panel.h"
#include "sl-session.h"

G_BEGIN_DECLS

/* Rows of the environment, calcium and spine parts (sl-model-panel.c). */
#define SL_MODEL_PANEL_N_FIELDS 15

struct _SlModelPanel
{
  GtkBox          parent_instance;

  SlWorkbench    *workbench;     /* weak */
  GtkExpander    *expander;
  GtkSpinButton  *spins[SL_MODEL_PANEL_N_FIELDS];
  GtkWidget      *in_vitro, *in_vivo;
  GtkWidget      *thresholds_row;  /* shown when the session has Chindemi thresholds */
  GtkWidget      *thresholds_note; /* at which Ca_o they were measured, or "Measuring…" */
  GtkWidget      *thresholds_spinner, *remeasure;
  GCancellable   *calibration;     /* the running re-measurement, NULL when none */
  double          calibration_ca_o;  /* mM, its Ca_o */
  gint           *calibration_permille;  /* (shared with its worker) progress, ‰ */
  guint           calibration_poll;  /* timeout that shows it, 0 when none */
  GHashTable     *thresholds_at;   /* (c_pre/c_post values → SlModelSpec) the model they were measured on, rule parameters but ρ0 left out */
  GtkWidget      *diffusion, *full_shaft;
  GtkSizeGroup   *label_group;   /* first column of both grids */
  GtkGrid        *channels;      /* rebuilt when the mechanism lines change */
  GtkWidget      *no_channels;
  GPtrArray      *mech_spins;    /* (GtkSpinButton or NULL) value of line i */
  GPtrArray      *slope_spins;   /* (GtkSpinButton or NULL) slope of line i, per 100 µm */
  GArray         *mech_scales;   /* (double) display = value × scale (1 or 1e3 for mS/cm²) */
  char           *mech_layout;   /* what the channel rows were built for */
  gboolean        updating;      /* set while we change widgets ourselves */
};

/* A copy of the workbench's session (transfer full), NULL without one. */
SlSession     *_sl_model_panel_session_copy (SlModelPanel  *self);
/* Installs copy (transfer full) through sl_workbench_edit_session, unless
 * sl_model_spec_validate refuses it: then "failed" carries the message
 * to the banner and the panel shows the session again. */
void           _sl_model_panel_commit       (SlModelPanel  *self,
                                             SlSession     *copy,
                                             const char    *label);
gboolean       _sl_model_panel_same_value   (double         a,
                                             double         b);
/* old and new show the same digits in spin: no edit. */
gboolean       _sl_model_panel_same_shown   (GtkSpinButton *spin,
                                             double         old_display,
                                             double         new_display);
/* Shows value, the range widened to include it. */
void           _sl_model_panel_spin_show    (GtkSpinButton *spin,
                                             double         value,
                                             double         lo,
                                             double         hi);
GtkWidget     *_sl_model_panel_row_label    (const char    *markup,
                                             const char    *tip);
GtkWidget     *_sl_model_panel_unit_label   (const char    *unit);
GtkSpinButton *_sl_model_panel_new_spin     (double         lo,
                                             double         hi,
                                             double         step,
                                             double         page,
                                             int            digits,
                                             const char    *name,
                                             const char    *tip);
/* The Chindemi thresholds line (sl-model-panel-thresholds.c): built once,
 * shown for spec, re-measured after a Ca_o edit; dispose cancels. */
GtkWidget     *_sl_model_panel_thresholds_new        (SlModelPanel      *self);
void           _sl_model_panel_thresholds_load       (SlModelPanel      *self,
                                                      const SlModelSpec *spec);
void           _sl_model_panel_thresholds_ca_o_changed (SlModelPanel    *self);
void           _sl_model_panel_thresholds_dispose    (SlModelPanel      *self);
/* The channel rows for spec: rebuilt when its mechanism lines changed,
 * then filled with its values (sl-model-panel-channels.c). */
void           _sl_model_panel_load_channels (SlModelPanel      *self,
                                              const SlModelSpec *spec);

G_END_DECLS
