/* sl-workbench-spines.c: the view's right-click menu (stimuli for what
 * is under the pointer), and spines added and removed by hand.
 *
 * A right click on a dendrite offers "Add Spine Here": the point under the
 * pointer on the picked piece of cable becomes a placed spine
 * ("xyz:X,Y,Z", id "click-N").  A right click on a spine offers "Remove
 * Spine": a placed spine leaves the spec, a density spine is excluded by
 * id (the others keep theirs).  Stimuli, recordings and rule overrides
 * naming a removed spine go with it, and the edit's label says how many.
 * Both are session edits (sl_workbench_edit_session): the spines change,
 * so the model is replaced and the run restarts at t = 0.
 */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-workbench.h"
#include "sl-workbench-private.h"

#define SL_WORKBENCH_ERROR_DOMAIN (sl_workbench_spines_error_quark ())
static GQuark sl_workbench_spines_error_quark (void);
G_DEFINE_QUARK (sl-workbench-spines-error-quark, sl_workbench_spines_error)

static char *
unique_id (const SlModelSpec *spec,
           const SlModel     *model)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("click-%u", n);
      gboolean used = model != NULL && sl_model_find_spine (model, id) >= 0;

      for (guint i = 0; !used && i < spec->spines->len; i++)
        used = g_strcmp0 (g_array_index (spec->spines, SlSpineSpec, i).id, id) == 0;
      if (!used)
        return g_steal_pointer (&id);
    }
}

gboolean
sl_workbench_add_spine (SlWorkbench   *self,
                        const double   xyz[3],
                        char         **id_out,
                        GError       **error)
{
  g_autoptr(SlSession) edited = NULL;
  g_autofree char *id = NULL;
  g_autofree char *location = NULL;
  g_autofree char *label = NULL;
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE], bz[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);

  if (self->model == NULL)
    {
      g_set_error (error, SL_WORKBENCH_ERROR_DOMAIN, 0, "Add spine: no cell is loaded");
      return FALSE;
    }
  if (!isfinite (xyz[0]) || !isfinite (xyz[1]) || !isfinite (xyz[2]))
    {
      g_set_error (error, SL_WORKBENCH_ERROR_DOMAIN, 0, "Add spine: the point is not finite");
      return FALSE;
    }
  edited = sl_session_copy (self->session);
  id = unique_id (edited->model, self->model);
  location = g_strdup_printf ("xyz:%s,%s,%s", g_ascii_formatd (bx, sizeof bx, "%.3f", xyz[0]),
                              g_ascii_formatd (by, sizeof by, "%.3f", xyz[1]),
                              g_ascii_formatd (bz, sizeof bz, "%.3f", xyz[2]));
  sl_model_spec_add_spine (edited->model, id, location);
  label = g_strdup_printf ("Add spine %s", id);
  g_free (self->select_after);
  self->select_after = g_strdup (id);
  sl_workbench_edit_session (self, g_steal_pointer (&edited), label);
  if (id_out != NULL)
    *id_out = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
names_spine (const char *location,
             const char *ref)
{
  return location != NULL && g_str_equal (location, ref);
}

/* Drops every use of spine ref ("spine:ID") from the protocol and rules;
 * returns the stimuli removed or changed. */
static guint
drop_uses (SlSession  *session,
           const char *ref)
{
  GArray *stimuli = session->protocol->stimuli;
  GArray *recordings = session->protocol->recordings;
  GArray *rules = session->model->rules;
  guint n = 0;

  for (guint i = stimuli->len; i-- > 0;)
    {
      SlStimulusSpec *s = &g_array_index (stimuli, SlStimulusSpec, i);

      if (names_spine (s->target, ref) || names_spine (s->post_target, ref))
        {
          g_array_remove_index (stimuli, i);
          n++;
        }
      else if (s->targets != NULL && g_strv_contains ((const char * const *) s->targets, ref))
        {
          GStrvBuilder *kept = g_strv_builder_new ();

          for (guint j = 0; s->targets[j] != NULL; j++)
            if (!g_str_equal (s->targets[j], ref))
              g_strv_builder_add (kept, s->targets[j]);
          g_strfreev (s->targets);
          s->targets = g_strv_builder_end (kept);
          g_strv_builder_unref (kept);
          if (s->targets[0] == NULL)
            g_array_remove_index (stimuli, i);
          n++;
        }
    }
  for (guint i = recordings->len; i-- > 0;)
    if (names_spine (g_array_index (recordings, SlRecordingSpec, i).location, ref))
      g_array_remove_index (recordings, i);
  for (guint i = rules->len; i-- > 0;)
    if (names_spine (g_array_index (rules, SlRuleAssignment, i).target, ref))
      g_array_remove_index (rules, i);
  return n;
}

