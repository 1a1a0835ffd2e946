"""What the audit log names: each action an organization's people (or its tokens) take that
the owner can read back later, said in plain words by the console ("audit_" + the action)."""

from enum import StrEnum


class What(StrEnum):
    EVENT_CREATED = "event_created"
    EVENT_EDITED = "event_edited"
    EVENT_PUBLISHED = "event_published"
    EVENT_CANCELLED = "event_cancelled"
    EVENT_COMPLETED = "event_completed"
    COLLEAGUE_INVITED = "colleague_invited"
    COLLEAGUE_JOINED = "colleague_joined"
    ROLE_CHANGED = "role_changed"
    COLLEAGUE_REMOVED = "colleague_removed"
    TOKEN_CREATED = "token_created"
    TOKEN_REVOKED = "token_revoked"
    # Heard from registrations (registrations.audit.recorded).
    REGISTRATION_ADDED = "registration_added"
    REGISTRATION_CONFIRMED = "registration_confirmed"
    REGISTRATION_DECLINED = "registration_declined"
    REGISTRATION_ERASED = "registration_erased"
    EXPORT_DOWNLOADED = "export_downloaded"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    ATTENDANCE_CLOSED = "attendance_closed"
    CERTIFICATE_REVOKED = "certificate_revoked"
    ONLINE_ATTENDANCE_RECORDED = "online_attendance_recorded"
