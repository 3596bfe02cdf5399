"""Lists small by nature are paged like the ones paged in SQL: cursor + limit."""

import pytest

from clearway_platform.domain_errors import InvalidInput
from clearway_platform.pagination import encode_cursor, page_of


def test_pages_follow_the_key_and_end_without_a_cursor() -> None:
    codes = ["8601", "8021", "8031", "8001", "8041"]
    first = page_of(codes, key=lambda code: (code,), cursor=None, limit=2)
    second = page_of(codes, key=lambda code: (code,), cursor=first.next_cursor, limit=2)
    last = page_of(codes, key=lambda code: (code,), cursor=second.next_cursor, limit=2)
    assert (first.items, second.items, last.items) == (["8001", "8021"], ["8031", "8041"], ["8601"])
    assert last.next_cursor is None


def test_a_page_is_right_when_items_before_it_went_meanwhile() -> None:
    first = page_of(["a", "b", "c", "d"], key=lambda x: (x,), cursor=None, limit=2)
    after_a_claim = page_of(["b", "c", "d"], key=lambda x: (x,), cursor=first.next_cursor, limit=2)
    assert after_a_claim.items == ["c", "d"]


def test_an_exact_last_page_has_no_cursor() -> None:
    assert page_of(["a", "b"], key=lambda x: (x,), cursor=None, limit=2).next_cursor is None


@pytest.mark.parametrize(
    "cursor", ["not-base64!", encode_cursor({"after": [1]}), encode_cursor({})]
)
def test_a_cursor_this_api_did_not_make_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        page_of(["a"], key=lambda x: (x,), cursor=cursor, limit=1)
    assert refused.value.violations[0].field == "cursor"
