/* wm-profile-form.c — the form of a young person's profile, grouped as the HIG asks
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are made from wm_profile_fields (app/core/wm-person.c), the one
 * list of what a profile holds, so a field the domain adds appears here
 * without a change to the form: in its group when this file places it, in
 * "Other Details" until it does. Each kind of field has one kind of row:
 * an entry row for a line of text or a date, a combo row for a vocabulary
 * (labels shown, ids stored), a switch for yes or no, a text view for what
 * runs over several lines.
 *
 * The form edits a copy of the profile it was given: keys it has no row
 * for (the status, which the record page changes through its own
 * transitions, and any key a newer Waymark wrote) are written back as they
 * were, so saving from an older form loses nothing.
 *
 * Dates are typed, as caseworkers copy them from referral forms: ISO
 * (YYYY-MM-DD) or British (dd/mm/yyyy), always stored as ISO. What is
 * wrong with a field is said next to it, in its row, as the user types;
 * the date of birth shows the age it gives. Nothing here writes: the
 * record page takes wm_profile_form_dup_profile() to the casebook, whose
 * checks are the ones that count.
 */

#define G_LOG_DOMAIN "wm-profile-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "wm-accessible.h"
#include "wm-core-error.h"
#include "wm-date.h"
#include "wm-payload.h"
#include "wm-person.h"
#include "wm-profile-form.h"
#include "wm-term.h"

typedef enum
{
  GROUP_IDENTITY,
  GROUP_FAMILY,
  GROUP_EDUCATION,
  GROUP_NEEDS,
  GROUP_REFERRAL,
  GROUP_SERVICE,
  GROUP_OTHER,
  N_GROUPS
} FormGroup;

/* Where each field goes. A field not listed goes to "Other Details"; the
 * status is left out on purpose (see the top of the file). */
static const struct
{
  const char *key;
  FormGroup   group;
} field_groups[] = {
  { WM_PROFILE_GIVEN_NAME, GROUP_IDENTITY },
  { WM_PROFILE_FAMILY_NAME, GROUP_IDENTITY },
  { WM_PROFILE_PREFERRED_NAME, GROUP_IDENTITY },
  { WM_PROFILE_PRONOUNS, GROUP_IDENTITY },
  { WM_PROFILE_DATE_OF_BIRTH, GROUP_IDENTITY },
  { WM_PROFILE_SEX, GROUP_IDENTITY },
  { WM_PROFILE_GENDER, GROUP_IDENTITY },
  { WM_PROFILE_ETHNICITY, GROUP_IDENTITY },
  { WM_PROFILE_ETHNICITY_SELF_DESCRIBED, GROUP_IDENTITY },
  { WM_PROFILE_ADDRESS, GROUP_FAMILY },
  { WM_PROFILE_LOCAL_AUTHORITY, GROUP_FAMILY },
  { WM_PROFILE_PARENT_CARER, GROUP_FAMILY },
  { WM_PROFILE_OTHER_PROFESSIONALS, GROUP_FAMILY },
  { WM_PROFILE_SCHOOL, GROUP_EDUCATION },
  { WM_PROFILE_EDUCATION_STATUS, GROUP_EDUCATION },
  { WM_PROFILE_SOCIAL_CARE_STATUS, GROUP_NEEDS },
  { WM_PROFILE_YOUNG_CARER, GROUP_NEEDS },
  { WM_PROFILE_SEND, GROUP_NEEDS },
  { WM_PROFILE_SPEECH_LANGUAGE, GROUP_NEEDS },
  { WM_PROFILE_NEURODIVERGENCE, GROUP_NEEDS },
  { WM_PROFILE_LEARNING_DISABILITY, GROUP_NEEDS },
  { WM_PROFILE_REFERRAL_SOURCE, GROUP_REFERRAL },
  { WM_PROFILE_REFERRED_ON, GROUP_REFERRAL },
  { WM_PROFILE_REFERRAL_REASON, GROUP_REFERRAL },
  { WM_PROFILE_PROGRAMME, GROUP_SERVICE },
  { WM_PROFILE_CONSENT, GROUP_SERVICE },
  { WM_PROFILE_CONSENT_ON, GROUP_SERVICE },
  { WM_PROFILE_STATUS, N_GROUPS },
};

typedef enum
{
  STATE_OK,
  STATE_WARNING,
  STATE_ERROR,
} FieldState;

