/* roster-course-page-imports.c: bringing many people into the course
 * from a CSV file, through the import wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One wizard window per course page, opened from the bar under the
 * pages, by Ctrl+I or by dropping a file on the page. The window
 * outlives nothing it needs: it may be closed while a job runs, and the
 * "Recent Imports" menu reopens any job of the course later, from the
 * server's list.
 */

#define G_LOG_DOMAIN "roster-course-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-imports.h"
#include "roster-course-page-private.h"
#include "roster-import-window.h"
#include "roster-window.h"

static gboolean
may_import (RosterCoursePage *self)
{
  return self->client != NULL && roster_course_has_capability (self->course, "users.import");
}

static void
toast (RosterCoursePage *self,
       const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (text));
}

/* The report's "Show Participants": the course's list, narrowed to the
 * people of the import, in the main window. */
static void
show_imported_cb (RosterCoursePage *self,
                  GArray           *user_ids)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  adw_view_stack_set_visible_child (self->stack, GTK_WIDGET (self->participants_page));
  roster_participants_page_set_course (self->participants_page, self->client, self->course);
  roster_participants_page_show_only (self->participants_page, user_ids);
  if (GTK_IS_WINDOW (root))
    gtk_window_present (GTK_WINDOW (root));
}

/* New people, enrolments and groups: the pages showing them load again. */
static void
import_finished_cb (RosterCoursePage *self)
{
  roster_participants_page_set_course (self->participants_page, self->client, self->course);
  if (roster_course_has_capability (self->course, "groups.view"))
    roster_groups_page_set_course (self->groups_page, self->client, self->course);
}

static RosterImportWindow *
ensure_window (RosterCoursePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window;

  if (self->import_window != NULL)
    return ROSTER_IMPORT_WINDOW (self->import_window);

  window = GTK_WIDGET (roster_import_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->client,
                                                 self->course));
  /* Of the application too: its shortcuts (Ctrl+Q) work in it. */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (root)));
  self->import_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->import_window);
  g_signal_connect_object (window, "show-participants", G_CALLBACK (show_imported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "import-finished", G_CALLBACK (import_finished_cb), self, G_CONNECT_SWAPPED);
  return ROSTER_IMPORT_WINDOW (window);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (widget);

  if (may_import (self))
    gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
open_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (widget);
  RosterImportWindow *window;

  if (!may_import (self))
    return;
  window = ensure_window (self);
  roster_import_window_show_job (window, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- dropping a file on the page ---- */

static gboolean
drop_accept_cb (GtkDropTarget    *target,
                GdkDrop          *drop,
                RosterCoursePage *self)
{
  return may_import (self) && gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), GDK_TYPE_FILE_LIST);
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         RosterCoursePage *self)
{
  GSList *files;
  RosterImportWindow *window;

  if (!may_import (self) || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  if (files->next != NULL)
    {
      toast (self, _("Drop one file at a time: an import reads one CSV file."));
      g_slist_free (files);
      return FALSE;
    }

  window = ensure_window (self);
  roster_import_window_open_file (window, files->data);
  gtk_window_present (GTK_WINDOW (window));
  g_slist_free (files);
  return TRUE;
}

/* ---- the recent imports menu ---- */

static const char *
state_label (RosterImportReport *job)
{
  switch (roster_import_report_get_state (job))
    {
    case ROSTER_IMPORT_REPORT_QUEUED:
      return C_("import state", "Waiting");
    case ROSTER_IMPORT_REPORT_RUNNING:
      return C_("import state", "Running");
    case ROSTER_IMPORT_REPORT_DONE:
      return C_("import state", "Done");
    case ROSTER_IMPORT_REPORT_FAILED:
      return C_("import state", "Failed");
    case ROSTER_IMPORT_REPORT_CANCELLED:
      return C_("import state", "Cancelled");
    default:
      g_assert_not_reached ();
    }
}

/* "visitors.csv · 24 Nov, 10:02 · Done" */
static char *
job_label (RosterImportReport *job)
{
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (roster_import_report_get_created_at (job));
  /* Translators: when an import was started, see g_date_time_format(). */
  g_autofree char *when = created != NULL ? g_date_time_format (created, _("%-d %b, %H:%M")) : g_strdup ("");
  const char *file_name = roster_import_report_get_file_name (job);
  g_autofree char *name = NULL;

  if (file_name == NULL || *file_name == '\0')
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, roster_import_report_get_id (job));

      /* Translators: a recent import without a file name, by its number. */
      name = g_strdup_printf (_("Import %s"), number);
    }
  /* Translators: a recent import in a menu: file name, time, state. */
  return g_strdup_printf (_("%s · %s · %s"), name != NULL ? name : file_name, when, state_label (job));
}

static void
set_placeholder (RosterCoursePage *self,
                 const char       *text)
{
  g_menu_remove_all (self->imports_menu);
  /* An item without an action is shown insensitive: a note, not a choice. */
  g_menu_append (self->imports_menu, text, NULL);
}

static void
list_imports_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterCoursePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = roster_client_list_imports_finish (ROSTER_CLIENT (source), result, &error);
  guint n;

  if (jobs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_placeholder (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (jobs);
  if (n == 0)
    {
      set_placeholder (self, _("No imports into this course yet"));
      return;
    }

  g_menu_remove_all (self->imports_menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterImportReport) job = g_list_model_get_item (jobs, i);
      g_autofree char *label = job_label (job);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "course.open-import", "x", roster_import_report_get_id (job));
      g_menu_append_item (self->imports_menu, item);
    }
}

/* Asked afresh each time the menu opens: jobs end, others start them. */
static void
imports_popup_cb (GtkMenuButton    *button,
                  RosterCoursePage *self)
{
  if (!may_import (self))
    return;

  g_cancellable_cancel (self->imports_cancellable);
  g_clear_object (&self->imports_cancellable);
  self->imports_cancellable = g_cancellable_new ();
  set_placeholder (self, _("Loading…"));
  roster_client_list_imports_async (self->client, roster_course_get_id (self->course), self->imports_cancellable,
                                    list_imports_cb, g_object_ref (self));
}

void
roster_course_page_imports_reload (RosterCoursePage *self)
{
  gboolean allowed = may_import (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "course.import", allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "course.open-import", allowed);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), allowed);
  gtk_widget_set_visible (GTK_WIDGET (self->imports_button), allowed);
  roster_course_page_update_bar (self);
}

void
roster_course_page_imports_class_init (GtkWidgetClass *widget_class)
{
  /* The wizard, and a job of the course by its id. */
  gtk_widget_class_install_action (widget_class, "course.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "course.open-import", "x", open_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "course.import", NULL);
}

void
roster_course_page_imports_init (RosterCoursePage *self)
{
  GtkDropTarget *target;

  self->imports_menu = g_menu_new ();
  gtk_menu_button_set_create_popup_func (self->imports_button, (GtkMenuButtonCreatePopupFunc) imports_popup_cb,
                                         self, NULL);
  gtk_menu_button_set_menu_model (self->imports_button, G_MENU_MODEL (self->imports_menu));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "accept", G_CALLBACK (drop_accept_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  roster_course_page_imports_reload (self);
}

void
roster_course_page_imports_dispose (RosterCoursePage *self)
{
  g_cancellable_cancel (self->imports_cancellable);
  g_clear_object (&self->imports_cancellable);
  g_clear_object (&self->imports_menu);
  /* The window goes on (a job may run in it); it no longer tells us. */
  if (self->import_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->import_window), (gpointer *) &self->import_window);
  self->import_window = NULL;
}
