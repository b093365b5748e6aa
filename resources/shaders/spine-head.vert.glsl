#version 330 core
// Spine heads as sphere impostors: a camera-facing square per head in the
// view-space plane of the head's centre, covering its silhouette plus room
// for the rings around selected and stimulated heads; spine-head.frag.glsl
// finds the sphere under each fragment.  No attributes: the head comes
// from gl_VertexID.
//
// Two variants of this source, two passes.  With SL_POINTS defined, one
// point per head for the heads up to u_max_point_px across (nearly all of
// them but in close-ups): llvmpipe's cost is mostly per primitive, and a
// point costs a third of two triangles; their depth is that of the head's
// front, flat, so the early depth test keeps working.  Without it, six
// vertices (two triangles) per head for the larger ones, whose fragments
// write the sphere's exact depth.  Each pass leaves the other's heads out.

uniform samplerBuffer u_heads;  // RGBA32F: centre (µm), radius (µm)
uniform samplerBuffer u_colors; // RGBA8: colour, alpha·255 = flags (1 selected, 2 stimulated)

uniform mat4 u_view;
uniform mat4 u_proj;
uniform vec2 u_um_per_px;       // µm per device pixel at depth d: x + y d
uniform float u_ortho;          // 1: parallel projection
uniform float u_min_radius_px;  // device px: the smallest head drawn
uniform float u_scale;          // device px per logical px
uniform float u_max_point_px;   // device px: squares up to this size are points

flat out vec3 v_center;         // view space, µm
flat out float v_radius;        // µm, as drawn
flat out float v_silhouette;    // µm, radius of the outline in the centre's plane
flat out float v_um_per_px;     // µm per device pixel at the centre
flat out vec3 v_color;
flat out int v_flags;
flat out float v_half;          // µm, half the square's side
out vec2 v_offset;              // µm from the centre, in its plane (quads)

const vec2 corners[6] = vec2[6] (vec2 (-1.0, -1.0), vec2 (1.0, -1.0), vec2 (-1.0, 1.0),
                                  vec2 (-1.0, 1.0), vec2 (1.0, -1.0), vec2 (1.0, 1.0));

void
main ()
{
#ifdef SL_POINTS
  int spine = gl_VertexID;
  vec2 corner = vec2 (0.0);
#else
  int spine = gl_VertexID / 6;
  vec2 corner = corners[gl_VertexID % 6];
#endif
  vec4 head = texelFetch (u_heads, spine);
  vec4 color = texelFetch (u_colors, spine);
  int flags = int (color.a * 255.0 + 0.5);
  bool selected = (flags & 1) != 0;
  vec3 c = (u_view * vec4 (head.xyz, 1.0)).xyz;
  float um_px = u_um_per_px.x + u_um_per_px.y * max (-c.z, 0.0);
  // Never smaller than a few pixels (a 0.5 µm head on a 1 mm cell would
  // vanish); the selected head half as large again.
  float r = max (head.w, u_min_radius_px * um_px) * (selected ? 1.5 : 1.0);
  float sil = r;
  float rings_px = selected ? 9.0 : ((flags & 2) != 0 ? 4.5 : 1.0);

  gl_PointSize = 1.0;
  if (u_ortho < 0.5)
    {
      // The cone from the eye touching the sphere meets the centre's plane
      // in a circle of radius r d / sqrt(d² - r²); off the view axis the
      // outline stretches a little: 15 % more covers a 30° field.
      float d = length (c);
      if (d <= r * 1.001)
        {
          gl_Position = vec4 (2.0, 2.0, 2.0, 1.0); // eye inside the head: not drawn
          return;
        }
      sil = r * d / sqrt (d * d - r * r);
    }
  float half_size = sil * 1.15 + rings_px * u_scale * um_px;
  float size_px = 2.0 * half_size / um_px;

#ifdef SL_POINTS
  if (size_px > u_max_point_px)
#else
  if (size_px <= u_max_point_px)
#endif
    {
      gl_Position = vec4 (2.0, 2.0, 2.0, 1.0); // drawn by the other pass
      return;
    }

  v_center = c;
  v_radius = r;
  v_silhouette = sil;
  v_um_per_px = um_px;
  v_color = color.rgb;
  v_flags = flags;
  v_half = half_size;
  v_offset = corner * half_size;
#ifdef SL_POINTS
  gl_PointSize = size_px;
  gl_Position = u_proj * vec4 (c.xy, c.z + r, 1.0);
#else
  gl_Position = u_proj * vec4 (c.xy + v_offset, c.z, 1.0);
#endif
}
