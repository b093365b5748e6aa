/* sl-validate-shafiee.c: heterosynaptic plasticity from calcium diffusion
 * (Shafiee, Schmitt & Tetzlaff 2026; models.md §3.3, §7 V8–V10). */
#include "sl-validate-cable-private.h"

void
_sl_validate_register_shafiee_experiments (void)
{
}
