/* sl-lesson-panel.c: the lesson in the sidebar and the lesson chooser. */
#include "sl-config.h"

#include <stdlib.h>
#include <string.h>

#include "sl-lesson-panel.h"
#include "sl-session.h"

#define LESSONS_PATH "/org/spinelab/SpineLab/lessons/"

struct _SlLessonPanel
{
  GtkBox       parent_instance;

  GtkExpander *expander;
  GtkLabel    *title;       /* the expander's label */
  GtkBox      *paragraphs;  /* one label per paragraph */
  GtkLabel    *expected;
  char        *text;        /* what is shown, for tests; NULL when hidden */
};

G_DEFINE_FINAL_TYPE (SlLessonPanel, sl_lesson_panel, GTK_TYPE_BOX)

static GtkLabel *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* A width hint: without it a wrapping label asks for its full line. */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  return GTK_LABEL (label);
}

void
sl_lesson_panel_set_lesson (SlLessonPanel *self,
                            const char    *title,
                            const char    *text,
                            const char    *expected)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_auto(GStrv) paras = NULL;
  GtkWidget *parent;

  g_return_if_fail (SL_IS_LESSON_PANEL (self));

  g_clear_pointer (&self->text, g_free);
  if ((title == NULL || *title == '\0') && (text == NULL || *text == '\0')
      && (expected == NULL || *expected == '\0'))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  /* Shown first, and a new box for the paragraphs: a box that was
   * measured empty inside a hidden panel keeps a constant-size request
   * mode (GTK 4.8), and its wrapping labels then overlap. */
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  parent = gtk_widget_get_parent (GTK_WIDGET (self->paragraphs));
  gtk_box_remove (GTK_BOX (parent), GTK_WIDGET (self->paragraphs));
  self->paragraphs = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_prepend (GTK_BOX (parent), GTK_WIDGET (self->paragraphs));
  gtk_label_set_text (self->title, title != NULL && *title != '\0' ? title : "Lesson");
  g_string_append (shown, gtk_label_get_text (self->title));
  paras = g_regex_split_simple ("\\n[ \\t]*\\n", text != NULL ? text : "", 0, 0);
  for (guint i = 0; paras[i] != NULL; i++)
    {
      g_autofree char *p = g_strstrip (g_strdup (paras[i]));

      if (*p == '\0')
        continue;
      gtk_box_append (self->paragraphs, GTK_WIDGET (wrapping_label (p)));
      g_string_append_printf (shown, "\n\n%s", p);
    }
  if (expected != NULL && *expected != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (expected, -1);
      g_autofree char *markup = g_strdup_printf ("<b>Expected:</b> %s", escaped);

      gtk_label_set_markup (self->expected, markup);
      g_string_append_printf (shown, "\n\nExpected: %s", expected);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->expected), expected != NULL && *expected != '\0');
  self->text = g_string_free (g_steal_pointer (&shown), FALSE);
  gtk_expander_set_expanded (self->expander, TRUE);
}

const char *
sl_lesson_panel_get_text (SlLessonPanel *self)
{
  g_return_val_if_fail (SL_IS_LESSON_PANEL (self), NULL);
  return self->text;
}

gboolean
sl_lesson_panel_get_expanded (SlLessonPanel *self)
{
  g_return_val_if_fail (SL_IS_LESSON_PANEL (self), FALSE);
  return gtk_expander_get_expanded (self->expander);
}

void
sl_lesson_panel_set_expanded (SlLessonPanel *self,
                              gboolean       expanded)
{
  g_return_if_fail (SL_IS_LESSON_PANEL (self));
  gtk_expander_set_expanded (self->expander, expanded);
}

static void
sl_lesson_panel_finalize (GObject *object)
{
  SlLessonPanel *self = SL_LESSON_PANEL (object);

  g_free (self->text);
  G_OBJECT_CLASS (sl_lesson_panel_parent_class)->finalize (object);
}

static void
sl_lesson_panel_class_init (SlLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_lesson_panel_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "lessonpanel");
}

static void
sl_lesson_panel_init (SlLessonPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->title = wrapping_label ("Lesson");
  gtk_label_set_selectable (self->title, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  self->expander = GTK_EXPANDER (gtk_expander_new (NULL));
  gtk_expander_set_label_widget (self->expander, GTK_WIDGET (self->title));
  gtk_expander_set_expanded (self->expander, TRUE);
  self->paragraphs = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->expected = wrapping_label (NULL);
  gtk_widget_set_margin_top (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->paragraphs));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->expected));
  gtk_expander_set_child (self->expander, box);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->expander));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sl_lesson_panel_new (void)
{
  return g_object_new (SL_TYPE_LESSON_PANEL, NULL);
}

/* ------------------------------------------------------------------ */
/* The chooser. */

/* The teaching order (issue 7); other files after, by name. */
static const char * const lesson_order[] = {
  "two-rules-one-neuron.spinelab", "temporal-derivative.spinelab", "neighbours-talk.spinelab",
  "input-order.spinelab", "in-vitro-vs-in-vivo.spinelab", "in-vivo.spinelab",
  "bap-attenuation.spinelab", "dendritic-location.spinelab",
};

static guint
lesson_rank (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (lesson_order); i++)
    if (g_str_equal (file, lesson_order[i]))
      return i;
  return G_N_ELEMENTS (lesson_order);
}

static int
cmp_lessons (const void *a,
             const void *b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  guint rx = lesson_rank (x), ry = lesson_rank (y);

  return rx != ry ? (rx < ry ? -1 : 1) : strcmp (x, y);
}

void
sl_lessons_list (char ***names,
                 char ***titles)
{
  g_auto(GStrv) files = g_resources_enumerate_children (LESSONS_PATH, 0, NULL);
  g_autoptr(GStrvBuilder) nb = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) tb = g_strv_builder_new ();
  guint n = files != NULL ? g_strv_length (files) : 0;

  if (files != NULL)
    qsort (files, n, sizeof (char *), cmp_lessons);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SlSession) session = NULL;
      gsize len = 0;
      const char *data;

      if (!g_str_has_suffix (files[i], ".spinelab"))
        continue;
      path = g_strconcat (LESSONS_PATH, files[i], NULL);
      if ((bytes = g_resources_lookup_data (path, 0, NULL)) == NULL)
        continue;
      data = g_bytes_get_data (bytes, &len);
      session = sl_session_new_from_data (data, len, NULL, files[i], SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY,
                                          NULL);
      if (session == NULL)
        continue;
      name = g_strndup (files[i], strlen (files[i]) - strlen (".spinelab"));
      g_strv_builder_add (nb, name);
      g_strv_builder_add (tb, session->title != NULL ? session->title : name);
    }
  *names = g_strv_builder_end (nb);
  *titles = g_strv_builder_end (tb);
}

GtkWidget *
sl_lesson_menu_button_new (void)
{
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) titles = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  sl_lessons_list (&names, &titles);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (titles[i], NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-lesson", g_variant_new_string (names[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), "Lessons");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, "Open one of the bundled lessons");
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}
