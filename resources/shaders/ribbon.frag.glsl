#version 330 core
// A quad standing for a tube seen side-on: with the headlight, the surface
// normal's component towards the eye across the tube is sqrt(1 - s²), the
// same Lambert term the real cylinders get.  Past the distal centre the
// end is a half disc (the tube's rounded cap).

in vec3 v_color;
in float v_side;
in float v_along;
flat in float v_length;
flat in float v_r1;

uniform float u_ambient;

out vec4 frag_color;

void
main ()
{
  float u = max ((v_along - v_length) / v_r1, 0.0);
  float q = v_side * v_side + u * u;

  if (q > 1.0)
    discard;
  float lambert = sqrt (1.0 - q);
  frag_color = vec4 (v_color * (u_ambient + (1.0 - u_ambient) * lambert), 1.0);
}
