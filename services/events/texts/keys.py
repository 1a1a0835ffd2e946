"""Keys the code builds at run time ("status_" + a status) or passes around as values,
spelled out with N_ so that `pybabel extract` finds them and the catalog test checks them.
Where each is built is said above its list."""

from shared.catalogs import N_

# domain/changes.py: "change_" + a difference's key ("change_item_added:untimed").
CHANGES = (
    N_("change_cancelled"),
    N_("change_reinstated"),
    N_("change_status_changed"),
    N_("change_times_announced"),
    N_("change_times_withdrawn"),
    N_("change_day_moved"),
    N_("change_start_moved"),
    N_("change_end_moved"),
    N_("change_doors_changed"),
    N_("change_venue_changed"),
    N_("change_venue_address_changed"),
    N_("change_venue_map_changed"),
    N_("change_attendance_changed"),
    N_("change_title_changed"),
    N_("change_subtitle_changed"),
    N_("change_description_changed"),
    N_("change_notes_changed"),
    N_("change_online_link_changed"),
    N_("change_capacity_changed"),
    N_("change_online_capacity_changed"),
    N_("change_open_to_public_changed"),
    N_("change_registration_opens_moved"),
    N_("change_registration_closes_moved"),
    N_("change_language_changed"),
    N_("change_timezone_changed"),
    N_("change_moderator_changed"),
    N_("change_organizer_changed"),
    N_("change_co_organizers_changed"),
    N_("change_supporters_changed"),
    N_("change_audience_changed"),
    N_("change_topics_changed"),
    N_("change_mailing_changed"),
    N_("change_programme_reordered"),
    N_("change_programme_reordered:within"),
    N_("change_item_added"),
    N_("change_item_added:untimed"),
    N_("change_item_removed"),
    N_("change_item_retitled"),
    N_("change_item_moved"),
    N_("change_item_room_changed"),
    N_("change_item_description_changed"),
    N_("change_item_materials_changed"),
    N_("change_speaker_added"),
    N_("change_speaker_removed"),
    N_("change_speaker_role_changed"),
    N_("change_speakers_reordered"),
    N_("change_completed"),
)

# domain/changes.py: "change_term_" + a term said in each language.
TERMS = (
    N_("change_term_published"),
    N_("change_term_completed"),
    N_("change_term_in_person"),
    N_("change_term_online"),
    N_("change_term_hybrid"),
    N_("change_term_yes"),
    N_("change_term_no"),
    N_("change_term_untimed"),
    N_("change_term_speaker"),
    N_("change_term_moderator"),
    N_("change_term_chair"),
)

# console/_layout.html: "done_" + ?done= (web/routes/console/pages.py DONE).
DONE = (
    N_("done_created"),
    N_("done_saved"),
    N_("done_published"),
    N_("done_completed"),
    N_("done_cancelled"),
    N_("done_added"),
    N_("done_moved"),
    N_("done_removed"),
    N_("done_revoked"),
    N_("done_announced"),
    N_("done_published_quietly"),
    N_("done_nothing_pending"),
    N_("done_discarded"),
    N_("done_invited"),
    N_("done_role_changed"),
    N_("done_member_removed"),
    N_("done_joined"),
    N_("done_material_added"),
    N_("done_material_removed"),
    N_("done_recording_saved"),
)

# console/changes.html: "pending_mail_" + the email an update calls for, and the lines'
# headings, "pending_told_in_" + a language.
ANNOUNCING = (
    N_("pending_mail_rescheduled"),
    N_("pending_mail_programme_changed"),
    N_("pending_told_in_it"),
    N_("pending_told_in_en"),
)

# console/colleagues.html and invitation.html: "role_explained_" + a member's role.
ROLES_EXPLAINED = (
    N_("role_explained_owner"),
    N_("role_explained_editor"),
    N_("role_explained_door"),
    N_("role_explained_viewer"),
)

# console/colleagues.py: an invitation to someone who is a member already; and
# console/pages.py: a refusal's own text ("said"), usecases/colleagues.py.
COLLEAGUES = (
    N_("error_member_already"),
    N_("invitation_unknown"),
    N_("invitation_used"),
    N_("invitation_expired"),
    N_("invitation_for_another"),
    N_("last_owner"),
)

# console/audit.py: "audit_" + an entry's action (domain/audit.py What).
AUDIT = (
    N_("audit_event_created"),
    N_("audit_event_edited"),
    N_("audit_event_published"),
    N_("audit_event_cancelled"),
    N_("audit_event_completed"),
    N_("audit_colleague_invited"),
    N_("audit_colleague_joined"),
    N_("audit_role_changed"),
    N_("audit_colleague_removed"),
    N_("audit_token_created"),
    N_("audit_token_revoked"),
    N_("audit_registration_added"),
    N_("audit_registration_confirmed"),
    N_("audit_registration_declined"),
    N_("audit_registration_erased"),
    N_("audit_export_downloaded"),
    N_("audit_checked_in"),
    N_("audit_checked_out"),
    N_("audit_attendance_closed"),
    N_("audit_certificate_revoked"),
    N_("audit_online_attendance_recorded"),
)

