"""The page above both written standards (`site/index.html`): the reader chooses Bokmål or Nynorsk.

A reader who lands on the school's address sees the choice in both written
standards, each offered in its own words and language, so a Nynorsk reader is
never sent to Bokmål without being asked. Only a school that asks for it
(`root_redirect: true` in skole.yaml) sends readers straight on to its main
written standard, with a meta refresh: no JavaScript either way.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..model import LANGS, Plan
from ..resolve.text import words


def render_root_index(plan: Plan, template_dir: Path) -> str:
    """The root `index.html` from `overrides/site/index.html.j2`, autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    school = plan.school.school
    main = school.main_standard
    order = [main] + [lang for lang in LANGS if lang != main]
    return env.get_template("index.html.j2").render(
        main=main,
        order=order,
        redirect=school.root_redirect,
        names={lang: school.name[lang] for lang in LANGS},
        words={lang: words(lang)["labels"]["root"] for lang in LANGS},
    )
