/* sl-sweep-dialog.h: the "Sweep…" window — choose a parameter of the
 * session (Δt, frequency, spine distance, Ca_o, or any path of
 * sl-sweep.h) and its values, run every point in parallel in a GTask
 * worker (the GTK thread never waits), watch a progress bar, cancel, and
 * see the result drawn with render/sl-sweep-plot; "Save CSV…" and "Save
 * Figure…" write the table and the plot.
 *
 * Also the workbench actions run.sweep (opens the dialog on a copy of the
 * current session) and run.export-spines ("Export Spine Table (CSV)…" of
 * the current run, from the runner's newest snapshot).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-session.h"
#include "sl-sweep.h"
#include "sl-workbench.h"

G_BEGIN_DECLS

#define SL_TYPE_SWEEP_DIALOG (sl_sweep_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SlSweepDialog, sl_sweep_dialog, SL, SWEEP_DIALOG, GtkWindow)

/* A dialog on a copy of session, transient for parent (may be NULL). */
SlSweepDialog       *sl_sweep_dialog_new          (GtkWindow       *parent,
                                                   const SlSession *session);

/* What the controls hold: the parameter path and the values text
 * ("A:B:STEP" or "v1,v2,…"). */
void                 sl_sweep_dialog_set_param    (SlSweepDialog   *self,
                                                   const char      *param);
void                 sl_sweep_dialog_set_values   (SlSweepDialog   *self,
                                                   const char      *values);
/* Runs with the controls' values; FALSE with an error (bad values,
 * already running) without starting.  "progress" (done, total) follows
 * in the GTK thread as points finish, then "finished" (ok, message). */
gboolean             sl_sweep_dialog_start        (SlSweepDialog   *self,
                                                   GError         **error);
void                 sl_sweep_dialog_cancel       (SlSweepDialog   *self);
gboolean             sl_sweep_dialog_is_running   (SlSweepDialog   *self);
/* The progress bar's fraction (points done / total). */
double               sl_sweep_dialog_get_fraction (SlSweepDialog   *self);
/* The last completed sweep, NULL before one. */
const SlSweepResult *sl_sweep_dialog_get_result   (SlSweepDialog   *self);

gboolean             sl_sweep_dialog_save_csv     (SlSweepDialog   *self,
                                                   const char      *path,
                                                   GError         **error);
gboolean             sl_sweep_dialog_save_figure  (SlSweepDialog   *self,
                                                   const char      *path,
                                                   GError         **error);

/* The spine table (sl-spine-table.h) of the workbench's current run: w
 * and Δw from the runner's newest snapshot (single precision), w0 = w − Δw. */
gboolean             sl_sweep_export_spine_table  (SlWorkbench     *workbench,
                                                   const char      *path,
                                                   GError         **error);

/* Adds "sweep" and "export-spines" to map (the workbench's run group). */
void                 sl_sweep_dialog_add_actions  (SlWorkbench     *workbench,
                                                   GActionMap      *map);

G_END_DECLS
