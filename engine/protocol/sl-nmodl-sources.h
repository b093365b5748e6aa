/* sl-nmodl-sources.h: SpineLab's NMODL files (tests/neuron/mod), embedded
 * at build time by sl-nmodl-embed.py so that the NEURON export can carry
 * them.  Names and texts are NULL-terminated, in name order. */
#pragma once

extern const int          sl_nmodl_n_sources;
extern const char * const sl_nmodl_names[];
extern const char * const sl_nmodl_texts[];
