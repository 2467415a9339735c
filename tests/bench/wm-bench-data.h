/* wm-bench-data.h — the benchmark's synthetic organisation, person by person
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The record kinds, numbered as WmRecordKind numbers them; bench-store
 * checks the two agree. Kept here so bench-sqlcipher, which must not see
 * the store's headers, numbers its rows the same way. */
#define WM_BENCH_KIND_PROFILE    1
#define WM_BENCH_KIND_CONTACT    2
#define WM_BENCH_KIND_ASSESSMENT 3

#define WM_BENCH_ASSESSMENTS_PER_PERSON 3
#define WM_BENCH_CONTACTS_PER_PERSON    10
#define WM_BENCH_RECORDS_PER_PERSON (WM_BENCH_ASSESSMENTS_PER_PERSON + WM_BENCH_CONTACTS_PER_PERSON)

/* The day the organisation is looked at: ages and dates count from it, so
 * that every run, on any day, builds and reads the same bytes. */
#define WM_BENCH_TODAY_YEAR  2026
#define WM_BENCH_TODAY_MONTH 3
#define WM_BENCH_TODAY_DAY   2

/* One young person: a profile and their other records, oldest first. */
typedef struct
{
  char     *reference;  /* "WM-XXXXXX", for the engines that choose their own */
  GVariant *profile;
  int       kinds[WM_BENCH_RECORDS_PER_PERSON];
  GVariant *records[WM_BENCH_RECORDS_PER_PERSON];
} WmBenchPerson;

void      wm_bench_person_generate  (guint32        seed,
                                     guint          index,
                                     WmBenchPerson *person);
void      wm_bench_person_clear     (WmBenchPerson *person);

/* A further assessment for person @index, as the save benchmark writes:
 * the @serial-th one made in the benchmark, different from the others. */
GVariant *wm_bench_assessment_new   (guint32        seed,
                                     guint          index,
                                     guint          serial);

G_END_DECLS
