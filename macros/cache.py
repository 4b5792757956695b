"""MkDocs hook: Material's compiled templates are kept between builds (skoleplan/render/template_cache.py).

MkDocs makes a new Jinja environment for every build and every `mkdocs serve`
rebuild; without this, Material's templates were compiled again each time.
"""

from skoleplan.render.template_cache import use_bytecode_cache


def on_env(env, config, files):
    return use_bytecode_cache(env)
