/* roster-assignments-page.c: a course's assignments, their group modes and submissions
 *
 * What a viewer sees of the submissions is the server's decision: the
 * page shows its answer, for the signed-in user or, with "Preview As…",
 * for someone else (an external moderator, say) under a banner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-assignments-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-assignments-page.h"
#include "roster-client-assignments.h"
#include "roster-group.h"
#include "roster-groups-parts.h"
#include "roster-participant.h"
#include "roster-submission.h"
#include "roster-window.h"

#define MAX_PEOPLE 100

struct _RosterAssignmentsPage
{
  GtkWidget       parent_instance;

  RosterClient   *client;
  RosterCourse   *course;
  GCancellable   *cancellable;
  GCancellable   *submissions_cancellable;
  GCancellable   *changes_cancellable;
  GCancellable   *search_cancellable;

  GListStore     *assignments;
  GListStore     *submissions;
  GListStore     *people;
  gint64          selected_id;
  /* The group= filter (0: the viewer's default view) and the person
   * previewed (0: the signed-in user). */
  gint64          group_id;
  gint64          as_user;
  /* The ids behind the group drop-down's items, after "Default view". */
  GArray         *group_ids;
  gboolean        restoring;

  GtkRevealer    *preview_revealer;
  GtkLabel       *preview_label;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkListBox     *assignments_list;
  GtkWidget      *submissions_box;
  GtkLabel       *count_label;
  GtkDropDown    *group_dropdown;
  GtkWidget      *preview_button;
  GtkPopover     *preview_popover;
  GtkSearchEntry *person_search_entry;
  GtkListBox     *people_list;
  GtkListBox     *submissions_list;
};

G_DEFINE_FINAL_TYPE (RosterAssignmentsPage, roster_assignments_page, GTK_TYPE_WIDGET)

static const char *mode_labels[] = { N_("No groups"), N_("Separate groups"), N_("Visible groups"), NULL };

static void load_submissions (RosterAssignmentsPage *self);

static gboolean
has (RosterAssignmentsPage *self,
     const char            *capability)
{
  return self->course != NULL && roster_course_has_capability (self->course, capability);
}

static void
toast (RosterAssignmentsPage *self,
       const char            *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
}

static void
show_error (RosterAssignmentsPage *self,
            const GError          *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* ---- rows ---- */

static void mode_selected_cb (GtkDropDown           *dropdown,
                              GParamSpec            *pspec,
                              RosterAssignmentsPage *self);

static GtkWidget *
assignment_row_new (gpointer item,
                    gpointer user_data)
{
  RosterAssignmentsPage *self = user_data;
  RosterAssignment *assignment = item;
  gint64 n = roster_assignment_get_submission_count (assignment);
  RosterGroupMode effective = roster_assignment_get_effective_group_mode (assignment);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (roster_assignment_get_name (assignment));
  g_autofree char *details = NULL;
  GtkWidget *secondary;

  if (roster_assignment_get_forced (assignment))
    /* TRANSLATORS: an assignment's submissions, then the course's group mode that applies to it. */
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u submission · %s (forced by the course)",
                                            "%u submissions · %s (forced by the course)", (gulong) n),
                               (guint) n, _(mode_labels[effective]));
  else
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u submission", "%u submissions", (gulong) n),
                               (guint) n);
  secondary = gtk_label_new (details);
  gtk_widget_add_css_class (secondary, "dim-label");
  gtk_widget_add_css_class (secondary, "caption");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (secondary), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), secondary);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  /* The assignment's own mode may change only while the course does not
   * force its own (the server refuses it then). */
  if (has (self, "assignments.manage") && !roster_assignment_get_forced (assignment))
    {
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (mode_labels);
      g_autofree char *label = NULL;

      /* The strings of gtk_drop_down_new_from_strings () are not translated. */
      for (guint i = 0; mode_labels[i] != NULL; i++)
        gtk_string_list_splice (GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))), i, 1,
                                (const char *[]) { _(mode_labels[i]), NULL });
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), roster_assignment_get_group_mode (assignment));
      /* TRANSLATORS: the accessible name of a drop-down; %s is an assignment. */
      label = g_strdup_printf (_("Group mode of %s"), roster_assignment_get_name (assignment));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (dropdown, _("Group mode"));
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (dropdown), "assignment", g_object_ref (assignment), g_object_unref);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (mode_selected_cb), self, 0);
      gtk_box_append (GTK_BOX (box), dropdown);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static GtkWidget *
