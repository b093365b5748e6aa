/* sl-timeline-private.h: what the timeline draws of one stimulus, and the
 * edits its gestures and popover make — shared by sl-timeline.c (widget),
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

/* The parameter popover (sl-timeline-editor.c): fields of stimulus
 * `index` of the workbench's session, "Apply" edits a copy. */
GtkWidget *_sl_timeline_editor_new (SlWorkbench *workbench,
                                    guint        index);

G_END_DECLS
