/* sl-neuroml-private.h: shared by the NeuroML2 reader's files. */
#pragma once

#include <libxml/tree.h>

#include "sl-morphology-private.h"

G_BEGIN_DECLS

typedef struct
{
  int      id;
  int      line;
  xmlNode *node;
  int      parent;          /* segment index, -1 for a root */
  int      parent_id;
  double   fraction;        /* along the parent, 0..1 */
  gboolean has_proximal;
  double   prox[4];         /* x, y, z, radius (µm) */
  double   dist[4];
  int      type;
  int      start_point;     /* the point at fraction 0 */
  int      distal_point;
  GArray  *splits;          /* (double) fractions where children join, or NULL */
  GArray  *split_points;    /* (int) their points */
} NmlSegment;

typedef struct
{
  const char   *name;
  GArray       *segments;   /* NmlSegment */
  GHashTable   *by_id;      /* segment id → index + 1 */
  GArray       *points;     /* SlPoint */
  GArray       *point_seg;  /* (int) segment of each point */
} NmlReader;

#define NML_ERROR(rd, node, code, ...) \
  _sl_nml_error (error, code, (rd)->name, (node), __VA_ARGS__)

void      _sl_nml_error          (GError     **error,
                                  int          code,
                                  const char  *name,
                                  xmlNode     *node,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (5, 6);
gboolean  _sl_nml_is_element     (const xmlNode *node,
                                  const char    *name);
xmlNode  *_sl_nml_first_child    (xmlNode    *parent,
                                  const char *name);
char     *_sl_nml_get_attr       (xmlNode    *node,
                                  const char *name);
gboolean  _sl_nml_attr_double    (NmlReader   *rd,
                                  xmlNode     *node,
                                  const char  *attr,
                                  gboolean     required,
                                  double       fallback,
                                  double      *out,
                                  GError     **error);
gboolean  _sl_nml_attr_int       (NmlReader   *rd,
                                  xmlNode     *node,
                                  const char  *attr,
                                  int         *out,
                                  GError     **error);
int       _sl_nml_segment_index  (NmlReader *rd,
                                  int        id);

/* Resolves the segment groups.  First pass (finished = FALSE): sets the
 * type of every segment in a standard group.  Second pass, after
 * sl_morphology_finish(): adds every named group as a region. */
gboolean  _sl_nml_read_groups    (NmlReader     *rd,
                                  xmlNode       *morph,
                                  SlMorphology  *self,
                                  gboolean       finished,
                                  GError       **error);
int       _sl_nml_type_from_name (const char *name);

G_END_DECLS
