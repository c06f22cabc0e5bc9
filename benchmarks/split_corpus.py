"""Split the new corpus 60/40 by a hash of each article's id, fixed before any extractor run.

    python benchmarks/split_corpus.py INCOMING OUT   # INCOMING/w*/c*.json -> OUT/train, OUT/test

The writers (who never saw the extractor) wrote to INCOMING; an article goes to test when
sha256(id) mod 100 < 40. The rule looks at nothing but the id, so it was fixed before any
article was scored, and an article never moves after its errors are read.
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

src = Path(sys.argv[1])
out = Path(sys.argv[2])
(out / "train").mkdir(parents=True, exist_ok=True)
(out / "test").mkdir(parents=True, exist_ok=True)
counts = {"train": 0, "test": 0}
for path in sorted(src.glob("w*/c*.json")):
    article_id = json.loads(path.read_text())["id"]
    bucket = int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100
    part = "test" if bucket < 40 else "train"
    shutil.copy(path, out / part / path.name)
    counts[part] += 1
print(counts)