gboolean
sl_workbench_remove_spine (SlWorkbench  *self,
                           int           spine,
                           GError      **error)
{
  g_autoptr(SlSession) edited = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *label = NULL;
  const char *id;
  guint n_stimuli;

  g_return_val_if_fail (SL_IS_WORKBENCH (self), FALSE);

  if (self->model == NULL || spine < 0 || spine >= self->model->n_spines)
    {
      g_set_error (error, SL_WORKBENCH_ERROR_DOMAIN, 0, "Remove spine: no spine %d on this cell", spine);
      return FALSE;
    }
  id = self->model->spine_id[spine];
  edited = sl_session_copy (self->session);
  if (!sl_model_spec_remove_spine (edited->model, id))
    {
      g_set_error (error, SL_WORKBENCH_ERROR_DOMAIN, 0,
                   "Remove spine: spine '%s' is neither placed by hand nor one of the density groups", id);
      return FALSE;
    }
  ref = g_strconcat ("spine:", id, NULL);
  n_stimuli = drop_uses (edited, ref);
  if (n_stimuli > 0)
    label = g_strdup_printf ("Remove spine %s and %u stimul%s onto it", id, n_stimuli,
                             n_stimuli == 1 ? "us" : "i");
  else
    label = g_strdup_printf ("Remove spine %s", id);
  g_clear_pointer (&self->select_after, g_free);
  sl_workbench_edit_session (self, g_steal_pointer (&edited), label);
  return TRUE;
}

/* The point of the picked piece of cable (parent centre → node centre)
 * under (x, y), as the overlay's pick measures it on screen. */
static gboolean
cable_point_at (SlWorkbench *self,
                int          node,
                double       x,
                double       y,
                double       xyz[3])
{
  const SlModel *m = self->model;
  float a[3], b[3];
  double ax, ay, bx, by, u = 1, len2;
  int parent;

  if (m == NULL || self->view == NULL || node < 0 || node >= m->n_cable)
    return FALSE;
  parent = m->parent[node];
  for (int c = 0; c < 3; c++)
    {
      b[c] = (float) m->xyz[3 * node + c];
      a[c] = parent >= 0 ? (float) m->xyz[3 * parent + c] : b[c];
    }
  if (sl_morphology_view_project (self->view, a, &ax, &ay, NULL, NULL)
      && sl_morphology_view_project (self->view, b, &bx, &by, NULL, NULL)
      && (len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay)) > 1e-9)
    u = CLAMP (((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2, 0, 1);
  for (int c = 0; c < 3; c++)
    xyz[c] = a[c] + u * (b[c] - a[c]);
  return TRUE;
}

static void
spines_context (SlWorkbench     *self,
                GMenu           *menu,
                SlSelectionKind  kind,
                int              index,
                double           x,
                double           y)
{
  self->context_valid = FALSE;
  if (kind == SL_SELECTION_SPINE)
    g_menu_append (menu, "Remove Spine", "spine.remove");
  else if (kind == SL_SELECTION_NODE && self->model != NULL && index >= 0 && index < self->model->n_cable
           && self->model->kind[index] == SL_NODE_NEURITE
           && cable_point_at (self, index, x, y, self->context_xyz))
    {
      self->context_valid = TRUE;
      g_menu_append (menu, "Add Spine Here", "spine.add");
    }
}

/* Right click: select, then offer the common stimuli for what is under
 * the pointer (the inspector has every form and parameter). */
void
_sl_workbench_view_context (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            SlWorkbench     *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  SlSelectionKind kind = sl_workbench_pick (self, x, y, FALSE);
  GtkWidget *popover;
  int picked = -1;

  if (kind == SL_SELECTION_NONE || self->view == NULL)
    return;
  if (kind == SL_SELECTION_SPINE)
    {
      g_menu_append (menu, "Theta Burst onto This Spine", "stim.add::theta-burst");
      g_menu_append (menu, "Regular Train onto This Spine", "stim.add::regular");
      g_menu_append (menu, "25 → 50 Hz Theta Windows", "stim.add::25-50");
      g_menu_append (menu, "Pairing with a Somatic Spike", "stim.add::pairing");
    }
  else
    g_menu_append (menu, "Current Clamp Here", "stim.add::iclamp");
  sl_inspector_get_selection (self->inspector, &picked);
  spines_context (self, menu, kind, picked, x, y);
  /* One popover, reused; unparented in dispose while the view lives. */
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->view));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
    }
  popover = self->context_menu;
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (popover), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
action_add (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  SlWorkbench *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->context_valid && !sl_workbench_add_spine (self, self->context_xyz, NULL, &error))
    g_signal_emit_by_name (self, "failed", error->message);
}

static void
action_remove (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  SlWorkbench *self = user_data;
  g_autoptr(GError) error = NULL;
  int index = -1;

  if (sl_inspector_get_selection (self->inspector, &index) != SL_SELECTION_SPINE)
    return;
  if (!sl_workbench_remove_spine (self, index, &error))
    g_signal_emit_by_name (self, "failed", error->message);
}

/* After a restart for an added spine, select it. */
static void
select_added (SlWorkbench *self,
              gpointer     user_data)
{
  g_autofree char *id = g_steal_pointer (&self->select_after);
  int k;

  if (id != NULL && self->model != NULL && (k = sl_model_find_spine (self->model, id)) >= 0)
    sl_workbench_select (self, SL_SELECTION_SPINE, k);
}

void
_sl_workbench_spines_init (SlWorkbench *self)
{
  const GActionEntry entries[] = {
    { "add", action_add, NULL, NULL, NULL },
    { "remove", action_remove, NULL, NULL, NULL },
  };

  self->spine_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->spine_actions), entries, G_N_ELEMENTS (entries), self);
  g_signal_connect (self, "model-ready", G_CALLBACK (select_added), NULL);
}
