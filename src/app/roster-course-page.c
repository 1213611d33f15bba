/* roster-course-page.c: one course, its pages in a view stack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-course-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-assignments-page.h"
#include "roster-course-page-private.h"
#include "roster-groups-page.h"
#include "roster-keys-window.h"
#include "roster-window.h"

G_DEFINE_FINAL_TYPE (RosterCoursePage, roster_course_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_COURSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether the signed-in user may see the participants. A course made
 * by hand (in tests) carries no capabilities at all, not even
 * course.view: it shows them as it always did. */
static gboolean
may_view_participants (RosterCourse *course)
{
  return !roster_course_has_capability (course, "course.view") ||
         roster_course_has_capability (course, "participants.view");
}

/* AdwViewStack 1.2 keeps showing a page that was hidden: show the first
 * page the user may use instead. */
static void
show_visible_page (RosterCoursePage *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  GtkWidget *shown = adw_view_stack_get_visible_child (self->stack);

  if (shown != NULL && adw_view_stack_page_get_visible (adw_view_stack_get_page (self->stack, shown)))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_view_stack_page_get_visible (page))
        {
          adw_view_stack_set_visible_child (self->stack, adw_view_stack_page_get_child (page));
          return;
        }
    }
}

/* ---- the keys of the self methods ---- */

static void
keys_menu_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RosterCoursePage) self = user_data;
  g_autoptr(GListModel) methods = roster_client_list_methods_finish (ROSTER_CLIENT (source), result, NULL);
  g_autoptr(GMenu) menu = g_menu_new ();

  /* Without the list there is simply no menu; the methods page says why. */
  for (guint i = 0; methods != NULL && i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr(RosterMethod) method = g_list_model_get_item (methods, i);
      g_autofree char *name = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (roster_method_get_method_type (method) != ROSTER_METHOD_SELF)
        continue;
      name = roster_method_dup_display_name (method);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "course.show-keys", "x", roster_method_get_id (method));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->keys_button, G_MENU_MODEL (menu));
  self->has_keys = g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->keys_button), self->has_keys);
  roster_course_page_update_bar (self);
}

void
roster_course_page_update_bar (RosterCoursePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->keys_bar),
                          self->has_keys || gtk_widget_get_visible (GTK_WIDGET (self->import_button)));
}

typedef struct
{
  RosterCoursePage *self;
  gint64            method_id;
} ShowKeys;

static void
show_keys_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree ShowKeys *show = user_data;
  g_autoptr(RosterCoursePage) self = show->self;
  gint64 method_id = show->method_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) methods = roster_client_list_methods_finish (ROSTER_CLIENT (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  for (guint i = 0; methods != NULL && i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr(RosterMethod) method = g_list_model_get_item (methods, i);
      GtkWidget *window;

      if (roster_method_get_id (method) != method_id || roster_method_get_method_type (method) != ROSTER_METHOD_SELF)
        continue;
      window = roster_keys_window_new (self->client, self->course, method);
      /* Of the application too: its shortcuts (Ctrl+Q) work in it. */
      if (GTK_IS_WINDOW (root))
        {
          gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
          gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (root)));
        }
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (methods != NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This self-enrolment method no longer exists."));
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (error->message));
}

static void
show_keys_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (widget);
  ShowKeys *show;

  if (self->client == NULL)
    return;
  /* Looked up afresh: the methods may have changed since the menu. */
  show = g_new0 (ShowKeys, 1);
  show->self = g_object_ref (self);
  show->method_id = g_variant_get_int64 (parameter);
  roster_client_list_methods_async (self->client, roster_course_get_id (self->course), self->keys_cancellable,
                                    show_keys_cb, show);
}

/* The methods page's "Keys…" opens the same window. */
static void
methods_show_keys_cb (RosterCoursePage *self,
                      RosterMethod     *method)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "course.show-keys", "x", roster_method_get_id (method));
}

static void
reload (RosterCoursePage *self)
{
  /* External moderators see assignments, not the participants. */
  adw_view_stack_page_set_visible (self->participants_stack_page, may_view_participants (self->course));
  if (may_view_participants (self->course))
    roster_participants_page_set_course (self->participants_page, self->client, self->course);
  /* Only those who may see every group get the page. */
  adw_view_stack_page_set_visible (self->groups_stack_page, roster_course_has_capability (self->course, "groups.view"));
  if (roster_course_has_capability (self->course, "groups.view"))
    roster_groups_page_set_course (self->groups_page, self->client, self->course);
  adw_view_stack_page_set_visible (self->assignments_stack_page,
                                   roster_course_has_capability (self->course, "assignments.view"));
  if (roster_course_has_capability (self->course, "assignments.view"))
    roster_assignments_page_set_course (self->assignments_page, self->client, self->course);
  /* Without methods.view the page is hidden: ask nothing for it. */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->stack, GTK_WIDGET (self->methods_page)),
                                   roster_course_has_capability (self->course, "methods.view"));
  if (roster_course_has_capability (self->course, "methods.view"))
    roster_methods_page_set_course (self->methods_page, self->client, self->course);
  /* Reports: module leaders, professional staff and administrators. */
  adw_view_stack_page_set_visible (self->reports_stack_page, roster_course_has_capability (self->course, "reports.view"));
  if (roster_course_has_capability (self->course, "reports.view"))
    roster_reports_page_set_course (self->reports_page, self->client, self->course);
  show_visible_page (self);

  /* No keys button until the methods say there are keys to show. */
  self->has_keys = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->keys_button), FALSE);
  roster_course_page_imports_reload (self);
  if (self->client != NULL && roster_course_has_capability (self->course, "methods.view"))
    roster_client_list_methods_async (self->client, roster_course_get_id (self->course), self->keys_cancellable,
                                      keys_menu_cb, g_object_ref (self));
}

