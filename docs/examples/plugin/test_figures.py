"""The same checks written as Python tests with the ``integfacts`` fixture."""

from pathlib import Path

import pytest

from integfacts.pytest_plugin import ClaimChecker

HERE = Path(__file__).parent


@pytest.mark.integfacts(lang="id", published="2025-09-26")
def test_delegations(integfacts: ClaimChecker) -> None:
    """The Indonesian article states more than 3,000 delegations for 2021-2025."""
    claim = integfacts.assert_states(
        HERE / "danang_id.txt", "delegations", 3000, qualifier="more_than", period="2021-2025"
    )
    assert claim.subject == "Da Nang"


def test_translation_keeps_figures(integfacts: ClaimChecker) -> None:
    """The English version keeps every figure of the Indonesian original."""
    integfacts.assert_translation(
        integfacts.document(HERE / "danang_id.txt", lang="id"),
        integfacts.document(HERE / "danang_en.txt", lang="en"),
    )


@pytest.mark.integfacts(tolerance=0.05)
def test_wire_agrees(integfacts: ClaimChecker) -> None:
    """A wire story's figure within 5% of the article's is let through."""
    integfacts.assert_no_contradictions(
        integfacts.document(HERE / "danang_id.txt", lang="id"),
        integfacts.document("Da Nang received 2,950 delegations in 2021-2025.", lang="en"),
    )
