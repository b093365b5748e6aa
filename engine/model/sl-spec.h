/* sl-spec.h: what the user designs (SlModelSpec) and how it is driven
 * (SlProtocolSpec).  Both are plain data, saved in a session file and
 * compiled into an immutable SlModel / SlProtocol by the engine.
 *
 * Strings name things the way the session file does: regions ("all",
 * "soma", "axon", "basal", "apical", "trunk", "oblique", "tuft", NeuroML2
 * group names, custom labels), mechanisms ("pas", "hh", "na_dend",
 * "k_dend", "ca_hva", …), rules ("graupner-brunel", …) and locations
 * ("soma", "xyz:X,Y,Z", "path:REGION:D", "spine:ID").
 *
 * Units are NEURON's: ms, mV, µm, µm², S/cm², µF/cm², Ω·cm, nA, µS, mM.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_SPEC_ERROR (sl_spec_error_quark ())
GQuark sl_spec_error_quark (void);

typedef enum
{
  SL_SPEC_ERROR_INVALID,   /* a value out of range, naming the field */
  SL_SPEC_ERROR_UNKNOWN,   /* unknown rule, mechanism, region, spine, cell */
  SL_SPEC_ERROR_LOCATION,  /* a location that does not resolve */
} SlSpecError;

/* ------------------------------------------------------------------ */
/* Parameter values that may depend on path distance d (µm) from the soma. */

typedef enum
{
  SL_PROFILE_CONSTANT,  /* value */
  SL_PROFILE_LINEAR,    /* value + slope·d, floored at `floor` */
  SL_PROFILE_SIGMOID,   /* value + (value_far − value) / (1 + exp((d_mid − d)/width)) */
  SL_PROFILE_WINDOW,    /* value_far for d_min ≤ d ≤ d_max, value elsewhere (hot zone) */
} SlProfileKind;

typedef struct
{
  SlProfileKind kind;
  double value;
  double value_far;
  double slope;        /* per µm */
  double floor;
  double d_mid, width; /* µm */
  double d_min, d_max; /* µm */
} SlProfile;

double sl_profile_eval (const SlProfile *profile,
                        double           distance_um);

/* One "insert mechanism in region, set parameter" line, as in NEURON:
 * region "apical", mechanism "hh", param "gnabar", value 0.012 S/cm².
 * Mechanism "cable" holds the passive cable properties cm and Ra.
 * Later entries override earlier ones where regions overlap. */
typedef struct
{
  char      *region;
  char      *mechanism;
  char      *param;       /* NULL: just insert with defaults */
  SlProfile  value;
} SlMechanismSpec;

/* ------------------------------------------------------------------ */
/* Spines and their synapse (models.md §1.2–1.5, §2). */

typedef struct
{
  double head_volume;   /* µm³ (0.087) */
  double neck_length;   /* µm (1.0) */
  double neck_diam;     /* µm (0.15) */
} SlSpineGeometry;

typedef struct
{
  double g_ampa;        /* peak AMPA conductance, µS (0.00068 = 0.68 nS) */
  double nmda_ratio;    /* ĝ_NMDA / ĝ_AMPA (0.7) */
  double tau_r_ampa, tau_d_ampa;  /* ms (0.2, 1.7) */
  double tau_r_nmda, tau_d_nmda;  /* ms (0.29, 70) */
  double e_ampa, e_nmda;          /* mV (0, 0 with Jahr–Stevens / −3 BBP) */
  double mg;                      /* mM (1.0) */
  int    mg_block;                /* SlMgBlock */
  double g_vdcc;                  /* R-type VDCC in the head, nS/µm² of head area (0.0744) */
  /* Tsodyks–Markram release (Chindemi); use_se = 1, n_rrp = 1 makes
   * every spike a full deterministic release. */
  double use_se, tau_dep, tau_fac; /* 1, ms, ms */
  int    n_rrp;
  gboolean stochastic_release;
} SlSynapseSpec;

typedef enum
{
  SL_MG_JAHR_STEVENS,     /* 1/(1 + [Mg]/3.57·exp(−0.062 V)) */
  SL_MG_VARGAS_CABALLERO, /* 1/(1 + [Mg]/2.552·exp(−0.072 V)) */
} SlMgBlock;

/* Spines placed by density on a region. */
typedef struct
{
  char            *region;
  double           density;     /* spines per µm of dendrite */
  guint64          seed;        /* placement */
  SlSpineGeometry  geometry;
  SlSynapseSpec    synapse;
} SlSpineGroupSpec;

/* One spine placed by hand. */
typedef struct
{
  char            *id;          /* unique, referenced as "spine:ID" */
  char            *location;    /* "xyz:…", "path:…" */
  SlSpineGeometry  geometry;
  SlSynapseSpec    synapse;
} SlSpineSpec;

/* ------------------------------------------------------------------ */
/* Plasticity rules per region, or per spine ("spine:ID" as target). */

