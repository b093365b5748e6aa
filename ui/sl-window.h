/* sl-window.h: the main window: header bar, error banner, 3D view. */
#pragma once

#include <gtk/gtk.h>

#include "sl-application.h"
#include "sl-morphology.h"
#include "sl-morphology-view.h"
#include "sl-workbench.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())
G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, GtkApplicationWindow)

SlWindow         *sl_window_new              (SlApplication *app);

/* Loads in a worker thread; "load-finished" (gboolean ok) follows.  A file
 * that fails shows its error in the window's banner and keeps what was
 * shown before. */
void              sl_window_open_file        (SlWindow      *self,
                                              GFile         *file);
/* A bundled lesson by name (resources/lessons/NAME.spinelab). */
void              sl_window_open_lesson      (SlWindow      *self,
                                              const char    *name);
void              sl_window_open_bundled     (SlWindow      *self,
                                              const char    *name);
void              sl_window_set_morphology   (SlWindow      *self,
                                              SlMorphology  *morph);

SlMorphologyView *sl_window_get_view         (SlWindow      *self);
/* Session, model, runner and the panels (selection, stimuli, plots). */
SlWorkbench      *sl_window_get_workbench    (SlWindow      *self);
gboolean          sl_window_get_loading      (SlWindow      *self);
/* The banner's text while it is shown, else NULL. */
const char       *sl_window_get_banner_text  (SlWindow      *self);
gboolean          sl_window_get_banner_is_error (SlWindow   *self);
/* The lesson panel's text (title, paragraphs, "Expected: …") while a
 * lesson is open, else NULL.  Lessons: header-bar menu "Lessons". */
const char       *sl_window_get_lesson_text  (SlWindow      *self);

/* Sessions (sl-window-session.c).  Actions: win.save (Ctrl+S; Save As
 * when the session has no file yet), win.save-as (Ctrl+Shift+S),
 * win.open-recent (string: URI), win.open-lesson (string: lesson name),
 * win.recover, win.discard-recovery.  Those that replace the session ask
 * first (Save / Discard / Cancel) when it has unsaved changes, as does
 * closing the window; sl_window_open_file and sl_window_open_lesson
 * replace it without asking. */

/* Saves the session, with the view settings, atomically in a worker
 * thread; "save-finished" (gboolean ok) follows.  A failure shows in the
 * banner and leaves the session open and unsaved. */
void              sl_window_save_to          (SlWindow      *self,
                                              GFile         *file);
/* The session's file; NULL for a lesson, a morphology or a recovered
 * untitled session. */
const char       *sl_window_get_file         (SlWindow      *self);
/* The session differs from its file (or was never saved). */
gboolean          sl_window_get_dirty        (SlWindow      *self);
/* The offer to recover a crash copy while it is shown, else NULL. */
const char       *sl_window_get_recovery_text (SlWindow     *self);
/* The unsaved-changes prompt while shown (actions unsaved.save,
 * unsaved.discard, unsaved.cancel), else NULL. */
GtkWindow        *sl_window_get_unsaved_dialog (SlWindow    *self);

G_END_DECLS
