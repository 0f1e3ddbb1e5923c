"""Word tables and regular expressions for ``newsgraph.text.timex``.

The tables say which words make a date expression and which words around a candidate show that
it is not one (a modal "May", the "Sunday Times", a count such as "2000 troops"). Every pattern
is compiled once at import; the resolver in ``timex`` maps each named pattern to a handler.
"""

from __future__ import annotations

import re


def _words(spaced: str) -> frozenset[str]:
    """A word table written as one space-separated string."""
    return frozenset(spaced.split())


MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a couple of": 2,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "final": 4, "last": 4,
}  # fmt: skip

# Northern-hemisphere meteorological seasons, TimeML codes, and the months each one covers.
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Words right before a bare month name ("in March", "since May") that make it a date; without
# one, "May" and "March" are read as the verb/noun ("may say", "a march on").
MONTH_CUES = _words(
    "in since until till by from to through during before after early late mid last next this "
    "of around between throughout"
)
AMBIGUOUS_MONTHS = frozenset({"may", "march"})

# Words before (the) a season word that make it a date: "in the spring", "during winter".
SEASON_CUES = _words(
    "in during since until till by through throughout over before after early late mid"
)

# Names and fixed phrases in which a weekday is not a date ("Sunday Times", "Good Friday").
WEEKDAY_NOT_AFTER = _words(
    "good black bloody super cyber ash holy maundy palm easter shrove giving every each"
)
# Capitalised words after a weekday that make a name; lowercase words that make a habit.
WEEKDAY_NAME_NEXT = _words(
    "Times Telegraph Express Mirror Post Herald Mail People Star Independent Sport Agreement "
    "Accord Club Observer Tribune Review Edition Show League School Night Live"
)
WEEKDAY_HABIT_NEXT = _words("school schools league")

# Words right before a four-digit number that make it a label, not a year ("Resolution 2334").
YEAR_NOT_AFTER = _words(
    "resolution resolutions no number flight route article section room page pages model "
    "version chapter item bus highway road unit apartment suite code form rule bill exit "
    "channel box vol issue ward district cell lot tag id pin hr sb hb windows office iso "
    "paragraph clause regulation order decree law act squad battalion brigade regiment"
)
# Words right after a four-digit number that make it a count or a measure ("2000 troops").
YEAR_NOT_BEFORE = _words(
    "people persons troops soldiers fighters civilians residents refugees migrants families "
    "children men women workers employees staff jobs homes houses buildings cars vehicles "
    "rockets missiles drones shells bombs votes voters signatures units copies tons tonnes "
    "barrels km kilometres kilometers miles metres meters feet ft kg pounds dollars euros yuan "
    "yen rupees points percent pc acres hectares calories words pages students patients "
    "deaths cases arrests prisoners detainees hostages members delegates participants "
    "protesters demonstrators police officers guards cattle sheep animals birds trees"
)
# A preposition before a number below 1900 that makes it a year ("in 1848").
OLD_YEAR_CUES = _words("in since by from until till during before after around circa of to between")

# Future and past cue words in the same clause decide which way a bare weekday or month goes.
FUTURE_CUES = _words(
    "will 'll shall won't wont next upcoming coming scheduled expected slated planned tomorrow"
)
FUTURE_BIGRAMS = frozenset(
    {
        ("to", "be"), ("is", "to"), ("are", "to"), ("set", "to"), ("going", "to"),
        ("will", "be"), ("would", "be"), ("plans", "to"), ("plan", "to"), ("planning", "to"),
        ("intends", "to"), ("aims", "to"), ("hopes", "to"), ("due", "on"), ("due", "in"),
        ("due", "by"), ("due", "for"),
    }
    # "postponed until Saturday": the act is past, the date it points to lies ahead.
    | {
        (verb, word)
        for verb in ("postponed", "delayed", "adjourned", "deferred", "extended", "suspended")
        for word in ("until", "till", "to")
    }
)  # fmt: skip
# Words that open a new clause: a tense cue beyond one counts for less ("a rule on Thursday
# that will require").
CLAUSE_BREAKS = _words(", ; : — – that which who whom whose where when while because although")
# "to" + one of these verbs looks ahead ("a programme to run through June").
PROSPECTIVE_VERBS = _words(
    "be hold meet visit run take begin start vote launch open close resume travel attend sign "
    "host return end hear decide announce release publish face testify appear speak address "
    "deliver rule review present discuss consider debate elect choose join leave arrive finish "
    "complete expire last continue reopen restart stage mark celebrate commemorate unveil "
    "submit file introduce pass approve ratify implement enforce take effect go come"
)
PAST_CUES = _words(
    "said told was were had did has have ago last yesterday earlier met made took gave "
    "went came began held left saw won lost fell rose spoke wrote sent struck fought led broke "
    "shot ran became found got kept paid sold stood thought brought bought caught chose drove "
    "flew knew meant sought spent understood wore overthrew hit quit"
)
# After these words a past participle is passive or perfect ("will be held"): not past tense.
PARTICIPLE_AUX = _words("be been being is are am to will would")
# "-ed" words that are not past-tense verbs.
NOT_PAST_ED = _words("need indeed red bed shed seed speed feed breed united hundred")