submission_row_new (gpointer item,
                    gpointer user_data)
{
  RosterSubmission *submission = item;
  RosterUser *student = roster_submission_get_student (submission);
  GPtrArray *groups = roster_submission_get_groups (submission);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *name = roster_user_dup_full_name (student);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *secondary;

  switch (roster_submission_get_status (submission))
    {
    case ROSTER_SUBMISSION_DRAFT:
      g_string_append (details, _("Draft"));
      break;
    case ROSTER_SUBMISSION_SUBMITTED:
      g_string_append (details, _("Submitted"));
      break;
    case ROSTER_SUBMISSION_GRADED:
    default:
      g_string_append (details, _("Graded"));
      break;
    }
  for (guint i = 0; i < groups->len; i++)
    g_string_append_printf (details, " · %s", roster_group_get_name (groups->pdata[i]));

  secondary = gtk_label_new (details->str);
  gtk_widget_add_css_class (secondary, "dim-label");
  gtk_widget_add_css_class (secondary, "caption");
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_xalign (GTK_LABEL (secondary), 0);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), secondary);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

static GtkWidget *
person_row_new (gpointer item,
                gpointer user_data)
{
  return roster_participant_result_row_new (item);
}

/* ---- submissions ---- */

/* The group drop-down offers what the answer says the viewer may
 * choose, keeping the choice made. */
static void
show_groups (RosterAssignmentsPage *self,
             GListModel            *groups)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->group_ids, 0);
  gtk_string_list_append (names, _("Default view"));
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (groups, i);
      gint64 id = roster_group_get_id (group);

      gtk_string_list_append (names, roster_group_get_name (group));
      g_array_append_val (self->group_ids, id);
      if (id == self->group_id)
        selected = i + 1;
    }

  self->restoring = TRUE;
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->group_dropdown, selected);
  self->restoring = FALSE;
}

static void
submissions_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RosterSubmissionSet) set = NULL;
  g_autoptr(GError) error = NULL;
  RosterAssignmentsPage *self;
  GListModel *submissions;
  g_autofree char *count = NULL;
  guint n;

  set = roster_client_list_submissions_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_ASSIGNMENTS_PAGE (user_data);
  if (set == NULL)
    {
      /* A refused preview (a student, say) ends the preview, in words. */
      toast (self, error->message);
      if (self->as_user != 0)
        {
          self->as_user = 0;
          self->group_id = 0;
          load_submissions (self);
        }
      else
        show_error (self, error);
      return;
    }

  if (roster_submission_set_get_preview (set))
    {
      const char *role = roster_role_get_label (roster_submission_set_get_viewer_role (set));
      g_autofree char *text = NULL;

      /* TRANSLATORS: the banner over a preview; a person's name and their role. */
      text = g_strdup_printf (_("Previewing as %s (%s): only what they may see"),
                              roster_submission_set_get_viewer_name (set), role != NULL ? role : "");
      gtk_label_set_text (self->preview_label, text);
    }
  gtk_revealer_set_reveal_child (self->preview_revealer, roster_submission_set_get_preview (set));

  show_groups (self, roster_submission_set_get_groups (set));
  submissions = roster_submission_set_get_submissions (set);
  n = g_list_model_get_n_items (submissions);
  g_list_store_remove_all (self->submissions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) submission = g_list_model_get_item (submissions, i);

      g_list_store_append (self->submissions, submission);
    }
  /* TRANSLATORS: how many submissions the viewer may see. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u submission", "%u submissions", n), n);
  gtk_label_set_text (self->count_label, count);
}

static void
load_submissions (RosterAssignmentsPage *self)
{
  g_cancellable_cancel (self->submissions_cancellable);
  g_clear_object (&self->submissions_cancellable);
  g_list_store_remove_all (self->submissions);
  gtk_label_set_text (self->count_label, "");
  gtk_widget_set_visible (self->submissions_box, has (self, "submissions.view") && self->selected_id != 0);
  gtk_widget_set_visible (self->preview_button, has (self, "submissions.preview_as"));
  if (self->client == NULL || self->selected_id == 0 || !has (self, "submissions.view"))
    return;

  self->submissions_cancellable = g_cancellable_new ();
  roster_client_list_submissions_async (self->client, self->selected_id, self->group_id, self->as_user,
                                        self->submissions_cancellable, submissions_loaded_cb, self);
}

static void
group_changed_cb (RosterAssignmentsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);

  if (self->restoring)
    return;
  self->group_id = selected > 0 && selected <= self->group_ids->len
    ? g_array_index (self->group_ids, gint64, selected - 1) : 0;
  load_submissions (self);
}

static void
stop_preview_clicked_cb (RosterAssignmentsPage *self)
{
  self->as_user = 0;
  self->group_id = 0;
  gtk_revealer_set_reveal_child (self->preview_revealer, FALSE);
  load_submissions (self);
}

/* ---- assignments ---- */

