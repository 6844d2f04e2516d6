"""Clinical vignettes: people described as a clinician would, played in a real browser.

Each vignette gives the level the guidance (NHS.UK, NICE NG59, NICE CKS) calls for, and only
the answers that make the person who they are; every other question gets the answer of
someone with nothing more to tell. Answers are picked by the labels people see, so a
reworded or reordered question is played as a person would play it, and a vignette fails
if its wording disappears. The expected levels come from the guidance, not from the form's
rules: when the two disagree, the form is wrong.
"""

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.triage.conftest import article_sections, default_questionnaire  # noqa: F401

START = "/check-your-symptoms/"

EMERGENCY = "Call 999 now"
TODAY = "Get medical help today"
SOON = "Book an appointment with a doctor"
SELF_CARE = "You can look after your back yourself"
NOT_FOR_THIS_FORM = "See a GP or a pharmacist"

EMERGENCY_SIGNS = "Do you have any of these with your back pain?"
HEALTH = "Do any of these apply to you?"
URGENT_SIGNS = "Do you have any of these?"
AGE = "How old are you?"
PREGNANCY_SIGNS = "Do you have any of these as well as back pain?"
STARTED = "When did this back pain start?"
GETTING_BETTER = "Is your back getting better?"
TRIGGER = "What set it off?"
LEG = "Do you have any of these in one leg?"
AFFECTING = "How is your back pain affecting you?"
BEFORE = "Have you had back spasms before?"
TRIED = "What have you tried for this back pain?"
MUSCLE_RELAXANTS_FOR = "How long have you been taking muscle relaxants?"

# What someone with nothing more to tell answers.
NOTHING_MORE = {
    EMERGENCY_SIGNS: ["None of these"],
    HEALTH: ["None of these"],
    URGENT_SIGNS: ["None of these"],
    AGE: ["16 to 49"],
    PREGNANCY_SIGNS: ["None of these"],
    STARTED: ["In the last 3 days"],
    GETTING_BETTER: ["Yes, it is getting better"],
    TRIGGER: ["Lifting something"],
    LEG: ["None of these"],
    AFFECTING: ["None of these"],
    BEFORE: ["No, this is the first time"],
    TRIED: ["Nothing yet"],
    MUSCLE_RELAXANTS_FOR: ["Less than 2 weeks"],
}


@dataclass(frozen=True)
class Vignette:
    who: str
    expected: str
    answers: dict = field(default_factory=dict)

    def __str__(self):
        return self.who


