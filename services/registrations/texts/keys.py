"""Keys the code builds at run time ("status_" + a status) or passes around as values,
spelled out with N_ so that `pybabel extract` finds them and the catalog test checks them.
Where each is built is said above its list."""

from shared.catalogs import N_

# refused.html, register.html: an outcome's kind + "_title" and "_text".
OUTCOMES = (
    N_("full_title"),
    N_("full_text"),
    N_("closed_title"),
    N_("closed_text"),
    N_("not_yet_open_title"),
    N_("not_yet_open_text"),
    N_("cancelled_title"),
    N_("cancelled_text"),
    N_("expired_title"),
    N_("expired_text"),
    N_("rejected_title"),
    N_("rejected_text"),
)

# register.html: "error_" + a problem's code, "need_" + a need, "notice_" + a notice.
FORM = (
    N_("need_sign_language"),
    N_("need_wheelchair"),
    N_("need_hearing_loop"),
    N_("need_other"),
    N_("notice_waitlist"),
    N_("notice_room_full_online"),
    N_("error_required"),
    N_("error_too_long"),
    N_("error_invalid_characters"),
    N_("error_email_invalid"),
    N_("error_phone_invalid"),
    N_("error_consent_required"),
    N_("error_mode_invalid"),
    N_("error_choice_invalid"),
    N_("error_sessions_overlap"),
    N_("error_sessions_invalid"),
)

# formats/spreadsheets.py: "export_" + a column, yes or no.
EXPORT = (
    N_("export_id"),
    N_("export_status"),
    N_("export_mode"),
    N_("export_first_name"),
    N_("export_last_name"),
    N_("export_email"),
    N_("export_phone"),
    N_("export_organization"),
    N_("export_role"),
    N_("export_accessibility"),
    N_("export_accessibility_other"),
    N_("export_language"),
    N_("export_marketing_consent"),
    N_("export_privacy_notice_version"),
    N_("export_privacy_notice_url"),
    N_("export_privacy_consent_at"),
    N_("export_waitlist_position"),
    N_("export_created_at"),
    N_("export_checked_in_at"),
    N_("export_checked_in_by"),
    N_("export_cancelled_at"),
    N_("export_erased_at"),
    N_("export_yes"),
    N_("export_no"),
)

# The manage pages: notices and problems the routes name; "manage_status_", "manage_mode_",
# "manage_switch_to_" + a value; the feed's name, the retired feed's text and the ticket's QR
# title (routes).
MANAGE = (
    N_("manage_mode_in_person"),
    N_("manage_mode_online"),
    N_("manage_status_confirmed"),
    N_("manage_status_expired"),
    N_("manage_status_lapsed"),
    N_("manage_ticket_qr"),
    N_("manage_switch_to_online"),
    N_("manage_switch_to_in_person"),
    N_("manage_cancelled_text"),
    N_("manage_address_confirmed"),
    N_("manage_address_confirmed_text"),
    N_("manage_offer_accepted"),
    N_("manage_offer_accepted_text"),
    N_("manage_switch_refused"),
    N_("manage_switch_refused_text"),
    N_("manage_feed_name"),
    N_("manage_feed_retired"),
    N_("manage_problem_invalid"),
    N_("manage_problem_invalid_text"),
    N_("manage_problem_expired"),
    N_("manage_problem_expired_text"),
    N_("manage_problem_lapsed"),
    N_("manage_problem_lapsed_text"),
    N_("manage_problem_offer_lapsed"),
    N_("manage_problem_offer_lapsed_text"),
    N_("manage_problem_not_found"),
    N_("manage_problem_not_found_text"),
    N_("manage_problem_conflict"),
    N_("manage_problem_conflict_text"),
    N_("manage_problem_elsewhere"),
    N_("manage_problem_elsewhere_text"),
)

# The organizer pages: "org_done_", "org_mode_", "org_need_", "org_refused_", "org_role_",
# "org_status_" + a value.
ORGANIZER = (
    N_("org_role_viewer"),
    N_("org_role_editor"),
    N_("org_role_door"),
    N_("org_role_owner"),
    N_("org_need_sign_language"),
    N_("org_need_wheelchair"),
    N_("org_need_hearing_loop"),
    N_("org_need_other"),
    N_("org_status_confirmed"),
    N_("org_status_pending"),
    N_("org_status_offered"),
    N_("org_status_waitlisted"),
    N_("org_status_cancelled"),
    N_("org_status_expired"),
    N_("org_status_lapsed"),
    N_("org_mode_in_person"),
    N_("org_mode_online"),
    N_("org_done_confirmed"),
    N_("org_done_declined"),
    N_("org_done_erased"),
    N_("org_refused_401"),
    N_("org_refused_401_text"),
    N_("org_refused_403"),
    N_("org_refused_403_text"),
    N_("org_refused_404"),
    N_("org_refused_404_text"),
    N_("org_refused_409"),
    N_("org_refused_409_text"),
    N_("org_refused_422"),
    N_("org_refused_422_text"),
    N_("org_refused_other"),
    N_("org_refused_other_text"),
)

# privacy_notice.html: a default text's name + "_" + the version's edition (domain/privacy.py).
PRIVACY_DEFAULTS = (
    N_("privacy_default_purposes_1"),
    N_("privacy_default_recipients_1"),
    N_("privacy_default_rights_1"),
    N_("privacy_default_complaint_1_html"),
)

# The organizer's desk (seats, adding a person by hand): "org_seats_" + a mode,
# "org_add_done_" + what happened ("added_" + the status, or "already"), "org_add_language_"
# + a language.
DESK = (
    N_("org_add_language_it"),
    N_("org_add_language_en"),
    N_("org_seats_in_person"),
    N_("org_seats_online"),
    N_("org_add_done_added_confirmed"),
    N_("org_add_done_added_waitlisted"),
    N_("org_add_done_already"),
)

# The form builder: "builder_kind_" + a kind, "builder_done_" + what was done.
BUILDER = (
    N_("builder_kind_short_text"),
    N_("builder_kind_long_text"),
    N_("builder_kind_single"),
    N_("builder_kind_multiple"),
    N_("builder_kind_yes_no"),
    N_("builder_done_saved"),
    N_("builder_done_moved"),
    N_("builder_done_removed"),
)

# The feedback questionnaire: what the personal page and the answer's page say, passed as
# values (web/routes/manage_pages.py, web/routes/questionnaire_pages.py).
QUESTIONNAIRE = (
    N_("manage_questionnaire_for_certificate"),
    N_("questionnaire_thanks"),
    N_("questionnaire_thanks_text"),
    N_("questionnaire_certificate_coming"),
    N_("questionnaire_answered_before"),
)

# web/routes/questionnaire_desk.py: the words of the answers' charts (Words.say).
QUESTIONNAIRE_CHARTS = (
    N_("quest_desk_average"),
    N_("quest_desk_rating"),
    N_("quest_desk_no_answers"),
)

# web/routes/certificate_desk.py: a refusal the page says (an online report not chosen).
CERTIFICATE_DESK = (N_("cert_desk_online_none"),)
