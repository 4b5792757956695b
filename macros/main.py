"""MkDocs glue (mkdocs-macros): page stubs in docs/ call these macros; the core does the work.

Kept thin on purpose: Material for MkDocs reaches end of life in 2027, and
everything here is a call into `skoleplan`, which knows nothing of MkDocs.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from skoleplan.errors import PlanError
from skoleplan.render.pages import RenderError
from skoleplan.site import Handbook

# A page's rendering error, raised after mkdocs-macros has finished the page:
# raised inside a macro, mkdocs-macros would print its own traceback instead.
_failed: list[str] = []


def define_env(env):
    config = env.conf
    lang = config["theme"]["language"]
    project = Path(env.project_dir)
    try:
        handbook = Handbook(project, lang, project / config["extra"].get("data_dir", "data"))
    except PlanError as exc:
        raise PluginError("Feil i datafilene:\n" + exc.report()) from None

    config["site_name"] = handbook.site_name
    if handbook.site_url():
        config["site_url"] = handbook.site_url()
    # The address above both written standards, for <link rel="alternate" hreflang>.
    config["extra"]["site_root"] = (config["site_url"] or "").rstrip("/").rsplit("/", 1)[0] + "/"

    def _render(make, *args) -> str:
        page_path = env.page.file.src_uri
        try:
            return make(*args, page_path)
        except RenderError as exc:
            _failed.append(f"{page_path}: {exc}")
            return ""

    @env.macro
    def plan_page(name: str) -> str:
        """The whole content of one page of the plan, from data/ through overrides/pages/<name>.md.j2."""
        return _render(handbook.page, name)

    @env.macro
    def duty_page(kind: str) -> str:
        """The page of one sub-duty of the duty to act."""
        return _render(handbook.duty_page, kind)


def on_post_page_macros(env):
    if _failed:
        message = _failed.pop()
        _failed.clear()
        raise PluginError(message)
