/* roster-removal-requests-page.c: people who asked for their account to be removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Granting a request is erasing the account (through the same question
 * as on the users page); declining keeps it, with an optional reason.
 */

#define G_LOG_DOMAIN "roster-removal-requests-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-client-users.h"
#include "roster-removal-requests-page.h"
#include "roster-user-actions.h"
#include "roster-window.h"

/* What the server takes (docs/api.md, POST /removal-requests/{rid}/decline). */
#define MAX_DECLINE_REASON_CHARS 2000

struct _RosterRemovalRequestsPage
{
  GtkWidget          parent_instance;

  RosterClient      *client;
  gint64             me_id;
  /* Loads, cancelled by a new load; actions, only when the page goes. */
  GCancellable      *load_cancellable;
  GCancellable      *cancellable;
  GListStore        *requests;
  GListStore        *loading;       /* the pages so far of the load going on */
  GtkCustomFilter   *filter;

  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *status_dropdown;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkListBox        *list_box;
  AdwStatusPage     *empty_page;
};

G_DEFINE_FINAL_TYPE (RosterRemovalRequestsPage, roster_removal_requests_page, GTK_TYPE_WIDGET)

static void load_page (RosterRemovalRequestsPage *self,
                       const char                *cursor);

static void
show_toast (RosterRemovalRequestsPage *self,
            const char                *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* The drop-down's items, in order: a RosterRemovalStatus, or -1 for all. */
static int
get_status (RosterRemovalRequestsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  switch (selected)
    {
    case 1:
      return ROSTER_REMOVAL_STATUS_DECLINED;
    case 2:
      return ROSTER_REMOVAL_STATUS_ERASED;
    case 3:
      return -1;
    case 0:
    default:
      return ROSTER_REMOVAL_STATUS_PENDING;
    }
}

static char *
dup_name (RosterRemovalRequest *request)
{
  const char *first = roster_removal_request_get_first_name (request);
  const char *last = roster_removal_request_get_last_name (request);

  /* As roster_user_dup_full_name () has it, like everywhere else. */
  if (first != NULL && *first != '\0' && last != NULL && *last != '\0')
    return g_strdup_printf ("%s %s", first, last);
  if (first != NULL && *first != '\0')
    return g_strdup (first);
  if (last != NULL && *last != '\0')
    return g_strdup (last);
  if (roster_removal_request_get_user_state (request) == ROSTER_USER_STATE_ERASED)
    return g_strdup (_("Erased account"));
  return g_strdup (roster_removal_request_get_username (request));
}

static const char *
state_label (RosterUserState state)
{
  switch (state)
    {
    case ROSTER_USER_STATE_PENDING:
      return C_("account state", "Waiting for confirmation");
    case ROSTER_USER_STATE_ACTIVE:
      return C_("account state", "Active");
    case ROSTER_USER_STATE_SUSPENDED:
      return C_("account state", "Suspended");
    case ROSTER_USER_STATE_ERASED:
      return C_("account state", "Erased");
    default:
      return "";
    }
}

static char *
dup_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  if (time == NULL)
    return g_strdup ("");
  /* When a request was made or decided (the same format as a
   * certificate's dates). */
  return g_date_time_format (time, _("%-d %B %Y, %H:%M"));
}

/* ---- the rows ---- */

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static void erase_clicked_cb (GtkButton *button, RosterRemovalRequestsPage *self);
static void decline_clicked_cb (GtkButton *button, RosterRemovalRequestsPage *self);

