"""The accessibility statement (dichiarazione di accessibilità, AgID's model for the Linee
guida sull'accessibilità degli strumenti informatici): of the installation and of each
organization, which may say more about what it publishes here."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

STATUSES = ("compliant", "partially_compliant", "not_compliant")
METHODS = ("self_assessment", "third_party")
# The day this software's own statement was prepared (self-assessment with axe-core).
PREPARED_ON = date(2026, 12, 5)
Status = Literal["compliant", "partially_compliant", "not_compliant"]
Method = Literal["self_assessment", "third_party"]
_LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_EMAIL = r"^([^\s@\x00-\x1f\x7f]+@[^\s@\x00-\x1f\x7f]+\.[^\s@\x00-\x1f\x7f]+)?$"
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000, pattern=_LINES)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320, pattern=_EMAIL)]


class StatementShape(BaseModel):
    """What an organization writes; empty texts read the default wording."""

    model_config = ConfigDict(extra="forbid")

    status: Status = "partially_compliant"
    non_accessible_it: Text = ""
    non_accessible_en: Text = ""
    feedback_email: Email = ""
    prepared_on: date = Field(default=PREPARED_ON, ge=date(2000, 1, 1), le=date(2100, 12, 31))
    method: Method = "self_assessment"
