"""Keys the code builds at run time ("status_" + a status) or passes around as values,
spelled out with N_ so that `pybabel extract` finds them and the catalog test checks them.
Where each is built is said above its list."""

from shared.catalogs import N_

# deliveries.html: a delivery's status.
STATUSES = (
    N_("queued"),
    N_("claimed"),
    N_("sending"),
    N_("sent"),
    N_("retrying"),
    N_("failed"),
)

# web/routes/deliveries_page.py: what the page says after a retry.
NOTICES = (
    N_("retried"),
    N_("refused"),
)

# formats/email.py: "subject_" + an email's kind, or kind.variant ("subject_cancelled.lapsed").
SUBJECTS = (
    N_("subject_pending"),
    N_("subject_confirmed"),
    N_("subject_promoted"),
    N_("subject_waitlisted"),
    N_("subject_offered"),
    N_("subject_cancelled"),
    N_("subject_cancelled.expired"),
    N_("subject_cancelled.lapsed"),
    N_("subject_cancelled.event_cancelled"),
    N_("subject_mode_changed"),
    N_("subject_rescheduled"),
    N_("subject_programme_changed"),
    N_("subject_reminder"),
    N_("subject_still_coming"),
    N_("subject_thanks"),
    N_("subject_invitation"),
    N_("subject_certificate"),
    N_("subject_questionnaire"),
    N_("subject_shortfall"),
    N_("subject_webhook_disabled"),
)

# formats/templates/webhook_disabled.*: "webhook_disabled_why_" + the fact's reason.
WEBHOOK_REASONS = (
    N_("webhook_disabled_why_failing"),
    N_("webhook_disabled_why_gone"),
)

# formats/templates/invitation.*: "invitation_role_" and "invitation_role_means_" + a role.
INVITATION_ROLES = (
    N_("invitation_role_owner"),
    N_("invitation_role_editor"),
    N_("invitation_role_door"),
    N_("invitation_role_viewer"),
    N_("invitation_role_means_owner"),
    N_("invitation_role_means_editor"),
    N_("invitation_role_means_door"),
    N_("invitation_role_means_viewer"),
)
