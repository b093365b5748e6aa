/* sl-export-neuron.c: SlModel + SlProtocol → a NEURON Python script.
 *
 * The script carries the compiled model as data (sections with their pt3d
 * points, per-node values, spines, synapses, pulses, events, recordings)
 * followed by a fixed builder that turns the data into NEURON objects.
 * Values are written with 17 significant digits so that NEURON computes
 * areas and axial resistances from exactly the numbers SlModel used.
 */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-export-neuron.h"
#include "sl-calcium.h"
#include "sl-nmodl-sources.h"

G_DEFINE_QUARK (sl-export-error-quark, sl_export_error)

/* One double, round-trip exact, as a Python literal. */
static void
append_num (GString *s,
            double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (x))
    g_string_append (s, "NAN");
  else if (isinf (x))
    g_string_append (s, x > 0 ? "INF" : "-INF");
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

/* A Python string literal (names come from session files). */
static void
append_str (GString    *s,
            const char *str)
{
  g_string_append_c (s, '\'');
  for (const char *p = str ? str : ""; *p; p++)
    {
      if (*p == '\\' || *p == '\'')
        g_string_append_printf (s, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

static void
append_node_array (GString      *s,
                   const char   *name,
                   const double *values,
                   int           n)
{
  g_string_append_printf (s, "%s = [", name);
  for (int i = 0; i < n; i++)
    {
      if (i)
        g_string_append (s, i % 8 ? ", " : ",\n  ");
      append_num (s, values[i]);
    }
  g_string_append (s, "]\n");
}

/* NEURON (section, x) of a node: a segment centre; a junction is the end
 * (x = 1, or x = 0 for children at a section's start) of the section of
 * its parent node; a spine node is its own section
 * (given as −2 − 2k for the neck of spine k, −3 − 2k for the head). */
static void
node_location (const SlModel *m,
               int            node,
               int           *section,
               double        *x)
{
  if (node >= m->n_cable)
    {
      *section = -2 - (node - m->n_cable);
      *x = 0.5;
      return;
    }
  if (m->kind[node] == SL_NODE_JUNCTION || m->section[node] < 0)
    {
      int p = m->parent[node];

      while (p >= 0 && m->section[p] < 0)
        p = m->parent[p];
      *section = p >= 0 ? m->section[p] : 0;
      *x = m->x[node] == 0.0 ? 0.0 : 1.0;
      return;
    }
  *section = m->section[node];
  *x = m->x[node];
}

static const char *
record_variable_name (SlRecordVariable v)
{
  switch (v)
    {
    case SL_REC_V: return "v";
    case SL_REC_CA: return "ca";
    case SL_REC_G_AMPA: return "g_ampa";
    case SL_REC_G_NMDA: return "g_nmda";
    case SL_REC_I_AMPA: return "i_ampa";
    case SL_REC_I_NMDA: return "i_nmda";
    case SL_REC_I_CA: return "i_ca";
    case SL_REC_W: return "w";
    case SL_REC_DW: return "dw";
    case SL_REC_RHO: return "rho";
    default: return "unknown";
    }
}

/* Axial resistivity (Ω·cm) that gives a cylinder L × d the half-length
 * resistance r_half (MΩ): r_half = 4·Ra·(L/2)/(π d²), lengths in µm. */
static double
ra_from_half_resistance (double r_half_mohm,
                         double length,
                         double diam)
{
  return r_half_mohm * 1e6 * G_PI * diam * diam * 1e-4 / (4.0 * length / 2.0);
}

static void
append_header (GString          *s,
               const SlModel    *m,
               const SlProtocol *p,
               const char       *source_name,
               GPtrArray        *warnings)
{
  g_string_append (s, "#!/usr/bin/env python3\n");
  g_string_append_printf (s, "# NEURON model exported by SpineLab %s (spinelab export --format neuron)\n", SL_VERSION);
  if (source_name)
    g_string_append_printf (s, "# from %s\n", source_name);
  g_string_append_printf (s, "# cell '%s': %d sections, %d compartments (%d cable), %d spines\n",
                          m->name ? m->name : "", m->n_sections, m->n_nodes, m->n_cable, m->n_spines);
  g_string_append (s,
    "#\n"
    "# Usage: python3 THIS.py [--out FILE.csv] [--tstop MS] [--nrnmech DIR] [--time]\n"
    "#                       [--check-geometry]\n"
    "# Writes the recordings as CSV, header t,<names> as `spinelab run` does.\n"
    "# pas and hh are NEURON's own; SlGluSyn, sl_cav_r, sl_ca_hva, sl_nat, sl_kv3\n"
    "# and sl_cahead are SpineLab's NMODL files, embedded below (NMODL) and\n"
    "# compiled with nrnivmodl on\n"
    "# first use next to this script, unless --nrnmech DIR or $SPINELAB_NRNMECH\n"
    "# names a directory where they are compiled already.\n"
    "# hh keeps NEURON's rate tables (usetable_hh = 1, 1 mV steps, linear\n"
    "# interpolation), which SpineLab's hh reproduces.\n");
  for (guint i = 0; i < warnings->len; i++)
    g_string_append_printf (s, "# NOT EXPORTED: %s\n", (const char *) g_ptr_array_index (warnings, i));
  g_string_append (s, "\nfrom math import inf as INF, nan as NAN\n\n");

  g_string_append (s, "MODEL = ");
  append_str (s, m->name);
  g_string_append (s, "\nCELSIUS = ");
  append_num (s, m->celsius);
  g_string_append (s, "\nV_INIT = ");
  append_num (s, m->v_init);
  g_string_append (s, "\nDT = ");
  append_num (s, p->dt);
  g_string_append (s, "\nTSTOP = ");
  append_num (s, p->tstop);
  g_string_append (s, "\nRECORD_INTERVAL = ");
  append_num (s, p->record_interval);
  g_string_append (s, "\nCA_O = ");
  append_num (s, m->ca_o);
  g_string_append (s, "\nCA_REST = ");
  append_num (s, m->ca_rest);
  g_string_append (s, "\nETA_HEAD = ");
  append_num (s, m->eta_head);
  g_string_append (s, "\nTAU_HEAD = ");
  append_num (s, m->tau_head);
  g_string_append (s, "\nWARNINGS = [");
  for (guint i = 0; i < warnings->len; i++)
    {
      if (i)
        g_string_append (s, ", ");
      append_str (s, g_ptr_array_index (warnings, i));
    }
  g_string_append (s, "]\n\n");
}

static void
append_sections (GString       *s,
                 const SlModel *m)
{
  g_string_append (s,
    "# (name, parent section, x on the parent, nseg, Ra, first node,\n"
    "#  pt3d points as x, y, z, diam, ...)\n"
    "SECTIONS = [\n");
  for (int i = 0; i < m->n_sections; i++)
    {
      const SlModelSection *sec = &m->sections[i];
      g_autofree char *name = NULL;

      if (i == m->soma_section)
        name = g_strdup ("soma");
      else
        name = g_strdup_printf ("%s_%d", sl_point_type_name (sec->type), i);
      g_string_append (s, "  (");
      append_str (s, name);
      g_string_append_printf (s, ", %d, ", sec->parent);
      append_num (s, sec->parent_x);
      g_string_append_printf (s, ", %d, ", sec->nseg);
      append_num (s, sec->ra);
      g_string_append_printf (s, ", %d, (", sec->first_node);
      for (int k = 0; k < sec->n_pt; k++)
        for (int c = 0; c < 4; c++)
          {
            append_num (s, m->pt3d[4 * (sec->pt_offset + k) + c]);
            g_string_append (s, ", ");
          }
      g_string_append (s, ")),\n");
    }
  g_string_append (s, "]\n");
  g_string_append_printf (s, "N_CABLE = %d\nN_NODES = %d\n", m->n_cable, m->n_nodes);
  append_node_array (s, "CM", m->cm, m->n_nodes);
  append_node_array (s, "G_PAS", m->g_pas, m->n_nodes);
  append_node_array (s, "E_PAS", m->e_pas, m->n_nodes);
  g_string_append (s, "# SpineLab's membrane area (um2) and axial conductance to the parent\n"
                      "# node (uS) per node, for --check-geometry\n");
  append_node_array (s, "AREA", m->area, m->n_nodes);
  append_node_array (s, "G_AXIAL", m->g_axial, m->n_nodes);

  g_string_append (s, "# (node, gnabar, gkbar, gl, el, ena, ek)\nHH = [\n");
  for (int i = 0; i < m->n_hh; i++)
    {
      const double vals[] = { m->hh_gnabar[i], m->hh_gkbar[i], m->hh_gl[i],
                              m->hh_el[i], m->hh_ena[i], m->hh_ek[i] };

      g_string_append_printf (s, "  (%d", m->hh_node[i]);
      for (guint k = 0; k < G_N_ELEMENTS (vals); k++)
        {
          g_string_append (s, ", ");
          append_num (s, vals[k]);
        }
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n# (node, gbar, ena)\nNAT = [\n");
  for (int i = 0; i < m->n_nat; i++)
    {
      g_string_append_printf (s, "  (%d, ", m->nat_node[i]);
      append_num (s, m->nat_gbar[i]);
      g_string_append (s, ", ");
      append_num (s, m->nat_ena[i]);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n# (node, ar2): sl_nat's slow inactivation where ar2 < 1\nNAT_AR2 = [\n");
  for (int i = 0; i < m->n_nat; i++)
    if (m->nat_ar2[i] < 1.0)
      {
        g_string_append_printf (s, "  (%d, ", m->nat_node[i]);
        append_num (s, m->nat_ar2[i]);
        g_string_append (s, "),\n");
      }
  g_string_append (s, "]\n# (node, gbar, ek)\nKV3 = [\n");
  for (int i = 0; i < m->n_kv3; i++)
    {
      g_string_append_printf (s, "  (%d, ", m->kv3_node[i]);
      append_num (s, m->kv3_gbar[i]);
      g_string_append (s, ", ");
      append_num (s, m->kv3_ek[i]);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n# (node, gbar)\nCA_HVA = [\n");
  for (int i = 0; i < m->n_cahva; i++)
    {
      g_string_append_printf (s, "  (%d, ", m->cahva_node[i]);
      append_num (s, m->cahva_gbar[i]);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n");
}

static gboolean
append_spines (GString        *s,
               const SlModel  *m,
               GError        **error)
{
  g_string_append (s,
    "# (id, section, x, neck L, neck diam, neck Ra, head L, head diam, head Ra,\n"
    "#  VDCC gbar S/cm2, head volume um3)\n"
    "SPINES = [\n");
  for (int k = 0; k < m->n_spines; k++)
    {
      int neck = m->n_cable + 2 * k, head = neck + 1;
      int section;
      double x;
      double vol = m->spine_volume[k];
      double r = cbrt (3.0 * vol / (4.0 * G_PI));
      double head_l = 3.0 * r, head_d = 4.0 * r / 3.0;
      double ln = m->spine_neck_length[k], dn = m->spine_neck_diam[k];
      double r_neck_half, r_head_half, ra_neck, ra_head, gbar_vdcc;

      if (m->g_axial[neck] <= 0 || m->g_axial[head] <= 0 || m->area[head] <= 0 ||
          !(ln > 0) || !(dn > 0) || !(vol > 0))
        {
          g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_INVALID,
                       "spine %s: neck or head without geometry or axial conductance",
                       m->spine_id[k]);
          return FALSE;
        }
      /* Mirror the compiled conductances exactly: g_axial[neck] is the
       * neck's half resistance, g_axial[head] the two halves in series. */
      r_neck_half = 1.0 / m->g_axial[neck];
      r_head_half = 1.0 / m->g_axial[head] - r_neck_half;
      ra_neck = ra_from_half_resistance (r_neck_half, ln, dn);
      ra_head = ra_from_half_resistance (r_head_half, head_l, head_d);
      /* ĝ_VDCC (µS) over the head area (µm²) in S/cm²: µS/µm² = 100 S/cm². */
      gbar_vdcc = m->syn_g_vdcc[k] / m->area[head] * 100.0;
      node_location (m, m->spine_node[k], &section, &x);

      g_string_append (s, "  (");
      append_str (s, m->spine_id[k]);
      g_string_append_printf (s, ", %d", section);
      {
        const double vals[] = { x, ln, dn, ra_neck, head_l, head_d, ra_head, gbar_vdcc, vol };

        for (guint i = 0; i < G_N_ELEMENTS (vals); i++)
          {
            g_string_append (s, ", ");
            append_num (s, vals[i]);
          }
      }
      g_string_append (s, "),\n");
    }
  g_string_append (s,
    "]\n"
    "# (gmax_ampa uS, gmax_nmda uS, w0, tau_r_ampa, tau_d_ampa, tau_r_nmda, tau_d_nmda,\n"
    "#  e_ampa, e_nmda, mg mM, mg_scale mM, mg_slope /mV)\n"
    "SYNAPSES = [\n");
  for (int k = 0; k < m->n_spines; k++)
    {
      const double vals[] = { m->syn_g_ampa[k], m->syn_g_nmda[k], m->syn_w0[k],
                              m->syn_tau_r_ampa[k], m->syn_tau_d_ampa[k],
                              m->syn_tau_r_nmda[k], m->syn_tau_d_nmda[k],
                              m->syn_e_ampa[k], m->syn_e_nmda[k], m->syn_mg[k],
                              m->syn_mg_scale[k], m->syn_mg_slope[k] };

      g_string_append (s, "  (");
      for (guint i = 0; i < G_N_ELEMENTS (vals); i++)
        {
          if (i)
            g_string_append (s, ", ");
          append_num (s, vals[i]);
        }
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n");
  return TRUE;
}

static void
append_protocol (GString          *s,
                 const SlModel    *m,
                 const SlProtocol *p)
{
  g_string_append (s, "# (section, x, t_on, t_off, amp nA)\nPULSES = [\n");
  for (int i = 0; i < p->n_pulses; i++)
    {
      const SlPulse *pulse = &p->pulses[i];
      int section;
      double x;

      node_location (m, pulse->node, &section, &x);
      g_string_append_printf (s, "  (%d, ", section);
      append_num (s, x);
      g_string_append (s, ", ");
      append_num (s, pulse->t_on);
      g_string_append (s, ", ");
      append_num (s, pulse->t_off);
      g_string_append (s, ", ");
      append_num (s, pulse->amp);
      g_string_append (s, "),\n");
    }
  g_string_append (s, "]\n# (t, spine)\nEVENTS = [\n");
  for (int i = 0; i < p->n_events; i++)
    {
      g_string_append (s, "  (");
      append_num (s, p->events[i].t);
      g_string_append_printf (s, ", %d),\n", p->events[i].spine);
    }
  g_string_append (s, "]\n# (column, variable, section, x, spine)\nRECORDINGS = [\n");
  for (int i = 0; i < p->n_recordings; i++)
    {
      const SlRecordingRef *rec = &p->recordings[i];
      int section;
      double x;

      node_location (m, rec->node, &section, &x);
      g_string_append (s, "  (");
      append_str (s, rec->name);
      g_string_append (s, ", ");
      append_str (s, record_variable_name (rec->variable));
      g_string_append_printf (s, ", %d, ", section);
      append_num (s, x);
      g_string_append_printf (s, ", %d),\n", rec->spine);
    }
  g_string_append (s, "]\n\n");
}

/* SpineLab's NMODL files, compiled by the script when no --nrnmech is given. */
static void
append_nmodl (GString *s)
{
  g_string_append (s, "# SpineLab's NMODL files (tests/neuron/mod), compiled with nrnivmodl on first\n"
                      "# use when neither --nrnmech nor $SPINELAB_NRNMECH is given.\nNMODL = {\n");
  for (int i = 0; i < sl_nmodl_n_sources; i++)
    {
      g_string_append (s, "  ");
      append_str (s, sl_nmodl_names[i]);
      g_string_append (s, ":\n    ");
      append_str (s, sl_nmodl_texts[i]);
      g_string_append (s, ",\n");
    }
  g_string_append (s, "}\n\n");
}

/* The builder: fixed text, reads the tables above. */
static const char builder[] =
"import argparse\n"
"import os\n"
"import sys\n"
"import time\n"
"\n"
"\n"
"def mech_exists(h, name):\n"
"    sref = h.ref('')\n"
"    for kind in (0, 1):\n"
"        mt = h.MechanismType(kind)\n"
"        for i in range(int(mt.count())):\n"
"            mt.select(i)\n"
"            mt.selected(sref)\n"
"            if sref[0] == name:\n"
"                return True\n"
"    return False\n"
"\n"
"\n"
"def compile_nmodl():\n"
"    \"\"\"Compiles the NMODL files embedded below with nrnivmodl, once, into a\n"
"    directory next to this script (or ~/.cache/spinelab).\"\"\"\n"
"    import glob\n"
"    import hashlib\n"
"    import subprocess\n"
"    key = hashlib.sha256(''.join(NMODL[k] for k in sorted(NMODL)).encode()).hexdigest()[:12]\n"
"    roots = [os.path.dirname(os.path.abspath(__file__)),\n"
"             os.path.join(os.path.expanduser('~'), '.cache', 'spinelab')]\n"
"    for root in roots:\n"
"        d = os.path.join(root, 'spinelab-nrnmech-' + key)\n"
"        if glob.glob(os.path.join(d, '*', '.libs', 'libnrnmech.so')) or \\\n"
"           glob.glob(os.path.join(d, '*', 'libnrnmech.so')):\n"
"            return d\n"
"        try:\n"
"            os.makedirs(d, exist_ok=True)\n"
"            for name, text in NMODL.items():\n"
"                with open(os.path.join(d, name), 'w') as fp:\n"
"                    fp.write(text)\n"
"        except OSError:\n"
"            continue\n"
"        env = dict(os.environ)\n"
"        log = ''\n"
"        for attempt in (0, 1):\n"
"            if attempt == 1:\n"
"                # Debian's nrnivmodl looks for nrnmech_makefile in /usr/bin and\n"
"                # libnrniv.so in /usr/lib; the package puts both in /usr/lib/nrn.\n"
"                if not os.path.exists('/usr/lib/nrn/nrnmech_makefile'):\n"
"                    break\n"
"                shim = os.path.join(d, 'shim')\n"
"                os.makedirs(os.path.join(shim, 'bin'), exist_ok=True)\n"
"                link = os.path.join(shim, 'bin', 'nrnmech_makefile')\n"
"                if not os.path.lexists(link):\n"
"                    os.symlink('/usr/lib/nrn/nrnmech_makefile', link)\n"
"                env['NRNHOME_EXEC'] = shim\n"
"                env['MAKEFLAGS'] = 'libdir=/usr/lib/nrn'\n"
"            proc = subprocess.run(['nrnivmodl', '.'], cwd=d, env=env, stdout=subprocess.PIPE,\n"
"                                  stderr=subprocess.STDOUT, universal_newlines=True)\n"
"            log = proc.stdout\n"
"            if glob.glob(os.path.join(d, '*', '.libs', 'libnrnmech.so')) or \\\n"
"               glob.glob(os.path.join(d, '*', 'libnrnmech.so')):\n"
"                return d\n"
"        sys.exit('error: nrnivmodl could not compile the mechanisms in %s:\\n%s' % (d, log[-3000:]))\n"
"    sys.exit('error: no writable directory to compile the mechanisms in')\n"
"\n"
"\n"
"def load_mechanisms(h, nrnmech):\n"
"    needed = (['sl_ca_hva'] if CA_HVA else []) + (['sl_nat'] if NAT else []) + \\\n"
"        (['sl_kv3'] if KV3 else []) + \\\n"
"        (['SlGluSyn', 'sl_cav_r', 'sl_cahead'] if SPINES else [])\n"
"    missing = [n for n in needed if not mech_exists(h, n)]\n"
"    if missing:\n"
"        import neuron\n"
"        neuron.load_mechanisms(nrnmech or compile_nmodl())\n"
"        missing = [n for n in needed if not mech_exists(h, n)]\n"
"    if missing:\n"
"        sys.exit('error: mechanisms %s are not loaded from %s' % (', '.join(missing), nrnmech))\n"
"\n"
"\n"
"def build(h):\n"
"    secs = []\n"
"    for name, parent, px, nseg, ra, first, pts in SECTIONS:\n"
"        sec = h.Section(name=name)\n"
"        for i in range(0, len(pts), 4):\n"
"            h.pt3dadd(pts[i], pts[i + 1], pts[i + 2], pts[i + 3], sec=sec)\n"
"        sec.nseg = nseg\n"
"        sec.Ra = ra\n"
"        if parent >= 0:\n"
"            sec.connect(secs[parent](px), 0)\n"
"        secs.append(sec)\n"
"    seg_of = [None] * N_NODES\n"
"    for sec, (name, parent, px, nseg, ra, first, pts) in zip(secs, SECTIONS):\n"
"        for k, seg in enumerate(sec):\n"
"            seg_of[first + k] = seg\n"
"    necks, heads, syns = [], [], []\n"
"    for k, (sid, s, x, ln, dn, ran, lh, dh, rah, gvdcc, vol) in enumerate(SPINES):\n"
"        neck = h.Section(name='neck_%d' % k)\n"
"        head = h.Section(name='head_%d' % k)\n"
"        neck.L, neck.diam, neck.Ra, neck.nseg = ln, dn, ran, 1\n"
"        head.L, head.diam, head.Ra, head.nseg = lh, dh, rah, 1\n"
"        neck.connect(secs[s](x), 0)\n"
"        head.connect(neck(1), 0)\n"
"        seg_of[N_CABLE + 2 * k] = neck(0.5)\n"
"        seg_of[N_CABLE + 2 * k + 1] = head(0.5)\n"
"        necks.append(neck)\n"
"        heads.append(head)\n"
"    all_secs = secs + necks + heads\n"
"    for sec in all_secs:\n"
"        sec.insert('pas')\n"
"    for i, seg in enumerate(seg_of):\n"
"        if seg is None:\n"
"            continue\n"
"        seg.cm = CM[i]\n"
"        seg.pas.g = G_PAS[i]\n"
"        seg.pas.e = E_PAS[i]\n"
"    with_hh = {id(seg_of[row[0]].sec): seg_of[row[0]].sec for row in HH}\n"
"    for sec in with_hh.values():\n"
"        sec.insert('hh')\n"
"        for seg in sec:\n"
"            seg.hh.gnabar = seg.hh.gkbar = seg.hh.gl = 0\n"
"    for node, gna, gk, gl, el, ena, ek in HH:\n"
"        seg = seg_of[node]\n"
"        seg.hh.gnabar, seg.hh.gkbar, seg.hh.gl, seg.hh.el = gna, gk, gl, el\n"
"        seg.ena, seg.ek = ena, ek\n"
"    with_cahva = {id(seg_of[row[0]].sec): seg_of[row[0]].sec for row in CA_HVA}\n"
"    for sec in with_cahva.values():\n"
"        sec.insert('sl_ca_hva')\n"
"        for seg in sec:\n"
"            seg.sl_ca_hva.gbar = 0\n"
"    for node, gbar in CA_HVA:\n"
"        seg_of[node].sl_ca_hva.gbar = gbar\n"
"    for table, mech, ion in ((NAT, 'sl_nat', 'ena'), (KV3, 'sl_kv3', 'ek')):\n"
"        for sec in {id(seg_of[row[0]].sec): seg_of[row[0]].sec for row in table}.values():\n"
"            sec.insert(mech)\n"
"            for seg in sec:\n"
"                getattr(seg, mech).gbar = 0\n"
"        for node, gbar, e in table:\n"
"            getattr(seg_of[node], mech).gbar = gbar\n"
"            setattr(seg_of[node], ion, e)\n"
"    for node, ar2 in NAT_AR2:\n"
"        seg_of[node].sl_nat.ar2 = ar2\n"
"    for k, head in enumerate(heads):\n"
"        sid, s, x, ln, dn, ran, lh, dh, rah, gvdcc, vol = SPINES[k]\n"
"        (ga, gn, w0, tra, tda, trn, tdn, ea, en, mg, mgs, mgk) = SYNAPSES[k]\n"
"        head.insert('sl_cav_r')\n"
"        head.insert('sl_cahead')\n"
"        seg = head(0.5)\n"
"        seg.sl_cav_r.gbar = gvdcc\n"
"        pool = seg.sl_cahead\n"
"        pool.vol, pool.eta, pool.tau, pool.ca_rest = vol, ETA_HEAD, TAU_HEAD, CA_REST\n"
"        syn = h.SlGluSyn(seg)\n"
"        syn.gmax_ampa, syn.gmax_nmda, syn.w = ga, gn, w0\n"
"        syn.tau_r_ampa, syn.tau_d_ampa, syn.tau_r_nmda, syn.tau_d_nmda = tra, tda, trn, tdn\n"
"        syn.e_ampa, syn.e_nmda, syn.mg, syn.mg_scale, syn.mg_slope = ea, en, mg, mgs, mgk\n"
"        syn.cao = CA_O\n"
"        h.setpointer(syn._ref_ica_nmda, 'inmda', pool)\n"
"        syns.append(syn)\n"
"    return secs, necks, heads, syns\n"
"\n"
"\n"
"def check_geometry(secs):\n"
"    \"\"\"Compares NEURON's segment areas and the axial resistance between\n"
"    neighbouring segment centres with SpineLab's compiled values.\"\"\"\n"
"    worst_a = worst_g = (0.0, None)\n"
"    for sec, (name, parent, px, nseg, ra, first, pts) in zip(secs, SECTIONS):\n"
"        for k, seg in enumerate(sec):\n"
"            i = first + k\n"
"            e = abs(seg.area() - AREA[i]) / max(AREA[i], 1e-300)\n"
"            if e > worst_a[0]:\n"
"                worst_a = (e, '%s(%g): NEURON %.9g, SpineLab %.9g um2' % (name, seg.x, seg.area(), AREA[i]))\n"
"            if k > 0:\n"
"                g = 1.0 / seg.ri()\n"
"                e = abs(g - G_AXIAL[i]) / max(G_AXIAL[i], 1e-300)\n"
"                if e > worst_g[0]:\n"
"                    worst_g = (e, '%s(%g): NEURON %.9g, SpineLab %.9g uS' % (name, seg.x, g, G_AXIAL[i]))\n"
"    print('area: max relative difference %.3g %s' % (worst_a[0], worst_a[1] or ''))\n"
"    print('axial conductance (within sections): max relative difference %.3g %s'\n"
"          % (worst_g[0], worst_g[1] or ''))\n"
"\n"
"\n"
"def main():\n"
"    ap = argparse.ArgumentParser(description='SpineLab model %s in NEURON' % MODEL)\n"
"    ap.add_argument('--out', help='CSV file (default: stdout)')\n"
"    ap.add_argument('--tstop', type=float, default=TSTOP)\n"
"    ap.add_argument('--nrnmech', default=os.environ.get('SPINELAB_NRNMECH'))\n"
"    ap.add_argument('--check-geometry', action='store_true',\n"
"                    help='compare areas and axial resistances with SpineLab and exit')\n"
"    ap.add_argument('--time', action='store_true',\n"
"                    help='print the wall and CPU time of the integration loop on stderr')\n"
"    args = ap.parse_args()\n"
"    from neuron import h\n"
"    load_mechanisms(h, args.nrnmech)\n"
"    for w in WARNINGS:\n"
"        sys.stderr.write('warning: not exported: %s\\n' % w)\n"
"    secs, necks, heads, syns = build(h)\n"
"    if args.check_geometry:\n"
"        check_geometry(secs)\n"
"        return\n"
"    h.celsius = CELSIUS\n"
"    h.dt = DT\n"
"    h.secondorder = 0\n"
"    h.CVode().active(0)\n"
"    if HH:\n"
"        h.usetable_hh = 1\n"
"    if CA_HVA or SPINES:\n"
"        h.cao0_ca_ion = CA_O\n"
"        h.cai0_ca_ion = CA_REST\n"
"    sec_of = lambda s: secs[s] if s >= 0 else (necks if (-2 - s) % 2 == 0 else heads)[(-2 - s) // 2]\n"
"    clamps = []\n"
"    for s, x, t_on, t_off, amp in PULSES:\n"
"        ic = h.IClamp(sec_of(s)(x))\n"
"        ic.delay, ic.dur, ic.amp = t_on, t_off - t_on, amp\n"
"        clamps.append(ic)\n"
"    netcons = [None] * len(syns)\n"
"    for t, k in EVENTS:\n"
"        if netcons[k] is None:\n"
"            netcons[k] = h.NetCon(None, syns[k])\n"
"            netcons[k].weight[0] = 1\n"
"\n"
"    def queue_events():\n"
"        for t, k in EVENTS:\n"
"            netcons[k].event(t)\n"
"    fih = h.FInitializeHandler(queue_events)\n"
"    tvec = h.Vector().record(h._ref_t)\n"
"    vecs = []\n"
"    for name, var, s, x, k in RECORDINGS:\n"
"        seg = sec_of(s)(x)\n"
"        if var == 'v':\n"
"            ref = seg._ref_v\n"
"        elif var == 'ca':\n"
"            ref = heads[k](0.5)._ref_cai if k >= 0 else seg._ref_cai if hasattr(seg, 'cai') else None\n"
"        elif var in ('g_ampa', 'g_nmda', 'i_ampa', 'i_nmda') and k >= 0:\n"
"            ref = getattr(syns[k], '_ref_' + var)\n"
"        elif var == 'i_ca' and k >= 0:\n"
"            ref = heads[k](0.5).sl_cahead._ref_i_total\n"
"        elif var == 'w' and k >= 0:\n"
"            ref = syns[k]._ref_w\n"
"        else:\n"
"            ref = None\n"
"        vecs.append(h.Vector().record(ref) if ref is not None else None)\n"
"        if ref is None and var != 'dw':\n"
"            sys.stderr.write('warning: recording %s (%s) has no NEURON counterpart: nan\\n' % (name, var))\n"
"    pc = h.ParallelContext()\n"
"    pc.set_maxstep(10)\n"
"    h.finitialize(V_INIT)\n"
"    n_steps = int(round(args.tstop / DT))\n"
"    t0, c0 = time.perf_counter(), time.process_time()\n"
"    # The whole fixed-step loop in NEURON's C (no per-step Python call).\n"
"    pc.psolve(n_steps * DT)\n"
"    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0\n"
"    if args.time:\n"
"        sys.stderr.write('neuron_run_seconds %.6f cpu_seconds %.6f steps %d compartments %d\\n'\n"
"                         % (elapsed, cpu, n_steps, N_NODES))\n"
"    out = open(args.out, 'w') if args.out else sys.stdout\n"
"    out.write(','.join(['t'] + [r[0] for r in RECORDINGS]) + '\\n')\n"
"    next_t = 0.0\n"
"    for i in range(len(tvec)):\n"
"        t = tvec[i]\n"
"        if t + 1e-6 * DT < next_t:\n"
"            continue\n"
"        next_t += RECORD_INTERVAL\n"
"        row = ['%.6g' % t]\n"
"        for (name, var, s, x, k), vec in zip(RECORDINGS, vecs):\n"
"            if vec is not None:\n"
"                row.append('%.6g' % vec[i])\n"
"            elif var == 'dw':\n"
"                row.append('0')\n"
"            else:\n"
"                row.append('nan')\n"
"        out.write(','.join(row) + '\\n')\n"
"    if out is not sys.stdout:\n"
"        out.close()\n"
"\n"
"\n"
"if __name__ == '__main__':\n"
"    main()\n";

char *
sl_export_neuron_script (const SlModel     *model,
                         const SlProtocol  *protocol,
                         const char        *source_name,
                         GError           **error)
{
  g_autoptr (GString) s = NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  gboolean plastic = FALSE, release = FALSE;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (protocol != NULL, NULL);

  if (model->n_sections < 1 || model->n_cable < 1)
    {
      g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_INVALID,
                   "model '%s' has no sections to export", model->name ? model->name : "");
      return NULL;
    }
  for (int k = 0; k < model->n_spines; k++)
    {
      if (model->spine_rule[k] != NULL)
        plastic = TRUE;
      if (model->syn_stochastic[k] || model->syn_use[k] != 1.0 ||
          model->syn_tau_dep[k] > 0 || model->syn_tau_fac[k] > 0 || model->syn_n_rrp[k] != 1)
        release = TRUE;
    }
  if (plastic)
    g_ptr_array_add (warnings, g_strdup ("plasticity rules (weights stay at w0)"));
  if (release)
    g_ptr_array_add (warnings, g_strdup ("stochastic or short-term-plastic release "
                                         "(every spike is one full release)"));
  if (model->calcium != NULL && model->n_spines > 0)
    {
      SlCalciumVoxelInfo head = { 0 };

      sl_calcium_grid_get_voxel (model->calcium,
                                 sl_calcium_grid_get_head_voxel (model->calcium, 0), &head);
      if (head.g_parent > 0)
        g_ptr_array_add (warnings, g_strdup ("calcium diffusion between head, neck and shaft "
                                             "(heads are isolated pools, models.md §2.1)"));
    }
  if (model->calcium != NULL && model->n_cahva > 0)
    g_ptr_array_add (warnings, g_strdup ("shaft calcium pools (Ca_HVA's E_Ca stays at its "
                                         "resting value)"));

  s = g_string_sized_new (64 * 1024);
  append_header (s, model, protocol, source_name, warnings);
  append_sections (s, model);
  if (!append_spines (s, model, error))
    return NULL;
  append_protocol (s, model, protocol);
  append_nmodl (s);
  g_string_append (s, builder);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
sl_export_neuron_file (const SlModel     *model,
                       const SlProtocol  *protocol,
                       const char        *source_name,
                       const char        *path,
                       GError           **error)
{
  g_autofree char *text = sl_export_neuron_script (model, protocol, source_name, error);
  g_autoptr (GError) local = NULL;

  if (text == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0755, &local))
    {
      g_set_error (error, SL_EXPORT_ERROR, SL_EXPORT_ERROR_IO,
                   "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
