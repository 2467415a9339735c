/* wm-sign-in-page.c — sign in, or unlock a locked window
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A user name (typed, or completed from the organisation's accounts) and a
 * passphrase. Deriving the key takes about a second of Argon2id on the
 * store thread, so the button shows a spinner meanwhile and the window
 * stays responsive. A wrong passphrase gets the store's message; when the
 * account must wait before the next try, the wait counts down on the page
 * and the button stays off until it ends, so nobody is refused for a try
 * the page let them make.
 *
 * When the window is locked, the page unlocks the same user: the name is
 * fixed, and "Sign In as Someone Else" frees it (that ends the locked
 * session when the other person signs in).
 *
 * The passphrase is copied into locked memory by the context and the entry
 * is emptied as soon as the attempt starts. The entry itself keeps its
 * text in locked memory and shows accessibility clients bullets
 * (WmSecretBuffer): GTK 4.8 would hand them the passphrase.
 */

#define G_LOG_DOMAIN "wm-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-accessible.h"
#include "wm-secret-buffer.h"
#include "wm-sign-in-page.h"

struct _WmSignInPage
{
  AdwBin          parent_instance;

  WmContext      *context;
  GCancellable   *cancellable;
  guint           countdown_source_id;
  gint64          countdown_seconds;
  gboolean        busy;

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkEntry       *user_entry;
  GtkWidget      *passphrase_entry;
  GtkLabel       *message_label;
  GtkButton      *sign_in_button;
  GtkSpinner     *spinner;
  GtkButton      *switch_user_button;
  GtkLabel       *demo_label;
  GtkListStore   *user_names;
};

G_DEFINE_FINAL_TYPE (WmSignInPage, wm_sign_in_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_sensitivity (WmSignInPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  const char *passphrase = wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (self->passphrase_entry));
  gboolean ready = !self->busy && self->countdown_seconds == 0 && *name != '\0' && *passphrase != '\0';

  /* The entries stay sensitive: a focused entry made insensitive loses
   * focus without a focus-out in GTK 4.8. While busy, Enter does nothing
   * (sign_in_clicked_cb()); a locked session's name cannot be changed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ready);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_entry), !wm_context_get_locked (self->context));
}

static void
show_message (WmSignInPage *self,
              const char   *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
input_changed_cb (WmSignInPage *self)
{
  update_sensitivity (self);
}

static void
show_countdown (WmSignInPage *self)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Too many wrong passphrases. Try again in %d second.",
                                          "Too many wrong passphrases. Try again in %d seconds.",
                                          (gulong) self->countdown_seconds),
                             (int) self->countdown_seconds);
  show_message (self, message);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  WmSignInPage *self = user_data;

  if (--self->countdown_seconds > 0)
    {
      show_countdown (self);
      return G_SOURCE_CONTINUE;
    }
  self->countdown_source_id = 0;
  show_message (self, _("You can try again now."));
  update_sensitivity (self);
  return G_SOURCE_REMOVE;
}

static void
start_countdown (WmSignInPage *self,
                 gint64        seconds)
{
  g_clear_handle_id (&self->countdown_source_id, g_source_remove);
  self->countdown_seconds = seconds;
  if (seconds <= 0)
    return;
  show_countdown (self);
  self->countdown_source_id = g_timeout_add_seconds (1, countdown_tick_cb, self);
}

static void
set_busy (WmSignInPage *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 wait_seconds = 0;

  if (!wm_context_sign_in_finish (WM_CONTEXT (source), result, &wait_seconds, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_message (self, error->message);
      if (wait_seconds > 0 && !g_error_matches (error, WM_STORE_ERROR, WM_STORE_ERROR_WRONG_PASSPHRASE))
        start_countdown (self, wait_seconds);
      else if (wait_seconds > 0)
        {
          /* The message says the passphrase was wrong; the countdown says
           * when the next try is allowed. */
          g_autofree char *both = NULL;

          start_countdown (self, wait_seconds);
          both = g_strconcat (error->message, "\n", gtk_label_get_label (self->message_label), NULL);
          show_message (self, both);
        }
      update_sensitivity (self);
      gtk_widget_grab_focus (self->passphrase_entry);
      return;
    }
  set_busy (self, FALSE);
  show_message (self, NULL);
}

