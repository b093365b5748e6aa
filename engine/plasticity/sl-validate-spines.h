/* sl-validate-spines.h: registrar of the validation experiments on cells
 * with active dendrites and spines (V3, S2, V8–V10) for `spinelab
 * validate`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sl_validate_register_spine_experiments (void);

G_END_DECLS