typedef struct
{
  char   *name;
  double  value;
} SlParamValue;

typedef struct
{
  char   *target;    /* region name or "spine:ID" */
  char   *rule;      /* "none", "graupner-brunel", … */
  char   *preset;    /* NULL or a preset name of the rule */
  GArray *params;    /* (element-type SlParamValue) overrides */
} SlRuleAssignment;

/* Calcium system (models.md §2). */
typedef struct
{
  double ca_rest;        /* mM (70e-6) */
  double eta_head;       /* free fraction (0.04) */
  double tau_head;       /* ms (12) */
  double eta_shaft;      /* (0.05) */
  double tau_shaft;      /* ms (50) */
  double d_eff;          /* µm²/ms (0.020 = 20 µm²/s) */
  double shell_depth;    /* µm (0.1); 0 = full cylinder volume */
  double dx_near;        /* voxel length near spines, µm (0.5) */
  double dx_far;         /* elsewhere, µm (2.0) */
  int    neck_voxels;    /* 2–4 (3) */
  gboolean diffusion;    /* FALSE isolates every spine (Chindemi-faithful) */
} SlCalciumSpec;

typedef struct _SlModelSpec SlModelSpec;

struct _SlModelSpec
{
  char          *morphology;      /* "bundled:NAME" or an absolute path */
  char          *name;

  double         d_lambda;        /* fraction of λ_AC (0.1) */
  double         d_lambda_freq;   /* Hz (100) */
  double         max_length;      /* µm per compartment, 0 = no limit */

  double         celsius;         /* °C (34) */
  double         v_init;          /* mV (−70) */
  double         ca_o;            /* extracellular Ca, mM (2.0) */

  GArray        *mechanisms;      /* (element-type SlMechanismSpec) */
  GArray        *spine_groups;    /* (element-type SlSpineGroupSpec) */
  GArray        *spines;          /* (element-type SlSpineSpec) */
  GArray        *rules;           /* (element-type SlRuleAssignment) */
  SlCalciumSpec  calcium;

  SlSpineGeometry default_geometry;
  SlSynapseSpec   default_synapse;

  guint64        seed;

  /* ids of density spines left out ("g0-12", as removed by hand); the
   * others keep their ids.  NULL or empty: none. */
  GPtrArray     *excluded_spines; /* (element-type utf8) */
};

/* A spec with the defaults of models.md (§1.1 passive values, §1.2 spine
 * geometry, §1.3–1.5 synapse, §2 calcium, §5 rules per region) and no
 * spines or stimuli. */
SlModelSpec *sl_model_spec_new       (void);
SlModelSpec *sl_model_spec_copy      (const SlModelSpec *self);
void         sl_model_spec_free      (SlModelSpec       *self);
gboolean     sl_model_spec_validate  (const SlModelSpec  *self,
                                      GError            **error);

void sl_model_spec_add_mechanism (SlModelSpec *self,
                                  const char  *region,
                                  const char  *mechanism,
                                  const char  *param,
                                  double       value);
SlSpineSpec *sl_model_spec_add_spine (SlModelSpec *self,
                                      const char  *id,
                                      const char  *location);
SlRuleAssignment *sl_model_spec_set_rule (SlModelSpec *self,
                                          const char  *target,
                                          const char  *rule,
                                          const char  *preset);

SlSpineGroupSpec *sl_model_spec_add_spine_group (SlModelSpec *self,
                                                  const char  *region,
                                                  double       density);
/* Removes spine id: a placed spine leaves spec->spines; a density spine
 * ("g<group>-<k>") is added to excluded_spines.  FALSE when id is neither
 * a placed spine nor a density id of an existing group, or is already
 * excluded.  Whether k exists on the cell is the compiler's check. */
gboolean sl_model_spec_remove_spine (SlModelSpec *self,
                                     const char  *id);
/* Whether id is in excluded_spines. */
gboolean sl_model_spec_spine_excluded (const SlModelSpec *self,
                                       const char        *id);
gboolean sl_model_spec_equal (const SlModelSpec *a,
                              const SlModelSpec *b);

/* Syntax of a location string (design.md): "soma", "xyz:X,Y,Z",
 * "path:REGION:D" or "spine:ID".  Whether it resolves on a cell is the
 * compiler's business (SL_SPEC_ERROR_LOCATION). */
gboolean sl_location_validate (const char  *location,
                               GError     **error);

void sl_spine_geometry_init_default (SlSpineGeometry *geometry);
void sl_synapse_spec_init_default   (SlSynapseSpec   *synapse);
void sl_calcium_spec_init_default   (SlCalciumSpec   *calcium);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlModelSpec, sl_model_spec_free)

/* ------------------------------------------------------------------ */
/* Protocol: stimuli and recordings. */

