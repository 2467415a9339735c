/* wm-bench-data.c — the benchmark's synthetic organisation, person by person
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every engine the benchmark compares must store the very same bytes, and
 * the engines run in separate processes (SQLCipher cannot share one with
 * Waymark). So each person is drawn from a GRand seeded with (seed, index)
 * alone: any process can make person 4711 without making the 4710 before,
 * and gets the same payloads. GRand is the Mersenne Twister on every
 * platform, so the sequence does not change with GLib either.
 *
 * Payloads use the keys app/core defines (written out here, so the
 * benchmark does not move when app/core does) and sizes close to real
 * casework: a profile of about 900 bytes, assessments of about 2 KB with
 * twenty-odd answers, contact notes of about 300 characters. All names are
 * random pairings of common given and family names: no one real.
 */

#define G_LOG_DOMAIN "wm-bench"

#include "config.h"

#include "wm-bench-data.h"

static const char *const given_names[] = {
  "Aaliyah", "Aled", "Amir", "Bethan", "Callum", "Cerys", "Dafydd", "Demi",
  "Ellis", "Emre", "Ffion", "Grace", "Harvey", "Ieuan", "Imran", "Jayden",
  "Kacper", "Kai", "Leah", "Lowri", "Maja", "Mason", "Nia", "Oskar", "Priya",
  "Reece", "Rhys", "Riley", "Ruby", "Sami", "Siân", "Taylor", "Tomasz",
  "Tyler", "Zainab", "Zofia", "Gwên", "Łucja", "Bartłomiej", "Aisha",
};

static const char *const family_names[] = {
  "Ahmed", "Bevan", "Bradley", "Chaudhry", "Clarke", "Davies", "Evans",
  "Griffiths", "Hughes", "Iqbal", "Jones", "Kowalski", "Khan", "Lewis",
  "Mahmood", "Morgan", "Nowak", "Owen", "Patel", "Powell", "Price",
  "Pritchard", "Rees", "Roberts", "Smith", "Thomas", "Wiśniewski",
  "Williams", "Wright", "ap Dafydd", "Ó Briain", "Zieliński",
};

static const char *const local_authorities[] = {
  "herefordshire", "shropshire", "telford-and-wrekin", "worcestershire",
};

static const char *const postcode_areas[] = { "HR", "SY", "TF", "WR", "DY", "B" };

static const char *const towns[] = {
  "Hereford", "Leominster", "Ross-on-Wye", "Shrewsbury", "Oswestry",
  "Ludlow", "Telford", "Wellington", "Newport", "Worcester", "Kidderminster",
  "Redditch", "Bromsgrove", "Evesham", "Malvern",
};

static const char *const streets[] = {
  "Station Road", "Church Street", "Mill Lane", "Victoria Road",
  "Castle Street", "Meadow Close", "Orchard Way", "Bridge Street",
  "Severn Terrace", "Wye Street", "Foregate Street", "Park Avenue",
};

static const char *const referral_sources[] = {
  "police", "school", "youth-justice", "community-safety-partnership",
  "health", "liaison-diversion", "family", "self",
};

static const char *const programmes[] = {
  "mentoring", "sports-diversion", "education-inclusion",
  "county-lines-intervention", "family-support",
};

static const char *const statuses[] = { "referred", "open", "open", "open", "paused", "closed" };
static const char *const genders[] = { "male", "male", "female", "female", "non-binary", "not-stated" };
static const char *const ethnicities[] = {
  "white-british", "white-other", "mixed", "asian-pakistani", "asian-indian",
  "black-caribbean", "black-african", "gypsy-roma-traveller", "not-stated",
};
static const char *const languages[] = { "English", "English", "English", "Welsh", "Polish", "Urdu", "Romanian" };

