/* roster-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-dataset.h"

static void
clear_key (gpointer data)
{
  RosterDatasetKey *key = data;

  g_clear_pointer (&key->secret_sealed, g_bytes_unref);
}

RosterDataset *
roster_dataset_new (void)
{
  RosterDataset *self = g_new0 (RosterDataset, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->departments = g_array_new (FALSE, TRUE, sizeof (RosterDatasetDepartment));
  self->users = g_array_new (FALSE, TRUE, sizeof (RosterDatasetUser));
  self->courses = g_array_new (FALSE, TRUE, sizeof (RosterDatasetCourse));
  self->methods = g_array_new (FALSE, TRUE, sizeof (RosterDatasetMethod));
  self->keys = g_array_new (FALSE, TRUE, sizeof (RosterDatasetKey));
  self->groups = g_array_new (FALSE, TRUE, sizeof (RosterDatasetGroup));
  self->members = g_array_new (FALSE, TRUE, sizeof (RosterDatasetMember));
  self->enrolments = g_array_new (FALSE, TRUE, sizeof (RosterDatasetEnrolment));
  self->assignments = g_array_new (FALSE, TRUE, sizeof (RosterDatasetAssignment));
  self->submissions = g_array_new (FALSE, TRUE, sizeof (RosterDatasetSubmission));
  self->removal_requests = g_array_new (FALSE, TRUE, sizeof (RosterDatasetRemovalRequest));
  g_array_set_clear_func (self->keys, clear_key);

  return self;
}

void
roster_dataset_free (RosterDataset *self)
{
  if (self == NULL)
    return;

  g_string_chunk_free (self->strings);
  g_array_unref (self->departments);
  g_array_unref (self->users);
  g_array_unref (self->courses);
  g_array_unref (self->methods);
  g_array_unref (self->keys);
  g_array_unref (self->groups);
  g_array_unref (self->members);
  g_array_unref (self->enrolments);
  g_array_unref (self->assignments);
  g_array_unref (self->submissions);
  g_array_unref (self->removal_requests);
  g_free (self);
}

const char *
roster_dataset_intern (RosterDataset *self,
                       const char    *str)
{
  if (str == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, str);
}