# console forms: the problems' keys (web/routes/console/forms.py and the *_form.py rules).
FORM_ERRORS = (
    N_("error_required"),
    N_("error_too_long"),
    N_("error_format"),
    N_("error_number"),
    N_("error_too_small"),
    N_("error_too_big"),
    N_("error_choice"),
    N_("error_too_many"),
    N_("error_invalid"),
    N_("error_date"),
    N_("error_time"),
    N_("error_moment"),
    N_("error_year_range"),
    N_("error_venue_missing"),
    N_("error_end_before_start"),
    N_("error_doors_after_start"),
    N_("error_window_order"),
    N_("error_window_end"),
    N_("error_online_capacity_needed"),
    N_("error_online_capacity_only"),
    N_("error_capacity_min"),
    N_("error_unknown_venue"),
    N_("error_unknown_speaker"),
    N_("error_slug_taken"),
    N_("error_slug_kept"),
    N_("error_item_end"),
    N_("error_item_day"),
    N_("error_item_gone"),
    N_("error_name_taken"),
)

# console/pages.py refusal_page: "error_page_" + the status, else "error".
REFUSALS = (
    N_("error"),
    N_("error_page_401"),
    N_("error_page_403"),
    N_("error_page_404"),
    N_("error_page_409"),
    N_("error_page_410"),
    N_("error_page_422"),
    N_("error_page_429"),
)

# console/forms.py Problem.label: "field_" + the field without its row number, "field_form"
# for the whole form.
FIELDS = (
    N_("field_form"),
    N_("field_speaker"),
    N_("field_role"),
)

# console/_items.html: "kind_" + a programme item's kind.
ITEM_KINDS = (
    N_("kind_registration"),
    N_("kind_welcome_coffee"),
    N_("kind_opening"),
    N_("kind_greetings"),
    N_("kind_talk"),
    N_("kind_panel"),
    N_("kind_break"),
    N_("kind_lunch"),
    N_("kind_debate"),
    N_("kind_workshop"),
    N_("kind_section"),
    N_("kind_closing"),
    N_("kind_other"),
)

# console templates: "member_role_" + a member's or token's role.
MEMBER_ROLES = (
    N_("member_role_owner"),
    N_("member_role_editor"),
    N_("member_role_door"),
    N_("member_role_viewer"),
)

# console/_items.html: "move_" + up or down.
MOVES = (
    N_("move_up"),
    N_("move_down"),
)

# console/lifecycle.py: "preview_note_" + the event's status.
PREVIEW = (
    N_("preview_note_draft"),
    N_("preview_note_published"),
    N_("preview_note_cancelled"),
    N_("preview_note_completed"),
)

# _speakers.html "role_" and console/_items.html "speaker_role_" + a speaker's role.
SPEAKER_ROLES = (
    N_("role_moderator"),
    N_("role_chair"),
    N_("role_respondent"),
    N_("role_invited"),
    N_("speaker_role_speaker"),
    N_("speaker_role_moderator"),
    N_("speaker_role_chair"),
    N_("speaker_role_respondent"),
    N_("speaker_role_invited"),
)

# console templates: "status_" + the event's status.
STATUSES = (
    N_("status_draft"),
    N_("status_published"),
    N_("status_cancelled"),
    N_("status_completed"),
)

# domain/availability.py and the public pages: a band's button, and "availability_" + a band.
AVAILABILITY = (
    N_("register"),
    N_("register_online"),
    N_("register_waitlist"),
    N_("availability_few"),
    N_("availability_online_only"),
    N_("availability_waitlist"),
    N_("availability_full"),
    N_("availability_closed"),
)

# accessibility.html: "a11y_status_" + a status, "a11y_method_" + a method
# (domain/accessibility.py); cookies.html: "cookie_purpose_" + a cookie's name.
LEGAL = (
    N_("a11y_status_compliant"),
    N_("a11y_status_partially_compliant"),
    N_("a11y_status_not_compliant"),
    N_("a11y_method_self_assessment"),
    N_("a11y_method_third_party"),
    N_("cookie_purpose_form_csrf"),
    N_("cookie_purpose_convegni_session"),
    N_("cookie_purpose_convegni_staff"),
    N_("cookie_purpose_ops"),
)

# domain/programme_checks.py: "warning_" + a warning's key ("warning_room_overlap:unnamed").
WARNINGS = (
    N_("warning_event_in_past"),
    N_("warning_before_start"),
    N_("warning_after_end"),
    N_("warning_room_overlap"),
    N_("warning_room_overlap:unnamed"),
    N_("warning_speaker_elsewhere"),
    N_("warning_break_with_speakers"),
)
