/* sl-application.h: the SpineLab GtkApplication. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_APPLICATION (sl_application_get_type ())
G_DECLARE_FINAL_TYPE (SlApplication, sl_application, SL, APPLICATION, GtkApplication)

SlApplication *sl_application_new (void);

/* Entry point of the GUI, called by main() when no subcommand is given. */
int            sl_gui_main        (int    argc,
                                   char **argv);

G_END_DECLS