typedef struct
{
  WmProfileForm        *form;        /* not a reference: the form owns the row */
  const WmProfileField *field;
  GtkWidget            *row;
  GtkWidget            *editor;      /* AdwEntryRow, AdwComboRow, GtkSwitch or GtkTextView */
  GtkLabel             *message;     /* entry rows: what is wrong, or the age */
  char                 *kept_id;     /* TERM: an id the vocabulary does not know, kept as it was */
} FieldRow;

struct _WmProfileForm
{
  AdwBin                parent_instance;

  GPtrArray            *rows;        /* FieldRow */
  GVariant             *profile;     /* what was loaded, or NULL */
  GDate                 today;
  gboolean              loading;
  gboolean              modified;

  /* Template children */
  AdwPreferencesGroup  *groups[N_GROUPS];
};

G_DEFINE_FINAL_TYPE (WmProfileForm, wm_profile_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_row_free (FieldRow *row)
{
  g_clear_pointer (&row->kept_id, g_free);
  g_free (row);
}

static FieldRow *
find_row (WmProfileForm *self,
          const char    *key)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->field->key, key) == 0)
        return row;
    }
  return NULL;
}

static FormGroup
group_of (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (field_groups); i++)
    if (g_strcmp0 (field_groups[i].key, key) == 0)
      return field_groups[i].group;
  return GROUP_OTHER;
}

/**
 * wm_gui_parse_date:
 * @text: a date as a caseworker types it: YYYY-MM-DD, or dd/mm/yyyy as
 *   British forms print it (one-digit days and months too)
 * @out_date: (out): the day
 *
 * Returns: %TRUE if @text is one of those forms and a real day
 */
gboolean
wm_gui_parse_date (const char *text,
                   GDate      *out_date)
{
  g_autofree char *stripped = NULL;
  guint day = 0, month = 0, year = 0;
  int consumed = 0;

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (text));

  if (strchr (stripped, '/') == NULL)
    return wm_date_parse_iso (stripped, out_date, NULL);

  if (sscanf (stripped, "%2u/%2u/%4u%n", &day, &month, &year, &consumed) != 3
      || stripped[consumed] != '\0'
      || strlen (stripped) - (strrchr (stripped, '/') - stripped) != 5)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static void
set_state (FieldRow   *row,
           FieldState  state,
           const char *message)
{
  const char *text = message != NULL ? message : "";

  gtk_widget_remove_css_class (row->row, "error");
  gtk_widget_remove_css_class (row->row, "warning");
  if (state == STATE_ERROR)
    gtk_widget_add_css_class (row->row, "error");
  else if (state == STATE_WARNING)
    gtk_widget_add_css_class (row->row, "warning");

  if (row->message != NULL)
    {
      gtk_label_set_label (row->message, text);
      gtk_widget_set_visible (GTK_WIDGET (row->message), *text != '\0');
      gtk_widget_remove_css_class (GTK_WIDGET (row->message), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row->message), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (row->message), "dim-label");
      if (state == STATE_ERROR)
        gtk_widget_add_css_class (GTK_WIDGET (row->message), "error");
      else if (state == STATE_WARNING)
        gtk_widget_add_css_class (GTK_WIDGET (row->message), "warning");
      else
        gtk_widget_add_css_class (GTK_WIDGET (row->message), "dim-label");
    }

  /* A screen reader reads the description with the field, so the message
   * is heard where it is seen. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->editor),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row->editor),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               state == STATE_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                    : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Checks one date row as it stands; says what is wrong, or the age. */
