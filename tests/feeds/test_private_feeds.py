"""The staff feeds at a secret address outside the login, for phones' cloud calendars (issue 13 item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skoleplan.build import build_site

PROJECT = Path(__file__).resolve().parents[2]
SECRET = "en-hemmelig-nøkkel-som-aldri-skrives-ned"


def build(tmp_path: Path, data: Path, secret: str | None) -> Path:
    out = tmp_path / "out"
    build_site(PROJECT, out / "site", data, staff_dir=out / "site-intern", feed_secret=secret,
               private_feeds_dir=out / "site-personalkalender")
    return out


def every_file(root: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file())


@pytest.mark.build
def test_with_a_secret_the_staff_feeds_stand_at_an_address_only_the_secret_gives(data, tmp_path):
    out = build(tmp_path, data, SECRET)
    folders = [p.name for p in (out / "site-personalkalender").iterdir()]
    assert len(folders) == 1 and len(folders[0]) == 32
    token = folders[0]
    feeds = out / "site-personalkalender" / token
    assert sorted(p.relative_to(feeds).as_posix() for p in feeds.rglob("*.ics")) == [
        f"{lang}/kalender/{feed}.ics" for lang in ("nb", "nn") for feed in ("aarshjul", "ansatte", "elever", "foresatte")
    ]
    staff_feed = (out / "site-intern" / "nb" / "kalender" / "ansatte.ics").read_bytes().decode("utf-8")
    private_feed = (feeds / "nb" / "kalender" / "ansatte.ics").read_bytes().decode("utf-8")
    assert private_feed.replace("\r\n ", "").count("BEGIN:VEVENT") == staff_feed.replace("\r\n ", "").count("BEGIN:VEVENT")
    assert f"personalkalender/{token}/nb/kalender/ansatte.ics" in private_feed.replace("\r\n ", "")  # SOURCE
    # The secret itself is in no file; the address only on the staff site, with the warning.
    assert SECRET not in every_file(out)
    assert token not in every_file(out / "site")
    staff_page = (out / "site-intern" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    assert token in staff_page and "Adressen er hemmelig" in staff_page
    # The same secret gives the same address; another secret another, and the old folder is gone.
    assert [p.name for p in (build(tmp_path, data, SECRET) / "site-personalkalender").iterdir()] == [token]
    other = [p.name for p in (build(tmp_path, data, SECRET + "2") / "site-personalkalender").iterdir()]
    assert other != [token] and len(other) == 1


@pytest.mark.build
def test_without_a_secret_the_staff_page_says_which_calendars_work(data, tmp_path):
    out = build(tmp_path, data, None)
    assert not (out / "site-personalkalender").exists()
    staff_page = (out / "site-intern" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    assert "Kalenderne her krever innlogging" in staff_page and "Google Kalender, Outlook.com og iCloud kan ikke" in staff_page
    assert "calendar.google.com" not in staff_page  # no button that cannot work behind the login
    public_page = (out / "site" / "nb" / "aarshjul" / "index.html").read_text(encoding="utf-8")
    assert "calendar.google.com" in public_page and "krever innlogging" not in public_page
