"""Figures: values, ranges, units, hedges, what is counted, and what is not a figure."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from newsgraph.text.numbers import Figure, find_figures


@dataclass(frozen=True)
class Want:
    """The expected reading of one figure, found in its sentence by its span text."""

    text: str
    value: float
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    hedged: bool = False
    category: str | None = None
    what: str | None = None


CASES: list[tuple[str, Want]] = [
    # --- wars and attacks, on every side ---
    (
        "Iran fired over 350 drones and missiles at Israel on Saturday night.",
        Want("over 350 drones and missiles", 350, qualifier="over", hedged=True,
             category="projectiles", what="drones and missiles fired"),
    ),
    (
        "About 1,200 people, mostly civilians, were killed in the Hamas-led attack.",
        Want("About 1,200 people", 1200, qualifier="about", hedged=True, category="killed",
             what="people killed"),
    ),
    (
        "The assault on southern Israel killed 1,200, mostly civilians.",
        Want("1,200", 1200, category="killed", what="killed"),
    ),
    (
        "Hezbollah's rocket fire has displaced 60,000 Israelis from the north.",
        Want("60,000 Israelis", 60000, category="displaced", what="Israelis displaced"),
    ),
    (
        "Israeli strikes have killed more than 30,000 Palestinians, the Gaza health ministry says.",
        Want("more than 30,000 Palestinians", 30000, qualifier="more than", hedged=True,
             category="killed", what="Palestinians killed"),
    ),
    (
        "Russian forces launched 43 missiles and 62 drones at Ukrainian cities overnight.",
        Want("62 drones", 62, category="projectiles", what="drones launched"),
    ),
    (
        "Ukrainian air defences shot down 35 of the missiles over Kyiv.",
        Want("35 of the missiles", 35, category="projectiles", what="missiles shot down"),
    ),
    (
        "Kyiv said its drones hit an oil depot and that Russia lost 12 tanks near Avdiivka.",
        Want("12 tanks", 12, category="other", what="tanks"),
    ),
    (
        "The Kremlin claimed its troops had killed 400 Ukrainian soldiers in a day.",
        Want("400 Ukrainian soldiers", 400, category="killed", what="Ukrainian soldiers killed"),
    ),
    (
        "Five Israeli soldiers were killed and 12 wounded in the ambush.",
        Want("12", 12, category="wounded", what="wounded"),
    ),
    (
        "Three Palestinians were shot dead by troops during a raid in Nablus.",
        Want("Three Palestinians", 3, category="killed", what="Palestinians killed"),
    ),
    (
        "Militants took about 250 people hostage during the raid.",
        Want("about 250 people", 250, qualifier="about", hedged=True, category="kidnapped",
             what="people taken hostage"),
    ),
    (
        "Boko Haram abducted 276 schoolgirls from Chibok.",
        Want("276 schoolgirls", 276, category="kidnapped", what="schoolgirls abducted"),
    ),
    (
        "Israel freed 240 Palestinian prisoners and Hamas released 105 hostages.",
        Want("240 Palestinian prisoners", 240, category="arrested",
             what="Palestinian prisoners"),
    ),
    (
        "The army said it had killed 300 Hamas fighters since the truce collapsed.",
        Want("300 Hamas fighters", 300, category="killed", what="Hamas fighters killed"),
    ),
    (
        "A death toll of 45 was given by the Sudanese doctors' union.",
        Want("45", 45, category="killed", what="killed"),
    ),
    (
        "The UN confirmed the deaths of 30 peacekeepers in Mali.",
        Want("30 peacekeepers", 30, category="killed", what="peacekeepers killed"),
    ),
    (
        "The strike killed one civilian and injured two, the governor said.",
        Want("two", 2, category="wounded", what="injured"),
    ),
    (
        "At least one person was killed when a drone hit Kharkiv.",
        Want("At least one person", 1, qualifier="at least", hedged=True, category="killed",
             what="person killed"),
    ),
    (
        "The shelling of Donetsk left 40 dead, Russian-installed officials said.",
        Want("40", 40, category="killed", what="killed"),
    ),
    (
        "Airstrikes hit the camp, injuring 18 people.",
        Want("18 people", 18, category="wounded", what="people injured"),
    ),
    (
        "Israel killed 1,200 fighters, including 300 commanders, the army said.",
        Want("300 commanders", 300, category="killed", what="commanders killed"),
    ),
    (
        "Thirty soldiers and 12 civilians were killed near Bakhmut.",
        Want("Thirty soldiers", 30, category="killed", what="soldiers killed"),
    ),
    (
        "The Houthis have launched more than 100 attacks on shipping in the Red Sea.",
        Want("more than 100 attacks", 100, qualifier="more than", hedged=True,
             category="other", what="attacks launched"),
    ),
    (
        "Azerbaijan's offensive drove more than 100,000 ethnic Armenians to flee Karabakh.",
        Want("more than 100,000 ethnic Armenians", 100000, qualifier="more than", hedged=True,
             category="displaced", what="ethnic Armenians fled"),
    ),
    (
        "Some 3,000 Russian troops were killed or wounded in the battle.",
        Want("Some 3,000 Russian troops", 3000, qualifier="some", hedged=True,
             category="killed", what="Russian troops killed"),
    ),
    (
        "Ethiopia's war in Tigray may have killed as many as 600,000 people.",
        Want("as many as 600,000 people", 600000, qualifier="as many as", hedged=True,
             category="killed", what="people killed"),
    ),
    # --- displacement and disasters ---
    (
        "The UN says 1.9 million people have been displaced across the Gaza Strip.",
        Want("1.9 million people", 1.9e6, category="displaced", what="people displaced"),
    ),
    (
        "Sudan's war has displaced more than 8 million people since April.",
        Want("more than 8 million people", 8e6, qualifier="more than", hedged=True,
             category="displaced", what="people displaced"),
    ),
    (
        "Hundreds of thousands of people fled south to Rafah.",
        Want("Hundreds of thousands of people", 200000, qualifier="hundreds of thousands of",
             hedged=True, category="displaced", what="people fled"),
    ),
    (
        "An estimated 700,000 Rohingya fled across the border into Bangladesh.",
        Want("An estimated 700,000 Rohingya", 700000, qualifier="an estimated", hedged=True,
             category="displaced", what="Rohingya fled"),
    ),
    (
        "Up to 400,000 people could be displaced by the flooding in Pakistan.",
        Want("Up to 400,000 people", 400000, qualifier="up to", hedged=True,
             category="displaced", what="people displaced"),
    ),
    (
        "The earthquake in Turkey and Syria killed nearly 50,000 people.",
        Want("nearly 50,000 people", 50000, qualifier="nearly", hedged=True,
             category="killed", what="people killed"),
    ),
    (
        "At least 70 people died when a ferry capsized off Bangladesh.",
        Want("At least 70 people", 70, qualifier="at least", hedged=True, category="killed",
             what="people killed"),
    ),
    (
        "Some 600 migrants drowned when their boat sank off the Greek coast.",
        Want("Some 600 migrants", 600, qualifier="some", hedged=True, category="killed",
             what="migrants killed"),
    ),
    (
        "The blast destroyed 50 homes and left 200 people homeless in Beirut.",
        Want("200 people", 200, category="displaced", what="people made homeless"),
    ),
    (
        "A magnitude-7.8 earthquake struck before dawn.",
        Want("magnitude-7.8", 7.8, unit="magnitude", category="other"),
    ),
    (
        "The wildfire has burned 4,500 hectares of forest in Canada.",
        Want("4,500 hectares of forest", 4500, unit="ha", category="other", what="forest"),
    ),
    (
        "Aid agencies delivered 120 tonnes of food to Darfur.",
        Want("120 tonnes of food", 120, unit="tonnes", category="other", what="food"),
    ),
    # --- protests and arrests ---
    (
        "Georgian police detained 40 protesters outside parliament in Tbilisi.",
        Want("40 protesters", 40, category="arrested", what="protesters detained"),
    ),
    (
        "Security forces arrested at least 500 people after the protests in Tehran.",
        Want("at least 500 people", 500, qualifier="at least", hedged=True, category="arrested",
             what="people arrested"),
    ),
    (
        "Several hundred demonstrators were detained in Moscow and St Petersburg.",
        Want("Several hundred demonstrators", 300, qualifier="several", hedged=True,
             category="arrested", what="demonstrators detained"),
    ),
    (
        "Around 100,000 protesters marched through central Tel Aviv.",
        Want("Around 100,000 protesters", 100000, qualifier="around", hedged=True,
             category="people", what="protesters"),
    ),
    (
        "Thousands of Serbians rallied in Belgrade against the election result.",
        Want("Thousands of Serbians", 2000, qualifier="thousands of", hedged=True,
             category="people", what="Serbians"),
    ),
    (
        "Dozens of students were wounded when police charged the crowd in Dhaka.",
        Want("Dozens of students", 24, qualifier="dozens of", hedged=True, category="wounded",
             what="students wounded"),
    ),
    (
        "Between 20 and 30 people were injured in clashes with police in Paris.",
        Want("Between 20 and 30 people", 20, high=30, qualifier="between", hedged=True,
             category="wounded", what="people injured"),
    ),
    (
        "Police said 20-30 rockets were fired from Lebanon into the Galilee.",
        Want("20-30 rockets", 20, high=30, hedged=True, category="projectiles",
             what="rockets fired"),
    ),
    (
        "Indian police arrested 150 farmers marching towards New Delhi.",
        Want("150 farmers", 150, category="arrested", what="farmers arrested"),
    ),
    # --- money ---
    (
        "The EU pledged $2 billion in aid for reconstruction.",
        Want("$2 billion in aid", 2e9, unit="USD", category="money", what="aid pledged"),
    ),
    (
        "Berlin will provide €300m for the new air-defence systems.",
        Want("€300m", 3e8, unit="EUR", category="money"),
    ),
    (
        "Britain will send £1.2bn in military support to Kyiv this year.",
        Want("£1.2bn in military support", 1.2e9, unit="GBP", category="money",
             what="military support sent"),
    ),
    (
        "Paris promised 2bn euros for the reconstruction fund.",
        Want("2bn euros", 2e9, unit="EUR", category="money"),
    ),
    (
        "The donors' conference raised USD 5 million for flood victims in Libya.",
        Want("USD 5 million", 5e6, unit="USD", category="money", what="raised"),
    ),
    (
        "The cabinet allocated NIS 5 billion to rebuild communities in the north.",
        Want("NIS 5 billion", 5e9, unit="ILS", category="money", what="allocated"),
    ),
    (
        "Russia's budget earmarks 10.8 trillion roubles for defence next year.",
        Want("10.8 trillion roubles", 10.8e12, unit="RUB", category="money", what="allocated"),
    ),
    (
        "The IMF approved a $15.6 billion loan for Ukraine.",
        Want("$15.6 billion loan", 15.6e9, unit="USD", category="money", what="loan approved"),
    ),
    (
        "Kyiv's budget gap is about 500 billion hryvnias.",
        Want("about 500 billion hryvnias", 5e11, unit="UAH", qualifier="about", hedged=True,
             category="money"),
    ),
    (
        "The bill sets aside between $1.5 and $2 billion for border security.",
        Want("between $1.5 and $2 billion", 1.5e9, high=2e9, unit="USD", qualifier="between",
             hedged=True, category="money"),
    ),
    # --- shares, economics, elections ---
    (
        "Inflation in Argentina rose to 211.4 percent in December.",
        Want("211.4 percent", 211.4, unit="percent", category="percent", what="inflation"),
    ),
    (
        "Turnout was 67.3% in the runoff.",
        Want("67.3%", 67.3, unit="percent", category="percent", what="turnout"),
    ),
    (
        "Roughly 40 per cent of voters backed the referendum in Taiwan.",
        Want("Roughly 40 per cent of voters", 40, unit="percent", qualifier="roughly",
             hedged=True, category="percent", what="voters"),
    ),
    (
        "The ruling party won 51.2% of the vote in the Turkish runoff.",
        Want("51.2% of the vote", 51.2, unit="percent", category="percent", what="vote"),
    ),
    (
        "Polls give the opposition 30-35% in the Hungarian election.",
        Want("30-35%", 30, high=35, unit="percent", hedged=True, category="percent"),
    ),
    (
        "The central bank raised rates by 500 basis points.",
        Want("500 basis points", 500, unit="basis points", category="other"),
    ),
    (
        "One in five children in Yemen is acutely malnourished.",
        Want("One in five children", 0.2, unit="fraction", category="percent",
             what="children"),
    ),
    (
        "Two-thirds of Gaza's homes have been damaged or destroyed.",
        Want("Two-thirds of Gaza's homes", 2 / 3, unit="fraction", category="percent",
             what="Gaza's homes"),
    ),
    (
        "One third of the population of Sudan needs food aid.",
        Want("One third of the population", 1 / 3, unit="fraction", category="percent",
             what="population"),
    ),
    (
        "Nearly half of Lebanese households live below the poverty line.",
        Want("Nearly half of Lebanese households", 0.5, unit="fraction", qualifier="nearly",
             hedged=True, category="percent", what="Lebanese households"),
    ),
    (
        "Nine out of ten Gazans have been displaced at least once.",
        Want("Nine out of ten Gazans", 0.9, unit="fraction", category="percent",
             what="Gazans displaced"),
    ),
    (
        "Less than 1% of the promised aid has arrived in Haiti.",
        Want("Less than 1% of the promised aid", 1, unit="percent", qualifier="less than",
             hedged=True, category="percent", what="promised aid"),
    ),
    # --- spelled-out numbers and durations ---
    (
        "Twenty-five journalists have been killed in the conflict.",
        Want("Twenty-five journalists", 25, category="killed", what="journalists killed"),
    ),
    (
        "About a dozen bodies were recovered from the rubble in Antakya.",
        Want("About a dozen bodies", 12, qualifier="about", hedged=True, category="killed",
             what="bodies"),
    ),
    (
        "Two dozen fishermen were arrested by the Sri Lankan navy.",
        Want("Two dozen fishermen", 24, category="arrested", what="fishermen arrested"),
    ),
    (
        "A hundred refugees crossed into Chad overnight.",
        Want("A hundred refugees", 100, category="displaced", what="refugees"),
    ),
    (
        "Around half a million people attended the funeral in Tehran.",
        Want("Around half a million people", 5e5, qualifier="around", hedged=True,
             category="people", what="people"),
    ),
    (
        "Two and a half million children are out of school in Afghanistan.",
        Want("Two and a half million children", 2.5e6, category="people", what="children"),
    ),
    (
        "A court in Minsk sentenced the activist to 10 years in prison.",
        Want("10 years", 10, unit="years", category="other"),
    ),
    (
        "A ceasefire was agreed after 11 days of fighting.",
        Want("11 days of fighting", 11, unit="days", category="other", what="fighting"),
    ),
    (
        "The strike killed 40 or so people in the market.",
        Want("40 or so people", 40, qualifier="about", hedged=True, category="killed",
             what="people killed"),
    ),
    (
        "About 40,000 people—mostly women and children—have been killed, officials said.",
        Want("About 40,000 people", 40000, qualifier="about", hedged=True, category="killed",
             what="people killed"),
    ),
    (
        "Health officials in Goma put the number of dead at 230.",
        Want("230", 230, category="killed", what="killed"),
    ),
    (
        "Kenyan police shot dead 23 protesters in Nairobi.",
        Want("23 protesters", 23, category="killed", what="protesters killed"),
    ),
    (
        "One Palestinian was killed and one Israeli wounded near Hebron.",
        Want("one Israeli", 1, category="wounded", what="Israeli wounded"),
    ),
    (
        "Philippine authorities evacuated 60,000 residents ahead of the typhoon.",
        Want("60,000 residents", 60000, category="displaced", what="residents evacuated"),
    ),
    (
        "Gaza's 2.3 million residents face famine, the WFP warned.",
        Want("2.3 million residents", 2.3e6, category="people", what="residents"),
    ),
    (
        "A 10m wall now separates the two villages.",
        Want("10m", 10, unit="m", category="other"),
    ),
    (
        "Between 1.5 and 2 million Haitians need food aid.",
        Want("Between 1.5 and 2 million Haitians", 1.5e6, high=2e6, qualifier="between",
             hedged=True, category="people", what="Haitians"),
    ),
    (
        "Myanmar's military has arrested more than 25,000 people since the coup.",
        Want("more than 25,000 people", 25000, qualifier="more than", hedged=True,
             category="arrested", what="people arrested"),
    ),
    (
        "Gangs in Port-au-Prince kidnapped 1,359 people last year.",
        Want("1,359 people", 1359, category="kidnapped", what="people kidnapped"),
    ),
    (
        "Colombia's ELN freed 12 hostages under the deal.",
        Want("12 hostages", 12, category="kidnapped", what="hostages"),
    ),
    (
        "Indian forces said they killed five militants in Kashmir.",
        Want("five militants", 5, category="killed", what="militants killed"),
    ),
    (
        "Police estimated the crowd at 5,000-odd people.",
        Want("5,000-odd people", 5000, qualifier="about", hedged=True, category="people",
             what="people"),
    ),
]  # fmt: skip


def _by_text(sentence: str, text: str) -> Figure:
    figures = find_figures(sentence)
    matching = [f for f in figures if f.text == text]
    assert matching, f"no figure {text!r} in {[f.text for f in figures]}"
    return matching[0]


@pytest.mark.parametrize(("sentence", "want"), CASES, ids=[w.text for _s, w in CASES])
def test_figure_reading(sentence: str, want: Want) -> None:
    fig = _by_text(sentence, want.text)
    assert math.isclose(fig.value, want.value, rel_tol=1e-9)
    if want.high is None:
        assert fig.value_high is None
    else:
        assert fig.value_high is not None and math.isclose(fig.value_high, want.high)
    assert fig.unit == want.unit
    assert fig.qualifier == want.qualifier
    assert fig.hedged is want.hedged
    assert fig.category == want.category
    assert fig.what == want.what
    assert sentence[fig.start : fig.end] == fig.text