static const char *const risk_levels[] = { "low", "medium", "high", "very-high" };
static const char *const exploitation_levels[] = { "none", "emerging", "moderate", "significant" };
static const char *const intervention_levels[] = { "light-touch", "targeted", "intensive" };
static const char *const education_statuses[] = {
  "in-education", "at-risk-of-exclusion", "excluded", "in-training-or-work", "neet",
};
static const char *const substance_levels[] = { "none", "experimenting", "regular", "dependent" };
static const char *const indicators[] = {
  "missing-episodes", "found-out-of-area", "unexplained-money", "multiple-phones",
  "carrying-weapons", "controlling-relationships", "unexplained-injuries",
  "school-decline", "self-harm",
};
static const char *const yes_no_items[] = {
  "family-conflict", "family-offending", "young-carer", "bereavement",
  "housing-instability", "peer-offending", "gang-association",
  "victim-of-crime", "domestic-abuse-witnessed", "social-care-involvement",
};
static const char *const ordinal_items[] = {
  "school-attendance", "violence-history", "weapon-carrying",
  "anti-social-behaviour", "motivation-to-change",
};
static const char *const answers_yes_no[] = { "yes", "no", "no", "not-known" };

static const char *const contact_methods[] = {
  "face-to-face", "face-to-face", "home-visit", "phone", "video", "text",
};
static const char *const contact_parties[] = {
  "young-person", "young-person", "parent-carer", "school", "police", "partner-service",
};
static const char *const contact_places[] = {
  "home", "school", "youth centre", "café in town", "office", "sports hall", "park",
};

/* Sentences for notes, in the register caseworkers write in. */
static const char *const sentences[] = {
  "Met at the youth centre as agreed and talked through the week.",
  "Said school has been better since the timetable change.",
  "Mum reports two late returns home and was worried about new friends.",
  "We went over the safety plan again and updated the trusted adults.",
  "Was quiet at first but opened up about football training.",
  "Mentioned being asked to carry a bag for an older lad; advised and logged.",
  "Attendance this half term is up from 71% to 86%.",
  "Agreed to try the boxing session on Thursday with a mentor.",
  "No missing episodes since the last review.",
  "Discussed a disagreement with a sibling that turned physical; no injuries.",
  "Referral to the substance misuse service has been accepted.",
  "Phone was taken by police last week; has a new one, says it is from an aunt.",
  "Talked about what a good week would look like and wrote it down together.",
  "Teacher says behaviour in class has settled; still struggles in maths.",
  "Did not attend; left a message and will try again tomorrow.",
  "Was proud of getting a place on the college taster day.",
  "Shared concerns with the designated safeguarding lead as agreed.",
  "Family support worker joined for the second half of the session.",
};

static const char *
pick (GRand             *rand,
      const char *const *items,
      guint              n_items)
{
  return items[g_rand_int_range (rand, 0, (gint32) n_items)];
}

#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

/* A note of at least @min_length bytes, made of whole sentences. */
static char *
note_new (GRand *rand,
          gsize  min_length)
{
  GString *text = g_string_new (NULL);

  while (text->len < min_length)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, sentences));
    }
  return g_string_free (text, FALSE);
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* The day @days_ago before the benchmark's today; negative is after it. */
static char *
days_ago_string (gint days_ago)
{
  g_autoptr(GDate) date = g_date_new_dmy (WM_BENCH_TODAY_DAY, WM_BENCH_TODAY_MONTH, WM_BENCH_TODAY_YEAR);

  if (days_ago >= 0)
    g_date_subtract_days (date, (guint) days_ago);
  else
    g_date_add_days (date, (guint) -days_ago);
  return date_string (date);
}

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

static void
add_owned_string (GVariantBuilder *builder,
                  const char      *key,
                  char            *value)
{
  add_string (builder, key, value);
  g_free (value);
}

static char *
reference_new (GRand *rand)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  char reference[] = "WM-XXXXXX";

  for (gsize i = 3; i < sizeof reference - 1; i++)
    reference[i] = alphabet[g_rand_int_range (rand, 0, 32)];
  return g_strdup (reference);
}

