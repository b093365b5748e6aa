/* sl-export-neuron.h: a compiled model and protocol as a NEURON script.
 *
 * The script is self-contained Python (NEURON ≥ 8) that builds the same
 * cell as the SlModel: one section per SlModelSection with its pt3d
 * points, nseg and Ra; cm, pas, hh and Ca_HVA per segment as compiled;
 * spines as neck + head sections on the segment of their node; one
 * SlGluSyn per head with the R-type VDCC and the head calcium pool; the
 * protocol's current pulses as IClamps and its spike events as NetCon
 * events; every recording as a Vector; h.celsius, h.dt, fixed step,
 * finitialize(v_init).  It writes the recordings as CSV with the header
 * of `spinelab run` (t,<names>…), sampled at the same interval.
 *
 * Mechanisms other than NEURON's pas and hh are SpineLab's NMODL files
 * (tests/neuron/mod in the source tree: SlGluSyn, sl_cav_r, sl_ca_hva,
 * sl_cahead); the script loads them from --nrnmech DIR or
 * $SPINELAB_NRNMECH (a directory compiled with nrnivmodl).
 *
 * What NEURON cannot reproduce from this export is listed in the script's
 * header and printed as a warning when it runs: plasticity (weights stay
 * at w0), stochastic or depressing release (every spike is one full
 * release), and calcium diffusion (heads are isolated pools, models.md
 * §2.1).
 */
#pragma once

#include <glib.h>

#include "sl-model.h"
#include "sl-protocol.h"

G_BEGIN_DECLS

#define SL_EXPORT_ERROR (sl_export_error_quark ())
GQuark sl_export_error_quark (void);

typedef enum
{
  SL_EXPORT_ERROR_INVALID,  /* a model the exporter cannot describe */
  SL_EXPORT_ERROR_IO,       /* the output file */
} SlExportError;

/* Returns the script (free with g_free), or NULL and an error.
 * source_name (may be NULL) is quoted in the header comment. */
char     *sl_export_neuron_script (const SlModel     *model,
                                   const SlProtocol  *protocol,
                                   const char        *source_name,
                                   GError           **error);

/* The same, written to path (mode 0755). */
gboolean  sl_export_neuron_file   (const SlModel     *model,
                                   const SlProtocol  *protocol,
                                   const char        *source_name,
                                   const char        *path,
                                   GError           **error);

G_END_DECLS
