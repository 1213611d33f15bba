/* roster-certificate-dialog.c: asking whether to trust a server's certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-certificate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-certificate-dialog.h"

struct _RosterCertificateDialog
{
  AdwMessageDialog       parent_instance;

  RosterCertificateInfo *info;

  GtkLabel              *host_label;
  GtkLabel              *subject_label;
  GtkLabel              *issuer_label;
  GtkLabel              *not_before_label;
  GtkLabel              *not_after_label;
  GtkLabel              *fingerprint_label;
  GtkLabel              *pinned_title_label;
  GtkLabel              *pinned_label;
};

G_DEFINE_FINAL_TYPE (RosterCertificateDialog, roster_certificate_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
set_date (GtkLabel  *label,
          GDateTime *date)
{
  g_autofree char *text = NULL;

  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);

      /* Translators: a certificate’s validity date, see g_date_time_format().
       * xgettext:no-c-format */
      text = g_date_time_format (local, _("%-d %B %Y, %H:%M"));
    }

  gtk_label_set_text (label, text != NULL ? text : _("Unknown"));
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : _("Unknown"));
}

static void
show_info (RosterCertificateDialog *self)
{
  RosterCertificateInfo *info = self->info;
  const char *pinned = roster_certificate_info_get_pinned_fingerprint (info);
  const char *host = roster_certificate_info_get_host (info);

  set_text (self->host_label, host);
  set_text (self->subject_label, roster_certificate_info_get_subject (info));
  set_text (self->issuer_label, roster_certificate_info_get_issuer (info));
  set_date (self->not_before_label, roster_certificate_info_get_not_before (info));
  set_date (self->not_after_label, roster_certificate_info_get_not_after (info));
  set_text (self->fingerprint_label, roster_certificate_info_get_fingerprint (info));

  if (pinned == NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Trust This Server?"));
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                      _("The identity of %s cannot be checked automatically. "
                                        "Compare the fingerprint below with the one your server’s "
                                        "administrator gave you; connect only if they match."),
                                      host);
      return;
    }

  /* A changed certificate may be someone in between: say so plainly,
   * and make trusting the new one a deliberate, differently named choice. */
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("The Server’s Certificate Changed"));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("%s now presents a different certificate from the one you trusted. "
                                    "This can mean someone is intercepting the connection. "
                                    "Do not connect unless the server’s administrator told you "
                                    "the certificate was replaced and the new fingerprint matches."),
                                  host);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "cancel", _("_Don’t Connect"));
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "trust", _("_Trust New Certificate"));
  gtk_label_set_text (self->pinned_label, pinned);
  gtk_widget_set_visible (GTK_WIDGET (self->pinned_title_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->pinned_label), TRUE);
}

static void
roster_certificate_dialog_dispose (GObject *object)
{
  RosterCertificateDialog *self = ROSTER_CERTIFICATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_CERTIFICATE_DIALOG);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (roster_certificate_dialog_parent_class)->dispose (object);
}

static void
roster_certificate_dialog_class_init (RosterCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_certificate_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, host_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, subject_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, issuer_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, not_before_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, not_after_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, pinned_title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterCertificateDialog, pinned_label);
}

static void
roster_certificate_dialog_init (RosterCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwMessageDialog *
roster_certificate_dialog_new (GtkWindow             *parent,
                               RosterCertificateInfo *info)
{
  RosterCertificateDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CERTIFICATE_INFO (info), NULL);

  self = g_object_new (ROSTER_TYPE_CERTIFICATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->info = g_object_ref (info);
  show_info (self);

  return ADW_MESSAGE_DIALOG (self);
}

RosterCertificateInfo *
roster_certificate_dialog_get_info (RosterCertificateDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_CERTIFICATE_DIALOG (self), NULL);

  return self->info;
}
