/* sl-timeline-private.h: the timeline's instance, what it draws of one
 * stimulus, and the edits its gestures and popover make — shared by
 * sl-timeline.c (widget, input, drags), sl-timeline-edit.c (the other
 * edits), sl-timeline-draw.c (cairo),
 * sl-timeline-layout.c (geometry, edits) and sl-timeline-editor.c. */
#pragma once

#include "sl-spec.h"
#include "sl-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  SL_BLOCK_TRAIN,    /* a regular or Poisson stretch */
  SL_BLOCK_BURST,    /* one burst */
  SL_BLOCK_SEGMENT,  /* one segment of a piecewise window (rate shown) */
  SL_BLOCK_STEP,     /* a current step */
  SL_BLOCK_REPEAT,   /* one repetition of a sequence */
} SlBlockKind;

typedef struct
{
  SlBlockKind kind;
  double      t0, t1;  /* ms */
  double      rate;    /* Hz, segments */
} SlTimelineBlock;

typedef struct
{
  int     row;
  double  start, end;   /* ms: the extent a move shifts and a stretch sets */
  double  draw_end;     /* ms: including a pairing's somatic pulses */
  GArray *blocks;       /* (SlTimelineBlock) */
  GArray *ticks;        /* (double) presynaptic events or pulse onsets, ms */
  GArray *post;         /* (double) pairing: somatic pulse onsets, ms */
  char   *label;        /* "θ-burst ×10", "25 → 50 Hz ×10" */
  gboolean stretchable;
} SlTimelineItem;

void  _sl_timeline_item_clear (SlTimelineItem *item);
/* Fills item (cleared first) for stimulus s; tstop (ms, ≤ 0 none) cuts
 * open-ended trains.  row is left to the caller. */
void  _sl_timeline_item_build (SlTimelineItem       *item,
                               const SlStimulusSpec *s,
                               double                tstop);
/* The row key and its display label of a stimulus (transfer full). */
char *_sl_timeline_row_key    (const SlStimulusSpec *s);
char *_sl_timeline_row_label  (const char           *key);

/* Shifts s by delta ms (its start at 0 at the earliest). */
void  _sl_timeline_move       (SlStimulusSpec       *s,
                               double                delta);
/* Sets the end of s near `end` ms: duration, spike, burst or repetition
 * count; item is s's current geometry. */
void  _sl_timeline_stretch    (SlStimulusSpec       *s,
                               const SlTimelineItem *item,
                               double                end,
                               double                min_dur);
/* After an edit of old into edited: when a stimulus now ends after
 * tstop, tstop grows so the run still covers every stimulus with the
 * margin old had after its last one. */
void  _sl_timeline_fit_tstop  (SlProtocolSpec       *edited,
                               const SlProtocolSpec *old);
/* Appends a deep copy of src to stimuli (transfer: the copy lives in the
 * array) and returns it. */
SlStimulusSpec *_sl_timeline_append_copy (GArray               *stimuli,
                                          const SlStimulusSpec *src);

/* The widget (sl-timeline.c), px in widget coordinates. */
#define AXIS_H   22.0   /* px, time axis at the top */
#define LABEL_W  112.0  /* px, row labels at the left */
#define ROW_H    36.0   /* px: a line of text over the blocks */
#define ROW_MIN  18.0   /* px: rows shrink to this to show more of them */
#define TEXT_H   12.0   /* px, that line (over the blocks in rows < 30 px) */
#define MARGIN   12.0   /* px right of the last stimulus when fitted */
#define EDGE_PX  6.0    /* px either side of a right edge that stretch */
#define DRAG_MIN 3.0    /* px a drag must move to edit */
#define MIN_MS   100.0  /* shortest time axis, ms */

struct _SlTimeline
{
  GtkWidget       parent_instance;

  SlWorkbench    *workbench;     /* weak */
  GArray         *items;         /* (SlTimelineItem) one per stimulus, in protocol order */
  GPtrArray      *row_keys;      /* (char *) targets in order of first use */
  GPtrArray      *row_labels;    /* (char *) row_keys->len */
  double          t_content;     /* ms the axis spans */
  double          scale;         /* px per ms */
  gboolean        fit;           /* the scale follows the width */
  double          time;          /* ms, cursor */
  double          drawn_time;    /* ms, cursor of the last drawn frame */
  int             selected;      /* stimulus index, −1 */
  double          pointer_x;     /* px, last pointer position (zoom centre) */
  double          row_h;         /* px, ROW_H or less when the rows would not fit */

  SlTimelineDrag  drag;
  int             drag_index;
  double          drag_delta;    /* ms, snapped */
  SlTimelineItem  preview;       /* the dragged stimulus as it would become */
  gboolean        have_preview;

  SlProtocolSpec *clipboard;     /* one stimulus, or NULL */
  GtkAdjustment  *hadj, *vadj;   /* px */
  GtkScrollablePolicy hpolicy, vpolicy;
  GtkWidget      *editor;        /* popover, NULL when closed */
  GtkWidget      *menu;          /* context popover, NULL until the first right click */
};

/* Time (ms) at x; top of a row; the item of stimulus index as drawn
 * (the drag preview while dragging it), NULL past the end; the session
 * shown (NULL without a workbench). */
double                _sl_timeline_x_to_time (SlTimeline *self,
                                              double      x);
double                _sl_timeline_row_y     (SlTimeline *self,
                                              int         row);
const SlTimelineItem *_sl_timeline_item_at   (SlTimeline *self,
                                              guint       index);
SlSession            *_sl_timeline_session   (SlTimeline *self);
/* Enables the timeline.* actions that need a selection or a clipboard. */
void                  _sl_timeline_update_actions (SlTimeline *self);
/* _sl_timeline_move, and a piecewise train whose windows are ps's theta
 * cycles carries the theta clock along. */
void                  _sl_timeline_move_with_clock (SlProtocolSpec *ps,
                                                    SlStimulusSpec *st,
                                                    double          delta);
/* The stimulus under (x, y), the topmost first; *edge when on its
 * stretchable right edge; -1 when none. */
int                   _sl_timeline_hit       (SlTimeline *self,
                                              double      x,
                                              double      y,
                                              gboolean   *edge);
/* A drag of dx px as a time shift snapped to the zoom's step, ms. */
double                _sl_timeline_snap_delta (SlTimeline *self,
                                               double      dx);
/* sl-timeline-draw.c: GtkWidget.snapshot. */
void                  _sl_timeline_snapshot  (GtkWidget   *widget,
                                              GtkSnapshot *snapshot);

/* The parameter popover (sl-timeline-editor.c): fields of stimulus
 * `index` of the workbench's session, "Apply" edits a copy. */
GtkWidget *_sl_timeline_editor_new (SlWorkbench *workbench,
                                    guint        index);

G_END_DECLS
