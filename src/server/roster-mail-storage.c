/* roster-mail-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-mail-storage.h"

G_DEFINE_INTERFACE (RosterMailStorage, roster_mail_storage, G_TYPE_OBJECT)

static void
roster_mail_storage_default_init (RosterMailStorageInterface *iface)
{
}

/* The names stored in mail_outbox.state. */
static const char * const state_names[] = { "queued", "sent", "failed" };

const char *
roster_outbox_state_to_string (RosterOutboxState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : NULL;
}

gboolean
roster_outbox_state_from_string (const char        *str,
                                 RosterOutboxState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

void
roster_outbox_message_free (RosterOutboxMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->recipient);
  g_free (message->recipient_name);
  g_free (message->params);
  g_free (message->last_error);
  g_free (message);
}

gint64
roster_mail_storage_enqueue (RosterMailStorage      *self,
                             const RosterMailDraft  *draft,
                             gint64                  now,
                             GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), 0);
  g_return_val_if_fail (draft != NULL, 0);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->enqueue (self, draft, now, error);
}

GPtrArray *
roster_mail_storage_claim_due (RosterMailStorage  *self,
                               gint64              now,
                               guint               limit,
                               GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), NULL);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->claim_due (self, now, limit, error);
}

gboolean
roster_mail_storage_mark_sent (RosterMailStorage  *self,
                               gint64              id,
                               gint64              now,
                               GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->mark_sent (self, id, now, error);
}

gboolean
roster_mail_storage_mark_retry (RosterMailStorage  *self,
                                gint64              id,
                                gint64              next_attempt_at,
                                const char         *last_error,
                                GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->mark_retry (self, id, next_attempt_at, last_error, error);
}

gboolean
roster_mail_storage_release (RosterMailStorage  *self,
                             gint64              id,
                             gint64              next_attempt_at,
                             GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->release (self, id, next_attempt_at, error);
}

gboolean
roster_mail_storage_mark_failed (RosterMailStorage  *self,
                                 gint64              id,
                                 const char         *last_error,
                                 GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->mark_failed (self, id, last_error, error);
}

gboolean
roster_mail_storage_next_due (RosterMailStorage  *self,
                              gint64             *next_attempt_at,
                              GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->next_due (self, next_attempt_at, error);
}

RosterOutboxMessage *
roster_mail_storage_get_message (RosterMailStorage  *self,
                                 gint64              id,
                                 GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), NULL);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->get_message (self, id, error);
}

gboolean
roster_mail_storage_count (RosterMailStorage  *self,
                           RosterOutboxState   state,
                           guint              *count,
                           GError            **error)
{
  g_return_val_if_fail (ROSTER_IS_MAIL_STORAGE (self), FALSE);
  return ROSTER_MAIL_STORAGE_GET_IFACE (self)->count (self, state, count, error);
}
