/* wm-demo.c — a seeded generator of synthetic young people for demos and tests
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every person is made up. Names are a common given name put together at
 * random with a common family name, drawn from the communities that live in
 * the four local authorities, so a demo shows what real caseloads hold:
 * Welsh circumflexes (ŵ, ŷ), Polish letters (ł, ś, ż), apostrophes and
 * hyphens, and names written in Urdu's Arabic script. Notes are written from
 * a handful of templates that name no one.
 *
 * The spreads are plausible rather than statistics: most referrals are
 * aged 13 to 18 and boys; risk levels run from mostly low to a few very
 * high, tied loosely to adverse childhood experiences and exploitation
 * indicators so that a supervisor's view has something to show.
 *
 * The rest of the profile follows DESIGN.md's "People, as the record
 * holds them" and stays coherent with age and background: ethnicity as
 * people of each naming community might tick the ONS 2021 list, care
 * leavers only from 18, looked-after children only under 18, probation
 * referrals only for adults, a closure for reaching the upper age limit
 * only at 25, sharing without agreement only to statutory services, and
 * every active case with the young person's agreement on record.
 * Addresses name a common street and a real town but only the outward
 * half of a postcode; telephone numbers are in Ofcom's range kept for
 * drama (07700 900000 to 900999); schools and colleges are made up.
 *
 * The same seed and the same "today" give the same people, byte for byte:
 * every draw comes from one GRand in a fixed order, and nothing depends on
 * hash table order or the clock.
 */

#define G_LOG_DOMAIN "wm-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-assessment.h"
#include "wm-casework.h"
#include "wm-date.h"
#include "wm-demo.h"
#include "wm-payload.h"
#include "wm-person.h"

struct _WmDemo
{
  GRand      *rand;
  GDate       today;
  GHashTable *names_used;  /* "given family" already handed out */
};

typedef enum
{
  SEX_FEMALE,
  SEX_MALE,
} Sex;

/* "Given|Nickname": the nickname is what some prefer to be called. */
typedef struct
{
  const char        *label;
  guint              weight;
  gboolean           latin;     /* may share a family name with another latin culture */
  const char *const *female;
  const char *const *male;
  const char *const *family;    /* "Masculine|Feminine" where the form differs */
  const char        *ethnicities;  /* "id weight id weight ...": how people of this culture tick ONS 2021 */
} Culture;

static const char *const english_female[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Chloe", "Jade", "Ellie",
  "Leah", "Megan", "Courtney", "Demi", "Lily", "Holly", "Poppy", "Freya",
  "Rebecca|Becca", "Jessica|Jess", "Charlotte|Lottie", "Elizabeth|Libby",
  "Abigail|Abbie", "Georgia", "Kayleigh", "Summer", NULL
};
static const char *const english_male[] = {
  "Oliver|Ollie", "George", "Harry", "Jack", "Charlie", "Alfie", "Freddie",
  "Tyler", "Kai", "Jayden", "Reece", "Callum", "Connor", "Liam", "Kieran",
  "Bradley", "Mason", "Riley", "Ethan", "Alexander|Alex", "Joshua|Josh",
  "Thomas|Tom", "Daniel|Dan", "Benjamin|Ben", "Lewis", "Jordan", "Dylan",
  "Logan", "Cameron", "Brandon", "Harvey", "Louie", NULL
};
static const char *const english_family[] = {
  "Smith", "Taylor", "Brown", "Wilson", "Walker", "Wright", "Baker", "Hall",
  "Turner", "Hill", "Clarke", "Green", "Harris", "Jackson", "Morris", "Ward",
  "Cooper", "Bennett", "Wood", "Shaw", "Edwards", "Mills", "Holloway",
  "Bishop", "Fletcher", "Marsh", "Preece", "Hodges", "Perks", "Bayliss",
  "Gittins", "Onions", "Tranter", "Beddoes", NULL
};

static const char *const welsh_female[] = {
  "Siân", "Rhiannon", "Ffion", "Cerys", "Nia", "Mali", "Seren", "Catrin",
  "Gwawr", "Elin", "Gwenllïan|Gwen", "Lowri", "Heledd", "Angharad", "Eirlys", NULL
};
static const char *const welsh_male[] = {
  "Gwŷn", "Llŷr", "Osian", "Iestyn", "Elis", "Gruffydd|Gruff", "Aled",
  "Dyfan", "Tomos", "Rhodri", "Emyr", "Dafydd|Dai", "Ieuan", "Macsen",
  "Cai", "Steffan", NULL
};
static const char *const welsh_family[] = {
  "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes",
  "Lewis", "Morgan", "Griffiths", "Pritchard", "Pugh", "Bevan", "Lloyd",
  "Owen", "Parry", "Gruffudd", "Llywelyn", "Lloyd-Jones", "ap Rhys",
  "Powell", "Vaughan", "Prosser", "Watkins", NULL
};

static const char *const polish_female[] = {
  "Zuzanna", "Julia", "Maja", "Oliwia", "Lena", "Hanna", "Małgorzata|Gosia",
  "Katarzyna|Kasia", "Łucja", "Wiktoria", "Natalia", "Agnieszka|Aga", "Zofia",
  "Jadwiga", NULL
};
static const char *const polish_male[] = {
  "Łukasz", "Paweł", "Michał", "Wojciech|Wojtek", "Bartłomiej|Bartek",
  "Jakub|Kuba", "Stanisław|Staś", "Szymon", "Filip", "Mikołaj", "Kacper",
  "Józef", "Przemysław|Przemek", "Maciej", NULL
};
static const char *const polish_family[] = {
  "Kowalski|Kowalska", "Wiśniewski|Wiśniewska", "Wójcik", "Kamiński|Kamińska",
  "Lewandowski|Lewandowska", "Zieliński|Zielińska", "Szymański|Szymańska",
  "Woźniak", "Dąbrowski|Dąbrowska", "Kozłowski|Kozłowska", "Nowak", "Mazur",
  "Krawczyk", "Pawłowski|Pawłowska", "Grabowski|Grabowska", "Michalski|Michalska",
  "Śliwiński|Śliwińska", "Żak", NULL
};

static const char *const pakistani_female[] = {
  "Aisha", "Zainab", "Fatima", "Maryam", "Amira", "Hafsa", "Noor", "Iqra",
  "Khadija", "Sana", "Hira", NULL
};
static const char *const pakistani_male[] = {
  "Muhammad|Mo", "Mohammed", "Ibrahim", "Yusuf", "Bilal", "Imran", "Hamza",
  "Zayn", "Ayaan", "Usman", "Haris", "Adeel", NULL
};
static const char *const pakistani_family[] = {
  "Khan", "Hussain", "Ahmed", "Ali", "Rahman", "Malik", "Iqbal", "Akhtar",
  "Chaudhry", "Qureshi", "Butt", "Mahmood", NULL
};

/* Written in Urdu's own script, as some families give them on a form. */
static const char *const urdu_female[] = {
  "عائشہ", "زینب", "فاطمہ", "مریم", "حفصہ", "سارہ", NULL
};
static const char *const urdu_male[] = {
  "محمد", "ابراہیم", "یوسف", "بلال", "عمران", "حمزہ", "عثمان", NULL
};
static const char *const urdu_family[] = {
  "خان", "حسین", "احمد", "ملک", "چوہدری", "قریشی", "رحمان", NULL
};

static const char *const indian_female[] = {
  "Priya", "Simran", "Anaya", "Harleen", "Jaspreet", "Diya", "Riya", "Navneet", NULL
};
static const char *const indian_male[] = {
  "Arjun", "Rohan", "Harjit", "Gurpreet", "Aryan", "Jaskaran", "Dev", "Vikram", NULL
};
static const char *const indian_family[] = {
  "Patel", "Sharma", "Singh|Kaur", "Gill", "Sandhu", "Mistry", "Shah", "Bains",
  "Dhillon", NULL
};

