/* sl-style.c: follow the desktop's light/dark preference.
 *
 * GTK 4 on its own only reads gtk-application-prefer-dark-theme; the
 * desktop publishes its choice through the XDG settings portal
 * (org.freedesktop.appearance color-scheme: 0 no preference, 1 prefer
 * dark, 2 prefer light).  Read it once and follow its changes; without a
 * portal (Xvfb, old desktops) nothing happens.  All calls are async.
 */
#include "sl-config.h"

#include <gtk/gtk.h>

#include "sl-ui-private.h"

#define PORTAL_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH  "/org/freedesktop/portal/desktop"
#define PORTAL_IFACE "org.freedesktop.portal.Settings"

static void
apply_scheme (GVariant *value)
{
  g_autoptr(GVariant) inner = NULL;
  GtkSettings *settings = gtk_settings_get_default ();

  /* Read returns v, sometimes nested as v(v). */
  inner = g_variant_ref (value);
  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *next = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = next;
    }
  if (settings != NULL && g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    g_object_set (settings, "gtk-application-prefer-dark-theme",
                  g_variant_get_uint32 (inner) == 1, NULL);
}

static void
setting_changed (GDBusProxy *proxy,
                 const char *sender,
                 const char *signal,
                 GVariant   *params,
                 gpointer    user_data)
{
  const char *ns, *key;
  g_autoptr(GVariant) value = NULL;

  if (g_strcmp0 (signal, "SettingChanged") != 0
      || !g_variant_is_of_type (params, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (g_str_equal (ns, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    apply_scheme (value);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, NULL);
  g_autoptr(GVariant) value = NULL;

  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(v)")))
    return;  /* no portal, or no such key: keep GTK's default */
  g_variant_get (reply, "(v)", &value);
  apply_scheme (value);
}

static void
proxy_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, NULL);

  if (proxy == NULL)
    return;
  /* Kept for the life of the process, to hear about changes. */
  g_signal_connect (proxy, "g-signal", G_CALLBACK (setting_changed), NULL);
  g_dbus_proxy_call (proxy, "Read", g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
                     G_DBUS_CALL_FLAGS_NONE, 2000, NULL, read_done, NULL);
}

void
_sl_style_follow_system (void)
{
  g_autofree char *bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

  /* Without a session bus GIO would try to autolaunch one: not for this. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && !g_file_test (bus, G_FILE_TEST_EXISTS))
    return;
  g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION,
                            G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES
                            | G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START_AT_CONSTRUCTION,
                            NULL, PORTAL_NAME, PORTAL_PATH, PORTAL_IFACE,
                            NULL, proxy_ready, NULL);
}
