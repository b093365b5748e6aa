/* sl-validate-chindemi.c: V11 — Chindemi 2022 in vitro vs in vivo. */
#include "sl-validate-cell-private.h"

void
_sl_vcell_register_v11 (void)
{
}

SlSession *
_sl_vcell_session_v11 (GError **error)
{
  return NULL;
}
