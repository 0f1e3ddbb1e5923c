"""Word tables for figure extraction: number words, units, currencies, hedges and predicates.

Plain module-level data so that :mod:`newsgraph.text.numbers` can build its regexes once at
import. Every table is lowercase unless it says otherwise; the surface forms of predicates are
spelled out in full (no stemming) so that a form is recognised only when it is listed here.
"""

from __future__ import annotations

# --- number words ---------------------------------------------------------------------------

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

# Multipliers written as words; "hundred" and "dozen" multiply the running group, the others
# close it (as in "two hundred thousand").
SCALE_WORDS: dict[str, float] = {
    "dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip

# Abbreviated scales after digits ("€300m", "£1.2bn", "$50k"). "m", "b" and "k" are read as
# scales only next to a currency (or, for "m", before a counted noun), see numbers.py.
SCALE_ABBREVIATIONS: dict[str, float] = {
    "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
    "k": 1e3,
}  # fmt: skip

# "hundreds of", "tens of thousands of": the plural means at least two of the unit, so the
# value kept is that lower bound (hundreds -> 200) and the figure is marked hedged.
PLURAL_UNITS: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9,
}  # fmt: skip

FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip

# Vague multipliers before a bare scale word: "several hundred" -> 3 x 100 (a lower bound).
VAGUE_MULTIPLIERS: dict[str, int] = {"several": 3, "a few": 2, "a couple of": 2, "many": 2}

# --- hedges and bounds ----------------------------------------------------------------------

# Surface form (lowercase, single spaces) -> normalised qualifier.
QUALIFIERS: dict[str, str] = {
    "about": "about", "around": "around", "roughly": "roughly", "approximately": "approximately",
    "approx.": "approximately", "circa": "about", "some": "some", "an estimated": "an estimated",
    "estimated": "an estimated", "nearly": "nearly", "almost": "almost", "close to": "close to",
    "just under": "just under", "just over": "just over", "well over": "well over",
    "at least": "at least", "at most": "at most", "more than": "more than", "over": "over",
    "above": "above", "upwards of": "upwards of", "upward of": "upwards of",
    "in excess of": "more than", "up to": "up to", "fewer than": "fewer than",
    "less than": "less than", "under": "under", "below": "below",
    "no fewer than": "at least", "no less than": "at least", "not less than": "at least",
    "no more than": "at most", "not more than": "at most", "as many as": "as many as",
    "as much as": "as much as", "as few as": "as few as", "between": "between",
    "several": "several", "a few": "a few", "a couple of": "a couple of", "many": "many",
}  # fmt: skip

# Hedges written after the number: "40 or so", "40-odd", "40-plus", "40+".
RIGHT_QUALIFIERS: dict[str, str] = {
    "or so": "about", "or more": "at least", "odd": "about", "plus": "at least", "+": "at least",
}  # fmt: skip

# --- currencies and units -------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "a$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD",
    "nz$": "NZD", "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₪": "ILS", "₽": "RUB",
    "₴": "UAH", "₹": "INR", "₺": "TRY",
}  # fmt: skip

# ISO 4217 codes recognised before or after a number (matched case-sensitively), plus "NIS".
CURRENCY_CODES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "ILS", "NIS", "RUB", "UAH", "CNY", "RMB", "JPY", "INR", "TRY", "IRR",
    "SAR", "AED", "EGP", "CHF", "CAD", "AUD", "SYP", "LBP", "QAR", "KWD", "PKR", "NGN", "ZAR",
    "BRL", "MXN", "KRW", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "HKD", "NZD", "SGD", "IDR",
    "THB", "VND", "PHP", "MYR", "JOD", "IQD", "AFN", "KES", "ETB", "SDG", "YER", "VES", "ARS",
)  # fmt: skip
CURRENCY_CODE_ALIASES: dict[str, str] = {"NIS": "ILS", "RMB": "CNY"}

