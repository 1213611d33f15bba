/* roster-account-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "roster-account-store.h"
#include "roster-client-error.h"

struct _RosterAccountStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterAccountStore, roster_account_store, G_TYPE_OBJECT)

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rosterdesk.Roster.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
roster_account_store_class_init (RosterAccountStoreClass *klass)
{
}

static void
roster_account_store_init (RosterAccountStore *self)
{
}

RosterAccountStore *
roster_account_store_new (void)
{
  return g_object_new (ROSTER_TYPE_ACCOUNT_STORE, NULL);
}

/* libsecret's errors name D-Bus and Secret Service internals: say what
 * failed in the user's words, and keep the detail for the log. */
static GError *
keyring_error (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("keyring: %s", error->message);
  mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_KEYRING,
                        _("The system keyring could not be used: %s"), error->message);
  g_error_free (error);
  return mapped;
}

/* ---- save ---- */

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
roster_account_store_save_async (RosterAccountStore  *self,
                                 const char          *server,
                                 const char          *username,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (server != NULL && username != NULL && token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_save_async);

  /* TRANSLATORS: the name of a keyring item, as Passwords and Keys shows it */
  label = g_strdup_printf (_("Roster sign-in for %s on %s"), username, server);
  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         store_cb, task,
                         "server", server,
                         "username", username,
                         NULL);
}

gboolean
roster_account_store_save_finish (RosterAccountStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lookup ---- */

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
roster_account_store_lookup_token_async (RosterAccountStore  *self,
                                         const char          *server,
                                         const char          *username,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (server != NULL && username != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_lookup_token_async);
  secret_password_lookup (account_schema (), cancellable, lookup_cb, task,
                          "server", server,
                          "username", username,
                          NULL);
}

char *
roster_account_store_lookup_token_finish (RosterAccountStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  char *secret;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* libsecret hands out the secret in memory it wipes when freed; the
   * copy returned is an ordinary string the caller owns. */
  secret = g_task_propagate_pointer (G_TASK (result), error);
  token = g_strdup (secret);
  if (secret != NULL)
    secret_password_free (secret);
  return token;
}

/* ---- remove ---- */

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
roster_account_store_remove_async (RosterAccountStore  *self,
                                   const char          *server,
                                   const char          *username,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));
  g_return_if_fail (server != NULL && username != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_remove_async);
  secret_password_clear (account_schema (), cancellable, clear_cb, task,
                         "server", server,
                         "username", username,
                         NULL);
}

gboolean
roster_account_store_remove_finish (RosterAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- list ---- */

static int
compare_accounts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  RosterAccount *aa = (RosterAccount *) a;
  RosterAccount *ab = (RosterAccount *) b;
  int result = g_strcmp0 (roster_account_get_server (aa), roster_account_get_server (ab));

  return result != 0 ? result : g_strcmp0 (roster_account_get_username (aa), roster_account_get_username (ab));
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GListStore) store = g_list_store_new (ROSTER_TYPE_ACCOUNT);
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *server = g_hash_table_lookup (attributes, "server");
      const char *username = g_hash_table_lookup (attributes, "username");

      if (server != NULL && username != NULL)
        {
          g_autoptr(RosterAccount) account = roster_account_new (server, username);
          g_list_store_insert_sorted (store, account, compare_accounts, NULL);
        }
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

void
roster_account_store_list_async (RosterAccountStore  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_ACCOUNT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_account_store_list_async);
  /* Every item of the schema; unlocking the keyring may need the
   * user's password, which the keyring asks for itself. */
  secret_password_search (account_schema (), SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable,
                          search_cb, task, NULL);
}

GListModel *
roster_account_store_list_finish (RosterAccountStore  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
