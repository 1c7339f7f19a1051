"""Word lists for the demo data: names, streets, places, organisations and the things people say.

Every organisation, street and person here is made up. Towns and postcode districts are real so that
addresses look right, but the street names are invented.
"""

from __future__ import annotations

from typing import NamedTuple


class Culture(NamedTuple):
    """Names that go together, how common they are in the demo city, and a language some speakers prefer."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    # "Kowalski/Kowalska": the male form, then the female form, for surnames that change with gender.
    surnames: tuple[str, ...]
    other_language: str | None = None


def _words(text: str) -> tuple[str, ...]:
    # Comma-separated so names with spaces ("Li Na", "Al-Sayed") stay whole.
    return tuple(word.strip() for word in text.split(",") if word.strip())


CULTURES: dict[str, Culture] = {
    "english": Culture(
        30,
        _words(
            "Olivia, Emily, Sophie, Charlotte, Zoë, Chloë, Hannah, Elizabeth, Margaret, Susan, Janet, Pauline, "
            "Karen, Deborah, Rebecca, Jessica, Amy, Lucy, Joanne, Patricia, Samantha, Helen, Rachel, Gemma"
        ),
        _words(
            "James, David, Michael, Christopher, Robert, Thomas, Daniel, Andrew, Stephen, Paul, Mark, Peter, "
            "Keith, Jack, Oliver, Harry, Noel, Graham, Simon, Matthew, Anthony, Jonathan"
        ),
        _words(
            "Smith, Taylor, Brown, Wilson, Johnson, Wright, Walker, Green, Hall, Clarke, Baker, Harrison, "
            "Cooper, Ward, Turner, Hill, Moore, Jackson, Wood, King, Parker, Bennett, Shaw, Marsh, Fletcher"
        ),
    ),
    "welsh": Culture(
        24,
        _words(
            "Siân, Rhiannon, Cerys, Ffion, Eleri, Gwenllian, Angharad, Nia, Lowri, Carys, Bethan, Elin, "
            "Mared, Catrin, Heledd, Megan, Nerys, Glenys, Dilys, Mererid"
        ),
        _words(
            "Dafydd, Rhys, Gareth, Iwan, Gethin, Owain, Emyr, Huw, Aled, Llŷr, Tomos, Ioan, Cai, Geraint, "
            "Gwilym, Meirion, Dewi, Steffan, Rhodri, Alun"
        ),
        _words(
            "Jones, Davies, Evans, Williams, Thomas, Roberts, Hughes, Lewis, Morgan, Griffiths, Price, "
            "Pritchard, Rees, Llewellyn, Vaughan, Powell, Jenkins, Howells, Bowen, Pugh, Prosser, ap Gwilym"
        ),
        "Welsh",
    ),
    "irish": Culture(
        5,
        _words("Siobhán, Aoife, Niamh, Caoimhe, Róisín, Orla, Bríd, Sinéad, Clodagh, Máire"),
        _words("Seán, Ciarán, Pádraig, Oisín, Cormac, Declan, Eoin, Darragh, Colm, Lorcan"),
        _words(
            "O'Brien, Murphy, Kelly, O'Sullivan, Byrne, Ryan, O'Connor, Ó Súilleabháin, Doyle, Gallagher, "
            "McCarthy, Kavanagh, Fitzgerald, Brennan"
        ),
        "Irish",
    ),
    "scottish": Culture(
        4,
        _words("Mhairi, Eilidh, Catriona, Isla, Kirsty, Morag, Fiona, Ishbel"),
        _words("Hamish, Callum, Fraser, Ruaridh, Angus, Euan, Alasdair, Iain"),
        _words("MacLeod, Campbell, McAllister, Fraser, Henderson, MacDonald, Robertson, Sinclair, Munro, Ross"),
    ),
    "south_asian": Culture(
        10,
        _words(
            "Priya, Anjali, Fatima, Nusrat, Harpreet, Simran, Sunita, Nazia, Rukhsana, Shabnam, Meera, Deepa, "
            "Ayesha, Parveen, Shazia, Kiran"
        ),
        _words(
            "Mohammed, Imran, Rajesh, Arjun, Sanjay, Hardeep, Tariq, Amir, Vikram, Rahul, Faisal, Kamran, "
            "Jaswinder, Abdul, Suresh, Zubair"
        ),
        _words(
            "Patel, Khan, Ahmed, Hussain, Singh/Kaur, Sharma, Chowdhury, Rahman, Islam, Ali, Iqbal, Gill, Sandhu, "
            "Mistry, Desai, Shah, Miah/Begum, Uddin"
        ),
        "Urdu",
    ),
    "black_british": Culture(
        9,
        _words(
            "Chiamaka, Ngozi, Adaeze, Funmilayo, Abena, Ama, Precious, Blessing, Marcia, Beverley, Jasmine, "
            "Keisha, Shanice, Folake, Yetunde, Nadine"
        ),
        _words(
            "Chinedu, Oluwaseun, Kwame, Kofi, Tunde, Emeka, Desmond, Winston, Delroy, Leroy, Tyrone, Jermaine, "
            "Babajide, Obinna, Marlon, Kwabena"
        ),
        _words(
            "Okafor, Adeyemi, Mensah, Owusu, Boateng, Okonkwo, Campbell, Thompson, Francis, Grant, Bailey, "
            "Asante, Adebayo, Nwosu, Oyelaran, Edwards, Gordon, Brathwaite, Osei, Eze"
        ),
        "Yoruba",
    ),
    "somali": Culture(
        4,
        _words("Hodan, Amina, Faadumo, Sahra, Ifrah, Hibo, Nimco, Ubah, Ayan, Deeqa"),
        _words("Abdi, Mohamed, Abdirahman, Yusuf, Said, Liban, Hassan, Omar, Mukhtar, Guled"),
        _words("Warsame, Farah, Abdi, Jama, Hassan, Mohamed, Osman, Egal, Nur, Duale, Yusuf, Aden"),
        "Somali",
    ),
    "arabic": Culture(
        4,
        _words("Layla, Mariam, Noor, Yasmin, Huda, Rania, Salma, Aaliyah, Dalia, Reem"),
        _words("Omar, Khalid, Youssef, Karim, Samir, Hamza, Ibrahim, Bilal, Tarek, Nabil"),
        _words("Al-Sayed, Haddad, Mansour, Nasser, Hamdan, Khalil, Saleh, Al-Amin, Abboud, Darwish, Qasim"),
        "Arabic",
    ),
    "chinese": Culture(
        4,
        _words("Mei, Li Na, Xiaoling, Jing, Hui, Yan, Wai Ling, Ying, Xiu, Lan"),
        _words("Wei, Jun, Ming, Tao, Kai, Hong, Zhi, Ka Ho, Chun, Bo"),
        _words("Chen, Wang, Li, Zhang, Liu, Wong, Chan, Lam, Cheung, Ng, Yeung, Ho"),
        "Cantonese",
    ),
    "polish": Culture(
        4,
        _words("Agnieszka, Małgorzata, Katarzyna, Joanna, Magdalena, Zofia, Ewa, Aleksandra, Beata, Dorota"),
        _words("Łukasz, Piotr, Krzysztof, Tomasz, Paweł, Michał, Jakub, Wojciech, Grzegorz, Bartosz"),
        _words(
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska, "
            "Lewandowski/Lewandowska, Zieliński/Zielińska, Dąbrowski/Dąbrowska, Szymański/Szymańska, Woźniak"
        ),
        "Polish",
    ),
    "european": Culture(
        2,
        _words("Élodie, Renée, Anneliese, Begoña, Inês, Ioana, Elif, Ingrid, Françoise, Ana"),
        _words("Jürgen, José, João, Björn, Søren, Mehmet, Andrei, Matthias, Luca, Théo"),
        _words(
            "Müller, Schäfer, García, Fernández, Núñez, Rossi, Özdemir, Yılmaz, Popescu, Silva, Ferreira, "
            "Dubois, Lefèvre, Jensen"
        ),
    ),
}

#: Names used across cultures and genders; people with these often use they/them.
NEUTRAL = _words("Alex, Sam, Jordan, Charlie, Rowan, Jamie, Robin, Morgan, Kai, Ashley, Frankie, Ellis")

#: Shorter names people often go by.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Elizabeth": ("Liz", "Beth", "Lizzie"),
    "Margaret": ("Maggie", "Peggy"),
    "Rebecca": ("Becky", "Bex"),
    "Deborah": ("Debbie", "Deb"),
    "Patricia": ("Trish", "Pat"),
    "Samantha": ("Sam",),
    "Jessica": ("Jess",),
    "Christopher": ("Chris",),
    "Robert": ("Rob", "Bob"),
    "Thomas": ("Tom",),
    "Daniel": ("Dan", "Danny"),
    "Andrew": ("Andy",),
    "Stephen": ("Steve",),
    "Michael": ("Mike", "Mick"),
    "Matthew": ("Matt",),
    "Anthony": ("Tony",),
    "Jonathan": ("Jon",),
    "Oliver": ("Ollie",),
    "Katarzyna": ("Kasia",),
    "Małgorzata": ("Gosia",),
    "Aleksandra": ("Ola",),
    "Krzysztof": ("Krzyś",),
    "Wojciech": ("Wojtek",),
    "Oluwaseun": ("Seun",),
    "Funmilayo": ("Funmi",),
    "Babajide": ("Jide",),
    "Chiamaka": ("Chi",),
    "Adaeze": ("Ada",),
    "Abdirahman": ("Abdi",),
    "Mohammed": ("Mo",),
    "Gwenllian": ("Gwen",),
    "Dafydd": ("Dai",),
    "Xiaoling": ("Lily",),
    "Wai Ling": ("Wendy",),
    "Siobhán": ("Shiv",),
    "Alasdair": ("Ali",),
    "Jaswinder": ("Jas",),
}

PRONOUNS = {
    "female": ("she/her", "she/her", "she/her", "she/they"),
    "male": ("he/him", "he/him", "he/him", "he/they"),
    "neutral": ("they/them", "they/them", "she/her", "he/him", "any pronouns"),
}

# (town, postcode district, neighbourhoods); neighbourhoods go on the second address line.
PLACES = (
    ("Cardiff", "CF10", ("Butetown", "City Centre", "Atlantic Wharf")),
    ("Cardiff", "CF11", ("Canton", "Grangetown", "Riverside", "Pontcanna")),
    ("Cardiff", "CF14", ("Whitchurch", "Llanishen", "Heath", "Rhiwbina")),
    ("Cardiff", "CF23", ("Pentwyn", "Cyncoed", "Penylan", "Llanedeyrn")),
    ("Cardiff", "CF24", ("Roath", "Splott", "Adamsdown", "Cathays", "Plasnewydd")),
    ("Cardiff", "CF3", ("Rumney", "St Mellons", "Trowbridge")),
    ("Cardiff", "CF5", ("Ely", "Caerau", "Llandaff", "Fairwater")),
    ("Penarth", "CF64", ("Cogan", "Llandough")),
    ("Barry", "CF62", ("Gibbonsdown", "Cadoxton")),
    ("Barry", "CF63", ("Barry Island", "Colcot")),
    ("Caerphilly", "CF83", ("Trecenydd", "Lansbury Park")),
    ("Pontypridd", "CF37", ("Trallwn", "Treforest")),
    ("Cowbridge", "CF71", ()),
    ("Newport", "NP20", ("Pillgwenlly", "Stow Hill")),
)
PLACE_WEIGHTS = (6, 9, 9, 8, 14, 6, 9, 6, 4, 3, 5, 4, 2, 3)
# Postcode unit letters never use C, I, K, M, O or V (BS 7666).
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

STREET_STEMS = _words(
    "Alder, Beech, Birch, Bramble, Cedar, Clover, Fern, Hawthorn, Heather, Holly, Juniper, Larch, Linden, "
    "Maple, Rowan, Willow, Yew, Glanmor, Brynteg, Pencoed, Maesglas, Coedlan, Llwynfen"
)
# Welsh street words only go with Welsh names: "Heol Tegid", never "Heol Willow".
WELSH_STREET_STEMS = _words("Tegid, Elai, Hafren, Ystrad, Dyfrig, Teilo, Gwenfo, y Felin Wen, Cefnydd, Glanmor")
STREET_ENDINGS = _words("Road, Street, Avenue, Close, Crescent, Court, Gardens, Lane, Drive, Terrace, Way, Place")
WELSH_STREET_STARTS = _words("Heol, Ffordd, Cwrt, Llwyn, Lôn")
BUILDINGS = _words("Tŷ Glas, Harbour View, Riverside House, The Maltings, Cathedral Court, Victoria House")

INTERESTS = _words(
    "mental health services, carers' support, housing, young people's services, learning disability, "
    "substance misuse, perinatal mental health, older people, Welsh-language services, digital inclusion, "
    "community transport, dementia, racial equality in mental health, LGBTQ+ wellbeing, crisis care, "
    "peer support, primary care, eating disorders, employment support, refugee and asylum seekers' health"
)
CONSENT_PURPOSES = (
    "Keeping in touch about involvement opportunities",
    "Sharing contact details with committee secretaries",
    "Sending meeting papers directly",
    "Paying expenses and involvement payments",
    "Photographs at events",
    "Equality monitoring (reported only in aggregate)",
)
NOTES = (
    "Prefers afternoon meetings.",
    "Needs a taxi booked for in-person meetings.",
    "Works Tuesdays and Thursdays, so prefers other days.",
    "Likes a phone call the day before a meeting.",
    "Happy to mentor new representatives.",
    "Prefers online meetings in winter.",
    "Brings an assistance dog to in-person meetings.",
)
PAPERS_OTHER = ("Word document, not PDF", "Audio recording", "Welsh-language copy", "Braille copy")
ACCESS_OTHER = ("Needs regular breaks", "Quiet room to recover after meetings", "Captions on online calls")

# Ofcom's ranges kept for drama and fiction, so no demo number belongs to a real person.
PHONE_FORMATS = (
    ("07700 900{:03d}", 60),
    ("029 2018 0{:03d}", 30),
    ("0161 496 0{:03d}", 3),
    ("020 7946 0{:03d}", 3),
    ("0117 496 0{:03d}", 2),
    ("+44 7700 900{:03d}", 2),
)
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
# How people build their email addresses; first.last is the most common.
EMAIL_STYLES = _words(
    "{first}.{last}, {first}.{last}, {first}{last}, {initial}.{last}, {first}_{last}, {first}{number}"
)

# (name, kind, committees); the names are invented, modelled on bodies in south Wales.
ORGANISATIONS = (
    (
        "Glan Taf and Vale University Health Board",
        "nhs",
        (
            "Mental Health Committee",
            "Quality, Safety and Experience Committee",
            "Stakeholder Reference Group",
            "Patient Experience Panel",
        ),
    ),
    ("Severnside NHS Trust", "nhs", ("Service User and Carer Forum", "Mental Health Services Redesign Board")),
    (
        "Glan Taf City Council",
        "council",
        (
            "Health and Care Partnership Board",
            "Commissioning Panel",
            "Carers' Partnership Board",
            "Learning Disability Partnership Board",
        ),
    ),
    ("Glan Taf Voluntary Action", "vcs", ("Third Sector Health Network", "Mentoring Steering Group")),
    ("Mind Matters Glan Taf", "vcs", ("Splott and Adamsdown Local Group", "Ely and Caerau Local Group")),
    ("Carers Together Cymru", "vcs", ("Carers' Forum", "Young Carers' Voice")),
    ("Peer Voices Cymru", "vcs", ("Peer Support Steering Group", "Men's Mental Health Group")),
    ("Hafan Community Wellbeing", "vcs", ("Grangetown Local Group", "Women's Wellbeing Circle")),
    ("Glan Taf Housing Partnership", "other", ("Tenants' Panel",)),
)
