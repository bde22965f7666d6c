"""The compliance report: figures, permissions, the page, the XLSX and the PDF."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ppid.core.errors import InvalidInput, NotAllowed
from ppid.procedures import reports, services
from ppid.procedures.constants import TaskStatus
from ppid.procedures.models import Procedure, Task

pytestmark = pytest.mark.django_db

ACTORS = [{"name": "Petugas", "role": "unit_officer"}, {"name": "PPID", "role": "ppid"}]
STEPS = [
    {"number": 1, "activity": "Mengidentifikasi informasi", "actors": ["Petugas"],
     "kind": "other"},
    {"number": 2, "activity": "Menyusun dokumen", "actors": ["Petugas"], "kind": "other",
     "time_amount": 1, "time_unit": "hours", "required_inputs": "Disposisi"},
    {"number": 3, "activity": "Melaporkan kepada PPID", "actors": ["PPID"], "kind": "other",
     "time_amount": 1, "time_unit": "hours"},
    {"number": 4, "activity": "Menyimpan sebagai arsip", "actors": ["PPID"], "kind": "other",
     "time_amount": 1, "time_unit": "hours"},
]


def _complete(user, task, **kwargs):
    completion = services.Completion(inputs_present=task.step.input_list, output_note="selesai",
                                     **kwargs)
    return services.complete_task(user, task, completion)


def _active(case) -> Task:
    return case.tasks.get(status=TaskStatus.ACTIVE)


@pytest.fixture
def case(people, make_item):
    ppid = people["ppid"]
    procedure = Procedure.objects.create(code="sop-kepatuhan")
    revision = services._new_revision(procedure, ppid)
    services.save_revision(ppid, revision, header={"name": "SOP Pendokumentasian",
                                                    "scope": "item"},
                           actors=ACTORS, steps=STEPS)
    revision = services.activate(ppid, revision)
    case = services.start_case(ppid, revision, item=make_item())
    now = timezone.now()
    # 1: no time standard.
    _complete(people["officer"], _active(case))
    Task.objects.filter(case=case, step__number=1).update(working_minutes=20)
    # 2: on time.
    _complete(people["officer"], _active(case))
    Task.objects.filter(case=case, step__number=2).update(working_minutes=30,
                                                           standard_minutes=60)
    # 3: late, with the executor's reason.
    Task.objects.filter(pk=_active(case).pk).update(started_at=now - timedelta(days=3),
                                                    due_at=now - timedelta(days=2))
    _complete(people["ppid"], _active(case), deviation_reason="Jaringan internet terputus")
    Task.objects.filter(case=case, step__number=3).update(working_minutes=180,
                                                           standard_minutes=60)
    # 4: still open, past its due time.
    Task.objects.filter(pk=_active(case).pk).update(started_at=now - timedelta(days=2),
                                                    due_at=now - timedelta(hours=1))
    return case


def _period():
    today = timezone.now().astimezone(reports.agency_zone()).date()
    return today - timedelta(days=1), today + timedelta(days=1)


def test_figures(case, people):
    start, end = _period()
    report = reports.compliance(people["ppid"], start=start, end=end)
    assert report.totals.count == 3 and report.totals.on_time == 2
    assert report.totals.late == 1 and report.totals.deviations == 1
    assert report.totals.rate == pytest.approx(2 / 3)
    (procedure,) = report.procedures
    assert procedure.name == "SOP Pendokumentasian"
    steps = {s.number: s.figures for s in procedure.steps}
    assert set(steps) == {1, 2, 3}
    assert not steps[1].has_standard and steps[1].on_time == 1
    assert steps[1].median_ratio is None and steps[1].median_minutes == 20
    assert steps[2].on_time == 1 and steps[2].median_minutes == 30
    assert steps[2].standard_minutes == 60 and steps[2].median_ratio == pytest.approx(0.5)
    assert steps[3].on_time == 0 and steps[3].worst_minutes == 180
    assert steps[3].worst_ratio == pytest.approx(3.0) and steps[3].deviations == 1
    executors = {e.name: e.figures for e in procedure.executors}
    assert executors["officer"].count == 2 and executors["officer"].on_time == 2
    assert executors["ppid"].count == 1 and executors["ppid"].on_time == 0
    assert executors["ppid"].deviations == 1
    (deviation,) = report.deviations
    assert deviation.reason == "Jaringan internet terputus"
    assert deviation.executor == "ppid" and deviation.step_number == 3
    (overdue,) = report.overdue
    assert overdue.step_number == 4 and overdue.assignee == "ppid"
    assert overdue.case_number == case.number
    assert reports.format_minutes(180) == "3 h 00 min"
    assert reports.format_minutes(45) == "45 min"
    assert reports.format_ratio(3) == "3.00×" and reports.format_rate(0.5) == "50%"


def test_period_and_procedure_filters(case, people):
    start, end = _period()
    earlier = reports.compliance(people["ppid"], start=start - timedelta(days=40),
                                 end=start - timedelta(days=10))
    assert earlier.totals.count == 0 and earlier.procedures == []
    other = Procedure.objects.create(code="lain")
    assert reports.compliance(people["ppid"], start=start, end=end,
                              procedure_id=other.pk).totals.count == 0
    assert reports.compliance(people["ppid"], start=start, end=end,
                              procedure_id=case.revision.procedure_id).totals.count == 3
    with pytest.raises(InvalidInput):
        reports.compliance(people["ppid"], start=end, end=start)


def test_default_period_is_the_current_month():
    first, last = reports.default_period(datetime(2025, 2, 14).date())
    assert (first.isoformat(), last.isoformat()) == ("2025-02-01", "2025-02-28")
    first, last = reports.default_period(datetime(2024, 12, 31).date())
    assert (first.isoformat(), last.isoformat()) == ("2024-12-01", "2024-12-31")


def test_permissions(case, people, client):
    start, end = _period()
    with pytest.raises(NotAllowed):
        reports.compliance(people["officer"], start=start, end=end)
    client.force_login(people["officer"])
    for url in ("/ruang-kerja/prosedur/kepatuhan/", "/ruang-kerja/prosedur/kepatuhan.xlsx",
                "/ruang-kerja/prosedur/kepatuhan.pdf"):
        assert client.get(url).status_code == 403
    client.force_login(people["admin"])  # manages procedures
    assert client.get("/ruang-kerja/prosedur/kepatuhan/").status_code == 200


def test_page(case, people, client):
    client.force_login(people["ppid"])
    response = client.get("/ruang-kerja/prosedur/kepatuhan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "SOP Pendokumentasian" in html and "Jaringan internet terputus" in html
    assert "no standard" in html and case.number in html
    assert "kepatuhan.xlsx" in html and "kepatuhan.pdf" in html
    start, end = _period()
    bad = client.get("/ruang-kerja/prosedur/kepatuhan/",
                     {"start": end.isoformat(), "end": start.isoformat()})
    assert bad.status_code == 400


def test_xlsx(case, people, client):
    client.force_login(people["ppid"])
    start, end = _period()
    response = client.get("/ruang-kerja/prosedur/kepatuhan.xlsx",
                          {"start": start.isoformat(), "end": end.isoformat()})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:4] == ["Ringkasan", "Per langkah", "Per pelaksana", "Penyimpangan"]
    summary = book["Ringkasan"]
    assert summary["A2"].value == "SOP Pendokumentasian" and summary["B2"].value == 3
    assert summary["A1"].font.bold and summary.freeze_panes == "A2"
    assert summary.column_dimensions["A"].width == 48
    steps = book["Per langkah"]
    assert steps.max_row == 4 and steps.freeze_panes == "A2"
    assert [steps.cell(row=r, column=3).value for r in range(2, 5)] == [1, 2, 3]
    assert steps.cell(row=4, column=13).value == pytest.approx(3.0)
    executors = book["Per pelaksana"]
    assert {executors.cell(row=r, column=2).value for r in range(2, 4)} == {"officer", "ppid"}
    deviations = book["Penyimpangan"]
    assert deviations.max_row == 2
    assert isinstance(deviations["A2"].value, datetime)
    assert deviations.cell(row=2, column=11).value == "Jaringan internet terputus"
    # The period as real dates (openpyxl reads a date cell back as midnight).
    values = [row[1] for row in summary.iter_rows(values_only=True) if len(row) > 1]
    assert datetime.combine(start, time.min) in values


def test_pdf(case, people, client):
    client.force_login(people["unit_ppid"])  # sees the audit log
    response = client.get("/ruang-kerja/prosedur/kepatuhan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
