/* sl-workbench.h: the interactive part of the window — session, compiled
 * model, engine thread and the panels that drive them.
 *
 * An SlWorkbench is a plain controller: it owns an SlSession (spec +
 * protocol), compiles it (in a GTask, never blocking the GTK thread),
 * owns the SlRunner, and builds the widgets the window places: the view
 * overlay (spines, selection, colour bar), the sidebar (inspector, rule
 * picker), the plots (traces, Δw along the branch) and the run controls
 * for the header bar.  A tick callback on the 3D view pulls the newest
 * snapshot and colours the cell by Ca, V, w or Δw.
 *
 * Actions (insert with sl_workbench_attach): run.play-pause (Space),
 * run.step (period), run.reset (Ctrl+R), run.speed (string: "0.01" …
 * "10", "max"), view.color-by (string: "ca", "v", "w", "dw"),
 * stim.add (string: "theta-burst", "regular", "25-50", "pairing",
 * "iclamp", "sequence": the inspector's form with its current values,
 * onto the selection; also offered by a right click on the view),
 * edit.undo (Ctrl+Z), edit.redo (Ctrl+Shift+Z).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-history.h"
#include "sl-inspector.h"
#include "sl-lesson-panel.h"
#include "sl-morphology-view.h"
#include "sl-plot-view.h"
#include "sl-rule-picker.h"
#include "sl-runner.h"
#include "sl-session.h"
#include "sl-view-overlay.h"

G_BEGIN_DECLS

#define SL_TYPE_WORKBENCH (sl_workbench_get_type ())
G_DECLARE_FINAL_TYPE (SlWorkbench, sl_workbench, SL, WORKBENCH, GObject)

typedef enum
{
  SL_COLOR_BY_CA,
  SL_COLOR_BY_V,
  SL_COLOR_BY_W,
  SL_COLOR_BY_DW,
} SlColorBy;

/* Spine densities of the default session (per µm of dendrite): low enough
 * that the L5 cell runs near real time on one core. */
#define SL_WORKBENCH_DENSITY_BASAL   0.1
#define SL_WORKBENCH_DENSITY_OBLIQUE 0.1
#define SL_WORKBENCH_DENSITY_TUFT    0.05

SlWorkbench *sl_workbench_new             (SlMorphologyView *view);

/* Action groups "run" and "view" and the keyboard shortcuts on widget
 * (the window). */
void         sl_workbench_attach          (SlWorkbench      *self,
                                           GtkWidget        *widget);

GtkWidget   *sl_workbench_get_overlay     (SlWorkbench      *self);
GtkWidget   *sl_workbench_get_sidebar     (SlWorkbench      *self);
/* At the top of the sidebar: the session's lesson (title, teaching text,
 * expected outcome), hidden when the session is not a lesson. */
SlLessonPanel *sl_workbench_get_lesson_panel (SlWorkbench   *self);
GtkWidget   *sl_workbench_get_plots_panel (SlWorkbench      *self);
GtkWidget   *sl_workbench_get_run_controls (SlWorkbench     *self);
GtkWidget   *sl_workbench_get_color_selector (SlWorkbench   *self);

/* A default session on morph (spines by density on basal, oblique and
 * tuft; rules per region from the spec defaults), compiled in a worker
 * thread; "model-ready" or "failed" (message) follows.  morphology_ref is
 * what the session file will name ("bundled:NAME" or a path); densities
 * < 0 take the defaults above. */
void         sl_workbench_set_morphology  (SlWorkbench      *self,
                                           SlMorphology     *morph,
                                           const char       *morphology_ref,
                                           double            density_scale);
/* Every edit of the session goes through here (timeline, undo/redo,
 * spine add/remove): edited (transfer full) is a modified copy of
 * sl_workbench_get_session (); label names the edit ("Move stimulus").
 * A protocol-only edit is installed on the running engine at once (t
 * and the state kept); a model edit is compiled in a worker and swapped
 * in live when the structure is the same (a parameter), else the model
 * is replaced and the run restarts at t = 0 (spines, another rule).  Emits "session-changed" (label), as do
 * the edits the inspector and the rule picker make in place. */
void         sl_workbench_edit_session    (SlWorkbench      *self,
                                           SlSession        *edited,
                                           const char       *label);
/* Takes ownership of session; the morphology is loaded from it. */
void         sl_workbench_set_session     (SlWorkbench      *self,
                                           SlSession        *session);
