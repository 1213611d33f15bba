/* roster-user-pane.c: one person's account, enrolments and recent
 * events, with what an administrator may do to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-user-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-entry.h"
#include "roster-client-users.h"
#include "roster-user-actions.h"
#include "roster-user-course.h"
#include "roster-audit-format.h"
#include "roster-user-events.h"
#include "roster-user-pane.h"

#define N_ACTIONS (ROSTER_USER_ACTION_ERASE + 1)

struct _RosterUserPane
{
  GtkWidget          parent_instance;

  RosterClient      *client;
  gint64             me_id;
  RosterUser        *user;
  RosterUserProfile *profile;
  GCancellable      *load_cancellable;
  GCancellable      *action_cancellable;
  /* The account an action runs on, 0 when none runs. */
  gint64             running_id;

  GtkStack          *stack;
  GtkLabel          *name_label;
  GtkLabel          *badge_label;
  GtkSpinner        *spinner;
  GtkWidget         *button_box;
  GtkWidget         *state_buttons;
  GtkWidget         *manage_buttons;
  GtkButton         *activate_button;
  GtkButton         *reactivate_button;
  GtkButton         *unlock_button;
  GtkButton         *password_button;
  GtkButton         *suspend_button;
  GtkButton         *erase_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkLabel          *username_label;
  GtkLabel          *email_label;
  GtkLabel          *type_label;
  GtkLabel          *state_label;
  GtkLabel          *admin_label;
  GtkLabel          *created_label;
  GtkLabel          *access_label;
  GtkWidget         *failed_row;
  GtkLabel          *failed_label;
  GtkWidget         *locked_row;
  GtkLabel          *locked_label;
  GtkListBox        *enrolments_list;
  GtkListBox        *events_list;
  GtkButton         *audit_button;
};

G_DEFINE_FINAL_TYPE (RosterUserPane, roster_user_pane, GTK_TYPE_WIDGET)

