"""Reference check (not part of npm test): our Isolation Forest against scikit-learn's.

Both forests are random, so scores are compared as estimates of the same expectation:
with many trees each implementation's score converges to E[2^(-h/c(psi))]-style values
for the same tree distribution, and the two must agree closely. One degenerate case where
every tree is forced is compared exactly. Needs numpy + scikit-learn and a built
libs/iforest (npx tsc -b libs/iforest). Run from the repo root:
    python3 libs/iforest/scripts/compare_sklearn.py
"""
import json
import subprocess
import sys

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest

NODE = r"""
const { IsolationForest } = require('./libs/iforest/dist/index.js');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.cases.map((c) => {
  const f = IsolationForest.fit(c.train, { nEstimators: c.trees, seed: 1, contamination: c.contamination });
  return { scores: Array.from(f.scoreSamples(c.test)), threshold: f.threshold };
});
process.stdout.write(JSON.stringify(out));
"""


def ours(cases):
    res = subprocess.run(["node", "-e", NODE], input=json.dumps({"cases": cases}), capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def main():
    rng = np.random.default_rng(0)
    inliers = rng.normal(size=(2000, 4))
    outliers = rng.uniform(-6, 6, size=(60, 4))
    train = np.vstack([inliers, outliers])
    test = np.vstack([rng.normal(size=(300, 4)), rng.uniform(-6, 6, size=(30, 4))])
    forced = np.array([[0.0], [0.0], [0.0], [1.0]])
    trees = 3000
    cases = [
        {"train": train.tolist(), "test": test.tolist(), "trees": trees, "contamination": 0.05},
        {"train": forced.tolist(), "test": [[0.0], [1.0], [7.0]], "trees": 10, "contamination": "auto"},
    ]
    got = ours(cases)
    sk = IsolationForest(n_estimators=trees, random_state=0, contamination=0.05).fit(train)
    sk_scores = -sk.score_samples(test)
    a = np.array(got[0]["scores"])
    # Noise floor: scikit-learn against itself with another seed.
    sk_other = -IsolationForest(n_estimators=trees, random_state=1).fit(train).score_samples(test)
    sk_forced = -IsolationForest(n_estimators=10, random_state=0).fit(forced).score_samples(np.array([[0.0], [1.0], [7.0]]))
    report = {
        "sklearn": sklearn.__version__,
        "trees": trees,
        "meanAbsDiff": float(np.mean(np.abs(a - sk_scores))),
        "maxAbsDiff": float(np.max(np.abs(a - sk_scores))),
        "pearson": float(np.corrcoef(a, sk_scores)[0, 1]),
        "sklearnSeed0VsSeed1MeanAbsDiff": float(np.mean(np.abs(sk_other - sk_scores))),
        "sklearnSeed0VsSeed1MaxAbsDiff": float(np.max(np.abs(sk_other - sk_scores))),
        "thresholdOurs": got[0]["threshold"],
        "thresholdSklearn": float(-sk.offset_),
        "forcedOurs": got[1]["scores"],
        "forcedSklearn": sk_forced.tolist(),
        "forcedMaxAbsDiff": float(np.max(np.abs(np.array(got[1]["scores"]) - sk_forced))),
    }
    print(json.dumps(report, indent=2))
    ok = report["maxAbsDiff"] < 0.02 and report["forcedMaxAbsDiff"] < 1e-6
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
