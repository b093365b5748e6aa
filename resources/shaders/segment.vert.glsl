#version 330 core
// A tapered cylinder per segment, parent point -> point, with a rounded
// cap at the distal end so branches join without cracks.  Each instance
// draws a batch of u_segments_per_batch segments, taken from u_order (the
// segments thick enough on screen this frame to need real geometry); the
// segments' data come from buffer textures.
//
// a_shape: (cos θ, sin θ, t along the axis, φ) — φ < 0 for the side wall,
// φ in [0, π/2] for the cap (latitude above the distal rim).

layout (location = 0) in vec4 a_shape;

uniform samplerBuffer u_segments; // RGBA32F, 2 per segment: (p0, r0), (p1, r1) in µm
uniform samplerBuffer u_colors;   // RGBA8, 1 per segment
uniform isamplerBuffer u_order;   // R32I: segment indices, thick ones then thin ones
uniform int u_first_segment;      // into u_order
uniform int u_segments_per_batch;
uniform int u_shape_vertices;

uniform mat4 u_view;
uniform mat4 u_proj;
uniform vec2 u_um_per_px;     // µm per pixel at depth d: x + y d (orthographic: y = 0)
uniform float u_min_radius_px;

// Thin neurites (r < 1 µm) would fall below a pixel when a whole cell is in
// view and break into dotted lines: never draw a radius under
// u_min_radius_px on screen.  Zoomed in, true radii take over.
float
visible_radius (vec3 p,
                float r)
{
  float depth = max (-(u_view * vec4 (p, 1.0)).z, 0.0);
  return max (r, u_min_radius_px * (u_um_per_px.x + u_um_per_px.y * depth));
}

out vec3 v_normal;   // view space
out vec3 v_position; // view space
out vec3 v_color;

void
main ()
{
  int slot = u_first_segment + gl_InstanceID * u_segments_per_batch
             + gl_VertexID / u_shape_vertices;
  int segment = texelFetch (u_order, slot).r;
  vec4 i_p0r0 = texelFetch (u_segments, 2 * segment);
  vec4 i_p1r1 = texelFetch (u_segments, 2 * segment + 1);
  vec4 i_color = texelFetch (u_colors, segment);
  vec3 p0 = i_p0r0.xyz;
  vec3 p1 = i_p1r1.xyz;
  float r0 = visible_radius (p0, i_p0r0.w);
  float r1 = visible_radius (p1, i_p1r1.w);
  vec3 d = p1 - p0;
  float len = length (d);
  vec3 w = len > 1e-6 ? d / len : vec3 (0.0, 0.0, 1.0);
  vec3 ref = abs (w.z) < 0.9 ? vec3 (0.0, 0.0, 1.0) : vec3 (1.0, 0.0, 0.0);
  vec3 u = normalize (cross (ref, w));
  vec3 v = cross (w, u);
  vec3 radial = a_shape.x * u + a_shape.y * v;
  vec3 pos;
  vec3 n;

  if (a_shape.w < 0.0)
    {
      float t = a_shape.z;
      pos = mix (p0, p1, t) + mix (r0, r1, t) * radial;
      // Normal of a frustum: tilted back along the axis by the taper.
      n = normalize (radial * len + w * (r0 - r1));
    }
  else
    {
      float phi = a_shape.w;
      n = cos (phi) * radial + sin (phi) * w;
      pos = p1 + r1 * n;
    }

  vec4 view_pos = u_view * vec4 (pos, 1.0);
  v_position = view_pos.xyz;
  v_normal = mat3 (u_view) * n;
  v_color = i_color.rgb;
  gl_Position = u_proj * view_pos;
}
