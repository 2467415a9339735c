/* wm-referral-summary.c — a referral summary as a partner service receives it, in plain data
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document holds only what the caseworker chose to share, as display
 * strings: it knows nothing of the store or of record payloads, so the
 * composer, the command line and the tests build it the same way, and
 * what it holds is exactly what the page renderer (wm-referral-pages.c)
 * draws. Sections appear in the order they were first added to.
 */

#define G_LOG_DOMAIN "wm-report"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-referral-summary-private.h"
#include "wm-report-error.h"

struct _WmReferralSummary
{
  GObject              parent_instance;

  char                *reference;
  char                *date;
  WmReferralPartyCopy  referrer;
  WmReferralPartyCopy  recipient;
  char                *reason;
  WmReferralUrgency    urgency;
  char                *requested_action;
  WmReferralBasisCopy  basis;
  GPtrArray           *parts;   /* WmReferralPart, in the order first added to */
};

G_DEFINE_FINAL_TYPE (WmReferralSummary, wm_referral_summary, G_TYPE_OBJECT)

/* Section ids are what `waymark-cli referral --sections` takes and what a
 * referral record lists as shared. */
static const struct
{
  const char *id;
  const char *title;
} sections[WM_REFERRAL_N_SECTIONS] = {
  [WM_REFERRAL_SECTION_BASIC_DETAILS] = { "basic-details", N_("Basic details") },
  [WM_REFERRAL_SECTION_CONTACTS] = { "contacts", N_("Contacts") },
  [WM_REFERRAL_SECTION_RISK_SUMMARY] = { "risk-summary", N_("Latest risk and needs summary") },
  [WM_REFERRAL_SECTION_ACE_COUNT] = { "ace-count", N_("Adverse childhood experiences (ACE) count") },
  [WM_REFERRAL_SECTION_ACE_ITEMS] = { "ace-items", N_("Adverse childhood experiences recorded") },
  [WM_REFERRAL_SECTION_STRENGTHS] = { "strengths", N_("Strengths and protective factors") },
  [WM_REFERRAL_SECTION_OWN_VIEWS] = { "own-views", N_("The young person’s own views") },
  [WM_REFERRAL_SECTION_RECENT_CONTACTS] = { "recent-contacts", N_("Recent contacts") },
  [WM_REFERRAL_SECTION_PLAN] = { "plan", N_("Plan") },
};

/* The same ids and labels as wm_referral_urgencies in app/core. */
static const struct
{
  const char *id;
  const char *label;
} urgencies[] = {
  [WM_REFERRAL_URGENCY_ROUTINE] = { "routine", N_("Routine") },
  [WM_REFERRAL_URGENCY_SOON] = { "soon", N_("Within a week") },
  [WM_REFERRAL_URGENCY_URGENT] = { "urgent", N_("Urgent") },
};

static const struct
{
  const char *id;
  const char *label;
} bases[] = {
  [WM_LAWFUL_BASIS_NONE] = { "none", N_("Not recorded") },
  [WM_LAWFUL_BASIS_PUBLIC_TASK] = { "public-task", N_("Public task (UK GDPR Article 6(1)(e))") },
  [WM_LAWFUL_BASIS_LEGAL_OBLIGATION] = { "legal-obligation", N_("Legal obligation (UK GDPR Article 6(1)(c))") },
  [WM_LAWFUL_BASIS_VITAL_INTERESTS] = { "vital-interests", N_("Vital interests (UK GDPR Article 6(1)(d))") },
  [WM_LAWFUL_BASIS_LEGITIMATE_INTERESTS] = { "legitimate-interests", N_("Legitimate interests (UK GDPR Article 6(1)(f))") },
  [WM_LAWFUL_BASIS_CONSENT] = { "consent", N_("Consent (UK GDPR Article 6(1)(a))") },
};

