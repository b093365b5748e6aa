/* sl-generator.c: procedural generator of the bundled cells.
 *
 * Each cell is grown from its soma: unbranched cables advance in steps of a
 * few µm along a direction that meanders (an Ornstein–Uhlenbeck deviation
 * around the cable's main direction, driven by a fixed-seed generator) and
 * taper linearly.  Path lengths are exact: every step has its stated length
 * whatever the meander.  Dimensions are literature-typical values, each
 * with its source; they describe a plausible cell, not a reconstruction.
 */
#include "sl-generator.h"

#include <math.h>
#include <string.h>

#include "sl-morphology-private.h"

G_DEFINE_QUARK (sl-generator-error-quark, sl_generator_error)

/* Point spacing along the generated neurites (µm): fine enough that the
 * tree looks smooth in 3D and that tapers are resolved. */
#define STEP_UM 5.0

typedef struct
{
  GArray  *points;  /* SlPoint */
  guint64  rng;     /* splitmix64 state */
} Builder;

/* The growing end of a cable. */
typedef struct
{
  double pos[3];    /* µm, unrounded */
  double dir[3];    /* unit vector of the cable's main direction */
  int    index;     /* last point, the parent of the next one */
  double r;         /* radius at the last point, µm */
} Tip;

/* ---------------------------------------------------------------- rng -- */

/* splitmix64 (Steele, Lea & Flood 2014): tiny, and its sequence does not
 * depend on the platform or on a library version. */
