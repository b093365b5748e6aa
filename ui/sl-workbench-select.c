/* sl-workbench-select.c: what is selected, watched and marked — picking
 * in the 3D view, the inspector's and rule picker's subject, the spines
 * the plots follow and the rings of stimulated spines. */
#include "sl-config.h"

#include <string.h>

#include "sl-branch-bars.h"
#include "sl-workbench.h"
#include "sl-workbench-private.h"

/* The spines the protocol's stimuli reach (target or sequence targets),
 * each once, in protocol order. */
static GArray *
stimulated_spines (SlWorkbench *self)
{
  const SlProtocolSpec *ps = self->session->protocol;
  GArray *spines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gboolean *seen = g_new0 (gboolean, MAX (self->model->n_spines, 1));

  for (guint i = 0; i < ps->stimuli->len; i++)
    {
      const SlStimulusSpec *s = &g_array_index (ps->stimuli, SlStimulusSpec, i);
      guint n_targets = s->targets != NULL ? g_strv_length (s->targets) : 0;

      for (guint j = 0; j <= n_targets; j++)
        {
          const char *target = j == 0 ? s->target : s->targets[j - 1];
          int k;

          if (target != NULL && g_str_has_prefix (target, "spine:")
              && (k = sl_model_find_spine (self->model, target + strlen ("spine:"))) >= 0 && !seen[k])
            {
              seen[k] = TRUE;
              g_array_append_val (spines, k);
            }
        }
    }
  return spines;
}

/* Rings on the stimulated spines in the 3D view. */
void
_sl_workbench_update_marked (SlWorkbench *self)
{
  g_autofree gboolean *marked = NULL;
  g_autoptr(GArray) spines = NULL;

  if (self->model == NULL)
    return;
  marked = g_new0 (gboolean, MAX (self->model->n_spines, 1));
  spines = stimulated_spines (self);
  for (guint i = 0; i < spines->len; i++)
    marked[g_array_index (spines, int, i)] = TRUE;
  sl_view_overlay_set_marked (self->overlay, marked);
}

/* A freshly opened session plots the spines its stimuli reach (a lesson's
 * tuft and basal synapse, say) until the user selects another. */
void
_sl_workbench_watch_stimulated_spines (SlWorkbench *self)
{
  g_autoptr(GArray) spines = NULL;
  const char *labels[SL_RUNNER_MAX_WATCH];
  guint n;

  if (self->model == NULL)
    return;
  spines = stimulated_spines (self);
  n = MIN (spines->len, SL_RUNNER_MAX_WATCH);
  for (guint i = 0; i < n; i++)
    labels[i] = self->model->spine_id[g_array_index (spines, int, i)];
  if (n > 0)
    sl_plot_view_set_watched (self->plots, (const int *) (gpointer) spines->data, labels, n);
}

/* The most specific region of a node: derived labels first. */
static const char *
region_of (const SlModel *m,
           int            node)
{
  static const char * const order[] = { "tuft", "oblique", "trunk", "basal", "apical", "axon", "soma" };

  for (gsize i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int r = sl_model_find_region (m, order[i]);

      if (r >= 0 && (m->region_mask[node] & (G_GUINT64_CONSTANT (1) << r)))
        return order[i];
    }
  return "all";
}

void
sl_workbench_select (SlWorkbench     *self,
                     SlSelectionKind  kind,
                     int              index)
{
  const SlModel *m;

  g_return_if_fail (SL_IS_WORKBENCH (self));

  sl_inspector_select (self->inspector, kind, index);
  kind = sl_inspector_get_selection (self->inspector, &index);
  sl_view_overlay_set_selection (self->overlay, kind, index);
  m = self->model;
  if (m == NULL || kind == SL_SELECTION_NONE)
    return;
  if (kind == SL_SELECTION_SPINE)
    {
      const char *label = m->spine_id[index];
      int node = m->spine_node[index];

      sl_plot_view_set_watched (self->plots, &index, &label, 1);
      sl_branch_bars_set_branch (self->bars, self->model, m->spine_section[index]);
      sl_rule_picker_load (self->picker, self->session->model, region_of (m, node));
    }
  else
    {
      sl_rule_picker_load (self->picker, self->session->model, region_of (m, index));
      if (kind == SL_SELECTION_NODE)
        sl_branch_bars_set_branch (self->bars, self->model, m->section[index]);
    }
}

SlSelectionKind
sl_workbench_pick (SlWorkbench *self,
                   double       x,
                   double       y,
                   gboolean     extend)
{
  int index = -1;
  SlSelectionKind kind;

  g_return_val_if_fail (SL_IS_WORKBENCH (self), SL_SELECTION_NONE);

  kind = sl_view_overlay_pick (self->overlay, x, y, &index);
  if (kind == SL_SELECTION_SPINE && extend)
    {
      g_array_append_val (self->multi, index);
      sl_inspector_set_selected_spines (self->inspector, (const int *) (gpointer) self->multi->data,
                                        self->multi->len);
    }
  else if (kind == SL_SELECTION_SPINE)
    {
      g_array_set_size (self->multi, 0);
      g_array_append_val (self->multi, index);
      sl_inspector_set_selected_spines (self->inspector, &index, 1);
    }
  sl_workbench_select (self, kind, index);
  return kind;
}

void
_sl_workbench_view_clicked (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            SlWorkbench     *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1)
    sl_workbench_pick (self, x, y, (mods & GDK_CONTROL_MASK) != 0);
}

void
_sl_workbench_action_add_stimulus (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  SlWorkbench *self = user_data;
  const char *what = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (what, "theta-burst"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_THETA_BURST);
  else if (g_str_equal (what, "regular"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_REGULAR);
  else if (g_str_equal (what, "25-50"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_TRAIN, SL_PATTERN_25_50);
  else if (g_str_equal (what, "pairing"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_PAIRING, SL_PATTERN_REGULAR);
  else if (g_str_equal (what, "iclamp"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_ICLAMP, SL_PATTERN_REGULAR);
  else if (g_str_equal (what, "sequence"))
    sl_inspector_set_form (self->inspector, SL_STIMULUS_FORM_SEQUENCE, SL_PATTERN_REGULAR);
  else
    return;
  if (!sl_inspector_add_stimulus (self->inspector, &error))
    g_signal_emit_by_name (self, "failed", error->message);
}
