"""The timing phrase grammar: phrases as årshjul tables write them, in Bokmål and Nynorsk, and their parse.

The table was written for this project, in the way real tables write their «Når» column (capitals,
full stops, dashes of every kind, «kl» with and without a full stop). Each row: the phrase, the
structured timing it means (as the YAML block would be written), and its written standard (None:
the same words in both).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from skoleplan.model.timing import HOLIDAY_KINDS, HOLIDAY_RELATIONS, Timing, parse_timing
from skoleplan.model.timing_phrase import FORMS, PhraseError, written_standard
from skoleplan.resolve.text import describe_timing

TIMING = TypeAdapter(Timing)

# fmt: off
PHRASES: list[tuple[str, dict, str | None]] = [
    # --- single dates, with and without a year ---
    ("2. september", {"date": "09-02"}, None),
    ("2. September", {"date": "09-02"}, None),
    ("2.september", {"date": "09-02"}, None),
    ("2 september", {"date": "09-02"}, None),
    ("2.9.", {"date": "09-02"}, None),
    ("2.9", {"date": "09-02"}, None),
    ("02.09.", {"date": "09-02"}, None),
    ("2. sep.", {"date": "09-02"}, None),
    ("2. sept", {"date": "09-02"}, None),
    ("25. mars", {"date": "03-25"}, None),
    ("13. desember", {"date": "12-13"}, None),
    ("6. februar", {"date": "02-06"}, None),
    ("22. april", {"date": "04-22"}, None),
    ("24. okt.", {"date": "10-24"}, None),
    ("2. september 2026", {"date": "2026-09-02"}, None),
    ("2.9.2026", {"date": "2026-09-02"}, None),
    ("02.09.26", {"date": "2026-09-02"}, None),
    ("2026-09-02", {"date": "2026-09-02"}, None),
    ("19. november 2025", {"date": "2025-11-19"}, None),
    ("tirsdag 2. september 2025", {"date": "2025-09-02"}, "nb"),
    ("tysdag 2. september 2025", {"date": "2025-09-02"}, "nn"),
    ("Onsdag 19. november 2025", {"date": "2025-11-19"}, None),
    ("mandag 18. august", {"date": "08-18"}, "nb"),
    ("14/10", {"date": "10-14"}, None),
    ("14/10/2025", {"date": "2025-10-14"}, None),
    ("fredag den 13. februar 2026", {"date": "2026-02-13"}, None),
    ("i 10. september", {"date": "09-10"}, None),
    # --- several dates ---
    ("10. september og 11. februar", {"dates": ["09-10", "02-11"]}, None),
    ("2., 3. og 4. september", {"dates": ["09-02", "09-03", "09-04"]}, None),
    ("2. og 3. september", {"dates": ["09-02", "09-03"]}, None),
    ("15. oktober, 10. mars", {"dates": ["10-15", "03-10"]}, None),
    ("10.9. og 11.2.", {"dates": ["09-10", "02-11"]}, None),
    ("12. november 2025 og 11. februar 2026", {"dates": ["2025-11-12", "2026-02-11"]}, None),
    # --- ranges ---
    ("14.–18. oktober", {"start": "10-14", "end": "10-18"}, None),
    ("14.-18. oktober", {"start": "10-14", "end": "10-18"}, None),
    ("14. - 18. oktober", {"start": "10-14", "end": "10-18"}, None),
    ("14.—18. oktober", {"start": "10-14", "end": "10-18"}, None),
    ("17.–21. nov.", {"start": "11-17", "end": "11-21"}, None),
    ("28. november – 3. desember", {"start": "11-28", "end": "12-03"}, None),
    ("28.11.–3.12.", {"start": "11-28", "end": "12-03"}, None),
    ("fra 14. til 18. oktober", {"start": "10-14", "end": "10-18"}, "nb"),
    ("frå 14. til 18. oktober", {"start": "10-14", "end": "10-18"}, "nn"),
    ("14. oktober til 18. oktober", {"start": "10-14", "end": "10-18"}, None),
    ("17.–21. november 2025", {"start": "2025-11-17", "end": "2025-11-21"}, None),
    ("28. november – 3. desember 2025", {"start": "2025-11-28", "end": "2025-12-03"}, None),
    ("29. desember 2025 – 2. januar 2026", {"start": "2025-12-29", "end": "2026-01-02"}, None),
    ("29. desember – 2. januar 2026", {"start": "2025-12-29", "end": "2026-01-02"}, None),
    # --- weeks ---
    ("uke 34", {"week": 34}, "nb"),
    ("Uke 34", {"week": 34}, "nb"),
    ("veke 34", {"week": 34}, "nn"),
    ("Veke 40", {"week": 40}, "nn"),
    ("i uke 40", {"week": 40}, "nb"),
    ("i veke 40", {"week": 40}, "nn"),
    ("uke 36–37", {"weeks": [36, 37]}, "nb"),
    ("uke 36-37", {"weeks": [36, 37]}, "nb"),
    ("Uke 36 - 37", {"weeks": [36, 37]}, "nb"),
    ("veke 36–37", {"weeks": [36, 37]}, "nn"),
    ("uke 36/37", {"weeks": [36, 37]}, "nb"),
    ("uke 36 og 37", {"weeks": [36, 37]}, "nb"),
    ("uke 34 og uke 35", {"weeks": [34, 35]}, "nb"),
    ("veke 34 og veke 36", {"weeks": [34, 36]}, "nn"),
    ("uke 45, 46, 9 og 10", {"weeks": [45, 46, 9, 10]}, "nb"),
    ("uke 45–46 og 9–10", {"weeks": [45, 46, 9, 10]}, "nb"),
    ("uker 49 og 23", {"weeks": [49, 23]}, "nb"),
    ("veker 49 og 23", {"weeks": [49, 23]}, "nn"),
    ("uke 51–2", {"weeks": [51, 52, 1, 2]}, "nb"),
    ("u. 38", {"week": 38}, None),
    ("v 38", {"week": 38}, None),
    ("uke 36–37 kl. 18", {"weeks": [36, 37], "time": "18:00"}, "nb"),
    ("veke 36–37 kl. 18", {"weeks": [36, 37], "time": "18:00"}, "nn"),
    ("uke 4/5, kl. 18.00–19.30", {"weeks": [4, 5], "time": "18:00", "end_time": "19:30"}, "nb"),
    # --- months ---
    ("oktober", {"month": "oktober"}, None),
    ("Oktober", {"month": "oktober"}, None),
    ("i oktober", {"month": "oktober"}, None),
    ("okt.", {"month": "oktober"}, None),
    ("i løpet av oktober", {"month": "oktober"}, None),
    ("slutten av oktober", {"month": "oktober"}, None),
    ("begynnelsen av september", {"month": "september"}, None),
    ("November/desember", {"months": ["november", "desember"]}, None),
    ("november / desember", {"months": ["november", "desember"]}, None),
    ("Mai/juni", {"months": ["mai", "juni"]}, None),
    ("mai–juni", {"months": ["mai", "juni"]}, None),
    ("mai-juni", {"months": ["mai", "juni"]}, None),
    ("september–november", {"months": ["september", "oktober", "november"]}, None),
    ("desember–januar", {"months": ["desember", "januar"]}, None),
    ("September og januar", {"months": ["september", "januar"]}, None),
    ("Oktober og februar", {"months": ["oktober", "februar"]}, None),
    ("sept./okt.", {"months": ["september", "oktober"]}, None),
    ("april eller mai", {"months": ["april", "mai"]}, None),
    ("september, januar og mai", {"months": ["september", "januar", "mai"]}, None),
    ("oktober kl. 18", {"month": "oktober", "time": "18:00"}, None),
    # --- terms ---
    ("høsten", {"term": "høst"}, "nb"),
    ("Høst", {"term": "høst"}, "nb"),
    ("om høsten", {"term": "høst"}, "nb"),
    ("i løpet av høsten", {"term": "høst"}, "nb"),
    ("høsthalvåret", {"term": "høst"}, "nb"),
    ("hausten", {"term": "høst"}, "nn"),
    ("Haust", {"term": "høst"}, "nn"),
    ("i løpet av hausten", {"term": "høst"}, "nn"),
    ("haustsemesteret", {"term": "høst"}, "nn"),
    ("våren", {"term": "vår"}, None),
    ("Vår", {"term": "vår"}, None),
    ("om våren", {"term": "vår"}, None),
    ("vårhalvåret", {"term": "vår"}, None),
    ("vårsemesteret", {"term": "vår"}, None),
    # --- the whole year ---
    ("gjennom hele året", {"whole_year": True}, "nb"),
    ("Gjennom hele året", {"whole_year": True}, "nb"),
    ("Gjennom skoleåret", {"whole_year": True}, "nb"),
    ("gjennom hele skoleåret", {"whole_year": True}, "nb"),
    ("hele året", {"whole_year": True}, "nb"),
    ("Hele året.", {"whole_year": True}, "nb"),
    ("gjennom heile året", {"whole_year": True}, "nn"),
    ("gjennom skuleåret", {"whole_year": True}, "nn"),
    ("heile skuleåret", {"whole_year": True}, "nn"),
    ("Løpende", {"whole_year": True}, "nb"),
    ("løpande", {"whole_year": True}, "nn"),
    ("fortløpende", {"whole_year": True}, "nb"),
    # --- every day, every week ---
    ("daglig", {"daily": True}, "nb"),
    ("Daglig", {"daily": True}, "nb"),
    ("dagleg", {"daily": True}, "nn"),
    ("hver dag", {"daily": True}, "nb"),
    ("kvar dag", {"daily": True}, "nn"),
    ("hver skoledag", {"daily": True}, "nb"),
    ("kvar skuledag", {"daily": True}, "nn"),
    ("hver uke", {"weekly": True}, "nb"),
    ("kvar veke", {"weekly": True}, "nn"),
    ("ukentlig", {"weekly": True}, "nb"),
    ("vekentleg", {"weekly": True}, "nn"),
    ("en gang i uka", {"weekly": True}, "nb"),
    ("én gang pr. uke", {"weekly": True}, "nb"),
    ("1 gang per uke", {"weekly": True}, "nb"),
    ("ein gong i veka", {"weekly": True}, "nn"),
    ("møte en gang pr. uke", {"weekly": True}, "nb"),
    ("møter annenhver tirsdag", {"weekly": "tirsdag", "interval": 2}, "nb"),
    ("annenhver uke", {"weekly": True, "interval": 2}, "nb"),
    ("annakvar veke", {"weekly": True, "interval": 2}, "nn"),
    ("hver 14. dag", {"weekly": True, "interval": 2}, "nb"),
    ("kvar 14. dag", {"weekly": True, "interval": 2}, "nn"),
    ("hver andre uke", {"weekly": True, "interval": 2}, "nb"),
    # --- a weekday ---
    ("hver tirsdag", {"weekly": "tirsdag"}, "nb"),
    ("Hver tirsdag kl. 14.30", {"weekly": "tirsdag", "time": "14:30"}, "nb"),
    ("hver tirsdag kl 14:30", {"weekly": "tirsdag", "time": "14:30"}, "nb"),
    ("kvar tysdag kl. 14.30", {"weekly": "tirsdag", "time": "14:30"}, "nn"),
    ("tirsdager", {"weekly": "tirsdag"}, "nb"),
    ("tysdagar", {"weekly": "tirsdag"}, "nn"),
    ("alle tirsdager kl. 14.30–15.30", {"weekly": "tirsdag", "time": "14:30", "end_time": "15:30"}, "nb"),
    ("på fredager", {"weekly": "fredag"}, "nb"),
    ("om fredagane", {"weekly": "fredag"}, "nn"),
    ("mandager kl. 08.30", {"weekly": "mandag", "time": "08:30"}, "nb"),
    ("måndagar kl. 08.30", {"weekly": "mandag", "time": "08:30"}, "nn"),
    ("onsdager", {"weekly": "onsdag"}, "nb"),
    ("onsdagar", {"weekly": "onsdag"}, "nn"),
    ("annenhver torsdag", {"weekly": "torsdag", "interval": 2}, "nb"),
    ("annakvar torsdag", {"weekly": "torsdag", "interval": 2}, "nn"),
    ("annankvar torsdag", {"weekly": "torsdag", "interval": 2}, "nn"),
    ("hver annen torsdag", {"weekly": "torsdag", "interval": 2}, "nb"),
    ("kvar andre torsdag", {"weekly": "torsdag", "interval": 2}, "nn"),
    ("annenhver fredag kl. 12–13", {"weekly": "fredag", "interval": 2, "time": "12:00", "end_time": "13:00"}, "nb"),
    # --- every term, N times a year ---
    ("hvert semester", {"every_term": True}, "nb"),
    ("kvart semester", {"every_term": True}, "nn"),
    ("hvert halvår", {"every_term": True}, "nb"),
    ("én gang i semesteret", {"every_term": True}, "nb"),
    ("ein gong i semesteret", {"every_term": True}, "nn"),
    ("høst og vår", {"every_term": True}, "nb"),
    ("haust og vår", {"every_term": True}, "nn"),
    ("to ganger i året", {"times_per_year": 2}, "nb"),
    ("to gonger i året", {"times_per_year": 2}, "nn"),
    ("2 ganger i året", {"times_per_year": 2}, "nb"),
    ("2 ganger pr. år", {"times_per_year": 2}, "nb"),
    ("fire ganger i året", {"times_per_year": 4}, "nb"),
    ("fire møter i året", {"times_per_year": 4}, "nb"),
    ("fire møte i året", {"times_per_year": 4}, None),
    ("4 møter per skoleår", {"times_per_year": 4}, "nb"),
    ("ca. 6 møter i året", {"times_per_year": 6}, "nb"),
    ("seks samlingar i året", {"times_per_year": 6}, "nn"),
    ("10 ganger i året", {"times_per_year": 10}, "nb"),
    ("16 ganger i skoleåret", {"times_per_year": 16}, "nb"),
    ("halvårlig", {"times_per_year": 2}, "nb"),
    ("Halvårleg", {"times_per_year": 2}, "nn"),
    ("årlig", {"times_per_year": 1}, "nb"),
    ("årleg", {"times_per_year": 1}, "nn"),
    ("én gang i året", {"times_per_year": 1}, "nb"),
    ("éin gong i året", {"times_per_year": 1}, "nn"),
    ("to ganger i året (oktober og mars)", {"times_per_year": 2, "months": ["oktober", "mars"]}, "nb"),
    ("to gonger i året (oktober og mars)", {"times_per_year": 2, "months": ["oktober", "mars"]}, "nn"),
    ("2 ganger i året: september og januar", {"times_per_year": 2, "months": ["september", "januar"]}, "nb"),
    ("to ganger i året (15. oktober og 10. mars)", {"times_per_year": 2, "dates": ["10-15", "03-10"]}, "nb"),
    ("løpende gjennom året", {"whole_year": True}, "nb"),
    ("kontinuerleg gjennom heile skuleåret", {"whole_year": True}, "nn"),
    # a deadline: on a closed day, the school day before
    ("innen 1. oktober", {"date": "10-01", "by": True}, "nb"),
    ("innan 1. oktober", {"date": "10-01", "by": True}, "nn"),
    ("Innen 5.11.2025", {"date": "2025-11-05", "by": True}, "nb"),
    # --- the school year ---
    ("før skolestart", {"relative": "før-skolestart"}, "nb"),
    ("Før skolestart", {"relative": "før-skolestart"}, "nb"),
    ("før skulestart", {"relative": "før-skolestart"}, "nn"),
    ("planleggingsdagene før skolestart", {"relative": "før-skolestart"}, "nb"),
    ("første skoledag", {"relative": "første-skoledag"}, "nb"),
    ("Første skuledag", {"relative": "første-skoledag"}, "nn"),
    ("skolestart", {"relative": "første-skoledag"}, "nb"),
    ("første skoledag kl. 09.00", {"relative": "første-skoledag", "time": "09:00"}, "nb"),
    ("oppstartsdagene", {"relative": "oppstartsdagene"}, "nb"),
    ("Oppstartsdagane", {"relative": "oppstartsdagene"}, "nn"),
    ("de første dagene", {"relative": "oppstartsdagene"}, "nb"),
    ("dei første dagane", {"relative": "oppstartsdagene"}, "nn"),
    ("ved skolestart", {"relative": "oppstartsdagene"}, "nb"),
    ("første skoleuke", {"relative": "første-skoleuke"}, "nb"),
    ("første skuleveke", {"relative": "første-skoleuke"}, "nn"),
    ("den første uka", {"relative": "første-skoleuke"}, "nb"),
    ("den første veka", {"relative": "første-skoleuke"}, "nn"),
    ("den første hele uka av skoleåret", {"relative": "første-hele-skoleuke"}, "nb"),
    ("Den første hele uken av skoleåret", {"relative": "første-hele-skoleuke"}, "nb"),
    ("den første heile veka av skuleåret", {"relative": "første-hele-skoleuke"}, "nn"),
    ("første hele skoleuke", {"relative": "første-hele-skoleuke"}, "nb"),
    ("første heile skuleveke", {"relative": "første-hele-skoleuke"}, "nn"),
    ("siste skoleuke", {"relative": "siste-skoleuke"}, "nb"),
    ("siste skuleveke", {"relative": "siste-skoleuke"}, "nn"),
    ("den siste uka av skoleåret", {"relative": "siste-skoleuke"}, "nb"),
    ("siste skoledag", {"relative": "siste-skoledag"}, "nb"),
    ("Siste skuledag", {"relative": "siste-skoledag"}, "nn"),
    ("siste skoledag kl. 8.30–11.30", {"relative": "siste-skoledag", "time": "08:30", "end_time": "11:30"}, "nb"),
    ("første-hele-skoleuke", {"relative": "første-hele-skoleuke"}, "nb"),
    # --- the holidays of the skolerute ---
    ("før høstferien", {"holiday": "høstferie", "relation": "før"}, "nb"),
    ("Før haustferien", {"holiday": "høstferie", "relation": "før"}, "nn"),
    ("rett før høstferien", {"holiday": "høstferie", "relation": "før"}, "nb"),
    ("etter høstferien", {"holiday": "høstferie", "relation": "etter"}, "nb"),
    ("etter haustferien", {"holiday": "høstferie", "relation": "etter"}, "nn"),
    ("Etter høstferien kl. 18", {"holiday": "høstferie", "relation": "etter", "time": "18:00"}, "nb"),
    ("uka før høstferien", {"holiday": "høstferie", "relation": "uka-før"}, "nb"),
    ("veka før haustferien", {"holiday": "høstferie", "relation": "uka-før"}, "nn"),
    ("uka etter høstferien", {"holiday": "høstferie", "relation": "uka-etter"}, "nb"),
    ("første uke etter høstferien", {"holiday": "høstferie", "relation": "uka-etter"}, "nb"),
    ("før jul", {"holiday": "juleferie", "relation": "før"}, None),
    ("Før jul", {"holiday": "juleferie", "relation": "før"}, None),
    ("etter jul", {"holiday": "juleferie", "relation": "etter"}, None),
    ("etter nyttår", {"holiday": "juleferie", "relation": "etter"}, None),
    ("før juleferien", {"holiday": "juleferie", "relation": "før"}, None),
    ("siste skoledag før jul", {"holiday": "juleferie", "relation": "siste-skoledag-før"}, "nb"),
    ("siste skuledag før jul", {"holiday": "juleferie", "relation": "siste-skoledag-før"}, "nn"),
    ("siste dag før juleferien", {"holiday": "juleferie", "relation": "siste-skoledag-før"}, None),
    ("første skoledag etter jul", {"holiday": "juleferie", "relation": "første-skoledag-etter"}, "nb"),
    ("første skuledag etter nyttår", {"holiday": "juleferie", "relation": "første-skoledag-etter"}, "nn"),
    ("uka etter vinterferien", {"holiday": "vinterferie", "relation": "uka-etter"}, "nb"),
    ("Uken etter vinterferien", {"holiday": "vinterferie", "relation": "uka-etter"}, "nb"),
    ("veka etter vinterferien", {"holiday": "vinterferie", "relation": "uka-etter"}, "nn"),
    ("før vinterferien", {"holiday": "vinterferie", "relation": "før"}, None),
    ("etter vinterferien", {"holiday": "vinterferie", "relation": "etter"}, None),
    ("før påske", {"holiday": "påskeferie", "relation": "før"}, None),
    ("etter påske", {"holiday": "påskeferie", "relation": "etter"}, None),
    ("etter påskeferien", {"holiday": "påskeferie", "relation": "etter"}, None),
    ("uka før påske", {"holiday": "påskeferie", "relation": "uka-før"}, "nb"),
    ("før sommerferien", {"holiday": "sommerferie", "relation": "før"}, "nb"),
    ("før sommarferien", {"holiday": "sommerferie", "relation": "før"}, "nn"),
    ("etter sommerferien", {"holiday": "sommerferie", "relation": "etter"}, "nb"),
    ("siste uke før sommerferien", {"holiday": "sommerferie", "relation": "uka-før"}, "nb"),
    # --- as needed, not decided yet ---
    ("ved behov", {"as_needed": True}, None),
    ("Etter behov", {"as_needed": True}, None),
    ("når det trengs", {"as_needed": True}, "nb"),
    ("når det trengst", {"as_needed": True}, "nn"),
    ("ikke bestemt", {"undecided": True}, "nb"),
    ("ikkje bestemt enno", {"undecided": True}, "nn"),
    ("dato kommer", {"undecided": True}, "nb"),
    ("Dato kjem", {"undecided": True}, "nn"),
    # --- clock times, and not only school days ---
    ("14. oktober kl. 18.00–19.30", {"date": "10-14", "time": "18:00", "end_time": "19:30"}, None),
    ("kl. 18.00–19.30, 14. oktober", {"date": "10-14", "time": "18:00", "end_time": "19:30"}, None),
    ("19. november kl 18-19.30", {"date": "11-19", "time": "18:00", "end_time": "19:30"}, None),
    ("19. november klokka 18", {"date": "11-19", "time": "18:00"}, None),
    ("19. november klokken 18", {"date": "11-19", "time": "18:00"}, "nb"),
    ("19. november fra kl. 18 til 19.30", {"date": "11-19", "time": "18:00", "end_time": "19:30"}, "nb"),
    ("19. november 18:00–19:30", {"date": "11-19", "time": "18:00", "end_time": "19:30"}, None),
    ("19. november (kl. 18.00)", {"date": "11-19", "time": "18:00"}, None),
    ("hver tirsdag 14.30–15.30", {"weekly": "tirsdag", "time": "14:30", "end_time": "15:30"}, "nb"),
    ("tysdagar 14.30-15.15", {"weekly": "tirsdag", "time": "14:30", "end_time": "15:15"}, "nn"),
    ("uke 36 18.00–19.30", {"week": 36, "time": "18:00", "end_time": "19:30"}, "nb"),
    ("14.10–18.10", {"start": "10-14", "end": "10-18"}, None),
    ("23. desember, også i ferier og helger", {"date": "12-23", "school_days_only": False}, "nb"),
    ("23. desember, også i feriar og helgar", {"date": "12-23", "school_days_only": False}, "nn"),
    ("23. desember, òg i feriar og helgar", {"date": "12-23", "school_days_only": False}, "nn"),
]
# fmt: on


@pytest.mark.parametrize(("phrase", "structured", "lang"), PHRASES, ids=[p for p, _, _ in PHRASES])
def test_a_phrase_means_its_structured_timing(phrase: str, structured: dict, lang: str | None) -> None:
    parsed = TIMING.validate_python(phrase)
    expected = TIMING.validate_python(structured)
    assert (type(parsed), parsed.model_dump()) == (type(expected), expected.model_dump())
    assert parsed.phrase is not None and parsed.phrase.text == phrase and parsed.phrase.lang == lang


def test_the_table_is_large_and_covers_every_form_and_kind() -> None:
    assert len(PHRASES) >= 150 and len({p for p, _, _ in PHRASES}) == len(PHRASES)
    kinds = {TIMING.validate_python(s).kind for _, s, _ in PHRASES}
    assert kinds == {
        "date", "dates", "range", "weeks", "months", "term", "whole_year", "weekly", "every_week", "daily",
        "every_term", "times_per_year", "relative", "holiday", "as_needed", "undecided",
    }  # fmt: skip
    from skoleplan.model.timing_phrase import _take_clock, normalise

    used = set()
    for phrase, _, _ in PHRASES:
        text, _ = _take_clock(normalise(phrase))
        used.update(name for name, function in FORMS if function(text) is not None)
    assert used == {name for name, _ in FORMS}  # every form of the grammar has phrases in the table
    assert {lang for _, _, lang in PHRASES} == {"nb", "nn", None}
    holidays = {(s["holiday"], s["relation"]) for _, s, _ in PHRASES if "holiday" in s}
    assert {h for h, _ in holidays} == set(HOLIDAY_KINDS) and {r for _, r in holidays} == set(HOLIDAY_RELATIONS)


def test_the_page_shows_the_phrase_as_written_in_its_written_standard() -> None:
    bokmal = TIMING.validate_python("Hver tirsdag kl. 14.30")
    assert bokmal.phrase.text == "Hver tirsdag kl. 14.30"
    assert describe_timing(bokmal, "nb") == "hver tirsdag kl. 14.30"  # the page capitalises where a sentence starts
    assert describe_timing(bokmal, "nn") == "kvar tysdag kl. 14.30"  # not a Bokmål phrase on a Nynorsk page
    nynorsk = TIMING.validate_python("veke 36–37 kl. 18")
    assert describe_timing(nynorsk, "nn") == "veke 36–37 kl. 18"
    assert describe_timing(nynorsk, "nb") == "uke 36–37 kl. 18.00"
    both = TIMING.validate_python("November/desember")
    assert describe_timing(both, "nb") == describe_timing(both, "nn") == "november/desember"
    assert describe_timing(TIMING.validate_python("UKE 34"), "nb") == "UKE 34"
    assert describe_timing(both, "nb", as_written=False) == "november–desember"


def test_a_phrase_with_its_spaces_tidied() -> None:
    assert TIMING.validate_python("  uke\u00a034 \n").phrase.text == "uke 34"


# --- what cannot be read ---------------------------------------------------------------------------------

FORMS_LISTED = (
    "skriv det for eksempel som «2. september», «2.9.», «14.–18. oktober», «uke 34», «uke 36–37», "
    "«november/desember», «høsten», «gjennom hele året», «hver tirsdag», «annenhver torsdag», «hver uke», "
    "«daglig», «hvert semester», «fire ganger i året», «halvårlig», «før skolestart», «første skoledag», "
    "«oppstartsdagene», «den første hele uka av skoleåret», «siste skoledag», «etter høstferien», "
    "«uka etter vinterferien», «siste skoledag før jul», gjerne med klokkeslett («kl. 18.00–19.30»), "
    "eller som en blokk ({week: 34}); sier ingen av dem det planen sier, skriv planens egne ord: "
    "{text: {nb: …, nn: …}} (på siden, ikke i kalenderen)"
)

BAD = [
    ("snart", f"forstår ikke tidspunktet «snart»; {FORMS_LISTED}"),
    ("uke trettifire", f"forstår ikke tidspunktet «uke trettifire»; {FORMS_LISTED}"),
    ("når det passer", f"forstår ikke tidspunktet «når det passer»; {FORMS_LISTED}"),
    ("14.–18. oktober og 2.–3. november", f"forstår ikke tidspunktet «14.–18. oktober og 2.–3. november»; {FORMS_LISTED}"),
    ("2/9", "«2/9»: kan bety 2. september eller 9. februar; skriv måneden med bokstaver («2. september») eller med "
     "punktum, dagen først («2.9.»)"),
    ("3/4/2026", "«3/4/2026»: kan bety 3. april eller 4. mars; skriv måneden med bokstaver («3. april») eller med "
     "punktum, dagen først («3.4.»)"),
    ("09-02", "«09-02» kan bety 2. september (måned først, som i blokken {date: \"09-02\"}) eller 9. februar; skriv "
     "måneden med bokstaver («2. september»)"),
    ("31. februar", "«31. februar»: 31. februar finnes ikke"),
    ("29. februar", "«29. februar»: 29. februar finnes bare i skuddår, og en dato uten årstall gjelder hvert skoleår; "
     "skriv 28. februar eller 1. mars, eller datoen med årstall («2028-02-29»)"),
    ("uke 53", "«uke 53»: uke 53 finnes bare noen år (2026 har den, 2025 og 2027 ikke), og et årshjul gjelder hvert "
     "skoleår; skriv uke 52 eller uke 1, eller datoer"),
    ("uke 0", "«uke 0»: uke 0 finnes ikke; ukenumrene går fra 1 til 52"),
    ("hver lørdag", "«hver lørdag»: «lørdag» er ikke en skoledag; en aktivitet hver uke må være på en ukedag "
     "(mandag–fredag)"),
    ("mandag 2. september 2025", "«mandag 2. september 2025»: 2. september 2025 er en tirsdag, ikke en mandag"),
    ("hver tysdag i uka", "tidspunktet «hver tysdag i uka» blander bokmål og nynorsk; skriv det på ett av dem"),
    ("uke 34 kl. 18 og kl. 19", "«uke 34 kl. 18 og kl. 19»: flere klokkeslett i samme tidspunkt; skriv ett, eller et "
     "tidsrom som «kl. 18.00–19.30»"),
    ("18.–14. oktober", "«18.–14. oktober»: end må være etter start"),
    ("2. september kl. 19–18", "«2. september kl. 19–18»: end_time må være etter time"),
    ("to ganger i året (oktober, januar og mars)", "«to ganger i året (oktober, januar og mars)»: times_per_year er 2, "
     "men months har 3; de må stemme overens"),
    ("", "tidspunktet er tomt; skriv for eksempel «uke 34» eller «2. september»"),
]


@pytest.mark.parametrize(("phrase", "message"), BAD, ids=[p or "tom" for p, _ in BAD])
def test_a_phrase_that_cannot_be_read_says_why(phrase: str, message: str) -> None:
    with pytest.raises(PhraseError) as caught:
        parse_timing(phrase)
    assert str(caught.value) == message


def test_an_unreadable_phrase_is_an_error_at_its_line(tmp_path) -> None:
    from skoleplan.validate import validate_file

    path = tmp_path / "aarshjul.yaml"
    path.write_text(
        "intro: {nb: Årshjul, nn: Årshjul}\n"
        "activities:\n"
        "  - id: samling\n"
        "    title: {nb: Fellessamling, nn: Fellessamling}\n"
        "    timing: uke trettifire\n"
        "    responsible: [rektor]\n"
        "    audience: [elever]\n"
        "    category: sosial\n"
        "  - id: samtale\n"
        "    title: {nb: Samtale, nn: Samtale}\n"
        "    timing: 2/9\n"
        "    responsible: [rektor]\n"
        "    audience: [elever]\n"
        "    category: møte\n",
        encoding="utf-8",
    )
    _, _, problems = validate_file(path, "aarshjul.yaml")
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [
        f"5:13: «timing»: forstår ikke tidspunktet «uke trettifire»; {FORMS_LISTED}",
        "11:13: «timing»: «2/9»: kan bety 2. september eller 9. februar; skriv måneden med bokstaver "
        "(«2. september») eller med punktum, dagen først («2.9.»)",
    ]


def test_a_phrase_works_wherever_a_timing_is_taken() -> None:
    from skoleplan.model.plan import Council, Information, Prevention

    text = {"nb": "Tekst", "nn": "Tekst"}
    council = Council.model_validate({"id": "fau", "role": "fau", "description": text, "meetings": "fire møter i året"})
    assert council.meetings.times_per_year == 4
    info = Information.model_validate(
        {"id": "i", "audience": "foresatte", "how": text, "when": "før skulestart", "responsible": ["rektor"]}
    )
    assert info.when.relative == "før-skolestart" and info.when.phrase.lang == "nn"
    prevention = Prevention.model_validate(
        {"id": "p", "level": "skole", "what": text, "when": "hver dag", "how": text, "responsible": ["rektor"]}
    )
    assert prevention.when.kind == "daily"


def test_a_calendar_date_in_yaml_is_a_date() -> None:
    assert TIMING.validate_python(dt.date(2025, 9, 2)).date == dt.date(2025, 9, 2)


def test_the_written_standard_of_a_phrase() -> None:
    assert written_standard("uke 34") == "nb"
    assert written_standard("veke 34") == "nn"
    assert written_standard("2. september kl. 18") is None
    assert written_standard("skuleåret") == "nn" and written_standard("skoleåret") == "nb"
    assert written_standard("hver veke") == "mixed"


def test_structured_timings_are_still_valid_and_carry_no_phrase() -> None:
    timing = TIMING.validate_python({"weeks": [36, 37], "time": "18:00"})
    assert timing.phrase is None
    with pytest.raises(ValidationError):
        TIMING.validate_python({"weeks": [36, 37], "phrase": "uke 36–37"})


# --- every structured timing said in words reads back as itself ---------------------------------------------

day = st.dates(dt.date(2025, 8, 1), dt.date(2027, 7, 31))
month_day = day.filter(lambda d: (d.month, d.day) != (2, 29)).map(lambda d: d.strftime("%m-%d"))
any_day = st.one_of(day, month_day)
clock = st.times().map(lambda t: t.replace(second=0, microsecond=0))
maybe_clock = st.one_of(st.just({}), clock.map(lambda t: {"time": t}), st.tuples(clock, clock).filter(lambda p: p[0] < p[1]).map(
    lambda p: {"time": p[0], "end_time": p[1]}))  # fmt: skip
days_only = st.sampled_from([{}, {"school_days_only": False}])


def _range(a: dt.date, n: int, yearless: bool) -> dict:
    b = a + dt.timedelta(days=n)
    if not yearless:
        return {"start": a, "end": b}
    if (a.month, a.day) == (2, 29) or (b.month, b.day) == (2, 29) or (a.month >= 8) != (b.month >= 8) and a.month < 8:
        return {"start": a, "end": b}
    return {"start": a.strftime("%m-%d"), "end": b.strftime("%m-%d")}


structured = st.one_of(
    st.builds(lambda d, by: {"date": d, "by": True} if by else {"date": d}, any_day, st.booleans()),
    st.builds(lambda ds: {"dates": ds}, st.lists(any_day, min_size=2, max_size=4)),
    st.builds(_range, day, st.integers(1, 40), st.booleans()),
    st.builds(lambda w: {"week": w}, st.integers(1, 52)),
    st.builds(lambda ws: {"weeks": ws}, st.lists(st.integers(1, 52), min_size=2, max_size=5)),
    st.builds(lambda m: {"month": m}, st.integers(1, 12)),
    st.builds(lambda ms: {"months": ms}, st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True)),
    st.builds(lambda t: {"term": t}, st.sampled_from(["høst", "vår"])),
    st.just({"whole_year": True}),
    st.builds(lambda w, i: {"weekly": w, "interval": i}, st.integers(1, 5), st.sampled_from([1, 2])),
    st.builds(lambda i: {"weekly": True, "interval": i}, st.sampled_from([1, 2])),
    st.just({"daily": True}),
    st.just({"every_term": True}),
    st.just({"as_needed": True}),
    st.just({"undecided": True}),
    st.builds(lambda n: {"times_per_year": n}, st.integers(1, 52)),
    st.builds(lambda ms: {"times_per_year": len(ms), "months": ms}, st.lists(st.integers(1, 12), min_size=1, max_size=4)),
    st.builds(lambda ds: {"times_per_year": len(ds), "dates": ds}, st.lists(any_day, min_size=1, max_size=3)),
    st.builds(lambda r: {"relative": r}, st.sampled_from(["før-skolestart", "første-skoledag", "oppstartsdagene",
              "første-skoleuke", "første-hele-skoleuke", "siste-skoleuke", "siste-skoledag"])),
    st.builds(lambda h, r: {"holiday": h, "relation": r}, st.sampled_from(HOLIDAY_KINDS), st.sampled_from(HOLIDAY_RELATIONS)),
)  # fmt: skip


def _valid(value: dict) -> dict | None:
    try:
        TIMING.validate_python(value)
    except ValidationError:
        return None
    return value


timings = st.builds(lambda s, c, d: {**s, **c, **d}, structured, maybe_clock, days_only).map(_valid).filter(bool)


@settings(max_examples=600, deadline=None)
@given(value=timings, lang=st.sampled_from(["nb", "nn"]))
def test_every_structured_timing_said_in_words_reads_back_as_itself(value: dict, lang: str) -> None:
    timing = TIMING.validate_python(value)
    text = describe_timing(timing, lang)
    parsed = TIMING.validate_python(text)
    assert (type(parsed), parsed.model_dump()) == (type(timing), timing.model_dump()), text
    assert parsed.phrase.lang in (lang, None), text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (34, "tidspunktet ble lest som tallet 34; skriv for eksempel «uke 34», og sett "
         "anførselstegn rundt en dato med bare tall («\"2.10.\"»)"),
        (2.1, "tidspunktet ble lest som tallet 2.1; skriv for eksempel «2. oktober», og sett "
         "anførselstegn rundt en dato med bare tall («\"2.10.\"»)"),
    ],
)
def test_a_number_is_not_read_as_a_phrase(value, message) -> None:
    """YAML reads `timing: 2.10` as the number 2.1: guessing would give 1 October."""
    with pytest.raises(ValidationError) as caught:
        TIMING.validate_python(value)
    assert caught.value.errors()[0]["ctx"]["error"].args[0] == message