static void
assignments_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GListModel) assignments = NULL;
  g_autoptr(GError) error = NULL;
  RosterAssignmentsPage *self;
  GtkListBoxRow *row = NULL;

  assignments = roster_client_list_assignments_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_ASSIGNMENTS_PAGE (user_data);
  if (assignments == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The rows are made anew; the selection comes back to the same one. */
  self->restoring = TRUE;
  g_list_store_remove_all (self->assignments);
  for (guint i = 0; i < g_list_model_get_n_items (assignments); i++)
    {
      g_autoptr(RosterAssignment) assignment = g_list_model_get_item (assignments, i);

      g_list_store_append (self->assignments, assignment);
      if (roster_assignment_get_id (assignment) == self->selected_id)
        row = gtk_list_box_get_row_at_index (self->assignments_list, (int) i);
    }
  self->restoring = FALSE;

  if (row == NULL)
    {
      self->selected_id = 0;
      row = gtk_list_box_get_row_at_index (self->assignments_list, 0);
    }
  if (row != NULL)
    gtk_list_box_select_row (self->assignments_list, row);
  else
    load_submissions (self);
}

static void
load_assignments (RosterAssignmentsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->client == NULL || self->course == NULL || !has (self, "assignments.view"))
    return;

  self->cancellable = g_cancellable_new ();
  roster_client_list_assignments_async (self->client, roster_course_get_id (self->course), self->cancellable,
                                        assignments_loaded_cb, self);
}

static void
retry_clicked_cb (RosterAssignmentsPage *self)
{
  load_assignments (self);
  load_submissions (self);
}

static void
assignment_selected_cb (RosterAssignmentsPage *self,
                        GtkListBoxRow         *row)
{
  g_autoptr(RosterAssignment) assignment = NULL;

  if (self->restoring)
    return;
  if (row != NULL)
    assignment = g_list_model_get_item (G_LIST_MODEL (self->assignments), gtk_list_box_row_get_index (row));
  self->selected_id = assignment != NULL ? roster_assignment_get_id (assignment) : 0;
  self->group_id = 0;
  load_submissions (self);
}

static void
mode_set_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterAssignment) assignment = NULL;
  g_autoptr(GError) error = NULL;
  RosterAssignmentsPage *self;
  g_autofree char *title = NULL;

  assignment = roster_client_set_assignment_group_mode_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_ASSIGNMENTS_PAGE (user_data);
  if (assignment == NULL)
    toast (self, error->message);
  else
    {
      /* TRANSLATORS: an assignment, then its new group mode. */
      title = g_strdup_printf (_("%s: %s"), roster_assignment_get_name (assignment),
                               _(mode_labels[roster_assignment_get_group_mode (assignment)]));
      toast (self, title);
    }
  /* Counts and what is seen follow the mode; a refusal puts it back. */
  load_assignments (self);
}

static void
mode_selected_cb (GtkDropDown           *dropdown,
                  GParamSpec            *pspec,
                  RosterAssignmentsPage *self)
{
  RosterAssignment *assignment = g_object_get_data (G_OBJECT (dropdown), "assignment");
  guint mode = gtk_drop_down_get_selected (dropdown);

  if (self->restoring || self->client == NULL || mode == GTK_INVALID_LIST_POSITION ||
      mode == (guint) roster_assignment_get_group_mode (assignment))
    return;
  roster_client_set_assignment_group_mode_async (self->client, roster_assignment_get_id (assignment), mode,
                                                 self->changes_cancellable, mode_set_cb, self);
}

/* ---- preview as ---- */

