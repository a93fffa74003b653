"""The page grammar, on text input (the same grammar reads PDF pages)."""

from __future__ import annotations

import unicodedata

import pytest
import regex

import transparantie_parser as tp

from .pages import Table, render

HARD_NAMES = [
    "'s-Hertogenbosch", "'s-Gravenhage", "Nuenen, Gerwen en Nederwetten", "Bergen (L.)",
    "Bergen (NH.)", "Súdwest-Fryslân", "Capelle aan den IJssel", "Reusel-De Mierden",
]


def small(region: str = "Zeeland", year: int = 2021, quarter: int = 2,
          names: tuple[str, ...] = ("Goes", "Vlissingen")) -> Table:
    rows = [(name, [i + 1, 10 * (i + 1), 1000 + i, 2]) for i, name in enumerate(names)]
    return Table.consistent(region, year, quarter, rows, 5000)


@pytest.mark.parametrize(("word", "number"), [
    ("Eerste", 1), ("Tweede", 2), ("Derde", 3), ("Vierde", 4),
    ("1e", 1), ("2e", 2), ("3e", 3), ("4e", 4), ("eerste", 1), ("3de", 3),
])
def test_quarter_words_and_ordinals(word: str, number: int) -> None:
    text = render(small()).replace("Tweede kwartaal", f"{word} kwartaal")
    (report,) = tp.parse_text(text)
    assert report.quarter == tp.Quarter(2021, number)


def test_region_is_the_rest_of_the_quarter_line() -> None:
    (report,) = tp.parse_text(render(small(region="Midden-Gelderland")))
    assert report.region == "Midden-Gelderland"


def test_region_after_the_title_on_the_same_line() -> None:
    text = render(small()).replace("Transparantie van klantprofielen \n\nTweede",
                                   "Transparantie van klantprofielen Tweede")
    (report,) = tp.parse_text(text)
    assert (report.region, report.quarter) == ("Zeeland", tp.Quarter(2021, 2))


@pytest.mark.parametrize("joined", [
    "2021 \u2014 {r}", "2021 \u2013 {r}", "2021 - {r}", "2021: {r}", "2021 : {r}",
    "2021 | {r}", "2021, {r}", "2021 \u2022 {r}", "2021 \u00b7 {r}", "2021 \u2014{r}",
    "2021  \u2014  {r}",
])
@pytest.mark.parametrize("region", ["Noord-Limburg", "Rijk van Nijmegen", "Zuid-Holland Centraal"])
def test_punctuation_between_quarter_and_region_is_no_part_of_the_region(
        joined: str, region: str) -> None:
    table = small(region=region)
    text = render(table).replace(f"2021  {region}", joined.format(r=region), 1)
    assert joined.format(r=region) in text
    (report,) = tp.parse_text(text)
    assert (report.region, report.quarter) == (region, tp.Quarter(2021, 2))
    assert report.issues == ()


def test_a_separator_alone_after_the_year_names_no_region() -> None:
    text = render(small()).replace("2021  Zeeland", "2021 \u2014", 1)
    (report,) = tp.parse_text(text)  # the footnote names the region then
    assert report.region == "Zeeland"


@pytest.mark.parametrize("name", HARD_NAMES)
def test_official_names_with_spaces_commas_parentheses_apostrophes_diacritics(name: str) -> None:
    (report,) = tp.parse_text(render(small(names=(name, "Goes"))))
    assert report.rows[0].municipality == name
    assert report.rows[0].counts == (1, 10, 1000, 2)


def test_typographic_apostrophe_becomes_ascii() -> None:
    text = render(small(names=("\u2019s-Hertogenbosch", "Oss")))
    (report,) = tp.parse_text(text)
    assert report.rows[0].municipality == "'s-Hertogenbosch"


def test_decomposed_accents_become_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Súdwest-Fryslân")
    assert decomposed != "Súdwest-Fryslân"
    (report,) = tp.parse_text(render(small(names=(decomposed, "Harlingen"))))
    assert report.rows[0].municipality == "Súdwest-Fryslân"