static const char *const african_caribbean_female[] = {
  "Amara", "Chiamaka", "Adaeze", "Abena", "Ama", "Folake", "Tiwa", "Shanice",
  "Kiara", "Hodan", "Nasra", "Ngozi", NULL
};
static const char *const african_caribbean_male[] = {
  "Kwame", "Chidi", "Tunde", "Femi", "Kofi", "Emeka", "Oluwaseun|Seun",
  "Tyrese", "Jermaine", "Abdi", "Mahad", "Jayden", NULL
};
static const char *const african_caribbean_family[] = {
  "Okafor", "Mensah", "Adeyemi", "Osei", "Okoro", "Boateng", "Campbell",
  "Francis", "Mohamed", "Warsame", "Nwosu", "Asante", "Clarke-Bailey", NULL
};

static const char *const romanian_female[] = {
  "Andreea", "Ioana", "Ștefania", "Bianca", "Alexandra", "Denisa", NULL
};
static const char *const romanian_male[] = {
  "Mihai", "Ionuț", "Ștefan", "Andrei", "Răzvan", "Florin", NULL
};
static const char *const romanian_family[] = {
  "Popescu", "Ionescu", "Stănescu", "Dumitru", "Constantin", "Munteanu", NULL
};

static const char *const portuguese_female[] = {
  "Inês", "Beatriz", "Leonor", "Mariana", NULL
};
static const char *const portuguese_male[] = {
  "João", "Tomás", "Gonçalo", "Rodrigo", NULL
};
static const char *const portuguese_family[] = {
  "Silva", "Ferreira", "Santos", "Costa", "Gonçalves", NULL
};

static const char *const irish_female[] = {
  "Niamh", "Siobhán", "Aoife", "Róisín", "Saoirse", "Caoimhe", NULL
};
static const char *const irish_male[] = {
  "Oisín", "Cian", "Seán", "Darragh", "Ciarán", "Pádraig|Paddy", NULL
};
static const char *const irish_family[] = {
  "Murphy", "O'Brien", "O'Connor", "Kelly", "Byrne", "Ryan", "McCarthy",
  "Doyle", NULL
};

static const Culture cultures[] = {
  { "English", 50, TRUE, english_female, english_male, english_family,
    "white-british 84 mixed-white-black-caribbean 4 mixed-white-asian 2 mixed-other 2 "
    "white-gypsy-irish-traveller 4 prefer-not-to-say 4" },
  { "Welsh", 11, TRUE, welsh_female, welsh_male, welsh_family,
    "white-british 94 mixed-other 2 prefer-not-to-say 4" },
  { "Polish", 8, TRUE, polish_female, polish_male, polish_family,
    "white-other 95 prefer-not-to-say 5" },
  { "Pakistani", 7, TRUE, pakistani_female, pakistani_male, pakistani_family,
    "asian-pakistani 84 mixed-white-asian 6 asian-other 3 other-any 3 prefer-not-to-say 4" },
  { "Urdu script", 3, FALSE, urdu_female, urdu_male, urdu_family,
    "asian-pakistani 92 asian-other 5 other-any 3" },
  { "Indian", 4, TRUE, indian_female, indian_male, indian_family,
    "asian-indian 88 asian-other 4 mixed-white-asian 4 prefer-not-to-say 4" },
  { "African and Caribbean", 8, TRUE, african_caribbean_female, african_caribbean_male, african_caribbean_family,
    "black-african 38 black-caribbean 22 mixed-white-black-caribbean 12 mixed-white-black-african 8 "
    "black-other 9 other-arab 4 other-any 2 prefer-not-to-say 5" },
  { "Romanian", 3, TRUE, romanian_female, romanian_male, romanian_family,
    "white-other 70 white-roma 25 prefer-not-to-say 5" },
  { "Portuguese", 2, TRUE, portuguese_female, portuguese_male, portuguese_family,
    "white-other 94 mixed-other 2 prefer-not-to-say 4" },
  { "Irish", 4, TRUE, irish_female, irish_male, irish_family,
    "white-irish 78 white-gypsy-irish-traveller 17 prefer-not-to-say 5" },
};

/* Referrals peak in the mid-teens (10 .. 25). */
static const guint age_weights[] = {
  2, 3, 5, 9, 12, 14, 14, 12, 9, 5, 4, 3, 2, 2, 1, 1,
};
G_STATIC_ASSERT (G_N_ELEMENTS (age_weights) == WM_PERSON_AGE_MAX - WM_PERSON_AGE_MIN + 1);

/* Roughly in proportion to the population of each authority. */
static const guint local_authority_weights[] = { 19, 32, 18, 60 };
/* In the order of wm_referral_sources. */
static const guint referral_source_weights[] = { 28, 18, 10, 6, 8, 6, 6, 8, 3, 3, 6, 3 };
static const guint programme_weights[] = { 30, 25, 15, 12, 18 };

/* How often each ACE category is known in a cohort like this one, in the
 * order of wm_ace_categories: far above the general population. */
static const double ace_base_rates[] = {
  0.30, 0.22, 0.07, 0.28, 0.18, 0.55, 0.35, 0.30, 0.30, 0.20,
};

static const char *const young_person_notes[] = {
  "Met at the youth centre. Talked about football trials and staying away from the group at the park.",
  "Walked and talked around town. Calmer than last time; says things at home are better.",
  "Session on keeping safe: who to call and what to do if asked to carry something.",
  "Worked on a CV together; wants to apply for a college course in September.",
  "Talked through the incident at school and what could have gone differently.",
  "Asked about money and where the new trainers came from; answers were vague. Will follow up.",
  "Reviewed the plan together and agreed to keep going with the sports sessions.",
  "Quiet and tired today. Agreed to see the school nurse about sleep.",
  "Went through the knife crime workshop material. Asked good questions about the law.",
  NULL
};
static const char *const missed_notes[] = {
  "Did not turn up. Left a message offering another time this week.",
  "Not at home at the agreed time. Mum did not know where they were; agreed she would call if worried.",
  "No reply at the youth centre or by phone. Sent a text with a new time.",
  "Cancelled an hour before: said they were unwell. Rebooked for Monday.",
  NULL
};
static const char *const activity_notes[] = {
  "Boxing session with the mentor; engaged well and stayed for the whole hour.",
  "Came to the Friday football session and helped set up the pitch.",
  "Joined the group cooking session at the youth centre; got on well with two others there.",
  "Climbing wall taster with the sports diversion group. Nervous at first, then keen to go again.",
  NULL
};
static const char *const text_notes[] = {
  "Short check-in by message; replied within the hour and confirmed next week's session.",
  "Sent a reminder of tomorrow's session; replied with a thumbs up.",
  "Texted to say they had got the college interview. Arranged to meet to prepare for it.",
  NULL
};
static const char *const parent_carer_notes[] = {
  "Spoke with parent about curfew and late nights; they will tell us of any missing episodes.",
  "Carer worried about new, older friends. Shared the county lines leaflet and the helpline.",
  "Parent reports a better week: attendance up and no police contact.",
  "Carer asked for help with a housing letter; signposted to the council's advice line.",
  NULL
};
static const char *const school_notes[] = {
  "School reports attendance at 78% and one internal exclusion this term.",
  "Agreed a reduced timetable with the head of year for the next four weeks.",
  "Designated safeguarding lead shared a concern about a new phone; logged and discussed.",
  NULL
};
static const char *const professional_notes[] = {
  "Neighbourhood officer shared a stop in the town centre; no further action.",
  "Joint meeting with the Youth Justice Service worker to line up the two plans.",
  "Strategy discussion with children's social care; no change to the plan.",
  "Checked in with the boxing club coach: attending twice a week.",
  NULL
};

static const char *const own_words[] = {
  "I want to get back into football and keep my head down.",
  "I just want my mum to stop worrying.",
  "I'm good at fixing bikes. I'd like to do that as a job.",
  "I don't want to end up like my cousin.",
  "When I'm at the gym I don't think about any of it.",
  "I want to finish school and get my own place one day.",
  "I'm not scared of them but I don't want the hassle any more.",
  NULL
};

