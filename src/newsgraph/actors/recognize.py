"""Actors in an article: names found, joined into compounds, resolved through coreference.

The stage works on tokens in three passes. ``_items`` finds every name, role noun, title,
surname, unknown capitalised name, pronoun and description ("the group"). ``_compose`` joins a
modifier to what it modifies ("Iran's Supreme Leader Ali Khamenei" is one person, "Israeli
troops" one role actor coded ISRMIL). ``_resolve`` walks the items in order, sending pronouns and
descriptions to the actor they refer to, and groups mentions into actors coded as of the
article's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsgraph.actors.codes import Coded, code_entry, code_role
from newsgraph.actors.index import ActorIndex, norm_phrase
from newsgraph.actors.matcher import Target, norm, tokenize
from newsgraph.model import Actor, Mention

ENTITY_FORMS = frozenset({"name", "adjective", "demonym", "capital", "metonym"})
_KIND_PRIORITY = {"country": 0, "organization": 1, "group": 1, "person": 2}
# How far back (in tokens) a modifier may stand from the person it modifies.
MODIFIER_REACH = 7
# Prepositions after which a country is a role's own ("troops in Mali", "rebels from Chad").
ROLE_PREPS = frozenset({"in", "from", "of"})
# Words that start a new phrase, so no modifier reaches across them ("France blocked THE Pont
# Neuf": France does not modify the name).
CLAUSE_WORDS = frozenset({"the", "a", "an", "this", "that", "these", "those", "who", "which"})
# Lower-case words that may stand between a modifier and its head.
GAP_WORDS = 3
# How many sentences back a pronoun or description may reach for its actor.
COREF_SENTENCES = 3


@dataclass
class Item:
    """One actor-like thing in the text, before resolution."""

    kind: str  # entity, role, title, surname, unknown, pronoun, desc
    first: int
    last: int
    start: int
    end: int
    targets: tuple[Target, ...] = ()
    entry: str | None = None
    form: str = "name"
    noun: str = ""  # desc/role: the normalised noun phrase
    consumed: bool = False
    modifier: Item | None = None
    context: Item | None = None  # a role's country from its sentence, when nothing modifies it
    sector: str | None = None  # from a title
    title: str = ""  # the title right before a name ("president" in "President X")
    core: tuple[int, int] = (0, 0)  # the name's own span, before a modifier or title joins it

    def __post_init__(self) -> None:
        self.core = (self.start, self.end)


@dataclass
class _Doc:
    text: str
    toks: list[str]
    starts: list[int]
    ends: list[int]
    sent_of: list[int]
    published: date | None
    items: list[Item] = field(default_factory=list)


def _sentence_index(starts: list[int], sentences: Sequence[tuple[int, int]] | None) -> list[int]:
    if not sentences:
        return [0] * len(starts)
    out, k = [], 0
    for s in starts:
        while k + 1 < len(sentences) and s >= sentences[k + 1][0]:
            k += 1
        out.append(k)
    return out


def find_actors(
    text: str,
    index: ActorIndex,
    published: date | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Actor]:
    """Every actor the article names, with all its mentions, coded as of ``published``."""
    toks, starts, ends = tokenize(text)
    doc = _Doc(text, toks, starts, ends, _sentence_index(starts, sentences), published)
    doc.items = _items(doc, index)
    _choose_entries(doc, index)
    _compose(doc, index)
    return _resolve(doc, index)


# --- pass 1: items ---------------------------------------------------------------------------


def _items(doc: _Doc, index: ActorIndex) -> list[Item]:
    items: list[Item] = []
    covered = [False] * len(doc.toks)
    for m in index.trie.find(doc.toks, doc.starts, doc.ends):
        entity = [t for t in m.targets if t.form in ENTITY_FORMS]
        roles = [t for t in m.targets if t.form == "role"]
        titles = [t for t in m.targets if t.form == "title"]
        surnames = [t for t in m.targets if t.form == "surname"]
        # A capitalised role word right before a capitalised word is a title: "President X".
        before_name = m.last < len(doc.toks) and _is_cap(doc.toks[m.last])
        if titles and roles and before_name and _is_cap(doc.toks[m.first]):
            roles = []
        kind = (
            "entity"
            if entity
            else "role"
            if roles
            else "title"
            if titles
            else "surname"
            if surnames
            else ""
        )
        if not kind or (
            kind == "role"
            and m.last < len(doc.toks)
            and doc.toks[m.last].lower() in index.lexicon.attributive_nouns
        ):
            continue  # "military aid", "police custody": an adjective, not an actor
        chosen = entity or roles or titles or surnames
        item = Item(kind, m.first, m.last, m.start, m.end, tuple(chosen))
        if kind in ("role", "title"):
            item.noun = norm_phrase(doc.text[m.start : m.end])
        if kind == "title":
            item.sector = index.titles.get(item.noun)
        items.append(item)
        if kind != "surname":  # a surname may be part of a longer unknown name
            for k in range(m.first, m.last):
                covered[k] = True
    unknown = _unknown_names(doc, index, covered, items)
    inside = {k for it in unknown for k in range(it.first, it.last)}
    items = [it for it in items if it.kind != "surname" or it.first not in inside]
    items += unknown
    items += _pronouns(doc, index, covered)
    items.sort(key=lambda it: it.first)
    _descriptions(doc, index, items)
    return items


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok[:1].isalpha()


def _unknown_names(
    doc: _Doc, index: ActorIndex, covered: list[bool], found: list[Item]
) -> list[Item]:
    """Capitalised runs the base does not know: two or more words, or one after a title."""
    lex = index.lexicon
    title_ends = {it.last for it in found if it.kind == "title"}
    # "President Obama": one word after a title that the base knows as a surname stays a
    # surname, resolved by the title and the date; it becomes an unknown name only if that fails.
    surname_at = {(it.first, it.last) for it in found if it.kind == "surname"}
    out: list[Item] = []
    toks, n, i = doc.toks, len(doc.toks), 0
    while i < n:
        if covered[i] or not _is_cap(toks[i]) or toks[i] in lex.not_names:
            i += 1
            continue
        j, caps = i, 0
        while j < n and not covered[j] and doc.sent_of[j] == doc.sent_of[i]:
            if _is_cap(toks[j]) and toks[j] not in lex.not_names:
                caps += 1
                j += 1
            elif (
                toks[j] in lex.joiners and j + 1 < n and _is_cap(toks[j + 1]) and not covered[j + 1]
            ):
                j += 1
            else:
                break
        thing = toks[j - 1] in lex.not_actor_heads  # "Indus Waters Treaty", "Red Sea"
        place = i > 0 and norm(toks[i - 1]) in lex.place_words  # "in El Fasher"
        titled = caps == 1 and i in title_ends and (i, j) not in surname_at
        if not (thing or place) and (caps >= 2 or titled):
            out.append(Item("unknown", i, j, doc.starts[i], doc.ends[j - 1]))
        i = max(j, i + 1)
    return out


def _pronouns(doc: _Doc, index: ActorIndex, covered: list[bool]) -> list[Item]:
    pron = index.lexicon.pronouns
    return [
        Item("pronoun", i, i + 1, doc.starts[i], doc.ends[i], noun=norm(t))
        for i, t in enumerate(doc.toks)
        if not covered[i] and norm(t) in pron
    ]


def _descriptions(doc: _Doc, index: ActorIndex, items: list[Item]) -> None:
    """ "the group", "the supreme leader": a role or title after "the" that refers back."""
    lex = index.lexicon
    for it in items:
        if it.kind not in ("role", "title") or it.first == 0:
            continue
        if norm(doc.toks[it.first - 1]) != "the":
            continue
        if (
            it.noun in lex.person_nouns
            or it.noun in lex.group_nouns
            or it.noun in lex.country_nouns
        ):
            it.kind, it.start, it.first = "desc", doc.starts[it.first - 1], it.first - 1


# --- pass 2: which entry, and compounds --------------------------------------------------------


def _choose_entries(doc: _Doc, index: ActorIndex) -> None:
    """Pick one entry per ambiguous name: one of a country the article names, else by kind."""
    countries = {
        index.entry(t.entry).country
        for it in doc.items
        if it.kind == "entity"
        for t in it.targets
        if index.entry(t.entry).kind == "country"
    }
    for it in doc.items:
        if it.kind not in ("entity", "role") or not it.targets:
            continue

        def score(t: Target) -> tuple[int, int, int]:
            e = index.entry(t.entry)
            home = 0 if e.country in countries else 1
            # Two people with one name ("George Bush"): the one in office on the date.
            idle = int(e.kind == "person" and e.office_at(doc.published) is None)
            return (home, _KIND_PRIORITY.get(e.kind, 3), idle)

        best = min(it.targets, key=score)
        it.entry, it.form = best.entry, best.form


def _is_modifier(it: Item, index: ActorIndex) -> bool:
    if it.kind != "entity" or it.entry is None:
        return False
    kind = index.entry(it.entry).kind
    return (kind == "country" and it.form in ("name", "adjective")) or kind in (
        "organization",
        "group",
    )


def _gap_ok(
    doc: _Doc, first: int, last: int, items_between: list[Item], rank: frozenset[str]
) -> bool:
    """Tokens between a modifier and its head: "'s", titles, roles, and a few lower-case words
    ("Iran's foreign ministry spokesman X"), but not a clause ("rebels demanded the removal of
    President X" is no modifier of X)."""
    inside = {k for it in items_between for k in range(it.first, it.last)}
    # A role stands in a title chain only when the next word is part of it ("army chief X");
    # "protesters demanded X" is a clause.
    if any(it.kind == "role" and it.last < last and it.last not in inside for it in items_between):
        return False
    loose = 0
    for k in range(first, last):
        tok = doc.toks[k]
        if k in inside or tok in ("'s", "’s", "-") or tok.lower() in rank:
            continue
        if tok[:1].islower() and loose < GAP_WORDS and tok.lower() not in CLAUSE_WORDS:
            loose += 1
            continue
        return False
    return True


def _compose(doc: _Doc, index: ActorIndex) -> None:
    """Join modifiers to heads: people first, so "Iran's foreign ministry spokesman X" is X."""
    people = [
        p
        for p, it in enumerate(doc.items)
        if it.kind in ("unknown", "surname")
        or (it.kind == "entity" and it.entry is not None and index.entry(it.entry).kind == "person")
    ]
    roles = [p for p, it in enumerate(doc.items) if it.kind == "role"]
    for pos in people + roles:
        _attach(doc, index, pos)
    unknown = [p for p, it in enumerate(doc.items) if it.kind == "unknown"]
    for pos in roles + unknown:
        _sentence_country(doc, index, pos)


def _sentence_country(doc: _Doc, index: ActorIndex, pos: int) -> None:
    """A bare role ("the opposition", "police") or an unknown name belongs to the country its
    sentence names, when it names exactly one: "Police in Kenya arrested ..." -> KENCOP."""
    head = doc.items[pos]
    if head.modifier is not None:
        return
    # "forces in Lebanon", "rebels from Chad": the country right after the role is its own,
    # however many others the sentence names.
    if head.kind == "role" and (head.noun or "") in index.lexicon.foreign_roles:
        return
    # "Queen Amina of Chad" as "troops in Mali": a titled name takes the country after it.
    titled = head.kind == "unknown" and head.sector is not None
    if (
        (head.kind == "role" or titled)
        and head.last < len(doc.toks)
        and doc.toks[head.last] in ROLE_PREPS
    ):
        after = next((it for it in doc.items if it.first == head.last + 1), None)
        joined = after is not None and doc.toks[after.last : after.last + 1] in (["and"], [","])
        if (
            after is not None
            and not joined  # "police from Chad and Iran": whose is not said
            and after.kind == "entity"
            and after.entry
            and index.entry(after.entry).kind == "country"
        ):
            head.context = after
            return
    sent = doc.sent_of[head.first]
    found = {
        it.entry
        for it in doc.items
        if it.kind == "entity"
        and it.entry
        and doc.sent_of[it.first] == sent
        and index.entry(it.entry).kind == "country"
    }
    if len(found) == 1:
        entry = found.pop()
        head.context = next(it for it in doc.items if it.entry == entry)


def _attach(doc: _Doc, index: ActorIndex, pos: int) -> None:
    """Give ``doc.items[pos]`` the country or organisation that modifies it, if one does."""
    items = doc.items
    head = items[pos]
    if head.consumed:
        return
    between: list[Item] = []
    for back in range(pos - 1, -1, -1):
        mod = items[back]
        if head.first - mod.last > MODIFIER_REACH or (
            doc.sent_of[mod.first] != doc.sent_of[head.first]
        ):
            break
        if mod.kind in ("title", "role") and head.kind != "role" and not mod.consumed:
            between.append(mod)
            head.sector = head.sector or mod.sector
            continue
        # A role takes only an adjacent modifier: "Israeli troops", "Sudan's army", or an
        # adjective one plain word away: "Chilean copper miners".
        close = (
            head.kind != "role"
            or all(
                doc.toks[k] in ("'s", "’s") or doc.toks[k].lower() in index.lexicon.rank_words
                for k in range(mod.last, head.first)
            )
            # "Kenyan-led troops", "a Brazil-led mission": forces led by that country.
            or doc.toks[mod.last : head.first] == ["-", "led"]
            or (
                mod.form == "adjective"
                and head.first - mod.last == 1
                and doc.toks[mod.last].isalpha()
                and doc.toks[mod.last].islower()
                and doc.toks[mod.last] not in CLAUSE_WORDS
            )
        )
        if (
            close
            and _is_modifier(mod, index)
            and not mod.consumed
            and _gap_ok(doc, mod.last, head.first, between, index.lexicon.rank_words)
        ):
            head.modifier, mod.consumed = mod, True
            head.start, head.first = mod.start, mod.first
            for b in between:
                b.consumed = True
        break
    if head.kind != "role" and head.modifier is None:
        # "Gen. X" or "spokesman X": a title right before the name belongs to it.
        for b in between:
            if b.kind == "title" and b.last == head.first:
                b.consumed = True
                head.start, head.first = b.start, b.first
                head.title = b.noun


# --- pass 3: coreference and actors ------------------------------------------------------------


@dataclass
class _Actors:
    by_key: dict[tuple[str, str | None], Actor] = field(default_factory=dict)
    people: list[tuple[int, Actor, str]] = field(default_factory=list)  # sentence, actor, role
    groups: list[tuple[int, Actor]] = field(default_factory=list)
    countries: list[tuple[int, Actor]] = field(default_factory=list)

    def add(self, key: tuple[str, str | None], coded: Coded, mention: Mention) -> Actor:
        actor = self.by_key.get(key)
        if actor is None:
            actor = Actor(
                id=f"a{len(self.by_key) + 1}",
                name=coded.name,
                kind=coded.kind,
                code=coded.code,
                country=coded.country,
                sector=coded.sector,
            )
            self.by_key[key] = actor
        actor.mentions.append(mention)
        return actor


def _mention(doc: _Doc, it: Item) -> Mention:
    return Mention(start=it.start, end=it.end, text=doc.text[it.start : it.end])


def _resolve(doc: _Doc, index: ActorIndex) -> list[Actor]:
    acts = _Actors()
    named_people: set[str] = set()
    for pos, it in enumerate(doc.items):
        if it.consumed or it.kind == "title":
            continue
        sent = doc.sent_of[it.first]
        if it.kind in ("pronoun", "desc"):
            target = _refer(it, sent, acts, index)
            if target is not None:
                target.mentions.append(_mention(doc, it))
                continue
            if it.kind == "pronoun":
                continue
            it.kind = "role"
        if (
            it.kind == "entity"
            and it.form == "capital"
            and it.first > 0
            and norm(doc.toks[it.first - 1]) in index.lexicon.locatives
        ):
            continue  # "in Damascus": a place, not the government it can stand for
        if it.kind == "surname":
            pid = _surname_person(it, doc, index, named_people)
            if pid is not None:
                it.entry, it.kind = pid, "entity"
            elif it.title or it.modifier is not None:
                it.kind = "unknown"  # "President Nkosi": a person the base does not know
                _sentence_country(doc, index, pos)
            else:
                continue
        coded, key = _code_item(it, doc, index)
        if coded is None:
            continue
        actor = acts.add(key, coded, _mention(doc, it))
        if coded.kind == "person":
            if it.entry:
                named_people.add(it.entry)
            role = " ".join(filter(None, [coded.role, doc.text[it.start : it.end].lower()]))
            acts.people.append((sent, actor, role))
        elif coded.kind == "group" or (
            coded.kind == "organization" and coded.sector in ("REB", "PRM", "PTY")
        ):
            acts.groups.append((sent, actor))
        elif coded.kind == "country" or coded.sector == "GOV":
            acts.countries.append((sent, actor))
    return sorted(acts.by_key.values(), key=lambda a: a.mentions[0].start)


def _refer(it: Item, sent: int, acts: _Actors, index: ActorIndex) -> Actor | None:
    lex = index.lexicon
    if it.kind == "pronoun" or it.noun in lex.person_nouns:
        for s, actor, role in reversed(acts.people):
            if sent - s > COREF_SENTENCES:
                break
            if it.kind == "pronoun" or it.noun in role:
                return actor
        return None
    pool = acts.groups if it.noun in lex.group_nouns else acts.countries
    for s, actor in reversed(pool):
        if sent - s > COREF_SENTENCES:
            break
        return actor
    return None


def _surname_person(it: Item, doc: _Doc, index: ActorIndex, named: set[str]) -> str | None:
    """A bare surname: a person named in full earlier, else the one holder of it in office on
    the article's date; after a title ("President X"), else the bearer who held that title
    nearest the date."""
    ids = [t.entry for t in it.targets]
    earlier = [pid for pid in ids if pid in named]
    if earlier:
        return earlier[-1]
    name = doc.text[it.core[0] : it.core[1]]
    bearers = index.surnames.get(norm_phrase(name), [])
    if doc.published is None:
        return bearers[0] if len(bearers) == 1 else None
    current = [pid for pid in bearers if index.entry(pid).office_at(doc.published) is not None]
    if it.title:
        titled = [pid for pid in current if _held_title(index, pid, it.title)]
        current = titled or current
    if len(current) == 1:
        return current[0]
    if current or not it.title:
        return None
    return _nearest_holder(index, bearers, it.title, doc.published)


def _titled(role: str, title: str) -> bool:
    """The office ``role`` is one ``title`` names: "president", not "vice president"."""
    return role == title or role.startswith(title + " ")


def _held_title(index: ActorIndex, pid: str, title: str) -> bool:
    return any(_titled(o.role, title) for o in index.entry(pid).offices)


def _nearest_holder(index: ActorIndex, bearers: list[str], title: str, when: date) -> str | None:
    """The bearer who held an office named by ``title`` closest in time to ``when``."""

    def distance(pid: str) -> int:
        spans = [
            (o.start or date.min, o.end or date.max)
            for o in index.entry(pid).offices
            if _titled(o.role, title)
        ]
        return min(
            (start - when).days if when < start else max(0, (when - end).days)
            for start, end in spans
        )

    holders = [pid for pid in bearers if _held_title(index, pid, title)]
    return min(holders, key=distance) if holders else None


def _code_item(
    it: Item, doc: _Doc, index: ActorIndex
) -> tuple[Coded | None, tuple[str, str | None]]:
    text = doc.text[it.start : it.end]
    source = it.modifier or it.context
    mod = index.entry(source.entry) if source and source.entry else None
    if it.kind == "unknown":
        name = doc.text[it.core[0] : it.core[1]]
        kind = "person" if it.sector or it.modifier else "unknown"
        coded = code_role(None, mod, name, sector=it.sector, kind=kind)
        return coded, (f"unknown:{norm_phrase(name)}", coded.code)
    if it.entry is None:
        return None, ("", None)
    entry = index.entry(it.entry)
    if it.kind == "role":
        coded = code_role(entry, mod, text if it.modifier else entry.name)
        return coded, ((f"role:{coded.code}" if mod else entry.id), coded.code)
    coded = code_entry(entry, it.form, doc.published, index, modifier=mod, title_sector=it.sector)
    return coded, (entry.id, coded.code)