static GtkWidget *
add_button (GtkBox                    *box,
            const char                *label,
            const char                *name,
            const char                *description,
            RosterRemovalRequest      *request,
            GCallback                  callback,
            RosterRemovalRequestsPage *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  g_object_set_data_full (G_OBJECT (button), "roster-request", g_object_ref (request), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  gtk_box_append (box, button);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RosterRemovalRequestsPage *self = user_data;
  RosterRemovalRequest *request = item;
  RosterRemovalStatus status = roster_removal_request_get_status (request);
  const char *email = roster_removal_request_get_email (request);
  const char *reason = roster_removal_request_get_reason (request);
  g_autofree char *name = dup_name (request);
  g_autofree char *who = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *asked_on = dup_date (roster_removal_request_get_requested_at (request));
  g_autofree char *quoted = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 10);
  gtk_widget_set_margin_bottom (outer, 10);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (outer), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);

  label = add_label (GTK_BOX (text), name, "heading");
  gtk_widget_set_name (label, "name");
  /* TRANSLATORS: a username, an e-mail address and an account's state. */
  who = g_strdup_printf (_("%s · %s · %s"), roster_removal_request_get_username (request),
                         email != NULL && *email != '\0' ? email : _("no e-mail address"),
                         state_label (roster_removal_request_get_user_state (request)));
  add_label (GTK_BOX (text), who, "dim-label");

  /* TRANSLATORS: %s is a date and time. */
  asked = g_strdup_printf (_("Asked on %s"), asked_on);
  add_label (GTK_BOX (text), asked, NULL);
  if (reason != NULL && *reason != '\0')
    {
      /* TRANSLATORS: the reason a person gave, quoted. */
      quoted = g_strdup_printf (_("“%s”"), reason);
      label = add_label (GTK_BOX (text), quoted, NULL);
    }
  else
    {
      label = add_label (GTK_BOX (text), status == ROSTER_REMOVAL_STATUS_ERASED ? _("The reason was erased with the account.")
                                                                               : _("No reason given."),
                         "dim-label");
    }
  gtk_widget_set_name (label, "reason");

  if (status != ROSTER_REMOVAL_STATUS_PENDING)
    {
      g_autofree char *decided_on = dup_date (roster_removal_request_get_decided_at (request));
      const char *why = roster_removal_request_get_decision_reason (request);
      g_autofree char *decision = NULL;

      if (status == ROSTER_REMOVAL_STATUS_ERASED)
        /* TRANSLATORS: %s is a date and time. */
        decision = g_strdup_printf (_("Granted on %s: the account was erased."), decided_on);
      else if (why != NULL && *why != '\0')
        /* TRANSLATORS: the first %s is a date and time, the second the administrator's reason. */
        decision = g_strdup_printf (_("Declined on %s: “%s”"), decided_on, why);
      else
        /* TRANSLATORS: %s is a date and time. */
        decision = g_strdup_printf (_("Declined on %s, without a reason."), decided_on);
      label = add_label (GTK_BOX (text), decision, "accent");
      gtk_widget_set_name (label, "decision");
    }
  else
    {
      g_autofree char *erase_what = NULL;
      g_autofree char *decline_what = NULL;
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      /* TRANSLATORS: an accessible description of a button; %s is a person's name. */
      erase_what = g_strdup_printf (_("Grant %s's request and erase their personal data"), name);
      /* TRANSLATORS: an accessible description of a button; %s is a person's name. */
      decline_what = g_strdup_printf (_("Decline %s's request and keep the account"), name);
      add_button (GTK_BOX (buttons), _("_Decline…"), "decline", decline_what, request,
                  G_CALLBACK (decline_clicked_cb), self);
      /* An administrator's own account is not theirs to erase: the
       * server would refuse, so no button. */
      if (self->me_id <= 0 || roster_removal_request_get_user_id (request) != self->me_id)
        gtk_widget_add_css_class (add_button (GTK_BOX (buttons), _("_Erase…"), "erase", erase_what, request,
                                              G_CALLBACK (erase_clicked_cb), self),
                                  "destructive-action");
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (outer), buttons);
    }

  return row;
}

/* ---- loading ---- */

static void
set_loading (RosterRemovalRequestsPage *self,
             gboolean                   loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
update_stack (RosterRemovalRequestsPage *self)
{
  guint n_shown = 0;
  int status = get_status (self);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_shown++;

  /* Nothing to say before the first answer. */
  if (n_shown > 0 || (self->loading != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->requests)) == 0))
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->requests)) > 0 && *search != '\0')
    {
      adw_status_page_set_title (self->empty_page, _("No request matches the search"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else if (status == ROSTER_REMOVAL_STATUS_PENDING || status < 0)
    {
      adw_status_page_set_title (self->empty_page, _("No one has asked to be removed"));
      adw_status_page_set_description (self->empty_page,
                                       _("Requests people make on their account web page appear here."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, status == ROSTER_REMOVAL_STATUS_DECLINED ? _("No declined requests")
                                                                                           : _("No granted requests"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterRemovalRequestsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autofree char *next_cursor = NULL;
  guint n;

  page = roster_client_list_removal_requests_finish (ROSTER_CLIENT (object), result, &next_cursor, &error);
  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->loading);
      g_clear_object (&self->load_cancellable);
      set_loading (self, FALSE);
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }

  n = g_list_model_get_n_items (page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) request = g_list_model_get_item (page, i);

      g_list_store_append (self->loading, request);
    }

  if (next_cursor != NULL)
    {
      load_page (self, next_cursor);
      return;
    }

  /* All pages there: shown at once, so the list never shows half. */
  {
    guint n_loaded = g_list_model_get_n_items (G_LIST_MODEL (self->loading));
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n_loaded; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->loading), i));
    g_list_store_splice (self->requests, 0, g_list_model_get_n_items (G_LIST_MODEL (self->requests)),
                         items->pdata, items->len);
  }
  g_clear_object (&self->loading);
  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);
  update_stack (self);
}