static guint64
rng_next (Builder *b)
{
  guint64 z = (b->rng += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_uniform (Builder *b)
{
  return (rng_next (b) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (Builder *b,
           double   lo,
           double   hi)
{
  return lo + (hi - lo) * rng_uniform (b);
}

/* Standard normal by Box–Muller (one value per call; simplicity over speed). */
static double
rng_gauss (Builder *b)
{
  double u1 = 1.0 - rng_uniform (b);  /* (0, 1] */
  double u2 = rng_uniform (b);
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* ------------------------------------------------------------- vectors -- */

static void
vec_normalize (double v[3])
{
  double n = sqrt (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  g_assert (n > 0.0);
  v[0] /= n;
  v[1] /= n;
  v[2] /= n;
}

/* The unit vector at polar angle theta (rad) from axis, azimuth phi (rad)
 * around it; phi = 0 is the direction of axis × z (or x if axis ∥ z). */
static void
vec_cone (const double axis[3],
          double       theta,
          double       phi,
          double       out[3])
{
  double e1[3], e2[3];

  if (fabs (axis[2]) < 0.9)
    {
      e1[0] = axis[1];
      e1[1] = -axis[0];
      e1[2] = 0.0;
    }
  else
    {
      e1[0] = 0.0;
      e1[1] = axis[2];
      e1[2] = -axis[1];
    }
  vec_normalize (e1);
  e2[0] = axis[1] * e1[2] - axis[2] * e1[1];
  e2[1] = axis[2] * e1[0] - axis[0] * e1[2];
  e2[2] = axis[0] * e1[1] - axis[1] * e1[0];

  for (int k = 0; k < 3; k++)
    out[k] = cos (theta) * axis[k] + sin (theta) * (cos (phi) * e1[k] + sin (phi) * e2[k]);
  vec_normalize (out);
}

/* ------------------------------------------------------------ building -- */

static double
round_to (double v,
          double scale)
{
  return round (v * scale) / scale;
}

static int
builder_add_full (Builder      *b,
                  const double  pos[3],
                  double        r,
                  int           type,
                  int           parent,
                  guint         flags)
{
  SlPoint p = { 0 };

  /* Rounded to what an SWC file holds, so that writing and reading back
   * gives these very doubles (IEEE division is correctly rounded, as is
   * strtod). */
  p.x = round_to (pos[0], 100.0) + 0.0;  /* + 0.0: no "-0" in the files */
  p.y = round_to (pos[1], 100.0) + 0.0;
  p.z = round_to (pos[2], 100.0) + 0.0;
  p.r = round_to (r, 1000.0);
  p.type = type;
  p.parent = parent;
  p.flags = flags;
  p.id = (int) b->points->len + 1;
  g_assert (parent < (int) b->points->len);
  g_array_append_val (b->points, p);
  return (int) b->points->len - 1;
}

static int
builder_add (Builder      *b,
             const double  pos[3],
             double        r,
             int           type,
             int           parent)
{
  return builder_add_full (b, pos, r, type, parent, 0);
}

/* The three points of a soma. */
typedef struct
{
  int centre;  /* root */
  int minus;   /* centre - r·axis */
  int plus;    /* centre + r·axis */
} Soma;

/* A three-point soma (the NeuroMorpho standard, Cannon et al. 1998): the
 * centre, then two points one radius away on either side along axis, all
 * with the soma radius.  Its lateral area, a cylinder of length and
 * diameter 2r, equals the sphere's 4πr². */
static Soma
add_soma (Builder      *b,
          double        diameter,
          const double  axis[3])
{
  double r = diameter / 2.0;
  Soma s;

  s.centre = builder_add (b, (double[3]) { 0.0, 0.0, 0.0 }, r, SL_TYPE_SOMA, -1);
  s.minus = builder_add (b, (double[3]) { -r * axis[0], -r * axis[1], -r * axis[2] }, r,
                         SL_TYPE_SOMA, s.centre);
  s.plus = builder_add (b, (double[3]) { r * axis[0], r * axis[1], r * axis[2] }, r,
                        SL_TYPE_SOMA, s.centre);
  return s;
}

/* A tip at an existing point, heading in dir, with radius r. */
static Tip
tip_at (Builder      *b,
        int           index,
        const double  dir[3],
        double        r)
{
  const SlPoint *p = &g_array_index (b->points, SlPoint, index);
  Tip t = { .pos = { p->x, p->y, p->z }, .index = index, .r = r };

  memcpy (t.dir, dir, sizeof t.dir);
  vec_normalize (t.dir);
  return t;
}

/* Starts a neurite on the soma: its first point lies on the soma surface
 * at pos, with the neurite's radius, and is DETACHED from its soma parent:
 * the gap from the soma point is not cable (as NEURON's Import3d and
 * SlModel treat a section on the soma), so lengths, areas and path
 * distances start at the soma surface.  The SWC writer records the flag in
 * a "# spinelab-detached:" comment; other readers see an ordinary row. */
static Tip
start_on_soma (Builder      *b,
               int           soma_point,
               const double  pos[3],
               const double  dir[3],
               double        r,
               int           type)
{
  Tip t = { 0 };

  memcpy (t.pos, pos, sizeof t.pos);
  memcpy (t.dir, dir, sizeof t.dir);
  vec_normalize (t.dir);
  t.r = r;
  t.index = builder_add_full (b, t.pos, r, type, soma_point, SL_POINT_DETACHED);
  return t;
}

/* A point of the built tree, as a position. */
static void
point_pos (Builder *b,
           int      index,
           double   pos[3])
{
  const SlPoint *p = &g_array_index (b->points, SlPoint, index);

  pos[0] = p->x;
  pos[1] = p->y;
  pos[2] = p->z;
}

/* Starts a branch off the point of `from` in direction dir (no point is
 * added: the first step leaves from the parent point). */
static Tip
branch_off (const Tip    *from,
            const double  dir[3],
            double        r)
{
  Tip t = *from;

  memcpy (t.dir, dir, sizeof t.dir);
  vec_normalize (t.dir);
  t.r = r;
  return t;
}

/* Grows an unbranched cable of exactly `length` µm of path from t, tapering
 * linearly from t->r to r_end, in equal steps of at most STEP_UM.
 * wiggle (rad) scales the meander; 0 gives a straight line.  If trace is
 * given, the index of every new point is appended to it. */
static void
grow (Builder *b,
      Tip     *t,
      double   length,
      double   r_end,
      int      type,
      double   wiggle,
      GArray  *trace)
{
  double dev[3] = { 0.0, 0.0, 0.0 };
  double r0 = t->r;
  int n_steps;
  double step;

  g_assert (length > 0.0);
  /* (the 1e-9 keeps 50 µm at ten steps despite rounding) */
  n_steps = (int) ceil (length / STEP_UM - 1e-9);
  step = length / n_steps;
  for (int n = 1; n <= n_steps; n++)
    {
      double d[3];

      for (int k = 0; k < 3; k++)
        {
          /* OU deviation: correlated over a few steps, so bends are smooth */
          dev[k] = 0.7 * dev[k] + wiggle * rng_gauss (b);
          d[k] = t->dir[k] + dev[k];
        }
      vec_normalize (d);
      for (int k = 0; k < 3; k++)
        t->pos[k] += step * d[k];
      t->r = r0 + (r_end - r0) * n / n_steps;
      t->index = builder_add (b, t->pos, t->r, type, t->index);
      if (trace != NULL)
        g_array_append_val (trace, t->index);
    }
}

/* Parameters of a branching subtree. */
typedef struct
{
  double shrink;      /* length ratio daughter/parent */
  int    depth;       /* bifurcation levels below the first cable */
  double half_angle;  /* rad, half the angle between two daughters */
  double r_tip;       /* µm, radius at every tip */
  double axis[3];     /* the tree's overall direction, a pull on every daughter */
  double pull;        /* weight of that pull (0: daughters follow their parent) */
  double wiggle;      /* meander, see grow() */
  int    type;
} TreeShape;

/* Path length from the start of a TreeShape to its tips, without jitter,
 * in units of its first cable's length: 1 + shrink + shrink² + … */
static double
tree_path_factor (const TreeShape *s)
{
  double total = 0.0, l = 1.0;

  for (int level = 0; level <= s->depth; level++, l *= s->shrink)
    total += l;
  return total;
}

/* Grows a subtree from t: a cable that, while depth > 0, bifurcates at its
 * end.  Each cable's length is jittered by ±jitter (fraction); radii taper
 * from t->r to s->r_tip across the levels. */
static void
grow_tree (Builder         *b,
           Tip              t,
           const TreeShape *s,
           double           length,
           int              depth,
           double           jitter)
{
  /* The remaining taper is shared over the remaining levels, so that every
   * tip ends at r_tip. */
  double r_end = s->r_tip + (t.r - s->r_tip) * depth / (depth + 1.0);
  double phi;

  grow (b, &t, length * rng_range (b, 1.0 - jitter, 1.0 + jitter), r_end,
        s->type, s->wiggle, NULL);
  if (depth <= 0)
    return;

  phi = rng_range (b, 0.0, 2.0 * G_PI);
  for (int side = 0; side < 2; side++)
    {
      double dir[3];

      vec_cone (t.dir, s->half_angle * rng_range (b, 0.8, 1.2), phi + side * G_PI, dir);
      for (int k = 0; k < 3; k++)
        dir[k] += s->pull * s->axis[k];
      vec_normalize (dir);
      grow_tree (b, branch_off (&t, dir, r_end), s, length * s->shrink, depth - 1, jitter);
    }
}

/* ------------------------------------------------------ lesson cells -- */

/* A soma and one straight, uniform dendrite along +x, typed basal (SWC 3,
 * the generic dendrite code) so that the rule of the "basal" region applies
 * to it.  The soma's axis is x and the dendrite starts on the soma surface
 * at its +x end: a soma cylinder with L = diam and one dendrite, NEURON's
 * ball-and-stick.  The dendrite's points lie on integer coordinates, so
 * `length` is exact. */
static void
build_soma_and_dendrite (Builder *b,
                         double   soma_diameter,
                         double   length,
                         double   diameter)
{
  const double x[3] = { 1.0, 0.0, 0.0 };
  Soma soma = add_soma (b, soma_diameter, x);
  double end[3];
  Tip t;

  point_pos (b, soma.plus, end);
  t = start_on_soma (b, soma.plus, end, x, diameter / 2.0, SL_TYPE_BASAL);

  grow (b, &t, length, diameter / 2.0, SL_TYPE_BASAL, 0.0, NULL);
}

/* Ball-and-stick for the first lessons: the classic teaching geometry of a
 * 20 µm soma [U, typical neuron soma] with a 200 µm, 2 µm dendrite
 * (≈ 0.2 λ at R_m = 20 kΩ·cm², R_a = 150 Ω·cm, models.md §1.1) [U]. */
static void
build_ball_and_stick (Builder *b)
{
  build_soma_and_dendrite (b, 20.0, 200.0, 2.0);
}

/* models.md §3.3, default geometry of the two-spine lesson [U]: soma 20 µm,
 * dendrite 1 µm in diameter and 50 µm long, sealed distal end (V8, V9). */
static void
build_two_spine_dendrite (Builder *b)
{
  build_soma_and_dendrite (b, 20.0, 50.0, 1.0);
}

/* models.md §3.3, segment lesson [U]: the same dendrite, 100 µm long (V10:
 * spines at 10–85 µm). */
static void
build_segment_dendrite (Builder *b)
{
  build_soma_and_dendrite (b, 20.0, 100.0, 1.0);
}

/* Issue 3: "a single 200 µm dendrite on a soma for the two-spine and
 * many-spine heterosynaptic lessons"; §3.3 diameter 1 µm and soma 20 µm. */
static void
build_dendrite_200 (Builder *b)
{
  build_soma_and_dendrite (b, 20.0, 200.0, 1.0);
}

/* Ball-and-stick pyramid, the smallest cell that has the compartments of
 * the two-rule and Chindemi lessons (models.md §7 V11, V12: "soma, basal
 * 200 µm, apical trunk 600 µm, tuft 200 µm"): a 20 µm soma, the 60 µm axon
 * stub of Hay et al. 2011, two straight basal dendrites of 200 µm tapering
 * 1.6 → 0.5 µm (as the L5 cell's), a straight 600 µm trunk tapering
 * 3 → 1.5 µm and two 200 µm tuft branches of 1.0 → 0.6 µm [U]. */
static void
build_pyramid_stick (Builder *b)
{
  const double up[3] = { 0.0, 1.0, 0.0 };
  const double down[3] = { 0.0, -1.0, 0.0 };
  Soma soma = add_soma (b, 20.0, up);
  double end[3];
  Tip t, fork;

  point_pos (b, soma.minus, end);
  t = start_on_soma (b, soma.minus, end, down, 0.5, SL_TYPE_AXON);
  grow (b, &t, 60.0, 0.5, SL_TYPE_AXON, 0.0, NULL);

  point_pos (b, soma.plus, end);
  t = start_on_soma (b, soma.plus, end, up, 1.5, SL_TYPE_APICAL);
  grow (b, &t, 600.0, 0.75, SL_TYPE_APICAL, 0.0, NULL);
  fork = t;
  for (int side = -1; side <= 1; side += 2)
    {
      double dir[3] = { 0.5 * side, 0.866, 0.0 };

      t = branch_off (&fork, dir, 0.5);
      grow (b, &t, 200.0, 0.3, SL_TYPE_APICAL, 0.0, NULL);
    }

  for (int side = -1; side <= 1; side += 2)
    {
      double dir[3] = { 0.866 * side, -0.5, 0.0 };

      for (int k = 0; k < 3; k++)
        end[k] = dir[k] * 10.0;
      t = start_on_soma (b, soma.centre, end, dir, 0.8, SL_TYPE_BASAL);
      grow (b, &t, 200.0, 0.25, SL_TYPE_BASAL, 0.0, NULL);
    }
}

/* ------------------------------------------------------- pyramidal cells -- */

/* Shape of a pyramidal cell; all lengths are path lengths in µm from the
 * soma surface (or from the branch point), diameters in µm. */
typedef struct
{
  double soma_diameter;
  double axon_length, axon_diameter;

  double trunk_length;               /* soma surface to the main bifurcation */
  double trunk_d0, trunk_d1;         /* diameter at the soma, at the bifurcation */

  int    n_obliques;
  double oblique_first, oblique_last; /* trunk path distance of first and last oblique */
  double oblique_min, oblique_max;   /* path length of an oblique, trunk to tip */
  double oblique_d0, oblique_d1;

  double tuft_d0, tuft_tip_d;        /* first tuft branches, tuft tips */
  double tuft_length;                /* path from the bifurcation to a tuft tip */
  int    tuft_depth;                 /* bifurcation levels below the first two branches */

  int    n_basal;
  double basal_length;               /* soma surface to a basal tip (±15 % jitter per cable) */
  double basal_d0, basal_tip_d;
} PyramidShape;

/* The golden angle (rad): successive obliques and basal dendrites turn by
 * it around their axis, so none overlap, as in phyllotaxis. */
#define GOLDEN_ANGLE 2.399963229728653

static void
build_pyramid (Builder            *b,
               const PyramidShape *s)
{
  const double up[3] = { 0.0, 1.0, 0.0 };
  const double down[3] = { 0.0, -1.0, 0.0 };
  g_autoptr(GArray) trunk = g_array_new (FALSE, FALSE, sizeof (int));
  /* The soma's axis is the apical axis: the trunk starts at its top, the
   * axon at its bottom, the basal dendrites on its surface around it. */
  Soma soma = add_soma (b, s->soma_diameter, up);
  double end[3];
  Tip t;

  /* Axon initial segment, straight down towards the white matter. */
  point_pos (b, soma.minus, end);
  t = start_on_soma (b, soma.minus, end, down, s->axon_diameter / 2.0, SL_TYPE_AXON);
  grow (b, &t, s->axon_length, s->axon_diameter / 2.0, SL_TYPE_AXON, 0.01, NULL);

  /* Apical trunk, nearly straight towards the pia. */
  point_pos (b, soma.plus, end);
  t = start_on_soma (b, soma.plus, end, up, s->trunk_d0 / 2.0, SL_TYPE_APICAL);
  grow (b, &t, s->trunk_length, s->trunk_d1 / 2.0, SL_TYPE_APICAL, 0.02, trunk);

  /* Tuft: the main bifurcation, then depth more levels, all drawn upwards. */
  {
    TreeShape tuft = {
      .shrink = 1.0,
      .depth = s->tuft_depth,
      .half_angle = 35.0 * G_PI / 180.0,
      .r_tip = s->tuft_tip_d / 2.0,
      .axis = { 0.0, 1.0, 0.0 },
      .pull = 0.35,
      .wiggle = 0.06,
      .type = SL_TYPE_APICAL,
    };
    double phi = rng_range (b, 0.0, 2.0 * G_PI);
    double first = s->tuft_length / tree_path_factor (&tuft);

    for (int side = 0; side < 2; side++)
      {
        double dir[3];

        vec_cone (up, 40.0 * G_PI / 180.0, phi + side * G_PI, dir);
        grow_tree (b, branch_off (&t, dir, s->tuft_d0 / 2.0), &tuft, first, tuft.depth, 0.15);
      }
  }

  /* Obliques, evenly spaced along the proximal trunk, leaving at 50–70°;
   * every second one bifurcates once. */
  for (int i = 0; i < s->n_obliques; i++)
    {
      double at = s->oblique_first +
                  (s->oblique_last - s->oblique_first) * i / MAX (1, s->n_obliques - 1);
      int k = CLAMP ((int) round (at / STEP_UM) - 1, 0, (int) trunk->len - 1);
      double dir[3];
      TreeShape ob = {
        .shrink = 1.2,
        .depth = i % 2,
        .half_angle = 28.0 * G_PI / 180.0,
        .r_tip = s->oblique_d1 / 2.0,
        .pull = 0.3,
        .wiggle = 0.07,
        .type = SL_TYPE_APICAL,
      };
      double total = rng_range (b, s->oblique_min, s->oblique_max);

      vec_cone (up, rng_range (b, 50.0, 70.0) * G_PI / 180.0,
                i * GOLDEN_ANGLE + rng_range (b, -0.2, 0.2), dir);
      memcpy (ob.axis, dir, sizeof dir);
      t = tip_at (b, g_array_index (trunk, int, k), dir, s->oblique_d0 / 2.0);
      grow_tree (b, t, &ob, total / tree_path_factor (&ob), ob.depth, 0.0);
    }

  /* Basal dendrites: leave the soma sideways and downwards (60–115° from
   * the apical axis), alternately with one and two levels of bifurcation. */
  for (int i = 0; i < s->n_basal; i++)
    {
      double dir[3];
      TreeShape ba = {
        .depth = 1 + i % 2,
        .half_angle = 32.0 * G_PI / 180.0,
        .r_tip = s->basal_tip_d / 2.0,
        .pull = 0.4,
        .wiggle = 0.08,
        .type = SL_TYPE_BASAL,
      };

      vec_cone (down, rng_range (b, 65.0, 120.0) * G_PI / 180.0,
                i * 2.0 * G_PI / s->n_basal + rng_range (b, -0.25, 0.25), dir);
      memcpy (ba.axis, dir, sizeof dir);
      ba.shrink = ba.depth == 1 ? 1.3 : 1.0;
      for (int k = 0; k < 3; k++)
        end[k] = dir[k] * s->soma_diameter / 2.0;
      t = start_on_soma (b, soma.centre, end, dir, s->basal_d0 / 2.0, SL_TYPE_BASAL);
      grow_tree (b, t, &ba, s->basal_length / tree_path_factor (&ba), ba.depth, 0.15);
    }
}

/* Layer-5 thick-tufted pyramidal-like cell (rat somatosensory/visual
 * cortex).  Literature-typical dimensions; the tree is sparser than a
 * reconstruction (Hay et al. 2011 cell1: 7,441 µm apical, 5,134 µm basal
 * in 8 trees) to keep simulations fast. */
static const PyramidShape l5_shape = {
  /* thick-tufted L5 somata are ~20–25 µm across (Larkman & Mason 1990,
   * J Neurosci 10:1407; issue 3) */
  .soma_diameter = 23.0,
  /* the axon as Hay et al. 2011 (PLoS Comput Biol 7:e1002107) model it:
   * a 60 µm stub (2 × 30 µm) of 1 µm diameter in place of the reconstruction */
  .axon_length = 60.0,
  .axon_diameter = 1.0,
  /* main bifurcation inside the Ca²⁺ "hot zone" of Hay et al. 2011,
   * 685–885 µm from the soma; trunk ≈ 1 mm (issue 3), and V3's recording
   * sites at 0–800 µm all lie on it */
  .trunk_length = 850.0,
  /* proximal trunk ~4 µm, tapering to ~1 µm (issue 3; Stuart & Spruston
   * 1998, J Neurosci 18:3501, L5 trunk reconstructions) */
  .trunk_d0 = 4.0,
  .trunk_d1 = 1.2,
  /* 6–12 obliques off the proximal trunk (issue 3; Larkman 1991, J Comp
   * Neurol 306:307), ~1 µm thick and 100–200 µm long [U] */
  .n_obliques = 9,
  .oblique_first = 30.0,
  .oblique_last = 450.0,
  .oblique_min = 100.0,
  .oblique_max = 200.0,
  .oblique_d0 = 1.0,
  .oblique_d1 = 0.5,
  /* tuft: 2 → 4 → 8 branches reaching layer 1, tips ~1.2 mm from the
   * soma [U]; thin distal tuft dendrites 0.4–1 µm [U] */
  .tuft_d0 = 1.0,
  .tuft_tip_d = 0.4,
  .tuft_length = 330.0,
  .tuft_depth = 2,
  /* 5–8 basal dendrites of ~150–250 µm with one or two bifurcations
   * (issue 3; Larkman 1991); cross-check: 9 of the 10 basal trees of the
   * BBP L5 TTPC C060114A7 reach 160–223 µm from the soma.  1.6 µm at the
   * soma tapering to 0.5 µm [U] */
  .n_basal = 7,
  .basal_length = 200.0,
  .basal_d0 = 1.6,
  .basal_tip_d = 0.5,
};

/* CA1 pyramidal-like cell (rat hippocampus). */
static const PyramidShape ca1_shape = {
  /* CA1 somata are ~13–18 µm across (c91662, Ishizuka et al. 1995: a
   * 17.7 µm 3-point soma; BBP mpg141216_A: 13.1 µm); 15 µm [U] */
  .soma_diameter = 15.0,
  /* axon initial segment ~50 µm, 1 µm [U], towards the alveus */
  .axon_length = 50.0,
  .axon_diameter = 1.0,
  /* trunk through stratum radiatum to stratum lacunosum-moleculare at
   * ~350–450 µm (Megías et al. 2001, Neuroscience 102:527; Golding et al.
   * 2001, J Neurophysiol 86:2998); cross-check: the trunk of c91662
   * (Ishizuka et al. 1995) splits at 480 µm */
  .trunk_length = 400.0,
  /* ~3 µm at the soma tapering to ~1 µm at the SR/SLM border; c91662:
   * 3.7 µm at the soma, 2.2 at 100 µm, 1.2 at 400 µm */
  .trunk_d0 = 3.0,
  .trunk_d1 = 1.0,
  /* many thin obliques in stratum radiatum, which carry most of its
   * dendritic length (Megías et al. 2001; c91662 has 28 branches off the
   * trunk): 14 of 80–180 µm, 0.8 → 0.4 µm [U] */
  .n_obliques = 14,
  .oblique_first = 25.0,
  .oblique_last = 340.0,
  .oblique_min = 80.0,
  .oblique_max = 180.0,
  .oblique_d0 = 0.8,
  .oblique_d1 = 0.4,
  /* tuft in SLM: 2 → 4 → 8 thin branches, ~220 µm of path [U] */
  .tuft_d0 = 0.9,
  .tuft_tip_d = 0.3,
  .tuft_length = 220.0,
  .tuft_depth = 2,
  /* basal dendrites in stratum oriens, ~150–250 µm (Megías et al. 2001;
   * cross-check: 5 of the 6 basal trees of the BBP CA1 cell mpg141216_A
   * reach 181–242 µm), 5 trees [U] */
  .n_basal = 5,
  .basal_length = 200.0,
  .basal_d0 = 1.2,
  .basal_tip_d = 0.4,
};

static void
build_l5_pyramidal (Builder *b)
{
  build_pyramid (b, &l5_shape);
}

static void
build_ca1_pyramidal (Builder *b)
{
  build_pyramid (b, &ca1_shape);
}

/* ------------------------------------------------------------ the table -- */

typedef struct
{
  const char *name;
  const char *description;
  guint64     seed;       /* one per cell, so that editing one leaves the others */
  gboolean    neuroml;
  void      (*build) (Builder *b);
} CellInfo;

static const CellInfo cells[] = {
  { "l5-pyramidal",
    "Layer-5 thick-tufted pyramidal-like cell: 850 µm apical trunk (4 → 1.2 µm), "
    "9 obliques, tuft, 7 basal dendrites, axon stub",
    0x4c35505952ULL, TRUE, build_l5_pyramidal },
  { "ca1-pyramidal",
    "CA1 pyramidal-like cell: 400 µm trunk to SLM (3 → 1 µm), 14 obliques, "
    "tuft, 5 basal dendrites, axon stub",
    0x434131505952ULL, FALSE, build_ca1_pyramidal },
  { "ball-and-stick",
    "Ball-and-stick: 20 µm soma and one 200 µm dendrite of 2 µm",
    1, FALSE, build_ball_and_stick },
  { "two-spine-dendrite",
    "Two-spine lesson: 20 µm soma and a 50 µm dendrite of 1 µm (models.md §3.3)",
    2, FALSE, build_two_spine_dendrite },
  { "segment-dendrite",
    "Segment lesson: 20 µm soma and a 100 µm dendrite of 1 µm (models.md §3.3, V10)",
    3, FALSE, build_segment_dendrite },
  { "dendrite-200",
    "Heterosynaptic lessons: 20 µm soma and a 200 µm dendrite of 1 µm",
    4, FALSE, build_dendrite_200 },
  { "pyramid-stick",
    "Ball-and-stick pyramid: 20 µm soma, axon stub, two 200 µm basal dendrites, "
    "600 µm apical trunk, two 200 µm tuft branches (models.md §7 V11, V12)",
    5, FALSE, build_pyramid_stick },
};

static const char * const cell_names[] = {
  "l5-pyramidal",
  "ca1-pyramidal",
  "ball-and-stick",
  "two-spine-dendrite",
  "segment-dendrite",
  "dendrite-200",
  "pyramid-stick",
  NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (cell_names) == G_N_ELEMENTS (cells) + 1);

static const CellInfo *
find_cell (const char *name)
{
  if (name == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (cells); i++)
    if (strcmp (cells[i].name, name) == 0)
      return &cells[i];
  return NULL;
}

const char * const *
sl_bundled_cell_names (void)
{
  return cell_names;
}

const char *
sl_bundled_cell_description (const char *name)
{
  const CellInfo *info = find_cell (name);

  return info != NULL ? info->description : NULL;
}

gboolean
sl_bundled_cell_has_neuroml (const char *name)
{
  const CellInfo *info = find_cell (name);

  return info != NULL && info->neuroml;
}

SlMorphology *
sl_bundled_cell_new (const char  *name,
                     GError     **error)
{
  const CellInfo *info = find_cell (name);
  g_autoptr(SlMorphology) morph = NULL;
  Builder b;

  if (info == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) cell_names);

      g_set_error (error, SL_GENERATOR_ERROR, SL_GENERATOR_ERROR_UNKNOWN_CELL,
                   "unknown bundled cell “%s” (known: %s)",
                   name != NULL ? name : "(null)", known);
      return NULL;
    }

  b.points = g_array_new (FALSE, TRUE, sizeof (SlPoint));
  b.rng = info->seed;
  info->build (&b);

  morph = sl_morphology_new (info->name);
  morph->n_points = (int) b.points->len;
  morph->points = (SlPoint *) (gpointer) g_array_free (b.points, FALSE);
  if (!sl_morphology_finish (morph, error))
    return NULL;
  return g_steal_pointer (&morph);
}

/* Adds a NeuroML2 segment group `group` with the points of region `type_region`. */
static void
add_group_copy (SlMorphology *morph,
                const char   *type_region,
                const char   *group)
{
  const SlRegion *r = sl_morphology_find_region (morph, type_region);
  int *points;

  if (r == NULL || sl_morphology_find_region (morph, group) != NULL)
    return;
  points = g_memdup2 (r->points, sizeof (int) * MAX (r->n_points, 1));
  _sl_morphology_add_region (morph, group, -1, SL_REGION_GROUP, points, r->n_points);
}

gboolean
sl_bundled_cell_write_files (const char  *name,
                             const char  *dir,
                             GError     **error)
{
  g_autoptr(SlMorphology) morph = NULL;
  g_autofree char *swc = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  morph = sl_bundled_cell_new (name, error);
  if (morph == NULL)
    return FALSE;

  swc = g_strconcat (name, ".swc", NULL);
  {
    g_autofree char *path = g_build_filename (dir, swc, NULL);

    if (!sl_morphology_write_swc (morph, path, error))
      return FALSE;
  }
  if (sl_bundled_cell_has_neuroml (name))
    {
      g_autofree char *nml = g_strconcat (name, ".cell.nml", NULL);
      g_autofree char *path = g_build_filename (dir, nml, NULL);

      /* The group names NeuroML2 cells conventionally carry (NeuroML2
       * examples, OSB conversions such as Hay et al.'s L5PC.cell.nml),
       * besides the writer's soma_group/axon_group/…_dendrite. */
      add_group_copy (morph, "apical", "apical_dends");
      add_group_copy (morph, "basal", "basal_dends");
      if (!sl_morphology_write_neuroml (morph, path, error))
        return FALSE;
    }
  return TRUE;
}