# Prepositions that make "the next decade" a stretch of time rather than a date.
DURATION_PREPOSITIONS = _words("over for within throughout")
# Words after "the past" that make it a trailing duration ("the past two years").
DURATION_FOLLOWERS = (
    _words(
        "few several many couple week weeks month months year years decade decades day days "
        "century centuries hour hours"
    )
    | NUMBER_WORDS.keys()
)

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_DIGITS = r"(?P<y>(?:1[5-9]|20|21)\d\d)"
_YEAR = _YEAR_DIGITS + r"(?![\d%]|[.,/\-–]\d)"
# "the end of 2019", "the beginning of March": TimeML keeps these in the timex (as a modifier).
_PART_OF = r"the\s+(?:end|beginning|start|middle|turn|rest)\s+of"
_DAY_MODS = rf"(?i:early|earlier|late|later|mid|{_PART_OF}|end|start)"
_REL = r"(?<![A-Za-z])(?i:this\s+past|this\s+coming|last|next|this|past|coming)"
_NUMBER = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in NUMBER_WORDS), key=len, reverse=True)
)
_NUMS = rf"(?:\d{{1,3}}|{_NUMBER})"
_UNITS = "day|week|month|year|decade|century|fortnight"

ISO = re.compile(
    r"(?<![\d.\-/])(?P<y>(?:1[5-9]|20)\d\d)(?P<sep>[-/])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
)
NUMERIC = re.compile(
    r"(?<![\d.\-/,])(?P<a>[0-3]?\d)(?P<sep>[/.\-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![\d]|[.\-/]\d)"
)
MONTH_DAY = re.compile(
    rf"(?<![A-Za-z])(?:(?P<wd>{_WEEKDAY}),?\s+(?:the\s+)?)?(?P<mon>{_MONTH_ANY})\s*"
    rf"(?P<d1>[0-3]?\d){_ORD}"
    rf"(?:\s*(?:-|–|—|to|through|until|till)\s*(?P<d2>[0-3]?\d){_ORD})?"
    rf"(?![\d:]|\.\d|,\d{{3}})(?:,?\s+{_YEAR})?"
)
DAY_MONTH = re.compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?<![\w.,$€£])(?P<d1>[0-3]?\d){_ORD}"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<d2>[0-3]?\d){_ORD})?\s+(?:of\s+)?"
    rf"(?P<mon>{_MONTH_ANY})(?![A-Za-z])(?:,?\s+{_YEAR})?"
)
MONTH_YEAR = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>{_DAY_MODS})[\s-]+)?(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR})"
    rf"(?:\s+of)?,?\s+{_YEAR}"
)
MONTH = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>{_DAY_MODS})[\s-]+)?(?:(?P<rel>{_REL})\s+)?"
    rf"(?P<mon>{_MONTH_FULL})(?![A-Za-z])"
    r"(?:,?\s+(?:of\s+)?(?P<yrel>(?i:last|this|next))\s+year)?"
)
YEAR = re.compile(
    rf"(?<![\w$€£#.,/\-])(?:(?P<mod>(?i:early|late|mid|{_PART_OF}))[\s-]+)?"
    rf"(?:(?P<fy>(?i:fiscal|FY))\s*)?{_YEAR_DIGITS}(?![\d%]|[.,]\d)"
    r"(?:\s*(?:-|–|—|/)\s*(?P<y2>\d{4}|\d{2})(?![\d%]|[.,]\d))?(?![A-Za-z])"
)
DECADE = re.compile(
    r"(?<![\w$€£#.,])(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?"
    r"(?:(?P<dec>(?:1[5-9]|20)\d0)['’]?s|['’](?P<dd>\d0)s|(?<=the )(?P<du>\d0)s"
    r"|(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))"
    r"(?!\w)"
)
CENTURY = re.compile(
    r"(?i:(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?"
    r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth|twenty[\s-]first|twenty[\s-]second)[\s-]+century)(?!\w)"
)
QUARTER = re.compile(
    r"(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter"
    r"(?:\s+of\s+(?:(?P<y>(?:19|20)\d\d)|(?:the\s+)?(?P<yrel>this|last|next|current|previous)"
    r"\s+year|(?P<the>the)\s+year))?)(?!\w)"
    r"|(?<![\w-])Q(?P<q>[1-4])(?:\s*|-)(?P<qy>(?:19|20)\d\d)?(?![\w-])"
    r"|(?<![\w-])(?P<yq>(?:19|20)\d\d)[\s-]?Q(?P<q2>[1-4])(?!\w)"
)
SEASON = re.compile(
    rf"(?<![A-Za-z])(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?:(?P<rel>{_REL})\s+)?"
    r"(?<![A-Za-z])(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?!\w)"
    r"(?:,?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?![\d%]|[.,/\-–]\d)"
    r"|\s+(?:of\s+)?(?P<yrel>(?i:last|this|next))\s+year)?"
)
WEEKDAY = re.compile(
    rf"(?<![A-Za-z])(?:(?P<rel>{_REL})\s+)?(?<![A-Za-z])(?P<wd>{_WEEKDAY})(?![A-Za-z])"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)
