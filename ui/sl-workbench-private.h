/* sl-workbench-private.h: the SlWorkbench instance, shared by
 * sl-workbench.c (session, compile, colouring, panels) and
 * sl-workbench-actions.c (run and view actions). */
#pragma once

#include "sl-branch-bars.h"
#include "sl-history.h"
#include "sl-workbench.h"

G_BEGIN_DECLS

/* A compile in a worker thread (the initial one and the live
 * recompiles after a model edit share it). */
typedef struct
{
  SlSession    *session;     /* copy */
  SlMorphology *morph;       /* NULL: loaded from the session by the thread */
  SlModel      *model;       /* results */
  SlProtocol   *protocol;
  guint         generation;  /* live recompiles: of the edit */
  gint64        started_us;  /* live recompiles: monotonic, when the edit was made */
} SlWorkbenchCompileJob;

void _sl_workbench_compile_job_free (SlWorkbenchCompileJob *job);
/* GTaskThreadFunc: loads the morphology if job->morph is NULL, compiles
 * model and protocol into the job. */
void _sl_workbench_compile_thread  (GTask                 *task,
                                    gpointer               source,
                                    gpointer               data,
                                    GCancellable          *cancellable);

#define SL_WORKBENCH_N_SPEEDS 7
#define SL_WORKBENCH_N_COLORS 4

/* Real-time factors of the speed menu (0 = as fast as possible) and the
 * ids of the colour-by choices, in SlColorBy order. */
extern const double _sl_workbench_speeds[SL_WORKBENCH_N_SPEEDS];
extern const char * const _sl_workbench_color_ids[SL_WORKBENCH_N_COLORS];

struct _SlWorkbench
{
  GObject           parent_instance;

  SlMorphologyView *view;         /* weak */
  guint             tick_id;
  SlViewOverlay    *overlay;      /* the widgets below are owned (sunk refs) */
  GtkWidget        *sidebar;
  GtkWidget        *plots_panel;
  GtkWidget        *run_controls;
  GtkWidget        *color_selector;
  SlInspector      *inspector;
  SlRulePicker     *picker;
  SlPlotView       *plots;
  SlBranchBars     *bars;
  GtkButton        *play_button;
  GtkLabel         *time_label;
  GtkDropDown      *speed;
  GSimpleActionGroup *run_actions;
  GSimpleActionGroup *view_actions;
  GtkWidget        *context_menu; /* popover on the view, NULL until the first right click */
  GSimpleActionGroup *stim_actions;  /* stim.add (s): stimulus forms for the selection */
  GSettings        *settings;     /* NULL when the schema is not installed */

  SlSession        *session;
  SlMorphology     *morph;
  SlModel          *model;
  SlRunner         *runner;
  GCancellable     *cancellable;  /* of the compile in flight */
  gboolean          spec_dirty;   /* the spec changed: recompile on reset */
  gboolean          playing;

  int              *point_node;   /* (morph->n_points) node colouring each point, −1 none */
  float            *point_values; /* (morph->n_points) */
  SlColorBy         color_by;
  double            auto_hi;      /* running upper end of the Ca/w range */
  double            auto_t;       /* ms: snapshot time auto_hi was last decayed at */
  guint64           last_seq;
  guint64           n_colored;
  gboolean          view_colored; /* the view shows our values, not region colours */
  gint64            last_text_us; /* frame time of the last text update, µs */
  GArray           *multi;        /* (int) spines Ctrl+clicked, in order */
  GtkWidget        *replay;       /* SlReplay under the plots (in plots_panel): history, scrubbing, movies */

  /* live model edits (sl-workbench-live.c) */
  GCancellable     *live_cancellable; /* of the live compile in flight */
  guint             live_generation;  /* bumped by every edit: older compiles are dropped */
  gboolean          recompile_after;  /* an edit came during a full compile */
  gboolean          live_pending;     /* an edit came during the live compile in flight */
  gint64            pending_since_us; /* monotonic time of the first such edit */
  guint             n_live_swaps;     /* models swapped in without a restart */
  guint             n_restarts;       /* edits that had to restart the run */
  gint64            live_latency_us;  /* last edit → swap sent, µs (−1 none) */
  char             *note;             /* shown after the time for a few seconds */
  gint64            note_until_us;    /* monotonic */

