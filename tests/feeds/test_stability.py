"""Subscribers only see changes that happened: stable bytes, UIDs and a SEQUENCE that rises by itself."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from skoleplan.errors import PlanError
from skoleplan.render.ical import EventLock, render_feeds, stale_events

from .conftest import SITE_URL, load_plan

FEED = "nb/kalender/aarshjul.ics"


def build(plan_dir: Path, lock: Path, lang: str = "nb", site_url: str = SITE_URL, **kw) -> dict[str, bytes]:
    return render_feeds(load_plan(plan_dir), lang, site_url, lock_path=lock, **kw)


def events(feed: bytes) -> dict[str, str]:
    """UID → the VEVENT's unfolded text."""
    text = feed.decode("utf-8").replace("\r\n ", "")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.S):
        uid = re.search(r"^UID:(.*)$", block, re.M)[1].strip()
        found[uid] = block
    return found


def prop(block: str, name: str) -> str:
    return re.search(rf"^{name}[;:](.*?)\r?$", block, re.M)[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_two_builds_are_byte_identical(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    first = build(plan_dir, lock)
    lock_text = lock.read_text(encoding="utf-8")
    assert build(plan_dir, lock) == first
    assert lock.read_text(encoding="utf-8") == lock_text
    assert build(plan_dir, tmp_path / "other-lock.json") == first, "a fresh lock gives the same first build"


def test_a_changed_title_changes_only_that_event_with_a_higher_sequence(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    before = events(build(plan_dir, lock)[FEED])
    edit(plan_dir / "aarshjul.yaml", "{nb: Første skoledag, nn:", "{nb: Første skoledag med flagg, nn:")
    after = events(build(plan_dir, lock)[FEED])
    assert before.keys() == after.keys()
    changed = {uid for uid in before if before[uid] != after[uid]}
    assert changed == {uid for uid in before if uid.startswith("skolestart.")} and len(changed) == 2
    for uid in changed:
        assert int(prop(after[uid], "SEQUENCE")) == int(prop(before[uid], "SEQUENCE")) + 1
        assert prop(after[uid], "LAST-MODIFIED") > prop(before[uid], "LAST-MODIFIED")
        assert prop(after[uid], "DTSTAMP") == prop(after[uid], "LAST-MODIFIED")
        assert prop(after[uid], "SUMMARY") == "Første skoledag med flagg"


def test_a_changed_nynorsk_title_raises_the_sequence_in_the_bokmal_feed_too(plan_dir: Path, tmp_path: Path) -> None:
    """One SEQUENCE per event for both languages, so the feeds never disagree."""
    lock = tmp_path / "lock.json"
    before = events(build(plan_dir, lock)[FEED])
    edit(plan_dir / "aarshjul.yaml", "nn: Første skuledag}", "nn: Første skuledagen}")
    after = events(build(plan_dir, lock)[FEED])
    assert {u for u in before if before[u] != after[u]} == {u for u in before if u.startswith("skolestart.")}


def test_changed_dates_raise_the_sequence(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    before = events(build(plan_dir, lock)[FEED])
    edit(plan_dir / "aarshjul.yaml", 'timing: {date: "12-23", time: "11:00"', 'timing: {date: "12-19", time: "11:00"')
    after = events(build(plan_dir, lock)[FEED])
    uid = next(u for u in after if u.startswith("juleavslutning.2025-2026."))
    assert prop(before[uid], "SEQUENCE") == "0"
    assert prop(after[uid], "DTSTART") == "TZID=Europe/Oslo:20251219T110000"
    assert prop(after[uid], "SEQUENCE") == "1"


def test_a_month_marker_keeps_its_uid_when_the_date_is_set(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    before = events(build(plan_dir, lock)[FEED])
    edit(plan_dir / "aarshjul.yaml", 'timing: {month: september, time: "18:00"}', 'timing: {date: "09-10", time: "18:00"}')
    after = events(build(plan_dir, lock)[FEED])
    uid = next(u for u in before if u.startswith("foreldremote-host.2025-2026.1@"))
    assert prop(before[uid], "SUMMARY") == "Foreldremøte (september kl. 18.00\\, dato kommer)"
    assert prop(after[uid], "SUMMARY") == "Foreldremøte"
    assert prop(after[uid], "SEQUENCE") == "1"


def test_uids_do_not_depend_on_the_order_of_activities(plan_dir: Path, tmp_path: Path) -> None:
    first = build(plan_dir, tmp_path / "a.json")
    path = plan_dir / "aarshjul.yaml"
    head, *blocks = re.split(r"(?m)^(?=  - id: )", path.read_text(encoding="utf-8"))
    assert len(blocks) > 10
    path.write_text(head + "".join(reversed(blocks)), encoding="utf-8")
    assert [a.id for a in load_plan(plan_dir).calendar.activities][0] == "skoleslutt"
    assert build(plan_dir, tmp_path / "b.json") == first


def test_another_site_url_changes_links_but_no_sequence(plan_dir: Path, tmp_path: Path) -> None:
    """`mkdocs serve` on localhost must not bump the committed lock."""
    lock = tmp_path / "lock.json"
    build(plan_dir, lock)
    text = lock.read_text(encoding="utf-8")
    served = build(plan_dir, lock, site_url="http://127.0.0.1:8000/")
    assert lock.read_text(encoding="utf-8") == text
    assert b"http://127.0.0.1:8000/nb/aarshjul/#skolestart" in served[FEED].replace(b"\r\n ", b"")
    assert "@plan.makeskjaer.fjordvik.example" in next(iter(events(served[FEED])))


def test_the_uid_domain_is_fixed_by_the_lock(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    before = events(build(plan_dir, lock)[FEED]).keys()
    edit(plan_dir / "skole.yaml", "site_url: https://plan.makeskjaer.fjordvik.example/", "site_url: https://ny.example/")
    assert events(build(plan_dir, lock)[FEED]).keys() == before


def test_the_lock_is_the_same_whichever_language_is_built_first(plan_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for lang in ("nb", "nn"):
        build(plan_dir, a, lang)
    for lang in ("nn", "nb"):
        build(plan_dir, b, lang)
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_the_lock_file_is_sorted_json_with_a_note(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    build(plan_dir, lock)
    text = lock.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["uid_domain"] == "plan.makeskjaer.fjordvik.example"
    assert "Ikke rediger" in data["_note"]
    entry = data["events"]["skolestart.2025-2026.1@plan.makeskjaer.fjordvik.example"]
    assert entry == {"fingerprint": entry["fingerprint"], "sequence": 0, "modified": "2025-06-10T00:00:00Z"}


def test_the_lock_is_not_rewritten_when_nothing_changed(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    build(plan_dir, lock)
    stamp = lock.stat().st_mtime_ns
    build(plan_dir, lock, "nn")
    assert lock.stat().st_mtime_ns == stamp


def test_a_removed_event_keeps_its_entry_and_never_restarts_its_sequence(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    build(plan_dir, lock)
    uid = "skolestart.2025-2026.1@plan.makeskjaer.fjordvik.example"
    edit(plan_dir / "aarshjul.yaml", "id: skolestart\n", "id: skolestart-ny\n")
    build(plan_dir, lock)
    assert json.loads(lock.read_text(encoding="utf-8"))["events"][uid]["sequence"] == 0
    edit(plan_dir / "aarshjul.yaml", "id: skolestart-ny\n", "id: skolestart\n")
    edit(plan_dir / "aarshjul.yaml", "{nb: Første skoledag, nn:", "{nb: Skolestart, nn:")
    after = events(build(plan_dir, lock)[FEED])
    assert prop(after[uid], "SEQUENCE") == "1"


def test_source_date_epoch_stamps_new_changes(plan_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / "lock.json"
    build(plan_dir, lock)
    moment = dt.datetime(2025, 8, 1, 12, 0, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    edit(plan_dir / "aarshjul.yaml", "{nb: Første skoledag, nn:", "{nb: Skolestart, nn:")
    after = events(build(plan_dir, lock)[FEED])
    uid = "skolestart.2025-2026.1@plan.makeskjaer.fjordvik.example"
    assert prop(after[uid], "LAST-MODIFIED") == "20250801T120000Z"
    untouched = "skoleslutt.2025-2026.1@plan.makeskjaer.fjordvik.example"
    assert prop(after[untouched], "LAST-MODIFIED") == "20250610T000000Z"


def test_last_modified_rises_even_with_an_older_stamp(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    build(plan_dir, lock, stamp=dt.datetime(2025, 9, 1, tzinfo=dt.timezone.utc))
    edit(plan_dir / "aarshjul.yaml", "{nb: Første skoledag, nn:", "{nb: Skolestart, nn:")
    after = events(build(plan_dir, lock, stamp=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))[FEED])
    assert prop(after["skolestart.2025-2026.1@plan.makeskjaer.fjordvik.example"], "LAST-MODIFIED") == "20250901T000001Z"


def test_a_broken_lock_is_reported_in_norwegian(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    lock.write_text("{ <<<<<<< HEAD", encoding="utf-8")
    with pytest.raises(PlanError, match="kalenderlåsen kan ikke leses"):
        build(plan_dir, lock)


def test_without_a_lock_every_sequence_is_zero(plan_dir: Path) -> None:
    feed = render_feeds(load_plan(plan_dir), "nb", SITE_URL, lock_path=None)[FEED]
    assert {prop(block, "SEQUENCE") for block in events(feed).values()} == {"0"}
    assert EventLock.load(None).save() is False


def test_stale_events_tells_ci_that_the_lock_was_not_rebuilt(plan_dir: Path, tmp_path: Path) -> None:
    lock = tmp_path / "lock.json"
    assert stale_events(load_plan(plan_dir), lock), "no lock yet: everything is stale"
    build(plan_dir, lock)
    assert stale_events(load_plan(plan_dir), lock) == []
    edit(plan_dir / "aarshjul.yaml", "{nb: Første skoledag, nn:", "{nb: Skolestart, nn:")
    assert stale_events(load_plan(plan_dir), lock) == [
        "skolestart.2025-2026.1@plan.makeskjaer.fjordvik.example",
        "skolestart.2026-2027.1@plan.makeskjaer.fjordvik.example",
    ]