static GVariant *
profile_new (GRand *rand,
             guint  referred_days_ago)
{
  GVariantBuilder builder;
  const char *given = PICK (rand, given_names);
  const char *family = PICK (rand, family_names);
  /* 10 to 25 on the benchmark's today, any day of the year. */
  guint age_days = (guint) g_rand_int_range (rand, 10 * 365 + 3, 26 * 365 - 3);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "given-name", given);
  add_string (&builder, "family-name", family);
  if (g_rand_int_range (rand, 0, 10) < 3)
    add_owned_string (&builder, "preferred-name", g_utf8_substring (given, 0, 3));
  add_owned_string (&builder, "date-of-birth", days_ago_string (age_days));
  add_string (&builder, "gender", PICK (rand, genders));
  add_string (&builder, "ethnicity", PICK (rand, ethnicities));
  add_string (&builder, "first-language", PICK (rand, languages));
  add_string (&builder, "local-authority", PICK (rand, local_authorities));
  add_owned_string (&builder, "address",
                    g_strdup_printf ("%d %s, %s", g_rand_int_range (rand, 1, 180),
                                     PICK (rand, streets), PICK (rand, towns)));
  add_owned_string (&builder, "postcode",
                    g_strdup_printf ("%s%d %d%c%c",
                                     PICK (rand, postcode_areas),
                                     g_rand_int_range (rand, 1, 20), g_rand_int_range (rand, 1, 10),
                                     'A' + g_rand_int_range (rand, 0, 26), 'A' + g_rand_int_range (rand, 0, 26)));
  add_owned_string (&builder, "school", g_strdup_printf ("%s Academy", PICK (rand, towns)));
  add_owned_string (&builder, "parent-carer",
                    g_strdup_printf ("%s %s", PICK (rand, given_names), family));
  add_owned_string (&builder, "parent-carer-phone",
                    g_strdup_printf ("07%03d %06d", g_rand_int_range (rand, 100, 1000),
                                     g_rand_int_range (rand, 0, 1000000)));
  add_owned_string (&builder, "gp-practice", g_strdup_printf ("%s Medical Practice", PICK (rand, towns)));
  add_string (&builder, "referral-source", PICK (rand, referral_sources));
  add_owned_string (&builder, "referred-on", days_ago_string (referred_days_ago));
  add_owned_string (&builder, "referral-reason", note_new (rand, 200));
  add_string (&builder, "programme", PICK (rand, programmes));
  add_string (&builder, "status", PICK (rand, statuses));
  add_owned_string (&builder, "consent-on", days_ago_string (referred_days_ago - 3));
  g_variant_builder_add (&builder, "{sv}", "looked-after",
                         g_variant_new_boolean (g_rand_int_range (rand, 0, 10) == 0));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GVariant *
