/* roster-groups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-groups.h"

static gboolean
contains_id (const GArray *ids,
             gint64        id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

gboolean
roster_groups_limits_to_own (gboolean        access_all,
                             RosterGroupMode mode)
{
  return !access_all && mode == ROSTER_GROUP_MODE_SEPARATE;
}

gboolean
roster_groups_resolve_view (gboolean          access_all,
                            RosterGroupMode   mode,
                            const GArray     *own_group_ids,
                            const GArray     *course_group_ids,
                            gint64            requested,
                            RosterGroupView  *view,
                            GError          **error)
{
  gboolean has_own = own_group_ids != NULL && own_group_ids->len > 0;

  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (requested >= ROSTER_GROUP_FILTER_ALL, FALSE);

  if (requested > 0 && !contains_id (course_group_ids, requested))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                   _("There is no group %lld in this course."), (long long) requested);
      return FALSE;
    }

  view->group_id = 0;
  view->any_group = TRUE;

  if (roster_groups_limits_to_own (access_all, mode))
    {
      view->any_group = FALSE;
      if (requested > 0 && !contains_id (own_group_ids, requested))
        {
          g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                               _("Under separate groups only the viewer’s own groups can be chosen."));
          return FALSE;
        }
    }

  if (requested > 0)
    {
      view->scope = ROSTER_GROUP_SCOPE_GROUP;
      view->group_id = requested;
    }
  else if (roster_groups_limits_to_own (access_all, mode))
    /* "all" means all they may see: the students of their own groups. */
    view->scope = ROSTER_GROUP_SCOPE_OWN_GROUPS;
  else if (!access_all && mode == ROSTER_GROUP_MODE_VISIBLE &&
           requested == ROSTER_GROUP_FILTER_DEFAULT && has_own)
    /* Visible groups start from the viewer's own; someone in no group
     * starts from everyone, as there is nothing else to start from. */
    view->scope = ROSTER_GROUP_SCOPE_OWN_GROUPS;
  else
    view->scope = ROSTER_GROUP_SCOPE_EVERYONE;

  return TRUE;
}

gboolean
roster_groups_access_all (const RosterCourseAccess *viewer_access)
{
  return roster_access_allows (viewer_access, ROSTER_CAP_GROUPS_ACCESS_ALL);
}

gboolean
roster_groups_visible_groups (RosterContext             *ctx,
                              const RosterCourseAccess  *viewer_access,
                              gint64                     viewer_id,
                              RosterGroupMode            effective_mode,
                              GArray                   **group_ids,
                              GError                   **error)
{
  GArray *ids;

  g_return_val_if_fail (viewer_access != NULL, FALSE);
  g_return_val_if_fail (group_ids != NULL, FALSE);

  *group_ids = NULL;
  if (!roster_groups_limits_to_own (roster_groups_access_all (viewer_access), effective_mode))
    return TRUE;

  ids = roster_storage_list_user_group_ids (ctx->storage, viewer_access->course_id, viewer_id, error);
  if (ids == NULL)
    return FALSE;

  *group_ids = ids;
  return TRUE;
}