# Currency names after a number; the optional adjective picks the country ("Lebanese pounds").
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "american dollar": "USD", "canadian dollar": "CAD",
    "australian dollar": "AUD", "hong kong dollar": "HKD", "new zealand dollar": "NZD",
    "euro": "EUR", "pound": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "egyptian pound": "EGP", "lebanese pound": "LBP",
    "syrian pound": "SYP", "sudanese pound": "SDG", "shekel": "ILS", "new shekel": "ILS",
    "rouble": "RUB", "ruble": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnya": "UAH",
    "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "indian rupee": "INR",
    "pakistani rupee": "PKR", "lira": "TRY", "turkish lira": "TRY", "lire": "TRY",
    "rial": "IRR", "iranian rial": "IRR", "riyal": "SAR", "saudi riyal": "SAR",
    "qatari riyal": "QAR", "dirham": "AED", "swiss franc": "CHF", "rand": "ZAR",
    "naira": "NGN", "real": "BRL", "reais": "BRL", "zloty": "PLN", "zlotys": "PLN",
    "iraqi dinar": "IQD", "jordanian dinar": "JOD", "afghani": "AFN", "afghanis": "AFN",
    "birr": "ETB", "shilling": "KES", "kenyan shilling": "KES", "bolivar": "VES",
    "danish krone": "DKK", "danish kroner": "DKK", "norwegian krone": "NOK",
    "norwegian kroner": "NOK", "swedish krona": "SEK", "swedish kronor": "SEK",
    "bolivars": "VES", "peso": "MXN", "argentine peso": "ARS", "mexican peso": "MXN",
}  # fmt: skip

# Unit surface form (lowercase) -> normalised unit. Plurals are listed where they differ by
# more than a final "s"; the regex in numbers.py accepts an optional "s" after each form.
UNITS: dict[str, str] = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "miles", "metre": "m",
    "meter": "m", "cm": "cm", "mm": "mm", "foot": "ft", "feet": "ft", "ft": "ft",
    "square kilometre": "km2", "square kilometer": "km2", "sq km": "km2", "km2": "km2",
    "km²": "km2", "square mile": "sq mi", "sq mi": "sq mi", "hectare": "ha", "acre": "acres",
    "kg": "kg", "kilogram": "kg", "kilo": "kg", "tonne": "tonnes", "ton": "tonnes",
    "metric ton": "tonnes", "metric tonne": "tonnes", "lb": "lb", "barrel": "barrels",
    "bpd": "barrels per day", "barrels per day": "barrels per day", "litre": "litres",
    "liter": "litres", "gallon": "gallons", "cubic metre": "m3", "cubic meter": "m3",
    "megawatt": "MW", "mw": "MW", "gigawatt": "GW", "gw": "GW", "degree": "degrees",
    "degrees celsius": "°C", "degrees fahrenheit": "°F", "°c": "°C", "°f": "°F",
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades",
    "percentage point": "percentage points", "basis point": "basis points",
    "magnitude": "magnitude",
}  # fmt: skip
TIME_UNITS: frozenset[str] = frozenset(
    ("seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades")
)

# Words after a time unit that make it a time expression, not a figure ("two years ago").
TIME_RELATIVE: tuple[str, ...] = ("ago", "later", "earlier", "before", "after", "from now", "hence")

# --- what is counted ------------------------------------------------------------------------

