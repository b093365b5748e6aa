/* sl-model-compare.c: whether two compiled models share one state layout.
 *
 * Two models have the same structure when an SlState made for one is a
 * valid state of the other with the same meaning at every index: the same
 * compartments in the same Hines order, the same channel node lists, the
 * same spines on the same nodes with the same rule class and rule state
 * offsets, and a calcium grid with the same state size.  Parameters
 * (conductances, reversal potentials, time constants, rule parameters,
 * synaptic strengths, temperature) may differ: that is what a live
 * parameter change swaps in.
 */
#include "sl-model.h"

#include <string.h>

#include "sl-calcium.h"

static gboolean
same_ints (const int *a,
           const int *b,
           int        n)
{
  return n <= 0 || memcmp (a, b, sizeof (int) * (gsize) n) == 0;
}

static gboolean
fail (const char **why,
      const char  *what)
{
  if (why != NULL)
    *why = what;
  return FALSE;
}

gboolean
sl_model_same_structure (const SlModel  *a,
                         const SlModel  *b,
                         const char    **why)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (why != NULL)
    *why = NULL;
  if (a == b)
    return TRUE;
  if (a->n_spines != b->n_spines)
    return fail (why, "the spines differ");
  if (a->n_nodes != b->n_nodes || a->n_cable != b->n_cable || a->n_sections != b->n_sections
      || a->soma_node != b->soma_node)
    return fail (why, "the compartments differ");
  if (!same_ints (a->parent, b->parent, a->n_nodes) || !same_ints (a->kind, b->kind, a->n_nodes))
    return fail (why, "the compartments differ");
  if (a->n_hh != b->n_hh || !same_ints (a->hh_node, b->hh_node, a->n_hh)
      || a->n_cahva != b->n_cahva || !same_ints (a->cahva_node, b->cahva_node, a->n_cahva)
      || a->n_nat != b->n_nat || !same_ints (a->nat_node, b->nat_node, a->n_nat)
      || a->n_kv3 != b->n_kv3 || !same_ints (a->kv3_node, b->kv3_node, a->n_kv3))
    return fail (why, "the channels are inserted on other compartments");
  if (a->n_spines != b->n_spines || !same_ints (a->spine_node, b->spine_node, a->n_spines))
    return fail (why, "the spines differ");
  for (int k = 0; k < a->n_spines; k++)
    if (g_strcmp0 (a->spine_id[k], b->spine_id[k]) != 0)
      return fail (why, "the spines differ");
  if (a->n_rule_state != b->n_rule_state
      || !same_ints (a->rule_state_offset, b->rule_state_offset, a->n_spines))
    return fail (why, "the rule state layout differs");
  for (int k = 0; k < a->n_spines; k++)
    if (a->spine_rule[k] != b->spine_rule[k])
      return fail (why, "a spine has another rule");
  if ((a->calcium == NULL) != (b->calcium == NULL)
      || (a->calcium != NULL
          && sl_calcium_grid_get_state_size (a->calcium) != sl_calcium_grid_get_state_size (b->calcium)))
    return fail (why, "the calcium grid differs");
  return TRUE;
}
