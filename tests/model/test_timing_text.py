"""Every kind of timing, said in natural Bokmål and Nynorsk."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from skoleplan.model.base import AfterWeeks, WithinDays, WithinWeeks, WithinWorkingDays
from skoleplan.model.timing import Timing
from skoleplan.resolve.text import describe_deadline, describe_timing

TIMING = TypeAdapter(Timing)

CASES = [
    # (timing as written in YAML, bokmål, nynorsk)
    ({"date": "09-02"}, "2. september", "2. september"),
    ({"date": "2026-05-15"}, "15. mai 2026", "15. mai 2026"),
    ({"date": "10-14", "time": "18:00", "end_time": "19:30"}, "14. oktober kl. 18.00–19.30", "14. oktober kl. 18.00–19.30"),
    ({"dates": ["09-10", "02-11"]}, "10. september og 11. februar", "10. september og 11. februar"),
    ({"dates": ["09-10", "11-12", "02-11"]}, "10. september, 12. november og 11. februar",
     "10. september, 12. november og 11. februar"),
    ({"start": "11-17", "end": "11-21"}, "17.–21. november", "17.–21. november"),
    ({"start": "11-28", "end": "12-03"}, "28. november – 3. desember", "28. november – 3. desember"),
    ({"week": 40}, "uke 40", "veke 40"),
    ({"weeks": [45, 46]}, "uke 45–46", "veke 45–46"),
    ({"weeks": [34, 36]}, "uke 34 og 36", "veke 34 og 36"),
    ({"month": "oktober"}, "oktober", "oktober"),
    ({"month": 3}, "mars", "mars"),
    ({"months": ["november", "desember"]}, "november–desember", "november–desember"),
    ({"months": ["mai", "juni"]}, "mai–juni", "mai–juni"),
    ({"months": ["september", "januar"]}, "september og januar", "september og januar"),
    ({"term": "høst"}, "høsten", "hausten"),
    ({"term": "vår"}, "våren", "våren"),
    ({"whole_year": True}, "hele året", "heile året"),
    ({"weekly": "tirsdag"}, "hver tirsdag", "kvar tysdag"),
    ({"weekly": "tysdag", "time": "08:30"}, "hver tirsdag kl. 08.30", "kvar tysdag kl. 08.30"),
    ({"weekly": "måndag", "time": "14.30", "end_time": "15:15"}, "hver mandag kl. 14.30–15.15",
     "kvar måndag kl. 14.30–15.15"),
    ({"times_per_year": 1}, "én gang i året", "éin gong i året"),
    ({"times_per_year": 2}, "to ganger i året", "to gonger i året"),
    ({"times_per_year": 4}, "fire ganger i året", "fire gonger i året"),
    ({"times_per_year": 2, "months": ["oktober", "mars"]}, "to ganger i året (oktober og mars)",
     "to gonger i året (oktober og mars)"),
    ({"times_per_year": 2, "dates": ["10-15", "03-10"]}, "to ganger i året (15. oktober og 10. mars)",
     "to gonger i året (15. oktober og 10. mars)"),
    ({"relative": "før-skolestart"}, "før skolestart", "før skulestart"),
    ({"relative": "første-skoledag"}, "første skoledag", "første skuledag"),
    ({"relative": "oppstartsdagene"}, "oppstartsdagene", "oppstartsdagane"),
    ({"relative": "første-skoleuke"}, "første skoleuke", "første skuleveke"),
    ({"relative": "første-hele-skoleuke"}, "første hele skoleuke", "første heile skuleveke"),
    ({"relative": "siste-skoleuke"}, "siste skoleuke", "siste skuleveke"),
    ({"relative": "siste-skoledag"}, "siste skoledag", "siste skuledag"),
    ({"weekly": "torsdag", "interval": 2}, "annenhver torsdag", "annakvar torsdag"),
    ({"weekly": True}, "hver uke", "kvar veke"),
    ({"weekly": True, "interval": 2}, "annenhver uke", "annakvar veke"),
    ({"daily": True}, "hver dag", "kvar dag"),
    ({"every_term": True}, "hvert semester", "kvart semester"),
    ({"holiday": "høstferie", "relation": "før"}, "før høstferien", "før haustferien"),
    ({"holiday": "høstferie", "relation": "etter", "time": "18:00"}, "etter høstferien kl. 18.00",
     "etter haustferien kl. 18.00"),
    ({"holiday": "vinterferie", "relation": "uka-etter"}, "uka etter vinterferien", "veka etter vinterferien"),
    ({"holiday": "påskeferie", "relation": "uka-før"}, "uka før påskeferien", "veka før påskeferien"),
    ({"holiday": "juleferie", "relation": "siste-skoledag-før"}, "siste skoledag før juleferien",
     "siste skuledag før juleferien"),
    ({"holiday": "sommerferie", "relation": "første-skoledag-etter"}, "første skoledag etter sommerferien",
     "første skuledag etter sommarferien"),
    ({"as_needed": True}, "ved behov", "ved behov"),
    ({"undecided": True}, "ikke bestemt ennå", "ikkje bestemt enno"),
    ({"date": "12-23", "school_days_only": False}, "23. desember, også i ferier og helger",
     "23. desember, òg i feriar og helgar"),
]


@pytest.mark.parametrize(("written", "nb", "nn"), CASES, ids=[str(c[0]) for c in CASES])
def test_timing_in_both_written_standards(written, nb, nn):
    timing = TIMING.validate_python(written)
    assert describe_timing(timing, "nb") == nb
    assert describe_timing(timing, "nn") == nn


def test_every_kind_of_timing_is_covered():
    kinds = {TIMING.validate_python(written).kind for written, _, _ in CASES}
    assert kinds == {
        "date", "dates", "range", "weeks", "months", "term", "whole_year", "weekly", "times_per_year", "relative",
        "every_week", "daily", "every_term", "holiday", "as_needed", "undecided",
    }  # fmt: skip
    relatives = {w["relative"] for w, _, _ in CASES if "relative" in w}
    from skoleplan.model.timing import RelativeWhen

    assert relatives == set(RelativeWhen.__args__)


@pytest.mark.parametrize(
    ("deadline", "nb", "nn"),
    [
        ("straks", "straks", "straks"),
        ("samme-dag", "samme dag", "same dag"),
        ("neste-dag", "neste dag", "neste dag"),
        ("snarest", "snarest", "snarast"),
        ("løpende", "løpende", "løpande"),
        (WithinDays(days=1), "innen én dag", "innan éin dag"),
        (WithinDays(days=5), "innen 5 dager", "innan 5 dagar"),
        (WithinWeeks(weeks=1), "innen én uke", "innan éi veke"),
        (WithinWeeks(weeks=3), "innen 3 uker", "innan 3 veker"),
        (AfterWeeks(after_weeks=1), "etter én uke", "etter éi veke"),
        (AfterWeeks(after_weeks=4), "etter 4 uker", "etter 4 veker"),
        (WithinWorkingDays(working_days=1), "innen én virkedag", "innan éin vyrkedag"),
        (WithinWorkingDays(working_days=5), "innen 5 virkedager", "innan 5 vyrkedagar"),
    ],
)
def test_deadlines_in_both_written_standards(deadline, nb, nn):
    assert describe_deadline(deadline, "nb") == nb
    assert describe_deadline(deadline, "nn") == nn


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("innen 5 virkedager", "innen 5 virkedager"),  # counted in working days, as the plan counts (was refused)
        ("Innan 5 vyrkedagar", "innen 5 virkedager"),
        ("innen 2-3 dager", "innen 2–3 dager"),
        ("innan éi veke", "innen én uke"),
        ("etter 3–4 uker.", "etter 3–4 uker"),
        ("straks", "straks"),
    ],
)
def test_a_deadline_written_as_people_write_it_is_the_block_it_says(written, said):
    from pydantic import TypeAdapter

    from skoleplan.model.base import Deadline

    assert describe_deadline(TypeAdapter(Deadline).validate_python(written), "nb") == said
