"""Shared fixtures: small articles written for these tests, and the newsls binary."""

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "tests" / "fixtures" / "seeds"

# Emoji (two UTF-16 units, four UTF-8 bytes), CJK, curly quotes, an em dash, an ellipsis.
UNICODE_ARTICLE = """Harbor city council approves the new ferry line 🚢

By Maria Okafor

LISBON — The city council on Tuesday approved a ferry line between the old port and the \
university district, ending a debate that lasted three years… and cost two elections.

“We listened to the people who cross the river every morning,” said Mayor Tomás Ribeiro, \
who had promised the line in 2019. “This is their victory, not ours.”

The line will be run by Transtejo, the operator said. Tickets are expected to cost €1.50 😀, \
and the first boats — bought from a yard in 横浜 (Yokohama) — arrive in March.

Opposition leader Ana Costa called the plan “a gift to developers” and said her party would \
ask the courts to review the vote.

Subscribe to our newsletter for the latest news from the river.
"""

PLAIN_ARTICLE = """Rail strike halts trains across the north

MANCHESTER — Train drivers walked out on Monday in a dispute over pay, cancelling most \
services across the north of England, the union said.

"Our members have not had a real raise in five years," said Mick Whelan, the union's general \
secretary. "We did not want this strike."

Northern Rail said fewer than one train in ten would run and advised passengers to stay at \
home. Talks are planned for Thursday.
"""


def site_article(site: str, n: int) -> str:
    """An article of `site` with text of its own and the site's footer line."""
    return (
        f"Story number {n} from the {site} desk\n\n"
        f"The {site} reporters covered event {n} this week, talking to {n + 3} witnesses "
        f"who described what they had seen in the market square on day {n}.\n\n"
        f"Officials said the inquiry into event {n} would report within {n + 2} months, "
        f"and that no further details would be released before then.\n\n"
        f"The {site} Courier is published by the {site} Media Cooperative, 12 Harbour Road.\n"
    )


def footer(site: str) -> str:
    return f"The {site} Courier is published by the {site} Media Cooperative, 12 Harbour Road."


@pytest.fixture(scope="session")
def newsls_bin() -> str:
    """The newsls binary: $NEWSLS_BIN, target/release/newsls, or newsls on PATH."""
    for candidate in (
        os.environ.get("NEWSLS_BIN"),
        str(REPO / "target" / "release" / "newsls"),
        shutil.which("newsls"),
    ):
        if candidate and Path(candidate).is_file():
            # Absolute, since tests run it from other working directories.
            return str(Path(candidate).resolve())
    pytest.skip("no newsls binary: build it with `cargo build --release` or set NEWSLS_BIN")


def seed_texts() -> list:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
