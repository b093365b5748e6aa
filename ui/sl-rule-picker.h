/* sl-rule-picker.h: the plasticity rule of one target (a region or
 * "spine:ID"): a dropdown of the engine's rules, the equation and the
 * citation, each parameter as a spin button with its unit and range, the
 * rule's presets and "Reset to defaults".
 *
 * Signals: "rule-changed" when another rule is chosen (applies on reset:
 * the model is recompiled); "param-changed" (name, value) when a value
 * changes.  sl_rule_picker_store writes the choice into a spec.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-rule.h"
#include "sl-spec.h"

G_BEGIN_DECLS

#define SL_TYPE_RULE_PICKER (sl_rule_picker_get_type ())
G_DECLARE_FINAL_TYPE (SlRulePicker, sl_rule_picker, SL, RULE_PICKER, GtkWidget)

GtkWidget         *sl_rule_picker_new        (void);

/* Shows the assignment of `target` in spec (the rule that applies to it
 * from the spec, or "none"). */
void               sl_rule_picker_load       (SlRulePicker      *self,
                                              const SlModelSpec *spec,
                                              const char        *target);
/* Writes the rule, preset-free, with every value that differs from the
 * rule's default, as the assignment of the target. */
void               sl_rule_picker_store      (SlRulePicker      *self,
                                              SlModelSpec       *spec);

const char        *sl_rule_picker_get_target (SlRulePicker      *self);
/* NULL when "none" is chosen. */
const SlRuleClass *sl_rule_picker_get_rule   (SlRulePicker      *self);
gboolean           sl_rule_picker_set_rule   (SlRulePicker      *self,
                                              const char        *name);
/* Current values (n_params of the rule). */
const double      *sl_rule_picker_get_values (SlRulePicker      *self);
gboolean           sl_rule_picker_set_param  (SlRulePicker      *self,
                                              const char        *name,
                                              double             value,
                                              GError           **error);
gboolean           sl_rule_picker_apply_preset (SlRulePicker    *self,
                                                const char      *preset,
                                                GError         **error);
void               sl_rule_picker_reset      (SlRulePicker      *self);
/* The line shown when the current values leave the rule unable to change
 * a weight (SlRuleClass.inert), or NULL. */
const char        *sl_rule_picker_get_inert  (SlRulePicker      *self);

G_END_DECLS
