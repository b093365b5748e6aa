#version 330 core
// The soma: a unit sphere scaled and moved into place.

layout (location = 0) in vec3 a_position; // unit sphere, also the normal

uniform mat4 u_view;
uniform mat4 u_proj;
uniform vec4 u_center_radius; // µm
uniform vec4 u_color;

out vec3 v_normal;
out vec3 v_position;
out vec3 v_color;

void
main ()
{
  vec3 pos = u_center_radius.xyz + u_center_radius.w * a_position;
  vec4 view_pos = u_view * vec4 (pos, 1.0);
  v_position = view_pos.xyz;
  v_normal = mat3 (u_view) * a_position;
  v_color = u_color.rgb;
  gl_Position = u_proj * view_pos;
}