  /* spines by hand (sl-workbench-spines.c) */
  GSimpleActionGroup *spine_actions;  /* spine.add, spine.remove */
  double            context_xyz[3];   /* µm: the cable point of the last right click */
  gboolean          context_valid;    /* context_xyz is on a dendrite */
  char             *select_after;     /* spine id to select once the model is ready */
  GtkWidget        *lesson_panel;     /* SlLessonPanel, top of the sidebar */

  /* colour range (sl-workbench-range.c) */
  gboolean          auto_range;       /* view.auto-range */
  double            fixed_range[SL_WORKBENCH_N_COLORS][2]; /* low, high per SlColorBy (µM, mV, w, Δw) */
  GtkWidget        *range_button;     /* owned: menu button with the range popover */
  GtkSpinButton    *range_lo, *range_hi;
  GtkLabel         *range_title;
  gboolean          range_syncing;    /* the popover is being filled: ignore its signals */
  double            shown_range[2];   /* the colour bar's low, high at the last colouring */

  GtkWidget        *timeline;     /* SlTimeline, in plots_panel */
  SlHistory        *history;      /* undo/redo of session edits */
  SlSession        *last_session; /* copy of the session after the last edit: what undo returns to */
  gboolean          restoring;    /* undo/redo installing a stored session: no push */
  GSimpleActionGroup *edit_actions;  /* edit.undo, edit.redo */
  GtkWidget        *undo_button;
  GtkWidget        *redo_button;
};

void _sl_workbench_start_compile  (SlWorkbench  *self,
                                   SlMorphology *morph);
/* Installs a compiled model (a restart at t = 0); takes protocol. */
void _sl_workbench_install        (SlWorkbench  *self,
                                   SlModel      *model,
                                   SlProtocol   *protocol,
                                   SlMorphology *morph);
/* sl-workbench-live.c: the session's model spec changed: compile it in a
 * worker and swap it into the running engine, or restart when the
 * structure changed. */
void _sl_workbench_apply_model_edit (SlWorkbench *self);
void _sl_workbench_cancel_live    (SlWorkbench  *self);
/* sl-workbench-spines.c: the spine.* actions and the view's right-click
 * menu. */
void _sl_workbench_spines_init    (SlWorkbench  *self);
/* The right click on the view: selects, then offers the stimuli and the
 * spine edits for what is under the pointer. */
void _sl_workbench_view_context   (GtkGestureClick *gesture,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   SlWorkbench     *self);
/* sl-workbench-range.c: colouring the view from a snapshot (the tick
 * callback's), view.auto-range and the fixed ranges (after the settings
 * are read), and the hook of set_color_by. */
void _sl_workbench_range_init     (SlWorkbench  *self);
void _sl_workbench_color_view     (SlWorkbench      *self,
                                   const SlSnapshot *snap);
void _sl_workbench_range_color_changed (SlWorkbench *self);
/* A short note after the time in the run controls (a few seconds). */
void _sl_workbench_set_note       (SlWorkbench  *self,
                                   const char   *note);
void _sl_workbench_set_playing    (SlWorkbench  *self,
                                   gboolean      playing);
void _sl_workbench_init_actions   (SlWorkbench  *self);
/* Emits "session-changed" after an edit made in place. */
void _sl_workbench_session_changed (SlWorkbench *self,
                                    const char  *label);
/* History (sl-workbench-actions.c): record pushes the session before an
 * edit (called by _sl_workbench_session_changed), reset forgets it all
 * (a new session was opened). */
void _sl_workbench_history_record (SlWorkbench *self,
                                   const char  *label);
void _sl_workbench_history_reset  (SlWorkbench *self);
void _sl_workbench_speed_selected (GtkDropDown  *dropdown,
                                   GParamSpec   *pspec,
                                   SlWorkbench  *self);
void _sl_workbench_color_selected (GtkDropDown  *dropdown,
                                   GParamSpec   *pspec,
                                   SlWorkbench  *self);

/* sl-workbench-select.c */
void _sl_workbench_update_marked  (SlWorkbench     *self);
void _sl_workbench_watch_stimulated_spines (SlWorkbench *self);
void _sl_workbench_view_clicked   (GtkGestureClick *gesture,
                                   int              n_press,
                                   double           x,
                                   double           y,
                                   SlWorkbench     *self);
void _sl_workbench_action_add_stimulus (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data);

G_END_DECLS
