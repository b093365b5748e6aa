/* sl-export.h: the window's exports of the figure, the 3D view and the
 * recordings (run.export-figure, run.export-view, run.export-recordings
 * in the primary menu), drawn with render/sl-figure.h — the code of
 * `spinelab figure` — and written with the CSV writer of `spinelab run`.
 *
 * Figure and recordings run the current session headless from t = 0 to
 * the runner's t (the session's tstop while t = 0) in a worker thread;
 * the view is drawn in a worker from the newest snapshot with the view's
 * camera, colouring and range.  The file chooser only supplies the path;
 * the outcome shows as the run controls' note.
 */
#pragma once

#include <gio/gio.h>

#include "sl-workbench.h"

G_BEGIN_DECLS

typedef enum
{
  SL_EXPORT_FIGURE,      /* composed figure: .png, .svg or .pdf */
  SL_EXPORT_VIEW,        /* the 3D view: .png (png_scale × the view's size), .svg or .pdf */
  SL_EXPORT_RECORDINGS,  /* CSV as `spinelab run --out` */
} SlExportKind;

/* Starts an export to path; png_scale is the view's PNG in pixels per
 * pixel of the view on screen (0: 2; the file chooser offers 1, 2, 4);
 * callback (may be NULL) runs on the main
 * loop when the file is written or the export failed, after the note is
 * set.  Errors (no model, nothing recorded, an unwritable path, an
 * unknown extension) come from sl_export_finish. */
void     sl_export_start       (SlWorkbench         *workbench,
                                SlExportKind         kind,
                                const char          *path,
                                double               png_scale,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
gboolean sl_export_finish      (SlWorkbench         *workbench,
                                GAsyncResult        *result,
                                GError             **error);

/* Adds export-figure, export-view and export-recordings to map (the
 * workbench's run group). */
void     sl_export_add_actions (SlWorkbench         *workbench,
                                GActionMap          *map);

G_END_DECLS
