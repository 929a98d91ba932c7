"""Bilingual files (XLIFF 1.2/2.0, TMX, PO, TSV/CSV) and `integfacts compare FILE`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from integfacts.cli import main
from integfacts.formats import (
    BilingualFileError,
    compare_file,
    read_bilingual,
    render_segments,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="vi">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Rice exports fell <pc id="1">4.5%</pc> to 7.2 million tonnes.</source>
        <target>Xuất khẩu gạo giảm <pc id="1">4,5%</pc> xuống 7,2 triệu tấn.</target>
      </segment>
      <segment id="s2">
        <source>They were worth 4.4 billion dollars.</source>
        <target>Trị giá 44 tỷ USD.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment><source>Not translated yet: 12 ships.</source></segment>
    </unit>
  </file>
</xliff>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestReading:
    """Each format gives its segments, ids and languages."""

    def test_xliff_12_example(self) -> None:
        """The XLIFF 1.2 example: region codes dropped, inline <g> read as text."""
        f = read_bilingual(EXAMPLES / "translation.xlf")
        assert (f.format, f.source_lang, f.target_lang) == ("xliff-1.2", "en", "id")
        assert [s[0] for s in f.segments] == ["1", "2", "3", "4"]
        assert "1,2 miliar dolar AS" in f.segments[2][2]

    def test_xliff_20_segments_and_untranslated_units(self, tmp_path: Path) -> None:
        """XLIFF 2.0: unit/segment ids; a unit without a target is skipped."""
        f = read_bilingual(_write(tmp_path, "a.xliff", XLIFF2))
        assert (f.format, f.source_lang, f.target_lang) == ("xliff-2.0", "en", "vi")
        assert [s[0] for s in f.segments] == ["u1/s1", "u1/s2"]
        assert f.segments[0][1] == "Rice exports fell 4.5% to 7.2 million tonnes."

    def test_tmx_example(self) -> None:
        """TMX: header srclang, the other tuv is the translation, tuid is the id."""
        f = read_bilingual(EXAMPLES / "translation.tmx")
        assert (f.format, f.source_lang, f.target_lang) == ("tmx", "en", "vi")
        assert f.segments[0][0] == "heat-1"

    def test_po_example(self) -> None:
        """PO: msgctxt is the id; Language and X-Source-Language headers."""
        f = read_bilingual(EXAMPLES / "translation.po")
        assert (f.format, f.source_lang, f.target_lang) == ("po", "en", "fa")
        assert [s[0] for s in f.segments] == ["quake-1", "quake-2", "quake-3"]

    def test_po_without_context_uses_line_numbers(self, tmp_path: Path) -> None:
        """An entry without msgctxt is named by its line; untranslated entries are skipped."""
        po = 'msgid ""\nmsgstr ""\n"Language: id\\n"\n\nmsgid "12 ships"\nmsgstr "12 kapal"\n\n'
        po += 'msgid "3 boats"\nmsgstr ""\n'
        f = read_bilingual(_write(tmp_path, "a.po", po))
        assert f.segments == (("line 5", "12 ships", "12 kapal"),)
        assert f.target_lang == "id"

    @pytest.mark.parametrize(
        ("name", "text", "langs", "ids"),
        [
            ("a.tsv", "en\tid\n12 ships\t12 kapal\n", ("en", "id"), ["2"]),
            ("a.tsv", "id\ten\tid\nx1\t12 ships\t12 kapal\n", ("en", "id"), ["x1"]),
            ("a.csv", "source,target\n12 ships,12 kapal\n", (None, None), ["2"]),
            ("a.csv", "12 ships,12 kapal\n3 boats,3 perahu\n", (None, None), ["1", "2"]),
        ],
    )
    def test_tables(
        self,
        tmp_path: Path,
        name: str,
        text: str,
        langs: tuple[str | None, str | None],
        ids: list[str],
    ) -> None:
        """TSV/CSV: language codes or source/target in a header row, or no header."""
        f = read_bilingual(_write(tmp_path, name, text))
        assert (f.source_lang, f.target_lang) == langs
        assert [s[0] for s in f.segments] == ids

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            ("a.docx", "x", "unknown bilingual file type"),
            ("a.xlf", "<xliff><file>", "not a well-formed, safe XML file"),
            (
                "a.tmx",
                '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><tmx>&a;</tmx>',
                "not a well-formed, safe XML file",
            ),
            ("a.csv", "lang,words\n12 ships,12 kapal\n", None),
            ("a.csv", "source,target,id\nonly one cell\n", "not a pair"),
            ("a.csv", "source,notes\n12 ships,x\n", "names no source and target"),
        ],
    )
    def test_bad_files(self, tmp_path: Path, name: str, text: str, message: str | None) -> None:
        """A bad file is a BilingualFileError naming the file (or a plain table, read as such)."""
        path = _write(tmp_path, name, text)
        if message is None:
            assert len(read_bilingual(path).segments) == 2  # no header: two pairs
            return
        with pytest.raises(BilingualFileError, match=message) as info:
            read_bilingual(path)
        assert str(path) in str(info.value)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a FileNotFoundError naming it."""
        with pytest.raises(FileNotFoundError, match="no such file"):
            read_bilingual(tmp_path / "none.po")