static FieldState
check_date_row (WmProfileForm *self,
                FieldRow      *row,
                gboolean       required)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->editor));
  gboolean is_birth = g_strcmp0 (row->field->key, WM_PROFILE_DATE_OF_BIRTH) == 0;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *message = NULL;
  guint years = 0;
  GDate date;

  if (*stripped == '\0')
    {
      if (required)
        {
          set_state (row, STATE_ERROR, _("Required"));
          return STATE_ERROR;
        }
      set_state (row, STATE_OK, NULL);
      return STATE_OK;
    }

  if (!wm_gui_parse_date (stripped, &date))
    {
      set_state (row, STATE_ERROR, _("Type the date as YYYY-MM-DD or dd/mm/yyyy"));
      return STATE_ERROR;
    }

  if (g_date_valid (&self->today) && g_date_compare (&date, &self->today) > 0)
    {
      set_state (row, STATE_ERROR,
                 is_birth ? _("A date of birth cannot be in the future")
                          : _("This date cannot be after today"));
      return STATE_ERROR;
    }

  if (!is_birth || !g_date_valid (&self->today)
      || !wm_date_age_in_years (&date, &self->today, &years, NULL))
    {
      set_state (row, STATE_OK, NULL);
      return STATE_OK;
    }

  if (years < WM_PERSON_AGE_MIN || years > WM_PERSON_AGE_MAX)
    {
      /* Translators: %u is an age in years; the service takes young
       * people aged 10 to 25. A warning: the record may still be saved. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Age %u, outside the ages of 10 to 25 the service takes",
                                              "Age %u, outside the ages of 10 to 25 the service takes",
                                              years),
                                 years);
      set_state (row, STATE_WARNING, message);
      return STATE_WARNING;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Age %u", "Age %u", years), years);
  set_state (row, STATE_OK, message);
  return STATE_OK;
}

static char *
dup_row_text (FieldRow *row)
{
  if (GTK_IS_TEXT_VIEW (row->editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->editor)));
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
field_changed (WmProfileForm *self,
               FieldRow      *row)
{
  if (self->loading)
    return;

  if (row->field->kind == WM_FIELD_DATE)
    check_date_row (self, row, FALSE);
  else if (row->message != NULL && gtk_widget_has_css_class (row->row, "error"))
    set_state (row, STATE_OK, NULL);

  /* Agreeing to the service today is the usual case: fill in the date,
   * which the caseworker may still change. */
  if (g_strcmp0 (row->field->key, WM_PROFILE_CONSENT) == 0
      && gtk_switch_get_active (GTK_SWITCH (row->editor)))
    {
      FieldRow *on = find_row (self, WM_PROFILE_CONSENT_ON);

      if (on != NULL && g_date_valid (&self->today)
          && *gtk_editable_get_text (GTK_EDITABLE (on->editor)) == '\0')
        {
          g_autofree char *iso = wm_date_format_iso (&self->today);

          gtk_editable_set_text (GTK_EDITABLE (on->editor), iso);
        }
    }

  self->modified = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
editable_changed_cb (GtkEditable *editable,
                     FieldRow    *row)
{
  field_changed (row->form, row);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           FieldRow   *row)
{
  field_changed (row->form, row);
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   FieldRow      *row)
{
  field_changed (row->form, row);
}

/* The label a combo row shows for one term. Ethnicities are shown with
 * their group, as the ONS lists them, since a combo row of libadwaita 1.2
 * has no section headers. */
static char *
term_label (const WmProfileField *field,
            const WmTerm         *term)
{
  const char *label = g_dgettext (GETTEXT_PACKAGE, term->label);

  if (field->terms == wm_ethnicities)
    {
      const char *group = wm_ethnicity_get_group (term->id);

      if (group != NULL && wm_term_find (wm_ethnic_groups, group) != NULL)
        /* Translators: an ethnicity with its ONS 2021 group: "Asian or
         * Asian British: Indian". */
        return g_strdup_printf (_("%s: %s"), wm_term_get_label (wm_ethnic_groups, group), label);
    }
  return g_strdup (label);
}

static GtkWidget *
new_message_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Wide enough that "Age 15" stays on one line; longer messages wrap. */
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
add_field (WmProfileForm        *self,
           const WmProfileField *field)
{
  FormGroup group = group_of (field->key);
  const char *title = wm_person_field_get_label (field);
  FieldRow *row;

  if (group == N_GROUPS)
    return;

  row = g_new0 (FieldRow, 1);
  row->form = self;
  row->field = field;

  switch (field->kind)
    {
    case WM_FIELD_TEXT:
    case WM_FIELD_DATE:
      row->row = row->editor = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      row->message = GTK_LABEL (new_message_label ());
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row->row), GTK_WIDGET (row->message));
      if (field->kind == WM_FIELD_DATE)
        {
          /* The numbers keyboard on a touch screen, and no spelling. */
          adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row->row),
                                         GTK_INPUT_HINT_NO_SPELLCHECK);
          gtk_widget_set_tooltip_text (row->row, _("YYYY-MM-DD or dd/mm/yyyy"));
        }
      g_signal_connect (row->editor, "changed", G_CALLBACK (editable_changed_cb), row);
      break;

    case WM_FIELD_LONG_TEXT:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        GtkWidget *label = gtk_label_new_with_mnemonic (title);

        /* A preferences row, not a plain list box row: a group puts only
         * those in its boxed list. */
        row->row = adw_preferences_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
        gtk_widget_set_focusable (row->row, FALSE);
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_widget_set_margin_top (box, 8);
        gtk_widget_set_margin_bottom (box, 8);
        gtk_label_set_xalign (GTK_LABEL (label), 0.0);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_widget_add_css_class (label, "dim-label");
        gtk_widget_add_css_class (label, "caption");

        row->editor = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->editor), GTK_WRAP_WORD_CHAR);
        /* Tab moves on to the next field, for keyboard use. */
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->editor), FALSE);
        gtk_widget_set_size_request (row->editor, -1, 56);
        gtk_widget_add_css_class (row->editor, "inline");
        /* The mnemonic label names it; an accessible label as well would
         * be read twice (see wm-accessible.c). */
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), row->editor);
        gtk_accessible_update_property (GTK_ACCESSIBLE (row->editor),
                                        GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                        -1);
        gtk_box_append (GTK_BOX (box), label);
        gtk_box_append (GTK_BOX (box), row->editor);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
        g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor)), "changed",
                          G_CALLBACK (buffer_changed_cb), row);
        break;
      }

    case WM_FIELD_TERM:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        gtk_string_list_append (labels, _("Not recorded"));
        for (const WmTerm *term = field->terms; term != NULL && term->id != NULL; term++)
          {
            g_autofree char *label = term_label (field, term);

            gtk_string_list_append (labels, label);
          }
        row->row = row->editor = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
        adw_combo_row_set_model (ADW_COMBO_ROW (row->row), G_LIST_MODEL (labels));
        g_signal_connect (row->editor, "notify::selected", G_CALLBACK (notify_cb), row);
        break;
      }

    case WM_FIELD_BOOLEAN:
    default:
      row->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      row->editor = gtk_switch_new ();
      gtk_widget_set_valign (row->editor, GTK_ALIGN_CENTER);
      /* Named by the row it activates (see wm-accessible.c). */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), row->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row->row), row->editor);
      g_signal_connect (row->editor, "notify::active", G_CALLBACK (notify_cb), row);
      break;
    }

  /* Names and addresses may hold "&" or "<": never markup. */
  if (ADW_IS_PREFERENCES_ROW (row->row))
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);

  adw_preferences_group_add (self->groups[group], row->row);
  gtk_widget_set_visible (GTK_WIDGET (self->groups[group]), TRUE);
  g_ptr_array_add (self->rows, row);
}

