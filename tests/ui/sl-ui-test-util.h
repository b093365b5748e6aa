/* sl-ui-test-util.h: the scaffolding the window tests share — pumping the
 * main loop until a flag is set or for a while, opening a file in a
 * window and waiting for its model, capturing the 3D view's next frame
 * and comparing two captures.
 *
 * Every wait has a timeout and ends the test with g_error naming what it
 * waited for, never hangs. */
#pragma once

#include <gtk/gtk.h>

#include "sl-morphology-view.h"
#include "sl-window.h"

G_BEGIN_DECLS

/* Iterates the default main context until *flag is TRUE; g_error ("timed
 * out waiting for WHAT") after timeout_us. */
void        sl_ui_test_wait_for        (const gboolean   *flag,
                                        gint64            timeout_us,
                                        const char       *what);
/* Iterates the default main context for ms of wall time. */
void        sl_ui_test_iterate_for_ms  (int               ms);

/* A new window of that default size (none set when width ≤ 0),
 * presented. */
SlWindow   *sl_ui_test_window_new      (int               width,
                                        int               height);
/* Destroys the window and runs what that leaves pending. */
void        sl_ui_test_destroy_window  (GtkWindow        *window);
/* Opens path (or the bundled cell `name`) in window and waits for
 * "load-finished"; returns its ok. */
gboolean    sl_ui_test_open            (SlWindow         *window,
                                        const char       *path,
                                        gint64            timeout_us);
gboolean    sl_ui_test_open_bundled    (SlWindow         *window,
                                        const char       *name,
                                        gint64            timeout_us);
/* Opens path, asserts that it loaded, and waits for the workbench's
 * "model-ready". */
void        sl_ui_test_open_ready      (SlWindow         *window,
                                        const char       *path,
                                        gint64            timeout_us);
/* From now on, the workbench's "failed" ends the test with its message. */
void        sl_ui_test_fail_on_error   (SlWindow         *window);
/* Waits until the window's workbench has a compiled model and a runner. */
void        sl_ui_test_wait_model      (SlWindow         *window,
                                        gint64            timeout_us);

/* The view's next rendered frame (transfer full). */
GdkTexture *sl_ui_test_capture         (SlMorphologyView *view,
                                        gint64            timeout_us);
/* Pixels whose R, G and B differ by more than 24 in sum (same sizes). */
gsize       sl_ui_test_count_different (GdkTexture       *a,
                                        GdkTexture       *b);

G_END_DECLS
