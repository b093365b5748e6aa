#version 330 core
// Thin segments (a few pixels across on screen) as camera-facing quads:
// two triangles instead of a cylinder's fifty.  The fragment shader shades
// the quad as the cylinder it stands for and rounds its distal end.
// Segments come through u_order (which segments are thin this frame), in
// batches of u_segments_per_batch per instance, like segment.vert.glsl.

layout (location = 0) in vec2 a_corner; // x: side (-1, +1); y: end (0 proximal, 1 distal)

uniform samplerBuffer  u_segments; // RGBA32F, 2 per segment: (p0, r0), (p1, r1) in µm
uniform samplerBuffer  u_colors;   // RGBA8, 1 per segment
uniform isamplerBuffer u_order;    // R32I: segment indices, thick ones then thin ones
uniform int u_first_segment;       // into u_order
uniform int u_segments_per_batch;
uniform int u_shape_vertices;

uniform mat4 u_view;
uniform mat4 u_proj;
uniform vec2 u_um_per_px;          // µm per pixel at depth d: x + y d (orthographic: y = 0)
uniform float u_ortho;             // 1: parallel projection, the eye looks along -z
uniform float u_min_radius_px;

out vec3 v_color;
out float v_side;       // -1 … 1 across the tube
out float v_along;      // µm from the proximal end
flat out float v_length; // µm, proximal to distal centre
flat out float v_r1;     // µm, distal radius (of the rounded end)

void
main ()
{
  int slot = u_first_segment + gl_InstanceID * u_segments_per_batch
             + gl_VertexID / u_shape_vertices;
  int segment = texelFetch (u_order, slot).r;
  vec4 p0r0 = texelFetch (u_segments, 2 * segment);
  vec4 p1r1 = texelFetch (u_segments, 2 * segment + 1);
  vec3 a0 = (u_view * vec4 (p0r0.xyz, 1.0)).xyz;
  vec3 a1 = (u_view * vec4 (p1r1.xyz, 1.0)).xyz;
  float r0 = max (p0r0.w, u_min_radius_px * (u_um_per_px.x + u_um_per_px.y * max (-a0.z, 0.0)));
  float r1 = max (p1r1.w, u_min_radius_px * (u_um_per_px.x + u_um_per_px.y * max (-a1.z, 0.0)));
  vec3 d = a1 - a0;
  float len = length (d);
  vec3 axis = len > 1e-6 ? d / len : vec3 (0.0, 1.0, 0.0);
  vec3 to_eye = u_ortho > 0.5 ? vec3 (0.0, 0.0, 1.0) : normalize (-(a0 + a1) * 0.5);
  vec3 side = cross (axis, to_eye);
  side = length (side) > 1e-4 ? normalize (side) : vec3 (1.0, 0.0, 0.0);

  bool distal = a_corner.y > 0.5;
  // The distal end reaches r1 further along the axis for its round cap.
  vec3 centre = distal ? a1 + axis * r1 : a0;
  float r = distal ? r1 : r0;
  vec3 pos = centre + side * a_corner.x * r;
  // A flat quad has the depth of its axis, so at a joint the next segment's
  // start and this one's rounded end tie and whichever comes last wins,
  // leaving a dark seam.  Moving the distal edge back by r1 along its own
  // line of sight (the screen position does not change) lets the next
  // segment's start cover the cap.
  if (distal)
    {
      if (u_ortho > 0.5)
        pos.z -= r1;
      else
        pos *= 1.0 + r1 / max (length (pos), 1e-6);
    }

  v_color = texelFetch (u_colors, segment).rgb;
  v_side = a_corner.x;
  v_along = distal ? len + r1 : 0.0;
  v_length = len;
  v_r1 = max (r1, 1e-6);
  gl_Position = u_proj * vec4 (pos, 1.0);
}
