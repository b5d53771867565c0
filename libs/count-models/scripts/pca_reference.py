"""Reference check (not part of npm test): our PCA baseline against loglizer's PCA, re-implemented.

loglizer (logpai/loglizer, the code behind its published HDFS numbers) runs PCA on session
event-count vectors as follows; this script implements that description in numpy (our code):
  - columns: the events seen in the training sessions; a test session's events that training
    never saw are dropped (FeatureExtractor, oov=False);
  - term weighting 'tf-idf': count * log(n / (df + 1e-8)), n training sessions, df the sessions
    holding the event; normalisation 'zero-mean': minus the training mean of each weighted column;
  - PCA.fit: covariance Y'Y / n, its SVD; n_components=0.95 keeps the first i+1 components whose
    cumulative share of the eigenvalue sum reaches 0.95; SPE threshold by the Q statistic of
    Jackson & Mudholkar over the remaining eigenvalues with c_alpha 3.2905;
  - predict: anomalous when the squared length of (I - P P') y exceeds the threshold.

Input: the splits `npm run bench count-baselines -- --write-splits DIR` writes (one directory per
split: train_normal, train_abnormal, test_abnormal, test_normal in the keys format, split.json
with normal_copies, scale_normal and our PCA's result and flagged sessions). Each normal
training session is repeated normal_copies times, exactly as the bench trains.

Prints one JSON line per split: the reference's components, threshold and metrics, and how they
differ from ours (verdicts that disagree). With --sweep, also recall and false alarms when the
number of components is fixed instead of chosen by the 95 % rule. With --explain, where the
misses are: each key's TF-IDF weight, recall on long abnormal sessions with and without a
replication (key 6, "Received block ... src ... dest ... of size"), the most common missed
key sets, the SPE of a short abnormal session beside a normal one, and the same fit with the
replication sessions left out of the normal or the abnormal training sessions.

Needs numpy. Run from the repo root:
    node apps/bench/dist/main.js count-baselines --write-splits /tmp/pca-splits >/dev/null
    python3 libs/count-models/scripts/pca_reference.py /tmp/pca-splits [--sweep] [--explain]
"""
import json
import os
import sys
from collections import Counter

import numpy as np

SHORT_SESSION_KEYS = 10


def read_keys(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]


def count_matrix(sessions, columns):
    index = {k: i for i, k in enumerate(columns)}
    x = np.zeros((len(sessions), len(columns)))
    for r, s in enumerate(sessions):
        for k in s:
            i = index.get(k)
            if i is not None:
                x[r, i] += 1
    return x


class LoglizerPca:
    """loglizer's FeatureExtractor(tf-idf, zero-mean) + PCA(n_components, c_alpha), as described above."""

    def __init__(self, train, n_components=0.95, c_alpha=3.2905):
        self.columns = sorted({k for s in train for k in s}, key=lambda k: (len(k), k))
        x = count_matrix(train, self.columns)
        n = x.shape[0]
        self.idf = np.log(n / ((x > 0).sum(axis=0) + 1e-8))
        y = x * self.idf
        self.mean = y.mean(axis=0)
        y = y - self.mean
        cov = y.T @ y / n
        u, sigma, _ = np.linalg.svd(cov)
        self.sigma = sigma
        if n_components < 1:
            share = np.cumsum(sigma) / sigma.sum()
            n_components = int(np.argmax(share >= n_components)) + 1
        self.k = n_components
        self.p = u[:, :n_components]
        rest = sigma[n_components:]
        phi = [float(np.sum(rest ** i)) for i in (1, 2, 3)]
        h0 = 1.0 - 2 * phi[0] * phi[2] / (3.0 * phi[1] ** 2)
        self.threshold = phi[0] * (c_alpha * np.sqrt(2 * phi[1] * h0 * h0) / phi[0] + 1.0 + phi[1] * h0 * (h0 - 1) / phi[0] ** 2) ** (1.0 / h0)

    def spe(self, sessions):
        y = count_matrix(sessions, self.columns) * self.idf - self.mean
        residual = y - (y @ self.p) @ self.p.T
        return (residual * residual).sum(axis=1)

    def flags(self, sessions):
        return self.spe(sessions) > self.threshold


def metrics(flags_a, flags_n, scale_normal, short):
    tp = int(flags_a.sum())
    fp = round(flags_n.mean() * scale_normal) if len(flags_n) else 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(flags_a) if len(flags_a) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    r = lambda v: round(float(v), 4)
    return {
        "precision": r(precision), "recall": r(recall), "f1": r(f1), "tp": tp, "fp_measured": int(flags_n.sum()),
        "recall_short": r(flags_a[short].mean()) if short.any() else 0.0,
        "recall_long": r(flags_a[~short].mean()) if (~short).any() else 0.0,
    }