static void
load_page (RosterRemovalRequestsPage *self,
           const char                *cursor)
{
  roster_client_list_removal_requests_async (self->client, get_status (self), cursor, self->load_cancellable,
                                             list_cb, g_object_ref (self));
}

static void
load (RosterRemovalRequestsPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->loading);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  if (self->client == NULL)
    {
      g_list_store_remove_all (self->requests);
      set_loading (self, FALSE);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->loading = g_list_store_new (ROSTER_TYPE_REMOVAL_REQUEST);
  set_loading (self, TRUE);
  load_page (self, NULL);
}

static void
retry_clicked_cb (RosterRemovalRequestsPage *self)
{
  load (self);
}

static void
status_changed_cb (RosterRemovalRequestsPage *self)
{
  load (self);
}

static gboolean
matches (gpointer item,
         gpointer user_data)
{
  RosterRemovalRequestsPage *self = user_data;
  RosterRemovalRequest *request = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *name = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded_haystack = NULL;
  g_auto(GStrv) words = NULL;

  if (*search == '\0')
    return TRUE;

  name = dup_name (request);
  haystack = g_strjoin (" ", name, roster_removal_request_get_username (request),
                        roster_removal_request_get_email (request) ? roster_removal_request_get_email (request) : "",
                        NULL);
  folded_haystack = g_utf8_casefold (haystack, -1);
  words = g_strsplit (search, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_utf8_casefold (words[i], -1);

      if (*word != '\0' && strstr (folded_haystack, word) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
search_changed_cb (RosterRemovalRequestsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

/* ---- erase ---- */

static void
erase_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterRemovalRequestsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = roster_user_action_run_finish (result, NULL, &error);

  /* Errors were told already; the request may have changed either way. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    load (self);
}

static void
erase_clicked_cb (GtkButton                 *button,
                  RosterRemovalRequestsPage *self)
{
  RosterRemovalRequest *request = g_object_get_data (G_OBJECT (button), "roster-request");
  g_autoptr(RosterUser) user = roster_user_new ();

  if (self->client == NULL)
    return;

  roster_user_set_id (user, roster_removal_request_get_user_id (request));
  roster_user_set_username (user, roster_removal_request_get_username (request));
  roster_user_set_first_name (user, roster_removal_request_get_first_name (request));
  roster_user_set_last_name (user, roster_removal_request_get_last_name (request));
  roster_user_set_email (user, roster_removal_request_get_email (request));
  roster_user_set_state (user, roster_removal_request_get_user_state (request));

  roster_user_action_run_async (GTK_WIDGET (self), self->client, user, ROSTER_USER_ACTION_ERASE, self->cancellable,
                                erase_done_cb, g_object_ref (self));
}

/* ---- decline ---- */

static void
decline_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterRemovalRequestsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterRemovalRequest) request = NULL;
  g_autofree char *text = NULL;

  request = roster_client_decline_removal_request_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (request != NULL)
    {
      g_autofree char *name = dup_name (request);

      /* TRANSLATORS: %s is a person's name. */
      text = g_strdup_printf (_("Declined %s's request: the account stays"), name);
    }
  else
    {
      /* TRANSLATORS: %s says why. */
      text = g_strdup_printf (_("The request was not declined: %s"), error->message);
    }
  show_toast (self, text);
  load (self);
}

static char *
dup_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
reason_changed_cb (GtkTextBuffer    *buffer,
                   AdwMessageDialog *dialog)
{
  GtkLabel *count = g_object_get_data (G_OBJECT (dialog), "roster-count");
  g_autofree char *reason = dup_buffer_text (buffer);
  glong n_chars = g_utf8_strlen (reason, -1);

  if (n_chars > MAX_DECLINE_REASON_CHARS)
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: how far a reason is over its limit of 2000 characters. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character too many", "%ld characters too many",
                                           n_chars - MAX_DECLINE_REASON_CHARS),
                              n_chars - MAX_DECLINE_REASON_CHARS);
      gtk_label_set_text (count, text);
      gtk_widget_add_css_class (GTK_WIDGET (count), "error");
    }
  else
    {
      gtk_label_set_text (count, _("Optional, up to 2000 characters."));
      gtk_widget_remove_css_class (GTK_WIDGET (count), "error");
    }
  adw_message_dialog_set_response_enabled (dialog, "decline", n_chars <= MAX_DECLINE_REASON_CHARS);
}