VIGNETTES = [
    # Emergencies: cauda equina syndrome, aortic aneurysm, heart, injury, spinal infection.
    Vignette(
        "38, lifting, numb around the bottom",
        EMERGENCY,
        {
            EMERGENCY_SIGNS: [
                "Numbness or tingling around your genitals or bottom, or new problems with sex"
            ]
        },
    ),
    Vignette(
        "44, cannot pass urine since the back pain began",
        EMERGENCY,
        {EMERGENCY_SIGNS: ["New difficulty peeing, or you cannot control your bladder or bowels"]},
    ),
    Vignette(
        "51, sciatica down both legs",
        EMERGENCY,
        {EMERGENCY_SIGNS: ["Pain, weakness, numbness or tingling in both legs"]},
    ),
    Vignette(
        "35, new erection problems with back pain",
        EMERGENCY,
        {
            EMERGENCY_SIGNS: [
                "Numbness or tingling around your genitals or bottom, or new problems with sex"
            ]
        },
    ),
    Vignette(
        "47, foot dragging, walking harder by the day",
        EMERGENCY,
        {
            EMERGENCY_SIGNS: [
                "Weakness in a leg that is severe or getting worse, or new difficulty walking"
            ]
        },
    ),
    Vignette(
        "72, sudden tearing back pain, faint and clammy",
        EMERGENCY,
        {
            EMERGENCY_SIGNS: [
                "Sudden, severe pain in your back or tummy, and you feel faint, dizzy or "
                "sweaty, or look pale or clammy"
            ]
        },
    ),
    Vignette(
        "58, back and chest pain together",
        EMERGENCY,
        {EMERGENCY_SIGNS: ["Chest pain as well as back pain"]},
    ),
    Vignette(
        "29, back pain since a car crash",
        EMERGENCY,
        {EMERGENCY_SIGNS: ["The pain started after a serious accident or a bad fall"]},
    ),
    Vignette(
        "33, injects drugs, fever and back pain",
        EMERGENCY,
        {
            HEALTH: ["You inject drugs"],
            URGENT_SIGNS: ["A high temperature, or you feel hot and shivery"],
        },
    ),
    Vignette(
        "62, spinal injection last month, now hot and shivery",
        EMERGENCY,
        {
            HEALTH: [
                "You have had an operation or an injection in your spine in the last 3 months"
            ],
            URGENT_SIGNS: ["A high temperature, or you feel hot and shivery"],
        },
    ),
    Vignette(
        "55, on chemotherapy, fever and back pain",
        EMERGENCY,
        {
            HEALTH: ["You have had cancer", "You have a weakened immune system"],
            URGENT_SIGNS: ["A high temperature, or you feel hot and shivery"],
        },
    ),
    Vignette(
        "40, ticks a sign and 'None of these' by mistake",
        EMERGENCY,
        {EMERGENCY_SIGNS: ["None of these", "Chest pain as well as back pain"]},
    ),
    # Help today: possible cancer, infection, fracture, worsening nerve symptoms, pregnancy.
    Vignette(
        "66, breast cancer five years ago, new back pain",
        TODAY,
        {HEALTH: ["You have had cancer"]},
    ),
    Vignette(
        "57, losing weight without trying",
        TODAY,
        {URGENT_SIGNS: ["You are losing weight without trying"]},
    ),
    Vignette(
        "48, pain worse at night, not eased by rest",
        TODAY,
        {URGENT_SIGNS: ["Pain that does not ease when you rest, or is worse at night"]},
    ),
    Vignette(
        "42, pain between the shoulder blades",
        TODAY,
        {URGENT_SIGNS: ["Pain high in your back, between your shoulder blades"]},
    ),
    Vignette(
        "36, high temperature, no other risk",
        TODAY,
        {URGENT_SIGNS: ["A high temperature, or you feel hot and shivery"]},
    ),
    Vignette(
        "81, back pain after a trip at home",
        TODAY,
        {AGE: ["65 or over"], TRIGGER: ["A small fall"]},
    ),
    Vignette(
        "45, on prednisolone for a year, back pain out of nowhere",
        TODAY,
        {HEALTH: ["You have taken steroid tablets for 3 months or more"]},
    ),
    Vignette(
        "60, osteoporosis, slipped off a chair",
        TODAY,
        {
            HEALTH: ["You have osteoporosis (weak bones)"],
            AGE: ["50 to 64"],
            TRIGGER: ["A small fall"],
        },
    ),
    Vignette(
        "31, pregnant, back pain and bleeding",
        TODAY,
        {HEALTH: ["You are pregnant"], PREGNANCY_SIGNS: ["Bleeding from your vagina"]},
    ),
    Vignette(
        "27, pregnant, back pain and regular tightening",
        TODAY,
        {
            HEALTH: ["You are pregnant"],
            PREGNANCY_SIGNS: ["Regular tightening or cramping in your tummy, like period pains"],
        },
    ),
    Vignette(
        "39, numbness in one leg spreading by the day",
        TODAY,
        {LEG: ["Numbness, tingling or weakness that is getting worse"]},
    ),
    Vignette(
        "50, constant pain that gets worse every day",
        TODAY,
        {URGENT_SIGNS: ["Pain that is there all the time and keeps getting worse"]},
    ),
    Vignette(
        "78, osteoporosis, sudden pain lifting a kettle",
        TODAY,
        {
            HEALTH: ["You have osteoporosis (weak bones)"],
            AGE: ["65 or over"],
            TRIGGER: ["Lifting something"],
        },
    ),
    Vignette(
        "30, low back and side pain, burning when she pees",
        TODAY,
        {URGENT_SIGNS: ["Pain or burning when you pee, or blood in your pee"]},
    ),
    Vignette(
        "29, injects drugs, new back pain, no fever",
        TODAY,
        {HEALTH: ["You inject drugs"]},
    ),
    # A doctor soon: sciatica, pain that lasts, a first episode later in life, distress.
    Vignette(
        "34, sciatica in one leg for a week",
        SOON,
        {STARTED: ["4 days to 2 weeks ago"], LEG: ["Pain that spreads below your knee"]},
    ),
    Vignette(
        "46, back pain for two months",
        SOON,
        {STARTED: ["6 to 12 weeks ago"]},
    ),
    Vignette(
        "52, back pain for five months, getting better",
        SOON,
        {AGE: ["50 to 64"], STARTED: ["More than 12 weeks ago"]},
    ),
    Vignette(
        "41, three weeks in and no better",
        SOON,
        {STARTED: ["2 to 6 weeks ago"], GETTING_BETTER: ["No, it is about the same"]},
    ),
    Vignette(
        "56, first back pain ever, no clear cause",
        SOON,
        {AGE: ["50 to 64"], TRIGGER: ["I'm not sure"]},
    ),
    Vignette(
        "37, spasms keep coming back",
        SOON,
        {BEFORE: ["Yes, they keep coming back"]},
    ),
    Vignette(
        "43, cannot work and very anxious about it",
        SOON,
        {
            AFFECTING: [
                "It stops me doing a lot of everyday things, the pain is very bad, or it is "
                "getting worse",
                "I am worried about my back, or finding it hard to cope",
            ]
        },
    ),
    Vignette(
        "39, muscle relaxants for three weeks",
        SOON,
        {
            STARTED: ["2 to 6 weeks ago"],
            TRIED: ["Muscle relaxants from a doctor", "Painkillers"],
            MUSCLE_RELAXANTS_FOR: ["2 weeks or more"],
        },
    ),
    # Self-care: a plain back spasm, in all its common forms.
    Vignette("30, lifted a heavy box yesterday", SELF_CARE),
    Vignette(
        "45, twisted getting out of the car, a week ago, heat helps",
        SELF_CARE,
        {
            STARTED: ["4 days to 2 weeks ago"],
            TRIGGER: ["A sudden or awkward movement"],
            TRIED: ["Heat, such as a heat pad or a warm bath", "Painkillers"],
            BEFORE: ["Once or twice before"],
        },
    ),
    Vignette(
        "61, lifting in the garden, had one before",
        SELF_CARE,
        {AGE: ["50 to 64"], BEFORE: ["Once or twice before"]},
    ),
    Vignette(
        "26, pregnant, back ache after a long drive",
        SELF_CARE,
        {HEALTH: ["You are pregnant"], TRIGGER: ["Sitting or driving for a long time"]},
    ),
    Vignette(
        "33, three weeks in and getting better",
        SELF_CARE,
        {STARTED: ["2 to 6 weeks ago"], TRIED: ["Stretching", "Ice or a cold pack"]},
    ),
    Vignette(
        "24, after a long run on a hot day",
        SELF_CARE,
        {TRIGGER: ["Sport or exercise", "Sweating a lot"]},
    ),
    # Not who the form is for.
    Vignette("14, back pain after football", NOT_FOR_THIS_FORM, {AGE: ["Under 16"]}),
]