# (category, label, positions, surface forms). The label is what ``Figure.what`` says; all the
# ways of saying someone died share the label "killed". positions: "L" the form can stand
# before the figure as a transitive verb ("killed 40"), "R" after the counted noun ("40 people
# were killed", "40 dead"). The surface forms are comma-separated.
PREDICATES: tuple[tuple[str, str, str, str], ...] = (
    ("killed", "killed", "LR",
     "kill, kills, killed, killing, shot dead, shoot dead, shooting dead, slay, slays, "
     "slew, slain, slaying, massacre, massacres, massacred, massacring, murder, murders, "
     "murdered, murdering, execute, executes, executed, executing"),
    ("killed", "killed", "R",
     "die, dies, died, dying, perish, perishes, perished, perishing, dead, drown, drowns, "
     "drowned, drowning, shot dead, shot and killed, lost their lives, lost his life, "
     "lost her life"),
    ("wounded", "wounded", "R", "shot and wounded, shot and injured"),
    ("wounded", "wounded", "LR", "wound, wounds, wounded, wounding"),
    ("wounded", "injured", "LR",
     "injure, injures, injured, injuring, maim, maims, maimed, maiming"),
    ("wounded", "injured", "R", "hurt"),
    ("kidnapped", "kidnapped", "LR", "kidnap, kidnaps, kidnapped, kidnapping"),
    ("kidnapped", "abducted", "LR", "abduct, abducts, abducted, abducting"),
    ("kidnapped", "taken hostage", "R",
     "taken hostage, held hostage, taken captive, held captive, hostage, captive"),
    ("displaced", "displaced", "LR", "displace, displaces, displaced, displacing"),
    ("displaced", "fled", "R", "flee, flees, fled, fleeing"),
    ("displaced", "evacuated", "LR", "evacuate, evacuates, evacuated, evacuating"),
    ("displaced", "uprooted", "LR", "uproot, uproots, uprooted, uprooting"),
    ("displaced", "expelled", "LR", "expel, expels, expelled, expelling"),
    ("displaced", "deported", "LR", "deport, deports, deported, deporting"),
    ("displaced", "made homeless", "R", "made homeless, left homeless, homeless"),
    ("arrested", "arrested", "LR", "arrest, arrests, arrested, arresting"),
    ("arrested", "detained", "LR", "detain, detains, detained, detaining"),
    ("arrested", "jailed", "LR", "jail, jails, jailed, jailing"),
    ("arrested", "imprisoned", "LR", "imprison, imprisons, imprisoned, imprisoning"),
    ("arrested", "rounded up", "LR", "round up, rounds up, rounded up, rounding up"),
    ("projectiles", "fired", "LR", "fire, fires, fired, firing"),
    ("projectiles", "launched", "LR", "launch, launches, launched, launching"),
    ("projectiles", "intercepted", "LR", "intercept, intercepts, intercepted, intercepting"),
    ("projectiles", "shot down", "LR", "shoot down, shoots down, shot down, shooting down, downed"),
    ("money", "pledged", "LR", "pledge, pledges, pledged, pledging"),
    ("money", "spent", "LR", "spend, spends, spent, spending"),
    ("money", "allocated", "LR",
     "allocate, allocates, allocated, allocating, earmark, earmarks, earmarked, "
     "earmarking"),
    ("money", "approved", "LR", "approve, approves, approved, approving"),
    ("money", "raised", "LR", "raise, raises, raised, raising"),
    ("money", "paid", "LR", "pay, pays, paid, paying"),
    ("money", "donated", "LR", "donate, donates, donated, donating"),
    ("money", "lent", "LR", "lend, lends, lent, lending, loaned"),
    ("money", "invested", "LR", "invest, invests, invested, investing"),
    ("money", "cost", "L", "cost, costs, costing"),
    ("money", "fined", "L", "fine, fines, fined, fining"),
    ("money", "sent", "LR", "send, sends, sent, sending"),
    ("money", "granted", "LR", "grant, grants, granted, granting"),
)  # fmt: skip

# Nouns that name the counted event and stand before "of" or "rose to": "the deaths of 30",
# "a death toll of 40", "the toll has risen to 40", "the arrest of 40 protesters".
NOMINALS: tuple[tuple[str, str, str], ...] = (
    ("killed", "killed",
     "death, deaths, death toll, toll, fatalities, killing, killings, massacre, "
     "murder, murders, execution, executions, dead"),
    ("wounded", "injured", "injuries, injury, wounding, wounded, injured"),
    ("kidnapped", "kidnapped", "kidnapping, kidnappings, abduction, abductions"),
    ("displaced", "displaced",
     "displacement, evacuation, expulsion, expulsions, deportation, deportations, "
     "displaced"),
    ("arrested", "arrested", "arrest, arrests, detention, detentions, imprisonment"),
    ("projectiles", "fired", "launch, launches, barrage, barrages, salvo, salvos, volley"),
)  # fmt: skip

# Head nouns whose mere presence says what kind of figure it is.
CATEGORY_NOUNS: dict[str, tuple[str, ...]] = {
    "killed": ("dead", "deaths", "fatalities", "bodies", "corpses"),
    "wounded": ("wounded", "injured", "injuries"),
    "kidnapped": ("hostages", "captives", "abductees"),
    "displaced": ("refugees", "evacuees", "idps", "displaced"),
    "arrested": ("detainees", "prisoners", "arrests", "inmates"),
    "projectiles": (
        "rockets", "missiles", "drones", "shells", "mortars", "projectiles", "bombs",
        "munitions", "grenades", "uavs", "interceptors", "shaheds", "rounds",
    ),
}  # fmt: skip

