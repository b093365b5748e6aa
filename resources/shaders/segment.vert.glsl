#version 330 core
// One tapered cylinder per instance, parent point -> point, with a
// rounded cap at the distal end so branches join without cracks.
//
// a_shape: (cos θ, sin θ, t along the axis, φ) — φ < 0 for the side wall,
// φ in [0, π/2] for the cap (latitude above the distal rim).

layout (location = 0) in vec4 a_shape;
layout (location = 1) in vec4 i_p0r0;  // µm: proximal centre, radius
layout (location = 2) in vec4 i_p1r1;  // µm: distal centre, radius
layout (location = 3) in vec4 i_color; // RGBA8, normalised

uniform mat4 u_view;
uniform mat4 u_proj;
uniform float u_px_per_depth; // µm per pixel at 1 µm from the eye
uniform float u_min_radius_px;

// Thin neurites (r < 1 µm) would fall below a pixel when a whole cell is in
// view and break into dotted lines: never draw a radius under
// u_min_radius_px on screen.  Zoomed in, true radii take over.
float
visible_radius (vec3 p,
                float r)
{
  float depth = max (-(u_view * vec4 (p, 1.0)).z, 0.0);
  return max (r, u_min_radius_px * u_px_per_depth * depth);
}

out vec3 v_normal;   // view space
out vec3 v_position; // view space
out vec3 v_color;

void
main ()
{
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