def explain(model, train_normal, copies, train_abnormal, test_a, test_n, flags_a):
    """Where the misses are (see the module docstring, --explain)."""
    long_ = np.array([len(s) > SHORT_SESSION_KEYS for s in test_a])
    replication = np.array(["6" in s for s in test_a])
    r = lambda v: round(float(v), 4)
    missed = Counter(" ".join(sorted(set(s), key=int)) for s, f, l in zip(test_a, flags_a, long_) if l and not f)
    out = {
        "idf": {k: r(v) for k, v in zip(model.columns, model.idf)},
        "recall_long_with_key_6": {"sessions": int((long_ & replication).sum()), "recall": r(flags_a[long_ & replication].mean()) if (long_ & replication).any() else 0.0},
        "recall_long_without_key_6": {"sessions": int((long_ & ~replication).sum()), "recall": r(flags_a[long_ & ~replication].mean()) if (long_ & ~replication).any() else 0.0},
        "missed_long_key_sets": missed.most_common(5),
        "spe_of": {"5 22 (short abnormal)": r(model.spe([["5", "22"]])[0]),
                   "22 5 5 5 11 9 11 9 11 9 26 26 26 (normal, never deleted)": r(model.spe([["22", "5", "5", "5", "11", "9", "11", "9", "11", "9", "26", "26", "26"]])[0]),
                   "threshold": r(model.threshold)},
        "training_sessions_with_key_6": {"normal": sum("6" in s for s in train_normal) * copies, "abnormal": sum("6" in s for s in train_abnormal)},
    }
    for name, tn, ta in (("without_normal_replication", [s for s in train_normal if "6" not in s], train_abnormal),
                         ("without_abnormal_replication", train_normal, [s for s in train_abnormal if "6" not in s])):
        if not tn:
            continue
        m = LoglizerPca(tn * copies + ta)
        f = m.flags(test_a)
        out[name] = {"components": m.k, "recall": r(f.mean()), "recall_long_with_key_6": r(f[long_ & replication].mean()) if (long_ & replication).any() else 0.0,
                     "fp_measured": int(m.flags(test_n).sum())}
    return out


def check(split_dir, sweep, explaining):
    meta = json.load(open(os.path.join(split_dir, "split.json")))
    read = lambda name: read_keys(os.path.join(split_dir, name))
    train_normal, train_abnormal = read("train_normal"), read("train_abnormal")
    train = train_normal * meta["normal_copies"] + train_abnormal
    test_a, test_n = read("test_abnormal"), read("test_normal")
    short = np.array([len(s) <= SHORT_SESSION_KEYS for s in test_a])
    model = LoglizerPca(train)
    fa, fn = model.flags(test_a), model.flags(test_n)
    ours = meta["ours"]
    ours_a = np.zeros(len(test_a), bool)
    ours_a[ours["flagged_abnormal"]] = True
    ours_n = np.zeros(len(test_n), bool)
    ours_n[ours["flagged_normal"]] = True
    spe_a = model.spe(test_a)
    disagree = np.flatnonzero(fa != ours_a)
    out = {
        "split": meta["name"],
        "training_sessions": len(train),
        "reference": {"components": model.k, "threshold": round(float(model.threshold), 6), **metrics(fa, fn, meta["scale_normal"], short)},
        "ours": {k: ours[k] for k in ("components", "threshold", "precision", "recall", "f1", "fp_measured", "recall_short", "recall_long")},
        "threshold_relative_difference": float(abs(model.threshold - ours["threshold"]) / model.threshold),
        "verdicts_differing": {"abnormal": int(disagree.size), "normal": int((fn != ours_n).sum())},
        # a differing verdict on a session whose SPE sits at the threshold is rounding, not a different method
        "max_spe_distance_of_differing_verdicts": float(np.max(np.abs(spe_a[disagree] - model.threshold) / model.threshold)) if disagree.size else 0.0,
        "leading_eigenvalues": [round(float(v), 4) for v in model.sigma[:8]],
    }
    if explaining:
        out["explain"] = explain(model, train_normal, meta["normal_copies"], train_abnormal, test_a, test_n, fa)
    if sweep:
        out["fixed_components"] = []
        for k in range(1, min(10, len(model.columns))):
            m = LoglizerPca(train, n_components=k)
            out["fixed_components"].append({"components": k, "threshold": round(float(m.threshold), 4), **metrics(m.flags(test_a), m.flags(test_n), meta["scale_normal"], short)})
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1 or not os.path.isdir(args[0]):
        sys.exit("usage: python3 libs/count-models/scripts/pca_reference.py SPLITS_DIR [--sweep] [--explain]  (SPLITS_DIR from bench count-baselines --write-splits)")
    root = args[0]
    dirs = sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "split.json")))
    if not dirs:
        sys.exit(f"{root}: no split directories (each needs split.json); run bench count-baselines --write-splits {root}")
    for d in dirs:
        print(json.dumps(check(os.path.join(root, d), "--sweep" in sys.argv, "--explain" in sys.argv)), flush=True)


if __name__ == "__main__":
    main()