PERSON_NOUNS: tuple[str, ...] = (
    "people", "persons", "individuals", "civilians", "children", "kids", "minors", "babies",
    "infants", "women", "men", "girls", "boys", "residents", "inhabitants", "citizens",
    "nationals", "protesters", "protestors", "demonstrators", "activists", "rioters",
    "soldiers", "troops", "servicemen", "servicemembers", "personnel", "fighters", "militants",
    "combatants", "rebels", "insurgents", "gunmen", "jihadists", "militiamen", "recruits",
    "conscripts", "reservists", "volunteers", "mercenaries", "officers", "police",
    "policemen", "policewomen", "guards", "journalists", "reporters", "workers", "staff",
    "employees", "students", "teachers", "doctors", "medics", "nurses", "paramedics",
    "patients", "voters", "migrants", "asylum-seekers", "pilgrims", "worshippers",
    "passengers", "tourists", "settlers", "farmers", "miners", "fishermen", "families",
    "victims", "casualties", "survivors", "members", "supporters", "lawmakers", "mps",
    "deputies", "delegates", "senators", "diplomats", "officials", "ministers", "judges",
    "athletes", "players", "fans", "visitors", "dissidents", "critics", "opponents",
    "suspects", "defendants", "adults", "teenagers", "youths", "elderly", "pensioners",
    "marines", "sailors", "pilots", "crew", "firefighters", "rescuers", "peacekeepers",
    "monks", "priests", "clerics", "rabbis", "imams", "villagers", "households", "others",
    "cops", "troopers", "agents", "contractors", "schoolgirls", "schoolboys", "schoolchildren",
    # group names that the demonym suffix rule does not recognise
    "rohingya", "druze", "roma", "uyghurs", "uighurs", "bedouin", "bedouins", "jews",
    "christians", "muslims", "hindus", "sikhs", "yazidis", "alawites", "copts",
)  # fmt: skip

# Capitalised plural suffixes that mark a demonym ("Israelis", "Palestinians", "Sudanese").
DEMONYM_SUFFIXES: tuple[str, ...] = (
    "ians", "eans", "ans", "is", "ese", "ites", "ers", "ks", "ds", "bs", "hs", "ts"
)  # fmt: skip

# Singular nouns that let a bare "one" count ("one soldier was killed"); other uses of "one"
# are pronouns or idioms ("no one", "one of the", "one day").
SINGULAR_COUNTED: tuple[str, ...] = (
    "person", "civilian", "child", "kid", "baby", "woman", "man", "girl", "boy", "resident",
    "protester", "demonstrator", "soldier", "serviceman", "fighter", "militant", "officer",
    "policeman", "policewoman", "guard", "journalist", "reporter", "worker", "student",
    "teacher", "doctor", "medic", "nurse", "paramedic", "patient", "migrant", "refugee",
    "hostage", "captive", "prisoner", "detainee", "settler", "farmer", "pilgrim", "passenger",
    "tourist", "member", "suspect", "rocket", "missile", "drone", "shell", "bomb", "mortar",
    "grenade", "interceptor", "victim", "family", "teenager", "minor", "volunteer",
)  # fmt: skip

