/* sl-lesson-panel.h: the lesson at the top of the workbench sidebar, and
 * the header bar's lesson chooser.
 *
 * SlLessonPanel is a collapsible GtkExpander headed by the lesson's
 * title, holding its teaching text (one wrapping label per paragraph; the
 * session's text splits paragraphs at blank lines) and the expected
 * outcome.  Hidden when the session is not a lesson.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_LESSON_PANEL (sl_lesson_panel_get_type ())
G_DECLARE_FINAL_TYPE (SlLessonPanel, sl_lesson_panel, SL, LESSON_PANEL, GtkBox)

GtkWidget  *sl_lesson_panel_new        (void);
/* All NULL (or empty): no lesson, the panel hides. */
void        sl_lesson_panel_set_lesson (SlLessonPanel *self,
                                        const char    *title,
                                        const char    *text,
                                        const char    *expected);
/* What the panel shows: "TITLE\n\nPARAGRAPH\n\n…\n\nExpected: EXPECTED",
 * or NULL when hidden. */
const char *sl_lesson_panel_get_text   (SlLessonPanel *self);
gboolean    sl_lesson_panel_get_expanded (SlLessonPanel *self);
void        sl_lesson_panel_set_expanded (SlLessonPanel *self,
                                          gboolean       expanded);

/* The bundled lessons (resources/lessons/NAME.spinelab in the GResource),
 * in the teaching order of issue 7, others after by file name: names[] and titles[] (NULL-terminated, free with
 * g_strfreev).  A lesson whose file does not parse is left out. */
void        sl_lessons_list            (char        ***names,
                                        char        ***titles);
/* A "Lessons" menu button listing them; each item activates
 * win.open-lesson::NAME. */
GtkWidget  *sl_lesson_menu_button_new  (void);

G_END_DECLS