enum {
  SHOW_AUDIT,
  USER_CHANGED,
  USER_ERASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkButton *
action_button (RosterUserPane   *self,
               RosterUserAction  action)
{
  switch (action)
    {
    case ROSTER_USER_ACTION_ACTIVATE:
      return self->activate_button;
    case ROSTER_USER_ACTION_REACTIVATE:
      return self->reactivate_button;
    case ROSTER_USER_ACTION_SUSPEND:
      return self->suspend_button;
    case ROSTER_USER_ACTION_UNLOCK:
      return self->unlock_button;
    case ROSTER_USER_ACTION_SET_PASSWORD:
      return self->password_button;
    case ROSTER_USER_ACTION_ERASE:
      return self->erase_button;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
set_busy (RosterUserPane *self)
{
  gboolean busy = self->load_cancellable != NULL || self->running_id != 0;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* One action at a time. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.run", self->running_id == 0);
}

/* Whether any of @row's buttons shows. */
static gboolean
row_shown (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

static void
show_buttons (RosterUserPane *self)
{
  for (RosterUserAction action = 0; action < N_ACTIONS; action++)
    gtk_widget_set_visible (GTK_WIDGET (action_button (self, action)),
                            roster_user_action_applies (action, self->user, self->me_id));

  gtk_widget_set_visible (self->state_buttons, row_shown (self->state_buttons));
  gtk_widget_set_visible (self->manage_buttons, row_shown (self->manage_buttons));
  gtk_widget_set_visible (self->button_box, row_shown (self->state_buttons) || row_shown (self->manage_buttons));
}

/* The account's own values, as the list or the profile has them. */
static void
show_account (RosterUserPane *self)
{
  RosterUser *user = self->user;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 locked_until = roster_user_get_locked_until (user);
  g_autofree char *name = roster_user_dup_full_name (user);
  g_autofree char *created = roster_user_events_format_time (roster_user_get_created_at (user), _("Unknown"));
  g_autofree char *access = roster_user_events_format_time (roster_user_get_last_access (user), _("Never"));
  g_autofree char *locked = roster_user_events_format_time (locked_until, "");
  const char *state = roster_user_events_format_state (user, now);

  gtk_label_set_text (self->name_label, name != NULL && *name != '\0' ? name : roster_user_get_username (user));
  gtk_label_set_text (self->badge_label, state);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const classes[] = { "success", "warning", "error", "dim-label" };

      gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), roster_user_events_state_class (user, now));

  gtk_label_set_text (self->username_label, roster_user_get_username (user));
  gtk_label_set_text (self->email_label, roster_user_get_email (user));
  gtk_label_set_text (self->type_label, roster_user_events_format_type (roster_user_get_user_type (user)));
  gtk_label_set_text (self->state_label, state);
  gtk_label_set_text (self->admin_label, roster_user_get_is_site_admin (user) ? _("Yes") : _("No"));
  gtk_label_set_text (self->created_label, created);
  gtk_label_set_text (self->access_label, access);
  gtk_label_set_text (self->locked_label, locked);
  gtk_widget_set_visible (self->locked_row, locked_until > now);

  show_buttons (self);
}

static GtkWidget *
create_enrolment_row (gpointer item,
                      gpointer user_data)
{
  RosterUserCourse *course = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *enrolled = NULL;
  g_autofree char *subtitle = NULL;
  const char *role = roster_role_get_label (roster_user_course_get_role (course));
  const char *status = roster_user_course_get_status (course) == ROSTER_ENROLMENT_ACTIVE
                       ? C_("enrolment status", "Active") : C_("enrolment status", "Suspended");

  /* TRANSLATORS: a course's short and full name, "CS205 Databases". */
  title = g_strdup_printf (_("%s %s"), roster_user_course_get_short_name (course),
                           roster_user_course_get_full_name (course));
  enrolled = roster_user_events_format_date (roster_user_course_get_enrolled_at (course), _("Unknown"));
  /* TRANSLATORS: an enrolment: the role, its status and when it began. */
  subtitle = g_strdup_printf (_("%s · %s · enrolled %s"), role != NULL ? role : _("No role"), status, enrolled);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The course's short name, when the person's enrolments tell it. */
static const char *
course_short_name (RosterUserPane *self,
                   gint64          course_id)
{
  GListModel *enrolments = roster_user_profile_get_enrolments (self->profile);

  for (guint i = 0; course_id != 0 && i < g_list_model_get_n_items (enrolments); i++)
    {
      g_autoptr(RosterUserCourse) course = g_list_model_get_item (enrolments, i);

      if (roster_user_course_get_course_id (course) == course_id)
        return roster_user_course_get_short_name (course);
    }
  return NULL;
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  RosterUserPane *self = user_data;
  RosterAuditEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = roster_user_events_format_time (roster_audit_entry_get_at (entry), "");
  const char *course = course_short_name (self, roster_audit_entry_get_course_id (entry));
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: when an event happened, and in which course. */
  subtitle = course != NULL ? g_strdup_printf (_("%s · %s"), when, course) : g_strdup (when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 roster_audit_action_to_words (roster_audit_entry_get_action (entry)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

static void
show_profile (RosterUserPane *self)
{
  GListModel *enrolments = self->profile != NULL ? roster_user_profile_get_enrolments (self->profile) : NULL;
  GListModel *events = self->profile != NULL ? roster_user_profile_get_recent_events (self->profile) : NULL;
  g_autofree char *failed = NULL;

  gtk_widget_set_visible (self->failed_row, self->profile != NULL);
  if (self->profile != NULL)
    {
      failed = g_strdup_printf ("%u", roster_user_profile_get_failed_logins (self->profile));
      gtk_label_set_text (self->failed_label, failed);
    }

  gtk_list_box_bind_model (self->enrolments_list, enrolments, create_enrolment_row, NULL, NULL);
  gtk_list_box_bind_model (self->events_list, events, create_event_row, self, NULL);
  gtk_list_box_set_placeholder (self->enrolments_list,
                                self->profile != NULL ? placeholder (_("No enrolments")) : NULL);
  gtk_list_box_set_placeholder (self->events_list,
                                self->profile != NULL ? placeholder (_("No recent events")) : NULL);
}

static void
get_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterUserPane) self = user_data;
  g_autoptr(RosterUserProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = roster_client_get_user_finish (ROSTER_CLIENT (object), result, &error);
  /* Cancelled: another person took over, or the pane is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  set_busy (self);
  if (profile == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }

  g_set_object (&self->profile, profile);
  g_set_object (&self->user, roster_user_profile_get_user (profile));
  show_account (self);
  show_profile (self);
}

static void
load (RosterUserPane *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  if (self->client != NULL && self->user != NULL)
    {
      self->load_cancellable = g_cancellable_new ();
      roster_client_get_user_async (self->client, roster_user_get_id (self->user), self->load_cancellable,
                                    get_user_cb, g_object_ref (self));
    }
  set_busy (self);
}

static void
retry_clicked_cb (RosterUserPane *self)
{
  load (self);
}

static void
audit_clicked_cb (RosterUserPane *self)
{
  g_autofree char *name = NULL;

  if (self->user == NULL)
    return;

  name = roster_user_dup_full_name (self->user);
  g_signal_emit (self, signals[SHOW_AUDIT], 0, roster_user_get_id (self->user),
                 name != NULL && *name != '\0' ? name : roster_user_get_username (self->user));
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(RosterUserPane) self = user_data;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean erased = FALSE;
  gint64 id = self->running_id;

  user = roster_user_action_run_finish (result, &erased, &error);
  /* Gone with the pane: nothing to show it in. */
  if (self->action_cancellable == NULL || g_cancellable_is_cancelled (self->action_cancellable))
    return;

  g_clear_object (&self->action_cancellable);
  self->running_id = 0;
  set_busy (self);

  /* Refused, or the administrator said no: the action said why. */
  if (user == NULL && !erased)
    return;

  if (erased)
    {
      g_signal_emit (self, signals[USER_ERASED], 0, id);
      return;
    }

  g_signal_emit (self, signals[USER_CHANGED], 0, user);
  /* Another person may be shown by now. */
  if (self->user != NULL && roster_user_get_id (self->user) == roster_user_get_id (user))
    {
      g_set_object (&self->user, user);
      show_account (self);
      load (self);
    }
}

static void
run_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterUserPane *self = ROSTER_USER_PANE (widget);
  RosterUserAction action = g_variant_get_int32 (parameter);

  if (self->user == NULL || self->client == NULL || self->running_id != 0 || action < 0 || action >= N_ACTIONS ||
      !roster_user_action_applies (action, self->user, self->me_id))
    return;

  self->running_id = roster_user_get_id (self->user);
  self->action_cancellable = g_cancellable_new ();
  set_busy (self);
  roster_user_action_run_async (widget, self->client, self->user, action, self->action_cancellable,
                                run_cb, g_object_ref (self));
}

static void
roster_user_pane_dispose (GObject *object)
{
  RosterUserPane *self = ROSTER_USER_PANE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_USER_PANE);

  g_clear_object (&self->profile);
  g_clear_object (&self->user);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_user_pane_parent_class)->dispose (object);
}

static void
roster_user_pane_class_init (RosterUserPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_user_pane_dispose;

  signals[SHOW_AUDIT] = g_signal_new ("show-audit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[USER_CHANGED] = g_signal_new ("user-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_USER);
  signals[USER_ERASED] = g_signal_new ("user-erased", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-user-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, badge_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, button_box);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, state_buttons);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, manage_buttons);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, activate_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, reactivate_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, password_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, suspend_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, erase_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, username_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, email_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, type_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, state_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, admin_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, created_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, access_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, failed_row);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, failed_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, locked_row);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, locked_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, enrolments_list);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, events_list);
  gtk_widget_class_bind_template_child (widget_class, RosterUserPane, audit_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, audit_clicked_cb);

  gtk_widget_class_install_action (widget_class, "pane.run", "i", run_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-user-pane");
}

