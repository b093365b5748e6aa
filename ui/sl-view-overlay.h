/* sl-view-overlay.h: what the workbench puts over the 3D view — the colour
 * bar with its units and the ring around a selected dendrite node or soma
 * — and the workbench's door to the view's spines: values, colour map,
 * selection and stimulus marks set here are passed on to the view, which
 * draws the spines in its GL pass (depth-tested against the cell).  Picking:
 * the spine, dendrite node or soma under a point of the view.
 *
 * Positions are projected with the view's own camera, so the overlay
 * follows orbit, pan and zoom; it redraws on the view's "frame-rendered".
 * It never takes pointer events (the view keeps orbiting).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-colormap.h"
#include "sl-inspector.h"
#include "sl-model.h"
#include "sl-morphology-view.h"

G_BEGIN_DECLS

#define SL_TYPE_VIEW_OVERLAY (sl_view_overlay_get_type ())
G_DECLARE_FINAL_TYPE (SlViewOverlay, sl_view_overlay, SL, VIEW_OVERLAY, GtkWidget)

GtkWidget *sl_view_overlay_new            (SlMorphologyView *view);

/* Takes a reference; clears values, selection and marks. */
void       sl_view_overlay_set_model      (SlViewOverlay    *self,
                                           SlModel          *model);
/* n_spines values (copied); NULL draws the spines grey. */
void       sl_view_overlay_set_spine_values (SlViewOverlay  *self,
                                             const float    *values,
                                             int             n);
void       sl_view_overlay_set_colorbar   (SlViewOverlay    *self,
                                           SlColormap        map,
                                           double            lo,
                                           double            hi,
                                           const char       *label);
void       sl_view_overlay_set_selection  (SlViewOverlay    *self,
                                           SlSelectionKind   kind,
                                           int               index);
/* Spines that receive a stimulus (n_spines booleans, copied; NULL none). */
void       sl_view_overlay_set_marked     (SlViewOverlay    *self,
                                           const gboolean   *marked);

/* The thing drawn nearest to (x, y) in widget coordinates (those of the
 * view: the overlay covers it exactly), within a few pixels: the spine
 * nearest the eye among those under the point that are not hidden by the
 * cable, else the cable.  SL_SELECTION_NONE when nothing is near. */
SlSelectionKind sl_view_overlay_pick      (SlViewOverlay    *self,
                                           double            x,
                                           double            y,
                                           int              *index);
/* Where a spine head is drawn (widget coordinates); FALSE when clipped or
 * hidden behind the cable or soma. */
gboolean   sl_view_overlay_spine_position (SlViewOverlay    *self,
                                           int               spine,
                                           double           *x,
                                           double           *y);

G_END_DECLS