def test_header_line_is_read_into_columns_never_a_row() -> None:
    text = render(small()).replace(
        "Goes ", "Gemeente  Zonder profiel  Profiel, niet zichtbaar  Zichtbaar  Actueel  "
                 "Totaal\n\nGoes ", 1)
    (report,) = tp.parse_text(text)
    assert report.columns == ("Zonder profiel", "Profiel, niet zichtbaar", "Zichtbaar",
                              "Actueel")
    assert [row.municipality for row in report.rows] == ["Goes", "Vlissingen"]


def test_header_of_single_words_separated_by_single_spaces() -> None:
    text = render(small()).replace("Goes ", "Gemeente A B C D Totaal\nGoes ", 1)
    (report,) = tp.parse_text(text)
    assert report.columns == ("A", "B", "C", "D")


def test_header_that_cannot_be_split_into_four_labels_keeps_default_names() -> None:
    text = render(small()).replace(
        "Goes ", "Gemeente met en zonder klantprofiel in Sonar Totaal\nGoes ", 1)
    (report,) = tp.parse_text(text)
    assert report.columns == ("column_1", "column_2", "column_3", "column_4")
    assert [row.municipality for row in report.rows] == ["Goes", "Vlissingen"]


def test_explanatory_paragraph_with_numbers_page_number_and_date_are_never_rows() -> None:
    text = render(small()) + (
        "\nIn 2020 telde het systeem 12 koppelingen en 3 versies.\n"
        "Het vierde kwartaal 2020 telde 3 4 5 6 7 meldingen.\n"
        "15 januari 2021\n3\nPagina 2 van 3\n")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == ["Goes", "Vlissingen"]


def test_date_and_page_number_inside_the_table_are_not_names() -> None:
    text = render(small(), blank_lines=False).replace(
        "Vlissingen", "15 januari 2021\nPagina 1\nVlissingen")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == ["Goes", "Vlissingen"]


def test_several_regions_in_one_text_give_several_reports_in_order() -> None:
    tables = [small("Zeeland"), small("Friesland", names=("Súdwest-Fryslân", "Harlingen")),
              small("Rijnmond", names=("Capelle aan den IJssel", "Rotterdam"))]
    text = "\f".join(render(t) for t in tables)
    reports = tp.parse_text(text)
    assert [r.region for r in reports] == ["Zeeland", "Friesland", "Rijnmond"]
    assert [r.to_dict() for r in reports] == [t.expected() for t in tables]


def test_several_regions_without_page_breaks() -> None:
    tables = [small("Zeeland"), small("Drenthe", names=("Assen", "Emmen"))]
    reports = tp.parse_text("\n".join(render(t) for t in tables))
    assert [r.to_dict() for r in reports] == [t.expected() for t in tables]


WRAPPED_FIRST_LINE = """\
Derde kwartaal 2021 Zuidoost-Brabant
Nuenen, Gerwen en 1 2 3 4 10
Nederwetten
Son en Breugel 1 1 1 1 4
Reusel-De 2 2 2 2 8
Mierden
TOTAAL AMR 4 5 6 7 22
"""

WRAPPED_CENTRED = """\
Derde kwartaal 2021 Friesland
Harlingen 1 1 1 1 4
Súdwest-
1 2 3 4 10
Fryslân
Reusel-De
2 2 2 2 8
Mierden
Nuenen, Gerwen en
1 1 1 1 4
Nederwetten
TOTAAL AMR 5 6 7 8 26
"""


def test_wrapped_name_with_figures_on_its_first_line() -> None:
    (report,) = tp.parse_text(WRAPPED_FIRST_LINE)
    assert [(row.municipality, row.total) for row in report.rows] == [
        ("Nuenen, Gerwen en Nederwetten", 10), ("Son en Breugel", 4), ("Reusel-De Mierden", 8)]


def test_wrapped_name_with_figures_between_its_lines() -> None:
    (report,) = tp.parse_text(WRAPPED_CENTRED)
    assert [(row.municipality, row.total) for row in report.rows] == [
        ("Harlingen", 4), ("Súdwest-Fryslân", 10), ("Reusel-De Mierden", 8),
        ("Nuenen, Gerwen en Nederwetten", 4)]


