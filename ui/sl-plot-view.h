/* sl-plot-view.h: live traces of the soma and of the watched spines.
 *
 * Three stacked plots drawn with render's sl_plot_draw: V (soma and spine
 * heads, mV), [Ca] in the heads (µM) and the weight w, over a scrolling
 * window of simulated time.  Frames come from an SlRunner's trace ring,
 * pulled in a frame-clock tick callback; a new run (reset, replaced model)
 * clears the traces.  Frames older than the window are kept, decimated,
 * back to the start of the replay history, so that a scrubbed replay
 * still draws its traces (SlTraceStore: at most 16384 archived frames,
 * 3.5 MB, beside the window at full resolution).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-runner.h"

G_BEGIN_DECLS

#define SL_TYPE_PLOT_VIEW (sl_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (SlPlotView, sl_plot_view, SL, PLOT_VIEW, GtkWidget)

GtkWidget *sl_plot_view_new          (void);

/* Borrowed: the caller keeps the runner alive while it is set, and sets
 * NULL before freeing it.  Setting a runner clears the traces. */
void       sl_plot_view_set_runner   (SlPlotView  *self,
                                      SlRunner    *runner);
/* The spines whose traces are shown (and watched on the runner), with a
 * legend label each; n ≤ SL_RUNNER_MAX_WATCH. */
void       sl_plot_view_set_watched  (SlPlotView  *self,
                                      const int   *spines,
                                      const char * const *labels,
                                      guint        n);
guint      sl_plot_view_get_n_watched (SlPlotView *self);

/* Width of the time window, ms (default 500). */
void       sl_plot_view_set_window_ms (SlPlotView *self,
                                       double      window_ms);
double     sl_plot_view_get_window_ms (SlPlotView *self);

void       sl_plot_view_clear        (SlPlotView  *self);

/* Replay: the traces end at t_ms (the plots show the run up to that
 * moment); NAN returns to live. */
void       sl_plot_view_set_cursor   (SlPlotView  *self,
                                      double       t_ms);

/* Replay: frames older than t_ms (the start of the replay history) may
 * be forgotten; NAN keeps all.  Frames older than the time window are
 * kept, decimated, back to there (sl-trace-store.h). */
void       sl_plot_view_keep_from    (SlPlotView  *self,
                                      double       t_ms);

/* Frames held, full-resolution and archived (for tests); *t_last gets
 * the newest t (NAN when empty). */
guint      sl_plot_view_get_n_frames (SlPlotView  *self,
                                      double      *t_last);
/* The frames the plots draw now (the window ending at the cursor, or
 * live at the newest frame) and their first and last t (NAN when none). */
guint      sl_plot_view_get_n_drawn  (SlPlotView  *self,
                                      double      *t_first,
                                      double      *t_last);
/* Bytes held for trace frames, and how many frames of the run one
 * archived frame stands for. */
gsize      sl_plot_view_get_trace_bytes  (SlPlotView *self);
guint      sl_plot_view_get_trace_stride (SlPlotView *self);
/* The newest value of a watched slot: 0 = V_head (mV), 1 = [Ca] (µM),
 * 2 = w; NAN when there is none. */
double     sl_plot_view_get_last     (SlPlotView  *self,
                                      guint        slot,
                                      guint        what);

/* Draws the three plots into cr (also used for export). */
void       sl_plot_view_draw         (SlPlotView  *self,
                                      cairo_t     *cr,
                                      double       width,
                                      double       height,
                                      gboolean     dark);

G_END_DECLS
