"""The transcript grammar: every recogniser, named, commented, in one table per level.

Block recognisers look at a whole paragraph; inline recognisers find spans inside one. The
classifier (`classify.py`) and the inline tokenizer (`inline.py`) only walk these tables, so a new
construct is a new row here plus a row in its table-driven test.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- speaker labels
# (the label grammars themselves are the table of `labels.py`)

#: One upper-case name word: STALIN, TER-GABRYELAN, O’BRIEN, ST.
_UP = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ’'\-]*\.?"
#: A name of upper-case words ("THE CHAIRMAN", "ANOTHER DELEGATE").
_UPNAME = rf"{_UP}(?:[ ]{_UP}){{0,3}}"
#: Labels that name a role rather than a person, with what they resolve to.
ROLE_LABELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "chair",
        re.compile(
            r"(?:THE[ ])?(?:CHAIR(?:MAN|WOMAN|PERSON)?|PRESIDENT|SPEAKER(?:[ ]PRO[ ]TEMPORE)?|PRESIDING[ ]OFFICER)",
            re.I,
        ),
    ),
    (
        "anonymous",
        re.compile(
            r"(?:AN(?:OTHER)?[ ]|A[ ]|SEVERAL[ ]|SOME[ ])?(?:DELEGATES?|VOICES?|QUESTION|MEMBERS?|SPEAKER[ ]FROM[ ]THE[ ]FLOOR|INTERJECTION)",
            re.I,
        ),
    ),
    # an examination: Q is the counsel examining, A the witness ("Q. Where were you?— At home.")
    ("examiner", re.compile(r"Q")),
    ("witness", re.compile(r"A")),
    # an office, not a person: resolved through the register's labels like a name ("THE CLERK")
    (
        "office",
        re.compile(
            r"(?:THE[ ])?(?:CLERK|SECRETARY|TREASURER|RAPPORTEUR|REPORTER|STENOGRAPHER)(?:[ ]TO[ ]THE[ ][A-Z]+)?", re.I
        ),
    ),
]

#: The formulae that open the clauses of a resolution, a by-law or an order ("RESOLVED: That …",
#: "WHEREAS: …", "BE IT FURTHER RESOLVED: …"): upper case before a colon like a label, but words
#: read out by whoever speaks, never a person.
FORMULA = re.compile(
    r"""(?:AND[ ])?(?:BE[ ]IT[ ]|IT[ ]IS[ ])?(?:FURTHER[ ]|ALSO[ ])?
        (?:RESOLVED|WHEREAS|ORDERED|ENACTED|PROVIDED|DECREED|ADOPTED|AGREED|NOTED|DECIDED|THEREFORE)
        (?:[ ](?:FURTHER|ALSO|THAT))?""",
    re.X,
)

#: Who examines and who is examined, in a trial's own words: (role, pattern with <name>).
_COUNSEL = r"(?P<name>(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Sergeant|Serjeant)\.?[ ][^\n,.:;]{1,40}?|the[ ][A-Z][\w ]{2,30}?)"
EXAMINATION: list[tuple[str, re.Pattern[str]]] = [
    # "Examined by Mr. Dunning.", "Cross-Examination, by Mr. Bearcroft.", "Examined by Mr. Pechell, for Mr. Erskine."
    (
        "examiner",
        re.compile(
            rf"(?:(?:Direct|Cross|Re|Further|Redirect|Recross)[- ]?)?(?:examined|examination)"
            rf"(?:[ ]continued)?,?[ ]by[ ]{_COUNSEL}(?:,[ ]for[ ][^\n]{{1,40}})?[.,]?",
            re.I,
        ),
    ),
    # "BY MR. SMITH:" (a modern transcript names the examining counsel so)
    ("examiner", re.compile(rf"BY[ ]{_COUNSEL}:", re.I)),
    # "Captain LEVERSAGE sworn.", "FRANCIS GODFREY sworn.", "JOHN DOE, having been duly sworn, testified as follows:"
    (
        "witness",
        re.compile(
            r"(?P<name>[A-Z][\w’'.\- ]{1,60}?)(?:,[ ][^,\n]{1,40})?,?[ ]"
            r"(?:(?:having[ ]been|was|being)[ ])?(?:duly[ ])?(?:sworn|affirmed)\b[^\n]{0,60}"
        ),
    ),
]
#: "sworn." on a line of its own, under the witness's name on the line above ("The Right
#: Honourable Lord DEERHURST" / "sworn."): the two lines are read as one.
SWORN_BELOW = re.compile(r"(?:(?:having[ ]been|was|being)[ ])?(?:duly[ ])?(?:sworn|affirmed)\b[^\n]{0,60}")
#: Styles of address before or after a name, not part of it: "The Right Honourable Lord
#: PETERBOROUGH" is Lord Peterborough, "The Hon. CHARLES WYNDHAM, Esq." Charles Wyndham.
STYLES = re.compile(
    r"^(?:the[ ])?(?:(?:right|rt\.?)[ ])?(?:honourable|honorable|hon\.?)[ ](?:the[ ])?|^the[ ]|,?[ ]esq\.?$", re.I
)

#: The marks around an e-text's work: before the first and from the second on is the publisher's
#: licence and notes (Project Gutenberg and the like), kept as furniture, never spoken.
BOILERPLATE_START = re.compile(r"\*{3}[ ]?START[ ]OF[ ](?:THE|THIS)[ ]PROJECT[ ]GUTENBERG", re.I)
BOILERPLATE_END = re.compile(
    r"\*{3}[ ]?END[ ]OF[ ](?:THE|THIS)[ ]PROJECT[ ]GUTENBERG|^End[ ]of[ ](?:the[ ])?Project[ ]Gutenberg", re.I
)

# --------------------------------------------------------------------------- headings

#: Heading patterns with the division they open: (name, level, type, pattern).
HEADINGS: list[tuple[str, int, str, re.Pattern[str]]] = [
    ("session", 1, "session", re.compile(r"(?:THE[ ])?(?:JOINT[ ])?(?:SESSION|SITTING|MEETING)\b[^\n]{0,100}$", re.I)),
    ("appendix", 1, "appendix", re.compile(r"APPENDI(?:X|CES)\b[^\n]{0,60}$", re.I)),
    ("foreword", 1, "foreword", re.compile(r"(?:FOREWORD|PREFACE|INTRODUCTION)$", re.I)),
    ("act", 1, "act", re.compile(r"ACT[ ]+[IVXLC\d]+\b[^\n]{0,60}$")),
    ("scene", 2, "scene", re.compile(r"SCENE[ ]+[IVXLC\d]+\b[^\n]{0,60}$", re.I)),
    ("report", 3, "report", re.compile(r"(?:Report|Co-report)[ ]+(?:by|of)[ ][^\n]{1,60}$", re.I)),
    ("article", 4, "article", re.compile(r"(?:Article|Point|Section)[ ]+\d+\.?$")),
]

#: Words that may stay lower-case in a title-case heading.
MINOR_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "against",
    "up",
    "upon",
    "de",
    "von",
    "van",
    "du",
}

# --------------------------------------------------------------------------- dates

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
DATE = re.compile(
    r"""(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)
        [ ]+(?P<day>\d{1,2})(?:,?[ ]+(?P<year>\d{4}))?
      | (?P<day2>\d{1,2})[ ]+(?P<month2>January|February|March|April|May|June|July|August|September|October|November|December)
        (?:,?[ ]+(?P<year2>\d{4}))?""",
    re.X | re.I,
)

# --------------------------------------------------------------------------- session metadata

SESSION_META: list[tuple[str, re.Pattern[str]]] = [
    ("chair", re.compile(r"(?:The[ ])?(?:Chairman|Chairwoman|Chair|Presiding)\b\s*:", re.I)),
    ("secretaries", re.compile(r"Secretar(?:y|ies)\b\s*:", re.I)),
    ("time", re.compile(r"Time\s*:", re.I)),
    ("present", re.compile(r"Present\s*:", re.I)),
    ("agenda", re.compile(r"(?:On[ ])?(?:The[ ])?Order[ ]of[ ]the[ ]day\s*:", re.I)),
]

# --------------------------------------------------------------------------- narration

#: Vote results, in or out of parentheses: "(For – 38; against – 26.)", "For – 13",
#: "Motion carried.", "Defeated by all votes against three.", "Article 3 is adopted."
VOTE_COUNT = re.compile(
    r"""(?P<cat>\b(?:For|Against|Abstain(?:ed|ing|ions)?)\b)[ ]?[–—-][ ]?
        (?P<n>\d{1,4})(?:[ ]?[–—-][ ]?(?P<n2>\d{1,4}))?""",
    re.X | re.I,
)
VOTE_AGAINST_WORDS = re.compile(r"(?:all[ ]votes|majority(?:[ ]of[ ]all[ ]votes)?)[ ]against[ ](?P<n>\w+)", re.I)
VOTE_OUTCOME = re.compile(
    r"""\b(?P<outcome>carried|adopted|accepted|passed|rejected|defeated|withdrawn|agreed[ ]to
        |unanimously|(?:is|are)[ ]put[ ]to[ ]a[ ]vote|voted[ ](?:on|upon)|a[ ]vote[ ]is[ ]taken
        |the[ ]vote[ ]is[ ]taken|majority[ ](?:in[ ]favou?r|is[ ]against))\b""",
    re.X | re.I,
)
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}

#: Openings of the secretary's own narration (third person, procedure).
_PARTICIPLE = (
    r"(?:closed|tabled|opened|read|put|voted|adopted|carried|rejected|elected|withdrawn|accepted|"
    r"discussed|taken|informed|designated|made|introduced|raised|deleted|passed|defeated|"
    r"entrusted|added|continued|postponed|settled)"
)
NARRATION = re.compile(
    rf"""(?:(?:The|A|An)[ ](?:[\w’'\-]+[ ]){{0,6}}?(?:is|are|was|were)[ ](?:next[ ]|then[ ]|also[ ]|now[ ])?{_PARTICIPLE}\b
        |The[ ](?:following|session[ ]opens|majority[ ]is)\b
        |The[ ](?:Clerk|Secretary|Chairman|Chairwoman|Chair|President|Speaker)[ ](?:here[ ]|then[ ])?(?:reports|reported|reads|read
          |announces|announced|states|informs|puts|put|declares|presided|presides|rules|ruled)\b
        |The[ ](?:motion|motions|resolution|amendment|proposal)[ ]of[ ][^:]{{1,60}}:$
        |The[ ][Jj]ury[ ](?:went|retired|returned|withdrew|found|gave|brought|were[ ]discharged)\b
        |Discussion\b|Motion\b|Motions\b|Amendment[ ]adopted|Election[ ]of\b|Elections[ ]to\b|Elected\b|Decided\b
        |Adopted\b|Passed\b|Unanimously\b|Rejected\b|Carried\b|After[ ]the[ ]session\b
        |(?:Seven|Several|Some|Many|\d+)[ ](?:men|delegates|members|comrades)[ ](?:leave|walk|left)\b
        |Articles?[ ]\d+(?:[ ](?:is|was))?[ ](?:put|adopted|accepted|rejected)\b)""",
    re.X,
)
#: Titles a minute-taker puts before a name: "Comrade Stalin", "Councillor Mossop", "Mr. Brown".
HONORIFIC = (
    r"(?:Comrades?|Councill?ors?|Aldermen|Alderman|Citizens?|Delegates?|Deputy|Senator|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)"
)
#: "Comrade Stalin reads …", "Nogin reads …", "Voitinsky on his return is informed …",
#: "Councillor Mossop here read …"
NARRATED_PERSON = re.compile(
    rf"(?:(?P<title>{HONORIFIC})[ ])?(?P<name>[A-Z][\w’'\-]+(?:[ ]–[ ][A-Z][\w’'\-]+)?)(?P<poss>’s)?[ ]"
    r"(?:on[ ]his[ ]return[ ]|(?:then|now|next|also)[ ])?"
    r"(?P<verb>reads|moves|proposes|is|was|declares|introduces|speaks|takes|motion|reports|announces"
    r"|presides|withdraws|here[ ](?:read|moved|proposed|reported|withdrew|presented))\b"
)
#: Paragraphs that report the current speaker in the third person ("The speaker concludes …").
REPORTED = re.compile(r"(?:The[ ]speaker|The[ ]reporter|He|She)[ ]\w+", re.X)
#: A third-person verb right after a label: "NOGIN: Proposes that …", "STALIN: Inquires whether …"
REPORTED_VERB = re.compile(
    r"(?:Proposes|Moves|Introduces|Reports|Inquires|Announces|Speaks|Agrees|Considers|Is|Cannot"
    r"|Declares|Asks|Objects|Supports|Opposes|Opposed|Says|Insists|Suggests|Notes|Points|Reads"
    r"|States|Explains|Replies|Refers|Demands|Protests|Calls|Argues|Believes|Thinks|Reminds)\b"
)
#: "Is" and "Cannot" open a reported statement ("Is against the motion.") and a direct question
#: alike ("Is that my little lark twittering out there?"): a first sentence that asks is direct.
INVERTED_QUESTION = re.compile(r"(?:Is|Cannot)\b[^.!?\n]*\?")
#: A narration line that hands a quoted document to its mover: "The motion of comrade Stalin:"
DOC_MOVER = re.compile(
    r"The[ ](?:motion|resolution|proposal|amendment|draft)s?[ ](?:of|by)[ ](?:comrades?[ ])?"
    r"(?P<name>[A-Z][\w’'\-]+):$"
)

#: A whole paragraph that is a direction: in parentheses ("(Beifall bei der SPD)", "(Exit Nora.)"),
#: in a bracket opening an italic ("[_He disappears._", the bracket often left open), or all italic
#: ("_Enter Lucy._"). Square brackets alone are left to the inline grammar: in minutes they hold an
#: editor's insertions.
DIRECTION = re.compile(r"\((?:[^()]|\([^()]*\))+\)[.,;]?|\[_[^\[\]]+\]?[.,;]?|_[^_\n][^_]*_[.,;]?", re.S)
#: Words that open a play's direction printed as a paragraph of its own ("Enter a company of
#: mutinous Citizens.", "Exeunt all but Hamlet.", "Re-enter Ghost.").
DIRECTION_OPENING = re.compile(r"\[?(?:Enter|Exit|Exeunt|Re-enter|Manet|Manent)\b[^\n]{0,200}$")

#: A paragraph that is a time and nothing else: a subtitle cue's timing ("00:00:06.140 -->
#: 00:00:10.480", with the cue's number before it in SubRip), a mission clock ("[00:00:00:03]",
#: "[-00:01:55:00]"), a bare offset ("00:10", "\\[28:36\\]" escaped in Markdown).
_CLOCK = r"\\?\[?-?\d{1,2}(?::\d{2}){1,3}(?:[.,]\d{1,3})?\\?\]?"
TIMESTAMP_LINE = re.compile(rf"(?:\d+\n)?{_CLOCK}(?:[ ]+-->[ ]+{_CLOCK}(?:[ ][^\n]*)?)?")

#: A screenplay's transitions between shots and scenes.
TRANSITION = re.compile(
    r"(?:FADE[ ](?:IN|OUT|TO[ ]BLACK)|(?:CUT|DISSOLVE|SMASH[ ]CUT|MATCH[ ]CUT|WIPE|JUMP[ ]CUT|IRIS[ ](?:IN|OUT))(?:[ ]TO)?|BACK[ ]TO[ ]SCENE)[:.]?"
)

SEPARATOR = re.compile(r"(?:\*[ ]*){3,}|(?:-[ ]*){5,}|_{5,}|(?:~[ ]*){3,}")

# --------------------------------------------------------------------------- quotations, lists, tables

QUOTE_OPEN = '“”"„«’‘'
NUMBERED_POINT = re.compile(r"[“”\"„«]?\(?(?P<n>\d{1,2})\)[ ]")
LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?P<n>\d{1,2}|[a-z]|[IVX]{1,4})[.)][ \t]+\S")
TABLE_ROW = re.compile(r"(?P<n>\d{1,3})\)[ ]+\S")

# --------------------------------------------------------------------------- inline

#: Square-bracketed matter and what kind of addition it is, first match wins.
BRACKET = re.compile(r"\[(?P<body>[^\[\]\n]{1,400})\]")
BRACKET_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("interjection", re.compile(rf"(?P<names>{_UPNAME})(?:[ \u00a0]\([^)]*\))?:[ \u00a0]")),
    ("xref", re.compile(r"(?:see|cf\.?|compare)[ ]+(?:p(?:age|p?\.)|pages)[ ]*(?P<page>\d+)", re.I)),
    (
        "event",
        re.compile(
            r"(?:applause|commotion|laughter|noise|uproar|shouts?|voices|reads|"
            r"cheers|cries|interruption|exit|exeunt|enter|pause|silence|bell)\b",
            re.I,
        ),
    ),
    ("event", re.compile(r"[A-Z][a-z]+s[ ]the[ ]")),  # "[Reads the resolution.]"
    ("supplied", re.compile(r"[a-z]")),  # "[loyalty]", "[the Government]"
    ("event", re.compile(r"[A-Z]")),
]
#: Parenthesised remarks that are the secretary's, not the speaker's ("(Shouts: …)").
STAGE_REMARK = re.compile(
    r"\((?P<body>(?:Shouts?|Commotion|Applause|Laughter|Noise|Uproar|Voices?|Cries|Cheers|"
    r"Special[ ]announcement|Interruption|Continues|Exit|Enter|Pause)\b[^()\n]{0,300})\)",
    re.I,
)
PAREN = re.compile(r"\((?P<body>[^()\n]{1,300})\)")
ELLIPSIS = re.compile(r"\.\.\.|…|\.[ ]\.[ ]\.")
