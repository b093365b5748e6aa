/* sl-validate-cell.h: registrar of the whole-cell plasticity experiments
 * (models.md §7 V11 Chindemi in vitro vs in vivo, V12 two rules in one
 * neuron) for `spinelab validate`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sl_validate_register_cell_experiments (void);

G_END_DECLS