static const char *const plan_goals[] = {
  "Go to every session at the boxing club for six weeks",
  "Get attendance at school above 90%",
  "Apply for the motor vehicle course at college",
  "Be home by the agreed time on school nights",
  "Stay away from the group at the retail park",
  "Talk to someone trusted when asked to do something risky",
  "Register with a GP and go to the first appointment",
  "Rebuild things with mum: one activity together each week",
  NULL
};
static const char *const plan_actions[] = {
  "Caseworker to book the first mentoring session",
  "School to agree a reduced timetable review",
  "Parent to contact the caseworker after any missing episode",
  "Caseworker to refer to the sports diversion programme",
  "Young person to keep a diary of what helps on bad days",
  NULL
};
static const char *const referral_reasons[] = {
  "Needs specialist support the diversion programme cannot give.",
  "Agreed with the young person as the next step in the plan.",
  "Concerns have grown since the last assessment.",
  NULL
};
static const char *const closure_notes[] = {
  "Finished the programme and is now at college three days a week.",
  "Moved to live with family in another area; details passed on with consent.",
  "Stopped engaging after several attempts to make contact.",
  "Now supported by the Youth Justice Service, who lead from here.",
  NULL
};

static const char *const school_referral_reasons[] = {
  "Seen carrying a bladed article near school; school and police agreed a referral.",
  "Assaulted another pupil; at risk of permanent exclusion.",
  "Attendance has dropped sharply and staff have seen older young people waiting at the gates.",
  NULL
};
static const char *const referral_in_reasons[] = {
  "Found out of area twice this month; concerns about county lines involvement.",
  "Arrested for possession of cannabis; referred as an alternative to a caution.",
  "Going missing overnight and spending time with new, older friends; family worried about exploitation.",
  "Unexplained money and a second phone noticed at home.",
  "Robbed on the way home and now talking about carrying a weapon for protection.",
  "Seen with an older group linked to drug dealing in the town centre.",
  "Asked for help to get away from a group they say they owe money to.",
  "Involved in a fight outside a takeaway; no further action, but police concerned about who they are with.",
  NULL
};

/* Towns of each local authority, in the order of wm_local_authorities,
 * with the outward half of a postcode there. No inward half, and streets
 * from a list of the commonest names: nothing that finds a house. */
typedef struct
{
  const char *town;
  const char *outward;
} Town;

static const Town herefordshire_towns[] = {
  { "Hereford", "HR1" }, { "Hereford", "HR4" }, { "Leominster", "HR6" }, { "Ross-on-Wye", "HR9" },
  { "Ledbury", "HR8" }, { NULL, NULL }
};
static const Town shropshire_towns[] = {
  { "Shrewsbury", "SY1" }, { "Shrewsbury", "SY3" }, { "Oswestry", "SY11" }, { "Ludlow", "SY8" },
  { "Market Drayton", "TF9" }, { "Bridgnorth", "WV16" }, { "Whitchurch", "SY13" }, { NULL, NULL }
};
static const Town telford_towns[] = {
  { "Telford", "TF3" }, { "Madeley, Telford", "TF7" }, { "Wellington, Telford", "TF1" },
  { "Hadley, Telford", "TF1" }, { "Newport", "TF10" }, { NULL, NULL }
};
static const Town worcestershire_towns[] = {
  { "Worcester", "WR4" }, { "Worcester", "WR5" }, { "Kidderminster", "DY10" }, { "Redditch", "B97" },
  { "Redditch", "B98" }, { "Bromsgrove", "B60" }, { "Evesham", "WR11" }, { "Malvern", "WR14" },
  { NULL, NULL }
};
static const Town *const towns_by_authority[] = {
  herefordshire_towns, shropshire_towns, telford_towns, worcestershire_towns,
};

static const char *const streets[] = {
  "Station Road", "Church Street", "Mill Lane", "Victoria Road", "Meadow Close", "Orchard Way",
  "Park Avenue", "Chestnut Drive", "Elm Grove", "Brook Lane", "Queens Road", "The Crescent", NULL
};

/* Made-up names in the common patterns, not schools of the area. */
static const char *const schools[] = {
  "Riverside Academy", "Hillside High School", "St Michael's Catholic High School",
  "Oakwood Academy", "Brookfield School", "Meadowview High School", "Kingsway Church of England School",
  NULL
};
static const char *const colleges[] = {
  "Severn Valley College", "Marches College", "Three Counties Sixth Form College", NULL
};

/* Who they live with, as a caseworker jots it down. Numbers are in
 * Ofcom's 07700 900000-900999 range, kept free for drama. */
static const char *const parents[] = {
  "Mum", "Mum", "Mum", "Dad", "Mum and stepdad", "Dad and his partner", "Grandmother (kinship carer)",
  "Aunt (special guardian)", "Mum and Dad", NULL
};
static const char *const looked_after_carers[] = {
  "Foster carers (independent agency)", "Foster carer (local authority)", "Residential children's home",
  NULL
};

static guint
pick_index (GRand       *rand,
            const guint *weights,
            guint        n_weights)
{
  guint total = 0;
  guint draw;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  g_assert (total > 0);

  draw = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (draw < weights[i])
        return i;
      draw -= weights[i];
    }
  g_assert_not_reached ();
  return 0;
}

static const char *
pick_string (GRand             *rand,
             const char *const *strings)
{
  guint n = g_strv_length ((char **) strings);

  return strings[g_rand_int_range (rand, 0, (gint32) n)];
}

static const char *
pick_term (GRand        *rand,
           const WmTerm *terms)
{
  return terms[g_rand_int_range (rand, 0, (gint32) wm_term_count (terms))].id;
}

static const char *
pick_weighted_term (GRand        *rand,
                    const WmTerm *terms,
                    const guint  *weights,
                    guint         n_weights)
{
  g_assert (n_weights == wm_term_count (terms));
  return terms[pick_index (rand, weights, n_weights)].id;
}

static gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

static int
rand_days (GRand *rand,
           int    low,
           int    high)
{
  if (high <= low)
    return low;
  return g_rand_int_range (rand, low, high + 1);
}

/* A day @low to @high days after @from, but no later than @until. MIN()
 * would not do: a macro evaluates the random draw twice. */
static guint32
days_after (GRand   *rand,
            guint32  from,
            int      low,
            int      high,
            guint32  until)
{
  guint32 day = from + (guint32) rand_days (rand, low, high);

  return day < until ? day : until;
}

static double
clamp01 (double value)
{
  return CLAMP (value, 0.0, 1.0);
}

/* Dates are carried as Julian day numbers while people are made up, so
 * ordering and distances are plain integer arithmetic. */
static char *
julian_to_iso (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return wm_date_format_iso (&date);
}

static void
dict_insert_date (GVariantDict *dict,
                  const char   *key,
                  guint32       julian)
{
  g_autofree char *iso = julian_to_iso (julian);

  g_variant_dict_insert (dict, key, "s", iso);
}

static GVariant *
dict_end (GVariantDict *dict)
{
  return g_variant_ref_sink (g_variant_dict_end (dict));
}

/* Splits "Given|Nickname" or "Masculine|Feminine" at the bar. */
static char *
dup_part (const char *entry,
          guint       part)
{
  const char *bar = strchr (entry, '|');

  if (bar == NULL)
    return g_strdup (entry);
  if (part == 0)
    return g_strndup (entry, bar - entry);
  return g_strdup (bar + 1);
}

/**
 * wm_demo_new:
 * @seed: the seed; the same seed and @today give the same people
 * @today: the date the demo is made on: referrals, contacts and ages are
 *   placed in the months before it
 *
 * Returns: (transfer full): a generator
 */