static void
load_row (WmProfileForm *self,
          FieldRow      *row,
          GVariant      *profile)
{
  const WmProfileField *field = row->field;

  g_clear_pointer (&row->kept_id, g_free);
  set_state (row, STATE_OK, NULL);

  switch (field->kind)
    {
    case WM_FIELD_TEXT:
    case WM_FIELD_DATE:
      {
        const char *text = profile != NULL ? wm_payload_get_string (profile, field->key) : NULL;

        /* Undo must never reach back to what the field held before (the
         * text of another young person, or of one the lock cleared), so
         * loading is kept out of the history explicitly rather than by
         * trusting how set_text() records itself. */
        gtk_editable_set_enable_undo (GTK_EDITABLE (row->editor), FALSE);
        gtk_editable_set_text (GTK_EDITABLE (row->editor), text != NULL ? text : "");
        gtk_editable_set_enable_undo (GTK_EDITABLE (row->editor), TRUE);
        break;
      }

    case WM_FIELD_LONG_TEXT:
      {
        const char *text = profile != NULL ? wm_payload_get_string (profile, field->key) : NULL;

        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor));

        gtk_text_buffer_begin_irreversible_action (buffer);
        gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
        gtk_text_buffer_end_irreversible_action (buffer);
        break;
      }

    case WM_FIELD_TERM:
      {
        const char *id = profile != NULL ? wm_payload_get_string (profile, field->key) : NULL;
        int index = -1;

        if (id != NULL && field->aliases != NULL)
          {
            const char *resolved = wm_term_alias_resolve (field->aliases, id);

            if (resolved != NULL)
              id = resolved;
          }
        if (id != NULL)
          index = wm_term_index (field->terms, id);
        if (id != NULL && index < 0)
          row->kept_id = g_strdup (id);
        adw_combo_row_set_selected (ADW_COMBO_ROW (row->editor), index >= 0 ? (guint) index + 1 : 0);
        break;
      }

    case WM_FIELD_BOOLEAN:
    default:
      gtk_switch_set_active (GTK_SWITCH (row->editor),
                             profile != NULL && wm_payload_get_boolean (profile, field->key, FALSE));
      break;
    }
}

