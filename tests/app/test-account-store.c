/* test-account-store.c: tokens in a real gnome-keyring (run-with-keyring.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "roster-account-store.h"

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
save (RosterAccountStore *store,
      const char         *server,
      const char         *username,
      const char         *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_account_store_save_async (store, server, username, token, NULL, result_cb, &result);
  g_assert_true (roster_account_store_save_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (RosterAccountStore *store,
        const char         *server,
        const char         *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  roster_account_store_lookup_token_async (store, server, username, NULL, result_cb, &result);
  token = roster_account_store_lookup_token_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return token;
}

static void
remove_account (RosterAccountStore *store,
                const char         *server,
                const char         *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_account_store_remove_async (store, server, username, NULL, result_cb, &result);
  g_assert_true (roster_account_store_remove_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static GListModel *
list (RosterAccountStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *accounts;

  roster_account_store_list_async (store, NULL, result_cb, &result);
  accounts = roster_account_store_list_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (accounts) == ROSTER_TYPE_ACCOUNT);
  return accounts;
}

static void
assert_account (GListModel *accounts,
                guint       position,
                const char *server,
                const char *username)
{
  g_autoptr(RosterAccount) account = g_list_model_get_item (accounts, position);

  g_assert_nonnull (account);
  g_assert_cmpstr (roster_account_get_server (account), ==, server);
  g_assert_cmpstr (roster_account_get_username (account), ==, username);
}

#define SERVER_A "https://roster.uni.example:8443"
#define SERVER_B "https://127.0.0.1:8443"

static void
test_store_lookup_remove (void)
{
  g_autoptr(RosterAccountStore) store = roster_account_store_new ();
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) three = NULL;
  g_autoptr(GListModel) two = NULL;
  g_autofree char *token = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *other = NULL;
  g_autofree char *gone = NULL;

  none = list (store);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  save (store, SERVER_A, "m.chen", "token-a-m.chen");
  save (store, SERVER_A, "s.okafor", "token-a-s.okafor");
  save (store, SERVER_B, "m.chen", "token-b-m.chen");

  token = lookup (store, SERVER_A, "m.chen");
  g_assert_cmpstr (token, ==, "token-a-m.chen");
  other = lookup (store, SERVER_B, "m.chen");
  g_assert_cmpstr (other, ==, "token-b-m.chen");
  missing = lookup (store, SERVER_B, "nobody");
  g_assert_null (missing);

  /* Saving again replaces the token: one item per account. */
  save (store, SERVER_A, "m.chen", "token-a-m.chen-2");
  replaced = lookup (store, SERVER_A, "m.chen");
  g_assert_cmpstr (replaced, ==, "token-a-m.chen-2");

  three = list (store);
  g_assert_cmpuint (g_list_model_get_n_items (three), ==, 3);
  assert_account (three, 0, SERVER_B, "m.chen");
  assert_account (three, 1, SERVER_A, "m.chen");
  assert_account (three, 2, SERVER_A, "s.okafor");

  remove_account (store, SERVER_A, "m.chen");
  gone = lookup (store, SERVER_A, "m.chen");
  g_assert_null (gone);
  two = list (store);
  g_assert_cmpuint (g_list_model_get_n_items (two), ==, 2);
  assert_account (two, 1, SERVER_A, "s.okafor");

  /* Removing what is not there is no error. */
  remove_account (store, SERVER_A, "m.chen");
}

/* The token is in the keyring under the documented schema, so other
 * tools (Passwords and Keys, secret-tool) see it for what it is. */
static void
test_schema (void)
{
  static const SecretSchema schema = {
    "io.github.rosterdesk.Roster.Account", SECRET_SCHEMA_NONE,
    { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "username", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autoptr(RosterAccountStore) store = roster_account_store_new ();
  g_autoptr(GError) error = NULL;
  char *secret;

  save (store, "https://schema.example", "a.user", "the-token");
  secret = secret_password_lookup_sync (&schema, NULL, &error,
                                        "server", "https://schema.example", "username", "a.user", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "the-token");
  secret_password_free (secret);
  remove_account (store, "https://schema.example", "a.user");
}

/* "username@server" both ways, as GSettings' last-account and the
 * window's account actions spell an account. */
static void
test_account_id (void)
{
  g_autoptr(RosterAccount) account = roster_account_new_from_id ("m.chen@uni@https://roster.example:8443");
  g_autoptr(RosterAccount) copy = NULL;
  g_autofree char *id = NULL;

  g_assert_nonnull (account);
  /* The username may hold an "@", the server may not. */
  g_assert_cmpstr (roster_account_get_username (account), ==, "m.chen@uni");
  g_assert_cmpstr (roster_account_get_server (account), ==, "https://roster.example:8443");
  id = roster_account_dup_id (account);
  g_assert_cmpstr (id, ==, "m.chen@uni@https://roster.example:8443");
  copy = roster_account_new_from_id (id);
  g_assert_cmpstr (roster_account_get_username (copy), ==, "m.chen@uni");

  g_assert_null (roster_account_new_from_id (""));
  g_assert_null (roster_account_new_from_id (NULL));
  g_assert_null (roster_account_new_from_id ("nobody"));
  g_assert_null (roster_account_new_from_id ("@https://roster.example"));
  g_assert_null (roster_account_new_from_id ("m.chen@"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account-store/store-lookup-remove", test_store_lookup_remove);
  g_test_add_func ("/account-store/schema", test_schema);
  g_test_add_func ("/account-store/account-id", test_account_id);

  status = g_test_run ();

  /* libsecret keeps a Secret Service proxy for the process; let it go
   * and hand over the D-Bus messages still queued for it, so the leak
   * checker sees only what this code kept. */
  secret_service_disconnect ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return status;
}