WmDemo *
wm_demo_new (guint32      seed,
             const GDate *today)
{
  WmDemo *self;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_new0 (WmDemo, 1);
  self->rand = g_rand_new_with_seed (seed);
  self->today = *today;
  self->names_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
wm_demo_free (WmDemo *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_hash_table_unref (self->names_used);
  g_free (self);
}

void
wm_demo_person_free (WmDemoPerson *person)
{
  if (person == NULL)
    return;

  g_clear_pointer (&person->profile, g_variant_unref);
  g_clear_pointer (&person->assessments, g_ptr_array_unref);
  g_clear_pointer (&person->plans, g_ptr_array_unref);
  g_clear_pointer (&person->contacts, g_ptr_array_unref);
  g_clear_pointer (&person->referrals, g_ptr_array_unref);
  g_clear_pointer (&person->closures, g_ptr_array_unref);
  g_free (person);
}

typedef struct
{
  Sex       sex;
  const Culture *culture;
  const Culture *family_culture;
  guint     age;
  guint32   date_of_birth;  /* Julian days */
  gboolean  learning_disability;
  double    severity;       /* 0 .. 1: how worrying things are at referral */
  guint32   referred_on;    /* Julian days */
  guint32   ends_on;        /* today, or the day the case closed */
  const char *status;
  GPtrArray *indicators;    /* const char *: exploitation indicators at referral */
  gboolean  substance_use;
  gboolean  mental_health;
  gboolean  domestic_violence;
  const char *education;    /* wm_person_education_statuses */
  const char *social_care;  /* wm_social_care_statuses */
} Person;

static void
make_name (WmDemo       *self,
           Person       *person,
           GVariantDict *profile)
{
  guint weights[G_N_ELEMENTS (cultures)];
  g_autofree char *given = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *family = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cultures); i++)
    weights[i] = cultures[i].weight;

  /* A few tries keep two people in one demo from sharing a whole name,
   * which would make a demo of the search look broken. */
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      const Culture *culture = &cultures[pick_index (self->rand, weights, G_N_ELEMENTS (weights))];
      const Culture *family_culture = culture;
      const char *given_entry;
      const char *family_entry;
      g_autofree char *full = NULL;

      given_entry = pick_string (self->rand, person->sex == SEX_FEMALE ? culture->female : culture->male);

      /* Families of mixed heritage: a family name from another community
       * that writes in the same script. */
      if (culture->latin && chance (self->rand, 0.08))
        {
          do
            family_culture = &cultures[pick_index (self->rand, weights, G_N_ELEMENTS (weights))];
          while (!family_culture->latin);
        }
      family_entry = pick_string (self->rand, family_culture->family);

      g_clear_pointer (&given, g_free);
      g_clear_pointer (&nickname, g_free);
      g_clear_pointer (&family, g_free);
      given = dup_part (given_entry, 0);
      if (strchr (given_entry, '|') != NULL && chance (self->rand, 0.5))
        nickname = dup_part (given_entry, 1);
      family = dup_part (family_entry, person->sex == SEX_FEMALE ? 1 : 0);
      person->culture = culture;
      person->family_culture = family_culture;

      full = g_strconcat (given, " ", family, NULL);
      if (g_hash_table_add (self->names_used, g_steal_pointer (&full)))
        break;
    }

  g_variant_dict_insert (profile, WM_PROFILE_GIVEN_NAME, "s", given);
  g_variant_dict_insert (profile, WM_PROFILE_FAMILY_NAME, "s", family);
  if (nickname != NULL)
    g_variant_dict_insert (profile, WM_PROFILE_PREFERRED_NAME, "s", nickname);
}

static guint32
make_date_of_birth (WmDemo *self,
                    guint   age)
{
  GDate birthday = self->today;

  /* The latest birthday that gives this age is today, the earliest is a
   * day after the (age + 1)th birthday's eve: 0 to 364 days back from the
   * most recent one stays inside the year of age, leap years included. */
  g_date_subtract_years (&birthday, age);
  return g_date_get_julian (&birthday) - (guint32) rand_days (self->rand, 0, 364);
}

/* Draws from "id weight id weight ...". */
static const char *
pick_from_spec (GRand      *rand,
                const char *spec,
                char      **out_id)
{
  g_auto(GStrv) parts = g_strsplit (spec, " ", -1);
  guint weights[32];
  guint n = g_strv_length (parts) / 2;
  guint chosen;

  g_assert (n > 0 && n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = (guint) g_ascii_strtoull (parts[2 * i + 1], NULL, 10);
  chosen = pick_index (rand, weights, n);
  *out_id = g_strdup (parts[2 * chosen]);
  return *out_id;
}

/* Ethnicity as a young person of this background might tick it. */
static const char *
pick_ethnicity (WmDemo *self,
                Person *person)
{
  g_autofree char *id = NULL;
  const WmTerm *term;

  /* A given name of one community and a family name of another. */
  if (person->family_culture != person->culture && chance (self->rand, 0.5))
    return "mixed-other";

  pick_from_spec (self->rand, person->culture->ethnicities, &id);
  term = wm_term_find (wm_ethnicities, id);
  g_assert (term != NULL);
  return term->id;
}

static const char *
pick_person_education (WmDemo *self,
                       guint   age)
{
  /* In the order of wm_person_education_statuses: in education, suspended,
   * permanently excluded, alternative provision, elective home education,
   * missing education, reduced timetable, NEET, apprenticeship, employed. */
  static const guint under_16[] = { 52, 8, 5, 12, 4, 5, 14, 0, 0, 0 };
  static const guint age_16_17[] = { 45, 2, 0, 6, 0, 2, 3, 22, 12, 8 };
  static const guint adult[] = { 15, 0, 0, 0, 0, 0, 0, 40, 12, 33 };
  const guint *weights = age < 16 ? under_16 : age < 18 ? age_16_17 : adult;

  return pick_weighted_term (self->rand, wm_person_education_statuses, weights, 10);
}

static const char *
pick_social_care (WmDemo *self,
                  guint   age)
{
  /* none, early help, child in need, child protection plan, looked
   * after, care leaver: care leavers are 18 and over, and only children
   * are looked after or on a plan. */
  static const guint child[] = { 48, 20, 14, 7, 11, 0 };
  static const guint adult[] = { 75, 0, 0, 0, 0, 25 };

  return pick_weighted_term (self->rand, wm_social_care_statuses, age < 18 ? child : adult, 6);
}

static char *
make_phone (WmDemo *self)
{
  return g_strdup_printf ("07700 900%03d", g_rand_int_range (self->rand, 0, 1000));
}

static void
insert_professionals (WmDemo       *self,
                      Person       *person,
                      const char   *local_authority,
                      const char   *source,
                      const char   *send,
                      GVariantDict *profile)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *authority = wm_term_find (wm_local_authorities, local_authority)->label;

  if (g_str_equal (person->social_care, "child-in-need") || g_str_equal (person->social_care, "child-protection-plan")
      || g_str_equal (person->social_care, "looked-after"))
    g_string_append_printf (text, "Social worker, %s children's services\n", authority);
  else if (g_str_equal (person->social_care, "care-leaver"))
    g_string_append (text, "Personal adviser, leaving care team\n");
  else if (g_str_equal (person->social_care, "early-help"))
    g_string_append (text, "Early help family worker\n");
  if (g_str_equal (source, "youth-justice"))
    g_string_append (text, "Youth Justice Service case manager\n");
  if (!g_str_equal (send, "none") && person->age < 19)
    g_string_append (text, "SENCo at school\n");
  if (person->substance_use && chance (self->rand, 0.5))
    g_string_append (text, "Young people's substance misuse worker\n");
  if (person->mental_health && person->age < 18 && chance (self->rand, 0.4))
    g_string_append (text, "CAMHS practitioner\n");

  if (text->len == 0)
    return;
  g_string_truncate (text, text->len - 1);
  g_variant_dict_insert (profile, WM_PROFILE_OTHER_PROFESSIONALS, "s", text->str);
}

