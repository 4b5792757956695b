"""Keep both written standards in step: Apertium drafts, review status, and the status report.

One module per step: `markup` splits Markdown into words to translate and markup
to keep, `apertium` runs the translator, `texts` finds every text in a data file
and tells how far its translation has come, `sentences` cuts a text into blocks
and sentences and fingerprints them, `update` works out which sentences of a
changed text keep their translation, `yamlfile` writes into the YAML in place,
`draft` holds the `oversett` and `godkjenn` commands, and `status` the report
(and the counts the build prints).

Import from the step's module (`from skoleplan.translate.draft import draft`):
the build needs only `status`, and should not pay for loading ruamel.yaml.
"""