static void
people_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!roster_client_search_participants_finish (ROSTER_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (ROSTER_ASSIGNMENTS_PAGE (user_data), error->message);
}

static void
person_search_changed_cb (RosterAssignmentsPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_list_store_remove_all (self->people);
  if (self->client == NULL || self->course == NULL)
    return;

  self->search_cancellable = g_cancellable_new ();
  roster_client_search_participants_async (self->client, roster_course_get_id (self->course),
                                           gtk_editable_get_text (GTK_EDITABLE (self->person_search_entry)),
                                           self->people, MAX_PEOPLE, self->search_cancellable,
                                           people_done_cb, self);
}

static void
preview_shown_cb (RosterAssignmentsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->person_search_entry), "");
  person_search_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->person_search_entry));
}

static void
person_activated_cb (RosterAssignmentsPage *self,
                     GtkListBoxRow         *row)
{
  g_autoptr(RosterParticipant) person = NULL;

  person = g_list_model_get_item (G_LIST_MODEL (self->people), gtk_list_box_row_get_index (row));
  if (person == NULL)
    return;
  gtk_popover_popdown (self->preview_popover);
  self->as_user = roster_participant_get_user_id (person);
  self->group_id = 0;
  load_submissions (self);
}

static void
person_search_activate_cb (RosterAssignmentsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->people_list, 0);

  if (row != NULL)
    person_activated_cb (self, row);
}

/* ---- the widget ---- */

static void
roster_assignments_page_dispose (GObject *object)
{
  RosterAssignmentsPage *self = ROSTER_ASSIGNMENTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->submissions_cancellable);
  g_cancellable_cancel (self->changes_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->submissions_cancellable);
  g_clear_object (&self->changes_cancellable);
  g_clear_object (&self->search_cancellable);

  /* The lists emit row-selected while their rows go: not the user's doing. */
  self->restoring = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_ASSIGNMENTS_PAGE);
  /* The template's top-level children that have no id of their own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->assignments);
  g_clear_object (&self->submissions);
  g_clear_object (&self->people);
  g_clear_pointer (&self->group_ids, g_array_unref);

  G_OBJECT_CLASS (roster_assignments_page_parent_class)->dispose (object);
}

static void
roster_assignments_page_class_init (RosterAssignmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_assignments_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-assignments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, preview_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, preview_label);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, assignments_list);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, submissions_box);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, preview_button);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, preview_popover);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, person_search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, RosterAssignmentsPage, submissions_list);
  gtk_widget_class_bind_template_callback (widget_class, stop_preview_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, assignment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preview_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-assignments-page");
}

static void
roster_assignments_page_init (RosterAssignmentsPage *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->changes_cancellable = g_cancellable_new ();
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assignments = g_list_store_new (ROSTER_TYPE_ASSIGNMENT);
  self->submissions = g_list_store_new (ROSTER_TYPE_SUBMISSION);
  self->people = g_list_store_new (ROSTER_TYPE_PARTICIPANT);
  gtk_list_box_bind_model (self->assignments_list, G_LIST_MODEL (self->assignments), assignment_row_new, self, NULL);
  gtk_list_box_bind_model (self->submissions_list, G_LIST_MODEL (self->submissions), submission_row_new, self, NULL);
  gtk_list_box_bind_model (self->people_list, G_LIST_MODEL (self->people), person_row_new, self, NULL);
  gtk_list_box_set_placeholder (self->assignments_list, roster_placeholder_new (_("No assignments")));
  gtk_list_box_set_placeholder (self->submissions_list, roster_placeholder_new (_("No submissions to show")));
  gtk_widget_set_visible (self->submissions_box, FALSE);
}

void
roster_assignments_page_set_course (RosterAssignmentsPage *self,
                                    RosterClient          *client,
                                    RosterCourse          *course)
{
  g_return_if_fail (ROSTER_IS_ASSIGNMENTS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));
  g_return_if_fail (course == NULL || ROSTER_IS_COURSE (course));

  g_set_object (&self->client, client);
  g_set_object (&self->course, course);
  self->as_user = 0;
  self->group_id = 0;
  gtk_revealer_set_reveal_child (self->preview_revealer, FALSE);
  load_assignments (self);
}

gboolean
roster_assignments_page_get_failed (RosterAssignmentsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_ASSIGNMENTS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->error_revealer);
}