# Words that end a counted noun phrase: function words, auxiliaries, common verbs, adverbs.
NP_STOPWORDS: frozenset[str] = frozenset(
    (
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our",
        "my", "your", "whose", "which", "who", "whom", "what", "in", "on", "at", "by", "for",
        "from", "with", "without", "to", "of", "into", "onto", "upon", "across", "along",
        "among", "amid", "amidst", "against", "during", "since", "after", "before", "over",
        "under", "near", "inside", "outside", "through", "throughout", "per", "via", "around",
        "about", "while", "when", "where", "whether", "if", "but", "so", "because", "although",
        "though", "yet", "than", "as", "not", "no", "nor", "or", "and", "each", "every", "both",
        "either", "neither", "such", "another", "own", "same", "last",
        "next", "ago", "earlier", "later", "here", "there", "then", "now", "also", "still",
        "already", "just", "only", "even", "is", "are", "was", "were", "be", "been", "being",
        "am", "has", "have", "had", "having", "do", "does", "did", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "said", "says", "say", "told", "tell",
        "tells", "according", "reportedly", "allegedly", "apparently", "including", "included",
        "mostly", "mainly", "largely", "many", "most", "more", "less", "fewer", "all", "some",
        "any", "several", "few", "much", "very", "too", "almost", "nearly", "roughly",
        "approximately", "least", "went", "go", "goes", "gone", "came", "come", "comes", "took",
        "take", "takes", "taken", "gave", "give", "gives", "made", "make", "makes", "got",
        "get", "gets", "left", "remain", "remains", "remained", "remaining", "stayed", "live",
        "lives", "lived", "living", "rose", "risen", "fell", "fallen", "ran", "run", "runs",
        "hit", "hits", "saw", "seen", "won", "lost", "met", "meet", "meets", "held", "hold",
        "holds", "kept", "keep", "keeps", "stood", "stand", "stands", "sat", "joined",
        "attended", "marched", "gathered", "rallied", "protested", "voted", "chanted", "waited",
        "arrived", "returned", "crossed", "entered", "received", "cent", "percent", "today",
        "yesterday", "tonight", "tomorrow", "week", "month", "year", "day", "days", "times",
        # present-tense verbs that would otherwise read as the second word of a compound noun
        # (words that are also common nouns, such as "support" or "needs", are left out)
        "lacks", "suffers", "suffer", "relies", "rely", "depends", "depend", "wants", "want",
        "opposes", "oppose", "favours", "favors", "believes", "believe", "thinks", "think",
        "expects", "expect", "reside", "resides", "belong", "belongs", "continue", "continues",
        "become", "becomes", "seem", "seems", "face", "need", "fear", "lack",
        # irregular past tenses and base forms that follow a counted noun as its verb
        "began", "begin", "became", "brought", "bought", "built", "caught", "chose", "drew",
        "drove", "fought", "found", "flew", "grew", "heard", "knew", "led", "meant", "put",
        "read", "sold", "spoke", "spread", "struck", "swore", "taught", "thought", "threw",
        "wrote", "broke", "felt", "set", "shut", "enter", "join", "arrive",
        "amongst", "worth",
        # adverbs and particles that follow a counted noun ("evacuated 600 residents ahead of")
        "ahead", "away", "back", "out", "off", "down", "up", "home", "abroad", "overseas",
        "nationwide", "worldwide", "overnight", "together", "alone", "instead", "again"
    )
)  # fmt: skip

# --- what is not a figure -------------------------------------------------------------------

# Words that label a document, place or unit by number ("Resolution 2334", "Route 6"). The
# first list matches in any case; the second only capitalised, as its words are also verbs or
# common nouns in lowercase ("block 40 trucks", "round up 40").
LABEL_WORDS_ANY_CASE: tuple[str, ...] = (
    "resolution", "article", "route", "highway", "section", "chapter", "paragraph", "para",
    "clause", "amendment", "decree", "page", "pp", "vol", "volume", "flight", "platform",
    "terminal", "brigade", "battalion", "regiment", "squadron", "precinct", "pier", "hangar",
)  # fmt: skip
LABEL_WORDS_CAPITALISED: tuple[str, ...] = (
    "No", "Nos", "Number", "Block", "Order", "Round", "Unit", "Line", "Class", "Type", "Level",
    "Case", "File", "Law", "Bill", "Camp", "Phase", "Stage", "Model", "Version", "Channel",
    "Building", "Sector", "Zone", "District", "Ward", "Exit", "Lane", "Seat", "Tier",
    "Category", "Grade", "Proposition", "Measure", "Question", "Item", "Lot", "Plot",
    "Apartment", "Flat", "Box", "Figure", "Fig", "Table", "Station", "Bus", "Tower", "Hill",
    "Corps", "Division", "Gate", "Room", "Group", "Team", "Kilometre", "Kilometer", "Act",
)  # fmt: skip

# Words before a year-shaped number that make it a year even before a plural noun
# ("the 2019 elections", "in 2014 rockets...").
YEAR_CONTEXT: frozenset[str] = frozenset(
    (
        "in", "since", "until", "till", "by", "during", "before", "after", "from", "the",
        "this", "that", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter",
        "between", "to", "through", "and", "or", "year", "fiscal", "around", "circa", "its",
        "their"
    )
)  # fmt: skip

# Words after a glued "m" that make it metres rather than millions ("a 10m wall").
METRE_CONTEXT: frozenset[str] = frozenset(
    (
        "high", "tall", "long", "wide", "deep", "away", "below", "above", "underground", "thick"
    )
)  # fmt: skip
