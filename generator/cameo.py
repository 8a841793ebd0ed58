"""Claims as CAMEO events: the root codes of the Conflict and Mediation Event Observations scheme that GDELT
and ACLED data use, so that the open data can be joined with theirs.

A claim's kind gives its root code where the kind decides it (a demand is 10, a refusal 12). An action or an
event is coded by what was done, which its kind does not tell: the editor sets the claim's `cameo`, and a
claim without one has no code rather than a guessed one.
"""

from __future__ import annotations

from .editions import N_
from .records import CAMEO_CODES, CLAIM_KINDS, Claim, one_for_each

CAMEO_NAMES = one_for_each(CAMEO_CODES, {
    "01": N_("Make public statement"), "02": N_("Appeal"), "03": N_("Express intent to cooperate"),
    "04": N_("Consult"), "05": N_("Engage in diplomatic cooperation"), "06": N_("Engage in material cooperation"),
    "07": N_("Provide aid"), "08": N_("Yield"), "09": N_("Investigate"), "10": N_("Demand"), "11": N_("Disapprove"),
    "12": N_("Reject"), "13": N_("Threaten"), "14": N_("Protest"), "15": N_("Exhibit force posture"),
    "16": N_("Reduce relations"), "17": N_("Coerce"), "18": N_("Assault"), "19": N_("Fight"),
    "20": N_("Use unconventional mass violence"),
})
"""The CAMEO 1.1b3 codebook's name of each root code."""

KIND_CAMEO: dict[str, str | None] = one_for_each(CLAIM_KINDS, {
    "demand": "10", "offer": "03", "refusal": "12", "threat": "13", "intent": "03", "proposal": "03",
    "statement": "01", "assessment": "01", "action": None, "event": None,
})
"""The root code each kind of claim takes unless the claim sets its own. An offer and a proposal express an
intent to cooperate (CAMEO's 03 family holds the intents to negotiate, to yield and to settle)."""


def cameo_code(claim: Claim) -> str | None:
    """The claim's own code, else its kind's; None for an action or event the editors have not coded."""
    return claim.cameo or KIND_CAMEO[claim.kind]