static GVariant *
make_profile (WmDemo *self,
              Person *person)
{
  static const guint send_child[] = { 62, 26, 12 };
  static const guint send_learning_disability[] = { 5, 35, 60 };
  static const guint send_adult[] = { 85, 0, 15 };
  GVariantDict profile;
  guint source_weights[G_N_ELEMENTS (referral_source_weights)];
  const char *programme;
  const char *local_authority;
  const char *source;
  const char *ethnicity;
  const char *send;
  const Town *towns;
  const Town *town;
  guint n_towns = 0;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *carer = NULL;
  const char *school = NULL;

  g_variant_dict_init (&profile, NULL);
  make_name (self, person, &profile);

  /* Pronouns and gender in their own words; a few are non-binary, and
   * some records have not asked yet. */
  if (chance (self->rand, 0.03))
    {
      g_variant_dict_insert (&profile, WM_PROFILE_PRONOUNS, "s", "they/them");
      g_variant_dict_insert (&profile, WM_PROFILE_GENDER, "s", "Non-binary");
    }
  else
    {
      if (chance (self->rand, 0.9))
        g_variant_dict_insert (&profile, WM_PROFILE_PRONOUNS, "s",
                               person->sex == SEX_FEMALE ? "she/her" : "he/him");
      if (chance (self->rand, 0.8))
        g_variant_dict_insert (&profile, WM_PROFILE_GENDER, "s",
                               person->sex == SEX_FEMALE ? (person->age < 18 ? "Girl" : "Woman")
                                                         : (person->age < 18 ? "Boy" : "Man"));
    }

  person->date_of_birth = make_date_of_birth (self, person->age);
  dict_insert_date (&profile, WM_PROFILE_DATE_OF_BIRTH, person->date_of_birth);
  g_variant_dict_insert (&profile, WM_PROFILE_SEX, "s",
                         chance (self->rand, 0.02) ? "prefer-not-to-say"
                                                   : person->sex == SEX_FEMALE ? "female" : "male");

  ethnicity = pick_ethnicity (self, person);
  g_variant_dict_insert (&profile, WM_PROFILE_ETHNICITY, "s", ethnicity);
  g_variant_dict_insert (&profile, WM_PROFILE_ETHNICITY_SELF_DESCRIBED, "b",
                         g_str_equal (ethnicity, "prefer-not-to-say") || chance (self->rand, 0.85));

  local_authority = pick_weighted_term (self->rand, wm_local_authorities, local_authority_weights,
                                        G_N_ELEMENTS (local_authority_weights));
  towns = towns_by_authority[wm_term_index (wm_local_authorities, local_authority)];
  while (towns[n_towns].town != NULL)
    n_towns++;
  town = &towns[g_rand_int_range (self->rand, 0, (gint32) n_towns)];
  address = g_strdup_printf ("%d %s\n%s\n%s", g_rand_int_range (self->rand, 1, 120),
                             pick_string (self->rand, streets), town->town, town->outward);
  g_variant_dict_insert (&profile, WM_PROFILE_ADDRESS, "s", address);
  g_variant_dict_insert (&profile, WM_PROFILE_LOCAL_AUTHORITY, "s", local_authority);

  person->education = pick_person_education (self, person->age);
  if (g_str_equal (person->education, "in-education") || g_str_equal (person->education, "suspended")
      || g_str_equal (person->education, "reduced-timetable"))
    school = pick_string (self->rand, person->age < 16 ? schools : colleges);
  else if (g_str_equal (person->education, "apprenticeship"))
    school = pick_string (self->rand, colleges);
  else if (g_str_equal (person->education, "alternative-provision"))
    school = "Hillside Learning Centre (pupil referral unit)";
  if (school != NULL)
    g_variant_dict_insert (&profile, WM_PROFILE_SCHOOL, "s", school);
  g_variant_dict_insert (&profile, WM_PROFILE_EDUCATION_STATUS, "s", person->education);

  person->social_care = pick_social_care (self, person->age);
  phone = make_phone (self);
  if (g_str_equal (person->social_care, "looked-after"))
    carer = g_strdup_printf ("%s, %s", pick_string (self->rand, looked_after_carers), phone);
  else if (person->age >= 18 && chance (self->rand, 0.5))
    carer = g_strdup_printf ("Lives independently. Emergency contact: mum, %s", phone);
  else
    carer = g_strdup_printf ("%s, %s", pick_string (self->rand, parents), phone);
  g_variant_dict_insert (&profile, WM_PROFILE_PARENT_CARER, "s", carer);
  g_variant_dict_insert (&profile, WM_PROFILE_SOCIAL_CARE_STATUS, "s", person->social_care);
  g_variant_dict_insert (&profile, WM_PROFILE_YOUNG_CARER, "b", chance (self->rand, person->age < 18 ? 0.08 : 0.05));

  if (person->age >= 19)
    send = pick_weighted_term (self->rand, wm_send_statuses, send_adult, 3);
  else
    send = pick_weighted_term (self->rand, wm_send_statuses,
                               person->learning_disability ? send_learning_disability : send_child, 3);
  g_variant_dict_insert (&profile, WM_PROFILE_SEND, "s", send);
  g_variant_dict_insert (&profile, WM_PROFILE_SPEECH_LANGUAGE, "b",
                         chance (self->rand, person->learning_disability ? 0.6 : 0.25));
  g_variant_dict_insert (&profile, WM_PROFILE_NEURODIVERGENCE, "b", chance (self->rand, 0.2));
  g_variant_dict_insert (&profile, WM_PROFILE_LEARNING_DISABILITY, "b", person->learning_disability);

  /* Schools refer children, not adults; probation works with adults. */
  memcpy (source_weights, referral_source_weights, sizeof source_weights);
  if (person->age >= 18)
    source_weights[wm_term_index (wm_referral_sources, "school")] = 0;
  else
    source_weights[wm_term_index (wm_referral_sources, "probation")] = 0;
  source = pick_weighted_term (self->rand, wm_referral_sources, source_weights, G_N_ELEMENTS (source_weights));
  g_variant_dict_insert (&profile, WM_PROFILE_REFERRAL_SOURCE, "s", source);
  dict_insert_date (&profile, WM_PROFILE_REFERRED_ON, person->referred_on);
  g_variant_dict_insert (&profile, WM_PROFILE_REFERRAL_REASON, "s",
                         pick_string (self->rand,
                                      g_str_equal (source, "school")
                                        || (person->age < 16 && chance (self->rand, 0.3))
                                        ? school_referral_reasons : referral_in_reasons));
  insert_professionals (self, person, local_authority, source, send, &profile);

  if (person->indicators->len >= 2 && chance (self->rand, 0.6))
    programme = "county-lines-intervention";
  else
    programme = pick_weighted_term (self->rand, wm_programmes, programme_weights,
                                    G_N_ELEMENTS (programme_weights));
  g_variant_dict_insert (&profile, WM_PROFILE_PROGRAMME, "s", programme);

  /* Diversion is voluntary: work starts once the young person agrees,
   * usually at the first meeting or two. */
  if (!g_str_equal (person->status, WM_CASE_STATUS_REFERRED) || chance (self->rand, 0.4))
    {
      g_variant_dict_insert (&profile, WM_PROFILE_CONSENT, "b", TRUE);
      dict_insert_date (&profile, WM_PROFILE_CONSENT_ON,
                        days_after (self->rand, person->referred_on, 2, 14, person->ends_on));
    }
  g_variant_dict_insert (&profile, WM_PROFILE_STATUS, "s", person->status);
  return dict_end (&profile);
}

static GVariant *
make_ace (WmDemo *self,
          Person *person)
{
  GVariantDict answers;
  GVariantDict assessment;
  g_autoptr(GVariant) answers_value = NULL;
  guint32 completed;
  guint i = 0;

  g_variant_dict_init (&answers, NULL);
  for (const WmTerm *category = wm_ace_categories; category->id != NULL; category++, i++)
    {
      double rate = clamp01 (ace_base_rates[i] * (0.5 + 1.2 * person->severity));
      const char *answer;

      if (chance (self->rand, 0.08))
        answer = WM_ACE_NOT_KNOWN;
      else if (chance (self->rand, rate))
        answer = WM_ACE_YES;
      else
        answer = WM_ACE_NO;
      g_variant_dict_insert (&answers, category->id, "s", answer);

      if (g_str_equal (category->id, "domestic-violence"))
        person->domestic_violence = g_str_equal (answer, WM_ACE_YES);
    }
  answers_value = dict_end (&answers);

  completed = days_after (self->rand, person->referred_on, 7, 21, person->ends_on);

  g_variant_dict_init (&assessment, NULL);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_INSTRUMENT, "s", WM_INSTRUMENT_ACE);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_INSTRUMENT_VERSION, "u", 1);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_STATE, "s",
                         g_str_equal (person->status, "closed") || chance (self->rand, 0.8)
                           ? "approved" : "submitted");
  dict_insert_date (&assessment, WM_ASSESSMENT_COMPLETED_ON, completed);
  g_variant_dict_insert_value (&assessment, WM_ASSESSMENT_ANSWERS, answers_value);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_SCORE, "i", wm_ace_score (answers_value));
  return dict_end (&assessment);
}

