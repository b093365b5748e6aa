/* sl-ui-private.h: helpers shared inside ui/. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the compiled-in GResource once (templates, shaders, icons).
 * Called from class_init of every widget that needs it, so tests that
 * build a widget without the application still find its files. */
void _sl_ui_ensure_resources (void);

/* Dark or light as the desktop prefers (XDG settings portal), async. */
void _sl_style_follow_system (void);

G_END_DECLS
