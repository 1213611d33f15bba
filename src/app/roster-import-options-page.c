/* roster-import-options-page.c: the import wizard's third step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every option of POST /courses/{cid}/imports that is not about the
 * file itself, with the API's defaults (docs/api.md).
 */

#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-group.h"
#include "roster-import-options-page.h"

/* The account types offered, in the combo row's order. */
static const RosterUserType user_types[] = {
  ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_TYPE_STUDENT, ROSTER_USER_TYPE_STAFF,
};

struct _RosterImportOptionsPage
{
  GtkWidget       parent_instance;

  RosterClient   *client;
  RosterCourse   *course;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        valid;
  gboolean        updating;
  /* The groups' names, after "None" and before "New group…". */
  GStrv           group_names;
  char           *group;      /* what get_settings() gave */
  gint64          dates[2];   /* start, end: Unix times, 0 for none */

  AdwExpanderRow *create_row;
  AdwComboRow    *type_row;
  GtkSwitch      *invitations_switch;
  GtkLabel       *invitations_error;
  GtkSwitch      *update_switch;
  AdwComboRow    *role_row;
  AdwComboRow    *group_row;
  GtkStringList  *group_list;
  AdwEntryRow    *new_group_row;
  GtkSwitch      *create_groups_switch;
  GtkMenuButton  *start_button;
  GtkMenuButton  *end_button;
  GtkCalendar    *start_calendar;
  GtkCalendar    *end_calendar;
  GtkButton      *start_clear;
  GtkButton      *end_clear;
  GtkLabel       *dates_error;
};

G_DEFINE_FINAL_TYPE (RosterImportOptionsPage, roster_import_options_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (RosterImportOptionsPage *self);

static gboolean
new_group_chosen (RosterImportOptionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->group_list));

  return adw_combo_row_get_selected (self->group_row) == n - 1;
}

static void
show_date (GtkMenuButton *button,
           GtkButton     *clear,
           gint64         date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *label = NULL;

  if (date == 0)
    {
      gtk_menu_button_set_label (button, _("None"));
      gtk_widget_set_sensitive (GTK_WIDGET (clear), FALSE);
      return;
    }
  time = g_date_time_new_from_unix_utc (date);
  /* TRANSLATORS: a date, as strftime() writes it: "25 Nov 2026". */
  label = g_date_time_format (time, _("%-d %b %Y"));
  gtk_menu_button_set_label (button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (clear), TRUE);
}

/* Checks the choices and tells the window. */
static void
update (RosterImportOptionsPage *self)
{
  gboolean dates_ok = self->dates[0] == 0 || self->dates[1] == 0 || self->dates[1] > self->dates[0];
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_group_row))));
  gboolean new_group = new_group_chosen (self);
  gboolean valid = dates_ok && (!new_group || *name != '\0');

  show_date (self->start_button, self->start_clear, self->dates[0]);
  show_date (self->end_button, self->end_clear, self->dates[1]);
  gtk_widget_set_visible (GTK_WIDGET (self->dates_error), !dates_ok);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group_row), new_group);
  /* The new group is made as a missing group is. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_groups_switch), !new_group);

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
changed_cb (RosterImportOptionsPage *self)
{
  update (self);
}

static void
invitations_cb (RosterImportOptionsPage *self)
{
  roster_import_options_page_set_invitations_error (self, NULL);
  update (self);
}

static gint64
calendar_date (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) local = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) utc = NULL;

  /* The API reads a date as midnight UTC. */
  utc = g_date_time_new_utc (g_date_time_get_year (local), g_date_time_get_month (local),
                             g_date_time_get_day_of_month (local), 0, 0, 0);
  return g_date_time_to_unix (utc);
}

static void
day_selected_cb (RosterImportOptionsPage *self,
                 GtkCalendar             *calendar)
{
  guint which = calendar == self->start_calendar ? 0 : 1;

  self->dates[which] = calendar_date (calendar);
  gtk_menu_button_popdown (which == 0 ? self->start_button : self->end_button);
  update (self);
}

static void
clear_cb (RosterImportOptionsPage *self,
          GtkButton               *button)
{
  self->dates[button == self->start_clear ? 0 : 1] = 0;
  update (self);
}

static void
set_loading (RosterImportOptionsPage *self,
             gboolean                 loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
groups_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterImportOptionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = roster_client_list_groups_finish (ROSTER_CLIENT (source), result, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *chosen = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (groups == NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("The course's groups could not be loaded: %s"), error->message);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->group_row), subtitle);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (groups, i);

      g_strv_builder_add (builder, roster_group_get_name (group));
    }

  /* Keeps a group chosen before the list came. */
  if (adw_combo_row_get_selected (self->group_row) > 0)
    {
      RosterImportSettings settings = { 0 };

      roster_import_options_page_get_settings (self, &settings);
      chosen = g_strdup (settings.group);
    }
  self->updating = TRUE;
  g_strfreev (self->group_names);
  self->group_names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->group_list, 1, g_list_model_get_n_items (G_LIST_MODEL (self->group_list)) - 2,
                          (const char * const *) self->group_names);
  roster_import_options_page_set_group (self, chosen);
  self->updating = FALSE;
  update (self);
}