static const char *
level_from (const WmTerm *scale,
            double        value,
            const double *thresholds)
{
  guint level = 0;

  while (scale[level + 1].id != NULL && value >= thresholds[level])
    level++;
  return scale[level].id;
}

/* The assessment rates the need the profile's education status shows. */
static const char *
assessed_education (Person *person)
{
  const char *status = person->education;

  if (g_str_equal (status, "in-education"))
    return "in-education";
  if (g_str_equal (status, "permanently-excluded") || g_str_equal (status, "alternative-provision"))
    return "excluded";
  if (g_str_equal (status, "apprenticeship") || g_str_equal (status, "employed"))
    return "in-training-or-work";
  if (g_str_equal (status, "neet") || (g_str_equal (status, "missing-education") && person->age >= 16))
    return "neet";
  /* suspended, reduced timetable, home education, missing education */
  return "at-risk-of-exclusion";
}

static GVariant *
make_risk_needs (WmDemo     *self,
                 Person     *person,
                 GPtrArray  *indicators,
                 guint       index,
                 guint32     completed,
                 const char *state)
{
  static const double harm_thresholds[] = { 0.45, 0.75, 0.92 };
  static const double exploitation_by_count[] = { 0.5, 1.5, 3.5 };
  GVariantDict answers;
  GVariantBuilder judgements;
  GVariantDict assessment;
  g_autoptr(GVariant) answers_value = NULL;
  g_autoptr(GVariant) judgements_value = NULL;
  g_autoptr(GPtrArray) present = g_ptr_array_new ();
  const char *serious_harm;
  const char *safety;
  const char *exploitation;
  const char *intervention;
  double severity;
  guint age_then;
  GDate birth, then;
  int worst;

  /* Later reviews mostly find things a little better: the work helps. */
  severity = clamp01 (person->severity - 0.08 * index + (g_rand_double (self->rand) - 0.5) * 0.2);

  for (guint i = 0; i < indicators->len; i++)
    {
      if (index == 0 || chance (self->rand, 0.7))
        g_ptr_array_add (present, indicators->pdata[i]);
    }
  g_ptr_array_add (present, NULL);

  g_variant_dict_init (&answers, NULL);
  g_variant_dict_insert (&answers, WM_DRN_EXPLOITATION_INDICATORS, "^as", present->pdata);
  g_variant_dict_insert (&answers, WM_DRN_LEARNING_DISABILITY, "b", person->learning_disability);
  g_variant_dict_insert (&answers, WM_DRN_EDUCATION, "s", assessed_education (person));
  g_variant_dict_insert (&answers, WM_DRN_SUBSTANCE_USE, "s",
                         person->substance_use
                           ? (chance (self->rand, 0.25) ? "dependent" : "regular")
                           : (person->age >= 13 && chance (self->rand, 0.3) ? "experimenting" : "none"));
  g_variant_dict_insert (&answers, WM_DRN_MENTAL_HEALTH_CONCERN, "b", person->mental_health);
  g_variant_dict_insert (&answers, WM_DRN_OWN_WORDS, "s", pick_string (self->rand, own_words));
  answers_value = dict_end (&answers);

  serious_harm = level_from (wm_risk_levels,
                             clamp01 (severity + (g_rand_double (self->rand) - 0.5) * 0.25),
                             harm_thresholds);
  safety = level_from (wm_risk_levels,
                       clamp01 (severity + (g_rand_double (self->rand) - 0.5) * 0.35),
                       harm_thresholds);
  exploitation = level_from (wm_exploitation_levels,
                             (double) (present->len - 1) + (g_rand_double (self->rand) - 0.5),
                             exploitation_by_count);

  /* The instrument's floor holds in demo data too, so a demo never shows
   * a record the assessment form would have refused. */
  g_date_clear (&birth, 1);
  g_date_clear (&then, 1);
  g_date_set_julian (&birth, person->date_of_birth);
  g_date_set_julian (&then, completed);
  if (!wm_date_age_in_years (&birth, &then, &age_then, NULL))
    age_then = 0;
  if (!wm_assessment_check_exploitation_floor (exploitation, age_then, person->learning_disability,
                                               wm_assessment_count_indicators (answers_value), NULL))
    exploitation = "moderate";

  worst = MAX (wm_term_index (wm_risk_levels, serious_harm), wm_term_index (wm_risk_levels, safety));
  intervention = wm_intervention_levels[MIN (worst, 2)].id;

  /* a{ss}, not a GVariantDict's a{sv}: every judgement is a level id. */
  g_variant_builder_init (&judgements, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&judgements, "{ss}", WM_JUDGEMENT_SAFETY_WELLBEING, safety);
  g_variant_builder_add (&judgements, "{ss}", WM_JUDGEMENT_SERIOUS_HARM, serious_harm);
  g_variant_builder_add (&judgements, "{ss}", WM_JUDGEMENT_EXPLOITATION, exploitation);
  g_variant_builder_add (&judgements, "{ss}", WM_JUDGEMENT_INTERVENTION_LEVEL, intervention);
  judgements_value = g_variant_ref_sink (g_variant_builder_end (&judgements));

  g_variant_dict_init (&assessment, NULL);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_INSTRUMENT, "s", WM_INSTRUMENT_DIVERSION_RISK_NEEDS);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_INSTRUMENT_VERSION, "u", 1);
  g_variant_dict_insert (&assessment, WM_ASSESSMENT_STATE, "s", state);
  dict_insert_date (&assessment, WM_ASSESSMENT_COMPLETED_ON, completed);
  g_variant_dict_insert_value (&assessment, WM_ASSESSMENT_ANSWERS, answers_value);
  g_variant_dict_insert_value (&assessment, WM_ASSESSMENT_JUDGEMENTS, judgements_value);
  dict_insert_date (&assessment, WM_ASSESSMENT_NEXT_REVIEW,
                    completed + (worst >= 2 ? 42 : 91));
  return dict_end (&assessment);
}

static void
make_risk_needs_series (WmDemo    *self,
                        Person    *person,
                        GPtrArray *assessments)
{
  static const guint count_weights[] = { 40, 35, 25 };
  static const guint latest_state_weights[] = { 10, 20, 60, 10 };  /* draft, submitted, approved, returned */
  guint wanted = pick_index (self->rand, count_weights, G_N_ELEMENTS (count_weights)) + 1;
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 date;

  date = days_after (self->rand, person->referred_on, 10, 28, person->ends_on);
  g_array_append_val (dates, date);
  while (dates->len < wanted)
    {
      date += (guint32) rand_days (self->rand, 70, 110);
      if (date > person->ends_on)
        break;
      g_array_append_val (dates, date);
    }

  for (guint i = 0; i < dates->len; i++)
    {
      const char *state = "approved";

      /* Only the latest can still be on its way through approval, and a
       * case still at referral has only a first draft. */
      if (g_str_equal (person->status, "referred"))
        state = "draft";
      else if (i == dates->len - 1 && !g_str_equal (person->status, "closed"))
        state = wm_assessment_states[pick_index (self->rand, latest_state_weights,
                                                 G_N_ELEMENTS (latest_state_weights))].id;
      g_ptr_array_add (assessments,
                       make_risk_needs (self, person, person->indicators, i,
                                        g_array_index (dates, guint32, i), state));
    }
}