WEEKEND = re.compile(rf"(?:(?P<rel>{_REL})\s+|(?P<the>(?i:the))\s+)(?i:weekend)(?!\w)")
DAY_WORD = re.compile(
    r"(?<!\w)(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|"
    r"today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?!\w)"
)
REL_UNIT = re.compile(
    rf"(?<!\w)(?:(?P<mod>{_DAY_MODS})[\s-]+(?i:in\s+)?)?"
    r"(?:(?P<the>(?i:the))\s+)?"
    r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|previous|following|coming|current|"
    r"same|past))\s+(?:(?i:fiscal|calendar)\s+)?(?P<unit>(?i:day|week|month|year|quarter|"
    r"decade|century))(?!\w)"
    rf"|(?<!\w)(?P<mod2>(?i:{_PART_OF}|end\s+of|start\s+of))\s+(?i:the\s+)?"
    r"(?P<unit2>(?i:year|month|week))(?!\w)"
)
AGO = re.compile(
    rf"(?<![\w,.])(?P<n>(?i:{_NUMS}))[\s-]+(?P<unit>(?i:{_UNITS}))s?\s+"
    r"(?P<dir>(?i:ago|earlier|later|before|after|from\s+now|prior|previously|back))(?!\w)"
    r"|(?<!\w)(?P<dir2>(?i:the\s+day\s+(?:before|after)))(?!\w)"
)
REFERENCE = re.compile(
    r"(?<![\w-])(?P<w>(?i:now|currently|nowadays|at\s+present|presently|at\s+the\s+moment|"
    r"the\s+past|the\s+future))(?![\w-])"
)
# Spans the rules above found but cannot read: handed to dateparser ("Oct. 7, '23").
LOOSE = re.compile(rf"(?<![A-Za-z])(?:{_MONTH_ANY})\s*[0-3]?\d{_ORD},?\s*['’]\d\d(?!\d)")

SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“‘(])|\n")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|,|;|:|—|–")

# Anchors: a cheap pattern every match of the rule contains. The full pattern is only tried in
# a window around each anchor, which keeps the stage fast on text without dates. Anchors marked
# for lowercase text are searched in ``text.lower()``.
_MONTH_ANCHOR = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
DIGIT = re.compile(r"\d")
A_ISO = re.compile(r"\d\d\d\d[-/]\d")
A_NUMERIC = re.compile(r"\d[/.\-]\d\d?[/.\-]\d\d")
A_MONTH = _MONTH_ANCHOR
A_YEAR = re.compile(r"1[5-9]\d\d|2[01]\d\d")
A_DECADE = re.compile(r"0['’]?s|ties")
A_CENTURY = re.compile(r"century")
A_QUARTER = re.compile(r"quarter|q[1-4]")
A_SEASON = re.compile(r"spring|summer|autumn|fall|winter")
A_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
A_WEEKEND = re.compile(r"weekend")
A_UNIT = re.compile(
    r"day|week|month|year|quarter|decade|century|fortnight|tomorrow|night|morning|afternoon|evening"
)
A_REFERENCE = re.compile(r"now|current|present|moment|past|future")
