"""Tesseract's TSV output read by its columns' names (``_ocr.tsv``): word rows with text
become words, every other row is passed over."""

from __future__ import annotations

from transparantie_parser._ocr.tsv import TsvWord, tsv_words

HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
          "\tconf\ttext")


def test_word_rows_with_text_are_the_words() -> None:
    tsv = "\n".join([
        HEADER,
        "1\t1\t0\t0\t0\t0\t0\t0\t1654\t1169\t-1\t",  # the page
        "4\t1\t1\t1\t1\t0\t120\t80\t600\t30\t-1\t",  # a line
        "5\t1\t1\t1\t1\t1\t120\t80\t90\t30\t96.5\tBreda",
        "5\t1\t1\t1\t1\t2\t400\t82\t40\t28\t91\t1.635 ",
        "5\t1\t1\t1\t1\t3\t500\t82\t40\t28\t95\t ",  # no text
        "5\t2\t1\t1\t1\t1\t10\t20\t30\t40\t80\t-",
    ])
    assert list(tsv_words(tsv)) == [
        TsvWord(1, 1, 1, 1, 120, 80, 90, 30, 96.5, "Breda"),
        TsvWord(1, 1, 1, 1, 400, 82, 40, 28, 91.0, "1.635"),
        TsvWord(2, 1, 1, 1, 10, 20, 30, 40, 80.0, "-"),
    ]


def test_columns_are_found_by_name_wherever_they_stand() -> None:
    names = HEADER.split("\t")
    values = ["5", "1", "2", "3", "4", "1", "120", "80", "90", "30", "96.5", "Breda"]
    order = [11, 10, *range(10)]  # text and confidence first
    tsv = "\n".join(["\t".join(names[i] for i in order), "\t".join(values[i] for i in order)])
    (word,) = tsv_words(tsv)
    assert word == TsvWord(1, 2, 3, 4, 120, 80, 90, 30, 96.5, "Breda")
    assert word.line_key == (1, 2, 3, 4)


def test_no_output_and_a_short_row_give_no_words() -> None:
    assert list(tsv_words("")) == []
    assert list(tsv_words(HEADER + "\n5\t1\t1")) == []
