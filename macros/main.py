"""Macros a school uses in its own pages in `docs/` (mkdocs-macros): parts of its plan, always up to date.

    {{ aarshjul(maaned="oktober") }}          the årshjul for a month, an audience (for_hvem) or a grade (trinn)
    {{ rolle("kontaktlaerer") }}              what one role does in the plan
    {{ kontakter() }}                         the contact list (public contacts only, on the public site)
    {{ begrep("mobbing") }}                   one concept's definition
    {{ tiltak(nivaa="individ") }}             the measures for cases at one level
    {{ forebygging(nivaa="klasse") }}         the preventive work at one level
    {{ lov("12-4") }}                         a link to a section of a law on Lovdata

The README («Your own pages») documents each with its arguments. The work is
done by the core (`skoleplan/render/snippets.py`, templates in
`overrides/pages/makroer/`); here each macro's arguments are checked, and a
mistake becomes one Norwegian line with the page and line, which fails the
build (reported by the `skoleplan` plugin, `macros/plugin.py`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

from skoleplan.render.pages import RenderError
from skoleplan.render.snippets import SnippetError, Snippets


def define_env(env) -> None:
    plugin = env.conf.plugins["skoleplan"]

    def snippets() -> Snippets:
        return Snippets(plugin.context, plugin.handbook.renderer, env.page.file.src_uri)

    def macro(function: Callable[..., str]) -> Callable[..., str]:
        """A macro whose mistakes are reported by the plugin, with the page and line, instead of a traceback."""
        signature = inspect.signature(function)

        @functools.wraps(function)
        def called(*args, **kwargs) -> str:
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                plugin.macro_failed(env.page, inspect.currentframe(), wrong_arguments(function.__name__, signature, args, kwargs))
                return ""
            try:
                return function(*args, **kwargs)
            except (SnippetError, RenderError) as exc:
                plugin.macro_failed(env.page, inspect.currentframe(), f"{function.__name__}(): {exc}")
                return ""

        env.macro(called)
        return called

    @macro
    def aarshjul(maaned=None, for_hvem=None, trinn=None) -> str:
        """The årshjul's activities for a month («oktober»), an audience («foresatte») and/or a grade (5)."""
        return snippets().calendar(month=maaned, audience=for_hvem, grade=trinn)

    @macro
    def rolle(id) -> str:  # noqa: A002 - the name a school writes
        """What one role (an id in roller.yaml) does in the plan."""
        return snippets().role(id)

    @macro
    def kontakter() -> str:
        """The contact list of this edition."""
        return snippets().contacts()

    @macro
    def begrep(id) -> str:  # noqa: A002
        """One concept's definition (an id in begreper.yaml)."""
        return snippets().concept(id)

    @macro
    def tiltak(nivaa) -> str:
        """The measures for cases at one level: individ, gruppe or skole."""
        return snippets().measures(nivaa)

    @macro
    def forebygging(nivaa) -> str:
        """The preventive work at one level: skole, klasse or individ."""
        return snippets().prevention(nivaa)

    @macro
    def lov(paragraf, ledd=None, lov="opplæringslova") -> str:
        """A link to a section of a law on Lovdata: lov("12-4"), lov("12-4", ledd=2), lov("3", lov="barnekonvensjonen")."""
        return snippets().law(paragraf, ledd, lov)


def wrong_arguments(name: str, signature: inspect.Signature, args: tuple, kwargs: dict) -> str:
    """«aarshjul(): ukjent argument «mnd»; forventet maaned, for_hvem eller trinn» and the like."""
    names = list(signature.parameters)
    expected = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} eller {names[-1]}" if names else "ingen"
    unknown = [key for key in kwargs if key not in names]
    if unknown:
        return f"{name}(): ukjent argument «{unknown[0]}»; forventet {expected}"
    required = [p.name for p in signature.parameters.values() if p.default is inspect.Parameter.empty]
    missing = [p for p in required[len(args):] if p not in kwargs]
    if missing:
        return f"{name}(): mangler «{missing[0]}»; for eksempel {name}(\"…\")"
    return f"{name}(): for mange argumenter; forventet {expected}"