/* Minutes, in the steps a caseworker writes down. */
static guint32
contact_minutes (WmDemo     *self,
                 const char *method)
{
  if (g_str_equal (method, "face-to-face"))
    return 30 + 5 * (guint32) rand_days (self->rand, 0, 12);
  if (g_str_equal (method, "phone"))
    return 5 + 5 * (guint32) rand_days (self->rand, 0, 5);
  if (g_str_equal (method, "video"))
    return 20 + 5 * (guint32) rand_days (self->rand, 0, 8);
  if (g_str_equal (method, "text-message"))
    return 5 * (guint32) rand_days (self->rand, 1, 2);
  if (g_str_equal (method, "activity-attended"))
    return 60 + 15 * (guint32) rand_days (self->rand, 0, 8);
  g_assert (g_str_equal (method, WM_CONTACT_METHOD_MISSED));
  return 0;
}

static GVariant *
make_contact (WmDemo  *self,
              guint32  date)
{
  static const guint party_weights[] = { 60, 16, 10, 0, 5, 3, 2, 4 };
  /* In the order of wm_contact_methods: face to face, phone, video, text
   * message, missed appointment, activity attended. Only the young
   * person misses an appointment or comes to an activity. */
  static const guint young_person_methods[] = { 45, 10, 4, 14, 14, 13 };
  static const guint parent_methods[] = { 15, 55, 10, 20, 0, 0 };
  static const guint professional_methods[] = { 20, 45, 25, 10, 0, 0 };
  GVariantDict contact;
  const char *party;
  const char *method;
  const guint *method_weights;
  const char *const *notes;

  party = pick_weighted_term (self->rand, wm_contact_parties, party_weights, G_N_ELEMENTS (party_weights));
  if (g_str_equal (party, "young-person"))
    {
      method_weights = young_person_methods;
      notes = young_person_notes;
    }
  else if (g_str_equal (party, "parent-carer"))
    {
      method_weights = parent_methods;
      notes = parent_carer_notes;
    }
  else if (g_str_equal (party, "school"))
    {
      method_weights = professional_methods;
      notes = school_notes;
    }
  else
    {
      method_weights = professional_methods;
      notes = professional_notes;
    }

  method = pick_weighted_term (self->rand, wm_contact_methods, method_weights, wm_term_count (wm_contact_methods));
  if (g_str_equal (method, WM_CONTACT_METHOD_MISSED))
    notes = missed_notes;
  else if (g_str_equal (method, "activity-attended"))
    notes = activity_notes;
  else if (g_str_equal (method, "text-message") && notes == young_person_notes)
    notes = text_notes;

  g_variant_dict_init (&contact, NULL);
  dict_insert_date (&contact, WM_CONTACT_DATE, date);
  g_variant_dict_insert (&contact, WM_CONTACT_METHOD, "s", method);
  g_variant_dict_insert (&contact, WM_CONTACT_WITH, "s", party);
  g_variant_dict_insert (&contact, WM_CONTACT_DURATION, "u", contact_minutes (self, method));
  g_variant_dict_insert (&contact, WM_CONTACT_NOTE, "s", pick_string (self->rand, notes));
  return dict_end (&contact);
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
make_contacts (WmDemo    *self,
               Person    *person,
               GPtrArray *contacts)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 first = person->referred_on + 3;
  guint32 last = person->ends_on;
  guint wanted;

  /* Some open cases have gone quiet: the supervisor's "no recent
   * contact" view should have someone in it. */
  if (!g_str_equal (person->status, "closed") && chance (self->rand, 0.15)
      && last > first + 90)
    last -= (guint32) rand_days (self->rand, 43, 90);

  if (last <= first)
    last = first;

  if (g_str_equal (person->status, "referred"))
    wanted = (guint) rand_days (self->rand, 1, 2);
  else
    {
      wanted = (guint) rand_days (self->rand, 3, 12);
      wanted = MIN (wanted, (last - first) / 7 + 1);
    }

  for (guint i = 0; i < wanted; i++)
    {
      guint32 date = first + (guint32) rand_days (self->rand, 0, (int) (last - first));

      g_array_append_val (dates, date);
    }
  g_array_sort (dates, compare_julian);

  for (guint i = 0; i < dates->len; i++)
    g_ptr_array_add (contacts, make_contact (self, g_array_index (dates, guint32, i)));
}

static GVariant *
make_plan (WmDemo  *self,
           guint32  agreed_on)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new ();
  g_autoptr(GPtrArray) actions = g_ptr_array_new ();
  guint n_goals = (guint) rand_days (self->rand, 2, 3);
  guint n_actions = (guint) rand_days (self->rand, 1, 3);
  GVariantDict plan;

  while (goals->len < n_goals)
    {
      const char *goal = pick_string (self->rand, plan_goals);

      if (!g_ptr_array_find (goals, goal, NULL))
        g_ptr_array_add (goals, (gpointer) goal);
    }
  while (actions->len < n_actions)
    {
      const char *action = pick_string (self->rand, plan_actions);

      if (!g_ptr_array_find (actions, action, NULL))
        g_ptr_array_add (actions, (gpointer) action);
    }
  g_ptr_array_add (goals, NULL);
  g_ptr_array_add (actions, NULL);

  g_variant_dict_init (&plan, NULL);
  dict_insert_date (&plan, WM_PLAN_AGREED_ON, agreed_on);
  g_variant_dict_insert (&plan, WM_PLAN_GOALS, "^as", goals->pdata);
  g_variant_dict_insert (&plan, WM_PLAN_ACTIONS, "^as", actions->pdata);
  dict_insert_date (&plan, WM_PLAN_REVIEW_ON, agreed_on + 91);
  return dict_end (&plan);
}