class TestChecking:
    """compare_file reports per segment, with the file's ids."""

    def test_xliff_example_catches_the_planted_slip(self) -> None:
        """Segment 3 of the XLIFF example: million vs billion; the rest kept."""
        res = compare_file(EXAMPLES / "translation.xlf")
        assert [r.id for r in res if not r.ok] == ["3"]
        bad = res[2].report.contradictions
        assert [f.diagnosis.value for f in bad] == ["million_billion"]
        assert (bad[0].claims[0].text, bad[0].claims[1].text) == (
            "1.2 million dollars",
            "1,2 miliar dolar AS",
        )

    @pytest.mark.parametrize("name", ["translation.tmx", "translation.po"])
    def test_faithful_examples(self, name: str) -> None:
        """The TMX and PO examples keep every figure (units converted)."""
        res = compare_file(EXAMPLES / name)
        assert all(r.ok for r in res)
        assert sum(len(r.report.agreements) for r in res) == 6

    def test_xliff_20_changed_figure(self, tmp_path: Path) -> None:
        """XLIFF 2.0: '4.4 billion' rendered '44 tỷ' is a scale slip in u1/s2."""
        res = compare_file(_write(tmp_path, "a.xlf", XLIFF2))
        assert [(r.id, r.ok) for r in res] == [("u1/s1", True), ("u1/s2", False)]
        assert res[1].report.contradictions[0].diagnosis.value == "scale_slip"

    def test_languages_detected_or_refused(self, tmp_path: Path) -> None:
        """A table without languages is detected; an unsupported stated language is refused."""
        path = _write(
            tmp_path,
            "a.csv",
            'Exports rose 9.6 percent this year.,"Ekspor naik 9,6 persen tahun ini."\n',
        )
        assert [r.ok for r in compare_file(path)] == [True]
        bad = _write(tmp_path, "b.tsv", "en\tde\n12 ships\t12 Schiffe\n")
        with pytest.raises(BilingualFileError, match="'de' is not supported"):
            compare_file(bad)

    def test_render(self) -> None:
        """Text and Markdown list the problem segments; JSON has every segment."""
        res = compare_file(EXAMPLES / "translation.xlf")
        text = render_segments(res, fmt="text", path="translation.xlf")
        assert text.splitlines()[0].startswith("translation.xlf: 4 segments, 1 with a problem")
        assert "segment 3: CONTRADICT (million_billion)" in text
        assert "»1,2 miliar dolar AS«" in text
        md = render_segments(res, fmt="markdown")
        assert "| 3 |" in md
        data = json.loads(render_segments(res, fmt="json"))
        assert [s["ok"] for s in data["segments"]] == [True, True, False, True]
        assert data["segments"][2]["findings"][0]["translation"]["text"] == "1,2 miliar dolar AS"
        with pytest.raises(ValueError, match="unknown format"):
            render_segments(res, fmt="html")


class TestCommandLine:
    """`integfacts compare FILE`."""

    def test_exit_status_and_report(self) -> None:
        """1 with the slip reported per segment; 0 for a faithful file."""
        code, out, _ = _cli("compare", str(EXAMPLES / "translation.xlf"))
        assert code == 1
        assert "segment 3: CONTRADICT" in out
        code, out, _ = _cli("compare", str(EXAMPLES / "translation.po"), "--format", "json")
        assert code == 0
        assert json.loads(out)["summary"]["segments"] == 3

    def test_bad_file_and_format(self, tmp_path: Path) -> None:
        """A bad file is one error line (exit 1); HTML is refused for a bilingual file (exit 2)."""
        code, _, err = _cli("compare", str(_write(tmp_path, "a.xlf", "<x")))
        assert code == 1
        assert err.startswith("integfacts: error:")
        assert "Traceback" not in err
        code, _, err = _cli("compare", str(EXAMPLES / "translation.po"), "--format", "html")
        assert code == 2
        assert "not available for a bilingual file" in err

    def test_two_files_still_compare(self, tmp_path: Path) -> None:
        """The two-file form is unchanged."""
        a = _write(tmp_path, "a.txt", "Ekspor naik 9,6% pada 2024.")
        b = _write(tmp_path, "b.txt", "Exports rose 9.6% in 2024.")
        code, _, _ = _cli("compare", str(a), str(b))
        assert code == 0
