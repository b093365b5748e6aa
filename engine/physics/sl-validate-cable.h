/* sl-validate-cable.h: registrar of the electrical engine's validation
 * experiments (V1) for `spinelab validate`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void sl_validate_register_cable_experiments (void);

G_END_DECLS
