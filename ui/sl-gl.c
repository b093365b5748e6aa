/* sl-gl.c: shader compilation with readable errors. */
#include "sl-gl.h"

#include <gio/gio.h>
#include <string.h>

#define SL_SHADER_PREFIX "/org/spinelab/SpineLab/shaders/"

G_DEFINE_QUARK (sl-gl-error-quark, sl_gl_error)

static GLuint
compile_shader (GLenum       kind,
                const char  *name,
                const char  *defines,
                GError     **error)
{
  g_autofree char *path = g_strconcat (SL_SHADER_PREFIX, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *src, *body, *parts[3];
  GLint len, lens[3], ok = GL_FALSE;
  GLuint shader;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SL_GL_ERROR, SL_GL_ERROR_RESOURCE,
                   "Shader %s: %s", name, local_error->message);
      return 0;
    }
  src = g_bytes_get_data (bytes, NULL);
  len = (GLint) g_bytes_get_size (bytes);

  /* The defines go right after the #version line, which must come first. */
  body = memchr (src, '\n', len);
  body = body != NULL ? body + 1 : src + len;
  parts[0] = src;
  lens[0] = (GLint) (body - src);
  parts[1] = defines != NULL ? defines : "";
  lens[1] = (GLint) strlen (parts[1]);
  parts[2] = body;
  lens[2] = len - lens[0];
  shader = glCreateShader (kind);
  glShaderSource (shader, 3, parts, lens);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (!ok)
    {
      GLint log_len = 0;
      g_autofree char *log = NULL;

      glGetShaderiv (shader, GL_INFO_LOG_LENGTH, &log_len);
      log = g_malloc0 (MAX (log_len, 1));
      glGetShaderInfoLog (shader, log_len, NULL, log);
      g_set_error (error, SL_GL_ERROR, SL_GL_ERROR_SHADER,
                   "Shader %s does not compile: %s", name, g_strstrip (log));
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

GLuint
sl_gl_program_new_from_resources (const char  *vertex_name,
                                  const char  *fragment_name,
                                  GError     **error)
{
  return sl_gl_program_new_from_resources_defines (vertex_name, fragment_name, NULL, error);
}

GLuint
sl_gl_program_new_from_resources_defines (const char  *vertex_name,
                                          const char  *fragment_name,
                                          const char  *defines,
                                          GError     **error)
{
  GLuint vs, fs, program;
  GLint ok = GL_FALSE;

  vs = compile_shader (GL_VERTEX_SHADER, vertex_name, defines, error);
  if (vs == 0)
    return 0;
  fs = compile_shader (GL_FRAGMENT_SHADER, fragment_name, defines, error);
  if (fs == 0)
    {
      glDeleteShader (vs);
      return 0;
    }

  program = glCreateProgram ();
  glAttachShader (program, vs);
  glAttachShader (program, fs);
  glLinkProgram (program);
  glDetachShader (program, vs);
  glDetachShader (program, fs);
  glDeleteShader (vs);
  glDeleteShader (fs);

  glGetProgramiv (program, GL_LINK_STATUS, &ok);
  if (!ok)
    {
      GLint log_len = 0;
      g_autofree char *log = NULL;

      glGetProgramiv (program, GL_INFO_LOG_LENGTH, &log_len);
      log = g_malloc0 (MAX (log_len, 1));
      glGetProgramInfoLog (program, log_len, NULL, log);
      g_set_error (error, SL_GL_ERROR, SL_GL_ERROR_SHADER,
                   "Shaders %s + %s do not link: %s",
                   vertex_name, fragment_name, g_strstrip (log));
      glDeleteProgram (program);
      return 0;
    }
  return program;
}
