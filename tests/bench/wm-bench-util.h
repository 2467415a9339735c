/* wm-bench-util.h — what every store benchmark engine shares: options,
 * clocks, the caseload fields, and the command loop the driver talks to
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_BENCH_ERROR (g_quark_from_static_string ("wm-bench-error"))

typedef struct
{
  char    *engine;         /* "waymark", "plain" or "sqlcipher" */
  char    *phase;          /* "build" or "serve" */
  char    *dir;            /* where the engine's database lives */
  gint     people;
  gint     seed;
  gint     caseworkers;
  gint     batch;          /* cases per transaction while building */
} WmBenchOptions;

gboolean wm_bench_options_parse (WmBenchOptions  *options,
                                 int             *argc,
                                 char          ***argv,
                                 GError         **error);
void     wm_bench_options_clear (WmBenchOptions  *options);

/* The staff of the synthetic organisation: one supervisor over every
 * caseworker, so the supervisor's caseload is the whole organisation. */
#define WM_BENCH_ORGANISATION     "Benchmark Diversion Network"
#define WM_BENCH_ADMIN            "bench.admin"
#define WM_BENCH_SUPERVISOR       "bench.supervisor"
#define WM_BENCH_PASSPHRASE       "lantern orchard copper nineteen"
char    *wm_bench_caseworker_name (guint index);
/* Which caseworker holds person @index: contiguous blocks, as cases are
 * handed out by area. Person @index is case @index + 1 in every engine. */
guint    wm_bench_caseworker_of   (const WmBenchOptions *options,
                                   guint                 index);

gint64   wm_bench_now_ns          (void);
double   wm_bench_ms_since        (gint64                start_ns);
double   wm_bench_lap             (gint64               *clock_ns);

/* One JSON object per line on stdout, for run-store-bench.py. */
void     wm_bench_emit_value      (const char           *engine,
                                   const char           *metric,
                                   const char           *unit,
                                   double                value);

/* Kibibytes. VmHWM is this process's own high-water mark, which
 * wm_bench_hwm_reset() starts again; getrusage()'s ru_maxrss would also
 * count the memory map the process had before exec(), which for a child
 * of Python's subprocess (vfork) is the driver's. */
glong    wm_bench_hwm_kib         (void);
void     wm_bench_hwm_reset       (void);
glong    wm_bench_minor_faults    (void);

/* What a caseload row shows: name, age, status, latest risk levels. Every
 * engine fills it from the same two payloads with the same code. */
typedef struct
{
  gint64  case_id;
  char   *reference;
  char   *name;
  gint    age;           /* -1 when the date of birth is missing */
  char   *status;
  char   *safety;
  char   *harm;
  char   *exploitation;
} WmBenchCaseloadRow;

GArray  *wm_bench_caseload_new      (guint               reserve);
void     wm_bench_caseload_row_fill (WmBenchCaseloadRow *row,
                                     gint64              case_id,
                                     const char         *reference,
                                     GVariant           *profile,
                                     GVariant           *latest_assessment);
/* Checks every row has what the benchmark stored; FALSE says the engine
 * lost or garbled something, and the figures would mean nothing. */
gboolean wm_bench_caseload_check    (GArray             *caseload,
                                     guint               expected,
                                     GError            **error);

/* Reads one field of an opened record, as a case view would; returns the
 * field's length so the reading cannot be optimised away. */
gsize    wm_bench_touch_record      (int                 kind,
                                     GVariant           *payload);

/* Which caseload to time. */
typedef enum
{
  WM_BENCH_CASELOAD_FIRST,     /* the process's first: for Waymark, the first use of the keys */
  WM_BENCH_CASELOAD_UNLOCKED,  /* after unlocking: a fresh session or connection, made outside the clock */
  WM_BENCH_CASELOAD_AGAIN,     /* again in the same session or connection */
  WM_BENCH_CASELOAD_SQL,       /* the query alone, no decoding */
} WmBenchCaseload;

/* Where a caseload's time goes, summed over its rows. SQLCipher decrypts
 * pages inside SQLite, so its decryption counts as "sql". */
typedef enum
{
  WM_BENCH_PHASE_SQL,      /* sqlite3_step and reaching the columns */
  WM_BENCH_PHASE_KEY,      /* opening the case key (Waymark) */
  WM_BENCH_PHASE_DECRYPT,  /* XChaCha20-Poly1305 of both records (Waymark) */
  WM_BENCH_PHASE_PARSE,    /* copying, checking and unpacking the GVariants */
  WM_BENCH_PHASE_FIELDS,   /* name, age, status and risk levels */
  WM_BENCH_PHASE_FREE,     /* dropping what was decoded */
  WM_BENCH_N_PHASES
} WmBenchPhase;

typedef struct
{
  double ms[WM_BENCH_N_PHASES];
} WmBenchPhases;

/* One engine, as the command loop drives it. Each operation times itself,
 * so that what belongs outside the clock stays outside it. */
typedef struct
{
  const char *name;
  char     *(*describe)  (gpointer          engine);
  /* NULL when the engine derives no key (plain SQLite). */
  gboolean  (*kdf)       (gpointer          engine,
                          double           *ms,
                          GError          **error);
  /* What unlocking leaves: a fresh session (an empty keyring) or a fresh
   * connection (an empty page cache). Never timed. */
  gboolean  (*unlock)    (gpointer          engine,
                          GError          **error);
  gboolean  (*caseload)  (gpointer          engine,
                          WmBenchCaseload   which,
                          double           *ms,
                          GError          **error);
  gboolean  (*phases)    (gpointer          engine,
                          WmBenchPhases    *phases,
                          GError          **error);
  /* Every engine checks access, reads the case and appends the same
   * "case-view" audit entry in one transaction; @audited FALSE asks for
   * the read alone. */
  gboolean  (*open_case) (gpointer          engine,
                          gint64            case_id,
                          gboolean          audited,
                          double           *ms,
                          GError          **error);
  gboolean  (*save)      (gpointer          engine,
                          gint64            case_id,
                          gint64            author_id,
                          GVariant         *assessment,
                          double           *ms,
                          GError          **error);
  /* NULL for an engine with nothing to remember of what it read. Waymark:
   * the supervisor opens every case once, as one who has read the team's
   * cases has, checking each case's signatures and keeping a MAC of what
   * it checked; @ms is the median of those first opens. Never part of
   * another measurement. */
  gboolean  (*read_all)  (gpointer          engine,
                          double           *ms,
                          GError          **error);
  /* The peak of the whole process, and with key derivation set aside. */
  void      (*peaks)     (gpointer          engine,
                          glong            *whole_kib,
                          glong            *work_kib);
} WmBenchEngine;

/* The user id that Waymark gives caseworker @index, made in this order:
 * the administrator at creation, the supervisor, then the caseworkers. */
#define WM_BENCH_SUPERVISOR_ID 2
#define WM_BENCH_CASEWORKER_ID(index) (3 + (gint64) (index))

/* Answers the driver's commands, one a line on stdin, with one JSON object
 * a line on stdout, until "quit" or end of input; run-store-bench.py
 * documents the commands. Returns the exit status. */
int      wm_bench_serve             (const WmBenchOptions *options,
                                     const WmBenchEngine  *vtable,
                                     gpointer              engine);

G_END_DECLS
