/* sl-window-private.h: the window's fields, shared by sl-window.c
 * (opening, banner, view) and sl-window-session.c (saving, unsaved
 * changes, recent files, autosave and recovery). */
#pragma once

#include "sl-autosave.h"
#include "sl-window.h"

G_BEGIN_DECLS

/* What to do once the user has saved or discarded unsaved changes. */
typedef enum
{
  SL_AFTER_NOTHING,
  SL_AFTER_CLOSE,
  SL_AFTER_OPEN_FILE,
  SL_AFTER_OPEN_LESSON,
  SL_AFTER_RECOVER,
} SlAfter;

struct _SlWindow
{
  GtkApplicationWindow  parent_instance;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkImage             *banner_icon;
  GtkLabel             *banner_label;
  GtkRevealer          *recovery_revealer;
  GtkLabel             *recovery_label;
  GMenu                *recent_menu;
  SlMorphologyView     *view;
  GtkWidget            *spinner;
  GtkWidget            *hint_label;
  GtkOverlay           *view_overlay;
  GtkWidget            *plots_slot;
  GtkWidget            *sidebar_slot;
  GtkWidget            *run_slot;
  GtkWidget            *color_slot;
  SlWorkbench          *workbench;    /* session, model, runner and their panels */

  GCancellable         *cancellable;  /* cancelled when the window goes away */
  guint                 generation;   /* of the newest load; older results are dropped */
  guint                 n_loading;    /* loads in flight */
  char                 *banner_text;  /* NULL while hidden */
  gboolean              banner_is_error;

  /* The document. */
  char                 *file_path;    /* the session's file; NULL: untitled, lesson, morphology */
  char                 *doc_title;    /* lesson title, file or cell name */
  char                 *doc_subtitle; /* shown when there is no file */
  SlSession            *saved;        /* as last opened or saved; NULL: never (recovered) */
  gboolean              dirty;        /* the session differs from `saved` */
  guint64               edit_seq;     /* session-changed count */
  guint                 n_saving;     /* saves in flight */

  /* Unsaved-changes prompt. */
  GtkWindow            *unsaved_dialog;
  SlAfter               after;        /* pending once saved or discarded */
  GFile                *after_file;
  char                 *after_name;
  gboolean              closing;      /* confirmed: the window may close */

  /* Autosave and recovery. */
  char                 *autosave_path;    /* this window's crash copy */
  guint                 autosave_id;      /* timeout while dirty */
  gboolean              autosave_busy;
  gboolean              autosave_written; /* the file exists */
  guint64               autosaved_seq;    /* edit_seq of the copy on disk */
  guint                 doc_gen;          /* counts documents opened in the window */
  char                 *autosave_error;   /* last failure shown, not repeated */
  GPtrArray            *orphans;          /* SlAutosaveOrphan offered, first shown */

  GtkRecentManager     *recent;
  gboolean              disposed;
};

void  _sl_window_show_banner      (SlWindow   *self,
                                   gboolean    is_error,
                                   const char *heading,
                                   const char *text);
void  _sl_window_hide_banner      (SlWindow   *self);
/* Loads a file or a recovered autosave (recover: the orphan offered). */
void  _sl_window_start_open       (SlWindow           *self,
                                   GFile              *file,
                                   SlAutosaveOrphan   *recover);

/* sl-window-session.c */
/* Runs `after` now, or once the user has saved or discarded the unsaved
 * changes (a prompt); Cancel drops it. */
void  _sl_window_confirm_then       (SlWindow       *self,
                                     SlAfter         after,
                                     GFile          *file,
                                     const char     *name);
void  _sl_window_session_class_init (GtkWidgetClass *widget_class);
void  _sl_window_session_init       (SlWindow       *self);
void  _sl_window_session_dispose    (SlWindow       *self);
void  _sl_window_session_finalize   (SlWindow       *self);
/* After a successful load: the document is now path (a session file, or
 * NULL), titled title, clean unless recovered (then dirty, with the
 * orphan's original path and taken over as this window's autosave). */
void  _sl_window_session_opened     (SlWindow         *self,
                                     const char       *session_path,
                                     const char       *opened_path,
                                     const char       *title,
                                     const char       *subtitle,
                                     SlAutosaveOrphan *recovered);
/* The current session with the view settings, as it would be saved. */
SlSession *_sl_window_session_snapshot (SlWindow *self);
void  _sl_window_apply_view           (SlWindow   *self,
                                       const char *view);

/* sl-window-autosave.c */
void  _sl_window_autosave_class_init  (GtkWidgetClass *widget_class);
void  _sl_window_autosave_init        (SlWindow       *self);
/* Starts or stops the autosave timer as the session is dirty or not. */
void  _sl_window_update_autosave_timer (SlWindow      *self);
/* Deletes this window's crash copy, if written. */
void  _sl_window_remove_autosave      (SlWindow       *self);
/* The recovery bar for the first orphan left, or hidden. */
void  _sl_window_show_recovery        (SlWindow       *self);
/* Opens the first orphan offered (Recover). */
void  _sl_window_recover_first        (SlWindow       *self);

G_END_DECLS
