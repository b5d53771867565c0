"""Baseline for `bench drain`: Drain3 (pip install drain3) doing the work of `log-sentinel parse`.

Reads a log file, cuts each line's content with the same logparser-style header format, mines
it with Drain3's TemplateMiner (its defaults: sim_th 0.4, depth 4; the masks of Drain3's
examples/drain3.ini, since our generic masks are rules, not regexes) and writes one JSON line
per input line: line, template_id, template, params (Drain3's extract_parameters, non-exact).
Prints "<lines> <seconds> <peak RSS KiB>" on stdout.
Usage: python3 drain3_parse.py INPUT LOG_FORMAT OUTPUT
"""
import json
import re
import resource
import sys
import time

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig

EDGE_L = r"((?<=[^A-Za-z0-9])|^)"
EDGE_R = r"((?=[^A-Za-z0-9])|$)"
MASKS = [
    (EDGE_L + r"(([0-9a-f]{2,}:){3,}([0-9a-f]{2,}))" + EDGE_R, "ID"),
    (EDGE_L + r"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})" + EDGE_R, "IP"),
    (EDGE_L + r"([0-9a-f]{6,} ?){3,}" + EDGE_R, "SEQ"),
    (EDGE_L + r"([0-9A-F]{4} ?){4,}" + EDGE_R, "SEQ"),
    (EDGE_L + r"(0x[a-f0-9A-F]+)" + EDGE_R, "HEX"),
    (EDGE_L + r"([\-\+]?\d+)" + EDGE_R, "NUM"),
    (r"(?<=executed cmd )(\".+?\")", "CMD"),
]


def header_regex(log_format):
    """`<Date> <Time> <Content>` -> a regex with one named group per field (logparser's format)."""
    out = ""
    for i, part in enumerate(re.split(r"(<[^<>]+>)", log_format)):
        if i % 2 == 0:
            out += re.sub(r"(?:\\ )+", r"\\s+", re.escape(part))
        else:
            out += "(?P<%s>.*?)" % part.strip("<>")
    return re.compile("^" + out + "$")


def main():
    src, log_format, dst = sys.argv[1], sys.argv[2], sys.argv[3]
    config = TemplateMinerConfig()
    config.masking_instructions = [MaskingInstruction(p, n) for p, n in MASKS]
    miner = TemplateMiner(config=config)
    header = header_regex(log_format)
    started = time.perf_counter()
    n = 0
    with open(src, encoding="utf-8", errors="replace") as inp, open(dst, "w", encoding="utf-8") as out:
        for raw in inp:
            n += 1
            line = raw.rstrip("\r\n")
            m = header.match(line)
            content = m.group("Content") if m else line.strip()
            r = miner.add_log_message(content)
            params = miner.extract_parameters(r["template_mined"], content, exact_matching=False) or []
            out.write(json.dumps({"line": n, "template_id": str(r["cluster_id"]), "template": r["template_mined"],
                                  "params": [p.value for p in params]}) + "\n")
    seconds = time.perf_counter() - started
    print(n, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
