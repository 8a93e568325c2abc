"""The swapped-letter spellings looked up beside trigrams (which miss a swap in a short word)."""

from frontdoor.search_index.lookup import swapped_letters


def test_each_pair_of_neighbouring_letters_is_swapped_once():
    assert swapped_letters("jonh") == ["ojnh", "jnoh", "john"]
    assert swapped_letters("anna") == ["nana", "anan"]  # "nn" swapped is the same word
    assert swapped_letters("a") == []
