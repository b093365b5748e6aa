/* sl-model-panel.h: the model's physical parameters in the sidebar.
 *
 * SlModelPanel is a collapsible "Model" group (a GtkExpander, collapsed
 * at first) with four parts: Environment (Ca_o with the in vitro 2.0 mM /
 * in vivo 1.2 mM presets, temperature, v_init), Calcium (diffusion,
 * D_eff, τ and η of head and shaft, shell depth), Spines (the defaults:
 * head volume, neck length and diameter, g_AMPA, NMDA ratio, g_VDCC) and
 * Channels (one row per mechanism line of the spec, its value and the
 * slope of a linear profile).
 *
 * Every change is a copy of the workbench's session with that one value
 * changed, handed to sl_workbench_edit_session (undo, dirty marker,
 * autosave and the live recompile follow).  A copy the spec's own checks
 * refuse is not installed: the workbench's "failed" carries the message
 * to the window banner and the panel shows the session's value again.
 * The panel reloads itself on the workbench's "session-changed" and
 * "model-ready".
 *
 * A Ca_o edit on a session whose Chindemi rules hold thresholds (c_pre,
 * c_post) re-measures them at the new Ca_o in a worker thread
 * (sl_chindemi_calibrate) and installs them as a second edit, "Re-measure
 * thresholds at X mM"; a newer Ca_o edit cancels it, an error goes to the
 * banner (sl-model-panel-thresholds.c).
 *
 * A spine default applies to the defaults and to every spine group and
 * placed spine whose value was the old default; spines set otherwise in
 * the session keep theirs.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-spec.h"

G_BEGIN_DECLS

typedef struct _SlWorkbench SlWorkbench;

#define SL_TYPE_MODEL_PANEL (sl_model_panel_get_type ())
G_DECLARE_FINAL_TYPE (SlModelPanel, sl_model_panel, SL, MODEL_PANEL, GtkBox)

/* workbench is not referenced: it owns the panel. */
GtkWidget     *sl_model_panel_new          (SlWorkbench  *workbench);
/* Shows spec's values (rebuilds the channel rows when its mechanism
 * lines changed); does not edit anything. */
void           sl_model_panel_load         (SlModelPanel      *self,
                                            const SlModelSpec *spec);
gboolean       sl_model_panel_get_expanded (SlModelPanel *self);
void           sl_model_panel_set_expanded (SlModelPanel *self,
                                            gboolean      expanded);
/* The spin button of a value, by key: "ca_o", "celsius", "v_init",
 * "d_eff" (µm²/s), "tau_head", "tau_shaft", "eta_head", "eta_shaft",
 * "shell_depth", "head_volume", "neck_length", "neck_diam", "g_ampa"
 * (nS), "nmda_ratio", "g_vdcc", "mech:N" (mechanism line N's value, in
 * mS/cm² for a conductance below 0.1 S/cm², else the spec's unit),
 * "mech:N:slope" (a linear profile's slope per 100 µm, same unit); NULL
 * when there is none. */
GtkSpinButton *sl_model_panel_get_spin     (SlModelPanel *self,
                                            const char   *key);
/* "in-vitro", "in-vivo" (buttons), "diffusion", "full-shaft" (check
 * buttons), "thresholds-note" (the label shown when the session holds
 * Chindemi thresholds measured at one Ca_o: where, or "Measuring…"),
 * "remeasure" (its button, shown when they are stale); NULL otherwise. */
GtkWidget     *sl_model_panel_get_button   (SlModelPanel *self,
                                            const char   *key);

G_END_DECLS