static GVariant *
make_referral (WmDemo     *self,
               Person     *person,
               const char *local_authority,
               guint32     sent_on)
{
  static const guint state_weights[] = { 0, 30, 50, 10, 10 };
  static const char *const agreed_sections[] = { "basic-details", "contacts", "strengths", "own-views", "plan", NULL };
  static const char *const statutory_sections[] = { "basic-details", "contacts", "risk-summary", "recent-contacts", NULL };
  static const char *const health_sections[] = { "basic-details", "risk-summary", "own-views", NULL };
  g_autofree char *partner = NULL;
  const char *service;
  const char *informed;
  const char *const *sections;
  gboolean agreed;
  GVariantDict referral;

  /* The statutory services that safeguard (the Youth Justice Service,
   * children's social care) may be told without the young person's
   * agreement, on the public task, when asking would put them at risk or
   * they refused; every other service, and mentoring above all, only
   * with it. Adults are asked first. */
  agreed = person->age >= 18 || chance (self->rand, 0.8);
  if (!agreed)
    service = person->severity > 0.6 && chance (self->rand, 0.5) ? "youth-justice-service" : "childrens-social-care";
  else if (person->substance_use)
    service = "substance-misuse";
  else if (person->mental_health)
    service = "camhs";
  else if (person->domestic_violence)
    service = "domestic-abuse";
  else
    service = chance (self->rand, 0.5) ? "mentoring" : "education-inclusion";

  /* A directory-style name; the directory itself is the organisation's. */
  partner = g_strdup_printf ("%s %s",
                             wm_term_find (wm_local_authorities, local_authority)->label,
                             wm_term_find (wm_partner_services, service)->label);

  g_variant_dict_init (&referral, NULL);
  g_variant_dict_insert (&referral, WM_REFERRAL_SERVICE, "s", service);
  g_variant_dict_insert (&referral, WM_REFERRAL_PARTNER, "s", partner);
  g_variant_dict_insert (&referral, WM_REFERRAL_REASON, "s", pick_string (self->rand, referral_reasons));
  g_variant_dict_insert (&referral, WM_REFERRAL_URGENCY, "s",
                         person->severity > 0.8 ? "urgent" : pick_term (self->rand, wm_referral_urgencies));

  if (!agreed)
    {
      sections = statutory_sections;
      informed = chance (self->rand, 0.5) ? "not-told" : "did-not-agree";
      g_variant_dict_insert (&referral, WM_REFERRAL_LAWFUL_BASIS, "s", "public-task");
      g_variant_dict_insert (&referral, WM_REFERRAL_CONDITION, "s", "safeguarding");
      g_variant_dict_insert (&referral, WM_REFERRAL_BASIS_REASON, "s",
                             "Risk of exploitation: the service needs to know to keep the young person safe.");
    }
  else if (g_str_equal (service, "mentoring") || g_str_equal (service, "education-inclusion"))
    {
      /* A voluntary service, and nothing special-category shared. */
      sections = agreed_sections;
      informed = "agreed";
      g_variant_dict_insert (&referral, WM_REFERRAL_LAWFUL_BASIS, "s", "consent");
      g_variant_dict_insert (&referral, WM_REFERRAL_CONDITION, "s", "none");
      g_variant_dict_insert (&referral, WM_REFERRAL_BASIS_REASON, "s",
                             "The young person asked for a mentor and agreed to what is shared.");
    }
  else
    {
      sections = health_sections;
      informed = "agreed";
      g_variant_dict_insert (&referral, WM_REFERRAL_LAWFUL_BASIS, "s", "public-task");
      g_variant_dict_insert (&referral, WM_REFERRAL_CONDITION, "s", "health-social-care");
      g_variant_dict_insert (&referral, WM_REFERRAL_BASIS_REASON, "s",
                             "The service needs the assessment to offer support; the young person agreed.");
    }
  g_variant_dict_insert (&referral, WM_REFERRAL_SECTIONS, "^as", sections);
  g_variant_dict_insert (&referral, WM_REFERRAL_INFORMED, "s", informed);
  if (g_str_equal (informed, "not-told"))
    g_variant_dict_insert (&referral, WM_REFERRAL_NOT_TOLD_REASON, "s",
                           "Telling them first could put the young person at greater risk of harm.");
  else
    {
      g_variant_dict_insert (&referral, WM_REFERRAL_INFORMED_WHO, "s",
                             person->age >= 18 ? "The young person" : "The young person and their parent or carer");
      dict_insert_date (&referral, WM_REFERRAL_INFORMED_ON, sent_on - (guint32) rand_days (self->rand, 0, 7));
      g_variant_dict_insert (&referral, WM_REFERRAL_COMPETENCE, "s",
                             person->age >= 16 ? "has-capacity" : "gillick-competent");
    }
  g_variant_dict_insert (&referral, WM_REFERRAL_STATE, "s",
                         pick_weighted_term (self->rand, wm_referral_states, state_weights,
                                             G_N_ELEMENTS (state_weights)));
  g_variant_dict_insert (&referral, WM_REFERRAL_SENT_BY, "s", "export");
  dict_insert_date (&referral, WM_REFERRAL_SENT_ON, sent_on);
  dict_insert_date (&referral, WM_REFERRAL_FOLLOW_UP_ON, sent_on + 14);
  return dict_end (&referral);
}

static GVariant *
make_closure (WmDemo *self,
              Person *person)
{
  /* completed, referred on, disengaged, moved away, aged out, custody,
   * declined. Only a case closed at 25 or over has aged out (the limit
   * is 25, not 16); these cases were all active, so none declined. */
  guint reason_weights[] = { 45, 15, 15, 10, 0, 5, 0 };
  static const guint outcome_weights[] = { 45, 35, 20 };
  GVariantDict closure;
  const char *reason;
  guint age_then;
  GDate birth, then;

  g_date_clear (&birth, 1);
  g_date_clear (&then, 1);
  g_date_set_julian (&birth, person->date_of_birth);
  g_date_set_julian (&then, person->ends_on);
  if (wm_date_age_in_years (&birth, &then, &age_then, NULL) && age_then >= WM_PERSON_AGE_MAX)
    reason_weights[4] = 60;

  reason = pick_weighted_term (self->rand, wm_closure_reasons, reason_weights, G_N_ELEMENTS (reason_weights));
  g_variant_dict_init (&closure, NULL);
  dict_insert_date (&closure, WM_CLOSURE_CLOSED_ON, person->ends_on);
  g_variant_dict_insert (&closure, WM_CLOSURE_REASON, "s", reason);
  g_variant_dict_insert (&closure, WM_CLOSURE_OUTCOME, "s",
                         g_str_equal (reason, "completed")
                           ? "goals-met"
                           : pick_weighted_term (self->rand, wm_closure_outcomes, outcome_weights,
                                                 G_N_ELEMENTS (outcome_weights)));
  g_variant_dict_insert (&closure, WM_CLOSURE_NOTE, "s", pick_string (self->rand, closure_notes));
  return dict_end (&closure);
}

static GPtrArray *
variant_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

/**
 * wm_demo_next_person:
 * @self: a generator
 *
 * Returns: (transfer full): the next synthetic young person
 */
WmDemoPerson *
wm_demo_next_person (WmDemo *self)
{
  static const guint sex_weights[] = { 28, 72 };  /* most referrals are boys */
  g_autoptr(WmDemoPerson) result = NULL;
  g_autoptr(GPtrArray) indicators = g_ptr_array_new ();
  guint32 today;
  int days_ago;
  g_autofree char *local_authority = NULL;
  Person person = { 0 };

  g_return_val_if_fail (self != NULL, NULL);

  today = g_date_get_julian (&self->today);
  person.sex = (Sex) pick_index (self->rand, sex_weights, G_N_ELEMENTS (sex_weights));
  person.age = WM_PERSON_AGE_MIN + pick_index (self->rand, age_weights, G_N_ELEMENTS (age_weights));
  person.learning_disability = chance (self->rand, 0.12);
  person.severity = pow (g_rand_double (self->rand), 1.2);
  person.substance_use = person.age >= 13 && chance (self->rand, 0.1 + 0.3 * person.severity);
  person.mental_health = chance (self->rand, 0.25 + 0.3 * person.severity);

  /* Most referrals are recent; a few cases have run for a year or more. */
  days_ago = 14 + (int) (pow (g_rand_double (self->rand), 1.5) * 526);
  person.referred_on = today - (guint32) days_ago;
  person.ends_on = today;
  if (days_ago < 21 && chance (self->rand, 0.5))
    person.status = WM_CASE_STATUS_REFERRED;
  else if (days_ago > 120 && chance (self->rand, 0.2))
    {
      person.status = WM_CASE_STATUS_CLOSED;
      person.ends_on = person.referred_on + (guint32) rand_days (self->rand, 90, days_ago - 7);
    }
  else
    person.status = WM_CASE_STATUS_ACTIVE;

  for (const WmTerm *indicator = wm_exploitation_indicators; indicator->id != NULL; indicator++)
    {
      if (chance (self->rand, 0.03 + 0.35 * person.severity * person.severity))
        g_ptr_array_add (indicators, (gpointer) indicator->id);
    }
  person.indicators = indicators;

  result = g_new0 (WmDemoPerson, 1);
  result->assessments = variant_array_new ();
  result->plans = variant_array_new ();
  result->contacts = variant_array_new ();
  result->referrals = variant_array_new ();
  result->closures = variant_array_new ();

  result->profile = make_profile (self, &person);
  local_authority = g_strdup (wm_payload_get_string (result->profile, WM_PROFILE_LOCAL_AUTHORITY));

  g_ptr_array_add (result->assessments, make_ace (self, &person));
  make_risk_needs_series (self, &person, result->assessments);

  if (!g_str_equal (person.status, "referred") && person.ends_on - person.referred_on > 30
      && chance (self->rand, 0.85))
    g_ptr_array_add (result->plans,
                     make_plan (self, days_after (self->rand, person.referred_on, 21, 40, person.ends_on)));

  make_contacts (self, &person, result->contacts);

  if (!g_str_equal (person.status, "referred") && person.ends_on - person.referred_on > 45
      && chance (self->rand, 0.35))
    g_ptr_array_add (result->referrals,
                     make_referral (self, &person, local_authority,
                                    person.referred_on + (guint32) rand_days (self->rand, 30,
                                                                             (int) (person.ends_on - person.referred_on))));

  if (g_str_equal (person.status, "closed"))
    g_ptr_array_add (result->closures, make_closure (self, &person));

  return g_steal_pointer (&result);
}