WRAPPED_LAST_LINE = """\
Derde kwartaal 2021 Zuidoost-Brabant
Laarbeek 1 2 3 4 10
Nuenen, Gerwen en
Nederwetten 1 1 1 1 4
Oirschot 2 2 2 2 8
TOTAAL AMR 4 5 6 7 22
In de arbeidsmarktregio Zuidoost-Brabant bevat het doelgroepregister banenafspraak in totaal
100 personen. Hiervan is 22% bekend binnen Sonar.
"""


def test_a_name_part_that_cannot_end_a_name_goes_with_the_row_below() -> None:
    # figures on the name's last line (cells aligned to the bottom), lines spaced alike:
    # "Nuenen, Gerwen en" cannot end a name. Before: "Laarbeek Nuenen, Gerwen en" and
    # "Nederwetten", the sums still right and no issue
    (report,) = tp.parse_text(WRAPPED_LAST_LINE)
    assert [(row.municipality, row.total) for row in report.rows] == [
        ("Laarbeek", 10), ("Nuenen, Gerwen en Nederwetten", 4), ("Oirschot", 8)]
    assert report.issues == ()


def test_other_wrapped_names_of_the_table_tell_the_way_of_one_the_page_does_not() -> None:
    text = WRAPPED_LAST_LINE.replace("Oirschot 2", "Reusel-De\nMierden 2")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == [
        "Laarbeek", "Nuenen, Gerwen en Nederwetten", "Reusel-De Mierden"]
    assert report.issues == ()


def test_a_name_line_the_page_cannot_place_is_reported_naming_both_rows() -> None:
    text = WRAPPED_LAST_LINE.replace("Nuenen, Gerwen en\nNederwetten", "Son\nBreugel")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == ["Laarbeek Son", "Breugel", "Oirschot"]
    # an error on both rows: the one below may lack the line (before: only on the row above,
    # and 'Breugel' passed `severity != "error"` with half its name)
    assert [(i.code, i.municipality, i.row) for i in report.issues] == [
        ("name_row_uncertain", "Laarbeek Son", 0), ("name_row_uncertain", "Breugel", 1)]
    assert [row["severity"] for row in report.to_dict()["rows"]] == ["error", "error", None]
    issue = report.issues[0]
    assert issue.message == report.issues[1].message == (
        "page 1: 'Son' stands between the rows of 'Laarbeek' and 'Breugel', and the page "
        "does not tell which name it is part of: read as part of the row above, "
        "'Laarbeek Son'")


def test_a_name_of_three_lines_with_its_figures_on_the_middle_one() -> None:
    # "aan den" cannot start a name, and cannot end one: "Capelle" goes with the row below,
    # "IJssel" with the row above (before: "Laarbeek Capelle", with no issue)
    text = WRAPPED_LAST_LINE.replace("Nuenen, Gerwen en\nNederwetten 1", "Capelle\naan den 1")
    text = text.replace("Oirschot", "IJssel\nOirschot")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == [
        "Laarbeek", "Capelle aan den IJssel", "Oirschot"]
    assert report.issues == ()


def test_names_between_their_figures_give_no_way_for_other_names_to_follow() -> None:
    # figures on the middle line of one name: the table sets no name by its first or last
    # line, so "Hoeksche" (gaps alike, no part that cannot end a name) is reported
    text = WRAPPED_LAST_LINE.replace("Nuenen, Gerwen en\nNederwetten 1", "Capelle\naan den 1")
    text = text.replace("Oirschot 2", "IJssel\nOirschot 2 2 2 2 8\nHoeksche\nWaard 2")
    text = text.replace("TOTAAL AMR 4 5 6 7 22", "TOTAAL AMR 6 7 8 9 30")
    text = text.replace("Hiervan is 22%", "Hiervan is 30%")
    (report,) = tp.parse_text(text)
    assert [row.municipality for row in report.rows] == [
        "Laarbeek", "Capelle aan den IJssel", "Oirschot Hoeksche", "Waard"]
    assert [(i.code, i.municipality) for i in report.issues] == [
        ("name_row_uncertain", "Oirschot Hoeksche"), ("name_row_uncertain", "Waard")]