void
roster_import_options_page_set_course (RosterImportOptionsPage *self,
                                       RosterClient            *client,
                                       RosterCourse            *course)
{
  g_return_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (ROSTER_IS_COURSE (course));

  g_set_object (&self->client, client);
  g_set_object (&self->course, course);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  roster_client_list_groups_async (client, roster_course_get_id (course), self->cancellable,
                                   groups_cb, g_object_ref (self));
}

gboolean
roster_import_options_page_get_loading (RosterImportOptionsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self), FALSE);
  return self->loading;
}

void
roster_import_options_page_get_settings (RosterImportOptionsPage *self,
                                         RosterImportSettings    *settings)
{
  guint type = adw_combo_row_get_selected (self->type_row);
  guint group = adw_combo_row_get_selected (self->group_row);

  g_return_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self));
  g_return_if_fail (settings != NULL);

  g_clear_pointer (&self->group, g_free);
  if (new_group_chosen (self))
    self->group = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_group_row))));
  else if (group > 0 && group - 1 < g_strv_length (self->group_names))
    self->group = g_strdup (self->group_names[group - 1]);

  settings->create_users = adw_expander_row_get_enable_expansion (self->create_row);
  settings->user_type = user_types[MIN (type, G_N_ELEMENTS (user_types) - 1)];
  settings->update_users = gtk_switch_get_active (self->update_switch);
  settings->send_invitations = gtk_switch_get_active (self->invitations_switch);
  /* The combo row lists the roles after ROSTER_ROLE_NONE. */
  settings->default_role = adw_combo_row_get_selected (self->role_row) + 1;
  settings->group = self->group;
  settings->create_groups = gtk_switch_get_active (self->create_groups_switch) || new_group_chosen (self);
  settings->enrol_start = self->dates[0];
  settings->enrol_end = self->dates[1];
}

gboolean
roster_import_options_page_get_valid (RosterImportOptionsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self), FALSE);
  return self->valid;
}

void
roster_import_options_page_set_invitations_error (RosterImportOptionsPage *self,
                                                  const char              *message)
{
  g_return_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self));

  gtk_label_set_text (self->invitations_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->invitations_error), message != NULL);
}

void
roster_import_options_page_set_dates (RosterImportOptionsPage *self,
                                      gint64                   enrol_start,
                                      gint64                   enrol_end)
{
  g_return_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self));

  self->dates[0] = enrol_start;
  self->dates[1] = enrol_end;
  update (self);
}

void
roster_import_options_page_set_group (RosterImportOptionsPage *self,
                                      const char              *name)
{
  guint n;
  guint selected = 0;

  g_return_if_fail (ROSTER_IS_IMPORT_OPTIONS_PAGE (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->group_list));
  if (name != NULL)
    {
      selected = n - 1;
      for (guint i = 0; self->group_names[i] != NULL; i++)
        if (g_str_equal (self->group_names[i], name))
          selected = i + 1;
      if (selected == n - 1)
        gtk_editable_set_text (GTK_EDITABLE (self->new_group_row), name);
    }
  adw_combo_row_set_selected (self->group_row, selected);
  update (self);
}

static void
roster_import_options_page_dispose (GObject *object)
{
  RosterImportOptionsPage *self = ROSTER_IMPORT_OPTIONS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_OPTIONS_PAGE);
  /* The template's top child has no id: dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->course);

  G_OBJECT_CLASS (roster_import_options_page_parent_class)->dispose (object);
}

static void
roster_import_options_page_finalize (GObject *object)
{
  RosterImportOptionsPage *self = ROSTER_IMPORT_OPTIONS_PAGE (object);

  g_strfreev (self->group_names);
  g_free (self->group);

  G_OBJECT_CLASS (roster_import_options_page_parent_class)->finalize (object);
}

static void
roster_import_options_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterImportOptionsPage *self = ROSTER_IMPORT_OPTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_options_page_class_init (RosterImportOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_options_page_dispose;
  object_class->finalize = roster_import_options_page_finalize;
  object_class->get_property = roster_import_options_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-import-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, create_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, invitations_switch);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, invitations_error);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, update_switch);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, group_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, group_list);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, new_group_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, create_groups_switch);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, start_clear);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, end_clear);
  gtk_widget_class_bind_template_child (widget_class, RosterImportOptionsPage, dates_error);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invitations_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_options_page_init (RosterImportOptionsPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->valid = TRUE;
  self->group_names = g_new0 (char *, 1);

  self->updating = TRUE;
  for (RosterRole role = ROSTER_ROLE_NONE + 1; role < ROSTER_N_ROLES; role++)
    gtk_string_list_append (roles, roster_role_get_label (role));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (self->role_row, ROSTER_ROLE_STUDENT - 1);

  gtk_string_list_append (types, _("External"));
  gtk_string_list_append (types, _("Student"));
  gtk_string_list_append (types, _("Staff"));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  self->updating = FALSE;
  update (self);
}

GtkWidget *
roster_import_options_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_OPTIONS_PAGE, NULL);
}
