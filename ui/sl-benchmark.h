/* sl-benchmark.h: `spinelab --benchmark-frames N [FILE]`. */
#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

/* Once the window's cell has loaded, renders n_frames frames while orbiting
 * once around the cell, prints the time per frame on stdout and quits. */
void _sl_benchmark_start (SlWindow     *window,
                          int           n_frames,
                          GApplication *app);

G_END_DECLS
