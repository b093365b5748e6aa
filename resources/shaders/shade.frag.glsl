#version 330 core
// Lambert + ambient with a headlight: the light sits at the eye, so what
// faces the viewer is brightest and the tubes read as round.

in vec3 v_normal;
in vec3 v_position;
in vec3 v_color;

uniform float u_ambient;
uniform float u_ortho; // 1: parallel projection, the eye looks along -z

out vec4 frag_color;

void
main ()
{
  vec3 n = normalize (v_normal);
  vec3 to_eye = u_ortho > 0.5 ? vec3 (0.0, 0.0, 1.0) : normalize (-v_position);
  // Two-sided: open cylinder ends seen from inside are lit, not black.
  float lambert = abs (dot (n, to_eye));
  vec3 color = v_color * (u_ambient + (1.0 - u_ambient) * lambert);
  frag_color = vec4 (color, 1.0);
}
