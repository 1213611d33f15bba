/* roster-bulk-action.c: one change made to many participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-bulk-action"

#include "config.h"

#include "roster-bulk-action.h"

/* Enough to hide the round trips on a distant server without taking
 * every connection the session has from the rest of the window. */
#define MAX_IN_FLIGHT 4

struct _RosterBulkAction
{
  GObject         parent_instance;

  RosterClient   *client;
  RosterBulkKind  kind;
  RosterRole      role;
  gint64          group_id;
  char           *group_name;

  /* The rows to send, and how far along they are. */
  GPtrArray      *rows;
  guint           next;
  guint           in_flight;
  guint           n_done;
  GPtrArray      *changed;
  guint           n_failed;
  char           *first_error;

  GTask          *task;
  GError         *fatal;
};

G_DEFINE_FINAL_TYPE (RosterBulkAction, roster_bulk_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_bulk_action_finalize (GObject *object)
{
  RosterBulkAction *self = ROSTER_BULK_ACTION (object);

  g_clear_object (&self->client);
  g_free (self->group_name);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->changed, g_ptr_array_unref);
  g_free (self->first_error);
  g_clear_error (&self->fatal);

  G_OBJECT_CLASS (roster_bulk_action_parent_class)->finalize (object);
}

static void
roster_bulk_action_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterBulkAction *self = ROSTER_BULK_ACTION (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_bulk_action_class_init (RosterBulkActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_bulk_action_finalize;
  object_class->get_property = roster_bulk_action_get_property;

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_bulk_action_init (RosterBulkAction *self)
{
  self->role = ROSTER_ROLE_NONE;
  self->changed = g_ptr_array_new_with_free_func (g_object_unref);
}

RosterBulkAction *
roster_bulk_action_new (RosterClient   *client,
                        RosterBulkKind  kind,
                        GPtrArray      *participants)
{
  RosterBulkAction *self;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind <= ROSTER_BULK_UNENROL, NULL);
  g_return_val_if_fail (participants != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_BULK_ACTION, NULL);
  self->client = g_object_ref (client);
  self->kind = kind;
  self->rows = g_ptr_array_new_full (participants->len, g_object_unref);
  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (self->rows, g_object_ref (participants->pdata[i]));
  return self;
}

void
roster_bulk_action_set_role (RosterBulkAction *self,
                             RosterRole        role)
{
  g_return_if_fail (ROSTER_IS_BULK_ACTION (self));
  g_return_if_fail (role < ROSTER_N_ROLES);
  g_return_if_fail (self->task == NULL);

  self->role = role;
}

void
roster_bulk_action_set_group (RosterBulkAction *self,
                              gint64            group_id,
                              const char       *group_name)
{
  g_return_if_fail (ROSTER_IS_BULK_ACTION (self));
  g_return_if_fail (group_id > 0);
  g_return_if_fail (group_name != NULL);
  g_return_if_fail (self->task == NULL);

  self->group_id = group_id;
  g_free (self->group_name);
  self->group_name = g_strdup (group_name);
}

RosterBulkKind
roster_bulk_action_get_kind (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), ROSTER_BULK_SUSPEND);

  return self->kind;
}

guint
roster_bulk_action_get_n_total (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), 0);

  return self->rows->len;
}

guint
roster_bulk_action_get_n_done (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), 0);

  return self->n_done;
}

GPtrArray *
roster_bulk_action_get_changed (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), NULL);

  return self->changed;
}

guint
roster_bulk_action_get_n_failed (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), 0);

  return self->n_failed;
}

const char *
roster_bulk_action_get_first_error (RosterBulkAction *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), NULL);

  return self->first_error;
}

/* Whether @participant already is as the action would make it. */
static gboolean
is_done_already (RosterBulkAction  *self,
                 RosterParticipant *participant)
{
  switch (self->kind)
    {
    case ROSTER_BULK_SUSPEND:
      return roster_participant_get_status (participant) == ROSTER_ENROLMENT_SUSPENDED;
    case ROSTER_BULK_REACTIVATE:
      return roster_participant_get_status (participant) == ROSTER_ENROLMENT_ACTIVE;
    case ROSTER_BULK_CHANGE_ROLE:
      return roster_participant_get_roles (participant) == (1u << self->role);
    case ROSTER_BULK_ADD_TO_GROUP:
      return roster_participant_in_group (participant, self->group_id);
    case ROSTER_BULK_UNENROL:
    default:
      return FALSE;
    }
}