static void
decline_response_cb (AdwMessageDialog          *dialog,
                     const char                *response,
                     RosterRemovalRequestsPage *self)
{
  RosterRemovalRequest *request = g_object_get_data (G_OBJECT (dialog), "roster-request");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "roster-reason");
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "decline") != 0 || self->client == NULL)
    return;

  reason = dup_buffer_text (buffer);
  roster_client_decline_removal_request_async (self->client, roster_removal_request_get_id (request), reason,
                                               self->cancellable, decline_cb, g_object_ref (self));
}

static void
decline_clicked_cb (GtkButton                 *button,
                    RosterRemovalRequestsPage *self)
{
  RosterRemovalRequest *request = g_object_get_data (G_OBJECT (button), "roster-request");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = dup_name (request);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *box, *label, *scrolled, *text_view, *count;
  GtkTextBuffer *buffer;

  /* TRANSLATORS: %s is a person's name. */
  heading = g_strdup_printf (_("Decline %s's Request?"), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The account stays as it is. Roster does not tell them: the reason is kept "
                                     "with the request, so tell them yourself."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Reason"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  text_view = gtk_text_view_new ();
  gtk_widget_set_name (text_view, "decline-reason");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), text_view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for declining"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_widget_add_css_class (scrolled, "card");
  count = gtk_label_new (_("Optional, up to 2000 characters."));
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "caption");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text_view), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, count, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), count);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "decline", _("_Decline Request"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "decline", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "decline");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  g_object_set_data_full (G_OBJECT (dialog), "roster-request", g_object_ref (request), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "roster-reason", g_object_ref (buffer), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "roster-count", count);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decline_response_cb), self, 0);
  gtk_window_set_focus (GTK_WINDOW (dialog), text_view);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the widget ---- */

static void
roster_removal_requests_page_dispose (GObject *object)
{
  RosterRemovalRequestsPage *self = ROSTER_REMOVAL_REQUESTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->loading);

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_REMOVAL_REQUESTS_PAGE);
  /* The template's box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (roster_removal_requests_page_parent_class)->dispose (object);
}

static void
roster_removal_requests_page_finalize (GObject *object)
{
  RosterRemovalRequestsPage *self = ROSTER_REMOVAL_REQUESTS_PAGE (object);

  g_clear_object (&self->requests);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (roster_removal_requests_page_parent_class)->finalize (object);
}

static void
roster_removal_requests_page_class_init (RosterRemovalRequestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_removal_requests_page_dispose;
  object_class->finalize = roster_removal_requests_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterdesk/Roster/ui/roster-removal-requests-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, RosterRemovalRequestsPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_removal_requests_page_init (RosterRemovalRequestsPage *self)
{
  GtkFilterListModel *filtered;

  self->requests = g_list_store_new (ROSTER_TYPE_REMOVAL_REQUEST);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (matches, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->requests)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (filtered), create_row, self, NULL);
  g_object_unref (filtered);
  update_stack (self);
}

GtkWidget *
roster_removal_requests_page_new (void)
{
  return g_object_new (ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, NULL);
}

void
roster_removal_requests_page_set_client (RosterRemovalRequestsPage *self,
                                         RosterClient              *client,
                                         gint64                     me_id)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_REQUESTS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  /* Actions for the previous server go with it. */
  if (self->client != client)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  g_set_object (&self->client, client);
  self->me_id = me_id;
  if (client == NULL)
    g_list_store_remove_all (self->requests);
  load (self);
  update_stack (self);
}

void
roster_removal_requests_page_reload (RosterRemovalRequestsPage *self)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_REQUESTS_PAGE (self));

  load (self);
}

void
roster_removal_requests_page_focus_search (RosterRemovalRequestsPage *self)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_REQUESTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