gboolean     sl_workbench_get_busy        (SlWorkbench      *self);

/* Undo / redo the last session edit (every "session-changed" is one;
 * opening a session forgets them).  The restored session is installed
 * like an edit and "session-changed" says "Undo LABEL" / "Redo LABEL".
 * FALSE when there is nothing to undo or redo. */
gboolean     sl_workbench_undo            (SlWorkbench      *self);
gboolean     sl_workbench_redo            (SlWorkbench      *self);
SlHistory   *sl_workbench_get_history     (SlWorkbench      *self);
/* The protocol timeline (an SlTimeline, sl-timeline.h), in the plots
 * panel. */
GtkWidget   *sl_workbench_get_timeline    (SlWorkbench      *self);

void         sl_workbench_select          (SlWorkbench      *self,
                                           SlSelectionKind   kind,
                                           int               index);
/* Selects what is under (x, y) of the view; Ctrl adds a spine to the
 * multi-selection (for sequences). */
SlSelectionKind sl_workbench_pick         (SlWorkbench      *self,
                                           double            x,
                                           double            y,
                                           gboolean          extend);
void         sl_workbench_set_color_by    (SlWorkbench      *self,
                                           SlColorBy         what);

SlRunner     *sl_workbench_get_runner     (SlWorkbench      *self);
SlModel      *sl_workbench_get_model      (SlWorkbench      *self);
SlSession    *sl_workbench_get_session    (SlWorkbench      *self);
SlInspector  *sl_workbench_get_inspector  (SlWorkbench      *self);
SlPlotView   *sl_workbench_get_plot_view  (SlWorkbench      *self);
SlRulePicker *sl_workbench_get_rule_picker (SlWorkbench     *self);
SlViewOverlay *sl_workbench_get_view_overlay (SlWorkbench   *self);
/* Preferences (colour-by, last-folder); NULL when the schema is not
 * installed. */
GSettings    *sl_workbench_get_settings   (SlWorkbench      *self);
/* Spines by hand, as session edits (the run restarts at t = 0): a spine
 * placed at xyz (µm, snapped to the nearest cable; *id_out its new id,
 * selected once compiled), or spine index `spine` removed with the
 * stimuli, recordings and rule overrides that name it.  Actions
 * spine.add (at the last right click on a dendrite) and spine.remove
 * (the selected spine), offered by the view's right-click menu. */
gboolean      sl_workbench_add_spine      (SlWorkbench      *self,
                                           const double      xyz[3],
                                           char            **id_out,
                                           GError          **error);
gboolean      sl_workbench_remove_spine   (SlWorkbench      *self,
                                           int               spine,
                                           GError          **error);
/* Colour range: automatic (view.auto-range, the default: grows with the
 * run) or fixed per variable (µM for Ca, mV for V; lo < hi, else an
 * error).  Kept in GSettings.  The range button (a popover with the
 * switch and two spin buttons) goes next to the colour selector. */
void          sl_workbench_set_auto_range (SlWorkbench      *self,
                                           gboolean          automatic);
gboolean      sl_workbench_get_auto_range (SlWorkbench      *self);
gboolean      sl_workbench_set_fixed_range (SlWorkbench     *self,
                                            SlColorBy        what,
                                            double           lo,
                                            double           hi,
                                            GError         **error);
void          sl_workbench_get_fixed_range (SlWorkbench     *self,
                                            SlColorBy        what,
                                            double          *lo,
                                            double          *hi);
GtkWidget    *sl_workbench_get_range_button (SlWorkbench    *self);
/* The colour bar's range at the last colouring (display units). */
void          sl_workbench_get_color_range (SlWorkbench     *self,
                                            double          *lo,
                                            double          *hi);
/* Live model edits: how many were swapped into the running engine, how
 * many had to restart it (a structural change), and the time from the
 * last edit to its swap being sent to the runner (µs; −1 before any).
 * "model-swapped" is emitted after a swap. */
guint         sl_workbench_get_n_live_swaps (SlWorkbench   *self);
guint         sl_workbench_get_n_restarts  (SlWorkbench    *self);
gint64        sl_workbench_get_live_latency (SlWorkbench   *self);
/* Frames coloured since the model was installed (tests, benchmarks). */
guint64       sl_workbench_get_n_colored  (SlWorkbench      *self);

G_END_DECLS