static const struct
{
  const char *id;
  const char *label;
} conditions[] = {
  [WM_SCHEDULE1_NONE] = { "none", N_("None: no special-category or criminal-offence data is shared") },
  [WM_SCHEDULE1_SAFEGUARDING] = { "safeguarding", N_("Safeguarding of children and of individuals at risk (DPA 2018 Schedule 1, paragraph 18)") },
  [WM_SCHEDULE1_PREVENTING_CRIME] = { "preventing-crime", N_("Preventing or detecting unlawful acts (DPA 2018 Schedule 1, paragraph 10)") },
  [WM_SCHEDULE1_STATUTORY_PURPOSES] = { "statutory-purposes", N_("Statutory and government purposes (DPA 2018 Schedule 1, paragraph 6)") },
  [WM_SCHEDULE1_HEALTH_SOCIAL_CARE] = { "health-social-care", N_("Health or social care purposes (DPA 2018 Schedule 1, paragraph 2)") },
};

static const char *competences[] = {
  [WM_COMPETENCE_NOT_ASSESSED] = N_("Not assessed"),
  [WM_COMPETENCE_GILLICK_COMPETENT] = N_("Gillick competent (under 16)"),
  [WM_COMPETENCE_NOT_GILLICK_COMPETENT] = N_("Not Gillick competent (under 16)"),
  [WM_COMPETENCE_HAS_CAPACITY] = N_("Has capacity (Mental Capacity Act 2005, 16 and over)"),
  [WM_COMPETENCE_LACKS_CAPACITY] = N_("Lacks capacity (Mental Capacity Act 2005, 16 and over)"),
};

static void
party_copy_clear (WmReferralPartyCopy *party)
{
  g_clear_pointer (&party->name, g_free);
  g_clear_pointer (&party->role, g_free);
  g_clear_pointer (&party->organisation, g_free);
  g_clear_pointer (&party->address, g_free);
  g_clear_pointer (&party->telephone, g_free);
  g_clear_pointer (&party->email, g_free);
}

static void
party_copy_set (WmReferralPartyCopy   *copy,
                const WmReferralParty *party)
{
  party_copy_clear (copy);
  copy->name = g_strdup (party->name);
  copy->role = g_strdup (party->role);
  copy->organisation = g_strdup (party->organisation);
  copy->address = g_strdup (party->address);
  copy->telephone = g_strdup (party->telephone);
  copy->email = g_strdup (party->email);
}

static void
basis_copy_clear (WmReferralBasisCopy *basis)
{
  g_clear_pointer (&basis->informed_who, g_free);
  g_clear_pointer (&basis->informed_when, g_free);
  g_clear_pointer (&basis->not_told_reason, g_free);
  g_clear_pointer (&basis->reason, g_free);
}

static void
block_free (gpointer data)
{
  WmReferralBlock *block = data;

  g_free (block->text);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
part_free (gpointer data)
{
  WmReferralPart *part = data;

  g_ptr_array_unref (part->blocks);
  g_free (part);
}

static void
wm_referral_summary_finalize (GObject *object)
{
  WmReferralSummary *self = WM_REFERRAL_SUMMARY (object);

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->date, g_free);
  party_copy_clear (&self->referrer);
  party_copy_clear (&self->recipient);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->requested_action, g_free);
  basis_copy_clear (&self->basis);
  g_clear_pointer (&self->parts, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_referral_summary_parent_class)->finalize (object);
}

static void
wm_referral_summary_class_init (WmReferralSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_referral_summary_finalize;
}

static void
wm_referral_summary_init (WmReferralSummary *self)
{
  self->parts = g_ptr_array_new_with_free_func (part_free);
}

/**
 * wm_referral_summary_new:
 * @reference: the document reference (the case's reference, never a name)
 * @date: the date of the referral, YYYY-MM-DD
 *
 * Returns: (transfer full): an empty referral: no parties, no lawful basis
 *   and no sections until they are set
 */