static void
roster_course_page_dispose (GObject *object)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (object);

  g_cancellable_cancel (self->keys_cancellable);
  g_clear_object (&self->keys_cancellable);
  roster_course_page_imports_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_COURSE_PAGE);
  g_clear_object (&self->client);
  g_clear_object (&self->course);

  G_OBJECT_CLASS (roster_course_page_parent_class)->dispose (object);
}

static void
roster_course_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_COURSE:
      g_value_set_object (value, self->course);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_course_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      roster_course_page_set_client (self, g_value_get_object (value));
      break;
    case PROP_COURSE:
      /* Construct-only: a page shows one course for its whole life. */
      self->course = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_course_page_constructed (GObject *object)
{
  RosterCoursePage *self = ROSTER_COURSE_PAGE (object);

  G_OBJECT_CLASS (roster_course_page_parent_class)->constructed (object);

  /* Only the pages the signed-in person may use. */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->stack, GTK_WIDGET (self->methods_page)),
                                   roster_course_has_capability (self->course, "methods.view"));
  adw_view_stack_page_set_visible (self->reports_stack_page, roster_course_has_capability (self->course, "reports.view"));
}

static void
roster_course_page_class_init (RosterCoursePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = roster_course_page_constructed;
  object_class->dispose = roster_course_page_dispose;
  object_class->get_property = roster_course_page_get_property;
  object_class->set_property = roster_course_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ROSTER_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COURSE] =
    g_param_spec_object ("course", NULL, NULL, ROSTER_TYPE_COURSE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ROSTER_TYPE_PARTICIPANTS_PAGE);
  g_type_ensure (ROSTER_TYPE_METHODS_PAGE);
  g_type_ensure (ROSTER_TYPE_GROUPS_PAGE);
  g_type_ensure (ROSTER_TYPE_ASSIGNMENTS_PAGE);
  g_type_ensure (ROSTER_TYPE_REPORTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-course-page.ui");
  /* Bound so that dispose_template () unparents it. */
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, layout);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, participants_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, participants_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, groups_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, groups_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, assignments_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, assignments_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, methods_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, reports_stack_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, reports_page);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, keys_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, keys_button);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, import_button);
  gtk_widget_class_bind_template_child (widget_class, RosterCoursePage, imports_button);

  /* The keys window of a self method, by its id. */
  gtk_widget_class_install_action (widget_class, "course.show-keys", "x", show_keys_action);
  roster_course_page_imports_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-course-page");
}

static void
roster_course_page_init (RosterCoursePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->keys_cancellable = g_cancellable_new ();
  roster_course_page_imports_init (self);
  g_signal_connect_object (self->methods_page, "show-keys", G_CALLBACK (methods_show_keys_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
roster_course_page_new (RosterClient *client,
                        RosterCourse *course)
{
  g_return_val_if_fail (client == NULL || ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_COURSE (course), NULL);

  return g_object_new (ROSTER_TYPE_COURSE_PAGE,
                       "course", course,
                       "client", client,
                       NULL);
}

RosterCourse *
roster_course_page_get_course (RosterCoursePage *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_PAGE (self), NULL);

  return self->course;
}

/**
 * roster_course_page_set_client:
 * @self: a #RosterCoursePage
 * @client: (nullable): a signed-in #RosterClient
 *
 * Loads the course's pages through @client.
 */
void
roster_course_page_set_client (RosterCoursePage *self,
                               RosterClient     *client)
{
  g_return_if_fail (ROSTER_IS_COURSE_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* The course is set first (construct-only), so it is known here. */
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

AdwViewStack *
roster_course_page_get_stack (RosterCoursePage *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_PAGE (self), NULL);

  return self->stack;
}

RosterMethodsPage *
roster_course_page_get_methods_page (RosterCoursePage *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_PAGE (self), NULL);

  return self->methods_page;
}

RosterParticipantsPage *
roster_course_page_get_participants_page (RosterCoursePage *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_PAGE (self), NULL);

  return self->participants_page;
}

/**
 * roster_course_page_reload_failed:
 * @self: a #RosterCoursePage
 *
 * Loads again what failed (after a new sign-in, say); what loaded
 * stays as it is, with its search and selection.
 */
void
roster_course_page_reload_failed (RosterCoursePage *self)
{
  g_return_if_fail (ROSTER_IS_COURSE_PAGE (self));

  if (roster_participants_page_get_failed (self->participants_page) ||
      roster_groups_page_get_failed (self->groups_page) ||
      roster_assignments_page_get_failed (self->assignments_page) ||
      roster_methods_page_get_failed (self->methods_page))
    reload (self);
}

void
roster_course_page_focus_search (RosterCoursePage *self)
{
  g_return_if_fail (ROSTER_IS_COURSE_PAGE (self));

  /* Participants is the only page so far. */
  roster_participants_page_focus_search (self->participants_page);
}
