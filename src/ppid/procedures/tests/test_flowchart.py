"""The swimlane flowchart and the printable SOP (HTML page and PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from ppid.procedures import documents, services
from ppid.procedures.flowchart import (
    BAND,
    FlowStep,
    Lanes,
    Rows,
    draw_flow,
    flowchart_svg,
    render_flowchart,
    text_width,
    wrap,
)
from ppid.procedures.models import Procedure

ACTORS = [{"name": "Petugas", "role": "unit_officer"}, {"name": "PPID", "role": "ppid"},
          {"name": "Atasan PPID", "role": "ppid_superior"}]
STEPS = [
    {"number": 1, "activity": "Mengidentifikasi informasi pada unit kerja", "actors": ["Petugas"],
     "kind": "other", "time_amount": 1, "time_unit": "hours", "required_inputs": "Disposisi",
     "output": "Daftar informasi"},
    {"number": 2, "activity": "Menyusun softcopy & hardcopy <dokumen>", "actors": ["Petugas",
                                                                               "PPID"],
     "kind": "other", "time_amount": 30, "time_unit": "minutes"},
    {"number": 3, "activity": "Memeriksa dan mengoreksi hasil dokumentasi",
     "actors": ["Atasan PPID"], "kind": "review", "time_amount": 1, "time_unit": "hours"},
    {"number": 4, "activity": "Menyimpan dokumen sebagai arsip", "actors": ["PPID"],
     "kind": "other", "notes": "Manual dan/atau digital"},
]


def make_revision(user, *, steps=STEPS, actors=ACTORS, name="SOP Pendokumentasian Informasi"):
    procedure = Procedure.objects.create(code="sop-uji")
    revision = services._new_revision(procedure, user)
    services.save_revision(user, revision, header={
        "name": name, "scope": "item", "sop_number": "045/PPID/2025",
        "agency_name": "PEMERINTAH PROVINSI KALIMANTAN TENGAH\nBADAN UJI",
        "made_on": date(2025, 1, 6), "effective_on": date(2025, 2, 3),
        "approved_by": "Kepala Badan", "legal_basis": ["UU 14/2008"],
        "qualifications": ["Memahami UU 14/2008"], "equipment": ["Komputer"],
        "warnings": ["Penyimpangan dipertanggungjawabkan pelaksana"],
        "recording": ["Elektronik"], "related": ["SOP Pelayanan Informasi"],
    }, actors=actors, steps=steps)
    return services.activate(user, revision)


def _rects(svg: str, css: str) -> list[tuple[float, float, float, float]]:
    """(x, y, width, height) of the <rect> of every group of class `css`."""
    found = []
    for match in re.finditer(rf'<g class="{css}"><rect x="([\d.]+)" y="([\d.]+)" '
                             r'width="([\d.]+)" height="([\d.]+)"', svg):
        found.append(tuple(float(v) for v in match.groups()))
    return found


def _lane_ranges(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(x) + float(w)) for x, w in re.findall(
        r'<rect class="fc-lane" x="([\d.]+)" y="0" width="([\d.]+)"', svg)]


# --------------------------------------------------------------------------------------------
# The flowchart on its own.
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_lane_per_actor_one_symbol_per_step_in_its_lane(people):
    revision = make_revision(people["ppid"])
    svg = flowchart_svg(revision)
    assert svg.startswith("<svg") and 'viewBox="0 0 ' in svg and 'width="100%"' in svg
    lanes = _lane_ranges(svg)
    assert len(lanes) == 3
    names = re.findall(r'class="fc-lane-name">([^<]*)</text>', svg)
    assert names == ["Petugas", "PPID", "Atasan PPID"]
    activities = _rects(svg, "fc-activity")
    # Step 1 in lane 0; step 2 repeated in lanes 0 and 1; step 4 in lane 1.
    centers = [x + w / 2 for x, _y, w, _h in activities]

    def lane_of(x):
        return next(i for i, (left, right) in enumerate(lanes) if left < x < right)

    assert [lane_of(x) for x in centers] == [0, 0, 1, 1]
    for x, _y, w, _h in activities:  # each symbol stays inside its lane
        lane = lanes[lane_of(x + w / 2)]
        assert lane[0] < x and x + w < lane[1]
    assert svg.count('class="fc-join"') == 1  # the two symbols of step 2, joined


@pytest.mark.django_db
def test_review_is_a_diamond_with_a_dashed_no_arrow_back(people):
    svg = flowchart_svg(make_revision(people["ppid"]))
    diamonds = re.findall(r'<g class="fc-decision"><polygon points="([^"]+)"', svg)
    assert len(diamonds) == 1
    xs = [float(p.split(",")[0]) for p in diamonds[0].split()]
    left, right = _lane_ranges(svg)[2]
    assert all(left < x < right for x in xs)  # in the Atasan PPID lane
    assert svg.count('class="fc-arrow fc-back"') == 1
    assert 'stroke-dasharray="3 2"' in svg
    assert svg.count('class="fc-no"') == 1 and svg.count('class="fc-yes"') == 1


@pytest.mark.django_db
def test_terminators_and_arrow_count(people):
    svg = flowchart_svg(make_revision(people["ppid"]))
    terminators = _rects(svg, "fc-terminator")
    assert len(terminators) == 2
    assert ">Start</text>" in svg and ">End</text>" in svg
    # Start above the first symbol, End below the last one.
    activities = _rects(svg, "fc-activity")
    assert terminators[0][1] < min(y for _x, y, _w, _h in activities)
    assert terminators[1][1] > max(y for _x, y, _w, _h in activities)
    forward = svg.count('<g class="fc-arrow">')
    assert forward == len(STEPS) + 1
    assert svg.count('class="fc-arrow fc-back"') == 1


@pytest.mark.django_db
def test_text_is_escaped_and_output_deterministic(people):
    actors = [{"name": "Petugas <Arsip> & Co", "role": "unit_officer"},
              {"name": "PPID", "role": "ppid"}]
    steps = [{"number": 1, "activity": "Cek <script>alert(1)</script>", "actors": [
        "Petugas <Arsip> & Co"], "kind": "other"}]
    revision = make_revision(people["ppid"], actors=actors, steps=steps, name="A < B")
    svg = flowchart_svg(revision)
    assert "<script>" not in svg and "<Arsip>" not in svg
    assert "Petugas &lt;Arsip&gt; &amp; Co" in svg
    assert "<title>A &lt; B</title>" in svg
    assert flowchart_svg(revision) == svg
    table = documents.step_table_svgs(revision)[0]
    assert "<script>" not in table and "Cek &lt;script&gt;alert(1)&lt;/script&gt;" in table


def test_back_arrow_to_a_step_in_another_lane_and_rows_line_up():
    names = ["A", "B", "C", "D"]
    steps = [FlowStep(1, "a", (0,)), FlowStep(2, "b", (1,)), FlowStep(3, "c", (2,)),
             FlowStep(4, "d", (3,), "review", 1), FlowStep(5, "e", ())]
    svg = render_flowchart(names, steps, lane_width=100)
    assert svg.count('<g class="fc-arrow">') == 6
    assert svg.count("fc-back") == 1
    # A step without an actor is drawn dashed across the lanes, not in a wrong lane.
    assert svg.count('stroke-dasharray="3 2"/>') >= 1
    # Symbols sit in the middle of their rows: same rows, same centres.
    lanes = Lanes(0, 100, 4)
    rows = Rows([0, 60, 120, 180, 240], [60 + BAND, 60, 60, 60, 60 + BAND])
    drawing = draw_flow(steps, lanes, rows)
    assert len(drawing.symbols) == 5 + 2


def test_wrap_measures_text():
    lines = wrap("Melakukan koordinasi dengan pejabat PPID dalam menghimpun data", 80)
    assert len(lines) > 1 and all(text_width(line) <= 80 for line in lines)
    assert wrap("x" * 200, 50, max_lines=2)[-1].endswith("…")


def test_long_procedures_continue_on_the_next_page_through_connectors():
    names = ["A", "B"]
    steps = [FlowStep(n, "x", (n % 2,)) for n in range(1, 4)]
    lanes = Lanes(0, 100, 2)
    first = draw_flow(steps, lanes, Rows([0, 50], [50 + BAND, 50 + BAND], first=0),
                      page_break_labels={2: "A"})
    second = draw_flow(steps, lanes, Rows([0], [50 + 2 * BAND], first=2),
                       page_break_labels={2: "A"})
    assert any("fc-connector" in s for s in first.symbols)
    assert any("fc-connector" in s for s in second.symbols)
    assert any(">End<" in s for s in second.symbols)
    assert not any(">Start<" in s for s in second.symbols)
    del names


# --------------------------------------------------------------------------------------------
# The printable document.
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_document_page_for_staff(client, people, agency):
    revision = make_revision(people["ppid"])
    client.force_login(people["officer"])
    response = client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("045/PPID/2025", "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
                 "Peralatan/Perlengkapan", "Peringatan", "Pencatatan dan Pendataan",
                 "UU 14/2008", "Mutu Baku", "Kelengkapan", "Keterangan",
                 f"/ruang-kerja/prosedur/{revision.pk}/dokumen.pdf", agency.name):
        assert text in html
    assert html.count('class="sop-table"') == 1


@pytest.mark.django_db
def test_document_needs_a_position(client, people):
    revision = make_revision(people["ppid"])
    response = client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen/")
    assert response.status_code == 302
    client.force_login(people["nobody"])
    assert client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen/").status_code == 403
    assert client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen.pdf").status_code == 403


@pytest.mark.django_db
def test_document_pdf(client, people, agency, tmp_path):
    revision = make_revision(people["ppid"])
    client.force_login(people["web"])
    response = client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="SOP-sop-uji-rev1.pdf"'
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        html = client.get(f"/ruang-kerja/prosedur/{revision.pk}/dokumen/").content.decode()
        text = re.sub(r"<[^>]+>", " ", html)
    else:
        path = tmp_path / "sop.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    flat = " ".join(text.split()).replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&")
    assert revision.name in flat
    for step in STEPS:
        assert step["activity"] in flat


@pytest.mark.django_db
def test_document_pdf_of_a_long_procedure_takes_several_pages(people):
    steps = [{"number": n, "activity": f"Kegiatan nomor {n} " + "dengan uraian panjang " * 6,
              "actors": ["Petugas" if n % 2 else "PPID"], "kind": "other"}
             for n in range(1, 19)]
    revision = make_revision(people["ppid"], steps=steps)
    pages = documents.step_table_svgs(revision, printable=True)
    assert len(pages) > 1
    assert all('width="785pt"' in page for page in pages)
    assert sum(page.count('<g class="fc-activity">') for page in pages) == 18
    assert sum(page.count("fc-connector") for page in pages) == 2 * (len(pages) - 1)
    assert documents.render_pdf(revision).startswith(b"%PDF")
