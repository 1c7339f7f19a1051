"""Equality monitoring: the questions a person may answer, each optional, each with "prefer not to say".

Codes are what the database holds (they never change once shipped); labels are marked for translation and
translated when shown. The categories follow the Office for National Statistics' 2021 census questions for England
and Wales where there is one (ethnic group, religion, sexual orientation, gender identity, long-term conditions,
unpaid care). Nobody is ever listed by these answers: they are reported only in aggregate, with small numbers
hidden (rules.disclosure). A question not asked is stored as nothing (None), which is not the same as
"prefer not to say".
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerdesk.i18n import N_

PREFER_NOT = "prefer_not_to_say"
_PREFER_NOT_LABEL = N_("Prefer not to say")

AGE_BANDS = {
    "under_18": N_("Under 18"),
    "18_24": N_("18 to 24"),
    "25_34": N_("25 to 34"),
    "35_44": N_("35 to 44"),
    "45_54": N_("45 to 54"),
    "55_64": N_("55 to 64"),
    "65_74": N_("65 to 74"),
    "75_over": N_("75 or over"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

SEXES = {
    "female": N_("Female"),
    "male": N_("Male"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

# The census question: "Is the gender you identify with the same as your sex registered at birth?"
GENDER_IDENTITY = {
    "same": N_("Same as sex registered at birth"),
    "different": N_("Different from sex registered at birth"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

# The 19 ethnic groups of the 2021 census in England and Wales, in the census's order, by heading.
ETHNIC_GROUPS = {
    "asian_bangladeshi": N_("Asian, Asian British or Asian Welsh: Bangladeshi"),
    "asian_chinese": N_("Asian, Asian British or Asian Welsh: Chinese"),
    "asian_indian": N_("Asian, Asian British or Asian Welsh: Indian"),
    "asian_pakistani": N_("Asian, Asian British or Asian Welsh: Pakistani"),
    "asian_other": N_("Asian, Asian British or Asian Welsh: any other Asian background"),
    "black_african": N_("Black, Black British, Black Welsh, Caribbean or African: African"),
    "black_caribbean": N_("Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
    "black_other": N_("Black, Black British, Black Welsh, Caribbean or African: any other Black background"),
    "mixed_white_asian": N_("Mixed or Multiple ethnic groups: White and Asian"),
    "mixed_white_black_african": N_("Mixed or Multiple ethnic groups: White and Black African"),
    "mixed_white_black_caribbean": N_("Mixed or Multiple ethnic groups: White and Black Caribbean"),
    "mixed_other": N_("Mixed or Multiple ethnic groups: any other Mixed or Multiple background"),
    "white_british": N_("White: English, Welsh, Scottish, Northern Irish or British"),
    "white_irish": N_("White: Irish"),
    "white_gypsy_traveller": N_("White: Gypsy or Irish Traveller"),
    "white_roma": N_("White: Roma"),
    "white_other": N_("White: any other White background"),
    "other_arab": N_("Other ethnic group: Arab"),
    "other_any": N_("Other ethnic group: any other ethnic group"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

# "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?"
# (a disability, in the Equality Act's sense, when it limits day-to-day activities)
LONG_TERM_CONDITION = {
    "yes": N_("Yes"),
    "no": N_("No"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

# Asked only of people who answered yes above: "Do any of your conditions or illnesses reduce your ability to carry
# out day-to-day activities?"
CONDITION_IMPACT = {
    "a_lot": N_("Yes, a lot"),
    "a_little": N_("Yes, a little"),
    "not_at_all": N_("Not at all"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

SEXUAL_ORIENTATIONS = {
    "straight": N_("Straight or heterosexual"),
    "gay_lesbian": N_("Gay or lesbian"),
    "bisexual": N_("Bisexual"),
    "other": N_("Another sexual orientation"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

RELIGIONS = {
    "none": N_("No religion"),
    "christian": N_("Christian"),
    "buddhist": N_("Buddhist"),
    "hindu": N_("Hindu"),
    "jewish": N_("Jewish"),
    "muslim": N_("Muslim"),
    "sikh": N_("Sikh"),
    "other": N_("Any other religion"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}

# "Do you look after, or give any help or support to, anyone because they have long-term physical or mental health
# conditions or illnesses, or problems related to old age?" (unpaid)
CARER = {
    "yes": N_("Yes, an unpaid carer"),
    "no": N_("No"),
    PREFER_NOT: _PREFER_NOT_LABEL,
}


@dataclass(frozen=True)
class Question:
    """One equality question: the person's field that holds the answer, what it asks and its choices."""

    field: str
    heading: str
    choices: dict[str, str]


#: Every question, in the order the form asks them and the return reports them.
QUESTIONS = (
    Question("age_band", N_("Age"), AGE_BANDS),
    Question("sex", N_("Sex"), SEXES),
    Question("gender_identity", N_("Gender identity"), GENDER_IDENTITY),
    Question("ethnic_group", N_("Ethnic group"), ETHNIC_GROUPS),
    Question("long_term_condition", N_("Long-term condition or illness"), LONG_TERM_CONDITION),
    Question("condition_impact", N_("It limits day-to-day activities"), CONDITION_IMPACT),
    Question("sexual_orientation", N_("Sexual orientation"), SEXUAL_ORIENTATIONS),
    Question("religion", N_("Religion"), RELIGIONS),
    Question("carer", N_("Unpaid carer"), CARER),
)  # fmt: skip
#: The person fields that hold equality answers.
FIELDS = tuple(question.field for question in QUESTIONS)
#: What the return calls a question nobody has asked the person yet (a stored None).
NOT_ASKED = N_("Not asked yet")


def answer_problems(answers: dict[str, str | None]) -> dict[str, str]:
    """Plain-English problems with a person's equality answers, by field (empty when they are fine).

    Every answer is optional; a given one must be one of the question's choices, and how much a condition limits
    day-to-day activities is only asked of someone who said they have one.
    """
    from partnerdesk.i18n import _

    problems = {}
    for question in QUESTIONS:
        answer = answers.get(question.field)
        if answer is not None and answer not in question.choices:
            problems[question.field] = _("Please pick one of the choices in the list.")
    if answers.get("condition_impact") is not None and answers.get("long_term_condition") != "yes":
        problems["condition_impact"] = _(
            "Only say how much a condition affects day-to-day activities when the answer above is yes."
        )
    return problems
