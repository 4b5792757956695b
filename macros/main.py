"""MkDocs glue (mkdocs-macros): page stubs in docs/ call these macros; the core does the work.

Kept thin on purpose: Material for MkDocs reaches end of life in 2027, and
everything here is a call into `skoleplan`, which knows nothing of MkDocs.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

from skoleplan.errors import PlanError
from skoleplan.render.pages import RenderError
from skoleplan.site import Handbook


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

    def _page_path() -> str:
        return env.page.file.src_uri

    @env.macro
    def plan_page(name: str) -> str:
        """The whole content of one page of the plan, from data/ through overrides/pages/<name>.md.j2."""
        try:
            return handbook.page(name, _page_path())
        except RenderError as exc:
            raise PluginError(f"{_page_path()}: {exc}") from None

    @env.macro
    def duty_page(kind: str) -> str:
        """The page of one sub-duty of the duty to act."""
        try:
            return handbook.duty_page(kind, _page_path())
        except RenderError as exc:
            raise PluginError(f"{_page_path()}: {exc}") from None
