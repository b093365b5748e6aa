/* sl-session.h: a .spinelab session file — an SlModelSpec, an
 * SlProtocolSpec and optional lesson metadata, in versioned XML
 * (docs/session-format.md).
 *
 * Loading never aborts: a malformed, unsafe (DOCTYPE, entities) or
 * out-of-range file gives NULL and a GError in SL_SESSION_ERROR whose
 * message names the file, the line, the element and the problem.
 * Saving is atomic: the old file stays intact unless the new one was
 * written completely.
 */
#pragma once

#include <glib.h>

#include "sl-morphology.h"
#include "sl-spec.h"

G_BEGIN_DECLS

#define SL_SESSION_ERROR (sl_session_error_quark ())
GQuark sl_session_error_quark (void);

typedef enum
{
  SL_SESSION_ERROR_IO,          /* unreadable / unwritable */
  SL_SESSION_ERROR_PARSE,       /* not well-formed XML */
  SL_SESSION_ERROR_UNSAFE,      /* DOCTYPE, entity declarations */
  SL_SESSION_ERROR_VERSION,     /* root element or version not supported */
  SL_SESSION_ERROR_INVALID,     /* unknown element/attribute, bad value, out of range */
  SL_SESSION_ERROR_MORPHOLOGY,  /* the morphology file does not exist */
} SlSessionError;

#define SL_SESSION_FORMAT_VERSION 1

typedef enum
{
  SL_SESSION_LOAD_DEFAULT = 0,
  /* Do not fail when the morphology file is missing (a UI can then ask
   * the user where it went and keep everything else). */
  SL_SESSION_LOAD_ALLOW_MISSING_MORPHOLOGY = 1 << 0,
} SlSessionLoadFlags;

typedef struct
{
  SlModelSpec    *model;      /* owned; model->morphology is "bundled:NAME" or absolute */
  SlProtocolSpec *protocol;   /* owned */
  char           *title;      /* lesson metadata, NULL when absent */
  char           *text;       /* teaching text (plain UTF-8, paragraphs split by blank lines) */
  char           *expected;   /* expected outcome */
  char           *view;       /* opaque UI state (<view> text), NULL when absent */
} SlSession;

/* A session holding sl_model_spec_new () and sl_protocol_spec_new (). */
SlSession *sl_session_new            (void);
SlSession *sl_session_copy           (const SlSession    *self);
void       sl_session_free           (SlSession          *self);
gboolean   sl_session_equal          (const SlSession    *a,
                                      const SlSession    *b);

SlSession *sl_session_load           (const char         *path,
                                      GError            **error);
SlSession *sl_session_load_full      (const char         *path,
                                      SlSessionLoadFlags  flags,
                                      GError            **error);
/* `data` need not be NUL-terminated.  Relative morphology paths resolve
 * against `base_dir` (NULL: the current directory); `display_name` starts
 * error messages (NULL: "session"). */
SlSession *sl_session_new_from_data  (const char         *data,
                                      gsize               length,
                                      const char         *base_dir,
                                      const char         *display_name,
                                      SlSessionLoadFlags  flags,
                                      GError            **error);

/* The XML text; the morphology path is written relative to base_dir when
 * that is short (at most three "..") else absolute. */
char      *sl_session_to_data        (const SlSession    *self,
                                      const char         *base_dir,
                                      gsize              *length,
                                      GError            **error);
gboolean   sl_session_save           (const SlSession    *self,
                                      const char         *path,
                                      GError            **error);

/* The session's morphology: the bundled cell ("bundled:NAME", built by
 * the generator) or the file. */
SlMorphology *sl_session_load_morphology (const SlSession  *self,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSession, sl_session_free)

G_END_DECLS