static void
sign_in_clicked_cb (WmSignInPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  const char *passphrase = wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (self->passphrase_entry));

  if (self->busy || *name == '\0' || *passphrase == '\0' || self->countdown_seconds > 0)
    return;
  show_message (self, NULL);
  set_busy (self, TRUE);
  wm_context_sign_in_async (self->context, name, passphrase, self->cancellable,
                            sign_in_done_cb, g_object_ref (self));
  /* The context holds its own copy in locked memory. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
}

/* Enter in the name moves on to the passphrase, or signs in if it is typed. */
static void
user_activated_cb (WmSignInPage *self)
{
  if (*wm_secret_buffer_peek (GTK_PASSWORD_ENTRY (self->passphrase_entry)) != '\0')
    sign_in_clicked_cb (self);
  else
    gtk_widget_grab_focus (self->passphrase_entry);
}

static void
switch_user_clicked_cb (WmSignInPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->switch_user_button), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
  /* Unlocking is for the same user only; anyone else signs in afresh. */
  wm_context_sign_out (self->context);
}

static void
users_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmSignInPage) self = user_data;
  g_autoptr(GPtrArray) users = wm_context_list_users_finish (WM_CONTEXT (source), result, NULL);

  if (users == NULL)
    return;
  gtk_list_store_clear (self->user_names);
  for (guint i = 0; i < users->len; i++)
    {
      WmUser *user = g_ptr_array_index (users, i);

      if (!user->disabled)
        gtk_list_store_insert_with_values (self->user_names, NULL, -1, 0, user->name, -1);
    }
}

/**
 * wm_sign_in_page_reset:
 *
 * Shows the page as the context is now: a fresh sign-in, or the unlock of
 * the locked user, with the passphrase empty and focused.
 */
void
wm_sign_in_page_reset (WmSignInPage *self)
{
  WmStore *store;
  gboolean locked;

  g_return_if_fail (WM_IS_SIGN_IN_PAGE (self));

  store = wm_context_get_store (self->context);
  locked = wm_context_get_locked (self->context);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  if (locked)
    {
      gtk_label_set_label (self->title_label, _("Locked"));
      gtk_label_set_label (self->subtitle_label,
                           _("Waymark locked and cleared its keys from memory. Enter your passphrase "
                             "to carry on where you were."));
      gtk_editable_set_text (GTK_EDITABLE (self->user_entry), wm_context_get_user_name (self->context));
      gtk_widget_grab_focus (self->passphrase_entry);
    }
  else
    {
      gtk_label_set_label (self->title_label, store != NULL ? wm_store_get_organisation (store) : "");
      gtk_label_set_label (self->subtitle_label, _("Sign in to see your caseload."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->switch_user_button), locked);
  if (self->countdown_seconds == 0)
    show_message (self, NULL);
  update_sensitivity (self);
  wm_context_list_users_async (self->context, self->cancellable, users_listed_cb, g_object_ref (self));
}

/**
 * wm_sign_in_page_set_demo_hint:
 * @hint: (nullable): the demo accounts and their passphrase, or %NULL
 */
void
wm_sign_in_page_set_demo_hint (WmSignInPage *self,
                               const char   *hint)
{
  g_return_if_fail (WM_IS_SIGN_IN_PAGE (self));

  gtk_label_set_label (self->demo_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->demo_label), hint != NULL);
}

static void
wm_sign_in_page_constructed (GObject *object)
{
  WmSignInPage *self = WM_SIGN_IN_PAGE (object);

  G_OBJECT_CLASS (wm_sign_in_page_parent_class)->constructed (object);

  g_assert (WM_IS_CONTEXT (self->context));
}

static void
wm_sign_in_page_dispose (GObject *object)
{
  WmSignInPage *self = WM_SIGN_IN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->countdown_source_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wm_sign_in_page_parent_class)->dispose (object);
}

static void
wm_sign_in_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmSignInPage *self = WM_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sign_in_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WmSignInPage *self = WM_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_sign_in_page_class_init (WmSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_sign_in_page_constructed;
  object_class->dispose = wm_sign_in_page_dispose;
  object_class->get_property = wm_sign_in_page_get_property;
  object_class->set_property = wm_sign_in_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, WM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/waymark/Waymark/wm-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, switch_user_button);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, demo_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignInPage, user_names);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_user_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_activated_cb);
}

static void
wm_sign_in_page_init (WmSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
  wm_secret_buffer_install (GTK_PASSWORD_ENTRY (self->passphrase_entry));

  /* GTK 4.8 leaves the password entry's peek icon, which can be clicked,
   * without a name: a screen reader would read out "GtkImage". */
  for (GtkWidget *child = gtk_widget_get_first_child (self->passphrase_entry); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Show or hide the passphrase"), -1);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
wm_sign_in_page_new (WmContext *context)
{
  g_return_val_if_fail (WM_IS_CONTEXT (context), NULL);

  return g_object_new (WM_TYPE_SIGN_IN_PAGE, "context", context, NULL);
}