WmReferralSummary *
wm_referral_summary_new (const char *reference,
                         const char *date)
{
  WmReferralSummary *self = g_object_new (WM_TYPE_REFERRAL_SUMMARY, NULL);

  self->reference = g_strdup (reference != NULL ? reference : "");
  self->date = g_strdup (date != NULL ? date : "");
  return self;
}

const char *
wm_referral_summary_get_reference (WmReferralSummary *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (self), NULL);

  return self->reference;
}

const char *
wm_referral_summary_get_date (WmReferralSummary *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (self), NULL);

  return self->date;
}

void
wm_referral_summary_set_referrer (WmReferralSummary     *self,
                                  const WmReferralParty *referrer)
{
  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (referrer != NULL);

  party_copy_set (&self->referrer, referrer);
}

void
wm_referral_summary_set_recipient (WmReferralSummary     *self,
                                   const WmReferralParty *recipient)
{
  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (recipient != NULL);

  party_copy_set (&self->recipient, recipient);
}

void
wm_referral_summary_set_request (WmReferralSummary *self,
                                 const char        *reason,
                                 WmReferralUrgency  urgency,
                                 const char        *requested_action)
{
  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (urgency <= WM_REFERRAL_URGENCY_URGENT);

  g_free (self->reason);
  self->reason = g_strdup (reason);
  self->urgency = urgency;
  g_free (self->requested_action);
  self->requested_action = g_strdup (requested_action);
}

void
wm_referral_summary_set_lawful_basis (WmReferralSummary     *self,
                                      const WmReferralBasis *basis)
{
  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (basis != NULL);
  g_return_if_fail (basis->basis <= WM_LAWFUL_BASIS_CONSENT);
  g_return_if_fail (basis->condition <= WM_SCHEDULE1_HEALTH_SOCIAL_CARE);
  g_return_if_fail (basis->informed <= WM_REFERRAL_INFORMED_NOT_TOLD);
  g_return_if_fail (basis->competence <= WM_COMPETENCE_LACKS_CAPACITY);

  basis_copy_clear (&self->basis);
  self->basis.basis = basis->basis;
  self->basis.condition = basis->condition;
  self->basis.informed = basis->informed;
  self->basis.informed_who = g_strdup (basis->informed_who);
  self->basis.informed_when = g_strdup (basis->informed_when);
  self->basis.competence = basis->competence;
  self->basis.not_told_reason = g_strdup (basis->not_told_reason);
  self->basis.reason = g_strdup (basis->reason);
}

static WmReferralPart *
find_or_add_part (WmReferralSummary *self,
                  WmReferralSection  section)
{
  WmReferralPart *part;

  for (guint i = 0; i < self->parts->len; i++)
    {
      part = g_ptr_array_index (self->parts, i);
      if (part->section == section)
        return part;
    }

  part = g_new0 (WmReferralPart, 1);
  part->section = section;
  part->blocks = g_ptr_array_new_with_free_func (block_free);
  g_ptr_array_add (self->parts, part);
  return part;
}

static WmReferralBlock *
add_block (WmReferralSummary   *self,
           WmReferralSection    section,
           WmReferralBlockKind  kind)
{
  WmReferralPart *part = find_or_add_part (self, section);
  WmReferralBlock *block = g_new0 (WmReferralBlock, 1);

  block->kind = kind;
  g_ptr_array_add (part->blocks, block);
  return block;
}

/**
 * wm_referral_summary_add_fields:
 * @self: a referral
 * @section: the section to add to (added at the end the first time)
 * @fields: (array length=n_fields): label and value pairs, already display strings
 * @n_fields: the number of @fields
 *
 * Adds label/value rows: basic details, the risk and needs summary, ACE items.
 */
