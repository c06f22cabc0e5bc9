"""A query's fresh process loads neither the extractor nor its date grammar.

`timeline contacts` is the command users run most; its start-up is most of its time
(docs/performance.md, "Cold start"). The date grammar (a master regular expression compiled
at import) and the event extractor are only needed to read text, so a query without date
options must not import them. Checked in a subprocess, which starts with an empty
`sys.modules` as a user's shell would.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # a subprocess

PROBE = """
import json, sys
from timeline.cli.app import main
sys.argv = ["timeline", "--db", sys.argv[1], *sys.argv[2:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.startswith("timeline.extract"))
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def run_probe(url: str, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, url, *args], capture_output=True, text=True, check=False
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_contacts_loads_no_extractor(seeded_url: str) -> None:
    probe = run_probe(seeded_url, "contacts", "Kim Jong Un", "Xi Jinping")
    assert probe["code"] in (0, None)
    loaded = probe["loaded"]
    assert isinstance(loaded, list)
    # The package itself is lazy (PEP 562) and the lexicon and type registry are constants;
    # nothing that reads text is loaded.
    heavy = [
        m for m in loaded if m.startswith(("timeline.extract.dates", "timeline.extract.events"))
    ]
    assert heavy == [], heavy


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_contacts_with_a_date_option_loads_the_date_grammar(seeded_url: str) -> None:
    probe = run_probe(seeded_url, "contacts", "Kim Jong Un", "Xi Jinping", "--since", "2018")
    assert probe["code"] in (0, None)
    loaded = probe["loaded"]
    assert isinstance(loaded, list) and "timeline.extract.dates.grammar" in loaded
