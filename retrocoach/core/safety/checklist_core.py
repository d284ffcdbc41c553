"""The core of the safety checklist, kept in the code for when the shipped reminders cannot be
read: who should ask a clinician first and the signs to stop. A test holds these words to the
shipped items of the same ids."""

from __future__ import annotations

from typing import Final

from retrocoach.core.safety.references import Reference, ReferenceKind
from retrocoach.core.safety.rules import Moment

__all__ = ["CORE_ITEMS", "CORE_REFERENCES"]

_ALLINA: Final = Reference(
    id="allina-stop-exercising",
    kind=ReferenceKind.GUIDE,
    title="When you should stop exercising",
    authors="Allina Health Patient Education",
    year=2019,
    publisher="Allina Health",
    url="https://www.allinahealth.org/health-conditions-and-treatments/health-library/"
    "patient-education/prediabetes/exercise-and-physical-activity/when-you-should-stop-exercising",
)
_MAYO: Final = Reference(
    id="mayo-act-fast",
    kind=ReferenceKind.GUIDE,
    title="Act FAST if you suspect stroke",
    authors="Mayo Clinic Staff",
    year=2019,
    publisher="Mayo Clinic",
    url="https://www.mayoclinic.org/diseases-conditions/stroke/in-depth/health-tip/art-20450579",
)
CORE_REFERENCES: Final = (_ALLINA, _MAYO)
CORE_ITEMS: Final[tuple[tuple[Moment, str, str, Reference | None], ...]] = (
    (
        Moment.CHECKLIST_FIRST,
        "first-not-medical-advice",
        "I understand that RetroCoach is not medical advice: it times my walk and reminds me of "
        "safe habits, but it cannot judge what is safe for me.",
        None,
    ),
    (
        Moment.CHECKLIST_FIRST,
        "first-ask-clinician",
        "Ask a doctor or physiotherapist before you start if you have heart, kidney or metabolic "
        "disease (diabetes included), or warning signs: chest pain or pressure, breathlessness at"
        " rest or on light effort, dizziness or fainting, swollen ankles, a racing heartbeat, leg"
        " pain on walking, unusual tiredness.",
        None,
    ),
    (
        Moment.CHECKLIST_FIRST,
        "first-ask-clinician-balance",
        "Ask first, too, with balance or inner-ear problems, past falls, a past stroke, "
        "Parkinson's disease, joint or bone problems (knee osteoarthritis included), a recent "
        "injury or operation, or pregnancy; and, RetroCoach adds, numb feet, osteoporosis, poor "
        "eyesight or medicines that can make you dizzy.",
        None,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-heart",
        "Stop at once on chest pain or pressure, pain spreading to the arm, neck or jaw, a racing"
        " or fluttering heartbeat (palpitations), or a cold sweat: get medical help.",
        _ALLINA,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-talk-test",
        "Judge breathlessness by the talk test: you should be able to say a sentence as you walk."
        " Slow the belt when talking gets hard; stop if you cannot talk.",
        _ALLINA,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-vision-numb-tired",
        "Stop if your sight changes (blurred or double), you feel numbness or tingling, or an "
        "unusual tiredness comes over you.",
        _ALLINA,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-stroke-signs",
        "Signs of a stroke: one side of the face drooping, an arm weak or numb, speech slurred or"
        " strange. Stop, and call emergency services at once, even if the signs fade.",
        _MAYO,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-dizzy-sick",
        "Stop if you feel dizzy, faint, light-headed or sick to your stomach (nausea).",
        _ALLINA,
    ),
    (
        Moment.CHECKLIST_STOP,
        "stop-joint-pain",
        "Stop on sharp pain in a knee, hip, ankle or your back.",
        _ALLINA,
    ),
    (
        Moment.CHECKLIST_STOP,
        "backward-wobbly-rails",
        "Feeling unsteady? Take the rails at once; if that does not steady you, stop the belt.",
        None,
    ),
)
