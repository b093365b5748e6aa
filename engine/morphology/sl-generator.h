/* sl-generator.h: the bundled cells, generated procedurally.
 *
 * Every bundled cell is built on the fly from literature dimensions and a
 * fixed pseudo-random seed, so the result is the same on every run and the
 * application never needs an installed morphology file.  The files in
 * morphologies/ are this generator's output, written by
 * `spinelab generate-cells`, and a test checks that they have not drifted.
 *
 * Coordinates: soma centre at the origin, y towards the pia (apical), the
 * lesson dendrites along +x.  Positions are rounded to 0.01 µm and radii to
 * 0.001 µm so that an SWC file holds them exactly.  The soma is a
 * three-point soma; every neurite starts with a SL_POINT_DETACHED point on
 * the soma surface, so lengths, areas and path distances start there.
 * Regions: soma, axon, basal, apical, and the derived trunk/oblique/tuft.
 */
#pragma once

#include <glib.h>

#include "sl-morphology.h"

G_BEGIN_DECLS

#define SL_GENERATOR_ERROR (sl_generator_error_quark ())
GQuark sl_generator_error_quark (void);

typedef enum
{
  SL_GENERATOR_ERROR_UNKNOWN_CELL,
} SlGeneratorError;

/* Names of the bundled cells, NULL-terminated; the first is the app's default. */
const char * const *sl_bundled_cell_names       (void);

/* A one-line description, or NULL for an unknown name. */
const char         *sl_bundled_cell_description (const char *name);

/* TRUE for the cell that is also written as NeuroML2 (NAME.cell.nml). */
gboolean            sl_bundled_cell_has_neuroml (const char *name);

/* Builds the cell (deterministic).  An unknown name gives
 * SL_GENERATOR_ERROR_UNKNOWN_CELL with the list of known names. */
SlMorphology       *sl_bundled_cell_new         (const char  *name,
                                                 GError     **error);

/* Writes DIR/NAME.swc and, for the NeuroML2 cell, DIR/NAME.cell.nml.
 * DIR must exist. */
gboolean            sl_bundled_cell_write_files (const char  *name,
                                                 const char  *dir,
                                                 GError     **error);

G_END_DECLS