static void
roster_user_pane_init (RosterUserPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
roster_user_pane_new (void)
{
  return g_object_new (ROSTER_TYPE_USER_PANE, NULL);
}

/**
 * roster_user_pane_set_client:
 * @self: a #RosterUserPane
 * @client: (nullable): a signed-in #RosterClient
 * @me_id: the signed-in person's id, or 0
 *
 * Shows nobody until roster_user_pane_set_user () is called.
 */
void
roster_user_pane_set_client (RosterUserPane *self,
                             RosterClient   *client,
                             gint64          me_id)
{
  g_return_if_fail (ROSTER_IS_USER_PANE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
  self->me_id = me_id;
  roster_user_pane_set_user (self, NULL);
}

void
roster_user_pane_set_user (RosterUserPane *self,
                           RosterUser     *user)
{
  g_return_if_fail (ROSTER_IS_USER_PANE (self));
  g_return_if_fail (user == NULL || ROSTER_IS_USER (user));

  g_set_object (&self->user, user);
  g_clear_object (&self->profile);
  show_profile (self);

  gtk_stack_set_visible_child_name (self->stack, user != NULL ? "person" : "empty");
  if (user != NULL)
    show_account (self);
  load (self);
}

/**
 * roster_user_pane_get_user:
 *
 * Returns: (transfer none) (nullable): the person shown
 */
RosterUser *
roster_user_pane_get_user (RosterUserPane *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PANE (self), NULL);

  return self->user;
}

gboolean
roster_user_pane_get_loading (RosterUserPane *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PANE (self), FALSE);

  return self->load_cancellable != NULL;
}

gboolean
roster_user_pane_get_running (RosterUserPane *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PANE (self), FALSE);

  return self->running_id != 0;
}

/**
 * roster_user_pane_focus:
 * @self: a #RosterUserPane
 *
 * Puts the keyboard focus on the first of the pane's buttons.
 */
void
roster_user_pane_focus (RosterUserPane *self)
{
  g_return_if_fail (ROSTER_IS_USER_PANE (self));

  for (RosterUserAction action = 0; action < N_ACTIONS; action++)
    {
      GtkWidget *button = GTK_WIDGET (action_button (self, action));

      if (gtk_widget_get_visible (button) && gtk_widget_grab_focus (button))
        return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->audit_button));
}
