/* sl-gl.h: small OpenGL helpers shared by the GL views (epoxy, 3.3 core). */
#pragma once

#include <epoxy/gl.h>
#include <glib.h>

G_BEGIN_DECLS

#define SL_GL_ERROR (sl_gl_error_quark ())
GQuark sl_gl_error_quark (void);

typedef enum
{
  SL_GL_ERROR_SHADER,   /* a shader failed to compile or link */
  SL_GL_ERROR_RESOURCE, /* shader source missing from the GResource */
  SL_GL_ERROR_FRAMEBUFFER,
} SlGlError;

/* Compiles and links a program from two GLSL files in the GResource
 * (paths relative to /org/spinelab/SpineLab/shaders/); 0 and an error
 * naming the file and the driver's log on failure. */
GLuint sl_gl_program_new_from_resources (const char  *vertex_name,
                                         const char  *fragment_name,
                                         GError     **error);
/* The same with lines of #defines (NULL for none) inserted after the
 * #version line of both shaders: variants of one source. */
GLuint sl_gl_program_new_from_resources_defines (const char  *vertex_name,
                                                 const char  *fragment_name,
                                                 const char  *defines,
                                                 GError     **error);

G_END_DECLS