void
wm_referral_summary_add_fields (WmReferralSummary     *self,
                                WmReferralSection      section,
                                const WmReferralField *fields,
                                gsize                  n_fields)
{
  WmReferralBlock *block;

  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (section < WM_REFERRAL_N_SECTIONS);
  g_return_if_fail (fields != NULL || n_fields == 0);

  block = add_block (self, section, WM_REFERRAL_BLOCK_FIELDS);
  block->rows = g_ptr_array_new_full (2 * n_fields, g_free);
  for (gsize i = 0; i < n_fields; i++)
    {
      g_ptr_array_add (block->rows, g_strdup (fields[i].label != NULL ? fields[i].label : ""));
      g_ptr_array_add (block->rows, g_strdup (fields[i].value != NULL ? fields[i].value : ""));
    }
}

/**
 * wm_referral_summary_add_text:
 * @self: a referral
 * @section: the section to add to (added at the end the first time)
 * @text: a paragraph; newlines break lines
 *
 * Adds a paragraph: strengths, the young person's own views, the plan.
 */
void
wm_referral_summary_add_text (WmReferralSummary *self,
                              WmReferralSection  section,
                              const char        *text)
{
  WmReferralBlock *block;

  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (section < WM_REFERRAL_N_SECTIONS);

  block = add_block (self, section, WM_REFERRAL_BLOCK_TEXT);
  block->text = g_strdup (text != NULL ? text : "");
}

/**
 * wm_referral_summary_add_contacts:
 * @self: a referral
 * @section: the section to add to, usually CONTACTS or RECENT_CONTACTS
 * @contacts: (array length=n_contacts): the contacts, in the order to show
 * @n_contacts: the number of @contacts
 *
 * Adds a table of contacts (date, method, duration, note) that breaks
 * across pages and repeats its header on each.
 */
void
wm_referral_summary_add_contacts (WmReferralSummary       *self,
                                  WmReferralSection        section,
                                  const WmReferralContact *contacts,
                                  gsize                    n_contacts)
{
  WmReferralBlock *block;

  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (section < WM_REFERRAL_N_SECTIONS);
  g_return_if_fail (contacts != NULL || n_contacts == 0);

  block = add_block (self, section, WM_REFERRAL_BLOCK_CONTACTS);
  block->rows = g_ptr_array_new_full (4 * n_contacts, g_free);
  for (gsize i = 0; i < n_contacts; i++)
    {
      const WmReferralContact *contact = &contacts[i];

      g_ptr_array_add (block->rows, g_strdup (contact->date != NULL ? contact->date : ""));
      g_ptr_array_add (block->rows, g_strdup (contact->method != NULL ? contact->method : ""));
      /* Translators: a contact's duration in minutes, in a narrow table column. */
      g_ptr_array_add (block->rows, contact->minutes > 0 ? g_strdup_printf (_("%u min"), contact->minutes) : g_strdup ("—"));
      g_ptr_array_add (block->rows, g_strdup (contact->note != NULL ? contact->note : ""));
    }
}

/**
 * wm_referral_summary_set_ace_count:
 * @self: a referral
 * @count: the number of adverse childhood experiences recorded
 * @out_of: the number of items the instrument asks about
 *
 * Adds the ACE count section (or replaces its count). The page says that
 * the count is a population measure, not a prediction for this young
 * person. The items themselves are a separate section.
 */
void
wm_referral_summary_set_ace_count (WmReferralSummary *self,
                                   guint              count,
                                   guint              out_of)
{
  WmReferralPart *part;
  WmReferralBlock *block;

  g_return_if_fail (WM_IS_REFERRAL_SUMMARY (self));
  g_return_if_fail (count <= out_of);

  part = find_or_add_part (self, WM_REFERRAL_SECTION_ACE_COUNT);
  g_ptr_array_set_size (part->blocks, 0);
  block = add_block (self, WM_REFERRAL_SECTION_ACE_COUNT, WM_REFERRAL_BLOCK_ACE_COUNT);
  block->count = count;
  block->out_of = out_of;
}

gsize
wm_referral_summary_get_n_sections (WmReferralSummary *self)
{
  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (self), 0);

  return self->parts->len;
}

