/* sl-ui-resources.c: registration of the compiled-in GResource. */
#include "sl-ui-private.h"

#include <gio/gio.h>

#include "sl-resources.h"

void
_sl_ui_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      sl_resources_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
