"""Names read by OCR put right by the names an archive's text layers print: only where one
printed name of the region is alike enough, and never without an ``ocr_name_matched`` issue
that gives the reading."""

from __future__ import annotations

import attrs

import transparantie_parser as tp
from transparantie_parser._name_book import NAME_MATCH_MARGIN, NAME_MATCH_RATIO, NameBook
from transparantie_parser.archive import deduplicate

from .pages import Table, render

NAMES = [("Harlingen", [1, 2, 3, 4]), ("Ooststellingwerf", [5, 6, 7, 8]),
         ("Weststellingwerf", [9, 10, 11, 12]), ("Vlieland", [0, 1, 0, 1])]
PRINTED = Table.consistent("Friesland", 2020, 4, NAMES, 1000)


def text_report(table: Table, source: str) -> tp.RegionReport:
    (parsed,) = tp.parse_text(render(table), source=source)
    return parsed


def ocr_report(names: list[str], *, region: str = "Friesland", quarter: int = 1,
               issues: tuple[tp.ValidationIssue, ...] = ()) -> tp.RegionReport:
    """A table of the region as OCR might read it: these names, the figures of ``NAMES``."""
    rows = [(name, counts) for name, (_, counts) in zip(names, NAMES, strict=True)]
    report = text_report(Table.consistent(region, 2021, quarter, rows, 1000), "scan.pdf")
    return attrs.evolve(report, reading="ocr", issues=issues)


def book_of(*reports: tp.RegionReport) -> NameBook:
    book = NameBook()
    for report in reports:
        book.learn(report)
    return book


def names(report: tp.RegionReport) -> list[str]:
    return [row.municipality for row in report.rows]


def test_a_misread_name_alike_to_one_printed_name_is_put_right_and_says_so() -> None:
    uncertain = tp.ValidationIssue("ocr_uncertain", "Vlietland: the name read by OCR is "
                                   "uncertain", municipality="Vlietland", row=3)
    sums = tp.ValidationIssue("row_sum_mismatch", "Vlietland: the counts sum to 2, but 3",
                              municipality="Vlietland", row=3)
    read = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlietland"],
                      issues=(uncertain, sums))
    matched = book_of(text_report(PRINTED, "bundel.pdf")).match(read)
    assert names(matched) == ["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlieland"]
    assert [row.counts for row in matched.rows] == [row.counts for row in read.rows]
    assert matched.issues == (
        tp.ValidationIssue("row_sum_mismatch", "Vlieland: the counts sum to 2, but 3",
                           municipality="Vlieland", row=3),
        tp.ValidationIssue("ocr_name_matched", "Vlieland: read by OCR as 'Vlietland', taken "
                           "for the name printed in the text layer of bundel.pdf",
                           municipality="Vlieland", row=3),
    )


def test_a_name_alike_to_two_printed_names_is_left_as_read() -> None:
    # 'Xoststellingwerf' is 0.94 alike to Ooststellingwerf, 0.88 to Weststellingwerf: either
    read = ocr_report(["Harlingen", "Xoststellingwerf", "Weststellingwerf", "Vlieland"])
    assert book_of(text_report(PRINTED, "bundel.pdf")).match(read) == read


def test_a_name_alike_to_none_is_left_as_read() -> None:
    # a municipality the text layers do not print (a merger, say): at most 0.48 alike
    read = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Terschelling"])
    assert book_of(text_report(PRINTED, "bundel.pdf")).match(read) == read


def test_two_rows_are_never_given_one_name() -> None:
    read = ocr_report(["Harlingen", "Ooststellingwerf", "Vlietland", "Vlieiand"])
    matched = book_of(text_report(PRINTED, "bundel.pdf")).match(read)
    assert names(matched) == ["Harlingen", "Ooststellingwerf", "Vlieland", "Vlieiand"]


def test_only_names_of_the_same_region_and_only_for_tables_read_by_ocr() -> None:
    book = book_of(text_report(PRINTED, "bundel.pdf"))
    elsewhere = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlietland"],
                           region="Drenthe")
    assert book.match(elsewhere) == elsewhere
    as_text = attrs.evolve(elsewhere, region="Friesland", reading="text")
    assert book.match(as_text) == as_text


def test_names_read_by_ocr_are_never_learned() -> None:
    misread = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlietland"])
    book = book_of(misread, text_report(PRINTED, "bundel.pdf"))
    again = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlietland"],
                       quarter=2)
    assert names(book.match(again))[3] == "Vlieland"


def test_the_tolerances_take_the_scans_misreadings_and_keep_neighbours_apart() -> None:
    from transparantie_parser._name_book import _alike

    assert (NAME_MATCH_RATIO, NAME_MATCH_MARGIN) == (0.75, 0.1)
    # misreadings of the scan fixtures: taken
    assert round(_alike("Smatlingettand", "Smallingerland"), 3) == 0.786
    assert round(_alike("Vlietland", "Vlieland"), 3) == 0.941
    # the most alike two municipalities of one region in the fixtures: a name printed in the
    # region is never changed, and one read between the two is left as read
    assert round(_alike("Ooststellingwerf", "Weststellingwerf"), 3) == 0.875
    read = ocr_report(["Harlingen", "Ooststellingwerf", "Weststellingwerf", "Vlieland"])
    assert book_of(text_report(PRINTED, "bundel.pdf")).match(read) == read


def test_deduplicate_puts_names_right_from_a_text_layer_later_in_the_batch() -> None:
    read = ocr_report(["Harlingen", "Ooststelllngwerf", "Weststellingwerf", "Vlieland"])
    result = deduplicate([read, text_report(PRINTED, "bundel.pdf")])
    assert names(result.reports[0])[1] == "Ooststellingwerf"
    assert [i.code for i in result.reports[0].issues] == ["ocr_name_matched"]