typedef enum
{
  SL_TRAIN_REGULAR,      /* rate from start, n spikes or until stop */
  SL_TRAIN_POISSON,      /* rate from start to stop, seeded */
  SL_TRAIN_BURST,        /* n_per_burst at intra_rate, bursts every 1/burst_rate, n_bursts */
  SL_TRAIN_THETA_BURST,  /* bursts of 4 at 100 Hz at 5 Hz (defaults), n_bursts */
  SL_TRAIN_PIECEWISE,    /* segments of (duration, rate), repeated n_repeats with gap */
  SL_TRAIN_EXPLICIT,     /* the given times */
} SlTrainKind;

typedef struct
{
  double duration;  /* ms */
  double rate;      /* Hz (0 = silent) */
} SlRateSegment;

typedef struct
{
  SlTrainKind kind;
  double  start;          /* ms */
  double  stop;           /* ms, 0 = open */
  double  rate;           /* Hz */
  int     n;              /* spikes (regular), 0 = until stop */
  int     n_per_burst;
  double  intra_rate;     /* Hz */
  double  burst_rate;     /* Hz */
  int     n_bursts;
  GArray *segments;       /* (element-type SlRateSegment) piecewise */
  int     n_repeats;      /* piecewise: windows */
  double  gap;            /* ms between piecewise windows */
  GArray *times;          /* (element-type double) explicit, ms */
  guint64 seed;           /* Poisson */
} SlTrainSpec;

typedef enum
{
  SL_STIM_SPIKES,        /* presynaptic spikes onto the synapse of `target` (a spine) */
  SL_STIM_ICLAMP_STEP,   /* amp nA from delay for dur */
  SL_STIM_ICLAMP_TRAIN,  /* pulses of amp/dur at the times of `train` */
  SL_STIM_PAIRING,       /* spikes onto target by `train`, somatic pulses (amp/dur) at each + offset */
  SL_STIM_SEQUENCE,      /* one spike per target of `targets`, `interval` apart, from train.start,
                            repeated train.n_repeats times every train.gap ms */
} SlStimulusKind;

typedef struct
{
  char           *name;
  SlStimulusKind  kind;
  char           *target;    /* location; for SL_STIM_PAIRING the presynaptic spine */
  char          **targets;   /* NULL-terminated, SL_STIM_SEQUENCE */
  SlTrainSpec     train;
  double          amp;       /* nA */
  double          delay;     /* ms (step) */
  double          dur;       /* ms (step, or each pulse) */
  double          offset;    /* ms, pairing: t_post − t_pre (Δt) */
  double          interval;  /* ms, sequence */
  char           *post_target; /* pairing: where the pulses go (default "soma") */
} SlStimulusSpec;

typedef struct
{
  char *name;       /* CSV column */
  char *variable;   /* "v", "ca", "w", "dw", "rho", "g_ampa", "g_nmda", "i_ampa", "i_nmda", "i_ca" */
  char *location;   /* location string */
} SlRecordingSpec;

typedef struct _SlProtocolSpec SlProtocolSpec;

struct _SlProtocolSpec
{
  double  dt;               /* ms (0.025) */
  double  tstop;            /* ms */
  double  record_interval;  /* ms (0.1) */
  double  theta_period;     /* ms, protocol clock for theta-cycle rules (200), 0 = none */
  double  theta_start;      /* ms */
  GArray *stimuli;          /* (element-type SlStimulusSpec) */
  GArray *recordings;       /* (element-type SlRecordingSpec) */
};

SlProtocolSpec *sl_protocol_spec_new      (void);
SlProtocolSpec *sl_protocol_spec_copy     (const SlProtocolSpec *self);
void            sl_protocol_spec_free     (SlProtocolSpec       *self);
gboolean        sl_protocol_spec_validate (const SlProtocolSpec  *self,
                                           GError               **error);

SlStimulusSpec  *sl_protocol_spec_add_stimulus  (SlProtocolSpec *self,
                                                 const char     *name,
                                                 SlStimulusKind  kind,
                                                 const char     *target);
SlRecordingSpec *sl_protocol_spec_add_recording (SlProtocolSpec *self,
                                                 const char     *name,
                                                 const char     *variable,
                                                 const char     *location);

gboolean        sl_protocol_spec_equal    (const SlProtocolSpec *a,
                                           const SlProtocolSpec *b);

/* Spike (or pulse-onset) times of a train, sorted, in ms, in
 * [start, stop) and before tstop (tstop <= 0: no limit, then the train
 * must end by itself); explicit times are absolute, only cut at stop and
 * tstop.  Theta-burst fields left at 0 take the defaults
 * 4 spikes at 100 Hz, bursts at 5 Hz.  Piecewise segments are regular
 * trains starting at the segment onset; windows repeat every (sum of
 * durations + gap).  Poisson uses `seed` (a splitmix64 stream), so the
 * same seed gives the same times on every platform. */
GArray *sl_train_expand (const SlTrainSpec  *train,
                         double              tstop,
                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProtocolSpec, sl_protocol_spec_free)

G_END_DECLS