static void
wm_profile_form_dispose (GObject *object)
{
  WmProfileForm *self = WM_PROFILE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_PROFILE_FORM);
  g_clear_pointer (&self->profile, g_variant_unref);

  G_OBJECT_CLASS (wm_profile_form_parent_class)->dispose (object);
}

static void
wm_profile_form_finalize (GObject *object)
{
  WmProfileForm *self = WM_PROFILE_FORM (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wm_profile_form_parent_class)->finalize (object);
}

static void
wm_profile_form_class_init (WmProfileFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_profile_form_dispose;
  object_class->finalize = wm_profile_form_finalize;

  /**
   * WmProfileForm::changed:
   *
   * The user changed a field.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/wm-profile-form.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "identity_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_IDENTITY]));
  gtk_widget_class_bind_template_child_full (widget_class, "family_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_FAMILY]));
  gtk_widget_class_bind_template_child_full (widget_class, "education_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_EDUCATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "needs_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_NEEDS]));
  gtk_widget_class_bind_template_child_full (widget_class, "referral_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_REFERRAL]));
  gtk_widget_class_bind_template_child_full (widget_class, "service_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_SERVICE]));
  gtk_widget_class_bind_template_child_full (widget_class, "other_group", FALSE,
                                             G_STRUCT_OFFSET (WmProfileForm, groups[GROUP_OTHER]));
}

static void
wm_profile_form_init (WmProfileForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) field_row_free);
  wm_date_set_today (&self->today);

  for (const WmProfileField *field = wm_profile_fields; field->key != NULL; field++)
    add_field (self, field);
}

/**
 * wm_profile_form_new:
 *
 * Returns: (transfer floating): an empty form
 */
WmProfileForm *
wm_profile_form_new (void)
{
  return g_object_new (WM_TYPE_PROFILE_FORM, NULL);
}

/**
 * wm_profile_form_set_today:
 * @today: the day dates are checked against and ages counted to
 */
void
wm_profile_form_set_today (WmProfileForm *self,
                           const GDate   *today)
{
  g_return_if_fail (WM_IS_PROFILE_FORM (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
}

/**
 * wm_profile_form_set_profile:
 * @profile: (nullable): the profile to show and edit, or %NULL for an
 *   empty form
 */
void
wm_profile_form_set_profile (WmProfileForm *self,
                             GVariant      *profile)
{
  g_return_if_fail (WM_IS_PROFILE_FORM (self));
  g_return_if_fail (profile == NULL || g_variant_is_of_type (profile, G_VARIANT_TYPE_VARDICT));

  if (profile != NULL)
    g_variant_ref_sink (profile);
  g_clear_pointer (&self->profile, g_variant_unref);
  self->profile = profile;

  self->loading = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    load_row (self, g_ptr_array_index (self->rows, i), profile);
  self->loading = FALSE;
  self->modified = FALSE;

  /* Show the age next to the date of birth at once. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (row->field->kind == WM_FIELD_DATE)
        check_date_row (self, row, FALSE);
    }
}

/**
 * wm_profile_form_clear:
 *
 * Empties every field and forgets the profile, as on lock: no widget of
 * the form holds anything of the young person afterwards.
 */
void
wm_profile_form_clear (WmProfileForm *self)
{
  g_return_if_fail (WM_IS_PROFILE_FORM (self));

  wm_profile_form_set_profile (self, NULL);
}

/**
 * wm_profile_form_get_modified:
 *
 * Returns: whether the user changed a field since the profile was set
 */
gboolean
wm_profile_form_get_modified (WmProfileForm *self)
{
  g_return_val_if_fail (WM_IS_PROFILE_FORM (self), FALSE);

  return self->modified;
}

/**
 * wm_profile_form_validate:
 *
 * Checks every field as it stands and says next to each what is wrong:
 * the required names and date of birth, and dates that are not dates or
 * are in the future. An age outside 10 to 25 is a warning, not a fault.
 *
 * Returns: %TRUE when the form may be saved
 */
gboolean
wm_profile_form_validate (WmProfileForm *self)
{
  FieldRow *given, *family;
  gboolean valid = TRUE;

  g_return_val_if_fail (WM_IS_PROFILE_FORM (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);

      if (row->field->kind == WM_FIELD_DATE)
        {
          gboolean required = g_strcmp0 (row->field->key, WM_PROFILE_DATE_OF_BIRTH) == 0;

          if (check_date_row (self, row, required) == STATE_ERROR)
            valid = FALSE;
        }
    }

  given = find_row (self, WM_PROFILE_GIVEN_NAME);
  family = find_row (self, WM_PROFILE_FAMILY_NAME);
  if (given != NULL && family != NULL)
    {
      g_autofree char *given_text = dup_row_text (given);
      g_autofree char *family_text = dup_row_text (family);

      if (text_is_blank (given_text) && text_is_blank (family_text))
        {
          set_state (given, STATE_ERROR, _("Required: a given or a family name"));
          set_state (family, STATE_ERROR, _("Required: a given or a family name"));
          valid = FALSE;
        }
    }

  return valid;
}

/**
 * wm_profile_form_dup_profile:
 * @error: a #WM_CORE_ERROR naming a field whose text is not a date
 *
 * The profile as the form now says, with the keys the form has no row
 * for kept as they were. The domain's checks are not run here: the
 * casebook runs them on saving.
 *
 * Returns: (transfer full): an a{sv}, or %NULL with @error set
 */
GVariant *
wm_profile_form_dup_profile (WmProfileForm  *self,
                             GError        **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  g_return_val_if_fail (WM_IS_PROFILE_FORM (self), NULL);

  if (self->profile != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, self->profile);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (find_row (self, key) == NULL)
            g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = g_ptr_array_index (self->rows, i);
      const WmProfileField *field = row->field;

      switch (field->kind)
        {
        case WM_FIELD_TEXT:
        case WM_FIELD_LONG_TEXT:
          {
            g_autofree char *text = dup_row_text (row);

            if (field->kind == WM_FIELD_TEXT)
              g_strstrip (text);
            if (!text_is_blank (text))
              g_variant_builder_add (&builder, "{sv}", field->key, g_variant_new_string (text));
            break;
          }

        case WM_FIELD_DATE:
          {
            g_autofree char *text = g_strstrip (dup_row_text (row));
            g_autofree char *iso = NULL;
            GDate date;

            if (*text == '\0')
              break;
            if (!wm_gui_parse_date (text, &date))
              {
                g_set_error (error, WM_CORE_ERROR, WM_CORE_ERROR_INVALID_DATE,
                             _("“%s” is not a date. Type it as YYYY-MM-DD or dd/mm/yyyy."),
                             wm_person_field_get_label (field));
                return NULL;
              }
            iso = wm_date_format_iso (&date);
            g_variant_builder_add (&builder, "{sv}", field->key, g_variant_new_string (iso));
            break;
          }

        case WM_FIELD_TERM:
          {
            guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->editor));

            if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
              g_variant_builder_add (&builder, "{sv}", field->key,
                                     g_variant_new_string (field->terms[selected - 1].id));
            else if (row->kept_id != NULL)
              g_variant_builder_add (&builder, "{sv}", field->key,
                                     g_variant_new_string (row->kept_id));
            break;
          }

        case WM_FIELD_BOOLEAN:
        default:
          {
            gboolean active = gtk_switch_get_active (GTK_SWITCH (row->editor));
            g_autoptr(GVariant) was = NULL;

            /* "No" is written only when it was said: an unset switch on
             * a new record means "not recorded", not "no". */
            if (self->profile != NULL)
              was = g_variant_lookup_value (self->profile, field->key, NULL);
            if (active || was != NULL)
              g_variant_builder_add (&builder, "{sv}", field->key, g_variant_new_boolean (active));
            break;
          }
        }
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * wm_profile_form_get_field_widget:
 * @key: a profile key (WM_PROFILE_*)
 *
 * Returns: (transfer none) (nullable): the widget that edits @key: an
 *   #AdwEntryRow, #AdwComboRow, #GtkSwitch or #GtkTextView
 */
GtkWidget *
wm_profile_form_get_field_widget (WmProfileForm *self,
                                  const char    *key)
{
  FieldRow *row;

  g_return_val_if_fail (WM_IS_PROFILE_FORM (self), NULL);

  row = find_row (self, key);
  return row != NULL ? row->editor : NULL;
}

/**
 * wm_profile_form_get_field_message:
 * @key: a profile key (WM_PROFILE_*)
 *
 * Returns: (transfer none): what the form says next to @key ("Age 15",
 *   or what is wrong), or "" when nothing
 */
const char *
wm_profile_form_get_field_message (WmProfileForm *self,
                                   const char    *key)
{
  FieldRow *row;

  g_return_val_if_fail (WM_IS_PROFILE_FORM (self), NULL);

  row = find_row (self, key);
  if (row == NULL || row->message == NULL || !gtk_widget_get_visible (GTK_WIDGET (row->message)))
    return "";
  return gtk_label_get_label (row->message);
}
