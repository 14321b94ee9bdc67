"""Every write to a complaint goes through one of these functions (style.md, habit 1)."""

from .capture import complaint_capture
from .complainant import (
    Submission,
    complaint_answer_solution,
    complaint_appeal_by_complainant,
    complaint_rate,
    complaint_submit,
    complaint_write_in,
)
from .handling import (
    complaint_add_note,
    complaint_confirm_reply_receipt,
    complaint_propose,
    complaint_record_follow_up,
    complaint_record_investigation,
    complaint_record_response,
    complaint_record_step,
    complaint_reply,
)
from .intake import (
    complaint_attach,
    complaint_classify,
    complaint_register,
    complaint_update_record,
)
from .lifecycle import activity_touch as complaint_activity_touch
from .lifecycle import (
    complaint_acknowledge,
    complaint_appeal,
    complaint_assign,
    complaint_close,
    complaint_lock,
    complaint_merge,
    complaint_reassign,
    complaint_reject,
    complaint_reopen,
    complaint_request_information,
    complaint_resume,
    complaint_start_follow_up,
    complaint_start_investigation,
    complaint_withdraw,
    move_check,
)
from .numbering import reference_allocate
from .privacy import complainant_identity_reveal, complainant_update
from .system import (
    complaint_correspondence_recorded,
    complaint_deadlines_summarise,
    complaint_escalate,
    complaint_send_back,
)

__all__ = [
    "Submission",
    "complainant_identity_reveal",
    "complainant_update",
    "complaint_acknowledge",
    "complaint_activity_touch",
    "complaint_add_note",
    "complaint_answer_solution",
    "complaint_appeal",
    "complaint_appeal_by_complainant",
    "complaint_assign",
    "complaint_attach",
    "complaint_capture",
    "complaint_classify",
    "complaint_close",
    "complaint_confirm_reply_receipt",
    "complaint_correspondence_recorded",
    "complaint_deadlines_summarise",
    "complaint_escalate",
    "complaint_lock",
    "complaint_merge",
    "complaint_propose",
    "complaint_rate",
    "complaint_reassign",
    "complaint_record_follow_up",
    "complaint_record_investigation",
    "complaint_record_response",
    "complaint_record_step",
    "complaint_register",
    "complaint_reject",
    "complaint_reopen",
    "complaint_reply",
    "complaint_request_information",
    "complaint_resume",
    "complaint_send_back",
    "complaint_start_follow_up",
    "complaint_start_investigation",
    "complaint_submit",
    "complaint_update_record",
    "complaint_withdraw",
    "complaint_write_in",
    "move_check",
    "reference_allocate",
]
