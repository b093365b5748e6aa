/* sl-timeline.h: the protocol timeline — every stimulus of the session on
 * a shared time axis, one row per target, editable.
 *
 * Rows are the stimuli's targets in order of first use ("spine S",
 * "soma", a sequence's spines).  Trains are drawn as their events (ticks)
 * over blocks: bursts, the segments of a piecewise train with their rates
 * (the 25 → 50 Hz theta windows of Jang 2026), the repetitions of a
 * sequence, a current step as a bar; a pairing's somatic pulses as ticks
 * in the lower half of its row.  The simulated time is a cursor line.
 *
 * Editing: click selects, drag moves (start time), dragging the right
 * edge stretches (duration, spikes, bursts or repetitions), a double
 * click or Enter opens the parameters, Delete removes, Ctrl+C / Ctrl+V
 * copy and paste (after the original, same target), Ctrl+D duplicates,
 * Left / Right nudge by one snap step; the same as actions
 * timeline.edit, .delete, .copy, .paste, .duplicate, .nudge (i) and in
 * the right-click menu.  A click on a stimulus onto a spine selects the
 * spine in the view.  Every edit is a modified copy of the
 * workbench's session given to sl_workbench_edit_session, so it can be
 * undone.  Ctrl+scroll zooms around the pointer; the widget is
 * GtkScrollable (put it in a GtkScrolledWindow).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-workbench.h"

G_BEGIN_DECLS

#define SL_TYPE_TIMELINE (sl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SlTimeline, sl_timeline, SL, TIMELINE, GtkWidget)

typedef enum
{
  SL_TIMELINE_DRAG_NONE,
  SL_TIMELINE_DRAG_MOVE,     /* the start time */
  SL_TIMELINE_DRAG_STRETCH,  /* the right edge */
} SlTimelineDrag;

/* Reads and edits workbench's session (a weak reference). */
GtkWidget *sl_timeline_new           (SlWorkbench *workbench);

/* Re-reads the session's protocol (connected to "session-changed" and
 * "model-ready"; call after changing the session by other means). */
void       sl_timeline_refresh       (SlTimeline  *self);
/* The simulated time, ms (the cursor); when it runs out of view on the
 * right, the view pages after it. */
void       sl_timeline_set_time      (SlTimeline  *self,
                                      double       t);

int        sl_timeline_get_selected  (SlTimeline  *self);
/* index into the protocol's stimuli, −1 for none. */
void       sl_timeline_select        (SlTimeline  *self,
                                      int          index);

guint      sl_timeline_get_n_rows    (SlTimeline  *self);
const char *sl_timeline_get_row_label (SlTimeline *self,
                                       guint        row);
/* Row of stimulus index, −1 when there is no such stimulus. */
int        sl_timeline_get_row       (SlTimeline  *self,
                                      guint        index);
/* Extent of stimulus index in ms (start of its first event or pulse to
 * the end of its last burst, window or pulse; what a stretch moves). */
gboolean   sl_timeline_get_extent    (SlTimeline  *self,
                                      guint        index,
                                      double      *start,
                                      double      *end);
/* Its rectangle in widget coordinates (what a click hits; the right edge
 * is the stretch handle). */
gboolean   sl_timeline_get_stimulus_rect (SlTimeline      *self,
                                          guint            index,
                                          graphene_rect_t *rect);

/* Zoom in pixels per ms; 0 fits the whole protocol in the width (the
 * default, kept until the user zooms). */
void       sl_timeline_set_scale     (SlTimeline  *self,
                                      double       px_per_ms);
double     sl_timeline_get_scale     (SlTimeline  *self);
double     sl_timeline_time_to_x     (SlTimeline  *self,
                                      double       t);
/* Move and stretch steps snap to a round number of ms worth about 8 px
 * at the current zoom (1, 2 or 5 × 10^k ms). */
double     sl_timeline_get_snap      (SlTimeline  *self);

/* The drag gesture's three steps, in widget coordinates (tests drive
 * them directly).  begin returns what the press at (x, y) grabbed; end
 * commits the edit when the pointer moved by at least 3 px. */
SlTimelineDrag sl_timeline_drag_begin  (SlTimeline *self,
                                        double      x,
                                        double      y);
void       sl_timeline_drag_update   (SlTimeline  *self,
                                      double       dx,
                                      double       dy);
void       sl_timeline_drag_end      (SlTimeline  *self,
                                      double       dx,
                                      double       dy);

/* Edits of the selected stimulus; FALSE when nothing is selected (or the
 * clipboard is empty). */
gboolean   sl_timeline_delete_selected    (SlTimeline *self);
gboolean   sl_timeline_copy_selected      (SlTimeline *self);
gboolean   sl_timeline_paste              (SlTimeline *self);
gboolean   sl_timeline_duplicate_selected (SlTimeline *self);
/* Moves the selection by steps snap steps (Left / Right keys). */
gboolean   sl_timeline_nudge_selected     (SlTimeline *self,
                                           int         steps);
/* The parameter popover of the selection (NULL when none). */
GtkWidget *sl_timeline_edit_selected      (SlTimeline *self);

G_END_DECLS