WmReferralSection
wm_referral_summary_get_section (WmReferralSummary *self,
                                 gsize              index)
{
  WmReferralPart *part;

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (self), 0);
  g_return_val_if_fail (index < self->parts->len, 0);

  part = g_ptr_array_index (self->parts, index);
  return part->section;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Risk and needs, ACE answers and offending are special-category or
 * criminal-offence data: sharing them needs a Schedule 1 condition as
 * well as an Article 6 basis. */
static gboolean
has_special_category_sections (WmReferralSummary *self)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      WmReferralPart *part = g_ptr_array_index (self->parts, i);

      switch (part->section)
        {
        case WM_REFERRAL_SECTION_RISK_SUMMARY:
        case WM_REFERRAL_SECTION_ACE_COUNT:
        case WM_REFERRAL_SECTION_ACE_ITEMS:
          return TRUE;
        case WM_REFERRAL_SECTION_BASIC_DETAILS:
        case WM_REFERRAL_SECTION_CONTACTS:
        case WM_REFERRAL_SECTION_STRENGTHS:
        case WM_REFERRAL_SECTION_OWN_VIEWS:
        case WM_REFERRAL_SECTION_RECENT_CONTACTS:
        case WM_REFERRAL_SECTION_PLAN:
        default:
          break;
        }
    }
  return FALSE;
}

/**
 * wm_referral_summary_check:
 * @self: a referral
 * @error: return location for a #WM_REPORT_ERROR_INCOMPLETE
 *
 * Checks that the referral records what a data-protection officer asks
 * for before anything is shared: a reference, a recipient, a reason, the
 * Article 6 basis and the written reason for sharing, whether the young
 * person and family were told (who, or why not), and a Schedule 1
 * condition when special-category sections are chosen. The message names
 * the first thing missing. wm_referral_pdf_write() calls it first.
 *
 * Returns: %TRUE when the referral may be written
 */
gboolean
wm_referral_summary_check (WmReferralSummary  *self,
                           GError            **error)
{
  const char *message = NULL;

  g_return_val_if_fail (WM_IS_REFERRAL_SUMMARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (self->reference))
    message = _("The referral has no document reference. Use the case’s reference.");
  else if (is_blank (self->recipient.organisation) && is_blank (self->recipient.name))
    message = _("The referral has no recipient. Choose a partner service from the directory.");
  else if (is_blank (self->reason))
    message = _("The referral gives no reason. Write why the young person is being referred.");
  else if (self->basis.basis == WM_LAWFUL_BASIS_NONE)
    message = _("No lawful basis for sharing is recorded. Choose the UK GDPR Article 6 basis.");
  else if (is_blank (self->basis.reason))
    message = _("No reason for sharing is written. Write why sharing is necessary and proportionate.");
  else if (self->basis.informed == WM_REFERRAL_INFORMED_UNKNOWN)
    message = _("It is not recorded whether the young person and their family were told. "
                "Record who was told and whether they agreed, or why they were not told.");
  else if (self->basis.informed == WM_REFERRAL_INFORMED_NOT_TOLD && is_blank (self->basis.not_told_reason))
    message = _("It is not recorded why the young person and their family were not told. Write the reason.");
  else if (self->basis.informed != WM_REFERRAL_INFORMED_NOT_TOLD && is_blank (self->basis.informed_who))
    message = _("It is not recorded who was told about the referral. Name them, for example "
                "“the young person and their mother”.");
  else if (self->basis.condition == WM_SCHEDULE1_NONE && has_special_category_sections (self))
    message = _("The sections chosen hold special-category or criminal-offence data. "
                "Choose the DPA 2018 Schedule 1 condition that allows sharing them, or leave those sections out.");

  if (message != NULL)
    {
      g_set_error_literal (error, WM_REPORT_ERROR, WM_REPORT_ERROR_INCOMPLETE, message);
      return FALSE;
    }
  return TRUE;
}

const WmReferralPartyCopy *
_wm_referral_summary_get_referrer (WmReferralSummary *self)
{
  return &self->referrer;
}

