#!/usr/bin/env python3
"""Clean-text false-flag rate of the boilerplate classifier.

Runs `newsls check --format json --position-encoding utf-32` over clean news articles (by
default the PolNeAR texts in ../shared/bench/quotes/train, which have no page furniture: title,
then story paragraphs) and counts the lines the boilerplate diagnostics cover.

Which lines are story (the judging rule): every non-empty line is story, except lines that
are plainly not part of the reported story whatever the article:
  * editor's notes, corrections and updates about the article ("Editor's note: ...",
    "Correction: ...", "This story has been updated ...", "... originally appeared/published");
  * requests to the reader: follow us / follow X on Twitter, Facebook, Instagram; sign up,
    subscribe, click here, download our app, like the page, enter your e-mail; "Tell us ...", "Send us ...", "Share your ..." call-outs;
  * links to other articles: a line starting "Read more", "Related", "See also", "More:",
    "WATCH:", "Also read";
  * photo credits ("Jane Roe / Reuters.", a caption ending "(NAME/AFP/Getty Images.)"),
    markup and style sheets (a tag, a line ending in "{", "}" or ";"), "h/t" credits,
    "Copyright ©" lines, "Also on …:", "Watch/Listen to … below:";
  * contact lines: an e-mail address or a Twitter handle with at most 15 words; lines that
    are a web address, or only label one ("Online:").
Lines with fewer than two words of letters ("___.", "* * *") are separators, counted in
neither group.
The patterns are in NOT_STORY below; they judge the benchmark, they are not used by newsls.

Prints the share of story lines flagged (the false-flag rate) and of the other lines flagged;
--show N prints N flagged story lines to read.

Usage: bench/clean_text_flags.py [--data DIR] [--binary PATH] [--show N]
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_STORY = re.compile(
    r"""^\W*(editor[’']?s?[’']?\s+note|correction|clarification|update[d]?\s*:
        |this\s+(story|article|post|report)\s+(has\s+been|was)\s+(updated|corrected|originally|first)
        |follow\s|like\s+us\s|sign\s+up|subscribe|click\s+here|tell\s+us|send\s+us|share\s+your
        |read\s+more|related|see\s+also|more\s*:|watch\s*:|also\s+read)
      |(originally|first)\s+(appeared|published)\s+(on|in|at)
      |follow\s+(him|her|them|us|@)|on\s+twitter\s+@|@\w+\s*\.?$
      |^\W*(https?://|www\.)\S+$|^\W*online\s*:\s*$
      |^\W*h/t\b|<\w+[^>]*>|[{};]\s*$|copyright\s*©|\bclick\s+here\b|\bsign\s+up\b
      |\b(download|like)\s+(our|the)\s+(app|page)\b|^\W*also\s+(on|of\s+interest)\b
      |\b(watch|listen\s+to|see)\b[^.]*\bbelow\s*:\s*$|enter\s+your\s+e-?mail
      |^[\w .'-]{3,40}\s*/\s*(reuters|ap|afp|getty\s+images|epa)\.?$
      |\((?:[^()]*/)?(?:afp|reuters|getty\s+images|ap\s+photo)[^()]*\)\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
MAX_CONTACT_WORDS = 15
EMAIL = re.compile(r"\S+@\S+\.\w+")


LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def is_separator(line):
    return len(LETTER_WORD.findall(line)) < 2


def is_story(line):
    if NOT_STORY.search(line.strip()):
        return False
    if EMAIL.search(line) and len(line.split()) <= MAX_CONTACT_WORDS:
        return False
    return True


def flagged_lines(diagnostics):
    lines = {}
    for d in diagnostics:
        if not isinstance(d.get("data"), dict) or d["data"].get("kind") != "boilerplate":
            continue
        start, end = d["range"]["start"], d["range"]["end"]
        last = end["line"] - (1 if end["character"] == 0 and end["line"] > start["line"] else 0)
        for n in range(start["line"], last + 1):
            lines[n] = d.get("code", "?")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "../shared/bench/quotes/train")
    ap.add_argument("--binary", type=Path, default=ROOT / "target/release/newsls")
    ap.add_argument("--show", type=int, default=0, help="print N flagged story lines")
    args = ap.parse_args()
    files = sorted(args.data.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.data}")
    out = subprocess.run(
        [str(args.binary), "check", "--format", "json", "--position-encoding", "utf-32"]
        + [str(f) for f in files],
        stdout=subprocess.PIPE, check=False)
    reports = {Path(r["path"]).name: r["diagnostics"] for r in json.loads(out.stdout)}
    story = story_flagged = other = other_flagged = 0
    shown, codes = [], {}
    for f in files:
        lines = f.read_text(encoding="utf8").splitlines()
        flagged = flagged_lines(reports.get(f.name, []))
        for n, line in enumerate(lines):
            if is_separator(line):
                continue
            if is_story(line):
                story += 1
                if n in flagged:
                    story_flagged += 1
                    codes[flagged[n]] = codes.get(flagged[n], 0) + 1
                    shown.append(f"{f.name[:40]}:{n + 1}: [{flagged[n]}] {line[:160]}")
            else:
                other += 1
                other_flagged += n in flagged
    for line in shown[:args.show]:
        print(line)
    print("flagged story lines by category:", json.dumps(codes, sort_keys=True))
    print(f"other lines flagged {other_flagged}/{other}")
    print(f"story lines flagged {story_flagged}/{story} = {story_flagged / max(1, story):.4f}"
          f" ({len(files)} files)")


if __name__ == "__main__":
    main()