def answer(page, labels):
    for label in labels:
        exact = re.compile(f"^\\s*{re.escape(label)}\\s*$")
        page.locator("label.choices__label").filter(has_text=exact).click()
    page.get_by_role("button", name="Continue").click()


def play(page, vignette):
    """Answers every question the form asks; returns the questions asked."""
    page.get_by_role("button", name="Start now").click()
    asked = []
    for _ in range(30):
        heading = page.get_by_role("heading", level=1).inner_text()
        if heading == "Your result":
            return asked
        if heading == "Check your answers":
            page.get_by_role("button", name="See your result").click()
            continue
        asked.append(heading)
        answer(page, vignette.answers.get(heading, NOTHING_MORE[heading]))
    raise AssertionError(f"{vignette}: no result after 30 pages")


@pytest.mark.parametrize("vignette", VIGNETTES, ids=str)
def test_each_vignette_gets_the_level_the_guidance_calls_for(
    live_server,
    browser,
    default_questionnaire,  # noqa: F811
    vignette,
):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + START)
    asked = play(page, vignette)
    # A vignette whose answers were never asked would pass without testing what it says.
    assert vignette.answers.keys() <= set(asked), asked
    expect(page.locator("#care-card-heading")).to_contain_text(vignette.expected)
    context.close()