const WmReferralPartyCopy *
_wm_referral_summary_get_recipient (WmReferralSummary *self)
{
  return &self->recipient;
}

const WmReferralBasisCopy *
_wm_referral_summary_get_basis (WmReferralSummary *self)
{
  return &self->basis;
}

const char *
_wm_referral_summary_get_reason (WmReferralSummary *self)
{
  return self->reason;
}

WmReferralUrgency
_wm_referral_summary_get_urgency (WmReferralSummary *self)
{
  return self->urgency;
}

const char *
_wm_referral_summary_get_requested_action (WmReferralSummary *self)
{
  return self->requested_action;
}

GPtrArray *
_wm_referral_summary_get_parts (WmReferralSummary *self)
{
  return self->parts;
}

const char *
wm_referral_section_to_string (WmReferralSection section)
{
  g_return_val_if_fail (section < WM_REFERRAL_N_SECTIONS, NULL);

  return sections[section].id;
}

gboolean
wm_referral_section_from_string (const char        *name,
                                 WmReferralSection *out_section)
{
  g_return_val_if_fail (out_section != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (name, sections[i].id))
      {
        *out_section = (WmReferralSection) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_referral_section_title (WmReferralSection section)
{
  g_return_val_if_fail (section < WM_REFERRAL_N_SECTIONS, NULL);

  return _(sections[section].title);
}

const char *
wm_referral_urgency_to_string (WmReferralUrgency urgency)
{
  g_return_val_if_fail (urgency < G_N_ELEMENTS (urgencies), NULL);

  return urgencies[urgency].id;
}

gboolean
wm_referral_urgency_from_string (const char        *name,
                                 WmReferralUrgency *out_urgency)
{
  g_return_val_if_fail (out_urgency != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (urgencies); i++)
    if (g_str_equal (name, urgencies[i].id))
      {
        *out_urgency = (WmReferralUrgency) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_referral_urgency_label (WmReferralUrgency urgency)
{
  g_return_val_if_fail (urgency < G_N_ELEMENTS (urgencies), NULL);

  return _(urgencies[urgency].label);
}

const char *
wm_lawful_basis_to_string (WmLawfulBasis basis)
{
  g_return_val_if_fail (basis < G_N_ELEMENTS (bases), NULL);

  return bases[basis].id;
}

/* "none" is not accepted: it is the absence of a basis, not a choice. */
gboolean
wm_lawful_basis_from_string (const char    *name,
                             WmLawfulBasis *out_basis)
{
  g_return_val_if_fail (out_basis != NULL, FALSE);

  for (guint i = WM_LAWFUL_BASIS_PUBLIC_TASK; name != NULL && i < G_N_ELEMENTS (bases); i++)
    if (g_str_equal (name, bases[i].id))
      {
        *out_basis = (WmLawfulBasis) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_lawful_basis_label (WmLawfulBasis basis)
{
  g_return_val_if_fail (basis < G_N_ELEMENTS (bases), NULL);

  return _(bases[basis].label);
}

const char *
wm_schedule1_condition_to_string (WmSchedule1Condition condition)
{
  g_return_val_if_fail (condition < G_N_ELEMENTS (conditions), NULL);

  return conditions[condition].id;
}

gboolean
wm_schedule1_condition_from_string (const char           *name,
                                    WmSchedule1Condition *out_condition)
{
  g_return_val_if_fail (out_condition != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (conditions); i++)
    if (g_str_equal (name, conditions[i].id))
      {
        *out_condition = (WmSchedule1Condition) i;
        return TRUE;
      }
  return FALSE;
}

const char *
wm_schedule1_condition_label (WmSchedule1Condition condition)
{
  g_return_val_if_fail (condition < G_N_ELEMENTS (conditions), NULL);

  return _(conditions[condition].label);
}

const char *
wm_competence_label (WmCompetence competence)
{
  g_return_val_if_fail (competence < G_N_ELEMENTS (competences), NULL);

  return _(competences[competence]);
}