static void
apply (RosterBulkAction  *self,
       RosterParticipant *participant)
{
  switch (self->kind)
    {
    case ROSTER_BULK_SUSPEND:
      roster_participant_set_status (participant, ROSTER_ENROLMENT_SUSPENDED);
      break;
    case ROSTER_BULK_REACTIVATE:
      roster_participant_set_status (participant, ROSTER_ENROLMENT_ACTIVE);
      break;
    case ROSTER_BULK_CHANGE_ROLE:
      roster_participant_set_role (participant, self->role);
      break;
    case ROSTER_BULK_ADD_TO_GROUP:
      roster_participant_add_group (participant, self->group_id, self->group_name);
      break;
    case ROSTER_BULK_UNENROL:
    default:
      break;
    }
  g_ptr_array_add (self->changed, g_object_ref (participant));
}

static void send_more (RosterBulkAction *self);

typedef struct
{
  RosterBulkAction  *self;
  RosterParticipant *participant;
} Request;

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(RosterBulkAction) self = request->self;
  g_autoptr(RosterParticipant) participant = request->participant;
  RosterClient *client = ROSTER_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_free (request);

  switch (self->kind)
    {
    case ROSTER_BULK_ADD_TO_GROUP:
      ok = roster_client_add_group_member_finish (client, result, &error);
      break;
    case ROSTER_BULK_UNENROL:
      ok = roster_client_delete_enrolment_finish (client, result, &error);
      break;
    default:
      ok = roster_client_update_enrolment_finish (client, result, &error);
      break;
    }

  self->in_flight--;
  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);

  if (ok)
    apply (self, participant);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           g_error_matches (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN))
    {
      /* Sending the rest would only be refused the same way. */
      if (self->fatal == NULL)
        self->fatal = g_steal_pointer (&error);
    }
  else
    {
      /* One refusal (gone meanwhile, not allowed) does not stop the rest. */
      g_debug ("Bulk change refused for enrolment %" G_GINT64_FORMAT ": %s",
               roster_participant_get_enrolment_id (participant), error->message);
      self->n_failed++;
      if (self->first_error == NULL)
        self->first_error = g_strdup (error->message);
    }

  send_more (self);
}

static void
send_one (RosterBulkAction  *self,
          RosterParticipant *participant)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  gint64 enrolment_id = roster_participant_get_enrolment_id (participant);
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->participant = g_object_ref (participant);
  self->in_flight++;

  switch (self->kind)
    {
    case ROSTER_BULK_SUSPEND:
      roster_client_update_enrolment_async (self->client, enrolment_id, ROSTER_ROLE_NONE,
                                            ROSTER_ENROLMENT_SUSPENDED, cancellable, request_done_cb, request);
      break;
    case ROSTER_BULK_REACTIVATE:
      roster_client_update_enrolment_async (self->client, enrolment_id, ROSTER_ROLE_NONE,
                                            ROSTER_ENROLMENT_ACTIVE, cancellable, request_done_cb, request);
      break;
    case ROSTER_BULK_CHANGE_ROLE:
      roster_client_update_enrolment_async (self->client, enrolment_id, self->role, -1,
                                            cancellable, request_done_cb, request);
      break;
    case ROSTER_BULK_ADD_TO_GROUP:
      roster_client_add_group_member_async (self->client, self->group_id,
                                            roster_participant_get_user_id (participant),
                                            cancellable, request_done_cb, request);
      break;
    case ROSTER_BULK_UNENROL:
    default:
      roster_client_delete_enrolment_async (self->client, enrolment_id, cancellable, request_done_cb, request);
      break;
    }
}

static void
send_more (RosterBulkAction *self)
{
  while (self->fatal == NULL && self->in_flight < MAX_IN_FLIGHT && self->next < self->rows->len)
    send_one (self, self->rows->pdata[self->next++]);

  if (self->in_flight == 0 && (self->fatal != NULL || self->next == self->rows->len))
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      if (self->fatal != NULL)
        g_task_return_error (task, g_steal_pointer (&self->fatal));
      else
        g_task_return_boolean (task, TRUE);
    }
}

void
roster_bulk_action_run_async (RosterBulkAction    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GPtrArray) selected = NULL;

  g_return_if_fail (ROSTER_IS_BULK_ACTION (self));
  g_return_if_fail (self->task == NULL);
  g_return_if_fail (self->kind != ROSTER_BULK_CHANGE_ROLE || self->role != ROSTER_ROLE_NONE);
  g_return_if_fail (self->kind != ROSTER_BULK_ADD_TO_GROUP || self->group_id > 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, roster_bulk_action_run_async);

  /* Only what needs changing counts towards the progress. */
  selected = g_steal_pointer (&self->rows);
  self->rows = g_ptr_array_new_full (selected->len, g_object_unref);
  for (guint i = 0; i < selected->len; i++)
    if (!is_done_already (self, selected->pdata[i]))
      g_ptr_array_add (self->rows, g_object_ref (selected->pdata[i]));

  send_more (self);
}

gboolean
roster_bulk_action_run_finish (RosterBulkAction  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (ROSTER_IS_BULK_ACTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
