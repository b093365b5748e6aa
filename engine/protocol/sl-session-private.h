/* sl-session-private.h: the session reader's shared state and its checked
 * element/attribute accessors (sl-session-xml.c). */
#pragma once

#include <libxml/tree.h>

#include "sl-session.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *name;      /* file name for messages */
  const char         *base_dir;  /* relative morphology paths resolve here */
  SlSessionLoadFlags  flags;
  SlSession          *session;   /* being filled */
} SlSessionReader;

/* Sets "NAME:LINE: <element>: message" in SL_SESSION_ERROR. */
void     _sl_xml_error          (SlSessionReader     *r,
                                 xmlNode             *node,
                                 GError             **error,
                                 int                  code,
                                 const char          *format,
                                 ...) G_GNUC_PRINTF (5, 6);
/* Places a spec validation error (consumed) at `node`; returns FALSE. */
gboolean _sl_xml_spec_error     (SlSessionReader     *r,
                                 xmlNode             *node,
                                 GError              *local,
                                 GError             **error);
gboolean _sl_xml_is             (xmlNode             *node,
                                 const char          *name);
/* Only attributes from `allowed` (NULL-terminated; NULL: none). */
gboolean _sl_xml_check_attrs    (SlSessionReader     *r,
                                 xmlNode             *node,
                                 const char * const  *allowed,
                                 GError             **error);
/* Only child elements from `allowed`; text only when text_ok. */
gboolean _sl_xml_check_children (SlSessionReader     *r,
                                 xmlNode             *node,
                                 const char * const  *allowed,
                                 gboolean             text_ok,
                                 GError             **error);
char    *_sl_xml_get_attr       (xmlNode             *node,
                                 const char          *name);
gboolean _sl_xml_missing        (SlSessionReader     *r,
                                 xmlNode             *node,
                                 const char          *name,
                                 GError             **error);

/* Attribute readers: an absent attribute leaves *out alone and is an
 * error only when `required`. */
gboolean _sl_xml_string (SlSessionReader *r, xmlNode *node, const char *name,
                         gboolean required, char **out, GError **error);
gboolean _sl_xml_double (SlSessionReader *r, xmlNode *node, const char *name,
                         gboolean required, double *out, GError **error);
gboolean _sl_xml_int    (SlSessionReader *r, xmlNode *node, const char *name,
                         gboolean required, int *out, GError **error);
gboolean _sl_xml_seed   (SlSessionReader *r, xmlNode *node, const char *name,
                         guint64 *out, GError **error);
gboolean _sl_xml_bool   (SlSessionReader *r, xmlNode *node, const char *name,
                         gboolean *out, GError **error);
gboolean _sl_xml_enum   (SlSessionReader *r, xmlNode *node, const char *name,
                         gboolean required, int (*from_string) (const char *),
                         const char *choices, int *out, GError **error);
/* Text content of a text-only element (no attributes, no children). */
gboolean _sl_xml_text   (SlSessionReader *r, xmlNode *node, char **out, GError **error);
/* FALSE ("given twice") when *seen is already set. */
gboolean _sl_xml_once   (SlSessionReader *r, xmlNode *node, gboolean *seen, GError **error);

/* The numeric and flag attributes of an element, one table that the
 * reader (_sl_xml_fields) and the writer walk in the same order. */
typedef enum
{
  SL_FIELD_DOUBLE,     /* double, always written */
  SL_FIELD_DOUBLE_NZ,  /* double, written when not 0 */
  SL_FIELD_INT,        /* int, always written */
  SL_FIELD_INT_NZ,     /* int, written when not 0 */
  SL_FIELD_SEED_NZ,    /* guint64, written when not 0 */
  SL_FIELD_BOOL,       /* gboolean as "true"/"false", always written */
  SL_FIELD_MG_BLOCK,   /* int SlMgBlock by name, always written */
} SlFieldKind;

typedef struct
{
  const char  *name;    /* attribute */
  SlFieldKind  kind;
  gsize        offset;  /* in the spec struct */
} SlField;

#define SL_FIELD(type, member, kind) { #member, kind, G_STRUCT_OFFSET (type, member) }

/* sl-session-fields.c; each array ends with a { NULL } entry. */
extern const SlField _sl_geometry_fields[];        /* SlSpineGeometry */
extern const SlField _sl_synapse_fields[];         /* SlSynapseSpec */
extern const SlField _sl_discretisation_fields[];  /* SlModelSpec */
extern const SlField _sl_environment_fields[];     /* SlModelSpec */
extern const SlField _sl_profile_shape_fields[];   /* SlProfile, after "value" */
extern const SlField _sl_calcium_fields[];         /* SlCalciumSpec */
extern const SlField _sl_train_fields[];           /* SlTrainSpec, after "kind" */
extern const SlField _sl_stimulus_amount_fields[]; /* SlStimulusSpec amp…interval */
extern const SlField _sl_protocol_fields[];        /* SlProtocolSpec */

/* Reads the attributes of `fields` (all optional) into the struct at
 * `spec`, in table order. */
gboolean _sl_xml_fields (SlSessionReader *r, xmlNode *node, const SlField *fields,
                         void *spec, GError **error);
/* An element with only those attributes and no children. */
#define SL_FIELDS_MAX 24
gboolean _sl_xml_fields_element (SlSessionReader *r, xmlNode *node, const SlField *fields,
                                 void *spec, GError **error);

gboolean _sl_session_read_protocol (SlSessionReader  *r,
                                    xmlNode          *node,
                                    GError          **error);

G_END_DECLS