def test_text_without_a_table_raises_no_table() -> None:
    with pytest.raises(tp.NoTableError) as caught:
        tp.parse_text("Jaarverslag 2020\nOmzet 2019 2020\nTotaal 12 13\n", source="jv.txt")
    assert caught.value.code == "no_table"
    assert str(caught.value).startswith("jv.txt: ")


def test_empty_text_raises_no_table() -> None:
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_text("")
    assert caught.value.code == "no_table"
    assert str(caught.value).startswith("<text>: ")


def test_total_line_without_heading_is_no_table() -> None:
    with pytest.raises(tp.NoTableError):
        tp.parse_text("Goes 1 2 3 4 10\nTOTAAL AMR 1 2 3 4 10\n")


def test_row_with_a_missing_figure_is_an_error_not_a_name() -> None:
    text = render(small(), figures={(0, 2): ""}).replace("  ", " ")
    with pytest.raises(tp.MalformedTableError, match=r"Goes 1 10 2 1\.013") as caught:
        tp.parse_text(text)
    assert caught.value.code == "malformed_table"


def test_table_without_total_line_is_an_error() -> None:
    text = "Vierde kwartaal 2020 Zeeland\nGoes 1 2 3 4 10\nVlissingen 1 2 3 4 10\n"
    with pytest.raises(tp.MalformedTableError, match="no TOTAAL AMR") as caught:
        tp.parse_text(text)
    assert caught.value.code == "malformed_table"


def test_table_whose_figures_run_together_is_an_error_not_left_out() -> None:
    # figures set so close that they read as one word: no line of the first table reads as
    # a row or a total line; the second table alone used to be returned, the first missing
    run_together = render(small()).replace("1 10 1.000 2 1.013", "1101.00021.013").replace(
        "2 20 1.001 2 1.025", "2201.00121.025").replace("3 30 2.001 4 2.038", "3302.00142.038")
    second = render(small("Drenthe", names=("Assen", "Emmen")))
    assert [r.region for r in tp.parse_text(second)] == ["Drenthe"]
    with pytest.raises(tp.MalformedTableError,
                       match=r"table of Zeeland: its TOTAAL line does not read as a total "
                             r"line .*'TOTAAL AMR 3302\.00142\.038'") as caught:
        tp.parse_text(run_together + "\f" + second)
    assert caught.value.code == "malformed_table"


def test_sentence_mentioning_a_quarter_is_not_a_heading() -> None:
    text = render(small()).replace(
        "Goes ", "Vierde kwartaal 2020 zijn de cijfers herzien.\n\nGoes ", 1)
    (report,) = tp.parse_text(text)
    assert report.region == "Zeeland"
    assert len(report.rows) == 2


def test_percentage_with_decimals_is_kept_exactly() -> None:
    text = regex.sub(r"Hiervan is \d+%", "Hiervan is 40,6%", render(small()))
    (report,) = tp.parse_text(text)
    assert str(report.known_pct) == "40.6"
    assert report.to_dict()["known_pct"] == 40.6


@pytest.mark.parametrize("misread", [
    ("doelgroepregister", "doelgraepregister"),  # a letter misread
    ("bevat het", "bevathet"),  # a space lost
    ("in totaal 7.124", "in totaal7.124"),  # a space lost before the figure
    ("arbeidsmarktregio", "arbeidsmasktregio"),
])
def test_a_footnote_as_ocr_misspells_its_words_is_still_the_footnote(
        seed_text: str, misread: tuple[str, str]) -> None:
    assert misread[0] in seed_text
    (report,) = tp.parse_text(seed_text.replace(*misread))
    assert (report.footnote, report.issues) == (
        tp.RegisterFootnote("West-Brabant", 7124, 71), ())