assessment_new (GRand *rand,
                guint  days_ago,
                gboolean latest)
{
  GVariantBuilder builder, judgements, answers, present;
  guint n_present = (guint) g_rand_int_range (rand, 0, 5);

  g_variant_builder_init (&judgements, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&judgements, "{ss}", "safety-wellbeing", PICK (rand, risk_levels));
  g_variant_builder_add (&judgements, "{ss}", "serious-harm", PICK (rand, risk_levels));
  g_variant_builder_add (&judgements, "{ss}", "exploitation", PICK (rand, exploitation_levels));
  g_variant_builder_add (&judgements, "{ss}", "intervention-level", PICK (rand, intervention_levels));

  g_variant_builder_init (&present, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < n_present; i++)
    g_variant_builder_add (&present, "s", PICK (rand, indicators));

  /* Twenty-odd answers, as a completed diversion-risk-needs has. */
  g_variant_builder_init (&answers, G_VARIANT_TYPE_VARDICT);
  add_string (&answers, "education", PICK (rand, education_statuses));
  add_string (&answers, "substance-use", PICK (rand, substance_levels));
  g_variant_builder_add (&answers, "{sv}", "mental-health-concern",
                         g_variant_new_boolean (g_rand_boolean (rand)));
  g_variant_builder_add (&answers, "{sv}", "learning-disability",
                         g_variant_new_boolean (g_rand_int_range (rand, 0, 8) == 0));
  g_variant_builder_add (&answers, "{sv}", "exploitation-indicators", g_variant_builder_end (&present));
  for (guint i = 0; i < G_N_ELEMENTS (yes_no_items); i++)
    add_string (&answers, yes_no_items[i], PICK (rand, answers_yes_no));
  for (guint i = 0; i < G_N_ELEMENTS (ordinal_items); i++)
    g_variant_builder_add (&answers, "{sv}", ordinal_items[i],
                           g_variant_new_int32 (g_rand_int_range (rand, 0, 4)));
  add_owned_string (&answers, "family-notes", note_new (rand, 150));
  add_owned_string (&answers, "behaviour-notes", note_new (rand, 150));
  add_owned_string (&answers, "own-words", note_new (rand, 150));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_string (&builder, "instrument", "diversion-risk-needs");
  g_variant_builder_add (&builder, "{sv}", "instrument-version", g_variant_new_uint32 (1));
  add_string (&builder, "state", latest && g_rand_boolean (rand) ? "submitted" : "approved");
  add_owned_string (&builder, "completed-on", days_ago_string (days_ago));
  add_owned_string (&builder, "next-review", days_ago_string ((gint) days_ago - 90));
  g_variant_builder_add (&builder, "{sv}", "score", g_variant_new_int32 (g_rand_int_range (rand, 0, 40)));
  g_variant_builder_add (&builder, "{sv}", "judgements", g_variant_builder_end (&judgements));
  add_owned_string (&builder, "rationale", note_new (rand, 200));
  g_variant_builder_add (&builder, "{sv}", "answers", g_variant_builder_end (&answers));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GVariant *
contact_new (GRand *rand,
             guint  days_ago)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_owned_string (&builder, "date", days_ago_string (days_ago));
  add_string (&builder, "method", PICK (rand, contact_methods));
  add_string (&builder, "with", PICK (rand, contact_parties));
  g_variant_builder_add (&builder, "{sv}", "duration-minutes",
                         g_variant_new_uint32 (15 * (guint32) g_rand_int_range (rand, 1, 7)));
  add_string (&builder, "location", PICK (rand, contact_places));
  add_owned_string (&builder, "note", note_new (rand, 300));
  g_variant_builder_add (&builder, "{sv}", "safeguarding-concern",
                         g_variant_new_boolean (g_rand_int_range (rand, 0, 12) == 0));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GRand *
person_rand (guint32 seed,
             guint   index,
             guint32 stream)
{
  guint32 seeds[3] = { seed, index, stream };

  return g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
}

/**
 * wm_bench_person_generate:
 *
 * Person @index of the organisation seeded with @seed: a profile, then
 * three assessments (intake, review, latest review) among ten contact
 * notes, in the order they were made. Free with wm_bench_person_clear().
 */
void
wm_bench_person_generate (guint32        seed,
                          guint          index,
                          WmBenchPerson *person)
{
  g_autoptr(GRand) rand = person_rand (seed, index, 0);
  /* Referred between a month and two years ago; records spread after. */
  guint referred = (guint) g_rand_int_range (rand, 30 + WM_BENCH_RECORDS_PER_PERSON * 7, 730);
  guint step = (referred - 7) / WM_BENCH_RECORDS_PER_PERSON;
  guint assessments = 0;

  person->reference = reference_new (rand);
  person->profile = profile_new (rand, referred);
  for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
    {
      guint days_ago = referred - 7 - i * step;
      /* Assessments at intake, in the middle and near the end. */
      gboolean assessment = i == 0 || i == WM_BENCH_RECORDS_PER_PERSON / 2 || i == WM_BENCH_RECORDS_PER_PERSON - 2;

      if (assessment)
        {
          assessments++;
          person->kinds[i] = WM_BENCH_KIND_ASSESSMENT;
          person->records[i] = assessment_new (rand, days_ago,
                                               assessments == WM_BENCH_ASSESSMENTS_PER_PERSON);
        }
      else
        {
          person->kinds[i] = WM_BENCH_KIND_CONTACT;
          person->records[i] = contact_new (rand, days_ago);
        }
    }
  g_assert (assessments == WM_BENCH_ASSESSMENTS_PER_PERSON);
}

void
wm_bench_person_clear (WmBenchPerson *person)
{
  g_clear_pointer (&person->reference, g_free);
  g_clear_pointer (&person->profile, g_variant_unref);
  for (guint i = 0; i < WM_BENCH_RECORDS_PER_PERSON; i++)
    g_clear_pointer (&person->records[i], g_variant_unref);
}

GVariant *
wm_bench_assessment_new (guint32 seed,
                         guint   index,
                         guint   serial)
{
  /* A stream of its own, so it does not repeat the person's records. */
  g_autoptr(GRand) rand = person_rand (seed, index, 1 + serial);

  return assessment_new (rand, 0, TRUE);
}
