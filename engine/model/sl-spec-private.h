/* sl-spec-private.h: validators shared by sl-spec.c and the session
 * reader, which calls them per element so that a range error can name the
 * line it came from.  `context` starts the message ("spine 'a'"). */
#pragma once

#include "sl-spec.h"

G_BEGIN_DECLS

typedef enum
{
  SL_BOUND_NONE,
  SL_BOUND_OPEN,    /* strict: > lo, < hi */
  SL_BOUND_CLOSED,  /* >= lo, <= hi */
} SlBound;

/* "%g" with '.' whatever the locale. */
const char *_sl_fmt (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
                     double value);
/* Sets "CONTEXT: FIELD must be > LO (got V)" and returns FALSE when value
 * is not finite or out of range. */
gboolean _sl_check_range (const char  *context,
                          const char  *field,
                          double       value,
                          SlBound      lo_kind,
                          double       lo,
                          SlBound      hi_kind,
                          double       hi,
                          GError     **error);
/* Non-empty UTF-8 without control characters. */
gboolean _sl_check_name  (const char  *context,
                          const char  *field,
                          const char  *value,
                          GError     **error);

gboolean _sl_profile_validate          (const SlProfile       *profile,
                                        const char            *context,
                                        GError               **error);
gboolean _sl_mechanism_spec_validate   (const SlMechanismSpec *mech,
                                        GError               **error);
gboolean _sl_spine_geometry_validate   (const SlSpineGeometry *geometry,
                                        const char            *context,
                                        GError               **error);
gboolean _sl_synapse_spec_validate     (const SlSynapseSpec   *synapse,
                                        const char            *context,
                                        GError               **error);
gboolean _sl_spine_group_validate      (const SlSpineGroupSpec *group,
                                        GError               **error);
gboolean _sl_spine_spec_validate       (const SlSpineSpec     *spine,
                                        GError               **error);
gboolean _sl_rule_assignment_validate  (const SlRuleAssignment *rule,
                                        GError               **error);
gboolean _sl_calcium_spec_validate     (const SlCalciumSpec   *calcium,
                                        GError               **error);
gboolean _sl_model_scalars_validate    (const SlModelSpec     *self,
                                        GError               **error);
gboolean _sl_train_spec_validate       (const SlTrainSpec     *train,
                                        const char            *context,
                                        GError               **error);
gboolean _sl_stimulus_spec_validate    (const SlStimulusSpec  *stimulus,
                                        GError               **error);
gboolean _sl_recording_spec_validate   (const SlRecordingSpec *recording,
                                        GError               **error);
gboolean _sl_protocol_scalars_validate (const SlProtocolSpec  *self,
                                        GError               **error);

/* "g<group>-<k>", the id of a density spine; group and k may be NULL. */
gboolean _sl_density_spine_id_parse (const char *id,
                                     guint      *group,
                                     int        *k);

/* Element clear functions (free the strings and arrays inside). */
void _sl_mechanism_spec_clear   (SlMechanismSpec   *mech);
void _sl_spine_group_spec_clear (SlSpineGroupSpec  *group);
void _sl_spine_spec_clear       (SlSpineSpec       *spine);
void _sl_rule_assignment_clear  (SlRuleAssignment  *rule);
void _sl_train_spec_clear       (SlTrainSpec       *train);
void _sl_stimulus_spec_clear    (SlStimulusSpec    *stimulus);
void _sl_recording_spec_clear   (SlRecordingSpec   *recording);

/* New empty arrays with the clear functions above. */
GArray *_sl_mechanism_array_new   (void);
GArray *_sl_spine_group_array_new (void);
GArray *_sl_spine_array_new       (void);
GArray *_sl_rule_array_new        (void);
GArray *_sl_param_array_new       (void);
GArray *_sl_stimulus_array_new    (void);
GArray *_sl_recording_array_new   (void);

/* Deep copies into zeroed destinations. */
void _sl_train_spec_copy_into    (SlTrainSpec          *dest,
                                  const SlTrainSpec    *src);

/* Stimulus names, train kinds, profile kinds and Mg block forms as the
 * session file spells them; NULL / -1 for out-of-range values. */
const char *_sl_train_kind_to_string    (SlTrainKind     kind);
int         _sl_train_kind_from_string  (const char     *name);
const char *_sl_stimulus_kind_to_string (SlStimulusKind  kind);
int         _sl_stimulus_kind_from_string (const char   *name);
const char *_sl_profile_kind_to_string  (SlProfileKind   kind);
int         _sl_profile_kind_from_string (const char    *name);
const char *_sl_mg_block_to_string      (int             block);
int         _sl_mg_block_from_string    (const char     *name);

G_END_DECLS
