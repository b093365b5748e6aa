#version 330 core
// A spine head: the view ray through this fragment meets the sphere (shade
// it, Lambert + ambient under a headlight as the cable; large heads write
// the sphere's own depth so heads and cable hide each other exactly, small
// ones drawn as points keep the flat depth of the head's front), or it
// misses, and the fragment may belong to a ring around the head: the
// accent yellow for a stimulated head, blue edged with white for the
// selected one.  Rings sit at the depth of the head's front.

flat in vec3 v_center;
flat in float v_radius;
flat in float v_silhouette;
flat in float v_um_per_px;
flat in vec3 v_color;
flat in int v_flags;
flat in float v_half;
in vec2 v_offset;

uniform mat4 u_proj;
uniform float u_ambient;
uniform float u_ortho;
uniform float u_scale;

out vec4 frag_color;

const vec3 stimulated_color = vec3 (0.96, 0.76, 0.07);
const vec3 selected_color = vec3 (0.21, 0.52, 0.89);

void
main ()
{
#ifdef SL_POINTS
  // gl_PointCoord runs from the top left corner (0, 0) to (1, 1).
  vec2 offset = (gl_PointCoord * 2.0 - 1.0) * vec2 (1.0, -1.0) * v_half;
#else
  vec2 offset = v_offset;
#endif
  vec3 p = vec3 (v_center.xy + offset, v_center.z);
  vec3 hit, to_eye;
  float disc;

  if (u_ortho > 0.5)
    {
      disc = v_radius * v_radius - dot (offset, offset);
      hit = vec3 (p.xy, v_center.z + sqrt (max (disc, 0.0)));
      to_eye = vec3 (0.0, 0.0, 1.0);
    }
  else
    {
      vec3 dir = normalize (p);
      float b = dot (dir, v_center);

      disc = b * b - dot (v_center, v_center) + v_radius * v_radius;
      hit = dir * (b - sqrt (max (disc, 0.0)));
      to_eye = -dir;
    }

  vec3 color;
  vec3 at;
  if (disc >= 0.0)
    {
      vec3 n = (hit - v_center) / v_radius;
      color = v_color * (u_ambient + (1.0 - u_ambient) * max (dot (n, to_eye), 0.0));
      if ((v_flags & 1) != 0)
        color = mix (color, vec3 (1.0), 0.3);
      at = hit;
    }
  else
    {
      // Logical pixels outside the outline.
      float out_px = (length (offset) - v_silhouette) / (v_um_per_px * u_scale);
      bool stimulated = (v_flags & 2) != 0, selected = (v_flags & 1) != 0;
      float sel_start = stimulated ? 4.0 : 1.0;

      if (stimulated && out_px >= 1.0 && out_px <= 3.5)
        color = stimulated_color;
      else if (selected && out_px >= sel_start && out_px <= sel_start + 2.5)
        color = selected_color;
      else if (selected && out_px > sel_start + 2.5 && out_px <= sel_start + 4.0)
        color = vec3 (1.0);
      else
        discard;
      at = vec3 (p.xy, v_center.z + v_radius);
    }
#ifndef SL_POINTS
  vec4 clip = u_proj * vec4 (at, 1.0);
  gl_FragDepth = clamp (clip.z / clip.w * 0.5 + 0.5, 0.0, 1.0);
#endif
  frag_color = vec4 (color, 1.0);
}
