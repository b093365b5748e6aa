/* sl-inspector.h: what is selected (a spine, a point of a dendrite, the
 * soma) with its identity, location and current values, and the form
 * that adds a stimulus to it.
 *
 * The inspector writes stimuli into the protocol spec it is given and
 * emits "stimulus-added"; the window then recompiles the protocol and
 * hands it to the runner (sl_runner_replace).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-model.h"
#include "sl-runner.h"
#include "sl-spec.h"

G_BEGIN_DECLS

typedef enum
{
  SL_SELECTION_NONE,
  SL_SELECTION_SPINE,   /* index = spine */
  SL_SELECTION_NODE,    /* index = cable node of a dendrite */
  SL_SELECTION_SOMA,    /* index = soma node */
} SlSelectionKind;

typedef enum
{
  SL_STIMULUS_FORM_TRAIN,     /* spikes onto the selected spine */
  SL_STIMULUS_FORM_ICLAMP,    /* current step at the soma (or the selected node) */
  SL_STIMULUS_FORM_PAIRING,   /* spikes onto the spine, somatic pulses Δt later */
  SL_STIMULUS_FORM_SEQUENCE,  /* one spike per selected spine, in order */
} SlStimulusForm;

typedef enum
{
  SL_PATTERN_REGULAR,
  SL_PATTERN_POISSON,
  SL_PATTERN_BURST,
  SL_PATTERN_THETA_BURST,
  SL_PATTERN_25_50,           /* 100 ms at 25 Hz then 100 ms at 50 Hz, 10 windows, 400 ms gaps */
} SlPattern;

#define SL_TYPE_INSPECTOR (sl_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SlInspector, sl_inspector, SL, INSPECTOR, GtkWidget)

GtkWidget      *sl_inspector_new            (void);

/* Takes a reference on model; clears the selection. */
void            sl_inspector_set_model      (SlInspector        *self,
                                             SlModel            *model);
/* Borrowed: the protocol spec stimuli are added to. */
void            sl_inspector_set_protocol   (SlInspector        *self,
                                             SlProtocolSpec     *protocol);
void            sl_inspector_select         (SlInspector        *self,
                                             SlSelectionKind     kind,
                                             int                 index);
SlSelectionKind sl_inspector_get_selection  (SlInspector        *self,
                                             int                *index);
/* Spines in the order they were selected with Ctrl (for sequences). */
void            sl_inspector_set_selected_spines (SlInspector   *self,
                                                  const int     *spines,
                                                  guint          n);
/* Refreshes the values from a snapshot of the same model. */
void            sl_inspector_update         (SlInspector        *self,
                                             const SlSnapshot   *snap);

void            sl_inspector_set_form       (SlInspector        *self,
                                             SlStimulusForm      form,
                                             SlPattern           pattern);
/* Builds the stimulus from the form into the protocol; emits
 * "stimulus-added" (the new stimulus' index) on success. */
gboolean        sl_inspector_add_stimulus   (SlInspector        *self,
                                             GError            **error);

/* The location string of the selection ("spine:ID", "soma", "xyz:…"),
 * NULL when nothing is selected. */
char           *sl_inspector_dup_location   (SlInspector        *self);

G_END_DECLS
