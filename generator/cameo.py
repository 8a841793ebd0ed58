"""Claims as CAMEO events: the root codes of the Conflict and Mediation Event Observations scheme that GDELT
and ACLED data use, so that the open data can be joined with theirs.

A claim's kind gives its root code where the kind decides it (a demand is 10, a refusal 12). An action or an
event is coded by what was done, which its kind does not tell: the editor sets the claim's `cameo`, and a
claim without one has no code rather than a guessed one.
"""

from __future__ import annotations

from .records import CAMEO_CODES, CLAIM_KINDS, Claim, one_for_each

CAMEO_NAMES = one_for_each(CAMEO_CODES, {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
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
